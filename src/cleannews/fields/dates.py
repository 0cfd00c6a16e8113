"""The published date: found on a date line near the top ("Aktualisiert am 21.01.2024",
"19.06.2024, 12:28", "Nov 19, 2019, 10:31 pm CST"), published preferred over updated.

A date line is a line that holds, besides dates and times, nothing but date labels
("Veröffentlicht", "Updated"), filler ("Uhr", weekdays) and separators. A relative date
("vor 3 Stunden") or a label alone ("Stand") is removed but gives no date: no date is better
than a wrong one.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..cleaner import Cleaner
from ..lexicon import Lexicon
from ..page import Page
from ..text import PARAGRAPH_WORDS, is_prose
from .fields_util import DATE_LABEL, RELATIVE_DATE

_TIME = regex.compile(r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?|uhr|h)?(?!\d)", regex.I)
#: The "T" between an ISO date and its time ("2021-01-18T19:55"), left when the date is cut out.
_ISO_TIME_MARK = regex.compile(r"(?<!\S)T(?=\d{1,2}:\d{2})")
_DIGIT = regex.compile(r"\d")
_SEPARATORS = regex.compile(r"[\s|·•,;/()\[\]\-–—:.@]+")
_RESIDUE_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")


class FoundDate(NamedTuple):
    """A date found in a line: its value, where it stood, and the label before it, if any."""

    value: datetime.date
    start: int
    end: int
    kind: str  # "published", "updated" or "" (no label)


#: Where a four-digit year may end although a digit follows: a page dump glues the next date or
#: the time onto it ("28. Juni 201914. Januar 2020", "October 17, 20236:01 PM").
_YEAR_END = r"(?:(?!\d)|(?=\d{1,2}(?:[:.]\d{2}(?!\d)|\.\s?\p{L})))"
#: A capitalised month name may touch the lower-case end of the word before it, as a page dump
#: glues a name onto a date ("Jane DoeMarch 5, 2025"): that pattern runs only on a line where a
#: lower-case letter touches a capital (``_CAMEL``), since it costs twice the plain one.
_GLUED_MONTH_START = r"(?-i:(?<=\p{Ll})(?=\p{Lu}))"
_CAMEL = regex.compile(r"\p{Ll}\p{Lu}")
_GLUED = "glued_month_d_y"
#: Where a day may start: not inside a number, unless a year ends right before it (see ``_YEAR_END``).
_DAY_START = r"(?:(?<!\d)|(?<=(?<!\d)(?:19|20)\d{2}))"


@functools.lru_cache(maxsize=64)
def _patterns(lexicon: Lexicon) -> dict[str, regex.Pattern[str]]:
    months = lexicon.table("dates", "months")
    names = "|".join(regex.escape(m) for m in sorted(months, key=len, reverse=True))
    month_d_y = rf"(?P<month>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}}){_YEAR_END}"
    return {
        "ymd": regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)"),
        "dmy": regex.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2}|\d{2})(?![\d.]\d)"),
        "slash": regex.compile(r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2}|\d{2})(?!\d)"),
        "d_month_y": regex.compile(
            rf"{_DAY_START}(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th|er|º|°)?\s*(?:de\s+|of\s+)?(?P<month>{names})\.?,?\s*(?:de\s+|del\s+)?(?P<y>(?:19|20)\d{{2}}){_YEAR_END}",
            regex.I),
        "month_d_y": regex.compile(rf"(?<!\p{{L}}){month_d_y}", regex.I),
        _GLUED: regex.compile(rf"{_GLUED_MONTH_START}{month_d_y}", regex.I),
    }


def _make(y: int, m: int, d: int) -> datetime.date | None:
    if y < 100:
        y += 2000
    try:
        value = datetime.date(y, m, d)
    except ValueError:
        return None
    # A date after tomorrow (time zones) is not a publication date but a typo or an event.
    if value.year < 1990 or value > datetime.date.today() + datetime.timedelta(days=1):
        return None
    return value


def find_dates(text: str, lexicon: Lexicon, *, month_first: bool = False) -> list[FoundDate]:
    """Every calendar date in a line, left to right, each with the label (published or updated)
    that stands before it. ``month_first`` reads 1/2/2024 as January 2 (US style)."""
    if not _DIGIT.search(text):  # every date pattern needs a digit: most lines have none
        return []
    months = lexicon.table("dates", "months")
    spans: list[tuple[int, int, datetime.date]] = []
    taken: list[tuple[int, int]] = []
    for key, pattern in _patterns(lexicon).items():
        if key == _GLUED and not _CAMEL.search(text):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            g = m.groupdict()
            if key == "slash":
                a, b = int(g["a"]), int(g["b"])
                value = (_make(int(g["y"]), a, b) if month_first else None) or _make(int(g["y"]), b, a) \
                    or _make(int(g["y"]), a, b)
            elif "month" in g:
                value = _make(int(g["y"]), int(months[g["month"].casefold()]), int(g["d"]))
            else:
                value = _make(int(g["y"]), int(g["m"]), int(g["d"]))
            if value:
                spans.append((m.start(), m.end(), value))
                taken.append((m.start(), m.end()))
    spans.sort()
    published = lexicon.pattern("dates", "published", "end")
    updated = lexicon.pattern("dates", "updated", "end")
    filler = lexicon.pattern("dates", "filler", "end")
    found = []
    for start, end, value in spans:
        before = text[max(0, start - 60):start].rstrip(" :,")
        kind = _label_kind(before, published, updated)
        # "Publicado el martes, 21 de enero": weekdays and filler may stand between label and date.
        for _ in range(3):
            fill = filler.search(before)
            if kind or not fill or (fill.start() and before[fill.start() - 1].isalnum()):
                break
            before = before[:fill.start()].rstrip(" :,")
            kind = _label_kind(before, published, updated)
        found.append(FoundDate(value, start, end, kind))
    return found


def _label_kind(before: str, published: regex.Pattern[str], updated: regex.Pattern[str]) -> str:
    """Which label ends the text before a date: "updated", "published" or "" (whole words only)."""
    for kind, pattern in (("updated", updated), ("published", published)):
        m = pattern.search(before)
        if m and not (m.start() and before[m.start() - 1].isalnum()):
            return kind
    return ""


def residue(text: str, dates: list[FoundDate], lexicon: Lexicon) -> list[str]:
    """The words of a line that are not a date, a time, a date label or filler."""
    for d in reversed(dates):
        text = text[:d.start] + " " + text[d.end:]
    text = _TIME.sub(" ", _ISO_TIME_MARK.sub(" ", text))
    text = lexicon.pattern("reading_time", "lines_re", "search").sub(" ", text)
    text = lexicon.pattern("dates", "relative_re", "word").sub(" ", text)
    ignore = (lexicon.words("dates", "published") | lexicon.words("dates", "updated")
              | lexicon.words("dates", "filler"))
    words = []
    for w in _RESIDUE_WORD.findall(_SEPARATORS.sub(" ", text)):
        if w.casefold() not in ignore:
            words.append(w)
    # Multi-word labels ("zuletzt aktualisiert am") are in the lists as phrases too.
    return [w for w in words if not _is_label_phrase_word(w, lexicon)]


def _is_label_phrase_word(word: str, lexicon: Lexicon) -> bool:
    w = word.casefold()
    return any(w in phrase.split() for phrase in lexicon.words("dates", "published") | lexicon.words("dates", "updated"))


def is_date_line(text: str, lexicon: Lexicon, *, month_first: bool = False,
                 dates: list[FoundDate] | None = None) -> bool:
    """True for a line that is only a date (with labels, time and filler), only a date label
    ("Stand"), or only a relative date ("vor 3 Stunden"). ``dates``: the line's
    :func:`find_dates`, when the caller has them already."""
    if len(text) > 160:
        return False
    if dates is None:
        dates = find_dates(text, lexicon, month_first=month_first)
    if dates:
        return not residue(text, dates, lexicon)
    core = text.strip(" :•·|-–")
    if not core:
        return False
    if any(lexicon.pattern("dates", key, "line").match(core) for key in ("published", "updated")):
        return True
    return bool(lexicon.pattern("dates", "relative_re", "search").search(core)) and not residue(core, [], lexicon)


def choose(dates: list[FoundDate]) -> datetime.date | None:
    """Published over updated; among unlabelled dates the first (pages show published first)."""
    if not dates:
        return None
    for kind in ("published", ""):
        for d in dates:
            if d.kind == kind:
                return d.value
    return dates[0].value


@dataclass(frozen=True)
class PublishedDate(Cleaner):
    """Claim the date lines at the top of the article and set ``date`` to the published date.

    Only lines before the article's third paragraph of running text count (a date inside the
    story is not its date). A meta line ("27.01.2020 | Soziales", "Jane Doe - Nov 19, 2019") counts
    when at most ``max_meta_unknown_words`` words on it are not understood; a date beside such
    words is used only when no plain date line is found, and not when an unknown label stands
    before it ("Release: 14.11.2019"). A date label with no date ("Stand") and a relative date ("vor 3
    Stunden") are removed without setting a date.
    """

    name = "date"
    uses = ("byline",)
    provides = ("date",)
    description = "claims date lines near the top; sets the published date (published over updated)"
    header_paragraphs: int = 2
    max_residue_words: int = 0
    #: Words a meta line ("27.01.2020 | Soziales") may hold besides date, author and counts.
    max_meta_unknown_words: int = 2
    #: Whether a date beside words not understood ("bis 31.12.2018", "Release: 14.11.2019")
    #: may be the page's date when no other date line is found.
    use_weak: bool = True

    def __call__(self, page: Page) -> None:
        from ..language import stopwords
        from .meta import parse_meta_line
        assert page.lexicon is not None
        lex = page.lexicon
        scan = page.scan
        month_first = page.language == "en"
        stop = stopwords(page.language)
        candidates: list[FoundDate] = []
        weak: list[FoundDate] = []
        prose = 0
        for i, line in enumerate(page.lines):
            text = line.text
            # (a line another field claimed that holds the date too: "von David · 18. Oktober 2019")
            if not text or not (line.kept or "date" in line.fields):
                continue
            if not line.kept:  # the byline step took it: "von David · 18. Oktober 2019"
                meta = parse_meta_line(text, lex, month_first=month_first, stopwords=stop)
                if meta is not None:
                    candidates.extend(meta.dates)
                continue
            if is_prose(text, min_words=PARAGRAPH_WORDS):
                prose += 1
                if prose > self.header_paragraphs:
                    break
                continue
            if len(text) > 160:
                continue
            dates = find_dates(text, lex, month_first=month_first)
            if dates:
                if len(residue(text, dates, lex)) <= self.max_residue_words:
                    page.claim(i, "date", self.name, "date line")
                    candidates.extend(dates)
                else:
                    meta = parse_meta_line(text, lex, month_first=month_first, stopwords=stop)
                    if meta is not None and meta.unknown_words <= self.max_meta_unknown_words:
                        page.claim(i, "date", self.name, "date line with author, category or count")
                        # a date beside unknown words (a category? a teaser?) counts only if no other does
                        if not meta.unknown:
                            candidates.extend(meta.dates)
                        elif not meta.unknown_before_date:
                            weak.extend(meta.dates)
            elif scan.hit(DATE_LABEL, text):
                page.claim(i, "date", self.name, "date label without a date")
            elif scan.hit(RELATIVE_DATE, text) and not residue(text, [], lex):
                page.claim(i, "date", self.name, "relative date (no calendar date given)")
        value = choose(candidates) or (choose(weak) if self.use_weak else None)
        if value is not None and "date" not in page.fields:
            page.fields["date"] = value
