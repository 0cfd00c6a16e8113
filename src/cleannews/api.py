"""``clean()``: a page's text in, an :class:`~cleannews.article.Article` out."""

from __future__ import annotations

import functools

from .article import Article
from .language import detect_language
from .lexicon import Lexicon
from .page import Page
from .pipeline import Pipeline


@functools.lru_cache(maxsize=1)
def _default() -> Pipeline:
    from .defaults import default_pipeline
    return default_pipeline()


def prepare(text: str, *, language: str | None = None) -> Page:
    """The :class:`Page` a pipeline starts from: lines, language (detected unless given), lexicon."""
    if not isinstance(text, str):
        raise TypeError(f"clean() takes the page as str, not {type(text).__name__}")
    lang = language or detect_language(text)
    return Page.from_text(text, language=lang, lexicon=Lexicon.load(lang))


def clean(text: str, *, language: str | None = None, pipeline: Pipeline | None = None) -> Article:
    """Clean the plain text of a news page (a browser's innerText or a scraper's dump).

    ``language`` (ISO 639-1, e.g. "de") picks the lexicon; by default it is detected. ``pipeline``
    replaces :func:`cleannews.default_pipeline` (drop, add or configure steps there).
    """
    pipe = pipeline if pipeline is not None else _default()
    page = prepare(text, language=language or pipe.language)
    return pipe.process(page).to_article()
