"""A publisher's standing notices: affiliate disclosures, opinion disclaimers, copyright and
licence lines, consent checkboxes, newsletter forms, comment rules, paywall prompts, app and
follow-us prompts, donation appeals, sponsorship notes, blog post meta ("Posted by … at 10:30"),
tag lines, correction prompts.

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
from ..lexicon import Lexicon
from ..lexicon.needles import class_end, escape_end, group_end
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
#: The letters a line or an entry starts with.
_LETTERS = regex.compile(r"[^\W\d_]+")


def _split_top(source: str) -> list[str] | None:
    """The alternatives of a regex source at its top level, or None when brackets do not balance."""
    parts, start, i = [], 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i = escape_end(source, i)
        elif ch in "[(":
            i = (class_end if ch == "[" else group_end)(source, i)
            if i < 0:
                return None
        elif ch == ")":
            return None
        else:
            if ch == "|":
                parts.append(source[start:i])
                start = i + 1
            i += 1
    return parts + [source[start:]]


def _openers(entry: str) -> set[str] | None:
    """How a line matching ``entry`` starts, as keys: the first four letters of its first word
    (casefolded), a shorter first word whole ("=we"), or a shorter start that letters may follow
    ("ne" for "Ne(?:xt|wer)"); None when this reader cannot tell (the entry starts with a class,
    a wildcard, a repeated group): then every line has to be tried."""
    if entry.startswith("(?:"):
        after_group = group_end(entry, 0)
        end = after_group - 1 if after_group > 0 else None  # (the ")" that closes the group)
        alternatives = _split_top(entry[3:end]) if end is not None else None
        if end is None or alternatives is None:
            return None
        found: set[str] = set()
        for alternative in alternatives:
            sub = _openers(alternative)
            if sub is None:
                return None
            found |= sub
        quantifier = entry[end + 1:end + 2]
        if quantifier in ("?", "*"):  # an optional group: or what follows it
            rest = _openers(entry[end + 2:].lstrip("?+"))
            return None if rest is None else found | rest
        if quantifier == "{":
            return None
        return found
    m = _LETTERS.match(entry)
    if m is None:
        return None
    word = m.group().casefold()
    after = entry[m.end():m.end() + 1]
    if after in ("?", "*", "{"):  # the last letter is optional
        word, after = word[:-1], "("
    if not word:
        return None
    if len(word) >= 4:
        return {word[:4]}
    # a short word: the whole first word of the line, unless letters may follow it in the entry
    return {word} if after in ("(", "[") else {"=" + word}


#: One family's entry: (position of the family, position of the entry, its source).
_Entry = tuple[int, int, str]


@functools.lru_cache(maxsize=256)
def _index(lexicon: Lexicon, families: tuple[str, ...]) -> tuple[tuple[_Entry, ...], dict[str, tuple[_Entry, ...]]]:
    """The families' entries that any line may match, and the others by the keys of how their
    lines start (see :func:`_openers`)."""
    anywhere: list[_Entry] = []
    by_key: dict[str, list[_Entry]] = {}
    for f, family in enumerate(families):
        for n, entry in enumerate(lexicon.list("notices", family + "_re")):
            keys = _openers(str(entry))
            if keys is None:
                anywhere.append((f, n, str(entry)))
            for key in keys or ():
                by_key.setdefault(key, []).append((f, n, str(entry)))
    return tuple(anywhere), {key: tuple(entries) for key, entries in by_key.items()}


@functools.lru_cache(maxsize=4096)
def _compiled(source: str) -> regex.Pattern[str]:
    """One entry, anchored at the line's start (compiled on first need, once per process: most
    lines start like none, and compiling costs more than matching)."""
    return regex.compile(f"^(?:{source})", regex.I | regex.V0)


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
        """Why a line is a notice (its family), or None."""
        assert page.lexicon is not None
        lead = _LEADING.match(text)
        core = text[lead.end():] if lead else text
        if not core:
            return None
        first = _LETTERS.match(core)
        head = first.group().casefold() if first else ""
        anywhere, by_key = _index(page.lexicon, tuple(self.families))
        candidates = set(anywhere)
        for key in (head[:4], "=" + head, head[:1], head[:2], head[:3]):
            candidates.update(by_key.get(key, ()))
        for f, _, source in sorted(candidates):
            if _compiled(source).match(core):
                if word_count(core) > self.max_words:
                    return None
                family = self.families[f]
                return f"{FAMILIES.get(family, family)}: {core[:60]!r}"
        return None
