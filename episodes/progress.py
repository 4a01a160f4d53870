"""Progress of narration on stderr: segments done, minutes of audio made, time left."""

from __future__ import annotations

import sys
from typing import Any

import click

from episodes.narration import Progress


class ClickProgress(Progress):
    """A click progress bar per article (a single line when stderr is not a terminal)."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._seconds = 0.0

    def start(self, label: str, total: int) -> None:
        self._seconds = 0.0
        short = label if len(label) <= 40 else label[:39] + "…"
        self._bar = click.progressbar(
            length=total,
            label=f"Narrating {short!r}",
            file=sys.stderr,
            show_pos=True,
            show_eta=True,
            item_show_func=lambda _: f"{self._seconds / 60:.1f} min of audio",
        )
        self._bar.__enter__()

    def advance(self, audio_seconds: float) -> None:
        self._seconds += audio_seconds
        if self._bar is not None:
            self._bar.update(1, current_item=self._seconds)

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
