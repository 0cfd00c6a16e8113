"""Everything above the headline: the page's masthead, menus, and pictures above the title."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page


@dataclass(frozen=True)
class PageHeader(Cleaner):
    """Once the headline is found, every line above it that no field claimed is page chrome
    (site name, menus, a lead picture's caption). Without a headline nothing is removed.

    The header ends where the headline step says the article starts (``state.article_start``):
    the headline's line, or, when the headline stands under a lone paragraph it judged to be
    chrome (a cookie notice), the title-shaped line over that paragraph. Such a line is no
    headline and goes too; what stands between it and the headline is left to the main-text
    step, so that a wrong judgement cannot cut the article's first paragraph."""

    name = "page_header"
    code = RemovalCode.PAGE_HEADER
    requires = ("article_start",)
    full_page_only = True
    description = "removes everything above the headline (site name, menus, pictures)"

    def __call__(self, page: Page) -> None:
        head = page.headline_index()
        if head is None:
            return
        page.remove_range(0, head, self.name, "above the headline (page header)", self.code)
        if page.lines[head].field != "headline":
            page.remove(head, self.name, "title-shaped line over a lone paragraph above the headline", self.code)
