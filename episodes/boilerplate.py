"""A learned boilerplate classifier for the blocks of a text, with its reasons.

Gradient-boosted trees score each block from its features (episodes/blockfeatures.py);
a two-state hidden Markov model then smooths the scores along the document, since article
text comes in one main run and chrome surrounds it. The trees, the word log-odds and the
transition costs are trained by bench/train_boilerplate.py on public labelled pages and
shipped as one JSON file; inference is plain Python.

Each decision is explained: its score and the features that pushed it most (the trees'
per-feature contributions along the decision path).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from episodes.blockfeatures import FEATURES, BlockInput, document_features

MODEL_FILE = "boilerplate-model.json"


@dataclass(frozen=True)
class Verdict:
    """The classifier's decision on one block: kept or not, its score, and why."""

    keep: bool
    score: float  # probability of article text, before smoothing
    reasons: tuple[str, ...]  # for a drop: the features that pushed its score down most

    def explain(self) -> str:
        return f"score {self.score:.2f}: " + ", ".join(self.reasons)


@dataclass(frozen=True)
class _Tree:
    feature: list[int]
    threshold: list[float]
    left: list[int]
    right: list[int]
    value: list[float]


@dataclass(frozen=True, eq=False)
class Model:
    """Trees, learning rate and base score, word log-odds, and the smoothing costs."""

    trees: list[_Tree]
    base: float
    rate: float
    log_odds: dict[str, float]
    stay: tuple[float, float]  # log P(same state next) for boilerplate, article text
    bias: float  # added to article text's log-likelihood: keeps recall high
    features: tuple[str, ...]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Model:
        if tuple(data["features"]) != FEATURES:
            raise ValueError("the boilerplate model was trained on other features")
        return cls(
            trees=[_Tree(**tree) for tree in data["trees"]],
            base=data["base"],
            rate=data["rate"],
            log_odds=data["log_odds"],
            stay=tuple(data["stay"]),
            bias=data["bias"],
            features=tuple(data["features"]),
        )

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
            np.maximum(pad("feature", 0), 0).astype(np.int64),
            pad("threshold", 0.0),
            left,
            pad("right", -1).astype(np.int64),
            pad("value", 0.0),
            left < 0,
        )

    def raw_all(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Every row's raw score (log-odds of article text), the trees walked in step."""
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
        return list(self.base + self.rate * value[trees, node].sum(axis=1))

    def raw(self, row: Sequence[float]) -> float:
        total = self.base
        for tree in self.trees:
            node = 0
            while tree.left[node] >= 0:
                if row[tree.feature[node]] <= tree.threshold[node]:
                    node = tree.left[node]
                else:
                    node = tree.right[node]
            total += self.rate * tree.value[node]
        return total

    def contributions(self, row: Sequence[float]) -> dict[int, float]:
        """How much each feature moved this row's score along its decision paths."""
        moved: dict[int, float] = {}
        for tree in self.trees:
            node = 0
            while tree.left[node] >= 0:
                feature = tree.feature[node]
                child = (
                    tree.left[node] if row[feature] <= tree.threshold[node] else tree.right[node]
                )
                change = self.rate * (tree.value[child] - tree.value[node])
                moved[feature] = moved.get(feature, 0.0) + change
                node = child
        return moved


@functools.cache
def load_model() -> Model:
    """The shipped model (read once per process)."""
    data = json.loads(files("episodes").joinpath("data", MODEL_FILE).read_text("utf-8"))
    return Model.from_dict(data)


def classify(
    blocks: Sequence[BlockInput], language: str | None = None, model: Model | None = None
) -> list[Verdict]:
    """Keep or drop each block of one document, each decision with its reasons."""
    if not blocks:
        return []
    model = model or load_model()
    rows = document_features(blocks, language, model.log_odds)
    scores = [_sigmoid(raw) for raw in model.raw_all(rows)]
    keep = smooth(scores, model.stay, model.bias)
    verdicts = []
    for row, score, kept in zip(rows, scores, keep, strict=True):
        reasons: tuple[str, ...] = ()
        if not kept:  # a drop is explained by what pulled it down the most
            moved = sorted(model.contributions(row).items(), key=lambda item: item[1])
            reasons = tuple(_reason(model.features[f], row[f]) for f, v in moved[:3] if v < 0)
        verdicts.append(Verdict(kept, score, reasons))
    return verdicts


def smooth(scores: Sequence[float], stay: tuple[float, float], bias: float) -> list[bool]:
    """The likeliest sequence of states (Viterbi) given each block's score.

    State 1 is article text. A block's score is its evidence; changing state costs what
    the training pages say a change costs, so a lone short line inside the article stays
    in it and a lone sentence inside the menu stays out.
    """
    eps = 1e-6
    switch = (math.log1p(-math.exp(stay[0])), math.log1p(-math.exp(stay[1])))
    emit = [
        (math.log(max(1 - p, eps)), math.log(max(p, eps)) + bias)
        for p in (min(max(s, eps), 1 - eps) for s in scores)
    ]
    best = [emit[0][0], emit[0][1]]
    back: list[tuple[int, int]] = []
    for e0, e1 in emit[1:]:
        from0 = (best[0] + stay[0], best[1] + switch[1])
        from1 = (best[0] + switch[0], best[1] + stay[1])
        arg0 = 0 if from0[0] >= from0[1] else 1
        arg1 = 0 if from1[0] >= from1[1] else 1
        best = [from0[arg0] + e0, from1[arg1] + e1]
        back.append((arg0, arg1))
    state = 0 if best[0] > best[1] else 1
    path = [state]
    for pointers in reversed(back):
        state = pointers[state]
        path.append(state)
    return [bool(s) for s in reversed(path)]


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x)) if x > -700 else 0.0


def _reason(feature: str, value: float) -> str:
    """A feature and its value, in words a producer reads."""
    flags = {1.0: "yes", 0.0: "no", -1.0: "none"}
    if feature in ("chars", "words") or feature.startswith("words "):
        return f"{feature} {round(math.expm1(value)) if value >= 0 else 'none'}"
    if value in flags:
        return f"{feature}: {flags[value]}"
    return f"{feature} {value:.2f}"
