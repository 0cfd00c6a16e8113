"""The default pipeline: the order of the steps and why."""

from __future__ import annotations

from .cleaners.bio import AuthorBio
from .cleaners.captions import Captions
from .cleaners.ending import ArticleEnd
from .cleaners.glue import SplitGluedSpans
from .cleaners.labels import ADS, COMMENT_WIDGETS, NAVIGATION, PLACEHOLDERS, READING_TIME
from .cleaners.media import MediaPlayers
from .cleaners.navigation import Breadcrumbs, ForeignScriptLabels, IconLabels, MenuRuns
from .cleaners.notices import Notices
from .cleaners.repair import RepairText
from .cleaners.scorer import AfterMainText, MainText
from .cleaners.sections import COMMENTS, DONATIONS, FOOTER, RELATED, SOURCES
from .cleaners.social import ShareButtons
from .cleaners.teasers import ReadMoreBoxes, TruncatedTeasers
from .fields.byline import Byline
from .fields.dates import PublishedDate
from .fields.header import PageHeader
from .fields.headline import Headline
from .fields.lead import Lead
from .fields.section import Section
from .pipeline import Pipeline


def default_pipeline(language: str | None = None) -> Pipeline:
    """The standard cleaner pipeline. ``language`` forces a lexicon (None: detect per page).

    Order matters in three places: text is repaired and unglued before any rule reads it;
    one-line chrome goes before the field extractors, so that they see the page's skeleton;
    the closing sections and the article's end come after the headline, which marks where the
    article starts.
    """
    return Pipeline([
        # text repair
        RepairText(), SplitGluedSpans(),
        # chrome recognisable line by line
        PLACEHOLDERS, ShareButtons(), ADS, IconLabels(), Breadcrumbs(), ForeignScriptLabels(),
        Captions(), MediaPlayers(), READING_TIME, COMMENT_WIDGETS,
        # fields: byline and date first, they tell where the headline is
        Byline(), PublishedDate(), NAVIGATION, MenuRuns(), Headline(), Section(), PageHeader(),
        # the main run of prose (scored in context); what stands before it goes
        MainText(),
        # publisher notices, recognised by how they start (after the main run is found: taken
        # out earlier, they change the context the run's lines are scored in)
        Notices(),
        # the end of the article
        SOURCES, COMMENTS, DONATIONS, RELATED, FOOTER, ReadMoreBoxes(), TruncatedTeasers(),
        AfterMainText(), ArticleEnd(), AuthorBio(),
        Lead(),
    ], language=language)
