"""Hostile input: every case in tests/fixtures/hostile/ (written by tests/fixtures/make_hostile.py)
gets a sensible Article or a clear error (DecodeError, CleanTimeout) — never a traceback from
deep inside, never a hang, never unbounded memory.

"Sensible" is decided per case below. The big cases (a 50 MB line, 1,000,000 lines, a 10 MB
attribute, 10,000-deep nesting) are generated on demand into tests/fixtures/hostile/ (they are
gitignored). The time checks are hang guards, not speed targets: a run must end within the
time limit it was given plus :data:`GRACE` (the time limit is checked between steps and every
few hundred lines, so a step may finish its current stretch after the limit).
"""

from __future__ import annotations

import datetime
import importlib.util
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import regex

import cleannews
from cleannews import Article, CleanTimeout, DecodeError

FIXTURES = Path(__file__).parent / "fixtures"
HOSTILE = FIXTURES / "hostile"
_spec = importlib.util.spec_from_file_location("make_hostile", FIXTURES / "make_hostile.py")
assert _spec is not None and _spec.loader is not None
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

#: The per-document time limit the tests give clean().
TIMEOUT = 20.0
#: How far past its time limit a run may end before it counts as a hang.
GRACE = 60.0
CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
SMALL = sorted(make_hostile.small_cases())
HTML = {name for name in [*SMALL, *make_hostile.big_cases()] if name.endswith(".html")}


def hostile(name: str) -> bytes:
    """The bytes of one case, generating the file first if it is missing."""
    make_hostile.write([name], folder=HOSTILE)
    return (HOSTILE / name).read_bytes()


def run(name: str, *, measure_memory: bool = False, **kwargs: Any) -> tuple[Article | Exception, float, int]:
    """Clean one case with the time limit: (the Article or the cleannews error, seconds taken,
    peak bytes allocated while cleaning if ``measure_memory`` else 0). Any other exception fails."""
    data = hostile(name)
    fmt = "html" if name in HTML else "auto"
    if measure_memory:
        tracemalloc.start()
    start = time.monotonic()
    try:
        result: Article | Exception = cleannews.clean(data, input_format=fmt, timeout=TIMEOUT, **kwargs)
    except (DecodeError, CleanTimeout) as exc:
        result = exc
    finally:
        elapsed = time.monotonic() - start
        peak = tracemalloc.get_traced_memory()[1] if measure_memory else 0
        if measure_memory:
            tracemalloc.stop()
    assert elapsed < TIMEOUT + GRACE, f"{name}: {elapsed:.1f} s with a {TIMEOUT} s time limit"
    return result, elapsed, peak


def article(name: str, **kwargs: Any) -> Article:
    """The Article for a case that must give one."""
    result, _, _ = run(name, **kwargs)
    assert isinstance(result, Article), f"{name}: {result!r}"
    return result


@pytest.mark.parametrize("name", SMALL)
def test_every_small_case_gives_an_article_or_a_clear_error(name: str) -> None:
    result, _, _ = run(name)
    if isinstance(result, Exception):
        assert "\n" not in str(result) and str(result), f"{name}: message must be one line: {result!r}"
    else:
        assert not CONTROL.search(result.body), f"{name}: control characters left in the body"
        assert isinstance(result.to_dict(), dict)


@pytest.mark.parametrize("name", ["empty.txt", "whitespace.txt", "only_blank_lines.txt"])
def test_nothing_gives_an_empty_article(name: str) -> None:
    a = article(name)
    assert a.body == "" and a.headline is None and a.byline == () and a.date is None


def test_a_page_of_chrome_only_gives_no_body() -> None:
    assert article("chrome_only.txt").body == ""


@pytest.mark.parametrize("name", ["binary.pdf", "binary.png", "binary.txt.gz", "random.bin", "nul_leading.txt"])
def test_binary_data_is_refused_with_a_one_line_decode_error(name: str) -> None:
    result, _, _ = run(name)
    assert isinstance(result, DecodeError), f"{name}: {result!r}"
    assert "binary" in str(result) and "\n" not in str(result)


@pytest.mark.parametrize("name", ["nul_sparse.txt", "nul_padded.txt", "control_chars.txt"])
def test_stray_nul_and_control_characters_are_dropped_and_the_text_kept(name: str) -> None:
    a = article(name)
    assert not CONTROL.search(a.body)
    assert a.headline == make_hostile.HEADLINE
    for paragraph in make_hostile.PARAGRAPHS:
        assert paragraph in a.body


@pytest.mark.parametrize("name", ["utf16le_bom.txt", "utf16be_bom.txt", "utf16le_nobom.txt", "utf32_bom.txt",
                                  "cp1252.txt", "mojibake.txt", "html_declared_wrong.html"])
def test_other_encodings_and_mojibake_give_the_right_text(name: str) -> None:
    a = article(name)
    assert a.headline == make_hostile.HEADLINE
    for paragraph in make_hostile.PARAGRAPHS:
        assert paragraph in a.body, f"{name}: {a.body[:200]!r}"


@pytest.mark.parametrize("name", ["latin1.txt", "html_latin1.html"])
def test_latin1_gives_umlauts_not_replacement_characters(name: str) -> None:
    a = article(name)
    assert a.headline == make_hostile.HEADLINE
    assert "Südbaden" in a.body and "\ufffd" not in a.body and "Ã" not in a.body
    assert make_hostile.PARAGRAPHS[0] in a.body


@pytest.mark.parametrize("name, text", [("latin1_short.txt", "Feuerwehr in Südbaden übt"),
                                        ("cp1252_short.txt", "„Südbaden“ – Übung für 5 €")])
def test_a_few_words_of_latin1_are_decoded_right_too(name: str, text: str) -> None:
    assert article(name).body == text


def test_invalid_utf8_keeps_the_valid_text_and_marks_only_the_bad_bytes() -> None:
    a = article("invalid_utf8.txt")
    assert a.headline == make_hostile.HEADLINE
    assert make_hostile.PARAGRAPHS[0] in a.body and "Ã" not in a.body
    assert a.body.count("\ufffd") <= 3


@pytest.mark.parametrize("name", ["future_date.txt", "html_future_date.html"])
def test_a_date_in_the_future_is_not_taken(name: str) -> None:
    a = article(name)
    assert a.date is None or a.date <= datetime.date.today() + datetime.timedelta(days=1)
    assert make_hostile.PARAGRAPHS[0] in a.body


@pytest.mark.parametrize("name", ["long_author.txt", "html_long_author.html"])
def test_a_5000_character_author_is_no_name(name: str) -> None:
    a = article(name)
    assert all(len(n) <= 100 for n in a.byline), [n[:40] for n in a.byline]
    assert make_hostile.PARAGRAPHS[0] in a.body


def test_broken_html_still_gives_its_paragraphs() -> None:
    a = article("html_broken.html")
    assert make_hostile.PARAGRAPHS[0] in a.body and make_hostile.PARAGRAPHS[1] in a.body


def test_a_script_only_page_gives_no_body() -> None:
    a = article("html_script_only.html")
    assert a.body == ""


def test_10000_deep_nesting_gives_an_article() -> None:
    a = article("html_deep_nesting.html")
    # libxml2 stops nesting at 255 levels: the text inside may be lost, but nothing else may appear.
    assert a.body in ("", make_hostile.PARAGRAPHS[0])


def test_a_10_mb_attribute_is_skipped_not_fatal() -> None:
    result, _, peak = run("html_giant_attribute.html", measure_memory=True)
    assert isinstance(result, Article), result
    assert make_hostile.PARAGRAPHS[0] in result.body
    assert peak < 10 * len(hostile("html_giant_attribute.html"))


def test_a_90000_character_word_is_cleaned_in_time() -> None:
    a = article("long_word_90k.txt")
    assert a.body in ("", "a" * 90_000)


def test_a_50_mb_line_ends_in_time_and_bounded_memory() -> None:
    """The line is longer than any paragraph: it is set aside unread (Article.removed, cleaner
    "input"), so cleaning ends quickly; or, on a very slow machine, the time limit stops it."""
    size = len(hostile("long_line_50mb.txt"))
    result, _, peak = run("long_line_50mb.txt", measure_memory=True)
    assert peak < 10 * size, f"peak {peak / 1e6:.0f} MB for {size / 1e6:.0f} MB of input"
    if isinstance(result, Article):
        assert result.body == ""
        assert [r.cleaner for r in result.removed] == ["input"]
    else:
        assert isinstance(result, CleanTimeout), result


def test_a_million_short_lines_end_in_time_and_bounded_memory() -> None:
    """Ends with an Article or CleanTimeout; memory: at most 10x the input plus 1 KB a line
    (the page holds an object per line and a removal record per removed line)."""
    data = hostile("million_lines.txt")
    result, _, peak = run("million_lines.txt", measure_memory=True)
    assert isinstance(result, (Article, CleanTimeout)), result
    assert peak < 10 * len(data) + 1000 * data.count(b"\n"), f"peak {peak / 1e6:.0f} MB"


# -- str input and arguments -----------------------------------------------------------------

@pytest.mark.parametrize("text", ["\ud800 lone \udfff surrogates", "NUL\x00 in\x00 a str", "\x85\u2028\u2029\x0b\x0c",
                                  "<" * 10_000, "<div>" * 5_000, "&amp;" * 5_000, "\u0301" * 10_000, "a\u200b" * 5_000])
def test_odd_str_input_gives_an_article(text: str) -> None:
    a = cleannews.clean(text, timeout=TIMEOUT)
    assert isinstance(a, Article)
    assert not CONTROL.search(a.body)


def test_a_zero_time_limit_raises_clean_timeout() -> None:
    with pytest.raises(CleanTimeout):
        cleannews.clean("\n".join(make_hostile.PARAGRAPHS), timeout=0)


def test_wrong_arguments_are_clear_errors() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        cleannews.clean(None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="input_format"):
        cleannews.clean("text", input_format="pdf")


def test_bytearray_and_memoryview_are_read_like_bytes() -> None:
    data = make_hostile.ARTICLE.encode("utf-8")
    expected = cleannews.clean(data)
    assert cleannews.clean(bytearray(data)) == expected
    assert cleannews.clean(memoryview(data)) == expected
