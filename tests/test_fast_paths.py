"""Fast forms of field and cleaner rules give what their plain forms give."""

from __future__ import annotations

from pathlib import Path

from cleannews.fields.headline import _content_words
from cleannews.language import stopwords
from cleannews.text import LETTER_WORD

SEEDS = Path(__file__).parent / "fixtures" / "seeds"


def _plain_content_words(text: str, stops: frozenset[str]) -> set[str]:
    return {w for w in (m.casefold() for m in LETTER_WORD.findall(text)) if len(w) >= 4 and w not in stops}


def test_content_words_match_the_plain_form() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*/page.txt"))]
    texts += ["Straße MASSE Maße", "Don't stop-over at O'Neill's", "l’été d’Anna", "ǅemal ǆungla",
              "ﬁnal ﬂag", "İstanbul KELVIN", "naïve café résumé", "123 abc-def 'quoted' words"]
    for language in ("en", "de", "fr"):
        stops = stopwords(language)
        for text in texts:
            for line in text.splitlines() + [text]:
                assert _content_words(line, stops) == _plain_content_words(line, stops)
