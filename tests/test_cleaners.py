"""Each cleaner alone: chrome it must remove, and article text it must leave alone."""

from __future__ import annotations

import pytest

import cleannews

from cleannews.cleaners.bio import AuthorBio
from cleannews.cleaners.captions import Captions
from cleannews.cleaners.article_end import ArticleEnd
from cleannews.state import MainRun
from cleannews.cleaners.glue import SplitGluedSpans
from cleannews.cleaners.labels import ADS, COMMENT_WIDGETS, PLACEHOLDERS, READING_TIME, SERVER_ERRORS
from cleannews.cleaners.navigation import NAVIGATION
from cleannews.cleaners.media import MediaPlayers
from cleannews.cleaners.breadcrumbs import Breadcrumbs
from cleannews.cleaners.foreign_labels import ForeignScriptLabels
from cleannews.cleaners.icons import IconLabels
from cleannews.cleaners.menus import MenuRuns
from cleannews.cleaners.repair import RepairText, repair
from cleannews.cleaners.end_sections import COMMENTS, DONATIONS, FOOTER, RELATED, SOURCES
from cleannews.cleaners.social import ShareButtons
from cleannews.cleaners.read_more import ReadMoreBoxes
from cleannews.cleaners.teasers import TruncatedTeasers
from cleannews.fields.byline import Byline
from helpers import PROSE, kept, page_of, removed, run

# -- repair -------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, fixed", [
    ("fÃ¼r die StraÃŸe", "für die Straße"),
    ("Bundes\u00adregierung", "Bundesregierung"),
    ("  zu\u00a0viel   Platz\t ", "zu viel Platz"),
    ("Null\x00Byte", "NullByte"),
    ("Zero\u200bwidth", "Zerowidth"),
])
def test_repair_fixes_broken_text(raw, fixed):
    assert repair(raw) == fixed


@pytest.mark.parametrize("text", ["„Unbesiegbare“ Partner", "Putin (r) und Kim – 2024", "Ça va? ¿Qué tal? Jó napot!", "東京 2024"])
def test_repair_leaves_good_text_alone(text):
    assert repair(text) == text


def test_repair_never_removes_a_line():
    page = run(RepairText(), ["  ", "Text", "\u00a0"])
    assert all(line.removal is None for line in page.lines)

# -- unglue --------------------------------------------------------------------------------------

def test_unglue_splits_share_buttons_and_reading_time():
    page = run(SplitGluedSpans(), ["Auf Facebook teilenAuf x.com teilenAuf Pinterest teilen",
                                  "Aktualisiert am 21.01.2024Lesedauer: 1 Min.", "Such IconE-Mail IconMenü Icon"])
    assert [l.text for l in page.lines] == ["Auf Facebook teilen", "Auf x.com teilen", "Auf Pinterest teilen",
                                           "Aktualisiert am 21.01.2024", "Lesedauer: 1 Min.",
                                           "Such Icon", "E-Mail Icon", "Menü Icon"]
    assert [l.number for l in page.lines] == [1, 1, 1, 2, 2, 3, 3, 3]


@pytest.mark.parametrize("text", [
    "Viele Nutzer wollen ihre Bilder auf Facebook teilen, sagt die Studie.",
    "Das Iconic-Design des Hauses ist ein Klassiker.",
    "Die Lesedauer beträgt etwa 1 Min., sagt der Verlag.",
])
def test_unglue_leaves_sentences_whole(text):
    assert [l.text for l in run(SplitGluedSpans(), [text]).lines] == [text]

# -- one-line labels ---------------------------------------------------------------------------------

@pytest.mark.parametrize("step, chrome, language", [
    (PLACEHOLDERS, "Loading...", "de"), (PLACEHOLDERS, "Wird geladen …", "de"), (PLACEHOLDERS, "Please wait", "en"),
    (ADS, "Anzeige", "de"), (ADS, "ANZEIGE", "de"), (ADS, "Advertisement", "en"), (ADS, "Story continues below advertisement", "en"),
    (READING_TIME, "Lesedauer: 1 Min.", "de"), (READING_TIME, "5 min read", "en"),
    (NAVIGATION, "Zum Inhalt springen", "de"), (NAVIGATION, "Skip to main content", "en"), (NAVIGATION, "Impressum", "de"),
    (COMMENT_WIDGETS, "Melden", "de"), (COMMENT_WIDGETS, "Zum Kommentar", "de"), (COMMENT_WIDGETS, "Reply", "en"),
    (COMMENT_WIDGETS, "19.06.2024 09:52registriert Juni 2024", "de"),
    (SERVER_ERRORS, "Warning: Undefined variable $title in /var/www/html/wp-content/themes/news/single.php on line 27", "de"),
    (SERVER_ERRORS, "Strict Standards: Non-static method Gallery::options() should not be called statically in "
                    "/www/htdocs/site/wp-content/plugins/gallery/gallery.php on line 410", "en"),
    (SERVER_ERRORS, r"Deprecated: Function create_function() is deprecated in C:\xampp\htdocs\index.php on line 3", "fr"),
])
def test_label_cleaners_remove_their_labels(step, chrome, language):
    assert removed(step, [chrome, *PROSE], language) == [chrome]


@pytest.mark.parametrize("step, text", [
    (PLACEHOLDERS, "Das Laden der Batterie dauert drei Stunden."),
    (ADS, "Die Anzeige wurde bei der Polizei erstattet."),
    (ADS, "Werbung für Tabak ist seit Jahren verboten."),
    (READING_TIME, "Die Lesedauer eines Romans hängt von vielen Dingen ab."),
    (NAVIGATION, "Startseite der Regierung war gestern nicht erreichbar."),
    (COMMENT_WIDGETS, "Er wollte den Vorfall melden, doch niemand hörte zu."),
    (SERVER_ERRORS, "Warning: Die Straße in Richtung Innenstadt bleibt bis Montag gesperrt."),
    (SERVER_ERRORS, "Notice: the bus in /route 12 stops on line 4 of the timetable only on Sundays, the council said."),
])
def test_label_cleaners_leave_sentences_alone(step, text):
    assert kept(step, [text, *PROSE]) == [text, *PROSE]

# -- share buttons -----------------------------------------------------------------------------------

@pytest.mark.parametrize("chrome, language", [
    ("Auf Facebook teilen", "de"), ("Auf WhatsApp teilen", "de"), ("Teilen", "de"), ("Facebook Twitter WhatsApp E-Mail", "de"),
    ("Share on X", "en"), ("Share this article", "en"), ("Tweet", "en"), ("Link kopieren", "de"), ("Per E-Mail teilen", "de"),
    # share buttons' screen-reader labels
    ("Click to share on Facebook (Opens in new window)", "en"), ("Click to email a link to a friend", "en"),
    ("Klick, um über Twitter zu teilen (Wird in neuem Fenster geöffnet)", "de"),
    ("Klicken, um dies einem Freund per E-Mail zu senden", "de"), ("Klicken zum Ausdrucken", "de"),
    ("Zum Teilen auf Flattr klicken (Wird in neuem Fenster geöffnet)", "de"),
])
def test_share_buttons_removed(chrome, language):
    assert removed(ShareButtons(), [chrome, *PROSE], language) == [chrome]


@pytest.mark.parametrize("text", [
    "Der Konzern Facebook teilte am Montag mit, dass er Tausende Konten gesperrt habe.",
    "Auf X teilen viele Politiker ihre Meinung, oft ohne nachzudenken.",
    "WhatsApp",  # would be chrome alone ... but see the next case: a heading with more words stays
    "WhatsApp und Telegram im Vergleich",
    "Klicken Sie auf Datei, um das Dokument mit Kollegen zu teilen, und warten Sie kurz.",
    "Click to share on Facebook, the guide says, and pick who sees the post",
])
def test_share_buttons_leave_article_text(text):
    result = kept(ShareButtons(), [text, *PROSE])
    if text == "WhatsApp":  # a lone network name is a follow link: removing it is right
        assert result == PROSE
    else:
        assert result == [text, *PROSE]

# -- icons and logos ---------------------------------------------------------------------------------

@pytest.mark.parametrize("chrome", ["Such Icon", "E-Mail Icon", "Newszone-Logo", "Facebook Logo"])
def test_icon_labels_removed(chrome):
    assert removed(IconLabels(), [chrome, *PROSE]) == [chrome]


@pytest.mark.parametrize("text", ["Das neue Logo", "Das Logo der Partei wurde neu gestaltet.", "Ein Icon der Popkultur"])
def test_icon_labels_leave_text(text):
    assert kept(IconLabels(), [text, *PROSE]) == [text, *PROSE]

# -- breadcrumbs -------------------------------------------------------------------------------------

@pytest.mark.parametrize("trail, crumbs", [
    ("HomePolitikAusland", ["Home", "Politik", "Ausland"]),
    ("Startseite > Sport > Fußball", ["Startseite", "Sport", "Fußball"]),
    ("Home / News / World", ["Home", "News", "World"]),
])
def test_breadcrumbs_removed_and_remembered(trail, crumbs):
    page = run(Breadcrumbs(), [trail, *PROSE])
    assert page.body_lines() == PROSE and page.state.breadcrumbs == tuple(crumbs)


def test_a_trail_that_ends_in_the_page_title_is_a_breadcrumb():
    trail = "Startseite » Rezepte » Kuchen » Saftiger Zitronenkuchen vom Blech: einfach und köstlich"
    page = run(Breadcrumbs(), [trail, *PROSE])
    assert page.body_lines() == PROSE and page.state.breadcrumbs == ("Startseite", "Rezepte", "Kuchen")


@pytest.mark.parametrize("trail, crumbs", [
    # a trail of › or » needs no home word: its first crumb is often the site's name
    ("Gartenwelt » Ratgeber » Wie man Tomaten richtig düngt", ["Gartenwelt", "Ratgeber"]),
    ("Business›Tech›Hardware", ["Business", "Tech", "Hardware"]),
    # a labelled trail, also of two crumbs
    ("You are here: Home » Travel » Ten quiet beaches in Portugal", ["Home", "Travel"]),
    ("Sie sind hier:Musikportal › CD-Kritiken", ["Musikportal", "CD-Kritiken"]),
    ("Navigation: Start» Wissen » Warum Hummeln im Sommer sterben", ["Start", "Wissen"]),
    # the page's title closing a trail may be a question
    ("Home » Archive » Is remote work here to stay?", ["Home", "Archive"]),
])
def test_trails_without_a_home_word_or_behind_a_label(trail, crumbs):
    page = run(Breadcrumbs(), [trail, *PROSE])
    assert page.body_lines() == PROSE and page.state.breadcrumbs == tuple(crumbs)


@pytest.mark.parametrize("text", [
    "Home Office wird zur Regel", "Home is where the heart is.", "HomeKit ist ein Produkt",
    "Home / Warum wir alle mehr Zeit im eigenen Garten verbringen sollten",
    # guillemets as quotes, a menu path in a sentence, a pingback's blog name, a list of tags
    "Er nannte es »Heimat« und »Zukunft« zugleich",
    "« Le pays » et « la nation » ne sont pas la même chose",
    "Klicken Sie auf Datei › Exportieren › PDF, um das Dokument zu speichern.",
    "Pingback: Ein Blog » Blog Archive » Ein Beitrag über Tomaten",
    "in › Gebäck, › Geschenke",
    "Politik » Ausland",  # two crumbs and no label: too little to tell
])
def test_breadcrumbs_leave_text(text):
    assert kept(Breadcrumbs(), [text, *PROSE]) == [text, *PROSE]

# -- menus -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("heading", [["Zutaten"], ["Die Zutaten (4 Personen)"], ["Zutaten", "Menge: 1 Blech"],
                                     ["Für 4 Portionen:"]])
def test_a_list_under_a_list_heading_is_no_menu(heading):
    items = ["200 g Zucker", "6 Eier", "350 g Mehl", "2 TL Backpulver", "1 Prise Salz"]
    lines = [*PROSE[:1], "", *heading, *items, "", *PROSE[1:]]
    assert kept(MenuRuns(), lines) == [PROSE[0], *heading, *items, *PROSE[1:]]


def test_a_colon_further_up_does_not_announce_a_menu():
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen"]
    lines = [*PROSE, "", "Beliebte Beiträge zum Thema:", "Warum die Wahl in Berlin wiederholt wird", *menu]
    assert kept(MenuRuns(), lines) == [*PROSE, "Beliebte Beiträge zum Thema:", "Warum die Wahl in Berlin wiederholt wird"]


def test_menu_runs_removed():
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen"]
    assert kept(MenuRuns(), [*menu, "", *PROSE]) == PROSE


def test_a_title_printed_under_a_menu_over_the_article_is_no_menu_item():
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen"]
    title = "Neues Klimagesetz beschlossen"
    assert kept(MenuRuns(), [*menu, title, "", *PROSE]) == [title, *PROSE]


def test_the_last_item_of_a_menu_over_a_short_line_or_a_one_word_item_goes():
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen"]
    assert kept(MenuRuns(), [*menu, "Neues Klimagesetz", "", "Mehr dazu", *PROSE]) == ["Mehr dazu", *PROSE]
    assert kept(MenuRuns(), [*menu, "", *PROSE]) == PROSE  # ("Wissen" is one word)


def test_a_title_under_a_menu_over_the_date_line_is_the_headline():
    menu = ["Politik", "Wirtschaft", "Sport", "Kultur", "Wissen"]
    found = cleannews.clean("\n".join([*menu, "Neues Klimagesetz beschlossen", "", "21.01.2024", "", *PROSE]),
                            language="de")
    assert found.headline == "Neues Klimagesetz beschlossen"


def test_menu_runs_leave_short_headings_and_announced_lists():
    text = [PROSE[0], "", "Kurze Zwischenzeile", "", PROSE[1], "Das Rezept braucht:", "200 g Mehl", "2 Eier", "1 Prise Salz", "Milch"]
    assert kept(MenuRuns(), text) == [l for l in text if l]


def test_menu_runs_leave_three_short_lines():
    text = ["Eins", "Zwei", "Drei", "", *PROSE]
    assert kept(MenuRuns(), text) == [l for l in text if l]

# -- foreign script labels ---------------------------------------------------------------------------

def test_foreign_script_label_removed():
    assert removed(ForeignScriptLabels(), ["Видео по теме", *PROSE]) == ["Видео по теме"]


def test_foreign_script_leaves_same_script_and_long_quotes():
    long_quote = "Он сказал, что переговоры будут продолжаться ещё несколько недель, и что стороны близки к соглашению."
    lines = ["Kurz und knapp", long_quote, *PROSE]
    assert kept(ForeignScriptLabels(), lines) == lines

# -- captions ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("chrome", [
    "Kim begrüsst Putin auf dem roten Teppich.Bild: keystone",
    "Putin im Wunderland ... Bild: keystone",
    "Putin bei Kim Jong-Il im Jahr 2000. Damals waren die Fotos noch schwarz-weiss.Bild: www.imago-images.de",
    "Russlands Präsident Wladimir Putin (r) und Kim Jong Un haben sich bereits getroffen. (Quelle: Alexander Zemlianichenko/AP Pool/dpa)",
    "Der Hafen von Hamburg am Morgen. Foto: © dpa",
    "Das Bild zeigt Wladimir Putin und Kim Jong-un bei ihrem Treffen.",
    "Auf diesem von der Agentur veröffentlichten Foto unterhalten sich zwei Staatschefs.",
    "FILE - In this file photo, Russian President Vladimir Putin clinks glasses with Kim Jong Il in Moscow ...",
    "epa11421544 Russian President Vladimir Putin (C) attends a ceremony in Pyongyang, North Korea, 19 June 2024. The Russi ...",
    "Vergrößern des Bildes",
    "Sakib Ali/Hindustan Times/Getty Images",
    "Natalie Naccache | Bloomberg | Getty Images",
    "Anna Muster (links) und Jan Muster (2. v. r.) bei der Eröffnung der Ausstellung",
    "Die Kinder waren damals alle noch sehr klein (Symbolbild).",
    "Abbildung: Vergleich der Schneehöhen auf dem Gletscher",
    "Blick auf die Altstadt von Bern am Abend © Bern Tourismus / Anna Muster",  # no full stop before the ©
])
def test_captions_removed(chrome):
    assert removed(Captions(), [PROSE[0], chrome, PROSE[1]]) == [chrome]


def test_zoom_label_takes_the_alt_text_above_and_truncated_description_goes_with_caption():
    lines = [PROSE[0], "", "Kim Jong Un und Wladimir Putin", "Vergrößern des Bildes", "",
             "North Korea's people attend the official welcome ceremony in Pyongyang, on W ...",
             "Putin im Wunderland ... Bild: keystone", "", PROSE[1]]
    assert kept(Captions(), lines) == [PROSE[0], PROSE[1]]


@pytest.mark.parametrize("text", [
    'Die "Bild"-Zeitung berichtete zuerst über den Fall, andere Medien folgten.',
    "Das sagte er der Bild: Die Lage sei ernst.",
    "Ein Bild sagt mehr als tausend Worte, heißt es.",
    "Die Quelle des Flusses liegt in den Alpen.",
    "Im vergangenen September dann trafen sich Putin und Kim im russischen Wladiwostok, wo diese Bilder entstanden sind:",
    "In this case, the photographer decided to wait.",
    "Ein-/Ausgang",
    "Der Vertrag gilt für Mieter/innen in Berlin und Hamburg.",
    "Das Logo © 2019 gehört der Stiftung, sagte die Sprecherin.",
    "Die Marke © Muster trägt das Zeichen seit 1990",  # no owner / photographer credit
])
def test_captions_leave_article_text(text):
    assert kept(Captions(), [PROSE[0], text, PROSE[1]]) == [PROSE[0], text, PROSE[1]]


@pytest.mark.parametrize("language, chrome", [
    ("en", "Minister Jane Doe (second from left) looks on as the chief executive speaks"),
    ("en", "Protesters gather outside the parliament building (file photo)"),
    ("fr", "Le ministre (à gauche) et la maire lors de l'inauguration du pont"),
    ("es", "El alcalde (a la izquierda) y la ministra durante la visita a la planta"),
])
def test_captions_saying_where_in_the_picture_removed_in_other_languages(language, chrome):
    assert removed(Captions(), [PROSE[0], chrome, PROSE[1]], language) == [chrome]


@pytest.mark.parametrize("language, text", [
    # a party's place on the spectrum, in brackets, is no place in a picture
    ("es", "El partido (izquierda) ganó las elecciones en tres provincias del país."),
    # an oven rack, a district
    ("de", "Im Ofen (Mitte) in 15 Minuten backen, bis die Plätzchen goldbraun sind."),
    # a trade-press opening that points at its one photo is running text
    ("de", "Mark Muster (Foto) übernimmt ab 1. November die Geschäftsführung des Unternehmens."),
    # a long paragraph that happens to hold "(links)"
    ("de", "Der Antrag der Fraktion, so heißt es im Protokoll, sei im Ausschuss ausführlich beraten "
           "worden; die Vertreter der Opposition (links) hätten sich enthalten, während die Mehrheit "
           "zugestimmt habe, was in der Sitzung zu einer langen Debatte über die Rolle der Ausschüsse "
           "und deren Zusammensetzung im kommenden Jahr führte."),
])
def test_brackets_that_do_not_point_at_a_picture_stay(language, text):
    assert kept(Captions(), [PROSE[0], text, PROSE[1]], language) == [PROSE[0], text, PROSE[1]]

# -- media players -----------------------------------------------------------------------------------

def test_media_player_label_and_its_title_removed():
    lines = [PROSE[0], "", "Putin in Nordkorea", "", "Dauer", "", "Putin in Nordkorea", "", "Zwischenüberschrift zum Thema", "", PROSE[1]]
    assert kept(MediaPlayers(), lines) == [PROSE[0], "Zwischenüberschrift zum Thema", PROSE[1]]


@pytest.mark.parametrize("chrome", ["Video: watson/Michael Shepherd", "Audio: SWR", "Externer Inhalt", "Play video", "Dauer 2:31 Min."])
def test_media_chrome_removed(chrome):
    assert removed(MediaPlayers(), [PROSE[0], chrome, PROSE[1]]) == [chrome]


@pytest.mark.parametrize("text", [
    "Hier siehst du den Empfang im Video:",
    "Das Video zeigt, wie die Polizei die Demonstranten auseinandertreibt.",
    "Die Dauer der Verhandlungen ist unklar.",
])
def test_media_leaves_article_text(text):
    assert kept(MediaPlayers(), [PROSE[0], text, PROSE[1]]) == [PROSE[0], text, PROSE[1]]


def test_media_credit_does_not_take_the_paragraph_after_it():
    lines = [PROSE[0], "Video: watson/Michael Shepherd", "", PROSE[1]]
    assert kept(MediaPlayers(), lines) == [PROSE[0], PROSE[1]]

# -- end sections ------------------------------------------------------------------------------------

ARTICLE = ["Überschrift des Artikels", "", *PROSE]


@pytest.mark.parametrize("step, header, tail", [
    (SOURCES, "Quellencheck", ["Wo haben wir unsere Infos her? Wir sagen es dir!", "Die dpa ist eine Nachrichtenagentur. Dort arbeiten Journalisten."]),
    (SOURCES, "Transparenzhinweis", ["• Dieser Text wurde mit maschineller Unterstützung erstellt und redaktionell geprüft."]),
    (COMMENTS, "86 Kommentare", ["Celtic Swiss", "Die Bros des Grauens. Menschenverachtender geht es nicht mehr.", "1517"]),
    (COMMENTS, "Leave a Reply", ["Your email address will not be published."]),
    (DONATIONS, "Würdest du gerne watson und unseren Journalismus unterstützen? Mehr erfahren", ["5 CHF", "15 CHF"]),
    (RELATED, "Das könnte dich auch noch interessieren:", ["Gaspipeline in Malaysia explodiert", "Bei der Explosion wurden viele Menschen verletzt."]),
    (RELATED, "You might also like", ["Another story about something else entirely, with a full sentence."]),
    (FOOTER, "© 2024 Beispiel Verlag GmbH", ["Impressum", "Datenschutz"]),
])
def test_end_sections_remove_from_their_header_to_the_end(step, header, tail):
    lines = [*ARTICLE, "", header, *tail]
    page = run(step, lines, headline=0)
    assert page.body_lines() == PROSE
    assert all(l.removal.cleaner == step.name for l in page.lines if l.text in tail)


def test_end_section_stops_at_the_next_section():
    lines = [*ARTICLE, "Quellencheck", "Die dpa ist eine Nachrichtenagentur.", "86 Kommentare", "Ein Kommentar."]
    page = run(SOURCES, lines, headline=0)
    assert page.body_lines() == [*PROSE, "86 Kommentare", "Ein Kommentar."]


@pytest.mark.parametrize("step, header", [(COMMENTS, "Kommentare"), (SOURCES, "Quellen"), (RELATED, "Weitere Artikel")])
def test_end_section_header_before_any_article_text_cuts_nothing(step, header):
    lines = ["Überschrift des Artikels", header, "", *PROSE]
    assert kept(step, lines, headline=0) == [header, *PROSE]


def test_a_section_header_above_the_main_run_cuts_nothing():
    lines = ["Überschrift des Artikels", "", "Ein Satz als Vorspann, den ein Anriss über dem Text zeigt.",
             "Schreibe einen Kommentar", *PROSE]
    page = page_of(lines)
    page.state.article_start = page.lines[0]
    page.state.main_run = MainRun(page.lines[4], page.lines[len(lines) - 1])
    COMMENTS(page)
    assert page.body_lines() == [lines[0], *lines[2:]]


@pytest.mark.parametrize("counter", ["0 Kommentare", "0 Comments", "[ 0 comments ]"])
def test_a_comment_counter_at_zero_cuts_nothing(counter):
    lines = [*ARTICLE[:3], counter, *PROSE[1:]]
    assert kept(COMMENTS, lines, headline=0) == [PROSE[0], counter, *PROSE[1:]]
    lines = [*ARTICLE[:3], counter.replace("0", "3"), *PROSE[1:]]
    assert kept(COMMENTS, lines, headline=0) == PROSE[:1]


@pytest.mark.parametrize("step, text", [
    (COMMENTS, "In den Kommentaren unter dem Video äußerten sich viele Leser empört."),
    (SOURCES, "Quellen aus dem Ministerium bestätigten den Bericht am Abend."),
    (DONATIONS, "Die Stiftung will unabhängigen Journalismus mit zehn Millionen Euro unterstützen."),
    (RELATED, "Auch interessant ist, was der Minister danach sagte."),
])
def test_end_section_words_inside_a_sentence_do_not_cut(step, text):
    lines = [*ARTICLE, text, PROSE[0]]
    assert kept(step, lines, headline=0) == [*PROSE, text, PROSE[0]]

# -- teasers, read more, article end -------------------------------------------------------------------

def test_read_more_label_and_linked_headline_removed():
    lines = [PROSE[0], "Lesen Sie auch:", "Neue Regeln für E-Scooter in der Stadt", PROSE[1], "Mehr zum Thema: Warum die Mieten steigen"]
    assert kept(ReadMoreBoxes(), lines) == [PROSE[0], PROSE[1]]


def test_read_more_leaves_sentences_about_reading():
    lines = [PROSE[0], "Lesen Sie auch die Packungsbeilage, bevor Sie das Mittel nehmen.", PROSE[1]]
    assert kept(ReadMoreBoxes(), lines) == lines


def test_truncated_teaser_removed_but_continued_ellipsis_kept():
    teaser = 'Russland-Ukraine-Krieg "Gefährlicher Schritt": Putin warnt Deutschland vor …'
    continued = ["US-Präsident Joe Biden warnt Nordkorea vor Waffen-Deals ...", "... und droht mit Sanktionen. Das sagte ein Sprecher."]
    lines = [PROSE[0], "", *continued, "", teaser, PROSE[1]]
    assert kept(TruncatedTeasers(), lines) == [PROSE[0], *continued, PROSE[1]]


def test_prose_trailing_off_with_an_ellipsis_is_not_a_teaser():
    lines = [PROSE[0], "Unsinn! Sie haben auch einmal ganz klein angefangen, genau wie du …", PROSE[1]]
    assert kept(TruncatedTeasers(), lines) == lines


def test_article_end_removes_trailing_labels_and_teaser_summaries():
    lines = ["Überschrift", "", *PROSE, "", "Russland-Krieg: Putin warnt Deutschland vor …", "",
             "Seit Kurzem darf die Ukraine Ziele angreifen. Putin droht mit Konsequenzen.", "", "LUNA SWR3", "", "Quellencheck", "Text."]
    page = run(TruncatedTeasers(), lines, headline=0)
    ArticleEnd()(page)
    assert page.body_lines() == [*PROSE, "Quellencheck", "Text."]


def test_article_end_keeps_a_final_sentence_and_a_closing_intro():
    lines = ["Überschrift", "", *PROSE, "", "Der 71-Jährige sagte, wie schön alles sei. Wie könnte er auch anders, bei diesen Bildern:"]
    assert kept(ArticleEnd(), lines, headline=0) == lines[2:5] + [lines[-1]]


# -- author bio ----------------------------------------------------------------------------------

def _with_byline(lines: list[str], *names: str):
    page = page_of(lines)
    page.fields["byline"] = names
    AuthorBio()(page)
    return page


@pytest.mark.parametrize("bio", [
    "Anna Muster ist Redakteurin im Ressort Politik und schreibt über Energie und Klima.",
    "Anna Muster, Jahrgang 1979, ist Redakteurin im Ressort Politik.",
    "Anna B. Muster arbeitete viele Jahre als Korrespondentin in Brüssel.",
])
def test_the_authors_bio_under_the_article_is_removed(bio):
    page = _with_byline([*PROSE, "Anna Muster", bio], "Anna Muster")
    assert page.body_lines() == PROSE
    assert {line.removal.cleaner for line in page.lines if line.removal} == {"author_bio"}


@pytest.mark.parametrize("line", [
    "Anna Muster: Klimapolitik in der Krise. Berlin 2021.",      # a reference, not a sentence about her
    "Max Muster ist Sprecher der Initiative und fordert mehr Geld.",  # someone else
    "Die Autorin Anna Muster ist Redakteurin im Ressort Politik.",  # does not open with the name
])
def test_other_closing_lines_stay(line):
    assert _with_byline([*PROSE, line], "Anna Muster").body_lines() == [*PROSE, line]


def test_a_paragraph_under_a_line_holding_only_the_authors_name_is_the_bio():
    bio = "Senior editor with a focus on all things tech and gaming. Lives in Portland."
    page = _with_byline([*PROSE, "Anna Muster", bio], "Anna Muster")
    assert page.body_lines() == PROSE


@pytest.mark.parametrize("title", ["Über Moritz Bachmann", "Über Moritz Bachmann:"])
def test_an_about_box_naming_a_person_goes_without_a_byline(title):
    bio = "Als Vertriebsleiter bildet Moritz Bachmann die Schnittstelle zwischen Kunden und Technik."
    assert _with_byline([*PROSE, title, bio]).body_lines() == PROSE


@pytest.mark.parametrize("lines", [
    ["Über die Studie", "Die Studie wurde an der Universität Bonn mit 2000 Teilnehmern durchgeführt."],  # no name
    ["Über Moritz Bachmann", "Die Studie wurde an der Universität Bonn mit 2000 Teilnehmern durchgeführt."],  # not about him
])
def test_other_about_sections_stay(lines):
    assert _with_byline([*PROSE, *lines]).body_lines() == [*PROSE, *lines]


def test_a_byline_per_author_and_the_agency_signature_go():
    page = run(Byline(), ["Von Anna Muster", "Von Max Beispiel", *PROSE, "(dpa/afp)"])
    assert page.body_lines() == PROSE and page.fields["byline"] == ["Anna Muster", "Max Beispiel"]


def test_byline_repeats_go():
    page = run(Byline(), ["Von Anna Muster", "Von Anna Muster", *PROSE])
    assert page.body_lines() == PROSE and page.fields["byline"] == ["Anna Muster"]


def test_no_bio_is_taken_without_a_byline_or_from_the_articles_opening():
    bio = "Anna Muster ist Redakteurin im Ressort Politik und schreibt über Energie und Klima."
    assert _with_byline([*PROSE, bio]).body_lines() == [*PROSE, bio]
    assert _with_byline([bio, *PROSE], "Anna Muster").body_lines() == [bio, *PROSE]
