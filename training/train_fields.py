"""Train the field ranker's models from labelled pages (see ``field_labels.py``) and write them
as the JSON file :mod:`cleannews.fields.model` reads.

    python3 training/train_fields.py --train /tmp/labels/wcxb-dev.jsonl --out /tmp/model-wcxb.json \\
        --eval /tmp/labels/trafilatura.jsonl

One model per field (scikit-learn, ``pip install -e '.[train]'``), fixed seeds: boosted trees for
the headline, byline and date (``--kind trees``, the default: the mean of ``ENSEMBLE`` fits with
consecutive seeds, stored as one model), a logistic regression for the kicker (and for every field
with ``--kind logistic``):

* ``headline``: among a page's headline candidates, the gold headline's line (or the line that
  carries it behind a glued kicker);
* ``byline``: the lines that hold a gold name; the threshold under which the best line is not
  taken (no byline) is the one with which the most training pages get a right line, or none
  where the gold names no author;
* ``date``: the lines with the gold date; the threshold likewise, but each training page scored
  by a model that did not see its site (out of fold: a model's scores on the pages it was fitted
  to are surer than on new ones, and a threshold picked on them is too high);
* ``kicker``: for a headline line shaped "Topic - Headline" / "Topic: Headline", whether the gold
  headline is the part after the separator (the part before is the kicker).

``--eval`` prints, per field, the share of pages of another set on which the best candidate is
a right one (a quick check; the figures that count come from the whole pipeline, see
``benchmarks/fields.py``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

_SRC = Path(__file__).resolve().parent.parent / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from cleannews.fields.candidates import is_candidate  # noqa: E402
from cleannews.fields.model import LinearModel, Model, TreeModel  # noqa: E402

SEED = 0
#: The regularisation strength (scikit-learn's C) of every model.
C = 0.5
#: The boosted trees of the headline, byline and date models: how many, how deep, how fast.
TREES = 150
DEPTH = 3
RATE = 0.1
#: Each boosted-tree model is this many fits, with seeds SEED, SEED + 1, ..., averaged (their
#: trees summed at RATE / ENSEMBLE): one fit's choice of the best line moves by a point or two with
#: the seed alone, and the mean of several is steadier and better on the other set.
ENSEMBLE = 5
FIELDS = ("headline", "byline", "date")
THRESHOLDS = [x / 100 for x in range(0, 96, 5)]
#: The training pages are split into this many folds by site to score each page with a model
#: that did not see it, for the thresholds of these fields. The byline's threshold picked so
#: (by the share of pages with a right line, or by the byline F1 of the names the ranker would
#: read) came out lower when trained on wcxb-dev and cost the trafilatura set 0.014-0.015 of byline:
#: the two sets differ in how many pages name no author.
THRESHOLD_FOLDS = 5
OUT_OF_FOLD_THRESHOLDS = ("date",)


def read_pages(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    """The labelled pages of JSON-lines files."""
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)


def positive(field: str, labels: dict[str, bool]) -> bool:
    """Whether a candidate's labels make it a right line of the field."""
    if field == "headline":
        return labels["headline"] or labels["glued"]
    return labels[field]


def has_gold(page: dict[str, Any], field: str) -> bool:
    """Whether a labelled page's gold says what the field is (a headline must be given)."""
    return bool(page["has"].get(field)) and (field != "headline" or bool(page["gold"].get("headline")))


def field_candidates(page: dict[str, Any], field: str) -> list[dict[str, Any]]:
    """A labelled page's candidates for the field."""
    return [c for c in page["candidates"] if is_candidate(field, c["features"])]


def field_rows(pages: list[dict[str, Any]], field: str) -> list[list[tuple[dict[str, float], bool]]]:
    """Per page that has the field's gold: its candidates' (features, right?) pairs."""
    return [[(c["features"], positive(field, c["labels"])) for c in field_candidates(page, field)]
            for page in pages if has_gold(page, field)]


def kicker_rows(pages: list[dict[str, Any]]) -> list[tuple[dict[str, float], bool]]:
    """(split features, the gold headline is the part after the separator) for every candidate
    that is the gold headline whole or behind a glued kicker."""
    rows = []
    for page in pages:
        for c in page["candidates"]:
            labels = c["labels"]
            if (labels["glued"] or labels["unglued"]) and c.get("split"):
                rows.append((c["split"], bool(labels["glued"])))
    return rows


def fit(rows: list[tuple[dict[str, float], bool]]) -> LinearModel:
    """A standardised logistic regression over the rows' features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    names = sorted({k for f, _ in rows for k in f})
    x = np.array([[f.get(k, 0.0) for k in names] for f, _ in rows], dtype=float)
    y = np.array([int(label) for _, label in rows])
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    if len(set(y.tolist())) < 2:  # one class only (a tiny input): a constant model
        p = 0.999 if y.size and y[0] else 0.001
        return LinearModel(tuple(names), tuple(mean), tuple(scale), (0.0,) * len(names),
                           float(np.log(p / (1 - p))))
    clf = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    clf.fit((x - mean) / scale, y)
    return LinearModel(tuple(names), tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                       tuple(round(float(v), 6) for v in clf.coef_[0]), round(float(clf.intercept_[0]), 6))


def fit_trees(rows: list[tuple[dict[str, float], bool]]) -> Model:
    """Small gradient-boosted trees over the rows' features (a constant model on one class)."""
    import numpy as np
    from sklearn.ensemble import GradientBoostingClassifier

    names = sorted({k for f, _ in rows for k in f})
    y = np.array([int(label) for _, label in rows])
    if len(set(y.tolist())) < 2:
        return fit(rows)
    x = np.array([[f.get(k, 0.0) for k in names] for f, _ in rows], dtype=float)
    inits, trees = [], []
    for seed in range(SEED, SEED + ENSEMBLE):
        clf = GradientBoostingClassifier(n_estimators=TREES, max_depth=DEPTH, learning_rate=RATE,
                                         subsample=0.8, random_state=seed)
        clf.fit(x, y)
        inits.append(float(clf._raw_predict_init(x[:1])[0, 0]))  # (the prior's log-odds: the same each time)
        for est in clf.estimators_[:, 0]:
            t = est.tree_
            trees.append(tuple((int(t.feature[k]) if t.children_left[k] != -1 else -1,
                                round(float(t.threshold[k]), 6), int(t.children_left[k]), int(t.children_right[k]),
                                round(float(t.value[k][0][0]), 6)) for k in range(t.node_count)))
    return TreeModel(tuple(names), round(sum(inits) / len(inits), 6), RATE / ENSEMBLE, tuple(trees))


def page_accuracy(pages: list[list[tuple[float, bool]]], threshold: float, *, gold_present: list[bool]) -> float:
    """Share of pages right, from each page's candidates' (score, right?) pairs: the best
    candidate is a right line (when its score reaches the threshold), or no candidate reaches it
    on a page whose gold has no value."""
    right = 0
    for scored, present in zip(pages, gold_present):
        best = max(scored, default=(0.0, False))
        if best[0] >= threshold and scored:
            right += best[1]
        else:
            right += not present
    return right / max(1, len(pages))


def steady_threshold(held: list[list[tuple[float, bool]]], present: list[bool]) -> float:
    """The threshold in the middle of the best ones: of the run of :data:`THRESHOLDS` around the
    most accurate one (page accuracy, see :func:`page_accuracy`) whose accuracy is within one
    standard error of the best, the middle one (the lower of two). Where the accuracy is flat
    over a wide range, the single best threshold is chance, and one set's best can sit at the
    edge of the range that serves the other set (a byline threshold of 0.1 learnt on one set
    where 0.25 serves the other)."""
    accuracy = [page_accuracy(held, t, gold_present=present) for t in THRESHOLDS]
    best = max(range(len(THRESHOLDS)), key=lambda i: (accuracy[i], -i))
    floor = accuracy[best] - math.sqrt(accuracy[best] * (1 - accuracy[best]) / max(1, len(held)))
    low = high = best
    while low > 0 and accuracy[low - 1] >= floor:
        low -= 1
    while high < len(THRESHOLDS) - 1 and accuracy[high + 1] >= floor:
        high += 1
    return THRESHOLDS[(low + high) // 2]


def scored(model: Model, pages: list[list[tuple[dict[str, float], bool]]]) -> list[list[tuple[float, bool]]]:
    """Each page's candidates as (the model's score, right?) pairs."""
    return [[(model.score(f), ok) for f, ok in rows] for rows in pages]


def fold_of(site: str, folds: int) -> int:
    """The fold a site's pages go to (the same on every machine and run)."""
    return int(hashlib.sha256(site.encode("utf-8")).hexdigest(), 16) % folds


def out_of_fold(pages: list[dict[str, Any]], field: str, kind: str) -> list[list[tuple[float, bool]]]:
    """Each page's candidates (as :func:`field_rows` gives them) scored by a model trained on the
    pages of the other :data:`THRESHOLD_FOLDS` folds (a site's pages all in one fold)."""
    with_field = [p for p in pages if has_gold(p, field)]
    folds = [fold_of(str(p.get("site") or f"{p.get('set', '')}/{p.get('id', '')}"), THRESHOLD_FOLDS)
             for p in with_field]
    per_page = field_rows(with_field, field)
    out: list[list[tuple[float, bool]]] = [[] for _ in with_field]
    for k in range(THRESHOLD_FOLDS):
        inside = [i for i, f in enumerate(folds) if f == k]
        if not inside:
            continue
        rows = [row for i, page_rows in enumerate(per_page) if folds[i] != k for row in page_rows]
        model = (fit_trees(rows) if kind == "trees" else fit(rows)) if rows else None
        for i in inside:
            out[i] = scored(model, [per_page[i]])[0] if model else [(0.0, ok) for _, ok in per_page[i]]
    return out


def gold_present(pages: list[dict[str, Any]], field: str) -> list[bool]:
    """Per page with the field's gold (as :func:`field_rows` picks them): whether it has a value."""
    return [bool(page["gold"].get(field)) for page in pages if has_gold(page, field)]


def train(pages: list[dict[str, Any]], *, kind: str = "trees") -> dict[str, Model]:
    """The models of every field, trained on the pages (``kind``: "trees" or "logistic")."""
    import dataclasses

    models: dict[str, Model] = {}
    for field in FIELDS:
        per_page = field_rows(pages, field)
        rows = [row for page_rows in per_page for row in page_rows]
        model: Model = fit_trees(rows) if kind == "trees" else fit(rows)
        if field != "headline":
            # (the byline's on the model's own scores: see OUT_OF_FOLD_THRESHOLDS)
            held = out_of_fold(pages, field, kind) if field in OUT_OF_FOLD_THRESHOLDS else scored(model, per_page)
            present = gold_present(pages, field)
            model = dataclasses.replace(model, threshold=steady_threshold(held, present))
        models[field] = model
    kicker = kicker_rows(pages)
    if kicker:
        models["kicker"] = fit(kicker)
    return models


def evaluate(models: dict[str, Model], pages: list[dict[str, Any]]) -> dict[str, float]:
    """Per field, the share of pages where the best candidate is right (see :func:`page_accuracy`)."""
    out = {}
    for field in FIELDS:
        per_page = field_rows(pages, field)
        out[field] = page_accuracy(scored(models[field], per_page), models[field].threshold,
                                   gold_present=gold_present(pages, field))
    if "kicker" in models:
        rows = kicker_rows(pages)
        out["kicker"] = sum((models["kicker"].score(f) >= 0.5) == y for f, y in rows) / max(1, len(rows))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--train", action="append", required=True, type=Path, help="labelled pages (JSON lines)")
    ap.add_argument("--eval", action="append", default=[], type=Path, help="labelled pages to check on")
    ap.add_argument("--kind", choices=("trees", "logistic"), default="trees",
                    help="the headline, byline and date models' kind (the kicker's is logistic)")
    ap.add_argument("--out", required=True, type=Path, help="the model file to write")
    a = ap.parse_args(argv)
    pages = list(read_pages(a.train))
    models = train(pages, kind=a.kind)
    trained_on = sorted({p.get("set", "") for p in pages})
    data = {"version": 1, "trained_on": trained_on, "seed": SEED, "kind": a.kind,
            "models": {k: m.to_dict() for k, m in models.items()}}
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"trained on {len(pages)} pages ({', '.join(trained_on)}) -> {a.out}", file=sys.stderr)
    if a.eval:
        held = list(read_pages(a.eval))
        scores = evaluate(models, held)
        print(json.dumps({"trained_on": trained_on, "checked_on": sorted({p.get("set", "") for p in held}),
                          **{k: round(v, 4) for k, v in scores.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
