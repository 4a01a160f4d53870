"""Percentages, signs and units of measure."""

from __future__ import annotations

import re

from audio.normalize_en.numbers import COUNTED, is_plural
from audio.normalize_en.patterns import rx
from audio.normalize_en.words import cardinal, is_one, number

_PERCENT = rx(r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?\s?(?P<p>%|‰)")
# A sign before a number (not a hyphen in "COVID-19" or a range "5-10"); said first.
_SIGN = re.compile(r"[-−+±~](?=\.?\d)")
_SIGNS = {"-": "minus ", "−": "minus ", "+": "plus ", "±": "plus or minus ", "~": "about "}


def _say_sign(m: re.Match[str]) -> str:
    start, text = m.start(), m.string
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in ".,)]/:-"):
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
    "yd": ("yard", "yards"),
    "kg": ("kilogram", "kilograms"),
    "g": ("gram", "grams"),
    "mg": ("milligram", "milligrams"),
    "µg": ("microgram", "micrograms"),
    "μg": ("microgram", "micrograms"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "oz": ("ounce", "ounces"),
    "mph": ("mile per hour", "miles per hour"),
    "km/h": ("kilo{m} per hour", "kilo{m}s per hour"),
    "kph": ("kilo{m} per hour", "kilo{m}s per hour"),
    "m/s": ("{m} per second", "{m}s per second"),
    "m²": ("square {m}", "square {m}s"),
    "m2": ("square {m}", "square {m}s"),
    "km²": ("square kilo{m}", "square kilo{m}s"),
    "km2": ("square kilo{m}", "square kilo{m}s"),
    "cm²": ("square centi{m}", "square centi{m}s"),
    "ft²": ("square foot", "square feet"),
    "sq ft": ("square foot", "square feet"),
    "sq mi": ("square mile", "square miles"),
    "m³": ("cubic {m}", "cubic {m}s"),
    "m3": ("cubic {m}", "cubic {m}s"),
    "ha": ("hectare", "hectares"),
    "L": ("{l}", "{l}s"),
    "ml": ("milli{l}", "milli{l}s"),
    "mL": ("milli{l}", "milli{l}s"),
    "KB": ("kilobyte", "kilobytes"),
    "kB": ("kilobyte", "kilobytes"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "PB": ("petabyte", "petabytes"),
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
    "mAh": ("milliamp hour", "milliamp hours"),
    "h": ("hour", "hours"),
    "hr": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "ms": ("millisecond", "milliseconds"),
    "dB": ("decibel", "decibels"),
    "hp": ("horsepower", "horsepower"),
    "psi": ("pound per square inch", "pounds per square inch"),
    "rpm": ("revolution per minute", "revolutions per minute"),
    "kcal": ("kilocalorie", "kilocalories"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
    "°": ("degree", "degrees"),
}
_UNIT_ALTERNATION = "|".join(
    re.escape(u).replace(r"\ ", r"\s") for u in sorted(_UNITS, key=len, reverse=True)
)
_UNIT = rx(
    r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:\s?(?P<unit>«UNITS»)(?![\w²³/])|\s?(?P<deg>[°º])\s?(?P<scale>[CF])?(?!\w))".replace(
        "«UNITS»", _UNIT_ALTERNATION
    )
)
_BRITISH_REGIONS = frozenset({"gb", "uk", "au", "nz", "ie", "za", "in"})


def _say_percent(m: re.Match[str]) -> str:
    amount = number(m.group("a")) + (f" to {number(m.group('b'))}" if m.group("b") else "")
    return f"{amount} {'percent' if m.group('p') == '%' else 'per mille'}"


def _units(text: str, language: str) -> str:
    region = language.replace("-", "_").partition("_")[2].lower()
    british = region in _BRITISH_REGIONS
    spelling = {"m": "metre", "l": "litre"} if british else {"m": "meter", "l": "liter"}

    def say(m: re.Match[str]) -> str:
        a, b = m.group("a"), m.group("b")
        unit = m.group("unit") or "°" + (m.group("scale") or "")
        amount = number(a) + (f" to {number(b)}" if b else "")
        counted = COUNTED.match(m.string, m.end())
        if unit == "m" and counted and is_plural(counted.group(1)):
            return f"{amount} million"  # "2m people": news style for millions
        one, many = _UNITS[re.sub(r"\s+", " ", unit)]
        name = (one if is_one(a) and not b else many).format(**spelling)
        return f"{amount} {name}"

    text = _UNIT.sub(say, text)
    if "'" in text:
        text = _FEET_INCHES.sub(_say_feet_inches, text)
    return _GLUED_TEMPERATURE.sub(_say_glued_temperature, text)


_FEET_INCHES = rx(r"(?P<ft>«D»)'\s?(?P<in>\d{1,2})(?:\"|'')")
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


def _say_glued_temperature(m: re.Match[str]) -> str:
    if _NOT_TEMPERATURE.search(m.string, max(0, m.start() - 12), m.start()):
        return m.group()
    value = int(m.group("n"))
    scale = "Celsius" if m.group("scale") == "C" else "Fahrenheit"
    return f"{cardinal(value)} {'degree' if value == 1 else 'degrees'} {scale}"


def say_signs(text: str) -> str:
    return _SIGN.sub(_say_sign, text)


def say_percentages(text: str) -> str:
    return _PERCENT.sub(_say_percent, text)


def say_units(text: str, language: str) -> str:
    """Units of measure after a number, in the region's spelling ("metre", "meter")."""
    return _units(text, language)
