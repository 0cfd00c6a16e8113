"""Video, audio and embed chrome: player labels, durations with the player's title, media
credits ("Video: watson/…") and the consent boxes of embedded posts."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import ends_sentence, is_title_like, word_count

#: How far (in lines) a player's title may stand from its duration label.
_TITLE_WITHIN = 8
_DURATION = regex.compile(r"(?:\d{1,2}:\d{2}|\b(?:Dauer|Duration|Länge|Length)\b)", regex.I)


def _trimmed(text: str) -> str:
    """A line without the spaces and dots around it."""
    return text.strip(" .")


#: A line that is a player label ("Play video"), an embed's consent box, or starts with a
#: credit label ("Video: …").
LABELS = lexicon_class("video", ("labels_re",), "line", view=_trimmed)
EMBEDS = lexicon_class("embeds", ("lines", "lines_re"), "line", view=_trimmed)
CREDITS = lexicon_class("video", ("credit_labels",), "start")


@dataclass(frozen=True)
class MediaPlayers(Cleaner):
    """Remove what a video, audio or embed player leaves in the text:

    * a line that is only a player label ("Dauer", "Play video", "Video");
    * with a duration label, the short title just above it (and its repeat just below);
    * a credit line ("Video: watson/Michael Shepherd", "Audio: SWR");
    * the consent box of an embedded post ("Externer Inhalt", "A post shared by …").
    """

    name = "media"
    code = RemovalCode.MEDIA
    description = "removes video/audio player labels, media credits and embed consent boxes"
    max_title_words: int = 10

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        lex = page.lexicon
        credit = lex.pattern("video", "credit_labels", "start", after=r"\s*:\s*\S.{0,80}$")
        scan = page.scan
        for i, line in list(page.kept()):
            text = _trimmed(line.text)
            if scan.hit(LABELS, line.text):
                page.remove(i, self.name, f"media player label: {text[:40]!r}", self.code)
                if _DURATION.search(text):
                    self._remove_title(page, i)
            elif scan.hit(CREDITS, line.text) and credit.match(line.text) and not ends_sentence(line.text):
                page.remove(i, self.name, "media credit", self.code)
            elif scan.hit(EMBEDS, line.text):
                page.remove(i, self.name, "embedded-content placeholder", self.code)

    def _short_title(self, text: str) -> bool:
        return is_title_like(text) and word_count(text) <= self.max_title_words

    def _remove_title(self, page: Page, i: int) -> None:
        above = page.next_kept(i, -1, within=_TITLE_WITHIN)
        if above is None or not self._short_title(page.lines[above].text):
            return
        title = page.lines[above].text
        page.remove(above, self.name, "media player title", self.code)
        below = page.next_kept(i, 1, within=_TITLE_WITHIN)
        if below is not None and page.lines[below].text == title:
            page.remove(below, self.name, "media player title (repeated)", self.code)
