"""Teasers for other articles: headlines truncated with an ellipsis ("Putin warnt Deutschland vor …"),
and blocks of teasers (a short title over a one- or two-sentence summary, perhaps with an author
or a date between them, again and again)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..language import stopwords
from ..page import Page
from ..text import ELLIPSIS_END, ELLIPSIS_START, TERMINAL, WORD, is_title_like, per_text_cache, word_count
from .end_sections import inside_main_text

#: a sentence ending inside the line ("Nonsense! They started …"): prose, not a headline
_SENTENCE_BREAK = regex.compile(r"[.!?…]\s+\p{Lu}")
#: a teaser's title: a title-shaped line of this many words
TEASER_TITLE_WORDS = (3, 14)
#: a teaser's summary: one or two sentences of this many words
TEASER_SUMMARY_WORDS = (5, 45)
#: a block of teasers holds this many (title, summary) pairs or more
MIN_TEASER_PAIRS = 2
#: between a teaser's title and its summary stand at most this many lines of its data (an
#: author, a date) ...
MAX_TEASER_META = 2
#: ... each of at most this many words, not ending like a sentence
TEASER_META_WORDS = 6


class TeaserBlock(NamedTuple):
    """A block of teasers: its first and last position, how many teasers it holds, and how many
    of them carry their data (an author, a date) between title and summary."""

    first: int
    last: int
    teasers: int
    with_data: int = 0

    @property
    def feed(self) -> bool:
        """True when every teaser carries its data: a feed of other stories, each with its
        author or date, which an article's own sections (a subheading over a paragraph) do not."""
        return self.with_data == self.teasers


# (the three tests below are cached by text: a page's lines are weighed as teasers several
# times per page, by the main-text step and its continuation part)
@per_text_cache
def teaser_summary(text: str) -> bool:
    """True for one or two sentences of :data:`TEASER_SUMMARY_WORDS` words."""
    low, high = TEASER_SUMMARY_WORDS
    return low <= word_count(text) <= high and bool(TERMINAL.search(text)) \
        and len(_SENTENCE_BREAK.findall(text.rstrip()[:-1])) <= 1


@per_text_cache
def teaser_title(text: str) -> bool:
    """True for a short title-shaped line that does not end like a sentence."""
    low, high = TEASER_TITLE_WORDS
    return low <= word_count(text) <= high and is_title_like(text) and not TERMINAL.search(text)


@per_text_cache
def teaser_meta(text: str) -> bool:
    """True for a teaser's data between its title and summary: a line of at most
    :data:`TEASER_META_WORDS` words that does not end like a sentence ("Jane Doe", "5 March 2024")."""
    return 0 < word_count(text) <= TEASER_META_WORDS and not TERMINAL.search(text)


def teaser_end(texts: Sequence[str], j: int, max_meta: int = MAX_TEASER_META) -> int | None:
    """The position after the teaser that starts at position ``j`` of ``texts`` (a title, at
    most ``max_meta`` lines of its data, a summary), or None when none starts there."""
    if not teaser_title(texts[j]):
        return None
    for k in range(j + 1, min(len(texts), j + max_meta + 2)):
        if teaser_summary(texts[k]):
            return k + 1
        if not teaser_meta(texts[k]):
            return None
    return None


def teaser_blocks(texts: Sequence[str], min_pairs: int = MIN_TEASER_PAIRS,
                  max_meta: int = MAX_TEASER_META) -> list[TeaserBlock]:
    """The blocks of teasers in ``texts`` (a page's kept lines in order): ``min_pairs`` or more
    teasers in a row (a title over a summary, with at most ``max_meta`` lines between them: an
    author, a date), recognised as a whole (a related-articles box, a feed of more stories)
    rather than line by line."""
    out: list[TeaserBlock] = []
    k = 0
    while k + 1 < len(texts):
        teasers, with_data, j = 0, 0, k
        while j < len(texts) and (after := teaser_end(texts, j, max_meta)) is not None:
            teasers += 1
            with_data += after - j > 2  # (more than a title and a summary)
            j = after
        if teasers >= min_pairs:
            out.append(TeaserBlock(k, j - 1, teasers, with_data))
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
