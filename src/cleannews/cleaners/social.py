"""Share and follow buttons: lines made only of network names and share verbs."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import regex

from ..cleaner import LineCleaner
from ..page import Page

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}.+\-]*")


@dataclass(frozen=True)
class ShareButtons(LineCleaner):
    """A line whose every word is a social network, a share verb ("teilen", "Share", "Tweet")
    or a connector ("auf", "on") is a share or follow bar, not article text.

    A sentence that mentions Facebook has other words in it and stays.
    """

    name = "share_buttons"
    description = "removes share and follow bars: lines made only of network names and share verbs"
    max_words: int = 16

    def reason(self, text: str, page: Page) -> str | None:
        assert page.lexicon is not None
        lex = page.lexicon
        networks, verbs = lex.words("share", "networks"), lex.words("share", "words")
        connectors = lex.words("share", "connectors")
        # the first word (or pair) decides most lines: read the rest only when it is a share word
        head = [m.group().casefold().rstrip(".") for m in itertools.islice(_TOKEN.finditer(text), 2)]
        pair = " ".join(head)
        if head and pair not in networks and pair not in verbs \
                and head[0] not in networks and head[0] not in verbs and head[0] not in connectors:
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
