"""What stands after the article's main run of prose: comment threads without a header, teaser
lists, footers the lexicon does not know, and the closing chrome at the run's own end."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import TERMINAL, list_number
from .line_classes import BAD, GOOD
from .line_features import TOKEN, UI, UI_LEAD

_COPYRIGHT = regex.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", regex.I)
#: The phrases that close an article's text ("Share this article", "Comments").
TAIL = lexicon_class("scorer", ("tail",), "word")


class _Closing:
    """The lexicon's closing-chrome phrases (``[scorer] ui_re``, ``ui`` and ``tail``):
    :meth:`search` finds what the UI pattern (:func:`~.line_features.ui_pattern`) or the
    ``tail`` pattern finds first, as the page's lexicon scan answers for them."""

    def __init__(self, page: Page) -> None:
        self.scan = page.scan

    def search(self, text: str) -> regex.Match[str] | None:
        """The first closing phrase in text (one of ``ui_re`` at its start first), or None."""
        scan = self.scan
        return scan.match(UI_LEAD, text) or scan.match(UI, text) or scan.match(TAIL, text)


def after_reason(cls: str, evidence: str) -> str:
    """Why a line after the main run goes."""
    if cls == GOOD:
        return f"after the main text, separated from it by chrome: {evidence}"
    return f"after the main text: {evidence}"


@dataclass(frozen=True)
class AfterMainText(Cleaner):
    """Remove what is still kept after the main run that :class:`MainText` found (comment
    threads without a header, teaser lists, footers the lexicon does not know), then a last
    paragraph set apart from the run that talks to the reader, then the closing chrome at the
    run's own end (sign-up prompts, licence notes, copyright lines, labels)."""

    name = "after_main_text"
    full_page_only = True
    code = RemovalCode.AFTER_MAIN_TEXT
    requires = ("main_run",)
    description = "removes what stands after the article's main run of prose (see main_text)"
    trim_tail: bool = True
    max_tail_words: int = 40
    tail_gaps: int = 1
    #: the run's last paragraph goes when chrome stands between it and the text above and it
    #: addresses the reader (lexicon ``[scorer] reader_re``): a promo or a note to the reader
    #: ("Did you like this article? …"), not the article's ending
    reader_notes: bool = True
    max_label_words: int = 6

    def __call__(self, page: Page) -> None:
        run, span = page.state.main_run, page.main_run()
        if run is None or span is None:
            return
        start, end = span
        for i in range(end + 1, len(page.lines)):
            cls, evidence = run.labels.get(page.lines[i].uid, (BAD, "line after the main text"))
            page.remove(i, self.name, after_reason(cls, evidence), self.code)
        if self.reader_notes:
            self._drop_reader_note(page, start)
        if self.trim_tail:
            self._trim_tail(page, start)

    def _drop_reader_note(self, page: Page, start: int) -> None:
        """Remove the run's last line when it addresses the reader and removed lines stand
        between it and the run's line above it."""
        assert page.lexicon is not None
        last = page.next_kept(len(page.lines), -1)
        above = page.next_kept(last, -1) if last is not None else None
        if last is None or above is None or above < start:
            return
        apart = any(page.lines[k].text and not page.lines[k].kept for k in range(above + 1, last))
        reader = page.lexicon.pattern("scorer", "reader_re", "word", flags=0)
        if apart and reader.search(page.lines[last].text):
            page.remove(last, self.name, "at the end of the main text: a note to the reader, set apart from the text",
                        self.code)

    def _trim_tail(self, page: Page, start: int) -> None:
        """Walk back from the run's last line: sign-up and follow prompts, newsletter, cookie
        and licence notes (a phrase of the lexicon's ``[scorer] ui`` or ``tail`` list in a line
        of at most ``max_tail_words`` words), copyright lines and short labels go, up to the
        first line that is none of these. A single line of at most ``max_tail_words`` words
        under a line with such a phrase (a publisher's note inside a promo box) goes with it."""
        assert page.lexicon is not None
        ui = _Closing(page)
        pending: int | None = None  # a line that goes only if closing chrome stands above it
        i = len(page.lines)
        while True:
            j = page.next_kept(i, -1)
            if j is None or j <= start:
                return
            text = page.lines[j].text
            reason = self._tail_reason(text, ui)
            if reason is None:
                if pending is not None or len(TOKEN.findall(text)) > self.max_tail_words \
                        or self.tail_gaps == 0:
                    return
                pending = j
            else:
                if pending is not None:
                    if not ui.search(text):  # a subheading over the last paragraph
                        return
                    page.remove(pending, self.name, "at the end of the main text: between closing chrome", self.code)
                    pending = None
                page.remove(j, self.name, reason, self.code)
            i = j

    def _tail_reason(self, text: str, closing: _Closing) -> str | None:
        """Why a line at the run's end is closing chrome (None when it is text)."""
        n = len(TOKEN.findall(text))
        # (a long line is no closing chrome whatever it holds: it is not searched)
        m = closing.search(text) if n <= self.max_tail_words else None
        if m is not None and n <= self.max_tail_words:
            return f"at the end of the main text: closing chrome {m.group(0)!r} ({n} words)"
        if _COPYRIGHT.match(text):
            return "at the end of the main text: copyright line"
        if n <= self.max_label_words and not TERMINAL.search(text) and not text.rstrip().endswith((":", "…", "...")) \
                and list_number(text) is None:  # a list's item ("5) Blu-ray box") is no label
            return f"at the end of the main text: label ({n} words)"
        return None
