"""The names on a byline line: persons (or agencies) only, with prefixes ("Von", "By", "Par",
"Escribe"), roles and titles ("Landespolitische Korrespondentin", "Staff Writer"), places,
addresses and dates stripped, several names split."""

from __future__ import annotations

import regex

from ..language import stopwords
from ..lexicon import Lexicon
from ..text import NAME_TOKEN, looks_like_name
from .byline import split_names, strip_role
from .dates import find_dates
from .fields_util import byline_prefix
from .meta import parse_meta_line

#: Where the names of a byline line end: a separator, a handle, an opening bracket.
_NAMES_END = regex.compile(r"\s*(?:[|·•@(]|\s[–—\-]\s).*$")
#: Words after the names that are no part of them: an address, a handle, a lower-case word.
_TRAILING_JUNK = regex.compile(r"(?:\s+(?:\S*[@/]\S*|\p{Ll}[\p{L}.]*|\S*\d\S*))+\s*$")
#: A name holds at most this many words before a role ("Eva Beispiel Landespolitische
#: Korrespondentin": the name is the first two).
NAME_WORDS_BEFORE_ROLE = 2
#: A person's name (or an agency's) is at most this long.
MAX_NAME_CHARS = 80


def names_in_line(text: str, lexicon: Lexicon, language: str) -> list[str]:
    """The person names (or agencies) on a byline line: "Von Anna Muster und Max Muster",
    "By Jane Doe | Nov 19, 2019", "Eva Beispiel Landespolitische Korrespondentin" (roles,
    titles, places and dates stripped); [] when the line holds no name."""
    meta = parse_meta_line(text, lexicon, month_first=language == "en", stopwords=stopwords(language))
    if meta is not None and meta.names:
        return [n for n in (_strip_trailing_role(n, lexicon) for n in meta.names) if not _word_twice(n)]
    rest = text.strip()
    m = byline_prefix(lexicon).match(rest)
    if m:
        rest = m.group("rest")
    dates = find_dates(rest, lexicon)
    if dates:
        rest = rest[:dates[0].start]
    rest = _NAMES_END.sub("", rest).strip(" ,;:-–")
    rest = _TRAILING_JUNK.sub("", rest)
    rest = strip_role(rest, lexicon)
    rest = _strip_trailing_role(rest, lexicon)
    if not rest:
        return []
    names = split_names(rest, lexicon)
    if names:
        return [n for n in (_strip_trailing_role(n, lexicon) for n in names) if n and not _word_twice(n)]
    return []


def _word_twice(name: str) -> bool:
    """A "name" that says one word twice ("Tag für Tag") is a slogan or a label; one
    longer than :data:`MAX_NAME_CHARS` is no name at all."""
    tokens = [t.casefold() for t in name.split()]
    return len(set(tokens)) < len(tokens) or len(name) > MAX_NAME_CHARS


def _strip_trailing_role(name: str, lexicon: Lexicon) -> str:
    """A name without a role or title after it ("Eva Beispiel Landespolitische
    Korrespondentin" -> "Eva Beispiel", "Jane Doe Staff Writer" -> "Jane Doe")."""
    roles = lexicon.pattern("byline", "roles", "word")
    m = roles.search(name)
    if m is None or m.start() == 0:
        return name
    before = name[:m.start()].split()
    particles = lexicon.words("byline", "particles")
    if len(before) > NAME_WORDS_BEFORE_ROLE and not any(t.casefold() in particles for t in before[1:-1]):
        before = before[:NAME_WORDS_BEFORE_ROLE]
    candidate = " ".join(before).strip(" ,;:-–")
    if looks_like_name(candidate, particles=particles) and all(NAME_TOKEN.match(t) or t.casefold() in particles
                                                               for t in candidate.split()):
        return candidate
    return name
