"""One lexicon scan per page: which of the page's lines hold an entry of each lexicon class the
steps read, and the match.

A lexicon class (:class:`LexClass`, declared by a step with :func:`lexicon_class`) is a list, or
several lists of a section, in a mode: "the ``[scorer] ui`` phrases as whole words", "a line that
is one of the ``[ads] lines``". Steps used to fetch each class's pattern and run it on the lines
they looked at; now they ask the page's scan (:attr:`cleannews.page.Page.scan`), which knows
every declared class and answers with the class's own pattern, match object included: the
patterns stay the reference, the scan only decides where the regex engine need not run.

Two engines give the same answers:

* **re2**, where the optional ``google-re2`` package is installed (``pip install
  "cleannews[fast]"``): every declared class of the page's lexicon is in a few ``re2`` sets
  (:class:`~cleannews.lexicon.re2_scan.Re2Scan`), and one pass over a line gives the bitmask of
  the classes that may occur in it (:meth:`PageScan.mask`, once per distinct text of the page).
  A class whose bit is not set finds nothing; where it is set, the class's pattern decides.
* **regex** otherwise (and for a class re2 cannot read): the class's pattern runs on each text
  asked about, behind the class's needles (:mod:`cleannews.lexicon.needles`) for the long lists,
  looked for once in the whole page when the class has been asked about many lines, or in the
  texts a step announces (:meth:`PageScan.expect`); a "line" class behind the set of its
  phrases (:mod:`cleannews.lexicon.whole_line`).

A text that is not one of the page's lines when the scan is made (a step split or repaired a
line) is answered the same way.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import regex

from .needles import Needles, fold
from .re2_scan import AVAILABLE, Re2Scan, multi_scan
from .schema import MODES

if TYPE_CHECKING:
    from . import Lexicon

#: The regex flags of a class that ignores case (the lexicon's default).
IGNORE_CASE = int(regex.I)
#: Modes whose pattern is anchored at the line's start (``match`` and ``search`` agree).
_ANCHORED = ("line", "start")
#: What a class finds in a text.
_Match = regex.Match[str] | None


class LexClass:
    """One lexicon class: the lists ``keys`` of ``section`` in ``mode`` (see
    :data:`cleannews.lexicon.schema.MODES`) with regex ``flags``, matched against ``view`` of a
    line (the line's text itself when None; e.g. the text without its trailing dots).

    Immutable; equal when all five are (its hash is computed once: steps look a class up for
    every line)."""

    __slots__ = ("section", "keys", "mode", "flags", "view", "_hash")
    section: str
    keys: tuple[str, ...]
    mode: str
    flags: int
    view: Callable[[str], str] | None
    _hash: int

    def __init__(self, section: str, keys: tuple[str, ...], mode: str = "search", flags: int = IGNORE_CASE,
                 view: Callable[[str], str] | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        for name, value in (("section", section), ("keys", tuple(keys)), ("mode", mode), ("flags", int(flags)),
                            ("view", view)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_hash", hash(self._fields()))

    def _fields(self) -> tuple[object, ...]:
        return (self.section, self.keys, self.mode, self.flags, self.view)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("a LexClass is immutable")

    def __copy__(self) -> LexClass:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> LexClass:
        return self

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, LexClass) and self._fields() == other._fields())

    def __repr__(self) -> str:
        view = "" if self.view is None else f", view={getattr(self.view, '__name__', self.view)}"
        return f"LexClass({self.section!r}, {self.keys!r}, {self.mode!r}, flags={self.flags}{view})"

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
_DECLARED: dict[LexClass, LexClass] = {}
#: The engine pages are scanned with by default: "re2" where google-re2 is installed.
ENGINE = "re2" if AVAILABLE else "regex"


def lexicon_class(section: str, keys: tuple[str, ...], mode: str = "search", *, flags: int = IGNORE_CASE,
                  view: Callable[[str], str] | None = None) -> LexClass:
    """Declare a lexicon class that steps read through :attr:`Page.scan`: it joins the
    multi-pattern scan (see :class:`LexClass`). ``view`` must give a part of the line (its text
    with characters that are neither letters nor digits cut off at either end: spaces,
    bullets, dots, colons), never new text."""
    cls = LexClass(section, keys, mode, int(flags), view)
    found = _DECLARED.get(cls)
    if found is None:
        found = _DECLARED[cls] = cls
        CLASSES.append(cls)
    return found


#: With the regex engine, after how many lines asked about a class its needles are looked for in
#: the whole page (once), so that the lines without one need no look at all: a class asked
#: about a few lines only is not worth a look through the page.
PAGE_NEEDLES_AFTER = 24
#: With the regex engine, the needles of a case-insensitive class with fewer entries are not
#: looked for: its pattern fails faster than a line is folded (a case-sensitive class's needles
#: are looked for in the line as it stands, which costs less than any match).
NEEDLES_MIN_ENTRIES = 40


class _Column:
    """What a scan knows of one class: its pattern's matcher (None until a text needs it: with
    re2, on most pages no line has the class's bit, and compiling a long list costs
    milliseconds), its bit in the multi-pattern scan (0: none), and with the regex engine its
    needles (None: none) and how many texts it was asked about."""

    __slots__ = ("run", "bit", "needles", "on_page", "on_page_texts", "announced", "holders", "asked")

    def __init__(self, run: Callable[[str], _Match] | None, bit: int, needles: Needles | None = None) -> None:
        self.run = run
        self.bit = bit
        self.needles = needles
        #: the needles that occur in ``on_page_texts`` (the page's lines), once looked for
        #: (after the class was asked about a few lines): the only ones that can occur there
        self.on_page: Needles | None = None
        self.on_page_texts: frozenset[str] = frozenset()
        #: the texts steps announced (see PageScan.expect), and those of them that hold a needle
        self.announced: frozenset[str] = frozenset()
        self.holders: frozenset[str] = frozenset()
        self.asked = 0


def _whole_line(cls: LexClass) -> bool:
    """True for a class read as whole lines with literal phrases among its entries: a set
    look-up of the line answers for them (see :mod:`cleannews.lexicon.whole_line`)."""
    return cls.mode == "line" and not all(key.endswith("_re") for key in cls.keys)


def _matcher(lexicon: Lexicon, cls: LexClass) -> Callable[[str], _Match]:
    """The class's own pattern as a function of a text (a "line" class behind its set of
    phrases, see :mod:`cleannews.lexicon.whole_line`)."""
    if _whole_line(cls):
        return lexicon.whole_line((cls.section,), cls.keys, flags=cls.flags).match
    pattern = cls.pattern(lexicon)
    return pattern.match if cls.mode in _ANCHORED else pattern.search


class PageScan:
    """The lexicon classes of one page's lines (see the module's docstring).

    ``texts`` are the page's line texts when the scan is made; :meth:`match` answers any text.
    """

    __slots__ = ("lexicon", "_texts", "_on_page", "_columns", "_by_id", "_held", "_joined", "_multi", "_masks",
                 "_folded", "_page_needles")

    def __init__(self, lexicon: Lexicon, texts: Iterable[str], *, engine: str | None = None,
                 page_needles: bool = True) -> None:
        """``engine``: "re2" or "regex" (default: :data:`ENGINE`, "re2" where it is installed);
        ``page_needles``: with the regex engine, look for the needles of each class read
        through no view in the page's text first, and match only the lines that hold one of
        those found (False: match every line asked about)."""
        if engine not in (None, "re2", "regex"):
            raise ValueError(f"engine must be 're2' or 'regex', not {engine!r}")
        if engine == "re2" and ENGINE != "re2":
            raise ImportError("the re2 engine needs the google-re2 package (pip install \"cleannews[fast]\")")
        self.lexicon = lexicon
        self._texts: tuple[str, ...] = tuple(dict.fromkeys(t for t in texts if t))
        self._on_page = frozenset(self._texts)
        self._columns: dict[LexClass, _Column] = {}
        #: the same columns by the class object's id (a look-up that needs no call of the class's
        #: Python ``__hash__``: steps ask a few thousand times per page), and the class objects
        #: looked up, held so that their ids stay theirs while the scan lives
        self._by_id: dict[int, _Column] = {}
        self._held: list[LexClass] = []
        self._joined: dict[tuple[Callable[[str], str] | None, bool], str] = {}
        self._multi: Re2Scan | None = (multi_scan(lexicon, CLASSES) if (engine or ENGINE) == "re2" else None)
        self._masks: dict[str, int] = {}
        self._folded: dict[str, str] = {}
        self._page_needles = page_needles

    def __deepcopy__(self, memo: dict[int, object]) -> PageScan:
        """The scan itself: its answers depend on a text alone, so a copy of the page shares it
        (its re2 sets cannot be copied)."""
        return self

    @property
    def engine(self) -> str:
        """The engine that finds the lines a class may match: "re2" or "regex"."""
        return "re2" if self._multi is not None else "regex"

    # -- reading ---------------------------------------------------------------------------------
    def match(self, cls: LexClass, text: str) -> _Match:
        """What ``cls``'s pattern finds in ``text`` (through the class's view), or None."""
        column = self._by_id.get(id(cls))
        if column is None:
            column = self._column(cls)
        bit = column.bit
        if bit:
            mask = self._masks.get(text)
            if mask is None:
                mask = self._masks[text] = self._multi.mask(text)  # type: ignore[union-attr]
            if not mask & bit:  # (the class occurs nowhere in the line: nor in a part of it)
                return None
        view = text if cls.view is None else cls.view(text)
        if column.needles is not None and not self._may_match(column, cls, text, view):
            return None
        run = column.run
        if run is None:
            run = column.run = _matcher(self.lexicon, cls)
        return run(view)

    def _may_match(self, column: _Column, cls: LexClass, text: str, view: str) -> bool:
        """False when the view holds none of the class's needles (on the page's own lines and
        the texts a step announced: none of those that occur there)."""
        needles = column.needles
        assert needles is not None
        if text in column.announced:
            return text in column.holders
        if column.on_page is None:
            column.asked += 1
            if column.asked > PAGE_NEEDLES_AFTER:
                page = self._joined_views(cls.view, needles.casefold)
                column.on_page = Needles(tuple(n for n in needles.strings if n in page), needles.casefold)
                column.on_page_texts = self._on_page
        if column.on_page is not None and text in column.on_page_texts:
            needles = column.on_page
        return bool(needles.strings) and self._has_needle(needles, view)

    def expect(self, cls: LexClass, texts: Iterable[str]) -> None:
        """Say that a step is about to ask about ``cls`` in these texts (lines of the page or
        not): with the regex engine, the class's needles are looked for in all of them at once,
        and a text among them that holds none is not matched (with re2 there is nothing to do).
        Texts several steps announce are looked at once."""
        column = self._by_id.get(id(cls))
        if column is None:
            column = self._column(cls)
        if column.needles is None:
            return
        texts = frozenset(texts) - column.announced
        if not texts:
            return
        ordered = list(texts)
        views = ordered if cls.view is None else [cls.view(t) for t in ordered]
        if column.needles.casefold:
            views = self._folded_all(views)
        column.holders = column.holders | _holders(column.needles, ordered, views)
        column.announced = column.announced | texts

    def hit(self, cls: LexClass, text: str) -> bool:
        """True when ``cls``'s pattern finds something in ``text``."""
        column = self._by_id.get(id(cls))
        if column is not None and column.bit:  # (most asks: a text scanned before, without the class's bit)
            mask = self._masks.get(text)
            if mask is not None and not mask & column.bit:
                return False
        return self.match(cls, text) is not None

    def may_hit(self, cls: LexClass, text: str) -> bool:
        """False when ``cls`` certainly finds nothing in ``text`` (the multi-pattern scan has
        not its bit); True when it may. For a step that runs a narrower pattern built on the
        class's lists (the byline prefix followed by a name): that pattern runs only where this
        says True, and decides. With the regex engine (or a class re2 does not read) always
        True: the step's own pattern is the only test."""
        column = self._by_id.get(id(cls))
        if column is None:
            column = self._column(cls)
        bit = column.bit
        if not bit:
            return True
        mask = self._masks.get(text)
        if mask is None:
            mask = self._masks[text] = self._multi.mask(text)  # type: ignore[union-attr]
        return bool(mask & bit)

    def bits(self, classes: Iterable[LexClass]) -> int | None:
        """The classes' bits in the multi-pattern scan together: a text whose :meth:`mask` has
        none of them is one in which :meth:`may_hit` is False for every class (one look-up per
        text instead of one per class); None when one of them has no bit (the regex engine, a
        class re2 does not read): it may be in any text."""
        out = 0
        for cls in classes:
            column = self._by_id.get(id(cls))
            if column is None:
                column = self._column(cls)
            if not column.bit:
                return None
            out |= column.bit
        return out

    def hits(self, cls: LexClass) -> dict[str, regex.Match[str]]:
        """The texts (views) of the page's lines in which ``cls`` finds something, with the match."""
        found: dict[str, regex.Match[str]] = {}
        for text in self._texts:
            m = self.match(cls, text)
            if m is not None:
                found[cls.view(text) if cls.view is not None else text] = m
        return found

    def mask(self, text: str) -> int:
        """The multi-pattern scan's bitmask of the classes that may occur in text (bit n for
        the n-th class of :data:`CLASSES`; with the regex engine, which has none, every bit)."""
        if self._multi is None:
            return (1 << len(CLASSES)) - 1
        mask = self._masks.get(text)
        if mask is None:
            mask = self._masks[text] = self._multi.mask(text)
        return mask

    # -- scanning --------------------------------------------------------------------------------
    def _column(self, cls: LexClass) -> _Column:
        """The column of a class first asked about as this object: an equal class's, else a new
        one (see :meth:`_new_column`)."""
        column = self._columns.get(cls)  # (an equal class looked up before: its column)
        if column is None:
            column = self._columns[cls] = self._new_column(cls)
        self._by_id[id(cls)] = column
        self._held.append(cls)
        return column

    def _new_column(self, cls: LexClass) -> _Column:
        """A new class's column: its bit in the multi-pattern scan; with the regex engine, the
        needles of the class (see :mod:`cleannews.lexicon.needles`): a line need only be matched
        when one of them is in it, and once the class was asked about
        :data:`PAGE_NEEDLES_AFTER` lines, only the needles that occur on the page count (on most
        pages, none of most classes')."""
        bit = self._multi.bits.get(cls, 0) if self._multi is not None else 0
        run = None if bit else _matcher(self.lexicon, cls)
        needles = None
        if not bit and self._page_needles and cls.view is None and cls.mode not in _ANCHORED \
                and (not cls.flags & IGNORE_CASE
                     or sum(len(self.lexicon.list(cls.section, key)) for key in cls.keys) >= NEEDLES_MIN_ENTRIES):
            needles = self.lexicon.needles(cls.section, cls.keys, flags=cls.flags)
        return _Column(run, bit, needles)

    def _has_needle(self, needles: Needles, view: str) -> bool:
        """True when one of the needles is in the text (folded once per scan)."""
        if needles.casefold:
            folded = self._folded.get(view)
            if folded is None:
                folded = self._folded[view] = fold(view)
            return any(s in folded for s in needles.strings)
        return any(s in view for s in needles.strings)

    def _joined_views(self, view: Callable[[str], str] | None, casefold: bool) -> str:
        """The page's lines (through ``view``; folded for a case-insensitive class, see
        :func:`~cleannews.lexicon.needles.fold`) joined with line breaks, made once per view and
        folding."""
        key = (view, casefold)
        found = self._joined.get(key)
        if found is None:
            texts = list(self._texts) if view is None else [view(t) for t in self._texts]
            found = self._joined[key] = "\n".join(self._folded_all(texts) if casefold else texts)
        return found

    def _folded_all(self, views: list[str]) -> list[str]:
        """The views folded (see :func:`~cleannews.lexicon.needles.fold`), each once per scan."""
        folded = self._folded
        return [folded.get(v) or folded.setdefault(v, fold(v)) for v in views]


def _holders(needles: Needles, texts: list[str], views: list[str]) -> frozenset[str]:
    """The texts whose views (folded for a case-insensitive class) hold one of the needles: the
    views joined once, each needle looked for through all of them at once."""
    if not texts:
        return frozenset()
    joined = "\n".join(views)
    starts = list(itertools.accumulate((len(v) + 1 for v in views[:-1]), initial=0))
    last = len(starts) - 1
    found: set[int] = set()
    for needle in needles.strings:
        at = joined.find(needle)
        while at >= 0:
            k = bisect.bisect_right(starts, at) - 1
            found.add(k)
            if k >= last:
                break
            at = joined.find(needle, starts[k + 1])
    return frozenset(texts[k] for k in found)
