"""Read-more boxes: "Lesen Sie auch: …", "Mehr zum Thema", "Read more" and the headline they link to."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..lexicon.scan import lexicon_class
from ..page import Page
from ..text import is_title_like, word_count
from .labels import label_text

#: A line that is a read-more label and nothing else (see :func:`label_text`).
LABELS = lexicon_class("read_more", ("labels",), "line", view=label_text)
#: A line that starts with one (the title may follow on the same line).
LEADS = lexicon_class("read_more", ("labels",), "start")


@dataclass(frozen=True)
class ReadMoreBoxes(Cleaner):
    """A "read more" label ("Lesen Sie auch", "Mehr zum Thema", "Read more") links to another
    article: remove the label, and the linked headline on the next line when the label stands
    alone. A label followed by its title on the same line ("Lesen Sie auch: …", "Read more » …")
    goes whole."""

    name = "read_more"
    code = RemovalCode.READ_MORE
    description = "removes 'read more' / 'Lesen Sie auch' boxes and the headline they link to"

    def __call__(self, page: Page) -> None:
        assert page.lexicon is not None
        leading = page.lexicon.pattern("read_more", "labels", "start", after=r"\s*[:|»›>–—]\s*\S")
        for i, line in list(page.kept()):
            if page.scan.hit(LABELS, line.text):
                page.remove(i, self.name, "read-more label", self.code)
                nxt = page.next_kept(i)
                if nxt is not None and is_title_like(page.lines[nxt].text):
                    page.remove(nxt, self.name, "headline of a linked article", self.code)
            elif page.scan.hit(LEADS, line.text) and leading.match(line.text) and word_count(line.text) <= 25:
                page.remove(i, self.name, "read-more link", self.code)
