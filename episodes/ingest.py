"""Read a source (a .txt, .md or .html file, or stdin) into an Article.

Metadata found in the source wins over what is derived from the text; the caller's
title, author and date override both. Junk lines are dropped, each with its rule.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from audio.script import HEADING, Block, split_sentences
from episodes.article import Article, Dropped
from episodes.errors import PresscastError
from episodes.fetch import fetch_url, is_url
from episodes.junk import is_notice, junk_rule, linked_junk_rule
from episodes.language import detect_language, primary
from episodes.markdown import front_matter, markdown_blocks, plain_blocks
from episodes.textfile import declared_charset, decode_text

MAX_SOURCE_BYTES = 50 * 1024 * 1024
# Fewer words than this from a page, reading like a notice, is a notice, not an article.
# (Real articles of 18 to 49 words exist: shortness alone refuses nothing.)
MIN_ARTICLE_WORDS = 50
TITLE_MAX_CHARS = 90
FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}


@dataclass(frozen=True)
class Source:
    """A source's raw bytes, the name to show in messages, and its format."""

    data: bytes
    name: str
    format: str
    url: str | None = None
    charset: str | None = None

    @property
    def suffix(self) -> str:
        return {"text": ".txt", "markdown": ".md", "html": ".html"}[self.format]


def load_source(source: str) -> Source:
    """Read the bytes of a file path, or of stdin for `-`."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        return Source(_check_size(data, "stdin"), "stdin", sniff_format(data))
    if is_url(source):
        data, fmt, final_url, charset = fetch_url(source)
        return Source(data, source, fmt, url=final_url, charset=charset)
    path = Path(source)
    if not path.exists():
        raise PresscastError(f"{source}: no such file")
    if path.is_dir():
        raise PresscastError(f"{source}: is a folder, not an article file")
    fmt = FORMATS.get(path.suffix.lower())
    try:
        with path.open("rb") as fh:
            data = _check_size(fh.read(MAX_SOURCE_BYTES + 1), source)
    except OSError as exc:
        raise PresscastError(f"{source}: cannot read ({exc.strerror})") from exc
    return Source(data, source, fmt or sniff_format(data))


def _check_size(data: bytes, name: str) -> bytes:
    if len(data) > MAX_SOURCE_BYTES:
        raise PresscastError(
            f"{name}: larger than {MAX_SOURCE_BYTES // 2**20} MB; is this an article?"
        )
    return data


def sniff_format(data: bytes) -> str:
    """Guess html, markdown or text from the start of the content."""
    head = data[:4096].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head:
        return "html"
    if re.search(rb"(?m)^(#{1,6} |---\s*$|\s*[-*] |```)", data[:4096]):
        return "markdown"
    return "text"


def read_article(
    source: Source,
    title: str | None = None,
    author: str | None = None,
    date: datetime | None = None,
    keep_all: bool = False,
) -> Article:
    """Extract an Article from a source; PresscastError if nothing speakable is in it."""
    declared = source.charset or (
        declared_charset(source.data) if source.format == "html" else None
    )
    text = decode_text(source.data, source.name, declared)
    meta: dict[str, str] = {}
    dropped: list[Dropped] = []
    page = None
    if source.format == "html":
        from episodes.html import read_page  # trafilatura is slow to import: only for pages

        page = read_page(text, url=source.url)
        blocks, meta = page.blocks, page.meta
    elif source.format == "markdown":
        meta, body = front_matter(text)
        blocks, dropped = markdown_blocks(body)
    else:
        blocks = plain_blocks(text)
    if not keep_all:
        blocks, junk = drop_junk(blocks, page.link_share if page else None)
        dropped += junk
    blocks = [b for b in blocks if any(ch.isalnum() for ch in b.text)]
    if not blocks:
        raise PresscastError(f"{source.name}: no article text found")
    derived_title, blocks = derive_title(blocks, meta.get("title"))
    if not blocks:
        raise PresscastError(f"{source.name}: only a title, no article text found")
    if page and not keep_all:
        _refuse_a_notice(blocks, source.name)
    return Article(
        title=clean_title(title or meta.get("title") or derived_title),
        blocks=blocks,
        author=author or meta.get("author") or None,
        date=date or parse_date(meta.get("date")),
        language=detect_language(b.text for b in blocks)
        or (primary(meta["lang"]) if meta.get("lang") else None),
        url=meta.get("url") or source.url,
        dropped=dropped,
    )


def drop_junk(
    blocks: list[Block], link_share: Callable[[str], float] | None = None
) -> tuple[list[Block], list[Dropped]]:
    """Blocks without junk lines, and the dropped lines with their rules.

    `link_share` gives, for a page, the share of a block's text that is link text: a line
    the text alone leaves in doubt may be junk by its markup ("Read more: <a link>").
    """
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for block in blocks:
        rule = junk_rule(block.text) or (
            linked_junk_rule(block.text, link_share(block.text)) if link_share else None
        )
        if rule:
            dropped.append(Dropped(block.text, rule))
        else:
            kept.append(block)
    return kept, dropped


def _refuse_a_notice(blocks: list[Block], name: str) -> None:
    """PresscastError for a page whose extraction is a short notice, not its article.

    A reprint or legal notice, a paywall's "subscribe to continue": speakable, but not an
    article. A short text that is not a notice (a note, a brief news item) is read.
    """
    words = sum(len(block.text.split()) for block in blocks)
    if words >= MIN_ARTICLE_WORDS:
        return
    text = " ".join(block.text for block in blocks)
    if is_notice(text):
        raise PresscastError(
            f"{name}: only {words} word{'s' if words != 1 else ''} of article text"
            f" {'were' if words != 1 else 'was'} found (a notice, not an article?);"
            " use --keep-all to make an episode of it anyway"
        )


def derive_title(blocks: list[Block], known: str | None) -> tuple[str, list[Block]]:
    """Title from the first heading, else a short first line, else the first sentence.

    A leading heading or line used as the title is taken out of the body so it is not
    read twice (the episode opens by announcing its title).
    """
    first = blocks[0]
    if known:
        same = " ".join(first.text.split()).casefold() == " ".join(known.split()).casefold()
        return known, blocks[1:] if same else blocks
    heading = next((b for b in blocks if b.kind == HEADING), None)
    if first.kind == HEADING:
        return first.text, blocks[1:]
    if _looks_like_title(first.text):
        return first.text, blocks[1:]
    if heading is not None and blocks.index(heading) <= 2:
        return heading.text, blocks
    sentence = split_sentences(first.text)[0]
    return _trim(sentence.rstrip(".!?"), TITLE_MAX_CHARS), blocks


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not line.rstrip().endswith((".", ",", ";", ":"))


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    # Leave room for the "…": cut at the last space, or inside a word that has none.
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[: limit - 1]
    return cut.rstrip(",;:—– ") + "…"


def clean_title(title: str) -> str:
    """One line, no surrounding space, at most 200 characters."""
    title = " ".join(title.split())
    if not title:
        raise PresscastError("the title is empty")
    return _trim(title, 200)


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or date-time (as sources and `--date` give them), in UTC if naive."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
