"""Peak memory of `cleannews clean` over a JSONL stream: 200 documents vs 20,000.

    python3 benchmarks/memory.py [--small 200] [--large 20000] [--jobs 2]

Builds two JSONL files in a temporary directory from the pages in tests/fixtures/seeds (each
record: a page's headline, byline and a few of its paragraphs, numbered so that no two are the
same), pipes each through `cleannews clean --input-format jsonl -` and prints the peak RSS (the
largest of the main process and its workers) and the ratio large/small. Streaming means the ratio
stays near 1 (the target: below 1.2).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seeds"


def pages() -> list[tuple[str, list[str]]]:
    out = []
    for folder in sorted(SEEDS.iterdir()):
        gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
        out.append((gold["headline"], [p for p in (folder / "page.txt").read_text(encoding="utf-8").split("\n") if p]))
    return out


def write_jsonl(path: Path, count: int) -> None:
    source = pages()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            headline, lines = source[i % len(source)]
            start = (i // len(source)) % max(1, len(lines) - 12)
            text = "\n\n".join([f"{headline} ({i})", *lines[start:start + 12]])
            fh.write(json.dumps({"id": i, "text": text, "url": f"https://news.example/{i}"}, ensure_ascii=False) + "\n")


def peak_rss(path: Path, jobs: int) -> tuple[int, float]:
    """Peak RSS in KB over the CLI process and its workers, and the seconds it took."""
    started = time.perf_counter()
    with path.open("rb") as stdin:
        proc = subprocess.Popen([sys.executable, "-m", "cleannews", "clean", "--input-format", "jsonl",
                                 "--jobs", str(jobs), "-"], stdin=stdin, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)  # includes the workers it reaped
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"cleannews failed on {path}")
    return usage.ru_maxrss, time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--small", type=int, default=200)
    ap.add_argument("--large", type=int, default=20_000)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (a.small, a.large):
            path = Path(tmp) / f"{count}.jsonl"
            write_jsonl(path, count)
            rss, seconds = peak_rss(path, a.jobs)
            results[count] = rss
            print(f"{count:>7} documents: peak RSS {rss / 1024:7.1f} MB  ({seconds:.1f} s, {count / seconds:.0f} docs/s)")
        print(f"ratio {a.large}/{a.small}: {results[a.large] / results[a.small]:.3f} (target < 1.2), jobs={a.jobs}")


if __name__ == "__main__":
    main()
