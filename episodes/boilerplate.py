"""A learned boilerplate classifier for the blocks of a text, with its reasons.

Two passes of gradient-boosted trees. The first scores each block from its own features
and its neighbours' (episodes/blockfeatures.py). The second is the sequence step: it reads
the first pass's scores along the document (the neighbours', the nearby average, where the
sure paragraphs start and end), since article text comes in one main run and chrome
surrounds it. The trees and the word log-odds are trained by bench/train_boilerplate.py
on public labelled pages and shipped as one JSON file; inference is numpy.

Each drop is explained: its score and the features that pushed it down the most (the
trees' per-feature contributions along the decision path).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from episodes.blockfeatures import (
    CONTEXT,
    FEATURES,
    BlockInput,
    context_features,
    document_features,
    words_of,
)

MODEL_FILE = "boilerplate-model.json"
# A block of fewer words needs the model's `short_threshold`: a menu item or a button
# costs a listener as much as a paragraph, and a reader of the text loses little by it.
SHORT_WORDS = 5


@dataclass(frozen=True)
class Verdict:
    """The classifier's decision on one block: kept or not, its score, and why."""

    keep: bool
    score: float  # probability of article text, after the second pass
    reasons: tuple[str, ...]  # for a drop: the features that pushed its score down most

    def explain(self) -> str:
        return f"score {self.score:.2f}: " + ", ".join(self.reasons)


@dataclass(frozen=True)
class _Tree:
    feature: list[int]
    threshold: list[float]
    left: list[int]  # -1 at a leaf
    right: list[int]
    value: list[float]  # a leaf's output; an inner node's, the mean of its leaves


@dataclass(frozen=True, eq=False)
class Forest:
    """Boosted trees: a base score plus the sum of the trees' outputs (log-odds)."""

    trees: list[_Tree]
    base: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Forest:
        return cls([_Tree(**tree) for tree in data["trees"]], data["base"])

    @functools.cached_property
    def _arrays(self) -> tuple[Any, ...]:
        """The trees as padded arrays (trees x nodes), to score every block at once."""
        import numpy as np

        width = max(len(t.feature) for t in self.trees)

        def pad(name: str, fill: float) -> Any:
            return np.array(
                [getattr(t, name) + [fill] * (width - len(t.feature)) for t in self.trees]
            )

        left = pad("left", -1).astype(np.int64)
        return (
            pad("feature", 0).astype(np.int64),
            pad("threshold", 0.0),
            left,
            pad("right", -1).astype(np.int64),
            pad("value", 0.0),
            left < 0,
        )

    def raw_all(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Every row's raw score, the trees walked in step."""
        import numpy as np

        feature, threshold, left, right, value, leaf = self._arrays
        x = np.asarray(rows, dtype=np.float64)
        trees = np.arange(len(self.trees))[None, :]
        node = np.zeros((len(x), len(self.trees)), dtype=np.int64)
        samples = np.arange(len(x))[:, None]
        while True:
            at_leaf = leaf[trees, node]
            if at_leaf.all():
                break
            goes_left = x[samples, feature[trees, node]] <= threshold[trees, node]
            step = np.where(goes_left, left[trees, node], right[trees, node])
            node = np.where(at_leaf, node, step)
        return [float(v) for v in self.base + value[trees, node].sum(axis=1)]

    def raw(self, row: Sequence[float]) -> float:
        """One row's raw score, walked in plain Python (the reference for raw_all)."""
        total = self.base
        for tree in self.trees:
            node = 0
            while tree.left[node] >= 0:
                goes_left = row[tree.feature[node]] <= tree.threshold[node]
                node = tree.left[node] if goes_left else tree.right[node]
            total += tree.value[node]
        return total

    def contributions(self, row: Sequence[float]) -> dict[int, float]:
        """How much each feature moved this row's score along its decision paths."""
        moved: dict[int, float] = {}
        for tree in self.trees:
            node = 0
            while tree.left[node] >= 0:
                feature = tree.feature[node]
                goes_left = row[feature] <= tree.threshold[node]
                child = tree.left[node] if goes_left else tree.right[node]
                moved[feature] = moved.get(feature, 0.0) + tree.value[child] - tree.value[node]
                node = child
        return moved


@dataclass(frozen=True, eq=False)
class Model:
    """The two passes, the word log-odds, and the scores a block needs to be kept."""

    local: Forest
    context: Forest
    log_odds: dict[str, float]
    threshold: float
    short_threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        if tuple(data["features"]) != FEATURES or tuple(data["context"]) != CONTEXT:
            raise ValueError("the boilerplate model was trained on other features")
        return cls(
            Forest.from_dict(data["local"]),
            Forest.from_dict(data["sequence"]),
            data["log_odds"],
            data["threshold"],
            data["short_threshold"],
        )

    def scores(
        self, blocks: Sequence[BlockInput], language: str | None
    ) -> tuple[list[list[float]], list[float]]:
        """The second pass's rows and its probability of article text for each block."""
        rows = document_features(blocks, language, self.log_odds)
        first = [_sigmoid(raw) for raw in self.local.raw_all(rows)]
        words = [len(words_of(b.text)) for b in blocks]
        context = context_features(first, words, [b.rule for b in blocks])
        rows = [r + c for r, c in zip(rows, context, strict=True)]
        return rows, [_sigmoid(raw) for raw in self.context.raw_all(rows)]


@functools.cache
def load_model() -> Model:
    """The shipped model (read once per process)."""
    data = json.loads(files("episodes").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return Model.from_dict(data)


def classify(
    blocks: Sequence[BlockInput], language: str | None = None, model: Model | None = None
) -> list[Verdict]:
    """Keep or drop each block of one document, each drop with its reasons."""
    if not blocks:
        return []
    model = model or load_model()
    rows, scores = model.scores(blocks, language)
    names = (*FEATURES, *CONTEXT)
    verdicts = []
    for block, row, score in zip(blocks, rows, scores, strict=True):
        short = len(words_of(block.text)) < SHORT_WORDS
        kept = score >= (model.short_threshold if short else model.threshold)
        reasons: tuple[str, ...] = ()
        if not kept:
            moved = sorted(model.context.contributions(row).items(), key=lambda item: item[1])
            reasons = tuple(_reason(names[f], row[f]) for f, v in moved[:3] if v < 0)
        verdicts.append(Verdict(kept, score, reasons))
    return verdicts


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def _reason(feature: str, value: float) -> str:
    """A feature and its value, in words a producer reads."""
    flags = {1.0: "yes", 0.0: "no", -1.0: "none"}
    if feature in ("chars", "words") or feature.startswith("words "):
        return f"{feature} {round(math.expm1(value)) if value >= 0 else 'none'}"
    if value in flags and "score" not in feature:
        return f"{feature}: {flags[value]}"
    return f"{feature} {value:.2f}"
