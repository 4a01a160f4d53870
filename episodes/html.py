"""A saved web page to blocks and metadata, with the page's chrome left out.

Reads headings, paragraphs, list items and quotes inside the page's <article> or <main>
(the whole <body> if it has neither); scripts, navigation, headers, footers, asides and
forms are never read.
"""

from __future__ import annotations

from html.parser import HTMLParser

from audio.script import HEADING, PARAGRAPH, Block

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
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.page_title = ""
        self._in_title = False
        self._skip_depth = 0
        self._stack: list[tuple[str, bool]] = []  # open tags, and whether each skips
        self.regions: dict[str, list[Block]] = {"article": [], "main": [], "body": []}
        self._text: list[str] = []
        self._heading = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or "").lower()
            if key and attr.get("content"):
                self.meta.setdefault(key, attr["content"].strip())
            return
        if tag == "link" and "canonical" in attr.get("rel", "").lower():
            self.meta.setdefault("canonical", attr.get("href", ""))
        if tag == "title":
            self._in_title = True
        if tag == "html" and attr.get("lang"):
            self.meta.setdefault("lang", attr["lang"].strip())
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
        if tag == "title":
            self._in_title = False
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
        if self._in_title:
            self.page_title += data
        elif not self._skip_depth and self._stack:
            self._text.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        self._text = []
        if not text:
            return
        block = Block(HEADING if self._heading else PARAGRAPH, text)
        self._heading = False
        open_tags = self._open_tags()
        for region in ("article", "main", "body"):
            if region in open_tags:
                self.regions[region].append(block)

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(markup: str) -> tuple[list[Block], dict[str, str]]:
    """Blocks of the page's main text, and metadata (title, author, date, url, site, lang)."""
    reader = _PageReader()
    reader.feed(markup)
    reader.close()
    regions = reader.regions
    blocks = regions["article"] or regions["main"] or regions["body"]
    meta = reader.meta
    info = {
        "title": meta.get("og:title") or " ".join(reader.page_title.split()),
        "author": meta.get("author") or meta.get("article:author") or "",
        "date": meta.get("article:published_time") or meta.get("date") or "",
        "url": meta.get("og:url") or meta.get("canonical") or "",
        "site": meta.get("og:site_name") or "",
        "lang": meta.get("lang") or "",
    }
    return blocks, {k: v for k, v in info.items() if v}
