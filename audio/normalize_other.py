"""Numbers and a few abbreviations said in languages other than English, via num2words.

Used by `audio.normalize.normalize`. num2words knows how to say numbers in dozens of
languages; this module adds what it does not: how each language writes numbers (decimal
comma, thousands dot or space), and a handful of forms that are unambiguous (German
"am 3. Mai", French "1er" and "XIXe", Spanish "1º", percentages, currencies, times, dates
in six languages). Anything it cannot read safely keeps its digits for the engine.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import CONVERTER_CLASSES, num2words

from audio.normalize_en import roman

_MARKERS = re.compile("[\\x00-\\x08]")  # audio.normalize's placeholders

_DECIMAL_WORDS = {
    "de": "Komma",
    "fr": "virgule",
    "es": "coma",
    "ca": "coma",
    "it": "virgola",
    "pt": "vírgula",
    "nl": "komma",
    "pl": "przecinek",
    "da": "komma",
    "no": "komma",
    "sv": "komma",
    "fi": "pilkku",
    "ro": "virgulă",
    "tr": "virgül",
}
# Where "3,14" is said "three comma fourteen" rather than digit by digit.
_FRACTION_AS_NUMBER = frozenset({"fr", "es", "it", "pt", "ca"})
# Languages that write a decimal point (3.5) and thousands commas (1,234), like English.
_POINT_DECIMAL = frozenset({"ja", "ko", "th", "he", "zh", "hi", "bn", "te", "kn", "am", "ar"})
_POINT_DECIMAL_REGIONS = frozenset({"es_MX", "es_US", "es_GT", "es_NI", "es_PR", "es_DO"})
# Languages that group thousands with a space (1 234 567) rather than a dot (1.234.567).
_SPACE_GROUPS = frozenset({"fr", "pl", "cs", "sk", "ru", "uk", "sv", "fi", "no", "hu", "lt"})
_PERCENT_WORDS = {
    "de": "Prozent",
    "fr": "pour cent",
    "es": "por ciento",
    "ca": "per cent",
    "it": "per cento",
    "pt": "por cento",
    "nl": "procent",
    "pl": "procent",
    "da": "procent",
    "sv": "procent",
    "no": "prosent",
}
_RANGE_WORDS = {"de": "bis", "fr": "à", "es": "a", "it": "a", "pt": "a", "nl": "tot"}
_AND_WORDS = {"de": "und", "fr": "et", "es": "y", "it": "e", "pt": "e", "nl": "en", "ca": "i"}
_MONTHS_BY_LANGUAGE = {
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
_MONTHS = {lang: names.split() for lang, names in _MONTHS_BY_LANGUAGE.items()}
# currency -> language -> (one, many); the amount's words come first ("fünf Euro").
_MONEY_WORDS = {
    "€": {
        "de": ("Euro", "Euro"),
        "fr": ("euro", "euros"),
        "es": ("euro", "euros"),
        "it": ("euro", "euro"),
        "pt": ("euro", "euros"),
        "nl": ("euro", "euro"),
    },
    "$": {
        "de": ("Dollar", "Dollar"),
        "fr": ("dollar", "dollars"),
        "es": ("dólar", "dólares"),
        "it": ("dollaro", "dollari"),
        "pt": ("dólar", "dólares"),
        "nl": ("dollar", "dollar"),
    },
    "£": {
        "de": ("Pfund", "Pfund"),
        "fr": ("livre", "livres"),
        "es": ("libra", "libras"),
        "it": ("sterlina", "sterline"),
        "pt": ("libra", "libras"),
        "nl": ("pond", "pond"),
    },
    "CHF": {
        "de": ("Franken", "Franken"),
        "fr": ("franc suisse", "francs suisses"),
        "it": ("franco svizzero", "franchi svizzeri"),
    },
}
_ONE_BEFORE_NOUN = {"de": "ein", "fr": "un", "es": "un", "it": "un", "pt": "um", "nl": "één"}
# Scale words after an amount: "3,5 Mio. €" is "drei Komma fünf Millionen Euro".
_SCALE_OF = {"fr": "de ", "es": "de ", "it": "di ", "pt": "de "}
# "1 Mio. €" is "eine Million Euro": the scale word after one is singular.
_SINGULAR_SCALE = {
    "Millionen": "Million",
    "Milliarden": "Milliarde",
    "millions": "million",
    "milliards": "milliard",
    "millones": "millón",
    "milioni": "milione",
    "miliardi": "miliardo",
    "milhões": "milhão",
}
_DEGREE_WORDS = {  # language -> (one, many)
    "de": ("Grad", "Grad"),
    "fr": ("degré", "degrés"),
    "es": ("grado", "grados"),
    "it": ("grado", "gradi"),
    "pt": ("grau", "graus"),
    "nl": ("graad", "graden"),
}
_RATIO_WORDS = {"de": "zu", "fr": "à", "es": "a", "it": "a", "pt": "a", "nl": "tegen"}
_SCALE_WORDS = (
    r"Millionen|Million|Milliarden|Milliarde|Mio\.|Mrd\.|millions?|milliards?|millones|millón"
    r"|milioni|milione|miliardi|miliardo|milhões|milhão|mil milhões|miljoen|miljard"
)
_ABBREVIATIONS_BY_LANGUAGE: dict[str, dict[str, tuple[str, bool]]] = {
    # written -> (spoken, may end a sentence)
    "de": {
        "Dr.": ("Doktor", False),
        "Prof.": ("Professor", False),
        "z. B.": ("zum Beispiel", False),
        "z.B.": ("zum Beispiel", False),
        "d. h.": ("das heißt", False),
        "d.h.": ("das heißt", False),
        "u. a.": ("unter anderem", False),
        "u.a.": ("unter anderem", False),
        # German capitalizes nouns: only "usw." is likely to end a sentence before a
        # capital; after "Mrd." the capital is the noun counted ("2 Mrd. Menschen").
        "usw.": ("und so weiter", True),
        "bzw.": ("beziehungsweise", False),
        "ca.": ("circa", False),
        "Nr.": ("Nummer", False),
        "Mio.": ("Millionen", False),
        "Mrd.": ("Milliarden", False),
        "Tsd.": ("Tausend", False),
        "ggf.": ("gegebenenfalls", False),
        "inkl.": ("inklusive", False),
        "vgl.": ("vergleiche", False),
        "evtl.": ("eventuell", False),
        "Str.": ("Straße", False),
    },
    "fr": {
        "M.": ("Monsieur", False),
        "MM.": ("Messieurs", False),
        "Mme": ("Madame", False),
        "Mmes": ("Mesdames", False),
        "Mlle": ("Mademoiselle", False),
        "Dr": ("Docteur", False),
        "Dr.": ("Docteur", False),
        "Pr": ("Professeur", False),
        "etc.": ("et cetera", True),
        "p. ex.": ("par exemple", False),
        "c.-à-d.": ("c'est-à-dire", False),
        "env.": ("environ", False),
        "n°": ("numéro", False),
        "nº": ("numéro", False),
    },
    "es": {
        "Sr.": ("señor", False),
        "Sra.": ("señora", False),
        "Srta.": ("señorita", False),
        "Dr.": ("doctor", False),
        "Dra.": ("doctora", False),
        "etc.": ("etcétera", True),
        "p. ej.": ("por ejemplo", False),
        "EE. UU.": ("Estados Unidos", True),
        "EE.UU.": ("Estados Unidos", True),
        "aprox.": ("aproximadamente", False),
        "núm.": ("número", False),
        "n.º": ("número", False),
        "Ud.": ("usted", True),
        "Uds.": ("ustedes", True),
    },
}
# Titles are abbreviations only before a name: "M. Dupont", not "... du point M."
_BEFORE_NAME = frozenset({"M.", "MM.", "Mme", "Mmes", "Mlle", "Dr", "Dr.", "Pr", "Sr.", "Sra."})
# Each abbreviation also matches with a capital first letter ("Z. B." opens a sentence).
_ABBREVIATIONS_BY_LANGUAGE = {
    lang: {k[:1].upper() + k[1:]: v for k, v in table.items()} | table
    for lang, table in _ABBREVIATIONS_BY_LANGUAGE.items()
}
_ABBREVIATION_RES = {
    lang: re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(k) for k in sorted(table, key=len, reverse=True))
        + r")(?!\w)"
    )
    for lang, table in _ABBREVIATIONS_BY_LANGUAGE.items()
}
_SENTENCE_NEXT = re.compile(r"\s*$|\s+[\"'«(\[]*[A-ZÀ-ÖØ-Þ]")
_NAME_NEXT = re.compile(r"\s+[A-ZÀ-ÖØ-Þ]")
_LINE_END = re.compile(r"[\"'»)\]]*\s*$")
# German ordinals: "am 3. Mai" (dative, -en), "der 3. Platz" (-e); without an article
# "3." may just end a sentence, so it stays a number.
_DE_DATIVE = frozenset("am im vom zum zur beim dem den des einem einen".split())
_DE_NOMINATIVE = frozenset("der die das".split())
_FR_ORDINAL = re.compile(r"(?<![\w.,])(?P<n>\d+)(?P<suf>er|re|ère|e|ème|es|èmes)\b")
# "XIXe siècle", "Ier": centuries and monarchs in French are written in Roman ordinals.
_FR_ROMAN_ORDINAL = re.compile(r"\b(?P<r>[IVX][IVXLC]*)(?P<suf>er|re|e|ème)\b")
_ROMANCE_ORDINAL = re.compile(r"(?<![\w.,])(?P<n>\d+)\.?(?P<suf>[ºª])")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _n2w(value: int, key: str, to: str = "cardinal") -> str:
    """num2words, cached (it takes ~0.1 ms a call); "" when it cannot say the number."""
    try:
        said = num2words(abs(value), lang=key, to=to)
    except (NotImplementedError, ValueError, TypeError, OverflowError, KeyError):
        return ""
    if value < 0:
        negword = str(getattr(CONVERTER_CLASSES[key], "negword", "") or "").strip()
        if not negword or not negword.isalpha():
            return ""
        said = f"{negword} {said}"
    return said


def say_digits(text: str, key: str) -> str:
    """ "42" -> "vier zwei": digit by digit, for addresses; unchanged without a converter."""
    base = key.partition("_")[0]
    lang = key if key in CONVERTER_CLASSES else base
    if lang not in CONVERTER_CLASSES:
        return text
    return " ".join(_n2w(int(ch), lang) or ch for ch in text)


class _Numbers:
    """How one language writes numbers (separators) and says them (num2words)."""

    def __init__(self, base: str, region: str, key: str) -> None:
        self.base, self.key = base, key
        if base in _POINT_DECIMAL or f"{base}_{region}" in _POINT_DECIMAL_REGIONS:
            group, self.decimal = ",", "."
        elif region in ("CH", "LI"):  # Swiss: 1'234.50
            group, self.decimal = "['’]", "."
        elif base in _SPACE_GROUPS:
            group, self.decimal = r"[ \u00a0\u202f]", ","
        else:
            group, self.decimal = r"\.", ","
        dec = re.escape(self.decimal)
        # At most seven groups (24 digits, so int() never meets a grouped number too long for
        # it); with no bound, "1 234 234 ..." on a long line was tried again from every group
        # by every rule, and the line took seconds.
        self.pattern = rf"(?:\d{{1,3}}(?:{group}\d{{3}}){{1,7}}|\d+)(?:{dec}\d+)?"
        self.right = r"(?![\w]|[.,:/]\d)"

    def say(self, written: str, negative: bool = False) -> str:
        """ "1.234,5" -> words, or "" when the language cannot say it (caller keeps digits)."""
        whole, _, fraction = written.partition(self.decimal)
        whole = re.sub(r"\D", "", whole)
        said = _n2w(-int(whole) if negative else int(whole), self.key)
        if not said or not fraction:
            return said
        point = _DECIMAL_WORDS.get(self.base)
        if point is None:
            return ""
        if self.base in _FRACTION_AS_NUMBER and len(fraction) <= 2 and fraction[0] != "0":
            return f"{said} {point} {_n2w(int(fraction), self.key)}"  # "trois virgule quatorze"
        return f"{said} {point} {' '.join(_n2w(int(d), self.key) for d in fraction)}"

    def year(self, value: int) -> str:
        if self.base in ("de", "nl") and 1100 <= value <= 1999:
            return _n2w(value, self.key, "year") or _n2w(value, self.key)
        return _n2w(value, self.key)


def normalize_other(text: str, base: str, region: str, key: str) -> str:
    """Numbers through num2words, a few abbreviations; nothing English.

    `base` is the language ("de"), `region` its region ("CH" or ""), `key` the num2words
    converter ("de", "pt_BR") or "" when num2words cannot say this language.
    """
    abbreviations = _ABBREVIATION_RES.get(base)
    if abbreviations is not None:
        text = abbreviations.sub(lambda m: _say_abbreviation(m, base), text)
    if base == "fr" and key:
        text = _FR_ROMAN_ORDINAL.sub(_say_fr_roman, text)
    if key and _DIGIT.search(text):
        numbers = _Numbers(base, region, key)
        text = _other_dates(text, numbers)
        text = _other_times(text, numbers)
        text = _other_ordinals(text, numbers)
        text = _other_money(text, numbers)
        text = _other_percent_and_ranges(text, numbers)
        text = _other_cardinals(text, numbers)
    if base in _AND_WORDS:
        text = re.sub(r"(?<!\s)\s*&\s*", f" {_AND_WORDS[base]} ", text)
    return text


def _say_abbreviation(m: re.Match[str], base: str) -> str:
    written = m.group()
    said, may_end = _ABBREVIATIONS_BY_LANGUAGE[base][written]
    text = m.string
    if written in _BEFORE_NAME and not _NAME_NEXT.match(text, m.end()):
        return written
    before = text[max(0, m.start() - 3) : m.start()].rstrip(" \"'«(")
    if not before or before[-1] in ".!?\n":
        said = said[:1].upper() + said[1:]
    at_end = _LINE_END.match(text, m.end())
    if written.endswith(".") and (at_end or (may_end and _SENTENCE_NEXT.match(text, m.end()))):
        said += "."
    return said


def _other_dates(text: str, numbers: _Numbers) -> str:
    """25.2.2021, 25/02/2021 and 2021-02-25 in the language's own words (six languages)."""
    months = _MONTHS.get(numbers.base)
    if months is None:
        return text
    base, key = numbers.base, numbers.key

    def say(m: re.Match[str]) -> str:
        day, month, year_ = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            return m.group()
        name, year_said = months[month - 1], numbers.year(year_)
        if base == "de":
            return f"{_de_ordinal(day, m.string, m.start(), month_follows=True)} {name} {year_said}"
        if base in ("es", "pt"):
            return f"{_n2w(day, key)} de {name} de {year_said}"
        first = {"fr": "premier", "it": "primo"}.get(base) if day == 1 else None
        return f"{first or _n2w(day, key)} {name} {year_said}"

    text = re.sub(
        r"(?<![\w.,/])(?P<d>\d{1,2})(?P<s>[./])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})(?![\w]|[.,/]\d)",
        say,
        text,
    )
    return re.sub(r"(?<![\w.,])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w]|[.,:-]\d)", say, text)


def _de_ordinal(value: int, text: str, start: int, month_follows: bool = False) -> str:
    """German ordinal with the ending its article asks for; "" when "3." may end a sentence."""
    said = _n2w(value, "de", "ordinal")  # "dritte"
    words = _MARKERS.sub("", text[max(0, start - 12) : start]).split()
    article = words[-1].lower() if words else ""
    if article in _DE_DATIVE:
        return said + "n"
    if article in _DE_NOMINATIVE or not words or words[-1][-1] in ".!?":
        return said  # "Der 3. Platz"; "3. Liga startet" opens a sentence, so it ranks
    return said + "r" if month_follows else ""


_TIME_PATTERNS = {
    "de": r"(?P<h>[01]?\d|2[0-4])(?::(?P<m>[0-5]\d)(?:\s?Uhr\b)?|\.(?P<m2>[0-5]\d)\s?Uhr\b)",
    "fr": r"(?P<h>[01]?\d|2[0-4])(?:\s?h\s?(?P<m>[0-5]\d)?|:(?P<m2>[0-5]\d))",
}
_TIME_DEFAULT = r"(?P<h>[01]?\d|2[0-4]):(?P<m>[0-5]\d)(?P<m2>)"


def _other_times(text: str, numbers: _Numbers) -> str:
    """14:30 as "vierzehn Uhr dreißig", 14h30 as "quatorze heures trente", else "h m"."""
    key, base = numbers.key, numbers.base

    def say(m: re.Match[str]) -> str:
        hour, minute = int(m.group("h")), int(m.group("m") or m.group("m2") or 0)
        said = _n2w(hour, key)
        if base == "de":
            said += " Uhr"
        elif base == "fr":
            said += " heure" if hour == 1 else " heures"
        return said + (f" {_n2w(minute, key)}" if minute else "")

    core = _TIME_PATTERNS.get(base, _TIME_DEFAULT)
    return re.sub(r"(?<![\w.,:])" + core + r"(?![\w:]|[.,]\d)", say, text)


def _other_ordinals(text: str, numbers: _Numbers) -> str:
    """Only the unambiguous ordinals: "1er", "2e"; "1º", "3ª"; German "am 3." with an article."""
    base, key = numbers.base, numbers.key
    if base == "fr":

        def say_fr(m: re.Match[str]) -> str:
            n, suffix = int(m.group("n")), m.group("suf")
            if n == 1:
                return "première" if suffix in ("re", "ère") else "premier"
            said = _n2w(n, key, "ordinal") or m.group()
            return said + ("s" if suffix.endswith("s") else "")

        return _FR_ORDINAL.sub(say_fr, text)
    if base in ("es", "it", "pt"):

        def say_romance(m: re.Match[str]) -> str:
            said = _n2w(int(m.group("n")), key, "ordinal")
            if not said:
                return m.group()
            if m.group("suf") == "ª" and said.endswith("o"):
                said = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in said.split())
            return said

        return _ROMANCE_ORDINAL.sub(say_romance, text)
    if base == "de":

        def say_de(m: re.Match[str]) -> str:
            month_follows = m.group("month") is not None
            said = _de_ordinal(int(m.group("n")), m.string, m.start(), month_follows)
            return f"{said} " if said else m.group()

        months = "|".join(_MONTHS["de"])
        return re.sub(
            r"(?<![\w.,])(?P<n>\d{1,3})\.\s+(?=(?P<month>" + months + r")?\b[\wÄÖÜäöü])",
            say_de,
            text,
        )
    return text


def _say_fr_roman(m: re.Match[str]) -> str:
    value = roman(m.group("r"))
    if not value or (value == 1 and m.group("suf") != "er"):
        return m.group()  # "Ire" is a word; "Ier" is "premier" (François Ier)
    if value == 1:
        return "premier"
    return _n2w(value, "fr", "ordinal") or m.group()


def _other_money(text: str, numbers: _Numbers) -> str:
    base = numbers.base
    if not any(base in words for words in _MONEY_WORDS.values()):
        return text
    num = numbers.pattern
    symbols = r"€|\$|£|CHF"
    scale = r"(?:\s?(?P<scale>" + _SCALE_WORDS + r"))?"
    after = re.compile(
        r"(?<![\w.,])(?P<a>" + num + r")" + scale + r"\s?(?P<cur>" + symbols + r")(?!\w)"
    )
    before = re.compile(
        r"(?<![\w.,])(?P<cur>" + symbols + r")\s?(?P<a>" + num + r")" + scale + numbers.right
    )

    def say(m: re.Match[str]) -> str:
        words = _MONEY_WORDS[m.group("cur")].get(base)
        amount, scale_word = m.group("a"), m.group("scale")
        if words is None:
            return m.group()
        one, many = words
        whole, _, cents = amount.partition(numbers.decimal)
        joiner = _SCALE_OF.get(base, "")
        if base == "fr" and many[:1] in "aeiouéè":
            joiner = "d'"
        if scale_word:
            said = numbers.say(amount)
            scale_said = _ABBREVIATIONS_BY_LANGUAGE.get(base, {}).get(scale_word, (scale_word,))[0]
            if amount == "1":
                said = {"de": "eine"}.get(base, _ONE_BEFORE_NOUN[base])
                scale_said = _SINGULAR_SCALE.get(scale_said, scale_said)
            return f"{_apocope(said, base)} {scale_said} {joiner}{many}".replace("d' ", "d'")
        if len(cents) == 2 and int(cents):
            major = int(re.sub(r"\D", "", whole))
            unit = one if major == 1 else many
            joiner = {"es": " con", "it": " e", "pt": " e"}.get(base, "")
            major_said = _ONE_BEFORE_NOUN[base] if major == 1 else _n2w(major, numbers.key)
            major_said = _apocope(major_said, base)
            return f"{major_said} {unit}{joiner} {_n2w(int(cents), numbers.key)}"
        if re.sub(r"\D", "", whole) == "1" and not cents:
            return f"{_ONE_BEFORE_NOUN[base]} {one}"
        said = numbers.say(amount)
        value = int(re.sub(r"\D", "", whole)) if not cents else 0
        if value >= 10**6 and value % 10**6 == 0:
            many = joiner + many  # "un million d'euros", "dos millones de euros"
        return f"{_apocope(said, base)} {many}".replace("d' ", "d'") if said else m.group()

    text = after.sub(say, text)
    return before.sub(say, text)


def _apocope(said: str, base: str) -> str:
    """Spanish "uno" shortens before a noun: "veintiún euros", "treinta y un dólares"."""
    if base == "es" and said.endswith("uno"):
        return said[:-9] + "veintiún" if said.endswith("veintiuno") else said[:-1]
    return said


def _other_percent_and_ranges(text: str, numbers: _Numbers) -> str:
    num, base = numbers.pattern, numbers.base
    percent = _PERCENT_WORDS.get(base)
    to = _RANGE_WORDS.get(base)

    def say_amount(a: str, b: str | None) -> str:
        first = numbers.say(a)
        if b is None:
            return first
        second = numbers.say(b)
        if not (first and second and to):
            return ""
        if a.isdigit() and b.isdigit() and len(a) == len(b) == 4:
            first, second = numbers.year(int(a)), numbers.year(int(b))
        return f"{first} {to} {second}"

    if percent:

        def say_percent(m: re.Match[str]) -> str:
            said = say_amount(m.group("a"), m.group("b"))
            if said and m.group("sign"):
                said = f"{_n2w(-1, numbers.key).rsplit(' ', 1)[0]} {said}"
            return f"{said} {percent}" if said else m.group()

        pattern = (
            r"(?:(?<![\w.,)])(?P<sign>[-−]))?(?<![\w.,])(?P<a>NUM)(?:\s?[–-]\s?(?P<b>NUM))?\s?%"
        )
        text = re.sub(
            pattern.replace("NUM", num),
            say_percent,
            text,
        )
    if to:

        def say_range(m: re.Match[str]) -> str:
            return say_amount(m.group("a"), m.group("b")) or m.group()

        text = re.sub(
            r"(?<![\w.,])(?P<a>" + num + r")\s?[–-]\s?(?P<b>" + num + r")" + numbers.right,
            say_range,
            text,
        )
    return text


def _other_cardinals(text: str, numbers: _Numbers) -> str:
    def say(m: re.Match[str]) -> str:
        written = m.group("n")
        if not m.group("sign") and re.fullmatch(r"\d{4}", written):
            return numbers.year(int(written)) or written
        said = numbers.say(written, negative=bool(m.group("sign")))
        return said or m.group()

    text = _other_ratios_and_degrees(text, numbers)
    pattern = (
        r"(?:(?<![\w.,)])(?P<sign>[-−]))?(?<![\w.,:/])(?P<n>"
        + numbers.pattern
        + r")"
        + numbers.right
    )
    return re.sub(pattern, say, text)


def _other_ratios_and_degrees(text: str, numbers: _Numbers) -> str:
    """ "3:1" as "drei zu eins", "-5 °C" as "moins cinq degrés Celsius", "90er" as "neunziger"."""
    base, num = numbers.base, numbers.pattern
    ratio = _RATIO_WORDS.get(base)
    if ratio and ":" in text:
        text = re.sub(
            r"(?<![\w.,:])(?P<a>\d+):(?P<b>\d+)(?![\w:]|[.,]\d)",
            lambda m: (
                f"{_n2w(int(m.group('a')), numbers.key)} {ratio} "
                f"{_n2w(int(m.group('b')), numbers.key)}"
            ),
            text,
        )
    degrees = _DEGREE_WORDS.get(base)
    if degrees and "°" in text:

        def say_degrees(m: re.Match[str]) -> str:
            said = numbers.say(m.group("a"), negative=bool(m.group("sign")))
            if not said:
                return m.group()
            unit = degrees[0] if m.group("a") == "1" else degrees[1]
            scale = {"C": " Celsius", "F": " Fahrenheit"}.get(m.group("s") or "", "")
            return f"{said} {unit}{scale}"

        text = re.sub(
            r"(?:(?<![\w.,)])(?P<sign>[-−]))?(?<![\w.,])(?P<a>"
            + num
            + r")\s?°\s?(?P<s>[CF])?(?!\w)",
            say_degrees,
            text,
        )
    if base == "de" and "0er" in text:  # die 90er, die 1990er
        text = re.sub(
            r"(?<![\w.,])(?P<n>\d{1,3}0)er(?=\b|n\b|jahre)",
            lambda m: numbers.year(int(m.group("n"))) + "er",
            text,
        )
    return text
