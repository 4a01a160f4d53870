"""Abbreviations: titles, streets, saints, Latin phrases, numbered forms, days and months."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import (
    MONTH_NAMES,
    at_sentence_start,
    cap_like,
    glued,
    keep_period,
    month_word,
)

_TITLES = {
    "Dr": "Doctor",
    "Mr": "Mister",
    "Mrs": "Missus",
    "Ms": "Miz",
    "Prof": "Professor",
    "Gov": "Governor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gen": "General",
    "Lt": "Lieutenant",
    "Capt": "Captain",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Rev": "Reverend",
    "Hon": "Honorable",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Pres": "President",
    "Mt": "Mount",
    "Ft": "Fort",
}
# British style writes these without a period; the others need one to be abbreviations.
_TITLES_WITHOUT_PERIOD = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Mt"})
# A name starts with a capital, or is a private-use token (a lexicon entry held back).
_NAME_START = "[A-Z\ue000-\uf8ff]"
_TITLE = re.compile(
    r"(?P<t>"
    + "|".join(_TITLES)
    + r")(?P<dot>\.)?\s+(?="
    + _NAME_START
    + r"|and\s+(?:Mrs?|Ms|Dr)\b)"
)
_AFTER_NAME = {"St": "Street", "Dr": "Drive", "Ave": "Avenue", "Rd": "Road", "Blvd": "Boulevard"}
# "St." after a name is a street (Baker St.), before a name a saint (St. Louis).
_STREET = re.compile(
    r"(?P<prev>\b(?:[A-Z][a-z]+|\d+(?:st|nd|rd|th))\s+)(?P<ab>St|Dr|Ave|Rd|Blvd)\."
)
_NAME_NEXT = re.compile(r"\s+[A-Z][a-z]")
_SAINT = re.compile(r"St\b\.?\s+(?=" + _NAME_START + ")")
_SUFFIX = re.compile(r"(?<=[A-Za-z]),?\s+(?P<ab>Jr|Sr)\.")
# Written form (lowercase) -> (spoken, may end a sentence).
_PHRASES: dict[str, tuple[str, bool]] = {
    "e.g.": ("for example", False),
    "e. g.": ("for example", False),
    "i.e.": ("that is", False),
    "i. e.": ("that is", False),
    "etc.": ("et cetera", True),
    "et al.": ("et al", True),
    "vs.": ("versus", False),
    "vs": ("versus", False),
    "approx.": ("approximately", False),
    "approx": ("approximately", False),
    "cf.": ("compare", False),
}
_PHRASE = re.compile(
    r"(?<![\w.])(?:[Ee]\. ?g\.|[Ii]\. ?e\.|etc\.|et al\.|vs\.?|[Aa]pprox\.?|cf\.)(?![\w])"
)
_VERSUS = re.compile(r"\b([A-Z][\w'.-]*\s+)v\.(?=\s+[A-Z])")  # Roe v. Wade
_BEFORE_NUMBER = {
    "no": "number",
    "nos": "numbers",
    "p": "page",
    "pp": "pages",
    "vol": "volume",
    "vols": "volumes",
    "fig": "figure",
    "figs": "figures",
    "ch": "chapter",
    "ca": "circa",
    "c": "circa",
}
_NUMBERED = re.compile(
    r"(?<![\w.])(?P<ab>[Nn]os?|pp?|[Vv]ols?|[Ff]igs?|[Cc]h|ca|c)\.\s?(?=\d)|(?<![\w&])#\s?(?=\d)"
)
_SECTION = re.compile(r"§§?\s?(?=\d)")
_MONTH_ABBR = re.compile(r"(?P<m>Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.")
_DAYS = {
    "Mon": "Monday",
    "Tue": "Tuesday",
    "Tues": "Tuesday",
    "Wed": "Wednesday",
    "Thu": "Thursday",
    "Thur": "Thursday",
    "Thurs": "Thursday",
    "Fri": "Friday",
    "Sat": "Saturday",
    "Sun": "Sunday",
}
# Only where it must be a day: "Sat., Jan. 5" or "Fri. 3 May"; "The Sun." is a newspaper.
_DAY_ABBR = re.compile(
    r"(?<!\w)(?P<d>Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.(?=,|\s+(?:\d|" + MONTH_NAMES + r"))"
)


def _say_title(m: re.Match[str]) -> str:
    title = m.group("t")
    if glued(m) or (not m.group("dot") and title not in _TITLES_WITHOUT_PERIOD):
        return m.group()
    return _TITLES[title] + " "


def _say_street(m: re.Match[str]) -> str:
    prev, ab = m.group("prev"), m.group("ab")
    text = m.string
    # "Dr. Smith" is a doctor; "Visit St. Louis" starts the sentence with a verb.
    follows_name = _NAME_NEXT.match(text, m.end()) is not None
    if ab == "Dr" and follows_name:
        return m.group()
    if ab == "St" and follows_name and at_sentence_start(text, m.start("prev")):
        return m.group()
    return prev + _AFTER_NAME[ab] + keep_period(text, m.end())


def _say_phrase(m: re.Match[str]) -> str:
    written = m.group()
    said, may_end = _PHRASES[written.lower()]
    end = keep_period(m.string, m.end()) if may_end and written.endswith(".") else ""
    return cap_like(written, said) + end


def _say_numbered(m: re.Match[str]) -> str:
    ab = m.group("ab")
    said = _BEFORE_NUMBER[ab.lower()] if ab else "number"
    return (said.capitalize() if at_sentence_start(m.string, m.start()) else said) + " "


def _say_suffix(m: re.Match[str]) -> str:
    said = "Junior" if m.group("ab") == "Jr" else "Senior"
    return f" {said}{keep_period(m.string, m.end())}"


def _say_month_abbreviation(m: re.Match[str]) -> str:
    if glued(m):
        return m.group()
    return month_word(m.group("m")) + keep_period(m.string, m.end())


def _has(text: str, needles: tuple[str, ...]) -> bool:
    """A cheap test before a regex pass: most lines have none of these abbreviations."""
    return any(needle in text for needle in needles)


_STREET_NEEDLES = tuple(f"{ab}." for ab in _AFTER_NAME)
_PHRASE_NEEDLES = ("e.g", "E.g", "i.e", "I.e", "e. g", "i. e", "etc.", "et al.", "vs", "pprox")
_PHRASE_NEEDLES += ("cf.",)


def _abbreviations(text: str, has_digits: bool) -> str:
    if _has(text, _STREET_NEEDLES):
        text = _STREET.sub(_say_street, text)
    text = _TITLE.sub(_say_title, text)
    if "St" in text:
        text = _SAINT.sub(lambda m: m.group() if glued(m) else "Saint ", text)
    if "Jr." in text or "Sr." in text:
        text = _SUFFIX.sub(_say_suffix, text)
    if _has(text, _PHRASE_NEEDLES):
        text = _PHRASE.sub(_say_phrase, text)
    if " v. " in text:
        text = _VERSUS.sub(r"\1versus", text)
    if has_digits:
        text = _NUMBERED.sub(_say_numbered, text)
        text = _SECTION.sub(lambda m: "sections " if m.group()[:2] == "§§" else "section ", text)
    if "." in text:
        text = _DAY_ABBR.sub(lambda m: _DAYS[m.group("d")], text)
        text = _MONTH_ABBR.sub(_say_month_abbreviation, text)
    return text


def say_abbreviations(text: str, has_digits: bool) -> str:
    """Titles, streets, Latin phrases and numbered forms; the number-bound ones only with digits."""
    return _abbreviations(text, has_digits)
