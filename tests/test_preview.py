"""`presscast preview` and the voice/language match, as a producer meets them."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import DATA, STORY, write
from fake_google import FakeGoogle, batchexecute_body, make_response
from test_cli import one_line_error

GERMAN = """# Neue Bücher für die Stadtbibliothek

Die Stadtbibliothek hat am Dienstag 2.500 neue Bücher bekommen. Die Leiterin sagte, dass
die Kinderabteilung am meisten davon profitiert.

Ab März ist die Bibliothek auch sonntags geöffnet, von 10 bis 16 Uhr.
"""


def test_preview_shows_drops_and_spoken_text(run: Callable[..., Result]) -> None:
    result = run("preview", str(DATA / "river-town-budget.txt"))
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Title:    River Town Votes on a New Budget for Parks and Libraries" in out
    assert "Language: English (en)" in out
    assert "Dropped (8):" in out
    assert "[comment form]" in out and "Leave a Reply" in out
    assert "[share prompt]" in out and "Share this:" in out
    spoken = out.split("Spoken:", 1)[1]
    assert "# River Town Votes on a New Budget for Parks and Libraries" in spoken
    assert "More than two hundred people came to the meeting" in spoken
    # The share bar and the boxes inside the article do not end it: its last paragraph stays.
    assert "the lights in the old hall were turned off" in spoken
    for junk in ("Share this", "Facebook", "Leave a Reply", "cookies", "All rights reserved"):
        assert junk not in spoken


def test_preview_json_for_tools(run: Callable[..., Result]) -> None:
    result = run("preview", "--json", str(DATA / "river-town-budget.txt"))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["language"] == "en" and data["engine"] == "piper"
    assert {d["rule"] for d in data["dropped"]} >= {"comment form", "share prompt", "copyright"}
    segments = data["segments"]
    assert segments[0]["kind"] == "heading"
    assert all(len(s["text"].split()) <= 40 for s in segments)
    assert all(s["pause_after_ms"] > 0 for s in segments)


def test_preview_json_carries_the_blocks_as_written_and_every_drop(
    run: Callable[..., Result], tmp_path: Path
) -> None:
    from episodes.ingest import load_source, read_article

    money = "The repairs will cost $48.2 million over ten years, the board said on Tuesday."
    story = [*STORY[:2], money, *STORY[2:]]
    lines = ["Home", "News", "Sport", "Weather", *story, "Most read", "Privacy policy"]
    source = write(tmp_path / "copy.txt", "\n".join(lines))
    data = json.loads(run("preview", "--json", str(source)).stdout)
    article = read_article(load_source(str(source)))
    assert data["blocks"] == [{"kind": b.kind, "text": b.text} for b in article.blocks]
    assert {"kind": "paragraph", "text": STORY[0]} in data["blocks"]
    assert {"kind": "paragraph", "text": money} in data["blocks"]  # before normalization
    dropped = {d["text"]: d for d in data["dropped"]}
    assert set(dropped) >= {"Home", "News", "Most read"}
    assert dropped["Most read"]["rule"] == "related links"
    assert all(
        d["detail"].startswith("score ") for d in data["dropped"] if d["rule"] == "classifier"
    )


def test_keep_all_keeps_junk(run: Callable[..., Result]) -> None:
    result = run("preview", "--json", "--keep-all", str(DATA / "river-town-budget.txt"))
    data = json.loads(result.stdout)
    assert data["dropped"] == []
    assert any("Leave a Reply" in s["text"] for s in data["segments"])


def test_german_article_is_not_read_by_the_english_voice(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "bibliothek.md", GERMAN)
    preview = run("preview", str(source), cwd=show_dir)
    assert preview.exit_code == 0
    assert "Language: German (de)" in preview.stdout
    assert "Warning:  " in preview.stdout and "--engine gtts" in preview.stdout
    assert "zweitausendfünfhundert" in preview.stdout  # German numbers, not English

    assert run("add", str(source), cwd=show_dir).exit_code == 0
    one_line_error(run("build", cwd=show_dir), "German (de)", "--voice", "--engine gtts")
    assert not list((show_dir / "public" / "episodes").glob("*.mp3"))


def test_german_article_with_google_uses_a_german_voice(
    run: Callable[..., Result],
    show_dir: Path,
    tmp_path: Path,
    google: Callable[..., FakeGoogle],
    tone_mp3: bytes,
) -> None:
    fake = google(lambda request: make_response(request, 200, batchexecute_body(tone_mp3)))
    assert run("add", str(write(tmp_path / "b.md", GERMAN)), cwd=show_dir).exit_code == 0
    result = run("build", "--engine", "gtts", "--jobs", "1", cwd=show_dir)
    assert result.exit_code == 0, result.stderr
    languages = {part[1] for part in fake.spoken_parts()}
    assert languages == {"de"}
    record = json.loads(next((show_dir / "articles").glob("*/episode.json")).read_text())
    assert (record["engine"], record["voice"]) == ("gtts", "de")


CORPUS = Path(__file__).parent / "corpus"
CORPUS_SOURCES = sorted(
    p
    for p in CORPUS.iterdir()
    if p.suffix in (".txt", ".md", ".html") and ".expected" not in p.name
)


@pytest.mark.parametrize("source", CORPUS_SOURCES, ids=lambda p: p.name)
def test_preview_of_every_corpus_article(run: Callable[..., Result], source: Path) -> None:
    result = run("preview", "--json", str(source))
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    expected = json.loads(source.with_name(source.stem + ".expected.json").read_text())
    assert data["title"] == expected["title"]
    assert data["language"] == expected["language"]
    spoken = " ".join(s["text"] for s in data["segments"])
    for dropped in data["dropped"]:
        assert dropped["rule"], dropped
        assert " ".join(dropped["text"].split()) not in spoken
    text = run("preview", str(source)).stdout
    assert f"Dropped ({len(data['dropped'])}):" in text
    for dropped in data["dropped"]:
        assert f"[{dropped['rule']}]" in text


def test_pauses_come_from_show_toml(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    toml = show_dir / "show.toml"
    toml.write_text(toml.read_text().replace("heading_pause_ms = 1100", "heading_pause_ms = 2000"))
    source = write(tmp_path / "a.md", "# Head\n\nOne sentence. Two sentences.\n\n## Part\n\nEnd.\n")
    data = json.loads(run("preview", "--json", str(source), cwd=show_dir).stdout)
    pauses = [(s["kind"], s["pause_after_ms"]) for s in data["segments"]]
    assert pauses == [("heading", 2000), ("sentence", 350), ("sentence", 800),
                      ("heading", 2000), ("sentence", 800)]  # fmt: skip


def test_a_50000_word_article_never_sends_an_overlong_sentence(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))
    from script_speed import make_article

    from audio.engines import get_engine
    from episodes.ingest import load_source, read_article
    from episodes.narration import Narration

    source = write(tmp_path / "long.txt", make_article(50_000))
    # Every word, the junk and the paragraphs the article repeats too: the script is tested.
    article = read_article(load_source(str(source)), keep_all=True)
    for name in ("piper", "gtts"):
        engine = get_engine(name)
        segments = Narration().script(article, engine)
        assert sum(len(s.text.split()) for s in segments) > 50_000
        assert max(len(s.text.split()) for s in segments) <= engine.max_words
        assert max(len(s.text) for s in segments) <= engine.max_chars
