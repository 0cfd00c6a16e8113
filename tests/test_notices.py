"""The notices step: a publisher's standing notice goes wherever it stands, named by its family;
article sentences that use the same words stay. Also the post-navigation labels, and the
lexicons of the Nordic languages and Czech."""

from __future__ import annotations

import pytest

import cleannews
from cleannews import Lexicon
from cleannews.cleaners.glue import SplitGluedSpans
from cleannews.cleaners.notices import DEFAULT_FAMILIES, FAMILIES, Notices
from cleannews.cleaners.end_sections import COMMENTS, FOOTER, RELATED
from cleannews.cleaners.read_more import ReadMoreBoxes
from cleannews.fields.byline import Byline
from cleannews.fields.dates import PublishedDate
from cleannews.language import detect_language
from cleannews.lexicon import available_languages
from helpers import kept, run
from test_lexicon_phrases import PROSE, is_ui

NOTICES = Notices()

# -- notices: chrome that must go, by family -----------------------------------------------------

REMOVED = [
    ("en", "affiliate", "This post contains affiliate links, which means we may receive a small commission."),
    ("en", "affiliate", "We may earn a commission when you buy through links on our site."),
    ("en", "affiliate", "If you buy something through our links, we may earn a commission."),
    ("en", "affiliate", "* Affiliate links"),
    ("de", "affiliate", "Wenn Sie über diese Links einkaufen, erhalten wir ggf. eine Provision."),
    ("de", "affiliate", "Die mit * gekennzeichneten Links sind sogenannte Affiliate-Links."),
    ("fr", "affiliate", "Cet article contient des liens d'affiliation."),
    ("es", "affiliate", "Si compras a través de nuestros enlaces, podemos recibir una comisión."),
    ("pl", "affiliate", "Artykuł zawiera linki afiliacyjne."),
    ("en", "opinion", "The views expressed in this article are those of the author and do not necessarily reflect ours."),
    ("de", "opinion", "Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion."),
    ("fr", "opinion", "Cette tribune n'engage que son auteur."),
    ("es", "opinion", "Las opiniones expresadas en este artículo son responsabilidad exclusiva de su autor."),
    ("pt", "opinion", "As opiniões expressas neste artigo são de inteira responsabilidade do autor."),
    ("en", "rights", "This work is licensed under a Creative Commons Attribution 4.0 International License."),
    ("en", "rights", "This material may not be published, broadcast, rewritten or redistributed."),
    ("de", "rights", "Alle Rechte vorbehalten. Nachdruck nur mit Genehmigung der Redaktion."),
    ("it", "rights", "Riproduzione riservata"),
    ("nl", "rights", "Niets uit deze uitgave mag zonder toestemming worden overgenomen."),
    ("en", "cookies", "This website uses cookies to improve your experience."),
    ("en", "cookies", "We and our partners use cookies to personalise content and ads."),
    ("en", "cookies", "By continuing to browse the site you are agreeing to our use of cookies."),
    ("en", "cookies", "Necessary cookies are absolutely essential for the website to function properly."),
    ("en", "cookies", "Accept all cookies"),
    ("en", "cookies", "Cookie Settings"),
    ("de", "cookies", "Diese Website verwendet Cookies, um Ihnen den bestmöglichen Service zu bieten."),
    ("de", "cookies", "Wir verwenden Cookies und ähnliche Technologien auf unserer Website."),
    ("de", "cookies", "Durch die weitere Nutzung der Seite stimmen Sie der Verwendung von Cookies zu."),
    ("de", "cookies", "Alle Cookies akzeptieren"),
    ("fr", "cookies", "Nous utilisons des cookies pour vous garantir la meilleure expérience sur notre site."),
    ("es", "cookies", "Este sitio web utiliza cookies para mejorar su experiencia."),
    ("it", "cookies", "Questo sito utilizza cookie tecnici e di profilazione."),
    ("nl", "cookies", "Deze website maakt gebruik van cookies."),
    ("pt", "cookies", "Este site utiliza cookies para melhorar a sua experiência."),
    ("pl", "cookies", "Ta strona używa plików cookies w celu świadczenia usług."),
    ("sv", "cookies", "Vi använder kakor för att ge dig den bästa upplevelsen på vår webbplats."),
    ("da", "cookies", "Denne hjemmeside bruger cookies til statistik."),
    ("no", "cookies", "Vi bruker informasjonskapsler for å forbedre tjenestene våre."),
    ("fi", "cookies", "Käytämme evästeitä parantaaksemme sivuston käyttökokemusta."),
    ("cs", "cookies", "Tento web používá soubory cookie k poskytování služeb."),
    ("en", "consent", "By signing up, you agree to our Terms of Use and acknowledge our Privacy Policy."),
    ("de", "consent", "Ich willige ein, dass meine Daten zum Versand des Newsletters verwendet werden."),
    ("de", "consent", "Mit dem Absenden des Formulars akzeptierst du unsere Datenschutzerklärung."),
    ("fr", "consent", "En vous inscrivant, vous acceptez nos conditions générales d'utilisation."),
    ("it", "consent", "Ho letto e accetto l'informativa sulla privacy."),
    ("en", "newsletter", "Enter your email address to subscribe to this blog and receive notifications of new posts by email."),
    ("de", "newsletter", "Ihre E-Mail-Adresse wird nur für den Versand des Newsletters verwendet."),
    ("es", "newsletter", "Introduce tu correo electrónico para recibir nuestro boletín."),
    ("en", "comment_policy", "Comments are moderated and will appear after approval."),
    ("de", "comment_policy", "Die Kommentarfunktion ist für diesen Artikel deaktiviert."),
    ("pl", "comment_policy", "Redakcja nie ponosi odpowiedzialności za treść komentarzy."),
    ("en", "paywall", "To continue reading this story, subscribe or log in."),
    ("de", "paywall", "Dieser Artikel ist exklusiv für Abonnenten."),
    ("fr", "paywall", "Pour lire la suite de cet article, abonnez-vous."),
    ("en", "channels", "Follow us on Instagram for more stories like this."),
    ("de", "channels", "Folgen Sie uns auf Facebook und Instagram!"),
    ("es", "channels", "Síguenos en Instagram"),
    ("en", "donation", "Your support helps us keep our journalism free for everyone."),
    ("de", "donation", "Jede Spende hilft uns, unabhängigen Journalismus zu machen."),
    ("nl", "donation", "Steun onafhankelijke journalistiek"),
    ("en", "post_meta", "Posted by Jane Doe at 10:30 AM"),
    ("de", "post_meta", "Eingestellt von Anna Muster um 09:12"),
    ("en", "sponsor", "Sponsored by Example Outdoor Gear"),
    ("de", "sponsor", "Dieser Artikel entstand in Kooperation mit der Tourismuszentrale."),
    ("en", "tags", "Tags: budget, council, transport"),
    ("de", "tags", "Schlagwörter: Bundestag, Energie"),
    ("fr", "tags", "Mots-clés : logement, loyers"),
    ("en", "feedback", "Spotted an error? Let us know."),
    ("de", "feedback", "Haben Sie einen Fehler entdeckt? Schreiben Sie uns."),
    ("en", "newsletter", "Get the best stories delivered straight to your inbox."),
    ("de", "newsletter", "Erhalten Sie jeden Morgen die wichtigsten Nachrichten in Ihr Postfach."),
    ("es", "newsletter", "Recibí las noticias más importantes en tu correo."),
    ("sv", "rights", "Alla rättigheter förbehållna."),
    ("da", "newsletter", "Tilmeld dig vores nyhedsbrev og få nyhederne hver morgen."),
    ("no", "channels", "Følg oss på Facebook"),
    ("fi", "paywall", "Tämä artikkeli on vain tilaajille."),
    ("cs", "consent", "Souhlasím se zpracováním osobních údajů."),
]


@pytest.mark.parametrize("language, family, line", REMOVED)
def test_a_notice_goes_and_its_family_is_named(language, family, line):
    page = run(NOTICES, [*PROSE["de" if language not in PROSE else language][:1], line], language)
    removed = [ln.removal for ln in page.lines if ln.removal is not None]
    assert len(removed) == 1 and removed[0].text == line and removed[0].cleaner == "notices"
    assert removed[0].reason.startswith(FAMILIES[family])


def test_a_notice_in_the_middle_of_the_article_goes_too():
    prose = PROSE["en"]
    lines = [prose[0], "This article contains affiliate links.", prose[1], prose[2]]
    assert kept(NOTICES, lines, "en") == prose


def test_a_very_long_line_that_starts_like_a_notice_stays():
    line = "All rights reserved, the lawyer said, " + " ".join(["and then the court heard more"] * 15) + "."
    assert kept(NOTICES, [line], "en") == [line]


# -- notices: article sentences with the same words ----------------------------------------------

@pytest.mark.parametrize("language, line", [
    ("en", "Affiliate marketing is a booming business, analysts say."),
    ("en", "We may earn more money next year, the chief executive said."),
    ("en", "Every donation helps the shelter, volunteers said on Sunday."),
    ("en", "The views of the residents were ignored by the council."),
    ("en", "I agree with the mayor that the budget is far too small."),
    ("en", "By signing up, residents get a free bus pass for a year."),
    ("en", "If you buy a house this year, expect higher interest rates."),
    ("en", "Download speeds have doubled since last year."),
    ("en", "Join us on Saturday for the parade, the organisers said."),
    ("en", "Comments from the minister drew criticism from all sides."),
    ("de", "Wenn Sie beim Makler kaufen, zahlen Sie eine Provision."),
    ("de", "Die Firma erhält eine Provision für jeden Verkauf, sagte der Sprecher."),
    ("de", "Jede Spende hilft, sagte die Vorsitzende des Tierheims."),
    ("de", "Ich stimme dem Minister in diesem Punkt ausdrücklich zu."),
    ("de", "Die Veröffentlichung des Berichts ohne Genehmigung ist strafbar."),
    ("de", "Kommentare in sozialen Netzwerken werden oft nicht geprüft, sagt die Forscherin."),
    ("de", "Folgen Sie der Straße bis zur nächsten Kreuzung."),
    ("fr", "Si vous achetez une maison, la commission de l'agence est élevée."),
    ("fr", "Les propos du ministre ont choqué l'opposition."),
    ("es", "Las opiniones de los vecinos no fueron tenidas en cuenta."),
    ("es", "Los comentarios del ministro fueron muy criticados."),
    ("pl", "Możemy się spodziewać podwyżek, powiedział minister."),
    ("pl", "Komentarze polityków były bardzo ostre."),
    ("sv", "Stöd till Ukraina ökar, säger regeringen."),
    ("en", "Presented by the mayor, the plan drew criticism from across the council."),
    ("de", "Unterstützt von der Polizei durchsuchten Beamte das Haus."),
    ("de", "Jeden Morgen fährt der Bus um sieben Uhr ab."),
    ("en", "The best way to get there is by train."),
    ("en", "We use brown butter in these cookies to give them a nutty flavour."),
    ("en", "These cookies are best stored in an airtight container."),
    ("en", "Other cookies are crunchier, but these stay soft for days."),
    ("en", "Browsers store cookies, small files that websites use to remember you, the study found."),
    ("de", "Wir verwenden für diese Cookies Dinkelmehl und braune Butter."),
    ("de", "Andere Cookies sind knuspriger, sagt die Bäckerin."),
    ("de", "Die Datenschutzbehörde prüft, ob die Verwendung von Cookies rechtmäßig ist."),
    ("fr", "Ces cookies sont délicieux avec un verre de lait."),
    ("sv", "Vi använder färska kakor till efterrätten i år."),
    ("en", "Google uses cookies to track users across websites, the regulator said."),
    ("de", "Google nutzt Cookies, um Nutzer über viele Websites hinweg zu verfolgen, sagt die Behörde."),
])
def test_article_sentences_with_notice_words_stay(language, line):
    assert kept(NOTICES, [line], language) == [line]


def test_first_published_notes_are_opt_in():
    line = "This article was originally published on a partner site."
    assert "provenance" not in DEFAULT_FAMILIES
    assert kept(NOTICES, [line], "en") == [line]
    assert kept(NOTICES.configure(families=(*DEFAULT_FAMILIES, "provenance")), [line], "en") == []


def test_the_step_runs_after_the_main_text_in_the_default_pipeline():
    names = cleannews.default_pipeline().names
    assert names.index("main_text") < names.index("notices") < names.index("sources")


def test_every_language_has_notices_and_they_compile():
    for code in available_languages():
        if code in ("zh", "ja"):
            continue
        lexicon = Lexicon.load(code)
        assert lexicon.list("notices", "rights_re"), code
        assert lexicon.list("notices", "cookies_re"), code  # (the tail list leaves cookie notes to it)
        Notices().reason("Text", cleannews.Page.from_text("Text", language=code, lexicon=lexicon))


# -- post navigation -----------------------------------------------------------------------------

@pytest.mark.parametrize("language, label", [
    ("en", "Next post"), ("de", "Vorheriger Artikel"), ("es", "Artículo anterior"), ("fr", "Article suivant"),
    ("it", "Articolo precedente"), ("nl", "Volgend artikel"), ("pt", "Próximo artigo"), ("pl", "Następny artykuł"),
    ("es", "Mirá también"), ("de", "Lesetipp"),
])
def test_post_navigation_and_the_title_it_links_to_go(language, label):
    prose = PROSE[language]
    lines = [prose[0], prose[1], label, "Der Titel eines anderen Artikels hier"]
    assert kept(ReadMoreBoxes(), lines, language) == [prose[0], prose[1]]


def test_a_read_more_label_with_its_title_after_a_dash_or_guillemet_goes():
    prose = PROSE["en"]
    lines = [prose[0], "Read more » Council votes on the budget", "See also – The mayor's plan", prose[1]]
    assert kept(ReadMoreBoxes(), lines, "en") == [prose[0], prose[1]]


@pytest.mark.parametrize("language, meta", [
    ("en", "Jane Doe says: March 3, 2020 at 10:30 am"), ("de", "Anna Muster sagt: 3. März 2020 um 10:30 Uhr"),
    ("es", "María dice: 3 de marzo de 2020 a las 10:30"),
])
def test_a_comment_meta_line_starts_the_comment_thread(language, meta):
    prose = PROSE[language]
    tail = ["Great article, thanks for writing it!", "Reply"]
    page = run(COMMENTS, ["Titel", "", *prose, "", meta, *tail], language, headline=0)
    assert page.body_lines() == prose


def test_a_quote_introduced_with_said_is_no_comment_meta_line():
    prose = PROSE["en"]
    lines = ["Titel", "", *prose, "The minister said: we will act on this next week.", prose[0]]
    assert kept(COMMENTS, lines, "en", headline=0) == lines[2:]


def test_post_navigation_glued_to_its_title_is_split_off():
    page = run(SplitGluedSpans(), ["Vorheriger ArtikelDie Bahn streikt wieder", "Next postThe council votes"], "de")
    assert [ln.text for ln in page.lines] == ["Vorheriger Artikel", "Die Bahn streikt wieder", "Next post",
                                              "The council votes"]
    page = run(SplitGluedSpans(), ["Previous articles were removed."], "en")
    assert [ln.text for ln in page.lines] == ["Previous articles were removed."]


# -- Nordic languages and Czech ------------------------------------------------------------------

NEW = {
    "sv": ["Regeringen presenterade på tisdagen ett lagförslag som ska begränsa hyrorna i de största städerna.",
           "Hyresgästföreningen talar om ett steg framåt, men anser att åtgärderna är för små för familjerna.",
           "Förslaget ska behandlas av riksdagen under våren och omröstningen är planerad till slutet av året."],
    "da": ["Regeringen fremlagde tirsdag et lovforslag, der skal begrænse huslejen i de største byer i landet.",
           "Lejernes organisation taler om et skridt fremad, men mener, at tiltagene er for små for familierne.",
           "Forslaget skal behandles af Folketinget i foråret, og afstemningen er planlagt til slutningen af året."],
    "no": ["Regjeringen la tirsdag fram et lovforslag som skal begrense husleien i de største byene i landet.",
           "Leieboerforeningen snakker om et skritt i riktig retning, men mener at tiltakene er for små for familiene.",
           "Forslaget skal behandles av Stortinget i vår, og avstemningen er planlagt til slutten av året."],
    "fi": ["Hallitus esitteli tiistaina lakiesityksen, jonka on määrä rajoittaa vuokrien nousua suurimmissa kaupungeissa.",
           "Vuokralaisten yhdistys puhuu askeleesta eteenpäin, mutta sen mielestä toimet ovat liian pieniä perheille.",
           "Eduskunta käsittelee esitystä keväällä, ja äänestys on tarkoitus pitää vuoden lopussa."],
    "cs": ["Vláda v úterý představila návrh zákona, který má omezit růst nájmů v největších městech země.",
           "Sdružení nájemníků mluví o kroku vpřed, ale podle něj jsou opatření pro rodiny stále příliš skromná.",
           "Sněmovna má návrh projednat na jaře a o konečném znění se bude hlasovat na konci roku."],
}


@pytest.mark.parametrize("code", sorted(NEW))
def test_a_new_language_is_detected_and_has_a_lexicon(code):
    assert code in available_languages()
    assert detect_language("\n".join(NEW[code])) == code
    assert Lexicon.load(code).list("share", "words")


@pytest.mark.parametrize("code, ui_line", [
    ("sv", "Lämna en kommentar Avbryt svar"), ("da", "Din e-mailadresse vil ikke blive publiceret."),
    ("no", "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse."), ("fi", "Jätä kommentti"),
    ("cs", "Vaše e-mailová adresa nebude zveřejněna."),
])
def test_new_language_ui_lines_are_chrome(code, ui_line):
    assert is_ui(ui_line, code)


@pytest.mark.parametrize("code, step, header", [
    ("sv", COMMENTS, "3 kommentarer"), ("sv", RELATED, "Mest lästa"), ("da", RELATED, "Læs også"),
    ("da", FOOTER, "Avisen 2024. Alle rettigheder forbeholdes."), ("no", COMMENTS, "Kommentarer (4)"),
    ("no", RELATED, "Mest lest"), ("fi", RELATED, "Luetuimmat"), ("fi", COMMENTS, "Kommentit"),
    ("cs", COMMENTS, "Diskuse"), ("cs", FOOTER, "Deník 2024. Všechna práva vyhrazena."),
])
def test_new_language_closing_sections_end_the_article(code, step, header):
    tail = ["Another line of the closing section"]
    page = run(step, ["Titel", "", *NEW[code], "", header, *tail], code, headline=0)
    assert page.body_lines() == NEW[code]


@pytest.mark.parametrize("code, byline, date_line, iso", [
    ("sv", "Av Anna Svensson", "5 mars 2024 kl. 12.30", "2024-03-05"),
    ("da", "Af Anna Hansen", "5. marts 2024", "2024-03-05"),
    ("no", "Av Anna Hansen", "5. mars 2024", "2024-03-05"),
    ("fi", "Teksti: Anna Virtanen", "5. maaliskuuta 2024", "2024-03-05"),
    ("cs", "Autor: Anna Nováková", "5. března 2024", "2024-03-05"),
])
def test_new_language_byline_and_date(code, byline, date_line, iso):
    page = run(Byline(), ["Otsikko", byline, date_line, *NEW[code]], code)
    PublishedDate()(page)
    assert len(page.fields["byline"]) == 1 and page.fields["byline"][0] == byline.split(maxsplit=1)[1]
    assert str(page.fields["date"]) == iso
