"""Recognise lines a listener must never hear: share buttons, comment forms, cookie notices.

Conservative by design: a rule only matches a whole short line whose every word belongs to
the junk it names, so a real paragraph is never dropped; each drop names its rule.
"""

from __future__ import annotations

import re

MAX_JUNK_CHARS = 220

_SOCIAL = (
    r"facebook|twitter|x|linkedin|instagram|pinterest|reddit|whatsapp|telegram|tiktok|"
    r"youtube|mastodon|bluesky|threads|tumblr|email|e-mail|print|copy link|flipboard|pocket"
)

RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "server error",
        re.compile(
            r"(php )?(warning|notice|deprecated|fatal error|parse error|strict standards)\s*:"
            r".* in \S*[/\\.]\S* on line \d+\.?",  # PHP names the file: "in /x.php on line 12"
        ),
    ),
    (
        "share prompt",
        re.compile(
            r"(share( this| the)?( article| story| post| page)?|share on .{1,20}|click to share"
            r".{0,60}|tweet( this)?|pin it|email this( article)?|sharing is caring)[\s:!.…]*",
        ),
    ),
    ("social links", re.compile(rf"(({_SOCIAL})(\s*[|,•·/]\s*|\s+|$)){{2,}}")),
    (
        "comment form",
        re.compile(
            r"(leave a (reply|comment)|post (a )?comment|add (a )?comment|\d+ comments?|comments?"
            r"|your email address will not be published\.?.*|required fields are marked.*"
            r"|save my name, email,? and website.*|cancel reply|log in to reply)[\s:.]*",
        ),
    ),
    (
        "subscription appeal",
        re.compile(
            r"(subscribe|sign up|join|get)( now| today| for free)?( to| for)? ((our|the|my)"
            r" (free )?(daily |weekly )?(newsletter|mailing list)|our (free )?updates)\b.{0,80}"
            r"|subscribe( now| today)?[!.]*|support (our|independent) journalism.{0,80}"
            r"|(donate|become a (member|patron|subscriber|supporter))( now| today)?[!.]*"
            r"|(donate|become a (member|patron|subscriber|supporter))( now| today)?"
            r"( and | to (support|help|get|enjoy|read|keep)\b| for (just|only|as little)\b).{0,80}",
        ),
    ),
    (
        "cookie notice",
        re.compile(
            r"(we|this (web)?site|our (web)?site) uses? cookies[.!]*"
            r"|(accept|reject|allow|decline|manage) (all |necessary |optional )?cookies"
            r"( settings| preferences)?[.!]*|cookie (settings|preferences|policy)[.!]*"
            # A longer line must also speak the banner's language, not a baker's.
            r"|(?=.*\b(experience|brows|personali[sz]|analy[sz]|traffic|learn more|find out more"
            r"|you (agree|consent|accept)|by (continuing|clicking|using)|(cookie|privacy) policy"
            r"|use of cookies))"
            r".{0,120}\b(we|this (web)?site|our (web)?site) uses? cookies\b.{0,160}"
            r"|(?=.*\bcookies\b).{0,120}\bby (continuing|clicking|using|browsing)\b.{0,120}\byou"
            r" (agree|consent|accept)\b.{0,160}",
        ),
    ),
    ("advertisement", re.compile(r"(advertisement|sponsored( content)?|ad|paid content)[\s:.]*")),
    (
        "related links",
        re.compile(
            r"(read more|continue reading|related( articles| posts| stories)?|you may also like"
            r"|recommended( for you)?|more stories|most popular|trending now)[\s:.…»→]*",
        ),
    ),
    (
        "copyright",
        re.compile(
            r"(©|(\(c\)|copyright)\s*(©|\(c\)|\d{4})).{0,160}|.{0,160}all rights reserved\.?"
        ),
    ),
]

_NAV_SEPARATORS = re.compile(r"\s+[|»›·•]\s+")


def junk_rule(line: str) -> str | None:
    """The name of the rule that marks `line` as junk, or None for article text."""
    text = " ".join(line.split())
    if not text or len(text) > MAX_JUNK_CHARS:
        return None
    lowered = text.lower()
    for name, pattern in RULES:
        if pattern.fullmatch(lowered):
            return name
    if _is_navigation(text):
        return "navigation"
    return None


def _is_navigation(text: str) -> bool:
    """Short menu items joined by separators: 'Home | News | Sport | Contact'.

    Not a sentence that happens to hold pipes: menus do not end in a full stop, and their
    items start with a capital or a digit ("Type ls | sort | uniq" stays).
    """
    if text.endswith((".", "!", "?", ",", ";", ":")):
        return False
    items = _NAV_SEPARATORS.split(text)
    return len(items) >= 3 and all(
        0 < len(item.split()) <= 4 and (item[0].isupper() or item[0].isdigit()) for item in items
    )
