"""The main-text scorer: lines classified in context, the article's main run, what lies outside."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
from cleannews.cleaners.after_main_text import AfterMainText
from cleannews.cleaners.line_classes import BAD, GOOD, NEAR_GOOD, SHORT, LineClassifier, relabel
from cleannews.cleaners.line_features import GLUED_MIN_WORDS, glued_title, line_features, word_counts
from cleannews.cleaners.main_text import MainText
from cleannews.language import stopwords
from helpers import PROSE, page_of

EN_PROSE = [
    "The city council voted on Tuesday to approve a new budget that increases spending on public transport by a fifth.",
    "Opponents said the plan would raise taxes for families who already struggle with the rising cost of living in the area.",
    "The mayor said the money would come from a fund that was set up after the last election and has not been used since then.",
    "A final vote on the details is expected next month, after a public consultation that will run for six weeks in all districts.",
]
MENU = ["Home", "World", "Business", "Politics", "Sport", "Culture"]
TEASERS = ["Ten Things We Learned From The Big Match", "Why Prices Keep Going Up This Winter",
           "Mayor Opens New Bridge Across The River", "Storm Warning Issued For The Coast"]
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use", "© 2024 Example Media Ltd. All rights reserved."]


def blank_separated(lines: list[str]) -> list[str]:
    """Paragraphs as innerText gives them: a blank line after each."""
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out


def body(lines: list[str], language: str = "en", **options) -> list[str]:
    page = page_of(lines, language)
    MainText(**options)(page)
    AfterMainText()(page)
    return page.body_lines()


def classify(text: str, language: str = "en") -> str:
    return LineClassifier().classify(line_features(text, stopwords(language))).cls


def test_prose_is_good_and_link_lines_are_bad_or_short():
    assert classify(EN_PROSE[0]) == GOOD
    assert classify(PROSE[0], "de") == GOOD
    assert classify("Politics") == SHORT
    assert classify("Tags: Minnesota Wild, Buffalo Sabres, Zach Parise, Bruce Boudreau, Ryan Suter, NHL") == BAD
    assert classify("1 Kyle Busch 5040 5 1 17 27") == BAD


def test_context_makes_short_lines_between_good_ones_good_and_between_bad_ones_bad():
    assert relabel([GOOD, SHORT, GOOD]) == [GOOD, GOOD, GOOD]
    assert relabel([BAD, SHORT, BAD]) == [BAD, BAD, BAD]
    assert relabel([GOOD, NEAR_GOOD, BAD]) == [GOOD, GOOD, BAD]
    assert relabel([BAD, NEAR_GOOD, BAD]) == [BAD, BAD, BAD]


def test_menu_teasers_and_footer_around_the_article_are_removed():
    lines = MENU + [""] + blank_separated(EN_PROSE) + TEASERS + [""] + FOOTER
    assert body(lines) == EN_PROSE


def test_every_removed_line_names_the_step_and_the_evidence():
    page = page_of(MENU + [""] + blank_separated(EN_PROSE) + TEASERS, "en")
    MainText()(page)
    AfterMainText()(page)
    reasons = {line.text: (line.removal.cleaner, line.removal.reason) for line in page.lines if line.removal}
    assert reasons["Politics"][0] == "main_text"
    assert reasons["Politics"][1].startswith("before the main text:")
    assert "words" in reasons["Politics"][1]
    assert reasons[TEASERS[0]][0] == "after_main_text"
    assert reasons[TEASERS[0]][1].startswith("after the main text")


@pytest.mark.parametrize("inner", [
    "Short, but part of it.",                          # a short paragraph between two prose paragraphs
    "It was the first such vote in ten years.",        # a one-line paragraph
    "What happens next",                               # a subheading
    "Critics shared the plan on Facebook and called it a waste of money.",  # a sentence naming Facebook
])
def test_lines_between_prose_paragraphs_stay(inner):
    lines = MENU + [""] + blank_separated(EN_PROSE[:2] + [inner] + EN_PROSE[2:]) + FOOTER
    assert body(lines) == EN_PROSE[:2] + [inner] + EN_PROSE[2:]


def test_a_german_article_is_found_the_same_way():
    menu = ["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"]
    lines = menu + [""] + blank_separated(PROSE) + ["Mehr zum Thema", "Neue Regeln für Mieter ab Januar",
                                                    "So wird das Wetter am Wochenende"]
    assert body(lines, "de") == PROSE


def test_comments_after_their_header_are_not_taken_for_the_article_even_when_longer():
    comments = [f"Reader {n} wrote that the council should have asked the people who live there before it decided." for n in range(8)]
    lines = blank_separated(EN_PROSE[:3]) + ["Comments", ""] + blank_separated(comments)
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE[:3]


def test_a_related_box_inside_the_article_does_not_cut_it():
    lines = blank_separated(EN_PROSE[:2]) + ["Related", TEASERS[0], TEASERS[1], ""] + blank_separated(EN_PROSE[2:])
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE


def test_a_donation_button_between_paragraphs_does_not_cut_the_article():
    lines = blank_separated(EN_PROSE[:2]) + ["Donate now", ""] + blank_separated(EN_PROSE[2:])
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE


def test_a_donation_box_after_the_article_goes_with_its_appeal():
    appeal = ("Our reporting is free for everyone, and it is paid for by readers who give what they can "
              "each month so that the newsroom can keep on doing its work.")
    lines = blank_separated(EN_PROSE) + ["Donate now", ""] + [appeal, ""] + FOOTER
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE


OPENING = ["More buses will run in all of the northern districts from the spring on.",
           "It follows months of complaints about the crowded trains at the stations.",
           "Shop owners welcomed the move but they fear a year of works on the main road."]
MORE_PROSE = [
    "Residents in the northern districts will see more buses from the spring, the council said after the meeting.",
    "The decision follows months of complaints about crowded trains and long waits at the stations near the river.",
    "Local business owners welcomed the move but warned that the works on the main road would hurt trade for a year.",
]


def test_under_a_headline_the_opening_stays_however_much_chrome_stands_before_the_text():
    chrome = ["Photo: Jane Doe / Example Agency", "Share", "Tweet", "Email", "Print", "Advertisement",
              "Listen to this article", "3 min read", "Save", "Comment", "Follow", "Gift this article"]
    lines = ["Council backs new budget", ""] + blank_separated(OPENING) + chrome + [""] + blank_separated(EN_PROSE + MORE_PROSE)
    page = page_of(lines, "en")
    page.state.article_start = page.lines[0]
    page.claim(0, "headline", "test")
    # (the rules alone: in the pipeline the captions step takes the photo credit out first)
    MainText(use_model=False)(page)
    AfterMainText()(page)
    assert page.body_lines() == OPENING + EN_PROSE + MORE_PROSE
    page = page_of(lines[2:], "en")  # no headline: prose behind that much chrome may be a teaser box's
    MainText()(page)
    assert page.body_lines() == EN_PROSE + MORE_PROSE


def test_a_one_sentence_opening_right_above_the_main_run_stays():
    lines = ["Council backs new budget", "", "It was a long night at the town hall.", ""] + blank_separated(EN_PROSE)
    out = cleannews.clean("\n".join(lines), input_format="text")
    assert out.body.split("\n\n") == ["It was a long night at the town hall.", *EN_PROSE]


def test_ingredients_under_their_heading_after_the_text_stay():
    items = ["Sugar", "Eggs", "Flour", "Baking powder", "Salt", "Milk"]
    lines = ["Lemon cake", ""] + blank_separated(EN_PROSE) + ["Ingredients"] + items + ["", "Method", ""] \
        + blank_separated(MORE_PROSE)
    out = cleannews.clean("\n".join(lines), input_format="text")
    assert all(item in out.body.split("\n") for item in items)


def test_inside_the_run_a_short_sentence_among_chrome_stays_but_labels_go():
    inner = ["Share", "Photo: Jane Doe", "It rained all day.", "Advertisement", "Read more"]
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE[:2] + inner + EN_PROSE[2:])
    page = page_of(lines, "en")
    page.state.article_start = page.lines[0]
    page.claim(0, "headline", "test")
    MainText()(page)
    assert page.body_lines() == [*EN_PROSE[:2], "It rained all day.", *EN_PROSE[2:]]


def test_a_numbered_list_that_runs_on_past_the_last_paragraph_stays():
    items = ["1) Star Wars Lego Bomber Set", "2) Electric Racing Track Deluxe", "3) Nolan Blu-Ray Box",
             "4) Blade Runner Final Cut 4K", "5) Ghostbusters Collection Steelbook"]
    lines = ["Black Friday deals", ""] + blank_separated(EN_PROSE + items) + MENU
    out = cleannews.clean("\n".join(lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE + items
    # without the count, the same lines after the text are a teaser list
    plain = [item[3:] for item in items]
    lines = ["Black Friday deals", ""] + blank_separated(EN_PROSE + plain) + MENU
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == EN_PROSE


JA_PROSE = [
    "先日、市議会は公共交通の予算を増やす新しい計画を承認しました。多くの住民がこの決定を歓迎しています。",
    "反対派は、この計画によって家族の負担がさらに重くなると主張しており、議論はまだ続いています。",
    "市長は、資金は前回の選挙の後に作られた基金から出されると説明し、理解を求めました。",
]
ZH_PROSE = [
    "市议会周二投票通过了一项新的预算，将公共交通的支出提高了五分之一，很多居民对此表示欢迎。",
    "反对者说，这个计划会让本来就在生活成本上涨中挣扎的家庭承担更多的税，他们要求重新讨论。",
    "市长说，这笔钱将来自上次选举后设立的一个基金，这个基金到现在还没有被使用过。",
]


@pytest.mark.parametrize("language, prose, menu, teasers", [
    ("ja", JA_PROSE, ["ホーム", "ニュース", "スポーツ", "経済", "エンタメ"], ["新着記事", "人気記事ランキング", "東京の天気予報"]),
    ("zh", ZH_PROSE, ["首页", "新闻", "体育", "财经", "娱乐"], ["热门推荐", "要闻排行", "北京天气预报"]),
])
def test_chinese_and_japanese_articles_are_found_by_their_characters(language, prose, menu, teasers):
    lines = menu + [""] + blank_separated(prose) + teasers
    assert body(lines, language) == prose


def test_a_publishers_note_inside_a_closing_promo_box_goes_with_it():
    promo = ["Want more news like this from the council and the city? Then subscribe to our newsletter for the "
             "latest updates on budgets, transport and local politics, every week.",
             "Example Media is an independent publisher that has covered the city and its council for forty years."]
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE + promo)
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == EN_PROSE
    # a last paragraph under a subheading is no such note
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE + ["What next", EN_PROSE[0][:60] + " said the mayor."])
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n")[-1].endswith("said the mayor.")


NOTE_TO_READER = ("Did this story help you understand what happens next in the city? Then tell your "
                  "friends about it and they can read every story on the council for free.")


def test_a_last_paragraph_set_apart_that_talks_to_the_reader_goes():
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE) + ["Advertisement", ""] + [NOTE_TO_READER]
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == EN_PROSE


def test_a_last_paragraph_that_talks_to_the_reader_stays_when_nothing_sets_it_apart():
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE + [NOTE_TO_READER])
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == EN_PROSE + [NOTE_TO_READER]


def test_a_last_paragraph_set_apart_that_does_not_talk_to_the_reader_stays():
    last = "The mayor said the council would publish the final figures for every district in the spring."
    lines = ["Council backs new budget", ""] + blank_separated(EN_PROSE) + ["Advertisement", ""] + [last]
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == EN_PROSE + [last]


def test_german_sie_opening_a_sentence_is_no_address_to_the_reader():
    last = "Sie sagte, die Stadt werde die Zahlen für jeden Bezirk im Frühjahr veröffentlichen und prüfen lassen."
    lines = ["Regierung beschließt neues Klimagesetz", ""] + blank_separated(PROSE) + ["Anzeige", ""] + [last]
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n")[-1] == last
    note = "Hat Ihnen der Text gefallen? Dann empfehlen Sie uns weiter und lesen Sie alle Beiträge kostenlos."
    lines = ["Regierung beschließt neues Klimagesetz", ""] + blank_separated(PROSE) + ["Anzeige", ""] + [note]
    assert cleannews.clean("\n".join(lines), input_format="text").body.split("\n\n") == PROSE


def test_a_comments_button_in_a_share_bar_does_not_end_the_article():
    bar = ["Facebook", "Twitter", "E-Mail", "Kommentare"]
    lines = ["Regierung beschließt neues Klimagesetz", ""] + blank_separated(PROSE[:1]) + bar + [""] \
        + blank_separated(PROSE[1:])
    out = cleannews.clean("\n".join(lines), input_format="text")
    assert [p for p in out.body.split("\n\n") if p in PROSE] == PROSE


def test_a_most_read_box_of_titles_and_authors_inside_the_article_does_not_cut_it():
    box = ["Most Read"] + [line for title in TEASERS for line in (title, "Jane Doe, John Roe")]
    lines = blank_separated(EN_PROSE[:2]) + box + [""] + blank_separated(EN_PROSE[2:] + MORE_PROSE)
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE + MORE_PROSE


def test_a_page_without_prose_is_left_to_the_other_steps():
    page = page_of(MENU + TEASERS, "en")
    MainText()(page)
    AfterMainText()(page)
    assert page.body_lines() == MENU + TEASERS


@pytest.mark.parametrize("text, glued", [
    ("Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was foiled by the tale of the tape.", True),
    ("Is Violence In Sports On The Rise?Violence is part of the game in many sports", True),
    ("Following the new MacBook Pro, Apple plans to release a smaller model next year.", False),
    ("He watched the game on YouTube with his friends and family every day.", False),
])
def test_glued_teaser_titles(text, glued):
    assert glued_title(text) is glued


_LOWER = st.text(alphabet="abeinorstuä'’-", min_size=2, max_size=8).filter(lambda w: w[0].isalpha())
_TITLE = _LOWER.map(lambda w: w[0].upper() + w[1:])


@st.composite
def _glued_lines(draw: st.DrawFn) -> str:
    """A few title-case words glued without a space to a capitalised word and lower-case words:
    shaped like a teaser title glued to its summary, with 1 to 7 words on either side."""
    head = draw(st.lists(_TITLE, min_size=1, max_size=7))
    tail = [draw(_TITLE)] + draw(st.lists(_LOWER, min_size=0, max_size=6))
    return " ".join(head) + " ".join(tail)


@settings(max_examples=300, deadline=None)
@given(_glued_lines())
def test_a_glued_title_has_the_words_the_line_features_skip_below(text):
    """line_features searches for a glued title only in a line of GLUED_MIN_WORDS words or more:
    every line glued_title accepts has that many (no glued title is missed by the shortcut)."""
    if glued_title(text):
        assert word_counts(text, frozenset()).words >= GLUED_MIN_WORDS


def test_teaser_titles_with_one_line_summaries_after_the_article_are_not_joined_to_it():
    summaries = ["The council says the new bus lanes will open in spring, a year later than planned.",
                 "Police asked drivers to avoid the ring road after a lorry lost its load on Monday."]
    lines = (blank_separated(EN_PROSE) + ["More From The Daily Example"]
             + [TEASERS[0], TEASERS[0], summaries[0], TEASERS[1], TEASERS[1], TEASERS[2], summaries[1]])
    out = cleannews.clean("\n".join(["Council backs new budget", ""] + lines), input_format="text")
    assert out.body.split("\n\n") == EN_PROSE


def test_a_list_of_ingredients_between_prose_paragraphs_stays():
    items = ["8 ripe pears, cored and peeled", "1 lemon, or about 1/4 cup lemon juice", "6 tbsp fruit pectin",
             "1 tsp cinnamon", "1 tsp nutmeg", "1/2 tsp ground cloves", "1 jar of honey"]
    more = [f"{p} It is the {n} time that the question has come up." for n, p in zip(("first", "second"), EN_PROSE)]
    lines = blank_separated(EN_PROSE) + ["Ingredients"] + items + ["Instructions"] + blank_separated(more)
    assert body(MENU + [""] + lines + FOOTER) == EN_PROSE + ["Ingredients"] + items + ["Instructions"] + more


def test_a_menu_between_prose_paragraphs_is_still_removed():
    lines = MENU + [""] + blank_separated(EN_PROSE[:2]) + MENU + ["Travel", ""] + blank_separated(EN_PROSE[2:])
    assert body(lines) == EN_PROSE


def test_promos_and_copyright_at_the_end_of_the_run_go_but_a_closing_sentence_stays():
    closing = "We will report again next week."
    promos = ["Our free newsletter brings the news from the city to you every morning, so that you know what "
              "happens in your street before anyone else does.",
              "Cookie policy", "© Example Media Ltd, 1 Main Street, Springfield."]
    page = page_of(MENU + [""] + blank_separated(EN_PROSE + [closing] + promos), "en")
    MainText()(page)
    AfterMainText()(page)
    assert page.body_lines() == EN_PROSE + [closing]
    reasons = [line.removal.reason for line in page.lines if line.text in promos]
    assert reasons and all(r.startswith(("at the end of the main text", "after the main text")) for r in reasons)
    assert any(r.startswith("at the end of the main text") and "newsletter" in r for r in reasons)


def test_a_closing_sentence_about_cookies_stays_and_the_cookie_banner_under_it_goes():
    closing = "Store the cookies in an airtight container for up to a week."
    banner = "This website uses cookies to improve your experience. By continuing to browse, you accept them."
    lines = MENU + [""] + blank_separated(EN_PROSE + [closing, banner]) + FOOTER
    out = cleannews.clean("\n".join(lines), input_format="text")
    assert out.body.split("\n\n") == [*EN_PROSE, closing]
    assert [r.cleaner for r in out.removed if r.text == banner] == ["notices"]


def test_a_caption_shown_twice_inside_the_article_is_kept_once():
    caption = "The mayor speaks to reporters outside the town hall in Springfield on Tuesday morning after the vote."
    lines = MENU + [""] + blank_separated(EN_PROSE[:2] + [caption, caption] + EN_PROSE[2:]) + FOOTER
    assert body(lines) == EN_PROSE[:2] + [caption] + EN_PROSE[2:]
    assert body(lines, drop_repeats=False) == EN_PROSE[:2] + [caption, caption] + EN_PROSE[2:]
    # a line said again further down (an interview's question, a refrain) stays
    far = EN_PROSE[:1] + [caption] + EN_PROSE[1:] + [caption]
    assert body(MENU + [""] + blank_separated(far) + FOOTER) == far


def test_a_table_of_figures_announced_by_the_text_stays():
    rows = ["Pos. Driver Points Wins Poles", "1 Kyle Busch 5040 5 1", "2 Martin Truex 5035 7 0",
            "3 Kevin Harvick 5033 4 6", "4 Denny Hamlin 5027 6 3"]
    lines = blank_separated(EN_PROSE[:2] + ["The final standings after the last race of the season:"] + rows + EN_PROSE[2:])
    assert body(MENU + [""] + lines + FOOTER) == EN_PROSE[:2] + ["The final standings after the last race of the season:"] + rows + EN_PROSE[2:]


def test_rows_of_figures_among_chrome_are_not_a_table():
    rows = ["1 Kyle Busch 5040 5 1", "2 Martin Truex 5035 7 0", "3 Kevin Harvick 5033 4 6"]
    lines = blank_separated(EN_PROSE) + ["Standings"] + rows + FOOTER
    assert body(MENU + [""] + lines) == EN_PROSE


def test_the_code_pattern_is_searched_only_where_it_can_match_past_the_start() -> None:
    """_code_like searches a line for the code pattern only when it ends like code or holds a
    tag (else it is matched at the start): what the plain search finds, on the seeds' lines
    and on random mixes of code-ish and prose characters."""
    import random

    from conftest import SEEDS, load_seed
    from cleannews.cleaners import line_features as features
    lines = [line for folder in SEEDS for line in load_seed(folder)[0].splitlines()]
    rng = random.Random(11)
    alphabet = ["a", "B", "ü", " ", "  ", "\u00a0", "\u2009", ";", "{", "}", "(", ")", ":", "<", ">", "/", "=",
                "x(y)", "def ", "@f", "$ ls", "?", "is", "word", ".", "\t", "\n", "<b>", "1"]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 25))) for _ in range(20000)]
    lines += ["var x = 1;  ", "f(x) :", "print(x)\u00a0", "if (x) {", "a <br> b"]
    for line in lines:
        assert features._code_like(line) == bool(features._CODE.search(line)), line


def test_a_line_has_at_least_as_many_scorer_words_as_text_words() -> None:
    """MainText leaves the lines with more than twice max_ui_words words (by text.word_count)
    out of the UI-phrase search: exact because line_features counts at least as many words
    (its words also break at a full stop), on the seeds' lines and random mixes."""
    import random

    from conftest import SEEDS, load_seed
    from cleannews.cleaners import line_features as features
    from cleannews.text import words
    lines = [line for folder in SEEDS for line in load_seed(folder)[0].splitlines()]
    rng = random.Random(5)
    alphabet = ["a", "B", "ü", "1", ".", "..", "-", "'", "’", " ", "\u0301", "x.y", "U.S.", "½", "漢", "—", ","]
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 30))) for _ in range(20000)]
    for line in lines:
        assert len(features.TOKEN.findall(line)) >= len(words(line)), line
        assert features.word_counts(line, frozenset()).words == len(features.TOKEN.findall(line)), line


def test_the_ui_search_left_out_of_long_lines_changes_no_verdict() -> None:
    """The UI phrase of a line longer than twice max_ui_words words is never read: its
    verdict is the same with the search as without."""
    from conftest import SEEDS, load_seed
    from cleannews.cleaners.line_classes import LineClassifier
    from cleannews.cleaners.line_features import line_features, ui_pattern
    from cleannews.language import stopwords
    from cleannews.lexicon import Lexicon
    lexicon = Lexicon.load("en")
    classifier = LineClassifier()
    ui = lexicon.pattern("scorer", "ui", "word")
    lead = lexicon.pattern("scorer", "ui_re", "start")
    lines = [line for folder in SEEDS for line in load_seed(folder)[0].splitlines() if line]
    lines += ["Sign up for our newsletter " + "and read more of what we write every single day " * k for k in range(6)]
    for line in lines:
        full = line_features(line, stopwords("en"), ui, ui_lead=lead)
        gated = line_features(line, stopwords("en"), ui, ui_lead=lead, ui_words=2 * classifier.max_ui_words)
        assert classifier.classify(full) == classifier.classify(gated), line
        assert ui_pattern(lexicon).search(line) is None or full.ui is not None
