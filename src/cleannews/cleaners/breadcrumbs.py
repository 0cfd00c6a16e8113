"""Breadcrumb trails ("Home > Politik > Ausland"): removed, their crumbs kept for the section field."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import ends_sentence, line_key, word_count

_CRUMB_SEPARATORS = regex.compile(r"\s*(?:[>›»/|→]|\s-\s)\s*")
#: Separators that hardly stand in text but between crumbs: a trail of them needs no home word.
_TRAIL_ONLY_SEPARATORS = regex.compile(r"\s*[›»]+\s*")
_CAMEL_BOUNDARY = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
#: Crumbs a trail has at the least when nothing else (a home word, a "You are here:" label)
#: says it is one: two sections and the page's title.
MIN_UNLABELLED_CRUMBS = 3
#: Characters of a trail's label at the most ("Sie befinden sich hier").
MAX_LABEL_CHARS = 30


@dataclass(frozen=True)
class Breadcrumbs(Cleaner):
    """A line that starts with "Home"/"Startseite" and continues with section names, separated
    by > › / | or glued together ("HomePolitikAusland"), is a breadcrumb trail. So is a line of
    short crumbs joined by › or » whatever its first crumb (often the site's name: "Magazin ›
    Reisen › Der historische Purzelbaum"), and a line labelled as where the reader is ("You are
    here: Home » Travel", "Sie sind hier: Musikportal › CD Reviews"). The last crumb may be the
    page's own title ("Home » Rezepte » Kuchen » Saftiger Zitronenkuchen vom Blech"), also a
    question. The section crumbs are kept for the section field."""

    name = "breadcrumbs"
    code = RemovalCode.BREADCRUMB
    provides = ("breadcrumbs",)
    description = "removes breadcrumb trails (Home > Politik > Ausland), remembering the crumbs"
    max_crumbs: int = 8
    max_crumb_words: int = 4
    max_title_words: int = 20
    max_line_chars: int = 200

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        home = page.lexicon.words("navigation", "home")
        here = page.lexicon.words("navigation", "here")
        for i, line in list(page.kept()):
            crumbs = self.crumbs(line.text, home, here)
            if crumbs:
                if page.state.breadcrumbs is None:
                    page.state.breadcrumbs = tuple(crumbs)
                page.remove(i, self.name, f"breadcrumb trail: {' > '.join(crumbs)}", self.code)

    def crumbs(self, text: str, home: frozenset[str], here: frozenset[str] = frozenset()) -> list[str] | None:
        """The trail's crumbs, or None when the line is not a trail (``home``: the words a trail
        starts with; ``here``: the labels of a trail, "You are here")."""
        if len(text) > self.max_line_chars:
            return None
        labelled = False
        if ":" in text:
            label, _, rest = text.partition(":")
            if len(label) <= MAX_LABEL_CHARS and line_key(label) in here:
                labelled, text = True, rest.strip()
        parts = self._home_trail(text, home)
        # (not a line that uses » and › as quotes, "»Ja«", "«oui»", nor a sentence: "Klicken Sie
        # auf Datei › Export › PDF.")
        if parts is None and ("›" in text or "»" in text) and "«" not in text and "‹" not in text \
                and not text.rstrip().endswith("."):
            parts = [p for p in _TRAIL_ONLY_SEPARATORS.split(text) if p]
            if len(parts) < (2 if labelled else MIN_UNLABELLED_CRUMBS):
                return None
            if any(":" in p or p.endswith(",") for p in parts[:-1]):  # a label, a list of tags
                return None
        if parts is None or len(parts) > self.max_crumbs:
            return None
        if any(word_count(p) > self.max_crumb_words for p in parts[:-1]):
            return None
        if word_count(parts[-1]) > self.max_crumb_words:  # the page's title closes the trail
            if len(parts) < 3 or word_count(parts[-1]) > self.max_title_words:
                return None
            return parts[:-1]
        return parts

    def _home_trail(self, text: str, home: frozenset[str]) -> list[str] | None:
        """The parts of a trail that starts with a home word, or None."""
        if ends_sentence(text):
            return None
        folded = text.casefold()  # (the first crumb must be a home word: most lines have none)
        if not any(word in folded for word in home):
            return None
        parts = [p for p in _CRUMB_SEPARATORS.split(text) if p]
        if len(parts) == 1:  # glued: "HomePolitikAusland"
            parts = _CAMEL_BOUNDARY.split(text)
            if any(" " in p for p in parts):
                return None
        if len(parts) < 2 or parts[0].casefold() not in home:
            return None
        return parts
