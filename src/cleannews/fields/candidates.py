"""Candidate lines for the headline, byline and date, and the features a learned ranker scores
them by (see :mod:`cleannews.fields.ranker`).

The candidates are the non-blank lines near the article's start, kept or already removed (a
headline a menu rule took is still the headline): from ``window_above`` lines over the first
line of the article's main run of prose to ``window_below`` lines under it, the lines over the
first line of the run's block with the most prose (its core: a run joined far up under a wrong
title leaves the headline there), and, for the date,
a few lines around the main run's end ("Erschienen am 15.12.2022" under the text); anywhere
else on the page, a short date line is a date candidate and a short line that starts with a
byline prefix a byline candidate (feature ``far``: a sidebar's dates, an author box). Each line's
features are computed once: its position relative to the main run and to the other candidates,
its shape (length, casing, terminal punctuation, digits), its repetition on the page, what the
earlier steps made of it (claimed for a field, removed as a menu ...), lexicon hits (byline
prefixes, date labels), its neighbours, and how many of its words come back in the text under it.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

import regex

from ..article import RemovalCode
from ..language import stopwords
from ..lexicon import Lexicon
from ..lexicon.scan import PageScan
from ..line_table import END_COLON, END_ELLIPSIS, END_PERIOD, END_QUESTION, STARTS_UPPER, LineTable, page_table
from ..page import Page
from ..text import PARAGRAPH_WORDS, ends_sentence, is_prose, line_cache, line_key, looks_like_name, \
    remember, title_key, word_count
from .dates import FoundDate, find_dates, is_date_line, residue
from .fields_util import BYLINE_LABEL, BYLINE_PREFIX, BYLINE_PREFIX_WORD, NAVIGATION_LINE, RELATIVE_DATE, ROLE_WORD, \
    UI_WORDS, byline_prefix, prefix_openers
from .names import names_in_line

#: Lines over / under the main run's first line that are candidates.
WINDOW_ABOVE = 60
WINDOW_BELOW = 25
#: Lines around the main run's last line that are date candidates too.
END_WINDOW = 6
#: Lines over the first line of the main run's block with the most prose (its core) that are
#: candidates too: a run joined far up under a wrong title (a cookie notice, a menu's
#: descriptions) leaves the real headline right over its core, outside the window above.
CORE_WINDOW_ABOVE = 30
#: Lines from the core that the core features tell apart (further ones all count as far).
CORE_SPAN = 30
#: Outside the windows, a line of at most this many words is a date candidate when it is a
#: date line ("Posted on 3 May 2021" at the page's foot, a sidebar's "12.12.2022") and a
#: byline candidate when it starts with a byline prefix ("Written by Jane Doe" in an author box).
FAR_LINE_WORDS = 12
#: Characters of a line's start that its byline prefix's first word is looked for in.
MAX_OPENER_CHARS = 24
#: Candidates longer than this (in words) are no headline, byline or date line.
MAX_CANDIDATE_WORDS = 45
#: Words of a byline line and of a headline, at most.
BYLINE_MAX_WORDS = 25
HEADLINE_MAX_WORDS = 30
#: A line that reads as prose is still a headline candidate when this share of its words, at
#: least, start with a capital (a title-case question: "Which One Should You Choose?").
TITLED_CAPS_SHARE = 0.6
#: Characters of text under a line whose words a headline's words are looked up in.
ECHO_CHARS = 3000
#: A line that starts with a byline prefix counts as a byline line up to this length.
MAX_PREFIX_LINE_CHARS = 120

_SEPARATORS = regex.compile(r"\s[|·•–—\-]\s|[|·•]")
_KICKER_GLUE = regex.compile(r"^(?P<kicker>[^:|–—]{2,60}?)(?P<sep>\s[–—\-]\s|:\s)(?P<rest>\S.*)$")
#: The characters one of which every separator of :data:`_KICKER_GLUE` holds.
_KICKER_MARKS = frozenset("-–—:")
_CODE_GROUPS: dict[RemovalCode, str] = {
    RemovalCode.HEADLINE: "headline", RemovalCode.BYLINE: "byline", RemovalCode.DATE: "date",
    RemovalCode.AUTHOR_SIGNATURE: "byline", RemovalCode.SECTION: "section",
    RemovalCode.SECTION_LINK: "nav", RemovalCode.NAVIGATION: "nav", RemovalCode.MENU: "nav",
    RemovalCode.BREADCRUMB: "breadcrumb", RemovalCode.PAGE_HEADER: "header",
    RemovalCode.BEFORE_MAIN_TEXT: "before", RemovalCode.INSIDE_MAIN_TEXT: "inside",
    RemovalCode.FIELD_REPEAT: "repeat", RemovalCode.TEASER: "teaser", RemovalCode.READ_MORE: "teaser",
    RemovalCode.CAPTION: "media", RemovalCode.MEDIA: "media", RemovalCode.SHARE_BUTTON: "widget",
    RemovalCode.ICON: "widget", RemovalCode.COMMENT_WIDGET: "widget", RemovalCode.READING_TIME: "widget",
    RemovalCode.AD: "widget", RemovalCode.PLACEHOLDER: "widget", RemovalCode.NOTICE: "notice",
}
CODE_GROUPS = ("kept", "headline", "byline", "date", "section", "nav", "breadcrumb", "header", "before",
               "inside", "repeat", "teaser", "media", "widget", "notice", "other")


@dataclass
class Candidate:
    """One candidate line: its index in ``page.lines``, its text and its features."""

    index: int
    text: str
    features: dict[str, float] = field(default_factory=dict)
    #: for a line that may carry a glued kicker, the features of that split (else empty)
    split: dict[str, float] = field(default_factory=dict)


class Glued(NamedTuple):
    """A line split where a kicker may end: "Topic" + " - " + "Headline"."""

    kicker: str
    rest: str
    colon: bool


def glued_kicker(text: str) -> Glued | None:
    """(kicker, rest) for a line that may carry a kicker glued before its title with " - " or
    ": " ("Wohnungsmarkt - Mieten steigen …"), else None. Whether it does is for the
    kicker model to say (see :mod:`cleannews.fields.ranker`)."""
    if _KICKER_MARKS.isdisjoint(text):  # (no separator: most lines)
        return None
    m = _KICKER_GLUE.match(text.strip())
    if m is None or word_count(m.group("kicker")) > 6 or word_count(m.group("rest")) < 2:
        return None
    return Glued(m.group("kicker").strip(), m.group("rest").strip(), m.group("sep").strip() == ":")


def _anchor(page: Page) -> int | None:
    """The article's first line: the main run's start, else where the headline step put the
    article's start, else the first paragraph of running text."""
    run = page.main_run()
    if run is not None:
        return run[0]
    start = page.headline_index()
    if start is not None:
        return start
    return next((i for i, line in page.kept() if is_prose(line.text, min_words=PARAGRAPH_WORDS)), None)


def _group(page: Page, i: int) -> str:
    line = page.lines[i]
    if line.removal is None:
        return "kept"
    if line.fields:
        return line.fields[0] if line.fields[0] in CODE_GROUPS else "other"
    return _CODE_GROUPS.get(line.removal.code, "other")


#: A candidate's group (see :data:`CODE_GROUPS`) as its one-hot features ("code_kept" ...).
_GROUP_FEATURES = {group: {"code_" + g: float(group == g) for g in CODE_GROUPS} for group in CODE_GROUPS}
#: The groups of a candidate's neighbours that are features, and those features for each group
#: of the line over it ("prev_kept" ...) and under it ("next_kept" ...); _NONE: no such line or
#: a group of none of these.
_SIDE_GROUPS = ("kept", "nav", "header", "before", "date", "byline", "widget", "headline", "media")
_PREV_FEATURES: dict[str | None, dict[str, float]] = {
    group: {"prev_" + g: float(group == g) for g in _SIDE_GROUPS} for group in _SIDE_GROUPS}
_NEXT_FEATURES: dict[str | None, dict[str, float]] = {
    group: {"next_" + g: float(group == g) for g in _SIDE_GROUPS} for group in _SIDE_GROUPS}
_PREV_NONE = {"prev_" + g: 0.0 for g in _SIDE_GROUPS}
_NEXT_NONE = {"next_" + g: 0.0 for g in _SIDE_GROUPS}


def _ends_with_one(key: str, keys: set[str], lengths: list[int]) -> bool:
    """Whether one of ``keys`` (their lengths sorted in ``lengths``) is a proper suffix of key:
    ``any(key[p:] in keys for p in range(1, len(key)))``, one look-up per length."""
    for n in lengths:
        if n >= len(key):
            break
        if n > 0 and key[-n:] in keys:
            return True
    return False


class _Basic:
    """What the candidates read of a line and of its neighbours: its words, prose or title
    shape, dates, byline prefix and label (each line measured once per page)."""

    __slots__ = ("text", "words", "prose", "title", "dates", "date", "date_line", "prefix_match", "prefix", "label")

    def __init__(self, text: str, words: int, prose: bool, title: bool, dates: list[FoundDate], date_line: bool,
                 prefix_match: regex.Match[str] | None, label: bool) -> None:
        self.text, self.words, self.prose, self.title = text, words, prose, title
        self.dates, self.date, self.date_line = dates, bool(dates), date_line
        self.prefix_match = prefix_match
        self.prefix = prefix_match is not None and len(text) <= MAX_PREFIX_LINE_CHARS
        self.label = label


#: Each text's :class:`_Basic` measures and its text features (see :func:`_text_features`), by
#: text, lexicon and language: the lines near an article's start are much the same from page to
#: page of a site (menus, share bars, section names), and are measured once.
_BASICS = line_cache()
_TEXT_FEATURES = line_cache()
#: How many texts' features :data:`_TEXT_FEATURES` holds (some fifty pages' worth of lines
#: near the article's start; each entry is some 2.4 KB, so at most about 5 MB).
TEXT_FEATURES_SIZE = 2048


def _basic(table: LineTable, i: int, lex: Lexicon, month_first: bool, prefix: regex.Pattern[str],
           scan: PageScan) -> _Basic:
    """Line i's :class:`_Basic` measures, from the page's feature table, its lexicon scan and
    the lexicon (all of them decided by the line's text)."""
    raw = table.texts[i]
    key = (raw, lex, month_first)
    b: _Basic | None = _BASICS.get(key)
    if b is not None:
        return b
    text = raw.strip()
    n = table.words(i)
    dates = find_dates(text, lex, month_first=month_first) if n <= MAX_CANDIDATE_WORDS else []
    b = _Basic(text, n, table.prose(i), table.title_like(i), dates,
               bool(dates) and is_date_line(text, lex, month_first=month_first, dates=dates),
               prefix.match(text) if scan.may_hit(BYLINE_PREFIX, text) else None,
               scan.hit(BYLINE_LABEL, text))
    remember(_BASICS, key, raw, b)
    return b


def _text_features(table: LineTable, i: int, b: _Basic, page: Page, scan: PageScan) -> dict[str, float]:
    """The features of candidate line i that its text alone decides: its length, casing, end,
    digits, dates, byline prefix and names, lexicon hits (``b``: its :func:`_basic` measures).
    Cached: the dict is shared by every line of that text, and is not to be changed."""
    lex = page.lexicon
    assert lex is not None
    raw = table.texts[i]
    key = (raw, lex, page.language)
    f: dict[str, float] | None = _TEXT_FEATURES.get(key)
    if f is not None:
        return f
    particles = lex.words("byline", "particles")
    text, n_words, dates, flags, digits = b.text, b.words, b.dates, table.flags[i], table.digits[i]
    res = len(residue(text, dates, lex)) if dates else n_words
    kinds = {d.kind for d in dates}  # (the dates' labels: "published", "updated", "" for none)
    pm = b.prefix_match
    rest = pm.group("rest") if pm else ""
    hit = scan.hit
    agencies = lex.words("byline", "agencies")
    f = {
        "words": min(n_words, 40) / 10.0, "log_words": math.log1p(n_words),
        "w1": float(n_words == 1), "w2": float(n_words == 2), "w3_5": float(3 <= n_words <= 5),
        "w6_12": float(6 <= n_words <= 12), "w13_20": float(13 <= n_words <= 20),
        "w21_up": float(n_words > 20),
        "caps_share": table.caps_share(i),
        "all_caps": float(table.all_caps(i)),
        "starts_upper": float(bool(flags & STARTS_UPPER)),
        "end_period": float(bool(flags & END_PERIOD)),
        "end_question": float(bool(flags & END_QUESTION)),
        "end_colon": float(bool(flags & END_COLON)),
        "end_ellipsis": float(bool(flags & END_ELLIPSIS)),
        "ends_sentence": float(ends_sentence(text)),
        "title_like": float(b.title), "prose": float(b.prose),
        "digit_share": table.digit_share(i), "has_digit": float(digits > 0),
        "separators": float(bool(_SEPARATORS.search(text))),
        "has_date": float(b.date), "date_line": float(b.date_line), "n_dates": float(len(dates)),
        "date_published": float("published" in kinds),
        "date_updated": float("updated" in kinds),
        "date_unlabelled": float(any(not k for k in kinds)),
        "date_residue": min(res, 10) / 10.0 if dates else 0.0,
        "date_at_start": float(bool(dates) and not residue(text[:dates[0].start], [], lex)),
        "relative_date": float(hit(RELATIVE_DATE, text)),
        "prefix": float(b.prefix), "prefix_word": float(hit(BYLINE_PREFIX_WORD, text)),
        "prefix_name": float(bool(rest) and looks_like_name(rest.split(",")[0].split("|")[0].strip(),
                                                             particles=particles)),
        "byline_label": float(b.label),
        "role": float(hit(ROLE_WORD, text)),
        "name": float(looks_like_name(text, particles=particles)),
        "agency": float(any(t.casefold().strip("().,/") in agencies for t in text.split())),
        "name_tokens": min(table.name_tokens(i), 6) / 6.0,
        "ui": float(hit(UI_WORDS, text)), "nav": float(hit(NAVIGATION_LINE, text)),
    }
    names = names_in_line(text, lex, page.language) if n_words <= BYLINE_MAX_WORDS and not b.prose else []
    f["names"] = min(len(names), 4) / 4.0
    f["has_names"] = float(bool(names))
    f["names_share"] = sum(word_count(x) for x in names) / n_words if n_words else 0.0
    remember(_TEXT_FEATURES, key, raw, f, size=TEXT_FEATURES_SIZE)
    return f


#: How many distinct values each of the cached position features below remembers.
POSITION_CACHE = 1024


@functools.lru_cache(maxsize=POSITION_CACHE)
def _position_features(rel: int) -> dict[str, float]:
    """A candidate's place ``rel`` lines from the article's first line, as features (one dict
    per distance, shared: not to be changed)."""
    return {
        "rel": max(-WINDOW_ABOVE, min(WINDOW_BELOW, rel)) / 10.0,
        "above": float(rel < 0),
        "at_anchor": float(rel == 0),
        "rel_m1": float(rel == -1), "rel_m2": float(rel == -2), "rel_m3_5": float(-5 <= rel <= -3),
        "rel_m6_12": float(-12 <= rel <= -6), "rel_m13_30": float(-30 <= rel <= -13),
        "rel_far_above": float(rel < -30), "rel_p1_3": float(1 <= rel <= 3),
        "rel_p4_10": float(4 <= rel <= 10), "rel_below": float(rel > 10),
        "log_dist": math.log1p(abs(rel)),
    }


@functools.lru_cache(maxsize=POSITION_CACHE)
def _rank_features(rank: int, drank: int) -> dict[str, float]:
    """A candidate's rank among the title-shaped lines over the article (counted from it up)
    and among the date lines (-1: none), as features (shared: not to be changed)."""
    return {
        "title_rank0": float(rank == 0), "title_rank1": float(rank == 1),
        "title_rank2_4": float(2 <= rank <= 4),
        "title_rank": min(rank if rank >= 0 else 10, 10) / 10.0,
        "date_rank0": float(drank == 0), "date_rank1": float(drank == 1),
        "date_rank": min(drank if drank >= 0 else 10, 10) / 10.0,
    }


@functools.lru_cache(maxsize=POSITION_CACHE)
def _core_features(rel: int, apart: int) -> dict[str, float]:
    """A candidate's place beside the main run's core (``rel`` lines from its first line), and
    how far the core stands under the article's first line (``apart`` lines); shared: not to
    be changed."""
    return {
        "core_rel": max(-CORE_SPAN, min(CORE_SPAN, rel)) / 10.0,
        "core_at": float(rel == 0), "core_m1": float(rel == -1), "core_m2": float(rel == -2),
        "core_m3_5": float(-5 <= rel <= -3), "core_m6_12": float(-12 <= rel <= -6),
        "core_above": float(rel < 0), "core_apart": min(apart, CORE_SPAN) / 10.0,
        "core_far": float(apart > WINDOW_BELOW),
    }


def _add_neighbour_features(f: dict[str, float], prev1: _Basic | None, prev2: _Basic | None,
                            next1: _Basic | None, next2: _Basic | None) -> None:
    """Set what the lines over and under a candidate are (None: no line there): a date line or
    a byline prefix one or two lines away, prose, a label or a title right beside it."""
    f["next_date"] = 1.0 if (next1 is not None and next1.date_line) or (next2 is not None and next2.date_line) else 0.0
    f["next_prefix"] = 1.0 if (next1 is not None and next1.prefix) or (next2 is not None and next2.prefix) else 0.0
    f["next_prose"] = 1.0 if next1 is not None and next1.prose else 0.0
    f["prev_prose"] = 1.0 if prev1 is not None and prev1.prose else 0.0
    f["prev_date"] = 1.0 if (prev1 is not None and prev1.date_line) or (prev2 is not None and prev2.date_line) else 0.0
    f["prev_prefix"] = 1.0 if (prev1 is not None and prev1.prefix) or (prev2 is not None and prev2.prefix) else 0.0
    f["prev_label"] = 1.0 if prev1 is not None and prev1.label else 0.0
    f["next_title"] = 1.0 if next1 is not None and next1.title else 0.0
    f["prev_title"] = 1.0 if prev1 is not None and prev1.title else 0.0
    f["prev_short"] = float(prev1 is not None and prev1.words <= 3)


#: The lexicon classes every candidate's features ask about.
_ASKED_CLASSES = (RELATIVE_DATE, BYLINE_PREFIX_WORD, ROLE_WORD, UI_WORDS, NAVIGATION_LINE)


class PageCandidates:
    """The candidate lines of one page with their features (computed once per line)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.candidates: list[Candidate] = []
        self.end_dates: set[int] = set()
        #: lines outside both windows that are date or byline candidates only (see FAR_LINE_WORDS)
        self.far: set[int] = set()
        #: lines that are candidates only for standing over the main run's core, outside the
        #: window (see CORE_WINDOW_ABOVE): headline and date candidates, byline candidates only
        #: when they start with a byline prefix
        self.core_only: set[int] = set()
        #: a candidate's group (see :data:`CODE_GROUPS`) and its line's first date, by ordinal / index
        self._groups: dict[int, str] = {}
        self._first_dates: dict[int, datetime.date] = {}
        #: each field's candidates, once asked for (see for_field)
        self._fields: dict[str, list[Candidate]] = {}
        if page.lexicon is None:
            return
        order = [i for i, line in enumerate(page.lines)
                 if line.text and not (line.removal and line.removal.code is RemovalCode.GIANT_LINE)]
        anchor = _anchor(page)
        if not order or anchor is None:
            return
        ordinal = {i: n for n, i in enumerate(order)}
        a = ordinal.get(anchor, 0)
        run = page.main_run()
        end = ordinal.get(run[1], a) if run else a
        core = page.main_core()
        c = ordinal.get(core, a) if core is not None else a
        lo, hi = max(0, a - WINDOW_ABOVE), min(len(order), a + WINDOW_BELOW + 1)
        window = set(range(lo, hi))
        core_only = set(range(max(0, c - CORE_WINDOW_ABOVE), min(len(order), c + 1))) - window
        picked = sorted(window | core_only)
        self.core_only = {order[n] for n in core_only}
        ends = [n for n in range(max(hi, end - END_WINDOW), min(len(order), end + END_WINDOW + 1))]
        self.end_dates = {order[n] for n in ends}
        self._order, self._ordinal, self._a = order, ordinal, a
        near = set(picked) | set(ends)
        table = page_table(page)
        scan, openers = page.scan, prefix_openers(page.lexicon)

        def far_line(i: int) -> bool:
            """A short line with a digit (it may be a date line) or that starts with a byline prefix."""
            if table.words(i) > FAR_LINE_WORDS:
                return False
            if table.digits[i]:
                return True
            text = table.texts[i].strip()
            return text[:MAX_OPENER_CHARS].casefold().startswith(openers) and scan.hit(BYLINE_PREFIX, text)

        far = [n for n in range(len(order)) if n not in near and far_line(order[n])]
        self.far = {order[n] for n in far}
        self._build(page, [order[n] for n in picked + ends + far], a, c, ordinal, order)
        self._relate(ordinal)

    # -- features -------------------------------------------------------------------------------
    def _build(self, page: Page, indices: list[int], a: int, c: int, ordinal: dict[int, int],
               order: list[int]) -> None:
        """Each candidate's features (``a``, ``c``: the ordinals of the article's first line and
        of the main run's core)."""
        lex = page.lexicon
        assert lex is not None
        table = page_table(page)
        month_first = page.language == "en"
        stops = stopwords(page.language)
        prefix = byline_prefix(lex)
        scan = page.scan
        asked = [table.texts[i].strip() for i in indices]  # (with the regex engine, their needles found at once)
        for cls in _ASKED_CLASSES:
            scan.expect(cls, asked)
        counts = table.key_counts()
        # the text under the article's start, for the echo of a line's words
        after: list[int] = []
        size = 0
        for n in range(a, len(order)):
            line = page.lines[order[n]]
            if line.removal is None or n == a:
                after.append(order[n])
                size += len(line.text)
                if size >= ECHO_CHARS:
                    break
        text_words = Counter(w for i in after for w in table.content_words(i, stops))

        memo: dict[int, _Basic] = {}

        def basic(n: int) -> _Basic | None:
            """The line at ordinal n's basic measures, computed once (None past the page's ends)."""
            b = memo.get(n)
            if b is None and 0 <= n < len(order):
                b = memo[n] = _basic(table, order[n], lex, month_first, prefix, scan)
            return b

        # title-shaped lines above the anchor, counted from the anchor up
        title_rank: dict[int, int] = {}
        r = 0
        for n in range(a - 1, max(-1, a - WINDOW_ABOVE - 1), -1):
            b = basic(n)
            assert b is not None
            if b.title and b.words >= 2 and not b.date:
                title_rank[order[n]] = r
                r += 1
        date_rank: dict[int, int] = {}
        r = 0
        for i in indices:
            b = basic(ordinal[i])
            assert b is not None
            if b.date:
                date_rank.setdefault(i, r)
                r += 1

        seen: set[int] = set()
        for i in indices:
            if i in seen:
                continue
            seen.add(i)
            n = ordinal[i]
            b = basic(n)
            assert b is not None
            text = b.text
            if b.words > MAX_CANDIDATE_WORDS or not text or (i in self.far and not (b.date_line or b.prefix)):
                continue
            prev1, prev2, next1, next2 = basic(n - 1), basic(n - 2), basic(n + 1), basic(n + 2)
            rel = n - a
            words = table.content_words(i, stops)
            least = 1 if n >= a else 0  # (a line under the start may be in that text itself)
            echo = sum(1 for w in words if text_words.get(w, 0) > least) / (len(words) + 1) if words else 0.0
            dates = b.dates
            group = _group(page, i)
            repeats = table.repeats(i)
            glued = glued_kicker(text)
            f = {**_text_features(table, i, b, page, scan), **_position_features(rel),
                 **_rank_features(title_rank.get(i, -1), date_rank.get(i, -1))}
            f["near_end"] = float(i in self.end_dates)
            f["far"] = float(i in self.far)
            f["repeat"] = float(repeats > 1)
            f["repeats"] = math.log1p(repeats - 1)
            f["echo"] = echo
            f["echo_any"] = float(echo > 0)
            f["glued"] = float(glued is not None)
            _add_neighbour_features(f, prev1, prev2, next1, next2)
            f.update(_core_features(n - c, c - a))
            f["core_only"] = float(i in self.core_only)
            f.update(_GROUP_FEATURES[group])
            split = split_features(glued, counts) if glued is not None else {}
            self.candidates.append(Candidate(i, text, f, split))
            self._groups[n] = group
            if dates:
                self._first_dates[i] = dates[0].value

    def _relate(self, ordinal: dict[int, int]) -> None:
        """Features that compare a candidate with the others: a line that another, longer line
        holds (a title in a breadcrumb trail or a teaser) or that holds a shorter one; its echo
        and length beside the best of the headline candidates; the nearest byline or date line;
        its date beside the other dates (the most frequent, the earliest)."""
        cands = self.candidates
        keys = [title_key(c.text) for c in cands]
        group = self._groups
        # the first byline or date line at or over the article's start (a line a few lines into
        # it counts too: the main run may start with the lead)
        first_meta = next((ordinal[c.index] for c in cands if c.features["rel"] <= 0.3 and not c.features["near_end"]
                           and not c.features["far"]
                           and (c.features["code_byline"] or c.features["code_date"] or c.features["date_line"])), None)
        meta_rank: dict[int, int] = {}
        if first_meta is not None:
            r = 0
            for c in sorted(cands, key=lambda c: -ordinal[c.index]):
                o = ordinal[c.index]
                if o < first_meta and c.features["title_like"] and c.features["words"] >= 0.2 \
                        and not c.features["has_date"]:
                    meta_rank[o] = r
                    r += 1
        titles = [c for c in self.for_field("headline") if c.features["rel"] <= 0]
        max_echo = max((c.features["echo"] for c in titles), default=0.0)
        max_words = max((c.features["words"] for c in titles), default=0.0)
        meta = sorted(ordinal[c.index] for c in cands if not c.features["far"] and (
                      c.features["code_byline"] or c.features["code_date"] or c.features["date_line"]
                      or c.features["prefix"]))
        firsts = self._first_dates
        freq = Counter(firsts.values())
        top = freq.most_common(1)[0][1] if freq else 0
        values = sorted(firsts.values())  # type: ignore[type-var]
        # (one string of every key: a key found in it more often than it stands as a key is held
        # by a longer one; the keys of three words or more, for the shorter ones a line ends with)
        joined = "\x00".join(keys)
        same = Counter(keys)
        long_keys = {k for k in keys if len(k.split()) >= 3}
        long_lengths = sorted({len(k) for k in long_keys})
        distinct_dates = len(set(values))
        for c, key in zip(cands, keys):
            f = c.features
            n_words = f["words"] * 10
            inside = joined.count(key) > same[key] if n_words >= 2 and key else False
            holds = _ends_with_one(key, long_keys, long_lengths)
            f["in_longer"] = float(inside)
            f["holds_shorter"] = float(holds)
            f["echo_best"] = float(f["echo"] > 0 and f["echo"] >= max_echo)
            f["echo_gap"] = f["echo"] - max_echo
            f["words_share"] = f["words"] / max_words if max_words else 0.0
            o = ordinal[c.index]
            f.update(_PREV_FEATURES.get(group.get(o - 1), _PREV_NONE))
            f.update(_NEXT_FEATURES.get(group.get(o + 1), _NEXT_NONE))
            rel_meta = o - first_meta if first_meta is not None else 99
            f["has_meta"] = float(first_meta is not None)
            f["meta_m1"] = float(rel_meta == -1)
            f["meta_m2"] = float(rel_meta == -2)
            f["meta_m3_5"] = float(-5 <= rel_meta <= -3)
            f["meta_p1_3"] = float(1 <= rel_meta <= 3)
            f["meta_rank0"] = float(meta_rank.get(o) == 0)
            f["meta_rank1"] = float(meta_rank.get(o) == 1)
            f["rel_meta"] = max(-30, min(30, rel_meta)) / 10.0 if first_meta is not None else 0.0
            k = bisect.bisect_right(meta, o)  # (the nearest meta line under o, and over it)
            below = meta[k] - o if k < len(meta) else None
            j = bisect.bisect_left(meta, o)
            above = o - meta[j - 1] if j > 0 else None
            f["meta_below_1_3"] = float(below is not None and below <= 3)
            f["meta_above_1_3"] = float(above is not None and above <= 3)
            f["meta_below_dist"] = min(below, 20) / 20.0 if below is not None else 1.0
            value = firsts.get(c.index)
            f["date_mode"] = float(value is not None and freq[value] == top and top > 1)
            f["date_earliest"] = float(value is not None and value == values[0])
            f["date_latest"] = float(value is not None and value == values[-1] and distinct_dates > 1)
            f["date_count"] = math.log1p(freq[value]) if value is not None else 0.0

    def for_field(self, name: str) -> list[Candidate]:
        """The candidates of one field (see :func:`is_candidate`), picked once per field."""
        found = self._fields.get(name)
        if found is None:
            found = self._fields[name] = [c for c in self.candidates if is_candidate(name, c.features)]
        return list(found)


def titled(features: dict[str, float]) -> bool:
    """Whether a line reads as prose but is written like a title ("Which One Should You
    Choose?"): title-like, or most of its words capitalised, and no longer than a headline."""
    return bool(features["title_like"] or features["caps_share"] >= TITLED_CAPS_SHARE) \
        and features["words"] <= HEADLINE_MAX_WORDS / 10.0


def is_candidate(name: str, features: dict[str, float]) -> bool:
    """Whether a line with these features is a candidate of field ``name``: a line with a date
    for the date; a short line near the article's start for the byline; a title-length line
    near the start, no date line, for the headline."""
    if name == "date":
        return bool(features["has_date"])
    if not features["words"]:
        return False  # a line of punctuation or symbols ("|", ","): no name, no title
    if features["near_end"] or (features["prose"] and not (name == "headline" and titled(features))):
        return False
    if features["far"] and not (name == "byline" and features["prefix"]):
        return False
    if features["code_kept"] and features["rel"] >= 0 and features["core_rel"] > 0 and name == "headline":
        return False  # a line the body keeps, under the start of its main text and of its core
    if name == "byline":
        # (over the core, outside the window, only a line that starts with a byline prefix,
        # as far from the article)
        return features["words"] <= BYLINE_MAX_WORDS / 10.0 and (features["prefix"] or not features["core_only"])
    return features["words"] <= HEADLINE_MAX_WORDS / 10.0 and not features["date_line"]


def split_features(glued: Glued, counts: Counter[str]) -> dict[str, float]:
    """The features of a possible glued kicker ("Topic - Headline"): the parts' lengths and
    casing, the separator, and whether the kicker or the rest stands on the page as a line of
    its own (``counts``: how often each :func:`line_key` stands on the page)."""
    kicker, rest = glued.kicker, glued.rest
    k, r = word_count(kicker), word_count(rest)
    return {
        "k_words": float(k), "k1": float(k == 1), "k2": float(k == 2), "k3_up": float(k >= 3),
        "r_words": min(r, 30) / 10.0, "ratio": k / (k + r),
        "k_caps": float(kicker.isupper()), "k_upper_start": float(kicker[:1].isupper()),
        "r_upper_start": float(rest[:1].isupper()),
        "k_digit": float(any(ch.isdigit() for ch in kicker)),
        "k_name": float(looks_like_name(kicker)),
        "k_quote": float(any(q in kicker for q in "\"„“”«»'")),
        "r_quote_start": float(rest[:1] in "\"„“”«»'‚‘"),
        "r_question": float(rest.rstrip().endswith("?")),
        "colon": float(glued.colon),
        "k_alone": float(counts.get(line_key(kicker), 0) > 0),
        "r_alone": float(counts.get(line_key(rest), 0) > 0),
    }
