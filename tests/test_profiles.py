"""Per-site profiles: learnt from several pages of a site, recurring chrome goes, articles stay."""

from __future__ import annotations

import json

import pytest

import cleannews
from cleannews.profiles import Profiles, SiteProfile, learn, site_of
from conftest import SEEDS, load_seed

CHROME = ["Newsletter abonnieren und nichts verpassen", "Folgen Sie uns auf allen Kanälen",
          "© 2024 Beispiel Medien GmbH · Impressum · Datenschutz"]


def seed_body(n: int) -> str:
    return load_seed(SEEDS[n % len(SEEDS)])[0]


def site_pages(count: int, host: str = "news.example") -> list[tuple[str, str, str | None]]:
    """Pages of one site: each a different seed page between the same chrome lines."""
    return [(f"crawl/{host}/{n}.txt", "\n".join([CHROME[0], CHROME[1], "", seed_body(n), "", CHROME[2]]),
             f"https://www.{host}/story/{n}") for n in range(count)]


def cleaned(profiles: Profiles, doc: tuple[str, str, str | None]) -> cleannews.Article:
    source, text, url = doc
    return profiles.pipeline_for(cleannews.default_pipeline(), source, url).clean(text, input_format="text", url=url)


def test_recurring_chrome_is_learnt_and_removed_with_its_reason():
    docs = site_pages(5)
    profiles = learn(docs)
    site = profiles.sites["news.example"]
    assert site.pages == 5
    assert all(site.lines.get(c) == 5 for c in CHROME)
    article = cleaned(profiles, docs[0])
    assert not any(c in article.body for c in CHROME)
    reasons = {r.text: (r.cleaner, r.reason) for r in article.removed}
    assert reasons[CHROME[0]] == ("site_profile", "recurs on 5 of 5 pages of news.example")


def test_unique_article_text_is_kept_as_without_a_profile():
    docs = site_pages(5)
    profiles = learn(docs)
    for n, doc in enumerate(docs):
        plain = cleannews.clean(seed_body(n), input_format="text")
        assert cleaned(profiles, doc).body == plain.body


def test_guards_need_three_pages_and_half_of_them():
    few = learn(site_pages(2))
    assert few.sites["news.example"].lines == {}
    docs = site_pages(6)
    # a line on 2 of 6 pages is not chrome
    docs[0] = (docs[0][0], docs[0][1] + "\nNur zweimal gesehen", docs[0][2])
    docs[1] = (docs[1][0], docs[1][1] + "\nNur zweimal gesehen", docs[1][2])
    assert "Nur zweimal gesehen" not in learn(docs).sites["news.example"].lines


def test_a_long_recurring_sentence_needs_most_pages():
    sentence = ("Dieser Artikel ist Teil unserer Serie über die Zukunft der Arbeit, in der wir jede Woche "
                "eine andere Branche und ihre Beschäftigten besuchen.")
    profile = SiteProfile(pages=10, lines={sentence: 6, CHROME[0]: 6})
    chrome = Profiles({"news.example": profile}).chrome(profile)
    assert len(chrome) == 1 and "newsletter" in next(iter(chrome))
    profile.lines[sentence] = 9
    assert len(Profiles({"news.example": profile}).chrome(profile)) == 2


def test_sites_are_kept_apart_and_unknown_sites_get_the_pipeline_unchanged():
    profiles = learn(site_pages(4, "a.example") + site_pages(4, "b.example"))
    assert set(profiles.sites) == {"a.example", "b.example"}
    pipeline = cleannews.default_pipeline()
    assert profiles.pipeline_for(pipeline, "x.txt", "https://c.example/1") is pipeline
    with_profile = profiles.pipeline_for(pipeline, "x.txt", "https://a.example/1")
    assert with_profile.names[with_profile.index("unglue") + 1] == "site_profile"


def test_site_of_url_host_or_source_folder():
    assert site_of("x", "https://WWW.Example.com/a/b") == "example.com"
    assert site_of("crawl/site-b/page1.txt", None) == "dir:crawl/site-b"
    assert site_of("crawl/dump.jsonl:12", None) == "dir:crawl"
    assert site_of("-", None) == "stdin"


def test_json_round_trip_and_a_hand_added_phrase(tmp_path):
    docs = site_pages(4)
    path = tmp_path / "profiles.json"
    learn(docs).save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["sites"]["news.example"]["pages"] == 4
    extra = "Jetzt 4 Wochen testen"
    data["sites"]["news.example"]["phrases"] = [extra, "Mehr aus der Region*"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    loaded = Profiles.load(path)
    assert loaded.to_dict() == data
    source, text, url = docs[1]
    page = "\n".join([extra + ".", "Mehr aus der Region: Stadtfest am Wochenende", "", text])
    article = cleaned(loaded, (source, page, url))
    assert extra not in article.body and "Stadtfest" not in article.body
    assert any(r.cleaner == "site_profile" and "phrase listed for news.example" in r.reason for r in article.removed)


def test_a_byline_that_recurs_is_left_for_the_byline_step():
    docs = [(s, "Von Anna Muster\n\n" + t, u) for s, t, u in site_pages(4)]
    profiles = learn(docs)
    assert "Von Anna Muster" in profiles.sites["news.example"].lines
    article = cleaned(profiles, docs[0])
    assert "Anna Muster" in article.byline


@pytest.mark.parametrize("content, problem", [
    ("{not json", "not JSON"),
    ('{"sites": []}', "'sites' object"),
    ('{"version": 2, "sites": {}}', "unsupported profiles version"),
    ('{"sites": {"a.example": {"pages": 3, "lines": {"x": "many"}}}}', "'lines' must map"),
])
def test_a_malformed_file_is_refused_with_a_clear_error(tmp_path, content, problem):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        Profiles.load(path)
