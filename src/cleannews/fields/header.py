"""Everything above the headline: the page's masthead, menus, and pictures above the title."""

from __future__ import annotations

from dataclasses import dataclass

from ..cleaner import Cleaner
from ..page import Page


@dataclass(frozen=True)
class PageHeader(Cleaner):
    """Once the headline is found, every line above it that no field claimed is page chrome
    (site name, menus, a lead picture's caption). Without a headline nothing is removed."""

    name = "page_header"
    full_page_only = True
    description = "removes everything above the headline (site name, menus, pictures)"

    def __call__(self, page: Page) -> None:
        head = page.fields.get("_headline_index")
        if head is not None:
            page.remove_range(0, head, self.name, "above the headline (page header)")
