"""cleannews: turn a scraped news page into a clean article.

    >>> import cleannews
    >>> article = cleannews.clean(page_text)
    >>> article.headline, article.byline, article.date, article.body

The work is done by a :class:`Pipeline` of small named cleaners; see
:func:`default_pipeline`, :meth:`Pipeline.explain` and docs/guide.md.
"""

from .api import clean
from .article import Article, Removal
from .cleaner import Cleaner, LineCleaner, cleaner, line_cleaner
from .defaults import default_pipeline
from .language import detect_language
from .lexicon import Lexicon
from .page import Line, Page
from .decode import DecodeError
from .pipeline import CleanerError, CleanTimeout, Decision, Explanation, Pipeline

__all__ = [
    "Article", "Cleaner", "CleanerError", "CleanTimeout", "DecodeError", "Decision", "Explanation", "Lexicon", "Line", "LineCleaner",
    "Page", "Pipeline", "Removal", "clean", "cleaner", "default_pipeline", "detect_language", "line_cleaner",
]
__version__ = "0.1.0"
