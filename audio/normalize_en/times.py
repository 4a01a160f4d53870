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


_CLOCK = rx(r"(?P<h>«D»\d?):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d))?(?:\s?«AMPM»|(?![\w:]|[.,]\d))")
_HOUR_AMPM = rx(r"(?P<h>«D»\d?)\s?«AMPM»")
_RATIO = rx(r"(?P<a>«D»\d*):(?P<b>\d+)«R»")


def _minutes(minute: int) -> str:
    return f"oh {ONES[minute]}" if minute < 10 else cardinal(minute)


def _say_ampm(m: re.Match[str]) -> str:
    said = " a m" if m.group("ap").lower() == "a" else " p m"
    if m.group("dot"):
        said += keep_period(m.string, m.end())
    return said


def _say_clock(m: re.Match[str]) -> str:
    hour, minute, second = int(m.group("h")), int(m.group("m")), m.group("s")
    if hour > 24:
        return m.group()
    if second is not None:  # 2:03:45 is a duration (a race time) far more often than a clock
        parts = [(hour, "hour"), (minute, "minute"), (int(second), "second")]
        said = [f"{cardinal(n)} {unit}{'' if n == 1 else 's'}" for n, unit in parts if n]
        return " ".join(said) or "zero seconds"
    if m.group("ap"):
        said = cardinal(hour) + (f" {_minutes(minute)}" if minute else "")
        return said + _say_ampm(m)
    if minute:
        return f"{cardinal(hour)} {_minutes(minute)}"
    # 10:00 -> "ten o'clock"; 14:00 -> "fourteen hundred" (24-hour times stay 24-hour).
    return f"{cardinal(hour)} o'clock" if 1 <= hour <= 12 else f"{cardinal(hour)} hundred"


def _say_hour_ampm(m: re.Match[str]) -> str:
    hour = int(m.group("h"))
    return cardinal(hour) + _say_ampm(m) if 1 <= hour <= 12 else m.group()


def _times(text: str) -> str:
    text = _CLOCK.sub(_say_clock, text)
    text = _HOUR_AMPM.sub(_say_hour_ampm, text)
    return _RATIO.sub(lambda m: f"{number(m.group('a'))} to {number(m.group('b'))}", text)


def say_phones(text: str) -> str:
    return _PHONE.sub(_say_phone, text)


def say_times(text: str) -> str:
    return _times(text)
