"""Helpers the field extractors share."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from ..lexicon import Lexicon


def byline_prefix(lexicon: Lexicon) -> regex.Pattern[str]:
    """A byline prefix ("Von", "By", "Text:") and what follows it, as group ``rest``."""
    return lexicon.pattern("byline", "prefixes", "start", after=r"\s*(?P<rest>.+)$")
