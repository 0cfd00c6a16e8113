"""The headline, byline and date of an HTML page, from every source that states them.

The page's structured data (:mod:`cleannews.fields.structured`), trafilatura's metadata and the
fields the text path's steps found in the extracted text are candidates; the choice is by
agreement (:mod:`cleannews.fields.agreement`). Author names are brought to the text path's
normal form (prefixes such as "By" and roles stripped, several names split, organisations only
when no person is named), and only names the page shows are kept.
"""

from __future__ import annotations

import datetime
import re
from typing import Any, Callable, Iterable, Sequence

from ..lexicon import Lexicon
from .agreement import Choice, choose_byline, choose_date, choose_headline
from .byline import split_names, strip_role
from .fields_util import byline_prefix
from .structured import Structured

#: Names longer than this (characters) are no names.
MAX_NAME = 80
_NAME_SPLIT = re.compile(r"\s*(?:;|,|\s&\s|\s\+\s|/|\|)\s*|\s+(?:and|und|et|y|e|og|och|en)\s+", re.I)
_SPACE = re.compile(r"\s+")
_EDGES = " .,:;|-–—()[]"


def normal_names(raw: Iterable[str], lexicon: Lexicon | None) -> list[str]:
    """Author names as the text path writes them: "By Jane Doe and John Roe" -> ["Jane Doe",
    "John Roe"]; "Redakteurin Anna Muster" -> ["Anna Muster"]; each name once, in order."""
    out: list[str] = []
    prefix = byline_prefix(lexicon) if lexicon is not None else None
    for text in raw:
        text = _SPACE.sub(" ", text or "").strip(_EDGES)
        if not text:
            continue
        if prefix is not None:
            m = prefix.match(text)
            if m and m.group("rest"):
                text = m.group("rest").strip(_EDGES)
        names = split_names(text, lexicon) if lexicon is not None else None
        if names is None:
            names = [p for p in _NAME_SPLIT.split(text) if p]
        for name in names:
            name = strip_role(name, lexicon) if lexicon is not None else name
            name = name.strip(_EDGES)
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


def byline_choice(data: Structured, meta: dict[str, Any], text_byline: Sequence[str], lexicon: Lexicon | None,
                  shown: Callable[[str], bool] | None) -> Choice:
    """The authors from the page's structured data, trafilatura's metadata and the text path's
    byline; organisations only when no source names a person."""
    candidates: list[tuple[Sequence[str], str]] = []
    for f in data.authors:
        candidates.append((normal_names(f.value, lexicon), f.source))
    if meta.get("byline"):
        candidates.append((normal_names(meta["byline"], lexicon), "trafilatura"))
    if text_byline:
        candidates.append((list(text_byline), "text"))
    choice = choose_byline(candidates, shown=shown)
    if not choice.value and data.organisations:
        orgs = [(normal_names(f.value, lexicon), f.source) for f in data.organisations]
        choice = choose_byline(orgs, shown=shown)
    return choice


def date_choice(data: Structured, meta: dict[str, Any], text_date: Any) -> Choice:
    """The publication date from the page's structured data, trafilatura's metadata and the
    text path's date."""
    published = [(f.value, f.source) for f in data.published]
    if isinstance(meta.get("date"), datetime.date):
        published.append((meta["date"], "trafilatura"))
    if isinstance(text_date, datetime.date):
        published.append((text_date, "text"))
    return choose_date(published, [(f.value, f.source) for f in data.modified])


__all__ = ["byline_choice", "date_choice", "headline_choice", "normal_names", "shown_in"]
