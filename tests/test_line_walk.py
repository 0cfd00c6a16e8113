"""Line-local steps next to each other run in one walk over the lines: the same removals, names
and reasons as running them one after the other."""

from __future__ import annotations

import dataclasses

import pytest

import cleannews
from cleannews import LineCleaner, Page, Pipeline
from cleannews.api import prepare
from cleannews.cleaner import is_line_local
from cleannews.cleaners.captions import Captions
from cleannews.cleaners.navigation import IconLabels
from cleannews.pipeline import _walks
from conftest import SEEDS, load_seed

#: chrome of every line-local kind, between prose, in a few arrangements
CHROME = [
    "Loading...", "Share on Facebook", "Anzeige", "Menü Icon", "Home > Politik > Ausland",
    "Видео по теме", "Kim begrüsst Putin auf dem roten Teppich.Bild: keystone",
    "Vergrößern des Bildes", "Der Präsident beim Empfang in Pjöngjang, Nordkorea ...",
    "Lesezeit: 3 Minuten", "Kommentare anzeigen", "Newsletter", "Facebook", "Twitter",
]
PROSE = [
    "Der Präsident empfing am Montag seinen Amtskollegen zu Gesprächen über die Zusammenarbeit.",
    "Dabei ging es nach Angaben der Regierung vor allem um Handel, Energie und die Sicherheit.",
    "Beobachter werteten das Treffen als ein Zeichen dafür, dass beide Seiten näher rücken wollen.",
]


def _one_by_one(pipeline: Pipeline, page: Page) -> Page:
    """The plain way: every step alone, in order (what the pipeline did before it walked
    line-local steps together)."""
    for step in pipeline:
        step(page)
    return page


def _pages() -> list[tuple[str, str | None]]:
    pages: list[tuple[str, str | None]] = [(load_seed(folder)[0], None) for folder in SEEDS]
    for n in range(len(CHROME)):
        lines = PROSE[:1] + CHROME[n:] + PROSE[1:2] + CHROME[:n] + PROSE[2:]
        pages.append(("\n".join(lines), "de"))
        pages.append(("\n\n".join(lines), "de"))
    return pages


@pytest.mark.parametrize("text,language", _pages())
def test_one_walk_removes_what_the_steps_one_by_one_remove(text: str, language: str | None) -> None:
    pipeline = cleannews.default_pipeline()
    walked = pipeline.process(prepare(text, language=language, input_format="text")).to_article()
    alone = _one_by_one(pipeline, prepare(text, language=language, input_format="text")).to_article()
    assert walked.to_dict() == alone.to_dict()


def test_the_default_pipeline_walks_the_one_line_steps_together() -> None:
    runs = [[s.name for s in run] for run in _walks(list(cleannews.default_pipeline()))]
    assert ["placeholders", "share_buttons", "ads", "icons", "breadcrumbs", "foreign_labels", "captions"] in runs
    assert ["reading_time", "comment_widgets"] in runs
    assert ["media"] in runs and ["byline"] in runs  # (steps that read other lines walk alone)


def test_a_step_inserted_into_a_walk_splits_it_and_sees_the_steps_before_it_done() -> None:
    seen: list[tuple[bool, bool]] = []

    @cleannews.cleaner("look")
    def look(page: Page) -> None:  # a page-level step: it sees what the steps before it left
        kept = {line.text for _, line in page.kept()}
        seen.append(("Anzeige" in kept, "Menü Icon" in kept))

    pipeline = cleannews.default_pipeline().insert(look, after="ads")
    runs = [[s.name for s in run] for run in _walks(list(pipeline))]
    assert ["placeholders", "share_buttons", "ads"] in runs and ["look"] in runs
    assert ["icons", "breadcrumbs", "foreign_labels", "captions"] in runs
    pipeline.clean("\n".join(PROSE[:1] + ["Anzeige", "Menü Icon"] + PROSE[1:]), language="de")
    assert seen == [(False, True)]  # the ad label is gone, the icon label not yet


def test_a_reordered_pipeline_gives_what_its_steps_one_by_one_give() -> None:
    pipeline = cleannews.default_pipeline()
    names = list(pipeline.names)
    a, b = names.index("captions"), names.index("placeholders")
    names[a], names[b] = names[b], names[a]  # captions first: it ends its walk, the rest walk on
    reordered = Pipeline([pipeline[n] for n in names])
    assert [s.name for s in _walks(list(reordered))[2]] == ["captions"]
    for text, language in _pages():
        walked = reordered.process(prepare(text, language=language, input_format="text")).to_article()
        alone = _one_by_one(reordered, prepare(text, language=language, input_format="text")).to_article()
        assert walked.to_dict() == alone.to_dict()


def test_a_subclass_with_its_own_reason_is_asked_and_walks_alone() -> None:
    @dataclasses.dataclass(frozen=True)
    class ShoutingIcons(IconLabels):
        def reason(self, text: str, page: Page) -> str | None:
            return "shouting" if text.isupper() else None

    step = ShoutingIcons()
    assert is_line_local(IconLabels()) and not is_line_local(step)
    pipeline = cleannews.default_pipeline().replace("icons", step)
    assert ["icons"] in [[s.name for s in run] for run in _walks(list(pipeline))]
    article = pipeline.clean("\n".join(PROSE[:1] + ["BREAKING NEWS", "Menü Icon"] + PROSE[1:]), language="de")
    assert [(r.text, r.reason) for r in article.removed if r.cleaner == "icons"] == [("BREAKING NEWS", "shouting")]
    assert "Menü Icon" in article.paragraphs


def test_a_line_cleaner_of_ones_own_is_not_walked_with_the_others_unless_it_says_so() -> None:
    @dataclasses.dataclass(frozen=True)
    class Local(LineCleaner):
        name = "local"
        line_local = True

        def reason(self, text: str, page: Page) -> str | None:
            return "a number" if text.isdigit() else None

    @dataclasses.dataclass(frozen=True)
    class Other(LineCleaner):
        name = "other"

        def reason(self, text: str, page: Page) -> str | None:
            return None

    pipeline = cleannews.default_pipeline().insert(Local(), after="ads").insert(Other(), after="icons")
    runs = [[s.name for s in run] for run in _walks(list(pipeline))]
    assert ["placeholders", "share_buttons", "ads", "local", "icons"] in runs and ["other"] in runs
    article = pipeline.clean("\n".join(PROSE[:1] + ["12345"] + PROSE[1:]), language="de")
    assert [r.cleaner for r in article.removed if r.text == "12345"] == ["local"]


def test_a_failing_step_inside_a_walk_is_named() -> None:
    @dataclasses.dataclass(frozen=True)
    class Broken(Captions):
        def rule(self, page: Page):  # type: ignore[no-untyped-def]
            def reason(text: str) -> str | None:
                raise ValueError("boom")
            return reason

    pipeline = cleannews.default_pipeline().replace("captions", Broken())
    with pytest.raises(cleannews.CleanerError, match="step 'captions' failed: ValueError: boom"):
        pipeline.clean("\n".join(PROSE), language="de")
    with pytest.raises(ValueError, match="boom"):  # run alone, a step raises its own error
        Broken()(prepare("\n".join(PROSE), language="de", input_format="text"))
