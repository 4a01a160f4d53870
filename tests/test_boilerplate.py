"""The learned boilerplate classifier: shipped, explained, smoothed along the document."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest

from episodes.blockfeatures import FEATURES, BlockInput, document_features, main_run
from episodes.boilerplate import MODEL_FILE, Model, classify, load_model, smooth
from episodes.plaintext import read_plain_text

ARTICLE = [
    "The harbour board voted on Tuesday to double the fees it charges the fishing families"
    " of Stone Bay, who say the rise would force half of them to sell their boats.",
    "The board says the sea wall needs repairs that the old fees cannot pay for, and that"
    " the families have paid the same since the wall was last rebuilt in 1988.",
    "A hearing is set for next month, and until then the old fees stand, the chairman said"
    " in a statement read to the fishermen on the quay.",
    "Most of the boats went out at dawn the next morning, as they have for a century.",
]
CHROME = ["Home", "News", "Sport", "Weather", "Sign in", "Most read", "Privacy policy"]


def test_the_shipped_model_loads_and_matches_the_features() -> None:
    model = load_model()
    assert model.features == FEATURES
    assert len(model.trees) > 10
    data = json.loads(files("episodes").joinpath("data", MODEL_FILE).read_text("utf-8"))
    assert len(json.dumps(data)) < 3 * 2**20  # a few MB at most


def test_a_model_for_other_features_is_refused() -> None:
    data = json.loads(files("episodes").joinpath("data", MODEL_FILE).read_text("utf-8"))
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="other features"):
        Model.from_dict(data)


def test_one_row_and_all_rows_score_alike() -> None:
    model = load_model()
    rows = document_features([BlockInput(t) for t in CHROME + ARTICLE], "en", model.log_odds)
    assert model.raw_all(rows) == pytest.approx([model.raw(r) for r in rows])


def test_menus_go_and_the_article_stays() -> None:
    blocks = [BlockInput(t) for t in [*CHROME, *ARTICLE, *CHROME]]
    verdicts = classify(blocks, "en")
    n = len(CHROME)
    assert all(v.keep for v in verdicts[n : n + len(ARTICLE)])
    assert not any(v.keep for v in verdicts[:n] + verdicts[n + len(ARTICLE) :])


def test_a_drop_is_explained_by_its_score_and_features() -> None:
    verdicts = classify([BlockInput(t) for t in [*CHROME, *ARTICLE]], "en")
    explanation = verdicts[0].explain()
    assert explanation.startswith(f"score {verdicts[0].score:.2f}: ")
    assert verdicts[0].reasons
    assert all(any(r.startswith(f) for f in FEATURES) for r in verdicts[0].reasons)


def test_smoothing_keeps_a_weak_block_inside_the_article() -> None:
    stay = (-0.1, -0.1)
    assert smooth([0.9, 0.9, 0.4, 0.9, 0.9], stay, 0.0) == [True] * 5
    assert smooth([0.1, 0.1, 0.6, 0.1, 0.1], stay, 0.0) == [False] * 5
    # Strong evidence still switches.
    assert smooth([0.99, 0.99, 0.01, 0.01, 0.01], stay, 0.0) == [True, True, False, False, False]


def test_the_main_run_is_the_densest_prose() -> None:
    rows = document_features([BlockInput(t) for t in [*CHROME, *ARTICLE, *CHROME]], "en")
    n = len(CHROME)
    assert main_run(rows) == (n, n + len(ARTICLE) - 1)


def test_the_classifier_drops_are_recorded_with_their_reason() -> None:
    plain = read_plain_text("\n".join([*CHROME, *ARTICLE, *CHROME]))
    assert [b.text for b in plain.blocks] == ARTICLE
    by_classifier = [d for d in plain.dropped if d.rule == "classifier"]
    assert by_classifier
    assert all(d.detail.startswith("score ") for d in by_classifier)
