"""Per-site profiles from the command line: `learn`, `clean --profile`, `clean --learn`.

The profiles themselves are cleannews.profiles' business (tested there); here: the CLI feeds them
the documents and cleans with them exactly as the API does.
"""

from __future__ import annotations

import json
from pathlib import Path

import cleannews
from cleannews import profiles
from test_cli import SEEDS, cli, no_traceback, records, seed_text

BOILERPLATE = ["Subscribe to our newsletter for the daily briefing", "Advertise with us · Careers · Imprint"]


def site_pages(count: int = 12) -> list[dict]:
    """Pages of one fictitious site: each seed page between the same two boilerplate lines."""
    return [{"id": f"p{i}", "url": f"https://news.example/story/{i}",
             "text": "\n\n".join([BOILERPLATE[0], seed_text(i % len(SEEDS)), BOILERPLATE[1]])}
            for i in range(count)]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def api_records(profile: object, crawl: Path, rows: list[dict]) -> list[dict]:
    out = []
    for n, row in enumerate(rows, 1):
        source = f"{crawl}:{n}"
        pipeline = profile.pipeline_for(cleannews.default_pipeline(), source, row["url"])
        article = pipeline.clean(row["text"], input_format="text", url=row["url"])
        out.append({"source": source, "id": row["id"], **article.to_dict(removed=False), "input_format": "text"})
    return out


def test_learn_then_clean_with_the_profile_matches_the_api(tmp_path):
    rows = site_pages()
    crawl = write_jsonl(tmp_path / "crawl.jsonl", rows)
    saved = tmp_path / "profiles.json"
    learnt = cli("learn", str(crawl), "-o", str(saved))
    assert learnt.returncode == 0, learnt.stderr.decode()
    assert saved.exists()
    proc = cli("clean", "--profile", str(saved), str(crawl))
    assert proc.returncode == 0, proc.stderr.decode()
    got = records(proc)
    assert got == api_records(profiles.Profiles.load(saved), crawl, rows)
    assert not any(line in r["body"] for r in got for line in BOILERPLATE)


def test_clean_learn_is_learn_then_clean_in_one_run_also_from_stdin(tmp_path):
    rows = site_pages()
    crawl = write_jsonl(tmp_path / "crawl.jsonl", rows)
    saved = tmp_path / "profiles.json"
    cli("learn", str(crawl), "-o", str(saved))
    with_profile = records(cli("clean", "--profile", str(saved), str(crawl)))
    assert records(cli("clean", "--learn", str(crawl))) == with_profile
    piped = cli("clean", "--learn", "--input-format", "jsonl", "-", input=crawl.read_bytes())
    assert piped.returncode == 0
    assert [{**r, "source": None} for r in records(piped)] == [{**r, "source": None} for r in with_profile]


def test_a_profile_file_that_cannot_be_loaded_is_a_usage_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    proc = cli("clean", "--profile", str(bad), str(SEEDS[0] / "page.txt"))
    assert proc.returncode == 2
    assert b"cannot load profiles" in proc.stderr
    no_traceback(proc)
