"""The main-text model: whether a kept line belongs to the article, from its features in context.

The rules of :mod:`.main_text` (classes in context, blocks, the main run) and the chrome steps
before it (their removal codes around the line) are features of a learned line model (boosted
trees, or a logistic regression), beside the line's own measures
(:class:`~.line_features.LineFeatures`), its neighbours', its distance to the headline, the
length and density of the block of lines it stands in and its repetition on the page. The model's probabilities are smoothed over neighbouring lines, then read against the
rules' decision (:func:`decide`), which stands where the rules are certain (:func:`rules_decide_alone`:
a line they keep; a UI phrase or a short label they take out inside the run). A longer line the
rules take out inside the run comes back over the ``inside`` threshold; the run grows over the
lines after its end while they pass the ``extend`` threshold, across at most ``gap`` lines that
do not, and never into a block of teasers (a feed of other stories). (``remove``: a line the
rules keep but are not certain of goes under it.)

The file may hold a second, smaller model, the continuation part (:mod:`.continuation`): whether
a block of prose below the run's end continues the article across a stretch of short lines.

The trees or weights live in a JSON data file (``main_text_model.json`` beside the package's
modules), written by the project's training script; the trees are walked in compiled code (the
field ranker's walker), a logistic regression in plain Python. :meth:`MainTextModel.explain`
names the features that weighed most in a decision.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ..article import REMOVAL_GROUPS, RemovalCode
from ..page import Page
from ..text import is_list_item, is_title_like
from .continuation import ContinuationModel
from .line_classes import BAD, CODE, DIGITS, GOOD, ITEM, NEAR_GOOD, SHORT, Labels
from .line_features import LineFeatures
from .line_trees import BoostedTrees
from .logistic import StandardLogistic, described

#: The shipped model's file name inside the package.
MODEL_FILE = "main_text_model.json"
#: The format version written by the training script and read here.
MODEL_FORMAT = 1
#: The kinds of line model a file may hold, and the class that reads each.
KIND_LOGISTIC, KIND_TREES = "logistic", "trees"
SCORERS: dict[str, type[StandardLogistic] | type[BoostedTrees]] = {KIND_LOGISTIC: StandardLogistic,
                                                                    KIND_TREES: BoostedTrees}
#: How many non-blank lines on either side the window features read.
WINDOW = 3
#: A line the rules take out inside their run comes back only with this many words or more.
MIN_RESTORED_WORDS = 4
#: The rule's decision about a kept line, as the model reads it.
RULE_KEEP, RULE_BEFORE, RULE_INSIDE, RULE_AFTER = "keep", "before", "inside", "after"



def _side_names(side: str) -> list[str]:
    return [f"{side}_{n}" for n in ("blank", "removed", "field", "menu", "media", "good", "short", "bad",
                                    "log_words", "stopwords", "sentence")]


#: The features, in the order of the model's weights.
FEATURES: tuple[str, ...] = tuple([
    "log_words", "log_chars", "stopwords", "sentence", "title_share", "digit_share", "ui", "ui_start",
    "glued_title", "code", "ends_colon", "ends_question", "list_item", "title_like", "repeated",
    "standalone", "good", "near_good", "short", "bad", "code_class", "item_tag", "digits_tag",
    "rule_keep", "rule_before", "rule_inside", "rule_after", "dek", "end_header",
    "below_end_header", "before_headline", "log_from_headline", "position", "log_to_run",
    *_side_names("prev"), *_side_names("next"),
    "window_good", "window_removed", "window_log_words",
    "log_block_lines", "log_block_chars", "page_good_share", "log_page_lines", "prose_above", "prose_below",
    "run_prose_share",
    "good_after", "good_before", "short_inside", "sentence_after", "bad_keep",
])
_INDEX = {name: n for n, name in enumerate(FEATURES)}


@dataclass(frozen=True)
class RuleView:
    """What the rules of :mod:`.main_text` found on the page, for the model's features."""

    #: index -> the rule's decision (RULE_KEEP, RULE_BEFORE, ...)
    decisions: dict[int, str]
    #: first and last index of the rules' main run
    run: tuple[int, int]
    head: int | None
    dek: tuple[int, int] | None
    #: indices of closing-section headers
    headers: frozenset[int]
    #: index -> how often the kept line stands on the page
    times: dict[int, int]
    #: the lines after the run in blocks of teasers (:func:`~.teasers.teaser_blocks`)
    teasers: frozenset[int] = frozenset()


def _side(page: Page, j: int | None, labels: Labels, features: dict[int, LineFeatures]) -> list[float]:
    """The features of a neighbour (None: the page's edge)."""
    if j is None:
        return [1.0] + [0.0] * 10
    line = page.lines[j]
    if not line.kept:
        code = line.removal.code if line.removal is not None else RemovalCode.OTHER
        groups = [1.0 if code in members else 0.0 for _, members in REMOVAL_GROUPS]
        return [0.0, 1.0, *groups, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    cls = labels.get(j, (BAD,))[0]
    f = features.get(j)
    return [0.0, 0.0, 0.0, 0.0, 0.0, float(cls == GOOD), float(cls in (SHORT, NEAR_GOOD)), float(cls in (BAD, CODE)),
            math.log1p(f.words) if f else 0.0, f.stopword_density if f else 0.0,
            float(f.sentence) if f else 0.0]


def line_rows(page: Page, labels: Labels, features: dict[int, LineFeatures], rules: RuleView) -> list[tuple[int, list[float]]]:
    """(index, feature vector in :data:`FEATURES` order) for every kept line the rules
    classified, top to bottom."""
    indices, row_of = row_maker(page, labels, features, rules)
    return [(i, row_of(i)) for i in indices]


def row_maker(page: Page, labels: Labels, features: dict[int, LineFeatures],
              rules: RuleView) -> tuple[list[int], Callable[[int], list[float]]]:
    """The kept lines the rules classified (indices, top to bottom) and a function giving one
    line's feature vector: the page is read once, a line's features only when asked for (the
    model does not read every line after the run)."""
    nonblank = [i for i, line in enumerate(page.lines) if line.text]
    where = {i: n for n, i in enumerate(nonblank)}
    # blocks: lines without a blank line between them
    block_of: dict[int, tuple[int, int]] = {}
    lines = page.lines
    start = 0
    for i in range(len(lines) + 1):
        if i == len(lines) or not lines[i].text:
            if i > start:
                chars = sum(len(lines[k].text) for k in range(start, i))
                for k in range(start, i):
                    block_of[k] = (i - start, chars)
            start = i + 1
    kept = [i for i in nonblank if i in labels and page.lines[i].kept]
    good_share = sum(1 for i in kept if labels[i][0] == GOOD) / len(kept) if kept else 0.0
    # prose (characters of good lines) above each line, and in the rules' run
    prose_at: dict[int, int] = {}
    total = 0
    for i in kept:
        prose_at[i] = total
        if labels[i][0] == GOOD:
            total += len(lines[i].text)
    in_run = sum(len(lines[i].text) for i in kept if labels[i][0] == GOOD and rules.run[0] <= i <= rules.run[1])
    whole = total or 1
    log_lines = math.log1p(len(nonblank))
    run_start, run_end = rules.run
    # the first closing-section header below the run's start (lines under it are below one)
    header_below = min((h for h in rules.headers if h > run_start), default=len(lines))

    def row_of(i: int) -> list[float]:
        text = lines[i].text
        f = features[i]
        cls, verdict = labels[i]
        decision = rules.decisions.get(i, RULE_KEEP)
        n = where[i]
        prev = nonblank[n - 1] if n > 0 else None
        nxt = nonblank[n + 1] if n + 1 < len(nonblank) else None
        window = [nonblank[k] for k in range(max(0, n - WINDOW), min(len(nonblank), n + WINDOW + 1)) if k != n]
        w_good = sum(1 for j in window if lines[j].kept and labels.get(j, (BAD,))[0] == GOOD)
        w_removed = sum(1 for j in window if not lines[j].kept)
        w_words = sum(math.log1p(features[j].words) for j in window if j in features)
        size = max(1, len(window))
        stripped = text.rstrip()
        head = rules.head
        if i < run_start:
            to_run = math.log1p(where.get(run_start, n) - n)
        elif i > run_end:
            to_run = math.log1p(n - where.get(run_end, n))
        else:
            to_run = 0.0
        block_lines, block_chars = block_of.get(i, (1, len(text)))
        good, after, before, inside = float(cls == GOOD), float(decision == RULE_AFTER), \
            float(decision == RULE_BEFORE), float(decision == RULE_INSIDE)
        row = [
            math.log1p(f.words), math.log1p(f.chars), f.stopword_density, float(f.sentence), f.title_share,
            f.digit_share, float(f.ui is not None), float(f.ui_start), float(f.glued_title), float(f.code),
            float(stripped.endswith(":")), float(stripped.endswith("?")),
            float(is_list_item(text)),
            float(is_title_like(text)), float(rules.times.get(i, 1) > 1),
            float((i == 0 or not lines[i - 1].text) and (i + 1 >= len(lines) or not lines[i + 1].text)),
            good, float(cls == NEAR_GOOD), float(cls == SHORT), float(cls == BAD), float(cls == CODE),
            float(verdict.tag == ITEM), float(verdict.tag == DIGITS),
            float(decision == RULE_KEEP), before, inside, after,
            float(rules.dek is not None and rules.dek[0] <= i <= rules.dek[1]), float(i in rules.headers),
            float(i > header_below),
            float(head is not None and i < head),
            math.log1p(n - where[head]) if head is not None and head in where and i > head else 0.0,
            i / len(lines), to_run,
            *_side(page, prev, labels, features), *_side(page, nxt, labels, features),
            w_good / size, w_removed / size, w_words / size,
            math.log1p(block_lines), math.log1p(block_chars), good_share, log_lines,
            prose_at[i] / whole, (total - prose_at[i] - (len(text) if good else 0)) / whole, in_run / whole,
            good * after, good * before, float(cls == SHORT) * inside, float(f.sentence) * after,
            float(cls == BAD) * float(decision == RULE_KEEP),
        ]
        return row

    return [i for i in kept if i in features], row_of


class MainTextModel:
    """A line model over :data:`FEATURES` (boosted trees, ``"kind": "trees"``, or a standardised
    logistic regression, ``"logistic"``, the default), its smoothing and thresholds, as the
    training script writes them."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"main-text model format {data.get('format')!r}, expected {MODEL_FORMAT}")
        kind = data.get("kind", KIND_LOGISTIC)
        if kind not in SCORERS:
            raise ValueError(f"main-text model kind {kind!r}, expected one of {sorted(SCORERS)}")
        self.kind = kind
        self.scorer: StandardLogistic | BoostedTrees = SCORERS[kind](data, FEATURES, "main-text")
        self.features = FEATURES
        self.smoothing = float(data.get("smoothing", 0.0))
        self.thresholds = Thresholds(**data.get("thresholds", {}))
        self.trained_on: tuple[str, ...] = tuple(data.get("trained_on", ()))
        #: whether a block of prose below the run continues the article (None: not in the file)
        self.continuation = ContinuationModel(data["continuation"]) if data.get("continuation") else None

    @classmethod
    def load(cls, path: str | Path | None = None) -> MainTextModel:
        """The model in ``path`` (None or "": the shipped one)."""
        if not path:
            return shipped_model()
        return _load_path(str(path))

    def probability(self, row: Sequence[float]) -> float:
        """P(in the article) of one row, before smoothing."""
        return self.scorer.probability(row)

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """P(in the article) per row, before smoothing."""
        probability = self.scorer.probability
        return [probability(r) for r in rows]

    def explain(self, row: Sequence[float], top: int = 3) -> list[tuple[str, float]]:
        """The ``top`` features that moved the row's log-odds most (positive: toward the article)."""
        return self.scorer.explain(row, top)

    def smooth(self, probs: Sequence[float]) -> list[float]:
        """Each probability blended with the mean of its neighbours' (``smoothing`` of it)."""
        a = self.smoothing
        if not a or len(probs) < 2:
            return list(probs)
        out = []
        last = len(probs) - 1
        for k, p in enumerate(probs):
            near = [probs[k - 1]] if k > 0 else []
            if k < last:
                near.append(probs[k + 1])
            out.append((1 - a) * p + a * sum(near) / len(near))
        return out


@dataclass(frozen=True)
class Thresholds:
    """How sure the model must be to act against the rules (see :func:`decide`)."""

    #: a line the rules keep goes under this probability
    remove: float = 0.2
    #: a line the rules remove inside the run comes back at this probability or over
    inside: float = 0.5
    #: the run grows over lines before and after it at this probability or over
    extend: float = 0.5
    #: ... across at most this many lines under it
    gap: int = 2


def decide(probs: Sequence[float], kinds: Sequence[str], t: Thresholds,
           fixed: Sequence[bool] | None = None) -> list[bool]:
    """Keep or not, per line, from the smoothed probabilities and the rules' decisions
    (``kinds``: RULE_KEEP, RULE_BEFORE, RULE_INSIDE or RULE_AFTER, in page order;
    ``fixed``: per line, True where the rules decide alone, see :func:`rules_decide_alone`)."""
    keep = [False] * len(kinds)
    for k, kind in enumerate(kinds):  # (probabilities are read only where they decide)
        if fixed is not None and fixed[k]:
            keep[k] = kind == RULE_KEEP
        elif kind == RULE_KEEP:
            keep[k] = probs[k] >= t.remove
        elif kind == RULE_INSIDE:
            keep[k] = probs[k] >= t.inside
    # the run grows down over lines after its end, up to a line the rules decide alone (a
    # block of teasers); what the rules took out before it (the page's header, a teaser above
    # the article) stays out
    for kind, order in ((RULE_AFTER, range(len(kinds))),):
        misses = 0
        for k in order:
            if kinds[k] != kind:
                continue
            if fixed is not None and fixed[k]:
                break
            if probs[k] >= t.extend:
                keep[k], misses = True, 0
            else:
                misses += 1
                if misses > t.gap:
                    break
    return keep


class LazyProbabilities(Sequence[float]):
    """The model's smoothed probabilities of a page's lines (as :meth:`MainTextModel.smooth`
    of :meth:`MainTextModel.probabilities`), each computed when first read."""

    def __init__(self, model: MainTextModel, indices: list[int], row_of: Callable[[int], list[float]]) -> None:
        self.model, self.indices, self.row_of = model, indices, row_of
        self.rows: dict[int, list[float]] = {}
        self._raw: dict[int, float] = {}
        self._smoothed: dict[int, float] = {}

    def __len__(self) -> int:
        return len(self.indices)

    def row(self, k: int) -> list[float]:
        """The feature vector of the k-th line."""
        if k not in self.rows:
            self.rows[k] = self.row_of(self.indices[k])
        return self.rows[k]

    def raw(self, k: int) -> float:
        """The k-th line's probability before smoothing."""
        if k not in self._raw:
            self._raw[k] = self.model.probability(self.row(k))
        return self._raw[k]

    def known(self, k: int) -> bool:
        """True once the k-th line's smoothed probability has been read."""
        return k in self._smoothed

    def __getitem__(self, k: int) -> float:  # type: ignore[override]
        if k in self._smoothed:
            return self._smoothed[k]
        p = self.raw(k)
        a, last = self.model.smoothing, len(self.indices) - 1
        if a and last > 0:
            near = [self.raw(k - 1)] if k > 0 else []
            if k < last:
                near.append(self.raw(k + 1))
            p = (1 - a) * p + a * sum(near) / len(near)
        self._smoothed[k] = p
        return p


def rules_decide_alone(kind: str, *, ui: bool, words: int, digits: bool, repeated: bool, teaser: bool = False) -> bool:
    """True where the rules decide alone, whatever the model says: a line they keep (the
    model brings back text, it does not cut it), a line they take out inside their run
    that holds a UI phrase, is a short label of fewer than :data:`MIN_RESTORED_WORDS` words
    ("Share", "Advertisement"), is mostly digits (a date or time line, a score: a table's rows
    the rules keep as such) or stands more than once on the page (what a page repeats is
    chrome, and bringing one copy back would change what cleaning the result again counts),
    and a line after their run in a block of teasers (``teaser``: a feed of other stories,
    where the article has ended)."""
    return kind == RULE_KEEP or (kind == RULE_INSIDE and (ui or words < MIN_RESTORED_WORDS or digits or repeated)) \
        or (kind == RULE_AFTER and teaser)


def rules_certain(row: Sequence[float], teaser: bool = False) -> bool:
    """:func:`rules_decide_alone` for a line's feature row and whether it stands in a block of
    teasers after the run (as the training script reads them)."""
    return rules_decide_alone(rule_kind(row), ui=row[_INDEX["ui"]] > 0.5,
                              words=round(math.expm1(row[_INDEX["log_words"]])),
                              digits=row[_INDEX["digits_tag"]] > 0.5, repeated=row[_INDEX["repeated"]] > 0.5,
                              teaser=teaser)


def rule_kind(row: Sequence[float]) -> str:
    """The rules' decision recorded in a feature row."""
    for name, kind in (("rule_before", RULE_BEFORE), ("rule_inside", RULE_INSIDE), ("rule_after", RULE_AFTER)):
        if row[_INDEX[name]] > 0.5:
            return kind
    return RULE_KEEP


def describe(model: MainTextModel, row: Sequence[float], prob: float, top: int = 3) -> str:
    """"model 0.12 (bad +1.30, rule_after -0.90, ...)": a decision and its top features."""
    return described("model", prob, model.explain(row, top))


@functools.lru_cache(maxsize=8)
def _load_path(path: str) -> MainTextModel:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read a main-text model from {path!r}: {exc}") from exc
    return MainTextModel(data)


@functools.lru_cache(maxsize=1)
def shipped_model() -> MainTextModel:
    """The model shipped with the package."""
    text = resources.files("cleannews").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return MainTextModel(json.loads(text))
