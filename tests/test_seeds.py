"""The five reference pages come out exactly as their gold records say."""

from __future__ import annotations

import cleannews


def test_headline_byline_date_exact(seed):
    text, gold = seed
    article = cleannews.clean(text)
    assert article.headline == gold["headline"]
    assert list(article.byline) == gold["byline"]
    assert (article.date.isoformat() if article.date else None) == gold["date"]
    assert article.section == gold["section"]
    # the topic line over the headline (two seeds show one; the others none)
    assert article.kicker == gold["kicker"]


def test_every_body_paragraph_present_in_order_each_its_own(seed):
    text, gold = seed
    paragraphs = cleannews.clean(text).paragraphs
    body_only = [p for p in paragraphs if p not in gold.get("optional", [])]
    assert body_only == gold["body"]


def test_no_chrome_line_left(seed):
    text, gold = seed
    paragraphs = set(cleannews.clean(text).paragraphs)
    leaked = [c for c in gold["chrome"] if c.strip() in paragraphs]
    assert leaked == []


def test_every_removed_line_is_accounted_for(seed):
    text, _ = seed
    article = cleannews.clean(text)
    explanation = cleannews.default_pipeline().explain(text)
    dropped = [d for d in explanation.decisions if not d.kept]
    assert dropped and all(d.cleaner and d.reason for d in dropped)
    assert len(article.removed) == len(dropped)
    kept = [d.text for d in explanation.decisions if d.kept]
    assert kept == article.paragraphs


def test_article_to_dict_is_json_ready(seed):
    import json

    text, gold = seed
    data = json.loads(json.dumps(cleannews.clean(text).to_dict()))
    assert data["headline"] == gold["headline"] and data["byline"] == gold["byline"] and data["date"] == gold["date"]
    assert all({"text", "cleaner", "reason", "line"} <= set(r) for r in data["removed"])
