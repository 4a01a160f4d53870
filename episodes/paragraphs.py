"""Plain text to paragraphs as the text has them, decided run by run.

Plain text comes in three shapes, often in one file: hard-wrapped prose (a paragraph over
several lines of about one width), one paragraph per line (what a copy from a web page or
a scraper gives), and page chrome stacked a short line each ("Share", "Facebook"). Blank
lines always end a paragraph. Inside a run of non-blank lines, a line is joined to the one
before it only where the text was visibly wrapped: the line before is full (the next
word would not have fitted on it) and does not end its sentence, or the next line goes on
in lower case after a long line. Everything else is a paragraph of its own, so chrome is
never glued to prose and each piece can be judged alone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from audio.script import HEADING, PARAGRAPH

# Hard-wrapped text keeps its lines at most this long (e-mail: 72-78, print: 60-100); a
# run whose lines are longer was not wrapped by hand.
MAX_WRAP_WIDTH = 120
MIN_WRAP_WIDTH = 40  # narrower than any column prose is wrapped to: a run of short lines
# A line counts as "long" for a lower-case continuation from this share of the width.
_LONG_SHARE = 0.6
# A line this close to the width, ending mid-sentence before a lower-case line: wrapped.
_FULL_SHARE = 0.75
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦‣–]|\d{1,3}[.)])\s+(?=\S)")
_ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"""[.!?…:]["'”’»)\]]*$""")
_ADDRESS = re.compile(r"\S+\.[a-z]{2,}(/\S*)?$|www\.|https?://")
_OPENERS = "\"'“‘«„(["


@dataclass(frozen=True)
class Piece:
    """A candidate paragraph: its text, heading or paragraph, and where it came from.

    `line` is the 1-based line of the source it starts on; `bullet` says it was a list
    item (its marker is not part of the text); `run` numbers the blank-line-separated run
    it belongs to, and `lines` how many source lines it joined.
    """

    text: str
    kind: str
    line: int
    run: int
    lines: int = 1
    bullet: bool = False


def text_pieces(text: str) -> list[Piece]:
    """The paragraphs of a plain text, in order (see the module docstring)."""
    pieces: list[Piece] = []
    run: list[tuple[int, str]] = []
    runs = 0
    for number, raw in enumerate(text.splitlines(), 1):
        line = " ".join(raw.split())
        if line:
            run.append((number, line))
            continue
        if run:
            pieces += _run_pieces(run, runs)
            runs += 1
            run = []
    if run:
        pieces += _run_pieces(run, runs)
    return pieces


def _run_pieces(run: list[tuple[int, str]], index: int) -> list[Piece]:
    width = _wrap_width([line for _, line in run])
    pieces: list[Piece] = []
    parts: list[str] = []
    start, bullet = run[0][0], False
    previous = ""
    for number, line in run:
        heading = _ATX_HEADING.match(line)
        marker = _BULLET.match(line)
        body = line[marker.end() :] if marker else line
        if parts and not heading and not marker and _continues(previous, body, width):
            parts.append(body)
        else:
            if parts:
                pieces.append(_piece(parts, start, index, bullet))
            start, bullet = number, bool(marker)
            if heading:
                pieces.append(Piece(heading.group(2), HEADING, number, index))
                parts, previous = [], ""
                continue
            parts = [body]
        previous = body
    if parts:
        pieces.append(_piece(parts, start, index, bullet))
    return [piece for piece in pieces if piece.text]


def _piece(parts: list[str], line: int, run: int, bullet: bool) -> Piece:
    text = parts[0]
    for part in parts[1:]:
        # A word broken at a hyphen ("state-" / "owned") is joined without a space.
        text += part if text.endswith("-") and part[:1].islower() else " " + part
    return Piece(text, PARAGRAPH, line, run, len(parts), bullet)


def _wrap_width(lines: list[str]) -> int:
    """The width a run was wrapped at, or 0 if it shows no sign of wrapping.

    The sign: a line that stops mid-sentence, and the next goes on in lower case, where
    the line either comes close to the longest or ends on a function word ("is", "the").
    A run of chrome lines or of paragraphs a line each never shows it, even where its
    longest line happens to end without a stop.
    """
    width = max(len(line) for line in lines)
    if len(lines) < 2 or width > MAX_WRAP_WIDTH:
        return 0
    for previous, line in itertools.pairwise(lines):
        if not _goes_on(previous, line):
            continue
        full = width >= MIN_WRAP_WIDTH and len(previous) >= _FULL_SHARE * width
        if full or _ends_on_function_word(previous):
            return width
    return 0


def _ends_on_function_word(line: str) -> bool:
    from episodes.blockfeatures import stopwords, words_of

    words = words_of(line)
    return len(words) >= 3 and words[-1] in stopwords("en")


def _goes_on(previous: str, line: str) -> bool:
    start = line.lstrip(_OPENERS)[:1]
    return start.isalpha() and start.islower() and not _SENTENCE_END.search(previous)


def _continues(previous: str, line: str, width: int) -> bool:
    """Whether `line` goes on with the paragraph `previous` ends.

    A lower-case line after an unfinished one goes on with it (unless it is an address,
    as a link's text can be); in a run wrapped at `width`, so does any line after a
    full one, even where a sentence ends with the line: a paragraph ends on a short line.
    """
    if not previous:
        return False
    if _goes_on(previous, line) and " " in previous and not _ADDRESS.match(line):
        return True
    if not width:
        return False
    first_word = line.split(" ", 1)[0]
    if len(previous) + 1 + len(first_word) > width:
        return True  # the next word did not fit: the paragraph goes on (it ends short)
    return len(previous) >= _LONG_SHARE * width and previous.endswith(("-", ",", ";"))
