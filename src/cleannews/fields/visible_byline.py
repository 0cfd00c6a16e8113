"""The byline of an HTML page whose markup names no author, read in its visible text.

On HTML, the authors come from the page's structured data, trafilatura's metadata and the
byline the text path's steps find in trafilatura's extracted text (see
:mod:`cleannews.fields.html_fields`). Where none of them names anyone, the byline often still
stands on the page, above the part trafilatura extracted ("Von Anna Muster" in the header,
"Written by Jane Doe" in an author box). This step then cleans the page's visible text as the
text path cleans a page dump, up to its learned field ranker, and takes the names the ranker
reads there. It does the same where only trafilatura's metadata names someone: trafilatura
guesses its author from the page's text and markup, and the ranker's reading of the visible
text outweighs that guess (see :data:`cleannews.fields.agreement.BYLINE_WEIGHTS`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from ..cleaner import Cleaner
from ..page import Page
from ..state import FieldChoice

if TYPE_CHECKING:
    from ..pipeline import Pipeline

#: Where the names come from, as explain shows the byline's sources.
SOURCE = "visible text"
#: A byline that only these sources state is a guess the visible text is read against
#: (trafilatura's author field alone: a heuristic, not the page's own statement).
WEAK_ALONE = ("trafilatura",)


@dataclass(frozen=True)
class VisibleTextByline(Cleaner):
    """On an HTML page whose own data and extracted text name no author (or only trafilatura's
    guess does), the authors the field ranker reads in the page's visible text."""

    name = "visible_byline"
    extracted_only: ClassVar[bool] = True
    uses = ("byline",)
    provides = ("byline",)
    description = ("on HTML whose markup and extracted text name no author (or only trafilatura's guess does), "
                   "reads the byline in the page's visible text with the text path's field ranker")
    #: the field ranker's model file ("": the model of the running pipeline's ``fields`` step)
    model: str = ""

    def __call__(self, page: Page) -> None:
        from ..html import HtmlPage

        if not isinstance(page, HtmlPage) or page.tree is None:
            return
        visible = page.visible()
        if not visible:
            return
        stated = page.byline_choice(page.fields.get("byline") or ())
        if stated.value and tuple(stated.sources) != WEAK_ALONE:
            return
        from ..prepare import prepare

        dump = prepare("\n".join(visible), language=page.language, input_format="text")
        if "deadline" in page.metadata:  # (the caller's time limit holds for this run too)
            dump.metadata["deadline"] = page.metadata["deadline"]
        dump = _text_path(page.metadata.get("pipeline"), self.model).process(dump)
        names = dump.fields.get("byline")
        if not names:
            return
        page.fields["byline"] = list(names)
        page.metadata["byline_source"] = SOURCE
        chosen = dump.state.fields.get("byline")
        page.state.fields["byline"] = FieldChoice(
            ", ".join(names), None, chosen.text if chosen else None, chosen.score if chosen else None,
            reason="the page's own data and extracted text name no author (or only trafilatura's guess does): "
                   "read in its visible text"
                   + (f" ({chosen.reason})" if chosen and chosen.reason else ""))


@functools.lru_cache(maxsize=8)
def _text_path(running: Pipeline | None, model: str) -> Pipeline:
    """The steps of the ``running`` pipeline up to its field ranker, as the caller configured
    them (the default pipeline's when it has no ``fields`` step, or none runs), the ranker
    reading ``model`` when one is named; built once per pipeline."""
    from ..defaults import default_pipeline

    pipeline = running if running is not None and "fields" in running.names else default_pipeline()
    steps = pipeline[:pipeline.index("fields") + 1]
    return steps.configure("fields", model=model) if model else steps


__all__ = ["SOURCE", "VisibleTextByline", "WEAK_ALONE"]
