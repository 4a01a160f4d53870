"""Train the plain-text boilerplate classifier shipped in episodes/data/.

    python bench/train_boilerplate.py            # train on the corpus's training sites
    python bench/train_boilerplate.py --check    # retrain and compare with the shipped file

Needs the `bench` extra (scikit-learn). Reads bench/corpus/pages.jsonl.xz: public pages
with their gold article text, each converted to plain text several ways. Only pages of the
training sites are used; held-out sites are scored at the end, through the same reader a
user runs (episodes.ingest.read_article), and never tuned on.

Each converted text is cut into the reader's pieces; a piece is article text when most of
its word trigrams are in the gold text. Word log-odds (naive Bayes) and the trees are
fitted with sites kept apart: the log-odds a tree sees for a page were learned without
that page's site, as they will be for a page the model has never seen. The smoothing's
costs come from how often the labels change state; its bias is chosen on out-of-fold
scores so that recall stays high.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction_corpus import CORPUS, TRAIN_SOURCES, load_pages  # noqa: E402
from extraction_metrics import score_corpus, score_page  # noqa: E402

from episodes.blockfeatures import (  # noqa: E402
    CONTEXT,
    FEATURES,
    BlockInput,
    context_features,
    document_features,
    words_of,
)
from episodes.boilerplate import MODEL_FILE, SHORT_WORDS, Forest  # noqa: E402
from episodes.junk import junk_rule  # noqa: E402
from episodes.language import detect_language  # noqa: E402
from episodes.paragraphs import Piece, text_pieces  # noqa: E402
from episodes.plaintext import spoken_pieces  # noqa: E402

OUT = ROOT / "episodes" / "data" / MODEL_FILE
FOLDS = 5
VOCABULARY = 3000
MIN_COUNT = 3
TREES = dict(
    max_iter=250,
    max_depth=6,
    learning_rate=0.1,
    min_samples_leaf=30,
    l2_regularization=1.0,
    early_stopping=False,
    random_state=0,
)
THRESHOLDS = [0.02, 0.03, 0.035, 0.04, 0.045, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3]
SHORT_THRESHOLDS = [0.1, 0.2, 0.3, 0.5]
TARGET_RECALL = 0.96  # the issue asks at least this on held-out sites


@dataclass
class Document:
    """One converted page: its pieces, their labels and weights, and the gold text."""

    page: str
    site: str
    converter: str
    pieces: list[Piece]
    rules: list[str | None]
    labels: list[int]
    weights: list[float]
    language: str | None
    gold: str


def trigram_labels(pieces: list[Piece], gold: str) -> list[int]:
    """1 where a piece is article text: most of its word trigrams (or its words, for a
    piece shorter than three words, in order) are in the gold text."""
    gold_words = words_of(gold)
    grams = set(zip(gold_words, gold_words[1:], gold_words[2:], strict=False))
    joined = " " + " ".join(gold_words) + " "
    labels = []
    for piece in pieces:
        words = words_of(piece.text)
        if len(words) >= 3:
            own = list(zip(words, words[1:], words[2:], strict=False))
            labels.append(int(sum(g in grams for g in own) >= 0.5 * len(own)))
        else:
            labels.append(int(bool(words) and f" {' '.join(words)} " in joined))
    # A short piece is article text only beside article text ("Facebook" the word in an
    # article's sentence is not the share button under it).
    for i, piece in enumerate(pieces):
        if labels[i] and len(words_of(piece.text)) < 3:
            near = labels[max(0, i - 2) : i] + labels[i + 1 : i + 3]
            labels[i] = int(any(near))
    return labels


def documents(pages: list[dict], converters: list[str]) -> Iterator[Document]:
    for page in pages:
        for converter in converters:
            text = page["texts"].get(converter)
            if not text:
                continue
            pieces, _ = spoken_pieces(text_pieces(text))
            if not pieces:
                continue
            labels = trigram_labels(pieces, page["gold"])
            tokens = [max(1, len(words_of(p.text))) for p in pieces]
            total = sum(tokens)
            # Mostly by words, as the score counts them; a little per block, so that a
            # lone "Facebook" still counts.
            weights = [0.8 * t / total + 0.2 / len(pieces) for t in tokens]
            yield Document(
                page["id"],
                page["site"],
                converter,
                pieces,
                [junk_rule(p.text) for p in pieces],
                labels,
                weights,
                detect_language(p.text for p in pieces),
                page["gold"],
            )


def log_odds(docs: list[Document]) -> dict[str, float]:
    """Naive Bayes log-odds of article text over boilerplate for the commonest words."""
    counts = (Counter(), Counter())
    seen: Counter[str] = Counter()
    for doc in docs:
        for piece, label in zip(doc.pieces, doc.labels, strict=True):
            words = set(words_of(piece.text))
            counts[label].update(words)
            seen.update(words)
    vocabulary = [w for w, c in seen.most_common(VOCABULARY) if c >= MIN_COUNT]
    totals = (sum(counts[0].values()), sum(counts[1].values()))
    v = len(vocabulary)
    odds = {}
    for word in vocabulary:
        content = (counts[1][word] + 1) / (totals[1] + v)
        boiler = (counts[0][word] + 1) / (totals[0] + v)
        odds[word] = round(max(-4.0, min(4.0, math.log(content / boiler))), 3)
    return odds


def features(doc: Document, odds: dict[str, float]) -> list[list[float]]:
    inputs = [
        BlockInput(p.text, p.kind == "heading", p.bullet, rule)
        for p, rule in zip(doc.pieces, doc.rules, strict=True)
    ]
    return document_features(inputs, doc.language, odds)


def folds_by_site(docs: list[Document]) -> list[int]:
    sites = sorted({d.site for d in docs})
    fold_of = {site: i % FOLDS for i, site in enumerate(sites)}
    return [fold_of[d.site] for d in docs]


def export_forest(trees) -> dict:
    """Fitted trees as plain lists; an inner node's value is the mean of its leaves."""
    exported = []
    for (predictor,) in trees._predictors:
        nodes = predictor.nodes
        value = [float(v) for v in nodes["value"]]
        count = [int(c) for c in nodes["count"]]
        leaf = [bool(x) for x in nodes["is_leaf"]]

        def mean(i: int, value=value, count=count, leaf=leaf, nodes=nodes) -> float:
            if not leaf[i]:
                left, right = int(nodes["left"][i]), int(nodes["right"][i])
                total = count[left] + count[right]
                value[i] = (mean(left) * count[left] + mean(right) * count[right]) / total
            return value[i]

        mean(0)
        exported.append(
            {
                "feature": [0 if leaf[i] else int(f) for i, f in enumerate(nodes["feature_idx"])],
                "threshold": [float(x) for x in nodes["num_threshold"]],
                "left": [-1 if leaf[i] else int(c) for i, c in enumerate(nodes["left"])],
                "right": [-1 if leaf[i] else int(c) for i, c in enumerate(nodes["right"])],
                "value": [round(v, 6) for v in value],
            }
        )
    return {"trees": exported, "base": float(trees._baseline_prediction[0][0])}


def kept_text(doc: Document, keep: list[bool]) -> str:
    return "\n\n".join(
        p.text for p, k, r in zip(doc.pieces, keep, doc.rules, strict=True) if k and r is None
    )


def cross_fitted_features(docs: list[Document]) -> list[list[list[float]]]:
    """Each document's features, with word log-odds learned on the other folds' sites."""
    fold = folds_by_site(docs)
    rows: list[list[list[float]]] = [[] for _ in docs]
    for k in range(FOLDS):
        odds = log_odds([d for d, f in zip(docs, fold, strict=True) if f != k])
        for i, doc in enumerate(docs):
            if fold[i] == k:
                rows[i] = features(doc, odds)
    return rows


def fit(x: list, y: list, w: list):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(**TREES).fit(x, y, sample_weight=w)


def out_of_fold(rows: list[list[list[float]]], docs: list[Document], fold: list[int]) -> list:
    """Each document's scores from trees fitted on the other folds' sites."""
    scores: list[list[float]] = [[] for _ in docs]
    for k in range(FOLDS):
        x, y, w = stack(rows, docs, [i for i in range(len(docs)) if fold[i] != k])
        model = fit(x, y, w)
        for i in range(len(docs)):
            if fold[i] == k:
                scores[i] = [float(p) for p in model.predict_proba(rows[i])[:, 1]]
    return scores


def stack(rows: list, docs: list[Document], indices: list[int]) -> tuple[list, list, list]:
    x, y, w = [], [], []
    for i in indices:
        x += rows[i]
        y += docs[i].labels
        w += docs[i].weights
    return x, y, w


def with_context(rows: list, docs: list[Document], first: list) -> list:
    out = []
    for doc, own, scores in zip(docs, rows, first, strict=True):
        words = [len(words_of(p.text)) for p in doc.pieces]
        context = context_features(scores, words, doc.rules)
        out.append([r + c for r, c in zip(own, context, strict=True)])
    return out


def choose_thresholds(docs: list[Document], scores: list) -> tuple[float, float]:
    """The thresholds (for short blocks, for the others) with the best F1 among those
    that keep recall at the target; the most recall when none does."""
    results = []
    for short in SHORT_THRESHOLDS:
        for threshold in THRESHOLDS:
            total = score_corpus(
                score_page(kept_text(d, keep(d, s, short, threshold)), d.gold)
                for d, s in zip(docs, scores, strict=True)
            )
            print(
                f"  short {short:.3f} others {threshold:.3f}: P {total.precision:.3f}"
                f" R {total.recall:.3f} F1 {total.f1:.3f}",
                flush=True,
            )
            results.append(
                (total.recall >= TARGET_RECALL, total.f1, total.recall, short, threshold)
            )
    reached = [r for r in results if r[0]]
    best = max(reached, key=lambda r: r[1]) if reached else max(results, key=lambda r: r[2])
    return best[3], best[4]


def keep(doc: Document, scores: list[float], short: float, threshold: float) -> list[bool]:
    return [
        p >= (short if len(words_of(piece.text)) < SHORT_WORDS else threshold)
        for piece, p in zip(doc.pieces, scores, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--work", type=Path, help="keep the documents and their features here between runs"
    )
    args = parser.parse_args()

    pages = load_pages(args.corpus)
    converters = sorted({c for p in pages for c in p["texts"]})
    train = [p for p in pages if p["split"] == "train" and p["source"] in TRAIN_SOURCES]
    if args.work and args.work.is_file():
        docs, rows = pickle.loads(args.work.read_bytes())
    else:
        docs = list(documents(train, converters))
        rows = cross_fitted_features(docs)
        if args.work:
            args.work.write_bytes(pickle.dumps((docs, rows)))
    print(f"training pages {len(train)}, documents {len(docs)}, converters {converters}")
    fold = folds_by_site(docs)
    first = out_of_fold(rows, docs, fold)
    context_rows = with_context(rows, docs, first)
    second = out_of_fold(context_rows, docs, fold)
    print("out-of-fold, training sites:")
    short, threshold = choose_thresholds(docs, second)
    print(f"chosen thresholds: short blocks {short}, others {threshold}")

    local = fit(*stack(rows, docs, list(range(len(docs)))))
    sequence = fit(*stack(context_rows, docs, list(range(len(docs)))))
    data = {
        "features": list(FEATURES),
        "context": list(CONTEXT),
        "local": export_forest(local),
        "sequence": export_forest(sequence),
        "log_odds": log_odds(docs),
        "threshold": threshold,
        "short_threshold": short,
        "trained_on": "bench/corpus/pages.jsonl.xz, split=train, sources "
        + ", ".join(sorted(TRAIN_SOURCES)),
    }
    check_export(local, Forest.from_dict(data["local"]), rows[0] + rows[-1])
    check_export(sequence, Forest.from_dict(data["sequence"]), context_rows[0])
    text = json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"
    if args.check:
        shipped = args.out.read_text("utf-8")
        print("shipped model reproduced" if shipped == text else "DIFFERS from the shipped model")
        sys.exit(0 if shipped == text else 1)
    args.out.write_text(text, "utf-8")
    print(f"wrote {args.out} ({len(text) / 1024:.0f} KiB)")
    if args.out == OUT:
        report_heldout([p for p in pages if p["split"] == "heldout"], converters)


def report_heldout(pages: list[dict], converters: list[str]) -> None:
    """Held-out sites, read as a user's text is read: the shipped model's scores."""
    from episodes.errors import PresscastError
    from episodes.ingest import Source, read_article

    print(f"held-out sites: {len(pages)} pages")
    for converter in converters:
        scores = []
        for page in pages:
            text = page["texts"].get(converter)
            if not text:
                continue
            try:
                article = read_article(Source(text.encode(), page["id"], "text"))
                kept = "\n\n".join(b.text for b in article.blocks)
            except PresscastError:
                kept = ""
            scores.append(score_page(kept, page["gold"]))
        total = score_corpus(scores)
        print(
            f"  {converter:<10} P {total.precision:.3f} R {total.recall:.3f} F1 {total.f1:.3f}"
            f" ({total.pages} pages)"
        )


def check_export(trees, forest: Forest, rows: list[list[float]]) -> None:
    """The exported trees score as scikit-learn does."""
    expected = trees.decision_function(rows)
    worst = max(abs(forest.raw(r) - e) for r, e in zip(rows, expected, strict=True))
    if worst > 1e-4:  # scikit-learn sums the trees in another order
        raise SystemExit(f"exported trees differ from scikit-learn by {worst}")


if __name__ == "__main__":
    main()
