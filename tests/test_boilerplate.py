"""The learned boilerplate classifier: shipped, explained, smoothed along the document."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from conftest import STORY as ARTICLE

from episodes.blockfeatures import (
    CONTEXT,
    FEATURES,
    BlockInput,
    context_features,
    document_features,
    main_run,
)
from episodes.boilerplate import MODEL_FILE, Model, classify, load_model
from episodes.plaintext import read_plain_text

CHROME = ["Home", "News", "Sport", "Weather", "Sign in", "Most read", "Privacy policy"]


def test_the_shipped_model_loads_and_matches_the_features() -> None:
    model = load_model()
    assert len(model.local.trees) > 10 and len(model.context.trees) > 10
    assert 0 < model.threshold < 1
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
    assert model.local.raw_all(rows) == pytest.approx([model.local.raw(r) for r in rows])


def test_the_reasons_add_up_to_the_score() -> None:
    # Along each decision path the features' moves add up to leaf minus root: the reasons
    # given for a drop are the score's own parts, not a separate guess.
    model = load_model()
    rows = document_features([BlockInput(t) for t in CHROME + ARTICLE], "en", model.log_odds)
    moved = model.local.contributions(rows)
    roots = sum(tree.value[0] for tree in model.local.trees)
    expected = [raw - model.local.base - roots for raw in model.local.raw_all(rows)]
    assert list(moved.sum(axis=1)) == pytest.approx(expected)


def test_menus_go_and_the_article_stays() -> None:
    plain = read_plain_text("\n".join([*CHROME, *ARTICLE, *CHROME]))
    assert [b.text for b in plain.blocks] == ARTICLE
    assert plain.title_derived  # "Privacy policy" above the article is no headline
    assert sorted({d.text for d in plain.dropped}) == sorted(set(CHROME))


def test_a_drop_is_explained_by_its_score_and_features() -> None:
    verdicts = classify([BlockInput(t) for t in [*CHROME, *ARTICLE]], "en")
    dropped = [v for v in verdicts if not v.keep]
    assert dropped  # some of the menu, on its own; the reader's menu rule takes the rest
    for verdict in dropped:
        assert verdict.explain().startswith(f"score {verdict.score:.2f}: ")
        assert verdict.reasons
        assert all(any(r.startswith(f) for f in (*FEATURES, *CONTEXT)) for r in verdict.reasons)


def test_a_short_line_inside_the_article_is_kept() -> None:
    inside = [*ARTICLE[:2], "Pictured: the old sea wall.", *ARTICLE[2:]]
    verdicts = classify([BlockInput(t) for t in [*CHROME, *inside, *CHROME]], "en")
    kept = [t for t, v in zip([*CHROME, *inside, *CHROME], verdicts, strict=True) if v.keep]
    assert "Pictured: the old sea wall." in kept


def test_the_second_pass_reads_the_first_pass_along_the_document() -> None:
    scores = [0.1, 0.9, 0.95, 0.2]
    rows = context_features(scores, [2, 30, 40, 3], [None, None, None, "share prompt"])
    assert len(rows) == 4 and all(len(r) == len(CONTEXT) for r in rows)
    assert [r[0] for r in rows] == scores
    assert rows[0][1] == -1.0 and rows[1][1] == 0.1  # the score before
    before, after = (
        CONTEXT.index("blocks before the article"),
        CONTEXT.index("blocks after the article"),
    )
    assert rows[0][before] > 0 and rows[3][after] > 0  # around the sure paragraphs
    assert rows[3][CONTEXT.index("named rules nearby")] > 0


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


def test_a_list_inside_the_article_is_no_menu() -> None:
    # Three short lines between the article's paragraphs are its list, not a menu.
    items = ["Nets", "Ropes", "Fuel"]
    plain = read_plain_text("\n".join([*CHROME, ARTICLE[0], *items, *ARTICLE[1:], *CHROME]))
    kept = [b.text for b in plain.blocks]
    assert all(item in kept for item in items)
    assert not any(d.rule == "menu" and d.text in items for d in plain.dropped)
