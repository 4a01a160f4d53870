"""What the show already knows about its site, and re-reading articles with it.

Each article.json keeps the fingerprints of its source's lines (`line_keys`, written
when it is added); an older article without them is read from its stored source once,
and the keys are remembered when the command is one that writes to the show anyway.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from episodes.article import Article
from episodes.catalog import (
    ARTICLE_FILE,
    LINE_KEYS,
    TEXT_FILE,
    TITLE_GIVEN,
    Entry,
    article_folders,
    find_entry,
    text_blocks,
)
from episodes.errors import PresscastError
from episodes.fetch import is_url
from episodes.fsio import atomic_write_text
from episodes.ingest import Source, load_source, read_article
from episodes.show import Show
from episodes.template import (
    NO_TEMPLATE,
    TEMPLATE_RULE,
    ShowTemplate,
    learned_site_names,
    line_key,
    strip_site_name,
)


@dataclass(frozen=True)
class Known:
    """One article as the show's template sees it."""

    slug: str
    folder: Path
    keys: frozenset[str]
    title: str
    site: str | None
    source: Path | None


@dataclass(frozen=True)
class ShowKnowledge:
    """Every article's line keys and title, read once; templates for any one of them."""

    articles: list[Known] = field(default_factory=list)

    def template(self, exclude: str | None = None) -> ShowTemplate:
        """The template as the articles other than `exclude` (a slug) know it."""
        counts: Counter[str] = Counter()
        titles, sites = [], []
        for known in self.articles:
            if known.slug == exclude:
                continue
            counts.update(known.keys)
            titles.append(known.title)
            sites.append(known.site or "")
        return ShowTemplate(counts, site_names=learned_site_names(titles, sites))

    def same_source(self, data: bytes) -> str | None:
        """The slug of an article whose stored source is exactly `data`, if any."""
        for known in self.articles:
            same_size = known.source is not None and known.source.stat().st_size == len(data)
            if same_size and known.source.read_bytes() == data:  # type: ignore[union-attr]
                return known.slug
        return None


def show_knowledge(show: Show, remember: bool = False) -> ShowKnowledge:
    """Read what the show's articles say about the site.

    With `remember`, keys computed from an older article's source are written into its
    article.json, so the next command does not read the source again.
    """
    articles = []
    for name in article_folders(show):
        folder = Path(name)
        try:
            record = json.loads((folder / ARTICLE_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue  # a folder being written
        except (OSError, ValueError) as exc:
            raise PresscastError(f"{folder / ARTICLE_FILE}: damaged record ({exc})") from exc
        source = stored_source(folder)
        keys = record.get(LINE_KEYS)
        if keys is None:
            keys = list(_keys_from_source(record, source))
            if remember:
                _write_record(folder, {**record, LINE_KEYS: keys})
        articles.append(
            Known(
                slug=record["slug"],
                folder=folder,
                keys=frozenset(keys),
                title=record["article"]["title"],
                site=record["article"].get("site"),
                source=source,
            )
        )
    return ShowKnowledge(articles)


def stored_source(folder: Path) -> Path | None:
    """The original source kept in an article's folder (source.txt, .md or .html)."""
    return next(iter(sorted(folder.glob("source.*"))), None)


def _source_of(record: dict[str, Any], path: Path) -> Source:
    return Source(
        path.read_bytes(),
        str(path),
        record["source"]["format"],
        url=record["article"].get("url"),
    )


def _keys_from_source(record: dict[str, Any], path: Path | None) -> tuple[str, ...]:
    if path is None:
        return ()
    try:
        return read_article(_source_of(record, path), keep_all=True).line_keys
    except PresscastError:
        return ()  # a source that no longer reads teaches nothing


def template_lines_now_known(knowledge: ShowKnowledge, entry: Entry) -> list[str]:
    """Lines of a stored article that other articles of the show have too."""
    template = knowledge.template(exclude=entry.slug)
    return [b.text for b in entry.article.blocks if template.knows(b.text)]


def title_now_known(knowledge: ShowKnowledge, entry: Entry) -> str | None:
    """A stored title without the site name the show now knows at its end, if it has one."""
    title, cut = strip_site_name(entry.article.title, knowledge.template(entry.slug).site_names)
    return title if cut else None


@dataclass(frozen=True)
class PreviewSubject:
    """What `presscast preview` shows: the article, and for one the show stores, what the
    show now knows of it (template lines it still has, its title without the site name)."""

    article: Article
    stored: Entry | None = None
    known_lines: list[str] = field(default_factory=list)
    known_title: str | None = None
    read_now: bool = True  # read from its source now, not the show's stored record


def preview_subject(
    show: Show | None, source: str, title: str | None, keep_all: bool, max_words: int
) -> PreviewSubject:
    """Read `source` (a file, URL or "-", or inside a show the slug of a stored article)
    as `add` would, with the show's template; a stored copy's known lines are listed."""
    knowledge = show_knowledge(show) if show else None
    if show and knowledge and is_slug(source):
        stored = find_entry(show, source)
        article = dataclasses.replace(stored.article, title=title or stored.article.title)
        read_now = False
    else:
        read_now = True
        loaded = load_source(source)
        same = knowledge.same_source(loaded.data) if knowledge else None
        template = knowledge.template(exclude=same) if knowledge else NO_TEMPLATE
        article = read_article(
            loaded, title=title, keep_all=keep_all, template=template, max_words=max_words
        )
        stored = find_entry(show, same) if show and same else None
    if not (knowledge and stored):
        return PreviewSubject(article, read_now=read_now)
    return PreviewSubject(
        article,
        stored,
        template_lines_now_known(knowledge, stored),
        title_now_known(knowledge, stored),
        read_now,
    )


def is_slug(source: str) -> bool:
    """An argument that names no file, URL or stdin: the slug of a stored article."""
    return source != "-" and not is_url(source) and not Path(source).exists()


@dataclass(frozen=True)
class Reread:
    """What re-reading one article did."""

    slug: str
    dropped: list[str]
    title: str | None = None  # the new title, when it changed
    kept_edits: bool = False  # article.txt was edited by hand: left as it is
    note: str | None = None

    def line(self) -> str:
        """One line for the producer."""
        if self.kept_edits:
            return (
                f"{self.slug}: article.txt was edited by hand, left as it is; "
                f"{len(self.dropped)} template line(s) in it to remove yourself"
            )
        if self.note:
            return f"{self.slug}: {self.note}"
        parts = [f"dropped {len(self.dropped)} template line(s)"] if self.dropped else []
        if self.title:
            parts.append(f"title now {self.title!r}")
        if not parts:
            return f"{self.slug}: nothing new to drop"
        return f"{self.slug}: " + ", ".join(parts) + "; narrated again on the next build"


def reread_articles(show: Show, slugs: list[str]) -> list[Reread]:
    """Read stored articles again from their sources with what the show knows now.

    Guid, dates, numbering, author and a title given with `--title` stay; an article.txt
    the producer edited is never overwritten. The next build narrates a changed article
    again because its text (and so its render key) changed.
    """
    knowledge = show_knowledge(show, remember=True)
    by_slug = {k.slug: k for k in knowledge.articles}
    for slug in slugs:
        if slug not in by_slug:
            raise PresscastError(
                f"no article {slug!r} in this show; `presscast list` shows the slugs"
            )
    return [_reread(knowledge, by_slug[s]) for s in slugs or list(by_slug)]


def _reread(knowledge: ShowKnowledge, known: Known) -> Reread:
    record = json.loads((known.folder / ARTICLE_FILE).read_text(encoding="utf-8"))
    stored = Article.from_dict(record["article"])
    text_path = known.folder / TEXT_FILE
    text = text_path.read_text(encoding="utf-8") if text_path.is_file() else stored.text
    if text_blocks(text) != text_blocks(stored.text):
        template = knowledge.template(exclude=known.slug)
        lines = [b.text for b in text_blocks(text) if template.knows(b.text)]
        return Reread(known.slug, lines, kept_edits=True)
    if known.source is None:
        return Reread(known.slug, [], note="no stored source to read again")
    template = knowledge.template(exclude=known.slug)
    if TITLE_GIVEN in record:
        given = stored.title if record[TITLE_GIVEN] else None
    else:  # an older record does not say: keep its title, without a known site name
        given = strip_site_name(stored.title, template.site_names)[0]
    article = read_article(
        _source_of(record, known.source),
        title=given,
        author=stored.author,
        date=stored.date,
        template=template,
    )
    was_spoken = {line_key(b.text) for b in stored.blocks}
    dropped = [
        d.text
        for d in article.dropped
        if d.rule == TEMPLATE_RULE and line_key(d.text) in was_spoken
    ]
    title = article.title if article.title != stored.title else None
    if article.text == stored.text and title is None:
        return Reread(known.slug, [], note=article.notes[0] if article.notes else None)
    record["article"] = article.to_dict()
    record[LINE_KEYS] = list(article.line_keys)
    atomic_write_text(text_path, article.text + "\n")
    _write_record(known.folder, record)
    return Reread(known.slug, dropped, title=title)


def _write_record(folder: Path, record: dict[str, Any]) -> None:
    atomic_write_text(
        folder / ARTICLE_FILE, json.dumps(record, indent=2, ensure_ascii=False) + "\n"
    )
