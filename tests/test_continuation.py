"""The main run bridged to the prose below a stretch of short lines: where the article goes on
it is taken in, a feed of teasers or a closing section is not, the model's inference and its
training, and what explain says."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

import cleannews
from cleannews.cleaners.continuation import FEATURES, THRESHOLD, Candidate, ContinuationModel, bridge
from cleannews.cleaners.line_classes import BAD, GOOD, Verdict
from cleannews.cleaners.line_features import LineFeatures, line_features
from cleannews.cleaners.main_text_model import MainTextModel, shipped_model
from cleannews.language import stopwords
from cleannews.prepare import prepare
from helpers import training_module

ROOT = Path(__file__).resolve().parent.parent
PAGES = Path(__file__).parent / "fixtures" / "pages"
#: rules that end the run at the first stretch of short lines, so that what comes below is the
#: continuation model's to decide
STRICT = {"max_gap": 1, "merge_after": 0, "merge_after_pure": 0}

PROSE = ("The council said on Monday that the work on the embankment along the river would start in the "
         "autumn and should be finished before the next winter.")
OTHER_PROSE = ("Traders at the covered market marched to the town hall to protest against rent rises that the "
               "council approved last month without asking them.")


def _scene(texts: list[str], run: int, *, ui: frozenset[int] = frozenset(),
           prob: float = 0.3) -> tuple[object, list[int], list[bool], dict, dict, list[float]]:
    """A page of ``texts`` (one line each), its first ``run`` lines kept as the run; a line of
    15 words or more is prose, the others short lines; the lines in ``ui`` hold a UI phrase."""
    page = prepare("\n".join(texts), input_format="text", language="en")
    stops = stopwords("en")
    indices = list(range(len(page.lines)))
    features: dict[int, LineFeatures] = {}
    labels = {}
    for i in indices:
        f = line_features(page.lines[i].text, stops)
        features[i] = f._replace(ui="Subscribe") if i in ui else f
        prose = f.words >= 15
        labels[i] = (GOOD if prose else BAD, Verdict(GOOD if prose else BAD, "test"))
    keep = [i < run for i in indices]
    return page, indices, keep, labels, features, [prob] * len(indices)


def _bridge(scene: tuple, decide, headers: frozenset[int] = frozenset()) -> list[tuple[Candidate, bool]]:
    page, indices, keep, labels, features, probs = scene
    return bridge(page, indices, keep, labels, features, probs, headers, {}, decide)


def test_the_run_takes_in_each_block_the_model_takes_up_to_the_first_it_refuses() -> None:
    texts = [PROSE, PROSE, "Rental company", "Weekly rate", PROSE, "Example 2", PROSE,
             "Step 3", "Step 4", OTHER_PROSE, "Step 5", "Step 6", PROSE]
    scene = _scene(texts, run=2)
    answers = iter([True, False, True])
    weighed = _bridge(scene, lambda c: next(answers))
    keep = scene[2]
    assert [taken for _, taken in weighed] == [True, False]
    # (a block of prose may hold one short line between two paragraphs: a subheading)
    assert weighed[0][0].gap == (2, 3) and weighed[0][0].block == (4, 5, 6)
    assert weighed[1][0].gap == (7, 8) and weighed[1][0].block == (9,)
    assert keep == [True] * 7 + [False] * 6


def test_a_closing_section_header_in_the_gap_ends_the_run_whatever_the_model_says() -> None:
    scene = _scene([PROSE, PROSE, "Comments", PROSE], run=2)
    asked = []
    assert _bridge(scene, lambda c: asked.append(c) or True, headers=frozenset({2})) == []
    assert not asked and scene[2] == [True, True, False, False]


def test_a_ui_phrase_in_the_gap_stays_out_when_the_run_takes_in_the_block() -> None:
    scene = _scene([PROSE, PROSE, "Subscribe to our newsletter", "Weekly rate", PROSE], run=2, ui=frozenset({2}))
    weighed = _bridge(scene, lambda c: True)
    assert weighed[0][0].gap == (3,)
    assert scene[2] == [True, True, False, True, True]


def test_no_prose_below_the_run_gives_no_candidate() -> None:
    scene = _scene([PROSE, PROSE, "Share", "Print", "Weekly rate"], run=2)
    assert _bridge(scene, lambda c: True) == []


def test_the_features_say_how_much_of_the_article_the_block_echoes() -> None:
    row = dict(zip(FEATURES, _bridge(_scene([PROSE, "Example 2", PROSE], run=1), lambda c: False)[0][0].row))
    other = dict(zip(FEATURES, _bridge(_scene([PROSE, "Example 2", OTHER_PROSE], run=1), lambda c: False)[0][0].row))
    assert row["echo"] == 1.0
    assert other["echo"] < 0.3
    assert row["gap_kept"] == pytest.approx(math.log1p(1)) and row["bridges"] == 0.0


def test_a_feed_of_teasers_below_the_run_ends_it_whatever_the_model_says() -> None:
    texts = [PROSE, PROSE]
    for n in range(3):
        texts += [f"Headline of teaser number {n}", "Tuesday November 19, 2019", OTHER_PROSE]
    scene = _scene(texts, run=2)
    asked = []
    assert _bridge(scene, lambda c: asked.append(c) or True) == []
    assert not asked and scene[2] == [True, True] + [False] * 9


def test_a_dated_line_in_the_gap_and_a_feed_of_one_shape_are_features() -> None:
    texts = [PROSE]
    for n in range(5):  # (a gallery's photos: a label of two words is no teaser's title)
        texts += [f"Photo {n}", "Tuesday November 19, 2019", OTHER_PROSE]
    row = dict(zip(FEATURES, _bridge(_scene(texts, run=1), lambda c: False)[0][0].row))
    assert row["gap_date"] == 1.0
    assert row["regular"] == 1.0
    assert row["below_blocks"] == pytest.approx(math.log1p(4))


# -- the model -------------------------------------------------------------------------------------

def test_the_shipped_model_has_a_continuation_part_whose_inference_is_its_logistic_model() -> None:
    data = json.loads((ROOT / "src" / "cleannews" / "main_text_model.json").read_text(encoding="utf-8"))["continuation"]
    model = shipped_model().continuation
    assert model is not None and model.threshold == THRESHOLD
    for row in ([0.0] * len(FEATURES), [1.0] * len(FEATURES), [(k % 5) / 2 for k in range(len(FEATURES))]):
        z = data["intercept"] + sum(c * (x - m) / s for c, x, m, s in zip(data["coef"], row, data["mean"], data["scale"]))
        assert model.probability(row) == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-9)


def test_explain_names_the_probability_and_the_features_that_weighed_most() -> None:
    model = shipped_model().continuation
    assert model is not None
    text = model.describe([0.0] * len(FEATURES), top=2)
    assert text.startswith(f"continuation {model.probability([0.0] * len(FEATURES)):.2f} (")
    assert text.count(",") == 1 and all(name.split()[0] in FEATURES for name in text[text.index("(") + 1:-1].split(", "))


def test_a_continuation_part_for_other_features_is_refused() -> None:
    data = json.loads((ROOT / "src" / "cleannews" / "main_text_model.json").read_text(encoding="utf-8"))
    data["continuation"]["features"] = data["continuation"]["features"][:-1] + ["made_up"]
    with pytest.raises(ValueError, match="made_up"):
        MainTextModel(data)


def test_a_model_file_without_a_continuation_part_does_not_bridge(tmp_path: Path) -> None:
    data = json.loads((ROOT / "src" / "cleannews" / "main_text_model.json").read_text(encoding="utf-8"))
    del data["continuation"]
    path = tmp_path / "line_model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert MainTextModel.load(path).continuation is None
    text = (PAGES / "llc_list.txt").read_text(encoding="utf-8")
    article = cleannews.default_pipeline().configure("main_text", model=str(path), **STRICT).clean(text)
    assert not any(p.startswith("Most banks ask") for p in article.paragraphs)


def test_the_training_fit_is_the_set_and_outcome_balanced_logistic_regression() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    train_main_text = training_module("train_main_text")
    rng = np.random.default_rng(1)
    X = rng.normal(size=(120, len(FEATURES)))
    y = (X[:, 19] + 0.3 * rng.normal(size=120) > 0.4).astype(int)
    records = [{"set": "a" if n < 4 else "b", "page": str(n), "rows": X[n * 20:(n + 1) * 20].tolist(),
                "y": y[n * 20:(n + 1) * 20].tolist()} for n in range(6)]
    model = ContinuationModel(train_main_text.fit_continuation(records))
    w = np.array([1 / 80] * 80 + [1 / 40] * 40)
    for outcome in (0, 1):
        w[y == outcome] *= 0.5 / w[y == outcome].sum()
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=train_main_text.CONTINUATION_C, max_iter=5000, random_state=train_main_text.SEED)
    clf.fit(scaler.transform(X), y, sample_weight=w * len(y))
    expected = clf.predict_proba(scaler.transform(X[:5]))[:, 1]
    assert [model.probability(r) for r in X[:5].tolist()] == pytest.approx(expected.tolist(), rel=1e-6)


# -- the step --------------------------------------------------------------------------------------

def test_the_article_goes_on_below_a_list_where_the_rules_ended_it() -> None:
    text = (PAGES / "llc_list.txt").read_text(encoding="utf-8")
    bridged = cleannews.default_pipeline().configure("main_text", **STRICT)
    rules_end = cleannews.default_pipeline().configure("main_text", continuation=False, **STRICT)
    assert not any(p.startswith("Most banks ask") for p in rules_end.clean(text).paragraphs)
    article = bridged.clean(text)
    assert "Proof that the company name is available in the state" in article.paragraphs
    assert article.paragraphs[-1].startswith("Most banks ask")
    notes = [d.note for d in bridged.explain(text).decisions if d.text.startswith("Most banks ask")]
    assert notes and notes[0].startswith("kept against the rules (after): the article goes on below the run's end: "
                                         "continuation ")


def test_a_feed_of_teasers_below_the_article_stays_out_and_explain_says_why() -> None:
    text = (PAGES / "teaser_feed.txt").read_text(encoding="utf-8")
    pipeline = cleannews.default_pipeline().configure("main_text", **STRICT)
    article = pipeline.clean(text)
    assert article.paragraphs[-1].startswith("Work is due to start") or article.paragraphs[-1].startswith("Share")
    assert not any("hiker" in p or "bridge over the river" in p for p in article.paragraphs)
    reasons = [d.reason for d in pipeline.explain(text).decisions if d.text.startswith("The new bridge over")]
    # (each teaser carries its author and date: a feed, which ends the run whatever the model says)
    assert reasons and "one of a block of 4 teasers" in reasons[0]


def test_a_block_is_labelled_by_the_share_of_its_labelled_words_in_the_body() -> None:
    train_main_text = training_module("train_main_text")
    page = prepare("\n".join(["one two three four", "five six", "seven", "eight nine ten"]), input_format="text",
                   language="en")
    assert train_main_text.block_label(page, (0, 1), [True, False, None, None]) is True    # 4 of 6 words
    assert train_main_text.block_label(page, (1, 3), [None, True, None, False]) is False   # 2 of 5 words
    assert train_main_text.block_label(page, (2,), [True, True, None, True]) is None      # nothing labelled
