"""Each line's class in context (jusText-style): good (a paragraph of prose), near-good, short,
bad (chrome) or code, from its features and then from its neighbours; runs of short lines,
tight lists, tables and repeated lines are recognised as wholes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from ..language import stopwords
from ..line_table import page_table
from ..page import Page
from ..text import announces_list, word_count
from .line_features import TOKEN, UI, LineFeatures, line_features, spaceless_measures
from .menus import names_list

if TYPE_CHECKING:
    from .main_text import MainText

_DIGIT = regex.compile(r"\p{N}")
#: how a list item in the text starts: a number or quantity, a bullet
_ITEM_START = regex.compile(r"^\s*(?:[-–•*·]\s|\d+(?:[.,/]\d+)?\s*(?:\p{L}{1,5}\.?\s|\)|\.\s|%|\s))")

GOOD, NEAR_GOOD, SHORT, BAD, CODE = "good", "near_good", "short", "bad", "code"
#: evidence prefix of a short line in a list that the text holds (see :func:`short_runs`)
LIST_ITEM = "list item"
#: :attr:`Verdict.tag` of a line judged mostly digits (a table row may be one)
DIGITS = "digits"
#: :attr:`Verdict.tag` of a short line in a list that the text holds
ITEM = "list_item"
#: One line's class in context and the evidence for it (what :func:`classify_lines` gives).
Labels = dict[int, tuple[str, "Verdict"]]


@dataclass(frozen=True)
class Verdict:
    """A line's class and the evidence for it, in words (used in removal reasons)."""

    cls: str
    evidence: str
    #: what kind of evidence it is, for the rules that read it (:data:`DIGITS`, :data:`ITEM`)
    tag: str = ""


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
            return Verdict(BAD, f"mostly digits ({f.words} words)", DIGITS)
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



def classify_lines(page: Page, headers: set[int], paragraphs: bool, opts: MainText,
                   features: dict[int, LineFeatures] | None = None, times: dict[int, int] | None = None) -> Labels:
    """index -> (class in context, verdict alone) for every kept line, given the page's
    closing-section headers (:func:`~cleannews.cleaners.blocks.hard_breaks`), whether it sets
    paragraphs apart, and the main-text step's options. ``features`` and ``times``, when
    given, receive each kept line's :class:`LineFeatures` and how often it stands on the page
    (index -> value)."""
    assert page.lexicon is not None
    stops = stopwords(page.language)
    # (ui_pattern in two parts, read from the page's lexicon scan: the anchored ui_re list
    # at the line's start, the ui phrases anywhere)
    spaceless = spaceless_measures(page)
    kept = page.kept_indices()
    texts = [page.lines[i].text for i in kept]
    # (the classifier reads a line's UI phrase only up to twice max_ui_words words: longer
    # lines, which have more words by text.word_count too, are not searched)
    ui_words = 2 * opts.classifier.max_ui_words if type(opts.classifier).classify is LineClassifier.classify \
        else None
    scan = page.scan
    scan.expect(UI, texts if ui_words is None or spaceless["function_chars"] is not None
                else (t for t in texts if word_count(t) <= ui_words))
    counts = page_table(page).word_counts(kept, stops)
    measured = [line_features(text, stops, ui_words=ui_words, counts=c, scan=scan, **spaceless)
                for text, c in zip(texts, counts)]
    if features is not None:
        features.update(zip(kept, measured))
    verdicts = [opts.classifier.classify(f) for f in measured]
    verdicts = repeated(page, kept, verdicts, times)
    classes = [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)]
    verdicts = short_runs(page, kept, classes, verdicts, opts)
    if opts.tight_lists and paragraphs:
        verdicts = tight_lists(page, kept, verdicts, opts.max_list_words)
    if opts.tables:
        verdicts = tables(page, kept, [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)], verdicts)
    classes = [BAD if i in headers else v.cls for i, v in zip(kept, verdicts)]
    context = relabel(classes)
    return {i: (c, v) for i, c, v in zip(kept, context, verdicts)}



def repeated(page: Page, kept: list[int], verdicts: list[Verdict],
             times: dict[int, int] | None = None) -> list[Verdict]:
    """A line that is not prose and stands more than once on the page (a teaser's kicker
    and title, a menu shown twice) is chrome: articles do not repeat their lines. ``times``,
    when given, receives how often each kept line stands on the page (index -> count)."""
    table = page_table(page)  # (each line's key, counted once per page and shared with later steps)
    counts, keys = table.key_counts(), table.keys()
    out = list(verdicts)
    for k, i in enumerate(kept):
        n = counts[keys[i]]
        if times is not None:
            times[i] = n
        if n > 1 and verdicts[k].cls in (SHORT, NEAR_GOOD):
            out[k] = Verdict(BAD, f"stands {n} times on the page ({verdicts[k].evidence})")
    return out


def tight_lists(page: Page, kept: list[int], verdicts: list[Verdict], max_list_words: int) -> list[Verdict]:
    """On a page that sets its paragraphs apart with blank lines, four or more lines with
    no blank line between them, none longer than ``max_list_words`` words, are a list of
    links (teaser titles, a menu), unless a line ending with ":" announces them."""
    assert page.lexicon is not None
    headers = names_list(page)
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
        if (j - i >= 4 and len(group) >= 3 and not announced_at(page, i, headers)
                and all(len(TOKEN.findall(lines[k].text)) <= max_list_words for k in group)
                and not any(verdicts[position[k]].cls == CODE for k in group)):
            for k in group:
                v = verdicts[position[k]]
                if v.cls != BAD:
                    out[position[k]] = Verdict(BAD, f"one of {j - i} lines in a tight list ({v.evidence})")
        i = j
    return out


def announced_at(page: Page, i: int, headers: Callable[[str], bool]) -> bool:
    """True when line i, or the non-blank line above it, announces a list."""
    before = page.next_nonblank(i, -1)
    return any(announces_list(page.lines[k].text, headers) for k in ([before] if before is not None else []) + [i])


def short_runs(page: Page, kept: list[int], classes: list[str], verdicts: list[Verdict],
               opts: MainText) -> list[Verdict]:
    """More than ``opts.max_short_run`` short lines in a row, none of them prose, are a list of
    links (a menu, teaser titles with their authors): bad, whatever their neighbours. A
    list the text announces (a line ending with ":" just before it or at its head) is left
    to the context."""
    assert page.lexicon is not None
    headers = names_list(page)
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
                        for k in range(max(n - 1, 0), min(n + opts.announce_within, m)))
        if not announced and opts.flanked_lists and content_list(page, [kept[k] for k in shorts]) \
                and n > 0 and m < len(kept) and classes[n - 1] == GOOD and classes[m] == GOOD:
            announced = True
            for k in shorts:  # a list in the text: it does not make its block less pure
                out[k] = Verdict(SHORT, f"{LIST_ITEM} ({verdicts[k].evidence})", ITEM)
        if len(shorts) > opts.max_short_run and not announced:
            for k in shorts:
                out[k] = Verdict(BAD, f"one of {len(shorts)} short lines in a row ({verdicts[k].evidence})")
        n = m
    return out


def tables(page: Page, kept: list[int], classes: list[str], verdicts: list[Verdict]) -> list[Verdict]:
    """Three or more rows with figures ("3 Kevin Harvick 5033 4 6 15 26"), the first of
    them mostly digits, with prose or a line ending with ":" right above (or above a header
    row) and prose or a short note right below, are a table in the text: like a code
    listing, neither prose nor chrome (kept inside the run, no gap)."""
    out = list(verdicts)
    n = 0
    while n < len(kept):
        if not verdicts[n].tag == DIGITS:
            n += 1
            continue
        m = n
        while m < len(kept) and (verdicts[m].tag == DIGITS
                                 or (classes[m] == SHORT and _DIGIT.search(page.lines[kept[m]].text))):
            m += 1
        top = n - 1 if n > 1 and classes[n - 1] == SHORT else n  # the table's header row
        above = top > 0 and (classes[top - 1] == GOOD or page.lines[kept[top - 1]].text.rstrip().endswith(":"))
        if m - n >= 3 and above and m < len(kept) and classes[m] in (GOOD, NEAR_GOOD, SHORT):
            for k in range(n, m):
                out[k] = Verdict(CODE, f"table row ({verdicts[k].evidence})")
        n = m
    return out


def content_list(page: Page, indices: list[int]) -> bool:
    """True when most of these short lines read like the items of a list in the text
    (ingredients, specifications, steps: they start with a number or a bullet, or close
    with a comma, semicolon or full stop) rather than like links (names, headlines)."""
    items = 0
    for i in indices:
        text = page.lines[i].text.strip()
        if _ITEM_START.match(text) or text.endswith((",", ";", ".")):
            items += 1
    return items >= 0.6 * len(indices)
