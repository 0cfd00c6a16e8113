"""Train the main-text model (see ``cleannews.cleaners.main_text_model``) on evaluation sets.

For every page of each ``--train`` set (a folder of ``<id>/{page.txt,gold.json}``) the default
pipeline runs up to its ``main_text`` step, which reports the features of each line it decides
(``MainText.model_rows``); each line's label comes from the gold (``line_labels.py``). Boosted
trees (scikit-learn's histogram gradient boosting, fixed seed; ``--kind logistic``: a logistic
regression) are fitted with each page weighing the same and each line by its words; the
smoothing and the thresholds are then chosen on the training pages (mean per-page word F1, the
scorer's measure in words; each set weighs the same). The model is written as JSON.

Then the model's continuation part (``cleannews.cleaners.continuation``) is learnt with that line
model: the blocks of prose below each training page's run are weighed as the step weighs them,
each labelled by the gold (most of its labelled words in the body), and a second logistic
regression is fitted on them, each set and each outcome weighing the same; its threshold is even
odds. ``--no-continuation`` leaves the part out.

    python3 training/train_main_text.py --train EVAL/scrapinghub --train EVAL/trafilatura --out model.json

``--cache DIR`` keeps each set's features (JSON lines, keyed by the code's feature list) so that
later runs skip the pipeline. Needs the ``train`` extra (``pip install -e ".[train]"``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from line_labels import labelled_pages  # noqa: E402

from cleannews.cleaners.main_text_model import KIND_LOGISTIC, KIND_TREES  # noqa: E402

SEED = 0
#: the version of the feature cache's records (with the code's feature names, its file's key)
CACHE_FORMAT = 2
#: the boosted trees of the line model: how many, how deep, how fast
TREES = 100
DEPTH = 3
RATE = 0.1
#: the logistic regression's regularisation strength's inverse (scikit-learn's C)
C = 0.5
SMOOTHING_GRID = (0.0, 0.2)
#: the thresholds tried (see ``Thresholds``): remove, inside, extend, gap. The run grows past
#: the rules' end only over lines the model is sure of, across short gaps: what follows an
#: article's end differs most from site to site (comments, teaser lists, tables of the text)
#: and a bolder setting learnt on some sets costs precision on others.
GRID = ((0.1, 0.2, 0.3), (0.4, 0.5, 0.6), (0.6, 0.7), (1, 2))
#: the continuation model's regularisation strength's inverse
CONTINUATION_C = 0.1
#: a block continues the article when at least this share of its labelled words is in the body
CONTINUES_SHARE = 0.5


def before_main_text(text: str) -> tuple[Any, Any]:
    """The page as the default pipeline's steps before ``main_text`` leave it, and that step."""
    from cleannews.defaults import default_pipeline
    from cleannews.prepare import prepare
    pipeline = default_pipeline()
    k = pipeline.index("main_text")
    page = prepare(text, input_format="text")
    pipeline[:k].process(page)
    return page, pipeline["main_text"]


def page_rows(text: str) -> list[tuple[int, list[float], int, bool]]:
    """(input line index, features, words, in a block of teasers after the run?) of each line
    the main-text step decides on a page."""
    page, step = before_main_text(text)
    out = []
    for i, row, teaser in step.model_rows(page):
        line = page.lines[i]
        out.append((line.number - 1, row, max(1, len(line.text.split())), teaser))
    return out


def set_rows(data: Path, cache: Path | None) -> list[dict]:
    """One record per labelled page of a set: id, rows (features), labels, words, and the
    lines in a block of teasers after the rules' run (positions in rows)."""
    from cleannews.cleaners.main_text_model import FEATURES
    key = hashlib.sha1(json.dumps([CACHE_FORMAT, *FEATURES]).encode()).hexdigest()[:10]
    path = cache / f"{data.name}-{key}.jsonl" if cache else None
    if path is not None and path.exists():
        return [json.loads(line) for line in path.open(encoding="utf-8")]
    out = []
    for page, labels in labelled_pages(data):
        text = (data / page / "page.txt").read_text(encoding="utf-8", errors="replace")
        rows, ys, ws, teasers = [], [], [], []
        for n, row, words, teaser in page_rows(text):
            y = labels[n] if 0 <= n < len(labels) else None
            if y is None:
                continue
            if teaser:
                teasers.append(len(rows))
            rows.append(row)
            ys.append(int(y))
            ws.append(words)
        if rows:
            out.append({"set": data.name, "page": page, "rows": rows, "y": ys, "words": ws, "teasers": teasers})
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as f:
            for rec in out:
                f.write(json.dumps(rec) + "\n")
    return out


def page_weights(pages: list[dict]) -> list[float]:
    """Each line's training weight: its words' share of its page's, each set weighing the same
    in all (a set of many pages does not drown one of few), scaled to a mean of 1."""
    per_set: dict[str, int] = {}
    for p in pages:
        per_set[p["set"]] = per_set.get(p["set"], 0) + 1
    w = [words / sum(p["words"]) / per_set[p["set"]] for p in pages for words in p["words"]]
    scale = len(w) / sum(w)
    return [x * scale for x in w]


def fit_weights(pages: list[dict], kind: str = KIND_TREES) -> dict:
    """The model's JSON data without its smoothing and thresholds, fitted on the pages' rows:
    boosted trees (``kind`` "trees") or a logistic regression ("logistic")."""
    if kind == KIND_TREES:
        return fit_trees(pages)
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from cleannews.cleaners.main_text_model import FEATURES, MODEL_FORMAT

    X = np.array([r for p in pages for r in p["rows"]], dtype=float)
    y = np.array([v for p in pages for v in p["y"]])
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    clf.fit(scaler.transform(X), y, sample_weight=np.array(page_weights(pages)))
    return {"format": MODEL_FORMAT, "features": list(FEATURES), "mean": scaler.mean_.tolist(),
            "scale": [float(s) if s > 0 else 1.0 for s in scaler.scale_],
            "coef": clf.coef_[0].tolist(), "intercept": float(clf.intercept_[0])}


def fit_trees(pages: list[dict]) -> dict:
    """Boosted trees (scikit-learn's histogram gradient boosting, fixed seed) over the pages'
    rows, weighted as :func:`fit_weights`'s, as the model's JSON data. Each inner node carries
    the mean of the leaf values under it, weighted by the training lines that reached them (what
    :meth:`cleannews.cleaners.line_trees.BoostedTrees.explain` reads)."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from cleannews.cleaners.main_text_model import FEATURES, MODEL_FORMAT

    X = np.array([r for p in pages for r in p["rows"]], dtype=float)
    y = np.array([v for p in pages for v in p["y"]])
    clf = HistGradientBoostingClassifier(max_iter=TREES, max_depth=DEPTH, learning_rate=RATE,
                                         early_stopping=False, random_state=SEED)
    clf.fit(X, y, sample_weight=np.array(page_weights(pages)))
    trees = []
    for (predictor,) in clf._predictors:
        nodes = predictor.nodes
        means: dict[int, tuple[float, float]] = {}  # node -> (mean leaf value, lines)

        def mean_of(k: int) -> tuple[float, float]:
            node = nodes[k]
            if node["is_leaf"]:
                return float(node["value"]), float(node["count"])
            (a, n), (b, m) = mean_of(int(node["left"])), mean_of(int(node["right"]))
            means[k] = ((a * n + b * m) / (n + m) if n + m else 0.0, n + m)
            return means[k]

        mean_of(0)
        trees.append([[-1, 0.0, -1, -1, round(float(node["value"]), 8)] if node["is_leaf"] else
                      [int(node["feature_idx"]), float(node["num_threshold"]), int(node["left"]),
                       int(node["right"]), round(means[k][0], 8)]
                      for k, node in enumerate(nodes)])
    return {"format": MODEL_FORMAT, "kind": KIND_TREES, "features": list(FEATURES),
            "init": float(np.ravel(clf._baseline_prediction)[0]), "rate": 1.0, "trees": trees}


def fit(pages: list[dict], kind: str = KIND_TREES) -> dict:
    """The model's JSON data, fitted on the pages' rows.

    With pages of two sets or more, the smoothing and thresholds are chosen across sets: for
    each set, weights fitted on the other sets are tried on it, and the setting with the best
    mean over those held-out sets is kept (thresholds tuned on the sets the weights saw make
    the model too bold on a set it has not seen). With one set they are tuned on it."""
    sets = sorted({p["set"] for p in pages})
    if len(sets) < 2:
        scores = grid_scores(fit_weights(pages, kind), pages)
    else:
        scores = {}
        for held in sets:
            part = grid_scores(fit_weights([p for p in pages if p["set"] != held], kind),
                               [p for p in pages if p["set"] == held])
            for key, value in part.items():
                scores[key] = scores.get(key, 0.0) + value / len(sets)
    model = fit_weights(pages, kind)
    best = max(scores, key=lambda k: (round(scores[k], 9), k))
    model["smoothing"] = best[0]
    model["thresholds"] = dict(zip(("remove", "inside", "extend", "gap"), best[1:]))
    return model


def page_f1(keep: Iterable[bool], y: list[int], words: list[int]) -> float:
    """Word-weighted F1 of one page's decisions (1.0 when the page has nothing to keep and keeps nothing)."""
    tp = fp = fn = 0
    for k, t, n in zip(keep, y, words):
        tp += n * (k and t)
        fp += n * (k and not t)
        fn += n * (t and not k)
    if tp == 0:
        return 1.0 if fp == fn == 0 else 0.0
    return 2 * tp / (2 * tp + fp + fn)


def grid_scores(data: dict, pages: list[dict]) -> dict[tuple, float]:
    """(smoothing, remove, inside, extend, gap) -> the mean page F1 over the pages (each set
    weighing the same), for every setting of the grids."""
    from cleannews.cleaners.main_text_model import MainTextModel, Thresholds, decide, rule_kind, rules_certain
    model = MainTextModel(data | {"smoothing": 0.0, "thresholds": {}})
    raw = [model.probabilities(p["rows"]) for p in pages]
    kinds = [[rule_kind(r) for r in p["rows"]] for p in pages]
    fixed = [[rules_certain(r, k in teasers) for k, r in enumerate(p["rows"])]
             for p in pages for teasers in [set(p.get("teasers", ()))]]
    sets = sorted({p["set"] for p in pages})
    out: dict[tuple, float] = {}
    for a in SMOOTHING_GRID:
        model.smoothing = a
        smoothed = [model.smooth(r) for r in raw]
        for setting in itertools.product(*GRID):
            t = Thresholds(*setting)
            by_set: dict[str, list[float]] = {s: [] for s in sets}
            for s, k, f, p in zip(smoothed, kinds, fixed, pages):
                by_set[p["set"]].append(page_f1(decide(s, k, t, f), p["y"], p["words"]))
            out[(a, *setting)] = sum(sum(v) / len(v) for v in by_set.values()) / len(sets)
    return out


def block_label(page: Any, block: tuple[int, ...], labels: list[bool | None]) -> bool | None:
    """Whether a block continues the article: most of its labelled words are in the body (None
    when none of its lines is labelled)."""
    inside = total = 0
    for i in block:
        line = page.lines[i]
        n = line.number - 1
        y = labels[n] if 0 <= n < len(labels) else None
        if y is not None:
            words = len(line.text.split())
            total += words
            inside += words * y
    return inside >= CONTINUES_SHARE * total if total else None


def continuation_rows(data: Path, model_file: Path) -> list[dict]:
    """The continuation candidates of a set's labelled pages (see
    ``cleannews.cleaners.continuation``), with the line model in ``model_file``: one record per
    page with each labelled candidate's features and label. Each page is weighed twice: with
    every block taken until the first that is not the article's (as the model will meet them
    when it is right), and with every block taken (the feeds and comment threads below an
    article, which the first way stops before)."""
    out = []
    for page_id, labels in labelled_pages(data):
        text = (data / page_id / "page.txt").read_text(encoding="utf-8", errors="replace")
        page, step = before_main_text(text)
        rows, ys = [], []
        for take_all in (False, True):
            def judge(candidate: Any) -> bool:
                y = block_label(page, candidate.block, labels)
                if y is not None:
                    rows.append(list(candidate.row))
                    ys.append(int(y))
                return take_all or bool(y)
            step.continuation_candidates(page, judge, model=str(model_file))
        if rows:
            out.append({"set": data.name, "page": page_id, "rows": rows, "y": ys})
    return out


def fit_continuation(records: list[dict]) -> dict:
    """The continuation model's JSON data: a logistic regression in which each set weighs the
    same and, within all, both outcomes weigh the same (so that even odds are its threshold,
    whatever share of blocks continue the article on the sets it learnt from)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from cleannews.cleaners.continuation import FEATURES, THRESHOLD

    per_set: dict[str, int] = {}
    for r in records:
        per_set[r["set"]] = per_set.get(r["set"], 0) + len(r["y"])
    X = np.array([row for r in records for row in r["rows"]], dtype=float)
    y = np.array([v for r in records for v in r["y"]])
    w = np.array([1.0 / per_set[r["set"]] for r in records for _ in r["y"]])
    for outcome in (0, 1):
        w[y == outcome] *= 0.5 / w[y == outcome].sum()
    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=CONTINUATION_C, max_iter=5000, random_state=SEED)
    clf.fit(scaler.transform(X), y, sample_weight=w * len(y))
    return {"features": list(FEATURES), "mean": scaler.mean_.tolist(),
            "scale": [float(s) if s > 0 else 1.0 for s in scaler.scale_],
            "coef": clf.coef_[0].tolist(), "intercept": float(clf.intercept_[0]), "threshold": THRESHOLD,
            "candidates": int(len(y)), "continuing": int(y.sum())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", action="append", required=True, type=Path, help="a set folder; repeat for several")
    ap.add_argument("--out", required=True, type=Path, help="the model file to write")
    ap.add_argument("--cache", type=Path, help="a folder to keep each set's features in")
    ap.add_argument("--kind", choices=(KIND_TREES, KIND_LOGISTIC), default=KIND_TREES,
                    help="the line model: boosted trees (the default) or a logistic regression")
    ap.add_argument("--no-continuation", action="store_true",
                    help="write the line model only (no continuation part: the run is not bridged)")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    pages = [p for data in args.train for p in set_rows(data, args.cache)]
    if not pages:
        ap.error("no labelled lines in the training sets")
    model = fit(pages, args.kind)
    model["trained_on"] = [d.name for d in args.train]
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{sum(len(p['y']) for p in pages)} lines of {len(pages)} pages; smoothing {model['smoothing']}, "
          f"thresholds {model['thresholds']} -> {args.out} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    if not args.no_continuation:
        # (the candidates are read with the line model just written: the continuation part
        # learns from the runs that model ends)
        records = [r for data in args.train for r in continuation_rows(data, args.out)]
        outcomes = {y for r in records for y in r["y"]}
        if len(outcomes) < 2:
            print("continuation: the training pages hold no block of prose below a run both ways (continuing "
                  "and not); the model has no continuation part", file=sys.stderr)
            return 0
        model["continuation"] = fit_continuation(records)
        args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        part = model["continuation"]
        print(f"continuation: {part['candidates']} candidates, {part['continuing']} continue the article -> "
              f"{args.out} ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
