"""Which Unicode code points are letters (upper-case ones too), numbers and combining marks, as
the `regex` module's ``\\p{L}`` (``\\p{Lu}``), ``\\p{N}`` and ``\\p{M}`` see them: one byte of
bits per code point, for compiled code that must agree with the patterns
(:func:`cleannews.line_shape.word_columns`). The `regex` module may know a newer Unicode version
than Python's own tables, so the table is read off the module itself, once per process (a few
hundredths of a second), and only when a text that is not ASCII asks for it."""

from __future__ import annotations

import functools
import sys
from array import array

import regex

from .line_shape import LETTER, MARK, NUMBER, UPPER_LETTER

#: One more than the highest code point.
CODE_POINTS = 0x110000
_SURROGATES = range(0xD800, 0xE000)
#: An array type code of four bytes (every code point as UTF-32).
_FOUR_BYTES = next(code for code in "IL" if array(code).itemsize == 4)


@functools.lru_cache(maxsize=1)
def char_classes() -> bytes:
    """Per code point, its :data:`~cleannews.line_shape.LETTER`, :data:`~cleannews.line_shape.NUMBER`
    or :data:`~cleannews.line_shape.MARK` bit, and :data:`~cleannews.line_shape.UPPER_LETTER` for
    an upper-case letter (surrogates: none)."""
    codes = array(_FOUR_BYTES, range(CODE_POINTS))
    for c in _SURROGATES:  # (not text: NUL, which is none of the classes, stands in for them)
        codes[c] = 0
    everything = codes.tobytes().decode("utf-32-le" if sys.byteorder == "little" else "utf-32-be")
    table = bytearray(CODE_POINTS)
    for bits, pattern in ((LETTER, r"\p{L}+"), (NUMBER, r"\p{N}+"), (MARK, r"\p{M}+"),
                          (LETTER | UPPER_LETTER, r"\p{Lu}+")):
        for m in regex.finditer(pattern, everything):  # (L, N and M are disjoint; Lu is in L)
            start, end = m.span()
            table[start:end] = bytes((bits,)) * (end - start)
    return bytes(table)


def classes_for(texts: list[str]) -> bytes:
    """The class table :func:`~cleannews.line_shape.word_columns` needs for these texts: empty
    when they are all ASCII (compiled code knows ASCII's classes), else :func:`char_classes`."""
    return b"" if all(map(str.isascii, texts)) else char_classes()
