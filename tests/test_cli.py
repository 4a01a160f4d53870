"""The command line as a user meets it: help, mistakes as one line, narrate, demo, voices."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import feedparser
import pytest
import requests
from click.testing import Result
from conftest import write
from fake_google import FakeGoogle
from mutagen.id3 import ID3

from audio.engines.piper_engine import PiperEngine
from audio.errors import AudioError
from episodes.cli import cli

SHORT = "# Short Story\n\nThe ferry left at noon. It came back at one.\n"


def one_line_error(result: Result, *needles: str) -> None:
    """Exit status 1 and one error line on stderr naming the problem (after any progress)."""
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1 and result.stderr.rstrip().endswith(errors[0]), result.stderr
    for needle in needles:
        assert needle in errors[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help(run: Callable[..., Result], command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: " in result.stdout


def test_init_writes_show_toml(show_dir: Path) -> None:
    text = (show_dir / "show.toml").read_text()
    assert 'title = "Test Show & Friends"' in text
    assert 'base_url = "https://example.com/pod/"' in text
    assert re.search(r'copyright = "© 20\d\d Test Desk"', text)
    assert re.search(r'podcast_guid = "[0-9a-f-]{36}"', text)


def test_user_mistakes_are_one_line(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    one_line_error(
        run("init", str(show_dir), "--title", "T", "--author", "A", "--base-url", "https://x.org/"),
        "already exists",
    )
    one_line_error(
        run(
            "init",
            str(tmp_path / "b"),
            "--title",
            "T",
            "--author",
            "A",
            "--base-url",
            "example.com",
        ),
        "http(s)",
    )
    one_line_error(run("add", str(tmp_path / "nope.txt"), cwd=show_dir), "no such file")
    one_line_error(
        run("add", str(write(tmp_path / "empty.txt", "  \n\n")), cwd=show_dir), "no article text"
    )
    (tmp_path / "pic.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    one_line_error(run("add", str(tmp_path / "pic.png"), cwd=show_dir), "an image")
    (tmp_path / "blob.bin").write_bytes(b"\x07" + bytes(200))
    one_line_error(run("add", str(tmp_path / "blob.bin"), cwd=show_dir), "binary")
    one_line_error(run("build", "--engine", "festival", cwd=show_dir), "unknown engine")
    one_line_error(run("build", cwd=tmp_path), "no show.toml", "presscast init")
    bad_date = run(
        "add", str(write(tmp_path / "a.txt", "Some text here.")), "--date", "soon", cwd=show_dir
    )
    assert bad_date.exit_code == 2 and "not a date" in bad_date.stderr


def test_gtts_offline_names_the_offline_engine(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path, google: Callable[..., FakeGoogle]
) -> None:
    def no_network(request: requests.PreparedRequest) -> requests.Response:
        raise requests.ConnectionError("Failed to resolve 'translate.google.com'")

    fake = google(no_network)
    assert run("add", str(write(tmp_path / "a.md", SHORT)), cwd=show_dir).exit_code == 0
    one_line_error(run("build", "--engine", "gtts", cwd=show_dir), "--engine piper")
    assert len(fake.requests) > 1, "a failed connection is retried before giving up"
    assert not list((show_dir / "public" / "episodes").glob("*.mp3"))


def test_add_from_stdin_and_build(run: Callable[..., Result], show_dir: Path) -> None:
    added = run("add", "-", "--title", "Piped <In> & Out", input=SHORT, cwd=show_dir)
    assert added.exit_code == 0, added.stderr
    built = run("build", "--jobs", "1", cwd=show_dir)
    assert built.exit_code == 0, built.stderr
    feed = feedparser.parse((show_dir / "public" / "feed.xml").read_bytes())
    assert feed.bozo == 0
    assert feed.entries[0].title == "Piped <In> & Out"
    record = json.loads(next((show_dir / "articles").glob("*/episode.json")).read_text())
    assert record["engine"] == "piper" and record["file"].startswith("episodes/piped-in-out-")


def test_failed_build_loses_nothing_and_resumes(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("add", str(write(tmp_path / "a.md", SHORT)), cwd=show_dir)
    real = PiperEngine.synthesize
    calls = {"n": 0}

    def flaky(self: PiperEngine, text: str):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise AudioError("the engine fell over")
        return real(self, text)

    monkeypatch.setattr(PiperEngine, "synthesize", flaky)
    one_line_error(run("build", "--jobs", "1", cwd=show_dir), "fell over")
    public = show_dir / "public"
    assert not list(public.rglob("*.mp3")) and not list(public.rglob("*.part"))
    assert not list((show_dir / "articles").glob("*/episode.json"))
    assert not list((show_dir / ".presscast").rglob("*.part"))
    resumed = run("build", "--jobs", "1", cwd=show_dir)
    assert resumed.exit_code == 0, resumed.stderr
    assert len(list(public.rglob("*.mp3"))) == 1


def test_narrate_one_article(run: Callable[..., Result], tmp_path: Path) -> None:
    source = write(tmp_path / "story.md", "---\nauthor: Ann Lee\n---\n" + SHORT)
    out = tmp_path / "out" / "story.mp3"
    result = run("narrate", str(source), "-o", str(out), "--jobs", "1", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    tags = ID3(out)
    assert str(tags["TIT2"]) == "Short Story" and str(tags["TPE1"]) == "Ann Lee"
    assert [p.name for p in out.parent.iterdir()] == ["story.mp3"]


def test_voices_lists_engines(run: Callable[..., Result]) -> None:
    result = run("voices")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(
        ln.startswith("ok piper") and "en_US-joe-medium" in ln and "offline" in ln for ln in lines
    )
    assert any(ln.startswith("ok gtts") and "needs internet" in ln for ln in lines)


def test_demo_builds_a_show_offline(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run("demo", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    feed_line, episode_line = result.stdout.splitlines()[1:3]
    feed_path = Path(feed_line.split(":", 1)[1].strip())
    assert feedparser.parse(feed_path.read_bytes()).bozo == 0
    assert Path(episode_line.split(":", 1)[1].strip()).stat().st_size > 100_000
    again = run("demo", str(tmp_path / "demo"), cwd=tmp_path)
    assert again.exit_code == 0
    assert len(list((tmp_path / "demo" / "public" / "episodes").glob("*.mp3"))) == 1


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PDF_MESSAGE = (
    "a PDF file; Presscast reads text, Markdown and HTML, not PDF (copy its text into a .txt file)"
)


def test_a_pdf_is_refused_from_a_file_and_from_stdin(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "report.pdf").write_bytes(PDF)
    for command in ("add", "preview"):
        result = run(command, str(tmp_path / "report.pdf"), cwd=show_dir)
        one_line_error(result)
        assert result.stderr.strip() == f"Error: {tmp_path / 'report.pdf'}: {PDF_MESSAGE}"
    piped = run("add", "-", input=PDF, cwd=show_dir)
    one_line_error(piped)
    assert piped.stderr.strip() == f"Error: stdin: {PDF_MESSAGE}"
    assert not list((show_dir / "articles").iterdir())


# UTF-8 with one byte from a windows-1252 editor: the euro sign, \x80.
STRAY = "# Café Prices\n\nA coffee at the café costs more this year.\n\nIt is 5".encode() + (
    b"\x80 now.\n"
)


def test_stray_bytes_are_repaired_with_a_warning_on_add_and_preview(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    source = tmp_path / "notes.md"
    source.write_bytes(STRAY)
    warning = f"Warning: {source}: 1 byte that is not UTF-8 (line 5, column 8) read as windows-1252"
    added = run("add", str(source), cwd=show_dir)
    assert added.exit_code == 0, added.stderr
    assert added.stderr.splitlines() == [warning]
    assert "Added 'Café Prices'" in added.stdout
    record = json.loads(next((show_dir / "articles").glob("*/article.json")).read_text())
    assert record["article"]["warnings"] == [warning.removeprefix("Warning: ")]
    assert record["article"]["blocks"][-1]["text"] == "It is 5€ now."

    shown = run("preview", str(source), cwd=show_dir)
    assert shown.exit_code == 0 and shown.stderr.splitlines() == [warning]
    as_json = run("preview", "--json", str(source), cwd=show_dir)
    assert as_json.stderr.splitlines() == [warning]
    assert json.loads(as_json.stdout)["warnings"] == [warning.removeprefix("Warning: ")]


def test_narrate_prints_the_warning(run: Callable[..., Result], tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_bytes(STRAY)
    out = tmp_path / "notes.mp3"
    result = run("narrate", str(source), "-o", str(out), "--jobs", "1", cwd=tmp_path)
    assert result.exit_code == 0, result.stderr
    assert f"Warning: {source}: 1 byte that is not UTF-8" in result.stderr
    assert out.stat().st_size > 0


def limit_message(source: Path, words: int, limit: str, speech: str) -> str:
    return (
        f"Error: {source}: {words} words, more than the limit of {limit} ({speech}); "
        "raise it with --max-words or [reading] max_words in show.toml"
    )


def test_max_words_from_the_option_and_from_show_toml(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    source = write(tmp_path / "a.md", SHORT)  # 10 words under its title
    small = run("add", str(source), "--max-words", "9", cwd=show_dir)
    one_line_error(small)
    assert small.stderr.strip() == limit_message(source, 10, "9", "less than a minute of speech")
    previewed = run("preview", str(source), "--max-words", "9", cwd=show_dir)
    narrated = run("narrate", str(source), "--max-words", "9", "-o", "x.mp3", cwd=show_dir)
    assert previewed.stderr.strip() == narrated.stderr.strip() == small.stderr.strip()
    assert not (show_dir / "x.mp3").exists()

    toml = show_dir / "show.toml"
    toml.write_text(toml.read_text().replace("max_words = 100000", "max_words = 8"))
    by_show = run("add", str(source), cwd=show_dir)
    assert by_show.stderr.strip() == limit_message(source, 10, "8", "less than a minute of speech")
    assert run("preview", str(source), cwd=show_dir).stderr.strip() == by_show.stderr.strip()
    assert not list((show_dir / "articles").iterdir())
    raised = run("add", str(source), "--max-words", "10", cwd=show_dir)
    assert raised.exit_code == 0, raised.stderr

    toml.write_text(toml.read_text().replace("max_words = 8", "max_words = 0"))
    one_line_error(run("add", str(source), cwd=show_dir), "max_words = 0", "from 1")


def test_an_emptied_article_txt_stops_the_build(
    run: Callable[..., Result], show_dir: Path, tmp_path: Path
) -> None:
    assert run("add", str(write(tmp_path / "a.md", SHORT)), cwd=show_dir).exit_code == 0
    folder = next((show_dir / "articles").iterdir())
    record = (folder / "article.json").read_text()
    (folder / "article.txt").write_text("\n  \n# \n")
    built = run("build", "--jobs", "1", cwd=show_dir)
    one_line_error(built)
    assert built.stderr.strip() == (
        f"Error: articles/{folder.name}/article.txt is empty: write the article's text there, "
        "or delete the file to use the original extraction"
    )
    assert (folder / "article.txt").read_text() == "\n  \n# \n"
    assert (folder / "article.json").read_text() == record
    assert not list((show_dir / "public" / "episodes").glob("*.mp3"))
    listed = run("list", cwd=show_dir)
    assert listed.exit_code == 0 and "Short Story" in listed.stdout
