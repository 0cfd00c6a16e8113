"""The byline: the authors' names, in page order, from one of three shapes.

* an author box: a label line ("AUTOR/IN", "Autor") and name lines under it, names possibly
  behind a role ("Redakteurin Katharina Kunz", "Autorenprofil Zilan Hatun");
* a byline line: "Von dpa", "By Jane Doe and John Roe", "Text: Anna Muster";
* a meta line: the author beside the date, "von David · 18. Oktober 2019", "Jane Doe | Nov 19,
  2019" (see :mod:`cleannews.fields.meta`);
* a signature at the end: "(yam/sda/dpa)" (used when the page shows no other byline).

Names must look like names (capitalised words, or a known news agency), so that a paragraph
that starts with "Von" is never taken for a byline.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon import Lexicon
from ..lexicon.scan import PageScan
from ..page import Page
from ..language import stopwords
from ..text import PARAGRAPH_WORDS, ends_sentence, is_prose, looks_like_name
from .dates import is_date_line
from .fields_util import BYLINE_LABEL, BYLINE_PREFIX, ROLE_LINE, ROLE_START, byline_prefix
from .meta import _bare_name, parse_meta_line

_SIGNATURE = regex.compile(r"^\(\s*(?P<names>[\p{L}][\p{L}.\-]{0,15}(?:\s*[/,;]\s*[\p{L}][\p{L}.\-]{0,15}){0,6})\s*\)$")
_SPLIT = regex.compile(r"\s*(?:,|;|/|&|\s\+\s)\s*")


#: A date label of at least this many characters ends the names before it ("Jane Doe Last
#: Updated", "Eva Beispiel Zuletzt geändert am"); the shorter ones ("on", "am", "vom") stand
#: between names and dates in ways the meta-line reader knows.
MIN_LABEL_CHARS = 5


class _DateLabels(NamedTuple):
    """A language's published and updated labels (see :func:`before_date_label`)."""

    #: the longest word of each label, case folded: a line holding none of them holds no label
    keys: tuple[str, ...]
    #: the labels as whole words
    words: regex.Pattern[str]
    #: the labels in capitals, glued onto a word in capitals ("KORIN MILLERPUBLISHED:")
    glued: regex.Pattern[str]


@functools.lru_cache(maxsize=64)
def _date_labels(lexicon: Lexicon) -> _DateLabels | None:
    """The language's labels of :data:`MIN_LABEL_CHARS` or more (None: it has none)."""
    labels = sorted({str(w) for key in ("published", "updated") for w in lexicon.list("dates", key)
                     if len(str(w)) >= MIN_LABEL_CHARS}, key=len, reverse=True)
    if not labels:
        return None
    words = "|".join(regex.escape(w).replace("\\ ", r"\s+") for w in labels)
    capitals = "|".join(regex.escape(w.upper()).replace("\\ ", r"\s+") for w in labels)
    return _DateLabels(tuple(sorted({max(w.split(), key=len).casefold() for w in labels})),
                       regex.compile(rf"(?<!\p{{L}})(?:{words})(?!\p{{L}})", regex.I),
                       regex.compile(rf"(?<=\p{{Lu}})(?:{capitals})(?!\p{{L}})"))


def before_date_label(text: str, lexicon: Lexicon) -> str:
    """A byline line up to the date label that follows its names ("By Jeff Cobb. Last Updated",
    "BY KORIN MILLERPUBLISHED: JAN 29, 2025" -> "BY KORIN MILLER "); the line as it is when the
    label starts it or comes after a date ("Published Jan 2, updated Jan 3 by Jane Doe")."""
    labels = _date_labels(lexicon)
    folded = text.casefold()
    if labels is None or not any(key in folded for key in labels.keys):
        return text
    text = labels.glued.sub(lambda m: " " + m.group(0), text)
    m = labels.words.search(text)
    if m is None or not text[:m.start()].strip() or any(c.isdigit() for c in text[:m.start()]):
        return text
    return text[:m.start()]


#: A name that ends with an initial ("Joe S", "Juan Carlos Muñoz C"): its full stop stays.
_ENDS_WITH_INITIAL = regex.compile(r"(?:^|\s)\p{Lu}$")


def _trimmed(text: str) -> str:
    """The text without spaces, colons and full stops at its ends, but for the full stop of a
    closing initial ("Von Joe S." gives "Joe S.")."""
    out = text.strip(" .:")
    if _ENDS_WITH_INITIAL.search(out) and text.rstrip(" :").endswith(out + "."):
        out += "."
    return out


def split_names(text: str, lexicon: Lexicon) -> list[str] | None:
    """The names in "Anna Muster und Max Muster, dpa", or None when any part is not a name; a
    date label ends them ("Jane Doe Last Updated"), and a part that is a role and nothing else
    is left out ("Jane Doe, Senior Analyst")."""
    joiners = lexicon.pattern("byline", "joiners", "search", before=r"\s+", after=r"\s+")
    text = _glued_role(lexicon).sub("", _trimmed(before_date_label(text, lexicon)))
    parts = _SPLIT.split(joiners.sub(", ", _trimmed(text)))
    names = [_undouble(p.strip()) for p in parts if p.strip() and strip_role(p.strip(), lexicon)]
    if not names:
        return None
    particles = lexicon.words("byline", "particles")
    agencies = lexicon.words("byline", "agencies")
    # A name starts with a capital ("der Aktivität zur Dosis" is no name, though it has two).
    good = [n for n in names if n.casefold() in agencies
            or (n[:1].isupper() and looks_like_name(n, particles=particles))]
    if len(good) == len(names):
        return names
    # "Von Anna Muster, Berlin": a trailing one-word place name is a dateline, not an author.
    if len(good) == len(names) - 1 and good == names[:-1] and len(names[-1].split()) == 1 \
            and names[-1][:1].isupper():
        return good
    return None


@functools.lru_cache(maxsize=64)
def _glued_role(lexicon: Lexicon) -> regex.Pattern[str]:
    """A role glued onto the end of a name without a space: "Evan HalperStaff Writer" (matched
    from the end backwards: only the end can hold it, and a forward search would try every role
    at every letter)."""
    roles = sorted(lexicon.list("byline", "roles"), key=len, reverse=True)
    body = "|".join(regex.escape(r).replace(r"\ ", r"\s+") for r in roles) or r"(?!x)x"
    return regex.compile(rf"(?<=\p{{Ll}})(?:{body})$", regex.I | regex.REVERSE)


def _undouble(name: str) -> str:
    """A name said twice in one line ("Olivier Minot Olivier Minot") once."""
    tokens = name.split()
    half = len(tokens) // 2
    if len(tokens) >= 4 and len(tokens) % 2 == 0 and tokens[:half] == tokens[half:]:
        return " ".join(tokens[:half])
    return name


def strip_role(text: str, lexicon: Lexicon, scan: PageScan | None = None) -> str:
    """The name without a leading role word ("Redakteurin Katharina Kunz" -> "Katharina Kunz");
    ``scan``: the page's lexicon scan, which answers for a line of the page."""
    m = scan.match(ROLE_START, text) if scan is not None else ROLE_START.reference(lexicon, text)
    return text[m.end():].strip(" :,-–") if m else text


@dataclass(frozen=True)
class Byline(Cleaner):
    """Claim the byline lines near the top (or a signature at the end) and set ``byline``."""

    name = "byline"
    provides = ("byline",)
    description = ("claims author boxes, 'Von/By …' lines, author-and-date lines and '(abc/dpa)' "
                   "signatures; sets the byline")
    header_paragraphs: int = 2
    max_box_lines: int = 12
    #: Words a meta line may hold besides date, author and counts (a category: "Mac").
    max_meta_unknown_words: int = 2
    #: With a byline found at the top, still claim an "(abc/dpa)" signature at the end.
    claim_signature: bool = True

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        lex = page.lexicon
        scan = page.scan
        prefix = byline_prefix(lex)
        names: list[str] = []
        prose = 0
        for i, line in list(page.kept()):
            text = line.text
            if is_prose(text, min_words=PARAGRAPH_WORDS):
                prose += 1
                if prose > self.header_paragraphs:
                    break
                continue
            if scan.hit(BYLINE_LABEL, text):
                names = self._author_box(page, i)
                if names:
                    break
                continue
            meta = parse_meta_line(text, lex, month_first=page.language == "en",
                                   stopwords=stopwords(page.language))
            if meta is not None:
                # a bare name ("Jane Doe | 12.03.2020") only on a line with nothing else unknown
                if meta.names and (meta.prefixed or not (meta.unknown or meta.categories)) \
                        and meta.unknown_words <= self.max_meta_unknown_words:
                    page.claim(i, "byline", self.name, "byline and date line", also=("date",))
                    names = meta.names
                    break
                continue
            found = self._prefixed(text, prefix, page)
            if found:
                page.claim(i, "byline", self.name, "byline line")
                names = found + self._more_bylines(page, i, prefix)
                break
        if not names:
            names = self._name_over_role(page)
        if not names:
            names = self._signature(page)
        elif self.claim_signature:
            self._signature(page)  # the agencies' signature goes; the byline names the authors
        if names:
            page.fields["byline"] = list(dict.fromkeys(names))
            self._drop_repeats(page)

    @staticmethod
    def _prefixed(text: str, prefix: regex.Pattern[str], page: Page) -> list[str]:
        """The names on a "Von/By …" line (none when the line is no such line)."""
        assert page.lexicon is not None
        m = prefix.match(text) if page.scan.may_hit(BYLINE_PREFIX, text) else None
        if m and not ends_sentence(text) and len(text) <= 120:
            return split_names(m.group("rest"), page.lexicon) or []
        return []

    def _more_bylines(self, page: Page, i: int, prefix: regex.Pattern[str]) -> list[str]:
        """Names on "Von/By …" lines right under the claimed one (one author per line),
        claimed too."""
        assert page.lexicon is not None
        names: list[str] = []
        j = page.next_kept(i)
        while j is not None and j - i <= 2:
            found = self._prefixed(page.lines[j].text, prefix, page)
            if not found:
                break
            page.claim(j, "byline", self.name, "byline line")
            names += found
            i, j = j, page.next_kept(j)
        return names

    def _drop_repeats(self, page: Page) -> None:
        """Other copies of a claimed byline line ("Von Anna Muster" in a teaser or a sticky
        header) are chrome, as repeats of the headline are."""
        claimed = {line.text.strip().casefold() for line in page.lines if line.fields[:1] == ("byline",)}
        for i, line in list(page.kept()):
            if line.text.strip().casefold() in claimed:
                page.remove(i, self.name, "repeat of the byline line", RemovalCode.FIELD_REPEAT)

    def _author_box(self, page: Page, i: int) -> list[str]:
        """Names on the lines under a byline label (blank lines allowed), claiming them."""
        assert page.lexicon is not None
        names, claimed = [], []
        j = i
        for _ in range(self.max_box_lines):
            nxt = page.next_kept(j)
            if nxt is None:
                break
            found = split_names(strip_role(page.lines[nxt].text, page.lexicon, page.scan), page.lexicon)
            nav = page.lexicon.words("navigation", "lines")
            if not found or any(w.casefold().strip(".") in nav for n in found for w in n.split()):
                break
            names.extend(found)
            claimed.append(nxt)
            j = nxt
        if names:
            page.claim(i, "byline", self.name, "byline label")
            for k in claimed:
                page.claim(k, "byline", self.name, "author name")
        return names

    def _name_over_role(self, page: Page) -> list[str]:
        """A bare name on its own line over a role line ("Christoph Hein" / "Chefredakteur") or
        over a date line that starts with a separator (the rest of the same visual line), claimed."""
        assert page.lexicon is not None
        lex = page.lexicon
        stop = stopwords(page.language)
        scan = page.scan
        prose = 0
        for i, line in list(page.kept()):
            text = line.text.strip()
            if is_prose(text, min_words=PARAGRAPH_WORDS):
                prose += 1
                if prose > self.header_paragraphs:
                    break
                continue
            if not _bare_name(text, lex, stop):
                continue
            # A role line under the name ("Chefredakteur") makes it an author; a date line alone
            # does not: a bare title line over a date is too often the headline itself.
            nxt = page.next_kept(i)
            after = page.lines[nxt].text.strip() if nxt is not None else ""
            # ... or a date line that continues it after a separator ("Ronja Beck" / "/ 16.11.2018")
            near_date = bool(after) and (scan.hit(ROLE_LINE, after) or (
                after[:1] in "/|·•–-" and is_date_line(after.lstrip("/|·•–- "), lex,
                                                       month_first=page.language == "en")))
            if near_date:
                page.claim(i, "byline", self.name, "author name over a role")
                return [text]
        return []

    def _signature(self, page: Page) -> list[str]:
        """Names from an "(abc/dpa)" signature line, the last one on the page."""
        for i in reversed(page.kept_indices()):
            text = page.lines[i].text
            m = _SIGNATURE.match(text) if text.startswith("(") else None  # (it starts with "(")
            if m:
                parts = [n.strip() for n in regex.split(r"[/,;]", m.group("names")) if n.strip()]
                agencies = page.lexicon.words("byline", "agencies") if page.lexicon else frozenset()
                if all(p.casefold() in agencies or (p.islower() and 2 <= len(p) <= 5) for p in parts):
                    page.claim(i, "byline", self.name, "author signature", code=RemovalCode.AUTHOR_SIGNATURE)
                    return parts
        return []
