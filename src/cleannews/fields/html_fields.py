"""The headline, byline and date of an HTML page, from every source that states them.

The page's structured data (:mod:`cleannews.fields.structured`), trafilatura's metadata and the
fields the text path's steps found in the extracted text are candidates; the choice is by
agreement (:mod:`cleannews.fields.agreement`). Author names are brought to the text path's
normal form (prefixes such as "By" and roles stripped, several names split, organisations only
when no person is named), and only names the page shows are kept.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, Callable, Iterable, Sequence

from ..lexicon import Lexicon
from .agreement import Choice, choose_byline, choose_date, choose_headline, h1_kicker, loose_key
from .byline import split_names, strip_role
from .dates import find_dates
from .fields_util import byline_prefix
from .structured import Structured

#: Visible lines longer than this are not searched for dates (running text, not a date line).
MAX_DATE_LINE = 300
#: A date the page does not show is given only with this much weight behind it (a labelled
#: publication date in its markup); trafilatura's guess alone is not enough.
MIN_UNSHOWN_DATE_WEIGHT = 2.5
#: How many visible lines after (and before) the headline are searched for its date.
DATE_LINES_AFTER = 5
DATE_LINES_BEFORE = 2
#: Names longer than this (characters) are no names.
MAX_NAME = 80
_NAME_SPLIT = re.compile(r"\s*(?:;|,|\s&\s|\s\+\s|/|\|)\s*")
_SPACE = re.compile(r"\s+")
_EDGES = " .,:;|-–—()[]\"'“”„«»"
_INITIAL_END = re.compile(r"\s(?:[A-ZÀ-Þ]|Jr|Sr)$")
_HANDLE = re.compile(r"\s*@[\w.]+$")


def normal_names(raw: Iterable[str], lexicon: Lexicon | None) -> list[str]:
    """Author names as the text path writes them: "By Jane Doe and John Roe" -> ["Jane Doe",
    "John Roe"]; "Redakteurin Anna Muster" -> ["Anna Muster"]; each name once, in order."""
    out: list[str] = []
    prefix = byline_prefix(lexicon) if lexicon is not None else None
    for written in raw:
        written = _SPACE.sub(" ", written or "")
        text = written.strip(_EDGES)
        if not text:
            continue
        if prefix is not None and lexicon is not None:
            m = prefix.match(text)
            if m and m.group("rest"):
                text = m.group("rest").strip(_EDGES)
            else:  # "View all posts by Jane Doe": the name after a byline prefix inside the text
                inner = lexicon.pattern("byline", "prefixes", "word", before=r"(?<=\s)",
                                        after=r"\s+(?P<rest>.+)$").search(text)
                if inner and split_names(inner.group("rest").strip(_EDGES), lexicon):
                    text = inner.group("rest").strip(_EDGES)
        names = split_names(text, lexicon) if lexicon is not None else None
        if not names:  # not in the text path's name shape (one word, a handle): split plainly
            if lexicon is not None:  # "A and B", "A und B": the lexicon's joiners
                text = lexicon.pattern("byline", "joiners", "search", before=r"\s+", after=r"\s+").sub(", ", text)
            names = [p for p in _NAME_SPLIT.split(text) if p]
        for name in names:
            name = (strip_role(name, lexicon) or name) if lexicon is not None else name  # "Redaktion" stays
            name = _HANDLE.sub("", name).strip(_EDGES)
            if _INITIAL_END.search(name) and name + "." in written:
                name += "."  # "Perry Bacon Jr.", "Joe S.": the dot of an initial stays
            if name and len(name) <= MAX_NAME and any(c.isalpha() for c in name):
                out.append(name)
    return list(dict.fromkeys(out))


def shown_in(lines: Sequence[str]) -> Callable[[str], bool]:
    """A test of whether a name stands in the page's visible text (case and spacing ignored)."""
    text = " ".join(_SPACE.sub(" ", t) for t in lines).casefold()

    def shown(name: str) -> bool:
        return _SPACE.sub(" ", name).casefold() in text

    return shown


def headline_choice(data: Structured, meta: dict[str, Any], url: str | None) -> Choice:
    """The headline from the page's structured data and trafilatura's title."""
    candidates = [(f.value, f.source) for f in data.headlines]
    if meta.get("headline"):
        candidates.append((meta["headline"], "trafilatura"))
    sites = list(data.site_names) + ([meta["site_name"]] if meta.get("site_name") else [])
    return choose_headline(candidates, site_names=sites, url=url or (data.urls[0] if data.urls else None))


def kicker_choice(data: Structured, headline: str | None) -> Choice:
    """The kicker the page's ``<h1>`` sets apart before the chosen headline (see
    :func:`~cleannews.fields.agreement.h1_kicker`); no value when there is none."""
    kicker = h1_kicker([(f.value, f.source) for f in data.headlines], headline)
    return Choice(kicker, ("h1:head",), 0.0) if kicker else Choice(None)


def byline_choice(data: Structured, meta: dict[str, Any], text_byline: Sequence[str], lexicon: Lexicon | None,
                  shown: Callable[[str], bool] | None, text_source: str = "text") -> Choice:
    """The authors from the page's structured data, trafilatura's metadata and the text path's
    byline (its source named ``text_source``); organisations only when no source names a person."""
    candidates: list[tuple[Sequence[str], str]] = []
    for f in data.authors:
        candidates.append((normal_names(f.value, lexicon), f.source))
    if meta.get("byline"):
        candidates.append((normal_names(meta["byline"], lexicon), "trafilatura"))
    if text_byline:
        candidates.append((list(text_byline), text_source))
    choice = choose_byline(candidates, shown=shown)
    if not choice.value and data.organisations:
        orgs = [(normal_names(f.value, lexicon), f.source) for f in data.organisations]
        choice = choose_byline(orgs, shown=shown, trusted=math.inf)  # an organisation only where shown
    return choice


def shown_dates(lines: Sequence[str], lexicon: Lexicon | None, language: str) -> set[datetime.date]:
    """The dates written in the page's visible text (in any form the lexicon's date patterns
    read: "16.10.2019", "Oct 16, 2019", "2019-10-16", …)."""
    out: set[datetime.date] = set()
    if lexicon is None:
        return out
    for line in lines:
        if len(line) <= MAX_DATE_LINE and any(c.isdigit() for c in line):
            out.update(d.value for d in find_dates(line, lexicon, month_first=language == "en"))
    return out


def date_near_headline(lines: Sequence[str], headline: str | None, lexicon: Lexicon | None,
                       language: str) -> datetime.date | None:
    """The first date on the visible lines right around the headline's line (the dateline
    under or over it), or None."""
    if not headline or lexicon is None:
        return None
    key = loose_key(headline)
    at = next((i for i, line in enumerate(lines) if loose_key(line) == key), None)
    if at is None:
        return None
    window = list(lines[at + 1:at + 1 + DATE_LINES_AFTER]) + list(lines[max(0, at - DATE_LINES_BEFORE):at])
    for line in window:
        if len(line) <= MAX_DATE_LINE and any(c.isdigit() for c in line):
            found = find_dates(line, lexicon, month_first=language == "en")
            if found:
                return found[0].value
    return None


def date_choice(data: Structured, meta: dict[str, Any], text_date: Any,
                shown: set[datetime.date] | None = None, near: datetime.date | None = None) -> Choice:
    """The publication date from the page's structured data, trafilatura's metadata and the
    text path's date. With ``shown`` (the dates the page shows), a candidate the page shows is
    preferred to one it does not (a date only in the markup is often an update or a guess)."""
    published = [(f.value, f.source) for f in data.published]
    if isinstance(meta.get("date"), datetime.date):
        published.append((meta["date"], "trafilatura"))
    if isinstance(text_date, datetime.date):
        published.append((text_date, "text"))
    if near is not None:
        published.append((near, "visible"))
    choice = choose_date(published, [(f.value, f.source) for f in data.modified])
    if shown is not None and choice.value is not None and choice.value not in shown:
        visible = [(d, s) for d, s in published if d in shown]
        if visible:  # the page shows another of the candidates: that one, by its own sources
            other = choose_date(visible, [(f.value, f.source) for f in data.modified])
            return Choice(other.value, other.sources, other.score, choice.value, choice.sources, choice.score)
        if choice.score < MIN_UNSHOWN_DATE_WEIGHT:  # a guess the page neither shows nor labels
            return Choice(None, (), 0.0, choice.value, choice.sources, choice.score)
    return choice


__all__ = ["byline_choice", "date_choice", "date_near_headline", "headline_choice", "kicker_choice", "normal_names",
           "shown_dates", "shown_in"]
