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
    one_line_error(run("add", str(tmp_path / "pic.png"), cwd=show_dir), "binary")
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
