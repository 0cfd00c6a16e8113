"""Repair broken text before any rule reads it: mojibake, control characters, odd whitespace."""

from __future__ import annotations

from dataclasses import dataclass

import ftfy
import regex

from ..cleaner import Cleaner
from ..page import Page

# Soft hyphens, zero-width spaces and joiners, BOMs and bidi marks: invisible, and they split words.
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
# C0/C1 control characters other than tab (NUL and friends from broken scrapes or binaries).
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = regex.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, fix_character_width=False,
                             fix_latin_ligatures=False, normalization="NFC", explain=False)


def repair(text: str) -> str:
    """One line's text with mojibake fixed (ftfy), invisibles dropped and whitespace collapsed."""
    if not text.isascii():
        text = ftfy.fix_text(text, _FTFY)
        text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text).strip()


@dataclass(frozen=True)
class RepairText(Cleaner):
    """Fix mojibake ("fÃ¼r" -> "für"), drop invisible and control characters, collapse spaces.

    Removes no line: a line left empty is a paragraph break.
    """

    name = "repair"
    description = "fixes mojibake and control characters; collapses whitespace (removes no line)"

    def __call__(self, page: Page) -> None:
        for line in page.lines:
            if line.text:
                line.text = repair(line.text)
