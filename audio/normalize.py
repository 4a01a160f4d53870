"""Written text to the words a person would say: what TTS engines need to be handed.

Engines read written forms literally: Piper says "$1.5 billion" as "dollar one point five
billion" and "25.2.2021" as a string of decimals. `clean_unicode` makes the characters
plain (and turns dashes and parentheses into pauses the engine honours); `normalize` says
numbers, dates, money, abbreviations and addresses as words, by language. English has its
own package (`audio.normalize_en`, a module a category); other languages say numbers
through num2words and never get English rules. Sentence punctuation (. ! ?) is kept so the
sentence splitter still works, and an abbreviation's period is dropped unless it also ends
the sentence.
"""

from __future__ import annotations

import re
import unicodedata

from num2words import CONVERTER_CLASSES

from audio.normalize_en import digits as english_digits
from audio.normalize_en import normalize_english
from audio.normalize_en.abbreviations import NUMBER_ABBREVIATIONS
from audio.normalize_other import normalize_other, say_digits

__all__ = ["URL_READINGS", "clean_unicode", "normalize"]

# --- clean_unicode ---------------------------------------------------------------------

# Zero-width characters, soft hyphens, and the control characters used as markers below.
_INVISIBLE = re.compile("[\x00-\x08\u200b-\u200d\u2060\ufeff\u00ad]")
_SINGLE_QUOTES = re.compile("[‘’‚‛]")
_DOUBLE_QUOTES = re.compile("[“”„]")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# NFKC would turn these into plain letters and digits ("m²" -> "m2", "1½" -> "11⁄2",
# "1º" -> "1o"); they are kept or spelled so that normalize can still read them.
_KEEP = {"²": "\x01", "³": "\x02", "º": "\x03", "ª": "\x04"}
_VULGAR_FRACTION = re.compile(r"(\d?)([¼½¾⅓⅔⅛⅜⅝⅞])")
_VULGAR_HINT = re.compile(r"[¼½¾⅓⅔⅛⅜⅝⅞]")
_FRACTIONS = {"¼": "1/4", "½": "1/2", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8"}
_FRACTIONS |= {"⅜": "3/8", "⅝": "5/8", "⅞": "7/8"}
_MARKS = re.compile(r"[™®]")
_PAUSE = "\x05"  # where a dash or parenthesis was; becomes ", " unless punctuation is there
# A dash between words is a pause; between digits it is a range, left to normalize.
_EM_DASH = re.compile(r"(?<=\S)[ ]*(?:—|―|--)[ ]*(?=\S)")
_SPACED_DASH = re.compile(r"(?<=\S) +[–-] +(?=\S)")
_LOOSE_DASH = re.compile(r"^[ ]*(?:—|―|--)[ ]*|[ ]*(?:—|―|--)[ ]*$", re.MULTILINE)
_PARENTHESES = re.compile(r"(?<![^\s\"'\x05])\(([^()\n]+)\)(?=[\s,.;:!?\"'\x05]|$)")
_AREA_CODE = re.compile(r"\d{2,5}")
_PAUSES = re.compile(r"(?P<pre>[,.;:!?(]?)[ ]*(?:\x05[ ]*)+(?P<post>[,.;:!?]?)[ ]*")
_STRENGTH = {"": 0, "(": 0, ",": 1, ";": 2, ":": 2, ".": 3, "!": 3, "?": 3}
_SPACE_BEFORE_NEWLINE = re.compile(r" +\n")
_BLANKS = re.compile(r"\n[ \n]*")
_RUNS = re.compile(r" {2,}")


def clean_unicode(text: str) -> str:
    """Plain characters and spoken pauses: what every engine reads the same way.

    NFKC, no zero-width characters or soft hyphens, straight quotes, one kind of space;
    dashes between words and parenthetical asides become commas (a pause, never a
    sentence end). Line breaks survive (a blank line stays a paragraph break).
    """
    text = _INVISIBLE.sub("", text)
    text = _MARKS.sub("", text)
    if _VULGAR_HINT.search(text):
        text = _VULGAR_FRACTION.sub(
            lambda m: (m.group(1) + " " if m.group(1) else "") + _FRACTIONS[m.group(2)], text
        )
    for char, placeholder in _KEEP.items():
        text = text.replace(char, placeholder)
    text = unicodedata.normalize("NFKC", text).replace("\u2044", "/")
    for char, placeholder in _KEEP.items():
        text = text.replace(placeholder, char)
    text = _DOUBLE_QUOTES.sub('"', _SINGLE_QUOTES.sub("'", text))
    text = _ODD_SPACES.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    if "—" in text or "―" in text or "--" in text:
        text = _EM_DASH.sub(_dash_pause, text)
        text = _LOOSE_DASH.sub("", text)
    if " - " in text or " – " in text:
        text = _SPACED_DASH.sub(_dash_pause, text)
    if "(" in text:
        text = _PARENTHESES.sub(_aside, text)
    if _PAUSE in text:
        text = _PAUSES.sub(_say_pause, text)
    text = _RUNS.sub(" ", text)
    text = _SPACE_BEFORE_NEWLINE.sub("\n", text)
    return _BLANKS.sub(lambda m: "\n\n" if m.group().count("\n") > 1 else "\n", text).strip()


def _dash_pause(m: re.Match[str]) -> str:
    text = m.string
    before, after = text[m.start() - 1], text[m.end()]
    if before.isdigit() and (after.isdigit() or after in "$€£¥"):
        return m.group()  # "1990 – 1995", "5 - $10": a range
    return _PAUSE


def _aside(m: re.Match[str]) -> str:
    inner = m.group(1).strip()
    text = m.string
    if _AREA_CODE.fullmatch(inner) and re.match(r"\s\d", text[m.end() : m.end() + 2]):
        return m.group()  # "(555) 123-4567": an area code, read with the number
    return f"{_PAUSE}{inner}{_PAUSE}"


def _say_pause(m: re.Match[str]) -> str:
    """A pause is ", " unless punctuation already stands there or the line starts or ends."""
    text = m.string
    pre, post = m.group("pre"), m.group("post")
    line_start = m.start() == 0 or text[m.start() - 1] == "\n"
    line_end = m.end() == len(text) or text[m.end()] == "\n"
    if line_start and not pre:
        return ""
    mark = max(pre, post, key=_STRENGTH.__getitem__)
    if line_end:
        return pre + (post if _STRENGTH[post] > 1 else "")
    if pre == "(":
        return "(" + (post + " " if post else "")
    return (mark or ",") + " "


# --- addresses -------------------------------------------------------------------------

# "https://" may be glued to the word before it, as scraped link text often is
# ("Read morehttps://..."); "www." too, unless it follows a "w".
_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"']+", re.IGNORECASE)
_URL_TAIL = re.compile(r"[.,;:!?)\]}'\"]+$")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLDS = (
    "com|org|net|edu|gov|mil|int|io|co|uk|us|de|fr|es|it|nl|eu|ca|au|nz|ie|in|jp|ch|at|be"
    "|se|no|dk|fi|pl|pt|br|ai|app|dev|info|biz|me|tv|ly|news|blog|online|site|tech"
)
# A bare domain ("bbc.co.uk", "Amazon.com") is said, never dropped: it is often a name.
_DOMAIN = re.compile(
    r"(?<![\w@./-])(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+(?:" + _TLDS + r")\b(?:/[^\s<>\"']*[\w/])?"
)
_ADDRESS_WORDS = {  # language -> (dot, at, dash, underscore, plus, slash)
    "en": ("dot", "at", "dash", "underscore", "plus", "slash"),
    "de": ("Punkt", "at", "Bindestrich", "Unterstrich", "plus", "Schrägstrich"),
    "fr": ("point", "arobase", "tiret", "tiret bas", "plus", "slash"),
    "es": ("punto", "arroba", "guion", "guion bajo", "más", "barra"),
    "it": ("punto", "chiocciola", "trattino", "trattino basso", "più", "barra"),
    "pt": ("ponto", "arroba", "hífen", "sublinhado", "mais", "barra"),
    "nl": ("punt", "apenstaartje", "streepje", "liggend streepje", "plus", "slash"),
}
# How web addresses are read: the host ("example dot com"), the host and a short path
# ("example dot com slash news"), or not at all, e-mail addresses with them (bare domains
# such as "Amazon.com" are names and always said).
URL_READINGS = ("speak", "path", "drop")
# The path is read while it is short: at most this many words, ids and numbers left out.
_PATH_WORDS = 6
_PATH_SEGMENT = re.compile(r"[^\W_]+(?:[-_.][^\W_]+)*")
_PAGE_SUFFIX = re.compile(r"\.(?:html?|shtml|php|aspx?|jsp|cfm)$", re.IGNORECASE)
_PAGE_INDEX = frozenset({"index", "default", "home"})
# "@presscast" is a social-media handle ("at presscast"), "#MeToo" a hashtag; "C#" neither.
_HANDLE = re.compile(r"(?<![\w@.])@_*[A-Za-z]\w*")
_HASHTAG = re.compile(r"(?<![\w&#])#(?=[A-Za-z]\w*)")
_DROPPED = "\x00"
_DROPPED_RUN = re.compile(r"\x00(?:\s*(?:,|;|and|or|&)?\s*\x00)+")
_DROPPED_IN_BRACKETS = re.compile(r"\s*[(\[<]\s*\x00\s*[)\]>]")
_DROPPED_HERE = re.compile(r"\s*(?P<before>[,;:]?)\s*\x00\s*(?P<after>[,;:.!?]?)")
_ADDRESS_PART = re.compile(r"[.@_+/-]|\d+")


def _say_address(address: str, base: str) -> str:
    """ "jane.doe@example.org" -> "jane dot doe at example dot org", in the text's language."""
    words = _ADDRESS_WORDS.get(base)
    if words is None:
        return address  # no words for "dot" in this language: the engine reads it as is
    dot, at, dash, underscore, plus, slash = words
    said = {".": dot, "@": at, "-": dash, "_": underscore, "+": plus, "/": slash}

    def part(m: re.Match[str]) -> str:
        token = m.group()
        if token.isdigit():
            return f" {english_digits(token) if base == 'en' else say_digits(token, base)} "
        return f" {said[token]} "

    return " ".join(_ADDRESS_PART.sub(part, address).split())


def _host(url: str) -> str:
    host = re.sub(r"^(?:[a-z]+://)?", "", url, flags=re.IGNORECASE)
    host = re.split(r"[/?#]", host, maxsplit=1)[0].rpartition("@")[2].split(":")[0]
    return re.sub(r"^www\.", "", host, flags=re.IGNORECASE)


def _is_id(token: str) -> bool:
    """A path word nobody says: "48213907", "a3f9c2e1d7", "xK29fq83" (ids and hashes)."""
    if len(token) > 20:
        return True
    if token.isdigit():
        return True  # a date's parts or an id: noise when heard
    letters = sum(ch.isalpha() for ch in token)
    return len(token) >= 6 and letters > 0 and len(token) - letters >= 2


def _short_path(url: str) -> str:
    """The words of a URL's path worth saying: "/news/2024/city-budget.html" -> "news/city-budget".

    Segments are kept in order while they fit in _PATH_WORDS words; ids, hashes, numbers,
    page suffixes and index pages are left out, and a segment that is not plain words
    (query-like, encoded) ends the path.
    """
    rest = re.sub(r"^(?:[a-z]+://)?", "", url, flags=re.IGNORECASE)
    path = re.split(r"[?#]", rest, maxsplit=1)[0].partition("/")[2]
    kept: list[str] = []
    budget = _PATH_WORDS
    for segment in path.split("/"):
        segment = _PAGE_SUFFIX.sub("", segment)
        if not segment or segment.lower() in _PAGE_INDEX:
            continue
        if not _PATH_SEGMENT.fullmatch(segment):
            break
        words = re.split(r"([-_.])", segment)
        # Leave out ids with the separator before them: "uk-48213907" -> "uk".
        pieces: list[str] = []
        for i in range(0, len(words), 2):
            if not _is_id(words[i]):
                pieces += ([words[i - 1]] if pieces else []) + [words[i]]
        count = len(pieces[::2])
        if not count:
            continue
        if count > budget:
            break
        kept.append("".join(pieces))
        budget -= count
    return "/".join(kept)


def _say_url(address: str, base: str, urls: str) -> str:
    """A web address as it is read: its host, and with urls="path" a short path too."""
    said = _say_address(_host(address), base)
    if urls == "path":
        path = _short_path(address)
        if path:
            said += " " + _say_address("/" + path, base)
    return said


_URL_HINT = re.compile(r"://|www\.", re.IGNORECASE)
_DOMAIN_HINT = re.compile(r"\.(?:" + _TLDS + r")\b")


def _addresses(text: str, base: str, urls: str) -> str:
    def url(m: re.Match[str]) -> str:
        address, before = m.group(), m.string[m.start() - 1 : m.start()]
        if before and (before in "@/" or (before in ".wW" and address[:1] in "wW")):
            return address  # inside an e-mail address or a path; "wwww." is no web address
        tail = _URL_TAIL.search(address)
        if tail and not (tail.group() == ")" and "(" in address):
            address, rest = address[: tail.start()], tail.group()
        else:
            rest = ""
        if urls == "drop":
            return _DROPPED + rest
        glued = m.start() > 0 and m.string[m.start() - 1].isalnum()
        return (" " if glued else "") + _say_url(address, base, urls) + rest

    def email(m: re.Match[str]) -> str:
        return _DROPPED if urls == "drop" else _say_address(m.group(), base)

    if _URL_HINT.search(text):
        text = _URL.sub(url, text)
    if "@" in text:
        text = _EMAIL.sub(email, text)
        if "@" in text and base in _ADDRESS_WORDS:
            text = _HANDLE.sub(lambda m: _say_handle(m, base), text)
    if "#" in text and base in _ADDRESS_WORDS:
        text = _HASHTAG.sub(_say_hashtag, text)
    if _DOMAIN_HINT.search(text):
        text = _DOMAIN.sub(lambda m: _say_url(m.group(), base, urls), text)
    if _DROPPED in text:
        text = _DROPPED_RUN.sub(_DROPPED, text)
        text = _DROPPED_IN_BRACKETS.sub(_DROPPED, text)
        text = _DROPPED_HERE.sub(_after_drop, text)
    return text


def _say_handle(m: re.Match[str], base: str) -> str:
    """ "@presscast" -> "at presscast"; "on Twitter at @presscast" says "at" once."""
    name = m.group()[1:].strip("_")
    before = m.string[max(0, m.start() - 4) : m.start()].rstrip().lower()
    said = _say_address("@" + name, base)
    at = _ADDRESS_WORDS[base][1]
    return said.removeprefix(at).lstrip() if before.endswith(" " + at) else said


def _say_hashtag(m: re.Match[str]) -> str:
    """ "#MeToo" -> "hashtag MeToo", unless the text says so already ("the hashtag #MeToo")."""
    before = m.string[max(0, m.start() - 10) : m.start()].rstrip().lower()
    return "" if before.endswith(("hashtag", "hashtags")) else "hashtag "


def _after_drop(m: re.Match[str]) -> str:
    """What is left where an address was: "Source: <url>." -> "Source."; no stray commas."""
    text, before, after = m.string, m.group("before"), m.group("after")
    if after in (".", "!", "?"):
        return after
    preceding = text[max(0, m.start() - 4) : m.start()].rstrip()
    if not preceding or preceding[-1] in ".!?":
        return (" " if preceding else "") + _SENTENCE_START  # "<url> is great." -> "Is great."
    following = text[m.end() : m.end() + 1]
    if following in ("", "\n", ")", "]"):
        return ""  # "Source: <url>" -> "Source"; "(see <url>)" -> "(see)"
    punctuation = before or after
    return punctuation if punctuation else " "


# A sentence that starts with a digit or a symbol ("2021 was ...", "$5 ...") must start
# with a capital once said, or the sentence splitter no longer sees the boundary.
_SENTENCE_START = "\x06"
# The mark goes before an opening bracket or quote, so that "(555) 123-4567" stays whole.
_STARTS_WITH_SYMBOL = re.compile(r"[.!?][\"')\]]*[ \t]+(?=[\"(\[]*[\d$€£¥₹#'+−~-])")
_OPENS_WITH_SYMBOL = re.compile(r"\s*(?=[\"(\[]*[\d$€£¥₹#'+−~-])")
# Periods before a number that end an abbreviation, not a sentence ("No. 5", "Jan. 3").
_ABBREVIATED = NUMBER_ABBREVIATIONS | frozenset(
    """approx vs st jan feb mar apr jun jul aug sep sept oct nov dec nr bzw env núm aprox mio
    mrd tsd""".split()
)
_CAPITALIZE = re.compile(r"\x06([^\w\x06]*)(\w)")


def _mark_sentence_starts(text: str) -> str:
    """Put _SENTENCE_START before each sentence that begins with a digit or a symbol."""
    out: list[str] = []
    last = 0
    opening = _OPENS_WITH_SYMBOL.match(text)
    if opening:
        out += [text[: opening.end()], _SENTENCE_START]
        last = opening.end()
    for m in _STARTS_WITH_SYMBOL.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()].split()
        word = before[-1].lower().lstrip("(\"'") if before else ""
        if word in _ABBREVIATED or (len(word) == 1 and word.isalpha()) or "." in word:
            continue
        out += [text[last : m.end()], _SENTENCE_START]
        last = m.end()
    return "".join(out) + text[last:] if out else text


# --- languages -------------------------------------------------------------------------


def _language(language: str) -> tuple[str, str, str]:
    """ "fr-CA" -> ("fr", "CA", num2words' key or ""): language, region and converter."""
    code = language.strip().replace("-", "_")
    base = code.partition("_")[0].lower()
    base = {"nb": "no", "nn": "no"}.get(base, base)
    region = code.partition("_")[2].upper()
    for key in (f"{base}_{region}", base):
        if key in CONVERTER_CLASSES:
            return base, region, key
    return base, region, ""


def normalize(text: str, language: str = "en", urls: str = "speak") -> str:
    """The text as a reader would say it aloud, for a TTS engine.

    `language` is a code like "en", "en_GB", "de" or "fr-CA"; English gets the full rule
    set, other languages their numbers through num2words (and a few of their own
    abbreviations), languages num2words lacks keep their digits. `urls` is one of
    URL_READINGS: "speak" (addresses said short: "example dot com"), "path" (with a short
    path: "example dot com slash news slash city dash budget") or "drop" (web addresses and
    e-mail addresses removed with their punctuation).
    """
    if urls not in URL_READINGS:
        raise ValueError(f"urls must be one of {', '.join(URL_READINGS)}, not {urls!r}")
    base, region, key = _language(language)
    text = text.replace(_DROPPED, "").replace(_SENTENCE_START, "")
    # Line by line: most lines have no digits or abbreviations and skip those rules.
    lines = [_normalize_line(line, language, base, region, key, urls) for line in text.split("\n")]
    return "\n".join(lines).strip()


# A run of more digits than any number has a name for (a vigintillion has 64) is no number
# anyone says whole, and Python will not make an int of 4,301 digits or more: such a run is
# said digit by digit before the language's rules see it ("1." and then 10,000 digits is
# "one point one two ..."), so that their int() calls never meet one.
LONGEST_NUMBER = 64
_LONG_RUN = re.compile(r"[.\d]\d{" + str(LONGEST_NUMBER) + ",}")  # a decimal point, or a digit


def _say_long_runs(line: str, base: str, key: str) -> str:
    def say(m: re.Match[str]) -> str:
        point = m.group()[0] == "."
        run = m.group()[point:]
        said = english_digits(run) if base == "en" else say_digits(run, key) if key else run
        if point:
            said = ("point " if base == "en" else ". ") + said
        if m.start() > 0 and not line[m.start() - 1].isspace():
            said = " " + said
        return said + " " if line[m.end() : m.end() + 1].isalnum() else said

    return _LONG_RUN.sub(say, line)


def _normalize_line(line: str, language: str, base: str, region: str, key: str, urls: str) -> str:
    line = _mark_sentence_starts(line)
    line = _addresses(line, base, urls)
    if _LONG_RUN.search(line):
        line = _say_long_runs(line, base, key)
    if base == "en":
        line = normalize_english(line, language)
    else:
        line = normalize_other(line, base, region, key)
    if _SENTENCE_START in line:
        line = _CAPITALIZE.sub(lambda m: m.group(1) + m.group(2).upper(), line)
        line = line.replace(_SENTENCE_START, "")
    return _RUNS.sub(" ", line).strip() if "  " in line else line.strip()
