"""What ``cleannews`` reads: stdin by default, directory walks that say what they skipped,
HTML in JSONL text fields, web addresses (against a local server), languages; and the help
texts. The CLI runs as a subprocess."""

from __future__ import annotations

import http.server
import json
import os
import pty
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleannews
from cleannews.fetch import FetchError, USER_AGENT, fetch
from local_server import serve
from test_cli import SEEDS, assert_matches_gold, cli, gold, no_traceback, records, seed_text

ARTICLE_HTML = ("<html><head><title>Council approves the budget</title>"
                '<meta name="author" content="Jane Doe"></head><body><nav>Home | News | Sport</nav><article>'
                "<h1>Council approves the budget</h1><p class=\"byline\">By Jane Doe</p>"
                "<p>The city council approved the new budget on Monday after a debate that lasted six hours.</p>"
                "<p>The opposition said the spending plan did not do enough for schools and public transport.</p>"
                "<p>The mayor said the money would come from a regional fund that was set up after the last "
                "election and has not been used since then.</p></article></body></html>")


# -- stdin -------------------------------------------------------------------------------------------
def test_no_input_named_reads_stdin_when_it_is_not_a_terminal():
    proc = cli("clean", input=seed_text(2).encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    (row,) = records(proc)
    assert row["source"] == "-"
    assert_matches_gold(row, gold(2))
    explained = cli("explain", "--json", input=seed_text(1).encode("utf-8"))
    assert json.loads(explained.stdout)["article"]["headline"] == gold(1)["headline"]


@pytest.mark.parametrize("command", [["clean"], ["explain"], ["learn", "-o"]])
def test_no_input_named_on_a_terminal_is_a_usage_error(command, tmp_path):
    if command[-1] == "-o":
        command = [*command, str(tmp_path / "p.json")]
    main, other = pty.openpty()  # stdin is a terminal, as when a user types the command alone
    try:
        proc = subprocess.run([sys.executable, "-m", "cleannews.cli", *command], stdin=other,
                              capture_output=True, timeout=60)
    finally:
        os.close(other)
        os.close(main)
    assert proc.returncode == 2
    assert b"no input" in proc.stderr and f"usage: cleannews {command[0]}".encode() in proc.stderr
    assert not (tmp_path / "p.json").exists()


# -- directory walks ---------------------------------------------------------------------------------
def test_a_walk_says_how_many_files_it_skipped_and_all_files_takes_them(tmp_path):
    (tmp_path / "a.txt").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "b.md").write_text(seed_text(1), encoding="utf-8")
    (tmp_path / "c").write_text(seed_text(2), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.page").write_text(seed_text(3), encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("not counted", encoding="utf-8")
    proc = cli("clean", str(tmp_path))
    assert proc.returncode == 0
    assert [Path(r["source"]).name for r in records(proc)] == ["a.txt"]
    assert b"skipped 3 files with other extensions; --all-files to include them" in proc.stderr
    every = cli("clean", "--all-files", str(tmp_path))
    assert [Path(r["source"]).relative_to(tmp_path).as_posix() for r in records(every)] == [
        "a.txt", "b.md", "c", "sub/d.page"]
    assert b"skipped" not in every.stderr
    assert_matches_gold(records(every)[3], gold(3))


# -- JSONL: HTML in the text field -------------------------------------------------------------------
def test_html_in_a_jsonl_text_field_is_cleaned_as_html_and_the_record_says_so():
    lines = [json.dumps({"id": "h", "text": ARTICLE_HTML}), json.dumps({"id": "t", "text": seed_text(0)})]
    proc = cli("clean", "--input-format", "jsonl", "-", input="\n".join(lines).encode("utf-8"))
    assert proc.returncode == 0
    html_row, text_row = records(proc)
    assert html_row["input_format"] == "html" and text_row["input_format"] == "text"
    assert html_row["headline"] == "Council approves the budget" and html_row["byline"] == ["Jane Doe"]
    assert html_row["body"].startswith("The city council approved") and "<p>" not in html_row["body"]
    assert "Home | News" not in html_row["body"]
    assert_matches_gold(text_row, gold(0))


# -- languages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("given", ["DE", "de-AT", "de_CH", "German"])
def test_language_codes_are_normalised(given):
    (row,) = records(cli("clean", "--language", given, str(SEEDS[0] / "page.txt")))
    assert row["language"] == "de"
    assert_matches_gold(row, gold(0))
    assert cleannews.clean(seed_text(0), language=given).language == "de"


@pytest.mark.parametrize("given", ["xx", "klingon", "e"])
def test_an_unknown_language_is_a_usage_error_listing_the_languages(given):
    proc = cli("clean", "--language", given, str(SEEDS[0] / "page.txt"))
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert f"unknown language {given!r}".encode() in proc.stderr and b"de, el, en, es" in proc.stderr
    no_traceback(proc)
    with pytest.raises(ValueError, match="use one of: ar, .*de, .*en"):
        cleannews.clean(seed_text(0), language=given)


# -- help texts --------------------------------------------------------------------------------------
def test_explain_and_learn_help_describe_their_own_options_and_exit_codes():
    explain = cli("explain", "--help").stdout.decode()
    learn = cli("learn", "--help").stdout.decode()
    for text in (explain, learn):
        assert "exit codes" in text and "FILE.partial" not in text and "error record" not in text
    assert "the page could not be read or cleaned" in explain
    assert "some pages could not be read" in learn and "--id-field" not in learn
    assert "--id-field" in cli("clean", "--help").stdout.decode()


@pytest.mark.parametrize("args, message", [
    (["clean", "-j", "0", "x.txt"], b"argument -j/--jobs: must be at least 1"),
    (["clean", "--timeout", "-1", "x.txt"], b"argument --timeout: must be"),
    (["learn", "--id-field", "k", "-o", "p.json", "x.txt"], b"unrecognized arguments: --id-field"),
])
def test_bad_options_print_their_own_commands_usage(args, message):
    proc = cli(*args)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"usage: cleannews {args[0]} ".encode()) and message in proc.stderr


# -- web addresses -----------------------------------------------------------------------------------
class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).agents.append(self.headers.get("User-Agent", ""))
        body: bytes
        if self.path == "/article":
            body, ctype, status = ARTICLE_HTML.encode("utf-8"), "text/html; charset=utf-8", 200
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        elif self.path == "/plain":
            body, ctype, status = seed_text(1).encode("utf-8"), "text/plain", 200
        elif self.path == "/scan.pdf":
            body, ctype, status = b"%PDF-1.4 ...", "application/pdf", 200
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                for _ in range(400):  # 26 MB, more than the limit; stops when the client hangs up
                    self.wfile.write(chunk)
            except OSError:
                pass
            return
        elif self.path == "/slow":
            time.sleep(1.5)
            body, ctype, status = b"late", "text/plain", 200
        else:
            body, ctype, status = b"not here", "text/plain", 404
        try:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up waiting (the timeout test)
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A web server on 127.0.0.1 for this test only; shut down after it."""
    _Handler.agents = []
    with serve(_Handler) as url:
        yield url


def no_proxy_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def cli_env(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "cleannews.cli", *args], capture_output=True,
                          timeout=timeout, env=no_proxy_env())


def test_an_address_is_fetched_and_cleaned_and_a_failed_fetch_is_an_error_record(server):
    urls = [f"{server}/moved", f"{server}/plain", f"{server}/missing", f"{server}/scan.pdf", f"{server}/huge",
            "http://127.0.0.1:9/closed"]
    proc = cli_env("clean", "--jobs", "1", *urls)
    assert proc.returncode == 1
    no_traceback(proc)
    rows = records(proc)
    assert [r["source"] for r in rows] == urls
    assert rows[0]["headline"] == "Council approves the budget" and rows[0]["input_format"] == "html"
    assert rows[0]["url"] == urls[0] and rows[0]["body"].startswith("The city council approved")
    assert rows[1]["input_format"] == "text"
    assert_matches_gold(rows[1], gold(1))
    assert rows[2] == {"source": urls[2], "error": f"cannot fetch {urls[2]}: HTTP 404 Not Found"}
    assert rows[3]["error"] == f"cannot fetch {urls[3]}: not a web page: the server sent application/pdf"
    assert rows[4]["error"] == f"cannot fetch {urls[4]}: the page is larger than 20,971,520 bytes"
    assert rows[5]["error"].startswith(f"cannot fetch {urls[5]}: ") and "refused" in rows[5]["error"]
    assert _Handler.agents and all(agent == USER_AGENT for agent in _Handler.agents)
    assert USER_AGENT.startswith(f"cleannews/{cleannews.__version__}")


def test_explain_fetches_an_address_too(server):
    proc = cli_env("explain", f"{server}/article")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "KEEP  The city council approved" in proc.stdout.decode()


def test_a_fetch_gives_up_after_its_timeout(server, monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        fetch(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - start < 1.4
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        fetch(f"{server}/article", max_bytes=100)
    data, fmt = fetch(f"{server}/article")
    assert data == ARTICLE_HTML and fmt == "html"  # the header's charset decoded it
