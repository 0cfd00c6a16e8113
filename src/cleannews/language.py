"""Light language identification: which language's stopwords a text uses most.

The stopword lists are jusText's (installed with trafilatura), read as data files without
importing jusText. Only a text's first few thousand words are looked at.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import re
from pathlib import Path

import regex

from .text import closes_with, count_chars, for_text

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
DEFAULT = "en"


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
    stopwords count only in prose ("x", "m" in a results table are not Estonian).
    """
    by_script = _script_language(text[:20000])
    if by_script:
        return by_script
    languages, index = _index()
    scores = [0.0] * len(languages)
    # the stopwords' tuples of languages, and the weight of the stopwords found, by tuple (by
    # identity: hashing a tuple costs more), in the order found
    found: dict[int, tuple[int, ...]] = {}
    weights: dict[int, float] = {}
    seen = 0
    for line in text.splitlines():
        tokens = for_text(line, _WORD, _ASCII_WORD).findall(line)
        if not tokens:
            continue
        seen += len(tokens)
        prose = len(tokens) >= 6 and closes_with(line, ".!?…")  # (what _SENTENCE_END finds)
        weight = 1.0 if prose else 0.25
        # where the words start, found when needed: tokens[:located] end before ``at`` (a word
        # starts at the first occurrence of its text after the one before it ends: no letter
        # stands between two words)
        located, at = 0, 0
        # (look every word up at once, and go to the stopwords, in C: most words are none)
        looked_up = list(map(index.get, map(str.casefold, tokens)))
        for k in itertools.compress(range(len(tokens)), looked_up):
            codes: tuple[int, ...] = looked_up[k]  # type: ignore[assignment]  # (compress skips None)
            word = tokens[k]
            if not word.islower():
                if not (word[:1].isupper() and word[1:].islower()):
                    continue
                while located < k:
                    at = line.find(tokens[located], at) + len(tokens[located])
                    located += 1
                if not _sentence_start(line, line.find(word, at)):
                    continue
            if len(word) == 1 and not prose:
                continue
            share = weight / len(codes)
            for n in codes:
                scores[n] += share
            key = id(codes)
            found[key] = codes
            weights[key] = weights.get(key, 0.0) + weight
        if seen >= max_words:
            break
    if not found:
        return default
    # ties go to the language found first
    order = list(dict.fromkeys(n for codes in found.values() for n in codes))
    best = max(order, key=scores.__getitem__)
    # (stopwords of each language found, line-weighted, not shared: sums of quarters, exact
    # in any order)
    hits = sum(weight for key, weight in weights.items() if best in found[key])
    return languages[best] if hits >= 3 else default


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


def _sentence_start(line: str, pos: int) -> bool:
    """True when position pos starts the line or follows a sentence's end."""
    before = line[max(0, pos - 40):pos].rstrip(" \t\"'„“«»‚‘(")  # (a window: a whole prefix is quadratic)
    return not before or before[-1] in ".!?:"
