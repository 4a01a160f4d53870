"""One narrator for the whole build: one pool, each script built once, one engine choice.

Builds run real Piper in real worker processes; the pool and the script builder are
watched (not replaced) to count how often a build starts them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import write
from fake_google import batchexecute_body, make_response

import audio.episode
import audio.executors
from audio.cache import SegmentCache
from audio.engines.base import Speech
from audio.executors import InProcess
from audio.narrate import Narrator
from episodes.produce import build_show
from episodes.show import load_show

ARTICLES = {
    "harbour.md": "# Harbour Notes\n\nThe harbour opened at dawn. Boats left early.\n",
    "market.md": "# Market Day\n\nFish was cheap this week. The stalls closed at noon.\n",
    "weather.md": "# Weather Watch\n\nRain is coming on Friday. Bring a coat.\n",
}


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every process pool a build starts (the real pool, counted)."""
    started: list[object] = []
    real = audio.executors.ProcessPoolExecutor

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            started.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(audio.executors, "ProcessPoolExecutor", Counted)
    return started


@pytest.fixture
def scripts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of blocks of every script built."""
    built: list[int] = []
    real = audio.episode.build_script

    def counting(blocks, *args, **kwargs):  # type: ignore[no-untyped-def]
        blocks = list(blocks)
        built.append(len(blocks))
        return real(blocks, *args, **kwargs)

    monkeypatch.setattr(audio.episode, "build_script", counting)
    return built


def add_articles(run: Callable[..., Result], show: Path, tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        result = run("add", str(write(tmp_path / name, text)), cwd=show)
        assert result.exit_code == 0, result.stderr


def test_one_pool_and_one_script_per_article_for_the_whole_build(
    run: Callable[..., Result],
    show_dir: Path,
    tmp_path: Path,
    pools: list[object],
    scripts: list[int],
) -> None:
    add_articles(run, show_dir, tmp_path)
    report = build_show(load_show(show_dir), jobs=2)
    assert len(report.built) == 3
    assert len(pools) == 1, "the workers start once per build, not once per article"
    assert len(scripts) == 3, "each article's script is built once"
    for entry in report.built:
        assert entry.episode is not None and entry.episode.inputs_key

    pools.clear()
    scripts.clear()
    again = build_show(load_show(show_dir), jobs=2)
    assert again.built == []
    assert pools == [], "nothing to narrate starts no worker"
    assert scripts == [], "unchanged inputs are not even scripted"


def test_an_upgrade_that_scripts_the_same_keeps_the_episode(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path, scripts: list[int]
) -> None:
    add_articles(run, show_dir, tmp_path)
    first = {e.slug: e.episode for e in build_show(load_show(show_dir), jobs=1).built}
    for folder in (show_dir / "articles").iterdir():  # as if made by another version
        record = json.loads((folder / "episode.json").read_text())
        record["inputs_key"] = "0" * 64
        (folder / "episode.json").write_text(json.dumps(record))
    scripts.clear()
    assert build_show(load_show(show_dir), jobs=1).built == []
    assert len(scripts) == 3, "changed inputs are planned again"
    for folder in (show_dir / "articles").iterdir():
        record = json.loads((folder / "episode.json").read_text())
        episode = first[folder.name]
        assert episode is not None
        assert record["file"] == episode.file, "the same audio keeps its file and URL"
        assert record["inputs_key"] == episode.inputs_key


class _Voice:
    """An engine that says each text as its length in samples, counting its calls."""

    name, voice, language, phonemes, max_words, max_chars, sample_rate = (
        "count", "count", "en", False, 40, 280, 8000,
    )  # fmt: skip

    def __init__(self) -> None:
        self.spoken: list[str] = []

    def synthesize(self, text: str) -> Speech:
        self.spoken.append(text)
        return Speech(bytes(2 * len(text)), self.sample_rate)

    def cache_identity(self) -> dict[str, str]:
        return {"engine": self.name}

    def spec(self) -> tuple[str, str | None, dict[str, object]]:
        return self.name, None, {}


class _Watched(InProcess):
    """Synthesis in this process, recording what is sent and when."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    def submit(self, engine, text):  # type: ignore[no-untyped-def]
        self.sent.append(text)
        return super().submit(engine, text)


def test_the_narrator_sends_each_missing_segment_once_in_order(tmp_path: Path) -> None:
    voice, executor = _Voice(), _Watched()
    cache = SegmentCache(tmp_path / "cache")
    with Narrator(executor, cache) as narrator:
        warm = narrator.add(voice, ["By the desk."])
        assert [s.pcm for s in narrator.speeches(warm)] == [bytes(24)]
        first = narrator.add(voice, ["One.", "By the desk.", "Two."])
        second = narrator.add(voice, ["Three.", "Two.", "Four."])
        assert narrator.missing(first) == 2 and narrator.missing(second) == 3
        said = [len(s.pcm) // 2 for s in narrator.speeches(first)]
        # the workers were given the next episode's segments before this one was done
        assert executor.sent[:5] == ["By the desk.", "One.", "Two.", "Three.", "Four."]
        said += [len(s.pcm) // 2 for s in narrator.speeches(second)]
    assert said == [4, 12, 4, 6, 4, 5]
    assert voice.spoken == ["By the desk.", "One.", "Two.", "Three.", "Four."]
    assert (first.count.cached, first.count.synthesized) == (1, 2)
    assert (second.count.cached, second.count.synthesized) == (1, 2), "a repeat is made once"


def test_the_narrator_keeps_a_bounded_window_ahead() -> None:
    voice, executor = _Voice(), _Watched()
    with Narrator(executor) as narrator:
        texts = [f"Sentence {n}." for n in range(500)]
        batch = narrator.add(voice, texts)
        speeches = narrator.speeches(batch)
        next(speeches)
        assert len(executor.sent) == narrator.window
        assert len(list(speeches)) == 499
    assert executor.sent == texts


def test_preview_narrate_and_build_read_with_the_show_engine(
    run: Callable[..., Result],
    show_dir: Path,
    tmp_path: Path,
    google: Callable[..., object],
    tone_mp3: bytes,
) -> None:
    fake = google(lambda request: make_response(request, 200, batchexecute_body(tone_mp3)))
    toml = show_dir / "show.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'engine = "piper"' in text
    toml.write_text(text.replace('engine = "piper"', 'engine = "gtts"'), encoding="utf-8")
    article = write(tmp_path / "harbour.md", ARTICLES["harbour.md"])

    preview = run("preview", "--json", str(article), cwd=show_dir)
    assert preview.exit_code == 0, preview.stderr
    shown = json.loads(preview.stdout)
    assert (shown["engine"], shown["voice"]) == ("gtts", "en")

    narrated = run("narrate", str(article), "-o", str(tmp_path / "one.mp3"), cwd=show_dir)
    assert narrated.exit_code == 0, narrated.stderr
    asked = len(fake.requests)  # type: ignore[attr-defined]
    assert asked == len(shown["segments"]), "narrate spoke every previewed segment with gTTS"

    assert run("add", str(article), cwd=show_dir).exit_code == 0
    built = run("build", cwd=show_dir)
    assert built.exit_code == 0, built.stderr
    episode = json.loads(next((show_dir / "articles").glob("*/episode.json")).read_text())
    assert (episode["engine"], episode["voice"]) == ("gtts", "en")
    assert len(fake.requests) == 2 * asked  # type: ignore[attr-defined]
