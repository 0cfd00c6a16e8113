"""cleannews.spark against a real local Spark session (local[2]): seed pages in, Articles out.

Needs pyspark (installed by the ``test`` and ``spark`` extras) and Java 17+. They are part of the
default test run and never skipped: without pyspark they fail.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

import pytest

import cleannews
from cleannews import Pipeline, cleaner

pytestmark = pytest.mark.spark

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
import pyarrow  # noqa: F401,E402  (the UDF needs Arrow)
import pyspark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import types as T  # noqa: E402

from cleannews.spark import FIELDS, clean_column, clean_record


def _seeds() -> list[tuple[str, str, dict]]:
    return [(d.name, (d / "page.txt").read_text(encoding="utf-8"),
             json.loads((d / "gold.json").read_text(encoding="utf-8")))
            for d in sorted(SEEDS.iterdir()) if (d / "page.txt").exists()]


@pytest.fixture(scope="module")
def spark():
    # The executors' Python must be this one (it has cleannews installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    session = (SparkSession.builder.master("local[2]").appName("cleannews-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    yield session
    session.stop()


def test_seed_pages_come_back_as_articles(spark):
    seeds = _seeds()
    assert len(seeds) == 5
    df = spark.createDataFrame([(name, text, f"https://example.org/{name}") for name, text, _ in seeds],
                               "id string, text string, url string").repartition(2)
    out = clean_column(df, "text", input_format="text", url_col="url")
    struct = out.schema["article"].dataType
    assert [f.name for f in struct.fields] == list(FIELDS)
    assert isinstance(struct["date"].dataType, T.DateType)
    assert isinstance(struct["byline"].dataType, T.ArrayType)
    rows = {r["id"]: r["article"] for r in out.collect()}
    assert set(rows) == {name for name, _, _ in seeds}
    for name, text, gold in seeds:
        art = rows[name]
        local = cleannews.clean(text, input_format="text")
        assert art["error"] is None, art["error"]
        assert art["headline"] == gold["headline"], name
        assert list(art["byline"]) == gold["byline"], name
        expected_date = datetime.date.fromisoformat(gold["date"]) if gold.get("date") else None
        assert art["date"] == expected_date, name
        assert art["body"] == local.body and art["lead"] == local.lead, name
        assert art["language"] == local.language == "de"
        assert art["url"] == f"https://example.org/{name}"


def test_bad_rows_get_an_error_not_a_failed_job(spark):
    name, text, gold = _seeds()[1]
    from pyspark import cloudpickle  # ship this module's step by value: workers cannot import tests
    cloudpickle.register_pickle_by_value(sys.modules[__name__])
    boom = cleaner("boom")(_explode_on_marker)
    pipeline: Pipeline = cleannews.default_pipeline().insert(boom, before="repair")
    rows = [
        ("good", text.encode("utf-8")),
        ("binary", bytes(range(256)) * 8),          # not text at all: DecodeError
        ("null", None),
        ("crash", ("EXPLODE\n" + text).encode("utf-8")),  # a step raises on this page
    ]
    df = spark.createDataFrame(rows, "id string, page binary")
    out = clean_column(df, "page", pipeline=pipeline).select("id", "article.*")
    got = {r["id"]: r for r in out.collect()}
    assert got["good"]["error"] is None
    assert got["good"]["headline"] == gold["headline"]
    assert got["good"]["date"] == datetime.date.fromisoformat(gold["date"])
    assert got["binary"]["error"].startswith("DecodeError"), got["binary"]["error"]
    assert got["binary"]["body"] is None and got["binary"]["headline"] is None
    assert got["null"]["error"] == "no input: the page is null"
    assert "boom" in got["crash"]["error"] and "CleanerError" in got["crash"]["error"]
    assert got["crash"]["body"] is None


def test_clean_column_names_a_missing_column(spark):
    df = spark.createDataFrame([("x",)], "text string")
    with pytest.raises(ValueError, match="no column 'html'"):
        clean_column(df, "html")


def test_an_unknown_language_fails_before_any_job_and_a_known_one_is_normalised(spark):
    df = spark.createDataFrame([("x",)], "text string")
    with pytest.raises(ValueError, match="unknown language 'xx'; use one of: ar, "):
        clean_column(df, "text", language="xx")
    name, text, gold = _seeds()[0]
    row = clean_column(spark.createDataFrame([(text,)], "text string"), "text", language="DE").first()
    assert row["article"]["language"] == "de" and row["article"]["headline"] == gold["headline"]


def test_clean_record_without_spark_matches_clean():
    name, text, gold = _seeds()[0]
    row = clean_record(text, "https://example.org/a", input_format="text")
    assert set(row) == set(FIELDS)
    assert row["headline"] == gold["headline"] and row["byline"] == gold["byline"]
    assert row["error"] is None and row["url"] == "https://example.org/a"
    assert clean_record(b"\x00\x01\x02" * 100)["error"].startswith("DecodeError")


def test_import_cleannews_does_not_import_pyspark():
    import subprocess
    code = "import sys, cleannews, cleannews.spark; print('pyspark' in sys.modules, 'trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]
    assert pyspark.__version__


def _explode_on_marker(page):
    """A user step with a bug: raises on pages that start with EXPLODE."""
    if page.lines and page.lines[0].text == "EXPLODE":
        raise RuntimeError("this step cannot handle the page")
