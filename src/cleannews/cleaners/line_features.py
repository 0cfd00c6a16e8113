"""What the main-text classifier reads in one line: its words, characters, stopword density,
sentence punctuation, title case, digits, UI phrases, glued teaser titles and code.

Languages written without spaces (Chinese, Japanese) are measured by what their characters hold
(see :func:`line_features`)."""

from __future__ import annotations

import functools
from typing import Any, NamedTuple

import regex

from ..char_classes import classes_for
from ..lexicon import Lexicon
from ..lexicon.scan import PageScan, lexicon_class
from ..line_shape import word_columns
from ..line_table import WordCounts
from ..page import Page
from ..text import SENTENCE_MARKS, SPACES, closes_with

#: A word: letters and digits, with inner apostrophes, marks and hyphens.
TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
#: A line of program code (a listing in a tutorial or a data story): neither prose nor chrome.
_CODE = regex.compile(
    r"^\s*(?:(?:def|class|import|return|elif|except|var|let|const|function|public|private|static|"
    r"package|\#include|\#define|SELECT|INSERT|UPDATE)\b|from\s+\S+\s+import\b|@\w+\s*(?:\(|$)|>>>|//|/\*|\$\s+\w)"
    r"|[;{}]\s*$|\w\([^()]*\)\s*[:;{]?\s*$|^\s*[\w.\[\]\"']+\s*[-+*/]?=\s*\S|</?[a-z][\w-]*(?:\s[^>]*)?>")


#: The UI phrases as classes of the page scan: ``[scorer] ui_re`` at the line's start,
#: ``[scorer] ui`` as whole words anywhere (what :func:`ui_pattern` finds, in two parts).
UI_LEAD = lexicon_class("scorer", ("ui_re",), "start")
UI = lexicon_class("scorer", ("ui",), "word")


def ui_pattern(lexicon: Lexicon) -> regex.Pattern[str]:
    """The lexicon's UI phrases as one pattern: ``[scorer] ui`` (literal phrases, whole words
    anywhere in the line) and ``[scorer] ui_re`` (regular expressions anchored at the line's
    start: "Tags: …", "3 responses to …")."""
    return _either(lexicon.pattern("scorer", "ui_re", "start").pattern,
                   lexicon.pattern("scorer", "ui", "word").pattern)


@functools.lru_cache(maxsize=64)
def _either(first: str, second: str) -> regex.Pattern[str]:
    return regex.compile(f"{first}|{second}", regex.I | regex.V0)


def prose_mass(text: str, spaceless: bool) -> int:
    """A line's prose mass in characters; in a language written without spaces one of its
    characters counts as three letters (as in :func:`line_features`)."""
    return len(text) + 2 * len(CJK.findall(text)) if spaceless else len(text)


def function_chars(page: Page) -> regex.Pattern[str] | None:
    """The page language's pattern of grammatical characters, for languages written without
    spaces (lexicon ``[scorer] function_chars_re``), else None."""
    assert page.lexicon is not None
    if not page.lexicon.list("scorer", "function_chars_re"):
        return None
    return page.lexicon.pattern("scorer", "function_chars_re", "search")


def spaceless_measures(page: Page) -> dict[str, Any]:
    """The keyword arguments of :func:`line_features` for the page's language: its function
    characters and their scale (lexicon ``[scorer]``; none for languages that write spaces)."""
    assert page.lexicon is not None
    return {"function_chars": function_chars(page),
            "function_scale": float(page.lexicon.value("scorer", "function_chars_scale", 1.0))}


def word_counts(text: str, stops: frozenset[str]) -> WordCounts:
    """The :class:`WordCounts` of one line."""
    texts = [text]
    return WordCounts(*(column[0] for column in word_columns(texts, stops, classes_for(texts))))


class LineFeatures(NamedTuple):
    """What the classifier looks at in one line."""

    words: int
    chars: int
    stopword_density: float
    sentence: bool         # ends like a sentence (. ! ? …)
    title_share: float     # share of words starting with a capital letter
    digit_share: float     # share of digits among letters and digits
    ui: str | None         # the UI phrase the line holds, if any
    ui_start: bool         # the line starts with it ("Sign up to get …")
    glued_title: bool      # a title-case title glued to a summary ("… On The RiseViolence is …")
    code: bool             # looks like a line of program code


# a lower-case letter run (or ? !) touching a capitalised word: where a teaser's title was glued
# to its summary by a scraper that dropped the line break
_GLUE = regex.compile(r"(?<=\p{Ll}{2}[?!]?)(?=\p{Lu}\p{Ll}*\s)")
#: The words a glued title and summary hold at the least (:func:`glued_title`): 4 before the
#: glue point and 5 after it, one of which may be the word the glue point splits in two.
GLUED_MIN_WORDS = 4 + 5 - 1


def glued_title(text: str) -> bool:
    """True for "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's run was …": a Title Case
    title of 4+ words glued without a space to a summary of 5+ words. (A sentence that names a
    "MacBook" has lower-case words before it and is not taken.)"""
    for m in _GLUE.finditer(text):
        head, tail = text[:m.start()], text[m.start():]
        alpha = [w for w in TOKEN.findall(head) if w[:1].isalpha()]
        if len(TOKEN.findall(head)) < 4 or len(TOKEN.findall(tail)) < 5 or not alpha:
            continue
        caps = sum(1 for w in alpha if w[:1].isupper())
        if caps >= 0.75 * len(alpha) and all(w[:1].isupper() for w in alpha if len(w) >= 4):
            return True
    return False


def line_features(text: str, stops: frozenset[str], ui: regex.Pattern[str] | None = None, *,
                  ui_lead: regex.Pattern[str] | None = None,
                  function_chars: regex.Pattern[str] | None = None, function_scale: float = 1.0,
                  ui_words: int | None = None, counts: WordCounts | None = None,
                  scan: PageScan | None = None) -> LineFeatures:
    """The features of one line, given the page language's stopwords and UI-phrase pattern
    (``ui_lead``: UI patterns anchored at the line's start, tried
    first, as :func:`ui_pattern` does; ``ui_words``: ``ui`` is not searched through a line of
    more words, in a language written with spaces; ``counts``: the line's :class:`WordCounts`
    when the page's feature table holds them, else they are counted here; ``scan``: the page's
    lexicon scan, which answers for :data:`UI_LEAD` and :data:`UI` instead of ``ui_lead`` and
    ``ui``).

    For a language written without spaces (Chinese, Japanese: ``function_chars`` is its
    pattern of grammatical characters) a run of its characters is measured by what it holds:
    two characters count as a word and one as three letters, and the share of function
    characters (times ``function_scale``) stands for the stopword density."""
    if counts is None:
        counts = word_counts(text, stops)
    n, stop, caps, digits, letters = counts
    # (a line of more than ui_words words is not searched for the UI phrases anywhere)
    searched = ui_words is None or function_chars is not None or n <= ui_words
    if scan is not None:
        m = scan.match(UI_LEAD, text)  # (what ui_pattern finds first)
        if m is None and searched:
            m = scan.match(UI, text)
    else:
        m = ui_lead.match(text) if ui_lead is not None else None
        if m is None and ui is not None and searched:
            m = ui.search(text)
    chars = len(text)
    density = stop / n if n else 0.0
    if function_chars is not None and not text.isascii():
        cjk = len(CJK.findall(text))
        if cjk and cjk >= letters / 2:
            latin = sum(1 for t in TOKEN.findall(text) if not CJK.match(t))
            n = latin + (cjk + 1) // 2
            chars = prose_mass(text, True)
            density = min(1.0, function_scale * len(function_chars.findall(text)) / cjk)
    return LineFeatures(
        words=n, chars=chars, stopword_density=density,
        sentence=closes_with(text, SENTENCE_MARKS),  # (TERMINAL, read from the end)
        title_share=caps / n if n else 0.0,
        digit_share=digits / (digits + letters) if digits + letters else 1.0,
        ui=m.group(0) if m else None, ui_start=m is not None and not TOKEN.search(text[:m.start()]),
        glued_title=counts.words >= GLUED_MIN_WORDS and glued_title(text),
        code=density < 0.3 and _code_like(text))


#: Of the alternatives of _CODE, those not anchored at the line's start end the line with one of
#: these (before spaces) or hold a tag ("<").
_CODE_ENDS = ";{}):"


def _code_like(text: str) -> bool:
    """``_CODE.search(text)``, but a line that neither ends with one of :data:`_CODE_ENDS`
    (before spaces) nor holds a "<" (or a line break) is only tried at its start, where the
    anchored alternatives stand."""
    last = text.rstrip(SPACES)[-1:]
    if "<" in text or "\n" in text or (last and last in _CODE_ENDS):
        return bool(_CODE.search(text))
    return bool(_CODE.match(text))
