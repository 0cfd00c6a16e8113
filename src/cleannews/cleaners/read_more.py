"""Read-more boxes: "Lesen Sie auch: …", "Mehr zum Thema", "Read more" and the headline they link to."""

from __future__ import annotations

from dataclasses import dataclass

from ..article import RemovalCode
from ..cleaner import Cleaner
from ..page import Page
from ..text import is_title_like, word_count
from .labels import label_text


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
        alone = page.lexicon.whole_line(("read_more",), ("labels",))
        leading = page.lexicon.pattern("read_more", "labels", "start", after=r"\s*[:|»›>–—]\s*\S")
        for i, line in list(page.kept()):
            if alone.match(label_text(line.text)):
                page.remove(i, self.name, "read-more label", self.code)
                nxt = page.next_kept(i)
                if nxt is not None and is_title_like(page.lines[nxt].text):
                    page.remove(nxt, self.name, "headline of a linked article", self.code)
            elif leading.match(line.text) and word_count(line.text) <= 25:
                page.remove(i, self.name, "read-more link", self.code)
