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
    "kicker": "the kicker field (the topic line over the headline, or glued before it)",
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
    #: the first line of the run's block with the most prose (the run may reach far above it,
    #: joined under a headline over light chrome); None when that line is outside the run
    core: Line | None = None


@dataclass(frozen=True)
class FieldChoice:
    """Why a field has its value: the line it was read from, the model's score of that line,
    and the runner-up line with its score (see :class:`cleannews.Explanation`)."""

    value: str | None
    #: the 1-based input line number of the chosen line (None when no line was chosen)
    line: int | None = None
    text: str | None = None
    score: float | None = None
    runner_up: str | None = None
    runner_up_score: float | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.text is None:
            out = f"{self.value!r}: {self.reason}"
        else:
            score = f" score {self.score:.3f}" if self.score is not None else ""
            out = f"{self.value!r} from line {self.line}{score} ({self.reason})"
        if self.runner_up is not None:
            runner = self.runner_up if len(self.runner_up) <= 60 else self.runner_up[:57] + "..."
            out += f"; runner-up {runner!r}"
            if self.runner_up_score is not None:
                out += f" score {self.runner_up_score:.3f}"
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"value": self.value, "line": self.line, "text": self.text, "score": self.score,
                "runner_up": self.runner_up, "runner_up_score": self.runner_up_score, "reason": self.reason}


@dataclass
class PageState:
    """What the steps found about the page besides its fields (see :data:`SLOTS`)."""

    article_start: Line | None = None
    main_run: MainRun | None = None
    teasers: set[int] = field(default_factory=set)
    breadcrumbs: tuple[str, ...] | None = None
    section_links: set[int] = field(default_factory=set)
    #: why each field has its value (set by the field ranker), by field name
    fields: dict[str, FieldChoice] = field(default_factory=dict)
    #: the main script of the page's text ("Latin", "Cyrillic"; "" when none), once read
    script: str | None = None
    #: (page version, ((index, family), ...)) of the closing-section headers, once found
    end_headers: tuple[int, tuple[tuple[int, str], ...]] | None = field(default=None, repr=False)
