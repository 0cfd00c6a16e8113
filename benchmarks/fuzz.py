"""Fuzz cleannews.clean(): generated and mutated pages, looking for crashes, hangs and slow inputs.

    python3 benchmarks/fuzz.py                      # 100,000 inputs, seed 1, one worker
    python3 benchmarks/fuzz.py -n 2000 --seed 7     # a quick run
    python3 -m pytest -m fuzz tests/test_properties.py   # the same 100,000 as a test

Inputs: excerpts of the reference pages (tests/fixtures/seeds), the small hostile cases, and
generated pages (German and English sentences, chrome lines, blank lines), each passed through
one to three mutations: byte flips, line shuffles, truncation, duplication, splicing, inserted
chrome lines, HTML tags, control characters, random Unicode, a joined or repeated line. Every
input is cleaned as bytes or str, text or HTML, with a per-input time limit
(``clean(timeout=)``) and a hard alarm behind it (``--hang``, SIGALRM) that counts a hang.

An input is a *crash* when clean() raises anything but DecodeError (binary input) or
CleanTimeout; each crash and hang is saved to ``--out`` for reproduction. The run prints a
summary (outcomes, crashes, hangs, the slowest inputs, wall time) and writes it as JSON there.
Deterministic for a given ``--seed`` and ``-n`` (not counting which inputs hit the time limit).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"

SENTENCES = [
    "Der Bundestag hat am Donnerstag ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
    "Die Opposition kritisierte den Entwurf als unzureichend.",
    "„Wir müssen jetzt handeln“, sagte die Ministerin in Berlin.",
    "Nach Angaben der Polizei wurde niemand verletzt.",
    "The city council voted on Tuesday to expand the bus network by next summer.",
    "Officials said the decision was expected to cost about $4 million.",
    "\"It is a good day for the region,\" the mayor told reporters.",
    "Experten rechnen damit, dass die Preise im Frühjahr sinken.",
    "Critics argue that the plan does not go far enough...",
    "Am Samstag, 21.01.2024, kam es zu Staus auf der A5.",
]
CHROME = [
    "Startseite", "Home > Politik > Ausland", "Auf Facebook teilen", "Share on X", "Anzeige", "Advertisement",
    "Lesen Sie auch", "Read more", "Kommentare", "Comments", "Foto: dpa", "Bild vergrößern", "Lesedauer: 3 Min.",
    "5 min read", "Von Anna Muster", "By Jane Doe and John Roe", "Veröffentlicht am 21.01.2024, 12:28 Uhr",
    "Updated Nov 19, 2019, 10:31 pm CST", "Menü Icon", "Video", "Dauer 1:23", "(yam/sda/dpa)", "Mehr zum Thema",
    "Newsletter abonnieren", "Impressum", "Datenschutz", "Loading...", "Видео по теме", "Politik", "Sport",
    "Putin warnt Deutschland vor …", "Das Bild zeigt einen Hund.", "FILE - In this photo a man walks.",
]
HTML_BITS = ["<p>", "</p>", "<div class='x'>", "</div>", "<br>", "<script>var a=1;</script>", "<h1>", "</h1>",
             "<a href='/x'>", "</a>", "<!--", "-->", "<html>", "<body>", "<meta charset='latin-1'>", "&amp;",
             "&#x00;", "<title>", "<article>", "<li>", "<table><td>", "<![CDATA[", "<?xml version='1.0'?>"]
CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x90\x9b\u2028\u2029\u200b\ufeff\ud800\r"
ODD = "ÃƒÂ¤Ã¼â€œâ€\ufffd\u0301\u202e\U0001f600ß€…„“«»" + "".join(map(chr, range(0x400, 0x410)))
#: Inputs are cut to SMALL bytes, except a LARGE_SHARE of them, cut to LARGE (the hostile
#: corpus has the really big cases; 100,000 inputs must run in about 20 minutes).
SMALL, LARGE, LARGE_SHARE = 2_500, 300_000, 0.003
SLOW_KEEP = 10  # how many of the slowest inputs the summary lists


class Hang(Exception):
    """The hard alarm went off: clean() ignored its time limit."""


# -- inputs -------------------------------------------------------------------------------------

def corpus() -> list[bytes]:
    """The pages mutations start from: the reference pages and the small hostile cases."""
    pages = [p.read_bytes() for p in sorted(SEEDS.glob("*/page.txt"))]
    if HOSTILE.is_dir():
        pages += [p.read_bytes() for p in sorted(HOSTILE.iterdir())
                  if p.is_file() and not p.name.startswith(".") and p.stat().st_size < 100_000]
    return pages


def generated(rng: random.Random) -> str:
    """A made-up page: chrome, a headline, a byline, paragraphs, closing sections, blank lines."""
    lines: list[str] = []
    for _ in range(rng.randint(0, 40)):
        r = rng.random()
        if r < 0.45:
            lines.append(" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 5))))
        elif r < 0.85:
            lines.append(rng.choice(CHROME))
        else:
            lines.append("")
    return "\n".join(lines)


def excerpt(page: bytes, rng: random.Random) -> bytes:
    """A window of a page's lines (most seeds are too long to clean 100,000 times in full)."""
    lines = page.split(b"\n")
    if len(lines) <= 60:
        return page
    n = rng.randint(5, 60)
    start = rng.randrange(0, len(lines) - n)
    return b"\n".join(lines[start:start + n])


def mutate(data: bytes, rng: random.Random, pages: list[bytes]) -> bytes:
    """One random mutation of a page's bytes."""
    kind = rng.randrange(12)
    lines = data.split(b"\n")
    if kind == 0 and data:  # byte flips
        buf = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            buf[rng.randrange(len(buf))] = rng.randrange(256)
        return bytes(buf)
    if kind == 1:  # line shuffle
        rng.shuffle(lines)
        return b"\n".join(lines)
    if kind == 2 and data:  # truncation (possibly inside a UTF-8 sequence)
        return data[:rng.randrange(len(data))]
    if kind == 3:  # duplicate a stretch of lines
        a = rng.randrange(len(lines))
        b = min(len(lines), a + rng.randint(1, 20))
        return b"\n".join(lines[:b] + lines[a:b] * rng.randint(1, 5) + lines[b:])
    if kind == 4:  # insert chrome lines
        for _ in range(rng.randint(1, 10)):
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(CHROME).encode())
        return b"\n".join(lines)
    if kind == 5:  # insert HTML
        return _insert(data, rng, "".join(rng.choice(HTML_BITS) for _ in range(rng.randint(1, 8))).encode())
    if kind == 6:  # insert control characters
        text = data.decode("utf-8", errors="replace")
        for _ in range(rng.randint(1, 20)):
            k = rng.randrange(len(text) + 1)
            text = text[:k] + rng.choice(CONTROLS) + text[k:]
        return text.encode("utf-8", errors="surrogatepass")
    if kind == 7:  # splice with another page
        other = excerpt(rng.choice(pages), rng)
        return data[:rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]
    if kind == 8:  # odd Unicode (mojibake, combining marks, bidi, emoji, Cyrillic)
        return _insert(data, rng, "".join(rng.choice(ODD) for _ in range(rng.randint(1, 50))).encode(
            "utf-8", errors="surrogatepass"))
    if kind == 9:  # join lines (a dump that lost its line breaks)
        return data.replace(b"\n", rng.choice([b" ", b"", b"\r"]))
    if kind == 10:  # one line repeated many times, or one long line
        line = rng.choice(lines) if lines else b"x"
        return b"\n".join([line] * rng.randint(50, 2000)) if rng.random() < 0.5 else line * rng.randint(10, 500)
    return data.encode("latin-1") if isinstance(data, str) else data.decode("utf-8", "replace").encode(
        rng.choice(["latin-1", "cp1252", "utf-16", "utf-16-le", "utf-8-sig"]), errors="replace")  # re-encode


def _insert(data: bytes, rng: random.Random, piece: bytes) -> bytes:
    k = rng.randrange(len(data) + 1)
    return data[:k] + piece + data[k:]


def make_input(i: int, seed: int, pages: list[bytes]) -> tuple[bytes | str, str]:
    """Input number i of the run: (the page as bytes or str, input_format)."""
    rng = random.Random(f"{seed}:{i}")
    if rng.random() < 0.3:
        data = generated(rng).encode("utf-8")
    else:
        data = excerpt(rng.choice(pages), rng)
    for _ in range(rng.randint(1, 3)):  # capped after each mutation: repeats of repeats explode
        data = mutate(data, rng, pages)[:LARGE]
    data = data[:LARGE if rng.random() < LARGE_SHARE else SMALL]
    fmt = rng.choice(["auto"] * 5 + ["text"] * 2 + ["html"])
    if rng.random() < 0.5:
        return data, fmt
    return data.decode("utf-8", errors=rng.choice(["replace", "ignore", "surrogateescape"])), fmt


# -- running ------------------------------------------------------------------------------------

def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def run_one(i: int, seed: int, pages: list[bytes], timeout: float, hang: float) -> dict[str, Any]:
    """Clean input i; its outcome ("ok", "DecodeError", "CleanTimeout", "crash", "hang") and time."""
    import cleannews

    source, fmt = make_input(i, seed, pages)
    signal.setitimer(signal.ITIMER_REAL, hang)
    start = time.perf_counter()
    detail = ""
    try:
        cleannews.clean(source, input_format=fmt, timeout=timeout)
        outcome = "ok"
    except (cleannews.DecodeError, cleannews.CleanTimeout) as exc:
        outcome = type(exc).__name__
    except Hang:
        outcome = "hang"
    except Exception as exc:  # noqa: BLE001 - any other exception is what we are looking for
        outcome = "crash"
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb) if "cleannews" in f.filename), "?")
        detail = f"{type(exc).__name__}: {str(exc)[:200]} at {where}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    seconds = time.perf_counter() - start
    return {"i": i, "outcome": outcome, "seconds": seconds, "size": len(source), "format": fmt,
            "type": type(source).__name__, "detail": detail}


def _worker(args: tuple[int, int, int, int, float, float]) -> list[dict[str, Any]]:
    start, stop, step, seed, timeout, hang = args
    signal.signal(signal.SIGALRM, _alarm)
    pages = corpus()
    out = []
    for i in range(start, stop, step):
        r = run_one(i, seed, pages, timeout, hang)
        if r["outcome"] in ("crash", "hang") or r["seconds"] > 0.2:
            out.append(r)
        else:
            out.append({"i": i, "outcome": r["outcome"], "seconds": r["seconds"]})
    return out


def fuzz(n: int = 100_000, *, seed: int = 1, workers: int = 1, timeout: float = 5.0, hang: float = 30.0,
         out: Path | None = None, progress: bool = True, start: int = 0) -> dict[str, Any]:
    """Run inputs start..n-1 and return the summary (also written to ``out``/summary.json, with each
    crashing or hanging input saved next to it)."""
    began = time.monotonic()
    chunk = 1000
    jobs = [(a, min(a + chunk, n), 1, seed, timeout, hang) for a in range(start, n, chunk)]
    results: list[dict[str, Any]] = []
    if workers <= 1:
        batches = map(_worker, jobs)
    else:
        pool = multiprocessing.get_context("fork").Pool(workers)
        batches = pool.imap(_worker, jobs)
    for k, batch in enumerate(batches, 1):
        results.extend(batch)
        if progress:
            bad = sum(r["outcome"] in ("crash", "hang") for r in results)
            print(f"\r{start + len(results):>7,}/{n:,} inputs  {time.monotonic() - began:6.0f} s  crashes+hangs: {bad}",
                  end="", file=sys.stderr, flush=True)
    if workers > 1:
        pool.close()
    if progress:
        print(file=sys.stderr)
    wall = time.monotonic() - began
    counts = Counter(r["outcome"] for r in results)
    bad = [r for r in results if r["outcome"] in ("crash", "hang")]
    slowest = sorted(results, key=lambda r: -r["seconds"])[:SLOW_KEEP]
    pages = corpus()
    for r in slowest:  # describe them (cheap: regenerate)
        source, fmt = make_input(r["i"], seed, pages)
        r.update(size=len(source), format=fmt, type=type(source).__name__)
    summary = {
        "inputs": len(results), "first": start, "seed": seed, "workers": workers, "timeout": timeout, "hang_alarm": hang,
        "wall_seconds": round(wall, 1), "inputs_per_second": round(len(results) / wall, 1),
        "outcomes": dict(counts), "crashes": [r for r in bad if r["outcome"] == "crash"],
        "hangs": [r for r in bad if r["outcome"] == "hang"],
        "unique_crashes": sorted({r["detail"] for r in bad if r["outcome"] == "crash"}),
        "slowest": [{k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in slowest],
        "mean_ms": round(1000 * sum(r["seconds"] for r in results) / max(1, len(results)), 2),
    }
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for r in bad:
            source, fmt = make_input(r["i"], seed, pages)
            data = source if isinstance(source, bytes) else source.encode("utf-8", errors="surrogatepass")
            (out / f"{r['outcome']}_{r['i']}.{fmt}.{r['type']}").write_bytes(data)
        (out / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="how many inputs (default 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first input number (to resume a run)")
    parser.add_argument("--workers", type=int, default=1, help="processes (default 1: the machine is shared)")
    parser.add_argument("--timeout", type=float, default=5.0, help="clean(timeout=) per input, seconds")
    parser.add_argument("--hang", type=float, default=30.0, help="hard alarm per input: past it, a hang")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "fuzz")
    parser.add_argument("--max-memory-gb", type=float, default=4.0,
                        help="address-space limit per process: a blow-up shows as a MemoryError crash")
    args = parser.parse_args(argv)
    limit = int(args.max_memory_gb * 1024 ** 3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # inherited by worker processes
    s = fuzz(args.n, seed=args.seed, workers=args.workers, timeout=args.timeout, hang=args.hang, out=args.out,
             start=args.start)
    print(f"inputs {s['inputs']:,}  wall {s['wall_seconds']:.0f} s  ({s['inputs_per_second']:.0f}/s, "
          f"mean {s['mean_ms']} ms)  workers {s['workers']}")
    print("outcomes:", ", ".join(f"{k} {v:,}" for k, v in sorted(s["outcomes"].items())))
    print(f"crashes: {len(s['crashes'])}  hangs: {len(s['hangs'])}")
    for d in s["unique_crashes"]:
        print("  crash:", d)
    print("slowest:")
    for r in s["slowest"][:5]:
        print(f"  #{r['i']}: {r['seconds']:.2f} s, {r['size']:,} {r['type']} as {r['format']} ({r['outcome']})")
    print(f"summary: {args.out / 'summary.json'}")
    return 1 if s["crashes"] or s["hangs"] else 0


if __name__ == "__main__":
    sys.exit(main())
