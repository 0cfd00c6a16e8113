"""Menus and link lists: runs of short link-like lines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import PARAGRAPH_WORDS, announces_list, ends_sentence, is_prose, is_title_like, word_count

#: A list heading as a whole word ("Zutaten", "Ingredients"): a line that announces a list.
LIST_HEADERS = lexicon_class("lists", ("headers",), "word")


def names_list(page: Page) -> Callable[[str], bool]:
    """Whether a text holds a list heading (:data:`LIST_HEADERS`), as the page's scan answers."""
    return partial(page.scan.hit, LIST_HEADERS)


@dataclass(frozen=True)
class MenuRuns(Cleaner):
    """Four or more short lines in a row (no blank line between, each at most a few words and
    no sentence) are a menu or a link list, not article text. A run introduced by a line that
    ends with a colon or names a list ("Zutaten", "Ingredients": the lexicon's ``[lists]``) is
    a list the text announces, and stays. A run's last line of two words or more stays when
    the article starts right under the run (a byline or date line, or a paragraph of prose):
    it is the headline, printed under the menu without a blank line."""

    name = "menus"
    code = RemovalCode.MENU
    uses = ("byline", "date")
    description = "removes runs of 4+ consecutive short link-like lines (menus, link lists)"
    min_run: int = 4
    max_words: int = 3
    look_back: int = 4
    #: a paragraph of at least this many words under a run starts the article
    article_words: int = PARAGRAPH_WORDS
    #: how many removed lines may stand between the run and the article's start
    look_ahead: int = 4

    def _short(self, text: str) -> bool:
        return (len(text) <= 40 and word_count(text) <= self.max_words and not ends_sentence(text)
                and not text.endswith(":") and not text.startswith(("•", "-", "–", "*", "·")))

    def _announced(self, page: Page, i: int, headers: Callable[[str], bool]) -> bool:
        """True when the line right above the run ends with a colon, or a list heading
        ("Zutaten") stands at the run's head or a few lines above it (``look_back`` lines of its
        block at most)."""
        lines = page.lines
        if announces_list(lines[i].text, headers, colon=False):
            return True
        j = i - 1
        while j >= 0 and i - j <= self.look_back:
            # a colon announces what follows at once; a list heading may have a note under it
            if lines[j].text and lines[j].kept and announces_list(lines[j].text, headers, colon=j == i - 1):
                return True
            if not lines[j].text and i - j > 1:  # the block above ends (one blank line may separate it)
                return False
            j -= 1
        return False

    def _title_over_article(self, page: Page, last: int) -> bool:
        """True when the run's last line is title-shaped and the next line that counts under
        it (past blank lines and a few lines already removed) starts the article: a byline or
        date line, or a paragraph of prose."""
        if not is_title_like(page.lines[last].text):  # (two words or more, no full stop)
            return False
        j = last
        for _ in range(self.look_ahead):
            nxt = page.next_nonblank(j)
            if nxt is None:
                return False
            j = nxt
            line = page.lines[j]
            if line.field in ("byline", "date"):
                return True
            if line.kept:
                return is_prose(line.text, min_words=self.article_words)
        return False

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        headers = names_list(page)
        lines = page.lines
        i = 0
        while i < len(lines):
            if not (lines[i].kept and lines[i].text and self._short(lines[i].text)):
                i += 1
                continue
            j, short = i, []
            while j < len(lines) and lines[j].text and (not lines[j].kept or self._short(lines[j].text)):
                if lines[j].kept:
                    short.append(j)
                j += 1
            announced = self._announced(page, i, headers)
            if len(short) >= self.min_run and not announced:
                if self._title_over_article(page, short[-1]):
                    short.pop()
                for k in short:
                    page.remove(k, self.name, f"menu or link list ({len(short)} short lines in a row)", self.code)
            i = max(j, i + 1)
