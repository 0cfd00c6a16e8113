"""Throughput of `cleannews clean` with 1 worker vs N: documents per second and the speed-up.

    python3 benchmarks/cli_throughput.py [--docs 2000] [--jobs 2] [--pages DIR]

Copies pages (default: ../shared/eval/scrapinghub/*/page.txt, cycled, each copy numbered) into
a temporary directory, cleans them with `--jobs 1` and with `--jobs N` (output to a file), checks
the two outputs are identical and prints wall time, docs/s and the speed-up. The machine's load
average and the CPU time of all processes are printed too: on a busy machine the wall-clock
speed-up says more about the neighbours, and the CPU times show the pool's overhead.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--pages", default=str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "scrapinghub"))
    a = ap.parse_args()
    sources = sorted(Path(a.pages).glob("*/page.txt"))
    if not sources:
        sys.exit(f"no */page.txt under {a.pages}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i in range(a.docs):
            text = sources[i % len(sources)].read_text(encoding="utf-8", errors="replace")
            (folder / f"{i:06d}.txt").write_text(f"{text}\n\nCopy {i}\n", encoding="utf-8")
        times = {}
        for jobs in (1, a.jobs):
            out = Path(tmp) / f"out{jobs}.jsonl"
            load = os.getloadavg()[0]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "cleannews", "clean", "--jobs", str(jobs), "-o", str(out),
                            str(folder)], check=False)
            times[jobs] = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            print(f"--jobs {jobs}: {times[jobs]:6.1f} s  {a.docs / times[jobs]:6.1f} docs/s  "
                  f"CPU {cpu:6.1f} s (all processes)  load before: {load:.1f}")
        same = (Path(tmp) / "out1.jsonl").read_bytes() == (Path(tmp) / f"out{a.jobs}.jsonl").read_bytes()
        print(f"speed-up with {a.jobs} jobs: {times[1] / times[a.jobs]:.2f}x  (identical output: {same})")


if __name__ == "__main__":
    main()
