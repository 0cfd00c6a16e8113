"""The main-text model: its data file, its inference, its decisions on a page, what explain
shows of it, and the training scripts on a tiny hand-made set."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cleannews
from cleannews.cleaners.main_text_model import (FEATURES, MODEL_FORMAT, RULE_AFTER, RULE_BEFORE, RULE_INSIDE,
                                                RULE_KEEP, MainTextModel, Thresholds, decide, shipped_model)
from cleannews.defaults import default_pipeline
from helpers import training_module

ROOT = Path(__file__).resolve().parent.parent
PAGE = (Path(__file__).parent / "fixtures" / "pages" / "flood_defences.txt").read_text(encoding="utf-8")


def test_the_shipped_model_loads_and_names_the_codes_features() -> None:
    model = shipped_model()
    assert model.kind == "trees" and model.features == FEATURES
    assert set(model.trained_on) == {"scrapinghub", "trafilatura", "wcxb-dev"}
    assert 0 < model.thresholds.remove < model.thresholds.inside <= model.thresholds.extend < 1


def _logistic_data(coef: list[float], intercept: float = 0.0) -> dict:
    """A logistic line model file over the code's features (unit scale, zero mean)."""
    return {"format": MODEL_FORMAT, "kind": "logistic", "features": list(FEATURES), "mean": [0.0] * len(FEATURES),
            "scale": [1.0] * len(FEATURES), "coef": coef, "intercept": intercept, "smoothing": 0.0}


def _tree_data() -> dict:
    """A trees line model file over the code's features: two trees of one and two splits."""
    f0, f3 = 0, 3
    trees = [[[f0, 0.5, 1, 2, 0.1], [-1, 0.0, -1, -1, -1.0], [-1, 0.0, -1, -1, 1.2]],
             [[f3, 0.0, 1, 2, 0.0], [f0, -1.0, 3, 4, -0.4], [-1, 0.0, -1, -1, 0.6],
              [-1, 0.0, -1, -1, -0.8], [-1, 0.0, -1, -1, -0.2]]]
    return {"format": MODEL_FORMAT, "kind": "trees", "features": list(FEATURES), "init": -0.3, "rate": 0.5,
            "trees": trees, "smoothing": 0.0}


def test_inference_is_the_standardised_logistic_model_of_the_file() -> None:
    coef = [((k * 5) % 7 - 3) / 10 for k in range(len(FEATURES))]
    data = _logistic_data(coef, 0.25) | {"mean": [0.1] * len(FEATURES), "scale": [2.0] * len(FEATURES)}
    model = MainTextModel(data)
    assert model.kind == "logistic"
    rows = [[(k * 7 % 11) / 5 for k in range(len(FEATURES))], [0.0] * len(FEATURES), [1.0] * len(FEATURES)]
    for row in rows:
        z = data["intercept"] + sum(c * (x - m) / s for c, x, m, s in zip(data["coef"], row, data["mean"], data["scale"]))
        assert model.probabilities([row])[0] == pytest.approx(1 / (1 + math.exp(-z)), rel=1e-9)


def test_inference_of_trees_walks_them_and_explains_by_their_splits() -> None:
    model = MainTextModel(_tree_data())
    row = [0.0] * len(FEATURES)
    row[0], row[3] = -2.0, -1.0  # left, then left and left: leaves -1.0 and -0.8
    assert model.probabilities([row])[0] == pytest.approx(1 / (1 + math.exp(-(-0.3 + 0.5 * (-1.0 - 0.8)))))
    # the steps from each node's mean to the child's, times the rate, per split feature
    assert dict(model.explain(row, top=5)) == {FEATURES[0]: pytest.approx(0.5 * (-1.0 - 0.1) + 0.5 * (-0.8 + 0.4)),
                                                FEATURES[3]: pytest.approx(0.5 * (-0.4 - 0.0))}
    row[0], row[3] = 1.0, 1.0  # right twice: 1.2 and 0.6, one step each
    assert model.explain(row) == [(FEATURES[0], 0.55), (FEATURES[3], 0.3)]


def test_a_model_file_of_an_unknown_kind_or_a_malformed_tree_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        MainTextModel(_tree_data() | {"kind": "forest"})
    bad = _tree_data()
    bad["trees"][0][0][2] = 9  # a child beyond the tree
    with pytest.raises(ValueError):
        MainTextModel(bad)


def test_a_model_file_for_other_features_is_refused() -> None:
    data = json.loads((ROOT / "src" / "cleannews" / "main_text_model.json").read_text(encoding="utf-8"))
    data["features"] = data["features"][:-1] + ["no_such_feature"]
    with pytest.raises(ValueError, match="no_such_feature"):
        MainTextModel(data)


def test_decide_reads_the_model_against_the_rules() -> None:
    t = Thresholds(remove=0.2, inside=0.5, extend=0.6, gap=1)
    kinds = [RULE_BEFORE, RULE_KEEP, RULE_KEEP, RULE_INSIDE, RULE_INSIDE, RULE_KEEP] + [RULE_AFTER] * 6
    probs = [0.7, 0.1, 0.3, 0.6, 0.4, 0.9, 0.8, 0.5, 0.9, 0.3, 0.2, 0.9]
    # kept lines go only when the model is sure; inside lines come back over 0.5; lines before
    # the run stay out; the run grows
    # over sure lines after it across one miss, and stops at the second miss in a row
    assert decide(probs, kinds, t) == [False, False, True, True, False, True, True, False, True, False, False, False]
    # inside the rules' run a line they keep stays
    assert decide(probs, kinds, t, [False, True] + [False] * 10)[1]
    # the run does not grow into or past a line after it that the rules decide alone (a teaser)
    assert decide(probs, kinds, t, [False] * 8 + [True] + [False] * 3)[6:] == [True, False, False, False, False, False]


def test_article_text_stays_and_chrome_goes() -> None:
    article = cleannews.clean(PAGE, input_format="text")
    body = article.paragraphs
    for kept in ("The town council voted on Tuesday evening",  # the lead
                 "What the plan includes", "Who pays",  # subheadings
                 "The scheme has three parts:", "A raised embankment along the north bank",
                 "A new pumping station near the school",  # a list and its heading
                 "Work is due to start in the autumn"):  # the closing paragraph
        assert any(p.startswith(kept) for p in body), kept
    for gone in ("Related stories", "Bridge closed after storm damage",
                 "The old bridge will stay shut for a week while engineers inspect it.",
                 "Tags: Flooding", "Comments (12)", "Privacy policy", "Share this article"):
        assert not any(gone in p for p in body), gone


def test_a_line_kept_against_the_rules_says_why(tmp_path: Path) -> None:
    from cleannews.cleaners.main_text import MainText
    from helpers import page_of
    # a model that trusts every line the rules take out inside the run
    data = _logistic_data([8.0 if name == "rule_inside" else 0.0 for name in FEATURES])
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    body = [line for line in PAGE.split("\n")[11:24] if line]
    credit = "Photo: Jane Porter / River Times"
    lines = ["Council approves new flood defences", *body[:2], credit, *body[2:]]

    def run(step: MainText) -> tuple[list[str], str | None]:
        page = page_of(lines, "en")
        page.state.article_start = page.lines[0]
        page.claim(0, "headline", "test")
        step(page)
        notes = page.state.main_run.notes if page.state.main_run else {}
        (line,) = [line for line in page.lines if line.text == credit]
        return page.body_lines(), notes.get(line.uid)

    kept, note = run(MainText(use_model=False))
    assert credit not in kept and note is None
    kept, note = run(MainText(model=str(path)))
    assert credit in kept and note is not None
    assert note.startswith("kept against the rules (inside): model ") and "rule_inside +" in note


def test_a_line_the_model_removes_names_the_model_in_its_reason() -> None:
    explained = default_pipeline().explain(PAGE, input_format="text")
    reasons = {d.text: d.reason for d in explained.decisions if d.cleaner in ("main_text", "after_main_text")}
    # the first lines after the run were read by the model (it did not let the run grow over them)
    assert "model 0." in reasons["Related stories"]


def test_line_labels_follow_the_gold(tmp_path: Path) -> None:
    line_labels = training_module("line_labels")
    body_labels, snippet_labels = line_labels.body_labels, line_labels.snippet_labels
    lines = ["Home", "", "The council approved the plan on Tuesday evening.", "Who pays", "Share this article"]
    gold = ["The council approved the plan on Tuesday evening.", "Who pays", "The town borrows the money."]
    assert body_labels(lines, gold) == [False, None, True, True, False]
    assert snippet_labels(lines, ["approved the plan"], ["Share this"]) == [None, None, True, None, False]


def _tiny_set(root: Path) -> Path:
    data = root / "tiny"
    for n in range(4):
        folder = data / f"p{n}"
        folder.mkdir(parents=True)
        folder.joinpath("page.txt").write_text(PAGE, encoding="utf-8")
        body = [line for line in PAGE.split("\n")[11:24] if line]
        folder.joinpath("gold.json").write_text(json.dumps({"body": body}), encoding="utf-8")
    return data


def test_the_training_script_writes_a_model_that_loads(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    data = _tiny_set(tmp_path)
    out = tmp_path / "model.json"
    labels = tmp_path / "labels.jsonl"
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(ROOT / "training" / "line_labels.py"), "--data", str(data), "--out",
                    str(labels)], check=True, env=env, capture_output=True)
    assert sum(1 for _ in labels.open()) == 4 * len([t for t in PAGE.split("\n") if t.strip()])
    subprocess.run([sys.executable, str(ROOT / "training" / "train_main_text.py"), "--train", str(data), "--out",
                    str(out)], check=True, env=env, capture_output=True)
    model = MainTextModel.load(out)
    assert model.trained_on == ("tiny",)
    article = default_pipeline().configure("main_text", model=str(out)).clean(PAGE, input_format="text")
    assert "Who pays" in article.paragraphs


def _random_pages(seed: int, lines_per_page: int, pages: int = 10) -> tuple[Any, Any, list[dict]]:
    """Random feature rows labelled by a rule over two features, as training pages of two sets."""
    import numpy as np
    X = np.random.default_rng(seed).normal(size=(pages * lines_per_page, len(FEATURES)))
    y = (X[:, 0] + 0.5 * X[:, 3] > 0).astype(int)
    n = lines_per_page
    return X, y, [{"set": "a" if k % 2 else "b", "rows": X[k * n:(k + 1) * n].tolist(),
                   "y": y[k * n:(k + 1) * n].tolist(), "words": [5] * n} for k in range(pages)]


def test_inference_matches_the_fitted_model() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    train_main_text = training_module("train_main_text")
    X, y, pages = _random_pages(seed=0, lines_per_page=20)
    data = train_main_text.fit(pages, "logistic")
    model = MainTextModel(data)
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=train_main_text.C, max_iter=5000, random_state=train_main_text.SEED)
    clf.fit(scaler.transform(X), y, sample_weight=np.array(train_main_text.page_weights(pages)))
    expected = clf.predict_proba(scaler.transform(X[:5]))[:, 1]
    assert model.probabilities(X[:5].tolist()) == pytest.approx(expected.tolist(), rel=1e-6)


def test_trees_inference_matches_the_fitted_trees() -> None:
    pytest.importorskip("sklearn")
    import numpy as np
    train_main_text = training_module("train_main_text")
    X, y, pages = _random_pages(seed=1, lines_per_page=40)
    model = MainTextModel(train_main_text.fit_weights(pages, "trees"))
    assert model.kind == "trees"
    probs = model.probabilities(X[:50].tolist())
    # the file's trees give the fitted classifier's probabilities
    from sklearn.ensemble import HistGradientBoostingClassifier
    clf = HistGradientBoostingClassifier(max_iter=train_main_text.TREES, max_depth=train_main_text.DEPTH,
                                         learning_rate=train_main_text.RATE, early_stopping=False,
                                         random_state=train_main_text.SEED)
    clf.fit(X, y, sample_weight=np.array(train_main_text.page_weights(pages)))
    assert probs == pytest.approx(clf.predict_proba(X[:50])[:, 1].tolist(), rel=1e-6)
    # the trees learnt the rule they were shown, and explain names its two features first
    assert sum((p >= 0.5) == bool(t) for p, t in zip(probs, y[:50])) >= 45
    assert {name for name, _ in model.explain(X[0].tolist(), top=2)} == {FEATURES[0], FEATURES[3]}
    # the contributions add up to the log-odds less the trees' mean (each node holds its leaves' mean)
    row = X[1].tolist()
    parts = model.explain(row, top=len(FEATURES))
    logit = math.log(probs[1] / (1 - probs[1]))
    trees = model.scorer.trees
    base = trees.init + trees.rate * sum(tree[0][4] for tree in trees.trees)
    assert sum(v for _, v in parts) == pytest.approx(logit - base, abs=0.01 * len(parts) + 1e-6)


def test_a_block_of_teasers_is_recognised_as_a_whole() -> None:
    from cleannews.cleaners.teasers import teaser_blocks
    lines = ["Bridge closed after storm damage", "The old bridge will stay shut for a week while engineers inspect it.",
             "River level warning issued for weekend", "Forecasters expect heavy rain on Saturday and Sunday.",
             "Who pays", "The council will borrow most of the money, and a national fund pays a third."]
    assert teaser_blocks(lines) == [(0, 3, 2, 0)]  # one title over one paragraph is no block
    # an author and a date between a teaser's title and its summary belong to the teaser
    feed = ["Bridge closed after storm damage", "Tom Baker", "Tuesday November 19, 2019", lines[1],
            "River level warning issued for weekend", "Anna Smith", lines[3], *lines[4:]]
    assert teaser_blocks(feed) == [(0, 6, 2, 2)] and teaser_blocks(feed)[0].feed
    assert teaser_blocks(feed, max_meta=0) == []  # (titles right over their summaries only)
    # three lines between them, or a sentence, and it is no teaser
    assert teaser_blocks([feed[0], "Tom Baker", "Anna Smith", "19 November", lines[1], *lines[2:4]]) == []
    assert teaser_blocks([feed[0], "He said so.", lines[1], *lines[2:4]]) == []
    explained = default_pipeline().explain(PAGE, input_format="text")
    reasons = {d.text: d.reason for d in explained.decisions}
    for line in ("Bridge closed after storm damage", "Pupils moved into the new building on Monday morning."):
        assert reasons[line] is not None and "one of a block of 3 teasers" in reasons[line]
