"""What a pipeline step is: a named callable over a :class:`~cleannews.page.Page`.

Three ways to write one:

* subclass :class:`Cleaner` as a frozen dataclass and implement ``__call__(page)``; its
  dataclass fields are its options, changed with :meth:`Cleaner.configure`;
* subclass :class:`LineCleaner` and implement ``reason(text, page)``: a per-line rule that
  returns why the line is chrome, or ``None`` to keep it;
* decorate a plain function with :func:`cleaner` (page-level) or :func:`line_cleaner`
  (per line); keyword-only parameters with defaults become its options.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .page import CHECK_EVERY, Page


@dataclass(frozen=True)
class Cleaner:
    """A named pipeline step. Subclasses are frozen dataclasses; their fields are options."""

    name: ClassVar[str] = "cleaner"
    #: One sentence saying what the step removes and why (shown by ``Pipeline.describe``).
    description: ClassVar[str] = ""
    #: True for a step that reads a whole page dump: it finds where the article starts and ends
    #: among menus, teasers, widgets and closing sections. Text an extractor already cut to the
    #: article (the HTML path) has none of those, so the pipeline does not run such a step on it.
    full_page_only: ClassVar[bool] = False

    def __call__(self, page: Page) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def options(self) -> dict[str, Any]:
        """The step's current options."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    def configure(self, **options: Any) -> Cleaner:
        """A copy of this step with some options changed (unknown names raise TypeError)."""
        known = {f.name for f in dataclasses.fields(self)}
        unknown = set(options) - known
        if unknown:
            raise TypeError(f"{self.name}: unknown option(s) {sorted(unknown)}; "
                            f"known: {sorted(known) or 'none'}")
        return dataclasses.replace(self, **options)


@dataclass(frozen=True)
class LineCleaner(Cleaner):
    """A step that judges each kept line on its own (with the page for context)."""

    #: True for a step whose every decision reads only the line's text and values of the page
    #: that no line step changes (its lexicon, its whole text): then the pipeline runs it in
    #: one walk over the lines with the line-local steps next to it (see :func:`run_line_steps`),
    #: trying the steps in order on each line. It holds for the class that sets it; a subclass
    #: that overrides ``reason``, ``rule`` or ``__call__`` is run on its own unless it sets it too.
    line_local: ClassVar[bool] = False
    #: True for a line-local step that may also remove lines above the one it judges (a
    #: caption's alt text): no step may share its walk after it.
    ends_walk: ClassVar[bool] = False

    def reason(self, text: str, page: Page) -> str | None:  # pragma: no cover - abstract
        """Why this line is chrome, or None to keep it."""
        raise NotImplementedError

    def rule(self, page: Page) -> Callable[[str], str | None]:
        """``reason`` for one page, as a function of the line's text (steps that can look up
        their patterns once per page override it, and define ``reason`` through it)."""
        reason = self.reason
        return lambda text: reason(text, page)

    def after_removal(self, page: Page, i: int, why: str) -> None:
        """Called after the step removed line i for ``why`` (nothing by default)."""

    def __call__(self, page: Page) -> None:
        try:
            run_line_steps(page, (self,))
        except LineStepError as exc:
            raise exc.error


class LineStepError(Exception):
    """A step of :func:`run_line_steps` raised ``error``; ``name`` is the step's."""

    def __init__(self, name: str, error: Exception) -> None:
        super().__init__(f"{name}: {error}")
        self.name = name
        self.error = error


def _defined_in(cls: type, attribute: str) -> type:
    return next(c for c in cls.__mro__ if attribute in c.__dict__)


def _local(cls: type) -> bool:
    if not getattr(cls, "line_local", False):
        return False
    declared = _defined_in(cls, "line_local")
    return all(issubclass(declared, _defined_in(cls, a)) for a in ("reason", "rule", "__call__"))


def _own_rule(cls: type) -> bool:
    """True when the class's ``rule`` is its ``reason``'s (not an inherited one that a
    subclass's own ``reason`` would be bypassed by)."""
    return issubclass(_defined_in(cls, "rule"), _defined_in(cls, "reason"))


def is_line_local(step: object) -> bool:
    """True when a step may share a walk over the lines with its line-local neighbours (see
    :attr:`LineCleaner.line_local`)."""
    return isinstance(step, LineCleaner) and _local(type(step))


def run_line_steps(page: Page, steps: Sequence[LineCleaner]) -> None:
    """Run line steps in one walk over the page: each kept line is given to the steps in
    order until one removes it. For line-local steps (:func:`is_line_local`, only the last one
    may end its walk) that is what running them one after the other does; for one step of any
    kind it is what ``LineCleaner.__call__`` always did. A step that raises is named by the
    :class:`LineStepError` raised instead."""
    rules: list[tuple[str, Callable[[str], str | None], Callable[[Page, int, str], None] | None]] = []
    for step in steps:
        try:
            rule = step.rule(page) if _own_rule(type(step)) else LineCleaner.rule(step, page)
        except Exception as exc:
            raise LineStepError(step.name, exc) from exc
        hook: Callable[[Page, int, str], None] | None = None
        if type(step).after_removal is not LineCleaner.after_removal:
            hook = step.after_removal
        rules.append((step.name, rule, hook))
    timed = page.metadata.get("deadline") is not None
    name = ""
    try:
        for i, line in enumerate(page.lines):  # (each step removes the line it judges or lines above)
            if timed and not i % CHECK_EVERY:
                page.check_time()
            if line.removal is not None or not line.text:
                continue
            text = line.text
            for name, rule, hook in rules:
                why = rule(text)
                if why:
                    page.remove(i, name, why)
                    if hook is not None:
                        hook(page, i, why)
                    break
    except TimeoutError:
        raise
    except Exception as exc:
        raise LineStepError(name, exc) from exc


@dataclass(frozen=True)
class FunctionCleaner(Cleaner):
    """A step made from a plain function by :func:`cleaner` or :func:`line_cleaner`."""

    func: Callable[..., Any] = field(default=lambda page: None, compare=False)
    step_name: str = "custom"
    per_line: bool = False
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    doc: str = ""

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.step_name

    @property
    def description(self) -> str:  # type: ignore[override]
        return self.doc

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.kwargs)

    def configure(self, **options: Any) -> Cleaner:
        unknown = set(options) - set(self.kwargs)
        if unknown:
            raise TypeError(f"{self.name}: unknown option(s) {sorted(unknown)}; "
                            f"known: {sorted(self.kwargs) or 'none'}")
        return dataclasses.replace(self, kwargs={**self.kwargs, **options})

    def __call__(self, page: Page) -> None:
        if not self.per_line:
            self.func(page, **self.kwargs)
            return
        for i, line in page.kept():  # removes only line i: safe to walk lazily
            why = self.func(line.text, page, **self.kwargs)
            if why:
                page.remove(i, self.name, why if isinstance(why, str) else self.name)


def _defaults(func: Callable[..., Any]) -> dict[str, Any]:
    return {p.name: p.default for p in inspect.signature(func).parameters.values()
            if p.kind is p.KEYWORD_ONLY and p.default is not p.empty}


def cleaner(name: str) -> Callable[[Callable[..., None]], FunctionCleaner]:
    """Turn ``func(page, *, option=default, ...)`` into a named pipeline step."""
    def wrap(func: Callable[..., None]) -> FunctionCleaner:
        return FunctionCleaner(func=func, step_name=name, kwargs=_defaults(func),
                               doc=inspect.getdoc(func) or "")
    return wrap


def line_cleaner(name: str) -> Callable[[Callable[..., str | bool | None]], FunctionCleaner]:
    """Turn ``func(text, page, *, option=default) -> reason | None`` into a per-line step.

    The function returns the reason a line is chrome (a string; ``True`` uses the step's name)
    or a false value to keep it.
    """
    def wrap(func: Callable[..., str | bool | None]) -> FunctionCleaner:
        return FunctionCleaner(func=func, step_name=name, per_line=True, kwargs=_defaults(func),
                               doc=inspect.getdoc(func) or "")
    return wrap
