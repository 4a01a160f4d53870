"""The catalog index never serves what the records no longer say.

Each test lists a show (which writes the index), changes the records the way Presscast
or a producer does, and lists again. `test_listing_comes_from_the_index` shows that a
listing really is served from the index when nothing changed, so the other tests could
not pass by reading the records every time.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from audio.script import HEADING, PARAGRAPH, Block
from episodes import catalog_index
from episodes.article import Article
from episodes.catalog import (
    TEXT_FILE,
    Entry,
    Episode,
    add_article,
    list_entries,
    record_episode,
    set_removed,
)
from episodes.catalog_index import INDEX_FILE
from episodes.ingest import Source
from episodes.show import Show, ShowConfig, init_show, load_show

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
SETTLE_NS = 50_000_000  # files this old count as settled here (the real rule waits 3 s)


@pytest.fixture(autouse=True)
def quick_settling(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalog_index, "SETTLED_NS", SETTLE_NS)


def settle() -> None:
    """Wait until what was just written is settled (and a later write stats otherwise)."""
    time.sleep(2 * SETTLE_NS / 1e9)


def new_show(tmp_path: Path) -> Show:
    config = ShowConfig(title="Index Show", author="Desk", base_url="https://example.com/")
    return init_show(tmp_path / "show", config)


def add(show: Show, title: str, day: int, text: str = "The ferry ran late again.") -> Entry:
    article = Article(
        title=title,
        blocks=[Block(HEADING, title), Block(PARAGRAPH, text)],
        date=T0 + timedelta(days=day),
    )
    source = Source(f"# {title}\n\n{text}\n".encode(), f"{title}.md", "markdown")
    return add_article(show, article, source)


def episode(name: str) -> Episode:
    return Episode(
        file=f"episodes/{name}.mp3",
        bytes=1234,
        duration_seconds=3.5,
        engine="piper",
        voice="en_US-joe-medium",
        built=T0.isoformat(),
        chapter_marks=[(0.0, "Start")],
        segment_keys=["a" * 64, "b" * 64],
    )


def listed(show: Show) -> dict[str, Entry]:
    return {e.slug: e for e in list_entries(load_show(show.root))}


def index_of(show: Show) -> dict:
    return json.loads((show.state_dir / INDEX_FILE).read_text(encoding="utf-8"))


def indexed_show(tmp_path: Path) -> tuple[Show, Entry, Entry]:
    """A show of two articles, one with an episode, listed once its files settled."""
    show = new_show(tmp_path)
    first = add(show, "Ferry timetable", 1)
    second = record_episode(add(show, "Harbour wall", 2), episode("harbour-wall"))
    settle()
    listed(show)
    assert set(index_of(show)["folders"]) == {first.slug, second.slug}
    return show, first, second


def test_listing_comes_from_the_index(tmp_path: Path) -> None:
    show, first, second = indexed_show(tmp_path)
    index = index_of(show)
    index["folders"][first.slug][1]["record"]["article"]["title"] = "Said by the index"
    (show.state_dir / INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")

    entries = listed(show)
    assert entries[first.slug].article.title == "Said by the index"
    assert entries[second.slug].episode.file == "episodes/harbour-wall.mp3"
    assert entries[second.slug].episode.segment_keys == ["a" * 64, "b" * 64]


def test_an_edited_text_is_read_again_even_in_place_and_the_same_size(tmp_path: Path) -> None:
    show, first, _ = indexed_show(tmp_path)
    text_file = first.folder / TEXT_FILE
    before = text_file.stat()
    with open(text_file, "r+b") as fh:  # same inode, same size: only the times differ
        data = fh.read()
        fh.seek(0)
        fh.write(data.replace(b"ferry ran late", b"train ran late"))
    assert (text_file.stat().st_ino, text_file.stat().st_size) == (before.st_ino, before.st_size)

    entries = listed(show)
    assert entries[first.slug].article.blocks[1].text == "The train ran late again."


def test_an_emptied_text_is_seen(tmp_path: Path) -> None:
    show, first, _ = indexed_show(tmp_path)
    (first.folder / TEXT_FILE).write_text("\n", encoding="utf-8")
    assert listed(show)[first.slug].text_emptied


def test_a_recorded_episode_is_seen(tmp_path: Path) -> None:
    show, first, second = indexed_show(tmp_path)
    record_episode(first, episode("ferry-timetable"))
    record_episode(second, episode("harbour-wall-2"))

    entries = listed(show)
    assert entries[first.slug].episode.file == "episodes/ferry-timetable.mp3"
    assert entries[second.slug].episode.file == "episodes/harbour-wall-2.mp3"


def test_a_removed_episode_is_seen_and_put_back(tmp_path: Path) -> None:
    show, _, second = indexed_show(tmp_path)
    set_removed(second)
    assert listed(show)[second.slug].removed
    settle()
    listed(show)
    set_removed(second, removed=False)
    assert not listed(show)[second.slug].removed


def test_new_and_deleted_folders_are_seen(tmp_path: Path) -> None:
    show, first, second = indexed_show(tmp_path)
    third = add(show, "Lighthouse", 3)
    shutil.rmtree(first.folder)

    assert list(listed(show)) == [second.slug, third.slug]
    settle()
    assert list(listed(show)) == [second.slug, third.slug]
    assert set(index_of(show)["folders"]) == {second.slug, third.slug}


def test_a_folder_whose_record_is_not_written_yet_is_seen_once_it_is(tmp_path: Path) -> None:
    show, first, _ = indexed_show(tmp_path)
    half = show.articles_dir / "half-written"
    half.mkdir()
    (half / TEXT_FILE).write_text("Not yet.\n", encoding="utf-8")
    settle()
    assert "half-written" not in listed(show)
    record = json.loads((first.folder / "article.json").read_text(encoding="utf-8"))
    record.update(slug="half-written", guid="another-guid")
    (half / "article.json").write_text(json.dumps(record), encoding="utf-8")
    assert listed(show)["half-written"].article.blocks[0].text == "Not yet."


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"version": 1, "folders": {"x": ',  # cut short
        b"\xff\xfe garbage",
        b'{"version": 99, "folders": {}}',
        b'{"version": 1, "folders": []}',
        b"[1, 2, 3]",
    ],
)
def test_a_damaged_index_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    show, first, second = indexed_show(tmp_path)
    expected = listed(show)
    (show.state_dir / INDEX_FILE).write_bytes(damage)

    assert listed(show) == expected
    assert set(index_of(show)["folders"]) == {first.slug, second.slug}


def test_a_damaged_entry_of_the_index_is_read_from_the_records(tmp_path: Path) -> None:
    show, first, second = indexed_show(tmp_path)
    expected = listed(show)
    index = index_of(show)
    index["folders"][first.slug][1] = {"record": 5}
    del index["folders"][second.slug][1]["record"]["guid"]
    (show.state_dir / INDEX_FILE).write_text(json.dumps(index), encoding="utf-8")

    assert listed(show) == expected
    assert index_of(show)["folders"][first.slug][1]["record"]["slug"] == first.slug


def test_an_older_index_written_last_serves_nothing_stale(tmp_path: Path) -> None:
    """Two builds: the slower one writes what it read before the other changed a record."""
    show, first, _ = indexed_show(tmp_path)
    older = (show.state_dir / INDEX_FILE).read_bytes()
    (first.folder / TEXT_FILE).write_text("# Ferry timetable\n\nA new timetable.\n", "utf-8")
    settle()
    assert listed(show)[first.slug].article.blocks[1].text == "A new timetable."
    (show.state_dir / INDEX_FILE).write_bytes(older)

    assert listed(show)[first.slug].article.blocks[1].text == "A new timetable."


def test_files_written_just_now_are_not_kept_in_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write in the same clock tick as the listing could leave the stat data alone."""
    monkeypatch.setattr(catalog_index, "SETTLED_NS", 3_000_000_000)
    show = new_show(tmp_path)
    entry = add(show, "Ferry timetable", 1)
    assert list(listed(show)) == [entry.slug]
    index_file = show.state_dir / INDEX_FILE
    assert not index_file.exists() or entry.slug not in index_of(show)["folders"]


def test_an_index_that_cannot_be_written_costs_only_speed(tmp_path: Path) -> None:
    show = new_show(tmp_path)
    entry = add(show, "Ferry timetable", 1)
    settle()
    shutil.rmtree(show.state_dir)
    show.state_dir.write_text("not a folder", encoding="utf-8")
    assert list(listed(show)) == [entry.slug]
    (entry.folder / TEXT_FILE).write_text("# Ferry timetable\n\nChanged.\n", "utf-8")
    assert listed(show)[entry.slug].article.blocks[1].text == "Changed."


def test_an_index_with_a_lone_surrogate_from_a_record_is_written(tmp_path: Path) -> None:
    show = new_show(tmp_path)
    entry = add(show, "Ferry timetable", 1)
    record_file = entry.folder / "article.json"
    record = record_file.read_text(encoding="utf-8").replace("Ferry timetable", "Ferry \\ud800")
    record_file.write_text(record, encoding="utf-8")
    os.remove(entry.folder / TEXT_FILE)
    settle()
    assert listed(show)[entry.slug].article.title == "Ferry \ud800"
    assert entry.slug in index_of(show)["folders"]
    assert listed(show)[entry.slug].article.title == "Ferry \ud800"
