"""Split spans that a scraper glued onto one line ("Auf Facebook teilenAuf x.com teilen")."""

from __future__ import annotations

from dataclasses import dataclass

from ..cleaner import Cleaner
from ..lexicon.scan import lexicon_class
from ..page import Page

#: The UI phrases a scraper glues onto their neighbours (case-sensitive), anywhere in a line.
GLUED_PHRASES = lexicon_class("glue", ("phrases_re",), "search", flags=0)


@dataclass(frozen=True)
class SplitGluedSpans(Cleaner):
    """Where a known UI phrase (share button, reading time, zoom label, icon name) touches the
    text around it without a space, cut the line there, so that each piece is judged alone.

    Adds lines, removes none; must run before any step that remembers line positions.
    """

    name = "unglue"
    description = "splits UI phrases glued to their neighbours into lines of their own"

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        pattern = GLUED_PHRASES.pattern(page.lexicon)
        scan = page.scan
        scan.expect(GLUED_PHRASES, (line.text for line in page.lines))  # (every line is asked about)
        splits: dict[int, list[str]] = {}
        for i, line in enumerate(page.lines):
            text = line.text
            if not text or not scan.hit(GLUED_PHRASES, text):  # (the scan says where a phrase is)
                continue
            cuts: set[int] = set()
            for m in pattern.finditer(text):
                if m.start() > 0 and not text[m.start() - 1].isspace():
                    cuts.add(m.start())
                if m.end() < len(text) and not text[m.end()].isspace():
                    cuts.add(m.end())
            if cuts:
                bounds = [0, *sorted(cuts), len(text)]
                parts = [text[a:b].strip() for a, b in zip(bounds, bounds[1:])]
                splits[i] = [p for p in parts if p]
        page.split_lines(splits)  # all at once: splitting one by one is quadratic on a long page
