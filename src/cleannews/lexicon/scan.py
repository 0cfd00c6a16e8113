"""One lexicon scan per page: for each lexicon class the steps read, which of the page's lines
hold one of its entries, and the match.

A lexicon class is a list (or several lists of a section) in a mode (:class:`LexClass`: "the
``[scorer] ui`` phrases as whole words", "a line that is one of the ``[ads] lines``"). Steps
used to run each class's pattern on each line they looked at, one regex call per line, step and
class, and most of those calls find nothing. :class:`PageScan` answers a class for the whole
page at once and keeps the answer for every later step. Where the optional ``google-re2``
package is installed (``pip install "cleannews[fast]"``), one multi-pattern scan of each line
(:class:`~cleannews.lexicon.re2_scan.Re2Scan`: every class of the page's lexicon in one
``re2.Set``) tells which classes may occur in it, and the regex engine runs only on the lines
and classes it names. Without it (or for a class ``re2`` cannot read), each class is scanned the
first time a step asks for it:

* a class whose entries all hold a literal piece (its needles, see
  :mod:`cleannews.lexicon.needles`) looks for the needles in the page's text joined in one
  string (``str.find``, at memory speed) and runs the regex engine only on the lines where one
  occurs: on most pages, on none or a handful;
* a "line"-mode class looks each line up in the set of its literal phrases first (see
  :mod:`cleannews.lexicon.whole_line`);
* any other class runs its pattern once per distinct line of the page.

A text no scan has seen (a step may split or repair a line, or ask about a part of one) is
matched on demand and remembered. Every answer is what the class's own pattern
(:meth:`Lexicon.combined`, or :meth:`Lexicon.pattern` for one key) gives on the same text, match
object included: the patterns stay the reference, and the scan only decides where the regex
engine need not run.

The scan is reachable from the page (:attr:`cleannews.page.Page.scan`) and lives as long as it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, NamedTuple

import regex

from .needles import fold
from .re2_scan import AVAILABLE, Re2Scan, multi_scan

if TYPE_CHECKING:
    from . import Lexicon

#: The regex flags of a class that ignores case (the lexicon's default).
IGNORE_CASE = int(regex.I)
#: Modes whose pattern is anchored at the line's start (``match`` and ``search`` agree).
_ANCHORED = ("line", "start")
#: What a class finds in a text.
_Match = regex.Match[str] | None


class LexClass(NamedTuple):
    """One lexicon class: the lists ``keys`` of ``section`` in ``mode`` (see
    :data:`cleannews.lexicon.schema.MODES`) with regex ``flags``, matched against ``view`` of a
    line (the line's text itself when None; e.g. the text without its trailing dots)."""

    section: str
    keys: tuple[str, ...]
    mode: str = "search"
    flags: int = IGNORE_CASE
    view: Callable[[str], str] | None = None

    def pattern(self, lexicon: Lexicon) -> regex.Pattern[str]:
        """The class's reference pattern in ``lexicon``."""
        if len(self.keys) == 1:
            return lexicon.pattern(self.section, self.keys[0], self.mode, flags=self.flags)
        return lexicon.combined(self.section, self.keys, self.mode, flags=self.flags)

    def reference(self, lexicon: Lexicon, text: str) -> _Match:
        """What the class's pattern finds in a line's text, without a scan: the answer
        :meth:`PageScan.match` must give."""
        view = self.view(text) if self.view is not None else text
        pattern = self.pattern(lexicon)
        return pattern.match(view) if self.mode in _ANCHORED else pattern.search(view)


#: Every class declared with :func:`lexicon_class`, in order (bit n of a mask is the n-th).
CLASSES: list[LexClass] = []
_DECLARED: set[LexClass] = set()
#: The engine pages are scanned with by default: "re2" where google-re2 is installed.
ENGINE = "re2" if AVAILABLE else "regex"


def lexicon_class(section: str, keys: tuple[str, ...], mode: str = "search", *, flags: int = IGNORE_CASE,
                  view: Callable[[str], str] | None = None) -> LexClass:
    """Declare a lexicon class that steps read through :attr:`Page.scan`: it joins the
    multi-pattern scan (see :class:`LexClass`). ``view`` must give a part of the line (its text
    with something cut off at either end), never new text."""
    cls = LexClass(section, keys, mode, int(flags), view)
    if cls not in _DECLARED:
        _DECLARED.add(cls)
        CLASSES.append(cls)
    return cls


class _Joined(NamedTuple):
    """Distinct texts joined with line breaks (folded or not), and where each one starts."""

    text: str
    starts: list[int]


class PageScan:
    """The lexicon classes of one page's lines (see the module's docstring).

    ``texts`` are the page's line texts when the scan is made; :meth:`match` answers any text.
    """

    __slots__ = ("lexicon", "_texts", "_columns", "_joined", "_multi", "_masks")

    def __init__(self, lexicon: Lexicon, texts: Iterable[str], *, engine: str | None = None) -> None:
        """``engine``: "re2" or "regex" (default: :data:`ENGINE`, "re2" where it is installed)."""
        if engine not in (None, "re2", "regex"):
            raise ValueError(f"engine must be 're2' or 'regex', not {engine!r}")
        if engine == "re2" and ENGINE != "re2":
            raise ImportError("the re2 engine needs the google-re2 package (pip install \"cleannews[fast]\")")
        self.lexicon = lexicon
        self._texts: tuple[str, ...] = tuple(dict.fromkeys(t for t in texts if t))
        self._columns: dict[LexClass, dict[str, _Match]] = {}
        self._joined: dict[tuple[Callable[[str], str] | None, bool], _Joined] = {}
        self._multi: Re2Scan | None = (multi_scan(lexicon, CLASSES) if (engine or ENGINE) == "re2" else None)
        self._masks: dict[str, int] = {}

    # -- reading ---------------------------------------------------------------------------------
    @property
    def engine(self) -> str:
        """The engine that finds the lines a class may match: "re2" or "regex"."""
        return "re2" if self._multi is not None else "regex"

    def match(self, cls: LexClass, text: str) -> _Match:
        """What ``cls``'s pattern finds in ``text`` (through the class's view), or None."""
        multi = self._multi
        bit = multi.bits.get(cls) if multi is not None else None
        if bit is None:  # (the regex engine: the class's column over the page)
            column = self._columns.get(cls)
            if column is None:
                column = self.column(cls)
        else:
            mask = self._masks.get(text)
            if mask is None:
                mask = self._masks[text] = multi.mask(text)
            if not mask & bit:  # (the class occurs nowhere in the line: nor in a part of it)
                return None
            column = self._columns.setdefault(cls, {})
        view = cls.view(text) if cls.view is not None else text
        try:
            return column[view]
        except KeyError:
            found = self._run(cls, view)
            column[view] = found
            return found

    def _run(self, cls: LexClass, view: str) -> _Match:
        """The class's own pattern on one text."""
        if cls.mode == "line":
            return self.lexicon.whole_line((cls.section,), cls.keys, flags=cls.flags).match(view)
        pattern = cls.pattern(self.lexicon)
        return pattern.match(view) if cls.mode in _ANCHORED else pattern.search(view)

    def mask(self, text: str) -> int:
        """The multi-pattern scan's bitmask of the classes that may occur in text (bit n for
        the n-th class of :data:`CLASSES`; all bits for the regex engine, which has none)."""
        if self._multi is None:
            return (1 << len(CLASSES)) - 1
        mask = self._masks.get(text)
        if mask is None:
            mask = self._masks[text] = self._multi.mask(text)
        return mask

    def hit(self, cls: LexClass, text: str) -> bool:
        """True when ``cls``'s pattern finds something in ``text``."""
        return self.match(cls, text) is not None

    def hits(self, cls: LexClass) -> Mapping[str, regex.Match[str]]:
        """The texts (views) of the page's lines in which ``cls`` finds something, with the match."""
        return {view: m for view, m in self.column(cls).items() if m is not None}

    def classes(self, text: str, classes: Iterable[LexClass]) -> int:
        """A bitmask of the ``classes`` (bit n for the n-th) that find something in ``text``."""
        mask = 0
        for n, cls in enumerate(classes):
            if self.match(cls, text) is not None:
                mask |= 1 << n
        return mask

    # -- scanning --------------------------------------------------------------------------------
    def column(self, cls: LexClass) -> dict[str, _Match]:
        """Scan the page for one class (once): view text -> match (None where none) for every
        line of the page."""
        if self._multi is not None and cls in self._multi.bits:
            return {cls.view(t) if cls.view is not None else t: self.match(cls, t) for t in self._texts}
        column = self._columns.get(cls)
        if column is not None:
            return column
        views = self._views(cls.view)
        if cls.mode == "line":
            column = {view: self._run(cls, view) for view in views}
        else:
            candidates = self._candidates(cls, views)
            column = dict.fromkeys(views)
            for view in (views if candidates is None else candidates):
                column[view] = self._run(cls, view)
        self._columns[cls] = column
        return column

    def _views(self, view: Callable[[str], str] | None) -> list[str]:
        """The distinct views of the page's texts."""
        if view is None:
            return list(self._texts)
        return list(dict.fromkeys(map(view, self._texts)))

    def _candidates(self, cls: LexClass, views: list[str]) -> list[str] | None:
        """The views that hold one of the class's needles (only they can match), or None when
        the class has no needles (every view has to be tried)."""
        needles = self.lexicon.needles(cls.section, cls.keys, flags=cls.flags)
        if needles is None or any("\n" in s for s in needles.strings):
            return None
        text, starts = self._joined_views(cls.view, views, needles.casefold)
        found: set[int] = set()
        for needle in needles.strings:
            at = text.find(needle)
            while at >= 0:
                n = bisect.bisect_right(starts, at) - 1
                found.add(n)
                # (on to the next line: one occurrence is enough)
                at = text.find(needle, starts[n + 1] if n + 1 < len(starts) else len(text))
        return [views[n] for n in sorted(found)]

    def _joined_views(self, view: Callable[[str], str] | None, views: list[str],
                      casefold: bool) -> _Joined:
        """The views (folded for a case-insensitive class, see
        :func:`~cleannews.lexicon.needles.fold`) joined with line breaks (made once per view
        and folding)."""
        key = (view, casefold)
        found = self._joined.get(key)
        if found is None:
            parts = [fold(v) for v in views] if casefold else views
            starts: list[int] = []
            at = 0
            for part in parts:
                starts.append(at)
                at += len(part) + 1
            found = _Joined("\n".join(parts), starts)
            self._joined[key] = found
        return found

