"""Where the text path's work goes, counted in machine instructions (valgrind's callgrind).

    python3 benchmarks/instructions.py                        # scrapinghub page.txt
    python3 benchmarks/instructions.py --limit 60 --against /path/to/other/src

Timers on a shared machine move by several per cent from run to run; instruction counts do not
(the same code on the same inputs counts the same, whatever else runs). This script runs the
text path under callgrind: one pass over the pages compiles every pattern, then a second pass
is counted (callgrind collects only while that pass runs). It prints the instructions per
document and how they split between the Python interpreter, the `regex` engine and the C
library, and turns that split into milliseconds with the CPU time of the same pass measured
without valgrind:

* the `regex` engine's share is the pattern matching itself (the lexicon's phrase lists and
  the modules' patterns), done in C: however little Python the rest of the pipeline ran, the
  text path could not be faster than that share allows (the "ceiling" printed);
* ``--against SRC`` counts a second source tree (e.g. a git worktree of an earlier commit) the
  same way, for an exact A/B of a speed change.

Needs valgrind (Debian: ``apt-get install valgrind``). About ten minutes for the 181 scrapinghub
pages (callgrind runs the interpreter some 50 times slower). A benchmark: it prints, it never
fails on a figure.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

DEFAULT_DATA = str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "scrapinghub")

#: The script callgrind runs: a warm-up pass, then (after forgetting the cached line measurements,
#: so that the counted pass gains only from lines that repeat from page to page) the counted
#: pass, which runs inside
#: functools.reduce (C: functools_reduce), so that callgrind counts only while that call runs
#: (``--toggle-collect``); nothing else in the pipeline calls it after the warm-up.
_COUNTED_PASS = """
import functools, sys
sys.path.insert(0, sys.argv[1])
import cleannews
pages = [open(p, encoding="utf-8").read() for p in sys.argv[2:]]
for page in pages:
    cleannews.clean(page, input_format="text")
clear = getattr(cleannews.text, "clear_caches", None)  # (a tree from before it had none)
if clear is not None:
    clear()
functools.reduce(lambda _, page: cleannews.clean(page, input_format="text"), pages, None)
"""

#: A callgrind_annotate line: "1,234 (12.3%)  file:function [object]".
_ANNOTATED = re.compile(r"\s*([\d,]+) \([\s\d.]+%\)\s+.*?:\S+ \[(.*?)\]")


def counted_split(src: Path, pages: list[Path]) -> Counter[str]:
    """Instructions of one counted pass over the pages, by shared object."""
    python = os.path.realpath(sys.executable)  # (not a pyenv shim: callgrind must see python)
    with tempfile.TemporaryDirectory() as tmp:
        script, out = Path(tmp) / "counted_pass.py", Path(tmp) / "callgrind.out"
        script.write_text(_COUNTED_PASS, encoding="utf-8")
        subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=functools_reduce",
                        f"--callgrind-out-file={out}", python, str(script),
                        str(src), *map(str, pages)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        listing = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)], check=True,
                                 capture_output=True, text=True).stdout
    split: Counter[str] = Counter()
    for line in listing.splitlines():
        m = _ANNOTATED.match(line)
        if m:
            split[_object_name(m.group(2))] += int(m.group(1).replace(",", ""))
    return split


def _object_name(path: str) -> str:
    name = Path(path).name
    if name.startswith("libpython"):
        return "Python interpreter"
    if name.startswith("_regex."):
        return "regex engine"
    if name.startswith("libc."):
        return "C library"
    return "other"


def cpu_ms_per_doc(src: Path, pages: list[Path]) -> float:
    """CPU milliseconds per document of a pass after a warm-up (its line caches emptied, as the counted
    pass's are), without valgrind (fastest of three)."""
    code = ("import sys, time\nsys.path.insert(0, sys.argv[1])\nimport cleannews\n"
            "pages = [open(p, encoding='utf-8').read() for p in sys.argv[2:]]\n"
            "for p in pages: cleannews.clean(p, input_format='text')\n"
            "best = float('inf')\n"
            "clear = getattr(cleannews.text, 'clear_caches', lambda: None)\n"
            "for _ in range(3):\n"
            "    clear()\n"
            "    t = time.process_time()\n"
            "    for p in pages: cleannews.clean(p, input_format='text')\n"
            "    best = min(best, time.process_time() - t)\n"
            "print(best)\n")
    out = subprocess.run([sys.executable, "-c", code, str(src), *map(str, pages)], check=True,
                         capture_output=True, text=True).stdout
    return float(out.split()[-1]) / len(pages) * 1000


def report(label: str, split: Counter[str], ms: float, docs: int) -> str:
    total = sum(split.values())
    lines = [f"{label}: {total / docs / 1e6:.1f} M instructions per document, {ms:.2f} ms CPU per document "
             f"without valgrind ({1000 / ms:.0f} docs/s)"]
    for name, count in split.most_common():
        share = count / total
        lines.append(f"  {name:20s} {share:6.1%}  ≈ {share * ms:5.2f} ms/doc")
    engine = split["regex engine"] / total * ms
    if engine:
        lines.append(f"  ceiling: with no Python work at all, the regex engine's share alone allows "
                     f"{1000 / engine:.0f} docs/s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="an evaluation set folder (<id>/page.txt)")
    ap.add_argument("--limit", type=int, default=None, help="at most N pages")
    ap.add_argument("--src", default=str(Path(__file__).resolve().parent.parent / "src"),
                    help="the source tree to count (default: this checkout's src)")
    ap.add_argument("--against", default=None, help="a second source tree, counted the same way")
    a = ap.parse_args(argv)
    if not shutil.which("valgrind") or not shutil.which("callgrind_annotate"):
        print("valgrind is not installed (Debian: apt-get install valgrind)")
        return 0
    pages = sorted(Path(a.data).glob("*/page.txt"))[:a.limit]
    if not pages:
        print(f"no */page.txt under {a.data}")
        return 0
    trees = [("this tree", Path(a.src))] + ([("--against", Path(a.against))] if a.against else [])
    totals = {}
    for label, src in trees:
        started = time.monotonic()
        split = counted_split(src, pages)
        totals[label] = sum(split.values())
        print(report(f"{label} ({src}, {len(pages)} pages)", split, cpu_ms_per_doc(src, pages), len(pages)))
        print(f"  (counted in {time.monotonic() - started:.0f} s)")
    if len(totals) == 2:
        mine, other = totals["this tree"], totals["--against"]
        per_doc = (mine - other) / len(pages) / 1e6
        print(f"this tree / --against: {mine / other:.4f} of the instructions ({per_doc:+.2f} M per document)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
