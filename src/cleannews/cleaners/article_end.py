"""Where the article stops: labels and teaser summaries left between its last paragraph and
the page's closing sections."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import ends_sentence, is_prose, list_number, word_count
from .end_sections import first_end


@dataclass(frozen=True)
class ArticleEnd(Cleaner):
    """Walk back from the first closing section (or the page's end) to the last paragraph:

    * short labels with no sentence in them ("LUNA SWR3", "DANKE FÜR DIE ♥") are chrome (a
      numbered list's item, "5) Blu-ray box", is not);
    * a short paragraph right under a removed teaser headline is that teaser's summary.

    The walk stops at the first line of running text that is neither.
    """

    name = "article_end"
    code = RemovalCode.ARTICLE_END
    uses = ("article_start", "main_run", "teasers")
    full_page_only = True
    description = "removes trailing labels and teaser summaries between the article and the page's end"
    max_label_words: int = 6
    max_summary_words: int = 45

    def __call__(self, page: Page) -> None:
        end = first_end(page)
        i = end if end is not None else len(page.lines)
        start = page.article_start or 0
        teasers = page.state.teasers
        while True:
            j = page.next_kept(i, -1)
            if j is None or j <= start:
                return
            text = page.lines[j].text
            if word_count(text) <= self.max_label_words and not ends_sentence(text) and not text.endswith(":") \
                    and list_number(text) is None:
                page.remove(j, self.name, "label after the article's last paragraph", self.code)
            elif (is_prose(text, min_words=3) and word_count(text) <= self.max_summary_words
                  and self._under_teaser(page, j, teasers)):
                page.remove(j, self.name, "summary of a teaser", self.code)
            else:
                return
            i = j

    @staticmethod
    def _under_teaser(page: Page, j: int, teasers: set[int]) -> bool:
        """True when the non-blank line right above line j is a teaser headline (``state.teasers``)."""
        above = page.next_nonblank(j, -1)
        return above is not None and page.lines[above].uid in teasers
