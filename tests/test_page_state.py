"""The declared page state: slots that survive split lines, steps that say what they need and
provide, removal codes instead of reason text, parameters, and per-step stats."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

import cleannews
from cleannews import DegradedStepWarning, Page, PipelineError, RemovalCode, cleaner
from cleannews.state import SLOTS
from conftest import SEEDS, load_seed

SRC = Path(__file__).resolve().parent.parent / "src" / "cleannews"
PAGES = Path(__file__).parent / "fixtures" / "pages"
BLOG = (PAGES / "de_blog.txt").read_text(encoding="utf-8")


def quiet_default() -> cleannews.Pipeline:
    return cleannews.default_pipeline()


# -- slots, not hints --------------------------------------------------------------------------

@pytest.mark.parametrize("folder", SEEDS, ids=[p.name for p in SEEDS])
def test_no_step_leaves_a_private_hint_in_the_fields(folder):
    text, _ = load_seed(folder)
    from cleannews.prepare import prepare
    page = quiet_default().process(prepare(text))
    assert not [k for k in page.fields if k.startswith("_")]
    assert page.state.article_start is not None and page.state.main_run is not None
    assert page.index_of(page.state.article_start) == page.headline_index()


def test_no_step_reads_another_steps_reason_text():
    """Steps read removal codes, never the reason words of a removal or a verdict's evidence."""
    prose = re.compile(r"removal\.reason\s*(?:==|!=|\.startswith|\.endswith| in\b)|evidence\.startswith"
                       r"|removal\.cleaner\s*==\s*[\"']")
    offenders = [f"{path.relative_to(SRC)}:{n}" for path in SRC.rglob("*.py")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if prose.search(line)]
    assert offenders == []


def _splitter(page: Page) -> None:
    """A user's step: every kept line with " | " in it becomes two lines (and a line above the
    headline is split too, shifting every position after it)."""
    parts = {i: line.text.split(" | ", 1) for i, line in enumerate(page.lines) if " | " in line.text}
    head = page.headline_index()
    if head:
        first = page.next_nonblank(head, -1)
        if first is not None:
            parts[first] = [page.lines[first].text, page.lines[first].text + " (copy)"]
    page.split_lines(parts)


SPLITTER = cleaner("splitter", uses=("article_start",))(_splitter)


@pytest.mark.parametrize("folder", SEEDS, ids=[p.name for p in SEEDS])
def test_slots_survive_a_step_that_splits_lines(folder):
    """The headline's slot names its Line, so a step that splits lines above it changes
    nothing of the article; the claimed headline keeps its claim."""
    text, _ = load_seed(folder)
    plain = quiet_default().clean(text)
    split = quiet_default().insert(SPLITTER, after="headline")
    explanation = split.explain(text)
    article = explanation.article
    assert (article.headline, article.byline, article.date, article.body) == \
        (plain.headline, plain.byline, plain.date, plain.body)
    heads = [d for d in explanation.decisions if d.field == "headline"]
    assert [d.cleaner for d in heads] == ["headline"] and heads[0].text == plain.headline


def test_split_lines_keeps_what_became_of_a_line():
    page = Page.from_text("Erste Zeile | zweite Zeile\nDritte Zeile")
    page.remove(0, "test", "chrome", RemovalCode.AD)
    page.claim(1, "headline", "test")
    first, headline = page.lines
    page.split_lines({0: ["Erste Zeile", "zweite Zeile"]})
    assert page.lines[0] is first and page.index_of(headline) == 2
    assert [(l.text, l.removal.code, l.removal.text) for l in page.lines[:2]] == [
        ("Erste Zeile", RemovalCode.AD, "Erste Zeile"), ("zweite Zeile", RemovalCode.AD, "zweite Zeile")]
    assert page.lines[2].fields == ("headline",) and page.version == 1


# -- declared needs ----------------------------------------------------------------------------

def test_dropping_main_text_raises_naming_the_step_that_needs_it():
    with pytest.raises(PipelineError, match=r"'after_main_text' needs 'main_run'"):
        quiet_default().drop("main_text")


def test_dropping_the_headline_raises_for_the_page_header_and_warns_for_the_rest():
    with pytest.raises(PipelineError, match=r"'page_header' needs 'article_start'"):
        quiet_default().drop("headline")
    with pytest.warns(DegradedStepWarning) as caught:
        pipeline = quiet_default().drop("headline", "page_header")
    degraded = {str(w.message).split("'")[1] for w in caught}
    assert {"section", "main_text", "article_end", "comments"} <= degraded
    assert "main_text" in pipeline.degraded and "article_start <- (none: runs degraded)" in pipeline.describe()


def test_dropping_teasers_warns_that_the_article_end_runs_degraded():
    with pytest.warns(DegradedStepWarning, match=r"'article_end' runs degraded: it uses 'teasers'"):
        pipeline = quiet_default().drop("teasers")
    assert pipeline.degraded == {"article_end": ("teasers",)}


def test_moving_a_step_before_what_it_needs_raises():
    pipeline = quiet_default()
    after = pipeline["after_main_text"]
    with pytest.raises(PipelineError, match=r"provided by 'main_text', which comes after it"):
        pipeline.drop("after_main_text").insert(after, before="main_text")


def test_the_default_pipeline_is_complete_and_describes_its_graph():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pipeline = cleannews.default_pipeline()
    assert pipeline.degraded == {}
    graph = pipeline.graph()
    assert graph["after_main_text"]["requires"] == ["main_text"]
    assert graph["page_header"]["requires"] == ["headline"]
    assert graph["article_end"]["uses"] == ["headline", "main_text", "teasers"]
    assert "needs: main_run <- main_text" in pipeline.describe()
    for step in pipeline:
        for kind in ("requires", "uses", "provides"):
            assert set(getattr(step, kind)) <= set(SLOTS), (step.name, kind)


def test_a_users_step_declares_its_needs():
    @cleaner("needs_main_run", requires=("main_run",))
    def needs_main_run(page: Page) -> None:
        """Reads the main run."""

    with pytest.raises(PipelineError, match="needs_main_run"):
        quiet_default().insert(needs_main_run, before="main_text")
    assert quiet_default().insert(needs_main_run, after="main_text").names[-1] == quiet_default().names[-1]


# -- removal codes -----------------------------------------------------------------------------

@pytest.mark.parametrize("folder", SEEDS, ids=[p.name for p in SEEDS])
def test_every_builtin_removal_has_a_code_of_its_kind(folder):
    text, _ = load_seed(folder)
    article = quiet_default().clean(text)
    assert article.removed and all(r.code is not RemovalCode.OTHER for r in article.removed)
    assert all(r.to_dict()["code"] == r.code.value for r in article.removed)


def test_a_byline_and_date_line_holds_both_fields():
    text = "\n".join(["Neue Regeln für den Wohnungsbau", "", "Von Anna Muster · 18. Oktober 2019", "",
                      "Die Landesregierung hat am Dienstag ein Gesetz vorgestellt, das den Bau von Wohnungen "
                      "beschleunigen soll und viele Fragen offen lässt."])
    explanation = quiet_default().explain(text, language="de")
    line = next(d for d in explanation.decisions if d.text.startswith("Von Anna"))
    assert line.fields == ("byline", "date") and line.code == "byline"
    assert explanation.article.byline == ("Anna Muster",) and str(explanation.article.date) == "2019-10-18"


# -- parameters --------------------------------------------------------------------------------

def test_params_round_trip_through_a_file(tmp_path):
    pipeline = quiet_default().drop("captions").set_params(
        main_text__max_gap=5, main_text__classifier__length_low=60, notices__families=("affiliate",))
    params = pipeline.get_params()
    assert params["main_text__max_gap"] == 5 and params["main_text__classifier__length_low"] == 60
    assert pipeline["main_text"].classifier.length_low == 60
    assert "placeholders__step_name" not in params  # which instance a step is: no option
    path = tmp_path / "pipeline.json"
    pipeline.save(path)
    loaded = cleannews.load_pipeline(path)
    assert loaded.names == pipeline.names and loaded.get_params() == params
    assert loaded["notices"].families == ("affiliate",)
    assert json.loads(path.read_text())["steps"] == list(pipeline.names)
    assert loaded.clean(BLOG).body == pipeline.clean(BLOG).body


def test_bad_parameters_are_refused_with_their_names(tmp_path):
    with pytest.raises(KeyError, match="no step named 'nope'"):
        quiet_default().set_params(nope__x=1)
    with pytest.raises(TypeError, match="unknown option"):
        quiet_default().set_params(main_text__nope=1)
    with pytest.raises(KeyError, match="step__option"):
        quiet_default().set_params(main_text=1)
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"steps": ["repair", "my_own"]}))
    with pytest.raises(ValueError, match="no default step named 'my_own'"):
        cleannews.load_pipeline(path)
    path.write_text("{not json")
    with pytest.raises(ValueError, match="cannot read a pipeline"):
        cleannews.load_pipeline(path)


# -- stats -------------------------------------------------------------------------------------

def test_explain_counts_and_times_each_step():
    pipeline = quiet_default()
    explanation = pipeline.explain(BLOG)
    stats = {s.step: s for s in explanation.stats}
    assert list(stats) == list(pipeline.names) and all(s.seconds >= 0 for s in stats.values())
    assert all(s.ran != pipeline[name].extracted_only for name, s in stats.items())  # (steps for HTML only)
    removed = explanation.counts()
    for name, s in stats.items():
        assert s.removed + s.claimed == removed.get(name, 0), name
    assert stats["headline"].claimed == 1 and stats["read_more"].removed == 2
    assert "step " in str(explanation) and explanation.to_dict()["stats"][0]["step"] == "repair"


def test_stats_say_which_steps_did_not_run_on_extracted_html():
    html = ("<html><head><title>Neue Regeln</title></head><body><article><h1>Neue Regeln</h1>"
            + "".join(f"<p>{p}</p>" for p in BLOG.split("\n\n")[3:7]) + "</article></body></html>")
    stats = {s.step: s for s in quiet_default().explain(html).stats}
    assert not stats["main_text"].ran and stats["repair"].ran


# -- contracts ---------------------------------------------------------------------------------

#: (text, language): the seeds and the hand-made pages (which hold chrome the seeds do not)
FIXTURES = [(load_seed(folder)[0], "de") for folder in SEEDS] + [(BLOG, "de"),
                                                                 ((PAGES / "en_news.txt").read_text("utf-8"), "en")]
#: an HTML page for the steps that read markup (``extracted_only``): its byline stands in a
#: header above the article trafilatura extracts, and its markup names no author
HTML_FIXTURE = ("<html><head><title>Neue Regeln</title></head><body><nav><a href='/'>Startseite</a></nav>"
                "<div><h1>Neue Regeln</h1><p>Von Anna Muster</p></div><article>"
                + "".join(f"<p>{p}</p>" for p in BLOG.split("\n\n")[3:7]) + "</article></body></html>")


def _prerequisites(pipeline: cleannews.Pipeline, name: str) -> list[str]:
    """The steps a step needs and uses, transitively, in pipeline order, with the text repair."""
    graph = pipeline.graph()
    wanted = {"repair", "unglue", name}
    todo = [name]
    while todo:
        step = todo.pop()
        for before in graph[step]["requires"] + graph[step]["uses"]:
            if before not in wanted:
                wanted.add(before)
                todo.append(before)
    return [n for n in pipeline.names if n in wanted]


def _snapshot(page: Page) -> tuple:
    state = page.state
    return ([(l.text, l.removal, l.fields) for l in page.lines], dict(page.fields), state.article_start,
            state.main_run is not None, tuple(sorted(state.teasers)), state.breadcrumbs)


@pytest.mark.parametrize("name", cleannews.default_pipeline().names)
def test_each_step_after_its_prerequisites_does_something_on_some_page(name):
    """Run alone after what it declares it needs, a step works, and on at least one fixture it
    removes, claims, sets or provides something: no step is silently idle."""
    pipeline = quiet_default()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # its prerequisites are all there: nothing runs degraded
        steps = cleannews.Pipeline([pipeline[n] for n in _prerequisites(pipeline, name)])
    from cleannews.prepare import prepare
    effects = 0
    on_html = steps[name].extracted_only
    for text, language in [(HTML_FIXTURE, "de")] if on_html else FIXTURES:
        page = prepare(text, language=language, input_format="html" if on_html else "text")
        for earlier in steps[:steps.index(name)]:
            if not (on_html and earlier.full_page_only):
                earlier(page)
        before = _snapshot(page)
        steps[name](page)
        effects += _snapshot(page) != before
    assert effects, f"{name} did nothing on any fixture"


@pytest.mark.parametrize("name, headline, byline, date", [
    ("de_blog.txt", "Stadtrat beschließt neues Radwegenetz für die Innenstadt", ("Anna Muster",), "2024-03-12"),
    ("en_news.txt", "Council approves plan for a new tram line across the river", ("John Smith",), "2024-03-03")])
def test_the_hand_made_pages_come_out_clean(name, headline, byline, date):
    text = (PAGES / name).read_text(encoding="utf-8")
    article = cleannews.clean(text)
    paragraphs = [p for p in text.split("\n\n") if len(p.split()) >= 20 and "\n" not in p]
    assert (article.headline, article.byline, str(article.date)) == (headline, byline, date)
    assert article.paragraphs == paragraphs[:4]
