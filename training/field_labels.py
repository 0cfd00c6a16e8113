"""Label the candidate lines of evaluation pages for the field ranker.

For every page (``<set>/<id>/page.txt`` with a ``gold.json`` that has a headline, byline or
date), the pipeline runs up to the step before the field ranker (the page state the ranker
sees at run time), the candidates and their features are computed
(:class:`cleannews.fields.candidates.PageCandidates`), and each candidate gets its labels:

* ``headline``: the line is the gold headline (compared as the scorer compares: NFKC, one quote
  style, single spaces, casefolded); ``glued``: the line is a kicker glued before the gold
  headline ("Topic - Headline", "Topic: Headline"); ``unglued``: it could be split so, but the
  gold headline is the whole line;
* ``byline``: the line holds one of the gold names;
* ``date``: one of the line's dates is the gold date.

One JSON object per page goes to the output file (JSON lines), so training never reruns the
pipeline::

    python3 training/field_labels.py --data /path/to/eval/trafilatura --out /tmp/labels/trafilatura.jsonl

Deterministic: pages in sorted order, no randomness.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import unicodedata
import urllib.parse
from pathlib import Path
from typing import Any, Iterator

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›'"})
#: The step the ranker runs after; the pipeline runs up to it, included.
BEFORE_RANKER = "main_text"


def norm(text: str | None) -> str:
    """Text as the scorer compares headlines and names."""
    text = unicodedata.normalize("NFKC", text or "").translate(_QUOTES)
    return " ".join(text.split()).casefold()


def gold_names(value: Any) -> list[str]:
    """The gold byline as a list of normalised names."""
    if not value:
        return []
    if isinstance(value, str):
        value = [value]
    return [n for n in (norm(v) for v in value) if n]


def _gold_date(value: Any) -> "datetime.date | None":
    """The gold date ("2019-10-16"; "2022-11-1" read too), or None when there is none or it is
    no calendar date."""
    try:
        y, m, d = (int(p) for p in str(value or "")[:10].split("-"))
        return datetime.date(y, m, d)
    except ValueError:
        return None


def label_page(text: str, gold: dict[str, Any], *, language: str | None = None) -> dict[str, Any]:
    """The candidates of one page with their features and labels (see the module's docstring)."""
    from cleannews.defaults import default_pipeline
    from cleannews.fields.candidates import PageCandidates, glued_kicker
    from cleannews.fields.dates import find_dates
    from cleannews.prepare import prepare

    pipeline = default_pipeline()
    pipeline = pipeline[:pipeline.index(BEFORE_RANKER) + 1]
    page = pipeline.process(prepare(text, language=language, input_format="text"))
    found = PageCandidates(page)
    headline = norm(gold.get("headline"))
    names = gold_names(gold.get("byline"))
    gold_date = _gold_date(gold.get("date"))
    month_first = page.language == "en"
    rows = []
    for c in found.candidates:
        key = norm(c.text)
        glued = glued_kicker(c.text)
        labels = {
            "headline": bool(headline) and key == headline,
            "glued": bool(headline) and glued is not None and norm(glued[1]) == headline,
            "unglued": bool(headline) and glued is not None and key == headline,
            "byline": any(n in key for n in names),
            "date": False,
        }
        if gold_date and c.features.get("has_date") and page.lexicon is not None:
            labels["date"] = any(d.value == gold_date for d in find_dates(c.text, page.lexicon, month_first=month_first))
        rows.append({"index": c.index, "text": c.text, "features": c.features, "split": c.split,
                     "labels": labels})
    return {"language": page.language, "gold": {k: gold.get(k) for k in ("headline", "byline", "date")},
            "has": {k: k in gold for k in ("headline", "byline", "date")}, "candidates": rows}


def pages(data: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(id, page text, gold) of every page of a set with headline, byline or date gold."""
    for d in sorted(p for p in data.iterdir() if p.is_dir()):
        gold_file, text_file = d / "gold.json", d / "page.txt"
        if not (gold_file.exists() and text_file.exists()):
            continue
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        if not any(k in gold for k in ("headline", "byline", "date")):
            continue
        yield d.name, text_file.read_text(encoding="utf-8", errors="replace"), gold


def site_of(gold: dict[str, Any], page_id: str) -> str:
    """The host of the page's address ("www." dropped), or its id when the gold gives none: the
    training script keeps a site's pages together when it splits them."""
    netloc = urllib.parse.urlsplit(str(gold.get("url") or "")).netloc.lower()
    return netloc.removeprefix("www.") or page_id


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, type=Path, help="a set folder of <id>/{page.txt,gold.json}")
    ap.add_argument("--out", required=True, type=Path, help="the JSON-lines file to write")
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages (0: all)")
    a = ap.parse_args(argv)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with a.out.open("w", encoding="utf-8") as out:
        for page_id, text, gold in pages(a.data):
            try:
                row = label_page(text, gold)
            except Exception as exc:  # one bad page must not stop the labelling
                print(f"{page_id}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            row["id"] = page_id
            row["set"] = a.data.name
            row["site"] = site_of(gold, page_id)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
            if a.limit and n >= a.limit:
                break
    print(f"{n} pages labelled -> {a.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
