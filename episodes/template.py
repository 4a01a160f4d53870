"""A site's template, learned from the show's own articles: lines that recur, site names.

A line (a paragraph or heading as ingest first sees it, before any junk rule) that
appears in two articles of one show is the site's template: its menu, footer, appeal,
name or "Share this article". A paragraph repeated verbatim in two articles of one site
is almost never article text, so one match in another article is enough.

Lines are compared by fingerprint (`line_key`), so a show remembers each article as a
short list of keys in its article.json instead of re-reading every source.

A site's name joined to headlines ("Budget vote - River Town Courier") is learned the
same way: a suffix that ends two titles of the show, or that a page's metadata names as
its site, is cut from new titles.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from audio.script import Block
from episodes.article import Dropped

TEMPLATE_RULE = "show template"
KEY_HEX = 16  # 64 bits: no two lines of a show collide in practice
SUFFIX_MAX_WORDS = 6
SUFFIX_MAX_CHARS = 50
TITLES_FOR_A_SUFFIX = 2  # titles of the show ending in a phrase before it counts as a site name

_QUOTES = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212\u2e3a\u2e3b]")
# Between a headline and a site name: "Headline - Site", " | ", " – ", " — ", " · ".
# A colon is left out: "Budget: what changed" ends in a phrase, not in a site's name.
_SEPARATOR = r"\s(?:[-|–—·•]|::)\s"
_SUFFIX = re.compile(rf"^(?P<head>.+){_SEPARATOR}(?P<site>(?:(?!{_SEPARATOR}).)+)$")


def normalize_line(text: str) -> str:
    """The form two copies of one line share: case, spacing, quotes and dashes folded."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(_DASHES.sub("-", text).casefold().split())


def line_key(text: str) -> str:
    """The fingerprint of a line, as article.json keeps it."""
    return hashlib.sha256(normalize_line(text).encode("utf-8")).hexdigest()[:KEY_HEX]


def line_keys(texts: Iterable[str]) -> tuple[str, ...]:
    """The sorted, distinct fingerprints of an article's candidate lines."""
    return tuple(sorted({line_key(t) for t in texts if any(ch.isalnum() for ch in t)}))


@dataclass(frozen=True)
class ShowTemplate:
    """What the show's other articles say about a site: their line keys and site names.

    `line_counts` counts, for each key, the articles it occurs in; `own_keys` are the
    keys of the article being read when it is itself one of them (a re-read), so a line
    matches only if some other article has it too.
    """

    line_counts: Mapping[str, int] = field(default_factory=dict)
    own_keys: frozenset[str] = frozenset()
    site_names: tuple[str, ...] = ()

    def knows(self, text: str) -> bool:
        """True if another article of the show has this line."""
        key = line_key(text)
        return self.line_counts.get(key, 0) - (key in self.own_keys) >= 1


NO_TEMPLATE = ShowTemplate()


def drop_template(
    blocks: list[Block], template: ShowTemplate, keep: str | None = None
) -> tuple[list[Block], list[Dropped]]:
    """Blocks without the show's template lines, and those lines as Dropped.

    A block equal to `keep` (the article's known title) is never dropped.
    """
    kept: list[Block] = []
    dropped: list[Dropped] = []
    protected = normalize_line(keep) if keep else None
    for block in blocks:
        if normalize_line(block.text) != protected and template.knows(block.text):
            dropped.append(Dropped(block.text, TEMPLATE_RULE))
        else:
            kept.append(block)
    return kept, dropped


def split_site_suffix(title: str) -> tuple[str, str] | None:
    """("Budget vote", "River Town Courier") for "Budget vote - River Town Courier".

    Only a short, name-like tail counts: a few words, no sentence punctuation.
    """
    match = _SUFFIX.match(" ".join(title.split()))
    if not match:
        return None
    site = match["site"].strip()
    if (
        len(site) > SUFFIX_MAX_CHARS
        or len(site.split()) > SUFFIX_MAX_WORDS
        or not any(ch.isalpha() for ch in site)
        or re.search(r"[.!?,;:]$|[,;]", site)
    ):
        return None
    return match["head"].strip(), site


def learned_site_names(titles: Iterable[str], known: Iterable[str] = ()) -> tuple[str, ...]:
    """Site names: the `known` ones (metadata, earlier cuts) and suffixes ending two titles."""
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for title in titles:
        split = split_site_suffix(title)
        if split:
            spelled.setdefault(normalize_line(split[1]), split[1])
            counts[normalize_line(split[1])] += 1
    names = {normalize_line(n): n for n in known if n and n.strip()}
    for key, count in counts.items():
        if count >= TITLES_FOR_A_SUFFIX:
            names.setdefault(key, spelled[key])
    return tuple(sorted(names.values()))


def strip_site_name(title: str, site_names: Iterable[str]) -> tuple[str, str | None]:
    """The title without a known site name at its end, and the name cut (or None)."""
    split = split_site_suffix(title)
    if split and split[0] and normalize_line(split[1]) in {normalize_line(n) for n in site_names}:
        return split[0], split[1]
    return title, None
