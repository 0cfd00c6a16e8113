"""Pipeline: an ordered sequence of named cleaners, and the line-by-line explanation of a run."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from .article import Article
from .cleaner import Cleaner
from .page import Page


class CleanerError(RuntimeError):
    """A pipeline step raised; the message names the step."""


class CleanTimeout(TimeoutError):
    """Cleaning a document took longer than its time limit."""


class Pipeline(Sequence[Cleaner]):
    """An ordered, immutable sequence of named cleaners.

    Editing methods return a new pipeline, so the default one is never changed by accident::

        p = cleannews.default_pipeline().drop("captions").insert(my_step, after="share_buttons")
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
        """One line per step: its name and what it removes."""
        return "\n".join(f"{s.name:22} {getattr(s, 'description', '')}" for s in self._steps)

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

    # -- running -------------------------------------------------------------------------------
    def process(self, page: Page) -> Page:
        """Run every step over the page, in order, and return it.

        On a page whose text an extractor already cut to the article (``page.metadata["extracted"]``,
        set by the HTML path), steps marked ``full_page_only`` are left out: there is no page dump
        around the article for them to find its start and end in.
        """
        deadline = page.metadata.get("deadline")
        extracted = bool(page.metadata.get("extracted"))
        for step in self._steps:
            if extracted and getattr(step, "full_page_only", False):
                continue
            if deadline is not None and time.monotonic() > deadline:
                raise CleanTimeout(f"time limit exceeded before step {step.name!r}")
            try:
                step(page)
            except CleanTimeout:
                raise
            except Exception as exc:  # a step's bug must name the step
                raise CleanerError(f"step {step.name!r} failed: {type(exc).__name__}: {exc}") from exc
        return page

    def clean(self, source: str | bytes, **kwargs: Any) -> Article:
        """Clean a page into an Article with this pipeline (arguments as :func:`cleannews.clean`)."""
        from .api import clean
        return clean(source, pipeline=self, **kwargs)

    def explain(self, source: str | bytes, *, language: str | None = None, input_format: str = "auto",
                url: str | None = None) -> Explanation:
        """Line by line: what was kept, and for the rest which step removed it and why."""
        from .api import prepare
        page = self.process(prepare(source, language=language or self.language, input_format=input_format,
                                    url=url))
        add_dropped = getattr(page, "add_dropped_lines", None)  # HTML: what the extractor left out
        if add_dropped is not None:
            add_dropped()
        return Explanation(page, page.to_article())


@dataclass(frozen=True)
class Decision:
    """What became of one line: kept for the body, or removed by a step for a reason."""

    line: int
    text: str
    kept: bool
    cleaner: str | None = None
    reason: str | None = None
    field: str | None = None


class Explanation:
    """The decisions of one run, line by line, plus the Article it produced."""

    def __init__(self, page: Page, article: Article) -> None:
        self.article = article
        self.language = page.language
        self.decisions: list[Decision] = [
            Decision(line.number, line.text, line.removal is None,
                     line.removal.cleaner if line.removal else None,
                     line.removal.reason if line.removal else None, line.field)
            for line in page.lines if line.text
        ]

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
                "lines": [d.__dict__ for d in self.decisions],
                "article": self.article.to_dict(removed=False)}

    def __str__(self) -> str:
        rows = []
        for d in self.decisions:
            text = d.text if len(d.text) <= 90 else d.text[:87] + "..."
            if d.kept:
                rows.append(f"{d.line:5}  KEEP  {text}")
            else:
                rows.append(f"{d.line:5}  DROP  {text}\n         └ {d.cleaner}: {d.reason}")
        return "\n".join(rows)
