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
        """All trees' nodes in flat arrays, a leaf pointing at itself: every block walks
        every tree in step, a fixed number of levels."""
        import numpy as np

        feature, threshold, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for tree in self.trees:
            offset = len(feature)
            roots.append(offset)
            for i, child in enumerate(tree.left):
                leaf = child < 0
                feature.append(0 if leaf else tree.feature[i])
                threshold.append(math.inf if leaf else tree.threshold[i])
                left.append(offset + (i if leaf else child))
                right.append(offset + (i if leaf else tree.right[i]))
                value.append(tree.value[i])
            depth = max(depth, _depth(tree))
        return (
            np.array(feature, dtype=np.int64),
            np.array(threshold),
            np.array(left, dtype=np.int64),
            np.array(right, dtype=np.int64),
            np.array(value),
            np.array(roots, dtype=np.int64),
            depth,
        )

    def raw_all(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Every row's raw score, the trees walked in step."""
        import numpy as np

        feature, threshold, left, right, value, roots, depth = self._arrays
        x = np.asarray(rows, dtype=np.float64)
        node = np.broadcast_to(roots, (len(x), len(roots))).copy()
        samples = np.arange(len(x))[:, None]
        for _ in range(depth):
            goes_left = x[samples, feature[node]] <= threshold[node]
            node = np.where(goes_left, left[node], right[node])
        return [float(v) for v in self.base + value[node].sum(axis=1)]

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

    def contributions(self, rows: Sequence[Sequence[float]]) -> Any:
        """How much each feature moved each row's score along its decision paths
        (a rows x features array; a split moves the score from its node's to its child's)."""
        import numpy as np

        feature, threshold, left, right, value, roots, depth = self._arrays
        x = np.asarray(rows, dtype=np.float64)
        if not len(x):
            return np.zeros(x.shape)
        n, width = x.shape
        moved = np.zeros(n * width)
        node = np.broadcast_to(roots, (n, len(roots))).copy()
        samples = np.arange(n)[:, None]
        for _ in range(depth):
            split = feature[node]
            child = np.where(x[samples, split] <= threshold[node], left[node], right[node])
            cell = (samples * width + split).ravel()
            moved += np.bincount(cell, (value[child] - value[node]).ravel(), n * width)
            node = child
        return moved.reshape(n, width)


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
    keep = [
        score >= (model.short_threshold if len(words_of(b.text)) < SHORT_WORDS else model.threshold)
        for b, score in zip(blocks, scores, strict=True)
    ]
    dropped = [i for i, kept in enumerate(keep) if not kept]
    moved = model.context.contributions([rows[i] for i in dropped])
    reasons: dict[int, tuple[str, ...]] = {}
    for i, contribution in zip(dropped, moved, strict=True):
        # A drop is explained by the features that pulled its score down the most.
        worst = contribution.argsort()[:3]
        reasons[i] = tuple(_reason(names[f], rows[i][f]) for f in worst if contribution[f] < 0)
    verdicts = [
        Verdict(kept, score, reasons.get(i, ()))
        for i, (kept, score) in enumerate(zip(keep, scores, strict=True))
    ]
    return verdicts


def _depth(tree: _Tree, node: int = 0) -> int:
    if tree.left[node] < 0:
        return 0
    return 1 + max(_depth(tree, tree.left[node]), _depth(tree, tree.right[node]))


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
