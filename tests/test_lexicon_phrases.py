"""The lexicons' phrase data, language by language: chrome the steps that read it must remove,
and article sentences with similar words that they must leave alone."""

from __future__ import annotations

import pytest

import cleannews
from cleannews import Lexicon
from cleannews.cleaners.labels import ADS, COMMENT_WIDGETS, PLACEHOLDERS, READING_TIME
from cleannews.cleaners.navigation import NAVIGATION
from cleannews.cleaners.after_main_text import AfterMainText
from cleannews.cleaners.line_classes import LineClassifier
from cleannews.cleaners.line_features import line_features, ui_pattern
from cleannews.cleaners.main_text import MainText
from cleannews.cleaners.end_sections import COMMENTS, DONATIONS, FOOTER, RELATED
from cleannews.cleaners.social import ShareButtons
from cleannews.cleaners.read_more import ReadMoreBoxes
from cleannews.fields.byline import Byline
from cleannews.fields.dates import PublishedDate
from cleannews.language import detect_language, stopwords
from cleannews.lexicon import available_languages
from helpers import kept, page_of, run

#: Three paragraphs of plain news prose per language.
PROSE = {
    "en": [
        "The city council voted on Tuesday to approve a new budget that increases spending on public transport by a fifth.",
        "Opponents said the plan would raise taxes for families who already struggle with the rising cost of living in the area.",
        "The mayor said the money would come from a fund that was set up after the last election and has not been used since then.",
    ],
    "de": [
        "Der Bundestag hat am Donnerstag nach langer Debatte ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen.",
        "Die Opposition kritisierte den Entwurf als unzureichend, die Regierung verteidigte ihn als wichtigen ersten Schritt.",
        "Experten rechnen damit, dass die neuen Regeln im Frühjahr in Kraft treten und die Preise langfristig senken werden.",
    ],
    "fr": [
        "Le gouvernement a présenté mercredi un projet de loi qui doit encadrer les loyers dans les grandes villes du pays.",
        "Les associations de locataires saluent une avancée, mais jugent les mesures encore trop timides pour les familles.",
        "Le texte sera examiné par les députés au printemps, avant un vote définitif prévu pour la fin de l'année prochaine.",
    ],
    "es": [
        "El Gobierno aprobó este martes en el Consejo de Ministros el proyecto de ley que regula los alquileres en el país.",
        "La norma limita las subidas de los precios en las zonas tensionadas y amplía las ayudas para los jóvenes y las familias.",
        "Los grupos de la oposición anunciaron que presentarán enmiendas cuando el texto llegue al Congreso en las próximas semanas.",
    ],
    "it": [
        "Il governo ha approvato martedì in Consiglio dei ministri il disegno di legge che regola gli affitti nelle grandi città.",
        "La norma limita gli aumenti dei prezzi nelle zone più care e amplia gli aiuti per i giovani e per le famiglie numerose.",
        "I partiti di opposizione hanno annunciato che presenteranno emendamenti quando il testo arriverà in Parlamento.",
    ],
    "nl": [
        "Het kabinet heeft dinsdag een wetsvoorstel gepresenteerd dat de huren in de grote steden aan banden moet leggen.",
        "Huurdersverenigingen spreken van een stap vooruit, maar vinden de maatregelen nog te beperkt voor de gezinnen.",
        "Het voorstel wordt in het voorjaar door de Tweede Kamer besproken, de stemming is voor het einde van het jaar gepland.",
    ],
    "pt": [
        "O governo aprovou nesta terça-feira em Conselho de Ministros o projeto de lei que regula as rendas nas grandes cidades.",
        "A norma limita os aumentos dos preços nas zonas mais caras e amplia os apoios para os jovens e para as famílias.",
        "Os partidos da oposição anunciaram que vão apresentar propostas de alteração quando o texto chegar ao parlamento.",
    ],
    "pl": [
        "Rząd przyjął we wtorek projekt ustawy, który ma ograniczyć wzrost czynszów w największych miastach w całym kraju.",
        "Stowarzyszenia lokatorów mówią o kroku naprzód, ale uważają, że zmiany są wciąż zbyt skromne dla rodzin z dziećmi.",
        "Projekt trafi do Sejmu wiosną, a ostateczne głosowanie nad nim zaplanowano na koniec przyszłego roku.",
    ],
}
MENU = ["Home", "World", "Business", "Politics", "Sport", "Culture"]


def is_ui(text: str, language: str) -> bool:
    """True when the main_text scorer judges the line alone to be UI text."""
    features = line_features(text, stopwords(language), ui_pattern(Lexicon.load(language)))
    return LineClassifier().classify(features).evidence.startswith("UI text")


def blank_separated(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out


def scored_body(lines: list[str], language: str) -> list[str]:
    page = page_of(lines, language)
    MainText()(page)
    AfterMainText()(page)
    return page.body_lines()


# -- [scorer] ui and ui_re -----------------------------------------------------------------------

@pytest.mark.parametrize("language, line", [
    ("en", "This entry was posted in Politics and tagged budget, council. Bookmark the permalink."),
    ("en", "Your email address will not be published. Required fields are marked *"),
    ("en", "Save my name, email, and website in this browser for the next time I comment."),
    ("en", "Leave a Reply Cancel reply"),
    ("en", "Did you like this article? Share it with your friends!"),
    ("en", "Order the current issue now"),
    ("en", "Recommended for you"),
    ("en", "3 responses to “Council approves the budget”"),
    ("en", "Categories: Politics, City"),
    ("en", "Click to share on Facebook (Opens in new window)"),
    ("en", "This site uses Akismet to reduce spam. Learn how your comment data is processed."),
    ("de", "Wir verwenden Cookies, um Ihnen das beste Angebot zu zeigen."),
    ("fr", "Votre navigateur ne supporte pas la lecture de cette vidéo."),
    ("de", "Dieser Beitrag wurde unter Politik veröffentlicht. Setze ein Lesezeichen auf den Permalink."),
    ("de", "Schreibe einen Kommentar Antwort abbrechen"),
    ("de", "Ich akzeptiere die Datenschutzbestimmungen."),
    ("de", "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert"),
    ("de", "Hat Ihnen dieser Artikel gefallen? Dann teilen Sie ihn!"),
    ("de", "Jetzt im Abo lesen"),
    ("de", "Für dich empfohlen"),
    ("de", "Schlagwörter: Bundestag, Energie, Gesetz"),
    ("fr", "Laisser un commentaire Annuler la réponse"),
    ("fr", "Votre adresse e-mail ne sera pas publiée."),
    ("fr", "J’accepte la politique de confidentialité"),
    ("fr", "Vous avez aimé cet article ? Partagez-le !"),
    ("fr", "Étiquettes : logement, loyers"),
    ("fr", "Cet article est réservé aux abonnés"),
    ("es", "Deja una respuesta Cancelar respuesta"),
    ("es", "Tu dirección de correo electrónico no será publicada."),
    ("es", "He leído y acepto la política de privacidad"),
    ("es", "¿Te ha gustado este artículo? Compártelo"),
    ("es", "Etiquetas: vivienda, alquiler"),
    ("es", "Suscríbete a nuestro boletín"),
    ("it", "Lascia un commento Annulla risposta"),
    ("it", "Il tuo indirizzo email non sarà pubblicato."),
    ("it", "Ho letto e accetto l'informativa sulla privacy"),
    ("it", "Tag: affitti, governo"),
    ("it", "Contenuto riservato agli abbonati"),
    ("nl", "Laat een reactie achter Reactie annuleren"),
    ("nl", "Je e-mailadres wordt niet gepubliceerd."),
    ("nl", "Ik ga akkoord met de privacyverklaring"),
    ("nl", "Trefwoorden: huur, kabinet"),
    ("nl", "Word abonnee en lees onbeperkt"),
    ("pt", "Deixe uma resposta Cancelar resposta"),
    ("pt", "O seu endereço de email não será publicado."),
    ("pt", "Li e aceito a política de privacidade"),
    ("pt", "Gostou deste artigo? Partilhe com os seus amigos"),
    ("pt", "Etiquetas: habitação, rendas"),
    ("pl", "Dodaj komentarz Anuluj odpowiedź"),
    ("pl", "Twój adres e-mail nie zostanie opublikowany."),
    ("pl", "Akceptuję regulamin i politykę prywatności"),
    ("pl", "Podobał ci się ten artykuł? Udostępnij go znajomym"),
    ("pl", "Tagi: czynsze, rząd"),
    ("pl", "Zapisz się do newslettera"),
    ("pl", "2 odpowiedzi na „Rząd ogranicza czynsze”"),
])
def test_ui_phrases_make_a_short_line_chrome(language, line):
    assert is_ui(line, language)


@pytest.mark.parametrize("language, line", [
    ("en", "The video was posted in March and shared widely."),
    ("en", "Readers asked us to publish the full list of responses."),
    ("en", "She did not like the plan and said so."),
    ("en", "The tags on the bags were changed, police said."),
    ("en", "The bakery uses cookies from a local supplier."),
    ("de", "Der Browser unterstützt die neue Funktion noch nicht."),
    ("de", "Der Beitrag wurde im Ausschuss kontrovers diskutiert."),
    ("de", "Die neuen Datenschutzbestimmungen gelten ab Mai."),
    ("de", "Wir haben die Kommentare ausgewertet."),
    ("de", "Themen wie Klima und Energie bestimmten den Wahlkampf."),
    ("fr", "Le ministre a accepté de laisser un délai aux communes."),
    ("fr", "La liste ne sera pas publiée avant lundi."),
    ("es", "La lista no será publicada hasta el lunes."),
    ("es", "El usuario inicia sesión con su huella dactilar."),
    ("it", "Il nome non sarà pubblicato fino a lunedì."),
    ("nl", "Het rapport wordt niet gepubliceerd, zegt de minister."),
    ("pt", "O relatório não será publicado antes de segunda-feira."),
    ("pl", "Zapoznałem się z raportem, powiedział minister."),
    ("pl", "Oferta dla subskrybentów wchodzi w życie w maju."),
])
def test_article_sentences_with_similar_words_are_not_ui(language, line):
    assert not is_ui(line, language)


@pytest.mark.parametrize("language, promos", [
    ("en", ["This entry was posted in City and tagged budget.", "Leave a Reply"]),
    ("de", ["Dieser Beitrag wurde unter Politik veröffentlicht.", "Schreibe einen Kommentar"]),
    ("fr", ["Inscrivez-vous à notre newsletter pour recevoir nos articles chaque semaine."]),
    ("es", ["Suscríbete a nuestro boletín y recibe las noticias cada mañana en tu correo."]),
    ("it", ["Iscriviti alla newsletter per ricevere ogni mattina le notizie della tua città."]),
    ("nl", ["Schrijf je in voor onze nieuwsbrief en ontvang elke ochtend het laatste nieuws."]),
    ("pt", ["Receba a nossa newsletter com as notícias do dia no seu email todas as manhãs."]),
    ("pl", ["Zapisz się do newslettera i otrzymuj codziennie najważniejsze wiadomości z kraju."]),
])
def test_promos_at_the_end_of_the_article_go_and_its_last_paragraph_stays(language, promos):
    prose = PROSE[language]
    lines = MENU + [""] + blank_separated(prose + promos)
    assert scored_body(lines, language) == prose

# -- closing sections ----------------------------------------------------------------------------

@pytest.mark.parametrize("language, step, header", [
    ("fr", COMMENTS, "Réagir à cet article"), ("fr", RELATED, "Ces articles pourraient vous intéresser"),
    ("fr", FOOTER, "Le Journal 2024 - Tous droits réservés"), ("fr", DONATIONS, "Soutenez-nous"),
    ("es", COMMENTS, "Deja tu comentario"), ("es", RELATED, "Quizás te interese"),
    ("es", FOOTER, "Prohibida su reproducción total o parcial"), ("es", DONATIONS, "Apóyanos"),
    ("it", COMMENTS, "Commenta la notizia"), ("it", RELATED, "Potrebbero interessarti"),
    ("it", FOOTER, "Il Giornale - Riproduzione riservata"), ("it", DONATIONS, "Sostienici"),
    ("nl", COMMENTS, "Eén reactie op “Kabinet beperkt huren”"), ("nl", RELATED, "Meer artikelen"),
    ("nl", FOOTER, "De Krant 2024. Alle rechten voorbehouden."), ("nl", DONATIONS, "Bedankt voor je steun!"),
    ("pt", COMMENTS, "Deixe o seu comentário"), ("pt", RELATED, "Recomendado para você"),
    ("pt", FOOTER, "Jornal 2024 - Todos os direitos reservados"), ("pt", DONATIONS, "Obrigado pelo seu apoio!"),
    ("pl", COMMENTS, "12 komentarzy"), ("pl", COMMENTS, "Komentarze (12)"), ("de", COMMENTS, "Kommentare (12)"),
    ("en", COMMENTS, "Comments (3)"), ("pl", RELATED, "Może cię zainteresować"),
    ("pl", FOOTER, "Gazeta 2024. Wszelkie prawa zastrzeżone."), ("pl", DONATIONS, "Wesprzyj nas"),
])
def test_closing_section_headers_end_the_article(language, step, header):
    tail = ["Un titre d'un autre article", "Another line of the closing section"]
    page = run(step, ["Titel", "", *PROSE[language], "", header, *tail], language, headline=0)
    assert page.body_lines() == PROSE[language]
    assert all(line.removal is not None and line.removal.cleaner == step.name for line in page.lines if line.text in tail)


@pytest.mark.parametrize("language, step, text", [
    ("fr", COMMENTS, "Vos commentaires sur ce projet seront lus par le ministre, a-t-il promis."),
    ("fr", FOOTER, "Tous droits réservés, disait l'affiche, mais personne n'y prêtait attention."),
    ("es", RELATED, "Lo último que dijo el ministro fue que no habría más subidas."),
    ("it", DONATIONS, "Sostienici, ha detto il sindaco ai cittadini durante la riunione di ieri."),
    ("nl", RELATED, "Meer artikelen over dit onderwerp volgen volgende week, zegt de redactie."),
    ("pt", COMMENTS, "Comentar a decisão do tribunal não foi possível, disse o ministro."),
    ("pl", RELATED, "Polecamy ten projekt wszystkim gminom, powiedział minister."),
    ("pl", DONATIONS, "Wesprzyj nas, apelował burmistrz do mieszkańców podczas wczorajszej sesji."),
    ("es", DONATIONS, "Apóyanos, pidió el alcalde a los vecinos durante la reunión de ayer."),
])
def test_closing_section_words_inside_a_sentence_do_not_cut(language, step, text):
    lines = ["Titel", "", *PROSE[language], text, PROSE[language][0]]
    assert kept(step, lines, language, headline=0) == [*PROSE[language], text, PROSE[language][0]]


@pytest.mark.parametrize("language, label", [
    ("fr", "À lire également"), ("es", "Lea más"), ("it", "Leggi pure"), ("nl", "Lees hier meer"),
    ("pt", "Confira também"), ("pl", "Czytaj także"),
])
def test_read_more_labels_and_their_headline_go(language, label):
    prose = PROSE[language]
    lines = [prose[0], label, "Der Titel eines anderen Artikels hier", prose[1]]
    assert kept(ReadMoreBoxes(), lines, language) == [prose[0], prose[1]]

# -- Polish ------------------------------------------------------------------------------------------

def test_polish_has_a_lexicon_and_is_detected():
    assert "pl" in available_languages()
    assert detect_language("\n".join(PROSE["pl"])) == "pl"
    assert Lexicon.load("pl").list("share", "words")


@pytest.mark.parametrize("step, line", [
    (ADS, "Reklama"), (ADS, "Materiał sponsorowany"), (ADS, "Dalsza część artykułu pod reklamą"),
    (PLACEHOLDERS, "Trwa ładowanie..."), (NAVIGATION, "Strona główna"), (NAVIGATION, "Polityka prywatności"),
    (READING_TIME, "Czas czytania: 4 min"), (COMMENT_WIDGETS, "Zgłoś nadużycie"),
])
def test_polish_one_line_labels_go(step, line):
    assert kept(step, [line, *PROSE["pl"]], "pl") == PROSE["pl"]


@pytest.mark.parametrize("step, line", [
    (ADS, "Reklama telewizyjna kosztowała firmę kilka milionów złotych."),
    (NAVIGATION, "Strona główna urzędu nie działała przez cały dzień."),
    (COMMENT_WIDGETS, "Zgłoś się na policję, radzą eksperci."),
])
def test_polish_sentences_with_label_words_stay(step, line):
    assert kept(step, [line, *PROSE["pl"]], "pl") == [line, *PROSE["pl"]]


def test_polish_share_bar_goes():
    assert kept(ShareButtons(), ["Udostępnij", "Facebook", "Skopiuj link", *PROSE["pl"]], "pl") == PROSE["pl"]


def test_polish_byline_and_date():
    page = run(Byline(), ["Rząd ogranicza czynsze", "Autor: Anna Nowak", "5 stycznia 2024 r., godz. 12:30", *PROSE["pl"]], "pl")
    PublishedDate()(page)
    assert page.fields["byline"] == ["Anna Nowak"]
    assert str(page.fields["date"]) == "2024-01-05"


def test_a_polish_page_is_cleaned_end_to_end():
    prose = PROSE["pl"]
    text = "\n".join(["Strona główna", "Kraj", "Świat", "", "Rząd ogranicza czynsze", "Autor: Anna Nowak",
                      "12 marca 2024", "", *blank_separated(prose), "Tagi: czynsze, rząd", "",
                      "Czytaj także", "Nowe przepisy dla najemców od lipca", "",
                      "Komentarze", "Jan: Najwyższy czas!"])
    article = cleannews.clean(text, input_format="text")
    assert article.language == "pl"
    assert article.headline == "Rząd ogranicza czynsze"
    assert article.byline == ("Anna Nowak",)
    assert article.body.split("\n\n") == prose
