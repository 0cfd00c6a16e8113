"""One contract for every step of the default pipeline, run against each alone.

A step never invents text, is deterministic, explains each removal (its own name and a
reason), and leaves a plain article alone.
"""

from __future__ import annotations

import copy

import pytest

import cleannews
from cleannews import Lexicon, Page
from conftest import SEEDS, load_seed

STEPS = list(cleannews.default_pipeline())
PLAIN_ARTICLE = """Neue Regeln für den Wohnungsbau

Die Landesregierung hat am Dienstag ein Gesetz vorgestellt, das den Bau von Wohnungen beschleunigen soll.

Genehmigungen sollen künftig nach drei Monaten als erteilt gelten, wenn die Behörden bis dahin nicht entschieden haben.

Kritik kommt von Umweltverbänden, die eine Aushöhlung des Naturschutzes befürchten.

Ein kurzer Absatz.

Die Opposition will das Gesetz im Landtag ändern lassen und kündigte eigene Vorschläge für den Herbst an."""


def prepared(text: str) -> Page:
    """A seed page after repair and unglue, the state the other steps start from."""
    page = Page.from_text(text, language="de", lexicon=Lexicon.load("de"))
    for step in STEPS[:2]:
        step(page)
    return page


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
@pytest.mark.parametrize("folder", SEEDS, ids=[p.name for p in SEEDS])
def test_step_never_invents_text_and_explains_each_removal(step, folder):
    page = prepared(load_seed(folder)[0])
    before = [line.text for line in page.lines]
    twin = copy.deepcopy(page)
    step(page)
    step(twin)
    after = [line.text for line in page.lines]
    if step.name not in ("repair", "unglue"):
        assert after == before, "only repair and unglue may change text"
    for line in page.lines:
        if line.removal is not None and line.removal.cleaner == step.name:
            assert line.removal.reason and line.removal.text == line.text
    assert [(l.text, l.removal) for l in page.lines] == [(l.text, l.removal) for l in twin.lines]


@pytest.mark.parametrize("step", STEPS, ids=[s.name for s in STEPS])
def test_step_leaves_a_plain_article_alone(step):
    page = Page.from_text(PLAIN_ARTICLE, language="de", lexicon=Lexicon.load("de"))
    step(page)
    removed = [l.text for l in page.lines if l.removal is not None and l.field is None]
    assert removed == []


def test_whole_pipeline_keeps_every_paragraph_of_a_plain_article():
    article = cleannews.clean(PLAIN_ARTICLE)
    assert article.headline == "Neue Regeln für den Wohnungsbau"
    assert article.paragraphs == [p for p in PLAIN_ARTICLE.split("\n\n")[1:]]
    assert article.byline == () and article.date is None
