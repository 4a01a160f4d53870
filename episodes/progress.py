"""Progress of a build on stderr: episodes done, segments, minutes of audio, time left.

On a terminal it is one bar for the whole build. Elsewhere (cron, CI, a log file) a bar
cannot redraw, so it prints a plain line at most every PLAIN_EVERY_SECONDS, and one when
the build's narration ends.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

from episodes.narration import Progress

PLAIN_EVERY_SECONDS = 5.0


class ClickProgress(Progress):
    """The build's progress for people: a click bar, or plain lines when not on a terminal."""

    def __init__(
        self, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream or sys.stderr
        self.clock = clock
        self._bar: Any = None
        self._episodes = self._done = self._total = self._made = 0
        self._seconds = 0.0
        self._started = self._last_line = 0.0

    def start(self, episodes: int, segments: int) -> None:
        self._episodes, self._total = episodes, segments
        self._done = self._made = 0
        self._seconds = 0.0
        self._started = self._last_line = self.clock()
        if self._terminal():
            self._bar = click.progressbar(
                length=max(1, segments),
                label=f"Narrating {episodes} episode{'s' if episodes != 1 else ''}",
                file=self.stream,
                show_pos=True,
                show_eta=True,
                item_show_func=lambda _: self._summary(),
            )
            self._bar.__enter__()

    def segment(self, audio_seconds: float, synthesized: bool) -> None:
        self._seconds += audio_seconds
        if synthesized:
            self._made += 1
            if self._bar is not None:
                self._bar.update(1, current_item=self._made)
        if self._bar is None and self.clock() - self._last_line >= PLAIN_EVERY_SECONDS:
            self._line()

    def episode_done(self, title: str) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.render_progress()

    def finish(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
        elif self._episodes:
            self._line()
        self._episodes = 0

    def _terminal(self) -> bool:
        isatty = getattr(self.stream, "isatty", None)
        return bool(isatty and isatty())

    def _summary(self) -> str:
        return f"{self._done}/{self._episodes} episodes, {self._seconds / 60:.1f} min of audio"

    def _line(self) -> None:
        """One plain line: what is done, and the time left at the rate so far."""
        now = self.clock()
        self._last_line = now
        eta = ""
        if 0 < self._made < self._total:
            left = (now - self._started) / self._made * (self._total - self._made)
            eta = f", about {_clock_time(left)} left"
        click.echo(
            f"Narrating: {self._summary()}, {self._made}/{self._total} segments synthesized{eta}",
            file=self.stream,
        )


def _clock_time(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
