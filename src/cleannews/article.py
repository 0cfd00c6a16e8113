"""The result of cleaning a page: an :class:`Article` and the :class:`Removal` records behind it."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Removal:
    """One piece of the page that did not make it into the body, and why.

    ``line`` is the 1-based number of the input line the text came from; ``cleaner`` is the
    name of the pipeline step that took it out; ``reason`` says what kind of chrome it is (or,
    for a field extractor, which field claimed it).
    """

    text: str
    cleaner: str
    reason: str
    line: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Article:
    """A clean article.

    ``body`` holds the article's paragraphs separated by one blank line. ``byline`` lists the
    authors' names in page order (empty when none is shown); ``date`` is the published date
    (``None`` when the page shows none). ``lead`` is the body's first paragraph, ``section`` the
    kicker or last breadcrumb ("Politik"). ``removed`` accounts for every non-blank input line
    that is not in the body.
    """

    body: str = ""
    headline: str | None = None
    byline: tuple[str, ...] = ()
    date: datetime.date | None = None
    lead: str | None = None
    section: str | None = None
    language: str | None = None
    removed: tuple[Removal, ...] = field(default=(), repr=False)
    site_name: str | None = None
    url: str | None = None

    @property
    def paragraphs(self) -> list[str]:
        """The body as a list of paragraphs."""
        return [p for p in self.body.split("\n\n") if p]

    def to_dict(self, *, removed: bool = True) -> dict[str, Any]:
        """JSON-ready data: ``byline`` as a list, ``date`` as an ISO string or ``None``.

        ``removed=False`` leaves the (often long) removal records out.
        """
        data: dict[str, Any] = {
            "headline": self.headline,
            "byline": list(self.byline),
            "date": self.date.isoformat() if self.date else None,
            "section": self.section,
            "lead": self.lead,
            "body": self.body,
            "language": self.language,
            "site_name": self.site_name,
            "url": self.url,
        }
        if removed:
            data["removed"] = [r.to_dict() for r in self.removed]
        return data
