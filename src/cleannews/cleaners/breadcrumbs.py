"""Breadcrumb trails ("Home > Politik > Ausland"): removed, their crumbs kept for the section field."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import ends_sentence, word_count

_CRUMB_SEPARATORS = regex.compile(r"\s*(?:[>›»/|→]|\s-\s)\s*")
_CAMEL_BOUNDARY = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")


@dataclass(frozen=True)
class Breadcrumbs(Cleaner):
    """A line that starts with "Home"/"Startseite" and continues with section names, separated
    by > › / | or glued together ("HomePolitikAusland"), is a breadcrumb trail. The last crumb
    may be the page's own title ("Home » Rezepte » Kuchen » Saftiger Zitronenkuchen vom
    Blech"). The section crumbs are kept for the section field."""

    name = "breadcrumbs"
    code = RemovalCode.BREADCRUMB
    provides = ("breadcrumbs",)
    description = "removes breadcrumb trails (Home > Politik > Ausland), remembering the crumbs"
    max_crumbs: int = 8
    max_crumb_words: int = 4
    max_title_words: int = 20

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        home = page.lexicon.words("navigation", "home")
        for i, line in list(page.kept()):
            crumbs = self.crumbs(line.text, home)
            if crumbs:
                if page.state.breadcrumbs is None:
                    page.state.breadcrumbs = tuple(crumbs)
                page.remove(i, self.name, f"breadcrumb trail: {' > '.join(crumbs)}", self.code)

    def crumbs(self, text: str, home: frozenset[str]) -> list[str] | None:
        """The trail's crumbs, or None when the line is not a trail."""
        if len(text) > 200 or ends_sentence(text):
            return None
        folded = text.casefold()  # (the first crumb must be a home word: most lines have none)
        if not any(word in folded for word in home):
            return None
        parts = [p for p in _CRUMB_SEPARATORS.split(text) if p]
        if len(parts) == 1:  # glued: "HomePolitikAusland"
            parts = _CAMEL_BOUNDARY.split(text)
            if any(" " in p for p in parts):
                return None
        if not 2 <= len(parts) <= self.max_crumbs or parts[0].casefold() not in home:
            return None
        if any(word_count(p) > self.max_crumb_words for p in parts[:-1]):
            return None
        if word_count(parts[-1]) > self.max_crumb_words:  # the page's title closes the trail
            if len(parts) < 3 or word_count(parts[-1]) > self.max_title_words:
                return None
            return parts[:-1]
        return parts
