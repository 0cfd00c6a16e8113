"""cleannews: turn a scraped news page into a clean article.

    >>> import cleannews
    >>> article = cleannews.clean(page_text)
    >>> article.headline, article.byline, article.date, article.body

The work is done by a :class:`Pipeline` of small named cleaners; see
:func:`default_pipeline`, :meth:`Pipeline.explain` and docs/guide.md.
"""

from .api import clean
from .article import Article, Removal, RemovalCode
from .cleaner import Cleaner, LineCleaner, cleaner, line_cleaner
from .decode import DecodeError
from .defaults import default_pipeline, load_pipeline
from .errors import CleanerError, CleanTimeout, DegradedStepWarning, PipelineError
from .language import detect_language
from .lexicon import Lexicon
from .page import Line, Page
from .pipeline import Decision, Explanation, Pipeline, StepStats
from .state import MainRun, PageState

__all__ = [
    "Article", "Cleaner", "CleanerError", "CleanTimeout", "DecodeError", "Decision", "DegradedStepWarning",
    "Explanation", "Lexicon", "Line", "LineCleaner", "MainRun", "Page", "PageState", "Pipeline", "PipelineError",
    "Removal", "RemovalCode", "StepStats", "clean", "cleaner", "default_pipeline", "detect_language", "line_cleaner",
    "load_pipeline",
]
__version__ = "0.1.0"
