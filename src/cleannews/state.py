"""The page state steps share: named slots one step provides and later steps read.

A step declares the slots it reads and the ones it provides (see :class:`cleannews.Cleaner`);
the pipeline checks, when it is built or edited, that every slot a step needs is provided by a
step before it. Slots hold :class:`~cleannews.page.Line` objects or their ``uid``, never list
positions, so they stay right when a step splits lines (:meth:`~cleannews.page.Page.split_lines`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import Line

#: The slots of :class:`PageState`, and the fields of the article, by name: what a step may
#: declare in ``requires``, ``uses`` and ``provides``.
SLOTS: dict[str, str] = {
    "article_start": "the line where the article begins (the headline's, or a title over a lone paragraph)",
    "main_run": "the article's main run of prose: its first and last line, each line's class in context",
    "teasers": "lines that are teaser headlines linking to other articles",
    "breadcrumbs": "the crumbs of the page's breadcrumb trail",
    "section_links": "lines that link to more articles of the section",
    "headline": "the headline field and its claimed line",
    "byline": "the byline field and its claimed lines (a line may also hold the date)",
    "date": "the date field and its claimed lines",
    "section": "the section field",
    "lead": "the lead field",
}


@dataclass
class MainRun:
    """The article's main run of prose, as the main-text step found it."""

    start: Line
    end: Line
    #: line uid -> (class in context, evidence) for every line the classifier read
    labels: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: uids of header-like lines that the classifier found to be no closing-section header
    not_headers: frozenset[int] = frozenset()
    #: uid -> why the main-text model kept a line the rules would have removed (its top features)
    notes: dict[int, str] = field(default_factory=dict)


@dataclass
class PageState:
    """What the steps found about the page besides its fields (see :data:`SLOTS`)."""

    article_start: Line | None = None
    main_run: MainRun | None = None
    teasers: set[int] = field(default_factory=set)
    breadcrumbs: tuple[str, ...] | None = None
    section_links: set[int] = field(default_factory=set)
    #: the main script of the page's text ("Latin", "Cyrillic"; "" when none), once read
    script: str | None = None
    #: (page version, ((index, family), ...)) of the closing-section headers, once found
    end_headers: tuple[int, tuple[tuple[int, str], ...]] | None = field(default=None, repr=False)
