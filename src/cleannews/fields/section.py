"""The section ("Politik", "International"): from the breadcrumb trail, a "more from this
section" link, or the kicker: a one- or two-word label just above the headline."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import is_label, title_key


@dataclass(frozen=True)
class Section(Cleaner):
    """Set ``section``, claiming the kicker line and removing "more from" links.

    Order of trust: the last breadcrumb (the one before it when the trail closes with the
    headline), then a "Mehr «International»" link, then the kicker:
    the topmost of at most ``max_kicker_lines`` label lines directly above the headline (a
    longer run of labels is a menu, not a kicker).
    """

    name = "section"
    code = RemovalCode.SECTION_LINK
    uses = ("breadcrumbs", "article_start")
    provides = ("section",)
    description = "sets the section from breadcrumbs, 'more from' links or the kicker above the headline"
    max_kicker_lines: int = 2

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        crumbs = list(page.state.breadcrumbs or ())
        headline = page.fields.get("headline")
        if crumbs and headline and title_key(crumbs[-1]) == title_key(headline):
            # the trail closes with the page's own title ("Startseite » Politik » Neues Gesetz");
            # what stands before it is the section, unless that is the trail's start alone
            crumbs = crumbs[:-1] if len(crumbs) > 2 else []
        section = crumbs[-1] if crumbs else None
        more = page.lexicon.pattern("sections", "more_re", "line")
        for i, line in list(page.kept()):
            m = more.match(line.text)
            if m:
                section = section or m.group("section").strip()
                page.remove(i, self.name, "link to more articles of the section", self.code)
        kickers = self._kicker_lines(page)
        if section is None and kickers:
            section = page.lines[kickers[0]].text
        if section:
            page.fields["section"] = section
            for i in kickers:
                if title_key(page.lines[i].text) == title_key(section):
                    page.claim(i, "section", self.name, "section kicker")

    def _kicker_lines(self, page: Page) -> list[int]:
        """The label lines directly above the headline, topmost first (none if a menu)."""
        head = page.headline_index()
        if head is None:
            return []
        run: list[int] = []
        i = head
        while True:
            j = page.next_kept(i, -1)
            if j is None or not is_label(page.lines[j].text, max_words=2):
                break
            run.append(j)
            i = j
        if not run or len(run) > self.max_kicker_lines:
            return []
        return run[::-1]
