"""Label every line of the evaluation pages' page.txt as in the gold body or not.

A line is in the body when the scorer's word 4-gram shingles (``\\w+`` words, as the benchmark's
scorer counts them) of the line are found in the gold body: at least ``MIN_SHARE`` of them for a
line of four words or more; a shorter line is in the body when its words stand in a row in the
gold body and the line is one of the gold's paragraphs or has two words or more. Where the gold
gives only snippets (``with`` / ``without``, the trafilatura set), a line holding a ``with``
snippet is in the body, one holding a ``without`` snippet is not, and the other lines are left
unlabelled (None).

Usage::

    python3 training/line_labels.py --data EVAL/scrapinghub --data EVAL/wcxb-dev --out labels.jsonl

Each output row: ``{"set", "page", "line" (0-based index in page.txt's lines), "label"}``. The
labels depend only on the files: the same input gives the same output.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

WORD = re.compile(r"\w+")
QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›'"})
#: share of a line's shingles that must be in the gold body
MIN_SHARE = 0.5
SHINGLE = 4


def words(text: str) -> list[str]:
    """The scorer's words."""
    return WORD.findall(text or "")


def norm(text: str) -> str:
    """The scorer's snippet normalisation (NFKC, one quote style, single spaces, casefold)."""
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTES)
    return " ".join(text.split()).casefold()


def gold_text(body: object) -> list[str]:
    """The gold body as a list of paragraphs."""
    if body is None:
        return []
    return [str(p) for p in body] if isinstance(body, list) else str(body).split("\n")


def body_labels(lines: list[str], body: object) -> list[bool | None]:
    """In the gold body or not, per line (None for a blank line)."""
    paragraphs = gold_text(body)
    gold_words = [w for p in paragraphs for w in words(p)]
    shingles = collections.Counter(tuple(gold_words[i:i + SHINGLE]) for i in range(len(gold_words) - SHINGLE + 1))
    joined = " " + " ".join(gold_words) + " "
    whole = {" ".join(words(p)) for p in paragraphs}
    out: list[bool | None] = []
    for line in lines:
        w = words(line)
        if not w:
            out.append(None)
        elif len(w) >= SHINGLE:
            own = [tuple(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)]
            out.append(sum(1 for s in own if s in shingles) >= MIN_SHARE * len(own))
        else:
            key = " ".join(w)
            out.append((" " + key + " ") in joined and (key in whole or len(w) >= 2))
    return out


def snippet_labels(lines: list[str], with_: list[str], without: list[str]) -> list[bool | None]:
    """True for a line holding a ``with`` snippet, False for one holding a ``without`` snippet
    (and no ``with`` one), None otherwise."""
    keep = [norm(s) for s in with_ if norm(s)]
    drop = [norm(s) for s in without if norm(s)]
    out: list[bool | None] = []
    for line in lines:
        n = norm(line)
        if not n:
            out.append(None)
        elif any(s in n for s in keep):
            out.append(True)
        elif any(s in n for s in drop):
            out.append(False)
        else:
            out.append(None)
    return out


def page_lines(text: str) -> list[str]:
    """page.txt's lines, split as cleannews splits them."""
    from cleannews.page import split_lines
    return split_lines(text)


def label_page(folder: Path) -> list[bool | None] | None:
    """The labels of one page folder's page.txt lines (None when its gold decides no line)."""
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    page = folder / "page.txt"
    if not page.exists():
        return None
    lines = page_lines(page.read_text(encoding="utf-8", errors="replace"))
    if gold.get("body"):
        return body_labels(lines, gold["body"])
    if gold.get("with") or gold.get("without"):
        return snippet_labels(lines, gold.get("with") or [], gold.get("without") or [])
    return None


def labelled_pages(data: Path) -> Iterator[tuple[str, list[bool | None]]]:
    """(page id, labels) for each page of a set folder whose gold decides lines."""
    for folder in sorted(p for p in data.iterdir() if (p / "gold.json").exists()):
        labels = label_page(folder)
        if labels is not None and any(x is not None for x in labels):
            yield folder.name, labels


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", action="append", required=True, type=Path, help="a set folder; repeat for several")
    ap.add_argument("--out", type=Path, required=True, help="JSON lines file to write")
    args = ap.parse_args(argv)
    n = 0
    with args.out.open("w", encoding="utf-8") as f:
        for data in args.data:
            for page, labels in labelled_pages(data):
                for i, label in enumerate(labels):
                    if label is not None:
                        f.write(json.dumps({"set": data.name, "page": page, "line": i, "label": label}) + "\n")
                        n += 1
    print(f"{n} labelled lines -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
