"""WholeLine (cleannews.lexicon.whole_line): a line-mode lexicon pattern behind a set look-up.
It must answer exactly as the full pattern does, match object and groups included, so every
test here compares the two."""

from __future__ import annotations

import sys

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleannews import Lexicon
from cleannews.lexicon import available_languages
from cleannews.lexicon.needles import fold
from cleannews.lexicon.whole_line import WholeLine
from cleannews.text import line_key as _line_key
from conftest import SEEDS, load_seed


def line_key(text: str) -> str:
    """The key WholeLine looks a line up by."""
    return _line_key(text, fold=fold)




def _same(lookup: WholeLine, text: str) -> bool:
    got, want = lookup.match(text), lookup.full.match(text)
    if want is None:
        return got is None
    return got is not None and got.span() == want.span() and got.groupdict() == want.groupdict()


def _lookup(phrases: list[str], expressions: list[str], flags: int = regex.I) -> WholeLine:
    alternatives = [regex.escape(p).replace(r"\ ", r"\s+") for p in phrases] + [f"(?:{e})" for e in expressions]
    full = regex.compile(f"^(?:{'|'.join(alternatives)})$", flags | regex.V0)
    rest = "|".join(f"(?:{e})" for e in expressions)
    return WholeLine(full, phrases, regex.compile(f"^(?:{rest})$", flags | regex.V0) if expressions else None)


def test_a_phrase_is_found_in_any_case_and_spacing() -> None:
    lookup = _lookup(["Mehr lesen", "Straße"], [r"\d+ Kommentare"])
    for text in ("Mehr lesen", "MEHR  LESEN", "mehr\u00a0lesen\n", "STRAẞE", "12 Kommentare"):
        assert lookup.match(text) is not None, text
        assert _same(lookup, text)


def test_what_only_the_key_takes_for_a_phrase_is_turned_down() -> None:
    lookup = _lookup(["Straße"], [])
    assert line_key("STRASSE") == line_key("Straße")  # the look-up says perhaps ...
    assert lookup.match("STRASSE") is None             # ... the full pattern says no


def test_running_text_and_longer_lines_are_no_phrase() -> None:
    lookup = _lookup(["Mehr lesen", "Teilen"], [r"\d+ Kommentare"])
    for text in ("Mehr lesen Sie morgen.", "Teilen Sie diesen Artikel", "Kommentare", ""):
        assert lookup.match(text) is None
        assert _same(lookup, text)


def test_case_sensitive_lists_stay_case_sensitive() -> None:
    lookup = _lookup(["AP"], [], flags=0)
    assert lookup.match("AP") is not None
    assert lookup.match("ap") is None


def test_dotted_and_dotless_i_match_as_the_regex_engine_matches_them() -> None:
    lookup = _lookup(["LINKS", "kirche"], [])
    for text in ("links", "lınks", "LİNKS", "KIRCHE", "KİRCHE", "kırche"):
        assert _same(lookup, text), text
    assert lookup.match("lınks") is not None   # the regex module pairs "ı" with "I" ...
    assert lookup.match("KİRCHE") is not None  # ... and "İ" with "i"


def test_simple_case_folding_never_separates_what_the_key_joins() -> None:
    # every cased character: where the regex engine matches it to another ignoring case, the
    # two have the same key (else the look-up could miss a phrase the pattern matches)
    cased = [chr(c) for c in range(sys.maxunicode + 1)
             if not 0xD800 <= c < 0xE000 and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))]
    haystack = "".join(cased)
    for c in cased[::7] + list("IiİıKkSsß"):  # (a seventh of them, and the known odd ones)
        for m in regex.finditer(regex.escape(c), haystack, flags=regex.I | regex.V0):
            assert line_key(m.group()) == line_key(c), (c, m.group())


_WORDS = st.sampled_from(["mehr", "Lesen", "teilen", "ß", "SS", "ı", "I", "i", "İ", "12", "Kommentare",
                          "Ärger", " ", "\u00a0", "\t", ":", "."])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=6).map("".join))
def test_the_look_up_answers_as_the_full_pattern(text: str) -> None:
    lookup = _lookup(["Mehr lesen", "Teilen", "Straße", "ärger"], [r"\d+ Kommentare", r"Lesen\s*:"])
    assert _same(lookup, text)


def test_every_lexicon_answers_as_its_full_patterns_on_real_lines() -> None:
    """The look-ups the pipeline uses, in every language, over the seed pages' lines and
    variants of them (upper case, dotless i, each list's own phrases shouted and respaced)."""
    lines: list[str] = []
    for folder in SEEDS:
        text, _ = load_seed(folder)
        lines += [t.strip() for t in text.splitlines() if t.strip()]
    lines += [t.upper() for t in lines[:300]] + [t.replace("i", "ı") for t in lines[:100]]
    uses = [(("sources", "comments", "donation", "related", "footer"), ("headers", "headers_re")),
            (("navigation",), ("lines",)), (("ads",), ("lines", "lines_re")), (("embeds",), ("lines", "lines_re")),
            (("dates",), ("updated", "published")), (("byline",), ("labels",)), (("captions",), ("enlarge",))]
    matched = 0
    for language in available_languages():
        lexicon = Lexicon.load(language)
        for sections, keys in uses:
            lookup = lexicon.whole_line(sections, keys)
            own = [str(e) for s in sections for k in keys if not k.endswith("_re") for e in lexicon.list(s, k)]
            for text in lines + [p.upper() for p in own] + [p.replace(" ", " \t ") for p in own]:
                assert _same(lookup, text), (language, sections, keys, text)
                matched += lookup.full.match(text) is not None
    assert matched > 1000
