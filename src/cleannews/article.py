"""The result of cleaning a page: an :class:`Article` and the :class:`Removal` records behind it."""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass, field
from typing import Any


class RemovalCode(str, enum.Enum):
    """What kind of thing a removed line is, machine-readable (``Removal.reason`` says it in words).

    Steps that need to know what an earlier step found read these codes, never its reason text.
    """

    #: claimed by a field: the headline, byline, date or section line
    HEADLINE = "headline"
    BYLINE = "byline"
    #: an "(abc/dpa)" signature at the article's end (a byline that does not mark its start)
    AUTHOR_SIGNATURE = "author_signature"
    DATE = "date"
    SECTION = "section"
    #: a link to more articles of the section ("Mehr «International»")
    SECTION_LINK = "section_link"
    #: another copy of a field's line (the headline repeated in a teaser, a byline twice)
    FIELD_REPEAT = "field_repeat"
    PLACEHOLDER = "placeholder"
    SHARE_BUTTON = "share_button"
    AD = "ad"
    ICON = "icon"
    BREADCRUMB = "breadcrumb"
    FOREIGN_LABEL = "foreign_label"
    CAPTION = "caption"
    MEDIA = "media"
    READING_TIME = "reading_time"
    COMMENT_WIDGET = "comment_widget"
    NAVIGATION = "navigation"
    MENU = "menu"
    PAGE_HEADER = "page_header"
    #: the main-text steps: before, inside (among chrome) and after the article's main run
    BEFORE_MAIN_TEXT = "before_main_text"
    INSIDE_MAIN_TEXT = "inside_main_text"
    AFTER_MAIN_TEXT = "after_main_text"
    #: a line the article says twice within a few lines
    REPEAT = "repeat"
    NOTICE = "notice"
    #: a closing section of the page, from its header on (sources, comments, donations, related, footer)
    END_SECTION = "end_section"
    READ_MORE = "read_more"
    TEASER = "teaser"
    ARTICLE_END = "article_end"
    AUTHOR_BIO = "author_bio"
    #: recurs on many pages of the site (a site profile)
    SITE_PROFILE = "site_profile"
    #: HTML: the whole line is a link, or the label of a list of links
    LINK = "link"
    #: HTML: text the extractor left out of the article
    EXTRACTOR_DROPPED = "extractor_dropped"
    #: a line too long to be a paragraph, set aside before any step reads it
    GIANT_LINE = "giant_line"
    #: a removal by a step that gives no code of its own (a user's step)
    OTHER = "other"


#: The code a claim gets from the field that claims the line.
FIELD_CODES = {"headline": RemovalCode.HEADLINE, "byline": RemovalCode.BYLINE, "date": RemovalCode.DATE,
               "section": RemovalCode.SECTION}

#: Groups of removal codes that the learned decisions tell apart in the lines around the one
#: they decide: a field, a menu, a medium (the rest is other chrome).
REMOVAL_GROUPS = (
    ("field", frozenset(FIELD_CODES.values()) | {RemovalCode.FIELD_REPEAT}),
    ("menu", frozenset({RemovalCode.MENU, RemovalCode.NAVIGATION, RemovalCode.BREADCRUMB, RemovalCode.PAGE_HEADER,
                        RemovalCode.SECTION_LINK, RemovalCode.LINK})),
    ("media", frozenset({RemovalCode.CAPTION, RemovalCode.MEDIA, RemovalCode.PLACEHOLDER, RemovalCode.ICON})),
)


@dataclass(frozen=True)
class Removal:
    """One piece of the page that did not make it into the body, and why.

    ``line`` is the 1-based number of the input line the text came from; ``cleaner`` is the
    name of the pipeline step that took it out; ``reason`` says what kind of chrome it is (or,
    for a field extractor, which field claimed it), and ``code`` says the same for programs
    (a :class:`RemovalCode`).
    """

    text: str
    cleaner: str
    reason: str
    line: int
    code: RemovalCode = RemovalCode.OTHER

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (``code`` as its string value)."""
        return {"text": self.text, "cleaner": self.cleaner, "reason": self.reason, "line": self.line,
                "code": self.code.value}


@dataclass(frozen=True)
class Article:
    """A clean article.

    ``body`` holds the article's paragraphs separated by one blank line. ``byline`` lists the
    authors' names in page order (empty when none is shown); ``date`` is the published date
    (``None`` when the page shows none). ``kicker`` is the short topic line over the headline
    or glued before it ("Wohnungsmarkt" over "Mieten steigen …"; German Dachzeile or
    Spitzmarke), never part of ``headline``. ``lead`` is the body's first paragraph, ``section`` the
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
    kicker: str | None = None

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
            "kicker": self.kicker,
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
