"""Sections that close a news page: source notes, comments, donation boxes, related articles,
the footer. From such a section's header on, everything up to the next such header belongs to
that section; the article is over.

The header must stand on a line of its own, and at least one paragraph of running text must
come between the article's start and the header, so that a menu item "Kommentare" at the top
of the page never cuts the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..article import RemovalCode
from ..cleaner import STRUCTURAL, Cleaner
from ..page import Page
from ..text import is_prose
from .end_headers import end_headers


def first_end(page: Page) -> int | None:
    """Index of the first end-section header that is preceded by article text, if any."""
    start = page.article_start
    if start is None:
        return None
    prose_seen_at = _first_prose_after(page, start)
    if prose_seen_at is None:
        return None
    return next((i for i, _ in end_headers(page) if i > prose_seen_at and not inside_main_text(page, i)), None)


def inside_main_text(page: Page, i: int) -> bool:
    """True when line i lies inside the article's main run of prose (found by the main_text
    step), or above it: a header-like line with the article after it does not end the
    article (a "Write a comment" link by the byline)."""
    run = page.state.main_run
    if run is None:
        return False
    if page.lines[i].uid in run.not_headers:  # main_text found it is no header (a share button)
        return True
    span = page.main_run()
    return span is not None and i < span[1] and i != span[0]


def _first_prose_after(page: Page, start: int) -> int | None:
    return next((i for i, line in page.kept() if i >= start and is_prose(line.text)), None)


@dataclass(frozen=True)
class EndSection(Cleaner):
    """Remove one kind of closing section: from its header to the next end-section header."""

    full_page_only = True
    code = RemovalCode.END_SECTION
    uses = ("article_start", "main_run")
    step_name: str = field(default="end_section", metadata=STRUCTURAL)
    family: str = field(default="comments", metadata=STRUCTURAL)
    reason_text: str = field(default="comment section", metadata=STRUCTURAL)

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.step_name

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"removes the {self.reason_text}: from its header (lexicon [{self.family}]) to the next section"

    def __call__(self, page: Page) -> None:
        start = page.article_start
        if start is None:
            return
        prose_at = _first_prose_after(page, start)
        if prose_at is None:
            return
        headers = [(i, f) for i, f in end_headers(page) if i > prose_at and not inside_main_text(page, i)]
        for n, (i, family) in enumerate(headers):
            if family != self.family:
                continue
            stop = headers[n + 1][0] if n + 1 < len(headers) else len(page.lines)
            head = page.lines[i].text
            page.remove_range(i, stop, self.name, f"{self.reason_text} (from {head[:40]!r})", self.code)


SOURCES = EndSection(step_name="sources", family="sources", reason_text="source and transparency notes")
COMMENTS = EndSection(step_name="comments", family="comments", reason_text="comment section")
DONATIONS = EndSection(step_name="donations", family="donation", reason_text="donation or subscription box")
RELATED = EndSection(step_name="related", family="related", reason_text="related-articles block")
FOOTER = EndSection(step_name="footer", family="footer", reason_text="page footer")
