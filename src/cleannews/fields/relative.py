"""Relative dates ("vor 3 Stunden", "2 days ago", "gestern") resolved against a reference date
the caller gives: a relative date says nothing by itself, so without one there is no date."""

from __future__ import annotations

import datetime

import regex

from ..lexicon import Lexicon

#: Unit stems of at most this many letters match whole words only ("h" is not "hace").
SHORT_STEM = 2
_NUMBER = regex.compile(r"\d+")
_WORD = regex.compile(r"[\p{L}'’\-]+")


def resolve_relative(text: str, lexicon: Lexicon, reference: datetime.date | datetime.datetime) -> datetime.date | None:
    """The calendar date a relative date in ``text`` names, counted back from ``reference``
    (a date, or a datetime for hours and minutes); None when the line holds none."""
    named = lexicon.table("dates", "relative_days")
    units = lexicon.table("dates", "relative_units")
    ones = lexicon.words("dates", "relative_one")
    m = lexicon.pattern("dates", "relative_re", "search").search(text)
    if m is None:
        return None
    phrase = m.group(0).casefold()
    start = reference if isinstance(reference, datetime.datetime) else \
        datetime.datetime.combine(reference, datetime.time(12))
    if phrase.strip() in named:
        return (start - datetime.timedelta(days=int(named[phrase.strip()]))).date()
    words = _WORD.findall(phrase)
    # a unit word starts with a listed stem ("stunden", "hours"); a stem of one or two letters
    # ("h") must be the whole word
    days = next((float(units[u]) for w in words for u in sorted(units, key=len, reverse=True)
                 if w == u or (len(u) > SHORT_STEM and w.startswith(u))), None)
    if days is None:
        return None
    number = _NUMBER.search(phrase)
    if number is not None:
        count = int(number.group(0))
    elif any(w in ones for w in words):
        count = 1
    else:
        return None
    return (start - datetime.timedelta(days=days * count)).date()
