"""The show's `language` gives the region, and the region reaches the normalizer.

Detection names an article's language without a region ("en"); the show's "en-GB" must
still reach the rules, so dates are day first and metres are spelled the British way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from conftest import write

from audio.script import PARAGRAPH, Block
from episodes.article import Article
from episodes.narration import Narration

NOTE = """# Bridge Notes

The bridge over the Wye reopened on 2/5/2021 after a long repair, the council said.
"""


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en-GB", "on the second of May twenty twenty-one"),
        ("en_GB", "on the second of May twenty twenty-one"),
        ("en_US", "on February fifth, twenty twenty-one"),
        ("en", "on February fifth, twenty twenty-one"),
    ],
)
def test_preview_reads_by_the_shows_region(
    run: Callable[..., Result], tmp_path: Path, language: str, said: str
) -> None:
    root = tmp_path / "show"
    options = ["--title", "T", "--author", "Desk", "--base-url", "https://example.com/t/"]
    init = run("init", str(root), *options, "--language", language)
    assert init.exit_code == 0, init.stderr
    source = write(tmp_path / "note.md", NOTE)
    data = json.loads(run("preview", "--json", str(source), cwd=root).stdout)
    assert data["language"] == language
    spoken = " ".join(s["text"] for s in data["segments"])
    assert said in spoken
    running = write(tmp_path / "run.md", "# Run\n\nShe ran 400 m round the old track today.\n")
    metres = run("preview", str(running), cwd=root)
    assert metres.exit_code == 0
    unit = "metres" if language.replace("_", "-") == "en-GB" else "meters"
    assert f"four hundred {unit}" in metres.stdout


@pytest.mark.parametrize(
    ("show", "article", "read_as"),
    [
        ("en-GB", "en", "en-GB"),  # detection names the language; the show, its region
        ("en_US", "en", "en_US"),
        ("en-GB", None, "en-GB"),
        ("en-GB", "en-US", "en-US"),  # an article that names its own region keeps it
        ("en-GB", "de", "de"),
        ("de-AT", "de", "de-AT"),
        ("en", "en", "en"),
    ],
)
def test_the_show_gives_the_region_of_its_own_language(
    show: str, article: str | None, read_as: str
) -> None:
    text = Article("T", [Block(PARAGRAPH, "Words.")], language=article)
    assert Narration(language=show).language_of(text) == read_as
