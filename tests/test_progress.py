"""Build progress as people see it: a bar on a terminal, plain lines in logs."""

from __future__ import annotations

import io

from episodes.progress import PLAIN_EVERY_SECONDS, ClickProgress


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_it_prints_a_plain_line_every_few_seconds() -> None:
    log, clock = io.StringIO(), _Clock()
    progress = ClickProgress(log, clock)
    progress.start(episodes=3, segments=30)
    for n in range(30):
        clock.now += 1.0  # a segment a second
        progress.segment(6.0, synthesized=True)
        if n % 10 == 9:
            progress.episode_done(f"Episode {n // 10}")
    progress.finish()
    lines = log.getvalue().splitlines()
    assert len(lines) == 30 // PLAIN_EVERY_SECONDS + 1, lines
    assert lines[0] == (
        "Narrating: 0/3 episodes, 0.5 min of audio, 5/30 segments synthesized, about 0:25 left"
    )
    assert lines[-1] == "Narrating: 3/3 episodes, 3.0 min of audio, 30/30 segments synthesized"


def test_cached_segments_count_as_audio_not_as_work_left() -> None:
    log, clock = io.StringIO(), _Clock()
    progress = ClickProgress(log, clock)
    progress.start(episodes=1, segments=2)
    for synthesized in (False, False, True, True):
        clock.now += 3.0
        progress.segment(30.0, synthesized)
    progress.episode_done("One")
    progress.finish()
    assert log.getvalue().splitlines()[-1] == (
        "Narrating: 1/1 episodes, 2.0 min of audio, 2/2 segments synthesized"
    )


def test_on_a_terminal_it_draws_one_bar_for_the_build() -> None:
    screen = _Terminal()
    progress = ClickProgress(screen, _Clock())
    progress.start(episodes=2, segments=4)
    for _ in range(4):
        progress.segment(15.0, synthesized=True)
    progress.episode_done("One")
    progress.episode_done("Two")
    progress.finish()
    drawn = screen.getvalue()
    assert "Narrating 2 episodes" in drawn
    assert "4/4" in drawn and "2/2 episodes, 1.0 min of audio" in drawn
    assert "Narrating:" not in drawn, "no plain lines on a terminal"
