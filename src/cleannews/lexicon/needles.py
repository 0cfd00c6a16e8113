"""Needles: strings of which every match of a lexicon pattern contains one.

A step that searches each line for a long phrase pattern spends most of its time in the regex
engine on lines that hold none of the phrases. Each entry of a list has a literal piece that
every match of it contains ("Share on \\S+" contains "Share on "); when every entry has one, a
line that contains none of these pieces cannot match, and a page that contains none of them
needs no search at all. ``str.__contains__`` finds them at memory speed.

The pieces are read off the entries conservatively: only characters that match exactly
themselves count, outside groups, classes and quantified atoms; an entry this reader does not
understand (inline flags, numeric escapes, a top-level alternation) gives no needle, and then
the list gets no :class:`Needles` and every line is searched as before.

With a case-insensitive pattern only ASCII characters and caseless marks (punctuation, symbols,
digits without case forms, such as "©") count, and both sides are folded (:func:`fold`): the
`regex` module's case-insensitive match pairs an ASCII letter only with its other case, KELVIN
SIGN (k), LONG S (s), DOTLESS I and CAPITAL I WITH DOT (i), which all fold to it, and a caseless
mark only with itself (Unicode keeps the case folding of assigned characters stable across
versions). Folding also turns every run of whitespace into one space (every character the
`regex` module's ``\\s`` matches is whitespace to ``str.split``), so that a phrase's spaces, which
match any run of whitespace, stay in its needle: "read more" rather than "more".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex

#: Escapes after which this reader gives up (numbers, named characters, group references).
_OPAQUE_ESCAPES = set("xuUNgk0123456789")


def escape_end(source: str, i: int) -> int:
    """Index just after the escape sequence that starts at source[i] (a backslash)."""
    if source[i + 1:i + 2] in ("p", "P") and source[i + 2:i + 3] == "{":
        close = source.find("}", i + 3)
        return len(source) if close < 0 else close + 1
    return i + 2


def group_end(source: str, i: int) -> int:
    """Index just after the group that opens at source[i] ("("), or -1 when unbalanced."""
    depth = 0
    j = i
    while j < len(source):
        ch = source[j]
        if ch == "\\":
            j = escape_end(source, j)
            continue
        if ch == "[":
            j = class_end(source, j)
            if j < 0:
                return -1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return -1


def class_end(source: str, i: int) -> int:
    """Index just after the character class that opens at source[i] ("["), or -1."""
    j = i + 1
    if source[j:j + 1] == "^":
        j += 1
    if source[j:j + 1] == "]":  # a "]" first in the class is a member
        j += 1
    while j < len(source):
        ch = source[j]
        if ch == "\\":
            j = escape_end(source, j)
            continue
        if ch == "]":
            return j + 1
        j += 1
    return -1


def caseless_safe(ch: str) -> bool:
    """True for a character that may stand in a needle of a case-insensitive pattern: the
    plain space, or an ASCII character, punctuation mark, symbol or number that is no
    whitespace and has no other case."""
    if ch == " ":
        return True
    if ch.isspace():
        return False
    return ch.isascii() or (unicodedata.category(ch)[0] in "PSN"
                            and ch == ch.casefold() == ch.lower() == ch.upper())


def fold(text: str) -> str:
    """Casefolded, with dotless i as i and combining dots above dropped ("İ" casefolds to "i"
    plus a dot), and each run of whitespace as one space: each character the `regex` module
    matches to an ASCII character ignoring case folds to that character's casefold."""
    if text.isascii():
        return " ".join(text.lower().split())  # (lower is casefold for ASCII, and faster)
    return " ".join(text.casefold().replace("\u0131", "i").replace("\u0307", "").split())


def _folded_needle(piece: str) -> str:
    """A piece of a case-insensitive pattern as it stands in folded text (single spaces, none
    at the ends: the text's whitespace runs are folded to one space, and its ends are cut)."""
    return " ".join(piece.split()).casefold()


_QUANTIFIER = regex.compile(r"[?*+]|\{\d*(?:,\d*)?\}")


def regex_needle(source: str, *, ignore_case: bool = False) -> str | None:
    """The longest literal piece that every match of the regex ``source`` (V0 syntax, no
    verbose flag) contains, or None when none can be read off. ``ignore_case``: for a
    case-insensitive pattern, only characters that pass :func:`caseless_safe` count, and the
    piece is folded (see :func:`fold`)."""
    runs: list[str] = []
    run: list[str] = []

    def cut() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    i = 0
    while i < len(source):
        ch = source[i]
        literal: str | None = None
        if ch == "\\":
            nxt = source[i + 1:i + 2]
            if not nxt or nxt in _OPAQUE_ESCAPES:
                return None
            end = escape_end(source, i)
            if not nxt.isalnum():
                literal = nxt
            i = end
        elif ch == "(":
            if source.startswith("(?", i) and source[i + 2:i + 3] not in (":", "=", "!", "<", ">", "P"):
                return None  # inline flags, comments, conditionals: not read
            if source.startswith("(?P", i) and source[i + 3:i + 4] not in ("<",):
                return None  # (?P=name), (?P>name)
            i = group_end(source, i)
            if i < 0:
                return None
        elif ch == "[":
            i = class_end(source, i)
            if i < 0:
                return None
        elif ch == "|":
            return None  # a top-level alternation: each branch would need its own needle
        elif ch in ")]}":  # unbalanced (or a literal "]"/"}" this reader does not trust)
            return None
        elif ch == "{" and not _QUANTIFIER.match(source, i):
            return None
        elif ch in "^$.":
            i += 1
        elif ch in "?*+{":  # a quantifier with nothing literal before it (after a group)
            m = _QUANTIFIER.match(source, i)
            i = m.end() if m else i + 1
            cut()
            if i < len(source) and source[i] in "?+":  # lazy or possessive
                i += 1
            continue
        else:
            literal = ch
            i += 1
        quantified = _QUANTIFIER.match(source, i)
        if quantified:  # the atom may be missing or repeated: it ends the run, and is no part of it
            i = quantified.end()
            if i < len(source) and source[i] in "?+":
                i += 1
            cut()
            continue
        if literal is None or (ignore_case and not caseless_safe(literal)):
            cut()
        else:
            run.append(literal)
    cut()
    if ignore_case:
        runs = [piece for piece in map(_folded_needle, runs) if piece]
    return max(runs, key=len) if runs else None


def phrase_needle(phrase: str, *, ignore_case: bool = False) -> str | None:
    """The longest piece of a literal phrase that every match of it contains. Its spaces match
    any run of whitespace: case-sensitive, the pieces are its space-separated parts; ignoring
    case (folded text), they are the runs of characters that pass :func:`caseless_safe`."""
    if not ignore_case:
        pieces = [part for part in phrase.split(" ") if part]
    else:
        pieces = [_folded_needle(run) for run in _runs(phrase, caseless_safe)]
        pieces = [piece for piece in pieces if piece]
    return max(pieces, key=len) if pieces else None


def _runs(text: str, keep: Callable[[str], bool]) -> list[str]:
    """The runs of characters of text that pass ``keep``."""
    runs, run = [], ""
    for ch in text:
        if keep(ch):
            run += ch
        elif run:
            runs.append(run)
            run = ""
    return runs + [run] if run else runs


@dataclass(frozen=True)
class Needles:
    """Strings of which every match of one pattern contains one (casefolded when the pattern
    ignores case). Ask :meth:`in_page` once per page, then :meth:`in_line` per line."""

    strings: tuple[str, ...]
    casefold: bool = False  # (folded: see :func:`fold`)

    def in_page(self, texts: Iterable[str]) -> Needles:
        """The needles that occur in these texts (the page's lines): only they can occur in one
        of its lines. Empty when the pattern cannot match on the page."""
        joined = "\n".join(texts)
        if self.casefold:
            joined = fold(joined)
        return Needles(tuple(s for s in self.strings if s in joined), self.casefold)

    def in_line(self, text: str) -> bool:
        """False when the pattern cannot match in text (no needle occurs in it)."""
        if self.casefold:
            text = fold(text)
        return any(s in text for s in self.strings)

    def __bool__(self) -> bool:
        return bool(self.strings)


def needles_for(entries: Iterable[tuple[str, bool]], *, ignore_case: bool) -> Needles | None:
    """The needles of a pattern built from ``entries`` ((text, is_regex) pairs), or None when
    one of the entries has none (then the pattern needs a search of every line)."""
    found: set[str] = set()
    for text, is_regex in entries:
        needle = (regex_needle(text, ignore_case=ignore_case) if is_regex
                  else phrase_needle(text, ignore_case=ignore_case))
        if not needle:
            return None
        found.add(needle)
    return Needles(tuple(sorted(found)), casefold=ignore_case)
