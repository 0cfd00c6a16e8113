"""A publisher's standing notices: affiliate disclosures, opinion disclaimers, copyright and
licence lines, consent checkboxes, newsletter forms, comment rules, paywall prompts, app and
follow-us prompts, donation appeals, blog post meta ("Posted by … at 10:30").

Such a notice is written the same way on thousands of sites, and it says what it is in its
first words ("This post contains affiliate links", "Alle Rechte vorbehalten", "Mit dem
Absenden des Formulars …"). A line that *starts* like one (lexicon ``[notices]``, one
``<family>_re`` list of anchored regular expressions per family) is chrome wherever it stands,
up to a generous length, since such notices are long sentences. The openers are specific on
purpose: an article about affiliate marketing, or a quote about donations, starts otherwise.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..cleaner import Cleaner
from ..lexicon import Lexicon
from ..page import Page
from ..text import word_count

#: The families of notices: lexicon key ``<family>_re`` -> what the removal reason calls it.
FAMILIES: dict[str, str] = {
    "affiliate": "affiliate disclosure",
    "opinion": "opinion disclaimer",
    "rights": "copyright or licence notice",
    "consent": "consent checkbox text",
    "newsletter": "newsletter form text",
    "comment_policy": "comment policy",
    "paywall": "paywall prompt",
    "channels": "app or follow-us prompt",
    "donation": "donation appeal",
    "post_meta": "blog post meta or post navigation",
    "provenance": "first-published note",
}
#: The families the step removes by default. A note saying where the article first appeared
#: belongs to the article for the reference extractions measured (docs/quality.md): opt in with
#: ``configure(families=(*DEFAULT_FAMILIES, "provenance"))``.
DEFAULT_FAMILIES: tuple[str, ...] = tuple(f for f in FAMILIES if f != "provenance")

#: Bullets, stars and brackets a notice may stand behind ("* Affiliate links", "(Disclosure: …)").
_LEADING = regex.compile(r"[\s*†•·|>»›\-–—(\[]+")


@functools.lru_cache(maxsize=64)
def _families_pattern(lexicon: Lexicon, families: tuple[str, ...]) -> regex.Pattern[str]:
    """One pattern for the families' lists, each alternative in a group named after its family
    (cached per lexicon: lexicons live for the process)."""
    parts = [f"(?P<{family}>{lexicon.pattern('notices', family + '_re', 'start').pattern})"
             for family in families if lexicon.list("notices", family + "_re")]
    return regex.compile("|".join(parts) if parts else r"(?!x)x", regex.I | regex.V0)


@dataclass(frozen=True)
class Notices(Cleaner):
    """Remove lines that start like a publisher's standing notice (lexicon ``[notices]``),
    naming the notice's family in the reason."""

    name = "notices"
    description = ("removes publisher notices recognised by how they start: affiliate disclosures, "
                   "disclaimers, copyright lines, consent and newsletter forms, comment rules, paywall, "
                   "app and donation prompts (lexicon [notices])")
    families: tuple[str, ...] = DEFAULT_FAMILIES
    max_words: int = 80

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        families = tuple(f for f in tuple(self.families) if page.lexicon.list("notices", f + "_re"))
        if not families:
            return
        pattern = _families_pattern(page.lexicon, families)
        needles = page.lexicon.needles("notices", tuple(f + "_re" for f in families))
        if needles is not None:  # search only the lines that hold a piece of an opener
            needles = needles.in_page(line.text for line in page.lines)
            if not needles:
                return
        for i, line in list(page.kept()):
            text = line.text
            if needles is not None and not needles.in_line(text):
                continue
            why = self._reason(text, pattern)
            if why:
                page.remove(i, self.name, why)

    def reason(self, text: str, page: Page) -> str | None:
        """Why a line is a notice (its family), or None."""
        assert page.lexicon is not None
        families = tuple(f for f in tuple(self.families) if page.lexicon.list("notices", f + "_re"))
        return self._reason(text, _families_pattern(page.lexicon, families)) if families else None

    def _reason(self, text: str, pattern: regex.Pattern[str]) -> str | None:
        lead = _LEADING.match(text)
        core = text[lead.end():] if lead else text
        if not core:
            return None
        m = pattern.match(core)
        if m is None or word_count(core) > self.max_words:
            return None
        family = next(name for name, value in m.groupdict().items() if value is not None)
        return f"{FAMILIES.get(family, family)}: {core[:60]!r}"
