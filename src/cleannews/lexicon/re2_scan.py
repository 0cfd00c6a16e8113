"""The multi-pattern scan: the lexicon classes of a lexicon in a few ``re2`` sets.

``re2`` (the optional ``google-re2`` package) matches a set of patterns against a text in one
pass, and says which of them occur. :class:`Re2Scan` puts each class's entries (as the "search"
mode would find them: anywhere in the line) in a set of :data:`CLASSES_PER_SET` classes, so
that a call per set and line gives the classes that may occur in it. It is a filter, never the judge: the class's own `regex` pattern
then decides, on the lines the set names only (see :mod:`cleannews.lexicon.scan`).

For that, the set must find a class wherever the `regex` pattern could: :func:`re2_source`
translates an entry so that the ``re2`` form matches at least where the `regex` one does
(Unicode ``\\s``, ``\\w`` and ``\\d`` for ``re2``'s ASCII ones; lookarounds and word boundaries
dropped, as they only narrow a match; atomic groups and possessive quantifiers as plain ones;
a repetition with a high bound, ``{1,40}``, as an unbounded one, ``{1,}``: re2 would build the
bounded one as forty copies of what it repeats),
and gives up (None) on what it cannot translate that way; a class with such an entry is left
to the `regex` engine. ``re2`` folds case as Unicode's simple case folding does; the `regex`
module also pairs "i" with dotless "ı" and dotted "İ", so a line holding either is given every
class.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import regex

from .needles import class_end, group_end

if TYPE_CHECKING:
    from . import Lexicon
    from .scan import LexClass

try:  # pragma: no cover - depends on what is installed
    import re2 as _re2  # type: ignore[import-not-found,import-untyped,unused-ignore]
except ImportError:  # pragma: no cover
    _re2 = None

#: True where ``google-re2`` is installed.
AVAILABLE = _re2 is not None

#: What ``\s``, ``\w`` and ``\d`` of the `regex` module match beyond ``re2``'s ASCII classes
#: (as members of a character class; a superset is enough).
_SPACE = r"\s\p{Z}\x{85}\x{0b}\x{1c}-\x{1f}"
_WORD = r"\w\p{L}\p{N}\p{M}\p{Pc}\x{200c}\x{200d}"
_DIGIT = r"\d\p{Nd}"
_WIDE = {"s": _SPACE, "w": _WORD, "d": _DIGIT}
#: Escapes ``re2`` reads as the `regex` module does (or, \S \W \D, more widely: fine outside a
#: negated class).
_SAME = set("SWDtnrfvae.-^$|?*+()[]{}/\\ \"'#&~!%,:;<=>@_`")
#: A group with flags of its own ("(?-i:"), which re2 reads alike.
_SCOPED_FLAGS = regex.compile(r"\(\?[imsU]*(?:-[imsU]+)?:")
#: re2's memory budget for one set (its automaton's states are cached within it; a small
#: budget makes re2 build them again and again: 8 MB ran at half the speed).
MAX_MEMORY = 64 << 20
#: How many classes one set holds (see :class:`Re2Scan`), and how many of those anchored at the
#: line's start.
CLASSES_PER_SET = 8
ANCHORED_PER_SET = 64
#: A bounded repetition ``{m,n}``, and the bound above which the translation drops it (``{m,}``):
#: forty copies of a wide Unicode class took tens of milliseconds to compile.
_BOUNDED = regex.compile(r"\{(\d+),(\d+)\}")
MAX_BOUND = 8
#: Characters the `regex` module folds to "i" besides the ASCII ones, which ``re2`` does not.
_TURKIC_I = ("\u0131", "\u0130")


def _escape(source: str, i: int, in_class: bool, negated: bool) -> tuple[str, int] | None:
    """The ``re2`` form of the escape at source[i] and the index after it (None: none)."""
    nxt = source[i + 1:i + 2]
    if not nxt:
        return None
    if nxt in ("p", "P"):
        close = source.find("}", i) if source[i + 2:i + 3] == "{" else i + 2
        return (source[i:close + 1], close + 1) if close > 0 else None
    if nxt in _WIDE:
        if negated:  # (a narrower class excluded: the negated class matches more)
            return "\\" + nxt, i + 2
        return (_WIDE[nxt] if in_class else f"[{_WIDE[nxt]}]"), i + 2
    if nxt in "bB":
        return (None if in_class else ("", i + 2))
    if nxt in "SWD":
        return (None if negated else ("\\" + nxt, i + 2))
    if nxt == "x":
        if source[i + 2:i + 3] == "{":
            close = source.find("}", i)
            return (source[i:close + 1], close + 1) if close > 0 else None
        return source[i:i + 4], i + 4
    if nxt == "u":
        return "\\x{" + source[i + 2:i + 6] + "}", i + 6
    if not nxt.isascii():
        return f"\\x{{{ord(nxt):x}}}", i + 2
    if nxt in _SAME:
        return source[i:i + 2], i + 2
    return None


def _escape_into(out: list[str], source: str, i: int, in_class: bool, negated: bool) -> int:
    """Append the ``re2`` form of the escape at source[i] to out; the index after it, or -1
    when it has none."""
    done = _escape(source, i, in_class, negated)
    if done is None:
        return -1
    out.append(done[0])
    return done[1]


def re2_source(source: str) -> str | None:
    """An ``re2`` pattern that matches wherever the `regex` pattern ``source`` (V0, no verbose
    flag) does, or None when this translation cannot promise that."""
    out: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i = _escape_into(out, source, i, False, False)
            if i < 0:
                return None
            continue
        if ch == "[":
            end = class_end(source, i)
            if end < 0:
                return None
            negated = source[i + 1:i + 2] == "^"
            j = i + 2 if negated else i + 1
            out.append("[^" if negated else "[")
            while j < end - 1:
                if source[j] == "\\":
                    j = _escape_into(out, source, j, True, negated)
                    if j < 0:
                        return None
                    continue
                if source[j] == "[":
                    return None  # nested or POSIX classes: not read
                out.append(source[j])
                j += 1
            out.append("]")
            i = end
            continue
        if ch == "(" and source.startswith("(?", i):
            kind = source[i + 2:i + 3]
            if kind in ("=", "!") or source[i + 2:i + 4] in ("<=", "<!"):
                end = group_end(source, i)
                if end < 0:
                    return None
                i = end  # a lookaround only narrows a match: dropped
                if source[i:i + 1] in ("?", "*", "+", "{"):
                    return None
                continue
            if kind == ">":
                out.append("(?:")
                i += 3
                continue
            if kind == "<":
                out.append("(?P<")
                i += 3
                continue
            scoped = _SCOPED_FLAGS.match(source, i)
            if scoped is not None:  # "(?-i:…)": flags for a group, as re2 reads them
                out.append(scoped.group())
                i = scoped.end()
                continue
            if kind not in (":", "P"):
                return None  # inline flags, comments, conditionals, branch resets: not read
            if source.startswith("(?P", i) and source[i + 3:i + 4] != "<":
                return None
        bounded = _BOUNDED.match(source, i) if ch == "{" else None
        if bounded is not None and int(bounded.group(2)) > MAX_BOUND:
            out.append("{" + bounded.group(1) + ",}")  # (matches wherever the bounded one does)
            i = bounded.end() + (source[bounded.end():bounded.end() + 1] == "+")  # (possessive: plain)
            continue
        if ch in "*+?}" and source[i + 1:i + 2] == "+":  # possessive: as a plain quantifier
            out.append(ch)
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


#: What a class's view may cut off a line's ends (see :func:`~cleannews.lexicon.scan.lexicon_class`):
#: characters that are neither letters nor digits.
_CUT = r"[^\p{L}\p{N}]*"
#: The modes anchored at the line's start, and at its end.
_AT_START = ("line", "start")
_AT_END = ("line", "end")


def anchored(source: str, cls: LexClass) -> str:
    """The ``re2`` form of a class's entries, anchored as the class's mode is: a class read at
    the line's start (or end) matches there, after what its view may cut off. Anchored, the
    automaton gives up on a line after its first characters instead of trying every position
    (the notices' openers, unanchored, made the sets' automata grow by some 80 MB)."""
    cut = "" if cls.view is None else _CUT
    start = "^" + cut if cls.mode in _AT_START else ""
    end = (cut or r"\n?") + "$" if cls.mode in _AT_END else ""  # (the regex module's "$" allows a final "\n")
    return f"{start}(?:{source}){end}"


class Re2Scan:
    """The ``re2`` sets of the classes of one lexicon: :meth:`mask` of a line is the bitmask
    of the classes that may occur in it; ``bits`` maps each class the sets hold to its bit (a
    class missing there is in no set: the `regex` engine scans it).

    The classes read anywhere in a line go in sets of :data:`CLASSES_PER_SET`: the automaton
    of one set of all classes grows to tens of megabytes per language as it meets lines, sets
    of a few classes stay small. The classes anchored at the line's start give up after a few
    characters, and go in sets of :data:`ANCHORED_PER_SET` (fewer sets: fewer calls per line).
    """

    def __init__(self, lexicon: Lexicon, classes: Sequence[LexClass]) -> None:
        assert _re2 is not None
        self.bits: dict[LexClass, int] = {}
        self._sets: list[tuple[Any, list[int]]] = []
        self.all = 0
        current: dict[bool, tuple[Any, list[int]]] = {}
        for n, cls in enumerate(classes):
            if cls.flags & ~regex.I & ~regex.V0:
                continue  # (flags this scan does not translate: the regex engine reads the class)
            source = re2_source(lexicon.source(cls.section, cls.keys))
            if source is None:
                continue
            at_start = cls.mode in _AT_START
            group = current.get(at_start)
            if group is None or len(group[1]) >= (ANCHORED_PER_SET if at_start else CLASSES_PER_SET):
                options = _re2.Options()
                options.max_mem = MAX_MEMORY
                group = current[at_start] = (_re2.Set.SearchSet(options), [])
                self._sets.append(group)
            try:
                group[0].Add(("(?i)" if cls.flags & regex.I else "") + anchored(source, cls))
            except Exception:  # noqa: BLE001 - re2 refuses it (an error type of its own): the regex engine
                continue
            group[1].append(1 << n)
            self.bits[cls] = 1 << n
        kept = []
        for found, owners in self._sets:
            try:
                found.Compile()
            except Exception:  # noqa: BLE001 - re2 out of memory: these classes go to the regex engine
                for cls in [c for c, bit in self.bits.items() if bit in owners]:
                    del self.bits[cls]
                continue
            kept.append((found, owners))
        self._sets = kept
        for bit in self.bits.values():
            self.all |= bit

    def mask(self, text: str) -> int:
        """The bits of the classes that may occur in text."""
        if not self.all:
            return 0
        if any(ch in text for ch in _TURKIC_I):
            return self.all
        mask = 0
        for found, owners in self._sets:
            try:
                hits = found.Match(text) or ()
            except Exception:  # noqa: BLE001 - re2 ran out of memory on this text: every class may occur
                return self.all
            for k in hits:
                mask |= owners[k]
        return mask


@functools.lru_cache(maxsize=64)
def _scan_for(lexicon: Lexicon, classes: tuple[LexClass, ...]) -> Re2Scan:
    return Re2Scan(lexicon, classes)


def multi_scan(lexicon: Lexicon, classes: Sequence[LexClass]) -> Re2Scan | None:
    """The multi-pattern scan of these classes in ``lexicon`` (built once per process and
    lexicon, in milliseconds), or None when ``google-re2`` is not installed."""
    if _re2 is None:
        return None
    return _scan_for(lexicon, tuple(classes))
