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
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction_corpus import CORPUS, load_pages  # noqa: E402
from extraction_metrics import score_corpus, score_page  # noqa: E402

from episodes.blockfeatures import FEATURES, BlockInput, document_features, words_of  # noqa: E402
from episodes.boilerplate import MODEL_FILE, Model, smooth  # noqa: E402
from episodes.junk import junk_rule  # noqa: E402
from episodes.language import detect_language  # noqa: E402
from episodes.paragraphs import Piece, text_pieces  # noqa: E402
from episodes.plaintext import spoken_pieces  # noqa: E402

OUT = ROOT / "episodes" / "data" / MODEL_FILE
FOLDS = 5
VOCABULARY = 3000
MIN_COUNT = 3
TREES = dict(n_estimators=160, max_depth=3, learning_rate=0.1, subsample=0.8, random_state=0)
BIASES = [x / 4 for x in range(-4, 17)]
TARGET_RECALL = 0.975


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
            weights = [0.5 * t / total + 0.5 / len(pieces) for t in tokens]
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


def stay_costs(docs: list[Document]) -> tuple[float, float]:
    """log P(the next piece has the same label), for boilerplate and for article text."""
    same, total = [1, 1], [2, 2]
    for doc in docs:
        for a, b in zip(doc.labels, doc.labels[1:], strict=False):
            total[a] += 1
            same[a] += a == b
    return (math.log(same[0] / total[0]), math.log(same[1] / total[1]))


def export(trees, odds: dict[str, float], stay: tuple[float, float], bias: float) -> dict:
    exported = []
    for estimator in trees.estimators_[:, 0]:
        t = estimator.tree_
        exported.append(
            {
                "feature": [int(f) for f in t.feature],
                "threshold": [round(float(x), 6) for x in t.threshold],
                "left": [int(c) for c in t.children_left],
                "right": [int(c) for c in t.children_right],
                "value": [round(float(v), 6) for v in t.value[:, 0, 0]],
            }
        )
    base = float(trees._raw_predict_init([[0.0] * len(FEATURES)])[0, 0])
    return {
        "features": list(FEATURES),
        "trees": exported,
        "base": round(base, 6),
        "rate": trees.learning_rate,
        "log_odds": odds,
        "stay": [round(s, 6) for s in stay],
        "bias": bias,
        "trained_on": "bench/corpus/pages.jsonl.xz, split=train",
    }


def kept_text(doc: Document, keep: list[bool]) -> str:
    return "\n\n".join(
        p.text for p, k, r in zip(doc.pieces, keep, doc.rules, strict=True) if k and r is None
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()

    from sklearn.ensemble import GradientBoostingClassifier

    pages = load_pages(args.corpus)
    converters = sorted({c for p in pages for c in p["texts"]})
    train = [p for p in pages if p["split"] == "train"]
    docs = list(documents(train, converters))
    print(f"training pages {len(train)}, documents {len(docs)}, converters {converters}")
    fold = folds_by_site(docs)

    # Cross-fitted features: each fold's log-odds learned on the other folds.
    rows: list[list[list[float]]] = [[] for _ in docs]
    for k in range(FOLDS):
        odds = log_odds([d for d, f in zip(docs, fold, strict=True) if f != k])
        for i, doc in enumerate(docs):
            if fold[i] == k:
                rows[i] = features(doc, odds)

    def stack(indices: list[int]) -> tuple[list, list, list]:
        x, y, w = [], [], []
        for i in indices:
            x += rows[i]
            y += docs[i].labels
            w += docs[i].weights
        return x, y, w

    # Out-of-fold scores, to choose the smoothing's bias.
    oof: list[list[float]] = [[] for _ in docs]
    for k in range(FOLDS):
        fit = [i for i in range(len(docs)) if fold[i] != k]
        x, y, w = stack(fit)
        model = GradientBoostingClassifier(**TREES).fit(x, y, sample_weight=w)
        for i in range(len(docs)):
            if fold[i] == k:
                oof[i] = list(model.predict_proba(rows[i])[:, 1])
    stay = stay_costs(docs)
    print(f"stay costs {stay[0]:.3f} {stay[1]:.3f}")
    best = None
    for bias in BIASES:
        scores = score_corpus(
            score_page(kept_text(d, smooth(oof[i], stay, bias)), d.gold) for i, d in enumerate(docs)
        )
        print(
            f"  bias {bias:5.2f}: P {scores.precision:.3f} R {scores.recall:.3f} F1 {scores.f1:.3f}"
        )
        if scores.recall >= TARGET_RECALL and (best is None or scores.f1 > best[1].f1):
            best = (bias, scores)
    bias = best[0] if best else BIASES[-1]
    print(f"chosen bias {bias} (out-of-fold on training sites)")

    x, y, w = stack(list(range(len(docs))))
    final = GradientBoostingClassifier(**TREES).fit(x, y, sample_weight=w)
    data = export(final, log_odds(docs), stay, bias)
    check_export(final, data, x[:500])
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


def check_export(trees, data: dict, rows: list[list[float]]) -> None:
    """The exported trees score as scikit-learn does."""
    model = Model.from_dict(data)
    expected = trees.decision_function(rows)
    worst = max(abs(model.raw(r) - e) for r, e in zip(rows, expected, strict=True))
    if worst > 1e-3:
        raise SystemExit(f"exported trees differ from scikit-learn by {worst}")


if __name__ == "__main__":
    main()
