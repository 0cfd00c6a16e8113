"""Light language identification: which language's stopwords a text uses most.

The stopword lists are jusText's (installed with trafilatura), read as data files without
importing jusText. Only a text's first few thousand words are looked at.
"""

from __future__ import annotations

import functools
import importlib.util
from collections import Counter
from pathlib import Path

import regex

#: ISO 639-1 code -> jusText stoplist name, for the languages we tell apart.
STOPLISTS = {
    "de": "German", "en": "English", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal",
    "fi": "Finnish", "cs": "Czech", "sk": "Slovak", "hu": "Hungarian", "ro": "Romanian", "ru": "Russian",
    "uk": "Ukrainian", "tr": "Turkish", "id": "Indonesian", "ca": "Catalan", "hr": "Croatian",
    "sl": "Slovenian", "el": "Greek", "bg": "Bulgarian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian",
}
_WORD = regex.compile(r"\p{L}+")
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


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """stopword -> the languages that have it."""
    index: dict[str, list[str]] = {}
    for code, words in _stopwords().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return {w: tuple(codes) for w, codes in index.items()}


def detect_language(text: str, *, max_words: int = 3000, default: str = DEFAULT) -> str:
    """The ISO 639-1 code of the language whose stopwords the text uses most, or ``default``
    when too few stopwords are found to tell."""
    index = _index()
    scores: Counter[str] = Counter()
    for n, m in enumerate(_WORD.finditer(text)):
        if n >= max_words:
            break
        codes = index.get(m.group().casefold())
        if codes:
            share = 1.0 / len(codes)
            for code in codes:
                scores[code] += share
    if not scores:
        return default
    best, score = scores.most_common(1)[0]
    return best if score >= 3 else default
