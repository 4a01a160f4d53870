"""Plain text, as people copy it from web pages and scrapers hand it over, to an article.

Paragraphs are taken as the text has them (episodes/paragraphs.py). Each is then judged:
first by the named rules (episodes/junk.py), which are precise and say what they found;
then by the learned classifier (episodes/boilerplate.py), which sees what no phrase list
can (a teaser, an appeal in the publication's own words, a menu of section names). The
comment section goes whole, from its heading on. A byline or dateline gives the article
its author and date. The headline is the line that heads the article's main run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from audio.script import HEADING, Block
from episodes.article import TITLE_MAX_CHARS, Dropped, first_sentence_title
from episodes.blockfeatures import BlockInput, stopwords, words_of
from episodes.junk import PERSON_NAME, junk_rule
from episodes.language import detect_language
from episodes.paragraphs import Piece, text_pieces
from episodes.template import (
    NO_TEMPLATE,
    TEMPLATE_RULE,
    ShowTemplate,
    line_keys,
    normalize_line,
    split_site_suffix,
)

# A headline is short and is not a sentence of the article.
_HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25
# How many lines above the article text a headline may sit (a byline, a date between).
_HEADLINE_REACH = 4
_BYLINE_MAX_WORDS = 14  # "By Jane Doe and Ali Khan, Reuters | March 3, 2024"
# Markup a converter leaves in text: an image or a link in Markdown, an HTML tag.
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
# HTML elements a converter or a CMS leaves in text; "<Friday>" in a title is not one.
_HTML_ELEMENTS = (
    "a|abbr|b|br|button|div|em|embed|figcaption|figure|font|form|h[1-6]|hr|i|iframe|img|input"
    "|label|li|link|meta|noscript|ol|p|picture|script|source|span|strong|style|sub|sup|svg"
    "|table|td|th|tr|u|ul|video|audio|wbr"
)
_TAG = re.compile(rf"</?(?:{_HTML_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"<!--.*?(-->|$)|^.*?-->")
_CODE_SHARE = 0.12  # prose has a bracket or a slash now and then, code a symbol in eight
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_COMMENT_SECTION_RULES = {"comment form"}
# A comment form's heading opens the comment section once this share of the article's
# words is behind it (the comments the classifier kept count in the total, so not 1;
# chosen on the training sites, never on the held-out ones).
_COMMENTS_AFTER = 0.8
# A menu: this many short label lines in a row (no sentence among them), before the
# article's first paragraph or after its last. A headline or a byline stands alone.
_MENU_RUN = 3
_LABEL_WORDS = 4
# A block this long can be a paragraph of an article; a text with none is a note or a poem.
_PARAGRAPH_WORDS = 8
# The reader's own reasons for a drop, beside the named rules of episodes/junk.py.
READER_RULES = frozenset(
    {"classifier", "comment section", "markup", "title again", "byline", "menu"}
)
# "By Jane Doe", "By Jane Doe and Ali Khan, Reuters": a byline without a date.
_BYLINE = re.compile(
    r"^(?i:(?:written |words |story )?by|von|par|por|di|door)[:\s]+"
    rf"({PERSON_NAME}(?:(?:,| and| &) {PERSON_NAME})*)(?=$|[\s,|·•–—-])"
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (
        re.compile(rf"\b({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", re.I),
        ("b", "d", "y"),
    ),
    (
        re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? ({_MONTH})\.?,? (\d{{4}})\b", re.I),
        ("d", "b", "y"),
    ),
]


@dataclass
class PlainText:
    """What the reader made of a text: blocks, drops, and the metadata it found."""

    blocks: list[Block]
    dropped: list[Dropped] = field(default_factory=list)
    title: str | None = None
    title_derived: bool = False
    author: str | None = None
    date: datetime | None = None
    line_keys: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)


def read_plain_text(
    text: str, keep_all: bool = False, template: ShowTemplate = NO_TEMPLATE
) -> PlainText:
    """The article in a plain text (see the module docstring).

    Lines the show's other articles share (`template`) go first, before anything else
    looks for the article or its headline.
    """
    pieces, dropped = spoken_pieces(text_pieces(text))
    keys = line_keys(p.text for p in pieces)
    notes: list[str] = []
    if not keep_all:
        pieces, by_template, notes = _without_template(pieces, template)
        dropped += by_template
    if keep_all or not pieces:
        kept = pieces
    else:
        kept, more = judge(pieces)
        dropped += more
    result = _with_metadata(pieces, kept, dropped)
    result.line_keys, result.notes = keys, notes
    return result


def _without_template(
    pieces: list[Piece], template: ShowTemplate
) -> tuple[list[Piece], list[Dropped], list[str]]:
    known = [template.knows(p.text) for p in pieces]
    if not any(known):
        return pieces, [], []
    kept = [p for p, k in zip(pieces, known, strict=True) if not k]
    if not any(len(p.text.split()) >= _PARAGRAPH_WORDS for p in kept):
        note = "all its text is also in other articles of the show: kept, none dropped as template"
        return pieces, [], [note]
    dropped = [Dropped(p.text, TEMPLATE_RULE) for p, k in zip(pieces, known, strict=True) if k]
    return kept, dropped, []


def is_code(text: str) -> bool:
    """Script, style or an HTML comment left in a copy ("<!-- document.write('');"):
    symbols, not words. Asked of what the classifier kept (it was trained without it)."""
    text = _HTML_COMMENT.sub("", text)
    if not any(ch.isalnum() for ch in text):
        return True
    symbols = sum(text.count(ch) for ch in "{}();=<>[]/\\|$")
    return symbols >= 4 and symbols > _CODE_SHARE * len(text.replace(" ", ""))


def spoken_pieces(pieces: list[Piece]) -> tuple[list[Piece], list[Dropped]]:
    """Pieces without the markup a converter left in them; markup alone is dropped."""
    spoken: list[Piece] = []
    dropped: list[Dropped] = []
    for piece in pieces:
        text = _MD_IMAGE.sub("", piece.text)
        text = _MD_LINK.sub(r"\1", text)
        text = _EMPHASIS.sub(r"\2", _TAG.sub("", text))
        text = " ".join(text.split())
        if not any(ch.isalnum() for ch in text):
            dropped.append(Dropped(piece.text, "markup"))
        else:
            spoken.append(Piece(text, piece.kind, piece.line, piece.run, piece.lines, piece.bullet))
    return spoken, dropped


def judge(pieces: list[Piece], language: str | None = None) -> tuple[list[Piece], list[Dropped]]:
    """The pieces kept as article text, and the others with the rule or reason."""
    from episodes.boilerplate import classify

    rules = [junk_rule(piece.text) for piece in pieces]
    language = language or detect_language(p.text for p in pieces)
    inputs = [
        BlockInput(p.text, p.kind == HEADING, p.bullet, rule)
        for p, rule in zip(pieces, rules, strict=True)
    ]
    verdicts = classify(inputs, language)
    keep = [rule is None and verdict.keep for rule, verdict in zip(rules, verdicts, strict=True)]
    if not any(
        k and len(p.text.split()) >= _PARAGRAPH_WORDS for k, p in zip(keep, pieces, strict=True)
    ):
        # Nothing the classifier would call an article (a short note, a poem): trust
        # only the named rules.
        keep = [rule is None for rule in rules]
    cut = _comment_section_start(pieces, rules, keep)
    menu = _menu_lines(pieces, keep)
    kept: list[Piece] = []
    dropped: list[Dropped] = []
    for i, (piece, rule, verdict) in enumerate(zip(pieces, rules, verdicts, strict=True)):
        if i >= cut:
            dropped.append(Dropped(piece.text, rule or "comment section"))
        elif rule:
            dropped.append(Dropped(piece.text, rule))
        elif keep[i] and i in menu:
            dropped.append(Dropped(piece.text, "menu"))
        elif keep[i] and is_code(piece.text):
            dropped.append(Dropped(piece.text, "markup"))
        elif keep[i]:
            kept.append(piece)
        else:
            dropped.append(Dropped(piece.text, "classifier", verdict.explain()))
    return kept, dropped


def judge_blocks(
    blocks: list[Block], max_score: float, language: str | None = None
) -> tuple[list[Block], list[Dropped]]:
    """Blocks from another extraction, without those the classifier is sure are chrome."""
    from episodes.boilerplate import classify

    if not blocks:
        return blocks, []
    language = language or detect_language(b.text for b in blocks)
    verdicts = classify([BlockInput(b.text, b.kind == HEADING) for b in blocks], language)
    kept: list[Block] = []
    dropped: list[Dropped] = []
    for block, verdict in zip(blocks, verdicts, strict=True):
        if verdict.keep or verdict.score >= max_score:
            kept.append(block)
        else:
            dropped.append(Dropped(block.text, "classifier", verdict.explain()))
    if not any(len(b.text.split()) >= _PARAGRAPH_WORDS for b in kept):
        return blocks, []
    return kept, dropped


def _menu_lines(pieces: list[Piece], keep: list[bool]) -> set[int]:
    """Pieces in a run of short label lines outside the article's paragraphs.

    The classifier judges a line by its neighbourhood, and a menu's last item, right above
    the article, looks like a headline to it; a run of them is no headline. Inside the
    article, between its first and last kept paragraph, a run is a list and stays.
    """
    long = [i for i, (p, k) in enumerate(zip(pieces, keep, strict=True)) if k and _is_prose(p)]
    if not long:
        return set()
    first, last = long[0], long[-1]
    menu: set[int] = set()
    run: list[int] = []
    for i, piece in enumerate([*pieces, None]):
        if piece is not None and (i < first or i > last) and _is_label(piece.text):
            run.append(i)
            continue
        if len(run) >= _MENU_RUN:
            menu.update(run)
        run = []
    return menu


def _is_prose(piece: Piece) -> bool:
    return len(piece.text.split()) >= _PARAGRAPH_WORDS and piece.kind != HEADING


def _is_label(text: str) -> bool:
    """A menu item or a button: a few words, not a sentence."""
    return len(text.split()) <= _LABEL_WORDS and not text.rstrip().endswith((".", "!", "?"))


def _comment_section_start(pieces: list[Piece], rules: list[str | None], keep: list[bool]) -> int:
    """Where the comments begin: a comment form's heading after most of the article.

    From there on everything is the comments (commenters' names, dates, their words) or
    the page's footer; an article's own text does not come back after it.
    """
    words = [len(p.text.split()) if k else 0 for p, k in zip(pieces, keep, strict=True)]
    total = sum(words) or 1
    seen = 0
    for i, rule in enumerate(rules):
        if rule in _COMMENT_SECTION_RULES and seen >= _COMMENTS_AFTER * total:
            return i
        seen += words[i]
    return len(pieces)


def _with_metadata(pieces: list[Piece], kept: list[Piece], dropped: list[Dropped]) -> PlainText:
    """Blocks, with the headline taken out of them and the byline's author and date.

    The headline is said once: a copy of it near the top of the text goes (a page's
    title above its own headline), and so does a site name joined to it when the text
    shows that name elsewhere. A byline at the top gives the author and goes too: the
    episode's opening names the author itself.
    """
    result = PlainText([], dropped)
    head = _headline(pieces, kept)
    if head is not None:
        result.title = _without_site_name(head.text, pieces)
        kept = [p for p in kept if p is not head]
        dropped[:] = [d for d in dropped if d.text != head.text]
        same = normalize_line(result.title)
        for piece in kept[:_HEADLINE_REACH]:
            if normalize_line(_without_site_name(piece.text, pieces)) == same:
                kept.remove(piece)
                dropped.append(Dropped(piece.text, "title again"))
    front = pieces[: pieces.index(kept[0])] if kept else pieces
    for piece in [*front, *kept[:2]]:
        author = byline_author(piece.text)
        result.author = result.author or author
        if author or piece in front:
            result.date = result.date or dateline_date(piece.text)
        if author and piece in kept and len(piece.text.split()) <= _BYLINE_MAX_WORDS:
            kept.remove(piece)
            dropped.append(Dropped(piece.text, "byline"))
    result.blocks = [Block(p.kind, p.text) for p in kept]
    if head is None and kept:
        result.title = first_sentence_title(kept[0].text)
        result.title_derived = True
    return result


def _without_site_name(title: str, pieces: list[Piece]) -> str:
    """The headline without a site name joined to it: "Budget vote | Courier".

    Cut when the text itself shows the name is the site's: it stands elsewhere in the
    text (the masthead, the copyright line, the menu), or the headline stands elsewhere
    without it; a pipe never joins a headline's own words.
    """
    split = split_site_suffix(title)
    if split is None:
        return title
    head, site = split
    if re.search(r"\s\|\s", title):
        return head
    name, bare = normalize_line(site), normalize_line(head)
    for piece in pieces:
        text = normalize_line(piece.text)
        if text == bare or (
            text != normalize_line(title) and re.search(rf"(^|\W){re.escape(name)}($|\W)", text)
        ):
            return head
    return title


def _headline(pieces: list[Piece], kept: list[Piece]) -> Piece | None:
    """The line that heads the article's text, if one does: never a menu or a sentence.

    A headline speaks of what the article says: it shares words with its first
    paragraphs, and it stands once in the page. "Privacy policy" above the first
    paragraph does neither; the text's own first line is trusted as it is ("Notes").
    """
    if not kept:
        return None
    body = kept[1 : 1 + _HEADLINE_REACH]
    first_line = kept[0] is pieces[0] and _stands_as_title(pieces)
    if (
        looks_like_headline(kept[0].text, 1 if first_line else 2)
        and (kept[0].kind == HEADING or len(kept) > 1)
        and (first_line or kept[0].kind == HEADING or len(kept[0].text) <= TITLE_MAX_CHARS)
        and (first_line or _heads(kept[0], body, pieces))
    ):
        return kept[0]
    start = pieces.index(kept[0])
    for piece in reversed(pieces[max(0, start - _HEADLINE_REACH) : start]):
        if byline_author(piece.text) or dateline_date(piece.text):
            continue
        own_title = piece is pieces[0] and _stands_as_title(pieces)
        if (
            looks_like_headline(piece.text, 1 if own_title else 2)
            and not junk_rule(piece.text)
            and (own_title or _heads(piece, kept[:_HEADLINE_REACH], pieces))
        ):
            return piece
    return None


def _stands_as_title(pieces: list[Piece]) -> bool:
    """Whether the text's first line is set apart as its title, as a writer sets it: a
    blank line after it, or a sentence of prose right under it (not a menu's next item)."""
    if len(pieces) < 2:
        return False
    first, second = pieces[0], pieces[1]
    return second.run != first.run or (
        len(second.text.split()) >= 4 and bool(re.search(r"[.!?…]$", second.text))
    )


def _heads(candidate: Piece, body: list[Piece], pieces: list[Piece]) -> bool:
    """Whether `candidate` reads as the headline of `body`: a word of its own is in it."""
    key = normalize_line(candidate.text)
    if sum(normalize_line(p.text) == key for p in pieces) > 1:
        return False  # a line the page repeats is its chrome (a menu at top and bottom)
    stop = stopwords(None)
    own = {w for w in words_of(candidate.text) if len(w) > 2 and w not in stop}
    text = {w for p in body for w in words_of(p.text)}
    return bool(own & text)


def looks_like_headline(text: str, min_words: int = 2) -> bool:
    """Short, several words, capitalised, and not ending like a sentence or a label.

    A site name joined to it ("Budget vote | Courier") is no part of the judgement.
    """
    split = split_site_suffix(text)
    text = split[0] if split else text
    words = text.split()
    return (
        min_words <= len(words) <= _HEADLINE_MAX_WORDS
        and len(text) <= _HEADLINE_MAX_CHARS
        and not text.rstrip().endswith((".", ",", ";", ":", "…"))
        and text[:1].isupper()
        and not re.search(r"\s[|•·»›]\s", text)
        and not re.match(r"https?://|www\.", text)
    )


def byline_author(text: str) -> str | None:
    """The author a byline names ("By Jane Doe | March 3, 2024", "Posted on March 3, 2024
    by Jane Doe"), else None."""
    if len(text) > 160:
        return None
    match = _BYLINE.match(text.strip())
    if match:
        return match.group(1).strip()
    if junk_rule(text) == "byline":
        late = re.search(rf"(?i:\bby) ({PERSON_NAME})\s*$", text.strip())
        return late.group(1) if late else None
    return None


def dateline_date(text: str) -> datetime | None:
    """The date a short byline or dateline gives ("Published March 3, 2024"), else None."""
    if len(text) > 160 or len(text.split()) > 20:
        return None
    for pattern, order in _DATES:
        match = pattern.search(text)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["m"]) if "m" in parts else _MONTHS[parts["b"].lower().rstrip(".")]
        try:
            return datetime(int(parts["y"]), month, int(parts["d"]), tzinfo=UTC)
        except ValueError:
            return None
    return None
