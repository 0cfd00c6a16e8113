"""``clean()``: a page (plain text or HTML, str or bytes) in, an :class:`~cleannews.article.Article` out."""

from __future__ import annotations

import datetime
import functools

from .article import Article
from .defaults import default_pipeline
from .pipeline import Pipeline
from .prepare import INPUT_FORMATS, looks_like_html, prepare, read_source

__all__ = ["INPUT_FORMATS", "clean", "looks_like_html", "prepare", "read_source"]


@functools.lru_cache(maxsize=1)
def _default() -> Pipeline:
    return default_pipeline()


def clean(source: str | bytes, *, language: str | None = None, pipeline: Pipeline | None = None,
          input_format: str = "auto", url: str | None = None, timeout: float | None = None,
          reference_date: datetime.date | None = None) -> Article:
    """Clean a news page into an :class:`Article`.

    ``source``: the page's plain text (a browser's innerText or a scraper's dump) or its HTML,
    as str or bytes. ``language`` (ISO 639-1, e.g. "de"; case and region tags such as "de-AT"
    are ignored) picks the lexicon; by default it is detected. An unknown language raises
    ValueError. ``pipeline`` replaces :func:`cleannews.default_pipeline`. ``input_format``: "auto"
    (default), "text" or "html". ``url``: the page's address, kept on the Article. ``timeout``:
    seconds after which :class:`cleannews.CleanTimeout` is raised (checked between steps).
    ``reference_date``: the date (or datetime) the page was fetched; a relative date on it
    ("vor 3 Stunden", "2 days ago") is resolved against it, and without it gives no date.
    """
    pipe = pipeline if pipeline is not None else _default()
    return pipe.clean(source, language=language, input_format=input_format, url=url, timeout=timeout,
                      reference_date=reference_date)
