"""The per-page lexicon scan: its answers are the lexicon patterns' own, with either engine."""

from __future__ import annotations

import copy
import importlib
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import regex

import cleannews
import cleannews.cleaners
import cleannews.fields
from cleannews.fields.fields_util import BYLINE_PREFIX, byline_prefix
from cleannews.language import detect_language
from cleannews.lexicon import Lexicon
from cleannews.lexicon.re2_scan import AVAILABLE as RE2_AVAILABLE
from cleannews.lexicon.re2_scan import anchored, re2_source
from cleannews.lexicon.scan import CLASSES, ENGINE, PAGE_NEEDLES_AFTER, LexClass, PageScan, lexicon_class
from cleannews.page import Page, split_lines

FIXTURES = Path(__file__).parent / "fixtures"
#: Fixture text files larger than this are the hostile inputs (millions of lines): not read here.
MAX_FIXTURE_BYTES = 1_000_000
ENGINES = ["regex"] + (["re2"] if RE2_AVAILABLE else [])


def _step_classes() -> list[LexClass]:
    """Every class the steps declare (importing every step module declares them)."""
    for package in (cleannews.cleaners, cleannews.fields):
        for module in pkgutil.iter_modules(package.__path__):
            importlib.import_module(f"{package.__name__}.{module.name}")
    return list(CLASSES)


def _pages() -> list[tuple[str, list[str]]]:
    """(language, distinct non-blank lines) of every seed and text fixture page."""
    paths = sorted((FIXTURES / "seeds").glob("*/page.txt")) + sorted(
        p for p in (FIXTURES / "pages").glob("*.txt") if p.stat().st_size <= MAX_FIXTURE_BYTES)
    pages = []
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        pages.append((detect_language(text), list(dict.fromkeys(t for t in split_lines(text) if t))))
    return pages


def _same(found: regex.Match[str] | None, expected: regex.Match[str] | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return found.span() == expected.span() and found.groupdict() == expected.groupdict() \
        and found.string == expected.string


@pytest.mark.parametrize("engine", ENGINES)
def test_every_class_matches_as_its_pattern_on_every_seed_and_fixture_line(engine: str) -> None:
    classes = _step_classes()
    assert len(classes) >= 15  # (the steps' classes are declared: a scan of nothing proves nothing)
    checked = 0
    for language, lines in _pages():
        for lexicon in {Lexicon.load(language), Lexicon.load("en"), Lexicon.load("de"), Lexicon.load("fr")}:
            scan = PageScan(lexicon, lines, engine=engine)
            for cls in classes:
                for text in lines:
                    expected = cls.reference(lexicon, text)
                    assert _same(scan.match(cls, text), expected), (lexicon, cls, text)
                    checked += 1
    assert checked > 10_000


def test_texts_steps_announce_are_answered_as_the_pattern_answers() -> None:
    """With the regex engine, texts announced before they are asked about (by several steps,
    overlapping, some no line of the page) get the classes' own answers."""
    classes = _step_classes()
    extra = ["By Jane Doe", "Advertisement", "Sign in to comment", "vor 3 Stunden", "Anzeige", "Mehr zum Thema"]
    checked = 0
    for language, lines in _pages():
        lexicon = Lexicon.load(language)
        scan = PageScan(lexicon, lines, engine="regex")
        first, second = lines[: len(lines) // 2 + 5], lines[len(lines) // 2:] + extra
        for cls in classes:
            scan.expect(cls, first)
            scan.expect(cls, second)
            for text in first + second:
                assert _same(scan.match(cls, text), cls.reference(lexicon, text)), (lexicon, cls, text)
                checked += 1
    assert checked > 10_000


@pytest.mark.parametrize("engine", ENGINES)
def test_may_hit_never_says_no_where_the_class_finds_something(engine: str) -> None:
    classes = _step_classes()
    ruled_out = 0
    for language, lines in _pages():
        lexicon = Lexicon.load(language)
        scan = PageScan(lexicon, lines, engine=engine)
        for cls in classes:
            for text in lines:
                if not scan.may_hit(cls, text):
                    assert cls.reference(lexicon, text) is None, (lexicon, cls, text)
                    ruled_out += 1
    # (with re2 the bit rules out most lines; the regex engine has no bits and rules out none)
    assert (ruled_out > 0) == (engine == "re2")


def test_a_byline_prefix_followed_by_a_name_is_found_behind_may_hit() -> None:
    lexicon = Lexicon.load("en")
    page = Page.from_text("By Jane Doe\n\nThe council met on Tuesday to discuss the bridge.", lexicon=lexicon)
    prefix = byline_prefix(lexicon)
    found = [t for t in ("By Jane Doe", "The council met on Tuesday to discuss the bridge.")
             if page.scan.may_hit(BYLINE_PREFIX, t) and prefix.match(t)]
    assert found == ["By Jane Doe"]


def test_a_page_whose_scan_was_read_can_be_copied_and_cleans_the_same() -> None:
    text = "A headline over the text\n\nBy Jane Doe\n\nThe council met on Tuesday to discuss the bridge.\n\nSign in"
    page = Page.from_text(text, language="en", lexicon=Lexicon.load("en"))
    assert page.scan.hit(lexicon_class("scorer", ("ui",), "word"), "Sign in")
    twin = copy.deepcopy(page)
    pipeline = cleannews.default_pipeline()
    for step in pipeline:
        step(page)
        step(twin)
    assert [(line.text, line.kept) for line in twin.lines] == [(line.text, line.kept) for line in page.lines]
    assert twin.fields == page.fields


def test_the_default_pipeline_reads_only_classes_declared_when_cleannews_is_imported() -> None:
    """(A class declared later makes each process build its re2 sets again.) In a fresh
    process: cleaning a page declares no class."""
    seed = sorted((FIXTURES / "seeds").glob("*/page.txt"))[0]
    script = ("import sys, cleannews; from cleannews.lexicon.scan import CLASSES; n = len(CLASSES); "
              "cleannews.clean(open(sys.argv[1], encoding='utf-8').read()); "
              "print([repr(c) for c in CLASSES[n:]])")
    env = {**os.environ, "PYTHONPATH": str(Path(cleannews.__file__).parent.parent)}
    done = subprocess.run([sys.executable, "-c", script, str(seed)], capture_output=True, text=True, env=env,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_text_the_scan_has_not_seen_is_answered_too() -> None:
    lexicon = Lexicon.load("en")
    suffixes = lexicon_class("icons", ("suffixes",), "end")
    scan = PageScan(lexicon, ["The council met on Tuesday."])
    m = scan.match(suffixes, "Riverside Gazette Logo")
    assert m is not None and m.group(0) == "Logo"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_list_phrase_hits_and_article_text_that_resembles_it_does_not(engine: str) -> None:
    lexicon = Lexicon.load("en")
    alone = lexicon_class("ads", ("lines", "lines_re"), "line")
    words = lexicon_class("scorer", ("ui",), "word")
    lines = ["Advertisement", "The advertisement ran for a week in the local paper.",
             "Sign in", "She would not sign inside the booth, the clerk said.",
             "Anna Muster designed the new town logo.", "Morning Post logo"]
    scan = PageScan(lexicon, lines, engine=engine)
    assert scan.hit(alone, "Advertisement")
    assert not scan.hit(alone, "The advertisement ran for a week in the local paper.")
    assert scan.hit(words, "Sign in")
    assert not scan.hit(words, "She would not sign inside the booth, the clerk said.")  # ("in" is no word there)
    assert set(scan.hits(alone)) == {"Advertisement"}


def test_the_regex_engine_looks_for_needles_in_the_page_once_a_class_is_asked_about_many_lines() -> None:
    lexicon = Lexicon.load("en")
    words = lexicon_class("scorer", ("ui",), "word")
    prose = [f"Paragraph {n} of the council report on the river bridge." for n in range(3 * PAGE_NEEDLES_AFTER)]
    lines = prose + ["Click here to read the full budget"]
    scan = PageScan(lexicon, lines, engine="regex")
    assert [t for t in lines if scan.hit(words, t)] == ["Click here to read the full budget"]
    # a text made after the scan (a step split a line) holds a needle the page did not
    assert scan.hit(words, "Sign up") == (words.reference(lexicon, "Sign up") is not None)


def test_a_view_reads_part_of_the_line() -> None:
    lexicon = Lexicon.load("en")
    trimmed = lexicon_class("ads", ("lines", "lines_re"), "line", view=lambda t: t.strip(" .:"))
    for engine in ENGINES:
        scan = PageScan(lexicon, ["Advertisement:", "Advertisement is how the paper pays."], engine=engine)
        assert scan.hit(trimmed, "Advertisement:")
        assert not scan.hit(trimmed, "Advertisement is how the paper pays.")


def test_the_page_keeps_one_scan() -> None:
    page = Page.from_text("A headline\n\nSome text.", lexicon=Lexicon.load("en"))
    assert page.scan is page.scan
    assert page.scan.engine == ENGINE


def test_a_page_without_a_lexicon_has_no_scan() -> None:
    with pytest.raises(ValueError, match="lexicon"):
        Page.from_text("Some text.").scan  # noqa: B018


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="engine"):
        PageScan(Lexicon.load("en"), [], engine="hyperscan")


@pytest.mark.skipif(RE2_AVAILABLE, reason="google-re2 is installed")
def test_the_re2_engine_without_google_re2_says_what_to_install() -> None:
    with pytest.raises(ImportError, match="google-re2"):
        PageScan(Lexicon.load("en"), [], engine="re2")


# -- the translation for re2 -------------------------------------------------------------------------
@pytest.mark.parametrize(("source", "expected"), [
    (r"read\s+more", r"read[\s\p{Z}\x{85}\x{0b}\x{1c}-\x{1f}]+more"),
    (r"(?<!\w)logo(?!\w)", "logo"),           # lookarounds only narrow a match: dropped
    (r"\bnews\b", "news"),
    (r"(?>a+)b", "(?:a+)b"),                  # an atomic group as a plain one
    (r"a++b", "a+b"),                         # a possessive quantifier as a plain one
    (r"[^\s]x", r"[^\s]x"),                   # (in a negated class: re2's narrower \s)
    (r"(?-i:\p{Lu})", r"(?-i:\p{Lu})"),
    ("caf\\é", r"caf\x{e9}"),
    (r"[a-z]{1,40}?x", r"[a-z]{1,}?x"),       # a high bound dropped (re2 would build 40 copies)
    (r"\d{1,4}+x", r"[\d\p{Nd}]{1,4}x"),       # a low one kept
])
def test_re2_source_translates_what_it_can_widen(source: str, expected: str) -> None:
    assert re2_source(source) == expected


@pytest.mark.parametrize(("mode", "view", "expected"), [
    ("start", None, "^(?:a)"),
    ("line", None, r"^(?:a)\n?$"),
    ("end", None, r"(?:a)\n?$"),
    ("word", None, "(?:a)"),
    ("line", str.strip, r"^[^\p{L}\p{N}]*(?:a)[^\p{L}\p{N}]*$"),   # (what a view may cut off)
])
def test_a_class_read_at_the_line_start_or_end_is_anchored_there_for_re2(mode, view, expected) -> None:
    assert anchored("a", LexClass("ads", ("lines",), mode, view=view)) == expected


@pytest.mark.parametrize("source", [r"(a)\1", r"(?i)abc", r"[^\S]x", r"\N{EM DASH}", r"(?#note)x"])
def test_re2_source_gives_up_where_it_cannot_promise_a_superset(source: str) -> None:
    assert re2_source(source) is None


@pytest.mark.skipif(not RE2_AVAILABLE, reason="google-re2 is not installed")
def test_re2_finds_a_phrase_across_a_no_break_space() -> None:
    lexicon = Lexicon.load("en")
    words = lexicon_class("scorer", ("ui",), "word")
    scan = PageScan(lexicon, ["Sign\u00a0in"], engine="re2")
    assert scan.engine == "re2"
    assert _same(scan.match(words, "Sign\u00a0in"), words.reference(lexicon, "Sign\u00a0in"))
    assert scan.hit(words, "Sign\u00a0in")
