"""Clean a column of pages in an Apache Spark DataFrame into a column of Articles.

    from cleannews.spark import clean_column
    out = clean_column(df, "html", input_format="html", url_col="url")
    out.select("url", "article.headline", "article.date", "article.error")

Each row is cleaned by :func:`cleannews.clean` inside a vectorised (Arrow) pandas UDF, in the
executors' Python workers. The result is a struct column with the schema :data:`ARTICLE_SCHEMA`:

========== ================ ===========================================================
field      type             meaning
========== ================ ===========================================================
headline   string           the article's title (null when none was found)
kicker     string           the topic line over the headline ("Dachzeile"), or null
byline     array<string>    the authors' names ([] when none was found)
date       date             the published date (null when none was found)
section    string           the section ("Politik", "Sport"), or null
lead       string           the opening paragraph, or null
body       string           the article text, paragraphs separated by one blank line
language   string           ISO 639-1 code the page was cleaned as
site_name  string           the site's name when the page gave it, or null
url        string           the page's address (from ``url_col``, or found in the page)
error      string           null on success; else why the document failed
========== ================ ===========================================================

A document that cannot be cleaned (null, binary data, a step that raised, a time limit hit)
never fails the job: its row gets ``error`` ("DecodeError: ...") and null fields.

Needs the ``spark`` extra (``pip install 'cleannews[spark]'``: pyspark, pandas, pyarrow) and
Java 17+. ``import cleannews`` never imports pyspark; this module imports it only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas as pd
    from pyspark.sql import Column, DataFrame

    from .pipeline import Pipeline

#: The Article struct, as a Spark DDL string (see the module docstring for each field).
ARTICLE_SCHEMA = ("headline string, kicker string, byline array<string>, date date, section string, lead string, "
                  "body string, language string, site_name string, url string, error string")
#: The struct's fields, in order.
FIELDS = ("headline", "kicker", "byline", "date", "section", "lead", "body", "language", "site_name", "url", "error")
_INSTALL = "cleannews.spark needs pyspark, pandas and pyarrow: pip install 'cleannews[spark]'"


def _require() -> None:
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"{_INSTALL} ({exc})") from exc


def clean_record(source: str | bytes | None, url: str | None = None, *, input_format: str = "auto",
                 language: str | None = None, pipeline: Pipeline | None = None,
                 timeout: float | None = None) -> dict[str, Any]:
    """One page cleaned into a dict with the :data:`ARTICLE_SCHEMA` fields; never raises for a
    bad document (its ``error`` says what went wrong and the other fields are null)."""
    from .api import clean

    row: dict[str, Any] = dict.fromkeys(FIELDS)
    row["url"] = url or None
    if source is None:
        row["error"] = "no input: the page is null"
        return row
    if isinstance(source, (bytearray, memoryview)):
        source = bytes(source)
    try:
        article = clean(source, input_format=input_format, language=language, pipeline=pipeline,
                        url=url or None, timeout=timeout)
    except Exception as exc:  # a bad document becomes an error record, never a failed job
        row["error"] = f"{type(exc).__name__}: {exc}"[:1000]
        return row
    row.update(headline=article.headline, kicker=article.kicker, byline=list(article.byline), date=article.date,
               section=article.section, lead=article.lead, body=article.body, language=article.language,
               site_name=article.site_name, url=article.url or row["url"])
    return row


def clean_pandas(pages: pd.Series, urls: pd.Series | None = None, **options: Any) -> pd.DataFrame:
    """A pandas Series of pages (str, bytes or None) cleaned into a DataFrame with the
    :data:`ARTICLE_SCHEMA` columns, row for row. ``options`` as for :func:`clean_record`."""
    import pandas as pd

    url_values = [None] * len(pages) if urls is None else [None if _missing(u) else str(u) for u in urls]
    rows = [clean_record(None if _missing(page) else page, url, **options)
            for page, url in zip(pages, url_values)]
    return pd.DataFrame(rows, columns=list(FIELDS), index=pages.index)


def _missing(value: Any) -> bool:
    """True for None and pandas' NA/NaN placeholders."""
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN
    except (TypeError, ValueError):
        return False


def article_udf(*, input_format: str = "auto", language: str | None = None,
                pipeline: Pipeline | None = None, timeout: float | None = None) -> Any:
    """A pandas UDF ``(page, url) -> struct<ARTICLE_SCHEMA>``: the page column may be string or
    binary; url is a string column (or ``lit(None)``). ``pipeline`` (default: the standard one)
    is shipped to the executors with the UDF, so it must be picklable. ``language`` is checked
    here (an unknown one raises ValueError before any job runs) and normalised ("DE" -> "de")."""
    _require()
    from .language import normalize_language

    language = normalize_language(language) if language else None
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    options = {"input_format": input_format, "language": language, "pipeline": pipeline, "timeout": timeout}

    def clean_batch(pages: pd.Series, urls: pd.Series) -> pd.DataFrame:
        return clean_pandas(pages, urls, **options)

    # Spark reads the type hints to pick the UDF's kind; give it real types, not strings.
    clean_batch.__annotations__ = {"pages": pd.Series, "urls": pd.Series, "return": pd.DataFrame}

    return pandas_udf(clean_batch, returnType=ARTICLE_SCHEMA)  # type: ignore[call-overload]


def article_column(page: str | Column, url: str | Column | None = None, **options: Any) -> Column:
    """The Article struct column for a page column (name or Column) and an optional url column;
    ``options`` as for :func:`article_udf`."""
    _require()
    from pyspark.sql import functions as F

    page_col = F.col(page) if isinstance(page, str) else page
    url_col = F.lit(None).cast("string") if url is None else (F.col(url) if isinstance(url, str) else url)
    return article_udf(**options)(page_col, url_col.cast("string"))


def clean_column(df: DataFrame, column: str, *, input_format: str = "auto", url_col: str | None = None,
                 output_col: str = "article", language: str | None = None,
                 pipeline: Pipeline | None = None, timeout: float | None = None) -> DataFrame:
    """``df`` with a struct column ``output_col`` (schema :data:`ARTICLE_SCHEMA`) holding the
    Article cleaned from the page text or HTML in ``column`` (string or binary).

    ``input_format``: "auto" (decide per row), "text" or "html". ``url_col``: a column with
    each page's address. ``language``: force a lexicon. ``timeout``: seconds per document.
    Failed documents get ``error`` set, never a failed job. Select fields as
    ``out.select("article.headline", "article.body")`` or flatten with ``"article.*"``.
    """
    if column not in df.columns:
        raise ValueError(f"no column {column!r}; columns: {', '.join(df.columns)}")
    if url_col is not None and url_col not in df.columns:
        raise ValueError(f"no url column {url_col!r}; columns: {', '.join(df.columns)}")
    return df.withColumn(output_col, article_column(column, url_col, input_format=input_format,
                                                    language=language, pipeline=pipeline, timeout=timeout))
