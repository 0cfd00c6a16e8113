"""The per-line feature table of a page: what the learned decisions read of each line, computed
once per page instead of once per step, candidate or field.

Its columns, one value per line of the page (blank lines included):

* the shape of the stripped line, measured in one compiled pass (:mod:`cleannews.line_shape`):
  ``chars``, ``tokens`` (whitespace-separated), ``caps`` (tokens starting upper case),
  ``letters``, ``digits`` and the ``flags`` bits (all upper case, starts upper case, ends with
  ".", "?"/"!", ":" or an ellipsis);
* ``repeats``: how often the line's :func:`~cleannews.text.line_key` stands on the page;
* on demand, each computed once per line and kept: :meth:`LineTable.words`,
  :meth:`LineTable.prose`, :meth:`LineTable.title_like`;
* on demand, for the lines asked for, in one compiled pass: the words the main-text classifier
  reads (:meth:`LineTable.word_counts`: words, stopwords, capitalised words, digits, letters);
  a line's content words (:meth:`LineTable.content_words`), which the field ranker compares
  with the text under the article's start.

A table describes the texts it was built from; :func:`page_table` gives the page's current table,
built again only when a line's text has changed. (Per-line lexicon class hits, one scan of a
page's lines for all its lexicon lists, would be one more column here.)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from .char_classes import classes_for
from .line_shape import (END_COLON, END_ELLIPSIS, END_PERIOD, END_QUESTION, STARTS_UPPER, UPPER, content_words,
                         name_tokens, shape_columns, word_columns)
from .text import PARAGRAPH_WORDS, is_prose, is_title_like, line_key, word_count

if TYPE_CHECKING:
    from .page import Page

__all__ = ["END_COLON", "END_ELLIPSIS", "END_PERIOD", "END_QUESTION", "STARTS_UPPER", "UPPER",
           "LineTable", "WordCounts", "page_table"]

#: The least letters of a line in capitals that counts as written all in capitals.
ALL_CAPS_MIN_LETTERS = 4
#: The least characters of a content word (:meth:`LineTable.content_words`).
CONTENT_WORD_CHARS = 4


class WordCounts(NamedTuple):
    """A line's words (matches of :data:`cleannews.cleaners.line_features.TOKEN`) and characters, as
    :func:`cleannews.line_shape.word_columns` counts them (for a whole page at once, see
    :meth:`LineTable.word_counts`)."""

    words: int
    stopwords: int     # words whose casefolded form is a stopword
    capitalised: int   # words whose first character is upper case
    digits: int        # \p{N} characters
    letters: int       # \p{L} characters


class LineTable:
    """The feature columns of a list of lines (see the module's docstring), by line index."""

    __slots__ = ("texts", "chars", "tokens", "caps", "letters", "digits", "flags", "_keys", "_counts",
                 "_words", "_prose", "_title", "_word_stops", "_word_counts", "_content", "_classes")

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts: list[str] = list(texts)
        self.chars, self.tokens, self.caps, self.letters, self.digits, self.flags = shape_columns(self.texts)
        self._keys: list[str] | None = None
        self._counts: Counter[str] | None = None
        self._words: dict[int, int] = {}
        self._prose: dict[int, bool] = {}
        self._title: dict[int, bool] = {}
        self._word_stops: frozenset[str] | None = None
        self._word_counts: dict[int, WordCounts] = {}
        self._content: dict[int, set[str]] = {}
        self._classes: bytes | None = None

    def __len__(self) -> int:
        return len(self.texts)

    def describes(self, texts: Sequence[str]) -> bool:
        """True when the table was built from these texts (same lines, same order)."""
        return self.texts == texts

    # -- shape ---------------------------------------------------------------------------------
    def has(self, i: int, flag: int) -> bool:
        """Whether line i has the shape bit ``flag`` (:data:`UPPER`, :data:`END_PERIOD` ...)."""
        return bool(self.flags[i] & flag)

    def caps_share(self, i: int) -> float:
        """The share of line i's whitespace-separated tokens that start upper case (0 without one)."""
        n = self.tokens[i]
        return self.caps[i] / n if n else 0.0

    def digit_share(self, i: int) -> float:
        """Digits per character of the stripped line (0 for a blank one)."""
        return self.digits[i] / max(1, self.chars[i])

    def all_caps(self, i: int) -> bool:
        """Line i is written in capitals (``str.isupper``) and has :data:`ALL_CAPS_MIN_LETTERS`
        letters or more."""
        return bool(self.flags[i] & UPPER) and self.letters[i] >= ALL_CAPS_MIN_LETTERS

    # -- repetition ----------------------------------------------------------------------------
    def keys(self) -> list[str]:
        """Each line's :func:`~cleannews.text.line_key` (whitespace runs one space, casefolded)."""
        if self._keys is None:
            self._keys = [line_key(t) if t else "" for t in self.texts]
        return self._keys

    def key_counts(self) -> Counter[str]:
        """How often each :func:`~cleannews.text.line_key` stands on the page (blank lines aside)."""
        if self._counts is None:
            self._counts = Counter(k for k, t in zip(self.keys(), self.texts) if t)
        return self._counts

    def repeats(self, i: int) -> int:
        """How many lines of the page have line i's key (itself included; 0 for a blank line)."""
        return self.key_counts()[self.keys()[i]] if self.texts[i] else 0

    # -- words ---------------------------------------------------------------------------------
    def word_counts(self, indices: Sequence[int], stops: frozenset[str]) -> list[WordCounts]:
        """The words, stopwords among them (``stops``: the page language's), capitalised words,
        digits and letters of the lines at ``indices`` (:class:`WordCounts`), the lines not
        counted before counted together in one compiled pass."""
        self._use_stops(stops)
        known = self._word_counts
        missing = [i for i in indices if i not in known]
        if missing:
            texts = [self.texts[i] for i in missing]
            known.update(zip(missing, map(WordCounts._make, zip(*word_columns(texts, stops, self.classes())))))
        return [known[i] for i in indices]

    def content_words(self, i: int, stops: frozenset[str]) -> set[str]:
        """Line i's content words: its casefolded words (``\\p{L}[\\p{L}\\p{M}'’\\-]*``,
        as :data:`cleannews.text.LETTER_WORD`) of :data:`CONTENT_WORD_CHARS` characters or more
        that are not in ``stops`` (a set shared by every caller: not to be changed)."""
        self._use_stops(stops)
        words = self._content.get(i)
        if words is None:
            words = self._content[i] = content_words(self.texts[i], stops, CONTENT_WORD_CHARS, self.classes())
        return words

    def name_tokens(self, i: int) -> int:
        """How many of line i's whitespace-separated tokens are shaped like a part of a name
        (:data:`cleannews.text.NAME_TOKEN`: a capital, then letters, marks, apostrophes and
        hyphens, perhaps a final full stop)."""
        return name_tokens(self.texts[i], self.classes())

    def classes(self) -> bytes:
        """The character-class table the compiled word measures need for these lines (see
        :func:`cleannews.char_classes.classes_for`)."""
        if self._classes is None:
            self._classes = classes_for(self.texts)
        return self._classes

    def _use_stops(self, stops: frozenset[str]) -> None:
        """Forget the word measures taken with other stopwords than ``stops``."""
        if self._word_stops is not stops:
            self._word_stops, self._word_counts, self._content = stops, {}, {}

    def words(self, i: int) -> int:
        """Line i's :func:`~cleannews.text.word_count` (of the stripped line)."""
        n = self._words.get(i)
        if n is None:
            n = self._words[i] = word_count(self.texts[i].strip())
        return n

    def prose(self, i: int) -> bool:
        """Whether the stripped line i is running text of a paragraph's length
        (:func:`~cleannews.text.is_prose` with ``min_words=PARAGRAPH_WORDS``)."""
        p = self._prose.get(i)
        if p is None:
            p = self._prose[i] = is_prose(self.texts[i].strip(), min_words=PARAGRAPH_WORDS)
        return p

    def title_like(self, i: int) -> bool:
        """Whether the stripped line i is shaped like a title (:func:`~cleannews.text.is_title_like`)."""
        t = self._title.get(i)
        if t is None:
            t = self._title[i] = is_title_like(self.texts[i].strip())
        return t


def page_table(page: Page) -> LineTable:
    """The feature table of the page's lines as they are now: built on first use and again
    after a step changed a line (a split, a repaired text), else the one built before."""
    texts = [line.text for line in page.lines]
    table = page.table
    if table is None or not table.describes(texts):
        table = page.table = LineTable(texts)
    return table
