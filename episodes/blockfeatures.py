"""What a boilerplate classifier sees of each block of a text: shallow features of the
block and of its neighbours, as jusText and boilerpipe use them.

Article text is long, made of sentences full of function words, and comes in one main
run; page chrome is short, made of names and commands, and sits around that run. Every
feature here is one of those differences, measured so that any language with a stoplist
gets it (the stoplists are jusText's, which trafilatura already installs).
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from episodes.language import language_name

_HEAD_CHARS = 300
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*(?:\s|$)""")
_CLOSES_SENTENCE = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?"
    r"|oct(ober)?|nov(ember)?|dec(ember)?"
)
_DATE = re.compile(
    rf"\b(({_MONTHS})\.? \d{{1,2}}\b|\d{{1,2}}(st|nd|rd|th)? ({_MONTHS})\b|\d{{4}}-\d{{2}}-\d{{2}}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(19|20)\d\d\b)",
    re.IGNORECASE,
)
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(am|pm|a\.m\.|p\.m\.)?|\b\d{1,2}\s*(am|pm)\b", re.I)
_AGO = re.compile(r"\b\d+\s*(second|minute|hour|day|week|month|year)s?\s+ago\b|\bmin read\b", re.I)
_LINKISH = re.compile(r"https?://|www\.|\w@\w|(?<!\w)@\w|\]\(|\.(?:com|org|net)\b", re.I)
_SEPARATORS = re.compile(r"\s[|•·»›/]\s|\s[-–—]\s")
# The platforms pages link to, and the words of their buttons: as the issue of every page's
# share bar, follow box and app banner, in any order and often run together by a copy.
BRANDS = (
    "facebook",
    "twitter",
    "instagram",
    "tiktok",
    "youtube",
    "linkedin",
    "pinterest",
    "reddit",
    "whatsapp",
    "telegram",
    "snapchat",
    "threads",
    "mastodon",
    "bluesky",
    "tumblr",
    "flipboard",
    "messenger",
    "google",
    "apple",
    "spotify",
    "rss",
    "email",
)
_BRAND_WORDS = frozenset(BRANDS) | {"x", "e-mail", "print", "share", "tweet", "follow"}
_RUN_TOGETHER = re.compile("(?:" + "|".join(BRANDS) + "){2,}")  # one word of a copy's icons
# Words that open a command to the reader: a button, a link, an appeal.
IMPERATIVES = frozenset(
    """subscribe sign log login register join follow share click tap read watch listen see
    view download get support donate give become contribute help leave post add send
    email call visit explore discover learn find try start continue skip go back return
    show hide load accept reject manage allow save print copy reply comment report enter
    type search browse check upgrade unlock buy shop order book contact like""".split()
)
_SECOND_PERSON = frozenset("you your yours you're you'll you've yourself".split())
_FIRST_PLURAL = frozenset("we our ours us we're we've we'll ourselves".split())

LOCAL = (
    "chars",
    "words",
    "word length",
    "stopwords",
    "sentence end",
    "sentences",
    "commas",
    "capitalised",
    "all caps",
    "digits",
    "date",
    "time",
    "time ago",
    "second person",
    "first person plural",
    "imperative",
    "brand names",
    "run-together brands",
    "named rule",
    "link",
    "separators",
    "list item",
    "heading",
    "ends with colon",
    "starts lower case",
    "quotes",
    "repeated",
    "vocabulary",
)
_NEIGHBOUR_FEATURES = ("words", "stopwords", "sentence end", "named rule", "vocabulary")
_OFFSETS = (-2, -1, 1, 2)
DOCUMENT = (
    "position",
    "in main run",
    "distance to main run",
    "share of text",
    "nearby sentence ends",
    "nearby words",
)
FEATURES: tuple[str, ...] = (
    *LOCAL,
    *(f"{name} {offset:+d}" for offset in _OFFSETS for name in _NEIGHBOUR_FEATURES),
    *DOCUMENT,
)
_INDEX = {name: i for i, name in enumerate(LOCAL)}


@dataclass(frozen=True)
class BlockInput:
    """A block as the classifier takes it: its text and what the reader knows of it."""

    text: str
    heading: bool = False
    bullet: bool = False
    rule: str | None = None


@functools.cache
def stopwords(language: str | None) -> frozenset[str]:
    """jusText's stoplist for a language (ISO 639-1), English when it has none."""
    import justext

    available = justext.get_stoplists()
    name = language_name(language or "en")
    return justext.get_stoplist(name if name in available else "English")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def vocabulary_score(words: Sequence[str], log_odds: Mapping[str, float]) -> float:
    """Mean learned log-odds of article text over boilerplate, for the block's words."""
    if not words:
        return 0.0
    return sum(log_odds.get(word, 0.0) for word in words) / len(words)


def document_features(
    blocks: Sequence[BlockInput],
    language: str | None = None,
    log_odds: Mapping[str, float] | None = None,
) -> list[list[float]]:
    """One feature vector per block, in FEATURES order."""
    stop = stopwords(language)
    log_odds = log_odds or {}
    counts = Counter(" ".join(words_of(b.text)) for b in blocks)
    local = [_local(b, stop, log_odds, counts) for b in blocks]
    start, end = main_run(local)
    total = sum(len(b.text) for b in blocks) or 1
    n = len(blocks)
    rows: list[list[float]] = []
    for i, own in enumerate(local):
        row = list(own)
        for offset in _OFFSETS:
            j = i + offset
            row += (
                [local[j][_INDEX[name]] for name in _NEIGHBOUR_FEATURES]
                if 0 <= j < n
                else [-1.0] * len(_NEIGHBOUR_FEATURES)
            )
        window = local[max(0, i - 3) : i + 4]
        distance = 0 if start <= i <= end else min(abs(i - start), abs(i - end))
        row += [
            i / max(1, n - 1),
            float(start <= i <= end),
            math.log1p(distance),
            len(blocks[i].text) / total,
            sum(f[_INDEX["sentence end"]] for f in window) / len(window),
            sum(f[_INDEX["words"]] for f in window) / len(window),
        ]
        rows.append(row)
    return rows


def _local(
    block: BlockInput, stop: frozenset[str], log_odds: Mapping[str, float], counts: Counter[str]
) -> list[float]:
    text = block.text
    head = text[:_HEAD_CHARS]  # a dateline, a link or a brand shows at the start of a block
    words = words_of(text)
    n = len(words) or 1
    raw_words = text.split()
    letters = sum(map(str.isalpha, text)) or 1
    digits = sum(map(str.isdigit, text))
    first = words[0] if words else ""
    start = text.lstrip("\"'“‘«„([*#")[:1]
    return [
        math.log1p(len(text)),
        math.log1p(len(words)),
        sum(len(w) for w in words) / n,
        sum(w in stop for w in words) / n,
        float(bool(_CLOSES_SENTENCE.search(text[-4:]))),
        math.log1p(len(_SENTENCE_END.findall(text + " "))),
        text.count(",") / n,
        sum(w[:1].isupper() for w in raw_words) / (len(raw_words) or 1),
        sum(w.isupper() and len(w) > 1 for w in raw_words) / (len(raw_words) or 1),
        digits / (letters + digits),
        float(bool(digits and _DATE.search(head))),
        float(bool(digits and _TIME.search(head))),
        float(bool(_AGO.search(head)) if digits or "read" in head else 0.0),
        sum(w in _SECOND_PERSON for w in words) / n,
        sum(w in _FIRST_PLURAL for w in words) / n,
        float(first in IMPERATIVES),
        sum(w in _BRAND_WORDS for w in words) / n,
        float(any(len(w) >= 8 and _RUN_TOGETHER.fullmatch(w) for w in words)),
        float(block.rule is not None),
        float(bool(_LINKISH.search(head))),
        float(len(_SEPARATORS.findall(text))),
        float(block.bullet),
        float(block.heading),
        float(text.rstrip().endswith(":")),
        float(start.isalpha() and start.islower()),
        float(any(q in text for q in '"“”«»„')),
        float(counts[" ".join(words)] > 1),
        vocabulary_score(words, log_odds),
    ]


def main_run(local: Sequence[Sequence[float]]) -> tuple[int, int]:
    """The densest run of prose: blocks (start, end) with the most sentence words net.

    A block of sentences full of function words adds its words, anything else costs a
    little, so the run stretches over a caption or a subheading but not over a menu.
    """
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, features in enumerate(local):
        words = math.expm1(features[_INDEX["words"]])
        prose = features[_INDEX["sentence end"]] and features[_INDEX["stopwords"]] >= 0.2
        total += words if prose and words >= 8 else -3.0 - 0.2 * words
        if total <= 0:
            total, start = 0.0, i + 1
        elif total > best:
            best, best_span = total, (start, i)
    return best_span


CONTEXT = (
    "score",
    "score -1",
    "score +1",
    "score -2",
    "score +2",
    "nearby score",
    "wider score",
    "best score before",
    "best score after",
    "article words before",
    "article words after",
    "blocks before the article",
    "blocks after the article",
    "end matter since sure text",
    "named rules nearby",
)
# Rules that mark the end of an article's text: what follows them is the page's again.
_END_MATTER = frozenset(
    {
        "post categories",
        "related links",
        "comment form",
        "share prompt",
        "social links",
        "copyright",
        "navigation",
        "subscription appeal",
        "reader appeal",
    }
)
_SURE = 0.8  # a block scored this high, and long, is surely article text
_SURE_WORDS = 15


def context_features(
    scores: Sequence[float], words: Sequence[int], rules: Sequence[str | None]
) -> list[list[float]]:
    """What the first pass thinks of a block's neighbourhood, in CONTEXT order.

    The second pass reads these beside the block's own features: a short line among
    paragraphs the first pass is sure of is article text, a headline among teasers is not,
    and nothing after the article's last sure paragraph, or after the tags, share bar or
    "related" heading that closes it, is likely to be its text. A sure paragraph after a
    share bar shows the bar sat inside the article: the count of end matter starts again.
    """
    n = len(scores)
    weighted = [s * w for s, w in zip(scores, words, strict=True)]
    total = sum(weighted) or 1.0
    sure = [i for i in range(n) if scores[i] >= _SURE and words[i] >= _SURE_WORDS]
    first, last = (sure[0], sure[-1]) if sure else (n, -1)
    rows = []
    before = 0.0
    ended = 0  # end-matter lines seen since the last sure paragraph
    for i in range(n):
        nearby = rules[max(0, i - 5) : i + 6]

        def at(j: int) -> float:
            return scores[j] if 0 <= j < n else -1.0

        def mean(reach: int, i: int = i) -> float:
            span = range(max(0, i - reach), min(n, i + reach + 1))
            mass = sum(words[j] for j in span) or 1
            return sum(weighted[j] for j in span) / mass

        rows.append(
            [
                scores[i],
                at(i - 1),
                at(i + 1),
                at(i - 2),
                at(i + 2),
                mean(3),
                mean(8),
                max(scores[max(0, i - 5) : i], default=-1.0),
                max(scores[i + 1 : i + 6], default=-1.0),
                before / total,
                (total - before - weighted[i]) / total,
                math.log1p(max(0, first - i)),
                math.log1p(max(0, i - last)) if sure else 0.0,
                float(ended),
                sum(rule is not None for rule in nearby) / len(nearby),
            ]
        )
        before += weighted[i]
        if scores[i] >= _SURE and words[i] >= _SURE_WORDS:
            ended = 0
        elif i >= first and rules[i] in _END_MATTER:
            ended += 1
    return rows
