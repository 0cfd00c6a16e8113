"""The field extractors (byline, date, headline, section, lead): what they must find, and the
look-alikes they must leave in the body."""

from __future__ import annotations

import datetime

import pytest

import cleannews
from cleannews import Lexicon
from cleannews.fields.byline import Byline
from cleannews.fields.dates import PublishedDate, find_dates
from cleannews.fields.names import names_on_byline_line
from cleannews.cleaners.page_header import PageHeader
from cleannews.fields.headline import Headline
from cleannews.fields.lead import Lead
from cleannews.fields.meta import parse_meta_line
from cleannews.fields.section import Section
from helpers import PROSE, run

EN_PROSE = [
    "The storm reached the coast late on Tuesday night, cutting power to thousands of homes across the region.",
    "Officials said emergency crews were working through the night to clear roads and restore electricity.",
    "Residents were urged to stay indoors until the wind had dropped and the flood warnings were lifted.",
]
ES_PROSE = [
    "El Gobierno aprobó este martes en el Consejo de Ministros el proyecto de ley que regula los alquileres.",
    "La norma limita las subidas de los precios en las zonas tensionadas y amplía las ayudas para los jóvenes.",
]
FR_PROSE = [
    "Le gouvernement a présenté mercredi un projet de loi qui doit encadrer les loyers dans les grandes villes.",
    "Les associations de locataires saluent une avancée, mais jugent les mesures encore trop timides pour les familles.",
]


def fields_of(lines: list[str], language: str = "de") -> dict:
    """The fields that byline, date and headline find on a page of these lines, in pipeline order."""
    page = run(Byline(), lines, language)
    PublishedDate()(page)
    Headline()(page)
    return page.fields


# -- byline --------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, language, names", [
    ("Von Anna Muster und Max Muster", "de", ["Anna Muster", "Max Muster"]),
    ("Von Anna Muster, Berlin", "de", ["Anna Muster"]),
    ("By Jane Doe and John Roe", "en", ["Jane Doe", "John Roe"]),
    ("Por Ana García y Luis Pérez", "es", ["Ana García", "Luis Pérez"]),
    ("Par Marie Dupont", "fr", ["Marie Dupont"]),
    ("Door Jan de Vries", "nl", ["Jan de Vries"]),
])
def test_byline_line_gives_the_names(line, language, names):
    prose = {"en": EN_PROSE, "es": ES_PROSE, "fr": FR_PROSE}.get(language, PROSE)
    page = run(Byline(), ["Titel der Geschichte hier", line, *prose], language)
    assert page.fields["byline"] == names
    assert page.lines[1].field == "byline"


@pytest.mark.parametrize("line, language, names, date", [
    ("von David · 18. Oktober 2019", "de", ["David"], datetime.date(2019, 10, 18)),
    ("Jane Doe - Nov 19, 2019, 10:31 pm CST", "en", ["Jane Doe"], datetime.date(2019, 11, 19)),
    ("By Cara Stiles | April 13, 2020", "en", ["Cara Stiles"], datetime.date(2020, 4, 13)),
    ("Veröffentlicht am 12. Juni 2017 von gizzmo", "de", ["gizzmo"], datetime.date(2017, 6, 12)),
    ("Paddy Smith · April 19, 2019 · 7 comments", "en", ["Paddy Smith"], datetime.date(2019, 4, 19)),
    ("Por Ana García | 21 de enero de 2024", "es", ["Ana García"], datetime.date(2024, 1, 21)),
    ("Par Marie Dupont, publié le 1er mars 2024", "fr", ["Marie Dupont"], datetime.date(2024, 3, 1)),
])
def test_meta_line_gives_byline_and_date(line, language, names, date):
    prose = {"en": EN_PROSE, "es": ES_PROSE, "fr": FR_PROSE}.get(language, PROSE)
    found = fields_of(["Eine Überschrift über den Dingen", line, *prose], language)
    assert found["byline"] == names
    assert found["date"] == date


@pytest.mark.parametrize("line, language, names", [
    ("By Evan HalperStaff Writer", "en", ["Evan Halper"]),          # a role glued on
    ("By Olivier Minot Olivier Minot", "en", ["Olivier Minot"]),    # the name twice
    ("6. Dezember 2022 von Fatima in Gefühle, Popkultur", "de", ["Fatima"]),  # then the category
    ("By Richard Garner Last Updated", "en", ["Richard Garner"]),  # then a date label
    ("BY KORIN MILLERPUBLISHED: JAN 29, 2025", "en", ["KORIN MILLER"]),  # the label glued on
    ("Written by: Sean Peek, Senior Analyst", "en", ["Sean Peek"]),  # a role after a comma
])
def test_byline_trimmed_to_the_names(line, language, names):
    prose = EN_PROSE if language == "en" else PROSE
    assert run(Byline(), ["Eine Überschrift über den Dingen", line, *prose], language).fields["byline"] == names


@pytest.mark.parametrize("line, language, names", [
    ("Published Jan 2, 2024, updated Jan 3 by Jane Doe", "en", ["Jane Doe"]),  # the labels date the line
    ("Von Anna Update-Muster", "de", ["Anna Update-Muster"]),                  # a label inside a name's word
])
def test_names_after_a_date_label_stay(line, language, names):
    assert names_on_byline_line(line, Lexicon.load(language), language) == names


def test_names_on_a_chosen_line_end_at_a_date_label():
    # (a line the byline model chose: no prefix, the label and the date after the name)
    line = "Evgenia Karp Zuletzt geändert am 06.11.2023"
    assert names_on_byline_line(line, Lexicon.load("de"), "de") == ["Evgenia Karp"]


@pytest.mark.parametrize("language", cleannews.lexicon.available_languages())
def test_every_date_label_passes_the_quick_test(language):
    """The substring test run before the label patterns never turns away a name followed by
    one of the lexicon's date labels, as words or glued on in capitals."""
    from cleannews.fields.byline import MIN_LABEL_CHARS, before_date_label
    lex = Lexicon.load(language)
    for label in lex.list("dates", "published") + lex.list("dates", "updated"):
        if len(str(label)) < MIN_LABEL_CHARS:
            continue
        for line in (f"Anna Muster {label} heute", f"ANNA MUSTER{str(label).upper()}: HEUTE"):
            assert before_date_label(line, lex).casefold().split() == ["anna", "muster"], line


def test_heading_starting_with_von_is_no_byline():
    page = run(Byline(), ["Von der Aktivität zur Dosis", *PROSE])
    assert not page.fields.get("byline")


def test_author_box_names_under_a_label():
    page = run(Byline(), ["Neues Gesetz beschlossen", "AUTOR/IN", "Redakteurin Katharina Kunz", *PROSE])
    assert page.fields["byline"] == ["Katharina Kunz"]


def test_author_box_stops_at_menu_words():
    page = run(Byline(), ["Von:", "Suche Erweiterte Suche", *PROSE])
    assert "byline" not in page.fields


def test_name_over_a_role_line():
    page = run(Byline(), ["Können Fische Schmerzen spüren?", "Christoph Hein", "Chefredakteur", *PROSE])
    assert page.fields["byline"] == ["Christoph Hein"]


@pytest.mark.parametrize("after", ["/ 16.11.2018, 03:00 Uhr", "• Publiziert vor einer Stunde"])
def test_name_over_a_date_line_that_continues_it(after):
    page = run(Byline(), ["Wir sind dann mal weg", "Ronja Beck", after, *PROSE])
    assert page.fields["byline"] == ["Ronja Beck"]


def test_signature_at_the_end():
    page = run(Byline(), ["Neues Gesetz beschlossen", *PROSE, "(yam/sda/dpa)"])
    assert page.fields["byline"] == ["yam", "sda", "dpa"]


@pytest.mark.parametrize("lines, language", [
    # a body paragraph that starts with "Von"
    (["Von der Leyen sagte am Montag, die Kommission werde die Pläne im Frühjahr vorlegen.", *PROSE], "de"),
    (["Von Montag an gilt die neue Regel", *PROSE], "de"),
    # a quote that names a picture and a person
    (["„Ein Bild von Anna Muster“, sagte sie.", *PROSE], "de"),
    (["By the end of the year, prices had doubled in most of the country.", *EN_PROSE], "en"),
    # meta lines whose words are no names
    (["04. November 2021 | PAID CONTENT", *PROSE], "de"),
    (["21.01.2022 Aktuelle Meldung", *PROSE], "de"),
    # a title over a date is no author
    (["Virale Panik", "12.03.2020", *PROSE], "de"),
])
def test_no_byline_from_look_alikes(lines, language):
    page = run(Byline(), lines, language)
    assert not page.fields.get("byline")


def test_byline_not_searched_deep_in_the_story():
    page = run(Byline(), ["Neues Gesetz beschlossen", *PROSE, "Von Anna Muster"])
    assert not page.fields.get("byline")


# -- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, language, date", [
    ("21.01.2024", "de", datetime.date(2024, 1, 21)),
    ("Aktualisiert am 21.01.2024, 12:28 Uhr", "de", datetime.date(2024, 1, 21)),
    ("Nov 19, 2019, 10:31 pm CST", "en", datetime.date(2019, 11, 19)),
    ("21 de enero de 2024", "es", datetime.date(2024, 1, 21)),
    ("21 janvier 2024", "fr", datetime.date(2024, 1, 21)),
    ("1er mars 2024", "fr", datetime.date(2024, 3, 1)),
    ("Mis à jour le 3 févr. 2024 à 18h02", "fr", datetime.date(2024, 2, 3)),
    ("21 gennaio 2024", "it", datetime.date(2024, 1, 21)),
    ("21 januari 2024", "nl", datetime.date(2024, 1, 21)),
    ("1º de março de 2024", "pt", datetime.date(2024, 3, 1)),
])
def test_find_dates_in_each_language(text, language, date):
    assert [d.value for d in find_dates(text, Lexicon.load(language))] == [date]


@pytest.mark.parametrize("text, language, dates", [
    # a page dump glues a name onto the date, the time onto the year, the updated date onto the published one
    ("by Jane DoeNovember 20, 2007", "en", [datetime.date(2007, 11, 20)]),
    ("October 17, 20236:01 PM ET", "en", [datetime.date(2023, 10, 17)]),
    ("28. Juni 201914. Januar 2020", "de", [datetime.date(2019, 6, 28), datetime.date(2020, 1, 14)]),
])
def test_find_dates_glued_to_their_neighbours(text, language, dates):
    assert [d.value for d in find_dates(text, Lexicon.load(language))] == dates


def test_iso_date_with_its_time_is_a_date_line():
    from cleannews.fields.dates import is_date_line
    assert is_date_line("Published on 2021-01-18T19:55", Lexicon.load("en"))
    assert not is_date_line("Published on 2021-01-18 Tom 19:55", Lexicon.load("en"))


@pytest.mark.parametrize("text, language", [
    ("Remarch 5, 2020", "en"),            # a month's name inside a word
    ("Mai 20191234", "de"),                # a year inside a longer number
    ("Am 12. Mai 20201.5 Prozent mehr", "de"),
    ("1234. Januar 2020", "de"),           # a day inside a longer number
])
def test_no_date_inside_longer_words_or_numbers(text, language):
    assert find_dates(text, Lexicon.load(language)) == []


@pytest.mark.parametrize("text, language, kind", [
    ("Publicado el martes, 21 de enero de 2024 a las 10:30", "es", "published"),
    ("Pubblicato il 21 gennaio 2024 alle ore 10:30", "it", "published"),
    ("Atualizado em 21/01/2024 às 10h30", "pt", "updated"),
    ("Zuletzt aktualisiert am 21.01.2024", "de", "updated"),
])
def test_date_labels_are_read_past_weekdays(text, language, kind):
    assert [d.kind for d in find_dates(text, Lexicon.load(language))] == [kind]


def test_published_date_preferred_over_updated():
    found = fields_of(["Titel der Geschichte", "Aktualisiert am 06.06.2023", "Veröffentlicht am 05.06.2023", *PROSE])
    assert found["date"] == datetime.date(2023, 6, 5)


@pytest.mark.parametrize("lines", [
    ["Titel der Geschichte", "vor 3 Stunden", *PROSE],
    ["Titel der Geschichte", "Stand", *PROSE],
])
def test_relative_date_or_bare_label_is_claimed_without_a_date(lines):
    page = run(PublishedDate(), lines)
    assert page.lines[1].field == "date"
    assert "date" not in page.fields


def test_date_inside_the_story_is_not_the_date():
    page = run(PublishedDate(), ["Titel der Geschichte", *PROSE, "12.03.2019", "Noch ein Absatz."])
    assert "date" not in page.fields
    assert "12.03.2019" in page.body_lines()


def test_a_one_line_paragraph_with_a_date_stays():
    line = "Am 21.01.2024 beginnt der Prozess vor dem Landgericht."
    page = run(PublishedDate(), ["Titel der Geschichte", line, *PROSE])
    assert "date" not in page.fields
    assert line in page.body_lines()


def test_future_date_is_not_accepted():
    future = datetime.date.today().year + 3
    page = run(PublishedDate(), ["Titel der Geschichte", f"12.03.{future}", *PROSE])
    assert "date" not in page.fields


def test_date_of_something_else_is_not_taken():
    page = run(PublishedDate(), ["Bee Simulator", "Release: 14.11.2019", *PROSE])
    assert "date" not in page.fields


def test_meta_line_parts():
    meta = parse_meta_line("Jane Doe - Nov 19, 2019, 10:31 pm CST", Lexicon.load("en"), month_first=True)
    assert meta is not None and meta.names == ["Jane Doe"] and not meta.unknown
    assert parse_meta_line("The council met on Nov 19, 2019 and voted to close the library for good.",
                           Lexicon.load("en")) is None


# -- headline ------------------------------------------------------------------------------------

def test_headline_over_byline_not_the_kicker():
    found = fields_of(["Politik", "Regierung beschließt neues Klimagesetz", "Von Anna Muster", *PROSE])
    assert found["headline"] == "Regierung beschließt neues Klimagesetz"


def test_headline_without_byline_or_date_is_over_the_first_paragraph():
    found = fields_of(["Startseite", "Regierung beschließt neues Klimagesetz", *PROSE])
    assert found["headline"] == "Regierung beschließt neues Klimagesetz"


def test_headline_under_the_date_line():
    found = fields_of(["Startseite", "21.01.2024", "Regierung beschließt neues Klimagesetz", *PROSE])
    assert found["headline"] == "Regierung beschließt neues Klimagesetz"


@pytest.mark.parametrize("lines", [
    ["Regierung beschließt neues Klimagesetz", "Ein Artikel von Anna Muster | 27.01.2022 - 12:45", *PROSE],
    ["Regierung beschließt neues Klimagesetz", "redaktion@example.org", *PROSE],
    ["Regierung beschließt neues Klimagesetz", "67.830 36.230 4.938", *PROSE],
])
def test_meta_address_and_figure_lines_are_no_headline(lines):
    assert fields_of(lines)["headline"] == "Regierung beschließt neues Klimagesetz"


@pytest.mark.parametrize("label", [
    "Portionen: 12", "Krok 3", "4 Kommentare", "Belichtungszeit: 60 x 3 Minuten", "ca. 50 x 70 cm",
    "Gepostet von Anna Muster | Politik", "© Anna Muster",
])
def test_labels_figures_credits_and_bylines_are_no_headline(label):
    found = fields_of(["Regierung beschließt neues Klimagesetz", label, *PROSE])
    assert found["headline"] == "Regierung beschließt neues Klimagesetz"


@pytest.mark.parametrize("higher", [
    "Startseite » Politik » Regierung beschließt neues Klimagesetz",  # a breadcrumb ending in the title
    "Regierung beschließt neues...",  # a teaser's truncated title
])
def test_a_longer_or_cut_variant_above_is_not_the_headline(higher):
    found = fields_of([higher, "Regierung beschließt neues Klimagesetz", *PROSE])
    assert found["headline"] == "Regierung beschließt neues Klimagesetz"


def test_of_several_title_lines_the_one_the_text_takes_up_is_the_headline():
    # nearest the text stands the author's name and a tag line; the headline names the subject
    lines = ["Neues Gesetz: Förderung erneuerbarer Energien beschlossen", "Anna Muster", "Energie Klima Umwelt", *PROSE]
    assert fields_of(lines)["headline"] == "Neues Gesetz: Förderung erneuerbarer Energien beschlossen"


def test_a_line_holding_a_ui_phrase_is_no_headline_even_when_it_echoes_the_text():
    lines = ["Regierung beschließt neues Klimagesetz", "Gesetz: Artikel merken", *PROSE]
    assert fields_of(lines)["headline"] == "Regierung beschließt neues Klimagesetz"


DEK = ("Emergency crews worked through the night as the wind dropped and officials urged residents "
       "to stay indoors")


def test_the_standfirst_under_the_headline_is_not_the_headline():
    lines = ["Storm cuts power to thousands of homes on the coast", DEK, "By Jane Doe", *EN_PROSE]
    page = run(Byline(), lines, "en")
    PublishedDate()(page)
    Headline()(page)
    assert page.fields["headline"] == "Storm cuts power to thousands of homes on the coast"
    assert DEK in page.body_lines()


def test_a_long_headline_under_a_menu_line_stays_the_headline():
    headline = "Storm reaches the coast and cuts power to thousands of homes across the region overnight"
    lines = ["Apps Puzzles Horoscopes Discounts Shop Paper", headline, "By Jane Doe", *EN_PROSE]
    assert fields_of(lines, "en")["headline"] == headline


def test_of_two_title_lines_the_nearer_wins_when_nothing_tells_them_apart():
    lines = ["Wochenrückblick der Redaktion", "Was diese Woche wichtig war", *PROSE]
    assert fields_of(lines)["headline"] == "Was diese Woche wichtig war"


NOTICE = ("Wir verwenden Cookies, um die Nutzung der Website zu analysieren und unser Angebot für Sie "
          "laufend zu verbessern.")
MENU = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen", "Reise", "Auto", "Digital", "Video"]


def test_headline_over_the_first_run_of_prose_not_over_a_lone_notice():
    lines = ["Jetzt die App laden", NOTICE, "Akzeptieren", *MENU, "Regierung beschließt neues Klimagesetz", *PROSE]
    page = run(Byline(), lines)
    PublishedDate()(page)
    Headline()(page)
    assert page.fields["headline"] == "Regierung beschließt neues Klimagesetz"
    PageHeader()(page)
    # the header ends over the lone paragraph: the main-text step judges it, the header does not cut it
    assert page.lines[1].kept
    assert not page.lines[0].kept and page.lines[0].removal.cleaner == "page_header"
    assert page.body_lines()[-3:] == PROSE


def test_page_header_removes_what_stands_above_the_headline():
    page = run(Headline(), ["Startseite", "Politik", "Regierung beschließt neues Klimagesetz", *PROSE])
    PageHeader()(page)
    assert page.body_lines() == PROSE
    assert [line.removal.cleaner for line in page.lines[:2]] == ["page_header", "page_header"]


def test_no_headline_without_an_article():
    page = run(Headline(), ["Startseite", "Politik", "Sport"])
    assert "headline" not in page.fields


# -- whole pages ---------------------------------------------------------------------------------

def test_german_page_fields():
    text = "\n".join(["Startseite", "Politik", "Bundeskanzler bei der Pressekonferenz in Berlin. Foto: dpa",
                      "Regierung beschließt neues Klimagesetz", "Von Anna Muster", "21.01.2024, 12:28 Uhr", *PROSE])
    article = cleannews.clean(text, language="de")
    assert article.headline == "Regierung beschließt neues Klimagesetz"
    assert article.byline == ("Anna Muster",)
    assert article.date == datetime.date(2024, 1, 21)
    assert article.body.startswith(PROSE[0])


def test_english_page_fields():
    text = "\n".join(["Home", "World", "Storm hits the coast overnight", "By Jane Doe",
                      "Updated: Jan. 5, 2024 3:10 pm ET", *EN_PROSE])
    article = cleannews.clean(text)
    assert (article.headline, article.byline, article.date) == (
        "Storm hits the coast overnight", ("Jane Doe",), datetime.date(2024, 1, 5))


def test_spanish_page_fields():
    text = "\n".join(["Portada", "Economía", "El Gobierno aprueba la nueva ley de vivienda",
                      "Por Ana García | 21 de enero de 2024", *ES_PROSE])
    article = cleannews.clean(text)
    assert article.language == "es"
    assert (article.headline, article.byline, article.date) == (
        "El Gobierno aprueba la nueva ley de vivienda", ("Ana García",), datetime.date(2024, 1, 21))


# -- section and lead ----------------------------------------------------------------------------

def test_section_from_the_kicker():
    page = run(Headline(), ["Politik", "Regierung beschließt neues Klimagesetz", *PROSE])
    Section()(page)
    assert page.fields["section"] == "Politik"


@pytest.mark.parametrize("trail, section", [
    ("Startseite » Politik » Klimagesetz beschlossen", "Politik"),  # the trail closes with the title
    ("Startseite » Klimagesetz beschlossen", None),  # the home crumb alone is no section
    ("Startseite » Politik » Inland", "Inland"),
])
def test_section_from_the_breadcrumbs_not_the_headline_that_closes_them(trail, section):
    article = cleannews.clean("\n".join([trail, "Klimagesetz beschlossen", *PROSE]), input_format="text")
    assert article.headline == "Klimagesetz beschlossen"
    assert article.section == section


def test_lead_is_the_first_paragraph_of_running_text():
    page = run(Lead(), ["Regierung beschließt neues Klimagesetz", "Kurz notiert", *PROSE])
    assert page.fields["lead"] == PROSE[0]
    assert page.body_lines()[-3:] == PROSE
