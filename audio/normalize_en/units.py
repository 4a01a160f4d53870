"""Percentages, signs, units of measure and sizes."""

from __future__ import annotations

import re

from audio.normalize_en.numbers import COUNTED, is_plural, measured
from audio.normalize_en.patterns import after_article, attributive, keep_period, rx
from audio.normalize_en.words import cardinal, number, plural

# An amount before a unit or a percent sign: a number, a fraction or a whole and a fraction
# ("3.5", "3/4", "4 1/2", "1-1/2"), its first digit not glued to a word or a number.
_AMOUNT = r"\d(?<![\w.,]\d)(?:\d?[ -]\d{1,3}/\d{1,3}(?![\d/])|\d{0,2}/\d{1,3}(?![\d/])|«NUM_REST»)"
_PERCENT_SIGN = r"%|‰|pct\b|pc\b"
_PERCENT = rx(
    (
        r"(?P<a>«AMOUNT»)(?:(?:(?P<pa>\s?(?:«PS»))(?P<join>«DASH»|\s+(?:to|and)\s+)|«DASH»)"
        r"(?P<b>«AMOUNT»))?\s?(?P<p>«PS»)(?P<dot>(?<=pct)\.(?!\w))?"
    )
    .replace("«AMOUNT»", _AMOUNT)
    .replace("«PS»", _PERCENT_SIGN)
)
# A sign before a number (not a hyphen in "COVID-19" or a range "5-10"); said first.
_SIGN = re.compile(r"[-−+±~](?=\.?\d)")
# "18+", "3+ years": more than the number.
_PLUS_AFTER = re.compile(r"(?<=\d)\+(?![\w+])")
_SIGNS = {"-": "minus ", "−": "minus ", "+": "plus ", "±": "plus or minus ", "~": "about "}


def _say_sign(m: re.Match[str]) -> str:
    start, text = m.start(), m.string
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,)]/:-%°"):
        return m.group()
    return _SIGNS[m.group()]


# symbol -> (one, many); "{m}" is metre/meter and "{l}" litre/liter by the language's region.
_UNITS: dict[str, tuple[str, str]] = {
    "km": ("kilo{m}", "kilo{m}s"),
    "m": ("{m}", "{m}s"),
    "cm": ("centi{m}", "centi{m}s"),
    "mm": ("milli{m}", "milli{m}s"),
    "µm": ("micro{m}", "micro{m}s"),
    "μm": ("micro{m}", "micro{m}s"),
    "nm": ("nano{m}", "nano{m}s"),
    "mi": ("mile", "miles"),
    "ft": ("foot", "feet"),
    "in.": ("inch", "inches"),
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"),
    "μg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "fl oz": ("fluid ounce", "fluid ounces"),
    "tsp": ("teaspoon", "teaspoons"),
    "tbsp": ("tablespoon", "tablespoons"),
    "Tbsp": ("tablespoon", "tablespoons"),
    "gal": ("gallon", "gallons"),
    "qt": ("quart", "quarts"),
    "mph": ("mile per hour", "miles per hour"),
    "m.p.h.": ("mile per hour", "miles per hour"),
    "mpg": ("mile per gallon", "miles per gallon"),
    "km/h": ("kilo{m} per hour", "kilo{m}s per hour"),
    "kph": ("kilo{m} per hour", "kilo{m}s per hour"),
    "kmh": ("kilo{m} per hour", "kilo{m}s per hour"),
    "m/s": ("{m} per second", "{m}s per second"),
    "m²": ("square {m}", "square {m}s"),
    "m2": ("square {m}", "square {m}s"),
    "sq m": ("square {m}", "square {m}s"),
    "km²": ("square kilo{m}", "square kilo{m}s"),
    "km2": ("square kilo{m}", "square kilo{m}s"),
    "sq km": ("square kilo{m}", "square kilo{m}s"),
    "cm²": ("square centi{m}", "square centi{m}s"),
    "ft²": ("square foot", "square feet"),
    "sq ft": ("square foot", "square feet"),
    "sq. ft": ("square foot", "square feet"),
    "sq mi": ("square mile", "square miles"),
    "mi²": ("square mile", "square miles"),
    "m³": ("cubic {m}", "cubic {m}s"),
    "m3": ("cubic {m}", "cubic {m}s"),
    "cm³": ("cubic centi{m}", "cubic centi{m}s"),
    "ft³": ("cubic foot", "cubic feet"),
    "ha": ("hectare", "hectares"),
    "L": ("{l}", "{l}s"),
    "ml": ("milli{l}", "milli{l}s"),
    "mL": ("milli{l}", "milli{l}s"),
    "cl": ("centi{l}", "centi{l}s"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "PB": ("petabyte", "petabytes"),
    "Mb": ("megabit", "megabits"),
    "Gb": ("gigabit", "gigabits"),
    "kbps": ("kilobit per second", "kilobits per second"),
    "Kbps": ("kilobit per second", "kilobits per second"),
    "Mbps": ("megabit per second", "megabits per second"),
    "Gbps": ("gigabit per second", "gigabits per second"),
    "Hz": ("hertz", "hertz"),
    "kHz": ("kilohertz", "kilohertz"),
    "MHz": ("megahertz", "megahertz"),
    "GHz": ("gigahertz", "gigahertz"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "MW": ("megawatt", "megawatts"),
    "GW": ("gigawatt", "gigawatts"),
    "kWh": ("kilowatt hour", "kilowatt hours"),
    "MWh": ("megawatt hour", "megawatt hours"),
    "GWh": ("gigawatt hour", "gigawatt hours"),
    "TWh": ("terawatt hour", "terawatt hours"),
    "V": ("volt", "volts"),
    "kV": ("kilovolt", "kilovolts"),
    "mA": ("milliamp", "milliamps"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "secs": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "yr": ("year", "years"),
    "yrs": ("year", "years"),
    "wk": ("week", "weeks"),
    "wks": ("week", "weeks"),
    "dB": ("decibel", "decibels"),
    "hp": ("horsepower", "horsepower"),
    "psi": ("pound per square inch", "pounds per square inch"),
    "hPa": ("hectopascal", "hectopascals"),
    "kPa": ("kilopascal", "kilopascals"),
    "mmHg": ("millimeter of mercury", "millimeters of mercury"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "kcal": ("kilocalorie", "kilocalories"),
    "cal": ("calorie", "calories"),
    "ppm": ("part per million", "parts per million"),
    "ppb": ("part per billion", "parts per billion"),
    "mSv": ("millisievert", "millisieverts"),
    "µSv": ("microsievert", "microsieverts"),
    "bp": ("basis point", "basis points"),
    "bps": ("basis point", "basis points"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "degrees C": ("degree Celsius", "degrees Celsius"),
    "degrees F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
# Written in capitals or lower case too ("12KG", "1 mbps", "5 Km"): only units whose other
# cases name nothing else ("mb" is millibars, "Mg" magnesium, "G" a network, "H" a pencil).
_ANY_CASE = [
    *(
        "km cm mm kg mg lb lbs oz ft yd mph kph kmh km/h tsp tbsp gal qt mpg KB GB TB kbps Mbps "
        "Gbps Hz kHz MHz GHz kW kWh MWh GWh mAh psi rpm kcal hp dB hrs mins"
    ).split(),
    "sq ft",
]
_NOT_UNITS = frozenset({"Mg", "Mm", "Mi", "mb", "Kb", "Hp", "Db", "DB", "Gal"})
_UNIT_FORMS: dict[str, str] = {u: u for u in _UNITS}
for _unit in _ANY_CASE:
    for _form in (_unit.lower(), _unit.upper(), _unit[:1].upper() + _unit[1:].lower()):
        if _form not in _UNIT_FORMS and _form not in _NOT_UNITS:
            _UNIT_FORMS[_form] = _unit
_UNIT_FORMS["sq ft"] = _UNIT_FORMS["sq. ft"] = "sq ft"
# What a unit can be per: "mg/kg", "MB/s", "381.2/km²".
_PER_NAMES = {form: _UNITS[unit][0] for form, unit in _UNIT_FORMS.items() if "/" not in form}
_PER_NAMES |= {"s": "second", "day": "day", "d": "day", "year": "year", "week": "week"}


# A unit as written: a short word (checked against the table once matched, which is far
# faster than an alternation of every unit), and the few with spaces or periods.
_TOKEN = r"[A-Za-zµμ°][A-Za-z]{0,3}[²³23]?(?![A-Za-z])"
_UNIT_WORD = r"m\.p\.h\.|°\s?[CF](?!\w)|(?:sq\.?\s|fl\s|degrees\s)?" + _TOKEN
_UNIT = rx(
    r"(?P<a>«AMOUNT»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:(?P<sep>\s?|-)(?P<unit>«UNIT»)(?:/(?P<per>«TOKEN»))?(?![\w²³/])(?P<dot>\.(?!\w))?"
    r"|/(?P<per_only>«TOKEN»)(?![\w²³/])"
    r"|\s?(?P<deg>º)\s?(?P<scale>[CF])?(?!\w))".replace("«AMOUNT»", _AMOUNT)
    .replace("«UNIT»", _UNIT_WORD)
    .replace("«TOKEN»", _TOKEN)
)
# "5kg-10kg", "20°-25°C": the unit written twice in a range is said once ("5-10kg").
_UNIT_TWICE = rx(
    r"(?P<a>«AMOUNT»)\s?(?P<u>«TOKEN»)(?P<dash>«DASH»)(?=«NUM»)".replace(
        "«AMOUNT»", _AMOUNT
    ).replace("«TOKEN»", _TOKEN)
)
_SECOND_UNIT = rx(r"«NUM»\s?(?P<u>" + _TOKEN + ")")
_UNIT_TWICE_HINT = re.compile(r"[–—-](?=\s?\d)(?:(?<=[A-Za-z°][–—-])|(?<=[A-Za-z°]\s[–—-]))")
# "W" before a street number or a street's name is West: "314 W. 42nd Street".
_WEST = re.compile(
    r"\.?\s+(?:\d+(?:st|nd|rd|th)?\b|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:St|Street|Ave|Avenue"
    r"|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Pl|Place|Ct|Court|Pkwy|Parkway|Hwy|Highway)\b)"
)
# "in." is inches only where a sentence goes on: "8 in. of snow", not "came 3 in. The ..."
_INCHES_NEXT = re.compile(r"\s+[a-z]|\s*[,;)]")
# Sizes: "8x10", "2 x 4", "4m x 1.8m x 1.2m" are said "by", each side a number or a measure.
_SIDE = r"(?:\s?" + _TOKEN + r"(?![\w²³/]))?"
_BY = rx(r"«LNUM»" + _SIDE + r"(?:\s?[x×]\s?«NUM»" + _SIDE + r")+(?![\w²³/]|[.,]\d)")
_BY_HINT = re.compile(r"[x×]\s?\d")
_BY_SIDES = re.compile(r"\s?[x×]\s?(?=\d)")
_SIDE_PARTS = rx(r"(?P<n>«NUM»)(?P<rest>.*)")
# "1.5M users", "10K followers": a count in thousands, millions or billions; not "4K games"
# or "3M masks" (a screen, a company): one digit alone is a name.
_SCALES = {"k": "thousand", "K": "thousand", "M": "million", "B": "billion"}
_SCALED_AMOUNT = re.compile(r"\d{2,}|\d*\.\d+")
_BRITISH_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in"})
_PLAIN_NUMBER = re.compile(r"[\d,]*\.?\d+")


def _say_percent(m: re.Match[str]) -> str:
    a, b = m.group("a"), m.group("b")
    name = "per mille" if m.group("p") == "‰" else "percent"
    end = keep_period(m.string, m.end()) if m.group("dot") else ""
    if not b:
        return measured(a, name, name) + end
    if m.group("pa"):  # "40%-45%", "from 3% to 4%": each with its sign, as written
        joint = "and" if m.group("join").strip() == "and" else "to"
        return f"{measured(a, name, name)} {joint} {measured(b, name, name)}{end}"
    if not _PLAIN_NUMBER.fullmatch(a):  # a fraction ("1/2-3/4%") is said with its sign
        return f"{measured(a, name, name)} to {measured(b, name, name)}{end}"
    return f"{number(a)} to {measured(b, name, name)}{end}"


def _units(text: str, language: str) -> str:
    region = language.replace("-", "_").partition("_")[2].lower()
    british = region in _BRITISH_REGIONS
    spelling = {"m": "metre", "l": "litre"} if british else {"m": "meter", "l": "liter"}

    def names(form: str) -> tuple[str, str] | None:
        unit = _UNIT_FORMS.get(form if " " not in form else " ".join(form.split()))
        if unit is None:
            return None
        one, many = _UNITS[unit]
        return one.format(**spelling), many.format(**spelling)

    def say(m: re.Match[str]) -> str:
        unit = m.group("unit")
        if unit in _SCALES:
            return _say_scaled(m)
        if unit and unit not in _UNIT_FORMS and unit != "in" and unit[0] != "°":
            return m.group()  # a word, not a unit: "3 parks"
        a, b, text = m.group("a"), m.group("b"), m.string
        if m.group("per_only"):
            per = names(m.group("per_only"))
            return f"{number(a)} per {per[0]}" if per else m.group()
        unit = unit or "°" + (m.group("scale") or "")
        if unit == "in" and m.group("dot"):
            unit = "in."
        elif unit.startswith("°"):
            unit = unit.replace(" ", "")  # "20° C"
        per = m.group("per")
        if per and f"{unit}/{per}" in _UNIT_FORMS:  # "km/h", "m/s"
            unit, per = f"{unit}/{per}", None
        said = names(unit)
        per_name = _PER_NAMES.get(per) if per else None
        if said is None or (per and per_name is None):
            return m.group()
        canonical = _UNIT_FORMS[" ".join(unit.split())]
        if canonical == "W" and _WEST.match(text, m.end("unit")):
            return m.group()
        if canonical == "in." and a.isdigit() and not _INCHES_NEXT.match(text, m.end()):
            return m.group()
        counted = COUNTED.match(text, m.end())
        if unit == "m" and counted and is_plural(counted.group(1)):
            return m.group()[: m.start("unit") - m.start()].rstrip() + " million"  # "2m people"
        one, many = said
        if per_name:
            per_name = per_name.format(**spelling)
            one, many = f"{one} per {per_name}", f"{many} per {per_name}"
        end = keep_period(text, m.end()) if m.group("dot") or canonical == "in." else ""
        # "a 5-km run", "a 7.5 km loop": a unit in a modifier is singular
        modifier = m.group("sep") == "-" or (not end and attributive(text, m.start(), m.end()))
        modifier = modifier or ("/" in a and after_article(text, m.start()))  # "a 1/2 tsp"
        if b:
            return f"{number(a)} to {number(b)} {one if modifier else many}{end}"
        return measured(a, one, many, attributive=modifier) + end

    def side(written: str) -> str:
        parts = _SIDE_PARTS.fullmatch(written)
        if parts is None or not parts.group("rest"):
            return number(written) if parts else written
        if parts.group("rest") == "s":  # "2x4s": the pieces of wood, "two by fours"
            return plural(number(parts.group("n")))
        said = _UNIT.sub(say, written)
        return (
            said if said != written else f"{number(parts.group('n'))} {parts.group('rest').strip()}"
        )

    def size(m: re.Match[str]) -> str:
        return " by ".join(side(written) for written in _BY_SIDES.split(m.group()))

    if _BY_HINT.search(text):
        text = _BY.sub(size, text)
    if "ft" in text:
        text = _FEET_AND_INCHES.sub(_say_feet_and_inches, text)
    if _UNIT_TWICE_HINT.search(text):
        text = _UNIT_TWICE.sub(_say_unit_once, text)
    text = _UNIT.sub(say, text)
    if "'" in text:
        text = _FEET_INCHES.sub(_say_feet_inches, text)
    return _GLUED_TEMPERATURE.sub(_say_glued_temperature, text)


def _say_unit_once(m: re.Match[str]) -> str:
    first, second = m.group("u"), _SECOND_UNIT.match(m.string, m.end())
    again = second is not None and (
        second.group("u") == first or (first == "°" and second.group("u") in ("°C", "°F"))
    )
    return m.group("a") + m.group("dash") if again and first in _UNIT_FORMS else m.group()


def _say_scaled(m: re.Match[str]) -> str:
    a = m.group("a")
    counted = COUNTED.match(m.string, m.end())
    if m.group("sep") or m.group("b") or not _SCALED_AMOUNT.fullmatch(a):
        return m.group()
    if counted is None or not is_plural(counted.group(1)):
        return m.group()
    return f"{number(a)} {_SCALES[m.group('unit')]}"


_FEET_INCHES = rx(r"(?P<ft>«D»)'\s?(?P<in>\d{1,2})(?:\"|'')")
# "5 ft 10 in", "6 ft. 2 in.": "in" without its period is inches only here.
_FEET_AND_INCHES = rx(r"(?P<ft>«D»\d?)\s?ft\.?\s\x06?(?P<in>\d{1,2})\s?in\b(?P<dot>\.)?")
# "40C" (BBC style) is a temperature; "Flat 4C" is not.
_GLUED_TEMPERATURE = rx(r"(?P<n>«D»\d?\d?)(?P<scale>[CF])\b(?!['’]\w)")
_NOT_TEMPERATURE = re.compile(
    r"(?i:apt|apartment|flat|room|suite|unit|gate|seat|row|platform|block|grade|no)\.?\s+$"
)


def _say_feet_inches(m: re.Match[str]) -> str:
    feet, inches = int(m.group("ft")), int(m.group("in"))
    return f"{cardinal(feet)} {'foot' if feet == 1 else 'feet'} {cardinal(inches)} " + (
        "inch" if inches == 1 else "inches"
    )


def _say_feet_and_inches(m: re.Match[str]) -> str:
    return _say_feet_inches(m) + (keep_period(m.string, m.end()) if m.group("dot") else "")


def _say_glued_temperature(m: re.Match[str]) -> str:
    if _NOT_TEMPERATURE.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group()
    value = int(m.group("n"))
    scale = "Celsius" if m.group("scale") == "C" else "Fahrenheit"
    return f"{cardinal(value)} {'degree' if value == 1 else 'degrees'} {scale}"


def say_signs(text: str) -> str:
    """Signs before a number ("-5", "±3", "~40") and a plus after one ("18+")."""
    if "+" in text:
        text = _PLUS_AFTER.sub(" plus", text)
    return _SIGN.sub(_say_sign, text)


def say_percentages(text: str) -> str:
    """ "5%", "40%-45%", "4 1/2%", "3 pct": said "percent", a range once or twice as written."""
    if "%" not in text and "pc" not in text and "‰" not in text:
        return text
    return _PERCENT.sub(_say_percent, text)


def say_units(text: str, language: str) -> str:
    """Units of measure after a number, in the region's spelling ("metre", "meter")."""
    return _units(text, language)
