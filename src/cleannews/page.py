"""The working state a pipeline passes from step to step: the page's lines and the fields found.

Every line is either kept (it will be part of the body), removed with a reason, or claimed by a
field (headline, byline, date, section), which also takes it out of the body. Blank lines are
paragraph separators and never part of either. What steps find about the page besides its
fields (where the article starts, its main run of prose, ...) is in :attr:`Page.state`.
"""

from __future__ import annotations

import datetime
import itertools
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .article import FIELD_CODES, Article, Removal, RemovalCode
from .errors import CleanTimeout
from .lexicon.scan import PageScan
from .state import PageState

if TYPE_CHECKING:
    from .lexicon import Lexicon
    from .line_table import LineTable

#: Lines longer than this are set aside unread (see :meth:`Page.set_aside_giant_lines`).
MAX_LINE_CHARS = 100_000
#: How many lines :meth:`Page.kept` walks between two looks at the clock.
CHECK_EVERY = 256
#: The fields a step may claim lines for.
FIELDS = ("headline", "kicker", "byline", "date", "section", "lead")

_uids = itertools.count(1)


@dataclass(slots=True)
class Line:
    """One line of the page: its text now, where it came from, and what became of it.

    ``uid`` identifies the line for the page state (it never changes, and stays with the first
    part when a step splits the line); ``fields`` names the fields that claimed it (a line may
    hold the byline and the date).
    """

    text: str
    number: int
    removal: Removal | None = None
    fields: tuple[str, ...] = ()
    uid: int = field(default_factory=_uids.__next__, compare=False)

    @property
    def field(self) -> str | None:
        """The first field that claimed this line (None when no field did)."""
        return self.fields[0] if self.fields else None

    @property
    def kept(self) -> bool:
        """True while no step has removed or claimed this line."""
        return self.removal is None

    @property
    def blank(self) -> bool:
        """True for an empty line (a paragraph separator)."""
        return not self.text


@dataclass
class Page:
    """A page in the middle of cleaning: lines plus the fields found so far.

    Steps read and change it only through these methods, so that every removal carries the
    step's name, reason and code. ``fields`` holds the extracted values (``headline``: str,
    ``byline``: list of names, ``date``: datetime.date, ``section``: str, ``lead``: str);
    ``state`` what steps found for later ones (see :class:`~cleannews.state.PageState`).
    ``version`` counts the changes to the list of lines (see :meth:`split_lines`).
    """

    lines: list[Line]
    language: str = "de"
    lexicon: Lexicon | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    state: PageState = field(default_factory=PageState)
    version: int = 0
    #: seconds each step took on this page, by step name (set by :meth:`Pipeline.process`)
    timings: dict[str, float] = field(default_factory=dict, repr=False, compare=False)
    #: the feature table of the lines (see :func:`cleannews.line_table.page_table`)
    table: LineTable | None = field(default=None, repr=False, compare=False)
    _ticks: int = field(default=0, repr=False, compare=False)
    _positions: dict[int, int] = field(default_factory=dict, repr=False, compare=False)
    _scan: PageScan | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, *, language: str = "de", lexicon: Lexicon | None = None) -> Page:
        """Split text into lines (any line break convention), numbered from 1."""
        return cls(lines=[Line(t, n) for n, t in enumerate(split_lines(text), 1)],
                   language=language, lexicon=lexicon)

    # -- reading ---------------------------------------------------------------------------
    @property
    def scan(self) -> PageScan:
        """The page's lexicon scan (see :mod:`cleannews.lexicon.scan`): which lines hold an
        entry of each lexicon class, made on first use from the lines as they are then (a text
        made later is matched when asked) and kept for every later step."""
        if self.lexicon is None:
            raise ValueError("a page without a lexicon has no lexicon scan")
        scan = self._scan
        if scan is None or scan.lexicon is not self.lexicon:
            scan = self._scan = PageScan(self.lexicon, (line.text for line in self.lines))
        return scan

    def kept(self) -> Iterator[tuple[int, Line]]:
        """(index, line) for each non-blank line still kept, top to bottom.

        Every :data:`CHECK_EVERY` lines it checks the document's time limit (see
        :meth:`check_time`), so that a step walking a huge page stops soon after the limit.
        """
        if self.metadata.get("deadline") is None:  # (the common case, without the clock: faster)
            return ((i, line) for i, line in enumerate(self.lines) if line.removal is None and line.text)
        return self._kept_in_time()

    def _kept_in_time(self) -> Iterator[tuple[int, Line]]:
        """:meth:`kept`, looking at the clock every :data:`CHECK_EVERY` lines."""
        for i, line in enumerate(self.lines):
            if not i % CHECK_EVERY:
                self.check_time()
            if line.removal is None and line.text:
                yield i, line

    def check_time(self) -> None:
        """Raise :class:`cleannews.CleanTimeout` when the time limit set by ``clean(timeout=)``
        (``metadata["deadline"]``, a :func:`time.monotonic` value) has passed."""
        deadline = self.metadata.get("deadline")
        if deadline is not None and time.monotonic() > deadline:
            raise CleanTimeout(f"time limit exceeded ({len(self.lines)} lines)")

    def kept_indices(self) -> list[int]:
        """Indices of the non-blank kept lines."""
        return [i for i, _ in self.kept()]

    def next_kept(self, i: int, step: int = 1, *, within: int | None = None) -> int | None:
        """Index of the nearest non-blank kept line after (``step=1``) or before (-1) index i;
        ``within``: look at most that many lines away (a step that asks this for every line of
        a long run of removed lines is otherwise quadratic)."""
        j = i + step
        stop = len(self.lines) if within is None or step < 0 else min(len(self.lines), i + within + 1)
        start = 0 if within is None or step > 0 else max(0, i - within)
        while start <= j < stop:
            line = self.lines[j]
            if line.removal is None and line.text:
                return j
            j += step
        return None

    def next_nonblank(self, i: int, step: int = 1) -> int | None:
        """Index of the nearest non-blank line (kept or not) after or before index i."""
        j = i + step
        while 0 <= j < len(self.lines):
            if self.lines[j].text:
                return j
            j += step
        return None

    def index_of(self, line: Line | None) -> int | None:
        """The index of ``line`` in :attr:`lines` (None for None, or a line no longer there)."""
        if line is None:
            return None
        i = self._positions.get(line.uid)
        if i is None or i >= len(self.lines) or self.lines[i] is not line:
            self._positions = {other.uid: n for n, other in enumerate(self.lines)}
            i = self._positions.get(line.uid)
        return i

    def headline_index(self) -> int | None:
        """Index where the article begins by the headline step (``state.article_start``), or None."""
        return self.index_of(self.state.article_start)

    @property
    def article_start(self) -> int | None:
        """Index where the article begins (``state.article_start``), else the first kept line.

        The headline step sets it to the headline's line, or, when the headline stands below a
        lone paragraph that may be the article's own opening, to the title line above that
        paragraph (see :mod:`cleannews.fields.headline`).
        """
        start = self.headline_index()
        if start is not None:
            return start
        return next((i for i, _ in self.kept()), None)

    def main_run(self) -> tuple[int, int] | None:
        """(first, last) index of the article's main run of prose (``state.main_run``), or None."""
        run = self.state.main_run
        if run is None:
            return None
        start, end = self.index_of(run.start), self.index_of(run.end)
        if start is None or end is None:
            return None
        return start, end

    def main_core(self) -> int | None:
        """Index of the first line of the main run's block with the most prose
        (``state.main_run.core``), or None."""
        run = self.state.main_run
        if run is None or run.core is None:
            return None
        return self.index_of(run.core)

    # -- changing --------------------------------------------------------------------------
    def _tick(self) -> None:
        """Count one change; every :data:`CHECK_EVERY` changes, check the time limit (steps
        that walk a list of the lines they made first are checked here)."""
        self._ticks += 1
        if not self._ticks % CHECK_EVERY:
            self.check_time()

    def remove(self, i: int, cleaner: str, reason: str, code: RemovalCode = RemovalCode.OTHER) -> None:
        """Take line i out of the body; a line already removed keeps its first reason."""
        self._tick()
        line = self.lines[i]
        if line.removal is None and line.text:
            line.removal = Removal(line.text, cleaner, reason, line.number, code)

    def remove_range(self, start: int, stop: int, cleaner: str, reason: str,
                     code: RemovalCode = RemovalCode.OTHER) -> None:
        """Remove every kept line with index in [start, stop)."""
        for i in range(start, min(stop, len(self.lines))):
            self.remove(i, cleaner, reason, code)

    def claim(self, i: int, field_name: str, cleaner: str, reason: str | None = None, *,
              also: Sequence[str] = (), code: RemovalCode | None = None) -> None:
        """Take line i out of the body for a field (headline, byline, date, section); ``also``:
        other fields the line holds ("von Anna Muster · 18. Oktober 2019": the byline and the
        date). ``code`` defaults to the field's own (:data:`~cleannews.article.FIELD_CODES`)."""
        self._tick()
        line = self.lines[i]
        if line.removal is None and line.text:
            line.fields = (field_name, *also)
            line.removal = Removal(line.text, cleaner, reason or field_name, line.number,
                                   code or FIELD_CODES.get(field_name, RemovalCode.OTHER))

    def split_lines(self, parts: Mapping[int, Sequence[str]]) -> None:
        """Replace several lines at once, line i by ``parts[i]`` (each part keeps line i's input
        number). One pass over the page.

        What became of a line stays with its parts: the first part is the same :class:`Line`
        (so the page state that names it still does), and the parts of a removed or claimed
        line are removed or claimed for the same step, reason and code."""
        if not parts:
            return
        out: list[Line] = []
        for i, line in enumerate(self.lines):
            new = parts.get(i)
            if new is None:
                out.append(line)
                continue
            if not new:  # the line goes, with no part left
                continue
            removal = line.removal
            line.text = new[0]
            if removal is not None:
                line.removal = Removal(new[0], removal.cleaner, removal.reason, removal.line, removal.code) \
                    if new[0] else None
            out.append(line)
            for p in new[1:]:
                part = Line(p, line.number, fields=line.fields)
                if removal is not None and p:
                    part.removal = Removal(p, removal.cleaner, removal.reason, removal.line, removal.code)
                out.append(part)
        self.lines[:] = out
        self.version += 1

    def set_aside_giant_lines(self, max_chars: int | None = None) -> None:
        """Take every line longer than ``max_chars`` (default :data:`MAX_LINE_CHARS`) out of the
        page before any step reads it: no paragraph is that long (it is a binary, a minified
        script or a whole dump without line breaks), and rules that read a line cost time and
        memory in proportion to its length. The line stays in ``Article.removed`` (cleaner
        "input") and is left empty in the page, a paragraph break."""
        limit = MAX_LINE_CHARS if max_chars is None else max_chars
        for line in self.lines:
            if len(line.text) > limit and line.removal is None:
                line.removal = Removal(line.text, "input",
                                       f"a line of {len(line.text):,} characters is no paragraph "
                                       f"(limit {limit:,})", line.number, RemovalCode.GIANT_LINE)
                line.text = ""

    # -- result ----------------------------------------------------------------------------
    def body_lines(self) -> list[str]:
        """The kept lines' texts: the body's paragraphs."""
        return [line.text for _, line in self.kept()]

    def to_article(self) -> Article:
        """Freeze the page into an :class:`Article`."""
        paragraphs = self.body_lines()
        byline = self.fields.get("byline") or ()
        date = self.fields.get("date")
        return Article(
            body="\n\n".join(paragraphs),
            headline=self.fields.get("headline"),
            kicker=self.fields.get("kicker"),
            byline=tuple(byline),
            date=date if isinstance(date, datetime.date) else None,
            lead=self.fields.get("lead") or (paragraphs[0] if paragraphs else None),
            section=self.fields.get("section"),
            language=self.language,
            removed=tuple(line.removal for line in self.lines if line.removal is not None),
            site_name=self.fields.get("site_name"),
            url=self.fields.get("url"),
        )


_BREAKS = ("\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c")


def split_lines(text: str) -> list[str]:
    """Lines of text under any break convention (\\r\\n, \\r, \\u2028, ...)."""
    text = text.replace("\r\n", "\n")
    for brk in _BREAKS:  # (str.replace per break: str.translate takes seconds on 50 MB)
        if brk in text:
            text = text.replace(brk, "\n")
    return text.split("\n")
