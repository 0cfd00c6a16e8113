"""Whole-line look-up: is a line, as a whole, one of the phrases of some lists?

A "line"-mode pattern (``^(?:phrase|phrase|…)$``) over a list of some hundred phrases makes the
regex engine try each phrase in turn on every line: microseconds per line, on every line of
every page, although almost no line is such a phrase. A line can only be one of the *literal*
phrases when its key (whitespace runs made one space, case folded) is that phrase's key, and a
set answers that at once. :class:`WholeLine` asks the set, and a pattern of the list's regular
expressions (the ``*_re`` entries) only; where either says yes, the full pattern decides, so
that every answer, groups included, is the full pattern's own.

The key is lenient, never strict: every text the full pattern matches through a literal phrase
has that phrase's key. The phrase's spaces match runs of ``\\s``, all of them whitespace to
``str.split``; its letters match case-insensitively under simple case folding, which always
agrees with ``str.casefold`` but for the dotted and dotless i ("I" matches "ı", "i" matches
"İ"), which the key (:func:`cleannews.lexicon.needles.fold`) writes as "i". Texts that only the
key takes for a phrase ("STRASSE" for "Straße") are turned down by the full pattern.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from ..text import line_key, per_text_cache
from .needles import fold


#: (cached per text: several steps look up the same line, e.g. the five label steps its label;
#: only short lines, so that the cache of folded copies stays small: the phrases are short)
_folded = per_text_cache(fold, max_chars=200)


class WholeLine:
    """A line-mode pattern with a quick, exact pre-check (see the module's docstring)."""

    __slots__ = ("full", "keys", "expressions", "ignore_case")

    def __init__(self, full: regex.Pattern[str], phrases: Iterable[str],
                 expressions: regex.Pattern[str] | None) -> None:
        """``full``: the line-mode pattern of all entries; ``phrases``: its literal entries;
        ``expressions``: a line-mode pattern of its regular-expression entries (None if none)."""
        self.full = full
        self.ignore_case = bool(full.flags & regex.IGNORECASE)
        self.keys = frozenset(line_key(p, fold=fold if self.ignore_case else None) for p in phrases)
        self.expressions = expressions

    def match(self, text: str) -> regex.Match[str] | None:
        """``full.match(text)``, without running it on a text that can be none of the entries."""
        key = _folded(text) if self.ignore_case else " ".join(text.split())  # (line_key with fold, cached)
        if key in self.keys or (
                self.expressions is not None and self.expressions.match(text)):
            return self.full.match(text)
        return None
