"""Money: currency symbols and codes before or after the amount, with scale words."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import rx
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
    "HK$": ("Hong Kong dollar", "Hong Kong dollars", "cent", "cents"),
    "S$": ("Singapore dollar", "Singapore dollars", "cent", "cents"),
    "R$": ("Brazilian real", "Brazilian reais", "centavo", "centavos"),
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
    "¥": ("yen", "yen", "", ""),
    "JPY": ("yen", "yen", "", ""),
    "CNY": ("yuan", "yuan", "", ""),
    "₹": ("rupee", "rupees", "paisa", "paise"),
    "INR": ("rupee", "rupees", "paisa", "paise"),
    "₩": ("won", "won", "", ""),
    "₽": ("ruble", "rubles", "kopek", "kopeks"),
    "₺": ("lira", "lira", "kurus", "kurus"),
    "₪": ("shekel", "shekels", "agora", "agorot"),
    "₦": ("naira", "naira", "kobo", "kobo"),
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
    "billion": "billion",
    "b": "billion",
    "B": "billion",
    "bn": "billion",
    "BN": "billion",
    "trillion": "trillion",
    "tn": "trillion",
}
_MONEY_BEFORE = rx(
    r"(?<![\w.,$])(?P<neg>[-−])?(?P<cur>«SYMBOL»|(?:«CODE»)(?=\s?\d))\s?(?P<a>«NUM»)"
    r"(?:(?:«DASH»|\s+to\s+)(?:«SYMBOL»)?(?P<b>«NUM»))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|BN|mn|tn|[kKmMbB])(?!\w))?«R»"
)
_MONEY_AFTER = rx(
    r"(?P<a>«LNUM»)(?:«DASH»(?P<b>«NUM»))?"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn))?\s?(?P<cur>€|£|¥|¢|₹|(?:«CODE»)\b)"
)


def _say_money(m: re.Match[str]) -> str:
    one, many, minor_one, minor_many = _CURRENCIES[m.group("cur")]
    a, b, scale = m.group("a"), m.group("b"), m.group("scale")
    sign = "minus " if m.groupdict().get("neg") else ""
    if scale:
        high = f" to {number(b)}" if b else ""
        return f"{sign}{number(a)}{high} {SCALE_WORDS[scale]} {many}"
    if b:
        return f"{sign}{number(a)} to {number(b)} {many}"
    whole, _, cents = a.replace(",", "").partition(".")
    if len(cents) == 2 and minor_one and len(whole) <= LONGEST_CARDINAL:
        major, minor = int(whole or 0), int(cents)
        minor_said = f"{cardinal(minor)} {minor_one if minor == 1 else minor_many}"
        if major == 0:
            return sign + minor_said
        major_said = f"{cardinal(major)} {one if major == 1 else many}"
        if minor == 0:
            return sign + major_said
        if minor < 10:
            return f"{sign}{major_said} and {minor_said}"
        return f"{sign}{major_said} {cardinal(minor)}"  # "three pounds fifty"
    return f"{sign}{number(a)} {one if is_one(a) else many}"


def say_money(text: str) -> str:
    """Amounts with the currency before ("$5", "US$ 3bn") or after ("5 euros", "3 EUR")."""
    return _MONEY_AFTER.sub(_say_money, _MONEY_BEFORE.sub(_say_money, text))
