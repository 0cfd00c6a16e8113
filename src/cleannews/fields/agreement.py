"""Choosing a field's value among what several sources say, by agreement.

Each source (a JSON-LD article, an OpenGraph tag, the visible ``<h1>``, trafilatura's metadata,
the text path's field steps, …) proposes a value; a value's score is the summed weight of the
sources that state it. The weights say how much a source is trusted alone; agreement between
sources is what makes a value win. The winner, its sources and the runner-up are kept for
:meth:`~cleannews.pipeline.Pipeline.explain` (:class:`Choice`).

Headlines are compared after the site name is cut off (" | Site", " - Site", "Site: "), using the
page's site names and its address, and what the page shows (its ``<h1>``) is weighed against
what it declares for machines (JSON-LD, OpenGraph, ``<title>``): see :func:`choose_headline`.
Author lists and dates are weighed by their sources (:func:`choose_byline`, :func:`choose_date`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from ..text import line_key, overlap, title_key

#: How much each source is trusted on its own (hand-set: about the log-odds of the source being
#: right when it speaks, measured on one evaluation set and checked on another).
HEADLINE_WEIGHTS: dict[str, float] = {
    "h1": 3.0, "json-ld": 3.0, "itemprop:headline": 2.0, "headline": 2.0, "parsely-title": 2.0,
    "og:title": 1.5, "twitter:title": 1.0, "sailthru.title": 1.0, "dcterms.title": 1.0, "dc.title": 0.5,
    "title": 1.0, "trafilatura": 1.0, "json-ld:page": 0.5, "json-ld:other": 0.3, "text": 1.0,
}
#: Sources that show the headline on the page (the others declare it for machines).
VISIBLE_SOURCES = frozenset({"h1", "itemprop:headline"})
#: Runs of the parts of an ``<h1>`` (a kicker or date in an element of its own cut off).
PART_SOURCES = frozenset({"h1:head", "h1:tail"})
TAIL_SOURCE = "h1:tail"
#: A declared headline that begins or ends a visible one must be at least this share of it.
MIN_PART_SHARE = 0.4
#: A visible headline sharing this share of its words with a declared one is its reworded form
#: (picked on the trafilatura set among 0, 0.15, 0.3, 0.5, 0.7).
REWORDED_OVERLAP = 0.15
#: The share of another name list's weight that a list sharing a name with it gets.
SHARED_NAME_SUPPORT = 0.5
#: Names stated with this much weight (the article's JSON-LD, or two sources that agree) are kept
#: though the page's text does not show them; names with less must stand in the visible text.
TRUSTED_AUTHOR_WEIGHT = 3.0
#: Date sources that do not say whether a date is the publication or the update.
UNLABELLED_DATE_SOURCES = frozenset({"time", "trafilatura", "text", "visible"})
#: Their weight on a date the page names as its modification date.
MODIFIED_DISCOUNT = 0.3
#: Letters a site name may add to its host name ("Example" -> "ExampleBlog").
HOST_SLACK = 7
#: Characters a headline may have at most.
MAX_HEADLINE = 300

# A separator between a title and the site name or section around it.
_SEPARATOR = re.compile(r"\s+[|\-–—:·»«/~]\s+|\s*\|\s*|\s*::\s*|:\s+")
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//(?:www\d?\.)?([^/:?#]+)", re.I)
_INNER_URL = re.compile(r"(?<=.)https?://[^\s]+", re.I)
_NON_WORD = re.compile(r"[\W_]+")
_TLD = re.compile(r"\.[a-z]{2,6}$", re.I)


@dataclass(frozen=True)
class Choice:
    """What was chosen for one field: the value, the sources that agree on it and its score,
    and the runner-up (value, sources, score), if any."""

    value: Any
    sources: tuple[str, ...] = ()
    score: float = 0.0
    runner_up: Any = None
    runner_up_sources: tuple[str, ...] = ()
    runner_up_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings, name lists as lists)."""
        return {"value": _plain(self.value), "sources": list(self.sources), "score": round(self.score, 3),
                "runner_up": _plain(self.runner_up), "runner_up_sources": list(self.runner_up_sources),
                "runner_up_score": round(self.runner_up_score, 3)}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


@dataclass
class _Tally:
    value: Any
    score: float = 0.0
    sources: list[str] = field(default_factory=list)
    order: int = 0


def rank(votes: Iterable[tuple[Any, str, float]], key: Callable[[Any], Any]) -> list[_Tally]:
    """The values among ``(value, source, weight)`` votes, best first by summed weight (values
    equal under ``key`` are one; the first value seen names it); ties go to the value voted for
    first. A source counts once per value."""
    tallies: dict[Any, _Tally] = {}
    for value, source, weight in votes:
        k = key(value)
        if not k:
            continue
        t = tallies.get(k)
        if t is None:
            t = tallies[k] = _Tally(value, order=len(tallies))
        if source in t.sources:
            continue
        t.sources.append(source)
        t.score += weight
    return sorted(tallies.values(), key=lambda t: (-t.score, t.order))


def tally(votes: Iterable[tuple[Any, str, float]], key: Callable[[Any], Any]) -> Choice:
    """The :class:`Choice` among ``(value, source, weight)`` votes (see :func:`rank`)."""
    ranked = rank(votes, key)
    if not ranked or ranked[0].score <= 0:
        return Choice(None)
    best = ranked[0]
    second = ranked[1] if len(ranked) > 1 else None
    return Choice(best.value, tuple(best.sources), best.score,
                  second.value if second else None, tuple(second.sources) if second else (),
                  second.score if second else 0.0)


# -- headline ------------------------------------------------------------------------------------

def host_words(url: str | None) -> set[str]:
    """The words of a page address's host name, without "www" and the top-level domain
    ("https://www.example-news.co.uk/a" -> {"example", "news", "examplenews"})."""
    inner = _INNER_URL.search(url or "")  # an archived or proxied copy: the original's host
    m = _HOST.match(inner.group(0) if inner else url or "")
    if not m:
        return set()
    labels = m.group(1).casefold().split(".")
    labels = [label for label in labels[:-1] if label not in ("www", "co", "com", "m", "amp")] or labels[:1]
    words = set()
    for label in labels:
        words.add(label.replace("-", ""))
        words.update(w for w in label.split("-") if len(w) >= 3)
    return words


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text.casefold())


def is_site_part(part: str, site_names: Sequence[str], hosts: set[str]) -> bool:
    """True when a part of a title names the site: it is (or contains, or is contained in) one
    of its site names, or its letters spell the host name ("Example.com", "EXAMPLE")."""
    squashed = _squash(part)
    if not squashed:
        return True
    bare = _squash(_TLD.sub("", part.strip()))  # "Example.de" -> "example"
    for name in site_names:
        other = _squash(name)
        if other and (squashed == other or (len(other) >= 4 and other in squashed and len(squashed) <= 2 * len(other))
                      or (len(squashed) >= 4 and squashed in other)):
            return True
    for host in hosts:
        if len(host) >= 3 and (host in (squashed, bare)
                               or (len(host) >= 5 and squashed.startswith(host) and len(squashed) <= len(host) + HOST_SLACK)):
            return True
    return False


def strip_site(text: str, site_names: Sequence[str], hosts: set[str]) -> str:
    """The title without the site name before or after it ("Headline | Site" -> "Headline",
    "Site - Headline" -> "Headline"); unchanged when no end part names the site."""
    pieces = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    if len(pieces) < 2:
        return text.strip()
    # cut parts that name the site from either end, keeping the separators inside
    start, end = 0, len(pieces)
    while end - start > 1 and is_site_part(pieces[end - 1], site_names, hosts):
        end -= 1
    while end - start > 1 and is_site_part(pieces[start], site_names, hosts):
        start += 1
    if (start, end) == (0, len(pieces)):
        return text.strip()
    out = pieces[start]
    for k in range(start + 1, end):
        out += seps[k - 1] + pieces[k]
    return out.strip()


def title_cuts(text: str) -> list[str]:
    """The shorter forms a title contains: each run of its parts from the first or to the last
    ("A - B | C" -> "A", "A - B", "B | C", "C")."""
    pieces = _SEPARATOR.split(text)
    seps = _SEPARATOR.findall(text)
    n = len(pieces)
    out: list[str] = []
    if n < 2 or n > 8:
        return out

    def join(i: int, j: int) -> str:
        s = pieces[i]
        for k in range(i + 1, j):
            s += seps[k - 1] + pieces[k]
        return s.strip()

    for j in range(1, n):
        out.append(join(0, j))
    for i in range(1, n):
        out.append(join(i, n))
    return [c for c in out if c]


def headline_key(text: Any) -> str:
    """How headlines are compared: :func:`~cleannews.text.title_key`, trailing dots and
    colons off."""
    if not isinstance(text, str):
        return ""
    return title_key(text).strip(" .:|-–—")


def loose_key(text: Any) -> str:
    """Headlines compared by their words alone ("Klimaschutz : Bohren" = "Klimaschutz: Bohren")."""
    return " ".join(_NON_WORD.sub(" ", headline_key(text)).split())


def end_part(part: str, whole: str) -> bool:
    """True when ``part`` begins or ends ``whole`` (both :func:`loose_key`) at a word boundary
    and is at least ``MIN_PART_SHARE`` of it."""
    if not part or len(part) >= len(whole) or len(part) < MIN_PART_SHARE * len(whole):
        return False
    return (whole.startswith(part) and whole[len(part)] == " ") or \
        (whole.endswith(part) and whole[-len(part) - 1] == " ")


def _visible(candidates: Sequence[tuple[str, str]], site_names: Sequence[str], hosts: set[str]) -> list[tuple[str, str]]:
    """The headlines a reader sees (``<h1>``, microdata headline), without those that only name
    the site."""
    out = []
    for value, source in candidates:
        if source in VISIBLE_SOURCES and value and len(value) <= MAX_HEADLINE \
                and not is_site_part(value, site_names, hosts):
            out.append((value, source))
    return out


def choose_headline(candidates: Sequence[tuple[str, str]], *, site_names: Sequence[str] = (),
                    url: str | None = None, weights: dict[str, float] | None = None) -> Choice:
    """The headline among ``(value, source)`` candidates, by agreement between what the page
    shows (``<h1>``) and what it declares (JSON-LD, OpenGraph, ``<title>``, …), in this order:

    1. a part of an ``<h1>`` (a kicker or date in an element of its own cut off) that a declared
       headline states, whole or as the part after a separator ("Kicker: Headline");
    2. a visible headline that a declared one states (words compared, not punctuation);
    3. a declared headline that a visible one begins or ends with, where a separator or a
       declared "Kicker - Headline" shows the cut;
    4. a visible headline that shares most of its words with a declared one (titles reworded
       for search engines and social media keep the visible one);
    5. else the declared headline with the most weight (site names cut off), unless a single
       source states it and the first visible headline weighs more.

    Within a rule the candidate with the most agreeing weight wins.
    """
    weights = HEADLINE_WEIGHTS if weights is None else weights
    hosts = host_words(url)
    declared: list[tuple[Any, str, float]] = []
    seen: set[str] = set()
    for value, source in candidates:
        if source in VISIBLE_SOURCES or source in PART_SOURCES or source in seen or not value \
                or len(value) > MAX_HEADLINE:
            continue
        seen.add(source)
        declared.append((strip_site(value, site_names, hosts), source, weights.get(source, 0.5)))
    visible = _visible(candidates, site_names, hosts)
    ranked = rank(declared, loose_key)

    def support(value: str) -> tuple[float, list[str]]:
        key = loose_key(value)
        agree = [t for t in ranked if loose_key(t.value) == key]
        return (sum(t.score for t in agree), [s for t in agree for s in t.sources])

    def chosen(value: str, source: str, matches: list[tuple[float, str, str]]) -> Choice:
        score, sources = support(value)
        if source not in sources:
            sources = [source, *sources]
            score += weights.get(source, 0.5)
        key = loose_key(value)
        others = [t for t in ranked if loose_key(t.value) != key]
        others += [_Tally(v, weights.get(s, 0.5), [s]) for w, v, s in matches if loose_key(v) != key]
        runner = max(others, key=lambda t: t.score) if others else None
        return Choice(value, tuple(dict.fromkeys(sources)), score, runner.value if runner else None,
                      tuple(runner.sources) if runner else (), runner.score if runner else 0.0)

    def best(matches: list[tuple[float, str, str]]) -> Choice | None:
        if not matches:
            return None
        top = max(matches, key=lambda m: m[0])  # (the first of equals)
        return chosen(top[1], top[2], matches)

    declared_keys = {loose_key(t.value): t for t in ranked}
    # cuts of declared headlines: "Kicker: Headline" -> the part after the kicker, by the whole
    tails: dict[str, tuple[str, float]] = {}
    for t in ranked:
        for tail in title_tails(t.value):
            tails.setdefault(loose_key(tail), (loose_key(t.value), t.score))
    rules: list[list[tuple[float, str, str]]] = [[], [], [], [], []]
    shown, heads = _shown_h1s(candidates), _h1_heads(candidates)
    for value, source in candidates:
        if source not in PART_SOURCES or not value:
            continue
        key = loose_key(value)
        if key in declared_keys:  # a kicker's tail first; a run from the start after the whole
            rules[0 if source == TAIL_SOURCE else 2].append((declared_keys[key].score, value, source))
        elif source == TAIL_SOURCE:  # a declared "Kicker: Headline" whose parts the h1 sets apart
            for t in ranked:
                if _kicker_and_rest(heads, value, t.value, shown):
                    rules[0].append((t.score, value, source))
    for value, source in visible:
        key = loose_key(value)
        if key in declared_keys:
            rules[1].append((weights.get(source, 0.5) + declared_keys[key].score, value, source))
        for t in ranked:
            k = loose_key(t.value)
            if end_part(k, key) and (_separated(t.value, value) or tails.get(k, ("",))[0] == key):
                rules[3].append((weights.get(source, 0.5) + t.score, t.value, source))
        agreeing = [t.score for t in ranked
                    if min(overlap(value, t.value), overlap(t.value, value)) >= REWORDED_OVERLAP]
        if agreeing:
            rules[4].append((weights.get(source, 0.5) + max(agreeing), value, source))
    for matches in rules:
        found = best(matches)
        if found is not None:
            return found
    if visible and (not ranked or (len(ranked[0].sources) == 1
                                   and weights.get(visible[0][1], 0.5) > ranked[0].score)):
        return chosen(visible[0][0], visible[0][1], [])  # one source against one: the weightier
    if ranked:
        top = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else (_Tally(visible[0][0], 0.0, [visible[0][1]]) if visible else None)
        return Choice(top.value, tuple(top.sources), top.score, runner.value if runner else None,
                      tuple(runner.sources) if runner else (), runner.score if runner else 0.0)
    if visible:
        return chosen(visible[0][0], visible[0][1], [])
    return Choice(None)


def h1_kicker(candidates: Sequence[tuple[str, str]], headline: str | None) -> str | None:
    """The kicker an ``<h1>`` sets apart by its markup before the chosen headline: its first
    part (``h1:head``, holding a letter: not a date), where the ``<h1>`` reads that part and then
    the headline with no separator between them ("Interne Unterlagen im Netz" over "Daten von
    Rheinmetall gehackt"); None when there is none."""
    if not headline:
        return None
    shown = _shown_h1s(candidates)
    for head in _h1_heads(candidates):
        if any(ch.isalpha() for ch in head) and _reads_joined(shown, head, headline):
            return line_key(head, fold=None)
    return None


def _shown_h1s(candidates: Sequence[tuple[str, str]]) -> set[str]:
    """The visible headlines (``<h1>``, microdata), spaces normalised."""
    return {line_key(value, fold=None) for value, source in candidates if source in VISIBLE_SOURCES and value}


def _h1_heads(candidates: Sequence[tuple[str, str]]) -> list[str]:
    """The runs from the start of an ``<h1>``'s parts (``h1:head``)."""
    return [value for value, source in candidates if source in PART_SOURCES and source != TAIL_SOURCE and value]


def _reads_joined(shown: set[str], head: str, rest: str) -> bool:
    """True when a visible headline reads ``head`` and then ``rest`` with only a space between."""
    return f"{line_key(head, fold=None)} {line_key(rest, fold=None)}" in shown


def _kicker_and_rest(heads: Sequence[str], tail: str, declared: str, shown: set[str]) -> bool:
    """True when a declared headline is an ``<h1>``'s first part and its last part joined by a
    separator, in either order ("Kicker: Headline", "Headline - Kicker"), and the ``<h1>``
    shows the two with no separator between them (``shown``: the visible headlines): the page
    sets the kicker apart by its markup alone, and the headline is the rest."""
    cuts = {loose_key(c) for c in title_cuts(declared)}
    return loose_key(tail) in cuts and any(loose_key(h) in cuts and _reads_joined(shown, h, tail) for h in heads)


def _separated(part: str, whole: str) -> bool:
    """True when ``part`` begins or ends ``whole`` with a separator between it and the rest."""
    p, w = headline_key(part), headline_key(whole)
    if w.startswith(p):
        return _SEPARATOR.match(w, len(p)) is not None
    if w.endswith(p):
        return any(m.end() == len(w) - len(p) for m in _SEPARATOR.finditer(w))
    return False


def title_tails(text: str) -> list[str]:
    """The parts of a title after each of its separators ("A: B - C" -> "B - C", "C")."""
    return [c for c in title_cuts(text) if c and not text.startswith(c)]


# -- byline --------------------------------------------------------------------------------------

#: How much each source of author names is trusted on its own.
BYLINE_WEIGHTS: dict[str, float] = {
    "json-ld": 3.0, "json-ld:page": 2.0, "json-ld:other": 1.0, "itemprop:author": 2.0, "article:author": 2.0,
    "parsely-author": 2.0, "sailthru.author": 2.0, "author": 1.5, "byl": 1.5, "dc.creator": 0.5,
    "dcterms.creator": 0.5, "trafilatura": 1.0, "text": 2.0, "visible text": 2.0,
}


def names_key(names: Any) -> frozenset[str]:
    """A list of names compared as a set of casefolded names."""
    return frozenset(" ".join(n.split()).casefold() for n in names or () if n)


def choose_byline(candidates: Sequence[tuple[Sequence[str], str]], *,
                  shown: Callable[[str], bool] | None = None,
                  weights: dict[str, float] | None = None, trusted: float | None = None) -> Choice:
    """The author names among ``(names, source)`` candidates (names already in normal form):
    the list with the most weight, names compared as sets; a list that shares names with
    another gets half that one's weight too. ``shown`` tells whether a name stands in the
    page's visible text: names the page does not show are dropped (the page declares an author
    it does not show: no byline) unless enough weight states them (``TRUSTED_AUTHOR_WEIGHT``),
    and a list none of whose names is left is out. ``trusted`` replaces that weight."""
    weights = BYLINE_WEIGHTS if weights is None else weights
    votes = [(tuple(n for n in names if n), source, weights.get(source, 0.5)) for names, source in candidates]
    ranked = rank([v for v in votes if v[0]], names_key)
    own = {id(t): t.score for t in ranked}
    for t in ranked:  # partial agreement: lists sharing a name support each other by half
        t.score += SHARED_NAME_SUPPORT * sum(own[id(other)] for other in ranked
                                             if other is not t and names_key(t.value) & names_key(other.value))
    if shown is not None:  # names the page does not show count only with enough agreement behind them
        kept = []
        for t in ranked:
            if t.score < (TRUSTED_AUTHOR_WEIGHT if trusted is None else trusted):
                t.value = tuple(n for n in t.value if shown(n))
            if t.value:
                kept.append(t)
        ranked = kept
    ranked.sort(key=lambda t: (-t.score, t.order))
    if not ranked:
        return Choice(())
    top = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    return Choice(top.value, tuple(top.sources), top.score, runner.value if runner else None,
                  tuple(runner.sources) if runner else (), runner.score if runner else 0.0)


# -- date ----------------------------------------------------------------------------------------

#: How much each source of the publication date is trusted on its own.
DATE_WEIGHTS: dict[str, float] = {
    "article:published_time": 3.0, "og:article:published_time": 3.0, "json-ld": 2.5, "json-ld:page": 2.0,
    "time[pubdate]": 2.5, "itemprop:datePublished": 2.0, "datepublished": 2.0, "time": 2.0, "text": 2.0,
    "parsely-pub-date": 2.0, "sailthru.date": 2.0, "trafilatura": 1.0, "json-ld:other": 0.3, "visible": 4.0,
}


def choose_date(published: Sequence[tuple[datetime.date, str]], modified: Sequence[tuple[datetime.date, str]] = (),
                *, weights: dict[str, float] | None = None) -> Choice:
    """The publication date among ``(date, source)`` candidates, by summed weight. A date the
    page gives as its modification date counts only with the sources that call it published
    by name (``time`` elements and trafilatura's guess do not know which date they hold)."""
    weights = DATE_WEIGHTS if weights is None else weights
    updated = {d for d, _ in modified}
    votes = []
    for day, source in published:
        weight = weights.get(source, 1.0)
        if day in updated and source in UNLABELLED_DATE_SOURCES:
            weight *= MODIFIED_DISCOUNT
        votes.append((day, source, weight))
    return tally(votes, lambda d: d)


__all__ = ["BYLINE_WEIGHTS", "Choice", "DATE_WEIGHTS", "HEADLINE_WEIGHTS", "choose_byline", "choose_date",
           "choose_headline", "end_part", "headline_key", "host_words", "is_site_part", "loose_key", "names_key",
           "rank", "strip_site", "tally", "title_cuts", "title_tails"]
