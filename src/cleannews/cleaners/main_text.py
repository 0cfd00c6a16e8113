"""The article's main run of prose, found by scoring every line in its context, and what stands
before it.

A jusText-style classifier made for innerText lines (one line = one paragraph, no markup): each
kept line gets features (:mod:`.line_features`) and a class in context (:mod:`.line_classes`);
good lines form blocks and the main run is chosen among them (:mod:`.blocks`). This step removes
what stands before the run, chrome and nearby repeated lines inside it, and leaves the run in
``page.state.main_run``; :mod:`.after_main_text` removes what is still kept after it. Every
reason names the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..language import stopwords
from ..line_table import page_table
from ..page import Page
from ..state import MainRun
from ..text import TERMINAL, is_title_like, line_key, list_number
from .blocks import Block, build_blocks, choose_run, hard_breaks, uses_paragraph_breaks
from .end_headers import end_headers
from .line_classes import BAD, DIGITS, GOOD, NEAR_GOOD, SHORT, Labels, LineClassifier, Verdict, classify_lines
from .line_features import TOKEN, LineFeatures, line_features, spaceless_measures
from .continuation import Candidate, bridge
from .main_text_model import (RULE_AFTER, RULE_BEFORE, RULE_INSIDE, RULE_KEEP, LazyProbabilities, MainTextModel,
                              RuleView, decide, describe, line_rows, row_maker, rules_decide_alone)
from .teasers import teaser_blocks


class _Analysis(NamedTuple):
    """What :meth:`MainText._analyse` finds."""

    labels: Labels
    features: dict[int, LineFeatures]
    run: Block
    rules: RuleView
    breaks: set[int]


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
    headline was found. The run is left in ``page.state.main_run`` for the steps after it
    (:class:`~cleannews.cleaners.after_main_text.AfterMainText`, the end sections).

    With ``use_model`` (the default) the main-text model (:mod:`.main_text_model`) reads each
    line's features, the chrome steps' removals around it and these rules' decision, and
    decides where the rules are not certain: a line taken out inside the run comes back, the
    run grows down over lines the model is sure of, and over a stretch of short lines to the
    prose below it where the model's continuation part says the article goes on there
    (:mod:`.continuation`; ``continuation`` off: not). A line kept against the rules is named in
    ``main_run.notes`` with the model's top features.
    """

    name = "main_text"
    full_page_only = True
    code = RemovalCode.BEFORE_MAIN_TEXT
    uses = ("article_start",)
    provides = ("main_run",)
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
    #: decide membership with the main-text model (see :mod:`.main_text_model`); off: the
    #: rules alone decide
    use_model: bool = True
    #: the model's file ("": the one shipped with the package)
    model: str = ""
    #: how many of its top features a decision of the model names
    explain_features: int = 3
    #: bridge the run over a stretch of short lines (a table, a list, subheadings) to the prose
    #: below it where the model's continuation part says the article goes on there (see
    #: :mod:`.continuation`)
    continuation: bool = True

    def _adjacent_sentences(self, page: Page, labels: Labels, end: int, step: int = 1) -> int:
        """The run's end (``step`` 1) or start (``step`` -1), moved over short sentences that
        stand directly next to it (a closing line, "See you tomorrow."; an opening one, "It
        was a cold morning."): a line of ``min_closing_words`` words or more with stopwords,
        ending like a sentence but not a question (a teaser asks), judged neither bad on its own
        nor UI text."""
        stops = stopwords(page.language)
        spaceless = spaceless_measures(page)
        while True:
            j = page.next_nonblank(end, step)
            if j is None or j not in labels or labels[j][0] == GOOD:
                return end
            verdict = labels[j][1]
            counts = page_table(page).word_counts((j,), stops)[0]
            f = line_features(page.lines[j].text, stops, counts=counts, **spaceless)
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
        return verdict.cls == NEAR_GOOD and bool(TERMINAL.search(text)) and len(TOKEN.findall(text)) >= self.long_prose_words

    def _dek(self, page: Page, labels: Labels, run: Block,
             blocks: list[Block]) -> Block | None:
        """The short block of prose right under the headline (a dek or lead) when it stands
        apart from the main run: it stays."""
        head = page.headline_index()
        assert head is not None
        first = next((b for b in blocks if b.start > head), None)
        if first is None or first.start >= run.start or first.header_before or first.gap_before >= self.max_gap:
            return None
        good = sum(1 for i in range(first.start, first.end + 1) if labels.get(i, (BAD,))[0] == GOOD)
        return first if good <= self.max_dek_lines else None

    def _analyse(self, page: Page, measure: bool) -> _Analysis | None:
        """The rules' reading of the page: classes, features (when ``measure``), the main run,
        the dek and each line's decision (None when the page has no main run)."""
        breaks, paragraphs = hard_breaks(page), uses_paragraph_breaks(page)
        features: dict[int, LineFeatures] | None = {} if measure else None
        times: dict[int, int] = {}
        labels = classify_lines(page, breaks, paragraphs, self, features, times)
        blocks = build_blocks(page, labels, breaks, paragraphs, self)
        run = choose_run(page, blocks, self)
        if run is None:
            return None
        if self.extend_end:
            run = run._replace(end=self._adjacent_sentences(page, labels, run.end))
        if self.extend_start:
            run = run._replace(start=self._adjacent_sentences(page, labels, run.start, -1))
        items: set[int] = set()
        if self.numbered_lists:
            items = self._numbered_items(page, run)
            if items:
                run = run._replace(end=max(run.end, max(items)))
        head = page.headline_index()
        dek = self._dek(page, labels, run, blocks) if head is not None else None
        decisions = self._rule_decisions(page, labels, run, head, dek, items)
        teasers: frozenset[int] = frozenset()
        if measure:  # (only the model reads them: its growth past the run stops at a block of teasers)
            after = [i for i in sorted(labels) if i > run.end and page.lines[i].kept]
            teasers = frozenset(i for first, last, *_ in teaser_blocks([page.lines[i].text for i in after])
                                for i in after[first:last + 1])
        rules = RuleView(decisions, (run.start, run.end), head, (dek.start, dek.end) if dek else None,
                         frozenset(breaks), times, teasers)
        return _Analysis(labels, features or {}, run, rules, breaks)

    def model_rows(self, page: Page) -> list[tuple[int, list[float], bool]]:
        """(index, features, in a block of teasers after the run?) of each line the model
        decides on this page, as this step would read them (for training the model: run the
        steps before this one first)."""
        found = self._analyse(page, True)
        if found is None:
            return []
        return [(i, row, i in found.rules.teasers)
                for i, row in line_rows(page, found.labels, found.features, found.rules)]

    def continuation_candidates(self, page: Page, decide_block: Callable[[Candidate], bool],
                                model: str | None = None) -> list[tuple[Candidate, bool]]:
        """The blocks of prose below the run that this step weighs as continuations of the
        article (see :mod:`.continuation`), each decided by ``decide_block`` instead of the
        model (for training: run the steps before this one first; ``model``: the line model's
        file, else this step's). The page is not changed."""
        found = self._analyse(page, True)
        if found is None:
            return []
        decided = _line_decisions(page, found.labels, found.features, found.rules,
                                  MainTextModel.load(self.model if model is None else model))
        if decided is None:
            return []
        indices, _, probs, keep = decided
        return bridge(page, indices, keep, found.labels, found.features, probs, found.rules.headers,
                      found.rules.times, decide_block)

    def __call__(self, page: Page) -> None:
        # (the page does not change until the removals at the end: its closing-section headers,
        # paragraph style and blocks are found once)
        found = self._analyse(page, self.use_model)
        if found is None:
            return
        labels, features, run, rules, breaks = found
        decisions = rules.decisions
        start, end = run.start, run.end
        evidence = {i: (c, v.evidence) for i, (c, v) in labels.items()}
        removals: dict[int, tuple[str, RemovalCode]] = {}
        notes: dict[int, str] = {}
        if self.use_model:
            span = self._model_decisions(page, labels, features, rules, evidence, removals, notes)
            if span is not None:
                start, end = span
        else:
            for i, decision in decisions.items():
                if decision == RULE_BEFORE:
                    removals[i] = (before_reason(*labels[i]), RemovalCode.BEFORE_MAIN_TEXT)
                elif decision == RULE_INSIDE:
                    removals[i] = (f"inside the main text, among chrome: {labels[i][1].evidence}",
                                   RemovalCode.INSIDE_MAIN_TEXT)
        self._teaser_blocks(page, sorted(labels), start, end, evidence, removals)
        lines = page.lines
        page.state.main_run = MainRun(
            lines[start], lines[end], {lines[i].uid: ce for i, ce in evidence.items()},
            frozenset(lines[i].uid for i, _ in end_headers(page) if i not in breaks), notes,
            core=lines[run.core] if start <= run.core <= end else None)
        for i, (reason, code) in sorted(removals.items()):
            page.remove(i, self.name, reason, code)
        if self.drop_repeats:
            _drop_repeats(page, start, end, self.name, self.repeat_window)

    @staticmethod
    def _teaser_blocks(page: Page, kept: list[int], start: int, end: int, evidence: dict[int, tuple[str, str]],
                       removals: dict[int, tuple[str, RemovalCode]]) -> None:
        """Blocks of teasers (a short title over a one- or two-sentence summary, again and
        again: :func:`~.teasers.teaser_blocks`) that stand wholly outside the article are
        recognised as a whole: their lines' reasons name the block."""
        for first, last, teasers, _ in teaser_blocks([page.lines[i].text for i in kept]):
            block = kept[first:last + 1]
            if not all(i in removals or i > end for i in block):
                continue
            what = f"one of a block of {teasers} teasers (a title over a summary)"
            for i in block:
                if i in removals:
                    reason, code = removals[i]
                    removals[i] = (f"{what}; {reason}", code)
                elif i > end and i in evidence:
                    cls, ev = evidence[i]
                    evidence[i] = (cls, f"{what}; {ev}")

    def _rule_decisions(self, page: Page, labels: Labels, run: Block, head: int | None, dek: Block | None,
                        items: set[int]) -> dict[int, str]:
        """What the rules decide for each kept line they classified: kept, before the run,
        inside it among chrome, or after it."""
        # with no headline found, a title-shaped line right above the run is most likely the
        # article's title: it stays (the steps after may still judge it)
        title = page.next_nonblank(run.start, -1) if head is None else None
        if title is not None and not (title in labels and is_title_like(page.lines[title].text)
                                      and labels[title][1].cls != BAD):
            title = None
        stops = stopwords(page.language)
        out: dict[int, str] = {}
        for i, (cls, verdict) in labels.items():
            if i > run.end:
                out[i] = RULE_AFTER
            elif i < run.start:
                before = (head is None or i > head) and i != title \
                    and not (dek is not None and dek.start <= i <= dek.end and cls == GOOD)
                out[i] = RULE_BEFORE if before else RULE_KEEP
            elif self.inside and run.start < i < run.end and cls == BAD and i not in items \
                    and not self._long_prose(page, verdict, i) \
                    and not (self.keep_inside_sentences and verdict.cls in (SHORT, NEAR_GOOD)
                             and _short_sentence(page.lines[i].text, stops)):
                out[i] = RULE_INSIDE
            else:
                out[i] = RULE_KEEP
        return out

    def _model_decisions(self, page: Page, labels: Labels, features: dict[int, LineFeatures], rules: RuleView,
                         evidence: dict[int, tuple[str, str]],
                         removals: dict[int, tuple[str, RemovalCode]], notes: dict[int, str]) -> tuple[int, int] | None:
        """The model's decisions (see :mod:`.main_text_model`): fills ``removals``, ``evidence``
        for the lines after the run, and ``notes`` (uid -> why) for the lines it keeps against
        the rules; returns the run's first and last line (None when
        the page has no line to decide)."""
        model = MainTextModel.load(self.model)
        decided = _line_decisions(page, labels, features, rules, model)
        if decided is None:
            return None
        indices, kinds, probs, keep = decided
        start, end = rules.run
        bridged: dict[int, str] = {}  # index -> why the continuation model took or refused its block
        refused: dict[int, str] = {}
        if self.continuation and model.continuation is not None:
            judge = model.continuation
            for candidate, taken in bridge(page, indices, keep, labels, features, probs, rules.headers, rules.times,
                                           lambda c: judge.probability(c.row) >= judge.threshold):
                why = judge.describe(candidate.row, self.explain_features)
                for i in candidate.block + candidate.gap if taken else candidate.block:
                    (bridged if taken else refused)[i] = why
        for i, kp, kind in zip(indices, keep, kinds):
            if kp and kind == RULE_BEFORE:
                start = min(start, i)
            elif kp and kind == RULE_AFTER:
                end = max(end, i)
        for k, (i, kp, kind) in enumerate(zip(indices, keep, kinds)):
            if kp:
                if i in bridged:
                    notes[page.lines[i].uid] = f"kept against the rules ({kind}): the article goes on below " \
                        f"the run's end: {bridged[i]}"
                elif kind != RULE_KEEP:  # kept against the rules: say why
                    notes[page.lines[i].uid] = f"kept against the rules ({kind}): " + \
                        describe(model, probs.row(k), probs[k], self.explain_features)
                continue
            cls, verdict = labels[i]
            if kind == RULE_KEEP:  # removed against the rules: say why
                why = "; " + describe(model, probs.row(k), probs[k], self.explain_features)
            else:
                why = f"; model {probs[k]:.2f}" if probs.known(k) else ""
                if i in refused:
                    why += f"; the article does not go on here: {refused[i]}"
            if i < start:
                removals[i] = (f"{before_reason(cls, verdict)}{why}", RemovalCode.BEFORE_MAIN_TEXT)
            elif i <= end:
                removals[i] = (f"inside the main text, among chrome: {verdict.evidence}{why}",
                               RemovalCode.INSIDE_MAIN_TEXT)
            else:
                evidence[i] = (BAD if cls == GOOD and kind == RULE_KEEP else cls, f"{verdict.evidence}{why}")
        return start, end

def _line_decisions(page: Page, labels: Labels, features: dict[int, LineFeatures], rules: RuleView,
                    model: MainTextModel) -> tuple[list[int], list[str], LazyProbabilities, list[bool]] | None:
    """The lines the model decides (indices), the rules' decision and the model's probability
    for each, and whether each is kept, line by line (None when the page has no line to decide)."""
    indices, row_of = row_maker(page, labels, features, rules)
    if not indices:
        return None
    probs = LazyProbabilities(model, indices, row_of)
    kinds = [rules.decisions.get(i, RULE_KEEP) for i in indices]
    fixed = [rules_decide_alone(kind, ui=features[i].ui is not None, words=features[i].words,
                                digits=labels[i][1].tag == DIGITS, repeated=rules.times.get(i, 1) > 1,
                                teaser=i in rules.teasers)
             for i, kind in zip(indices, kinds)]
    return indices, kinds, probs, decide(probs, kinds, model.thresholds, fixed)


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
        key = line_key(line.text)
        if key in seen and position - seen[key] <= window:
            page.remove(i, name, f"repeats a line {position - seen[key]} kept lines above it in the main text",
                        RemovalCode.REPEAT)
            continue
        seen[key] = position
        position += 1


def _short_sentence(text: str, stops: frozenset[str], min_words: int = 4) -> bool:
    """True for a short line that reads like a sentence: it ends with . ! or ?, has
    ``min_words`` words or more and a stopword."""
    if not TERMINAL.search(text):
        return False
    tokens = TOKEN.findall(text)
    return len(tokens) >= min_words and any(t.casefold() in stops for t in tokens)


def before_reason(cls: str, verdict: Verdict) -> str:
    """Why a line before the main run goes."""
    if cls == GOOD:
        return f"before the main text, separated from it by chrome: {verdict.evidence}"
    return f"before the main text: {verdict.evidence}"
