"""Pipeline: an ordered sequence of named cleaners, and the line-by-line explanation of a run."""

from __future__ import annotations

import dataclasses
import datetime
import json
import time
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, overload

from .article import Article
from .cleaner import Cleaner
from .errors import CleanerError, CleanTimeout, DegradedStepWarning, PipelineError
from .page import Page
from .prepare import prepare
from .state import FieldChoice

__all__ = ["CleanTimeout", "CleanerError", "Decision", "Explanation", "Pipeline", "StatsSummary", "StepStats"]

#: Between a step's name and an option's in :meth:`Pipeline.get_params` ("main_text__max_gap").
PARAM_SEPARATOR = "__"


def _declared(step: Cleaner, kind: str) -> tuple[str, ...]:
    """A step's ``requires``, ``uses`` or ``provides`` (none for a step that declares nothing)."""
    return tuple(getattr(step, kind, ()) or ())


class Pipeline(Sequence[Cleaner]):
    """An ordered, immutable sequence of named cleaners.

    Editing methods return a new pipeline, so the default one is never changed by accident::

        p = cleannews.default_pipeline().drop("captions").insert(my_step, after="share_buttons")

    Building or editing one checks the steps' declared needs: a step that ``requires`` a slot
    no step before it ``provides`` raises :class:`~cleannews.errors.PipelineError`; one that only
    ``uses`` it runs degraded and a :class:`~cleannews.errors.DegradedStepWarning` says so.
    """

    def __init__(self, steps: Iterable[Cleaner], *, language: str | None = None) -> None:
        self._steps: tuple[Cleaner, ...] = tuple(steps)
        self.language = language
        names = [s.name for s in self._steps]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"step names must be unique; repeated: {dupes}")
        for step in self._steps:
            if not callable(step) or not isinstance(getattr(step, "name", None), str):
                raise TypeError(f"a step must be callable and have a str .name: {step!r}")
        self.degraded: dict[str, tuple[str, ...]] = self._check_needs()

    def _check_needs(self) -> dict[str, tuple[str, ...]]:
        """Raise for unmet requirements (naming every step that lacks one); else warn for, and
        return, the steps that run degraded (name -> the slots they use that no step before
        them provides)."""
        providers: dict[str, list[str]] = {}
        for step in self._steps:
            for slot in _declared(step, "provides"):
                providers.setdefault(slot, []).append(step.name)
        provided: set[str] = set()
        unmet: list[str] = []
        degraded: dict[str, tuple[str, ...]] = {}
        for step in self._steps:
            missing = [slot for slot in _declared(step, "requires") if slot not in provided]
            if missing:
                unmet.append(f"step {step.name!r} needs {self._wanting(missing, providers)} from a step before it")
            lacking = tuple(slot for slot in _declared(step, "uses") if slot not in provided)
            if lacking:
                degraded[step.name] = lacking
            provided.update(_declared(step, "provides"))
        if unmet:
            raise PipelineError("; ".join(unmet) + " (drop those steps too, or put the steps that provide "
                                "what they need before them)")
        for name, lacking in degraded.items():
            warnings.warn(f"step {name!r} runs degraded: it uses {self._wanting(lacking, providers)}, "
                          f"which no step before it provides", DegradedStepWarning, stacklevel=4)
        return degraded

    @staticmethod
    def _wanting(slots: Sequence[str], providers: dict[str, list[str]]) -> str:
        """"'main_run' (provided by 'main_text', which comes after it)" for each slot."""
        parts = []
        for slot in slots:
            by = providers.get(slot)
            parts.append(f"{slot!r} (provided by {', '.join(map(repr, by))}, which comes after it)" if by
                         else f"{slot!r} (no step in the pipeline provides it)")
        return " and ".join(parts)

    # -- Sequence ----------------------------------------------------------------------------
    @overload
    def __getitem__(self, key: int | str) -> Cleaner: ...
    @overload
    def __getitem__(self, key: slice) -> Pipeline: ...
    def __getitem__(self, key: int | str | slice) -> Cleaner | Pipeline:
        if isinstance(key, slice):
            return Pipeline(self._steps[key], language=self.language)
        if isinstance(key, str):
            return self._steps[self.index(key)]
        return self._steps[key]

    def __len__(self) -> int:
        return len(self._steps)

    def __iter__(self) -> Iterator[Cleaner]:
        return iter(self._steps)

    def __repr__(self) -> str:
        return f"Pipeline({list(self.names)})"

    @property
    def names(self) -> tuple[str, ...]:
        """The steps' names, in order."""
        return tuple(s.name for s in self._steps)

    def index(self, name: str, *_: Any) -> int:  # type: ignore[override]
        """Position of the step called name (KeyError listing the names if there is none)."""
        for i, step in enumerate(self._steps):
            if step.name == name:
                return i
        raise KeyError(f"no step named {name!r}; steps: {', '.join(self.names)}")

    def describe(self) -> str:
        """One line per step: its name and what it removes; under it, the dependency graph: the
        slots it needs and uses (with the step that provides each) and those it provides."""
        provider: dict[str, str] = {}
        rows = []
        for s in self._steps:
            rows.append(f"{s.name:22} {getattr(s, 'description', '')}")
            for kind, label in (("requires", "needs"), ("uses", "uses")):
                slots = _declared(s, kind)
                if slots:
                    rows.append(f"{'':22}   {label}: " + ", ".join(
                        f"{slot} <- {provider[slot]}" if slot in provider else f"{slot} <- (none: runs degraded)"
                        for slot in slots))
            provides = _declared(s, "provides")
            if provides:
                rows.append(f"{'':22}   provides: {', '.join(provides)}")
            for slot in provides:
                provider.setdefault(slot, s.name)
        return "\n".join(rows)

    def graph(self) -> dict[str, dict[str, list[str]]]:
        """The dependency graph: step name -> {"requires", "uses": the steps before it that
        provide what it reads; "provides": its slots}."""
        provider: dict[str, str] = {}
        out: dict[str, dict[str, list[str]]] = {}
        for s in self._steps:
            out[s.name] = {kind: sorted({provider[slot] for slot in _declared(s, kind) if slot in provider})
                           for kind in ("requires", "uses")}
            out[s.name]["provides"] = list(_declared(s, "provides"))
            for slot in _declared(s, "provides"):
                provider.setdefault(slot, s.name)
        return out

    # -- editing (each returns a new Pipeline) -------------------------------------------------
    def _with(self, steps: Iterable[Cleaner]) -> Pipeline:
        return Pipeline(steps, language=self.language)

    def drop(self, *names: str) -> Pipeline:
        """Without the named steps."""
        for n in names:
            self.index(n)
        return self._with(s for s in self._steps if s.name not in names)

    def insert(self, step: Cleaner, *, before: str | None = None, after: str | None = None) -> Pipeline:
        """With ``step`` added before or after a named step (at the end when neither is given)."""
        if before is not None and after is not None:
            raise ValueError("give before= or after=, not both")
        steps = list(self._steps)
        if before is not None:
            steps.insert(self.index(before), step)
        elif after is not None:
            steps.insert(self.index(after) + 1, step)
        else:
            steps.append(step)
        return self._with(steps)

    def append(self, step: Cleaner) -> Pipeline:
        """With ``step`` added at the end."""
        return self.insert(step)

    def replace(self, name: str, step: Cleaner) -> Pipeline:
        """With the named step replaced by ``step``."""
        steps = list(self._steps)
        steps[self.index(name)] = step
        return self._with(steps)

    def configure(self, name: str, **options: Any) -> Pipeline:
        """With the named step's options changed (see each step's dataclass fields)."""
        step = self[name]
        configure = getattr(step, "configure", None)
        if configure is None:
            raise TypeError(f"step {name!r} has no options to configure")
        return self.replace(name, configure(**options))

    def with_language(self, language: str | None) -> Pipeline:
        """The same steps, cleaning as ``language`` (None: detect per document)."""
        return Pipeline(self._steps, language=language)

    # -- parameters ----------------------------------------------------------------------------
    def get_params(self) -> dict[str, Any]:
        """Every step's options as ``{"step__option": value}`` (an option that is itself a
        dataclass, such as ``main_text``'s classifier, as ``step__option__field``)."""
        out: dict[str, Any] = {}
        for step in self._steps:
            params = getattr(step, "params", None)
            for option, value in (params or {}).items():
                _flatten(out, f"{step.name}{PARAM_SEPARATOR}{option}", value)
        return out

    def set_params(self, **params: Any) -> Pipeline:
        """With some options changed, named as :meth:`get_params` names them
        (``set_params(main_text__max_gap=5, captions__max_words=30)``)."""
        by_step: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, sep, option = key.partition(PARAM_SEPARATOR)
            if not sep or not option:
                raise KeyError(f"{key!r}: a parameter is named step{PARAM_SEPARATOR}option")
            self.index(name)
            by_step.setdefault(name, {})[option] = value
        pipeline = self
        for name, options in by_step.items():
            step = pipeline[name]
            nested: dict[str, Any] = {}
            for option, value in options.items():
                head, sep, rest = option.partition(PARAM_SEPARATOR)
                if sep:
                    current = nested.get(head, step.options.get(head) if hasattr(step, "options") else None)
                    if current is None or not dataclasses.is_dataclass(current):
                        raise KeyError(f"{name!r} has no option {head!r} made of fields")
                    nested[head] = _replace_nested(current, rest, value)
                else:
                    nested[option] = _from_json(value, step.options.get(option) if hasattr(step, "options") else None)
            pipeline = pipeline.configure(name, **nested)
        return pipeline

    def save(self, path: str | Path) -> None:
        """Write the step order, the language and every option to a JSON file
        (:func:`cleannews.load_pipeline` reads it back)."""
        config = {"language": self.language, "steps": list(self.names), "params": self.get_params()}
        try:
            text = json.dumps(config, indent=2, ensure_ascii=False, default=_to_json)
        except TypeError as exc:
            raise TypeError(f"the pipeline's options cannot be saved: {exc}") from exc
        Path(path).write_text(text + "\n", encoding="utf-8")

    # -- running -------------------------------------------------------------------------------
    def process(self, page: Page) -> Page:
        """Run every step over the page, in order, and return it.

        On a page whose text an extractor already cut to the article (``page.metadata["extracted"]``,
        set by the HTML path), steps marked ``full_page_only`` are left out: there is no page dump
        around the article for them to find its start and end in; on any other page, the steps
        marked ``extracted_only`` (they read the page's markup). The page's
        ``metadata["pipeline"]`` is this pipeline while it runs (a step that cleans more text,
        as ``visible_byline`` cleans the page's visible text, cleans it with the same steps).
        """
        deadline = page.metadata.get("deadline")
        extracted = bool(page.metadata.get("extracted"))
        page.metadata["pipeline"] = self  # (a step that cleans more text the same way reads it)
        timings = page.timings
        clock = time.perf_counter
        for step in self._steps:
            if getattr(step, "full_page_only" if extracted else "extracted_only", False):
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise CleanTimeout(f"time limit exceeded before step {step.name!r}")
            started = clock()
            try:
                step(page)
            except CleanTimeout:
                raise
            except Exception as exc:  # a step's bug must name the step
                raise CleanerError(f"step {step.name!r} failed: {type(exc).__name__}: {exc}") from exc
            timings[step.name] = clock() - started
        return page

    def clean(self, source: str | bytes, *, language: str | None = None, input_format: str = "auto",
              url: str | None = None, timeout: float | None = None,
              reference_date: datetime.date | None = None) -> Article:
        """Clean a page into an Article with this pipeline (arguments as :func:`cleannews.clean`)."""
        return self.process(self._prepare(source, language, input_format, url, timeout, reference_date)).to_article()

    def clean_with_stats(self, source: str | bytes, *, language: str | None = None, input_format: str = "auto",
                         url: str | None = None, timeout: float | None = None,
                         reference_date: datetime.date | None = None) -> tuple[Article, list[StepStats]]:
        """:meth:`clean`, with each step's time and counts on the page (see :class:`StepStats`)."""
        page = self.process(self._prepare(source, language, input_format, url, timeout, reference_date))
        return page.to_article(), step_stats(self, page)

    def _prepare(self, source: str | bytes, language: str | None, input_format: str, url: str | None,
                 timeout: float | None, reference_date: datetime.date | None = None) -> Page:
        deadline = time.monotonic() + timeout if timeout is not None else None  # reading the page counts too
        page = prepare(source, language=language or self.language, input_format=input_format, url=url)
        _set_reference_date(page, reference_date)
        if deadline is not None:
            page.metadata["deadline"] = deadline
        return page

    def explain(self, source: str | bytes, *, language: str | None = None, input_format: str = "auto",
                url: str | None = None, reference_date: datetime.date | None = None) -> Explanation:
        """Line by line: what was kept, and for the rest which step removed it and why; with
        each step's time and counts (:attr:`Explanation.stats`) and why each field has its value
        (:attr:`Explanation.fields`)."""
        page = prepare(source, language=language or self.language, input_format=input_format, url=url)
        _set_reference_date(page, reference_date)
        page = self.process(page)
        add_dropped = getattr(page, "add_dropped_lines", None)  # HTML: what the extractor left out
        if add_dropped is not None:
            add_dropped()
        return Explanation(page, page.to_article(), step_stats(self, page))


def _set_reference_date(page: Page, reference_date: datetime.date | None) -> None:
    """Put the caller's reference date on the page (relative dates such as "vor 3 Stunden" are
    resolved against it; without one they give no date)."""
    if reference_date is None:
        return
    if not isinstance(reference_date, datetime.date):
        raise TypeError(f"reference_date must be a datetime.date or datetime.datetime, not "
                        f"{type(reference_date).__name__}")
    page.metadata["reference_date"] = reference_date


def _flatten(out: dict[str, Any], key: str, value: Any) -> None:
    """Put ``value`` under ``key``, a dataclass value field by field under ``key__field``."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _flatten(out, f"{key}{PARAM_SEPARATOR}{f.name}", getattr(value, f.name))
    else:
        out[key] = value


def _replace_nested(current: Any, path: str, value: Any) -> Any:
    """A copy of the dataclass ``current`` with the field at ``path`` ("a__b") set to value."""
    head, sep, rest = path.partition(PARAM_SEPARATOR)
    known = {f.name for f in dataclasses.fields(current)}
    if head not in known:
        raise KeyError(f"{type(current).__name__} has no field {head!r}; fields: {sorted(known)}")
    old = getattr(current, head)
    new = _replace_nested(old, rest, value) if sep else _from_json(value, old)
    return dataclasses.replace(current, **{head: new})


def _from_json(value: Any, old: Any) -> Any:
    """A value read from JSON in the type of the option it replaces (lists back to tuples or
    frozensets)."""
    if isinstance(value, list):
        if isinstance(old, tuple):
            return tuple(value)
        if isinstance(old, frozenset):
            return frozenset(value)
    return value


def _to_json(value: Any) -> Any:
    """JSON for the option types that json does not know (tuples are lists already)."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} value {value!r} is not JSON")


@dataclass(frozen=True)
class StepStats:
    """What one step did to one page: its time and the lines it removed or claimed."""

    step: str
    ran: bool
    seconds: float = 0.0
    removed: int = 0
    claimed: int = 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dataclasses.asdict(self)


class StatsSummary:
    """Step stats added up over many documents (``cleannews clean --stats``)."""

    def __init__(self) -> None:
        self.documents = 0
        self._steps: dict[str, list[float]] = {}  # name -> [runs, seconds, removed, claimed]

    def add(self, stats: Iterable[StepStats | dict[str, Any]]) -> None:
        """Count one document's step stats (as :class:`StepStats` or their ``to_dict()``)."""
        self.documents += 1
        for s in stats:
            row = s.to_dict() if isinstance(s, StepStats) else s
            totals = self._steps.setdefault(str(row["step"]), [0, 0.0, 0, 0])
            if row["ran"]:
                totals[0] += 1
                totals[1] += float(row["seconds"])
                totals[2] += int(row["removed"])
                totals[3] += int(row["claimed"])

    def table(self) -> str:
        """Per step: documents it ran on, its total and mean time, the lines it removed and claimed."""
        rows = [f"{self.documents} documents",
                f"{'step':22} {'ran':>6} {'total s':>9} {'ms/doc':>8} {'removed':>8} {'claimed':>8}"]
        for name, (runs, seconds, removed, claimed) in self._steps.items():
            mean = 1000 * seconds / runs if runs else 0.0
            rows.append(f"{name:22} {int(runs):6} {seconds:9.3f} {mean:8.2f} {int(removed):8} {int(claimed):8}")
        return "\n".join(rows)


def step_stats(pipeline: Pipeline, page: Page) -> list[StepStats]:
    """Each step's time on the page and its removals and claims, in pipeline order (a step
    left out on extracted text has ``ran=False``)."""
    removed: dict[str, int] = {}
    claimed: dict[str, int] = {}
    for line in page.lines:
        if line.removal is not None:
            counts = claimed if line.fields else removed
            counts[line.removal.cleaner] = counts.get(line.removal.cleaner, 0) + 1
    return [StepStats(s.name, s.name in page.timings, page.timings.get(s.name, 0.0),
                      removed.get(s.name, 0), claimed.get(s.name, 0)) for s in pipeline]


@dataclass(frozen=True)
class Decision:
    """What became of one line: kept for the body, or removed by a step for a reason."""

    line: int
    text: str
    kept: bool
    cleaner: str | None = None
    reason: str | None = None
    field: str | None = None
    code: str | None = None
    #: every field that claimed the line (a byline-and-date line holds two)
    fields: tuple[str, ...] = ()
    #: for a line kept against the rules: why (the main-text model's top features)
    note: str | None = None


class Explanation:
    """The decisions of one run, line by line, plus the Article it produced."""

    def __init__(self, page: Page, article: Article, stats: Sequence[StepStats] = ()) -> None:
        self.article = article
        self.language = page.language
        notes = page.state.main_run.notes if page.state.main_run is not None else {}
        self.decisions: list[Decision] = [
            Decision(line.number, line.text, line.removal is None,
                     line.removal.cleaner if line.removal else None,
                     line.removal.reason if line.removal else None, line.field,
                     line.removal.code.value if line.removal else None, line.fields,
                     notes.get(line.uid) if line.removal is None else None)
            for line in page.lines if line.text
        ]
        #: each step's time on the page and what it removed and claimed, in pipeline order
        self.stats: list[StepStats] = list(stats)
        #: per field, how its value was chosen among the sources that state one (HTML input):
        #: ``{"headline": {"value", "sources", "score", "runner_up", "runner_up_sources",
        #: "runner_up_score"}, …}``
        self.field_sources: dict[str, dict[str, Any]] = dict(page.metadata.get("field_sources") or {})
        #: why each field has its value: the chosen line, its score, the runner-up (by field name)
        self.fields: dict[str, FieldChoice] = dict(page.state.fields)

    def removed_by(self, cleaner: str) -> list[Decision]:
        """The lines a given step removed."""
        return [d for d in self.decisions if d.cleaner == cleaner]

    def counts(self) -> dict[str, int]:
        """How many lines each step removed."""
        out: dict[str, int] = {}
        for d in self.decisions:
            if d.cleaner:
                out[d.cleaner] = out.get(d.cleaner, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"language": self.language,
                "lines": [{**d.__dict__, "fields": list(d.fields)} for d in self.decisions],
                "article": self.article.to_dict(removed=False),
                "fields": {name: choice.to_dict() for name, choice in self.fields.items()},
                "stats": [s.to_dict() for s in self.stats], "field_sources": self.field_sources}

    def stats_table(self) -> str:
        """The steps' times and counts as a table (a step that did not run says so)."""
        rows = [f"{'step':22} {'ms':>8} {'removed':>8} {'claimed':>8}"]
        for s in self.stats:
            if s.ran:
                rows.append(f"{s.step:22} {1000 * s.seconds:8.2f} {s.removed:8} {s.claimed:8}")
            else:
                rows.append(f"{s.step:22} {'(not run: text already extracted)':>26}")
        return "\n".join(rows)

    def __str__(self) -> str:
        rows = []
        for d in self.decisions:
            text = d.text if len(d.text) <= 90 else d.text[:87] + "..."
            if d.kept:
                rows.append(f"{d.line:5}  KEEP  {text}" + (f"\n         └ {d.note}" if d.note else ""))
            else:
                rows.append(f"{d.line:5}  DROP  {text}\n         └ {d.cleaner}: {d.reason}")
        if self.fields:
            rows += [""] + [f"{name:9} {choice}" for name, choice in self.fields.items()]
        if self.field_sources:
            rows += ["", self.sources_table()]
        if self.stats:
            rows += ["", self.stats_table()]
        return "\n".join(rows)

    def sources_table(self) -> str:
        """Per field: the chosen value and the sources that agree on it, and the runner-up."""
        rows = []
        for name, c in self.field_sources.items():
            rows.append(f"{name:9} {_short(c.get('value'))}  [{', '.join(c.get('sources') or []) or 'no source'}]")
            if c.get("runner_up") not in (None, [], ""):
                rows.append(f"{'':9} runner-up: {_short(c.get('runner_up'))}  [{', '.join(c.get('runner_up_sources') or [])}]")
        return "\n".join(rows)


def _short(value: Any, limit: int = 80) -> str:
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."
