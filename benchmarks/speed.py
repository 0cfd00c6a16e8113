"""Speed benchmark: cleannews (text and HTML paths) against trafilatura and jusText, on one core.

    python3 benchmarks/speed.py                          # scrapinghub + trafilatura sets
    python3 benchmarks/speed.py --data ../shared/eval/scrapinghub --repeat 3
    python3 benchmarks/speed.py --limit 50 --systems text,trafilatura
    python3 benchmarks/speed.py --profile --data ../shared/eval/scrapinghub   # where the time goes

For every evaluation set (``--data DIR``, repeatable; a set is a folder of ``<id>/page.txt`` and
``<id>/page.html.gz``) and every system it prints documents/s, MB/s of input, median and 95th
percentile milliseconds per document, and the peak resident memory of the process that ran it;
then the ratios that the project's targets are stated in:

* text path docs/s ÷ trafilatura docs/s (target: ≥ 50 on scrapinghub),
* cleannews HTML path time ÷ trafilatura time (below 1 means faster than trafilatura).

Times are CPU time of the benchmark process (``time.process_time``), one core, so that other jobs
on a shared machine do not inflate them; the elapsed-time rate is printed too. Each system runs in a fresh Python process of its own (one after the other, never two at once),
so that its peak memory (``resource.getrusage(RUSAGE_SELF).ru_maxrss`` at the end of the run,
which includes the interpreter and the imported libraries) is its own, and so that the text
path is shown not to import trafilatura. Documents are read into memory before the clock starts;
each system gets one untimed warm-up pass over the first documents, then ``--repeat`` timed
passes, of which the fastest is reported; cleannews forgets its cached line measurements before
each timed pass (``cleannews.text.clear_caches``), so that a pass gains only from the lines that
repeat from page to page, not from having seen the same pages before. The HTML systems get the same input: the page's HTML
as bytes, which each decodes itself. jusText gets the stoplist of the page's language (the gold
``lang``, else the language cleannews detects in page.txt, else English).

This is a benchmark, not a test: it prints figures and never fails on them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

#: The evaluation sets beside the project (../shared/eval from the repository root).
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
DEFAULT_DATA = [str(EVAL / "scrapinghub"), str(EVAL / "trafilatura")]
SYSTEMS = ("text", "html", "trafilatura", "resiliparse", "justext")
LABELS = {
    "text": "cleannews text path (page.txt, input_format='text')",
    "html": "cleannews HTML path (page.html.gz, input_format='html')",
    "trafilatura": "trafilatura.bare_extraction(html, with_metadata=True)",
    "resiliparse": "resiliparse extract_plain_text(html, main_content=True) (body only; the fast peer)",
    "justext": "justext.justext(html, stoplist)",
}
WARMUP_DOCS = 10


# -- the documents ---------------------------------------------------------------------------------
def load_pages(folder: Path, limit: int | None, fields: tuple[str, ...] = ("text", "html")) -> list[dict[str, Any]]:
    """The pages of one evaluation set: id, text (str or None), html (bytes or None), lang.
    Only the ``fields`` asked for are read (the others are None)."""
    pages = []
    for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
        txt, html, gold = sub / "page.txt", sub / "page.html.gz", sub / "gold.json"
        lang = None
        if gold.exists():
            lang = json.loads(gold.read_text(encoding="utf-8")).get("lang")
        pages.append({
            "id": sub.name,
            "text": txt.read_text(encoding="utf-8") if "text" in fields and txt.exists() else None,
            "html": gzip.decompress(html.read_bytes()) if "html" in fields and html.exists() else None,
            "lang": lang,
        })
        if limit and len(pages) >= limit:
            break
    return pages


# -- the systems (each returns a function of one page) -------------------------------------------
def _system_text() -> tuple[Callable[[dict[str, Any]], Any], str]:
    import cleannews
    return (lambda page: cleannews.clean(page["text"], input_format="text")), "text"


def _system_html() -> tuple[Callable[[dict[str, Any]], Any], str]:
    import cleannews
    import cleannews.html  # noqa: F401 - ImportError here means the HTML path is not there yet
    return (lambda page: cleannews.clean(page["html"], input_format="html")), "html"


def _system_trafilatura() -> tuple[Callable[[dict[str, Any]], Any], str]:
    import trafilatura
    return (lambda page: trafilatura.bare_extraction(page["html"], with_metadata=True)), "html"


def _system_resiliparse() -> tuple[Callable[[dict[str, Any]], Any], str]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def run(page: dict[str, Any]) -> Any:
        html = page["html"]
        if isinstance(html, bytes):  # (decoding is part of the work, as for the other systems)
            html = bytes_to_str(html, detect_encoding(html))
        return extract_plain_text(html, main_content=True)
    return run, "html"


def _system_justext() -> tuple[Callable[[dict[str, Any]], Any], str]:
    import justext
    from cleannews.language import STOPLISTS, detect_language

    available = set(justext.get_stoplists())
    cache: dict[str, frozenset[str]] = {}

    def stoplist(page: dict[str, Any]) -> frozenset[str]:
        name = STOPLISTS.get(page.get("lang") or "", "English")
        if name not in available:
            name = "English"
        if name not in cache:
            cache[name] = justext.get_stoplist(name)
        return cache[name]

    def run(page: dict[str, Any]) -> Any:
        return justext.justext(page["html"], page["_stoplist"])

    def prepare(pages: list[dict[str, Any]]) -> None:  # untimed: pick each page's stoplist
        for page in pages:
            if not page.get("lang") and page.get("text"):
                page["lang"] = detect_language(page["text"])
            page["_stoplist"] = stoplist(page)

    run.prepare = prepare  # type: ignore[attr-defined]
    return run, "html"


FACTORIES = {"text": _system_text, "html": _system_html, "trafilatura": _system_trafilatura,
             "resiliparse": _system_resiliparse, "justext": _system_justext}


# -- one system in this process ----------------------------------------------------------------------
def run_phase(system: str, data: list[str], limit: int | None, repeat: int) -> dict[str, Any]:
    """Time one system over every set; returns JSON-ready figures (or the reason it was skipped)."""
    t0 = time.perf_counter()
    try:
        func, field = FACTORIES[system]()
    except ImportError as exc:
        return {"system": system, "skipped": f"not importable: {exc}"}
    import_s = time.perf_counter() - t0
    sets = []
    for folder in data:
        wanted = ("text", "html") if system == "justext" else (field,)  # jusText: text for the language
        pages = [p for p in load_pages(Path(folder), limit, wanted) if p[field] is not None]
        prepare = getattr(func, "prepare", None)
        if prepare:
            prepare(pages)
        size = sum(len(p[field].encode("utf-8")) if isinstance(p[field], str) else len(p[field]) for p in pages)
        errors: dict[str, str] = {}
        for page in pages[:WARMUP_DOCS]:
            try:
                func(page)
            except Exception:  # counted in the timed passes
                pass
        best_total, best_times, best_wall = float("inf"), [], 0.0
        for _ in range(repeat):
            if system in ("text", "html"):
                import cleannews.text
                cleannews.text.clear_caches()
            times = []
            wall = time.perf_counter()
            for page in pages:
                start = time.process_time()
                try:
                    func(page)
                except Exception as exc:  # a benchmark records failures, it does not stop on them
                    errors.setdefault(page["id"], f"{type(exc).__name__}: {exc}"[:200])
                times.append(time.process_time() - start)
            wall = time.perf_counter() - wall
            total = sum(times)
            if total < best_total:
                best_total, best_times, best_wall = total, times, wall
        n = len(pages)
        sets.append({
            "set": Path(folder).name, "docs": n, "mb": size / 1e6, "seconds": best_total, "wall_seconds": best_wall,
            "wall_docs_per_s": n / best_wall if best_wall else 0.0,
            "docs_per_s": n / best_total if best_total else 0.0,
            "mb_per_s": size / 1e6 / best_total if best_total else 0.0,
            "median_ms": statistics.median(best_times) * 1000 if best_times else 0.0,
            "p95_ms": sorted(best_times)[int(0.95 * (n - 1))] * 1000 if best_times else 0.0,
            "max_ms": max(best_times) * 1000 if best_times else 0.0,
            "errors": len(errors), "error_examples": dict(list(errors.items())[:3]),
        })
    return {
        "system": system, "import_s": import_s, "sets": sets,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "imported_trafilatura": "trafilatura" in sys.modules,
    }


# -- where the time goes -----------------------------------------------------------------------------
def profile_text_path(data: list[str], limit: int | None, top: int = 20) -> str:
    """CPU milliseconds per document for each pipeline step of the text path (plus preparing the
    page), then cProfile's busiest functions; over the pages of every set, after an untimed
    pass over them all."""
    import cProfile
    import io
    import pstats

    import cleannews
    from cleannews.api import prepare

    texts = [p["text"] for folder in data for p in load_pages(Path(folder), limit, ("text",))
             if p["text"] is not None]
    pipeline = cleannews.default_pipeline()
    # one untimed pass over every page first: the lexicon patterns of every language met are
    # compiled then (once per process), so the figures are the steady state's
    for text in texts:
        cleannews.clean(text, input_format="text")
    steps: dict[str, float] = {}
    for text in texts:
        start = time.process_time()
        page = prepare(text, input_format="text")
        steps["(prepare: split, detect language)"] = steps.get("(prepare: split, detect language)", 0.0) \
            + time.process_time() - start
        for step in pipeline:
            start = time.process_time()
            step(page)
            steps[step.name] = steps.get(step.name, 0.0) + time.process_time() - start
        start = time.process_time()
        page.to_article()
        steps["(to_article)"] = steps.get("(to_article)", 0.0) + time.process_time() - start
    total = sum(steps.values())
    out = [f"text path over {len(texts)} pages: {total / len(texts) * 1000:.2f} ms CPU per document", ""]
    for name, secs in sorted(steps.items(), key=lambda kv: -kv[1]):
        out.append(f"  {name:34} {secs / len(texts) * 1000:7.3f} ms/doc  {secs / total:6.1%}")
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        cleannews.clean(text, input_format="text")
    profiler.disable()
    buf = io.StringIO()
    pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(top)
    out += ["", "cProfile, by own time:", buf.getvalue()]
    return "\n".join(out)


# -- the report ---------------------------------------------------------------------------------------
def machine() -> str:
    """nproc, CPU model and Python version, for the record."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}); Python {platform.python_version()}; one process at a time"


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    """The figures and ratios as a plain-text table."""
    out = [f"machine: {machine()}",
           f"repeat: {args.repeat} (fastest pass reported); limit: {args.limit or 'none'}", ""]
    out.append(f"{'set':12} {'system':12} {'docs':>5} {'MB':>7} {'CPU s':>8} {'docs/s':>9} {'MB/s':>7} "
               f"{'med ms':>7} {'p95 ms':>7} {'max ms':>8} {'err':>4} {'peak RSS MB':>11} {'wall docs/s':>11}")
    by: dict[tuple[str, str], dict[str, Any]] = {}
    for r in results:
        if "skipped" in r:
            continue
        for s in r["sets"]:
            by[(s["set"], r["system"])] = s
            out.append(f"{s['set'][:12]:12} {r['system']:12} {s['docs']:5} {s['mb']:7.1f} {s['seconds']:8.2f} "
                       f"{s['docs_per_s']:9.1f} {s['mb_per_s']:7.2f} {s['median_ms']:7.2f} {s['p95_ms']:7.2f} "
                       f"{s['max_ms']:8.1f} {s['errors']:4} {r['peak_rss_mb']:11.0f} {s['wall_docs_per_s']:11.1f}")
    out.append("")
    for r in results:
        if "skipped" in r:
            out.append(f"SKIPPED {r['system']}: {LABELS[r['system']]} - {r['skipped']}")
        else:
            note = "; imported trafilatura" if r["imported_trafilatura"] else "; trafilatura not imported"
            out.append(f"{r['system']:12} {LABELS[r['system']]}: import {r['import_s'] * 1000:.0f} ms{note}")
            for s in r["sets"]:
                for pid, err in s["error_examples"].items():
                    out.append(f"    error on {s['set']}/{pid[:16]}: {err}")
    out.append("")
    sets = list(dict.fromkeys(k[0] for k in by))
    for name in sets:
        text, html, traf = by.get((name, "text")), by.get((name, "html")), by.get((name, "trafilatura"))
        if text and traf:
            out.append(f"{name}: text path docs/s / trafilatura docs/s = {text['docs_per_s'] / traf['docs_per_s']:.1f}x "
                       f"(target >= 25x; text path {text['docs_per_s']:.0f} docs/s, target >= 1000 on scrapinghub)")
        res = by.get((name, "resiliparse"))
        if text and res:
            out.append(f"{name}: text path docs/s / resiliparse docs/s = {text['docs_per_s'] / res['docs_per_s']:.2f}x "
                       f"(resiliparse {res['docs_per_s']:.0f} docs/s)")
        if html and traf:
            out.append(f"{name}: HTML path time / trafilatura time = {html['seconds'] / traf['seconds']:.2f} "
                       f"(HTML path {traf['seconds'] / html['seconds']:.1f}x as fast)")
        jt = by.get((name, "justext"))
        if jt and traf:
            out.append(f"{name}: jusText time / trafilatura time = {jt['seconds'] / traf['seconds']:.2f}")
    out.append("times are CPU seconds of the process (time.process_time), so that other jobs on a shared "
               "machine do not count; 'wall docs/s' is the elapsed-time figure")
    out.append("peak RSS: resource.getrusage(RUSAGE_SELF).ru_maxrss of each system's own process "
               "(interpreter + imports + the documents held in memory + the run)")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", action="append", metavar="DIR",
                        help=f"an evaluation set folder (repeatable; default: {' '.join(DEFAULT_DATA)})")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="at most N pages per set")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="timed passes (fastest reported)")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help=f"comma-separated subset of {','.join(SYSTEMS)}")
    parser.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    parser.add_argument("--profile", action="store_true",
                        help="instead of the benchmark: time each step of the text path and print a profile")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # internal: run one system, print JSON
    args = parser.parse_args(argv)
    data = args.data or DEFAULT_DATA
    if args.profile:
        print(profile_text_path(data, args.limit))
        return 0
    if args.phase:
        print(json.dumps(run_phase(args.phase, data, args.limit, max(1, args.repeat))))
        return 0
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems {sorted(unknown)}; choose from {SYSTEMS}")
    results = []
    for system in systems:
        cmd = [sys.executable, __file__, "--phase", system, "--repeat", str(args.repeat)]
        cmd += [x for d in data for x in ("--data", d)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        print(f"running {system} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
            results.append({"system": system, "skipped": f"crashed: {tail}"})
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(report(results, args))
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "results": results}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
