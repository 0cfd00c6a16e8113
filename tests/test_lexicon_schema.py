"""The lexicon schema (src/cleannews/lexicon/schema.toml): every file fits it, every list compiles
in the modes the code matches it in, unknown keys are errors, and the code asks for nothing else."""

from __future__ import annotations

import datetime
import functools
from pathlib import Path

import pytest
import regex

import cleannews
import cleannews.lexicon as lexicon_module
from cleannews.cleaners.notices import FAMILIES as NOTICE_FAMILIES
from cleannews.lexicon import COMMON, DATA_DIR, MODES, Lexicon, LexiconError, available_languages, read_file
from cleannews.lexicon.schema import LISTS, PATTERNS, SCHEMA, check, entry
from conftest import FIXTURES, SEEDS, load_seed
from helpers import PROSE

FILES = [DATA_DIR / f"{name}.toml" for name in (COMMON, *available_languages())]


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_every_lexicon_file_fits_the_schema(path: Path) -> None:
    data = read_file(path)
    assert data, path
    for section, table in data.items():
        for key in table:
            assert entry(section, key).section == section


@pytest.mark.parametrize("language", available_languages())
def test_every_list_compiles_in_every_mode_the_code_uses(language: str) -> None:
    lexicon = Lexicon.load(language)
    lists = 0
    for section, keys in SCHEMA.items():
        for key, spec in keys.items():
            if spec.kind not in LISTS:
                continue
            entries = lexicon.list(section, key)
            for mode in spec.modes or ("line",):  # a word set still builds its pattern
                for flags in (regex.I, 0):
                    assert isinstance(lexicon.pattern(section, key, mode, flags=flags), regex.Pattern)
            if spec.kind == PATTERNS:  # each expression alone too (notices compile them one by one)
                for expression in entries:
                    regex.compile(f"^(?:{expression})", regex.I | regex.V0)
            lists += bool(entries)
    assert lists >= 40, language


def test_month_names_are_casefolded_and_name_months() -> None:
    for language in available_languages():
        months = Lexicon.load(language).table("dates", "months")
        assert months, language
        for name, number in months.items():
            assert name == name.casefold() and 1 <= number <= 12, (language, name, number)


@pytest.mark.parametrize("text, message", [
    ("[share]\nwrods = ['teilen']\n", "unknown key [share] wrods"),
    ("[shares]\nwords = ['teilen']\n", "unknown section [shares]"),
    ("[share]\nwords = 'teilen'\n", "[share] words must be a list of strings"),
    ("[share]\nwords = ['teilen', 3]\n", "[share] words must hold strings only"),
    ("[dates.months]\n\"märz\" = 'drei'\n", "[dates] months maps 'märz' to 'drei': its values are integers"),
    ("[scorer]\nfunction_chars_scale = '2'\n", "[scorer] function_chars_scale must be a number"),
    ("[foreign]\nmax_words = 6\n", "unknown section [foreign]"),
    ("share = ['teilen']\n", "[share] must be a section"),
    ("[share\nwords = []\n", "not valid TOML"),
])
def test_a_file_that_does_not_fit_the_schema_is_refused_naming_file_section_and_key(
        tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "xx.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as caught:
        read_file(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_asking_for_a_key_the_schema_does_not_know_is_a_key_error() -> None:
    lexicon = Lexicon.load("de")
    for ask in (lambda: lexicon.list("share", "wrods"), lambda: lexicon.pattern("share", "wrods"),
                lambda: lexicon.words("share", "wrods"), lambda: lexicon.table("dates", "month"),
                lambda: lexicon.value("scorer", "scale", 1.0), lambda: lexicon.whole_line(("ads",), ("line",))):
        with pytest.raises(KeyError, match=r"\[\w+\] \w+"):
            ask()
    with pytest.raises(KeyError, match=r"no section \[foreign\]"):
        lexicon.value("foreign", "max_words")


def test_a_known_key_no_file_holds_is_empty() -> None:
    lexicon = Lexicon.load("de")
    assert lexicon.list("ads", "lines_re") == ()
    assert lexicon.list("donation", "headers") == ()
    assert lexicon.value("scorer", "function_chars_scale", 1.0) == 1.0
    assert not lexicon.pattern("ads", "lines_re").match("Anzeige")
    assert Lexicon.load("zh").value("scorer", "function_chars_scale", 1.0) == 2.0


def test_data_handed_to_check_is_refused_under_the_name_given() -> None:
    with pytest.raises(LexiconError, match=r"^my data: unknown key \[ads\] labels"):
        check({"ads": {"labels": ["Anzeige"]}}, "my data")


def test_the_schema_is_not_a_language() -> None:
    assert "schema" not in available_languages() and COMMON not in available_languages()
    assert Lexicon.load("schema").list("ads", "lines") == Lexicon.load("xx").list("ads", "lines")


HTML_PAGES = sorted((FIXTURES / "hostile").glob("html_*.html"))
LANGUAGES = ("de", "en", "zh")


def test_the_code_asks_only_for_keys_and_modes_the_schema_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clean the seed pages (and the HTML fixtures) with fresh lexicons that record what the
    steps ask for: every key asked for is in the schema, every pattern is built in a mode the
    schema declares for its list, and every key of the schema is asked for."""
    asked: set[tuple[str, str]] = set()
    modes: set[tuple[str, str, str]] = set()

    def recording(name: str, record):  # wrap one Lexicon method
        original = getattr(Lexicon, name)

        @functools.wraps(original)
        def wrapper(self, *args, **kwargs):
            record(*args, **kwargs)
            return original(self, *args, **kwargs)
        monkeypatch.setattr(Lexicon, name, wrapper)

    recording("list", lambda section, key: asked.add((section, key)))
    recording("table", lambda section, key: asked.add((section, key)))
    recording("value", lambda section, key, default=None: asked.add((section, key)))
    recording("pattern", lambda section, key, mode="line", **kw: modes.add((section, key, mode)))
    recording("combined", lambda section, keys, mode="line", **kw: modes.update((section, k, mode) for k in keys))
    recording("first_of", lambda sections, keys, mode="line", **kw: modes.update(
        (s, k, mode) for s in sections for k in keys))
    recording("whole_line", lambda sections, keys, **kw: modes.update((s, k, "line") for s in sections for k in keys))
    # fresh lexicons, so that no step's cache of patterns built earlier hides what it asks for
    monkeypatch.setattr(lexicon_module, "_load", functools.lru_cache(maxsize=64)(lexicon_module._load.__wrapped__))

    all_notices = cleannews.default_pipeline().configure("notices", families=tuple(NOTICE_FAMILIES))
    for folder in SEEDS:
        text, _ = load_seed(folder)
        for language in LANGUAGES:
            cleannews.clean(text, language=language, pipeline=all_notices)
    for path in HTML_PAGES:
        cleannews.clean(path.read_bytes(), language="en")
    # a relative date, resolved against the caller's reference date
    relative = "\n".join(["Neues Gesetz für erneuerbare Energien beschlossen", "", "vor einer Stunde", "", *PROSE])
    cleannews.clean(relative, language="de", reference_date=datetime.date(2024, 5, 2))

    for section, key, mode in sorted(modes):
        assert mode in entry(section, key).modes, f"[{section}] {key} is matched in mode {mode!r}"
    asked |= {(section, key) for section, key, _ in modes}
    declared = {(section, key) for section, keys in SCHEMA.items() for key in keys}
    assert asked <= declared
    assert declared - asked == set(), "schema keys no step asked for"


def test_every_entry_of_a_list_a_step_reads_through_a_needle_holds_the_needle():
    """The server-error and share-label steps look only at lines holding a literal text (their
    needle): a lexicon entry without it would never match."""
    from cleannews import Lexicon
    from cleannews.cleaners.labels import SERVER_ERRORS
    from cleannews.cleaners.social import SHARE_LABEL_NEEDLE
    from cleannews.lexicon import available_languages

    seen = 0
    for language in available_languages():
        lex = Lexicon.load(language)
        for entry in lex.list("server_errors", "lines_re"):
            assert SERVER_ERRORS.needle in entry, (language, entry)
            seen += 1
        for entry in lex.list("share", "labels_re"):
            assert SHARE_LABEL_NEEDLE in entry, (language, entry)
            seen += 1
    assert seen
