"""Run one step over a few lines, the way a test wants to look at a cleaner alone."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from cleannews import Lexicon, Page
from cleannews.cleaner import Cleaner
from cleannews.cleaners.repair import RepairText

PROSE = [
    "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
    "Die Opposition kritisierte den Entwurf als unzureichend, die Regierung verteidigte ihn als wichtigen ersten Schritt.",
    "Experten rechnen damit, dass die neuen Regeln im Frühjahr in Kraft treten und die Preise langfristig senken werden.",
]


def page_of(lines: Iterable[str], language: str = "de") -> Page:
    """A repaired page of the given lines."""
    page = Page.from_text("\n".join(lines), language=language, lexicon=Lexicon.load(language))
    RepairText()(page)
    return page


def run(step: Cleaner, lines: Iterable[str], language: str = "de", *, headline: int | None = None) -> Page:
    """Run one step over a page of the given lines (``headline``: index to mark as the headline)."""
    page = page_of(lines, language)
    if headline is not None:
        page.state.article_start = page.lines[headline]
        page.claim(headline, "headline", "test")
    step(page)
    return page


def kept(step: Cleaner, lines: Iterable[str], language: str = "de", **kw) -> list[str]:
    """The lines a step leaves in the body."""
    return run(step, lines, language, **kw).body_lines()


def removed(step: Cleaner, lines: Iterable[str], language: str = "de", **kw) -> list[str]:
    """The lines a step removed (with any reason)."""
    page = run(step, lines, language, **kw)
    return [line.text for line in page.lines if line.removal is not None and line.removal.cleaner == step.name]


def training_module(name: str) -> ModuleType:
    """One of the project's training scripts (``training/<name>.py``), imported as a module."""
    folder = str(Path(__file__).resolve().parent.parent / "training")
    sys.path.insert(0, folder)
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(folder)
