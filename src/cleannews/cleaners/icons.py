"""Icon and logo labels: the alt text of pictures in the page's chrome ("Menü Icon", "Newszone-Logo")."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import LineCleaner
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import ends_sentence, word_count

#: A line that ends with an icon word ("… Icon", "…-Logo").
SUFFIXES = lexicon_class("icons", ("suffixes",), "end")


@dataclass(frozen=True)
class IconLabels(LineCleaner):
    """A short line naming an icon or logo ("Menü Icon", "Newszone-Logo") is the alt text of a
    picture in the page's chrome. Every other word must be capitalised, so that a phrase such
    as "das neue Logo" in the text is left alone."""

    name = "icons"
    code = RemovalCode.ICON
    description = "removes icon and logo labels such as 'Such Icon' or 'Newszone-Logo'"
    max_words: int = 4

    def reason(self, text: str, page: Page) -> str | None:
        if ends_sentence(text) or word_count(text) > self.max_words:  # (prose needs no counting)
            return None
        m = page.scan.match(SUFFIXES, text)
        if not m or (m.start() > 0 and text[m.start() - 1] not in " -_"):
            return None
        rest = text[:m.start()].replace("-", " ").split()
        if all(w[:1].isupper() or not w[:1].isalpha() for w in rest):
            return f"icon or logo label: {text[:60]!r}"
        return None
