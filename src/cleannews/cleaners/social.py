"""Share and follow buttons: lines made only of network names and share verbs."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import LineCleaner
from ..lexicon import Lexicon
from ..lexicon.scan import lexicon_class
from ..page import Page

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.+\-]*")
#: A share button's screen-reader label (lexicon ``[share] labels_re``), the whole line.
SHARE_LABELS = lexicon_class("share", ("labels_re",), "line")
#: A text every entry of ``[share] labels_re`` holds ("Click to share", "Klick, um …", "…
#: anklicken"): a line without it is not matched against them.
SHARE_LABEL_NEEDLE = "lick"


@functools.lru_cache(maxsize=64)
def _share_words(lexicon: Lexicon) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The networks, share verbs and connectors, and every word a share bar can start with:
    one of those, or the first word of a two-word network or verb ("follow us")."""
    networks, verbs = lexicon.words("share", "networks"), lexicon.words("share", "words")
    connectors = lexicon.words("share", "connectors")
    starters = networks | verbs | connectors | {w.split(" ", 1)[0] for w in networks | verbs}
    return networks, verbs, connectors, starters


@dataclass(frozen=True)
class ShareButtons(LineCleaner):
    """A line whose every word is a social network, a share verb ("teilen", "Share", "Tweet")
    or a connector ("auf", "on") is a share or follow bar, not article text; so is a share
    button's screen-reader label ("Click to share on Facebook (Opens in new window)").

    A sentence that mentions Facebook has other words in it and stays.
    """

    name = "share_buttons"
    code = RemovalCode.SHARE_BUTTON
    description = "removes share and follow bars: lines made only of network names and share verbs"
    max_words: int = 16

    def reason(self, text: str, page: Page) -> str | None:
        assert page.lexicon is not None
        if SHARE_LABEL_NEEDLE in text and page.scan.hit(SHARE_LABELS, text):
            return f"share button label: {text[:60]!r}"
        networks, verbs, connectors, starters = _share_words(page.lexicon)
        # the first word decides most lines: read them all only when it can start a share bar
        first = _TOKEN.search(text)
        if first is not None and first.group().casefold().rstrip(".") not in starters:
            return None
        tokens = [t.casefold().rstrip(".") for t in _TOKEN.findall(text)]
        if not tokens or len(tokens) > self.max_words:
            return None
        hits = 0
        i = 0
        while i < len(tokens):
            pair = " ".join(tokens[i:i + 2])
            if pair in networks or pair in verbs:
                hits += 1
                i += 2
                continue
            tok = tokens[i]
            if tok in networks or tok in verbs:
                hits += 1
            elif tok not in connectors:
                return None
            i += 1
        return f"share buttons: {text[:60]!r}" if hits else None
