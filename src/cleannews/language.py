"""Light language identification: which language's stopwords a text uses most.

The stopword lists are jusText's (installed with trafilatura), read as data files without
importing jusText. Only a text's first few thousand words are looked at.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
import re
from collections import Counter
from pathlib import Path

import regex

from .text import closes_with, count_chars

#: ISO 639-1 code -> jusText stoplist name, for the languages we tell apart.
STOPLISTS = {
    "de": "German", "en": "English", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "fi": "Finnish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "ru": "Russian",
    "uk": "Ukrainian", "tr": "Turkish", "id": "Indonesian", "ca": "Catalan", "hr": "Croatian",
    "sl": "Slovenian", "el": "Greek", "bg": "Bulgarian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian",
}
_WORD = regex.compile(r"\p{L}+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")  # (_WORD's twin, see cleannews.text.for_text)
#: Scripts that name their language outright (languages jusText has no stoplist for).
_SCRIPTS = (("ko", regex.compile(r"\p{Hangul}")), ("ja", regex.compile(r"[\p{Hiragana}\p{Katakana}]")),
            ("zh", regex.compile(r"\p{Han}")), ("ar", regex.compile(r"\p{Arabic}")),
            ("he", regex.compile(r"\p{Hebrew}")), ("th", regex.compile(r"\p{Thai}")))
_ANY_SCRIPT = regex.compile(r"[\p{Hangul}\p{Hiragana}\p{Katakana}\p{Han}\p{Arabic}\p{Hebrew}\p{Thai}]")
_LETTER = regex.compile(r"\p{L}")
_SENTENCE_END = regex.compile(r"[.!?…][\"'”“«»‘’)\]]*\s*$")
#: Six words or more (each letter run taken whole: possessive).
_SIX_WORDS = regex.compile(r"(?:\P{L}*+\p{L}++){6}")
#: The word at a line's start and after a sentence's end (. ! ? :), past spaces, quotes and a
#: bracket (in ``re``: twice as fast; [^\W\d_] is \p{L} with the numeric characters that are
#: no digits, so "Die²" at a sentence's start is no "Die" there).
_LINE_START = re.compile(r"^[ \t\"'„“«»‚‘(]*([^\W\d_]+)", re.M)
_SENTENCE_START = re.compile(r"[.!?:][ \t\"'„“«»‚‘(]*([^\W\d_]+)")
DEFAULT = "en"
#: Languages told by their script (no stoplist), with their English names.
_SCRIPT_NAMES = {"ko": "Korean", "ja": "Japanese", "zh": "Chinese", "ar": "Arabic", "he": "Hebrew", "th": "Thai"}
#: Codes that mean another code here (Norwegian Bokmål and Nynorsk read as Norwegian; old Hebrew code).
_ALIASES = {"nb": "no", "nn": "no", "iw": "he"}
_TAG_SEPARATOR = re.compile(r"[-_]")
#: Characters per word above which a page is cut to its first words before they are counted.
_CUT_FIRST = 40


@functools.lru_cache(maxsize=1)
def _stopwords() -> dict[str, frozenset[str]]:
    spec = importlib.util.find_spec("justext")
    if spec is None or not spec.submodule_search_locations:
        return {}
    folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
    lists = {}
    for code, name in STOPLISTS.items():
        path = folder / f"{name}.txt"
        if path.exists():
            lists[code] = frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").split() if w.strip())
    return lists


def stopwords(language: str) -> frozenset[str]:
    """jusText's stopwords for a language (casefolded); English when it has no list, empty
    when jusText's lists are not installed."""
    lists = _stopwords()
    return lists.get(language) or lists.get(DEFAULT, frozenset())


@functools.lru_cache(maxsize=1)
def _index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The languages with a stoplist, and stopword -> the positions of the languages that have
    it in that tuple (positions, so that scores add up in a list, not a dict)."""
    codes = tuple(_stopwords())
    index: dict[str, list[int]] = {}
    for n, code in enumerate(codes):
        for w in _stopwords()[code]:
            index.setdefault(w, []).append(n)
    return codes, {w: tuple(ns) for w, ns in index.items()}


def detect_language(text: str, *, max_words: int = 3000, default: str = DEFAULT) -> str:
    """The ISO 639-1 code of the language whose stopwords the text uses most, or ``default``
    when fewer than three of its stopwords are found.

    Korean, Japanese, Chinese, Arabic, Hebrew and Thai are told by their script. Otherwise,
    running text tells the language, a page's chrome does not: a line of prose (six words or
    more, ending like a sentence) counts fully, other lines (menus, names, tables) count a
    quarter. Stopwords are matched lowercase only: capitalised words are mostly names ("John",
    "Walter" are stopwords in some lists), except at the start of a line or sentence. One-letter
    stopwords count only in prose ("x", "m" in a results table are not Estonian). Only the
    lines up to the one holding the ``max_words``-th word are read; ties go to the language
    whose stopword comes first.
    """
    by_script = _script_language(text[:20000])
    if by_script:
        return by_script
    # (a long page: its first lines only; a very long one is cut before its words are counted,
    # the same lines either way)
    lines = (_first_lines(text, max_words) if len(text) > _CUT_FIRST * max_words else text).splitlines()
    prose, other, prose_words, other_words = _words(lines)
    if len(prose_words) + len(other_words) >= max_words and len(text) <= _CUT_FIRST * max_words:
        lines = _first_lines(text, max_words).splitlines()
        prose, other, prose_words, other_words = _words(lines)
    languages, index = _index()
    # each distinct stopword once (counted in C): its weight in quarters (a prose line's word
    # weighs 4, another line's 1), added up by the tuple of languages that list it
    in_prose, in_other = Counter(prose_words), Counter(other_words)
    distinct = list({**in_other, **in_prose})
    weights: dict[int, int] = {}
    found: dict[int, tuple[int, ...]] = {}
    starts_prose: Counter[str] | None = None
    starts_other: Counter[str] = Counter()
    for word in itertools.compress(distinct, map(index.get, map(str.casefold, distinct))):
        if word.islower():
            quarters = 4 * in_prose.get(word, 0) + (in_other.get(word, 0) if len(word) > 1 else 0)
        elif word[:1].isupper() and word[1:].islower():  # only where a line or sentence starts
            if starts_prose is None:
                starts_prose, starts_other = _sentence_starts(prose), _sentence_starts(other)
            quarters = 4 * starts_prose.get(word, 0) + (starts_other.get(word, 0) if len(word) > 1 else 0)
        else:
            continue
        if not quarters:
            continue
        codes = index[word.casefold()]
        key = id(codes)  # (by identity: hashing a tuple costs more)
        found[key] = codes
        weights[key] = weights.get(key, 0) + quarters
    if not found:
        return default
    # a stopword that k languages list gives each of them 1/k of its weight: exact, in units
    # of 1/(4 * lcm of the k)
    unit = _lcm_of_shares()
    scores = [0] * len(languages)
    for key, codes in found.items():
        share = weights[key] * (unit // len(codes))
        for n in codes:
            scores[n] += share
    top = max(scores)
    tied = [n for n, score in enumerate(scores) if score == top]
    best = tied[0] if len(tied) == 1 else _first_found(tied, "\n".join(lines), index)
    hits = sum(weight for key, weight in weights.items() if best in found[key])
    return languages[best] if hits >= 12 else default  # (three stopwords, in quarters)


def _words(lines: list[str]) -> tuple[str, str, list[str], list[str]]:
    """The prose lines (six words or more, ending like a sentence: what _SENTENCE_END finds)
    and the other lines, each joined with line breaks, and the words of each. (The ASCII lines
    of each are read with the ASCII twin of the word pattern, see cleannews.text.for_text.)"""
    groups: tuple[list[str], list[str], list[str], list[str]] = ([], [], [], [])
    for line in lines:
        prose = closes_with(line, ".!?…") and _SIX_WORDS.match(line) is not None
        groups[2 * (not prose) + (not line.isascii())].append(line)
    texts = ["\n".join(group) for group in groups]
    return ("\n".join(groups[0] + groups[1]), "\n".join(groups[2] + groups[3]),
            _ASCII_WORD.findall(texts[0]) + _WORD.findall(texts[1]),
            _ASCII_WORD.findall(texts[2]) + _WORD.findall(texts[3]))


def _sentence_starts(text: str) -> Counter[str]:
    """The words that start a line or a sentence in text (after . ! ? : and perhaps spaces,
    quotes or a bracket), counted. (The plain form looked back at most 40 characters: a word
    after 40 spaces and quotes in the middle of a line counted as a sentence start.)"""
    return Counter(_LINE_START.findall(text) + _SENTENCE_START.findall(text))


def _first_found(candidates: list[int], text: str, index: dict[str, tuple[int, ...]]) -> int:
    """Of languages with the same score, the one whose stopword comes first in text."""
    for word in dict.fromkeys(_WORD.findall(text)):
        for n in index.get(word.casefold(), ()):
            if n in candidates:
                return n
    return candidates[0]


def _first_lines(text: str, max_words: int) -> str:
    """The text up to the end of the line that holds its ``max_words``-th word."""
    if len(text) < 2 * max_words - 1:  # (a word and a separator each: too short to hold that many)
        return text
    lines = text.splitlines()
    seen = 0
    for n, line in enumerate(lines):
        seen += len((_ASCII_WORD if line.isascii() else _WORD).findall(line))
        if seen >= max_words:
            return "\n".join(lines[:n + 1])
    return text


@functools.lru_cache(maxsize=1)
def _lcm_of_shares() -> int:
    """A multiple of every number of languages a stopword is shared by (exact shares)."""
    _, index = _index()
    return functools.reduce(math.lcm, {len(codes) for codes in index.values()}, 1)


def _script_language(sample: str) -> str | None:
    """The language a script names when a third or more of the letters are in it
    (Japanese: any kana among Han characters)."""
    if sample.isascii() or not count_chars(sample, b"", _ANY_SCRIPT):  # (the common case, decided early)
        return None
    counts = {code: len(p.findall(sample)) for code, p in _SCRIPTS}
    letters = len(_LETTER.findall(sample))
    if not letters:
        return None
    if counts["ja"] and counts["ja"] + counts["zh"] >= letters / 3 and counts["ja"] >= counts["zh"] / 10:
        return "ja"
    code = max(counts, key=counts.__getitem__)
    return code if counts[code] >= letters / 3 else None


def language_names() -> dict[str, str]:
    """Every language cleannews knows, ISO 639-1 code -> English name: the ones it has a lexicon
    or stopwords for, and the ones it tells by their script."""
    from .lexicon import available_languages

    names = {code: name.split("_")[0] for code, name in STOPLISTS.items()}
    names.update(_SCRIPT_NAMES)
    for code in available_languages():
        names.setdefault(code, code)
    return dict(sorted(names.items()))


def normalize_language(language: str) -> str:
    """The ISO 639-1 code for a language as a user may give it: any case, with a region or
    script tag (``DE``, ``de-AT``, ``de_CH``, ``zh-Hant`` -> ``de``/``zh``), or its English name
    (``German``). Raises ValueError, listing the known codes, for a language cleannews does not
    know."""
    names = language_names()
    given = language.strip()
    code = _TAG_SEPARATOR.split(given, maxsplit=1)[0].lower()
    code = _ALIASES.get(code, code)
    if code in names:
        return code
    by_name = {name.lower(): c for c, name in names.items()}
    if given.lower() in by_name:
        return by_name[given.lower()]
    raise ValueError(f"unknown language {language!r}; use one of: {', '.join(names)}")
