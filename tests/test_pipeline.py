"""The Pipeline API: list, drop, insert, replace and configure steps; explain decisions."""

from __future__ import annotations

import dataclasses

import pytest

import cleannews
from cleannews import Page, Pipeline, line_cleaner
from cleannews.cleaners.captions import Captions
from conftest import FIXTURES, load_seed

WATSON = FIXTURES / "seeds" / "003_4cfeeddc37c8b44f"
TONLINE = FIXTURES / "seeds" / "001_90a8ddb5cf2eb730"


def test_default_pipeline_lists_named_steps():
    names = cleannews.default_pipeline().names
    assert names[0] == "repair"
    for expected in ("captions", "share_buttons", "placeholders", "headline", "byline", "date", "comments"):
        assert expected in names
    assert len(set(names)) == len(names)


def test_dropping_the_caption_cleaner_brings_captions_back():
    text, _ = load_seed(WATSON)
    caption = "Kim begrüsst Putin auf dem roten Teppich.Bild: keystone"
    assert caption not in cleannews.clean(text).paragraphs
    without = cleannews.default_pipeline().drop("captions")
    assert "captions" not in without.names
    assert caption in cleannews.clean(text, pipeline=without).paragraphs


def test_a_custom_cleaner_inserted_after_a_named_step_runs_there():
    seen_before: list[bool] = []

    @line_cleaner("no_nordkorea_heading")
    def no_heading(text: str, page: Page) -> str | None:
        # It runs after "share_buttons": share lines are already gone when it sees the page.
        seen_before.append(any(line.text == "Auf WhatsApp teilen" and line.kept for line in page.lines))
        return "user rule: drop lines naming Pjöngjang" if "Pjöngjang" in text else None

    pipeline = cleannews.default_pipeline().insert(no_heading, after="share_buttons")
    assert pipeline.names[pipeline.index("share_buttons") + 1] == "no_nordkorea_heading"
    text, _ = load_seed(TONLINE)
    article = cleannews.clean(text, pipeline=pipeline)
    assert not any("Pjöngjang" in p for p in article.paragraphs)
    assert seen_before and not any(seen_before)
    assert any(r.cleaner == "no_nordkorea_heading" and r.reason.startswith("user rule") for r in article.removed)


def test_insert_before_and_replace_and_unknown_names():
    pipeline = cleannews.default_pipeline()

    @cleannews.cleaner("mark")
    def mark(page: Page) -> None:
        page.fields["marked"] = True

    assert pipeline.insert(mark, before="repair").names[0] == "mark"
    replaced = pipeline.replace("captions", mark)
    assert "captions" not in replaced.names and "mark" in replaced.names
    with pytest.raises(KeyError, match="no step named 'nope'"):
        pipeline.drop("nope")
    with pytest.raises(ValueError):
        pipeline.insert(mark, before="repair", after="repair")
    with pytest.raises(ValueError, match="unique"):
        Pipeline([mark, mark])


def test_editing_returns_a_new_pipeline_and_leaves_the_old_one():
    pipeline = cleannews.default_pipeline()
    shorter = pipeline.drop("captions")
    assert "captions" in pipeline.names and len(shorter) == len(pipeline) - 1


def test_configure_changes_an_option_of_one_step():
    pipeline = cleannews.default_pipeline().configure("menus", min_run=2)
    assert pipeline["menus"].options["min_run"] == 2
    assert cleannews.default_pipeline()["menus"].options["min_run"] == 4
    with pytest.raises(TypeError, match="unknown option"):
        pipeline.configure("menus", no_such_option=1)
    lines = "Erster Absatz mit genug Wörtern, damit er als Text gilt und bleibt.\n\nEins\nZwei\n\nZweiter Absatz, der ebenfalls lang genug ist und einen Punkt hat."
    assert "Eins" in cleannews.clean(lines, language="de").paragraphs
    assert "Eins" not in cleannews.clean(lines, language="de", pipeline=pipeline).paragraphs


def test_configure_a_function_cleaner_option():
    @line_cleaner("drop_word")
    def drop_word(text: str, page: Page, *, word: str = "Werbung") -> str | None:
        return f"contains {word}" if word in text else None

    pipeline = Pipeline([drop_word]).configure("drop_word", word="Bananen")
    article = cleannews.clean("Äpfel sind rund.\nBananen sind krumm.", pipeline=pipeline, language="de")
    assert article.paragraphs == ["Äpfel sind rund."]


def test_explain_names_cleaner_and_reason_for_every_dropped_line():
    text, _ = load_seed(TONLINE)
    explanation = cleannews.default_pipeline().explain(text)
    share = explanation.removed_by("share_buttons")
    assert [d.text for d in share] == ["Auf Facebook teilen", "Auf x.com teilen", "Auf Pinterest teilen", "Auf WhatsApp teilen"]
    assert all(d.reason.startswith("share buttons") for d in share)
    rendered = str(explanation)
    assert "KEEP" in rendered and "DROP" in rendered and "share_buttons" in rendered
    assert explanation.counts()["placeholders"] == 24
    assert explanation.to_dict()["article"]["headline"] == "Nordkorea: Putin bereit für baldigen Besuch"


def test_a_failing_step_is_named_in_the_error():
    @cleannews.cleaner("broken")
    def broken(page: Page) -> None:
        raise ZeroDivisionError("oops")

    with pytest.raises(cleannews.CleanerError, match="'broken'"):
        cleannews.clean("Text.", pipeline=cleannews.default_pipeline().insert(broken))


def test_time_limit_is_checked_between_steps():
    import time

    @cleannews.cleaner("slow")
    def slow(page: Page) -> None:
        time.sleep(0.2)

    pipeline = Pipeline([slow, dataclasses.replace(Captions())])
    with pytest.raises(cleannews.CleanTimeout):
        cleannews.clean("Ein Satz.", pipeline=pipeline, timeout=0.05)


def test_describe_lists_each_step_with_what_it_removes():
    text = cleannews.default_pipeline().describe()
    assert "captions" in text and "caption" in text.split("captions", 1)[1].splitlines()[0]


def test_full_page_only_steps_do_not_run_on_extracted_text():
    from dataclasses import dataclass

    from cleannews import Cleaner, Lexicon

    @dataclass(frozen=True)
    class DropAll(Cleaner):
        name = "drop_all"
        full_page_only = True

        def __call__(self, page: Page) -> None:
            page.remove_range(0, len(page.lines), self.name, "test")

    text = "Ein Satz mit genug Wörtern für den Test.\n\nNoch ein Satz."
    dump = Page.from_text(text, language="de", lexicon=Lexicon.load("de"))
    extracted = Page.from_text(text, language="de", lexicon=Lexicon.load("de"))
    extracted.metadata["extracted"] = True
    pipeline = Pipeline([DropAll()])
    assert pipeline.process(dump).body_lines() == []
    assert pipeline.process(extracted).body_lines() == ["Ein Satz mit genug Wörtern für den Test.", "Noch ein Satz."]
    assert {s.name for s in cleannews.default_pipeline() if s.full_page_only} >= {"page_header", "comments", "article_end"}
