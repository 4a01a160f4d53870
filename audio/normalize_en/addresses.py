"""Street addresses: house and road numbers, street types, compass points, states, ZIP codes.

An address is read the way people give one: "314 W. 42nd St." is "three fourteen West
Forty-second Street", "1600 Pennsylvania Ave. NW" "sixteen hundred Pennsylvania Avenue
Northwest", "Sacramento, CA 95814" "Sacramento, California, nine five eight one four".
The same letters mean other things elsewhere ("60 W." is watts, "St. Louis" a saint,
"IN" and "OR" words), so each rule asks for the context that makes it an address.
"""

from __future__ import annotations

import re

from audio.normalize_en.patterns import (
    after_word_or_period,
    at_sentence_start,
    cased,
    glued,
    hint,
    keep_period,
    rx,
)
from audio.normalize_en.words import ONES, cardinal, digits, year

# Street types: the abbreviation (USPS style) -> the word.
STREET_TYPES = {
    "St": "Street",
    "Ave": "Avenue",
    "Av": "Avenue",
    "Blvd": "Boulevard",
    "Rd": "Road",
    "Dr": "Drive",
    "Ln": "Lane",
    "Ct": "Court",
    "Pl": "Place",
    "Ter": "Terrace",
    "Pkwy": "Parkway",
    "Hwy": "Highway",
    "Expy": "Expressway",
    "Expwy": "Expressway",
    "Fwy": "Freeway",
    "Cir": "Circle",
    "Sq": "Square",
    "Trl": "Trail",
    "Plz": "Plaza",
    "Aly": "Alley",
    "Tpke": "Turnpike",
    "Cres": "Crescent",
    "Hts": "Heights",
    "Cswy": "Causeway",
    "Rte": "Route",
}
# Written in lower case too ("5th ave"): none of these is anything else in lower case
# ("rd" is, in "3rd").
_LOWER_CASE_TYPES = frozenset({"ave", "blvd", "pkwy", "hwy", "expy", "expwy", "fwy", "tpke"})
_STREET_WORDS = (
    "Street Avenue Boulevard Road Drive Lane Court Place Terrace Parkway Highway Expressway "
    "Freeway Circle Square Trail Plaza Alley Turnpike Crescent Heights Crossing Causeway Way "
    "Close Row Mews Walk Pike Broadway"
).split()
_COMPASS = {
    "N": "North",
    "S": "South",
    "E": "East",
    "W": "West",
    "NE": "Northeast",
    "NW": "Northwest",
    "SE": "Southeast",
    "SW": "Southwest",
}
# Postal codes (USPS) -> state; DC stays "DC", as it is said.
STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "DC",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
}
# Codes that are also words or common initials ("IN", "OR", "ME", "OK", "CT scan", "the VA"):
# read as states only before a ZIP code.
_CODES_ONLY_BEFORE_ZIP = frozenset(
    "AL CO DE DC GA HI ID IN LA MA MD ME MO MS MT NE OH OK OR PA VA WA".split()
)
# AP style's state abbreviations, as in "Springfield, Ill., police said".
_AP_STATES = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Pa.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wyo.": "Wyoming",
}


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_CASED_TYPE = cased(list(STREET_TYPES), lower=False)
_TYPE = _CASED_TYPE + "|" + _alternation(sorted(_LOWER_CASE_TYPES))
_ANY_TYPE = _alternation(_STREET_WORDS + [w.upper() for w in _STREET_WORDS]) + "|" + _TYPE
_DIRECTION = r"(?:[NS][EW]|[NSEW])"
_ORDINAL = r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)\b"
_NAME = r"[A-Z][A-Za-z'’-]*"
_NAMES = rf"(?:{_NAME}|{_ORDINAL})(?:\s+(?:{_NAME}|{_ORDINAL})){{0,3}}"
_STATE_NAMES = _alternation(sorted(set(STATES.values()) - {"DC"}))

# Each pattern starts with a few possible characters (a type's letters, a compass letter, a
# digit, ", "), so that the scan skips ahead; the context before a match is checked after.

# "Baker St.", "5th Ave", "Central Expy": a street type after a name or an ordinal.
_STREET_TYPE = re.compile(rf"(?P<ab>{_CASED_TYPE})\b(?P<dot>\.)?")
# With the lower-case forms too ("5th ave"), for lines that have one: lower-case first
# letters make the scan slow.
_STREET_TYPE_ANY_CASE = re.compile(rf"(?P<ab>{_TYPE})\b(?P<dot>\.)?")
_LOWER_TYPE_HINT = hint(*(f" {t}" for t in sorted(_LOWER_CASE_TYPES)))
_PREV_NAME = re.compile(rf"[A-Z][A-Za-z'’-]*|{_ORDINAL}")
_LEADING_MARKS = re.compile(r"^[^\w]+")
_NAME_NEXT = re.compile(r"\s+(?P<word>[A-Z][A-Za-z]\w*)")
_COMPASS_WORDS = frozenset(_COMPASS.values())
# "W. 42nd", "N. Main St.", "314 W 42nd": a compass point that starts a street's name.
_COMPASS_BEFORE = re.compile(
    r"[NSEW](?:(?<=[NS])\.[EW]\.|\.|(?<=[NS])[EW]\b|\b)"
    rf"(?=\s+(?P<ord>{_ORDINAL})|\s+{_NAMES}\s+(?:{_ANY_TYPE})\b)"
)
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
# Before these a capital letter and a period start a street ("At W. Main St."); after a
# first name they are an initial ("Harry S. Truman Blvd").
_PLACE_WORDS = frozenset("at on in off near along from to via onto into up down".split())
# "Pennsylvania Avenue NW", "Main St. S.E.", "Broadway E.": a compass point after a street
# type ("Avenue N" with no period is a street named by a letter, as in Brooklyn).
_COMPASS_AFTER = re.compile(r"[NSEW](?:(?<=[NS])\.?[EW]\b\.?|\.(?![\w.]))")
_TYPE_BEFORE = re.compile(rf"(?<![\w'’-])(?:{_ANY_TYPE})\.?,?\s+$")
# "1600 Pennsylvania", "221B Baker Street": a house number, before a street and its type.
_HOUSE = rx(
    rf"(?P<n>«D»\d{{0,4}})(?P<suffix>[A-Z])?(?=\s+(?:{_DIRECTION}\.?\s+)?{_NAMES}\s+(?:{_ANY_TYPE})\b)"
)
# "Highway 101", "hwy 9", "Route 66", "I-405": a road's number.
_ROAD = rx(
    rf"(?P<road>(?:{cased(['Highway', 'Hwy', 'Rte'])}|Route|ROUTE|Interstate)\.?[ -]|I-)"
    r"(?P<n>«D»\d{0,3})(?P<suffix>[A-Z])?(?![\w,]|\.\d)"
)
_ROAD_HINT = hint(
    *("ighway", "IGHWAY", "Hwy", "hwy", "HWY", "oute", "OUTE", "Rte", "rte", "RTE"),
    *("Interstate", "I-"),
)
# After these the number is a quantity ("the 150 Supreme Court rulings") or a label read
# by the numbered forms ("No. 10 Downing Street" is "number ten").
_NOT_A_HOUSE_NUMBER = frozenset(
    """the of about some than over nearly almost around approximately all those these by no
    number""".split()
)
# "CA 95051", "Sacramento, CA 95814", "Texas 78701-1234": a state before a ZIP code.
_ZIP = rx(
    rf"(?:(?<=, )(?P<st>[A-Z]{{2}}|{_STATE_NAMES})|(?:(?<=[a-z] )|^)(?P<code>[A-Z]{{2}}))"
    r"(?P<sep>,?\s+)"
    r"(?P<zip>«D»\d{4})(?:-(?P<plus>\d{4}))?«R»"
)
_FIVE_DIGITS = re.compile(r"\d{5}")
_ZIP_WORD = rx(
    r"(?P<w>\b(?:ZIP|[Zz]ip|[Pp]ostal)(?:\s?[Cc]odes?)?:?\s+(?:is\s+|of\s+)?)(?P<zip>«D»\d{4})«R»"
)
# "the 1100 block of Grand Ave.": police and local news place a scene by its block.
_BLOCK = rx(r"(?P<n>«D»\d{1,4})(?P<suffix>)(?=\s+block\b)")
# "Sen. Lee (D-Calif.)", "Rep. Day, R-Texas,": party and state, read out.
_PARTIES = {"D": "Democrat", "R": "Republican", "I": "independent"}
_PARTY_STATE = re.compile(
    rf"(?P<p>[DRI])-(?P<st>{_alternation(list(_AP_STATES))}|{_STATE_NAMES}|[A-Z]{{2}})"
    r"(?=[),;]|\s|$)"
)
# "Springfield, Ill., police", "Irvine, CA.": a state after a city, before punctuation (the
# codes that are words, "Salem, OR", only before a ZIP code).
_STATE_AFTER_CITY = re.compile(
    rf", (?:(?P<ap>{_alternation(list(_AP_STATES))})(?=[\s,;:)]|$)"
    rf"|(?P<code>[A-Z]{{2}})(?=[,;:)]|\.(?:\s|$)|\s*$))"
)
_CITY_BEFORE = re.compile(r"(?<![\w'’.-])[A-Z][a-z'’.-]+$")


def house_number(written: str) -> str:
    """314 -> "three fourteen", 1600 -> "sixteen hundred", 305 -> "three oh five"."""
    n = int(written)
    if len(written) != len(str(n)) or len(written) > 4:
        return digits(written)
    if n < 100:
        return cardinal(n)
    if n < 1000:
        high, low = divmod(n, 100)
        if low == 0:
            return f"{ONES[high]} hundred"
        return f"{ONES[high]} " + (f"oh {ONES[low]}" if low < 10 else cardinal(low))
    return year(n)


def _say_street_type(m: re.Match[str]) -> str:
    ab, dot, text = m.group("ab"), m.group("dot"), m.string
    key = ab[:1].upper() + ab[1:].lower()
    if key not in STREET_TYPES or (ab.islower() and ab not in _LOWER_CASE_TYPES):
        return m.group()
    # A name or an ordinal and a space before it: "Baker St.", "5th Ave".
    start = m.start()
    if start < 2 or not text[start - 1].isspace():
        return m.group()
    window = max(0, start - 40)
    before = text[window:start].rstrip()
    word = _LEADING_MARKS.sub("", before.rsplit(None, 1)[-1]) if before else ""
    if not _PREV_NAME.fullmatch(word):
        return m.group()
    prev_start = window + before.rfind(word)
    if len(ab) > 1 and ab.isupper() and not word.isupper():
        return m.group()  # "MAIN ST" is a street, "the CT scan" is not
    after = _NAME_NEXT.match(text, m.end())
    # "Visit Dr. Smith" is a doctor, "Visit St. Louis" a saint, "near Baker St. Station" a
    # street; without a period a name after "St" makes it a saint ("King's Cross St Pancras").
    # In capitals "ST. LOUIS" is a saint too.
    if (
        key in ("Dr", "St")
        and after is not None
        and (
            key == "Dr"
            or not dot
            or after.group("word").isupper()
            or at_sentence_start(text, prev_start)
        )
    ):
        return m.group()
    # The period ends the sentence too, unless a compass point follows ("Ave. Northwest").
    ends = dot and not (after and after.group("word") in _COMPASS_WORDS)
    return STREET_TYPES[key] + (keep_period(text, m.end()) if ends else "")


def _say_compass(m: re.Match[str]) -> str:
    written, text = m.group(), m.string
    if after_word_or_period(m):
        return written
    if not m.group("ord"):
        # "Harry S. Truman Blvd": a middle initial, after a first name.
        previous = _PREVIOUS_WORD.search(text, max(0, m.start() - 24), m.start())
        word = previous.group(1) if previous else ""
        if word.istitle() and word.lower() not in _PLACE_WORDS:
            return written
    return _COMPASS[written.replace(".", "")]


def _say_compass_after(m: re.Match[str]) -> str:
    written, text = m.group(), m.string
    if after_word_or_period(m) or not _TYPE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
        return written
    said = _COMPASS[written.replace(".", "")]
    return said + (keep_period(text, m.end()) if written[-1] == "." else "")


def _say_number(m: re.Match[str]) -> str:
    suffix = m.group("suffix")
    return house_number(m.group("n")) + (f" {suffix}" if suffix else "")


def _say_house_number(m: re.Match[str]) -> str:
    text, start = m.string, m.start()
    before = text[max(0, start - 16) : start]
    words = before.split()
    previous = words[-1].lower().rstrip(".") if words else ""
    if (before and before[-1] in "$€£¥#") or previous in _NOT_A_HOUSE_NUMBER:
        return m.group()
    return _say_number(m)


def _say_road(m: re.Match[str]) -> str:
    road = m.group("road")
    if glued(m):
        return m.group()
    if road.lower().startswith("hwy"):
        road = ("Highway" if road[0].isupper() else "highway") + road[-1]
    elif road.startswith("R") and road[:3].lower() == "rte":
        road = "Route" + road[-1]
    return road.rstrip(".- ") + " " + _say_number(m)


def _say_zip(m: re.Match[str]) -> str:
    state = m.group("st") or m.group("code")
    if len(state) == 2 and state not in STATES:
        return m.group()
    said = STATES.get(state, state) + m.group("sep") + digits(m.group("zip"))
    return said + (f", {digits(m.group('plus'))}" if m.group("plus") else "")


def _say_party_state(m: re.Match[str]) -> str:
    written = m.group("st")
    if m.start() > 0 and (m.string[m.start() - 1].isalnum() or m.string[m.start() - 1] == "-"):
        return m.group()
    if len(written) == 2 and written not in STATES:
        return m.group()
    state = _AP_STATES.get(written) or STATES.get(written) or written
    end = keep_period(m.string, m.end()) if written.endswith(".") else ""
    return f"{_PARTIES[m.group('p')]} of {state}{end}"


def _say_state_after_city(m: re.Match[str]) -> str:
    code, ap, text = m.group("code"), m.group("ap"), m.string
    if not _CITY_BEFORE.search(text, max(0, m.start() - 30), m.start()):
        return m.group()
    if code is not None:
        if code not in STATES or code in _CODES_ONLY_BEFORE_ZIP:
            return m.group()
        return ", " + STATES[code]
    return ", " + _AP_STATES[ap] + keep_period(text, m.end())


def say_addresses(text: str, has_digits: bool) -> str:
    """Street types and compass points, then (with digits) house and road numbers and ZIPs."""
    text = _COMPASS_AFTER.sub(_say_compass_after, text)
    lower_types = _LOWER_TYPE_HINT.search(text) is not None
    text = (_STREET_TYPE_ANY_CASE if lower_types else _STREET_TYPE).sub(_say_street_type, text)
    text = _COMPASS_BEFORE.sub(_say_compass, text)
    if has_digits:
        text = _HOUSE.sub(_say_house_number, text)
        if _ROAD_HINT.search(text):
            text = _ROAD.sub(_say_road, text)
        if " block" in text:
            text = _BLOCK.sub(_say_number, text)
        if _FIVE_DIGITS.search(text):
            text = _ZIP.sub(_say_zip, text)
            text = _ZIP_WORD.sub(lambda m: m.group("w") + digits(m.group("zip")), text)
    if ", " in text:
        text = _STATE_AFTER_CITY.sub(_say_state_after_city, text)
    if "-" in text:
        text = _PARTY_STATE.sub(_say_party_state, text)
    return text
