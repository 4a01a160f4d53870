"""Pieces shared by the English rules: pattern macros, month names, case and context helpers."""

from __future__ import annotations

import re

from audio.normalize_en.words import MONTHS

MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_PIECES = {
    # A number as written in English: 1,234,567.89 or 1234 or 3.14 (never a bare ".5").
    "«NUM»": r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?",
    # A digit that starts a number: not glued to a word, a decimal point or a thousands
    # group. The check comes after the digit so that the regex engine can skip ahead to
    # digits (a pattern that starts with a lookbehind is tried at every position).
    "«D»": r"\d(?<![\w.,]\d)",
    # «NUM» starting with «D», and what follows the first digit.
    "«LNUM»": r"\d(?<![\w.,]\d)«NUM_REST»",
    "«NUM_REST»": r"(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?",
    # Not followed by a word, a decimal part or a thousands group.
    "«R»": r"(?![\w]|[.,]\d)",
    "«DASH»": r"\s?[–—-]\s?",
    "«MONTH»": r"(?P<mon>" + MONTH_NAMES + ")",
    "«ORD»": r"(?:st|nd|rd|th|ST|ND|RD|TH)?",
    "«AMPM»": r"(?P<ap>[AaPp])\.?\s?[Mm]\b(?P<dot>\.)?",
    "«SYMBOL»": r"US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|R\$|\$|€|£|¥|₹|₩|₽|₺|₪|₦|₱",
    "«CODE»": r"USD|EUR|GBP|JPY|CNY|INR|AUD|CAD|CHF|NZD|HKD|SGD|BRL|KRW|RUB|NGN|MXN|ZAR|SEK"
    r"|NOK|DKK|PLN|AED",
}


def rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern written with the shared pieces above («NUM», «D», ...)."""
    for name, piece in _PIECES.items():
        pattern = pattern.replace(name, piece)
    return re.compile(pattern)


def hint(*needles: str) -> re.Pattern[str]:
    """A search for any of these literal strings: the cheap test before a rule's regex pass
    (most lines have none), one scan of the line rather than one a needle."""
    return re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))


_MONTH_INDEX = {name[:3]: i for i, name in enumerate(MONTHS, 1)}
_SENTENCE_NEXT = re.compile(r"\s*$|\s+[\"'“‘(\[]*[A-Z]")


def cased(words: list[str], *, lower: bool = True) -> str:
    """An alternation of each word as Title, UPPER (and lower) case, longest first.

    Written out, not (?i:...): a case-insensitive alternation defeats the regex engine's
    skip-ahead to the possible first letters, and costs ten times as much on prose.
    """
    forms = {f for w in words for f in (w[:1].upper() + w[1:], w.upper())}
    if lower:
        forms |= {w.lower() for w in words}
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


def month_word(name: str) -> str:
    """ "Nov", "NOV", "november" -> "November"."""
    return MONTHS[_MONTH_INDEX[name[:3].capitalize()] - 1]


def keep_period(text: str, end: int) -> str:
    """ "." when the abbreviation's period also ends the sentence ("... et cetera. The")."""
    return "." if _SENTENCE_NEXT.match(text, end) else ""


def glued(m: re.Match[str]) -> bool:
    """The match starts inside a word (patterns leave out a leading \\b to scan faster)."""
    return m.start() > 0 and m.string[m.start() - 1].isalnum()


def after_word_or_period(m: re.Match[str]) -> bool:
    """The match follows a letter, a digit or a period: "op" in "top", "S" in "U.S."."""
    return m.start() > 0 and (m.string[m.start() - 1].isalnum() or m.string[m.start() - 1] == ".")


def cap_like(source: str, words: str) -> str:
    return words[:1].upper() + words[1:] if source[:1].isupper() else words


def at_sentence_start(text: str, index: int) -> bool:
    before = text[max(0, index - 16) : index].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?\n"


_ARTICLE_BEFORE = re.compile(r"(?:^|\W)[Aa]n?\s+$")
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]*)\b")
_NOT_NOUNS = frozenset(
    """of or and to in on at for per from by with than into over under a an the is was are
    were be more less each apiece plus minus off up down away long""".split()
)


def after_article(text: str, start: int) -> bool:
    """ "a 5 km walk", "an 8 oz glass": "a" or "an" just before."""
    return _ARTICLE_BEFORE.search(text[max(0, start - 4) : start]) is not None


def attributive(text: str, start: int, end: int) -> bool:
    """ "a 5 km walk", "a $20 bill": an amount between "a" and a noun modifies it, so its
    unit is said in the singular, as in "a five-kilometer walk"."""
    if not after_article(text, start):
        return False
    following = _NEXT_WORD.match(text, end)
    return following is not None and following.group(1) not in _NOT_NOUNS
