"""Menu and toolbar links: a line that is nothing but one of the lexicon's navigation links
("Startseite", "Suche", "Anmelden"). Menus as runs of short lines are :mod:`.menus`."""

from __future__ import annotations

from ..article import RemovalCode
from .labels import PhraseLines

NAVIGATION = PhraseLines(step_name="navigation", section="navigation", keys=("lines",),
                         reason_text="menu or toolbar link", max_words=4, removal_code=RemovalCode.NAVIGATION)
