"""Widget labels in a foreign script ("Видео по теме" on a German page)."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import LineCleaner
from ..page import Page
from ..text import main_script, word_count


@dataclass(frozen=True)
class ForeignScriptLabels(LineCleaner):
    """A short line in another script than the page's ("Видео по теме" on a German page) is a
    label of a widget made for another locale."""

    name = "foreign_labels"
    code = RemovalCode.FOREIGN_LABEL
    full_page_only = True
    description = "removes short lines written in another script than the page's"
    max_words: int = 6

    def reason(self, text: str, page: Page) -> str | None:
        page_script = page.state.script
        if page_script is None:
            page_script = page.state.script = main_script(" ".join(l.text for l in page.lines)) or ""
        if page_script in ("", "Latin") and text.isascii():  # (an ASCII line is Latin or has no letter)
            return None
        if word_count(text) > self.max_words:
            return None
        script = main_script(text)
        if script and page_script and script != page_script:
            return f"{script} label on a {page_script} page"
        return None
