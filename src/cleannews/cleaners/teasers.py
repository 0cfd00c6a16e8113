"""Teasers for other articles: headlines truncated with an ellipsis ("Putin warnt Deutschland vor …"),
and blocks of teasers (a short title over a one- or two-sentence summary, again and again)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..language import stopwords
from ..page import Page
from ..text import ELLIPSIS_END, ELLIPSIS_START, TERMINAL, WORD, is_title_like, word_count
from .end_sections import inside_main_text

#: a sentence ending inside the line ("Nonsense! They started …"): prose, not a headline
_SENTENCE_BREAK = regex.compile(r"[.!?…]\s+\p{Lu}")
#: a teaser's title: a title-shaped line of this many words
TEASER_TITLE_WORDS = (3, 14)
#: a teaser's summary: one or two sentences of this many words
TEASER_SUMMARY_WORDS = (5, 45)
#: a block of teasers holds this many (title, summary) pairs or more
MIN_TEASER_PAIRS = 2


def teaser_summary(text: str) -> bool:
    """True for one or two sentences of :data:`TEASER_SUMMARY_WORDS` words."""
    low, high = TEASER_SUMMARY_WORDS
    return low <= word_count(text) <= high and bool(TERMINAL.search(text)) \
        and len(_SENTENCE_BREAK.findall(text.rstrip()[:-1])) <= 1


def teaser_title(text: str) -> bool:
    """True for a short title-shaped line that does not end like a sentence."""
    low, high = TEASER_TITLE_WORDS
    return low <= word_count(text) <= high and is_title_like(text) and not TERMINAL.search(text)


def teaser_blocks(texts: list[str], min_pairs: int = MIN_TEASER_PAIRS) -> list[tuple[int, int]]:
    """(first, last) positions in ``texts`` (a page's kept lines in order) of each block of
    teasers: ``min_pairs`` or more (title, summary) pairs in a row, recognised as a whole (a
    related-articles box, a list of more stories) rather than line by line."""
    out: list[tuple[int, int]] = []
    k = 0
    while k + 1 < len(texts):
        pairs = 0
        j = k
        while j + 1 < len(texts) and teaser_title(texts[j]) and teaser_summary(texts[j + 1]):
            pairs += 1
            j += 2
        if pairs >= min_pairs:
            out.append((k, j - 1))
            k = j
        else:
            k += 1
    return out


@dataclass(frozen=True)
class TruncatedTeasers(Cleaner):
    """A headline cut off with an ellipsis ("Putin warnt Deutschland vor …") is a teaser
    linking elsewhere. A line that ends in "..." and is continued by the next one ("... und
    droht mit Sanktionen") is the text's own style, and stays; so does a line with a sentence
    break in it, and a line that talks like a sentence (many stopwords) inside the article's
    main run of prose (see main_text), unless its neighbour is truncated too."""

    name = "teasers"
    code = RemovalCode.TEASER
    uses = ("main_run",)
    provides = ("teasers",)
    full_page_only = True
    description = "removes teaser headlines truncated with an ellipsis"
    min_words: int = 4
    max_words: int = 25
    talk_share: float = 0.35

    def __call__(self, page: Page) -> None:
        stops = stopwords(page.language)
        for i, line in list(page.kept()):
            text = line.text
            if not ELLIPSIS_END.search(text) or not self.min_words <= word_count(text) <= self.max_words:
                continue
            body = ELLIPSIS_END.sub("", text).rstrip()
            if body.endswith((".", "!", "?", ",", ":")) or not is_title_like(body) or _SENTENCE_BREAK.search(body):
                continue
            if inside_main_text(page, i) and not self._in_series(page, i) and self._talks(body, stops):
                continue  # "Here's the other important thing …" in the run of prose: the text's style
            nxt = page.next_nonblank(i)
            if nxt is not None and ELLIPSIS_START.match(page.lines[nxt].text):
                continue
            page.remove(i, self.name, "truncated teaser headline", self.code)
            page.state.teasers.add(line.uid)

    def _talks(self, text: str, stops: frozenset[str]) -> bool:
        """True when at least ``talk_share`` of the words are stopwords: a sentence of the text
        ("But here's the thing …"), not a headline (they leave the small words out)."""
        words = WORD.findall(text)
        return bool(words) and sum(1 for w in words if w.casefold() in stops) >= self.talk_share * len(words)

    @staticmethod
    def _in_series(page: Page, i: int) -> bool:
        """True when the nearest line above or below also ends with an ellipsis: a list of
        teasers, not one sentence trailing off."""
        for step in (-1, 1):
            j = page.next_nonblank(i, step)
            if j is not None and ELLIPSIS_END.search(page.lines[j].text):
                return True
        return False
