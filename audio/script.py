"""Text blocks to a speech script: sentences small enough for an engine, with pauses.

Engines get one sentence (or clause) at a time: it bounds their memory (Piper's grows
steeply with sentence length) and gives natural, controllable pauses between them.
The text is split into sentences as written, and every segment knows the sentence it
says as the article wrote it: transcripts and chapters show that, never the spoken
form ("1911", not "nineteen eleven").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from audio.lexicon import Lexicon
from audio.normalize import clean_unicode, normalize
from audio.normalize_en.abbreviations import NUMBER_ABBREVIATIONS

HEADING = "heading"
PARAGRAPH = "paragraph"
SENTENCE = "sentence"


@dataclass(frozen=True)
class Block:
    """A piece of the article's structure: a heading or a paragraph of prose."""

    kind: str
    text: str


@dataclass(frozen=True)
class Pauses:
    """Silence after a segment, by the boundary it ends (sentence < paragraph < heading)."""

    sentence_ms: int = 350
    paragraph_ms: int = 800
    heading_ms: int = 1100


@dataclass(frozen=True)
class Segment:
    """One engine call: `text` within the engine's caps, then `pause_after_ms` of silence.

    `caption` is the written sentence (or heading) the segment is a part of, as the
    article has it: every part of one sentence carries the same caption, and `part`
    counts the parts (0 opens a sentence), so transcripts can show the sentence once
    over all its parts. `spoken` is the part as said, lexicon entries as written (no
    phonemes): the spoken form a reader can check against the caption.
    """

    text: str
    kind: str
    pause_after_ms: int
    block: int
    caption: str = ""
    spoken: str = ""
    part: int = 0

    def __post_init__(self) -> None:
        if not self.caption:
            object.__setattr__(self, "caption", self.text)
        if not self.spoken:
            object.__setattr__(self, "spoken", self.text)


# Words after which a period does not end a sentence. Sentences are split as written,
# before normalizing, so this covers what the normalizer reads across a period ("Roe
# v. Wade", "p. 5"): a sentence wrongly ended there would be read without its context.
_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st mt ft gen gov sen rep rev hon capt col lt sgt cmdr adm
    pres vs v etc al approx dept est fig inc ltd co corp bros no nos vol vols ed eds jan
    feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun e.g i.e u.s u.k u.n a.m p.m ph.d cf op cit ibid""".split()
)
# Days and months that are also words are abbreviations only when capitalized ("Sat. 5
# Jan."): "The cat sat."; the others in any case ("apr. 2").
_CALENDAR_WORDS = frozenset({"mar", "mon", "wed", "sat", "sun"})
# A sentence does not end inside parentheses: the aside is read (and shown) with its
# sentence; normalizing turns the pair into pauses only when it sees both.
_PARENTHESIS = re.compile(r"\([^()]*\)")

_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+)""")
_NEXT_WORD = re.compile(r"""\s+["'“‘„«(\[¿¡]*(\S)""")
# After , ; : and around dashes; an unspaced en dash is a range ("1990–1995"), not a break.
_CLAUSE_BREAK = re.compile(r"(?<=[,;:])\s+|\s+(?=[—–-]\s)|(?<=—)\s*|(?<=–)\s+")
_NEXT_IS_INITIAL = re.compile(r"\s+[A-Z]\.")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences without breaking at abbreviations, initials or decimals."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    asides = [m.span() for m in _PARENTHESIS.finditer(text)] if "(" in text else []
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if not _starts_sentence(text, end):
            continue
        if asides and any(left < match.start() and end < right for left, right in asides):
            continue
        if match.group().startswith(".") and _ends_with_abbreviation(
            text, start, match.start(), end
        ):
            continue
        sentences.append(text[start:end].strip())
        start = end
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return [s for s in sentences if s]


def _starts_sentence(text: str, pos: int) -> bool:
    """A capital (in any script), a digit, or a lexicon token (see audio.lexicon) follows."""
    match = _NEXT_WORD.match(text, pos)
    if not match:
        return False
    first = match.group(1)
    return first.isupper() or first.isdigit() or first == "\ue000"


def _ends_with_abbreviation(text: str, start: int, stop: int, end: int) -> bool:
    """Whether the word before the period at `stop` is an abbreviation; the sentence ran
    from `start`, the next would from `end`. Positions, not slices: blocks can be long."""
    word = text[max(start, text.rfind(" ", start, stop) + 1) : stop]
    word = word.lstrip("\"'“‘([")
    lower = word.lower()
    if len(word) == 1 and word.isalpha() and word.isupper():
        # An initial ("J. R. R. Tolkien"); "I." ends a sentence unless one follows ("I. M. Pei").
        return word != "I" or bool(_NEXT_IS_INITIAL.match(text, end))
    if lower in NUMBER_ABBREVIATIONS:
        # Only before a number ("No. 5", "ext. 42"): "The answer was no. We left."
        return text[end + 1 : end + 2].isdigit()
    if lower in _CALENDAR_WORDS:
        return word[:1].isupper()
    return lower in _ABBREVIATIONS


def cap_sentence(sentence: str, max_words: int, max_chars: int) -> list[str]:
    """Split a sentence over the caps at clause boundaries, then between words if need be."""
    if _fits(sentence, max_words, max_chars):
        return [sentence]
    pieces = [p for p in _CLAUSE_BREAK.split(sentence) if p and p.strip()]
    if len(pieces) == 1:
        return _split_words(sentence, max_words, max_chars)
    out: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current} {piece}".strip() if current else piece.strip()
        if _fits(candidate, max_words, max_chars):
            current = candidate
            continue
        if current:
            out.append(current)
        if _fits(piece, max_words, max_chars):
            current = piece.strip()
        else:
            out.extend(_split_words(piece.strip(), max_words, max_chars))
            current = ""
    if current:
        out.append(current)
    return out


def _fits(text: str, max_words: int, max_chars: int) -> bool:
    return len(text) <= max_chars and len(text.split()) <= max_words


def _split_words(text: str, max_words: int, max_chars: int) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for word in text.split():
        word = word[:max_chars]
        if current and not _fits(" ".join([*current, word]), max_words, max_chars):
            out.append(" ".join(current))
            current = []
        current.append(word)
    if current:
        out.append(" ".join(current))
    return out


@dataclass(frozen=True)
class Reading:
    """How written text becomes what is said: language rules, URLs, the show's lexicon.

    `phonemes` says whether the engine takes raw phonemes (Piper's `[[ … ]]`), so the
    lexicon's IPA can be used.
    """

    language: str = "en"
    urls: str = "speak"
    lexicon: Lexicon | None = None
    phonemes: bool = False

    def prepare(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Clean and normalize `text`; lexicon entries are held back as tokens."""
        text = clean_unicode(text)
        saved: list[tuple[str, str]] = []
        if self.lexicon:
            text, saved = self.lexicon.protect(text, self.phonemes)
        return normalize(text, self.language, self.urls), saved


def build_script(
    blocks: Iterable[Block],
    max_words: int,
    max_chars: int,
    pauses: Pauses | None = None,
    reading: Reading | None = None,
) -> list[Segment]:
    """Turn blocks into engine-sized segments with pauses by boundary.

    Each block is split into its written sentences (a heading is one); with `reading`,
    what each says is cleaned, normalized for speech and run through the lexicon (see
    `_said`). Each sentence is then capped to the engine's sizes, every part carrying
    the sentence as written. Without `reading`, the text is split as written.
    """
    pauses = pauses or Pauses()
    segments: list[Segment] = []
    for index, block in enumerate(blocks):
        if block.kind == HEADING:
            sentences = [" ".join(block.text.split())]
            kind, last_pause = HEADING, pauses.heading_ms
        else:
            sentences = split_sentences(block.text)
            kind, last_pause = SENTENCE, pauses.paragraph_ms
        parts: list[tuple[str, str, str, int]] = []  # text, spoken, written, part
        for written, (said, saved) in zip(sentences, _said(block, sentences, reading), strict=True):
            pieces = [p for s in said for p in cap_sentence(s, max_words, max_chars)]
            pairs = [(Lexicon.restore(p, saved), Lexicon.restore(p, saved, True)) for p in pieces]
            pairs = [(p, c) for p, c in pairs if any(ch.isalnum() for ch in p)]
            parts += [(text, spoken, written, n) for n, (text, spoken) in enumerate(pairs)]
        for i, (text, spoken, written, number) in enumerate(parts):
            pause = last_pause if i == len(parts) - 1 else pauses.sentence_ms
            segments.append(Segment(text, kind, pause, index, written, spoken, number))
    return segments


# What one written sentence says: its spoken sentences, and the lexicon words held back.
_Said = tuple[list[str], list[tuple[str, str]]]


def _said(block: Block, written: list[str], reading: Reading | None) -> list[_Said]:
    """What each of the block's written sentences says.

    Normalizing costs the same for a short line as for a long one, so a paragraph is
    normalized whole (as a reader reads it, each sentence in its context) and its spoken
    sentences are matched to the written ones. Where they do not match one to one
    (normalizing ended a sentence inside one, "Inc." said as "Incorporated.", or ran two
    together), each written sentence is normalized alone.
    """
    if not reading:
        return [([w], []) for w in written]
    if len(written) > 1:
        text, saved = reading.prepare(block.text)
        spoken = split_sentences(text)
        if len(spoken) == len(written) and all(map(_same_sentence, written, spoken)):
            return [([s], saved) for s in spoken]
    out: list[_Said] = []
    for sentence in written:
        text, saved = reading.prepare(sentence)
        if block.kind != HEADING and _SENTENCE_END.search(text):
            out.append((split_sentences(text), saved))
        else:
            out.append(([" ".join(text.split())], saved))
    return out


_OPENING = "\"'“‘(["
_CLOSERS = "\"'”’)]"
_CLOSING = _CLOSERS + ".!?…,;:"
_LETTERS = re.compile(r"[^\W\d_]+")


def _same_sentence(written: str, spoken: str) -> bool:
    """Whether `spoken` can be what `written` says: the same kind of ending, and the same
    first and last words where the written ones are plain words, which normalizing
    leaves as they are (a match shifted by a sentence would begin or end otherwise)."""
    if _ending(written) != _ending(spoken):
        return False
    first = written.split(None, 1)[0].lstrip(_OPENING).rstrip(",;:")  # "Dr." is not plain
    last = written.rsplit(None, 1)[-1].lstrip(_OPENING).rstrip(_CLOSING)
    return _same_word(first, spoken.split(None, 1)[0], 0) and _same_word(
        last, spoken.rsplit(None, 1)[-1], -1
    )


def _same_word(word: str, spoken: str, end: int) -> bool:
    if not word.isalpha():  # a number, an abbreviation: normalizing says it otherwise
        return True
    letters = _LETTERS.findall(spoken)
    return not letters or word.lower() == letters[end].lower()  # none: a lexicon token


def _ending(sentence: str) -> str:
    """The sentence's final mark: "." (also for "…", which cleaning spells "..."), "!", "?"
    or "" for none."""
    mark = sentence.rstrip(_CLOSERS)[-1:]
    return "." if mark in (".", "…") else mark if mark in ("!", "?") else ""


def script_text(segments: Sequence[Segment]) -> str:
    """The spoken text of a script, one segment a line: for previews and tests."""
    return "\n".join(s.text for s in segments)
