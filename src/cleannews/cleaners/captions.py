"""Photo captions and credits: "… getroffen. (Quelle: dpa)", "…Bild: keystone", zoom labels,
picture descriptions ("Das Bild zeigt …") and wire-photo captions ("FILE - In this photo …")."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon import Lexicon
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import ELLIPSIS_END, ends_sentence, word_count


# "… aus der Schweiz. © AFP / MARCO BERTORELLO", "Blick auf die Altstadt © Stadt Bern / Anna
# Muster": a sentence or a caption's phrase, then a short photo credit (owner / photographer)
# closing the line. "… said the minister. © Reuters" (no slash) is a wire notice.
_COPYRIGHT_CREDIT = regex.compile(r"\S(?:[.!?…][\"'”“»]?\s*|\s+)©\s*[^.!?:©/]{1,40}/[^.!?:©]{1,40}[^.!?:\s]$")

#: A short bracket's content: "(links)", "(2. v. l.)", "(Symbolbild)".
_BRACKET = regex.compile(r"\(([^()]{1,40})\)")

# "Sakib Ali/Hindustan Times/Getty Images", "Natalie Naccache | Bloomberg | Getty Images": a line
# that is only a photographer and agencies, each part capitalised, joined by "/" or "|".
_CREDIT_PART = r"\p{Lu}[\p{L}\p{M}.&'’\-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}.&'’\-]*|of|de|van|von|der))*"
_CREDIT_LINE = regex.compile(rf"^\s*{_CREDIT_PART}(?:\s*[/|]\s*{_CREDIT_PART}){{1,3}}\s*$")


def _zoom_view(text: str) -> str:
    """A line without the spaces, dots and colons around it (as a zoom label is read)."""
    return text.strip(" .:")


#: A zoom button's label ("Vergrößern des Bildes"), read without dots and colons around it,
#: and as the line stands (for the line above a caption); a line that describes a picture
#: ("Das Bild zeigt …"); a wire-photo caption's start ("FILE - …").
ENLARGE = lexicon_class("captions", ("enlarge",), "line", view=_zoom_view)
ENLARGE_LINE = lexicon_class("captions", ("enlarge",), "line")
OPENERS = lexicon_class("captions", ("openers_re",), "start")
WIRE = lexicon_class("captions", ("wire_re",), "start", flags=0)


class _Patterns(NamedTuple):
    """The caption patterns of one lexicon (made once, not per line)."""

    trailing: regex.Pattern[str]
    bracketed: regex.Pattern[str]
    in_brackets: regex.Pattern[str]


@functools.lru_cache(maxsize=64)
def _patterns(lexicon: Lexicon) -> _Patterns:
    labels = "|".join(regex.escape(w) for w in sorted(lexicon.list("captions", "credit_labels"), key=len, reverse=True))
    # "…getroffen.Bild: keystone" / "… Foto: © dpa": a label and a short credit closing the line.
    trailing = regex.compile(rf"(?:^|[\s.!?…)\]\"'“”])(?:{labels})\s*:\s*(?:©\s*)?[^!?:]{{0,69}}[^.!?:\s]$", regex.I)
    # "… getroffen. (Quelle: Alexander Zemlianichenko/AP Pool/dpa)": a credit in brackets.
    bracketed = regex.compile(rf"[(\[]\s*(?:{labels}|©)\s*:?\s*[^()\[\]]{{1,150}}[)\]]\s*$", regex.I)
    return _Patterns(trailing, bracketed, lexicon.pattern("captions", "in_brackets_re", "line"))


@dataclass(frozen=True)
class Captions(Cleaner):
    """Remove what belongs to a picture rather than to the text:

    * a line ending in a credit ("Bild: keystone", "(Quelle: …)", "Foto: © dpa"): its caption;
    * a line that is only a credit ("Jane Doe/Reuters", "Jane Doe | Getty Images");
    * a zoom button's label ("Vergrößern des Bildes") and the short alt text just above it;
    * a line that describes a picture ("Das Bild zeigt …", "Auf diesem Foto …");
    * a short line that says in brackets where a person stands in the picture ("Anna Muster
      (links) und Jan Muster (rechts)", "… (second from left)") or what kind of picture it is
      ("(Symbolbild)"): running text does not point at a picture;
    * a wire-photo caption ("FILE - …", "epa11421544 …", "In this photo …");
    * a truncated description ("… in Pyongyang, No ...") just above a caption.

    A sentence that quotes "Bild" in its middle, or ends in a full stop after its credit-like
    words, is left alone: the credit must close the line and be short.
    """

    name = "captions"
    code = RemovalCode.CAPTION
    description = "removes photo captions, credits, zoom labels and wire-photo descriptions"
    max_credit_words: int = 8
    max_alt_words: int = 14
    #: a longer line that points at a picture in brackets is running text
    max_in_brackets_words: int = 45

    def caption_reason(self, text: str, page: Page) -> str | None:
        """Why one line, taken alone, is a caption (None when it is not)."""
        assert page.lexicon is not None
        patterns = _patterns(page.lexicon)
        trailing, bracketed = patterns.trailing, patterns.bracketed
        # (each pattern is tried only on lines with a character it needs: a colon after the
        # label, a closing bracket, a copyright sign, a slash or bar between credits)
        m = trailing.search(text) if ":" in text else None
        if m and word_count(m.group(0)) <= self.max_credit_words + 1:
            return "photo caption with credit"
        if ((")" in text or "]" in text) and bracketed.search(text)) \
                or ("©" in text and _COPYRIGHT_CREDIT.search(text)):
            return "photo caption with credit"
        if ("/" in text or "|" in text) and 3 <= word_count(text) <= self.max_credit_words \
                and _CREDIT_LINE.match(text):
            return "photo credit (photographer / agency)"
        scan = page.scan
        if scan.hit(ENLARGE, text):
            return "image zoom label"
        if scan.hit(OPENERS, text):
            return "picture description"
        if scan.hit(WIRE, text):
            return "wire-photo caption"
        if "(" in text and word_count(text) <= self.max_in_brackets_words and any(
                patterns.in_brackets.match(m.group(1)) for m in _BRACKET.finditer(text)):
            return "photo caption (says where in the picture)"
        return None

    def __call__(self, page: Page) -> None:
        for i, line in list(page.kept()):
            why = self.caption_reason(line.text, page)
            if not why:
                continue
            page.remove(i, self.name, why, self.code)
            above = page.next_nonblank(i, -1)  # (not next_kept: quadratic over a run of captions)
            if above is None or not page.lines[above].kept:
                continue  # only a line directly above (no blank line between) belongs to it
            text = page.lines[above].text
            if why == "image zoom label" and word_count(text) <= self.max_alt_words and not ends_sentence(text):
                page.remove(above, self.name, "image alt text before a zoom label", self.code)
            elif why != "image zoom label" and ELLIPSIS_END.search(text) and not page.scan.hit(ENLARGE_LINE, text):
                page.remove(above, self.name, "truncated picture description before a caption", self.code)
