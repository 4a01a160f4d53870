"""A saved web page to blocks and metadata, with the page's chrome left out.

trafilatura finds the article in the page: it is built and benchmarked for exactly that,
and leaves out menus, comments, share bars, related links, ads and cookie banners. It also
reads the metadata (meta tags, JSON-LD, the text itself). Its XML keeps the structure a
listener needs: headings, paragraphs, quotes and list items become blocks, in order.

On a small page trafilatura has too little text to judge: below its own minimum it
scavenges the whole page, menus included. There the small parser below reads the page's
<article>, <main> or <body> instead, which is what a page that small usually is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata
from trafilatura.settings import DEFAULT_CONFIG, Document
from trafilatura.utils import load_html

from audio.script import HEADING, PARAGRAPH, Block

# Chosen by measuring tests/corpus, the pages as saved and made plainer (semantic tags
# turned into <div>s, class and id attributes removed; test_corpus.py keeps both checks).
# With the structure restored (see _with_structure) no mode lost a body paragraph, and
# they differed in the junk read aloud, over the four shapes of the six pages:
#   favor_precision  0, 1, 1, 3   (it also drops an in-article subscription box itself)
#   default          0, 1, 1, 17  (on plain markup it takes the site header and comments)
#   favor_recall     0, 1, 6, 16  (a newsletter's header, byline and footer)
#   fast             3 junk lines on the pages as saved (a newsletter's header, byline)
EXTRACTION: dict[str, Any] = {
    "include_comments": False,
    "include_tables": False,  # a table read aloud is a list of numbers without its grid
    "favor_precision": True,
    "favor_recall": False,
    "fast": False,
}
# Below this many characters of text trafilatura distrusts its own result (and recovers
# "wild" text from anywhere on the page): the small parser reads such a page instead.
MIN_EXTRACTED_CHARS = DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
# The date with its time and zone when the page gives them; the original publication date.
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# What a screen reader would not read is not read aloud either.
_HIDDEN = (
    "//*[@hidden] | //*[@aria-hidden='true']"
    " | //*[contains(translate(@style, ' ', ''), 'display:none')]"
    " | //*[contains(translate(@style, ' ', ''), 'visibility:hidden')]"
    " | //figcaption"  # a caption describes a picture the listener cannot see
)
# Separators between a headline and a site name in <title>: "Headline | Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|–—·•:»›~-]\s+|\s+::\s+")
# A block is a link, and a list a box of links, when this share of its text is link text.
LINK_SHARE = 0.5
# A headline repeated in the body sits among its first blocks, after a standfirst or a
# dateline at most; further down, a line that equals the title is the article's own.
TITLE_REPEAT_WITHIN = 3


@dataclass(frozen=True)
class HtmlPage:
    """What a page holds: the article's blocks, the metadata, and what its markup tells.

    `linked` maps the text of each block of the page (as _comparable sees it) to the share
    of it inside links.
    """

    blocks: list[Block]
    meta: dict[str, str]
    linked: dict[str, float] = field(default_factory=dict)

    def link_share(self, text: str) -> float:
        """The share of `text` the page has inside links (0 when the page has no such block)."""
        return self.linked.get(_comparable(text), 0.0)


def read_html(markup: str, url: str | None = None) -> tuple[list[Block], dict[str, str]]:
    """Blocks of the page's main text, and metadata (see read_page)."""
    page = read_page(markup, url)
    return page.blocks, page.meta


def read_page(markup: str, url: str | None = None) -> HtmlPage:
    """The page's main text as blocks, its metadata, and the link share of its blocks.

    The metadata keys are title, author, date (ISO 8601), url, site, lang and image; each
    is present only if the page gives it. `url` is where the page came from, used when the
    page names no canonical address of its own.
    """
    regions = _page_regions(markup)
    linked = {_comparable(part.block.text): part.linked for part in regions["body"]}
    main = _main_region(regions)
    tree = load_html(markup) if markup.strip() else None
    if tree is None:
        return HtmlPage([part.block for part in main], {}, linked)
    for element in tree.xpath(_HIDDEN):
        if element.getparent() is not None:
            element.drop_tree()
    found = bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        output_format="xml",
        date_extraction_params=_date_params(),
        **EXTRACTION,
    )
    if isinstance(found, Document):
        document, blocks = found, xml_blocks(found.body)
    else:  # nothing extracted: the metadata alone
        document = extract_metadata(tree, default_url=url, date_config=_date_params())
        blocks = []
    if sum(len(block.text) for block in blocks) < MIN_EXTRACTED_CHARS:
        blocks = [part.block for part in main] or blocks
    elif not document.body.xpath(".//head | .//item"):
        blocks = _with_structure(blocks, main)
    meta = _metadata(document, tree)
    return HtmlPage(_without_title_repeat(blocks, meta), meta, linked)


def _date_params() -> dict[str, Any]:
    return {
        "original_date": True,
        "extensive_search": True,
        "outputformat": _DATE_FORMAT,
        # A date in the address ("/2024/05/14/") has no time: meta tags and JSON-LD first.
        "deferred_url_extractor": True,
        "max_date": datetime.now().astimezone().strftime("%Y-%m-%d"),
    }


# --- trafilatura's XML to blocks ---------------------------------------------------------

_BLOCK_KINDS = {"head": HEADING, "p": PARAGRAPH, "item": PARAGRAPH, "quote": PARAGRAPH}
_CONTAINERS = {"body", "main", "doc", "div", "list", "section", "article"}
_UNSPOKEN = {"code", "table", "graphic", "comments"}  # as markdown_blocks: code is not read


def xml_blocks(body: _Element) -> list[Block]:
    """Headings, paragraphs, list items and quotes of trafilatura's XML, in document order.

    A block's own text is one block; a block inside it (a paragraph in a quote, a list in
    a list item) is another, after it, and text after an inner block is a third.
    """
    blocks: list[Block] = []
    _collect(body, PARAGRAPH, blocks)
    return blocks


def _collect(element: _Element, kind: str, blocks: list[Block]) -> None:
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in _BLOCK_KINDS or tag in _CONTAINERS or tag in _UNSPOKEN:
            _flush(parts, kind, blocks)
            if tag not in _UNSPOKEN:
                _collect(child, _BLOCK_KINDS.get(tag, PARAGRAPH), blocks)
            parts = [child.tail or ""]
        elif tag == "lb":
            parts += [" ", child.tail or ""]
        else:  # inline: hi, ref, del, span...
            parts += ["".join(child.itertext()), child.tail or ""]
    _flush(parts, kind, blocks)


def _flush(parts: list[str], kind: str, blocks: list[Block]) -> None:
    text = " ".join("".join(parts).split())
    if text:
        blocks.append(Block(kind, text))


def _with_structure(found: list[Block], page: list[PageBlock]) -> list[Block]:
    """trafilatura's blocks, with the headings and list items it skipped put back.

    On a page without the usual markup of an article trafilatura falls back to collecting
    paragraphs one by one ("wild text"), which drops headings and list items: the steps
    of a how-to go missing. trafilatura still decides what the article is; a gap between
    two of its blocks is filled from the page only if the gap holds nothing but headings
    and list items, so a byline, a menu or a teaser never comes back with them; and not
    the boxes of links among them ("Trending", "Related links"), see _without_link_boxes.
    """
    texts = [_comparable(part.block.text) for part in page]
    positions: list[int] = []
    for block in found:
        text = _comparable(block.text)
        start = positions[-1] + 1 if positions else 0
        if text not in texts[start:]:
            return found  # trafilatura changed the text: nothing safe to align
        positions.append(texts.index(text, start))
    blocks = [found[0]]
    for block, before, after in zip(found[1:], positions[:-1], positions[1:], strict=True):
        gap = page[before + 1 : after]
        if all(part.origin in ("heading", "item") for part in gap):
            blocks += [part.block for part in _without_link_boxes(gap)]
        blocks.append(block)
    return blocks


def _without_link_boxes(gap: list[PageBlock]) -> list[PageBlock]:
    """The gap without its boxes of links: a heading over a list that is mostly links.

    "Trending", "More from the site", "Related links": each is a heading (itself no link)
    over items whose text is mostly inside <a>, headlines of other pages. Such a section
    goes, and so do the headings just above it that head nothing else ("More from X" over
    "Trending"). A how-to's steps are prose, with a link here and there: they stay.
    """
    sections: list[list[PageBlock]] = []
    for part in gap:
        if not sections or (part.origin == "heading" and not part.is_link):
            sections.append([part])
        else:
            sections[-1].append(part)
    kept: list[PageBlock] = []
    above_a_box = False  # walking back: is the section below this one a dropped box?
    for section in reversed(sections):
        items = _items(section)
        if _is_link_box(items) or (above_a_box and not items):
            above_a_box = True
            continue
        above_a_box = False
        kept[:0] = section
    return kept


def _items(section: list[PageBlock]) -> list[PageBlock]:
    """A section without the heading over it."""
    first = section[0]
    return section[1:] if first.origin == "heading" and not first.is_link else section


def _is_link_box(items: list[PageBlock]) -> bool:
    """Items whose characters are mostly link text, taken together."""
    chars = sum(len(part.block.text) for part in items)
    linked = sum(len(part.block.text) * part.linked for part in items)
    return chars > 0 and linked >= LINK_SHARE * chars


# --- metadata -----------------------------------------------------------------------------


def _metadata(document: Document, tree: HtmlElement) -> dict[str, str]:
    site = _one_line(document.sitename)
    info = {
        "title": _headline(_title(document, tree), site, tree),
        "author": _one_line(document.author),
        "date": _iso_date(document.date),
        "url": _one_line(document.url),
        "site": site,
        "lang": _language(tree),
        "image": _one_line(document.image),
    }
    return {key: value for key, value in info.items() if value}


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _iso_date(value: str | None) -> str:
    """ISO 8601; just the day when the page gives no time (htmldate then says midnight)."""
    if not value:
        return ""
    try:
        parsed = datetime.strptime(value, _DATE_FORMAT)
    except ValueError:
        try:
            parsed = datetime.strptime(value, _DATE_FORMAT.removesuffix("%z"))
        except ValueError:
            return value
    if parsed.tzinfo is None and (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0):
        return parsed.date().isoformat()
    return parsed.isoformat()


def _title(document: Document, tree: HtmlElement) -> str:
    """trafilatura's title, unless it is a piece of <title> that it cut off by itself.

    Without a title in the meta tags or a single <h1>, trafilatura keeps the first piece
    of "A - B": right for "Headline - Site", wrong for "Ferries - A History". The whole
    <title> is kept then, and _headline cuts only what is known to be the site's name.
    """
    title = _one_line(document.title)
    whole = _one_line(" ".join(tree.xpath("//head/title//text()")))
    separators = list(_TITLE_SEPARATOR.finditer(whole))
    starts = [0, *(separator.end() for separator in separators)]
    ends = [*(separator.start() for separator in separators), len(whole)]
    pieces = {whole[start:end] for start in starts for end in ends if start < end}
    if not title or title == whole or title not in pieces:
        return title
    declared = tree.xpath(
        "//meta[@property='og:title' or @name='twitter:title' or @name='title']/@content"
    )
    stated = {_comparable(text) for text in [*declared, *_h1_texts(tree)]}
    return title if _comparable(title) in stated else whole


def _h1_texts(tree: HtmlElement) -> list[str]:
    return [h.text_content() for h in tree.iter("h1")]


def _headline(title: str, site: str, tree: HtmlElement) -> str:
    """The title without the site's name that pages add to it: "Headline | Site".

    Cut only where what is cut is the site's name, or where what is kept is the page's
    own <h1>; a title that merely contains a separator ("Ferries - a history") stays whole.
    """
    headings = {_comparable(text) for text in _h1_texts(tree)}
    if _comparable(title) in headings:
        return title
    for separator in reversed(list(_TITLE_SEPARATOR.finditer(title))):
        head, tail = title[: separator.start()], title[separator.end() :]
        if (site and _comparable(tail) == _comparable(site)) or _comparable(head) in headings:
            return head
        if site and _comparable(head) == _comparable(site):
            return tail
    return title


def _language(tree: HtmlElement) -> str:
    """The language the page declares: <html lang>, Content-Language, JSON-LD, og:locale."""
    candidates = [
        tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[translate(@http-equiv, 'CONTENTLANGUAGE', 'contentlanguage')"
            "='content-language']/@content"
        ),
        _json_ld_language(tree),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for candidate in candidates:
        if candidate and candidate.strip():
            return candidate.strip().split(",")[0].strip().replace("_", "-")
    return ""


def _json_ld_language(tree: HtmlElement) -> str | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        if found := re.search(r'"inLanguage"\s*:\s*"([^"]+)"', script):
            return found.group(1)
    return None


def _comparable(text: str) -> str:
    """Text as a listener hears it: case, quotes, dashes and spacing do not matter."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‚‛“”„‟«»–—", '\'\'\'\'""""""--'))
    return " ".join(text.split()).strip(" .:!?")


def _without_title_repeat(blocks: list[Block], meta: dict[str, str]) -> list[Block]:
    """Blocks without the one near the top that repeats the title (the episode announces it).

    The page's headline may be a heading or a paragraph, and extraction may put it below
    the first paragraph (a standfirst, a dateline); it may carry the site's name ("Headline
    | Site"), and differ from the title in case, quotes or spacing, which the exact
    comparison in ingest would miss. Only the first repeat goes: later, it is prose.
    """
    title = meta.get("title")
    for index, block in enumerate(blocks[:TITLE_REPEAT_WITHIN] if title else []):
        if _repeats_title(block.text, title or "", meta.get("site", "")):
            return blocks[:index] + blocks[index + 1 :]
    return blocks


def _repeats_title(text: str, title: str, site: str) -> bool:
    """True for the title, alone or with the site's name at either end."""
    if _comparable(text) == _comparable(title):
        return True
    wanted = {_comparable(title), _comparable(site)}
    for separator in _TITLE_SEPARATOR.finditer(text) if site else []:
        if {_comparable(text[: separator.start()]), _comparable(text[separator.end() :])} == wanted:
            return True
    return False


# --- the small parser, for small pages ----------------------------------------------------

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "svg",
    "iframe",
    "select",
    "figcaption",
    "menu",
}
_BLOCKS = {
    "p",
    "li",
    "blockquote",
    "dd",
    "dt",
    "pre",
    "td",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "tr",
    "figure",
    "ul",
    "ol",
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "source", "wbr", "area", "col", "embed"}


@dataclass(frozen=True)
class PageBlock:
    """A block as the page's markup has it: where it sits, and how much of it is a link.

    `origin` is "heading", "item" (of a list) or "text"; `linked` is the share of its
    characters inside <a>: a box of links to other pages is mostly link text, prose is not.
    """

    origin: str
    block: Block
    linked: float

    @property
    def is_link(self) -> bool:
        return self.linked >= LINK_SHARE


class _PageReader(HTMLParser):
    """Headings, paragraphs, list items and quotes inside <article>, <main> and <body>.

    Scripts, navigation, headers, footers, asides, forms and hidden elements are skipped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []  # open tags, and whether each skips
        self.regions: dict[str, list[PageBlock]] = {"article": [], "main": [], "body": []}
        self._text: list[str] = []
        self._linked_chars = 0  # of the text gathered so far, the characters inside <a>
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag in _VOID:
            if tag == "br":
                self._flush()
            return
        skips = (
            tag in _SKIP
            or attr.get("hidden") is not None
            or "display:none" in attr.get("style", "").replace(" ", "")
        )
        self._stack.append((tag, skips))
        self._skip_depth += skips
        if tag in _BLOCKS:
            self._flush()
            self._heading = tag in _HEADINGS

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open_tags():
            return
        if tag in _BLOCKS:
            self._flush()
        while self._stack:
            open_tag, skips = self._stack.pop()
            self._skip_depth -= skips
            if open_tag == tag:
                break

    def _open_tags(self) -> list[str]:
        return [tag for tag, _ in self._stack]

    def handle_data(self, data: str) -> None:
        open_tags = self._open_tags()
        if not self._skip_depth and self._stack and "title" not in open_tags:
            self._text.append(data)
            if "a" in open_tags:
                self._linked_chars += len("".join(data.split()))

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        linked_chars, self._linked_chars = self._linked_chars, 0
        self._text = []
        if not text:
            return
        block = Block(HEADING if self._heading else PARAGRAPH, text)
        self._heading = False
        open_tags = self._open_tags()
        origin = "heading" if block.kind == HEADING else "text"
        if origin == "text" and {"li", "dt", "dd"}.intersection(open_tags):
            origin = "item"
        linked = min(1.0, linked_chars / len("".join(text.split())))
        for region in ("article", "main", "body"):
            if region in open_tags:
                self.regions[region].append(PageBlock(origin, block, linked))

    def close(self) -> None:
        super().close()
        self._flush()


def _page_regions(markup: str) -> dict[str, list[PageBlock]]:
    """The blocks of the page's <article>, <main> and <body>, with their markup.

    A fragment pasted out of a CMS has no <body>: all of it is the body then.
    """
    reader = _PageReader()
    reader.feed(
        markup if re.search(r"<body\b", markup, re.IGNORECASE) else f"<body>{markup}</body>"
    )
    reader.close()
    return reader.regions


def _main_region(regions: dict[str, list[PageBlock]]) -> list[PageBlock]:
    """The page's <article>, else <main>, else <body>."""
    return regions["article"] or regions["main"] or regions["body"]
