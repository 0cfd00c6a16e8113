"""Small measurements of a line of text that many cleaners share: words, sentences, titles, names.

Everything here is language-neutral (Unicode classes, punctuation); language knowledge lives in
the lexicon files. The measurements many steps take of the same line (its word count, whether
it ends a sentence) are cached per text, so a line is measured once per page, not once per step.
"""

from __future__ import annotations

import collections
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

import regex

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-.]*")
LETTER_WORD = regex.compile(r"\p{L}[\p{L}\p{M}'’\-]*")
#: Sentence-final punctuation, possibly followed by closing quotes or brackets.
SENTENCE_END = regex.compile(r"[.!?…:;][\"'”“«»‘’)\]]*\s*$")
#: What ends a sentence, in alphabets and in Chinese and Japanese.
SENTENCE_MARKS = ".!?。！？"
#: Closing quotes and brackets that may follow a sentence's last mark.
CLOSERS = "\"'”“«»‘’)]」』"
TERMINAL = regex.compile(f"[{regex.escape(SENTENCE_MARKS)}][{regex.escape(CLOSERS)}]*\\s*$")
ELLIPSIS_END = regex.compile(r"(?:\.\.\.|…)\s*$")
ELLIPSIS_START = regex.compile(r"^\s*(?:\.\.\.|…)")
NAME_TOKEN = regex.compile(r"^\p{Lu}[\p{L}\p{M}'’\-]*\.?$")
INITIALS = regex.compile(r"^(?:\p{Lu}\.){1,3}$")


def for_text(text: str, pattern: regex.Pattern[str],
             ascii_twin: re.Pattern[str]) -> regex.Pattern[str] | re.Pattern[str]:
    """The pattern to run over text: its ASCII twin when text is ASCII. A twin is the same
    pattern for ASCII text written for the standard ``re``, which is a third faster there (in
    ASCII, \\p{L} is [A-Za-z], \\p{N} is [0-9], and no character is a mark)."""
    return ascii_twin if text.isascii() else pattern


_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-.]*")  # (WORD's twin)


def words(text: str) -> list[str]:
    """The words of a line (letters or digits, with inner hyphens, apostrophes and dots)."""
    return for_text(text, WORD, _ASCII_WORD).findall(text)


#: How many distinct line texts the per-line caches remember (a page has a few hundred).
CACHE_SIZE = 8192
#: Only lines up to this length are cached, so the caches never pin large texts in memory.
CACHE_MAX_CHARS = 2000


_T = TypeVar("_T")


#: Every cache of line measurements, so that :func:`clear_caches` empties them all.
_CACHES: list[dict[Any, Any]] = []


def line_cache() -> dict[Any, Any]:
    """An empty cache of measurements of lines, keyed by the line's text (with whatever else
    the measurement reads), that :func:`clear_caches` empties; fill it with :func:`remember`."""
    cache: dict[Any, Any] = {}
    _CACHES.append(cache)
    return cache


def remember(cache: dict[Any, Any], key: Any, text: str, value: Any, max_chars: int = CACHE_MAX_CHARS,
             size: int = CACHE_SIZE) -> None:
    """Keep a line's measurement in a :func:`line_cache` (only for a text of at most
    ``max_chars`` characters; a cache of ``size`` entries starts afresh)."""
    if len(text) <= max_chars:
        if len(cache) >= size:
            cache.clear()
        cache[key] = value


def clear_caches() -> None:
    """Forget every cached measurement of a line. A measurement depends only on the line's
    text (and on the lexicon it reads), so this never changes a result; a benchmark calls it so
    that a timed pass does not read what a warm-up pass over the same pages measured."""
    for cache in _CACHES:
        cache.clear()


def per_text_cache(func: Callable[[str], _T], max_chars: int = CACHE_MAX_CHARS) -> Callable[[str], _T]:
    """Cache a measurement of a line by its text (see :func:`remember`). A plain dict: steps
    ask it a few thousand times per page, and a hit costs half of what an ``lru_cache`` behind
    a length test does. (A measure that is itself a text, as long as the line, is best cached
    for short lines only: ``max_chars`` bounds the memory it holds.)"""
    cache = line_cache()

    @functools.wraps(func)
    def measure(text: str) -> _T:
        try:
            return cache[text]  # type: ignore[no-any-return]
        except KeyError:
            pass
        value = func(text)
        remember(cache, text, text, value, max_chars)
        return value
    return measure


@per_text_cache
def word_count(text: str) -> int:
    """How many words a line has."""
    return len(words(text))


#: Every character Python counts as whitespace (a test checks this against every character).
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) \
    + "\u2028\u2029\u202f\u205f\u3000"
#: The characters the regex module's \\s matches (all whitespace to Python: tests check it).
SPACES = "".join(c for c in WHITESPACE if regex.match(r"\s", c))


def closes_with(text: str, marks: str) -> bool:
    """True when text ends with one of ``marks``, then perhaps closing quotes or brackets, then
    perhaps spaces: what ``[marks][closers]*\\s*$`` finds (TERMINAL for ".!?"), read from the
    end instead of searched for through the whole line."""
    tail = text.rstrip(SPACES).rstrip(CLOSERS)
    return bool(tail) and tail[-1] in marks


@per_text_cache
def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence: . ! ? (or …) possibly before a closing quote."""
    # (TERMINAL or ELLIPSIS_END, read from the end)
    return closes_with(text, SENTENCE_MARKS) or text.rstrip(SPACES).endswith(("...", "…"))


#: Words of a line of running text at the least (:func:`is_prose`'s default).
PROSE_WORDS = 8
#: Words of a paragraph that marks the article's body at the least: the byline, date and
#: headline steps take the first such paragraph for the start of the text.
PARAGRAPH_WORDS = 12
#: Words of a short sentence at the least (a dek, a one-line paragraph).
SHORT_SENTENCE_WORDS = 6


_QUOTES = "„“”«»‚‘’‹›'"
_CASEFOLD = str.casefold


def line_key(text: str, *, fold: Callable[[str], str] | None = str.casefold, nfkc: bool = False,
             quotes: bool = False) -> str:
    """The one line normaliser: a line as steps compare lines. Whitespace runs are one space
    and the ends are trimmed; ``fold`` folds case (None: case kept); ``nfkc``: compatibility
    forms unified first (NFKC); ``quotes``: every quote mark written as '"' (titles)."""
    if fold is _CASEFOLD and not (nfkc or quotes):  # (the common case, on every line of a page)
        return " ".join(text.split()).casefold()
    if text.isascii():  # (NFKC leaves ASCII alone, and its only quote is "'")
        if quotes:
            text = text.replace("'", '"')
    else:
        if nfkc:
            text = unicodedata.normalize("NFKC", text)
        if quotes:
            for quote in _QUOTES:  # (str.replace per quote present: str.translate is slower)
                if quote in text:
                    text = text.replace(quote, '"')
    key = " ".join(text.split())
    return fold(key) if fold is not None else key


def title_key(text: str) -> str:
    """:func:`line_key` for comparing titles: NFKC, one quote style, single spaces, casefolded."""
    return line_key(text, nfkc=True, quotes=True)


def is_prose(text: str, *, min_words: int = PROSE_WORDS) -> bool:
    """A line of running text: enough words and a sentence ending."""
    return word_count(text) >= min_words and ends_sentence(text)


def is_title_like(text: str, *, max_words: int = 30) -> bool:
    """A line shaped like a headline or subheading: 2+ words, no sentence-final full stop."""
    n = word_count(text)
    if n < 2 or n > max_words or len(text) > 300:
        return False
    stripped = text.rstrip()
    return not stripped.endswith((".", ":", ";", ",")) or stripped.endswith(("...", "…"))


#: the number that opens an item of a numbered list: "1) ", "2. ", "3 - ", "#4 "
_LIST_NUMBER = regex.compile(r"^\s*#?(\d{1,3})\s*(?:[.):]|\s[-–—])\s+\S")


def list_number(text: str) -> int | None:
    """The number of a numbered list's item ("3) Blade Runner", "4. Step"), or None."""
    m = _LIST_NUMBER.match(text)
    return int(m.group(1)) if m else None


#: the marks that open an item of a bulleted list
BULLETS = ("-", "–", "•", "*", "·", "▪", "►", "»")


def is_list_item(text: str) -> bool:
    """True for an item of a numbered or bulleted list ("3) Blade Runner", "• Flour")."""
    return list_number(text) is not None or text.lstrip().startswith(BULLETS)


def announces_list(text: str, names_list: Callable[[str], bool], *, max_words: int = 6, colon: bool = True) -> bool:
    """True for a line that announces a list under it: it ends with a colon (unless ``colon``
    is False), or it is a short heading that names one ("Zutaten für 4 Personen",
    "Ingredients"; ``names_list(text)``: whether the text holds one of the lexicon's ``[lists]
    headers`` as a whole word, as the page's scan answers)."""
    if colon and text.rstrip().endswith(":"):
        return True
    return word_count(text) <= max_words and names_list(text)


def is_label(text: str, *, max_words: int = 3) -> bool:
    """A short label: at most a few words and no sentence punctuation."""
    return 0 < word_count(text) <= max_words and not ends_sentence(text) and len(text) <= 40


def looks_like_name(text: str, *, particles: frozenset[str] = frozenset(), max_tokens: int = 5) -> bool:
    """True for a person's name: 2-5 capitalised tokens (particles like "von" allowed)."""
    tokens = text.split()
    if not 2 <= len(tokens) <= max_tokens:
        return False
    capitalised = 0
    for tok in tokens:
        if NAME_TOKEN.match(tok) or INITIALS.match(tok):
            capitalised += 1
        elif tok.casefold() not in particles:
            return False
    return capitalised >= 2


def overlap(a: str, b: str) -> float:
    """Share of the shorter text's (casefolded) words that the other text also has."""
    wa = {w.casefold() for w in LETTER_WORD.findall(a)}
    wb = {w.casefold() for w in LETTER_WORD.findall(b)}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


# Letters below U+0250 are all Latin (script_of's shortcut); which of them are letters is fixed.
def _latin_letter_class() -> str:
    ranges: list[list[int]] = []
    for c in range(0x250):
        if chr(c).isalpha():
            if ranges and ranges[-1][1] == c - 1:
                ranges[-1][1] = c
            else:
                ranges.append([c, c])
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in ranges) + "]"


_LATIN_LETTER = regex.compile(_latin_letter_class())
_LATIN_LETTERS = regex.compile(_latin_letter_class() + "+")
_UP_TO_U024F = regex.compile(r"[\x00-\u024f]+")


ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_ASCII_RUNS = regex.compile(r"[\x00-\x7f]+")


def count_chars(text: str, ascii_members: bytes, runs: regex.Pattern[str]) -> int:
    """How many characters of text belong to a class, given the class's ASCII members and a
    pattern matching it (``[...]`` or runs ``[...]+``; only its non-ASCII members count). The
    ASCII ones are counted by deleting them from the bytes, the others by the pattern on the
    text's non-ASCII characters: much faster than matching the whole text."""
    data = text.encode("ascii", "ignore")
    n = len(data) - len(data.translate(None, ascii_members))
    if len(data) < len(text):
        n += sum(map(len, runs.findall(_ASCII_RUNS.sub("", text))))
    return n


def main_script(text: str) -> str | None:
    """The Unicode script most of the letters belong to (e.g. "Latin", "Cyrillic").

    Ties go to the script whose first letter comes first.
    """
    if text.isascii():
        return "Latin" if _LATIN_LETTER.search(text) else None
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    latin = _LATIN_LETTER.search(text)
    if latin:
        first["Latin"] = latin.start()
        counts["Latin"] = count_chars(text, ASCII_LETTERS, _LATIN_LETTERS)
    # the letters above U+024F, by distinct character (counted in C): a script's first letter
    # is the first occurrence of any of its characters
    for ch, n in collections.Counter(_UP_TO_U024F.sub("", text)).items():
        if ch.isalpha():
            script = script_of(ch)
            at = text.find(ch)
            counts[script] = counts.get(script, 0) + n
            if script not in first or at < first[script]:
                first[script] = at
    if not counts:
        return None
    order = sorted(counts, key=first.__getitem__)
    return max(order, key=counts.__getitem__)


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str:
    """The script of one letter, from its Unicode name ("LATIN SMALL LETTER A" -> "Latin")."""
    if ch < "\u0250":
        return "Latin"
    name = unicodedata.name(ch, "")
    head = name.split(" ", 1)[0]
    if head in ("CJK", "HIRAGANA", "KATAKANA"):
        return "Han/Kana"
    return head.capitalize() if head else "Unknown"
