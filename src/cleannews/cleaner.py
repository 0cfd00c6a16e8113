"""What a pipeline step is: a named callable over a :class:`~cleannews.page.Page`.

Three ways to write one:

* subclass :class:`Cleaner` as a frozen dataclass and implement ``__call__(page)``; its
  dataclass fields are its options, changed with :meth:`Cleaner.configure`;
* subclass :class:`LineCleaner` and implement ``reason(text, page)``: a per-line rule that
  returns why the line is chrome, or ``None`` to keep it;
* decorate a plain function with :func:`cleaner` (page-level) or :func:`line_cleaner`
  (per line); keyword-only parameters with defaults become its options.

A step declares what it reads from the page state and the fields (``requires``: it cannot work
without; ``uses``: it does less without) and what it ``provides`` (names from
:data:`cleannews.state.SLOTS`); the pipeline checks the order when it is built.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from .article import RemovalCode
from .page import Page

#: Marks a dataclass field of a step that says which instance it is (its name, its lexicon
#: section), not an option a user tunes: :meth:`Pipeline.get_params` leaves it out.
STRUCTURAL = {"structural": True}


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
    #: True for a step that works only on text an extractor cut from HTML (it reads the page's
    #: markup): the pipeline does not run it on a page dump.
    extracted_only: ClassVar[bool] = False
    #: State slots or fields an earlier step must provide: without them the step cannot work,
    #: and a pipeline that lacks them raises :class:`cleannews.PipelineError`.
    requires: ClassVar[tuple[str, ...]] = ()
    #: State slots or fields the step reads when an earlier step provides them; without them it
    #: runs degraded (the pipeline warns, and ``describe()`` says so).
    uses: ClassVar[tuple[str, ...]] = ()
    #: State slots or fields the step provides.
    provides: ClassVar[tuple[str, ...]] = ()
    #: The code of this step's removals (see :class:`cleannews.RemovalCode`).
    code: ClassVar[RemovalCode] = RemovalCode.OTHER

    def __call__(self, page: Page) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @property
    def options(self) -> dict[str, Any]:
        """The step's current options."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @property
    def params(self) -> dict[str, Any]:
        """The options a user tunes: :attr:`options` without the fields that say which instance
        of a rule the step is (its name, its lexicon section)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if not f.metadata.get("structural")}

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

    def reason(self, text: str, page: Page) -> str | None:  # pragma: no cover - abstract
        """Why this line is chrome, or None to keep it."""
        raise NotImplementedError

    def __call__(self, page: Page) -> None:
        for i, line in page.kept():  # removes only line i: safe to walk lazily
            why = self.reason(line.text, page)
            if why:
                page.remove(i, self.name, why, self.code)


@dataclass(frozen=True)
class FunctionCleaner(Cleaner):
    """A step made from a plain function by :func:`cleaner` or :func:`line_cleaner`."""

    func: Callable[..., Any] = field(default=lambda page: None, compare=False)
    step_name: str = field(default="custom", metadata=STRUCTURAL)
    per_line: bool = field(default=False, metadata=STRUCTURAL)
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    doc: str = field(default="", metadata=STRUCTURAL)
    needs: tuple[str, ...] = field(default=(), metadata=STRUCTURAL)
    reads: tuple[str, ...] = field(default=(), metadata=STRUCTURAL)
    gives: tuple[str, ...] = field(default=(), metadata=STRUCTURAL)

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.step_name

    @property
    def description(self) -> str:  # type: ignore[override]
        return self.doc

    @property
    def requires(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.needs

    @property
    def uses(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.reads

    @property
    def provides(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.gives

    @property
    def options(self) -> dict[str, Any]:
        return dict(self.kwargs)

    @property
    def params(self) -> dict[str, Any]:
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


def cleaner(name: str, *, requires: tuple[str, ...] = (), uses: tuple[str, ...] = (),
            provides: tuple[str, ...] = ()) -> Callable[[Callable[..., None]], FunctionCleaner]:
    """Turn ``func(page, *, option=default, ...)`` into a named pipeline step (``requires``,
    ``uses``, ``provides``: as :class:`Cleaner` declares them)."""
    def wrap(func: Callable[..., None]) -> FunctionCleaner:
        return FunctionCleaner(func=func, step_name=name, kwargs=_defaults(func),
                               doc=inspect.getdoc(func) or "", needs=tuple(requires), reads=tuple(uses),
                               gives=tuple(provides))
    return wrap


def line_cleaner(name: str, *, requires: tuple[str, ...] = (), uses: tuple[str, ...] = ()
                 ) -> Callable[[Callable[..., str | bool | None]], FunctionCleaner]:
    """Turn ``func(text, page, *, option=default) -> reason | None`` into a per-line step.

    The function returns the reason a line is chrome (a string; ``True`` uses the step's name)
    or a false value to keep it.
    """
    def wrap(func: Callable[..., str | bool | None]) -> FunctionCleaner:
        return FunctionCleaner(func=func, step_name=name, per_line=True, kwargs=_defaults(func),
                               doc=inspect.getdoc(func) or "", needs=tuple(requires), reads=tuple(uses))
    return wrap
