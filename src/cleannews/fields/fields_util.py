"""Helpers the field extractors share."""

from __future__ import annotations

import unicodedata

_QUOTES = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›'"})


def normalise(text: str) -> str:
    """Text for comparing titles: NFKC, one quote style, single spaces, casefolded."""
    return " ".join(unicodedata.normalize("NFKC", text).translate(_QUOTES).split()).casefold()
