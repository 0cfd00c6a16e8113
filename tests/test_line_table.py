"""The per-line feature table: its compiled columns give what the plain Python definitions give
(on the seed and fixture pages' lines and on arbitrary Unicode), and a page's table follows its
lines as steps change them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regex

from cleannews import clean
from cleannews.char_classes import char_classes, classes_for
from cleannews.cleaners.line_features import TOKEN
from cleannews.fields.model import TreeModel
from cleannews.line_shape import (COLUMNS, END_COLON, END_ELLIPSIS, END_PERIOD, END_QUESTION, LETTER, MARK, NUMBER,
                                  STARTS_UPPER, UPPER, UPPER_LETTER, WORD_COLUMNS, shape_columns, word_columns)
from cleannews.line_table import CONTENT_WORD_CHARS, LineTable, WordCounts, page_table
from cleannews.page import Page
from cleannews.text import LETTER_WORD, NAME_TOKEN, PARAGRAPH_WORDS, is_prose, is_title_like, line_key, word_count

from conftest import FIXTURES, SEEDS, load_seed


def reference_shape(text: str) -> tuple[int, int, int, int, int, int]:
    """The straightforward definitions of the shape columns, on the stripped line."""
    s = text.strip()
    tokens = s.split()
    flags = 0
    if s.isupper():
        flags |= UPPER
    if s[:1].isupper():
        flags |= STARTS_UPPER
    if s.endswith(".") and not s.endswith("..."):
        flags |= END_PERIOD
    if s.endswith(("?", "!")):
        flags |= END_QUESTION
    if s.endswith(":"):
        flags |= END_COLON
    if s.endswith(("...", "…")):
        flags |= END_ELLIPSIS
    return (len(s), len(tokens), sum(1 for t in tokens if t[:1].isupper()), sum(ch.isalpha() for ch in s),
            sum(ch.isdigit() for ch in s), flags)


STOPS = frozenset({"the", "der", "und", "and", "of", "für", "über", "straße"})
_NUMBER_CHAR = regex.compile(r"\p{N}")
_LETTER_CHAR = regex.compile(r"\p{L}")


def reference_words(text: str, stops: frozenset[str]) -> tuple[int, int, int, int, int]:
    """The straightforward definitions of the word columns: the TOKEN pattern's matches and
    the regex module's Unicode classes."""
    tokens = TOKEN.findall(text)
    return (len(tokens), sum(1 for t in tokens if t.casefold() in stops), sum(1 for t in tokens if t[0].isupper()),
            len(_NUMBER_CHAR.findall(text)), len(_LETTER_CHAR.findall(text)))


def reference_content_words(text: str, stops: frozenset[str]) -> set[str]:
    """Content words the plain way: LETTER_WORD's matches of four characters or more, casefolded,
    stopwords aside."""
    return {w.casefold() for w in LETTER_WORD.findall(text) if len(w) >= CONTENT_WORD_CHARS} - stops


def fixture_lines() -> list[str]:
    lines: list[str] = []
    for folder in SEEDS:
        lines += load_seed(folder)[0].split("\n")
    for path in sorted((FIXTURES / "pages").glob("*.txt")):
        lines += path.read_text(encoding="utf-8").split("\n")
    return lines


def test_columns_match_the_definitions_on_the_fixture_lines() -> None:
    lines = fixture_lines()
    assert len(lines) > 300
    columns = shape_columns(lines)
    assert len(columns) == len(COLUMNS)
    assert all(len(c) == len(lines) for c in columns)
    for k, text in enumerate(lines):
        assert tuple(c[k] for c in columns) == reference_shape(text), text


def test_word_columns_match_the_pattern_on_the_fixture_lines() -> None:
    lines = fixture_lines()
    assert not all(map(str.isascii, lines))
    columns = word_columns(lines, STOPS, classes_for(lines))
    assert len(columns) == len(WORD_COLUMNS)
    table = LineTable(lines)
    for k, text in enumerate(lines):
        assert tuple(c[k] for c in columns) == reference_words(text, STOPS), text
        assert table.word_counts((k,), STOPS) == [WordCounts(*reference_words(text, STOPS))]
    assert table.word_counts(range(len(lines)), STOPS) == [WordCounts(*reference_words(t, STOPS)) for t in lines]
    assert LineTable(lines).word_counts(range(len(lines)), STOPS) == table.word_counts(range(len(lines)), STOPS)


def test_content_words_and_name_tokens_match_the_patterns_on_the_fixture_lines() -> None:
    lines = fixture_lines()
    table = LineTable(lines)
    for k, text in enumerate(lines):
        assert table.content_words(k, STOPS) == reference_content_words(text, STOPS), text
        assert table.name_tokens(k) == sum(1 for t in text.split() if NAME_TOKEN.match(t)), text
    odd = ["A. B.. C.D. É-Ñ O’Neil ßig Über. x-Y 1A Ǆemal"]
    assert LineTable(odd).name_tokens(0) == sum(1 for t in odd[0].split() if NAME_TOKEN.match(t)) == 5
    assert table.content_words(0, frozenset()) == reference_content_words(lines[0], frozenset())


def test_the_class_table_is_the_regex_modules() -> None:
    table = char_classes()
    assert len(table) == 0x110000
    for ch, bit in (("a", LETTER), ("Ω", LETTER | UPPER_LETTER), ("ω", LETTER), ("漢", LETTER), ("٣", NUMBER),
                    ("½", NUMBER), ("\u0301", MARK), (" ", 0), ("-", 0), ("\ud800", 0)):
        assert table[ord(ch)] == bit, ch
    # every code point of a few blocks, against the patterns themselves
    for start in (0x0, 0x300, 0x900, 0x1C80, 0xA700, 0x10D40, 0x1F100):
        for c in range(start, start + 0x100):
            ch = chr(c)
            expected = (LETTER if _LETTER_CHAR.match(ch) else 0) | (NUMBER if _NUMBER_CHAR.match(ch) else 0) \
                | (MARK if regex.match(r"\p{M}", ch) else 0) | (UPPER_LETTER if regex.match(r"\p{Lu}", ch) else 0)
            assert table[c] == expected, hex(c)


def test_ascii_text_needs_no_class_table() -> None:
    assert classes_for(["plain ASCII", "only"]) == b""
    assert tuple(c[0] for c in word_columns(["The 3 Cats of Rome."], STOPS, b"")) == (5, 2, 3, 1, 13)
    with pytest.raises(ValueError):
        word_columns(["Grüße"], STOPS, b"")


def test_derived_measures_match_the_text_helpers() -> None:
    lines = fixture_lines()
    table = LineTable(lines)
    for i, text in enumerate(lines):
        s = text.strip()
        tokens = s.split()
        assert table.words(i) == word_count(s)
        assert table.prose(i) == is_prose(s, min_words=PARAGRAPH_WORDS)
        assert table.title_like(i) == is_title_like(s)
        assert table.caps_share(i) == (sum(1 for t in tokens if t[:1].isupper()) / len(tokens) if tokens else 0.0)
        assert table.digit_share(i) == sum(ch.isdigit() for ch in s) / max(1, len(s))
        assert table.all_caps(i) == (s.isupper() and sum(ch.isalpha() for ch in s) > 3)
        if text:
            assert table.repeats(i) == sum(1 for t in lines if t and line_key(t) == line_key(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_any_unicode_gives_the_definitions_and_consistent_counts(texts: list[str]) -> None:
    columns = shape_columns(texts)
    for k, text in enumerate(texts):
        chars, tokens, caps, letters, digits, flags = (c[k] for c in columns)
        assert (chars, tokens, caps, letters, digits, flags) == reference_shape(text)
        assert 0 <= caps <= tokens <= chars <= len(text)
        assert letters + digits <= chars  # (no character is both a letter and a digit)
        assert not (flags & END_PERIOD and flags & END_ELLIPSIS)
        if chars == 0:
            assert tokens == letters == digits == flags == 0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), max_size=8))
def test_any_unicode_gives_the_patterns_word_counts(texts: list[str]) -> None:
    columns = word_columns(texts, STOPS, classes_for(texts))
    for k, text in enumerate(texts):
        words, stops, caps, digits, letters = (c[k] for c in columns)
        assert (words, stops, caps, digits, letters) == reference_words(text, STOPS)
        assert 0 <= stops <= words and 0 <= caps <= words <= digits + letters <= len(text)
    table = LineTable(texts)
    for k, text in enumerate(texts):
        assert table.content_words(k, STOPS) == reference_content_words(text, STOPS)
        assert table.name_tokens(k) == sum(1 for t in text.split() if NAME_TOKEN.match(t))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=200))
def test_cleaning_any_line_keeps_working(text: str) -> None:
    assert clean(text, input_format="text") is not None


def test_a_non_string_line_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        shape_columns(["fine", None])  # type: ignore[list-item]


def test_page_table_follows_the_lines() -> None:
    page = Page.from_text("Breaking News\n\nThe council met on Monday.")
    table = page_table(page)
    assert page_table(page) is table  # (nothing changed: the same table)
    assert table.tokens[0] == 2 and table.has(0, STARTS_UPPER) and not table.has(0, END_PERIOD)
    page.lines[0].text = "BREAKING NEWS."
    changed = page_table(page)
    assert changed is not table
    assert changed.has(0, UPPER) and changed.has(0, END_PERIOD) and changed.all_caps(0)
    page.split_lines({2: ["The council met", "on Monday."]})
    assert len(page_table(page)) == 4


def test_tree_scores_are_the_same_with_and_without_every_feature() -> None:
    model = TreeModel(("a", "b"), 0.5, 0.1, (((0, 0.5, 1, 2, 0.0), (-1, 0.0, 0, 0, -1.0), (1, 2.0, 3, 4, 0.0),
                                             (-1, 0.0, 0, 0, 0.5), (-1, 0.0, 0, 0, 2.0)),))
    full = {"a": 1.0, "b": 0.0, "c": 3.0}
    assert model.score(full) == model.score({"a": 1.0})  # (a missing feature counts as 0)
    assert model.score({"a": 0.0, "b": 3.0}) < model.score({"a": 1.0, "b": 3.0})
    one = TreeModel(("a",), 0.0, 1.0, (((0, 0.5, 1, 2, 0.0), (-1, 0.0, 0, 0, -1.0), (-1, 0.0, 0, 0, 1.0)),))
    assert one.score({"a": 1.0}) > 0.5 > one.score({"a": 0.0}) == one.score({})
