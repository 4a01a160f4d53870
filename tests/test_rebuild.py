"""Incremental rebuilds, the segment cache, and what a built episode carries.

Real Piper narrates a short article with headings; synthesis calls are counted at the
engine, so "nothing changed" means nothing was synthesized.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import write
from lxml import etree

from audio.engines.piper_engine import PiperEngine, bundled_voice_files
from audio.ffmpeg import run_ffmpeg_report
from audio.loudness import measure
from audio.tags import read_chapters

ARTICLE = """# Harbour Notes

The harbour opened at dawn. Boats left for the islands.

## The market

Fish was cheap this week. The stalls closed early.

## The weather

Rain is coming on Friday. Bring a coat.
"""


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text Piper synthesizes (builds run with --jobs 1, in this process)."""
    calls: list[str] = []
    real = PiperEngine.synthesize

    def counting(self: PiperEngine, text: str):  # type: ignore[no-untyped-def]
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(PiperEngine, "synthesize", counting)
    return calls


def build(run: Callable[..., Result], show: Path, *args: str) -> Result:
    result = run("build", "--jobs", "1", *args, cwd=show)
    assert result.exit_code == 0, result.stderr
    return result


def episode(show: Path) -> dict:
    return json.loads(next((show / "articles").glob("*/episode.json")).read_text())


@pytest.fixture
def built(run: Callable[..., Result], show_dir: Path, tmp_path: Path, counted: list[str]) -> Path:
    assert run("add", str(write(tmp_path / "notes.md", ARTICLE)), cwd=show_dir).exit_code == 0
    build(run, show_dir)
    return show_dir


def test_cache_nothing_changed_one_paragraph_edited_voice_changed(
    run: Callable[..., Result], built: Path, counted: list[str], tmp_path: Path
) -> None:
    first = episode(built)
    assert len(counted) == len(first["segment_keys"]) == 9

    counted.clear()
    assert "Nothing new to narrate" in build(run, built).stdout
    assert counted == []

    text = next((built / "articles").glob("*/article.txt"))
    text.write_text(text.read_text().replace("Fish was cheap this week.", "Fish was dear."))
    counted.clear()
    result = build(run, built)
    assert counted == ["Fish was dear."]
    assert "1 synthesized, 8 from the cache" in result.stdout
    second = episode(built)
    assert second["file"] != first["file"], "a re-rendered episode gets a new URL"
    assert (built / "public" / first["file"]).is_file(), "the old URL keeps serving"

    model, config = bundled_voice_files()  # the same voice under another name: a new voice
    other = tmp_path / "voices" / "en_US-other-medium.onnx"
    other.parent.mkdir()
    shutil.copy(model, other)
    shutil.copy(config, other.with_name(other.name + ".json"))
    counted.clear()
    build(run, built, "--voice", str(other))
    assert len(counted) == 9


def test_cache_stats_and_prune(run: Callable[..., Result], built: Path) -> None:
    text = next((built / "articles").glob("*/article.txt"))
    text.write_text(text.read_text().replace("Bring a coat.", "Bring an umbrella."))
    build(run, built)
    stats = run("cache", "--stats", cwd=built).stdout
    assert re.search(r"Cache: 10 segments, [\d.]+ MB; 1 unused", stats), stats
    pruned = run("cache", "--prune", cwd=built).stdout
    assert "Removed 1 segments" in pruned and "Cache: 9 segments" in pruned


def test_episode_loudness_chapters_and_transcripts(built: Path) -> None:
    record = episode(built)
    public = built / "public"
    mp3 = public / record["file"]

    heard = measure(mp3)  # ebur128=peak=true on the final MP3
    assert -17 <= heard.integrated <= -15
    assert heard.true_peak <= -1
    assert record["loudness"]["integrated_lufs"] == heard.integrated
    applied = record["loudness"]["filters"]  # exactly what ffmpeg ran, for an audit
    assert f"volume={record['loudness']['gain_db']:.2f}dB" in applied and "alimiter" in applied

    chapters_json = json.loads((public / record["chapters"]).read_text())
    in_id3 = read_chapters(mp3)
    assert [c.title for c in in_id3] == ["Harbour Notes", "The market", "The weather"]
    assert [c["title"] for c in chapters_json["chapters"]] == [c.title for c in in_id3]
    for ours, theirs in zip(in_id3, chapters_json["chapters"], strict=True):
        assert ours.start == pytest.approx(theirs["startTime"], abs=0.001)

    transcript = json.loads((public / record["transcripts"]["application/json"]).read_text())
    assert transcript["version"] == "1.0.0"
    vtt = (public / record["transcripts"]["text/vtt"]).read_text()
    assert vtt.startswith("WEBVTT")
    assert "Fish was cheap this week." in vtt

    # Every segment's start and end lies within 50 ms of a silence edge in the audio.
    report = run_ffmpeg_report(
        ["-i", str(mp3), "-af", "silencedetect=noise=-45dB:d=0.2", "-f", "null", "-"]
    )
    edges = [float(x) for x in re.findall(r"silence_(?:start|end): (-?[\d.]+)", report)]
    for segment in transcript["segments"]:
        for moment in (segment["startTime"], segment["endTime"]):
            assert min(abs(moment - edge) for edge in edges) <= 0.05, (moment, segment)


def test_article_without_headings_has_no_chapters(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "plain.txt", "A Short Note\n\nThe bridge opens on Monday.\n")
    assert run("add", str(source), cwd=show_dir).exit_code == 0
    build(run, show_dir)
    record = episode(show_dir)
    assert record["chapters"] is None
    assert read_chapters(show_dir / "public" / record["file"]) == []


def test_narrated_show_feed_has_transcripts_chapters_and_validates(
    run: Callable[..., Result], built: Path
) -> None:
    """The feed of a show Piper really narrated: Podcasting 2.0 tags, and validate passes."""
    record = episode(built)
    feed = etree.parse(str(built / "public" / "feed.xml")).getroot()
    item = feed.find("channel/item")
    assert item is not None
    ns = {"podcast": "https://podcastindex.org/namespace/1.0"}
    base = "https://example.com/pod/"
    transcripts = {t.get("type"): t.get("url") for t in item.findall("podcast:transcript", ns)}
    assert transcripts == {kind: base + path for kind, path in record["transcripts"].items()}
    chapters = item.find("podcast:chapters", ns)
    assert chapters is not None and chapters.get("url") == base + record["chapters"]
    description = item.findtext("description") or ""
    assert "00:00 Harbour Notes" in description and "The market" in description

    checked = run("validate", cwd=built)
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "0 error(s)" in checked.stderr
    as_json = run("validate", "--json", cwd=built)
    assert as_json.exit_code == 0
    assert all(f["severity"] == "warning" for f in json.loads(as_json.stdout))
