"""Telephone numbers and clock times."""

from __future__ import annotations

import re

from audio.normalize_en.patterns import keep_period, rx
from audio.normalize_en.words import ONES, cardinal, digits, number

_PHONE = rx(
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(?\d{1,5}\)?){2,5}(?!\w)"  # +44 20 7946 0958
    r"|(?<![\w(])\(\d{3}\)\s?\d{3}[ .-]\d{4}(?![\w-])"  # (555) 123-4567
    r"|\d(?<![\w.,-]\d)\d\d(?P<s>[.-])\d{3}(?P=s)\d{4}«R»"  # 555-123-4567
    r"|\d(?<![\w.,-]\d)\d{0,4}(?:-\d{2,5}){3,5}«R»"  # 1-800-555-0199, 0800-123-45-67
)


def _say_phone(m: re.Match[str]) -> str:
    groups = re.findall(r"\+?\d+", m.group())
    if sum(len(g.lstrip("+")) for g in groups) < 7:
        return m.group()
    said = [("plus " if g.startswith("+") else "") + digits(g) for g in groups]
    return ", ".join(said)


# Time zones said after a clock time, in capitals: "1:59 p.m.est" -> "one fifty-nine p m EST".
# Only those that are no English word in lower case ("wet", "west" are left alone).
_ZONE_NAMES = (
    "EST EDT CST CDT MST MDT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST IST JST KST "
    "AEST AEDT ACST ACDT AWST NZST NZDT"
).split()
_ZONE = r"(?:\s?(?P<zone>(?i:" + "|".join(_ZONE_NAMES) + r"))\b)?"
# "10:30", "3.01 A.M.", "10.30pm" (a period only before a.m. or p.m.), and ISO 8601's
# zones: "Z" (UTC), or after seconds an offset from UTC ("18:00:00+05:30"; "10:30-11:30"
# is a range).
_CLOCK = rx(
    r"(?P<h>«D»\d?)(?P<sep>[:.])(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d)(?:\.\d+)?"
    r"(?P<off>[+−-](?P<oh>[01]\d)(?::?(?P<om>[0-5]\d))?(?![\d:]))?)?"
    r"(?:\s?«AMPM»" + _ZONE + r"|(?P<z>Z)\b|(?![\w:]|[.,]\d))"
)
_HOUR_AMPM = rx(r"(?P<h>«D»\d?)\s?«AMPM»" + _ZONE)
# "0400 hours", "1830Z", "0600 GMT": military time, four digits.
_MILITARY = rx(r"(?P<hm>«D»\d{3})(?:(?P<z>Z)\b|\s(?P<w>hours|hrs|GMT|UTC|Zulu)\b)")
# "at 1400 hours" is a time, "after 1400 hours of work" a duration: without a leading
# zero, only these make it a time.
_AT = frozenset("at until till til".split())
# "£3.50 pm" is a price a month, not a time.
_CURRENCY = frozenset("$€£¥₹₩₽₺₪₦")
# With seconds, a clock time (not a race time) only before a zone or a.m., p.m.
_ZONE_NEXT = re.compile(r"\s?(?:" + "|".join(_ZONE_NAMES) + r")\b")
_RATIO = rx(r"(?P<a>«D»\d*):(?P<b>\d+)«R»")


def _minutes(minute: int) -> str:
    return f"oh {ONES[minute]}" if minute < 10 else cardinal(minute)


def _say_ampm(m: re.Match[str]) -> str:
    said = " a m" if m.group("ap").lower() == "a" else " p m"
    if m.group("zone"):
        return f"{said} {m.group('zone').upper()}"
    if m.group("dot"):
        said += keep_period(m.string, m.end())
    return said


def _say_iso_zone(m: re.Match[str]) -> str:
    """ "Z" -> "UTC", "+05:30" -> "UTC plus five thirty", "-04:00" -> "UTC minus four"."""
    if m.group("z") or (not int(m.group("oh")) and not int(m.group("om") or 0)):
        return " UTC"
    sign = "plus" if m.group("off")[0] == "+" else "minus"
    hours, minutes = int(m.group("oh")), int(m.group("om") or 0)
    return f" UTC {sign} {cardinal(hours)}" + (f" {_minutes(minutes)}" if minutes else "")


def _preceded_by_cue(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 8) : m.start()].split()
    return bool(before) and before[-1].lower() in _AT


def _after_currency(m: re.Match[str]) -> bool:
    return m.start() > 0 and m.string[m.start() - 1] in _CURRENCY


def _hour_minute(hour: int, minute: int, twelve_hour: bool) -> str:
    if minute:
        return f"{cardinal(hour)} {_minutes(minute)}"
    if twelve_hour:
        return cardinal(hour)
    # 10:00 -> "ten o'clock"; 14:00 -> "fourteen hundred" (24-hour times stay 24-hour).
    return f"{cardinal(hour)} o'clock" if 1 <= hour <= 12 else f"{cardinal(hour)} hundred"


def _say_clock(m: re.Match[str]) -> str:
    hour, minute, second = int(m.group("h")), int(m.group("m")), m.group("s")
    ampm, iso = m.group("ap"), m.group("z") or m.group("off")
    if hour > 24 or (m.group("sep") == "." and (not ampm or second is not None)):
        return m.group()  # 3.45 is a decimal number unless a.m. or p.m. follows
    if ampm and _after_currency(m):
        return m.group()
    is_clock = ampm or iso or _ZONE_NEXT.match(m.string, m.end())
    if second is not None and not is_clock:  # 2:03:45 is a duration (a race time)
        parts = [(hour, "hour"), (minute, "minute"), (int(second), "second")]
        said = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(said) or "zero seconds"
    said = _hour_minute(hour, minute, bool(ampm))
    if second is not None and int(second):
        said += f" and {cardinal(int(second))} second{'' if int(second) == 1 else 's'}"
    if ampm:
        return said + _say_ampm(m)
    return said + _say_iso_zone(m) if iso else said


def _say_hour_ampm(m: re.Match[str]) -> str:
    hour = int(m.group("h"))
    if not 1 <= hour <= 12 or _after_currency(m):
        return m.group()
    return cardinal(hour) + _say_ampm(m)


def _say_military(m: re.Match[str]) -> str:
    hm, word = m.group("hm"), m.group("w")
    hour, minute = int(hm[:2]), int(hm[2:])
    if (
        hour > 24
        or minute > 59
        or (word in ("hours", "hrs") and hm[0] != "0" and not _preceded_by_cue(m))
    ):
        return m.group()
    said = ("zero zero" if not hour else f"oh {ONES[hour]}") if hm[0] == "0" else cardinal(hour)
    said += f" {_minutes(minute)}" if minute else " hundred"
    if m.group("z"):
        return said + " UTC"
    return f"{said} {'hours' if word == 'hrs' else word}"


def _times(text: str) -> str:
    text = _CLOCK.sub(_say_clock, text)
    text = _HOUR_AMPM.sub(_say_hour_ampm, text)
    if "Z" in text or "hours" in text or "hrs" in text or "GMT" in text or "UTC" in text:
        text = _MILITARY.sub(_say_military, text)
    return _RATIO.sub(lambda m: f"{number(m.group('a'))} to {number(m.group('b'))}", text)


def say_phones(text: str) -> str:
    return _PHONE.sub(_say_phone, text)


def say_times(text: str) -> str:
    """Clock times (12- and 24-hour, ISO 8601, military) and what is left of "a:b" ratios."""
    return _times(text)
