"""A publisher's standing notices: affiliate disclosures, opinion disclaimers, copyright and
licence lines, cookie banners and settings, consent checkboxes, newsletter forms, comment rules,
paywall prompts, app and follow-us prompts, donation appeals, sponsorship notes, blog post meta
("Posted by … at 10:30"), tag lines, correction prompts.

Such a notice is written the same way on thousands of sites, and it says what it is in its
first words ("This post contains affiliate links", "Alle Rechte vorbehalten", "Mit dem
Absenden des Formulars …"). A line that *starts* like one (lexicon ``[notices]``, one
``<family>_re`` list of anchored regular expressions per family) is chrome wherever it stands,
up to a generous length, since such notices are long sentences. The openers are specific on
purpose: an article about affiliate marketing, or a quote about donations, starts otherwise.

The step runs after ``main_text`` (see defaults.py): taken out before it, such lines change the
context in which the lines of the article's run are scored.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon.scan import LexClass, lexicon_class
from ..page import Page
from ..text import word_count

#: The families of notices: lexicon key ``<family>_re`` -> what the removal reason calls it.
FAMILIES: dict[str, str] = {
    "affiliate": "affiliate disclosure",
    "opinion": "opinion disclaimer",
    "rights": "copyright or licence notice",
    "cookies": "cookie notice",
    "consent": "consent checkbox text",
    "newsletter": "newsletter form text",
    "comment_policy": "comment policy",
    "paywall": "paywall prompt",
    "channels": "app or follow-us prompt",
    "donation": "donation appeal",
    "sponsor": "sponsorship notice",
    "post_meta": "blog post meta or post navigation",
    "tags": "tag or category line",
    "feedback": "correction or feedback prompt",
    "provenance": "first-published note",
}
#: The families the step removes by default. A note saying where the article first appeared
#: ("This article was originally published on …") belongs to the article in the reference
#: extractions it was measured against: opt in with
#: ``configure(families=(*DEFAULT_FAMILIES, "provenance"))``.
DEFAULT_FAMILIES: tuple[str, ...] = tuple(f for f in FAMILIES if f != "provenance")

#: Bullets, stars and brackets a notice may stand behind ("* Affiliate links", "(Disclosure: …)").
_LEADING = regex.compile(r"[\s*†•·|>»›\-–—(\[¿¡]+")


def notice_text(text: str) -> str:
    """The part of a line a notice is read in: after the bullets, stars and brackets it may
    stand behind."""
    lead = _LEADING.match(text)
    return text[lead.end():] if lead else text


def _family_class(family: str) -> LexClass:
    """The openers of one family (lexicon ``[notices] <family>_re``) at the start of a line's
    notice text."""
    return lexicon_class("notices", (family + "_re",), "start", view=notice_text)


#: Each family's openers, and those of every family in one class (a line that starts like none
#: of them is no notice, whichever families the step removes).
FAMILY_CLASSES: dict[str, LexClass] = {family: _family_class(family) for family in FAMILIES}
ANY_NOTICE = lexicon_class("notices", tuple(family + "_re" for family in FAMILIES), "start", view=notice_text)


@functools.lru_cache(maxsize=64)
def _gate(families: tuple[str, ...]) -> LexClass | None:
    """:data:`ANY_NOTICE` when it holds every one of these families (then a line it does not hit
    starts like none of them), else None."""
    return ANY_NOTICE if set(families) <= FAMILY_CLASSES.keys() else None


@dataclass(frozen=True)
class Notices(Cleaner):
    """Remove lines that start like a publisher's standing notice (lexicon ``[notices]``),
    naming the notice's family in the reason."""

    name = "notices"
    code = RemovalCode.NOTICE
    description = ("removes publisher notices recognised by how they start: affiliate disclosures, "
                   "disclaimers, copyright lines, consent and newsletter forms, comment rules, paywall, "
                   "app and donation prompts, blog post meta (lexicon [notices])")
    families: tuple[str, ...] = DEFAULT_FAMILIES
    max_words: int = 80

    def __call__(self, page: Page) -> None:
        for i, line in list(page.kept()):
            why = self.reason(line.text, page)
            if why:
                page.remove(i, self.name, why, self.code)

    def reason(self, text: str, page: Page) -> str | None:
        """Why a line is a notice (its family, the first of ``families`` it starts like), or None."""
        scan = page.scan
        gate = _gate(tuple(self.families))
        if not notice_text(text) or (gate is not None and not scan.hit(gate, text)):
            return None
        for family in self.families:
            cls = FAMILY_CLASSES.get(family) or _family_class(family)
            if scan.hit(cls, text):
                core = notice_text(text)
                if word_count(core) > self.max_words:
                    return None
                return f"{FAMILIES.get(family, family)}: {core[:60]!r}"
        return None
