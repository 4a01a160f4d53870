"""Street addresses: house and road numbers, street types, compass points, states, ZIP codes.

An address is read the way people give one: "314 W. 42nd St." is "three fourteen West
Forty-second Street", "1600 Pennsylvania Ave. NW" "sixteen hundred Pennsylvania Avenue
Northwest", "Sacramento, CA 95814" "Sacramento, California, nine five eight one four".
The same letters mean other things elsewhere ("60 W." is watts, "St. Louis" a saint,
"IN" and "OR" words), so each rule asks for the context that makes it an address.
"""

from __future__ import annotations

import re

from audio.normalize_en.patterns import at_sentence_start, keep_period, rx
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
# Written in lower case too ("5th ave"): none of these is anything else in lower case.
_LOWER_CASE_TYPES = frozenset({"ave", "blvd", "rd", "pkwy", "hwy", "expy", "expwy", "fwy", "tpke"})
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


def _types_alternation() -> str:
    written = list(STREET_TYPES) + [t.upper() for t in STREET_TYPES] + sorted(_LOWER_CASE_TYPES)
    return _alternation(written)


_TYPE = _types_alternation()
_ANY_TYPE = _alternation(_STREET_WORDS + [w.upper() for w in _STREET_WORDS]) + "|" + _TYPE
_DIRECTION = r"(?:[NS][EW]|[NSEW])"
_DOTTED_DIRECTION = r"(?:[NS]\.[EW]\.|[NSEW]\.)"
_ORDINAL = r"\d+(?:st|nd|rd|th|ST|ND|RD|TH)\b"
_NAME = r"[A-Z][A-Za-z'’-]*"
_NAMES = rf"(?:{_NAME}|{_ORDINAL})(?:\s+(?:{_NAME}|{_ORDINAL})){{0,3}}"
_STATE_NAMES = _alternation(sorted(set(STATES.values()) - {"DC"}))

# "Baker St.", "5th Ave", "Central Expy": a street type after a name or an ordinal.
_STREET_TYPE = re.compile(
    rf"(?P<prev>\b(?:[A-Z][A-Za-z'’-]*|{_ORDINAL})\s+)(?P<ab>{_TYPE})\b(?P<dot>\.)?"
)
_NAME_NEXT = re.compile(r"\s+(?P<word>[A-Z][A-Za-z]\w*)")
_COMPASS_WORDS = frozenset(_COMPASS.values())
# "W. 42nd", "N. Main St.", "314 W 42nd": a compass point that starts a street's name.
_COMPASS_BEFORE = re.compile(
    rf"(?<![\w.])(?P<dir>{_DOTTED_DIRECTION}|{_DIRECTION}\b)"
    rf"(?=\s+(?P<ord>{_ORDINAL})|\s+{_NAMES}\s+(?:{_ANY_TYPE})\b)"
)
_PREVIOUS_WORD = re.compile(r"(\S+)\s+$")
# Before these a capital letter and a period start a street ("At W. Main St."); after a
# first name they are an initial ("Harry S. Truman Blvd").
_PLACE_WORDS = frozenset("at on in off near along from to via onto into up down".split())
# "Pennsylvania Avenue NW", "Main St. S.E.", "Broadway E.": a compass point after a street
# type ("Avenue N" with no period is a street named by a letter, as in Brooklyn).
_COMPASS_AFTER = re.compile(
    rf"(?P<type>\b(?:{_ANY_TYPE})\.?,?\s+)(?P<dir>[NS]\.?[EW]\b\.?|[NSEW]\.(?![\w.]))"
)
# "1600 Pennsylvania", "221B Baker Street": a house number, before a street and its type.
_HOUSE = rx(
    rf"(?P<n>«D»\d{{0,4}})(?P<suffix>[A-Z])?(?=\s+(?:{_DIRECTION}\.?\s+)?{_NAMES}\s+(?:{_ANY_TYPE})\b)"
)
# "Highway 101", "hwy 9", "Route 66", "I-405": a road's number.
_ROAD = rx(
    r"(?P<road>\b(?:[Hh]ighway|HIGHWAY|[Hh]wy|HWY|Route|ROUTE|Rte|RTE|Interstate)\.?[ -]|\bI-)"
    r"(?P<n>«D»\d{0,3})(?P<suffix>[A-Z])?(?![\w,]|\.\d)"
)
# Before a count the number is a quantity: "the 150 Supreme Court rulings".
_QUANTITY_CUES = frozenset(
    "the of about some than over nearly almost around approximately all those these by".split()
)
# "CA 95051", "Sacramento, CA 95814", "Texas 78701-1234": a state before a ZIP code.
_ZIP = rx(
    rf"(?:(?<=, )(?P<st>[A-Z]{{2}}|{_STATE_NAMES})|(?:(?<=[a-z] )|^)(?P<code>[A-Z]{{2}}))"
    r"(?P<sep>,?\s+)"
    r"(?P<zip>«D»\d{4})(?:-(?P<plus>\d{4}))?«R»"
)
_ZIP_WORD = rx(
    r"(?P<w>\b(?:ZIP|[Zz]ip)(?:\s?[Cc]odes?)?:?\s+|[Pp]ostal [Cc]ode:?\s+)(?P<zip>«D»\d{4})«R»"
)
# "Springfield, Ill., police", "Salem, OR." is rare: after a city, before punctuation.
_STATE_AFTER_CITY = re.compile(
    rf"(?P<city>\b[A-Z][a-z'’.-]+, )(?:(?P<ap>{_alternation(list(_AP_STATES))})(?=[\s,;:)]|$)"
    rf"|(?P<code>[A-Z]{{2}})(?=[,;:)]|\.(?:\s|$)|\s*$))"
)


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
    prev, ab, dot = m.group("prev"), m.group("ab"), m.group("dot")
    key = ab[:1].upper() + ab[1:].lower()
    text = m.string
    if key not in STREET_TYPES or (ab.islower() and ab not in _LOWER_CASE_TYPES):
        return m.group()
    if len(ab) > 1 and ab.isupper() and not prev.strip().isupper():
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
            or at_sentence_start(text, m.start("prev"))
        )
    ):
        return m.group()
    # The period ends the sentence too, unless a compass point follows ("Ave. Northwest").
    ends = dot and not (after and after.group("word") in _COMPASS_WORDS)
    return prev + STREET_TYPES[key] + (keep_period(text, m.end()) if ends else "")


def _say_compass(m: re.Match[str]) -> str:
    written, text = m.group("dir"), m.string
    if not m.group("ord"):
        # "Harry S. Truman Blvd": a middle initial, after a first name.
        previous = _PREVIOUS_WORD.search(text, max(0, m.start() - 24), m.start())
        word = previous.group(1) if previous else ""
        if word.istitle() and word.lower() not in _PLACE_WORDS:
            return written
    return _COMPASS[written.replace(".", "")]


def _say_compass_after(m: re.Match[str]) -> str:
    written = m.group("dir")
    said = _COMPASS[written.replace(".", "")]
    return m.group("type") + said + (keep_period(m.string, m.end()) if written[-1] == "." else "")


def _say_number(m: re.Match[str]) -> str:
    suffix = m.group("suffix")
    return house_number(m.group("n")) + (f" {suffix}" if suffix else "")


def _say_house_number(m: re.Match[str]) -> str:
    text, start = m.string, m.start()
    before = text[max(0, start - 16) : start]
    words = before.split()
    if (before and before[-1] in "$€£¥#") or (words and words[-1].lower() in _QUANTITY_CUES):
        return m.group()
    return _say_number(m)


def _say_road(m: re.Match[str]) -> str:
    road = m.group("road")
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


def _say_state_after_city(m: re.Match[str]) -> str:
    code, ap = m.group("code"), m.group("ap")
    if code is not None:
        if code not in STATES or code in _CODES_ONLY_BEFORE_ZIP:
            return m.group()
        return m.group("city") + STATES[code]
    return m.group("city") + _AP_STATES[ap] + keep_period(m.string, m.end())


_TYPE_HINT = re.compile(rf"\b(?:{_TYPE})\b")
_COMPASS_HINT = re.compile(r"\b[NS]?[NSEW]\b")
_STATE_HINT = re.compile(r"\b[A-Z][a-z]+, [A-Z]")


def say_addresses(text: str, has_digits: bool) -> str:
    """Street types and compass points, then (with digits) house and road numbers and ZIPs."""
    compass = _COMPASS_HINT.search(text) is not None
    if compass:
        text = _COMPASS_AFTER.sub(_say_compass_after, text)
    if _TYPE_HINT.search(text):
        text = _STREET_TYPE.sub(_say_street_type, text)
    if compass:
        text = _COMPASS_BEFORE.sub(_say_compass, text)
    if has_digits:
        text = _HOUSE.sub(_say_house_number, text)
        text = _ROAD.sub(_say_road, text)
        text = _ZIP.sub(_say_zip, text)
        text = _ZIP_WORD.sub(lambda m: m.group("w") + digits(m.group("zip")), text)
    if _STATE_HINT.search(text):
        text = _STATE_AFTER_CITY.sub(_say_state_after_city, text)
    return text
