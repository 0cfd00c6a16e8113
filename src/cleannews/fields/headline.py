"""The headline: the title-shaped line just above where the article begins.

The article begins at its byline or date line, or else at its first run of prose (two
paragraphs of running text in a row; a lone paragraph far above the first run is a cookie
notice, a form's help text or a teaser). Walking up from there, the nearest title-shaped line
(a few words, no closing full stop) is the headline; one sentence in between is allowed (a dek
under the headline; a long title-shaped dek with no full stop, right under a shorter title whose
words the text takes up, is the standfirst and not the headline). Lines that start or end with a
date, addresses, rows of figures, labels with a figure ("Portionen: 12", "4 Kommentare"), photo credits ("© …") and byline-shaped lines
("Artikel von Anna Muster") are not titles. When nothing above a byline or date line is
title-shaped, the first title-shaped line under it is the headline. When a shorter variant of
that title stands a little higher ("… – in Bildern" under the real headline is a gallery's
title), the higher one is the headline and the variant goes; a longer one (a breadcrumb ending
in the title) or one cut short with "…" (a teaser's) is not. Every other copy of the headline
on the page is removed too: a page repeats its title in menus, media and teasers.

``state.article_start`` (where the page header ends, see :mod:`cleannews.cleaners.page_header`) is the headline's line,
or, when the headline stands under a lone paragraph, the title-shaped line over that paragraph
(the plainest evidence of the article's start): a lone paragraph wrongly judged to be chrome is
then left to the main-text step instead of being cut with the header.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..language import stopwords
from ..text import (LETTER_WORD, PARAGRAPH_WORDS, PROSE_WORDS, SHORT_SENTENCE_WORDS, for_text, is_prose, is_title_like,
                    looks_like_name, overlap, title_key, word_count)
from .byline import split_names
from .dates import find_dates, residue
from .fields_util import NAVIGATION_LINE, UI_WORDS
from .meta import parse_meta_line

#: A label with a figure ("Portionen: 12", "Krok 3", "Servings 12", "4 Kommentare",
#: "Belichtungszeit: 60 x 3 Minuten"): a recipe's, a form's or a counter's field, not a title.
_LABEL_FIGURE = regex.compile(
    r"^(?:\p{L}[\p{L}\-]*(?:\s\p{L}[\p{L}\-]*)?\s*:\s*\d[\d.,/x×\s\-–]*(?:\s\p{L}+){0,2}"
    r"|\p{L}[\p{L}\-]*\s+\d+|\d[\d.,]*\s+\p{L}+)\s*$")
#: A figure: "120", "4,5", "48/49", "500g".
_FIGURE = regex.compile(r"(?<![\p{L}\p{N}])\d+(?:[.,/]\d+)*")
#: Where the names of a byline-shaped line end: a separator, a handle, a comma.
_NAMES_END = regex.compile(r"\s*(?:[|·•@,;(]|\s[–—\-]\s).*$")
#: LETTER_WORD for ASCII text (see for_text; "’" is no ASCII character and there are no marks).
_ASCII_LETTER_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_ADDRESS = regex.compile(r"@\S+\.\w|(?<!\S)@\w{2,}|https?://|www\.\S+\.\w")


@dataclass(frozen=True)
class Headline(Cleaner):
    """Claim the headline line, set ``headline``, and remove its repeats."""

    name = "headline"
    code = RemovalCode.FIELD_REPEAT
    uses = ("byline", "date")
    provides = ("headline", "article_start")
    description = "claims the title line above the byline/date/first paragraph; removes its repeats"
    max_words: int = 30
    look_up_lines: int = 6
    look_down_lines: int = 3
    variant_overlap: float = 0.6
    #: How far (in kept lines) the second paragraph of a run of prose may stand from the first.
    run_gap: int = 1
    #: A line of at most this many words with two or more figures is a row of measures.
    max_figure_row_words: int = 7
    #: A line of at most this many words that names an author behind a byline prefix is a byline.
    max_byline_words: int = 8
    #: A lone prose line more kept lines than this above the first run of prose is no part of
    #: the article (a cookie notice, a form's help text).
    lone_prose_gap: int = 8
    #: Rank the title-shaped lines above the article's start (see :meth:`_ranked`) instead of
    #: taking the nearest; the weights below score them.
    rank: bool = True
    echo_chars: int = 3000
    echo_weight: float = 3.0
    #: added to a line's word count when its echo share is taken, so that a two-word label
    #: whose words happen to recur does not beat a full title that the text takes up
    echo_smoothing: int = 1
    distance_weight: float = 0.5
    label_penalty: float = 1.5
    name_penalty: float = 2.0
    repeat_bonus: float = 1.0
    #: a line holding a UI phrase or a menu link ("Suche öffnen", "Newsletter bestellen")
    ui_penalty: float = 2.0
    #: a long title-shaped line right under a shorter one is the standfirst (the dek that sums
    #: the story up under its headline): at least this many words, and ``dek_ratio`` times the
    #: words of the line above
    dek_min_words: int = PARAGRAPH_WORDS
    dek_ratio: float = 1.3
    #: (a shorter line above of fewer words is a kicker, "Corona-Krise", and the long line the
    #: headline)
    dek_title_words: int = 5
    #: the share of that title's words that must come back in the text
    dek_title_echo: float = 0.5

    def __call__(self, page: Page) -> None:
        if page.fields.get("headline"):  # already known, e.g. from an HTML page's metadata
            return
        anchor = self._anchor(page)
        # each line's comparison key (see normalise), taken once for the whole step
        keys = [title_key(line.text) if line.text else "" for line in page.lines]
        found = self._choose(page, anchor, keys) if anchor is not None else None
        # The article's start by the plainest evidence (its first byline, date or prose line)
        # and the title over it: when the headline stands lower, the page header still ends
        # there (``state.article_start``).
        plain = self._anchor(page, plain=True)
        safe = self._choose(page, plain, keys) if plain is not None and plain != anchor else found
        if found is None:
            found = safe
        if found is None:
            return
        chosen, variant = found
        if variant is not None:
            page.remove(variant, self.name, "variant of the headline (a media or teaser title)", self.code)
        title = page.lines[chosen].text
        page.claim(chosen, "headline", self.name)
        page.fields["headline"] = title
        page.state.article_start = page.lines[min(chosen, safe[0]) if safe is not None else chosen]
        for i, line in list(page.kept()):
            if keys[i] == keys[chosen]:
                page.remove(i, self.name, "repeat of the headline", self.code)

    def _choose(self, page: Page, anchor: int, keys: list[str]) -> tuple[int, int | None] | None:
        """The headline's index for this article start, and the index of a lower variant of
        it that goes (or None). ``keys``: each line's text as :func:`normalise` gives it."""
        above = self._candidates(page, anchor)
        if self.rank:
            # a title under the byline or date line competes with those above it
            candidates = above + [i for i in self._below(page, anchor) if i not in above]
            if len(candidates) > 1:
                candidates = self._ranked(page, anchor, candidates, keys)
        else:
            candidates = above or self._below(page, anchor)
        if not candidates:
            return None
        chosen = candidates[0]
        for other in candidates[1:]:
            a, b = page.lines[chosen].text, page.lines[other].text
            if keys[chosen] != keys[other] and overlap(a, b) >= self.variant_overlap \
                    and _plain_variant(b, a):
                return other, chosen
        return chosen, None

    def _ranked(self, page: Page, anchor: int, candidates: list[int], keys: list[str]) -> list[int]:
        """The candidates (nearest first) best first: a headline names what the article is
        about, so its words come back in the text under it; it is a phrase of a few words, not a
        person's name or a one-word label; a page often shows it twice (in a breadcrumb, a
        share box); and the nearer line wins a tie. When the best is the longer standfirst right
        under a shorter title, that title goes first."""
        assert page.lexicon is not None
        stops = stopwords(page.language)
        text_words = _content_words(self._text_after(page, anchor, set(candidates)), stops)
        counts = Counter(key for key, line in zip(keys, page.lines) if line.text)
        particles = page.lexicon.words("byline", "particles")
        hit = page.scan.hit

        echoes: dict[int, float] = {}
        penalised: set[int] = set()

        def score(rank: int, i: int) -> float:
            text = page.lines[i].text
            words = _content_words(text, stops)
            echo = len(words & text_words) / (len(words) + self.echo_smoothing) if words else 0.0
            echoes[i] = echo
            n = word_count(text)
            value = self.echo_weight * echo - self.distance_weight * rank
            if n <= 2:
                value -= self.label_penalty
                penalised.add(i)
            if looks_like_name(text, particles=particles) and not (words & text_words):
                value -= self.name_penalty
                penalised.add(i)
            if counts[keys[i]] > 1:
                value += self.repeat_bonus
            if hit(UI_WORDS, text) or hit(NAVIGATION_LINE, text):  # (a UI phrase, a navigation link)
                value -= self.ui_penalty
                penalised.add(i)
            return value

        order = sorted(range(len(candidates)), key=lambda r: (-score(r, candidates[r]), r))
        ranked = [candidates[r] for r in order]
        # the best is the standfirst under its headline: the headline is the shorter title right
        # above it, when that title's words come back in the text too
        above = page.next_kept(ranked[0], -1)
        if above in echoes and above not in penalised and echoes[above] >= self.dek_title_echo \
                and self._is_dek(page, ranked[0], above):
            ranked.remove(above)
            ranked.insert(0, above)
        return ranked

    def _is_dek(self, page: Page, i: int, above: int) -> bool:
        """Line ``i`` is a standfirst under the title-shaped line ``above``: it is long, and that
        line is shorter (but no kicker of a few words)."""
        words = word_count(page.lines[i].text)
        if words < self.dek_min_words:
            return False
        title = word_count(page.lines[above].text)
        return title >= self.dek_title_words and words >= self.dek_ratio * title

    def _text_after(self, page: Page, anchor: int, skip: set[int]) -> str:
        """The first ``echo_chars`` characters of kept text from the anchor down, without the
        lines in ``skip`` (the candidates: a title under the byline must not echo itself)."""
        parts: list[str] = []
        size = 0
        i: int | None = anchor
        while i is not None and size < self.echo_chars:
            line = page.lines[i]
            if line.kept and i not in skip:
                parts.append(line.text)
                size += len(line.text)
            i = page.next_kept(i)
        return " ".join(parts)

    def _anchor(self, page: Page, *, plain: bool = False) -> int | None:
        """Where the article begins: its first byline or date line, or its first run of prose
        (see :meth:`_prose_run`). ``plain``: its first byline, date or prose line, whatever it is.
        """
        claimed = next((i for i, line in enumerate(page.lines)
                        if line.fields and line.fields[0] in ("byline", "date") and line.removal
                        and line.removal.code is not RemovalCode.AUTHOR_SIGNATURE), None)
        if plain:
            prose = next((i for i, line in page.kept() if is_prose(line.text, min_words=PARAGRAPH_WORDS)), None)
        else:
            prose = self._prose_run(page)
        found = [i for i in (claimed, prose) if i is not None]
        return min(found) if found else None

    def _prose_run(self, page: Page) -> int | None:
        """The first prose line (12+ words), unless it stands alone (no other prose line in
        the next few lines) far above the first run of prose: then the run's start."""
        first: tuple[int, int] | None = None  # (index, ordinal among the kept lines)
        for n, (i, line) in enumerate(page.kept()):
            if not is_prose(line.text, min_words=PARAGRAPH_WORDS):
                continue
            if first is None:
                first = (i, n)
            j = i
            for _ in range(self.run_gap):
                nxt = page.next_kept(j)
                if nxt is None:
                    break
                if is_prose(page.lines[nxt].text, min_words=PROSE_WORDS):
                    return i if n - first[1] - 1 > self.lone_prose_gap else first[0]
                j = nxt
        return first[0] if first else None

    def _not_a_title(self, text: str, page: Page) -> bool:
        """Title-shaped lines that are no headline: a line starting or ending with a date (a
        teaser's), a meta line (date with author or category), an address, a row of figures or
        measures, a label with a figure, a photo credit, a byline."""
        if _ADDRESS.search(text) or _LABEL_FIGURE.match(text) or text.lstrip().startswith("©"):
            return True
        if sum(map(str.isalpha, text)) < sum(map(str.isdigit, text)):  # more digits than letters
            return True
        if word_count(text) <= self.max_figure_row_words and len(_FIGURE.findall(text)) >= 2:
            return True  # a row of measures ("ca. 50 x 70 cm", "120 Minuten (+ 300 Minuten)")
        if page.lexicon is None:
            return False
        if self._byline_shaped(text, page):
            return True
        dates = find_dates(text, page.lexicon)
        if not dates:
            return False
        lex = page.lexicon
        if not residue(text[:dates[0].start], [], lex) or not residue(text[dates[-1].end:], [], lex):
            return True  # the line starts or ends with the date (times and labels aside)
        meta = parse_meta_line(text, page.lexicon)
        return meta is not None and (bool(meta.names) or meta.unknown_words <= 2)

    def _byline_shaped(self, text: str, page: Page) -> bool:
        """A short line that names an author behind a byline prefix, at most two words in
        ("By Jane Doe | Politics", "Artikel von Anna Muster", "Gepostet von Anna Muster")."""
        assert page.lexicon is not None
        if word_count(text) > self.max_byline_words:
            return False
        m = page.lexicon.pattern("byline", "prefixes", "word").search(text)
        if m is None or word_count(text[:m.start()]) > 2:
            return False
        who = _NAMES_END.sub("", text[m.end():]).strip()
        return bool(who) and bool(split_names(who, page.lexicon))

    def _below(self, page: Page, anchor: int) -> list[int]:
        """When nothing above a byline or date line is title-shaped, the headline stands under
        it: the first title-shaped line before the running text starts."""
        if page.lines[anchor].field not in ("byline", "date"):
            return []
        i = anchor
        for _ in range(self.look_down_lines):
            j = page.next_kept(i)
            if j is None:
                break
            text = page.lines[j].text
            if is_prose(text, min_words=SHORT_SENTENCE_WORDS):
                break
            if is_title_like(text, max_words=self.max_words) and word_count(text) >= 2 \
                    and not self._not_a_title(text, page) \
                    and not (page.lexicon is not None and find_dates(text, page.lexicon)):
                return [j]
            i = j
        return []

    def _candidates(self, page: Page, anchor: int) -> list[int]:
        """Title-shaped kept lines above the anchor, nearest first."""
        out: list[int] = []
        sentences = 0
        i = anchor
        for _ in range(self.look_up_lines):
            j = page.next_kept(i, -1)
            if j is None:
                break
            text = page.lines[j].text
            if is_title_like(text, max_words=self.max_words) and word_count(text) >= 2 \
                    and not self._not_a_title(text, page):
                out.append(j)
            elif is_prose(text, min_words=SHORT_SENTENCE_WORDS):
                sentences += 1
                if sentences > 1 or out:
                    break
            i = j
        return out


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    """The casefolded words of four letters or more that are no stopwords."""
    # (each distinct word casefolded once: a text repeats its words)
    folded = {w.casefold() for w in set(for_text(text, LETTER_WORD, _ASCII_LETTER_WORD).findall(text))}
    return {w for w in folded if len(w) >= 4} - stops


def _plain_variant(higher: str, nearer: str) -> bool:
    """True when ``higher`` may stand for the headline whose variant ``nearer`` is: it is no
    longer than the nearer line (a breadcrumb or a tab title holds the title and more) and not
    cut short ("Instagram arbeitet an neuer...": a teaser's truncated title)."""
    stripped = higher.rstrip()
    return word_count(higher) < word_count(nearer) and not stripped.endswith(("...", "…"))
