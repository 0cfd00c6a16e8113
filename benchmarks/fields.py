"""Cross-set figures of the field ranker: headline, byline and date on the text path, each set
scored with models trained on the other set only.

    python3 benchmarks/fields.py --eval /path/to/eval            # labels, trains, scores
    python3 benchmarks/fields.py --eval /path/to/eval --work /tmp/fields --reuse

The evaluation root holds the sets ``trafilatura`` and ``wcxb-dev`` (``<id>/page.txt`` and
``gold.json``), and ``scrapinghub`` for the body figure. For each of the two sets the benchmark

1. labels its pages (``training/field_labels.py``; with ``--reuse``, labels already in
   ``--work`` are read instead),
2. trains models on the *other* set (``training/train_fields.py``),
3. cleans every page with the default pipeline whose field ranker reads those models, and
   scores headline, byline and date as the project's scorer does (and the body: snippets).

It prints one Markdown table: per set, what the models were trained on, and the figures with
the rule-based steps alone (the ranker dropped) and with the ranker. The shipped model
(trained on both sets) is never scored here: its figures would be training figures.

With ``--site-folds K`` it adds the other protocol the evaluation README allows, a split by
site: the pages of both sets are put in K folds by their address's host (a host's pages all in
one fold, whatever the set), K models are trained each on the pages of the other folds, and
every page is cleaned with the model that did not see its site. Each set's figure is then that
of pages whose sites no model it was cleaned with was trained on, with models that saw both
languages and both sets' labelling, as the shipped model does.

    python3 benchmarks/fields.py --eval /path/to/eval --work /tmp/fields --reuse --site-folds 5
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import quality  # noqa: E402

SETS = ("trafilatura", "wcxb-dev")
KEYS = ("headline", "byline", "date", "snip_F1", "F1")


def labels(eval_root: Path, name: str, work: Path, reuse: bool) -> Path:
    """The labelled pages of a set (made unless ``reuse`` finds them)."""
    import field_labels

    out = work / f"labels-{name}.jsonl"
    if not (reuse and out.exists()):
        field_labels.main(["--data", str(eval_root / name), "--out", str(out)])
    return out


def train(label_files: list[Path], out: Path) -> Path:
    """A model file trained on the labelled pages."""
    import train_fields

    args = [a for f in label_files for a in ("--train", str(f))]
    train_fields.main([*args, "--out", str(out)])
    return out


def site_folds(eval_root: Path, files: dict[str, Path], work: Path, folds: int) -> list[dict[str, Any]]:
    """Figures by site split: per fold, a model trained on the labelled pages of both sets in the
    other folds; every page cleaned with the model of its own fold (see the module's docstring)."""
    import cleannews
    from field_labels import site_of
    from train_fields import fold_of

    fold: dict[tuple[str, str], int] = {}
    pages = {name: quality.load_set(eval_root / name, "txt", None) for name in SETS}
    for name, items in pages.items():
        for page in items:
            fold[name, page["id"]] = fold_of(site_of(page["gold"], page["id"]), folds)
    rows = {name: [json.loads(line) for line in files[name].read_text(encoding="utf-8").splitlines() if line]
            for name in SETS}
    results = []
    figures: dict[str, list[dict[str, Any]]] = {name: [] for name in SETS}
    for k in range(folds):
        train_file = work / f"labels-fold-{k}-of-{folds}.jsonl"
        with train_file.open("w", encoding="utf-8") as out:
            for name in SETS:
                for row in rows[name]:
                    if fold.get((name, row["id"])) != k:
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        model = train([train_file], work / f"model-fold-{k}-of-{folds}.json")
        pipeline = cleannews.default_pipeline().configure("fields", model=str(model))
        for name in SETS:
            for page in pages[name]:
                if fold[name, page["id"]] == k:
                    a = pipeline.clean(quality.read(page["dir"] / "page.txt"), input_format="text")
                    pred = {"body": a.body, "headline": a.headline, "byline": list(a.byline),
                            "date": quality.iso(a.date)}
                    figures[name].append(quality.score_page(pred, page["gold"]))
    for name in SETS:
        summary = quality.summarise(figures[name])
        results.append({"set": name, "trained_on": f"both, other sites ({folds} folds)", "system": "ranker",
                        **{key: summary.get(key) for key in ("docs", *KEYS)}})
    return results


def score(eval_root: Path, name: str, model: Path | None) -> dict[str, Any]:
    """The scorer's figures on a set: the default pipeline with the ranker reading ``model``, or
    without the ranker (``model`` None)."""
    import cleannews

    pipeline = cleannews.default_pipeline()
    pipeline = pipeline.drop("fields") if model is None else pipeline.configure("fields", model=str(model))
    rows = []
    for page in quality.load_set(eval_root / name, "txt", None):
        a = pipeline.clean(quality.read(page["dir"] / "page.txt"), input_format="text")
        pred = {"body": a.body, "headline": a.headline, "byline": list(a.byline), "date": quality.iso(a.date)}
        rows.append(quality.score_page(pred, page["gold"]))
    return quality.summarise(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", required=True, type=Path, help="the evaluation root (a folder of sets)")
    ap.add_argument("--work", type=Path, default=Path("benchmarks/results/fields"),
                    help="where labels and the cross-set models go")
    ap.add_argument("--reuse", action="store_true", help="read labels already in --work")
    ap.add_argument("--json", type=Path, help="write the figures to this file too")
    ap.add_argument("--site-folds", type=int, default=0, metavar="K",
                    help="also split both sets by site into K folds (see above); 0: only cross-set")
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    files = {name: labels(a.eval, name, a.work, a.reuse) for name in SETS}
    results = []
    for name in SETS:
        others = [n for n in SETS if n != name]
        model = train([files[n] for n in others], a.work / f"model-not-{name}.json")
        for label, path in (("rules only", None), ("ranker", model)):
            figures = score(a.eval, name, path)
            results.append({"set": name, "trained_on": "-" if path is None else "+".join(others),
                            "system": label, **{k: figures.get(k) for k in ("docs", *KEYS)}})
    if a.site_folds > 1:
        results += site_folds(a.eval, files, a.work, a.site_folds)
    head = "| set | models trained on | system | docs | headline | byline | date | snip F1 | body F1 |"
    rows = [head, "|" + "---|" * 9]
    for r in results:
        cells = [f"{r[k]:.3f}" if isinstance(r[k], float) else "–" for k in KEYS]
        rows.append(f"| {r['set']} | {r['trained_on']} | {r['system']} | {r['docs']} | " + " | ".join(cells) + " |")
    print("\n".join(rows))
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
