"""HTML input: decoding, trafilatura extraction, metadata, the shared cleaners, explain, bad HTML.

The pages are built here, small and synthetic (no benchmark page is copied).
"""

from __future__ import annotations

import datetime
import json

import pytest

import cleannews
from cleannews.html import (DROPPED_REASON, EXTRACTOR, HtmlError, declared_charset, decode_html, dropped_lines,
                            visible_lines)

PARAS = [
    "Die Stadt Köln hat am Montag beschlossen, den Ausbau der Radwege in der Innenstadt deutlich zu "
    "beschleunigen und dafür zusätzliche Mittel bereitzustellen.",
    "Nach Angaben der Verwaltung sollen bis zum Jahr 2026 insgesamt mehr als vierzig Kilometer neue Wege "
    "entstehen, die vor allem die äußeren Stadtteile besser anbinden.",
    "Die Grünen begrüßten den Beschluss, während die Opposition vor höheren Kosten und längeren Bauzeiten "
    "für Anwohnerinnen und Anwohner warnte.",
    "Oberbürgermeisterin Müller sagte, man wolle die Bürgerinnen und Bürger früh beteiligen und alle Pläne "
    "öffentlich zur Diskussion stellen.",
    "Die ersten Baustellen sollen bereits im Frühjahr eingerichtet werden, zunächst an den großen "
    "Ausfallstraßen im Norden und Süden der Stadt.",
]
TITLE = "Köln baut mehr Radwege"


def page(*, title: str = TITLE, middle: str = "", after: str = "", charset: str = "utf-8",
         json_ld: bool = True) -> str:
    """A news page: menu, JSON-LD, h1, paragraphs with ``middle`` inside the article, footer."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "author": {"@type": "Person", "name": "Anna Beispiel"},
                     "datePublished": "2024-03-18T10:00:00+01:00",
                     "publisher": {"@type": "Organization", "name": "Kölner Beispielblatt"}}, ensure_ascii=False)
    script = f'<script type="application/ld+json">{ld}</script>' if json_ld else ""
    first = "".join(f"<p>{p}</p>" for p in PARAS[:3])
    rest = "".join(f"<p>{p}</p>" for p in PARAS[3:])
    return (f'<!DOCTYPE html><html lang="de"><head><meta charset="{charset}">'
            f"<title>{title} | Kölner Beispielblatt</title>{script}</head><body>"
            '<header><nav><a href="/">Startseite</a> <a href="/politik">Politik</a> '
            '<a href="/sport">Sport</a></nav></header>'
            f"<main><article><h1>{title}</h1>{first}{middle}{rest}</article>{after}</main>"
            "<footer><p>© 2024 Kölner Beispielblatt. Alle Rechte vorbehalten.</p>"
            '<a href="/impressum">Impressum</a></footer></body></html>')


# -- decoding ---------------------------------------------------------------------------------

def test_latin1_page_declared_in_meta_comes_out_with_its_umlauts():
    data = page(charset="iso-8859-1").encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = cleannews.clean(data)
    assert article.headline == TITLE
    assert PARAS[0] in article.body
    assert "Grünen begrüßten" in article.body and "Ã" not in article.body


def test_declared_charset_is_read_from_meta_http_equiv_and_xml_declaration():
    assert declared_charset(b'<html><head><meta charset="ISO-8859-1">') == "iso-8859-1"
    assert declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">') \
        == "windows-1252"
    assert declared_charset(b'<?xml version="1.0" encoding="iso-8859-15"?><html>') == "iso-8859-15"
    assert declared_charset(b"<html><body>no declaration</body></html>") is None


def test_utf8_bytes_mislabelled_as_latin1_are_read_as_utf8():
    data = page(charset="iso-8859-1").encode("utf-8")
    assert "Grünen begrüßten" in decode_html(data)
    assert "Grünen begrüßten" in cleannews.clean(data).body


def test_forced_html_bytes_without_declaration_are_detected():
    html = page().replace('<meta charset="utf-8">', "")
    article = cleannews.clean(html.encode("cp1252"), input_format="html")
    assert "Oberbürgermeisterin Müller" in article.body


def test_xhtml_with_an_xml_declaration_or_a_bom_is_recognised_as_html():
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page().replace(
        "<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n')
    for source in (xhtml, "\ufeff" + page(), xhtml.encode("utf-8")):
        article = cleannews.clean(source)
        assert article.headline == TITLE and article.paragraphs == PARAS


def test_binary_bytes_are_refused():
    with pytest.raises(cleannews.DecodeError):
        cleannews.clean(b"%PDF-1.7 \x00\x01\x02 binary", input_format="html")


# -- extraction, metadata, cleaning ------------------------------------------------------------

def test_metadata_fills_headline_byline_date_site_and_url():
    article = cleannews.clean(page(), url="https://example.org/koeln/radwege")
    assert article.headline == TITLE
    assert article.byline == ("Anna Beispiel",)
    assert article.date == datetime.date(2024, 3, 18)
    assert article.site_name == "Kölner Beispielblatt"
    assert article.url == "https://example.org/koeln/radwege"
    assert article.language == "de"
    assert article.paragraphs == PARAS


def test_title_is_not_repeated_in_the_body():
    article = cleannews.clean(page())
    assert TITLE not in article.body
    assert any(r.cleaner == "metadata" and r.text == TITLE for r in article.removed)


def test_chrome_trafilatura_keeps_is_removed_by_the_shared_cleaners():
    middle = ("<p>Teilen auf Facebook Teilen auf X</p><p>Anzeige</p>"
              '<p>Lesen Sie auch: <a href="/bruecke">Neue Brücke über den Rhein geplant</a></p>')
    article = cleannews.clean(page(middle=middle))
    assert article.paragraphs == PARAS
    by = {r.text: r.cleaner for r in article.removed}
    assert by["Teilen auf Facebook Teilen auf X"] == "share_buttons"
    assert by["Anzeige"] == "ads"
    assert by["Lesen Sie auch: Neue Brücke über den Rhein geplant"] == "read_more"


def test_a_list_of_links_inside_the_article_is_removed_with_its_label():
    middle = ('<p>Mehr zum Thema</p><ul><li><a href="/a">Stadtrat streitet über Parkgebühren in der Altstadt</a></li>'
              '<li><a href="/b">Neue Buslinie verbindet Ehrenfeld und Nippes ab Mai</a></li></ul>')
    article = cleannews.clean(page(middle=middle))
    assert article.paragraphs == PARAS
    assert {r.cleaner for r in article.removed if "Buslinie" in r.text or "Mehr zum" in r.text} \
        <= {"link_lines", "read_more"}


def test_a_paragraph_with_an_inline_link_stays():
    linked = PARAS[1].replace("vierzig Kilometer", '<a href="/plan">vierzig Kilometer</a>')
    html = page().replace(f"<p>{PARAS[1]}</p>", f"<p>{linked}</p>")
    assert cleannews.clean(html).paragraphs == PARAS


def test_reader_comments_are_not_in_the_body():
    comments = ('<section id="comments" class="comments"><h2>Kommentare</h2>'
                '<div class="comment"><p>Endlich passiert etwas, ich fahre jeden Tag mit dem Rad zur Arbeit '
                'und freue mich über jeden neuen Meter.</p></div></section>')
    article = cleannews.clean(page(after=comments))
    assert "Endlich passiert etwas" not in article.body
    assert article.paragraphs == PARAS


def test_without_metadata_the_text_steps_find_the_headline():
    html = page(json_ld=False).replace(f"<title>{TITLE} | Kölner Beispielblatt</title>", "")
    article = cleannews.clean(html)
    assert article.headline == TITLE
    assert article.paragraphs == PARAS


def test_the_visible_h1_beats_a_longer_declared_title_and_leaves_the_body():
    html = page(title="Köln baut mehr Radwege in der Innenstadt").replace(
        "<h1>Köln baut mehr Radwege in der Innenstadt</h1>", "<h1>Köln baut mehr Radwege</h1>")
    article = cleannews.clean(html)
    assert article.headline == "Köln baut mehr Radwege"  # what the reader sees, the declared one agreeing
    assert article.paragraphs == PARAS
    assert any(r.cleaner == "metadata" and r.text == "Köln baut mehr Radwege" for r in article.removed)


def test_text_input_is_not_affected():
    text = "\n\n".join([TITLE, *PARAS])
    article = cleannews.clean(text)
    assert article.headline == TITLE
    assert article.site_name is None
    assert article.paragraphs == PARAS


# -- explain -----------------------------------------------------------------------------------

def test_explain_shows_what_trafilatura_dropped_and_what_each_cleaner_removed():
    explanation = cleannews.default_pipeline().explain(page(middle="<p>Anzeige</p>"))
    dropped = explanation.removed_by(EXTRACTOR)
    texts = [d.text for d in dropped]
    assert "Startseite Politik Sport" in texts
    assert "© 2024 Kölner Beispielblatt. Alle Rechte vorbehalten." in texts
    assert all(d.reason == DROPPED_REASON for d in dropped)
    assert [d.text for d in explanation.removed_by("ads")] == ["Anzeige"]
    kept = [d.text for d in explanation.decisions if d.kept]
    assert kept == PARAS
    # in page order: the menu before the article, the footer after it
    order = [d.text for d in explanation.decisions]
    assert order.index("Startseite Politik Sport") < order.index(PARAS[0]) \
        < order.index("© 2024 Kölner Beispielblatt. Alle Rechte vorbehalten.")
    assert explanation.article.paragraphs == PARAS
    assert "trafilatura: dropped by trafilatura's extraction" in str(explanation)


def test_clean_does_not_work_out_the_dropped_lines():
    article = cleannews.clean(page())
    assert not any(r.cleaner == EXTRACTOR for r in article.removed)


def test_visible_lines_and_dropped_lines():
    from lxml import html as lxml_html

    tree = lxml_html.fromstring("<html><head><title>T</title><style>p{}</style></head><body>"
                                "<div>Menü</div><p>Erster <b>Absatz</b> hier.</p><script>x=1</script>"
                                "<p>Zweiter Absatz.</p><div>Fußzeile</div></body></html>")
    assert visible_lines(tree) == ["Menü", "Erster Absatz hier.", "Zweiter Absatz.", "Fußzeile"]
    assert dropped_lines(visible_lines(tree), ["Erster Absatz hier.", "Zweiter Absatz."]) == \
        [(0, "Menü"), (2, "Fußzeile")]


def test_dropped_menu_words_stay_in_place_when_the_article_uses_them():
    # a menu's short items occur inside the article's text: they are still dropped lines, before it
    extracted = ["Neue Regeln für Medien und die Cloud in der Verwaltung ab Januar.", "Zweiter Absatz."]
    visible = ["Medien", "Cloud", extracted[0], "Abb. 1", "Zweiter Absatz.", "Impressum", "Medien"]
    assert dropped_lines(visible, extracted) == \
        [(0, "Medien"), (0, "Cloud"), (1, "Abb. 1"), (2, "Impressum"), (2, "Medien")]


def test_pieces_trafilatura_joined_into_one_line_are_not_dropped():
    extracted = ["Erster Absatz mit einem Link im Text und mehr.", "Zweiter Absatz."]
    visible = ["Menü", "Erster Absatz mit einem", "Link", "im Text und mehr.", "Zweiter Absatz."]
    assert dropped_lines(visible, extracted) == [(0, "Menü")]


# -- bad HTML ----------------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "",
    "   \n  ",
    "<html><head><script>var a = 1;</script></head><body><script>alert(1)</script></body></html>",
    "<html><body><div><span></span></div></body></html>",
    "<html><body>" + "<div>" * 10_000 + "<p>Tief verschachtelt.</p>" + "</div>" * 10_000 + "</body></html>",
    "<html><body>" + "<div><span>" * 10_000 + "unclosed",
], ids=["empty", "whitespace", "script-only", "no-text", "10000-deep", "10000-deep-unclosed"])
def test_empty_script_only_and_deeply_nested_pages_give_an_empty_article(html):
    article = cleannews.clean(html, input_format="html")
    assert article.body == ""
    assert article.paragraphs == []


def test_broken_markup_still_gives_the_text():
    html = ("<html><body><h1>Kaputt</h1><p>Ein Absatz mit <b>fettem <i>kursivem Text</p></div></span>"
            "<p>Der zweite Absatz ist auch noch da, obwohl das Markup kaputt ist und nichts schließt."
            "<p>Und ein dritter Absatz folgt, damit die Seite nach einem Artikel aussieht.</body>")
    article = cleannews.clean(html, input_format="html")
    assert "Der zweite Absatz ist auch noch da" in article.body
    assert "Und ein dritter Absatz folgt" in article.body


def test_huge_attributes_are_cut_and_the_text_kept():
    # two 10 MB values: together they would make libxml2 stop parsing before the article
    html = page(middle='<div data-blob="' + "a" * 10_000_000 + '"></div>').replace(
        "<title>", "<meta name='x' content='" + "b" * 10_000_000 + "'><title>")
    article = cleannews.clean(html)
    assert article.paragraphs == PARAS
    assert article.headline == TITLE


def test_explain_on_an_empty_page():
    explanation = cleannews.default_pipeline().explain("", input_format="html")
    assert explanation.decisions == []
    assert explanation.article.body == ""


def test_html_error_is_a_value_error():
    assert issubclass(HtmlError, ValueError)


# -- HTML given as a str that was decoded with the wrong charset -------------------------------------
_UMLAUT_PAGE = ("<html><head><meta charset='utf-8'><title>Wie die Straße heißt, wird neu entschieden</title>"
                "<meta name='author' content='Jürgen Müßig'><meta property='og:site_name' content='Stadtblatt Köln'>"
                "</head><body><article><h1>Wie die Straße heißt, wird neu entschieden</h1>"
                "<p class='author'>Von Jürgen Müßig</p>"
                "<p>Der Gemeinderat hat am Montag beschlossen, dass die Straße künftig anders heißt. Die Anwohner "
                "wurden vorher befragt und äußerten sich überwiegend positiv.</p>"
                "<p>Die neuen Schilder werden im Frühjahr aufgestellt, teilte die Stadtverwaltung mit. Kosten "
                "entstehen für die Anwohner keine, heißt es.</p></article></body></html>")


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_a_mis_decoded_str_gets_every_field_repaired_like_the_body(codec):
    """requests' r.text of a UTF-8 page whose server names no charset is Latin-1 mojibake."""
    right = cleannews.clean(_UMLAUT_PAGE.encode("utf-8"))
    wrong = _UMLAUT_PAGE.encode("utf-8").decode(codec, errors="ignore")
    assert "Ã" in wrong
    article = cleannews.clean(wrong)
    assert article == right
    assert article.headline == "Wie die Straße heißt, wird neu entschieden"
    assert article.byline == ("Jürgen Müßig",) and article.site_name == "Stadtblatt Köln"
    assert "heißt" in article.body and "Ã" not in article.body


def test_a_correctly_decoded_str_is_left_as_it_is():
    from cleannews.html import redecode_mis_decoded
    assert redecode_mis_decoded(_UMLAUT_PAGE) == _UMLAUT_PAGE  # "ß" alone is no UTF-8 sequence
    assert redecode_mis_decoded("<p>café 5 €</p>") == "<p>café 5 €</p>"
    assert cleannews.clean(_UMLAUT_PAGE) == cleannews.clean(_UMLAUT_PAGE.encode("utf-8"))


def test_links_to_the_article_s_own_headings_and_lone_linked_lines_stay():
    # a table of contents (links to places on the page) names the article's headings; a lone
    # linked line between paragraphs is the article's own (a listicle's linked item)
    toc = '<ul><li><a href="#plan">Der Plan der Stadt</a></li><li><a href="#kosten">Die Kosten im Überblick</a></li></ul>'
    middle = ('<h2 id="plan"><a href="#plan">Der Plan der Stadt</a></h2>'
              f"<p>{PARAS[0].replace('Köln', 'die Stadt')}</p>"
              '<h2><a href="/produkte/radweg">Die Kosten im Überblick und im Detail</a></h2>')
    article = cleannews.clean(page(middle=toc + middle))
    assert "Der Plan der Stadt" in article.paragraphs
    assert "Die Kosten im Überblick und im Detail" in article.paragraphs
    assert not any(r.cleaner == "link_lines" for r in article.removed)
