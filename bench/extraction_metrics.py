"""Token-shingle precision/recall of extracted article text against a gold body.

Shingles are runs of 4 consecutive word tokens, counted as a multiset, so order and
repetition matter but line breaks and punctuation do not. Per-page counts are normalized
to sum to 1 so that long pages weigh no more than short ones.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 4
WORD = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of 4-token shingles; a text shorter than that is one shingle of all it has."""
    toks = WORD.findall(text)
    if not toks:
        return Counter()
    if len(toks) < SHINGLE:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1))


@dataclass(frozen=True)
class PageScore:
    """Normalized true/false positives and false negatives of one page."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fp == 0:
            return 0.0
        return self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        if self.tp + self.fn == 0:
            return 0.0
        return self.tp / (self.tp + self.fn)


def score_page(predicted: str, gold: str) -> PageScore:
    """Shingle overlap of one page, normalized by tp+fp+fn."""
    pred, true = shingles(predicted), shingles(gold)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class CorpusScore:
    """Mean precision, mean recall, F1 of those means, and page count."""

    precision: float
    recall: float
    f1: float
    pages: int


def score_corpus(scores: Iterable[PageScore]) -> CorpusScore:
    """Precision averaged over pages that predicted something, recall over pages with gold."""
    scores = list(scores)
    precs = [s.precision for s in scores if s.tp + s.fp > 0]
    recs = [s.recall for s in scores if s.tp + s.fn > 0]
    p = sum(precs) / len(precs) if precs else 0.0
    r = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return CorpusScore(p, r, f1, len(scores))
