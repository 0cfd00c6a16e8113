"""Needles (cleannews.lexicon.needles): the literal pieces that let a step skip lines a lexicon
pattern cannot match. A needle set that misses a line the pattern matches would change what
the pipeline removes, so every test here checks "pattern matches => a needle is in the line"."""

from __future__ import annotations

import regex

from cleannews import Lexicon
from cleannews.lexicon import available_languages
from cleannews.lexicon.needles import Needles, fold, needles_for, phrase_needle, regex_needle

from conftest import SEEDS, load_seed


def test_regex_needle_reads_the_longest_literal_piece() -> None:
    assert regex_needle(r"Share on \S+") == "Share on "
    assert regex_needle(r"(?<!\d)\d+\s*min read") == "min read"
    assert regex_needle(r"Updated:?\s") == "Updated"  # the optional colon is no part of it
    assert regex_needle(r"Lesedauer\s*:?\s*\d+\s*Min\.?") == "Lesedauer"
    assert regex_needle(r"(?:(?<![\p{L}\-])|(?<=Icon))[\p{L}\-]{1,60} Icon(?!\p{Ll})") == " Icon"
    assert regex_needle(r"Video\.com") == "Video.com"
    assert regex_needle(r"Über uns", ignore_case=True) == "ber uns"
    assert regex_needle(r"©\s*\d{4}", ignore_case=True) == "©"


def test_regex_needle_gives_up_on_what_it_does_not_read() -> None:
    assert regex_needle(r"(?i)share") is None      # inline flags
    assert regex_needle(r"share|tweet") is None    # a top-level alternation
    assert regex_needle(r"\x41BC") is None         # numeric escapes
    assert regex_needle(r"(a)\1") is None          # a group reference
    assert regex_needle(r"\d+[.,]\d+") is None     # nothing literal at all


def test_phrase_needle_splits_at_spaces() -> None:
    assert phrase_needle("sign up now") == "sign"
    assert phrase_needle("jetzt abonnieren") == "abonnieren"
    # ignoring case, the text is folded (whitespace runs to one space): the whole phrase
    assert phrase_needle("Sign Up  now", ignore_case=True) == "sign up now"
    assert phrase_needle("Über uns", ignore_case=True) == "ber uns"
    assert phrase_needle("ß", ignore_case=True) is None


def test_needles_for_needs_every_entry() -> None:
    assert needles_for([(r"Share on \S+", True), (r"\d+", True)], ignore_case=False) is None
    needles = needles_for([(r"Share on \S+", True), ("min read", False)], ignore_case=True)
    assert needles == Needles(("min read", "share on"), casefold=True)


def test_needles_on_a_page_and_a_line() -> None:
    needles = Needles(("min read", "share on"), casefold=True)
    page = needles.in_page(["Der Artikel", "5 MIN\tREAD"])
    assert page.strings == ("min read",)
    assert page.in_line("5 Min \u00a0 Read") and not page.in_line("Share on X")
    assert not needles.in_page(["nothing here"])


def test_fold_maps_every_case_partner_of_an_ascii_letter_to_it() -> None:
    # the regex module pairs "i" with dotless i and capital I with dot, "k" with KELVIN SIGN,
    # "s" with LONG S: fold() must bring each of them to the ASCII letter
    for c, partners in {"i": "Iıİ", "k": "K\u212a", "s": "S\u017f"}.items():
        for x in partners:
            assert regex.fullmatch(f"[{c}{c.upper()}]", x, flags=regex.I | regex.V0)
            assert fold(x) == c


def test_what_regex_calls_whitespace_str_split_does_too() -> None:
    # fold() turns whitespace runs into one space with str.split: every character \s matches
    # (which a phrase's spaces match) must be whitespace to str.split
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert all(c.isspace() for c in regex.findall(r"\s", every, flags=regex.V0))


def test_a_matching_line_always_holds_a_needle() -> None:
    """Every lexicon list of every language, every mode it is used in, over the seed pages'
    lines (and their casefolded and upper-cased variants): where the pattern matches, the
    needles are in the page and in the line."""
    lines: list[str] = []
    for folder in SEEDS:
        text, _ = load_seed(folder)
        lines += [t for t in text.splitlines() if t.strip()]
    lines += [t.upper() for t in lines[:400]] + [t.replace("i", "ı") for t in lines[:200]]
    checked = 0
    for language in available_languages():
        lexicon = Lexicon.load(language)
        for section, table in lexicon._data.items():
            for key, value in table.items():
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    continue
                for flags in (regex.I, 0):
                    needles = lexicon.needles(section, (key,), flags=flags)
                    if needles is None:
                        continue
                    pattern = lexicon.pattern(section, key, "search", flags=flags)
                    on_page = needles.in_page(lines)
                    for text in lines:
                        if pattern.search(text):
                            checked += 1
                            assert on_page.in_line(text), (language, section, key, text)
    assert checked > 100
