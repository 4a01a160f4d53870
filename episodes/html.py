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


def read_html(markup: str, url: str | None = None) -> tuple[list[Block], dict[str, str]]:
    """Blocks of the page's main text, and metadata.

    The metadata keys are title, author, date (ISO 8601), url, site, lang and image; each
    is present only if the page gives it. `url` is where the page came from, used when the
    page names no canonical address of its own.
    """
    tree = load_html(markup) if markup.strip() else None
    if tree is None:
        return _small_parser_blocks(markup), {}
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
        blocks = _small_parser_blocks(markup) or blocks
    elif not document.body.xpath(".//head | .//item"):
        blocks = _with_structure(blocks, _small_parser_page(markup))
    meta = _metadata(document, tree)
    return _without_title_heading(blocks, meta.get("title")), meta


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


def _with_structure(found: list[Block], page: list[tuple[str, Block]]) -> list[Block]:
    """trafilatura's blocks, with the headings and list items it skipped put back.

    On a page without the usual markup of an article trafilatura falls back to collecting
    paragraphs one by one ("wild text"), which drops headings and list items: the steps
    of a how-to go missing. trafilatura still decides what the article is; a gap between
    two of its blocks is filled from the page only if the gap holds nothing but headings
    and list items, so a byline, a menu or a teaser never comes back with them.
    """
    texts = [_comparable(block.text) for _, block in page]
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
        if all(origin in ("heading", "item") for origin, _ in gap):
            blocks += [gap_block for _, gap_block in gap]
        blocks.append(block)
    return blocks


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


def _without_title_heading(blocks: list[Block], title: str | None) -> list[Block]:
    """Blocks without a leading heading that repeats the title (the episode announces it).

    Pages often differ from their own title in case, quotes or a site suffix, which the
    exact comparison in ingest would miss.
    """
    first = blocks[0] if blocks else None
    if title and first and first.kind == HEADING and _comparable(first.text) == _comparable(title):
        return blocks[1:]
    return blocks


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


class _PageReader(HTMLParser):
    """Headings, paragraphs, list items and quotes inside <article>, <main> and <body>.

    Scripts, navigation, headers, footers, asides, forms and hidden elements are skipped.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []  # open tags, and whether each skips
        # Each block with its origin: "heading", "item" (of a list) or "text".
        self.regions: dict[str, list[tuple[str, Block]]] = {"article": [], "main": [], "body": []}
        self._text: list[str] = []
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
        if not self._skip_depth and self._stack and "title" not in self._open_tags():
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        block = Block(HEADING if self._heading else PARAGRAPH, text)
        self._heading = False
        open_tags = self._open_tags()
        origin = "heading" if block.kind == HEADING else "text"
        if origin == "text" and {"li", "dt", "dd"}.intersection(open_tags):
            origin = "item"
        for region in ("article", "main", "body"):
            if region in open_tags:
                self.regions[region].append((origin, block))

    def close(self) -> None:
        super().close()
        self._flush()


def _small_parser_page(markup: str) -> list[tuple[str, Block]]:
    """The blocks of the page's <article>, else <main>, else <body>, with their origins.

    A fragment pasted out of a CMS has no <body>: all of it is the body then.
    """
    reader = _PageReader()
    reader.feed(
        markup if re.search(r"<body\b", markup, re.IGNORECASE) else f"<body>{markup}</body>"
    )
    reader.close()
    regions = reader.regions
    return regions["article"] or regions["main"] or regions["body"]


def _small_parser_blocks(markup: str) -> list[Block]:
    return [block for _, block in _small_parser_page(markup)]
