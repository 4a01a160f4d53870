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

from audio.script import HEADING, PARAGRAPH, Block
from episodes.article import (
    MAX_WORDS,
    SPOKEN_WORDS_PER_MINUTE,
    TITLE_MAX_CHARS,
    Article,
    Dropped,
    first_sentence_title,
    shorten,
    speakable,
)
from episodes.errors import PresscastError
from episodes.fetch import fetch_url, is_url
from episodes.filetypes import refuse_non_text
from episodes.junk import is_notice, junk_rule, linked_junk_rule
from episodes.language import detect_language, primary
from episodes.markdown import front_matter, markdown_blocks
from episodes.plaintext import read_plain_text
from episodes.template import NO_TEMPLATE, ShowTemplate, drop_template, line_keys, strip_site_name
from episodes.textfile import declared_charset, decode

MAX_SOURCE_BYTES = 50 * 1024 * 1024
# A block of a web page's extraction is dropped only when the text classifier scores it
# below this (its probability of being article text) and smoothing agrees.
HTML_DOUBT_SCORE = 0.05
# Fewer words than this from a page, reading like a notice, is a notice, not an article.
# (Real articles of 18 to 49 words exist: shortness alone refuses nothing.)
MIN_ARTICLE_WORDS = 50
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
    """Read the bytes of a file path, an http(s) URL, or stdin for `-`.

    PDFs, office documents, images and sound files are refused here, with what to do.
    """
    if source == "-":
        data = sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1)
        refuse_non_text(data, "stdin")
        return Source(_check_size(data, "stdin"), "stdin", sniff_format(data))
    if is_url(source):
        data, fmt, final_url, charset = fetch_url(source)
        refuse_non_text(data, source)  # a PDF served as text/html, say
        return Source(data, source, fmt, url=final_url, charset=charset)
    path = Path(source)
    if not path.exists():
        raise PresscastError(f"{source}: no such file")
    if path.is_dir():
        raise PresscastError(f"{source}: is a folder, not an article file")
    fmt = FORMATS.get(path.suffix.lower())
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise PresscastError(f"{source}: cannot read ({exc.strerror})") from exc
    refuse_non_text(data, source, path.suffix)  # before the size: a big PDF is a PDF
    _check_size(data, source)
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
    template: ShowTemplate = NO_TEMPLATE,
    max_words: int = MAX_WORDS,
) -> Article:
    """Extract an Article from a source; PresscastError if nothing speakable is in it,
    or if it has more than `max_words` words (checked before the slow steps).

    `template` is what the show's other articles say about the site (see
    episodes.template): their recurring lines are dropped and a known site name is cut
    from the title.
    """
    declared = source.charset or (
        declared_charset(source.data) if source.format == "html" else None
    )
    decoded = decode(source.data, source.name, declared)
    text = decoded.text
    warnings = [decoded.warning] if decoded.warning else []
    if source.format == "text":
        return _plain_text_article(
            source, text, title, author, date, keep_all, template, max_words, warnings
        )
    meta: dict[str, str] = {}
    dropped: list[Dropped] = []
    page = None
    if source.format == "html":
        from episodes.html import read_page  # trafilatura is slow to import: only for pages

        page = read_page(text, url=source.url)
        blocks, meta = page.blocks, page.meta
    else:
        meta, body = front_matter(text)
        blocks, dropped = markdown_blocks(body)
    keys = line_keys(b.text for b in blocks)
    if not keep_all:
        blocks, junk = drop_junk(blocks, page.link_share if page else None)
        dropped += junk
        if source.format == "html":
            blocks, doubted = second_look(blocks)
            dropped += doubted
    blocks = _speakable(blocks, source)
    notes: list[str] = []
    if not keep_all:
        blocks, by_template, notes = apply_template(blocks, template, title or meta.get("title"))
        dropped += by_template
    derived_title, blocks = derive_title(blocks, meta.get("title"))
    if not blocks:
        raise PresscastError(f"{source.name}: only a title, no article text found")
    check_length(blocks, source.name, max_words)  # before language detection
    if page and not keep_all:
        _refuse_a_notice(blocks, source.name)
    site_names = (*template.site_names, meta.get("site") or "")
    found_title, site = strip_site_name(meta.get("title") or derived_title, site_names)
    return Article(
        title=clean_title(title or found_title),
        blocks=blocks,
        author=author or meta.get("author") or None,
        date=date or parse_date(meta.get("date")),
        language=detect_language(b.text for b in blocks)
        or (primary(meta["lang"]) if meta.get("lang") else None),
        url=meta.get("url") or source.url,
        dropped=dropped,
        site=meta.get("site") or site,
        line_keys=keys,
        notes=notes,
        warnings=warnings,
    )


def _plain_text_article(
    source: Source,
    text: str,
    title: str | None,
    author: str | None,
    date: datetime | None,
    keep_all: bool,
    template: ShowTemplate,
    max_words: int,
    warnings: list[str],
) -> Article:
    if len(text.split()) > 2 * max_words:  # far too long: refused before it is read
        check_length([Block(PARAGRAPH, text)], source.name, max_words)
    plain = read_plain_text(text, keep_all, template)
    blocks = _speakable(plain.blocks, source)
    if plain.title is None:
        raise PresscastError(f"{source.name}: only a title, no article text found")
    check_length(blocks, source.name, max_words)
    found_title, site = strip_site_name(plain.title, template.site_names)
    return Article(
        title=clean_title(title or found_title),
        blocks=blocks,
        author=author or plain.author,
        date=date or plain.date,
        language=detect_language(b.text for b in blocks),
        url=source.url,
        dropped=plain.dropped,
        title_derived=plain.title_derived and not title,
        site=site,
        line_keys=plain.line_keys,
        notes=plain.notes,
        warnings=warnings,
    )


def _speakable(blocks: list[Block], source: Source) -> list[Block]:
    blocks = [b for b in blocks if speakable(b.text)]
    if not blocks:
        raise PresscastError(f"{source.name}: no article text found")
    return blocks


def apply_template(
    blocks: list[Block], template: ShowTemplate, title: str | None
) -> tuple[list[Block], list[Dropped], list[str]]:
    """The show's template step: blocks without its lines, the lines dropped, and a note.

    Runs after the junk rules and before the title is derived, so a site's name or menu
    above the headline never becomes the title. The known title is never dropped, and
    an article all of whose text is template is kept whole, with a note saying so.
    """
    kept, dropped = drop_template(blocks, template, keep=title)
    if not dropped:
        return blocks, [], []
    if not kept or not derive_title(kept, title)[1]:
        note = "all its text is also in other articles of the show: kept, none dropped as template"
        return blocks, [], [note]
    return kept, dropped, []


def check_length(blocks: list[Block], name: str, max_words: int) -> None:
    """Refuse an article longer than `max_words`: a whole book pasted by mistake would
    otherwise be narrated for days."""
    words = sum(len(b.text.split()) for b in blocks)  # as Article.words counts them
    if words > max_words:
        raise PresscastError(
            f"{name}: {words:,} words, more than the limit of {max_words:,} "
            f"({speaking_time(max_words)}); raise it with --max-words or "
            "[reading] max_words in show.toml"
        )


def speaking_time(words: int) -> str:
    """How long `words` take to say, roughly, for people: "about 11 hours of speech"."""
    minutes = words / SPOKEN_WORDS_PER_MINUTE
    if minutes < 1:
        return "less than a minute of speech"
    if minutes < 1.5:
        return "about a minute of speech"
    if minutes < 90:
        return f"about {round(minutes)} minutes of speech"
    return f"about {round(minutes / 60)} hours of speech"


def second_look(blocks: list[Block]) -> tuple[list[Block], list[Dropped]]:
    """What the page's extraction kept, judged again by the plain-text classifier.

    trafilatura sees the markup and is right far more often than a reading of the text
    alone, so only a block the classifier is sure of goes: a teaser or a caption that
    slipped into the article, never the article's own short paragraphs.
    """
    from episodes.plaintext import judge_blocks

    return judge_blocks(blocks, max_score=HTML_DOUBT_SCORE)


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
    return first_sentence_title(first.text), blocks


def _looks_like_title(line: str) -> bool:
    return len(line) <= TITLE_MAX_CHARS and not line.rstrip().endswith((".", ",", ";", ":"))


def clean_title(title: str) -> str:
    """One line, no surrounding space, at most 200 characters."""
    title = " ".join(title.split())
    if not title:
        raise PresscastError("the title is empty")
    return shorten(title, 200)


def parse_date(value: str | None) -> datetime | None:
    """An ISO date or date-time (as sources and `--date` give them), in UTC if naive."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
