"""The default pipeline: the order of the steps and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .cleaners.after_main_text import AfterMainText
from .cleaners.article_end import ArticleEnd
from .cleaners.bio import AuthorBio
from .cleaners.breadcrumbs import Breadcrumbs
from .cleaners.captions import Captions
from .cleaners.end_sections import COMMENTS, DONATIONS, FOOTER, RELATED, SOURCES
from .cleaners.foreign_labels import ForeignScriptLabels
from .cleaners.glue import SplitGluedSpans
from .cleaners.icons import IconLabels
from .cleaners.labels import ADS, COMMENT_WIDGETS, PLACEHOLDERS, READING_TIME, SERVER_ERRORS
from .cleaners.main_text import MainText
from .cleaners.media import MediaPlayers
from .cleaners.menus import MenuRuns
from .cleaners.navigation import NAVIGATION
from .cleaners.notices import Notices
from .cleaners.page_header import PageHeader
from .cleaners.read_more import ReadMoreBoxes
from .cleaners.repair import RepairText
from .cleaners.social import ShareButtons
from .cleaners.teasers import TruncatedTeasers
from .fields.byline import Byline
from .fields.dates import PublishedDate
from .fields.headline import Headline
from .fields.lead import Lead
from .fields.ranker import FieldRanker
from .fields.section import Section
from .fields.visible_byline import VisibleTextByline
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
        PLACEHOLDERS, SERVER_ERRORS, ShareButtons(), ADS, IconLabels(), Breadcrumbs(), ForeignScriptLabels(),
        Captions(), MediaPlayers(), READING_TIME, COMMENT_WIDGETS,
        # fields: byline and date first, they tell where the headline is
        Byline(), PublishedDate(), NAVIGATION, MenuRuns(), Headline(), Section(), PageHeader(),
        # the main run of prose (scored in context); what stands before it goes
        MainText(),
        # the learned field ranker: headline (kicker split off), byline and date among the
        # candidates near the article's start, now that the main run is known
        FieldRanker(),
        # publisher notices, recognised by how they start (after the main run is found: taken
        # out earlier, they change the context the run's lines are scored in)
        Notices(),
        # the end of the article
        SOURCES, COMMENTS, DONATIONS, RELATED, FOOTER, ReadMoreBoxes(), TruncatedTeasers(),
        AfterMainText(), ArticleEnd(), AuthorBio(),
        Lead(),
        # on HTML whose markup names no author (or only trafilatura's guess does): the byline in
        # the page's visible text
        VisibleTextByline(),
    ], language=language)


def load_pipeline(path: str | Path) -> Pipeline:
    """The pipeline a file written by :meth:`Pipeline.save` describes: the default steps named
    in its ``steps`` list, in that order, with its ``params`` and ``language``.

    A step name the default pipeline does not have raises ValueError naming it (a step of your
    own is added with :meth:`Pipeline.insert` after loading); a bad file raises ValueError too.
    """
    try:
        config: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read a pipeline from {str(path)!r}: {exc}") from exc
    if not isinstance(config, dict):
        raise ValueError(f"{str(path)!r}: a pipeline file holds a JSON object")
    default = default_pipeline(config.get("language"))
    names = config.get("steps", list(default.names))
    unknown = [n for n in names if n not in default.names]
    if unknown:
        raise ValueError(f"{str(path)!r}: no default step named {', '.join(map(repr, unknown))}; "
                         f"default steps: {', '.join(default.names)}")
    pipeline = Pipeline([default[n] for n in names], language=config.get("language"))
    return pipeline.set_params(**config.get("params", {}))
