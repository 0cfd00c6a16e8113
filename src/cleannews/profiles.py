"""Per-site boilerplate profiles: lines that recur on many pages of one site are its chrome.

Learn a profile from a batch holding several pages per site, save it as JSON (documented in
docs/profiles.md, editable by hand), and clean each page with its site's profile step::

    profiles = learn((source, text, url) for ...)
    profiles.save("profiles.json")
    pipeline = Profiles.load("profiles.json").pipeline_for(default_pipeline(), source, url)

A page's site is its URL's host (without "www."); without a URL, the folder its source file
lies in (a JSONL source "crawl.jsonl:12" counts as the file "crawl.jsonl").

Precision guards: a line counts as the site's chrome only when it recurs on at least
``min_pages`` pages (3) and on at least ``min_share`` of the site's pages (50%); a long sentence
(``long_words`` words or more, ending like a sentence) needs ``long_share`` (80%), because a
series' articles may share a sentence of body text. A byline-shaped line ("By Jane Doe") is
never removed by a profile, so that the byline field still finds it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex

from .article import RemovalCode
from .cleaner import Cleaner
from .cleaners.repair import repair
from .page import Page, split_lines
from .pipeline import Pipeline
from .text import ends_sentence, line_key, word_count

VERSION = 1
MIN_PAGES = 3
MIN_SHARE = 0.5
LONG_WORDS = 20
LONG_SHARE = 0.8
#: Lines longer than this are never counted (they are article text, or too rare to matter).
MAX_LINE_CHARS = 1000
#: A site's line counter is pruned of lines seen once when it grows past this many entries.
_PRUNE_AT = 200_000
_JSONL_SOURCE = regex.compile(r"^(?P<path>.+\.jsonl?):\d+$", regex.I)
_TRAILING = regex.compile(r"[\s.:;,!|·•›»\-–—]+$")


def normalise(text: str) -> str:
    """A line as profiles compare it: repaired, NFKC, single spaces, casefolded, without
    trailing punctuation or separators."""
    return _TRAILING.sub("", line_key(repair(text), nfkc=True))


def site_of(source: str | None, url: str | None) -> str:
    """The site a document belongs to: its URL's host (lower case, without "www."), else the
    folder of its source file ("stdin" for standard input)."""
    if url:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    if not source or source in ("-", "<stdin>", "stdin"):
        return "stdin"
    m = _JSONL_SOURCE.match(source)
    path = m.group("path") if m else source
    folder = os.path.dirname(os.path.normpath(path))
    return "dir:" + (folder or ".")


@dataclass
class SiteProfile:
    """One site's profile: how many pages were seen, how often each recurring line occurred,
    and phrases a user added by hand."""

    pages: int = 0
    lines: dict[str, int] = field(default_factory=dict)
    phrases: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        out: dict[str, Any] = {"pages": self.pages, "lines": dict(self.lines)}
        if self.phrases:
            out["phrases"] = list(self.phrases)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SiteProfile:
        """Read the JSON form (ValueError when it is malformed)."""
        if not isinstance(data, Mapping):
            raise ValueError("a site's profile must be an object")
        pages = data.get("pages", 0)
        lines = data.get("lines", {})
        phrases = data.get("phrases", [])
        if not isinstance(pages, int) or pages < 0:
            raise ValueError("'pages' must be a non-negative integer")
        if not isinstance(lines, Mapping) or not all(isinstance(k, str) and isinstance(v, int)
                                                     for k, v in lines.items()):
            raise ValueError("'lines' must map line texts to page counts")
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ValueError("'phrases' must be a list of strings")
        return cls(pages, dict(lines), list(phrases))


@dataclass(frozen=True)
class SiteBoilerplate(Cleaner):
    """Remove the lines of one site's profile: lines recurring on many of its pages, and the
    phrases a user added (a phrase ending in "*" matches every line starting with it)."""

    name = "site_profile"
    code = RemovalCode.SITE_PROFILE
    description = "removes lines that recur on many pages of the same site (learnt profile)"
    site: str = ""
    pages: int = 0
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    phrases: tuple[str, ...] = ()

    def __call__(self, page: Page) -> None:
        byline = None
        if page.lexicon is not None:
            byline = regex.compile(page.lexicon.pattern("byline", "prefixes", "start").pattern
                                   + r"\s+\p{Lu}", regex.I)
        exact = {normalise(p): p for p in self.phrases if not p.endswith("*")}
        prefixes = [normalise(p[:-1]) for p in self.phrases if p.endswith("*") and p[:-1].strip()]
        for i, line in list(page.kept()):
            key = normalise(line.text)
            if not key:
                continue
            if key in exact or any(key.startswith(p) for p in prefixes):
                page.remove(i, self.name, f"phrase listed for {self.site} in its profile", self.code)
                continue
            count = self.lines.get(key)
            if count is None:
                continue
            if byline is not None and byline.match(line.text) and word_count(line.text) <= 8:
                continue  # "By Jane Doe": the byline step needs it
            page.remove(i, self.name, f"recurs on {count} of {self.pages} pages of {self.site}", self.code)


class Profiles:
    """The profiles of many sites, as learnt by :func:`learn` or loaded from JSON."""

    def __init__(self, sites: Mapping[str, SiteProfile] | None = None, *, min_pages: int = MIN_PAGES,
                 min_share: float = MIN_SHARE, long_words: int = LONG_WORDS,
                 long_share: float = LONG_SHARE) -> None:
        self.sites: dict[str, SiteProfile] = dict(sites or {})
        self.min_pages = min_pages
        self.min_share = min_share
        self.long_words = long_words
        self.long_share = long_share

    def __repr__(self) -> str:
        return f"Profiles({len(self.sites)} sites)"

    # -- reading -------------------------------------------------------------------------------
    def site(self, source: str | None, url: str | None) -> tuple[str, SiteProfile] | None:
        """The site name and profile a document belongs to, if there is one."""
        name = site_of(source, url)
        profile = self.sites.get(name)
        return (name, profile) if profile is not None else None

    def chrome(self, profile: SiteProfile) -> dict[str, int]:
        """The profile's lines that pass the guards (normalised text -> page count)."""
        out = {}
        for text, count in profile.lines.items():
            if count < self.min_pages or not profile.pages:
                continue
            share = count / profile.pages
            needed = self.long_share if (word_count(text) >= self.long_words and ends_sentence(text)) \
                else self.min_share
            if share >= needed:
                out[normalise(text)] = count
        return out

    def pipeline_for(self, pipeline: Pipeline, source: str | None, url: str | None) -> Pipeline:
        """``pipeline`` with the document's site profile step inserted after "unglue" (or at the
        start); unchanged when its site has no profile or nothing to remove."""
        found = self.site(source, url)
        if found is None:
            return pipeline
        name, profile = found
        lines = self.chrome(profile)
        if not lines and not profile.phrases:
            return pipeline
        step = SiteBoilerplate(site=name, pages=profile.pages, lines=lines, phrases=tuple(profile.phrases))
        if SiteBoilerplate.name in pipeline.names:
            return pipeline.replace(SiteBoilerplate.name, step)
        for anchor in ("unglue", "repair"):
            if anchor in pipeline.names:
                return pipeline.insert(step, after=anchor)
        return Pipeline([step, *pipeline], language=pipeline.language)

    # -- files ---------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (see docs/profiles.md)."""
        return {"version": VERSION,
                "sites": {name: self.sites[name].to_dict() for name in sorted(self.sites)}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Profiles:
        """Read the JSON form (ValueError naming the problem when it is malformed)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("sites"), Mapping):
            raise ValueError("a profiles file is an object with a 'sites' object")
        version = data.get("version", VERSION)
        if version != VERSION:
            raise ValueError(f"unsupported profiles version {version!r} (this cleannews reads {VERSION})")
        sites = {}
        for name, site in data["sites"].items():
            try:
                sites[str(name)] = SiteProfile.from_dict(site)
            except ValueError as exc:
                raise ValueError(f"site {name!r}: {exc}") from None
        return cls(sites)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the profiles as JSON (UTF-8, one line per entry, sorted)."""
        text = json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=False)
        Path(path).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Profiles:
        """Read profiles saved by :meth:`save` (or written by hand). Raises OSError when the
        file cannot be read and ValueError when it is not a profiles file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON: {exc}") from None
        return cls.from_dict(data)


def learn(documents: Iterable[tuple[str, str, str | None]], *, min_pages: int = MIN_PAGES,
          min_share: float = MIN_SHARE) -> Profiles:
    """Profiles from (source, text, url-or-None) documents: for each site, the lines that
    recur on at least ``min_pages`` pages and ``min_share`` of them.

    Each page counts a line once, however often it shows it. The text is plain text (one
    line per paragraph or UI element), as a browser's innerText or :func:`cleannews.prepare`
    gives it.
    """
    pages: Counter[str] = Counter()
    counts: dict[str, Counter[str]] = {}
    shown: dict[str, dict[str, str]] = {}  # normalised -> first spelling seen
    for source, text, url in documents:
        site = site_of(source, url)
        pages[site] += 1
        counter = counts.setdefault(site, Counter())
        spelling = shown.setdefault(site, {})
        seen = set()
        for raw in split_lines(text or ""):
            if not raw.strip() or len(raw) > MAX_LINE_CHARS:
                continue
            key = normalise(raw)
            if not key or key in seen:
                continue
            seen.add(key)
            counter[key] += 1
            spelling.setdefault(key, repair(raw))
        if len(counter) > _PRUNE_AT:
            for key in [k for k, v in counter.items() if v == 1]:
                del counter[key]
                spelling.pop(key, None)
    profiles = Profiles(min_pages=min_pages, min_share=min_share)
    for site, n in pages.items():
        profile = SiteProfile(pages=n)
        for key, count in counts[site].most_common():
            if count >= min_pages and count / n >= min_share:
                profile.lines[shown[site][key]] = count
        profiles.sites[site] = profile
    return profiles
