"""Where the article goes on below a stretch of short lines: the main run bridged to the prose under it.

An article often breaks its prose with a table, a list, a code listing or a few subheadings in a
row. The rules' main run ends at such a stretch (short lines in a row read like a menu), and the
main-text model's line-by-line growth stops after a few lines it is not sure of; the prose under
the stretch is lost. Each time the run ends, the next block of prose below it is a
*continuation candidate*: the stretch between them (the gap) and the block are described as a
whole (:data:`FEATURES`: how long the gap is and what the chrome steps removed in it, whether it
holds dates, teasers or closing phrases, how the block reads and how sure the line model is of
it, how many of its words the article already used, how much prose stands below it, whether the
blocks below repeat its shape as a feed of teasers does), and a small logistic model
(:class:`ContinuationModel`, learned from labelled pages) says whether the block continues the
article. When it does, the run takes in the gap's kept lines (but for UI phrases) and the block,
and the next block is weighed; the first block that does not continue the article ends the run.
A closing-section header ("Comments", "Related") in the gap ends it whatever the model says, and
so does a block in a feed of teasers, each with its author or date
(:attr:`~.teasers.TeaserBlock.feed`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..article import REMOVAL_GROUPS
from ..fields.dates import is_date_line
from ..language import stopwords
from ..line_table import page_table
from ..page import Page
from ..text import is_list_item, is_title_like
from .after_main_text import TAIL
from .line_classes import DIGITS, GOOD, Labels
from .line_features import LineFeatures
from .logistic import StandardLogistic, described
from .teasers import teaser_blocks

#: How many blocks below a candidate are compared with its shape (a feed repeats one shape).
REGULAR_LOOK = 4
#: The probability at or over which a block continues the article (the model is fitted with
#: both outcomes weighing the same, so this is even odds).
THRESHOLD = 0.5

#: The features of a continuation candidate, in the order of the model's weights.
FEATURES: tuple[str, ...] = (
    "gap_kept", "gap_removed", "gap_field", "gap_menu", "gap_media", "gap_chrome", "gap_ui", "gap_list",
    "gap_digits", "gap_words", "gap_prob", "gap_empty",
    "block_lines", "block_words", "block_prob", "block_prob_max", "block_stopwords", "block_sentence",
    "block_repeated", "echo", "run_words", "block_share", "below_words", "below_blocks", "position", "bridges",
    "gap_date", "gap_title", "block_teaser", "gap_teaser", "block_date", "gap_tail", "block_tail", "regular",
)


@dataclass(frozen=True)
class Candidate:
    """A block of prose below the run's end, and the stretch of lines above it."""

    #: the page indices of the gap's kept lines (what the run takes in with the block)
    gap: tuple[int, ...]
    #: the page indices of the block's lines
    block: tuple[int, ...]
    #: its features, in :data:`FEATURES` order
    row: tuple[float, ...]


class ContinuationModel(StandardLogistic):
    """A logistic model over :data:`FEATURES`: whether a block continues the article."""

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data, FEATURES, "continuation")
        self.threshold = float(data.get("threshold", THRESHOLD))

    def describe(self, row: Sequence[float], top: int = 3) -> str:
        """"continuation 0.83 (echo +0.90, ...)": the decision and the ``top`` features that
        moved its log-odds most from the average candidate's."""
        return described("continuation", self.probability(row), self.explain(row, top))


def _blocks(good: Sequence[bool], start: int) -> list[tuple[int, int]]:
    """(first, last) positions of the blocks of prose from ``start`` on: good lines in a row,
    one other line between two good ones allowed."""
    out: list[tuple[int, int]] = []
    k, n = start, len(good)
    while k < n:
        if not good[k]:
            k += 1
            continue
        first = k
        while k + 1 < n and (good[k + 1] or (k + 2 < n and good[k + 2])):
            k += 1 if good[k + 1] else 2
        out.append((first, k))
        k += 1
    return out


def _share(items: Sequence[Any], test: Callable[[Any], bool]) -> float:
    return sum(1 for x in items if test(x)) / len(items) if items else 0.0


def bridge(page: Page, indices: Sequence[int], keep: list[bool], labels: Labels, features: dict[int, LineFeatures],
           probs: Sequence[float], headers: frozenset[int], times: dict[int, int],
           decide: Callable[[Candidate], bool]) -> list[tuple[Candidate, bool]]:
    """Bridge the run over gaps to the blocks of prose that continue the article, as ``decide``
    says, top to bottom until the first block it refuses or a closing-section header
    (``headers``); ``keep`` (per position of ``indices``, the lines the line model decides)
    is changed in place. Returns each candidate weighed and whether it was taken."""
    lines = page.lines
    last = max((k for k, kp in enumerate(keep) if kp), default=None)
    if last is None or last + 1 >= len(indices):
        return []
    good = [labels[i][0] == GOOD for i in indices]
    blocks = _blocks(good, last + 1)
    if not blocks:
        return []
    if any(indices[last] < h < indices[blocks[0][0]] for h in headers):
        return []
    texts = [lines[i].text for i in indices]
    run_words = sum(features[indices[k]].words for k in range(last + 1) if keep[k])
    table, stops = page_table(page), stopwords(page.language)
    seen: set[str] = set()
    for k in range(last + 1):
        if keep[k]:
            seen |= table.content_words(indices[k], stops)
    words_in = [sum(features[indices[j]].words for j in range(a, b + 1) if good[j]) for a, b in blocks]
    teasers = set()
    # (the features count a title right over its summary as a teaser)
    for first, final, *_ in teaser_blocks(texts[last + 1:], max_meta=0):
        teasers.update(range(last + 1 + first, last + 2 + final))
    feed = {k for block in teaser_blocks(texts[last + 1:]) if block.feed
            for k in range(last + 1 + block.first, last + 2 + block.last)}
    shapes = [(a - (blocks[n - 1][1] if n else last), b - a) for n, (a, b) in enumerate(blocks)]
    scan, lexicon = page.scan, page.lexicon
    nonblank = max(1, sum(1 for line in lines if line.text))
    out: list[tuple[Candidate, bool]] = []
    end = last
    for n, (a, b) in enumerate(blocks):
        top, bottom = indices[end], indices[a]
        if any(top < h < bottom for h in headers) or all(k in feed for k in range(a, b + 1)):
            break  # (a closing section, or a feed of other stories: the article has ended)
        gap = range(end + 1, a)
        block = range(a, b + 1)
        removed = [j for j in range(top + 1, bottom) if lines[j].text and not lines[j].kept]
        content = [w for k in block for w in table.content_words(indices[k], stops)]
        row = _row(page, indices, texts, gap, block, removed, features, labels, probs, times, teasers,
                   _share(content, seen.__contains__), run_words,
                   below=sum(words_in[n + 1:]), blocks_below=len(blocks) - n - 1, nonblank=nonblank,
                   bridges=len(out), regular=shapes[n + 1:n + 1 + REGULAR_LOOK].count(shapes[n]) / REGULAR_LOOK,
                   tail=lambda k: scan.match(TAIL, texts[k]) is not None,
                   date=lambda j: table.digits[j] > 0 and is_date_line(lines[j].text, lexicon))
        candidate = Candidate(tuple(indices[k] for k in gap if features[indices[k]].ui is None),
                              tuple(indices[k] for k in block), row)
        taken = decide(candidate)
        out.append((candidate, taken))
        if not taken:
            break
        for k in gap:
            if features[indices[k]].ui is None:
                keep[k] = True
        seen.update(content)
        for k in block:
            keep[k] = True
        run_words += sum(features[indices[k]].words for k in block)
        end = b
    return out


def _row(page: Page, indices: Sequence[int], texts: Sequence[str], gap: range, block: range, removed: list[int],
         features: dict[int, LineFeatures], labels: Labels, probs: Sequence[float], times: dict[int, int],
         teasers: set[int], echo: float, run_words: int, *, below: int, blocks_below: int, nonblank: int,
         bridges: int, regular: float, tail: Callable[[int], bool], date: Callable[[int], bool]) -> tuple[float, ...]:
    """A candidate's features, in :data:`FEATURES` order (``removed``: the page indices of the
    lines removed in the gap; ``tail(k)``: whether position k holds a closing phrase;
    ``date(i)``: whether page line i is a date line with digits)."""
    groups = [0] * (len(REMOVAL_GROUPS) + 1)
    for j in removed:
        removal = page.lines[j].removal
        code = removal.code if removal is not None else None
        groups[next((g for g, (_, members) in enumerate(REMOVAL_GROUPS) if code in members), -1)] += 1
    gap_f = [features[indices[k]] for k in gap]
    block_f = [features[indices[k]] for k in block]
    words = sum(f.words for f in block_f)
    first = indices[block[0]]
    return (
        math.log1p(len(gap)), math.log1p(len(removed)), *(math.log1p(x) for x in groups),
        _share(gap_f, lambda f: f.ui is not None),
        _share(gap, lambda k: is_list_item(texts[k])),
        _share(gap, lambda k: labels[indices[k]][1].tag == DIGITS),
        math.log1p(sum(f.words for f in gap_f) / len(gap_f)) if gap_f else 0.0,
        sum(probs[k] for k in gap) / len(gap) if gap else 0.0,
        float(not gap and not removed),
        math.log1p(len(block)), math.log1p(words),
        sum(probs[k] for k in block) / len(block), max(probs[k] for k in block),
        sum(f.stopword_density for f in block_f) / len(block_f),
        _share(block_f, lambda f: f.sentence),
        _share(block, lambda k: times.get(indices[k], 1) > 1),
        echo,
        math.log1p(run_words), words / (words + run_words) if words + run_words else 0.0,
        math.log1p(below), math.log1p(blocks_below),
        sum(1 for line in page.lines[:first] if line.text) / nonblank, float(bridges),
        float(any(date(j) for j in removed) or any(date(indices[k]) for k in gap)),
        _share(gap, lambda k: is_title_like(texts[k])),
        _share(block, teasers.__contains__),
        _share(gap, teasers.__contains__),
        float(any(date(indices[k]) for k in block)),
        _share(gap, tail),
        float(any(tail(k) for k in block)),
        regular,
    )
