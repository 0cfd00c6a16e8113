"""HTML fields from the page's own structured data (JSON-LD, OpenGraph, meta tags, h1, time),
chosen by agreement: behaviour on small pages, what must be left alone, and bad input."""

from __future__ import annotations

import datetime
import json

import pytest

import cleannews
from cleannews.fields.agreement import choose_byline, choose_date, choose_headline, strip_site
from cleannews.fields.html_fields import normal_names
from cleannews.fields.structured import load_jsonld, parse_date, read_structured
from cleannews.html import _parse
from cleannews.lexicon import Lexicon

BODY = "".join(f"<p>{s}</p>" for s in (
    "The city council voted on Tuesday evening to build forty kilometres of new cycle lanes over the "
    "next three years, most of them in the outer districts.",
    "The plan was welcomed by residents' groups, while the opposition warned of higher costs and of "
    "longer building works for people living along the main roads.",
    "The mayor said that everyone would be asked for their views early and that all the plans would "
    "be published for discussion before any work begins.",
))


def html(head: str = "", article: str = "", title: str = "") -> str:
    """A page with ``head`` in its head and ``article`` above the body paragraphs."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"{f'<title>{title}</title>' if title else ''}{head}</head><body>"
            "<header><a href='/'>Example Gazette</a><nav><a href='/news'>News</a></nav></header>"
            f"<main><article>{article}{BODY}</article></main></body></html>")


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def explain(page: str) -> cleannews.pipeline.Explanation:
    return cleannews.default_pipeline().explain(page)


# -- JSON-LD ----------------------------------------------------------------------------------------

def test_jsonld_graph_with_author_reference_and_published_over_modified():
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Example Gazette"},
        {"@type": "NewsArticle", "headline": "Council backs new cycle lanes",
         "author": {"@id": "#jane"}, "datePublished": "2024-03-05T08:00:00+01:00",
         "dateModified": "2024-03-09T10:00:00+01:00"},
        {"@id": "#jane", "@type": "Person", "name": "Jane Doe"}]}
    page = html(ld(graph), "<h1>Council backs new cycle lanes</h1><p>By Jane Doe</p>",
                title="Council backs new cycle lanes | Example Gazette")
    e = explain(page)
    assert e.article.headline == "Council backs new cycle lanes"
    assert e.article.byline == ("Jane Doe",)
    assert e.article.date == datetime.date(2024, 3, 5)
    assert "json-ld" in e.field_sources["headline"]["sources"]
    assert "h1" in e.field_sources["headline"]["sources"]
    assert e.field_sources["date"]["value"] == "2024-03-05"


def test_author_list_with_people_and_an_organisation_keeps_the_people():
    data = {"@type": "ReportageNewsArticle", "headline": "Council backs new cycle lanes",
            "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"},
                       {"@type": "Organization", "name": "Example Gazette"}]}
    page = html(ld(data), "<h1>Council backs new cycle lanes</h1><p>By Jane Doe and John Roe</p>")
    assert cleannews.clean(page).byline == ("Jane Doe", "John Roe")


def test_an_organisation_is_the_byline_only_when_no_person_is_named_and_it_is_shown():
    data = {"@type": "BlogPosting", "headline": "Council backs new cycle lanes",
            "author": {"@type": "Organization", "name": "Example Gazette Newsroom"}}
    shown = html(ld(data), "<h1>Council backs new cycle lanes</h1><p>Example Gazette Newsroom</p>")
    hidden = html(ld(data), "<h1>Council backs new cycle lanes</h1>")
    assert cleannews.clean(shown).byline == ("Example Gazette Newsroom",)
    assert cleannews.clean(hidden).byline == ()


def test_opengraph_and_meta_author_agree_on_a_name_the_page_shows():
    head = ('<meta property="og:title" content="Council backs new cycle lanes">'
            '<meta name="author" content="By Jane Doe">'
            '<meta property="article:published_time" content="2024-03-05T08:00:00Z">'
            '<meta property="article:modified_time" content="2024-03-10T08:00:00Z">')
    page = html(head, "<h1>Council backs new cycle lanes</h1><p>Jane Doe, 5 March 2024</p>")
    article = cleannews.clean(page)
    assert article.headline == "Council backs new cycle lanes"
    assert article.byline == ("Jane Doe",)  # the "By" prefix goes, as on the text path
    assert article.date == datetime.date(2024, 3, 5)


def test_a_name_only_in_a_weak_meta_tag_and_not_on_the_page_is_no_byline():
    head = '<meta name="author" content="Webmaster Team Example">'
    page = html(head, "<h1>Council backs new cycle lanes</h1>")
    assert cleannews.clean(page).byline == ()


# -- headlines and site names ---------------------------------------------------------------------

@pytest.mark.parametrize("title", ["Council backs new cycle lanes | Example Gazette",
                                   "Council backs new cycle lanes - Example Gazette",
                                   "Example Gazette: Council backs new cycle lanes"])
def test_site_name_suffix_or_prefix_is_cut_from_the_title(title):
    head = f'<meta property="og:site_name" content="Example Gazette"><meta property="og:title" content="{title}">'
    page = html(head, "", title=title)
    assert cleannews.clean(page).headline == "Council backs new cycle lanes"


def test_a_kicker_in_its_own_element_of_the_h1_is_left_out_where_the_declared_title_agrees():
    head = '<meta property="og:title" content="Council backs new cycle lanes">'
    page = html(head, '<h1><span class="kicker">Transport</span> Council backs new cycle lanes</h1>')
    assert cleannews.clean(page).headline == "Council backs new cycle lanes"


@pytest.mark.parametrize("declared", ["Transport: Council backs new cycle lanes",
                                      "Transport - Council backs new cycle lanes",
                                      "Council backs new cycle lanes - Transport"])
def test_a_kicker_set_apart_by_the_h1_markup_alone_is_the_kicker_where_the_declared_title_joins_both(declared):
    head = f'<meta property="og:title" content="{declared}">'
    e = explain(html(head, '<h1><span class="kicker">Transport</span> <span>Council backs new cycle lanes</span></h1>'))
    assert (e.article.headline, e.article.kicker) == ("Council backs new cycle lanes", "Transport")
    assert e.field_sources["kicker"]["sources"] == ["h1:head"]


def test_an_h1_that_shows_its_separator_stays_whole():
    head = '<meta property="og:title" content="Transport: Council backs new cycle lanes">'
    page = html(head, '<h1><span>Transport:</span> <span>Council backs new cycle lanes</span></h1>')
    article = cleannews.clean(page)
    assert (article.headline, article.kicker) == ("Transport: Council backs new cycle lanes", None)


def test_a_date_in_its_own_element_of_the_h1_is_no_kicker():
    head = '<meta property="og:title" content="12.03.2024 - Council backs new cycle lanes">'
    page = html(head, '<h1><span>12.03.2024</span> <span>Council backs new cycle lanes</span></h1>')
    assert cleannews.clean(page).kicker is None


def test_a_logo_h1_linking_home_is_not_the_headline():
    head = '<meta property="og:title" content="Council backs new cycle lanes">'
    page = html(head, '<h1><a href="/">Example Gazette</a></h1>')
    assert cleannews.clean(page).headline == "Council backs new cycle lanes"


def test_the_h1_wins_over_a_reworded_social_title_and_explain_names_the_runner_up():
    head = ('<meta property="og:title" content="Cycle lanes: council backs the plan">'
            '<meta name="twitter:title" content="Cycle lanes: council backs the plan">')
    e = explain(html(head, "<h1>Council backs the plan for new cycle lanes</h1>"))
    assert e.article.headline == "Council backs the plan for new cycle lanes"
    assert e.field_sources["headline"]["runner_up"] == "Cycle lanes: council backs the plan"
    assert "runner-up" in e.sources_table()


def test_strip_site_leaves_a_title_without_the_site_alone():
    assert strip_site("Brexit - what happens next", ["Example Gazette"], set()) == "Brexit - what happens next"
    assert strip_site("Brexit - what happens next | EXAMPLEGAZETTE.COM", [], {"examplegazette"}) \
        == "Brexit - what happens next"


# -- must leave alone -------------------------------------------------------------------------------

def test_a_page_with_no_structured_data_keeps_the_text_path_fields():
    page = html("", "<h1>Council backs new cycle lanes</h1><p>By Jane Doe</p>")
    article = cleannews.clean(page)
    assert article.headline == "Council backs new cycle lanes"
    assert article.byline == ("Jane Doe",)


def test_related_articles_in_jsonld_do_not_give_the_headline():
    data = [{"@type": "NewsArticle", "headline": "Council backs new cycle lanes", "author": "Jane Doe"},
            {"@type": "ItemList", "itemListElement": [
                {"@type": "NewsArticle", "headline": "Mayor opens new bridge", "author": "John Roe"}]}]
    page = html(ld(data), "<h1>Council backs new cycle lanes</h1><p>By Jane Doe</p>")
    article = cleannews.clean(page)
    assert article.headline == "Council backs new cycle lanes"
    assert article.byline == ("Jane Doe",)


def test_text_input_has_no_field_sources():
    text = BODY.replace("<p>", "").replace("</p>", "\n\n")
    e = cleannews.default_pipeline().explain("Council backs new cycle lanes\n\nBy Jane Doe\n\n" + text)
    assert e.field_sources == {}


# -- bad input ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("script", [
    '{"@type": "NewsArticle", "headline": "Broken',                       # cut off
    '{"@type": ["NewsArticle"], "headline": 42, "author": [null, 7, {"name": ["x"]}], '
    '"datePublished": {"@value": 3}}',                                     # wrong types
    '[' * 5000 + ']' * 5000,                                               # deep nesting
    '{"@type": "NewsArticle", "headline": "' + "x" * 3_000_000 + '"}',   # huge script
    '<!-- {"@type": "NewsArticle", "headline": "Council backs new cycle lanes",} -->',  # wrapped, trailing comma
])
def test_broken_or_odd_jsonld_gives_no_traceback(script):
    page = html(f'<script type="application/ld+json">{script}</script>', "<h1>Council backs new cycle lanes</h1>")
    article = cleannews.clean(page)
    assert article.headline == "Council backs new cycle lanes"
    assert "cycle lanes" in article.body


def test_forgiving_jsonld_reader():
    assert load_jsonld('<!-- {"a": 1,} -->') == {"a": 1}
    assert load_jsonld('{"a": 1}{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert load_jsonld("not json") is None
    assert load_jsonld("") is None


@pytest.mark.parametrize("value, expected", [
    ("2019-10-16T08:00:00+02:00", datetime.date(2019, 10, 16)), ("20191016", datetime.date(2019, 10, 16)),
    ("16.10.2019", datetime.date(2019, 10, 16)), ("2019/10/16", datetime.date(2019, 10, 16)),
    ("1571205600", datetime.date(2019, 10, 16)), ("yesterday", None), ("1066-10-14", None), (None, None),
    (["2019-10-16"], None), ("2019-13-45", None)])
def test_machine_dates(value, expected):
    assert parse_date(value) == expected


def test_structured_reader_on_no_tree_and_on_a_tree_without_data():
    assert read_structured(None).headlines == []
    data = read_structured(_parse("<html><body><p>Nothing here</p></body></html>"))
    assert data.headlines == [] and data.authors == [] and data.published == []


# -- the choice itself --------------------------------------------------------------------------------

def test_choice_by_agreement_and_runner_up():
    c = choose_headline([("Menu", "h1"), ("Council backs new cycle lanes", "og:title"),
                         ("Council backs new cycle lanes | Example Gazette", "title")],
                        site_names=["Example Gazette"])
    assert c.value == "Council backs new cycle lanes"
    assert set(c.sources) == {"og:title", "title"}
    assert c.runner_up == "Menu"


def test_date_sources_that_do_not_know_which_date_they_hold_lose_on_a_modified_date():
    modified = datetime.date(2024, 3, 9)
    published = datetime.date(2024, 3, 5)
    c = choose_date([(modified, "time"), (modified, "trafilatura"), (published, "json-ld")],
                    [(modified, "json-ld")])
    assert c.value == published


def test_byline_lists_sharing_names_support_each_other():
    c = choose_byline([(("Jane Doe", "John Roe"), "json-ld"), (("Jane Doe",), "author"), (("Ann Other",), "text")])
    assert c.value == ("Jane Doe", "John Roe")


def test_names_in_the_text_paths_normal_form():
    en = Lexicon.load("en")
    assert normal_names(["By Jane Doe and John Roe"], en) == ["Jane Doe", "John Roe"]
    assert normal_names(["Jane Doe @janedoe", "Jane Doe"], en) == ["Jane Doe"]
    assert normal_names(['"Ann Other"'], en) == ["Ann Other"]
    assert normal_names(["Mazi"], en) == ["Mazi"]
    assert normal_names(["View all posts by Jane Doe"], en) == ["Jane Doe"]
    assert normal_names(["Perry Bacon Jr."], en) == ["Perry Bacon Jr."]  # an initial's dot stays
    assert normal_names(["Jane Doe."], en) == ["Jane Doe"]
    assert normal_names(["Redaktion"], Lexicon.load("de")) == ["Redaktion"]  # a role alone is kept


def test_a_date_only_guessed_and_not_shown_is_no_date_but_a_labelled_one_is_kept():
    from cleannews.fields.html_fields import date_choice
    from cleannews.fields.structured import Found, Structured
    guess = datetime.date(2020, 1, 1)
    assert date_choice(Structured(), {"date": guess}, None, shown=set()).value is None
    assert date_choice(Structured(), {"date": guess}, None, shown={guess}).value == guess
    labelled = Structured(published=[Found(datetime.date(2024, 3, 5), "json-ld")])
    assert date_choice(labelled, {}, None, shown=set()).value == datetime.date(2024, 3, 5)


def test_the_dateline_under_the_visible_headline_beats_a_time_element_elsewhere():
    head = '<meta property="og:title" content="Council backs new cycle lanes">'
    page = html(head, '<h1>Council backs new cycle lanes</h1><p>Published 5 March 2024</p>'
                      '<aside><time datetime="2023-01-09">9 January 2023</time></aside>')
    e = explain(page)
    assert e.article.date == datetime.date(2024, 3, 5)
    assert "visible" in e.field_sources["date"]["sources"]


def test_date_near_headline_reads_the_lines_around_it():
    from cleannews.fields.html_fields import date_near_headline
    lines = ["Menu", "Council backs new cycle lanes", "By Jane Doe", "5 March 2024", "Text"]
    assert date_near_headline(lines, "Council backs new cycle lanes", Lexicon.load("en"), "en") \
        == datetime.date(2024, 3, 5)
    assert date_near_headline(lines, "Another headline", Lexicon.load("en"), "en") is None


def test_the_cli_explain_json_carries_the_field_sources(tmp_path):
    import subprocess
    import sys
    data = {"@type": "NewsArticle", "headline": "Council backs new cycle lanes",
            "author": {"@type": "Person", "name": "Jane Doe"}, "datePublished": "2024-03-05T08:00:00Z"}
    path = tmp_path / "page.html"
    path.write_text(html(ld(data), "<h1>Council backs new cycle lanes</h1><p>By Jane Doe</p>"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "cleannews", "explain", "--json", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    record = out[0] if isinstance(out, list) else out
    assert record["field_sources"]["headline"]["value"] == "Council backs new cycle lanes"
    assert record["field_sources"]["byline"]["value"] == ["Jane Doe"]


# -- the byline in the page's visible text ------------------------------------------------------------

def outside_the_article(byline: str, head: str = "") -> str:
    """A page whose byline stands above the <article> element trafilatura extracts."""
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}</head><body>"
            "<header><a href='/'>Example Gazette</a><nav><a href='/news'>News</a></nav></header>"
            f"<div class='meta'><h1>Council backs new cycle lanes</h1><p>{byline}</p><p>March 5, 2024</p></div>"
            f"<main><article>{BODY * 2}</article></main><footer><p>Imprint</p></footer></body></html>")


def test_a_byline_only_the_visible_text_shows_is_read_there():
    """trafilatura leaves the header with the byline out and the markup names nobody: the field
    ranker reads the byline in the page's visible text, and explain says so."""
    page = outside_the_article("By Jane Doe")
    e = explain(page)
    assert e.article.byline == ("Jane Doe",)
    assert e.field_sources["byline"]["sources"] == ["visible text"]
    assert cleannews.default_pipeline().drop("visible_byline").clean(page).byline == ()


@pytest.mark.filterwarnings("ignore::cleannews.DegradedStepWarning")
def test_the_visible_text_is_cleaned_by_the_callers_own_steps():
    """The visible text goes through the steps of the pipeline that cleans the page, as the
    caller set them up: with the byline rule dropped and the ranker's byline turned off, no
    byline is read there either (the default steps would read "Jane Doe")."""
    page = outside_the_article("By Jane Doe")
    assert cleannews.default_pipeline().clean(page).byline == ("Jane Doe",)
    without = cleannews.default_pipeline().drop("byline").configure("fields", byline=False)
    assert without.clean(page).byline == ()


def test_the_visible_text_is_not_read_when_the_markup_names_the_author():
    page = outside_the_article("By Jane Doe", ld({"@type": "NewsArticle", "author": {"@type": "Person",
                                                                                     "name": "Jane Doe"}}))
    e = explain(page)
    assert e.article.byline == ("Jane Doe",)
    assert "visible text" not in e.field_sources["byline"]["sources"]


def test_the_visible_text_outweighs_trafilaturas_author_guess_alone():
    """Where only trafilatura's metadata names someone (a guess from the page's text and markup),
    the byline the ranker reads in the visible text is taken; a name the page states in its own
    data is not second-guessed."""
    from cleannews.html import html_to_page

    def cleaned(head: str = "") -> tuple[str, ...]:
        page = html_to_page(outside_the_article("By Jane Doe", head))
        page.meta["byline"] = ["Example Gazette"]  # (shown on the page: the logo)
        return cleannews.default_pipeline().process(page).to_article().byline

    assert cleaned() == ("Jane Doe",)
    stated = ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "John Roe"}})
    assert cleaned(stated) == ("John Roe",)


def test_no_byline_is_read_in_visible_text_that_names_nobody():
    page = outside_the_article("Share this article")
    assert cleannews.clean(page).byline == ()


def test_a_step_for_extracted_text_only_does_not_run_on_a_page_dump():
    """Steps marked ``extracted_only`` (they read the markup) are left out on text input, as
    ``full_page_only`` steps are on HTML."""
    from dataclasses import dataclass

    ran: list[str] = []

    @dataclass(frozen=True)
    class Marker(cleannews.Cleaner):
        name = "marker"
        extracted_only = True

        def __call__(self, page):
            ran.append(self.name)

    pipeline = cleannews.default_pipeline().append(Marker())
    pipeline.clean("Council backs new cycle lanes\n\nBy Jane Doe\n\n" + BODY.replace("<p>", "").replace("</p>", "\n\n"),
                   input_format="text")
    assert ran == []
    pipeline.clean(outside_the_article("By Jane Doe"))
    assert len(ran) == 1
