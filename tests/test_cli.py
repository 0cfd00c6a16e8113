"""The ``cleannews`` command, run the way users run it: as a subprocess."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).parent / "fixtures" / "seeds"
SEEDS = sorted(p for p in SEED_DIR.iterdir() if (p / "gold.json").exists())
BINARY = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8


def cli(*args: str, input: bytes | None = None, cwd: Path | None = None, timeout: float = 120,
        ) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m cleannews.cli ARGS`` and return the finished process."""
    return subprocess.run([sys.executable, "-m", "cleannews.cli", *args], input=input, cwd=cwd,
                          capture_output=True, timeout=timeout)


def records(proc: subprocess.CompletedProcess[bytes]) -> list[dict]:
    """The JSONL records a run printed."""
    return [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines() if line.strip()]


def seed_text(i: int) -> str:
    return (SEEDS[i] / "page.txt").read_text(encoding="utf-8")


def gold(i: int) -> dict:
    return json.loads((SEEDS[i] / "gold.json").read_text(encoding="utf-8"))


def assert_matches_gold(record: dict, g: dict) -> None:
    optional = set(g.get("optional") or [])
    assert record["headline"] == g["headline"]
    assert record["byline"] == g["byline"]
    assert record["date"] == g["date"]
    assert [p for p in record["body"].split("\n\n") if p and p not in optional] == g["body"]


def no_traceback(proc: subprocess.CompletedProcess[bytes]) -> None:
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()


# -- cleaning files ---------------------------------------------------------------------------------
def test_seed_files_match_gold():
    proc = cli("clean", *(str(s / "page.txt") for s in SEEDS))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = records(proc)
    assert [r["source"] for r in rows] == [str(s / "page.txt") for s in SEEDS]
    for i, row in enumerate(rows):
        assert_matches_gold(row, gold(i))
        assert set(row) == {"source", "headline", "kicker", "byline", "date", "section", "lead", "body",
                            "language", "site_name", "url", "input_format"}
        assert row["input_format"] == "text" and row["kicker"] == gold(i)["kicker"]


def test_directory_is_walked_recursively_in_sorted_order_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(seed_text(0), encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.text").write_text(seed_text(1), encoding="utf-8")
    (tmp_path / "b" / "d.TXT.gz").write_bytes(gzip.compress(seed_text(2).encode("utf-8")))
    (tmp_path / "b" / "notes.md").write_text(seed_text(3), encoding="utf-8")
    (tmp_path / ".secret.txt").write_text(seed_text(3), encoding="utf-8")
    (tmp_path / ".hidden" / "e.txt").write_text(seed_text(3), encoding="utf-8")
    proc = cli("clean", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    rows = records(proc)
    assert [Path(r["source"]).relative_to(tmp_path).as_posix() for r in rows] == [
        "a.txt", "b/d.TXT.gz", "b/deep/c.text"]
    assert [r["headline"] for r in rows] == [gold(0)["headline"], gold(2)["headline"], gold(1)["headline"]]


def test_a_named_file_is_read_whatever_its_name(tmp_path):
    path = tmp_path / "page.md"
    path.write_text(seed_text(4), encoding="utf-8")
    rows = records(cli("clean", str(path)))
    assert_matches_gold(rows[0], gold(4))


def test_stdin_is_one_document_named_dash():
    proc = cli("clean", "-", input=seed_text(2).encode("utf-8"))
    assert proc.returncode == 0
    (row,) = records(proc)
    assert row["source"] == "-"
    assert_matches_gold(row, gold(2))


def test_python_dash_m_cleannews_and_the_console_script_work():
    proc = subprocess.run([sys.executable, "-m", "cleannews", "clean", "-"], input=seed_text(1).encode(),
                          capture_output=True, timeout=60)
    assert proc.returncode == 0
    assert records(proc)[0]["headline"] == gold(1)["headline"]
    exe = Path(sys.executable).with_name("cleannews")
    if exe.exists():  # installed with pip install -e: the entry point from pyproject.toml
        proc = subprocess.run([str(exe), "clean", "-"], input=seed_text(1).encode(), capture_output=True, timeout=60)
        assert records(proc)[0]["headline"] == gold(1)["headline"]


# -- output formats ---------------------------------------------------------------------------------
def test_json_format_is_one_array_of_the_same_records_as_jsonl():
    paths = [str(s / "page.txt") for s in SEEDS[:3]]
    jsonl = records(cli("clean", *paths))
    proc = cli("clean", "--format", "json", *paths)
    assert json.loads(proc.stdout) == jsonl


def test_json_format_with_no_documents_is_an_empty_array(tmp_path):
    proc = cli("clean", "--format", "json", str(tmp_path))
    assert json.loads(proc.stdout) == []
    assert b"no input files" in proc.stderr


def test_text_format_shows_fields_then_body_per_document():
    paths = [str(s / "page.txt") for s in SEEDS[:2]]
    out = cli("clean", "--format", "text", *paths).stdout.decode("utf-8")
    first, second = out.split("\n==> ")
    g = gold(0)
    assert first.startswith(f"==> {paths[0]} <==\n{g['headline']}\nBy {', '.join(g['byline'])}\n\n")
    assert g["body"][1] in first and g["body"][1] not in second
    assert second.startswith(f"{paths[1]} <==\n{gold(1)['headline']}\n")


def test_removed_option_adds_the_removal_records():
    path = str(SEEDS[0] / "page.txt")
    (plain,) = records(cli("clean", path))
    (full,) = records(cli("clean", "--removed", path))
    assert "removed" not in plain
    assert full["removed"] and {"text", "cleaner", "reason", "line", "code"} == set(full["removed"][0])
    assert any(r["text"] == gold(0)["headline"] and r["cleaner"] for r in full["removed"])


def test_language_option_is_passed_on():
    path = str(SEEDS[0] / "page.txt")
    assert records(cli("clean", path))[0]["language"] == "de"
    assert records(cli("clean", "--language", "en", path))[0]["language"] == "en"


# -- errors -------------------------------------------------------------------------------------------
def test_unreadable_inputs_get_error_records_in_place_and_exit_1(tmp_path):
    binary = tmp_path / "scan.txt"
    binary.write_bytes(BINARY)
    missing = tmp_path / "missing.txt"
    args = [str(SEEDS[0] / "page.txt"), str(binary), str(missing), str(SEEDS[1] / "page.txt")]
    for jobs in ("1", "2"):
        proc = cli("clean", "--jobs", jobs, *args)
        assert proc.returncode == 1
        no_traceback(proc)
        rows = records(proc)
        assert [r["source"] for r in rows] == args
        assert_matches_gold(rows[0], gold(0))
        assert_matches_gold(rows[3], gold(1))
        assert rows[1] == {"source": str(binary), "error": "DecodeError: binary data, not a text or HTML page"}
        assert rows[2] == {"source": str(missing), "error": "cannot read: No such file or directory"}
        assert b"2 of 4 documents failed" in proc.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_permission_denied_is_an_error_record(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(seed_text(0), encoding="utf-8")
    path.chmod(0)
    proc = cli("clean", str(path))
    assert proc.returncode == 1
    assert records(proc) == [{"source": str(path), "error": "cannot read: Permission denied"}]


def test_an_empty_file_gives_an_empty_article(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = cli("clean", str(empty))
    no_traceback(proc)
    (row,) = records(proc)
    assert row["source"] == str(empty) and row.get("body", "") == ""


@pytest.mark.parametrize("args", [
    ["clean", "--format", "xml", "x.txt"],
    ["clean", "--jobs", "0", "x.txt"],
    ["clean", "--timeout", "-1", "x.txt"],
    ["clean", "--profile", "p.json", "--learn", "x.txt"],
    ["frobnicate"],
    [],
])
def test_usage_errors_exit_2(args):
    proc = cli(*args)
    assert proc.returncode == 2
    assert b"usage:" in proc.stderr
    no_traceback(proc)


def test_output_file_in_a_missing_directory_is_a_usage_error(tmp_path):
    proc = cli("clean", "-o", str(tmp_path / "nope" / "out.jsonl"), str(SEEDS[0] / "page.txt"))
    assert proc.returncode == 2
    assert b"cannot write" in proc.stderr
    no_traceback(proc)


@pytest.mark.parametrize("command", [[], ["clean"], ["explain"], ["learn"]])
def test_version_and_help_on_every_command(command):
    from cleannews import __version__
    version = cli(*command, "--version")
    assert version.returncode == 0 and version.stdout.decode().strip() == f"cleannews {__version__}"
    helptext = cli(*command, "--help")
    assert helptext.returncode == 0
    assert b"--language" in helptext.stdout or not command
    assert b"exit codes" in helptext.stdout


# -- output file ------------------------------------------------------------------------------------
def test_output_file_replaces_the_old_one_and_leaves_no_temporary_files(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    proc = cli("clean", "-o", str(out), *(str(s / "page.txt") for s in SEEDS))
    assert proc.returncode == 0 and proc.stdout == b""
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["headline"] for r in rows] == [gold(i)["headline"] for i in range(len(SEEDS))]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # an ordinary file, not the temp file's 0600


# -- JSONL streaming --------------------------------------------------------------------------------
def test_jsonl_from_stdin_with_custom_field_names():
    lines = [
        json.dumps({"doc_id": "a", "body_text": seed_text(0), "link": "https://example.org/a"}),
        "",
        "{broken",
        json.dumps({"doc_id": "c", "body_text": seed_text(3)}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"doc_id": "e", "something": "else"}),
    ]
    proc = cli("clean", "--input-format", "jsonl", "--text-field", "body_text", "--id-field", "doc_id",
               "--url-field", "link", "-", input="\n".join(lines).encode("utf-8"))
    assert proc.returncode == 1
    no_traceback(proc)
    rows = records(proc)
    assert [r["source"] for r in rows] == ["-:1", "-:3", "-:4", "-:5", "-:6"]
    assert rows[0]["id"] == "a" and rows[0]["url"] == "https://example.org/a"
    assert_matches_gold(rows[0], gold(0))
    assert rows[1]["error"].startswith("invalid JSON")
    assert rows[2]["id"] == "c" and rows[2]["url"] is None
    assert_matches_gold(rows[2], gold(3))
    assert "object" in rows[3]["error"]
    assert rows[4] == {"source": "-:6", "id": "e", "error": "no text in field 'body_text' or HTML in field 'html'"}


def test_jsonl_file_is_recognised_by_its_suffix(tmp_path):
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": seed_text(i)}) for i in range(3)) + "\n", encoding="utf-8")
    rows = records(cli("clean", str(path)))
    assert [r["source"] for r in rows] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert [r["id"] for r in rows] == [0, 1, 2]
    for i, row in enumerate(rows):
        assert_matches_gold(row, gold(i))


def test_jsonl_html_field_is_cleaned_as_html():
    html = ("<html><head><title>Council approves the budget</title></head><body><article>"
            "<h1>Council approves the budget</h1>"
            "<p>The city council approved the new budget on Monday after a debate that lasted six hours.</p>"
            "<p>The opposition said the spending plan did not do enough for schools and public transport.</p>"
            "</article></body></html>")
    proc = cli("clean", "--input-format", "jsonl", "-", input=json.dumps({"html": html}).encode())
    (row,) = records(proc)
    assert row["headline"] == "Council approves the budget"
    assert "approved the new budget on Monday" in row["body"] and "<p>" not in row["body"]


def test_jsonl_output_streams_while_input_is_still_arriving():
    """A record comes out before the next input line goes in: nothing waits for the whole input."""
    proc = subprocess.Popen([sys.executable, "-m", "cleannews.cli", "clean", "--jobs", "1",
                             "--input-format", "jsonl", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for i in range(3):
            proc.stdin.write((json.dumps({"id": i, "text": seed_text(i)}) + "\n").encode())
            proc.stdin.flush()
            row = json.loads(proc.stdout.readline())
            assert row["id"] == i and row["headline"] == gold(i)["headline"]
        proc.stdin.close()
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        proc.wait()


# -- explain ------------------------------------------------------------------------------------------
def test_explain_prints_line_decisions():
    proc = cli("explain", str(SEEDS[0] / "page.txt"))
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "KEEP" in out and "DROP" in out
    assert gold(0)["body"][1][:60] in out
    assert "└ headline" in out or "headline" in out


def test_explain_json_and_stdin():
    proc = cli("explain", "--json", "-", input=seed_text(1).encode("utf-8"))
    data = json.loads(proc.stdout)
    assert data["article"]["headline"] == gold(1)["headline"]
    kept = [d for d in data["lines"] if d["kept"]]
    assert kept and all(d["cleaner"] is None for d in kept)
    assert any(d["field"] == "headline" for d in data["lines"])


def test_explain_of_a_binary_or_missing_file_fails_cleanly(tmp_path):
    binary = tmp_path / "x.txt"
    binary.write_bytes(BINARY)
    for path in (binary, tmp_path / "missing.txt"):
        proc = cli("explain", str(path))
        assert proc.returncode == 1
        assert proc.stderr.startswith(f"cleannews: {path}: ".encode())
        no_traceback(proc)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_stats_sums_each_steps_time_and_counts_on_stderr(jobs):
    paths = [str(s / "page.txt") for s in SEEDS]
    plain = cli("clean", "-j", jobs, *paths)
    proc = cli("clean", "--stats", "-j", jobs, *paths)
    assert proc.returncode == 0 and records(proc) == records(plain)  # the records carry no stats
    table = proc.stderr.decode("utf-8")
    assert f"{len(SEEDS)} documents" in table
    rows = {line.split()[0]: line.split() for line in table.splitlines()[2:] if line.strip()}
    assert rows["headline"][1] == str(len(SEEDS)) and int(rows["headline"][-1]) >= len(SEEDS)
    assert int(rows["captions"][4]) > 0 and "stats" not in plain.stderr.decode("utf-8")


def test_explain_prints_the_step_table():
    proc = cli("explain", str(SEEDS[0] / "page.txt"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0 and "removed  claimed" in out and "\nmain_text " in out
