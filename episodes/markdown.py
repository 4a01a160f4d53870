"""Markdown to blocks: what a reader hears, without the markup."""

from __future__ import annotations

import re

from audio.script import HEADING, PARAGRAPH, Block
from episodes.article import Dropped

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n(---|\.\.\.)\s*\n", re.S)
_ATX = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_LIST_ITEM = re.compile(r"^\s*([-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^\s*>\s?")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
_TABLE = re.compile(r"^\s*\|.*\|\s*$")

_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[\^[^\]]+\]"), ""),  # footnote references
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),  # code spans
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)"), r"\1"),  # emphasis
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # escapes
]


def strip_inline(text: str) -> str:
    """Inline Markdown to plain words."""
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """`key: value` pairs of a leading YAML front matter block, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[match.end() :]


def markdown_blocks(text: str) -> tuple[list[Block], list[Dropped]]:
    """Headings, paragraphs, list items and quotes; code and tables are not spoken."""
    blocks: list[Block] = []
    dropped: list[Dropped] = []
    para: list[str] = []
    in_fence = False
    fence_lines: list[str] = []

    def flush() -> None:
        if para:
            spoken = strip_inline(" ".join(para))
            if spoken:
                blocks.append(Block(PARAGRAPH, spoken))
            para.clear()

    for line in text.splitlines():
        if _FENCE.match(line):
            if in_fence:
                dropped.append(Dropped("\n".join(fence_lines)[:200], "code block"))
                fence_lines = []
            else:
                flush()
            in_fence = not in_fence
            continue
        if in_fence:
            fence_lines.append(line)
            continue
        # Before the rule check: "Title" over "-----" is a heading, not a paragraph and a rule.
        if para and _SETEXT.match(line) and len(para) == 1:
            title = strip_inline(para.pop())
            if title:
                blocks.append(Block(HEADING, title))
            continue
        if not line.strip() or _RULE.match(line):
            flush()
            continue
        if heading := _ATX.match(line):
            flush()
            title = strip_inline(heading.group(2))
            if title:
                blocks.append(Block(HEADING, title))
            continue
        if _REF_DEF.match(line):
            continue
        if _TABLE.match(line):
            flush()
            dropped.append(Dropped(line.strip()[:200], "table"))
            continue
        line = _QUOTE.sub("", line)
        if _LIST_ITEM.match(line):
            flush()
            line = _LIST_ITEM.sub("", line)
        para.append(line.strip())
    flush()
    if in_fence and fence_lines:
        dropped.append(Dropped("\n".join(fence_lines)[:200], "code block"))
    return blocks, dropped
