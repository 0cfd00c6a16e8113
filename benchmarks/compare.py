"""Compare the output of two cleannews source trees, page by page: did a change change anything?

    python3 benchmarks/compare.py --against /path/to/other/src
    python3 benchmarks/compare.py --against ../main/src --jobs 2 --ignore-keys removed.code
    python3 benchmarks/compare.py --against ../main/src --data tests/fixtures --limit 20

The documents: every ``page.txt`` of the evaluation root (``--data``, default ``../shared/eval``
beside the repository: a folder of sets, each a folder of ``<id>/page.txt`` and
``<id>/page.html.gz``; a single set's folder works too) and every Nth ``page.html.gz`` of each set
(``--html-every``, default 25, counted in sorted order). A text page is cleaned as text
(``cleannews.clean(str)``), an HTML page as its gunzipped bytes (``cleannews.clean(bytes)``).

Each tree (``--this``, default this repository's ``src``, and ``--against``) runs in its own
worker processes (``--jobs`` per tree, each with a share of the documents, one tree after the
other) with ``PYTHONPATH`` set to that tree, so the two are never imported into one process.
A worker writes ``Article.to_dict()`` of every document, or the error it raised, as JSON lines.

The report: the number of documents compared; for each document and key whose values differ, a
short diff (``-`` is ``--against``, ``+`` is ``--this``; for ``removed``, the removal records
that only one side has); then the keys that only one side has at all (a new field, or a new key
in the removal records such as ``removed.code``) with the number of documents and values that
have them. ``--ignore-keys`` (comma-separated; ``removed.code`` names a key of the removal
records) leaves keys out of the comparison and out of the count. Exit status: 0 when there are
no differences, 1 when there are, 2 when a tree could not be run.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import gzip
import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "eval"
TEXT_FILE = "page.txt"
HTML_FILE = "page.html.gz"
#: Seconds one document may take (``clean(timeout=)``): past it the document's result is an error.
DOC_TIMEOUT = 60.0
#: Diff lines shown per difference.
MAX_DIFF_LINES = 12
#: Characters of a value shown in a one-line diff.
MAX_VALUE_CHARS = 160
#: The key under which the removal records are listed.
RECORDS = "removed"


# -- the documents ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Document:
    """One input: its id (``<set>/<page>/<file>``), its file, and whether it is HTML."""

    id: str
    path: Path
    html: bool


def _page_dirs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()
                  and ((p / TEXT_FILE).exists() or (p / HTML_FILE).exists()))


def find_documents(data: Path, html_every: int, limit: int | None = None) -> list[Document]:
    """The documents of an evaluation root (a folder of sets) or of one set: every page.txt
    and every ``html_every``-th page.html.gz of each set (0: none), of the first ``limit``
    pages of each set."""
    sets = [data] if _page_dirs(data) else sorted(p for p in data.iterdir() if p.is_dir() and _page_dirs(p))
    documents: list[Document] = []
    for folder in sets:
        pages = _page_dirs(folder)[:limit]
        for page in pages:
            if (page / TEXT_FILE).exists():
                documents.append(Document(f"{folder.name}/{page.name}/{TEXT_FILE}", page / TEXT_FILE, False))
        html_pages = [p for p in pages if (p / HTML_FILE).exists()]
        for page in html_pages[::html_every] if html_every > 0 else []:
            documents.append(Document(f"{folder.name}/{page.name}/{HTML_FILE}", page / HTML_FILE, True))
    return documents


# -- the workers -----------------------------------------------------------------------------------

def work(doc_list: Path, out: Path, src: Path) -> None:
    """The worker: clean the documents listed in ``doc_list`` with the cleannews found on
    ``PYTHONPATH`` (which must be ``src``), writing one JSON line per document to ``out``."""
    import cleannews  # the tree's own: PYTHONPATH is set by the parent

    found = Path(cleannews.__file__).resolve()
    if src.resolve() not in found.parents:
        raise SystemExit(f"worker for {src} imported cleannews from {found}")
    takes_timeout = "timeout" in inspect.signature(cleannews.clean).parameters
    with doc_list.open(encoding="utf-8") as docs, out.open("w", encoding="utf-8") as sink:
        for line in docs:
            doc = json.loads(line)
            record: dict[str, Any] = {"id": doc["id"]}
            try:
                path = Path(doc["path"])
                source: str | bytes = (gzip.decompress(path.read_bytes()) if doc["html"]
                                       else path.read_text(encoding="utf-8", errors="replace"))
                kwargs = {"timeout": DOC_TIMEOUT} if takes_timeout else {}
                record["result"] = cleannews.clean(source, **kwargs).to_dict()
            except Exception as exc:  # a document's failure is its result; the others go on
                record["error"] = f"{type(exc).__name__}: {exc}"
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")


def run_tree(src: Path, documents: list[Document], jobs: int, tmp: Path, label: str) -> dict[str, dict[str, Any]]:
    """Clean the documents with the tree ``src`` in ``jobs`` worker processes; the records by id."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    procs = []
    for n in range(jobs):
        share = documents[n::jobs]
        if not share:
            continue
        doc_list, out = tmp / f"{label}{n}.docs.jsonl", tmp / f"{label}{n}.out.jsonl"
        doc_list.write_text("".join(json.dumps({"id": d.id, "path": str(d.path), "html": d.html}) + "\n"
                                    for d in share), encoding="utf-8")
        err = (tmp / f"{label}{n}.err").open("w")
        procs.append((subprocess.Popen([sys.executable, __file__, "--worker", str(doc_list), str(out), str(src)],
                                       env=env, stdout=err, stderr=err), out, err))
    results: dict[str, dict[str, Any]] = {}
    for proc, out, err in procs:
        code = proc.wait()
        err.close()
        if code != 0:
            tail = Path(err.name).read_text(encoding="utf-8", errors="replace")[-2000:]
            raise RuntimeError(f"the worker for {src} failed (exit status {code}):\n{tail}")
        with out.open(encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                results[record["id"]] = record
    return results


# -- the comparison --------------------------------------------------------------------------------

@dataclass
class Comparison:
    """What differs between two runs: ``differences`` as (document, key, diff lines), and the
    key paths only one side has, with the documents and values that have them."""

    compared: int = 0
    differences: list[tuple[str, str, list[str]]] = field(default_factory=list)
    only_this: dict[str, collections.Counter[str]] = field(default_factory=dict)
    only_against: dict[str, collections.Counter[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Differing (document, key) pairs, plus (document, key path) pairs of one side's keys."""
        return len(self.differences) + sum(len(docs) for docs in (*self.only_this.values(), *self.only_against.values()))


def strip_ignored(result: dict[str, Any], ignore: Iterable[str]) -> dict[str, Any]:
    """A copy of a ``to_dict()`` without the ignored keys (``key``, or ``removed.key`` for a key of
    every removal record)."""
    ignore = set(ignore)
    out = {k: v for k, v in result.items() if k not in ignore}
    inner = {path.split(".", 1)[1] for path in ignore if path.startswith(RECORDS + ".")}
    if inner and isinstance(out.get(RECORDS), list):
        out[RECORDS] = [{k: v for k, v in r.items() if k not in inner} if isinstance(r, dict) else r
                        for r in out[RECORDS]]
    return out


def key_paths(result: dict[str, Any]) -> collections.Counter[str]:
    """The keys of a result and of its removal records (``removed.<key>``), with how often each occurs."""
    paths = collections.Counter(result.keys())
    for record in result.get(RECORDS) or ():
        if isinstance(record, dict):
            paths.update(f"{RECORDS}.{k}" for k in record)
    return paths


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= MAX_VALUE_CHARS else text[:MAX_VALUE_CHARS - 1] + "…"


def _clip(lines: list[str], limit: int) -> list[str]:
    return lines if len(lines) <= limit else lines[:limit] + [f"… {len(lines) - limit} more lines"]


def diff_values(old: Any, new: Any, limit: int = MAX_DIFF_LINES) -> list[str]:
    """A short diff of two values of one key (``-`` old, ``+`` new): text line by line, lists
    item by item, anything else whole."""
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old or "\n" in new):
        lines = [d for d in difflib.unified_diff(old.split("\n"), new.split("\n"), lineterm="", n=0)
                 if not d.startswith(("---", "+++", "@@"))]
        return _clip([line[0] + " " + _short(line[1:]) for line in lines], limit)
    if isinstance(old, list) and isinstance(new, list):
        lines = [f"{line[0]} {_short(json.loads(line[1:]))}" for line in difflib.unified_diff(
            [json.dumps(v, ensure_ascii=False) for v in old], [json.dumps(v, ensure_ascii=False) for v in new],
            lineterm="", n=0) if not line.startswith(("---", "+++", "@@"))]
        return _clip(lines, limit)
    return [f"- {_short(old)}", f"+ {_short(new)}"]


def diff_records(old: list[Any], new: list[Any], limit: int = MAX_DIFF_LINES) -> list[str]:
    """The removal records only one side has, compared on the keys both sides' records have
    (a key only one side has is reported apart), ordered by line: ``-`` old, ``+`` new."""
    shared = set(key_paths({RECORDS: old})) & set(key_paths({RECORDS: new}))
    keys = {path.split(".", 1)[1] for path in shared if path.startswith(RECORDS + ".")}

    def canonical(record: Any) -> str:
        if isinstance(record, dict):
            record = {k: v for k, v in record.items() if k in keys}
        return json.dumps(record, ensure_ascii=False, sort_keys=True)

    old_left = collections.Counter(canonical(r) for r in old)
    new_left = collections.Counter(canonical(r) for r in new)
    gone, came = old_left - new_left, new_left - old_left
    if not gone and not came:
        return []
    rows = [(sign, json.loads(text)) for sign, counter in (("-", gone), ("+", came))
            for text, n in counter.items() for _ in range(n)]
    rows.sort(key=lambda row: (row[1].get("line", 0) if isinstance(row[1], dict) else 0, row[0] == "+"))
    lines = [f"{sum(gone.values())} record(s) only in --against, {sum(came.values())} only in --this"]
    lines += [f"{sign} {_short(record)}" for sign, record in rows]
    return _clip(lines, limit)


def compare_results(doc: str, old: dict[str, Any], new: dict[str, Any], ignore: Iterable[str] = (),
                    comparison: Comparison | None = None, limit: int = MAX_DIFF_LINES) -> Comparison:
    """Compare one document's records from the two trees (``{"result": to_dict()}`` or
    ``{"error": text}``; ``old`` is ``--against``, ``new`` is ``--this``), adding what differs
    to ``comparison`` (a new one when None)."""
    comparison = comparison if comparison is not None else Comparison()
    comparison.compared += 1
    if "result" not in old or "result" not in new:
        if old.get("error") != new.get("error") or ("result" in old) != ("result" in new):
            comparison.differences.append((doc, "error", [f"- {_short(old.get('error', 'no error'))}",
                                                          f"+ {_short(new.get('error', 'no error'))}"]))
        return comparison
    ignore = tuple(ignore)
    old_result, new_result = strip_ignored(old["result"], ignore), strip_ignored(new["result"], ignore)
    old_paths, new_paths = key_paths(old_result), key_paths(new_result)
    for path in new_paths.keys() - old_paths.keys():
        comparison.only_this.setdefault(path, collections.Counter())[doc] += new_paths[path]
    for path in old_paths.keys() - new_paths.keys():
        comparison.only_against.setdefault(path, collections.Counter())[doc] += old_paths[path]
    for key in sorted(old_result.keys() & new_result.keys()):
        a, b = old_result[key], new_result[key]
        if key == RECORDS and isinstance(a, list) and isinstance(b, list):
            lines = diff_records(a, b, limit)
            if lines:
                comparison.differences.append((doc, key, lines))
        elif a != b:
            comparison.differences.append((doc, key, diff_values(a, b, limit)))
    return comparison


def compare_runs(documents: list[Document], old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]],
                 ignore: Iterable[str] = (), limit: int = MAX_DIFF_LINES) -> Comparison:
    """Compare every document's records of the two runs; a document one run lacks is a difference."""
    comparison = Comparison()
    ignore = tuple(ignore)
    for doc in documents:
        if doc.id not in old or doc.id not in new:
            comparison.differences.append((doc.id, "missing", [f"no result from {'--against' if doc.id not in old else '--this'}"]))
            continue
        compare_results(doc.id, old[doc.id], new[doc.id], ignore, comparison, limit)
    return comparison


def report(comparison: Comparison, ignore: Iterable[str] = ()) -> Iterator[str]:
    """The lines of the report."""
    yield f"documents compared: {comparison.compared}"
    for doc, key, lines in comparison.differences:
        yield f"{doc}  {key}"
        yield from (f"    {line}" for line in lines)
    for title, paths in (("added keys (only in --this)", comparison.only_this),
                         ("removed keys (only in --against)", comparison.only_against)):
        if paths:
            yield f"{title}:"
            for path, docs in sorted(paths.items()):
                yield f"    {path}: in {len(docs)} document(s), {sum(docs.values())} value(s)"
    ignored = ", ".join(ignore)
    yield (f"differences: {comparison.count} ({len(comparison.differences)} differing values in "
           f"{len({d for d, _, _ in comparison.differences})} document(s); "
           f"{comparison.count - len(comparison.differences)} from one side's keys)"
           + (f"; ignored keys: {ignored}" if ignored else ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--against", type=Path, help="the other tree's src folder (the one holding cleannews/)")
    ap.add_argument("--this", type=Path, default=ROOT / "src", help="this tree's src folder (default: this repository's)")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the evaluation root, or one set (default: %(default)s)")
    ap.add_argument("--html-every", type=int, default=25, help="every Nth page.html.gz of each set; 0: none")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes per tree")
    ap.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    ap.add_argument("--ignore-keys", default="", help="keys left out, comma-separated (removed.code: a key of the removal records)")
    ap.add_argument("--max-lines", type=int, default=MAX_DIFF_LINES, help="diff lines shown per difference")
    ap.add_argument("--worker", nargs=3, metavar=("DOCS", "OUT", "SRC"), help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        work(Path(a.worker[0]), Path(a.worker[1]), Path(a.worker[2]))
        return 0
    if a.against is None:
        ap.error("--against is required")
    for tree in (a.this, a.against):
        if not (tree / "cleannews" / "__init__.py").exists():
            ap.error(f"{tree} holds no cleannews package")
    if not a.data.is_dir():
        ap.error(f"no such folder: {a.data}")
    if a.jobs < 1:
        ap.error("--jobs must be at least 1")
    ignore = tuple(k.strip() for k in a.ignore_keys.split(",") if k.strip())
    documents = find_documents(a.data, a.html_every, a.limit)
    if not documents:
        ap.error(f"no page.txt or page.html.gz under {a.data}")
    html = sum(d.html for d in documents)
    print(f"{len(documents)} documents ({len(documents) - html} page.txt, {html} page.html.gz) from {a.data}", flush=True)
    runs = {}
    with tempfile.TemporaryDirectory(prefix="compare-") as tmp:
        for label, tree in (("this", a.this), ("against", a.against)):
            started = time.perf_counter()
            try:
                runs[label] = run_tree(tree.resolve(), documents, a.jobs, Path(tmp), label)
            except RuntimeError as exc:
                print(exc, file=sys.stderr)
                return 2
            errors = sum("error" in r for r in runs[label].values())
            print(f"--{label} {tree}: {time.perf_counter() - started:.1f} s, {a.jobs} job(s), "
                  f"{errors} document(s) raised", flush=True)
    comparison = compare_runs(documents, runs["against"], runs["this"], ignore, a.max_lines)
    for line in report(comparison, ignore):
        print(line)
    return 0 if comparison.count == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
