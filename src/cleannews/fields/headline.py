"""The headline: the title-shaped line just above where the article begins.

The article begins at its byline or date line, or else at its first paragraph of running text.
Walking up from there, the nearest title-shaped line (a few words, no closing full stop) is
the headline; one sentence in between is allowed (a dek under the headline). When a variant
of that title stands a little higher ("… – in Bildern" under the real headline is a gallery's
title), the higher one is the headline and the variant goes. Every other copy of the headline
on the page is removed too: a page repeats its title in menus, media and teasers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cleaner import Cleaner
from ..page import Page
from ..text import is_prose, is_title_like, overlap, word_count
from .fields_util import normalise


@dataclass(frozen=True)
class Headline(Cleaner):
    """Claim the headline line, set ``headline``, and remove its repeats."""

    name = "headline"
    description = "claims the title line above the byline/date/first paragraph; removes its repeats"
    max_words: int = 30
    look_up_lines: int = 6
    variant_overlap: float = 0.6

    def __call__(self, page: Page) -> None:
        anchor = self._anchor(page)
        if anchor is None:
            return
        candidates = self._candidates(page, anchor)
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
            if is_title_like(text, max_words=self.max_words) and word_count(text) >= 2:
                out.append(j)
            elif is_prose(text, min_words=6):
                sentences += 1
                if sentences > 1 or out:
                    break
            i = j
        return out
