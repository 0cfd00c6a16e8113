"""The lead: the article's opening paragraph (it stays in the body too)."""

from __future__ import annotations

from dataclasses import dataclass

from ..cleaner import Cleaner
from ..page import Page
from ..text import is_prose


@dataclass(frozen=True)
class Lead(Cleaner):
    """Set ``lead`` to the first kept paragraph of running text. Removes nothing."""

    name = "lead"
    description = "sets the lead to the first paragraph of running text (removes nothing)"
    min_words: int = 8

    def __call__(self, page: Page) -> None:
        for _, line in page.kept():
            if is_prose(line.text, min_words=self.min_words):
                page.fields["lead"] = line.text
                return
