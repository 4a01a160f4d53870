"""Abbreviations: titles, saints, Latin phrases, shortened words, numbered forms, days, months.

Street types ("Baker St.") are read with the rest of an address, in addresses.py.
"""

from __future__ import annotations

import re

from audio.normalize_en.patterns import (
    MONTH_NAMES,
    after_word_or_period,
    at_sentence_start,
    cap_like,
    cased,
    glued,
    hint,
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
    "Maj": "Major",
    "Brig": "Brigadier",
    "Capt": "Captain",
    "Col": "Colonel",
    "Sgt": "Sergeant",
    "Cpl": "Corporal",
    "Pvt": "Private",
    "Pfc": "Private First Class",
    "Spc": "Specialist",
    "Adm": "Admiral",
    "Cmdr": "Commander",
    "Det": "Detective",
    "Insp": "Inspector",
    "Supt": "Superintendent",
    "Atty": "Attorney",
    "Amb": "Ambassador",
    "Asst": "Assistant",
    "Rev": "Reverend",
    "Msgr": "Monsignor",
    "Fr": "Father",
    "Hon": "Honorable",
    "Pres": "President",
    "Mt": "Mount",
    "Ft": "Fort",
}
# British style writes these without a period; the others need one to be abbreviations.
_TITLES_WITHOUT_PERIOD = frozenset({"Dr", "Mr", "Mrs", "Ms", "Prof", "Mt"})
# Written in lower case too ("dr Smith", "mr jones"); "gen", "rep", "col" are words.
_LOWER_CASE_TITLES = frozenset({"Dr", "Mr", "Mrs", "Prof"})
# Only these take a name written in lower case: "mr smith", but "Dr. who?" stays.
_ANY_NAME_TITLES = frozenset({"Mr", "Mrs"})
# A name starts with a capital, or is a private-use token (a lexicon entry held back).
_NAME_START = "[A-Z\ue000-\uf8ff]"
_TITLE_NAMES = "|".join(sorted(_TITLES, key=len, reverse=True))
# A title before a name; or the second of two with no name after ("a Maj. Gen.").
_TITLE_END = (
    r")(?:(?P<dot>\.)?\s+(?=(?P<next>[A-Za-z\ue000-\uf8ff])|(?:and|&)\s+(?:Mrs?|Ms|Dr)\b)"
    r"|(?P<last>\.)(?=[\s,;:)]|$))"
)
_TITLE = re.compile(r"(?P<t>" + cased(list(_TITLES), lower=False) + _TITLE_END)
# With the lower-case forms too ("mr Smith"); only for lines that have one, as lower-case
# first letters make the scan slow.
_LOWER_TITLES = sorted((t.lower() for t in _LOWER_CASE_TITLES | {"Ms"}), key=len, reverse=True)
_TITLE_ANY_CASE = re.compile(
    r"(?P<t>" + cased(list(_TITLES), lower=False) + "|" + "|".join(_LOWER_TITLES) + _TITLE_END
)
_LOWER_TITLE_HINT = hint(*(f"{t}{end}" for t in _LOWER_TITLES for end in (" ", ".")))
_TITLE_BEFORE = re.compile(r"(?i:\b(?:" + _TITLE_NAMES + r"))\.\s+$")
# "St. Louis", "st Louis", "ST. LOUIS": a saint before a name ("Baker St." was said first).
_SAINT_END = r"\b(?P<dot>\.)?\s+(?=(?P<name>" + _NAME_START + r")(?P<second>.)?)"
_SAINT = re.compile(r"(?:St|ST)" + _SAINT_END)
_SAINT_ANY_CASE = re.compile(r"(?:St|ST|st)" + _SAINT_END)  # for lines with " st ", " st."
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
    "viz.": ("namely", False),
    "a.k.a.": ("also known as", False),
    "aka": ("also known as", False),
    "w/": ("with", False),
    "w/o": ("without", False),
}
_PHRASE = re.compile(
    r"(?<![\w./])(?:[Ee]\. ?g\.|[Ii]\. ?e\.|etc\.|et al\.|vs\.?|[Aa]pprox\.?|cf\.|viz\."
    r"|(?i:a\.k\.a\.|aka)|w/o|w/)(?![\w])"
)
# Words shortened with a period, said in full: "Dept." is "department", "Bros." "brothers".
_SHORTENED = {
    "dept": "department",
    "univ": "university",
    "assn": "association",
    "govt": "government",
    "intl": "international",
    "natl": "national",
    "bros": "brothers",
    "mgr": "manager",
    "ltd": "limited",
}
_SHORTENED_WORD = re.compile(r"(?P<w>" + cased(list(_SHORTENED)) + r")\.")
_SHORTENED_HINT = hint(*(f"{form}." for form in cased(list(_SHORTENED)).split("|")))
_VERSUS = re.compile(r"\b([A-Z][\w'.-]*\s+)v\.(?=\s+[A-Z])")  # Roe v. Wade
_BEFORE_NUMBER = {
    "no": "number",
    "nos": "numbers",
    "p": "page",
    "pp": "pages",
    "pg": "page",
    "vol": "volume",
    "vols": "volumes",
    "fig": "figure",
    "figs": "figures",
    "ch": "chapter",
    "chap": "chapter",
    "ca": "circa",
    "c": "circa",
    "art": "article",
    "sec": "section",
    "sect": "section",
    "pt": "part",
    "op": "opus",
    "ep": "episode",
    "ext": "extension",
    "tel": "telephone",
    "apt": "apartment",
    "ste": "suite",
    "rm": "room",
    "bldg": "building",
}
# Abbreviations whose period, before a number, does not end a sentence ("ext. 42").
NUMBER_ABBREVIATIONS = frozenset(_BEFORE_NUMBER)
# Also without a period ("vol 64", "ext 42"): none of these is a word before a number.
_WITHOUT_PERIOD = frozenset("vol vols fig figs pp pg ch ext tel apt ste rm bldg".split())
# Single letters and "ca" are abbreviations only in lower case: "C. 5" is an initial.
_LOWER_CASE_ONLY = frozenset({"p", "pp", "c", "ca"})
# "No. 5", "vol 64", "ext. 42", "#5"; the case and the period are checked by _say_numbered.
# The lookahead first lets the regex engine skip to the possible first letters.
_NUMBERED_FIRST = "".join(sorted({f for ab in _BEFORE_NUMBER for f in (ab[0], ab[0].upper())}))
_NUMBERED = re.compile(
    rf"(?=[{_NUMBERED_FIRST}#])(?<![\w.])(?P<ab>"
    + cased([ab for ab in _BEFORE_NUMBER if ab not in _LOWER_CASE_ONLY])
    + "|"
    + "|".join(sorted(_LOWER_CASE_ONLY, key=len, reverse=True))
    + r")(?P<dot>\.|(?<=[Tt]el):)?(?P<space>\s?)(?=[+(]?\d)|#(?<![\w&]#)\s?(?=\d)"
)
_COMPOUND_NEXT = re.compile(r"\d+-[a-z]")
_NAMED_NEXT = re.compile(r"\d+(?:\s+[A-Z]|[.,;:!?]?\s*$)")
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
_DAY_HINT = hint(*(f"{day}." for day in _DAYS))


def _say_title(m: re.Match[str]) -> str:
    written, dot, following = m.group("t"), m.group("dot"), m.group("next")
    title = written[:1].upper() + written[1:].lower()
    if glued(m):
        return m.group()
    before = m.string[max(0, m.start() - 8) : m.start()]
    second = written in (title, written.upper()) and _TITLE_BEFORE.search(before) is not None
    if m.group("last"):
        return _TITLES[title] + keep_period(m.string, m.end()) if second else m.group()
    if written.islower():
        allowed = title in _LOWER_CASE_TITLES or (dot and title == "Ms")
    elif written.isupper() and len(written) > 1:
        # "DR. SMITH", "MR JONES" in capitals; "MS" without a period is an initialism.
        allowed = bool(dot) or (title in _TITLES_WITHOUT_PERIOD and title not in ("Ms", "Mt"))
    else:
        allowed = written == title and (bool(dot) or title in _TITLES_WITHOUT_PERIOD)
    if following and following.islower() and title not in _ANY_NAME_TITLES:
        allowed = bool(dot) and second  # "promoted to Maj. Gen. in 2019"
    return _TITLES[title] + " " if allowed else m.group()


def _say_saint(m: re.Match[str]) -> str:
    written = m.group()[:2]
    if glued(m):
        return m.group()
    if written == "ST" and not m.group("dot"):
        # "ST LOUIS" in capitals; "ST Microelectronics" is a company's initials.
        second = m.group("second") or ""
        if second.islower():
            return m.group()
    elif written not in ("St", "st", "ST"):
        return m.group()
    return "Saint "


def _say_phrase(m: re.Match[str]) -> str:
    written = m.group()
    said, may_end = _PHRASES[written.lower()]
    end = keep_period(m.string, m.end()) if may_end and written.endswith(".") else ""
    return cap_like(written, said) + end


def _say_shortened(m: re.Match[str]) -> str:
    written = m.group("w")
    if after_word_or_period(m):
        return m.group()
    # "Warner Bros. Pictures": a name goes on after these, so the period ends only a line.
    end = "." if not m.string[m.end() :].strip() else ""
    return cap_like(written, _SHORTENED[written.lower()]) + end


def _say_numbered(m: re.Match[str]) -> str:
    ab, text = m.group("ab"), m.string
    if ab:
        lower = ab.lower()
        if lower not in _BEFORE_NUMBER:
            return m.group()
        if not (ab.islower() or (lower not in _LOWER_CASE_ONLY and (ab.istitle() or ab.isupper()))):
            return m.group()
        if m.group("dot") is None and not _without_period(m, ab):
            return m.group()
        said = _BEFORE_NUMBER[lower] + (":" if m.group("dot") == ":" else "")
    else:
        said = "number"
    return (said.capitalize() if at_sentence_start(text, m.start()) else said) + " "


def _without_period(m: re.Match[str], ab: str) -> bool:
    """ "vol 64", "ext 42"; "No 14" only mid-sentence, as "No 14-year-old" is a word."""
    if not m.group("space"):
        return False
    if ab.lower() in _WITHOUT_PERIOD:
        return True
    if ab not in ("No", "NO", "Nos", "NOS"):
        return False
    text, start = m.string, m.start()
    if _COMPOUND_NEXT.match(text, m.end()):
        return False
    if at_sentence_start(text, start):
        # "No 10 Downing Street" names a thing; "No 5 players came" is the word.
        return _NAMED_NEXT.match(text, m.end()) is not None
    # In a line of capitals "NO" is the word: "THERE ARE NO 14-HOUR SHIFTS".
    before = text[max(0, start - 16) : start].split()
    return not (ab.isupper() and before and before[-1].isupper())


def _say_section(m: re.Match[str]) -> str:
    return "sections " if m.group()[:2] == "§§" else "section "


def _say_suffix(m: re.Match[str]) -> str:
    said = "Junior" if m.group("ab") == "Jr" else "Senior"
    return f" {said}{keep_period(m.string, m.end())}"


def _say_month_abbreviation(m: re.Match[str]) -> str:
    if glued(m):
        return m.group()
    return month_word(m.group("m")) + keep_period(m.string, m.end())


_PHRASE_HINT = hint(
    *("e.g", "E.g", "i.e", "I.e", "e. g", "i. e", "etc.", "et al.", "vs", "pprox", "cf.", "viz."),
    *("a.k.a", "A.K.A", "aka", "AKA", "w/"),
)


def _abbreviations(text: str, has_digits: bool) -> str:
    lower_titles = _LOWER_TITLE_HINT.search(text) is not None
    text = (_TITLE_ANY_CASE if lower_titles else _TITLE).sub(_say_title, text)
    lower_saint = " st " in text or " st." in text or text.startswith(("st ", "st."))
    if lower_saint or "St" in text or "ST" in text:
        text = (_SAINT_ANY_CASE if lower_saint else _SAINT).sub(_say_saint, text)
    if "Jr." in text or "Sr." in text:
        text = _SUFFIX.sub(_say_suffix, text)
    if _PHRASE_HINT.search(text):
        text = _PHRASE.sub(_say_phrase, text)
    if " v. " in text:
        text = _VERSUS.sub(r"\1versus", text)
    if has_digits:
        text = _NUMBERED.sub(_say_numbered, text)
        if "§" in text:
            text = _SECTION.sub(_say_section, text)
    if "." in text:
        if _SHORTENED_HINT.search(text):
            text = _SHORTENED_WORD.sub(_say_shortened, text)
        if _DAY_HINT.search(text):
            text = _DAY_ABBR.sub(lambda m: _DAYS[m.group("d")], text)
        text = _MONTH_ABBR.sub(_say_month_abbreviation, text)
    return text


def say_abbreviations(text: str, has_digits: bool) -> str:
    """Titles, streets, Latin phrases and numbered forms; the number-bound ones only with digits."""
    return _abbreviations(text, has_digits)
