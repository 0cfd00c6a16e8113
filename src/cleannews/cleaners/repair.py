"""Repair broken text before any rule reads it: mojibake, control characters, odd whitespace.

Speed: ftfy is imported on first need and run only on a line that might be broken (see
:func:`might_be_broken`); the whitespace and control-character clean-up runs once over the whole
page rather than once per line.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

import regex

from ..cleaner import Cleaner
from ..page import Page
from ..text import WHITESPACE, count_chars

# Soft hyphens, zero-width spaces and joiners, BOMs and bidi marks: invisible, and they split words.
_INVISIBLE = regex.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069]")
# C0/C1 control characters other than tab (NUL and friends from broken scrapes or binaries).
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_SPACES = regex.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# The same runs of space, never crossing a line break (for the whole page at once).
_LINE_SPACES = regex.compile(r"[[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]--[\n]]+", regex.V1)
# The ASCII characters _CONTROL matches (a page without any needs no substitution), and the
# characters _LINE_SPACES matches besides the plain space, which it only changes when doubled
# (a line without any needs none; tests check that it matches no character outside WHITESPACE).
_CONTROL_ASCII = bytes(c for c in range(128) if _CONTROL.fullmatch(chr(c)))
_ODD_SPACES = tuple(c for c in WHITESPACE if c != " " and _LINE_SPACES.fullmatch(c))
_FTFY_OPTIONS = dict(uncurl_quotes=False, fix_line_breaks=False, fix_character_width=False,
                     fix_latin_ligatures=False, normalization="NFC", explain=False)


@functools.lru_cache(maxsize=1)
def _ftfy() -> tuple[Callable[[str], str], Callable[[str], bool]]:
    """ftfy's fixer (with our options) and a test for "ftfy might change this line"; imported
    on first use, because ftfy takes a fifth of a second to import."""
    import ftfy
    from ftfy.badness import BADNESS_RE
    from ftfy.chardata import CONTROL_CHARS

    config = ftfy.TextFixerConfig(**_FTFY_OPTIONS)  # type: ignore[arg-type]

    def fix(text: str) -> str:
        return ftfy.fix_text(text, config)

    # Besides mojibake, ftfy (as configured) changes a line only for: HTML entities (&),
    # terminal escapes, C1 controls, surrogates, the control characters it removes, and
    # non-NFC text.
    triggers = regex.compile("[&\x1b\x80-\x9f\ud800-\udfff"
                             + "".join(regex.escape(chr(c)) for c in sorted(CONTROL_CHARS)) + "]")
    bad_from = _mojibake_starts(BADNESS_RE.pattern)

    def maybe(text: str) -> bool:
        if triggers.search(text) or not unicodedata.is_normalized("NFC", text):
            return True
        if bad_from is None:  # an ftfy whose pattern we do not know: ask it
            return bool(BADNESS_RE.search(text))
        return bool(bad_from.search(text))  # (it matches only at non-ASCII characters)

    return fix, maybe


# ftfy's mojibake pattern has a few alternatives that begin with ASCII context ("[a-z]", "\s",
# "^") before the first mojibake character; dropping that context gives a pattern that matches
# wherever ftfy's does (and a little more), and every match of it starts at a non-ASCII character.
_ASCII_CONTEXT = ("[a-zA-Z] ", "\\s ", "[a-z] ", "[a-z]\\s?", "^", "[a-z.,?!")


def _mojibake_starts(pattern: str) -> Any:
    """ftfy's BADNESS_RE without its leading ASCII context (None if its shape is unknown)."""
    import re

    lines = []
    for line in pattern.split("\n"):
        stripped = line.strip()
        if stripped.startswith("[a-z.,?!"):  # "[a-z.,?!<end punctuation>] Â [...]"
            stripped = stripped[stripped.index("]") + 1:].strip()
        else:
            for prefix in _ASCII_CONTEXT[:-1]:
                if stripped.startswith(prefix):
                    stripped = stripped[len(prefix):].strip()
                    break
        first = stripped[:1]
        if first and first not in "|#" and first.isascii() and first not in "[":
            return None  # an alternative we do not understand: no shortcut
        if first == "[" and (stripped[1:2].isascii() and stripped[1:2] not in "\\"):
            return None  # a class that may start with an ASCII character
        lines.append(stripped)
    try:  # tried only where a non-ASCII character stands (one search, not a match per character)
        return re.compile("(?=[^\\x00-\\x7f])(?:\n" + "\n".join(lines) + "\n)", re.VERBOSE)
    except re.error:
        return None


def might_be_broken(text: str) -> bool:
    """True when ftfy (as configured here) might change the line; False means it would not."""
    return not text.isascii() and _ftfy()[1](text)


def repair(text: str) -> str:
    """One line's text with mojibake fixed (ftfy), invisibles dropped and whitespace collapsed."""
    if not text.isascii():
        if might_be_broken(text):
            text = _ftfy()[0](text)
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
        lines = page.lines
        texts = [line.text for line in lines]
        joined = "\n".join(texts)
        if not joined.isascii():
            fix, maybe = _ftfy()
            for i, text in enumerate(texts):
                if text and not text.isascii() and maybe(text):
                    texts[i] = fix(text)
            joined = "\n".join(texts)
            if count_chars(joined, b"", _INVISIBLE):
                joined = _INVISIBLE.sub("", joined)
        if joined.count("\n") != len(lines) - 1:  # a line holds a line break: line by line
            for line, text in zip(lines, texts):
                if line.text:
                    line.text = _SPACES.sub(" ", _CONTROL.sub("", _INVISIBLE.sub("", text))).strip()
            return
        if count_chars(joined, _CONTROL_ASCII, _CONTROL):  # (most pages have none)
            joined = _CONTROL.sub("", joined)
        # (spaces are collapsed only in a line with other space than single blanks: the page
        # tells which of those characters to look for)
        double, odd = "  " in joined, tuple(c for c in _ODD_SPACES if c in joined)
        for line, text in zip(lines, joined.split("\n")):
            if line.text:
                if (double and "  " in text) or (odd and any(c in text for c in odd)):
                    text = _LINE_SPACES.sub(" ", text)
                line.text = text.strip()
