"""Helpers the field extractors share."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import regex

    from ..lexicon import Lexicon

_QUOTES = "„“”«»‚‘’‹›'"


def normalise(text: str) -> str:
    """Text for comparing titles: NFKC, one quote style, single spaces, casefolded."""
    if text.isascii():  # (NFKC leaves ASCII alone, and its only quote is "'")
        return " ".join(text.replace("'", '"').split()).casefold()
    text = unicodedata.normalize("NFKC", text)
    for quote in _QUOTES:  # (str.replace per quote present: str.translate is slower)
        if quote in text:
            text = text.replace(quote, '"')
    return " ".join(text.split()).casefold()


def byline_prefix(lexicon: Lexicon) -> regex.Pattern[str]:
    """A byline prefix ("Von", "By", "Text:") and what follows it, as group ``rest``."""
    return lexicon.pattern("byline", "prefixes", "start", after=r"\s*(?P<rest>.+)$")
