"""The article's main run of prose, found by scoring every line in its context.

A jusText-style classifier made for innerText lines (one line = one paragraph, no markup):

1. each kept line gets features (words, characters, stopword density, sentence punctuation,
   title-case, digits and UI-phrase share) and a class: ``good`` (a paragraph of prose),
   ``near_good`` (prose-like but short or thin), ``short`` (too short to tell) or ``bad``
   (link-list, title-case teaser, digits, UI text);
2. context decides the unsure ones: a short or near-good line between good ones is good
   (a subheading, a one-line paragraph), between bad ones it is bad; more than a few short
   lines in a row that no line announces (":") are a list of links, bad, unless they read
   like list items (numbers, bullets, closing punctuation) between two paragraphs; rows of
   figures under prose or a ":" line are a table, neutral like a code listing;
3. good lines with little chrome between them form a block; a closing-section header
   ("Comments", "Related") ends one, except a related-links box of a few lines inside the
   text. The main run is the block with the most prose (weighted by its purity) in the first
   part of the page that has real prose, preferring the block right under the headline, and
   joined with neighbouring blocks across light chrome (not with a lone short paragraph
   behind several chrome lines: a teaser's summary), and extended over short closing
   sentences right after it. Comment threads stand after their header; teaser lists (title,
   author, date, summary) are impure.

:class:`MainText` removes what stands before the main run, chrome and nearby repeated lines
inside it, and marks where it ends; :class:`AfterMainText` (run after the closing-section
steps, so that they name what they remove) removes what is still kept after its end and the
closing chrome at the end of the run. Every reason names the evidence.
"""

from __future__ import annotations

import functools
import operator
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

import regex

from ..cleaner import Cleaner
from ..language import stopwords
from ..lexicon import Lexicon
from ..lexicon.needles import Needles
from ..page import Page
from ..text import (SENTENCE_MARKS, SPACES, TERMINAL, announces_list, closes_with, count_digits_letters, for_text,
                    is_title_like, list_number, word_count)
from .sections import end_headers

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}\p{M}'’\-]*")
_ASCII_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")  # (_WORD's twin, see text.for_text)
_DIGIT = regex.compile(r"\p{N}")
_FIRST = operator.itemgetter(0)
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_CREDIT_START = regex.compile(r"^\s*(?:©|\(c\))\s*\p{L}")
#: how a list item in the text starts: a number or quantity, a bullet
_ITEM_START = regex.compile(r"^\s*(?:[-–•*·]\s|\d+(?:[.,/]\d+)?\s*(?:\p{L}{1,5}\.?\s|\)|\.\s|%|\s))")
_COPYRIGHT = regex.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", regex.I)

GOOD, NEAR_GOOD, SHORT, BAD, CODE = "good", "near_good", "short", "bad", "code"
#: evidence prefix of a short line in a list that the text holds (see MainText._short_runs)
LIST_ITEM = "list item"
#: A line of program code (a listing in a tutorial or a data story): neither prose nor chrome.
_CODE = regex.compile(
    r"^\s*(?:(?:def|class|import|return|elif|except|var|let|const|function|public|private|static|"
    r"package|\#include|\#define|SELECT|INSERT|UPDATE)\b|from\s+\S+\s+import\b|@\w+\s*(?:\(|$)|>>>|//|/\*|\$\s+\w)"
    r"|[;{}]\s*$|\w\([^()]*\)\s*[:;{]?\s*$|^\s*[\w.\[\]\"']+\s*[-+*/]?=\s*\S|</?[a-z][\w-]*(?:\s[^>]*)?>")


def ui_pattern(lexicon: Lexicon) -> regex.Pattern[str]:
    """The lexicon's UI phrases as one pattern: ``[scorer] ui`` (literal phrases, whole words
    anywhere in the line) and ``[scorer] ui_re`` (regular expressions anchored at the line's
    start: "Tags: …", "3 responses to …")."""
    return _either(lexicon.pattern("scorer", "ui_re", "start").pattern,
                   lexicon.pattern("scorer", "ui", "word").pattern)


@functools.lru_cache(maxsize=64)
def _either(first: str, second: str) -> regex.Pattern[str]:
    return regex.compile(f"{first}|{second}", regex.I | regex.V0)


def _mass(text: str, spaceless: bool) -> int:
    """A line's prose mass in characters; in a language written without spaces one of its
    characters counts as three letters (as in :func:`line_features`)."""
    return len(text) + 2 * len(_CJK.findall(text)) if spaceless else len(text)


def _function_chars(page: Page) -> regex.Pattern[str] | None:
    """The page language's pattern of grammatical characters, for languages written without
    spaces (lexicon ``[scorer] function_chars_re``), else None."""
    assert page.lexicon is not None
    if not page.lexicon.list("scorer", "function_chars_re"):
        return None
    return page.lexicon.pattern("scorer", "function_chars_re", "search")


def _spaceless_measures(page: Page) -> dict[str, Any]:
    """The keyword arguments of :func:`line_features` for the page's language: its function
    characters and their scale (lexicon ``[scorer]``; none for languages that write spaces)."""
    assert page.lexicon is not None
    return {"function_chars": _function_chars(page),
            "function_scale": float(page.lexicon.value("scorer", "function_chars_scale", 1.0))}


def hard_breaks(page: Page) -> set[int]:
    """The closing-section headers that end a block of prose. Not counted: a header-like line
    that an earlier step removed together with the line directly above or below it (a
    "Comments" button in a share bar, a menu item), and a line starting with "© Name" (a
    photo credit; a copyright footer starts with "© 2024" or stands after the article's prose
    anyway).
    """
    out = {i for i, line in enumerate(page.lines)  # "More from the Times": the section step's link
           if line.removal is not None and line.removal.cleaner == "section"
           and line.removal.reason.startswith("link to more articles")}
    for i, family in end_headers(page):
        line = page.lines[i]
        if _in_toolbar(page, i):
            continue
        if family == "footer" and _CREDIT_START.match(line.text):
            continue  # "© Name/Agency": a photo credit, unless the page's prose ends there
        out.add(i)
    return out


def _in_toolbar(page: Page, i: int) -> bool:
    """True when line i is one button of a bar, not a header: it was removed together with a
    neighbour (no blank line between) by the same step, or it stands right next to a share
    button ("Facebook", "Twitter", "E-Mail", "Kommentare")."""
    removal = page.lines[i].removal
    cleaner = removal.cleaner if removal is not None else None
    for j in (i - 1, i + 1):
        if 0 <= j < len(page.lines):
            other = page.lines[j]
            if not other.text or other.removal is None:
                continue
            if other.removal.cleaner == cleaner or other.removal.cleaner == "share_buttons":
                return True
    return False


class LineFeatures(NamedTuple):
    """What the classifier looks at in one line."""

    words: int
    chars: int
    stopword_density: float
    sentence: bool         # ends like a sentence (. ! ? …)
    title_share: float     # share of words starting with a capital letter
    digit_share: float     # share of digits among letters and digits
    ui: str | None         # the UI phrase the line holds, if any
    ui_start: bool         # the line starts with it ("Sign up to get …")
    glued_title: bool      # a title-case title glued to a summary ("… On The RiseViolence is …")
    code: bool             # looks like a line of program code


# a lower-case letter run (or ? !) touching a capitalised word: where a teaser's title was glued
# to its summary by a scraper that dropped the line break
_GLUE = regex.compile(r"(?<=\p{Ll}{2}[?!]?)(?=\p{Lu}\p{Ll}*\s)")


def glued_title(text: str) -> bool:
    """True for "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's run was …": a Title Case
    title of 4+ words glued without a space to a summary of 5+ words. (A sentence that names a
    "MacBook" has lower-case words before it and is not taken.)"""
    for m in _GLUE.finditer(text):
        head, tail = text[:m.start()], text[m.start():]
        alpha = [w for w in _WORD.findall(head) if w[:1].isalpha()]
        if len(_WORD.findall(head)) < 4 or len(_WORD.findall(tail)) < 5 or not alpha:
            continue
        caps = sum(1 for w in alpha if w[:1].isupper())
        if caps >= 0.75 * len(alpha) and all(w[:1].isupper() for w in alpha if len(w) >= 4):
            return True
    return False


def line_features(text: str, stops: frozenset[str], ui: regex.Pattern[str] | None = None, *,
                  ui_needles: Needles | None = None, ui_lead: regex.Pattern[str] | None = None,
                  function_chars: regex.Pattern[str] | None = None, function_scale: float = 1.0,
                  ui_words: int | None = None) -> LineFeatures:
    """The features of one line, given the page language's stopwords and UI-phrase pattern
    (``ui_needles``: that pattern's needles on this page, see :meth:`Lexicon.needles`; a line
    without one is not searched; ``ui_lead``: UI patterns anchored at the line's start, tried
    first, as :func:`ui_pattern` does; ``ui_words``: ``ui`` is not searched through a line of
    more words, in a language written with spaces).

    For a language written without spaces (Chinese, Japanese: ``function_chars`` is its
    pattern of grammatical characters) a run of its characters is measured by what it holds:
    two characters count as a word and one as three letters, and the share of function
    characters (times ``function_scale``) stands for the stopword density."""
    tokens = for_text(text, _WORD, _ASCII_WORD).findall(text)
    n = len(tokens)
    stop = sum(map(stops.__contains__, map(str.casefold, tokens)))
    caps = sum(map(str.isupper, map(_FIRST, tokens)))  # (tokens are never empty)
    digits, letters = count_digits_letters(text)
    m = ui_lead.match(text) if ui_lead is not None else None  # (what ui_pattern finds first)
    if m is None and ui is not None and (ui_words is None or function_chars is not None or n <= ui_words) \
            and (ui_needles is None or ui_needles.in_line(text)):
        m = ui.search(text)
    chars = len(text)
    density = stop / n if n else 0.0
    if function_chars is not None and not text.isascii():
        cjk = len(_CJK.findall(text))
        if cjk and cjk >= letters / 2:
            latin = sum(1 for t in tokens if not _CJK.match(t))
            n = latin + (cjk + 1) // 2
            chars = _mass(text, True)
            density = min(1.0, function_scale * len(function_chars.findall(text)) / cjk)
    return LineFeatures(
        words=n, chars=chars, stopword_density=density,
        sentence=closes_with(text, SENTENCE_MARKS),  # (TERMINAL, read from the end)
        title_share=caps / n if n else 0.0,
        digit_share=digits / (digits + letters) if digits + letters else 1.0,
        ui=m.group(0) if m else None, ui_start=m is not None and not _WORD.search(text[:m.start()]),
        glued_title=glued_title(text),
        code=density < 0.3 and _code_like(text))


#: Of the alternatives of _CODE, those not anchored at the line's start end the line with one of
#: these (before spaces) or hold a tag ("<").
_CODE_ENDS = ";{}):"


def _code_like(text: str) -> bool:
    """``_CODE.search(text)``, but a line that neither ends with one of :data:`_CODE_ENDS`
    (before spaces) nor holds a "<" (or a line break) is only tried at its start, where the
    anchored alternatives stand."""
    last = text.rstrip(SPACES)[-1:]
    if "<" in text or "\n" in text or (last and last in _CODE_ENDS):
        return bool(_CODE.search(text))
    return bool(_CODE.match(text))


@dataclass(frozen=True)
class Verdict:
    """A line's class and the evidence for it, in words (used in removal reasons)."""

    cls: str
    evidence: str


@dataclass(frozen=True)
class LineClassifier:
    """Classify one line from its features alone (thresholds after jusText, in characters)."""

    length_low: int = 70
    length_high: int = 200
    stopwords_low: float = 0.20
    stopwords_high: float = 0.30
    max_digit_share: float = 0.4
    max_ui_words: int = 16

    def classify(self, f: LineFeatures) -> Verdict:
        """good / near_good / short / bad, with the evidence."""
        share = f"{round(100 * f.stopword_density)}% stopwords"
        if f.code:
            return Verdict(CODE, "code-like line")
        if f.words == 0:
            return Verdict(BAD, "no words")
        if f.digit_share > self.max_digit_share and f.words <= 12:
            return Verdict(BAD, f"mostly digits ({f.words} words)")
        if f.ui and (f.words <= self.max_ui_words or (f.ui_start and f.words <= 2 * self.max_ui_words)):
            return Verdict(BAD, f"UI text {f.ui!r} ({f.words} words)")
        if f.glued_title:
            return Verdict(BAD, "teaser: a title glued to its summary")
        if f.chars < self.length_low:
            if f.stopword_density == 0 and f.words >= 2:
                return Verdict(SHORT, f"link-like line ({f.words} words, no stopwords)")
            return Verdict(SHORT, f"short line ({f.words} words)")
        if f.stopword_density >= self.stopwords_high:
            if f.chars >= self.length_high or (f.sentence and f.words >= 10):
                return Verdict(GOOD, f"prose ({f.words} words, {share})")
            return Verdict(NEAR_GOOD, f"prose-like ({f.words} words, {share})")
        if f.stopword_density >= self.stopwords_low or (f.sentence and f.words >= 12 and f.stopword_density >= 0.1):
            return Verdict(NEAR_GOOD, f"thin prose ({f.words} words, {share})")
        if f.title_share >= 0.6 and not f.sentence:
            return Verdict(BAD, f"title-case line ({f.words} words, {share})")
        return Verdict(BAD, f"link-list line ({f.words} words, {share})")


def relabel(classes: list[str]) -> list[str]:
    """jusText's context rule: short and near-good lines take the class of their neighbours.

    A short line between good ones (skipping other short and near-good lines) is good, between
    bad ones bad; with one of each it is good only when a near-good line stands next to it on
    the bad side. A near-good line is bad only when both its neighbours are bad. The page's
    edges count as bad.
    """
    n = len(classes)

    def neighbour(i: int, step: int, ignore_near_good: bool) -> str:
        j = i + step
        while 0 <= j < n:
            c = classes[j]
            if c in (GOOD, BAD):
                return c
            if c == NEAR_GOOD and not ignore_near_good:
                return c
            j += step
        return BAD

    out = list(classes)
    for i, c in enumerate(classes):
        if c != SHORT:
            continue
        prev, nxt = neighbour(i, -1, True), neighbour(i, 1, True)
        if prev == GOOD and nxt == GOOD:
            out[i] = GOOD
        elif prev == BAD and nxt == BAD:
            out[i] = BAD
        elif (prev == BAD and neighbour(i, -1, False) == NEAR_GOOD) or \
                (nxt == BAD and neighbour(i, 1, False) == NEAR_GOOD):
            out[i] = GOOD
        else:
            out[i] = BAD
    result = list(out)
    for i, c in enumerate(out):
        if c != NEAR_GOOD:
            continue
        prev, nxt = _plain_neighbour(out, i, -1), _plain_neighbour(out, i, 1)
        result[i] = BAD if prev == BAD and nxt == BAD else GOOD
    return result


def _plain_neighbour(classes: list[str], i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(classes):
        if classes[j] in (GOOD, BAD):
            return classes[j]
        j += step
    return BAD


class Block(NamedTuple):
    """Good lines (indices into page.lines) that belong together, and their prose mass."""

    start: int
    end: int             # index of the block's last good line
    mass: int            # characters of good lines, times the block's purity
    gap_before: float    # weight of the chrome between the previous block and this one
    header_before: str   # the family of a closing-section header between them ("" if none)
    purity: float = 1.0  # share of its kept lines that are prose on their own
    soft_before: str = ""  # a related-links box's header between them, deemed inside the text


@dataclass(frozen=True)
class MainText(Cleaner):
    """Find the article's main run of prose and remove what stands before it.

    Good lines with less than ``max_gap`` chrome between them form a block: a kept non-prose
    line weighs 1 (``standalone_weight`` when it is a paragraph of its own on a page that sets
    paragraphs apart with blank lines), a line an earlier step removed weighs
    ``removed_weight`` (captions and ad labels stand inside articles); a closing-section header
    ("Comments", "Related") always ends a block. The main run is the block with the most prose
    after the headline, joined with the blocks before it (``merge_before``) and after it
    (``merge_after``) while the chrome between them is light and no header stands there.
    Lines between the headline and the run go; so does everything before the run when no
    headline was found. The run's end is left in ``page.fields["_main_end"]`` for
    :class:`AfterMainText`.
    """

    name = "main_text"
    full_page_only = True
    description = "scores lines in context (jusText-style) and removes what stands before the article's main run of prose"
    max_gap: float = 4
    removed_weight: float = 0.25
    standalone_weight: float = 0.4
    merge_before: float = 12
    merge_under_headline: float = 100
    merge_after: float = 6
    merge_after_pure: float = 10
    pure: float = 0.75
    min_chars: int = 250
    zone_share: float = 0.3
    #: a related box inside the text: its header and up to six teasers with their authors
    max_box_lines: int = 14
    #: a donation box inside the text: its button and at most this many lines under it
    max_button_lines: int = 1
    inside: bool = True
    #: inside the run, a short line that reads as a sentence ("Then it rained.") stays even
    #: when its neighbours make it look like chrome; labels and links still go
    keep_inside_sentences: bool = True
    max_dek_lines: int = 2
    max_short_run: int = 5
    #: a list heading ("Ingredients") among the first few lines of a run of short lines (a line
    #: ending with ":" right above it or at its head) makes the run a list of the text
    announce_within: int = 4
    headline_bonus: float = 3.0
    tight_lists: bool = True
    max_list_words: int = 20
    #: Drop a line of the main run that repeats one of the ``repeat_window`` kept lines above
    #: it (a photo caption shown two or four times by a gallery widget). The window is kept
    #: small: an interview may repeat a question further down, and a wide window let cleaning
    #: the result again remove more (the lines it removes change the context the classifier
    #: sees).
    drop_repeats: bool = True
    repeat_window: int = 3
    flanked_lists: bool = True
    extend_end: bool = True
    extend_start: bool = True
    numbered_lists: bool = True
    min_items: int = 3
    max_item_gap: int = 4
    tables: bool = True
    stray_gap: float = 3
    long_prose_words: int = 40
    stray_chars: int = 500
    min_closing_words: int = 3
    classifier: LineClassifier = LineClassifier()

    def analyse(self, page: Page) -> dict[int, tuple[str, Verdict]]:
        """index -> (class in context, verdict alone) for every kept line."""
        return self._analyse(page, hard_breaks(page), _uses_paragraph_breaks(page))

    def _analyse(self, page: Page, headers: set[int], paragraphs: bool) -> dict[int, tuple[str, Verdict]]:
        """:meth:`analyse`, given the page's :func:`hard_breaks` and whether it sets paragraphs
        apart (computed once per page by :meth:`__call__`)."""
        assert page.lexicon is not None
        stops = stopwords(page.language)
        # (ui_pattern in two parts: the anchored ui_re list is tried at the line's start, the
        # ui phrases only on lines that hold one of their needles)
        ui_lead = page.lexicon.pattern("scorer", "ui_re", "start")
        ui = page.lexicon.pattern("scorer", "ui", "word")
        spaceless = _spaceless_measures(page)
        kept = page.kept_indices()
        texts = [page.lines[i].text for i in kept]
        # (the classifier reads a line's UI phrase only up to twice max_ui_words words: longer
        # lines, which have more words by text.word_count too, are not searched)
        ui_words = 2 * self.classifier.max_ui_words if type(self.classifier).classify is LineClassifier.classify \
            else None
        needles = page.lexicon.needles("scorer", ("ui",))
        if needles is not None:
            needles = needles.in_page(texts if ui_words is None or spaceless["function_chars"] is not None
                                      else (t for t in texts if word_count(t) <= ui_words))
        verdicts = [self.classifier.classify(line_features(text, stops, ui, ui_needles=needles, ui_lead=ui_lead,
                                                           ui_words=ui_words, **spaceless))
                    for text in texts]
        verdicts = self._repeated(page, kept, verdicts)
        classes = [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)]
        verdicts = self._short_runs(page, kept, classes, verdicts)
        if self.tight_lists and paragraphs:
            verdicts = self._tight_lists(page, kept, verdicts)
        if self.tables:
            verdicts = self._tables(page, kept, [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)], verdicts)
        classes = [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)]
        context = relabel(classes)
        return {i: (c, v) for i, c, v in zip(kept, context, verdicts)}

    @staticmethod
    def _repeated(page: Page, kept: list[int], verdicts: list[Verdict]) -> list[Verdict]:
        """A line that is not prose and stands more than once on the page (a teaser's kicker
        and title, a menu shown twice) is chrome: articles do not repeat their lines."""
        counts: dict[str, int] = {}
        for line in page.lines:
            if line.text:
                key = line.text.casefold()
                counts[key] = counts.get(key, 0) + 1
        out = list(verdicts)
        for k, i in enumerate(kept):
            n = counts.get(page.lines[i].text.casefold(), 0)
            if n > 1 and verdicts[k].cls in (SHORT, NEAR_GOOD):
                out[k] = Verdict(BAD, f"stands {n} times on the page ({verdicts[k].evidence})")
        return out

    def _tight_lists(self, page: Page, kept: list[int], verdicts: list[Verdict]) -> list[Verdict]:
        """On a page that sets its paragraphs apart with blank lines, four or more lines with
        no blank line between them, none longer than ``max_list_words`` words, are a list of
        links (teaser titles, a menu), unless a line ending with ":" announces them."""
        assert page.lexicon is not None
        headers = page.lexicon.pattern("lists", "headers", "word")
        position = {i: k for k, i in enumerate(kept)}
        out = list(verdicts)
        lines = page.lines
        i = 0
        while i < len(lines):
            if not lines[i].text:
                i += 1
                continue
            j = i
            while j < len(lines) and lines[j].text:
                j += 1
            group = [k for k in range(i, j) if k in position]
            if (j - i >= 4 and len(group) >= 3 and not self._announced_at(page, i, headers)
                    and all(len(_WORD.findall(lines[k].text)) <= self.max_list_words for k in group)
                    and not any(verdicts[position[k]].cls == CODE for k in group)):
                for k in group:
                    v = verdicts[position[k]]
                    if v.cls != BAD:
                        out[position[k]] = Verdict(BAD, f"one of {j - i} lines in a tight list ({v.evidence})")
            i = j
        return out

    @staticmethod
    def _announced_at(page: Page, i: int, headers: regex.Pattern[str]) -> bool:
        """True when line i, or the non-blank line above it, announces a list."""
        before = page.next_nonblank(i, -1)
        return any(announces_list(page.lines[k].text, headers) for k in ([before] if before is not None else []) + [i])

    def _short_runs(self, page: Page, kept: list[int], classes: list[str], verdicts: list[Verdict]) -> list[Verdict]:
        """More than ``max_short_run`` short lines in a row, none of them prose, are a list of
        links (a menu, teaser titles with their authors): bad, whatever their neighbours. A
        list the text announces (a line ending with ":" just before it or at its head) is left
        to the context."""
        assert page.lexicon is not None
        headers = page.lexicon.pattern("lists", "headers", "word")
        out = list(verdicts)
        n = 0
        while n < len(kept):
            if classes[n] not in (SHORT, NEAR_GOOD):
                n += 1
                continue
            m = n
            while m < len(kept) and classes[m] in (SHORT, NEAR_GOOD):
                m += 1
            shorts = [k for k in range(n, m) if classes[k] == SHORT]
            announced = any(announces_list(page.lines[kept[k]].text, headers, colon=k <= n + 1)
                            for k in range(max(n - 1, 0), min(n + self.announce_within, m)))
            if not announced and self.flanked_lists and self._content_list(page, [kept[k] for k in shorts]) \
                    and n > 0 and m < len(kept) and classes[n - 1] == GOOD and classes[m] == GOOD:
                announced = True
                for k in shorts:  # a list in the text: it does not make its block less pure
                    out[k] = Verdict(SHORT, f"{LIST_ITEM} ({verdicts[k].evidence})")
            if len(shorts) > self.max_short_run and not announced:
                for k in shorts:
                    out[k] = Verdict(BAD, f"one of {len(shorts)} short lines in a row ({verdicts[k].evidence})")
            n = m
        return out

    def _tables(self, page: Page, kept: list[int], classes: list[str], verdicts: list[Verdict]) -> list[Verdict]:
        """Three or more rows with figures ("3 Kevin Harvick 5033 4 6 15 26"), the first of
        them mostly digits, with prose or a line ending with ":" right above (or above a header
        row) and prose or a short note right below, are a table in the text: like a code
        listing, neither prose nor chrome (kept inside the run, no gap)."""
        out = list(verdicts)
        n = 0
        while n < len(kept):
            if not verdicts[n].evidence.startswith("mostly digits"):
                n += 1
                continue
            m = n
            while m < len(kept) and (verdicts[m].evidence.startswith("mostly digits")
                                     or (classes[m] == SHORT and _DIGIT.search(page.lines[kept[m]].text))):
                m += 1
            top = n - 1 if n > 1 and classes[n - 1] == SHORT else n  # the table's header row
            above = top > 0 and (classes[top - 1] == GOOD or page.lines[kept[top - 1]].text.rstrip().endswith(":"))
            if m - n >= 3 and above and m < len(kept) and classes[m] in (GOOD, NEAR_GOOD, SHORT):
                for k in range(n, m):
                    out[k] = Verdict(CODE, f"table row ({verdicts[k].evidence})")
            n = m
        return out

    @staticmethod
    def _content_list(page: Page, indices: list[int]) -> bool:
        """True when most of these short lines read like the items of a list in the text
        (ingredients, specifications, steps: they start with a number or a bullet, or close
        with a comma, semicolon or full stop) rather than like links (names, headlines)."""
        items = 0
        for i in indices:
            text = page.lines[i].text.strip()
            if _ITEM_START.match(text) or text.endswith((",", ";", ".")):
                items += 1
        return items >= 0.6 * len(indices)

    def blocks(self, page: Page, labels: dict[int, tuple[str, Verdict]]) -> list[Block]:
        """Runs of good lines with less than ``max_gap`` chrome between them, top to bottom."""
        return self._blocks(page, labels, hard_breaks(page), _uses_paragraph_breaks(page))

    def _blocks(self, page: Page, labels: dict[int, tuple[str, Verdict]], headers: set[int],
                paragraphs: bool) -> list[Block]:
        """:meth:`blocks`, given what :meth:`_analyse` is given."""
        spaceless = _function_chars(page) is not None
        rows: list[tuple[int, bool, float]] = []  # (index, good, chrome weight) of content lines
        for i, line in enumerate(page.lines):
            if not line.text or line.field is not None:  # headline, byline, date: neither
                continue
            cls = labels.get(i, (BAD,))[0]
            if i not in headers and cls == GOOD:
                rows.append((i, True, 0.0))
            elif cls == CODE:
                rows.append((i, False, 0.0))  # a code listing inside the article
            elif not line.kept:
                # a line an earlier step removed (a caption, an ad label, a share bar) often
                # stands inside articles: it weighs a quarter
                rows.append((i, False, self.removed_weight))
            elif paragraphs and _standalone(page, i):
                rows.append((i, False, self.standalone_weight))  # a list item or subheading
            else:
                rows.append((i, False, 1.0))
        out: list[Block] = []
        current: list[int] = []  # positions in rows of the current block's lines
        gap, header_at, since_header = 0.0, None, 0
        mass = 0
        pending: tuple[float, str, str] = (0.0, "", "")
        families = dict(end_headers(page))
        for n, (i, is_good, weight) in enumerate(rows):
            if is_good:
                # a header that is no end-section header is the section step's "More from …"
                family = (families.get(header_at) or "related") if header_at is not None else ""
                soft = header_at is not None and self._soft_header(family, since_header, page, labels, i)
                hard = family if not soft else ""
                if current and (gap >= self.max_gap or hard or soft):
                    out.append(self._close(rows, current, mass, labels, pending))
                    current, mass = [], 0
                    pending = (gap, hard, family if soft else "")
                elif not current:
                    pending = (gap, hard, family if soft else "")
                current.append(n)
                mass += min(_mass(page.lines[i].text, spaceless), 1500)
                gap, header_at, since_header = 0.0, None, 0
                continue
            if i in headers:
                header_at, since_header = i, 0
            else:
                since_header += 1
            gap += weight
            if current:
                current.append(n)
        if current:
            out.append(self._close(rows, current, mass, labels, pending))
        return out

    def _soft_header(self, family: str, lines_after: int, page: Page,
                     labels: dict[int, tuple[str, Verdict]], i: int) -> bool:
        """A related-articles header (or a "More from …" link) with a few links under it, and
        prose again right after (line ``i``), is a box inside the article, not its end; so is a
        donation button ("Jetzt spenden!") right above two paragraphs of prose (an appeal under
        its button is one paragraph, and the page's chrome follows it)."""
        if family == "donation":
            if lines_after > self.max_button_lines:
                return False
            nxt = page.next_nonblank(i)
            return nxt is not None and labels.get(nxt, (BAD,))[0] == GOOD
        return lines_after <= self.max_box_lines and family in ("related", "read_more")

    @staticmethod
    def _close(rows: list[tuple[int, bool, float]], current: list[int], mass: int,
               labels: dict[int, tuple[str, Verdict]], pending: tuple[float, str, str]) -> Block:
        """The block, its prose mass weighted by its purity: the share of its kept lines (code
        aside) that are prose or nearly on their own (a teaser list that alternates titles, authors, dates and
        summaries is a third pure; an article nearly all)."""
        while not rows[current[-1]][1]:  # the block ends at its last good line
            current.pop()
        span = [rows[n][0] for n in range(current[0], current[-1] + 1)
                if rows[n][0] in labels and labels[rows[n][0]][1].cls != CODE
                and not labels[rows[n][0]][1].evidence.startswith(LIST_ITEM)]
        prose = sum(1 for i in span if labels[i][1].cls in (GOOD, NEAR_GOOD))
        purity = prose / len(span) if span else 0.0
        return Block(rows[current[0]][0], rows[current[-1]][0], round(mass * purity), pending[0], pending[1],
                     purity, pending[2])

    def main_run(self, page: Page, labels: dict[int, tuple[str, Verdict]]) -> Block | None:
        """The article's run: the block with the most prose after the headline, joined with its
        neighbours across light chrome."""
        return self._run_among(page, self.blocks(page, labels))

    def _run_among(self, page: Page, all_blocks: list[Block]) -> Block | None:
        """:meth:`main_run`, given the page's blocks."""
        head = page.fields.get("_headline_index")
        blocks = [b for b in all_blocks if head is None or b.start > head]
        # closing-section headers cut the page into zones; the article is in the first zone
        # that holds a block of real prose (comments and teasers come after their header)
        # unless a later zone holds several times more prose (a teaser box with a header
        # above the article)
        zones: list[list[Block]] = []
        for b in blocks:
            if b.header_before or not zones:
                zones.append([])
            zones[-1].append(b)
        best = [max(z.mass for z in zone) for zone in zones]
        rival = [0 if zone[0].header_before == "comments" else best[n] for n, zone in enumerate(zones)]
        blocks = []
        for n, zone in enumerate(zones):
            if sum(z.mass for z in zone) >= self.min_chars and best[n] >= self.zone_share * max(rival[n:] + [0]):
                blocks = zone
                break
        if not blocks:
            return None
        # the block right under the headline is the likeliest article start
        bonus = [self.headline_bonus if head is not None and n == 0 and b.gap_before < self.max_gap else 1.0
                 for n, b in enumerate(blocks)]
        k = max(range(len(blocks)), key=lambda n: blocks[n].mass * bonus[n])
        first = last = k
        # under a known headline, prose above the best block is the article's opening (a lead
        # set apart by a picture, its caption and credits), however much chrome stands between
        merge_before = self.merge_before if head is None else self.merge_under_headline
        while first > 0 and not blocks[first].header_before and blocks[first].gap_before < merge_before:
            first -= 1
        # after a related-links box only article-like prose continues the article (teaser
        # summaries under a "More about …" header do not)
        while last + 1 < len(blocks) and not blocks[last + 1].header_before and (
                blocks[last + 1].gap_before < self.merge_after
                or (blocks[last + 1].gap_before < self.merge_after_pure and blocks[last + 1].purity >= self.pure)) \
                and (not blocks[last + 1].soft_before or blocks[last + 1].purity >= self.pure) \
                and not self._stray_line(page, blocks[last + 1]):
            last += 1
        mass = sum(b.mass for b in blocks[first:last + 1])
        if mass < self.min_chars:
            return None
        return Block(blocks[first].start, blocks[last].end, mass, blocks[first].gap_before,
                     blocks[first].header_before)

    def _adjacent_sentences(self, page: Page, labels: dict[int, tuple[str, Verdict]], end: int, step: int = 1) -> int:
        """The run's end (``step`` 1) or start (``step`` -1), moved over short sentences that
        stand directly next to it (a closing line, "See you tomorrow."; an opening one, "It
        was a cold morning."): a line of ``min_closing_words`` words or more with stopwords,
        ending like a sentence but not a question (a teaser asks), judged neither bad on its own
        nor UI text."""
        stops = stopwords(page.language)
        spaceless = _spaceless_measures(page)
        while True:
            j = page.next_nonblank(end, step)
            if j is None or j not in labels or labels[j][0] == GOOD:
                return end
            verdict = labels[j][1]
            f = line_features(page.lines[j].text, stops, **spaceless)
            if verdict.cls not in (SHORT, NEAR_GOOD) or not f.sentence or f.words < self.min_closing_words \
                    or f.stopword_density == 0 or page.lines[j].text.rstrip().endswith("?"):
                return end
            end = j

    def _numbered_items(self, page: Page, run: Block) -> set[int]:
        """The items of a numbered list ("1) …", "2. …", "3 – …") that starts inside the run
        or right under its last line:
        ``min_items`` or more kept lines whose numbers count up one by one, at most
        ``max_item_gap`` kept lines apart. A listicle's items are the article, even where they
        run on past the last paragraph."""
        chain: list[int] = []
        expected: int | None = None  # the next item's number, once the list has begun
        since = 0  # kept lines since the last item
        i: int | None = run.start
        first_after = page.next_kept(run.end)
        # it begins inside the run or right under its last line
        while i is not None and (expected is not None or i <= run.end or i == first_after):
            number = list_number(page.lines[i].text)
            if number is not None and (expected is None or number == expected):
                chain.append(i)
                expected, since = number + 1, 0
            elif expected is not None:
                since += 1
                if since > self.max_item_gap:
                    break
            i = page.next_kept(i)
        return set(chain) if len(chain) >= self.min_items else set()

    def _long_prose(self, page: Page, verdict: Verdict, i: int) -> bool:
        """True for a thin-prose line of ``long_prose_words`` words or more that ends like a
        sentence: inside the run it is a paragraph (an interview answer rich in names), even
        among chrome."""
        text = page.lines[i].text
        return verdict.cls == NEAR_GOOD and bool(TERMINAL.search(text)) and len(_WORD.findall(text)) >= self.long_prose_words

    def _stray_line(self, page: Page, block: Block) -> bool:
        """True for a block of one short paragraph behind ``stray_gap`` or more chrome: a
        teaser's summary between teaser titles, not the article going on."""
        return (block.start == block.end and block.gap_before >= self.stray_gap
                and len(page.lines[block.start].text) < self.stray_chars)

    def _dek(self, page: Page, labels: dict[int, tuple[str, Verdict]], run: Block,
             blocks: list[Block]) -> Block | None:
        """The short block of prose right under the headline (a dek or lead) when it stands
        apart from the main run: it stays."""
        head = page.fields["_headline_index"]
        first = next((b for b in blocks if b.start > head), None)
        if first is None or first.start >= run.start or first.header_before or first.gap_before >= self.max_gap:
            return None
        good = sum(1 for i in range(first.start, first.end + 1) if labels.get(i, (BAD,))[0] == GOOD)
        return first if good <= self.max_dek_lines else None

    def __call__(self, page: Page) -> None:
        # (the page does not change until the removals at the end: its closing-section headers,
        # paragraph style and blocks are found once)
        breaks, paragraphs = hard_breaks(page), _uses_paragraph_breaks(page)
        labels = self._analyse(page, breaks, paragraphs)
        blocks = self._blocks(page, labels, breaks, paragraphs)
        run = self._run_among(page, blocks)
        if run is None:
            return
        if self.extend_end:
            run = run._replace(end=self._adjacent_sentences(page, labels, run.end))
        if self.extend_start:
            run = run._replace(start=self._adjacent_sentences(page, labels, run.start, -1))
        items: set[int] = set()
        if self.numbered_lists:
            items = self._numbered_items(page, run)
            if items:
                run = run._replace(end=max(run.end, max(items)))
        page.fields["_main_start"], page.fields["_main_end"] = run.start, run.end
        page.fields["_not_headers"] = {i for i, _ in end_headers(page) if i not in breaks}
        page.fields["_main_labels"] = {i: (c, v.evidence) for i, (c, v) in labels.items()}
        head = page.fields.get("_headline_index")
        dek = self._dek(page, labels, run, blocks) if head is not None else None
        # with no headline found, a title-shaped line right above the run is most likely the
        # article's title: it stays (the steps after may still judge it)
        title = page.next_nonblank(run.start, -1) if head is None else None
        if title is not None and not (title in labels and is_title_like(page.lines[title].text)
                                      and labels[title][1].cls != BAD):
            title = None
        for i in range(0 if head is None else head + 1, run.start):
            if i == title:
                continue
            if i in labels and not (dek is not None and dek.start <= i <= dek.end and labels[i][0] == GOOD):
                page.remove(i, self.name, before_reason(*labels[i]))
        if self.inside:
            stops = stopwords(page.language)
            for i in range(run.start + 1, run.end):
                if i in labels and labels[i][0] == BAD and i not in items and not self._long_prose(page, labels[i][1], i) \
                        and not (self.keep_inside_sentences and labels[i][1].cls in (SHORT, NEAR_GOOD)
                                 and _short_sentence(page.lines[i].text, stops)):
                    page.remove(i, self.name, f"inside the main text, among chrome: {labels[i][1].evidence}")
        if self.drop_repeats:
            _drop_repeats(page, run.start, run.end, self.name, self.repeat_window)


def _drop_repeats(page: Page, start: int, end: int, name: str, window: int = 3) -> None:
    """A line of the main run that repeats one of the ``window`` kept lines above it (a caption
    shown twice, a teaser title over its own link) goes: an article says each paragraph once.
    (An interview may repeat its questions far apart: those stay.) The distance is counted in
    kept lines, not page lines, so that cleaning the result again removes nothing more."""
    seen: dict[str, int] = {}  # text -> position among the kept lines
    position = 0
    for i in range(start, end + 1):
        line = page.lines[i]
        if not line.text or not line.kept:
            continue
        key = " ".join(line.text.split()).casefold()
        if key in seen and position - seen[key] <= window:
            page.remove(i, name, f"repeats a line {position - seen[key]} kept lines above it in the main text")
            continue
        seen[key] = position
        position += 1


def _short_sentence(text: str, stops: frozenset[str], min_words: int = 4) -> bool:
    """True for a short line that reads like a sentence: it ends with . ! or ?, has
    ``min_words`` words or more and a stopword."""
    if not TERMINAL.search(text):
        return False
    tokens = _WORD.findall(text)
    return len(tokens) >= min_words and any(t.casefold() in stops for t in tokens)


def _standalone(page: Page, i: int) -> bool:
    """True when line i has blank lines (or the page's edge) directly above and below."""
    lines = page.lines
    return (i == 0 or not lines[i - 1].text) and (i + 1 >= len(lines) or not lines[i + 1].text)


def _uses_paragraph_breaks(page: Page) -> bool:
    """True when blank lines set paragraphs apart on this page but not everything: then a
    line standing alone is more likely article text than a tight list of links."""
    lines = [i for i, line in enumerate(page.lines) if line.text]
    if len(lines) < 10:
        return False
    alone = sum(1 for i in lines if _standalone(page, i))
    return 0.1 <= alone / len(lines) <= 0.8


def before_reason(cls: str, verdict: Verdict) -> str:
    """Why a line before the main run goes."""
    if cls == GOOD:
        return f"before the main text, separated from it by chrome: {verdict.evidence}"
    return f"before the main text: {verdict.evidence}"


def after_reason(cls: str, evidence: str) -> str:
    """Why a line after the main run goes."""
    if cls == GOOD:
        return f"after the main text, separated from it by chrome: {evidence}"
    return f"after the main text: {evidence}"


@dataclass(frozen=True)
class AfterMainText(Cleaner):
    """Remove what is still kept after the main run that :class:`MainText` found (comment
    threads without a header, teaser lists, footers the lexicon does not know), then a last
    paragraph set apart from the run that talks to the reader, then the closing chrome at the
    run's own end (sign-up prompts, licence and cookie notes, copyright lines, labels)."""

    name = "after_main_text"
    full_page_only = True
    description = "removes what stands after the article's main run of prose (see main_text)"
    trim_tail: bool = True
    max_tail_words: int = 40
    tail_gaps: int = 1
    #: the run's last paragraph goes when chrome stands between it and the text above and it
    #: addresses the reader (lexicon ``[scorer] reader_re``): a promo or a note to the reader
    #: ("Did you like this article? …"), not the article's ending
    reader_notes: bool = True
    max_label_words: int = 6

    def __call__(self, page: Page) -> None:
        end = page.fields.get("_main_end")
        if end is None:
            return
        labels = page.fields.get("_main_labels", {})
        for i in range(end + 1, len(page.lines)):
            cls, evidence = labels.get(i, (BAD, "line after the main text"))
            page.remove(i, self.name, after_reason(cls, evidence))
        if self.reader_notes:
            self._drop_reader_note(page, page.fields.get("_main_start", end))
        if self.trim_tail:
            self._trim_tail(page, page.fields.get("_main_start", end))

    def _drop_reader_note(self, page: Page, start: int) -> None:
        """Remove the run's last line when it addresses the reader and removed lines stand
        between it and the run's line above it."""
        assert page.lexicon is not None
        last = page.next_kept(len(page.lines), -1)
        above = page.next_kept(last, -1) if last is not None else None
        if last is None or above is None or above < start:
            return
        apart = any(page.lines[k].text and not page.lines[k].kept for k in range(above + 1, last))
        reader = page.lexicon.pattern("scorer", "reader_re", "word", flags=0)
        if apart and reader.search(page.lines[last].text):
            page.remove(last, self.name, "at the end of the main text: a note to the reader, set apart from the text")

    def _trim_tail(self, page: Page, start: int) -> None:
        """Walk back from the run's last line: sign-up and follow prompts, newsletter, cookie
        and licence notes (a phrase of the lexicon's ``[scorer] ui`` or ``tail`` list in a line
        of at most ``max_tail_words`` words), copyright lines and short labels go, up to the
        first line that is none of these. A single line of at most ``max_tail_words`` words
        under a line with such a phrase (a publisher's note inside a promo box) goes with it."""
        assert page.lexicon is not None
        ui = ui_pattern(page.lexicon)
        tail = page.lexicon.pattern("scorer", "tail", "word")
        pending: int | None = None  # a line that goes only if closing chrome stands above it
        i = len(page.lines)
        while True:
            j = page.next_kept(i, -1)
            if j is None or j <= start:
                return
            text = page.lines[j].text
            reason = self._tail_reason(text, ui, tail)
            if reason is None:
                if pending is not None or len(_WORD.findall(text)) > self.max_tail_words \
                        or self.tail_gaps == 0:
                    return
                pending = j
            else:
                if pending is not None:
                    if not (ui.search(text) or tail.search(text)):  # a subheading over the last paragraph
                        return
                    page.remove(pending, self.name, "at the end of the main text: between closing chrome")
                    pending = None
                page.remove(j, self.name, reason)
            i = j

    def _tail_reason(self, text: str, ui: regex.Pattern[str], tail: regex.Pattern[str]) -> str | None:
        """Why a line at the run's end is closing chrome (None when it is text)."""
        n = len(_WORD.findall(text))
        # (a long line is no closing chrome whatever it holds: it is not searched)
        m = (ui.search(text) or tail.search(text)) if n <= self.max_tail_words else None
        if m is not None and n <= self.max_tail_words:
            return f"at the end of the main text: closing chrome {m.group(0)!r} ({n} words)"
        if _COPYRIGHT.match(text):
            return "at the end of the main text: copyright line"
        if n <= self.max_label_words and not TERMINAL.search(text) and not text.rstrip().endswith((":", "…", "...")) \
                and list_number(text) is None:  # a list's item ("5) Blu-ray box") is no label
            return f"at the end of the main text: label ({n} words)"
        return None
