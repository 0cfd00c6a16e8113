"""Lines that are nothing but a UI label from a lexicon list: "Loading...", "Anzeige", "Melden".

One rule, several named instances (see :data:`PLACEHOLDERS` and friends): a line whose whole
text (ignoring trailing dots, colons and a count) is one of the listed phrases is chrome.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..article import RemovalCode
from ..cleaner import STRUCTURAL, LineCleaner
from ..lexicon.scan import LexClass, lexicon_class
from ..page import Page
from ..text import per_text_cache

#: What label_text trims at the end, and (a subset) at the start.
_TRAILING = regex.compile(r"[\s.…:!|·•›»>\-–—]")
_LEADING = regex.compile(r"[\s|·•›»>\-–—]+")


@per_text_cache
def label_text(text: str) -> str:
    """The text with leading bullets and trailing dots, colons and separators trimmed (cached:
    several steps read the same line's label).

    (What ``[trailing]+$|^[leading]+`` removes, found without running a search through the whole
    line: the trailing run char by char from the end; a text made only of them goes entirely.)
    """
    end = len(text)
    while end and _TRAILING.match(text, end - 1):
        end -= 1
    if not end:
        return ""
    leading = _LEADING.match(text)
    return text[leading.end() if leading else 0:end]


@dataclass(frozen=True)
class PhraseLines(LineCleaner):
    """Remove lines that consist only of a phrase listed under ``[section] keys`` in the lexicon."""

    step_name: str = field(default="phrase_lines", metadata=STRUCTURAL)
    section: str = field(default="", metadata=STRUCTURAL)
    keys: tuple[str, ...] = field(default=("lines", "lines_re"), metadata=STRUCTURAL)
    reason_text: str = field(default="UI label", metadata=STRUCTURAL)
    removal_code: RemovalCode = field(default=RemovalCode.OTHER, metadata=STRUCTURAL)
    #: a text every entry of the list holds (case and all): a line without it is not looked at
    needle: str = field(default="", metadata=STRUCTURAL)
    max_words: int = 8

    def __post_init__(self) -> None:
        """Declare the step's lexicon class when the step is made: a class declared before a
        page's scan is made joins that scan (with re2, its sets) from the start."""
        self.phrases  # noqa: B018

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.step_name

    @property
    def description(self) -> str:  # type: ignore[override]
        return f"removes lines that are only a {self.reason_text} (lexicon [{self.section}])"

    @property
    def phrases(self) -> LexClass:
        """The lexicon class of the labels: a line whose :func:`label_text` is one of them."""
        return lexicon_class(self.section, self.keys, "line", view=label_text)

    def reason(self, text: str, page: Page) -> str | None:
        return self._reason(text, page, self.phrases)

    def _reason(self, text: str, page: Page, phrases: LexClass) -> str | None:
        if self.needle and self.needle not in text:
            return None
        core = label_text(text)
        if not core or core.count(" ") >= self.max_words or not page.scan.hit(phrases, text):
            return None
        return f"{self.reason_text}: {core[:60]!r}"

    def __call__(self, page: Page) -> None:
        phrases = self.phrases
        for i, line in page.kept():
            why = self._reason(line.text, page, phrases)
            if why:
                page.remove(i, self.name, why, self.removal_code)


PLACEHOLDERS = PhraseLines(step_name="placeholders", section="placeholders",
                           reason_text="loading placeholder", removal_code=RemovalCode.PLACEHOLDER)
#: Words of a server's error message at the most (they name a method, a file and a line).
SERVER_ERROR_MAX_WORDS = 120
SERVER_ERRORS = PhraseLines(step_name="server_errors", section="server_errors", keys=("lines_re",),
                            reason_text="server error message", removal_code=RemovalCode.PLACEHOLDER,
                            needle=" on line ", max_words=SERVER_ERROR_MAX_WORDS)
ADS = PhraseLines(step_name="ads", section="ads", reason_text="advertisement label", removal_code=RemovalCode.AD)
READING_TIME = PhraseLines(step_name="reading_time", section="reading_time",
                           reason_text="reading-time note", removal_code=RemovalCode.READING_TIME)
COMMENT_WIDGETS = PhraseLines(step_name="comment_widgets", section="comments", keys=("widgets", "widgets_re"),
                              reason_text="comment widget", removal_code=RemovalCode.COMMENT_WIDGET)
