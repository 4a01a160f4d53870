"""Text blocks to a speech script: sentences small enough for an engine, with pauses.

Engines get one sentence (or clause) at a time: it bounds their memory (Piper's grows
steeply with sentence length) and gives natural, controllable pauses between them.
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
    """One engine call: `text` within the engine's caps, then `pause_after_ms` of silence."""

    text: str
    kind: str
    pause_after_ms: int
    block: int
    caption: str = ""  # for transcripts: as spoken, but lexicon entries as written

    def __post_init__(self) -> None:
        if not self.caption:
            object.__setattr__(self, "caption", self.text)


# Words after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms mx dr prof sr jr st mt ft gen gov sen rep rev hon capt col lt sgt cmdr adm
    pres vs etc al approx dept est fig inc ltd co corp bros no nos vol vols ed eds jan
    feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat
    sun e.g i.e u.s u.k u.n a.m p.m ph.d cf op cit ibid""".split()
)
# Days and months are abbreviations only when capitalized ("Sat. 5 Jan."): "The cat sat."
_CALENDAR_ABBREVIATIONS = frozenset(
    """jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri
    sat sun""".split()
)

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
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if not _starts_sentence(text, end):
            continue
        if match.group().startswith(".") and _ends_with_abbreviation(
            text[start : match.start()], text[end:]
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


def _ends_with_abbreviation(before: str, after: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("\"'“‘([")
    lower = word.lower()
    if len(word) == 1 and word.isalpha() and word.isupper():
        # An initial ("J. R. R. Tolkien"); "I." ends a sentence unless one follows ("I. M. Pei").
        return word != "I" or bool(_NEXT_IS_INITIAL.match(after))
    if lower in NUMBER_ABBREVIATIONS:
        # Only before a number ("No. 5", "ext. 42"): "The answer was no. We left."
        return after.lstrip()[:1].isdigit()
    if lower in _CALENDAR_ABBREVIATIONS:
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

    With `reading`, text is cleaned, normalized for speech and run through the lexicon
    first; without it, the text is split as written.
    """
    pauses = pauses or Pauses()
    segments: list[Segment] = []
    for index, block in enumerate(blocks):
        text, saved = reading.prepare(block.text) if reading else (block.text, [])
        if block.kind == HEADING:
            parts = cap_sentence(" ".join(text.split()), max_words, max_chars)
            kind, last_pause = HEADING, pauses.heading_ms
        else:
            parts = [
                p for s in split_sentences(text) for p in cap_sentence(s, max_words, max_chars)
            ]
            kind, last_pause = SENTENCE, pauses.paragraph_ms
        pairs = [
            (Lexicon.restore(p, saved), Lexicon.restore(p, saved, written=True)) for p in parts
        ]
        pairs = [(p, c) for p, c in pairs if any(ch.isalnum() for ch in p)]
        for i, (part, caption) in enumerate(pairs):
            pause = last_pause if i == len(pairs) - 1 else pauses.sentence_ms
            segments.append(Segment(part, kind, pause, index, caption))
    return segments


def script_text(segments: Sequence[Segment]) -> str:
    """The spoken text of a script, one segment a line: for previews and tests."""
    return "\n".join(s.text for s in segments)
