"""What an HTML page says about itself: headline, authors, dates and site name from its
structured data, each value with the source it came from.

Sources read (one pass over the parsed tree, no network):

* JSON-LD ``<script type="application/ld+json">``: the article object (``NewsArticle``,
  ``Article``, ``ReportageNewsArticle``, ``BlogPosting``, … found at the top, in a list or in an
  ``@graph``), its ``headline``/``name``, ``author``/``creator`` (strings, ``Person`` and
  ``Organization`` objects, lists, ``@id`` references into the graph), ``datePublished`` /
  ``dateCreated`` and, apart, ``dateModified``; the publisher's name as the site name;
* ``<meta>``: OpenGraph (``og:title``, ``og:site_name``, ``article:published_time``,
  ``article:author``, ``article:modified_time``), Twitter cards, ``name="author"``, Parse.ly
  (``parsely-title``, ``parsely-author``, ``parsely-pub-date``), Sailthru, Dublin Core
  (``dc.title``, ``dc.creator``, ``dc.date``), ``itemprop`` microdata;
* elements: ``<title>``, the visible ``<h1>`` (the article's first), ``<time datetime>``, and
  microdata ``itemprop="author"`` / ``"headline"`` / ``"datePublished"`` on elements.

Nothing here decides: :mod:`cleannews.fields.agreement` chooses among these candidates and
those of the text path. Broken JSON, huge scripts and values of the wrong type are skipped.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

#: JSON-LD ``@type`` values of an article (schema.org's CreativeWork kinds a news page uses).
ARTICLE_TYPES = frozenset({
    "newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "askpublicnewsarticle",
    "livelogposting", "liveblogposting", "report", "techarticle", "scholarlyarticle",
    "socialmediaposting", "satiricalarticle", "advertisercontentarticle", "medicalscholarlyarticle",
    "creativework", "posting", "blog", "review", "recipe", "videoobject",
})
#: Types that describe the page itself: their name/dates are weaker evidence than an article's.
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "aboutpage", "profilepage", "qapage"})
#: Author types that are organisations (used only when no person is named).
ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation", "brand"})

#: A JSON-LD block longer than this (characters) is not read: no article's data is that big.
MAX_JSONLD = 2_000_000
#: At most this many JSON-LD blocks and this many nodes in all are walked per page.
MAX_BLOCKS = 50
MAX_NODES = 20_000
#: A value longer than this is no headline, name or date.
MAX_VALUE = 400
#: How many ``<h1>`` and ``<time>`` elements are looked at.
MAX_H1 = 5
MAX_TIMES = 20
#: An ``<h1>`` made of more parts than this is not split into them.
MAX_H1_PARTS = 6

# <meta> keys (lower case; name, property or itemprop) per field, in order of trust.
HEADLINE_META = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "dcterms.title",
                 "headline", "title")
AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator",
               "byl", "og:article:author", "article:author_name", "cxenseparse:author", "author_name")
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "parsely-pub-date",
                  "sailthru.date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
                  "dc.date.created", "dcterms.created", "date", "pubdate", "publishdate", "publish-date",
                  "publish_date", "article.published", "article_date_original", "published_time",
                  "originalpublicationdate", "cxenseparse:recs:publishtime", "og:published_time",
                  "article:published", "release_date", "displaydate")
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified",
                 "dcterms.modified", "last-modified", "lastmod", "article:modified", "updated_time",
                 "og:article:modified_time")
SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")

_SPACE = re.compile(r"\s+")
# Soft hyphens and zero-width characters: invisible, and never part of what a reader copies.
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
# Separators a part of a heading may keep at its ends ("Klimaschutz :", ": Bohren …").
_PART_EDGES = " :|-–—•·/,"
#: A link to the home page with at most this many words names the site (its logo).
MAX_SITE_WORDS = 5
_URL = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net|de|html?)(?:/|$)", re.I)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)")
_DOTTED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_SLASH_DATE = re.compile(r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# Characters JSON forbids raw inside strings that pages put there anyway; HTML comment wrappers.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_WRAPPER = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_HOME = re.compile(r"^(?:https?:)?//[^/]+/?(?:index\.\w+)?$", re.I)
_HIDDEN_TAGS = frozenset({"nav", "footer", "aside", "header", "script", "style", "noscript", "template", "form"})

#: The earliest and latest year a publication date may have.
MIN_YEAR = 1990
MAX_YEAR_AHEAD = 1


@dataclass(frozen=True)
class Found:
    """One value a page states, and where: ``source`` is e.g. "json-ld", "og:title", "h1"."""

    value: Any
    source: str


@dataclass
class Structured:
    """Everything the page states about its fields, each candidate with its source. ``authors``
    values are tuples of raw person names; ``organisations`` those of organisations named as
    authors (JSON-LD ``Organization``), apart."""

    headlines: list[Found] = field(default_factory=list)
    authors: list[Found] = field(default_factory=list)
    organisations: list[Found] = field(default_factory=list)
    published: list[Found] = field(default_factory=list)
    modified: list[Found] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    #: the page's ``<title>`` (kept apart: it usually carries the site name)
    title: str = ""
    #: the addresses the page gives for itself (canonical link, og:url), in that order
    urls: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (dates as ISO strings)."""
        def conv(items: list[Found]) -> list[list[Any]]:
            return [[f.value.isoformat() if isinstance(f.value, datetime.date) else
                     (list(f.value) if isinstance(f.value, tuple) else f.value), f.source] for f in items]
        return {"headlines": conv(self.headlines), "authors": conv(self.authors),
                "organisations": conv(self.organisations), "published": conv(self.published),
                "modified": conv(self.modified), "site_names": list(self.site_names), "title": self.title,
                "urls": list(self.urls)}


def clean_text(value: Any) -> str:
    """A string value with its whitespace collapsed, HTML entities a page double-escaped
    decoded; "" for anything that is not a non-empty string of sensible length."""
    if not isinstance(value, str):
        return ""
    text = _SPACE.sub(" ", _INVISIBLE_CHARS.sub("", value)).strip()
    if "&" in text:
        import html
        text = html.unescape(text)
    if "<" in text and ">" in text:
        text = re.sub(r"<[^>]{0,200}>", "", text).strip()
    return text if 0 < len(text) <= MAX_VALUE else ""


def parse_date(value: Any, *, today: datetime.date | None = None) -> datetime.date | None:
    """The calendar date in a machine-readable date value: ISO 8601 ("2019-10-16T08:00:00+02:00"),
    "20191016", "2019/10/16", "16.10.2019", or a Unix timestamp; None for anything else or for
    a year before ``MIN_YEAR`` or after next year."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str):
        return None
    text = value.strip()[:64]
    if not text:
        return None
    parts: tuple[str, str, str] | None = None
    if m := _ISO_DATE.search(text):
        parts = (m.group(1), m.group(2), m.group(3))
    elif m := _COMPACT_DATE.match(text):
        parts = (m.group(1), m.group(2), m.group(3))
    elif m := _SLASH_DATE.search(text):
        parts = (m.group(1), m.group(2), m.group(3))
    elif m := _DOTTED_DATE.search(text):
        parts = (m.group(3), m.group(2), m.group(1))
    elif _EPOCH.match(text):
        seconds = int(text[:10])
        try:
            return _plausible(datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).date(), today)
        except (OverflowError, OSError, ValueError):
            return None
    if parts is None:
        return None
    try:
        found = datetime.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
    return _plausible(found, today)


def _plausible(day: datetime.date, today: datetime.date | None) -> datetime.date | None:
    latest = (today or datetime.date.today()).year + MAX_YEAR_AHEAD
    return day if MIN_YEAR <= day.year <= latest else None


# -- JSON-LD -----------------------------------------------------------------------------------

def load_jsonld(text: str) -> Any:
    """The JSON in a JSON-LD script, forgiving what pages get wrong (comment wrappers, raw
    control characters, trailing commas, several objects one after the other); None when
    it cannot be read."""
    if not text or len(text) > MAX_JSONLD:
        return None
    text = _WRAPPER.sub("", text.strip()).strip()
    if not text:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            pass
        # several JSON values glued together ("{…}{…}" or "{…}\n{…}")
        decoder = json.JSONDecoder(strict=False)
        values, pos = [], 0
        try:
            while pos < len(attempt):
                value, end = decoder.raw_decode(attempt, pos)
                values.append(value)
                pos = end
                while pos < len(attempt) and attempt[pos] in " \t\r\n,;":
                    pos += 1
        except (ValueError, RecursionError):
            values = values if pos >= len(attempt) else []
        if values:
            return values
    return None


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].casefold() for k in kinds if isinstance(k, str)}


def _nodes(data: Any, budget: list[int]) -> Iterator[tuple[dict[str, Any], int]]:
    """Every object in a JSON-LD value with its nesting depth (objects in lists and ``@graph``
    count as top level), breadth first, at most ``MAX_NODES`` in all."""
    queue: list[tuple[Any, int]] = [(data, 0)]
    while queue and budget[0] > 0:
        value, depth = queue.pop(0)
        if isinstance(value, list):
            queue.extend((v, depth) for v in value[:1000])
            continue
        if not isinstance(value, dict):
            continue
        budget[0] -= 1
        yield value, depth
        for key, child in value.items():
            if key == "@graph":
                queue.append((child, depth))
            elif isinstance(child, (dict, list)) and key not in ("author", "creator", "publisher"):
                queue.append((child, depth + 1))


def _names_of(value: Any, index: dict[str, dict[str, Any]], depth: int = 0) -> tuple[list[str], list[str]]:
    """(person names, organisation names) in an ``author`` value."""
    persons: list[str] = []
    orgs: list[str] = []
    if depth > 3:
        return persons, orgs
    items = value if isinstance(value, list) else [value]
    for item in items[:50]:
        if isinstance(item, str):
            name = clean_text(item)
            if name and not _URL.search(name):
                persons.append(name)
        elif isinstance(item, dict):
            if set(item) <= {"@id"} and isinstance(item.get("@id"), str) and item["@id"] in index:
                item = index[item["@id"]]
            raw: Any = item.get("name")
            if isinstance(raw, list):
                raw = next((n for n in raw if isinstance(n, str)), None)
            if isinstance(raw, dict):  # {"@value": "..."}
                raw = raw.get("@value")
            if not raw and (item.get("givenName") or item.get("familyName")):
                raw = " ".join(clean_text(item.get(k)) for k in ("givenName", "familyName")).strip()
            name = clean_text(raw)
            if not name:
                nested = item.get("author") or item.get("creator")
                if nested is not None:
                    p, o = _names_of(nested, index, depth + 1)
                    persons += p
                    orgs += o
                continue
            if _URL.search(name):
                continue
            (orgs if _types(item) & ORGANISATION_TYPES else persons).append(name)
    return persons, orgs


def read_jsonld(tree: Any, out: Structured) -> None:
    """Add the article's headline, authors, dates and publisher from the page's JSON-LD."""
    blocks = []
    for script in tree.iterfind(".//script"):
        kind = (script.get("type") or "").casefold()
        if "ld+json" in kind:
            blocks.append(script.text or "")
            if len(blocks) >= MAX_BLOCKS:
                break
    if not blocks:
        return
    budget = [MAX_NODES]
    nodes: list[tuple[dict[str, Any], int]] = []
    for text in blocks:
        data = load_jsonld(text)
        if data is not None:
            nodes.extend(_nodes(data, budget))
    index = {n["@id"]: n for n, _ in nodes if isinstance(n.get("@id"), str)}
    articles = [(n, d) for n, d in nodes if _types(n) & ARTICLE_TYPES]
    pages = [(n, d) for n, d in nodes if _types(n) & PAGE_TYPES]
    # the article at the top (not one listed inside another object: related articles), first
    articles.sort(key=lambda nd: nd[1])
    chosen = [(n, "json-ld" if rank == 0 else "json-ld:other") for rank, (n, _) in enumerate(articles[:3])]
    chosen += [(n, "json-ld:page") for n, _ in pages[:1]]
    for node, source in chosen:
        headline = clean_text(node.get("headline")) or clean_text(node.get("name")) \
            or clean_text(node.get("alternativeHeadline"))
        if headline:
            out.headlines.append(Found(headline, source))
        persons, orgs = _names_of(node.get("author"), index)
        if not persons and not orgs:
            persons, orgs = _names_of(node.get("creator"), index)
        if persons:
            out.authors.append(Found(tuple(persons), source))
        if orgs:
            out.organisations.append(Found(tuple(orgs), source))
        for key in ("datePublished", "dateCreated", "uploadDate"):
            day = parse_date(node.get(key))
            if day:
                out.published.append(Found(day, source))
                break
        day = parse_date(node.get("dateModified"))
        if day:
            out.modified.append(Found(day, source))
        publisher = node.get("publisher")
        if isinstance(publisher, dict):
            if set(publisher) <= {"@id"} and publisher.get("@id") in index:
                publisher = index[publisher["@id"]]
            name = clean_text(publisher.get("name"))
            if name:
                out.site_names.append(name)
    for node, _ in nodes:
        if _types(node) & {"website", "newsmediaorganization"}:
            name = clean_text(node.get("name"))
            if name:
                out.site_names.append(name)


# -- meta tags and elements --------------------------------------------------------------------

def meta_values(tree: Any) -> dict[str, list[str]]:
    """Every ``<meta>``'s content by its name, property or itemprop (lower case), in page order."""
    values: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if content is None:
            content = meta.get("datetime") or meta.get("value")
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                values.setdefault(key.strip().casefold(), []).append(content)
    return values


def _visible_text(el: Any) -> str:
    try:
        return clean_text(" ".join(el.itertext()))
    except ValueError:
        return ""


def _hidden(el: Any) -> bool:
    """Inside navigation, a footer, an aside, a form or a script (not the article's own header)."""
    parent = el.getparent()
    while parent is not None:
        tag = parent.tag if isinstance(parent.tag, str) else ""
        if tag.casefold() in _HIDDEN_TAGS and tag.casefold() != "header":
            return True
        parent = parent.getparent()
    return False


def read_meta(tree: Any, out: Structured) -> None:
    """Add what the ``<meta>`` tags, ``<title>``, ``<h1>``, ``<time>`` and microdata say."""
    values = meta_values(tree)
    for key in HEADLINE_META:
        for value in values.get(key, [])[:1]:
            text = clean_text(value)
            if text:
                out.headlines.append(Found(text, key))
    for key in AUTHOR_META:
        for value in values.get(key, [])[:10]:
            text = clean_text(value)
            if text and not _URL.search(text) and not text.startswith("@"):
                out.authors.append(Found((text,), key))
    for key in PUBLISHED_META:
        for value in values.get(key, [])[:1]:
            day = parse_date(value)
            if day:
                out.published.append(Found(day, key))
    for key in MODIFIED_META:
        for value in values.get(key, [])[:1]:
            day = parse_date(value)
            if day:
                out.modified.append(Found(day, key))
    for value in values.get("og:url", [])[:1]:
        out.urls.append(value.strip())
    for key in SITE_META:
        for value in values.get(key, [])[:1]:
            text = clean_text(value).lstrip("@")
            if text:
                out.site_names.append(text)
    title = tree.find(".//title")
    if title is not None:
        out.title = _visible_text(title)
        if out.title:
            out.headlines.append(Found(out.title, "title"))
    _read_elements(tree, out)


def _read_elements(tree: Any, out: Structured) -> None:
    """The visible ``<h1>`` (in an ``<article>`` first) and its parts, the home-page link's text
    (a site name), the canonical address, microdata on elements, ``<time>``."""
    h1s = [h for h in tree.iterfind(".//h1") if not _hidden(h) and not _logo(h)][:MAX_H1]
    in_article = [h for h in h1s if _inside(h, "article")]
    for h in (in_article or h1s)[:2]:
        text = _visible_text(h)
        if text:
            out.headlines.append(Found(text, "h1"))
            for part, source in _segment_runs(h):
                out.headlines.append(Found(part, source))
    for a in tree.iterfind(".//a[@href]"):
        href = (a.get("href") or "").strip()
        if href in ("/", "./") or _HOME.match(href):
            text = _visible_text(a)
            for img in a.iterfind(".//img[@alt]"):
                text = text or clean_text(img.get("alt"))
            if text and len(text.split()) <= MAX_SITE_WORDS:
                out.site_names.append(text)
    for link in tree.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").casefold().split() and link.get("href"):
            out.urls.append(link.get("href").strip())
    for el in tree.iterfind(".//*[@itemprop]"):
        prop = (el.get("itemprop") or "").casefold().split()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "meta":
            continue
        if "headline" in prop and not any(f.source == "itemprop:headline" for f in out.headlines) \
                and not _hidden(el):
            text = _visible_text(el)
            if text:
                out.headlines.append(Found(text, "itemprop:headline"))
        if "author" in prop or "creator" in prop:
            named = el.find(".//*[@itemprop='name']")
            text = (named.get("content") or _visible_text(named)) if named is not None else _visible_text(el)
            text = clean_text(text)
            if text and not _URL.search(text) and len(text) <= 100:
                out.authors.append(Found((text,), "itemprop:author"))
        if "datepublished" in prop:
            day = parse_date(el.get("datetime") or el.get("content") or _visible_text(el))
            if day:
                out.published.append(Found(day, "itemprop:datePublished"))
        if "datemodified" in prop:
            day = parse_date(el.get("datetime") or el.get("content"))
            if day:
                out.modified.append(Found(day, "itemprop:dateModified"))
    times = []
    for el in tree.iterfind(".//time[@datetime]"):
        if _hidden(el):
            continue
        day = parse_date(el.get("datetime"))
        if day:
            times.append((el, day))
        if len(times) >= MAX_TIMES:
            break
    marked = [d for el, d in times if el.get("pubdate") is not None
              or "publish" in (el.get("class") or "").casefold()]
    if marked:
        out.published.append(Found(marked[0], "time[pubdate]"))
    in_article = [d for el, d in times if _inside(el, "article")]
    if in_article:
        out.published.append(Found(in_article[0], "time"))
    elif times:
        out.published.append(Found(times[0][1], "time"))


def _logo(h1: Any) -> bool:
    """An ``<h1>`` that is the site's logo: its text is a link to the site's home page ("/")."""
    for a in h1.iterfind(".//a[@href]"):
        href = (a.get("href") or "").strip()
        if href in ("/", "./", "#") or _HOME.match(href):
            return len(_visible_text(a)) >= 0.8 * len(_visible_text(h1))
    return False


def _segment_runs(h1: Any) -> list[tuple[str, str]]:
    """The texts of runs of an ``<h1>``'s parts (its text nodes and child elements) from its
    first part or to its last: a kicker or a date set in an element of its own is cut off by
    one of them ("<span>Kicker</span> Headline" -> "Kicker", "Headline"); each with its source,
    "h1:head" (a run from the first part) or "h1:tail" (a run to the last)."""
    parts = [clean_text(h1.text)] if h1.text and h1.text.strip() else []
    for child in h1:
        if isinstance(child.tag, str):
            text = _visible_text(child)
            if text:
                parts.append(text)
        if child.tail and child.tail.strip():
            parts.append(clean_text(child.tail))
    parts = [p.strip(_PART_EDGES) for p in parts]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= MAX_H1_PARTS:
        return []
    runs = [(" ".join(parts[:j]), "h1:head") for j in range(1, len(parts))]
    runs += [(" ".join(parts[i:]), "h1:tail") for i in range(1, len(parts))]
    runs = [(r.strip(_PART_EDGES), source) for r, source in runs]
    return [(clean_text(r), source) for r, source in runs if clean_text(r)]


def _inside(el: Any, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def read_structured(tree: Any) -> Structured:
    """All the candidates the parsed page (an lxml tree) states; an empty :class:`Structured`
    for no tree. Never raises on what a page holds."""
    out = Structured()
    if tree is None:
        return out
    read_jsonld(tree, out)
    read_meta(tree, out)
    out.site_names = list(dict.fromkeys(out.site_names))
    out.urls = list(dict.fromkeys(u for u in out.urls if u))
    return out


__all__ = ["ARTICLE_TYPES", "Found", "Structured", "clean_text", "load_jsonld", "parse_date", "read_jsonld",
           "read_meta", "read_structured"]
