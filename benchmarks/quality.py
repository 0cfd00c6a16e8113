"""Quality benchmark: cleannews against the raw text, jusText and trafilatura, side by side.

    python3 benchmarks/quality.py --data /work/shared/eval/scrapinghub --data /work/shared/eval/trafilatura
    python3 benchmarks/quality.py --data /work/shared/eval/trafilatura --input html --json /tmp/q.json
    python3 benchmarks/quality.py --data /work/shared/eval/trafilatura --limit 100 --systems cleannews,raw

For every evaluation set (``--data DIR``, repeatable; a set is a folder of
``<id>/{page.txt,page.html.gz,gold.json}``) it runs, in one process:

* ``cleannews``: the default pipeline on the page's text (``--input txt``, the default) or on its
  HTML (``--input html``), auto-detecting the format as ``clean()`` does by default; with
  ``--model SET=FILE`` the set named SET is cleaned with that main-text model (the cross-set
  protocol of docs/quality.md: a model trained without the set);
* ``rules``: the same with the main-text model off (the main-text rules alone decide);
* ``raw``: page.txt unchanged (the floor);
* ``justext``: jusText over page.txt, one line = one paragraph, German and English stoplists,
  keeping the longer result (``--justext-lang detected`` adds the stoplist of the language
  cleannews detects);
* ``trafilatura``: ``trafilatura.bare_extraction(html, with_metadata=True)`` on page.html.gz.

and prints one table row per set, language group (pages whose gold ``lang`` is German, the
rest, and all) and system: body P/R/F1 where the gold has a body (ScrapingHub's method), snippet
P/R/F1/accuracy where it has with/without snippets (trafilatura's method), and headline, byline
and date accuracy where it has them; for cleannews also ``language``, the share of pages whose
detected language is the gold's (declared) one. The metrics are those of the project's scorer
(``/work/shared/eval/score.py``), re-implemented here line for line so that the two agree; the
benchmark only adds the side-by-side view and the language split.

The peers are slow (trafilatura on the 990-page set takes minutes), so their results are cached
under ``benchmarks/results/peers/`` (git-ignored), keyed by set, page, system and the peer's
version; ``--no-cache`` recomputes them. cleannews itself is never cached.

This is a benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import collections
import functools
import gzip
import html as html_lib
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable

SYSTEMS = ("cleannews", "rules", "raw", "justext", "trafilatura")
CACHE = Path(__file__).resolve().parent / "results" / "peers"

# -- the scorer's metrics (as /work/shared/eval/score.py computes them) -----------------------------
WORD = re.compile(r"\w+")
QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›'"})


def words(s: str | None) -> list[str]:
    """Words as the scorer counts them: regex \\w+, case-sensitive."""
    return WORD.findall(s or "")


def shingles(s: str | None) -> collections.Counter[tuple[str, ...]]:
    """The multiset of word 4-grams (one shorter shingle for texts under four words)."""
    w = words(s)
    return collections.Counter(tuple(w[i:i + 4]) for i in range(max(1, len(w) - 3)) if w[i:i + 4])


def norm(s: str | None) -> str:
    """Text for snippet and headline comparison: NFKC, one quote style, single spaces, casefolded."""
    s = unicodedata.normalize("NFKC", s or "").translate(QUOTES)
    return " ".join(s.split()).casefold()


def as_text(x: Any) -> str:
    """A body given as a list of paragraphs or one string, as one string."""
    if x is None:
        return ""
    return "\n\n".join(x) if isinstance(x, list) else str(x)


def names(x: Any) -> set[str]:
    """The set of normalised author names in a byline list or string."""
    if not x:
        return set()
    if isinstance(x, str):
        x = re.split(r";|,|\s+and\s+|\s+und\s+|/", x)
    return {norm(n) for n in x if norm(n)}


def byline_f1(pred: Any, gold: Any) -> float:
    """Set F1 of predicted against gold names (1.0 when both are empty)."""
    p, g = names(pred), names(gold)
    if not p and not g:
        return 1.0
    tp = len(p & g)
    return 0.0 if not tp else 2 * tp / (len(p) + len(g))


def iso(d: Any) -> str | None:
    """A date (object or string) as YYYY-MM-DD, or None."""
    if d is None or d == "":
        return None
    return d.isoformat()[:10] if hasattr(d, "isoformat") else str(d)[:10]


def score_body(pred: str, gold: Any, optional: list[str] | None) -> tuple[float | None, float | None]:
    """Per-page shingle precision and recall (None where undefined)."""
    for o in optional or []:
        pred = pred.replace(o, " ")
    a, b = shingles(as_text(gold)), shingles(pred)
    tp = sum((a & b).values())
    fp, fn = sum((b - a).values()), sum((a - b).values())
    P = (1.0 if fp == fn == 0 else tp / (tp + fp)) if tp + fp else None
    R = (1.0 if fp == fn == 0 else tp / (tp + fn)) if tp + fn else None
    return P, R


def score_page(pred: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """One page's row, as the scorer makes it (metadata only for systems that give it)."""
    body = as_text(pred.get("body"))
    row: dict[str, Any] = {}
    if gold.get("body"):
        row["P"], row["R"] = score_body(body, gold["body"], gold.get("optional"))
    if gold.get("with") or gold.get("without"):
        nb = norm(body)
        c = collections.Counter(tp=sum(norm(s) in nb for s in gold.get("with", [])),
                                fp=sum(norm(s) in nb for s in gold.get("without", [])))
        c["fn"], c["tn"] = len(gold.get("with", [])) - c["tp"], len(gold.get("without", [])) - c["fp"]
        row["snippets"] = dict(c)
    chrome = [c for c in gold.get("chrome") or [] if len(words(c)) >= 3]
    if chrome:
        nb = norm(body)
        row["leak"] = sum(norm(c) in nb for c in chrome) / len(chrome)
    if pred.get("metadata", True):
        if gold.get("headline"):
            row["headline"] = norm(pred.get("headline")) == norm(gold["headline"])
        if "byline" in gold and (gold["byline"] or "headline" in gold):
            row["byline"] = byline_f1(pred.get("byline"), gold["byline"])
        if "date" in gold:
            row["date"] = iso(pred.get("date")) == (gold["date"] or None)
    return row


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Corpus figures over page rows, as the scorer's summary line."""
    summary: dict[str, Any] = {"docs": len(rows)}
    Ps = [r["P"] for r in rows if r.get("P") is not None]
    Rs = [r["R"] for r in rows if r.get("R") is not None]
    if Rs:
        P, R = (statistics.mean(Ps) if Ps else 0.0), statistics.mean(Rs)
        summary.update(P=P, R=R, F1=2 * P * R / (P + R) if P + R else 0.0)
    snip: collections.Counter[str] = collections.Counter()
    for r in rows:
        snip.update(r.get("snippets", {}))
    if snip:
        sp = snip["tp"] / max(1, snip["tp"] + snip["fp"])
        sr = snip["tp"] / max(1, snip["tp"] + snip["fn"])
        summary.update(snip_P=sp, snip_R=sr, snip_F1=2 * sp * sr / (sp + sr) if sp + sr else 0.0,
                       snip_acc=(snip["tp"] + snip["tn"]) / max(1, sum(snip.values())))
    leaks = [r["leak"] for r in rows if "leak" in r]
    if leaks:
        summary["chrome_leak"] = statistics.mean(leaks)
    for k in ("headline", "byline", "date", "language"):
        vals = [float(r[k]) for r in rows if k in r]
        if vals:
            summary[k] = statistics.mean(vals)
    return summary


# -- the pages -----------------------------------------------------------------------------------
def load_set(folder: Path, input_kind: str, limit: int | None) -> list[dict[str, Any]]:
    """The scorable pages of a set: id, folder, gold, language (gold "lang", else the manifest's)."""
    manifest: dict[str, str] = {}
    if (folder / "manifest.json").exists():
        entries = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        manifest = {e["id"]: e.get("lang") for e in entries if isinstance(e, dict) and "id" in e}
    pages = []
    for d in sorted(p for p in folder.iterdir() if p.is_dir()):
        for name in ("gold.json", "expect.json"):
            if (d / name).exists():
                gold = json.loads((d / name).read_text(encoding="utf-8"))
                break
        else:
            continue
        if "headline" not in gold and "title" in gold:
            gold["headline"] = gold["title"]
        if "byline" not in gold and "author" in gold:
            gold["byline"] = gold["author"]
        if not any((d / f"page.{input_kind}{gz}").exists() for gz in ("", ".gz")):
            continue
        lang = str(gold.get("lang") or gold.get("region") or manifest.get(d.name) or "").lower()
        pages.append({"id": d.name, "dir": d, "gold": gold, "lang": lang})
    return pages[:limit] if limit else pages


def read(path: Path) -> str:
    """A page file as text (gzipped or not), as the scorer reads it."""
    if not path.exists() and path.with_name(path.name + ".gz").exists():
        return gzip.decompress(path.with_name(path.name + ".gz").read_bytes()).decode("utf-8", errors="replace")
    return path.read_text(encoding="utf-8", errors="replace")


# -- the systems ---------------------------------------------------------------------------------
def run_cleannews(page: dict[str, Any], input_kind: str, model: str | None = None,
                  use_model: bool = True, fields_model: str | None = None) -> dict[str, Any]:
    """cleannews on the page; ``model``: the main-text model file (None: the shipped one);
    ``use_model`` False: the main-text rules alone decide; ``fields_model``: the field ranker's
    model file (None: the shipped one), for the text path's ranker and the HTML path's byline
    read in the visible text alike."""
    a = _pipeline(model, use_model, fields_model).clean(read(page["dir"] / f"page.{input_kind}"))
    return {"body": a.body, "headline": a.headline, "byline": list(a.byline or []), "date": iso(a.date),
            "language": a.language}


@functools.lru_cache(maxsize=8)
def _pipeline(model: str | None, use_model: bool, fields_model: str | None = None) -> Any:
    """The default pipeline with the given main-text and field models (built once per setting)."""
    from cleannews.defaults import default_pipeline
    pipeline = default_pipeline().configure("main_text", model=model or "", use_model=use_model)
    if fields_model:
        pipeline = pipeline.configure("fields", model=fields_model).configure("visible_byline", model=fields_model)
    return pipeline


def run_raw(page: dict[str, Any], input_kind: str) -> dict[str, Any]:
    return {"body": read(page["dir"] / "page.txt"), "metadata": False}


def _justext_stoplists(extra: str | None) -> dict[str, frozenset[str]]:
    import justext
    names_ = ["German", "English"] + ([extra] if extra and extra not in ("German", "English") else [])
    return {n: justext.get_stoplist(n) for n in names_}


def run_justext(page: dict[str, Any], input_kind: str, detected: bool = False) -> dict[str, Any]:
    import justext
    text = read(page["dir"] / "page.txt")
    extra = None
    if detected:
        from cleannews.language import STOPLISTS, detect_language
        extra = STOPLISTS.get(detect_language(text))
    doc = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines() if line.strip())
    best = max(([x.text for x in justext.justext((doc + "</body></html>").encode(), s) if not x.is_boilerplate]
                for s in _justext_stoplists(extra).values()), key=lambda ps: len(" ".join(ps)))
    return {"body": "\n\n".join(best), "metadata": False}


def run_trafilatura(page: dict[str, Any], input_kind: str) -> dict[str, Any]:
    import trafilatura
    html_path = page["dir"] / "page.html"
    if not (html_path.exists() or html_path.with_name("page.html.gz").exists()):
        return {"body": "", "headline": None, "byline": None, "date": None}
    d = trafilatura.bare_extraction(read(html_path), with_metadata=True)
    d = d.as_dict() if hasattr(d, "as_dict") else (d or {})
    return {"body": d.get("text") or "", "headline": d.get("title"), "byline": d.get("author"),
            "date": d.get("date")}


def _version(system: str, justext_lang: str) -> str:
    if system == "trafilatura":
        import trafilatura
        return f"trafilatura-{trafilatura.__version__}"
    if system == "justext":
        from importlib.metadata import version
        return f"justext-{version('jusText')}-{justext_lang}"
    return system


def run_system(system: str, pages: list[dict[str, Any]], input_kind: str, *, set_name: str,
               justext_lang: str, use_cache: bool, model: str | None = None,
               fields_model: str | None = None) -> tuple[list[dict[str, Any]], float]:
    """Predictions of one system on every page (peers from the cache when there), and seconds."""
    funcs: dict[str, Callable[[dict[str, Any], str], dict[str, Any]]] = {
        "cleannews": lambda p, k: run_cleannews(p, k, model, fields_model=fields_model),
        "rules": lambda p, k: run_cleannews(p, k, use_model=False),
        "raw": run_raw, "trafilatura": run_trafilatura,
        "justext": lambda p, k: run_justext(p, k, detected=justext_lang == "detected"),
    }
    func = funcs[system]
    cached = system in ("justext", "trafilatura") and use_cache
    cache_dir = CACHE / set_name / _version(system, justext_lang) if cached else None
    out = []
    t0 = time.perf_counter()
    for page in pages:
        path = cache_dir / f"{page['id']}.json" if cache_dir else None
        if path is not None and path.exists():
            out.append(json.loads(path.read_text(encoding="utf-8")))
            continue
        try:
            pred = func(page, input_kind)
        except Exception as exc:  # a crash is an empty result for that page, and said so
            print(f"  {system} failed on {page['id']}: {type(exc).__name__}: {exc}", file=sys.stderr)
            pred = {"body": "", "error": f"{type(exc).__name__}: {exc}"}
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(pred, ensure_ascii=False, default=str), encoding="utf-8")
        out.append(pred)
    return out, time.perf_counter() - t0


# -- the table -----------------------------------------------------------------------------------
GROUPS: dict[str, Callable[[str], bool]] = {
    "all": lambda lang: True,
    "de": lambda lang: lang.startswith("de"),
    "other": lambda lang: not lang.startswith("de"),
}
COLUMNS = ("docs", "P", "R", "F1", "snip_P", "snip_R", "snip_F1", "snip_acc", "chrome_leak",
           "headline", "byline", "date", "language")


def format_table(results: list[dict[str, Any]]) -> str:
    """A Markdown table of the summaries (only the columns some row has)."""
    cols = [c for c in COLUMNS if any(c in r["summary"] for r in results)]
    head = ["set", "lang", "system", *cols]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in results:
        s = r["summary"]
        cells = [r["set"], r["group"], r["system"]]
        for c in cols:
            v = s.get(c)
            cells.append("–" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", action="append", required=True, help="an evaluation set folder; repeat for several")
    ap.add_argument("--input", default="txt", choices=["txt", "html"], help="what cleannews reads (default txt)")
    ap.add_argument("--systems", default=",".join(SYSTEMS), help=f"comma-separated subset of {','.join(SYSTEMS)}")
    ap.add_argument("--limit", type=int, help="only the first N pages of each set")
    ap.add_argument("--justext-lang", default="de+en", choices=["de+en", "detected"],
                    help="jusText stoplists: German and English (as score.py), or also the detected language's")
    ap.add_argument("--no-cache", action="store_true", help="recompute peer results instead of reading the cache")
    ap.add_argument("--json", help="write the summaries and per-page rows to this file")
    ap.add_argument("--model", action="append", default=[], metavar="SET=FILE",
                    help="clean the set named SET with the main-text model FILE (one trained without it: "
                         "see docs/quality.md); repeat for several sets")
    a = ap.parse_args(argv)
    models: dict[str, str] = {}
    for item in a.model:
        name, sep, file = item.partition("=")
        if not sep or not name or not Path(file).is_file():
            ap.error(f"--model takes SET=FILE with an existing file, not {item!r}")
        models[name] = file
    systems = [s.strip() for s in a.systems.split(",") if s.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        ap.error(f"unknown system(s) {sorted(unknown)}; known: {', '.join(SYSTEMS)}")
    results: list[dict[str, Any]] = []
    pages_out: dict[str, Any] = {}
    timing: dict[str, float] = {}
    for folder in map(Path, a.data):
        if not folder.is_dir():
            ap.error(f"not a folder: {folder}")
        pages = load_set(folder, a.input, a.limit)
        for system in systems:
            preds, seconds = run_system(system, pages, a.input, set_name=folder.name,
                                        justext_lang=a.justext_lang, use_cache=not a.no_cache,
                                        model=models.get(folder.name))
            timing[f"{folder.name}/{system}"] = round(seconds, 2)
            rows = []
            for page, pred in zip(pages, preds):
                row = {"id": page["id"], "lang": page["lang"], **score_page(pred, page["gold"])}
                if pred.get("language") and page["lang"]:
                    # not in score.py: the detected language against the declared one
                    row["language"] = str(pred["language"]) == page["lang"][:2]
                rows.append(row)
            pages_out[f"{folder.name}/{system}"] = rows
            for group, keep in GROUPS.items():
                chosen = [r for r in rows if keep(r["lang"])]
                if chosen and (group == "all" or len(chosen) < len(rows)):
                    label = system
                    if system == "cleannews" and folder.name in models:
                        label = f"cleannews ({Path(models[folder.name]).name})"
                    results.append({"set": folder.name, "group": group, "system": label,
                                    "summary": summarise(chosen)})
    print(f"cleannews input: {a.input}; seconds per set/system (peers from cache where cached): "
          + ", ".join(f"{k} {v}" for k, v in timing.items()))
    print(format_table(results))
    if a.json:
        Path(a.json).write_text(json.dumps({"input": a.input, "results": results, "seconds": timing,
                                            "pages": pages_out}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
