"""Meta lines: the line near a headline that holds the date together with the author, a
comment count or a category ("von David · 18. Oktober 2019", "Jane Doe - Nov 19, 2019, 10:31 pm
CST", "By Cara Stiles | April 13, 2020", "Paddy · April 19, 2019 · 7 comments").

The dates and times are cut out first; what is left splits at separators (| · • – , and wide
gaps) into segments, each of which is date wording (labels, filler: "Veröffentlicht am"), an
author ("von David", "By Jane Doe", or a bare "Jane Doe"), a count ("7 comments"), a category
("in Gefühle"), or something not understood. A line of running text is never a meta line.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from ..lexicon import Lexicon
from ..text import ends_sentence, looks_like_name, word_count
from .dates import _TIME, FoundDate, find_dates
from .fields_util import byline_prefix

_SEP = regex.compile(r"\s*(?:[|·•∙▪◦›»/]|\s[–—\-]\s|^[–—\-]\s|\s[–—\-]$|,(?=\s)|\s{3,}|\u00a0{2,})\s*")
_EDGE = regex.compile(r"^[\s:,;.()\[\]\-–—|·•]+|[\s:,;()\[\]\-–—|·•]+$")
_HANDLE = regex.compile(r"^[\p{L}\p{N}][\p{L}\p{N}._\-]{1,30}$")
_COUNT = regex.compile(r"\d")
_SLOT = "\x00"


@dataclass
class MetaLine:
    """What a meta line holds: its dates, the author names found, and the segments not understood."""

    dates: list[FoundDate]
    names: list[str] = field(default_factory=list)
    prefixed: bool = False  # a name stood behind a byline prefix ("von", "By")
    unknown: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    #: An unknown label stands before the first date ("Release: 14.11.2019", "bis 31.12.2018"):
    #: the date of something else, most likely.
    unknown_before_date: bool = False

    @property
    def unknown_words(self) -> int:
        """How many words the segments not understood have."""
        return sum(word_count(u) for u in self.unknown)


@functools.lru_cache(maxsize=64)
def _date_words(lexicon: Lexicon) -> frozenset[str]:
    words = set(lexicon.words("dates", "filler"))
    for key in ("published", "updated"):
        for phrase in lexicon.words("dates", key):
            words.update(phrase.split())
    return frozenset(words)


def _strip_date_words(segment: str, date_words: frozenset[str]) -> str:
    """The segment without date labels and filler at its ends ("Evgenia Karp Zuletzt geändert am")."""
    tokens = segment.split()
    while tokens and tokens[-1].casefold().strip(":,.") in date_words:
        tokens.pop()
    while tokens and tokens[0].casefold().strip(":,.") in date_words:
        tokens.pop(0)
    return " ".join(tokens)


def parse_meta_line(text: str, lexicon: Lexicon, *, month_first: bool = False,
                    stopwords: frozenset[str] = frozenset()) -> MetaLine | None:
    """The meta line's parts, or None when the line has no date or is running text.

    ``stopwords`` (the page language's) keep common words from passing for a bare name.
    """
    if len(text) > 200 or (ends_sentence(text) and word_count(text) >= 8):
        return None
    dates = find_dates(text, lexicon, month_first=month_first)
    if not dates:
        return None
    rest = text
    for d in reversed(dates):
        rest = rest[:d.start] + _SLOT + rest[d.end:]
    rest = _TIME.sub(_SLOT, rest)
    rest = lexicon.pattern("reading_time", "lines_re", "search").sub(_SLOT, rest)
    date_words = _date_words(lexicon)
    prefix = byline_prefix(lexicon)
    meta = MetaLine(dates)
    seen_date = False
    for part in _SEP.split(rest):
        # A part that still holds a date slot had the date glued on without a separator.
        glued = _SLOT in part
        pieces = part.split(_SLOT)
        for k, raw in enumerate(pieces):
            unknown = len(meta.unknown)
            _classify(raw, meta, lexicon, date_words, prefix, stopwords, glued=glued)
            if not seen_date and len(meta.unknown) > unknown and (raw.rstrip().endswith(":")
                                                                  or raw.strip().islower()):
                meta.unknown_before_date = True
            if k < len(pieces) - 1:
                seen_date = True
    return meta


def _classify(raw: str, meta: MetaLine, lexicon: Lexicon, date_words: frozenset[str],
              prefix: regex.Pattern[str], stopwords: frozenset[str], *, glued: bool) -> None:
    """Sort one segment of a meta line into names, ignorable counts, or the unknown."""
    from .byline import split_names  # late: byline imports this module
    segment = _EDGE.sub("", _strip_date_words(_EDGE.sub("", raw), date_words))
    if not segment or not regex.search(r"\p{L}", segment):
        return
    m = prefix.match(segment)
    if m:
        who = _EDGE.sub("", lexicon.pattern("byline", "category_markers", "word").split(m.group("rest"), 1)[0])
        names = split_names(who, lexicon)
        if names and all(len(n.split()) <= 3 for n in names):
            meta.names.extend(names)
            meta.prefixed = True
            return
        if not names and _HANDLE.match(who) and who.casefold() not in stopwords:
            meta.names.append(who)  # "von David", "by oradmin": a handle, trusted beside a date
            meta.prefixed = True
            return
    if segment.casefold() in lexicon.words("byline", "agencies"):
        meta.names.append(segment)
        return
    if _COUNT.search(segment) and word_count(segment) <= 3:
        return  # "7 comments", "(1599 x gelesen)"
    if lexicon.pattern("comments", "headers", "line").match(segment):
        return  # "Schreibe einen Kommentar"
    if lexicon.pattern("byline", "category_markers", "start").match(segment) and word_count(segment) <= 5:
        meta.categories.append(segment)  # "in Gefühle, Popkultur": the category
        return
    if not glued and _bare_name(segment, lexicon, stopwords):
        meta.names.append(segment)
        return
    meta.unknown.append(segment)


def _bare_name(segment: str, lexicon: Lexicon, stopwords: frozenset[str]) -> bool:
    """A segment that is a person's name on its own: 2-3 capitalised words, none of them a
    stopword, a menu word or a date word."""
    tokens = segment.split()
    if segment.isupper() or not 2 <= len(tokens) <= 3 or not looks_like_name(segment, particles=lexicon.words("byline", "particles")):
        return False
    nav = lexicon.words("navigation", "lines")
    roles = lexicon.words("byline", "roles")
    return not any(t.casefold() in stopwords or t.casefold() in nav or t.casefold() in roles for t in tokens)
