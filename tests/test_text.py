"""Speed shortcuts must give what the plain code gives: ASCII twins of word patterns
(text.for_text), character counting by bytes (text.count_chars), main_script by distinct
characters, label trimming and title normalising without a whole-line regex."""

from __future__ import annotations

import random

import regex

from cleannews import language, text
from cleannews.cleaners import line_features

from conftest import SEEDS, load_seed

TWINS = [(text.WORD, text._ASCII_WORD), (language._WORD, language._ASCII_WORD)]


def _ascii_samples() -> list[str]:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(128)]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(3000)]
    samples += ["don't re-use e.g. U.S. 3.5-4 o'clock --x- .5 a'b", "Top-10 list: 1,000.5 'quoted' - ok."]
    for folder in SEEDS:
        samples += [t for t in load_seed(folder)[0].splitlines() if t.isascii()]
    return samples


def test_ascii_twins_find_the_same_words() -> None:
    samples = _ascii_samples()
    for pattern, twin in TWINS:
        for sample in samples:
            assert twin.findall(sample) == pattern.findall(sample), (pattern.pattern, sample)
            assert [m.span() for m in twin.finditer(sample)] == [m.span() for m in pattern.finditer(sample)]


def test_for_text_picks_the_twin_only_for_ascii() -> None:
    assert text.for_text("abc", text.WORD, text._ASCII_WORD) is text._ASCII_WORD
    assert text.for_text("Grüße", text.WORD, text._ASCII_WORD) is text.WORD
    assert text.words("Grüße aus Köln, don't") == ["Grüße", "aus", "Köln", "don't"]


def test_count_chars_counts_like_the_pattern() -> None:
    letter, digit = regex.compile(r"\p{L}"), regex.compile(r"\p{N}")
    samples = _ascii_samples()[:500] + ["Grüße, 12 ½ Äpfel – “x” ²³ Ωμέγα 漢字 ٣", "\u00a0\u2009 ü", ""]
    for sample in samples:
        letters, digits = len(letter.findall(sample)), len(digit.findall(sample))
        assert text.count_chars(sample, text.ASCII_LETTERS, regex.compile(r"\p{L}+")) == letters
        assert text.count_chars(sample, b"0123456789", regex.compile(r"\p{N}+")) == digits
        counts = line_features.word_counts(sample, frozenset())
        assert (counts.digits, counts.letters) == (digits, letters)
        assert counts.words == len(line_features.TOKEN.findall(sample))


def _reference_main_script(sample: str) -> str | None:
    """main_script the plain way: every letter, left to right (the oracle)."""
    first: dict[str, int] = {}
    counts: dict[str, int] = {}
    for at, ch in enumerate(sample):
        if ch.isalpha():
            script = text.script_of(ch)
            first.setdefault(script, at)
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(sorted(counts, key=first.__getitem__), key=counts.__getitem__)


def test_main_script_agrees_with_counting_every_letter() -> None:
    rng = random.Random(11)
    alphabet = list("abcXYZ éßñ  ,.“”–12") + list("абвгдЖЗ") + list("αβγΩ") + list("漢字かな") + ["\u0250", "ʃ", "ǅ", "Ⅻ", "ⓐ"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    samples += ["abc абв", "абв abc", "ab αβ", "αβ ab", "ʃa", "aʃ", "", "123 – “”"]
    for sample in samples:
        assert text.main_script(sample) == _reference_main_script(sample), sample


def test_label_text_trims_like_the_plain_substitution() -> None:
    from cleannews.cleaners.labels import label_text
    trim = regex.compile(r"[\s.…:!|·•›»>\-–—]+$|^[\s|·•›»>\-–—]+")
    rng = random.Random(5)
    alphabet = list("ab c.…:!|·•›»>-–—\n\t\u00a0") + ["x", "Y"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12))) for _ in range(20000)]
    samples += ["• Mehr lesen …", "— Anzeige —", "Weiter: ", ". . .", "", "x\n", "|\n", "Home > "]
    for sample in samples:
        assert label_text(sample) == trim.sub("", sample), repr(sample)


def test_title_normalising_like_nfkc_and_translate() -> None:
    import unicodedata

    from cleannews.text import title_key as normalise
    quotes = str.maketrans({c: '"' for c in "„“”«»‚‘’‹›'"})
    rng = random.Random(9)
    alphabet = list("aB 'x\"„“”«»‚‘’‹›ﬁＡ①é\u00a0\t") + ["ß", "İ"]
    for _ in range(5000):
        sample = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 15)))
        plain = " ".join(unicodedata.normalize("NFKC", sample).translate(quotes).split()).casefold()
        assert normalise(sample) == plain, repr(sample)


def test_repair_knows_every_space_it_collapses() -> None:
    from cleannews.cleaners import repair
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set("".join(repair._LINE_SPACES.findall(every))) <= set(repair.WHITESPACE)
    assert {c for c in every if c.isspace()} == set(repair.WHITESPACE)


def test_sentence_ends_read_from_the_end_like_the_patterns() -> None:
    from cleannews.language import _SENTENCE_END
    rng = random.Random(13)
    alphabet = list("ab .!?…:;\"'”“«»‘’)]([") + list(text.WHITESPACE) + ["...", "x"]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 10))) for _ in range(30000)]
    for sample in samples:
        assert text.closes_with(sample, ".!?") == bool(text.TERMINAL.search(sample)), repr(sample)
        assert text.closes_with(sample, ".!?…") == bool(_SENTENCE_END.search(sample)), repr(sample)
        plain = bool(text.TERMINAL.search(sample)) or bool(text.ELLIPSIS_END.search(sample))
        assert text.ends_sentence(sample) == plain, repr(sample)


def test_spaces_are_what_regex_calls_whitespace() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"\s", every)) == set(text.SPACES)


def test_cached_measurements_are_forgotten_on_request_and_stay_right() -> None:
    """clear_caches empties every line cache (a benchmark's timed pass must not read what its
    warm-up measured), and a line measured again gives the same value."""
    calls: list[str] = []

    @text.per_text_cache
    def length(line: str) -> int:
        calls.append(line)
        return len(line)

    cache = text.line_cache()
    text.remember(cache, ("Teilen", "de"), "Teilen", 1)
    text.remember(cache, ("x" * (text.CACHE_MAX_CHARS + 1), "de"), "x" * (text.CACHE_MAX_CHARS + 1), 2)
    assert length("Teilen") == length("Teilen") == 6 and calls == ["Teilen"]
    assert list(cache) == [("Teilen", "de")]  # (an overlong line is not kept)
    text.clear_caches()
    assert cache == {}
    assert length("Teilen") == 6 and calls == ["Teilen", "Teilen"]


def test_a_full_line_cache_starts_afresh() -> None:
    cache = text.line_cache()
    for k in range(text.CACHE_SIZE):
        text.remember(cache, k, "line", k)
    assert len(cache) == text.CACHE_SIZE
    text.remember(cache, "last", "line", 0)
    assert cache == {"last": 0}
