"""The field ranker: learned models choose the headline, byline and date lines among the
candidates near the article's start (see :mod:`cleannews.fields.candidates`), and a kicker glued
before the headline ("Wohnungsmarkt - Mieten steigen …") is split off.

The rule-based steps (:mod:`~cleannews.fields.headline`, :mod:`~cleannews.fields.byline`,
:mod:`~cleannews.fields.dates`) run first; what they claimed is one of the features, and the
names and dates are read from the chosen line with their rules. The models come from
``fields_model.json`` (trained by ``training/train_fields.py``); :attr:`FieldRanker.model` names
another file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..cleaners.notices import ANY_NOTICE
from ..line_table import page_table
from ..page import Page
from ..state import FieldChoice
from ..text import title_key
from .candidates import Candidate, PageCandidates, glued_kicker
from .dates import choose, find_dates
from .fields_util import UI_WORDS
from .model import FieldModels, Model, load_models
from .names import common_words_only, names_in_line, names_on_byline_line
from .relative import resolve_relative

#: How many of the best byline lines are tried when the best holds no name.
BYLINE_TRIES = 3
#: A byline or date line the body keeps is claimed only when it has at most this many words
#: (a longer one is a sentence that holds a name or a date: it stays in the body).
MAX_CLAIM_WORDS = 12
#: Byline lines at most this many lines from the best one add their names (an author box).
NEIGHBOUR_LINES = 4
#: Lines under a byline label ("Autor") that may hold the names.
LABEL_LINES = 3
#: The highest score a model gives (its scores are probabilities).
MAX_SCORE = 1.0
#: A least score no model reaches: the rule-based value is kept only where its line is no
#: candidate.
NEVER = 2.0


@dataclass(frozen=True)
class FieldRanker(Cleaner):
    """Choose the headline, kicker, byline and date lines with the learned models."""

    name = "fields"
    code = RemovalCode.HEADLINE
    full_page_only = True
    uses = ("main_run", "headline", "byline", "date")
    provides = ("headline", "kicker", "byline", "date")
    description = ("ranks the lines near the article's start with learned models; sets the headline "
                   "(kicker split off), the byline and the date")
    #: a model file ("": the one shipped with cleannews)
    model: str = ""
    headline: bool = True
    byline: bool = True
    date: bool = True
    kicker: bool = True
    #: the least kicker-model score at which "Topic - Headline" is split
    kicker_threshold: float = 0.5
    #: the least score of a byline or date line (None: the threshold stored with the model)
    byline_threshold: float | None = None
    date_threshold: float | None = None
    #: keep the names the rule-based byline step found when the model scores the line it claimed
    #: at least this high (0: always; above 1: only when that line is no candidate, a signature
    #: at the end); rank the candidates otherwise
    keep_rules_above: float = 0.02
    #: the same for the date the rule-based date step found; by default above 1: the model ranks
    #: the date lines (the date step's claim is one of their features)
    keep_date_rules_above: float = NEVER
    #: a line the body keeps (the rules read it as article text) is taken for the headline only
    #: with at least this score: a lower one keeps the body whole and the headline step's title
    take_kept_above: float = 0.1

    def __call__(self, page: Page) -> None:
        if page.lexicon is None:
            return
        models = load_models(self.model)
        found = PageCandidates(page)
        if not found.candidates:
            return
        if self.headline:
            self._headline(page, found, models)
        if self.byline and not self._rules_hold(page, found, models, "byline", self.keep_rules_above):
            self._byline(page, found, models)
        if self.date and not self._rules_hold(page, found, models, "date", self.keep_date_rules_above):
            self._date(page, found, models)

    def _rules_hold(self, page: Page, found: PageCandidates, models: FieldModels, name: str, least: float) -> bool:
        """Whether the value the rule-based step found for a field stands: it found one, and the
        model scores a line it claimed for the field at least ``least``."""
        value = page.fields.get(name)
        model = models.get(name)
        if not value or model is None:
            return False
        claimed = [c for c in found.for_field(name) if name in page.lines[c.index].fields]
        if not claimed:  # (a signature at the end, outside the candidates)
            return True
        if least > MAX_SCORE:  # (no line scores that high: none need be scored)
            return False
        score, best = max(((model.score(c.features), c) for c in claimed), key=lambda p: p[0])
        if score < least:
            return False
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        page.state.fields[name] = FieldChoice(shown, page.lines[best.index].number, best.text, round(score, 4),
                                              reason=f"the {name} step's line, scored high enough to keep")
        return True

    # -- headline and kicker ---------------------------------------------------------------
    def _headline(self, page: Page, found: PageCandidates, models: FieldModels) -> None:
        model = models.get("headline")
        # (a line without a letter, "0" or "12:30", is no headline; nor is a single word the
        # body keeps: a label, which cleaning the body again would take one by one; nor a line
        # holding a UI phrase: "Skip to content", "Sign in", "Your email address will not be
        # published"); nor a line that starts like a publisher's standing notice, which the
        # notices step removes after this one: "Cookie Settings", "I agree to receive …")
        hit = page.scan.hit
        ranked = _ranked([c for c in found.for_field("headline") if any(ch.isalpha() for ch in c.text)
                          and not (c.features["code_kept"] and c.features["w1"]) and not c.features["ui"]
                          and not hit(ANY_NOTICE, c.text)], model)
        if not ranked:
            return
        (score, best), runner = ranked[0], ranked[1] if len(ranked) > 1 else None
        if page.lines[best.index].kept and score < self.take_kept_above:
            return
        title, kicker = best.text, None
        glued = glued_kicker(best.text) if self.kicker and best.split else None
        kicker_model = models.get("kicker")
        if glued is not None and kicker_model is not None \
                and kicker_model.score(best.split) >= self.kicker_threshold:
            title, kicker = glued.rest, glued.kicker
        if page.lines[best.index].kept:
            page.claim(best.index, "headline", self.name, "headline line (ranked best)")
        page.fields["headline"] = title
        page.state.fields["headline"] = _choice(page, title, best, score, runner, model)
        if kicker is not None:
            page.fields["kicker"] = kicker
            page.state.fields["kicker"] = FieldChoice(kicker, page.lines[best.index].number, best.text, score,
                                                      reason="glued before the headline")
        elif self.kicker:
            self._standing_kicker(page, best.index)

    def _standing_kicker(self, page: Page, headline: int) -> None:
        """The kicker on its own line right over the headline: the line the section step took
        for its kicker."""
        above = page.next_nonblank(headline, -1)
        if above is None:
            return
        line = page.lines[above]
        if line.removal is not None and line.removal.code is RemovalCode.SECTION and "section" in line.fields:
            page.fields["kicker"] = line.text.strip()
            page.state.fields["kicker"] = FieldChoice(line.text.strip(), line.number, line.text, 1.0,
                                                      reason="the line over the headline")

    # -- byline ----------------------------------------------------------------------------
    def _byline(self, page: Page, found: PageCandidates, models: FieldModels) -> None:
        model = models.get("byline")
        ranked = _ranked(found.for_field("byline"), model)
        threshold = _threshold(self.byline_threshold, model)
        lex = page.lexicon
        assert lex is not None
        prose: list[str] = []  # (the page's running text, joined when needed)

        def persons(names: list[str]) -> list[str]:
            """The names but labels: those whose words the article writes in lower case, and UI
            phrases ("Sign In", "Beitrag teilen")."""
            if names and not prose:  # (running text only: a tag list writes names in lower case too)
                table = page_table(page)
                prose.append("\n".join(table.texts[i] for i in range(len(page.lines)) if table.prose(i)))
            return [n for n in names if not common_words_only(n, prose[0]) and not page.scan.hit(UI_WORDS, n)]

        headline = title_key(page.fields.get("headline") or "")
        for k, (score, cand) in enumerate(ranked[:BYLINE_TRIES]):
            if score < threshold:
                break
            if headline and title_key(cand.text) == headline:
                continue  # (the headline's line names no author: "Neues Gesetz" is no name)
            names = names_on_byline_line(cand.text, lex, page.language)
            if not names and cand.features.get("byline_label"):
                names = self._under_label(page, cand.index)
            names = persons(names)
            if names:
                names = persons(self._more_names(page, cand, names, ranked, threshold))
                runner = ranked[k + 1] if k + 1 < len(ranked) else None
                if page.lines[cand.index].kept and cand.features["words"] * 10 <= MAX_CLAIM_WORDS:
                    page.claim(cand.index, "byline", self.name, "byline line (ranked best)")
                page.fields["byline"] = names
                page.state.fields["byline"] = _choice(page, ", ".join(names), cand, score, runner, model)
                return
        # no line scores as a byline: only an "(abc/dpa)" signature at the end names the authors
        signature = [line for line in page.lines if line.removal is not None
                     and line.removal.code is RemovalCode.AUTHOR_SIGNATURE]
        if not signature:
            page.fields.pop("byline", None)
        best = ranked[0] if ranked else None
        page.state.fields["byline"] = FieldChoice(
            ", ".join(page.fields.get("byline") or []) or None, None, None, None,
            best[1].text if best else None, best[0] if best else None,
            reason="no line scores as a byline" + (" (the signature names the authors)" if signature else ""))

    def _more_names(self, page: Page, best: Candidate, names: list[str], ranked: list[tuple[float, Candidate]],
                    threshold: float) -> list[str]:
        """The names of the best line, with those of other byline lines right beside it (one
        author per line, an author box); when the rule-based byline step found these names
        and more, its list."""
        assert page.lexicon is not None
        out = list(names)
        for score, other in ranked:
            if score < threshold or other is best or abs(other.index - best.index) > NEIGHBOUR_LINES:
                continue
            for name in names_in_line(other.text, page.lexicon, page.language):
                if name not in out:
                    out.append(name)
        rules = page.fields.get("byline") or []
        if set(out) < set(rules):
            return list(rules)
        return out

    def _under_label(self, page: Page, i: int) -> list[str]:
        """Names on the lines right under a byline label ("Autor" / "Anna Muster")."""
        assert page.lexicon is not None
        names: list[str] = []
        j: int | None = i
        for _ in range(LABEL_LINES):
            j = page.next_nonblank(j) if j is not None else None
            if j is None:
                break
            found = names_in_line(page.lines[j].text, page.lexicon, page.language)
            if not found:
                break
            names += found
        return names

    # -- date ------------------------------------------------------------------------------
    def _date(self, page: Page, found: PageCandidates, models: FieldModels) -> None:
        model = models.get("date")
        ranked = _ranked(found.for_field("date"), model)
        threshold = _threshold(self.date_threshold, model)
        lex = page.lexicon
        assert lex is not None
        month_first = page.language == "en"
        if ranked and ranked[0][0] >= threshold:
            score, best = _published_over_updated(ranked)
            value = choose(find_dates(best.text, lex, month_first=month_first))
            if value is not None:
                if page.lines[best.index].kept and best.features["words"] * 10 <= MAX_CLAIM_WORDS:
                    page.claim(best.index, "date", self.name, "date line (ranked best)")
                page.fields["date"] = value
                page.state.fields["date"] = _choice(page, value.isoformat(), best, score,
                                                    ranked[1] if len(ranked) > 1 else None, model)
                return
        relative = self._relative(page, found)
        if relative is not None:
            page.fields["date"] = relative
            return
        page.fields.pop("date", None)
        top = ranked[0] if ranked else None
        page.state.fields["date"] = FieldChoice(None, None, None, None, top[1].text if top else None,
                                                top[0] if top else None, reason="no line scores as the date")

    @staticmethod
    def _relative(page: Page, found: PageCandidates) -> datetime.date | None:
        """A relative date over the article ("vor 3 Stunden") resolved against the reference
        date the caller gave (``clean(reference_date=...)``); None without one."""
        reference = page.metadata.get("reference_date")
        if reference is None or page.lexicon is None:
            return None
        for cand in found.candidates:
            if cand.features.get("relative_date") and cand.features.get("above") and cand.features["words"] <= 0.8:
                value = resolve_relative(cand.text, page.lexicon, reference)
                if value is not None:
                    page.state.fields["date"] = FieldChoice(value.isoformat(), page.lines[cand.index].number,
                                                            cand.text, None,
                                                            reason="relative date, resolved against the reference date")
                    return value
        return None


def _published_over_updated(ranked: list[tuple[float, Candidate]]) -> tuple[float, Candidate]:
    """The best date line, unless it gives only an updated date and a line beside it gives the
    published one ("Aktualisiert am 14.03." over "Veröffentlicht am 12.03."): then that line."""
    score, best = ranked[0]
    f = best.features
    if f["date_updated"] and not (f["date_published"] or f["date_unlabelled"]):
        for other_score, other in ranked[1:]:
            if other.features["date_published"] and abs(other.index - best.index) <= NEIGHBOUR_LINES:
                return other_score, other
    return score, best


def _threshold(option: float | None, model: Model | None) -> float:
    """The least score a field's best line needs: the step's option if set, else the one stored
    with the model (0 without a model)."""
    if option is not None:
        return option
    return model.threshold if model is not None else 0.0


def _ranked(cands: list[Candidate], model: object) -> list[tuple[float, Candidate]]:
    """The candidates with their scores, best first (page order breaks ties)."""
    if model is None:
        return []
    scored = [(model.score(c.features), c) for c in cands]  # type: ignore[attr-defined]
    return sorted(scored, key=lambda p: (-p[0], p[1].index))


def _choice(page: Page, value: str, best: Candidate, score: float, runner: tuple[float, Candidate] | None,
            model: object) -> FieldChoice:
    """The explanation of a field read from the best-scored line."""
    why = model.contributions(best.features) if model is not None else []  # type: ignore[attr-defined]
    return FieldChoice(value, page.lines[best.index].number, best.text, round(score, 4),
                       runner[1].text if runner else None, round(runner[0], 4) if runner else None,
                       reason="best score; features that weighed most: " + ", ".join(name for name, _ in why))
