"""Helpers the field extractors share, and the lexicon classes they read through the page's
scan (see :mod:`cleannews.lexicon.scan`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..lexicon.scan import lexicon_class

if TYPE_CHECKING:
    import regex

    from ..lexicon import Lexicon


def colon_trimmed(text: str) -> str:
    """The part of a line a label ("Autor:", "Updated") is read in: without spaces and colons at its ends."""
    return text.strip(" :")


def role_trimmed(text: str) -> str:
    """The part of a line a role ("Chefredakteur,") is read in: without spaces, colons and commas at its ends."""
    return text.strip(" :,")


#: A byline label as the whole line ("Autor", "AUTOR/IN:").
BYLINE_LABEL = lexicon_class("byline", ("labels",), "line", view=colon_trimmed)
#: A byline prefix at the line's start ("Von", "By", "Text:"): where :func:`byline_prefix` may match.
BYLINE_PREFIX = lexicon_class("byline", ("prefixes",), "start")
#: A byline prefix as a whole word anywhere in the line.
BYLINE_PREFIX_WORD = lexicon_class("byline", ("prefixes",), "word")
#: A role or job title as a whole word ("Redakteurin", "Staff Writer"), at the line's start,
#: and as the whole line (without spaces, colons and commas at its ends).
ROLE_WORD = lexicon_class("byline", ("roles",), "word")
ROLE_START = lexicon_class("byline", ("roles",), "start")
ROLE_LINE = lexicon_class("byline", ("roles",), "line", view=role_trimmed)
#: A relative date anywhere in the line ("vor 3 Stunden", "2 hours ago").
RELATIVE_DATE = lexicon_class("dates", ("relative_re",), "search")
#: A date label as the whole line ("Aktualisiert:", "Published").
DATE_LABEL = lexicon_class("dates", ("updated", "published"), "line", view=colon_trimmed)
#: A UI phrase as whole words ("Sign in", "Newsletter").
UI_WORDS = lexicon_class("scorer", ("ui",), "word")
#: A line that is a navigation link ("Home", "Sport").
NAVIGATION_LINE = lexicon_class("navigation", ("lines",), "line")


def byline_prefix(lexicon: Lexicon) -> regex.Pattern[str]:
    """A byline prefix ("Von", "By", "Text:") and what follows it, as group ``rest`` (it matches
    only where :data:`BYLINE_PREFIX` does: ask the page's scan first with ``may_hit``)."""
    return lexicon.pattern("byline", "prefixes", "start", after=r"\s*(?P<rest>.+)$")


@functools.lru_cache(maxsize=64)
def prefix_openers(lexicon: Lexicon) -> tuple[str, ...]:
    """The first words of the lexicon's byline prefixes, case folded ("von", "by", "written"):
    a line whose case-folded text starts with none of them starts with no prefix (a test
    cheaper than the prefix pattern, for the many lines that need only it)."""
    words = {str(p).split()[0].casefold() for p in lexicon.list("byline", "prefixes") if str(p).split()}
    return tuple(sorted(words))
