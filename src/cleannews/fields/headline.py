"""The headline: the title-shaped line just above where the article begins.

The article begins at its byline or date line, or else at its first paragraph of running text.
Walking up from there, the nearest title-shaped line (a few words, no closing full stop) is
the headline; one sentence in between is allowed (a dek under the headline). Lines that start
or end with a date, addresses and rows of figures are not titles. When nothing above a byline
or date line is title-shaped, the first title-shaped line under it is the headline. When a variant
of that title stands a little higher ("… – in Bildern" under the real headline is a gallery's
title), the higher one is the headline and the variant goes. Every other copy of the headline
on the page is removed too: a page repeats its title in menus, media and teasers.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..cleaner import Cleaner
from ..page import Page
from ..text import is_prose, is_title_like, overlap, word_count
from .dates import find_dates, residue
from .fields_util import normalise
from .meta import parse_meta_line

_ADDRESS = regex.compile(r"@\S+\.\w|(?<!\S)@\w{2,}|https?://|www\.\S+\.\w")


@dataclass(frozen=True)
class Headline(Cleaner):
    """Claim the headline line, set ``headline``, and remove its repeats."""

    name = "headline"
    description = "claims the title line above the byline/date/first paragraph; removes its repeats"
    max_words: int = 30
    look_up_lines: int = 6
    look_down_lines: int = 3
    variant_overlap: float = 0.6

    def __call__(self, page: Page) -> None:
        if page.fields.get("headline"):  # already known, e.g. from an HTML page's metadata
            return
        anchor = self._anchor(page)
        if anchor is None:
            return
        candidates = self._candidates(page, anchor) or self._below(page, anchor)
        if not candidates:
            return
        chosen = candidates[0]
        for other in candidates[1:]:
            a, b = page.lines[chosen].text, page.lines[other].text
            if normalise(a) != normalise(b) and overlap(a, b) >= self.variant_overlap:
                page.remove(chosen, self.name, "variant of the headline (a media or teaser title)")
                chosen = other
                break
        title = page.lines[chosen].text
        page.claim(chosen, "headline", self.name)
        page.fields["headline"] = title
        page.fields["_headline_index"] = chosen
        key = normalise(title)
        for i, line in list(page.kept()):
            if normalise(line.text) == key:
                page.remove(i, self.name, "repeat of the headline")

    def _anchor(self, page: Page) -> int | None:
        """Where the article begins: its first byline or date line, or its first paragraph."""
        claimed = next((i for i, line in enumerate(page.lines)
                        if line.field in ("byline", "date") and line.removal
                        and line.removal.reason != "author signature"), None)
        prose = next((i for i, line in page.kept() if is_prose(line.text, min_words=12)), None)
        found = [i for i in (claimed, prose) if i is not None]
        return min(found) if found else None

    @staticmethod
    def _not_a_title(text: str, page: Page) -> bool:
        """Title-shaped lines that are no headline: a line starting or ending with a date (a
        teaser's), a meta line (date with author or category), an address, a row of figures."""
        if _ADDRESS.search(text):
            return True
        letters = sum(c.isalpha() for c in text)
        if letters < sum(c.isdigit() for c in text):
            return True
        if page.lexicon is None:
            return False
        dates = find_dates(text, page.lexicon)
        if not dates:
            return False
        lex = page.lexicon
        if not residue(text[:dates[0].start], [], lex) or not residue(text[dates[-1].end:], [], lex):
            return True  # the line starts or ends with the date (times and labels aside)
        meta = parse_meta_line(text, page.lexicon)
        return meta is not None and (bool(meta.names) or meta.unknown_words <= 2)

    def _below(self, page: Page, anchor: int) -> list[int]:
        """When nothing above a byline or date line is title-shaped, the headline stands under
        it: the first title-shaped line before the running text starts."""
        if page.lines[anchor].field not in ("byline", "date"):
            return []
        i = anchor
        for _ in range(self.look_down_lines):
            j = page.next_kept(i)
            if j is None:
                break
            text = page.lines[j].text
            if is_prose(text, min_words=6):
                break
            if is_title_like(text, max_words=self.max_words) and word_count(text) >= 2 \
                    and not self._not_a_title(text, page) \
                    and not (page.lexicon is not None and find_dates(text, page.lexicon)):
                return [j]
            i = j
        return []

    def _candidates(self, page: Page, anchor: int) -> list[int]:
        """Title-shaped kept lines above the anchor, nearest first."""
        out: list[int] = []
        sentences = 0
        i = anchor
        for _ in range(self.look_up_lines):
            j = page.next_kept(i, -1)
            if j is None:
                break
            text = page.lines[j].text
            if is_title_like(text, max_words=self.max_words) and word_count(text) >= 2 \
                    and not self._not_a_title(text, page):
                out.append(j)
            elif is_prose(text, min_words=6):
                sentences += 1
                if sentences > 1 or out:
                    break
            i = j
        return out
