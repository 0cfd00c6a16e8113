"""Per-document language identification: running text decides, menus, names and tables do not."""

from __future__ import annotations

import functools

import pytest

from cleannews.language import detect_language
from cleannews.lexicon import Lexicon, available_languages

SAMPLES = {
    "de": "Der Bundestag hat am Donnerstag ein neues Gesetz beschlossen. Die Opposition kritisierte den Entwurf, "
          "weil er nicht weit genug gehe und die Kosten für die Bürger steigen würden.",
    "en": "The council voted on Tuesday to close the library at the end of the year. Residents said they were "
          "angry that the decision had been taken without asking them first.",
    "fr": "Le gouvernement a présenté mercredi un projet de loi qui doit encadrer les loyers dans les grandes villes. "
          "Les associations saluent une avancée, mais jugent les mesures trop timides.",
    "es": "El Gobierno aprobó este martes el proyecto de ley que regula los alquileres. La norma limita las subidas "
          "de los precios en las zonas tensionadas y amplía las ayudas para los jóvenes.",
    "it": "Il governo ha approvato ieri il decreto che prevede nuovi aiuti per le famiglie. Secondo il ministro, "
          "le misure entreranno in vigore già dal prossimo mese e saranno finanziate con fondi europei.",
    "nl": "De gemeenteraad heeft dinsdag besloten dat de bibliotheek aan het einde van het jaar dicht gaat. "
          "Veel inwoners zijn boos omdat er niet eerst met hen is gesproken over de plannen.",
    "pt": "O governo aprovou nesta terça-feira o projeto de lei que regula os aluguéis. A medida limita os aumentos "
          "de preços nas grandes cidades e amplia os apoios para os jovens que procuram casa.",
}


@pytest.mark.parametrize("code", sorted(SAMPLES))
def test_running_text_in_each_language(code):
    assert detect_language(SAMPLES[code]) == code


def test_english_menus_do_not_outvote_german_prose():
    menu = ["Home", "News", "About us", "Contact", "Sign in", "Subscribe", "Privacy Policy", "Terms of Use",
            "More", "Latest", "Video", "The best of the web", "Share this", "Follow us on", "All rights reserved"] * 4
    text = "\n".join(menu + [SAMPLES["de"]])
    assert detect_language(text) == "de"


def test_names_and_results_tables_are_not_a_language():
    # One-letter tokens and capitalised names are stopwords in some lists (Estonian "m", "x";
    # Finnish "walter"); a results table of them must not win over the German lines.
    table = "\n".join(f"{n}. Walter John Carl {n * 3} m x a" for n in range(1, 40))
    text = table + "\n" + SAMPLES["de"]
    assert detect_language(text) == "de"


@pytest.mark.parametrize("text, code", [
    ("엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이의 일방적인 사진 공개로부터 비롯됐다.", "ko"),
    ("報道によると、今回販売されたのは、いわゆる「脱獄」したiPhoneです。", "ja"),
    ("منذ بدء كل المجالات وماذا عن حقيقة الوضع في البلاد", "ar"),
])
def test_scripts_that_name_their_language(text, code):
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "12:30 | 4:2 | 3 - 1", "Login", "Home Menu"])
def test_too_little_text_gives_the_default(text):
    assert detect_language(text) == "en"
    assert detect_language(text, default="de") == "de"


def test_every_lexicon_loads_and_compiles():
    for code in available_languages():
        lexicon = Lexicon.load(code)
        for section in ("share", "navigation", "dates", "byline", "related", "read_more"):
            for key, value in lexicon._data.get(section, {}).items():
                if isinstance(value, list):
                    lexicon.pattern(section, key, "line")
        assert lexicon.table("dates", "months"), code


@pytest.mark.parametrize("code, month, number", [
    ("fr", "février", 2), ("fr", "août", 8), ("es", "septiembre", 9), ("es", "setiembre", 9),
    ("it", "giugno", 6), ("nl", "mei", 5), ("nl", "mrt", 3), ("pt", "março", 3), ("pt", "out", 10),
])
def test_month_names(code, month, number):
    assert Lexicon.load(code).table("dates", "months")[month] == number


def test_combined_and_first_of_patterns_agree_with_the_single_lists():
    """Lexicon.combined matches where one of its lists' patterns does; Lexicon.first_of names
    the first section whose lists match (checked on the seed pages' lines and the phrases)."""
    from conftest import SEEDS, load_seed
    from cleannews.cleaners.labels import label_text
    from cleannews.cleaners.end_headers import FAMILIES

    lines = {label_text(t) for folder in SEEDS for t in load_seed(folder)[0].splitlines() if t.strip()}
    keys = ("headers", "headers_re")
    for code in available_languages():
        lexicon = Lexicon.load(code)
        texts = lines | {str(p) for f in FAMILIES for p in lexicon.list(f, "headers")}
        texts |= {"12 comments", "Comments (3)", "© 2024 Example GmbH", "Related articles"}
        first = lexicon.first_of(FAMILIES, keys, "line")
        matched = 0
        for text in texts:
            single = [f for f in FAMILIES if any(lexicon.pattern(f, k, "line").match(text) for k in keys)]
            for f in FAMILIES:
                assert bool(lexicon.combined(f, keys, "line").match(text)) == (f in single), (code, f, text)
            m = first.match(text)
            assert bool(m) == bool(single), (code, text)
            if m:
                matched += 1
                assert m.group(f"_s{FAMILIES.index(single[0])}") is not None, (code, text)
        assert matched > 10, code


@functools.lru_cache(maxsize=1)
def _reference_index() -> dict[str, list[str]]:
    from cleannews import language as lang
    index: dict[str, list[str]] = {}
    for code, words in lang._stopwords().items():
        for w in words:
            index.setdefault(w, []).append(code)
    return index


def _sentence_start(line: str, pos: int) -> bool:
    """True when position pos starts the line or follows a sentence's end."""
    before = line[max(0, pos - 40):pos].rstrip(" \t\"'„“«»‚‘(")
    return not before or before[-1] in ".!?:"


def _reference_detect(text: str, max_words: int = 3000, default: str = "en") -> str:
    """The plain form of detect_language (before it was made fast): the oracle it must agree
    with, stopword by stopword and language by language."""
    import regex as re_

    from cleannews import language as lang
    by_script = lang._script_language(text[:20000])
    if by_script:
        return by_script
    index = _reference_index()
    word_re = re_.compile(r"\p{L}+")
    scores: dict[str, float] = {}
    hits: dict[str, float] = {}
    seen = 0
    for line in text.splitlines():
        tokens = word_re.findall(line)
        if not tokens:
            continue
        seen += len(tokens)
        prose = len(tokens) >= 6 and bool(lang._SENTENCE_END.search(line))
        weight = 1.0 if prose else 0.25
        starts = [m.start() for m in word_re.finditer(line)]
        for k, word in enumerate(tokens):
            codes = index.get(word.casefold())
            if not codes:
                continue
            if not word.islower():
                if not (word[:1].isupper() and word[1:].islower()) or not _sentence_start(line, starts[k]):
                    continue
            if len(word) == 1 and not prose:
                continue
            for code in codes:
                scores[code] = scores.get(code, 0.0) + weight / len(codes)
                hits[code] = hits.get(code, 0.0) + weight
        if seen >= max_words:
            break
    if not scores:
        return default
    best = max(scores, key=scores.__getitem__)
    return best if hits[best] >= 3 else default


def test_detect_language_agrees_with_the_plain_algorithm():
    import random

    from conftest import SEEDS, load_seed
    from cleannews import language as lang
    texts = [load_seed(folder)[0] for folder in SEEDS]
    rng = random.Random(3)
    pool = sorted({w for words in lang._stopwords().values() for w in words if w.isalpha()})
    capitalised = ["John", "Walter", "Die", "The", "De", "La", "Und", "I", "A", "En"]
    pool += capitalised + [w + "ater" for w in capitalised]  # ("Theater The": a word inside another)
    texts.append("Qqq. Theater The qqq qqq qqq.\n" * 3)  # "The" is inside a sentence: no stopword
    for _ in range(300):  # mixes of stopwords of many languages, names, sentence starts, lists
        lines = []
        for _ in range(rng.randrange(1, 12)):
            words = [rng.choice(pool) for _ in range(rng.randrange(1, 15))]
            words = [w.capitalize() if rng.random() < 0.2 else w for w in words]
            sep = rng.choice([" ", " ", ". ", ", ", " – ", "! "])
            lines.append(sep.join(words) + rng.choice(["", ".", "?", ":", " 12"]))
        texts.append("\n".join(lines))
    for text in texts:
        assert detect_language(text) == _reference_detect(text)
        assert detect_language(text, default="xx") == _reference_detect(text, default="xx")
        assert detect_language(text, max_words=40) == _reference_detect(text, max_words=40)


def test_the_first_lines_read_are_those_of_the_plain_loop():
    """detect_language reads the lines up to the one holding the max_words-th word (a text too
    short to hold that many is not split)."""
    import random

    from cleannews import language as lang
    rng = random.Random(5)
    breaks = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
    for _ in range(300):
        text = "".join(rng.choice(["word ", "mot. ", "über ", "12 ", "-", " ", "ß"] + breaks)
                       for _ in range(rng.randrange(0, 80)))
        limit = rng.randrange(1, 20)
        seen, plain = 0, text.splitlines()
        for n, line in enumerate(text.splitlines()):
            seen += len(lang._WORD.findall(line))
            if seen >= limit:
                plain = text.splitlines()[:n + 1]
                break
        assert lang._first_lines(text, limit).splitlines() == plain, (text, limit)


# -- the codes a user may give -----------------------------------------------------------------------
@pytest.mark.parametrize("given, code", [("de", "de"), ("DE", "de"), ("de-AT", "de"), ("de_CH", "de"),
                                         ("  en-GB ", "en"), ("zh-Hant-TW", "zh"), ("pt_BR", "pt"),
                                         ("German", "de"), ("norwegian", "no"), ("nb", "no"), ("JA", "ja")])
def test_normalize_language(given, code):
    from cleannews.language import normalize_language
    assert normalize_language(given) == code


@pytest.mark.parametrize("given", ["xx", "", "deutsch", "e-n", "123"])
def test_an_unknown_language_is_refused_with_the_list(given):
    from cleannews.language import normalize_language
    with pytest.raises(ValueError, match=r"use one of: ar, bg, .*, zh$"):
        normalize_language(given)


def test_every_language_with_a_lexicon_or_a_detector_is_known():
    from cleannews.language import STOPLISTS, language_names
    from cleannews.lexicon import available_languages
    known = language_names()
    assert set(available_languages()) <= set(known)
    assert set(STOPLISTS) | {"ko", "ja", "zh", "ar", "he", "th"} <= set(known)
    assert known["de"] == "German" and list(known) == sorted(known)
