"""Money: currency symbols and codes before or after the amount, with scale words."""

from __future__ import annotations

import re

from audio.normalize_en.numbers import BETWEEN
from audio.normalize_en.patterns import at_sentence_start, attributive, keep_period, rx
from audio.normalize_en.words import LONGEST_CARDINAL, cardinal, is_one, number

# symbol -> (one, many, minor one, minor many); no minor unit: decimals are read "point".
_CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    "$": ("dollar", "dollars", "cent", "cents"),
    "US$": ("US dollar", "US dollars", "cent", "cents"),
    "USD": ("US dollar", "US dollars", "cent", "cents"),
    "A$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AU$": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "AUD": ("Australian dollar", "Australian dollars", "cent", "cents"),
    "C$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CA$": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "CAD": ("Canadian dollar", "Canadian dollars", "cent", "cents"),
    "NZ$": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "NZD": ("New Zealand dollar", "New Zealand dollars", "cent", "cents"),
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "HKD": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "SGD": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "R$": ("Brazilian real", "Brazilian reais", "centavo", "centavos"),
    "BRL": ("Brazilian real", "Brazilian reais", "centavo", "centavos"),
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "JPY": ("yen", "yen", "", ""),
    "CNY": ("yuan", "yuan", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "Rs": ("rupee", "rupees", "paisa", "paise"),
    "Rs.": ("rupee", "rupees", "paisa", "paise"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "", ""),
    "KRW": ("won", "won", "", ""),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "RUB": ("ruble", "rubles", "kopek", "kopeks"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₦": ("naira", "naira", "kobo", "kobo"),
    "NGN": ("naira", "naira", "kobo", "kobo"),
    "₱": ("peso", "pesos", "centavo", "centavos"),
    "MXN": ("Mexican peso", "Mexican pesos", "centavo", "centavos"),
    "ZAR": ("rand", "rand", "cent", "cents"),
    "SEK": ("Swedish krona", "Swedish kronor", "öre", "öre"),
    "NOK": ("Norwegian krone", "Norwegian kroner", "øre", "øre"),
    "DKK": ("Danish krone", "Danish kroner", "øre", "øre"),
    "PLN": ("zloty", "zlotys", "grosz", "groszy"),
    "AED": ("dirham", "dirhams", "fils", "fils"),
    "CHF": ("Swiss franc", "Swiss francs", "centime", "centimes"),
    "¢": ("cent", "cents", "", ""),
}
SCALE_WORDS = {
    "thousand": "thousand",
    "k": "thousand",
    "K": "thousand",
    "million": "million",
    "m": "million",
    "M": "million",
    "mn": "million",
    "mln": "million",
    "mil": "million",
    "billion": "billion",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "bln": "billion",
    "trillion": "trillion",
    "tn": "trillion",
    "crore": "crore",
    "crores": "crore",
    "lakh": "lakh",
    "lakhs": "lakh",
}
# Written words in any case ("$48.2 Million", "$3 BILLION"), short forms as news writes them;
# a one-letter scale only glued to the amount ("$5m", not "$5 m").
_SCALE_WORD = r"(?i:thousand|million|billion|trillion|crores?|lakhs?)"
_SCALE_SHORT = r"(?:[bBmM][nN]|mln|bln|mil|tn)"
_SCALE = (
    rf"(?:(?:[\s-]?(?={_SCALE_WORD}(?!\w))|\s?(?={_SCALE_SHORT}(?!\w))|(?=[kKmMbB](?!\w)))"
    rf"(?P<{{0}}>{_SCALE_WORD}|{_SCALE_SHORT}|[kKmMbB])(?!\w))?"
)
# What a price is per: "$20/mo" is "twenty dollars a month".
_PER = {
    "mo": "a month",
    "month": "a month",
    "yr": "a year",
    "year": "a year",
    "hr": "an hour",
    "hour": "an hour",
    "h": "an hour",
    "day": "a day",
    "wk": "a week",
    "week": "a week",
    "night": "a night",
    "person": "a person",
    "head": "a head",
    "share": "a share",
    "gal": "a gallon",
    "gallon": "a gallon",
    "barrel": "a barrel",
    "bbl": "a barrel",
    "lb": "a pound",
    "kg": "a kilogram",
    "oz": "an ounce",
    "ton": "a ton",
    "tonne": "a tonne",
    "sq ft": "a square foot",
    "sqft": "a square foot",
    "ft": "a foot",
    "m²": "a square meter",
    "m2": "a square meter",
    "kWh": "a kilowatt hour",
    "MWh": "a megawatt hour",
    "unit": "a unit",
    "ticket": "a ticket",
    "seat": "a seat",
}
_PER_ALTERNATION = "|".join(
    re.escape(p).replace(r"\ ", r"\s") for p in sorted(_PER, key=len, reverse=True)
)
_AMOUNT = r"(?:[1-9]\d{0,2}(?:\.\d{3}){2,}|«NUM»|\.\d+)"  # also "€1.500.000", "$.01"
_CURRENCY_BEFORE = r"Rs\.?(?=\s?\x06?\d)|«SYMBOL»|(?:«CODE»)(?=\s?[\d.])"
_MONEY_PIECES = {
    "«AMOUNT»": _AMOUNT,
    "«CUR»": _CURRENCY_BEFORE,
    "«SA»": _SCALE.format("sa"),
    "«SB»": _SCALE.format("sb"),
    "«PER»": _PER_ALTERNATION,
}
# The amount, its scale, a second amount of a range, a currency word written again ("$5
# dollars") and what it is per. The leading lookahead lets the regex skip to a sign, a
# symbol or a capital at once; "\x06" is normalize's mark of a sentence start.
_MONEY_BEFORE_PATTERN = (
    r"(?=[-−$€£¥₹₩₽₺₪₦₱A-Z])(?<![\w.,$])(?P<neg>[-−])?(?P<cur>«CUR»)\s?\x06?(?P<a>«AMOUNT»)«SA»"
    r"(?:(?P<join>«DASH»|\s+(?:to|and)\s+)(?P<cur2>«SYMBOL»|Rs\.?)?\s?(?P<b>«AMOUNT»)«SB»)?"
    r"(?P<named>\s+(?i:dollars?|euros?|pounds?|rupees?|yen)(?!\w))?"
    r"(?:\s?/\s?(?P<per>«PER»)(?![\w/])(?P<dot>\.)?)?«R»"
)
for _name, _piece in _MONEY_PIECES.items():
    _MONEY_BEFORE_PATTERN = _MONEY_BEFORE_PATTERN.replace(_name, _piece)
_MONEY_BEFORE = rx(_MONEY_BEFORE_PATTERN)
_MONEY_AFTER = rx(
    r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:[\s-]?(?=[tmbTMBcClL])(?P<sa>" + _SCALE_WORD + r"|[bBmM][nN]))?"
    r"\s?(?=[€£¥¢₹A-Z])(?P<cur>€|£|¥|¢|₹|(?:«CODE»)\b)"
)
# A period as the thousands mark ("$2.000", "€1.500.000"): two groups or more, or one that
# ends in a zero no one writes in a price ("$1.250" is $1,250; "$3.499" a gas price).
_DOTTED_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:(?:\.\d{3}){2,}|\.\d\d0)")


def _scale(written: str | None) -> str:
    if not written:
        return ""
    return SCALE_WORDS.get(written) or SCALE_WORDS[written.lower()]


def _plain(amount: str, scale: str | None) -> str:
    """The amount as a number, without cents: "1,500" or "2.000" (thousands), "48.2"."""
    if not scale and _DOTTED_THOUSANDS.fullmatch(amount):
        return amount.replace(".", "")
    whole, _, cents = amount.replace(",", "").partition(".")
    return whole if cents and set(cents) == {"0"} and whole else amount


def _has_cents(amount: str, scale: str | None, minor: str) -> bool:
    amount = _plain(amount, scale)
    cents = amount.partition(".")[2]
    return bool(minor) and len(cents) == 2 and not scale


def _say_amount(amount: str, scale: str | None, names: tuple[str, str, str, str]) -> str:
    """One amount with its currency: "five dollars fifty", "fifty cents", "two million euros"."""
    one, many, minor_one, minor_many = names
    amount = _plain(amount, scale)
    if scale:
        return f"{number(amount)} {_scale(scale)} {many}"
    whole, _, cents = amount.replace(",", "").partition(".")
    if len(cents) == 2 and minor_one and len(whole) <= LONGEST_CARDINAL:
        major, minor = int(whole or 0), int(cents)
        minor_said = f"{cardinal(minor)} {minor_one if minor == 1 else minor_many}"
        if major == 0:
            return minor_said
        major_said = f"{cardinal(major)} {one if major == 1 else many}"
        if minor == 0:
            return major_said
        if minor < 10:
            return f"{major_said} and {minor_said}"
        return f"{major_said} {cardinal(minor)}"  # "three pounds fifty"
    return f"{number(amount)} {one if is_one(amount) else many}"


def _say_range(m: re.Match[str], names: tuple[str, str, str, str]) -> str:
    """ "$5-$10" -> "five to ten dollars"; with cents each amount is said whole."""
    a, b, sa, sb = m.group("a"), m.group("b"), m.group("sa"), m.group("sb")
    many, minor = names[1], names[2]
    if sa or sb:
        first = f"{number(_plain(a, sa))}{' ' + _scale(sa) if sa else ''}"
        return f"{first} to {number(_plain(b, sb))} {_scale(sb or sa)} {many}"
    if _has_cents(a, sa, minor) or _has_cents(b, sb, minor) or a.startswith("."):
        return f"{_say_amount(a, sa, names)} to {_say_amount(b, sb, names)}"
    return f"{number(_plain(a, sa))} to {number(_plain(b, sb))} {many}"


def _say_money_before(m: re.Match[str]) -> str:
    names = _CURRENCIES[m.group("cur")]
    if not m.group("per") and attributive(m.string, m.start(), m.end()):
        names = (names[0], names[0], names[2], names[2])  # "a $20 bill": a twenty-dollar bill
    sign = "minus " if m.group("neg") else ""
    join = m.group("join")
    # "$5 to 10 people" is not a range of money: only a dash, a second symbol or a scale;
    # "$5 and $10" is one only after "between" (else a list: "$4.5 billion and $8 billion").
    ranged = join is not None and (
        not join.strip().isalpha() or bool(m.group("cur2") or m.group("sb"))
    )
    if (
        join
        and join.strip() == "and"
        and not BETWEEN.search(m.string, max(0, m.start() - 40), m.start())
    ):
        ranged = False
    if join and not ranged:
        said = _say_amount(m.group("a"), m.group("sa"), names)
        rest = m.string[m.start("join") : m.end()]
        return sign + said + _MONEY_BEFORE.sub(_say_money_before, rest)
    if ranged:
        said = _say_range(m, names)
        if join.strip() == "and":
            said = said.replace(" to ", " and ", 1)
    else:
        said = _say_amount(m.group("a"), m.group("sa"), names)
    named = m.group("named")
    if named and named.strip().lower().rstrip("s") != names[1].split()[-1].rstrip("s"):
        said += named  # "$5 dollars" says it once; "$5 pounds" keeps its word
    if m.group("per"):
        said += " " + _PER[re.sub(r"\s+", " ", m.group("per"))]
        if m.group("dot"):
            said += keep_period(m.string, m.end())
    said = sign + said
    if m.group("cur")[0].isalpha() and at_sentence_start(m.string, m.start()):
        said = said[0].upper() + said[1:]  # "Rs 500 ..." opens a sentence with a letter
    return said


def _say_money_after(m: re.Match[str]) -> str:
    names = _CURRENCIES[m.group("cur")]
    a, b, sa = m.group("a"), m.group("b"), m.group("sa")
    if b:
        scale = f" {_scale(sa)}" if sa else ""
        return f"{number(a)} to {number(b)}{scale} {names[1]}"
    return _say_amount(a, sa, names)


def say_money(text: str) -> str:
    """Amounts with the currency before ("$5", "US$ 3bn") or after ("5 euros", "3 EUR")."""
    return _MONEY_AFTER.sub(_say_money_after, _MONEY_BEFORE.sub(_say_money_before, text))
