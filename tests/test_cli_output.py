"""Where ``cleannews clean`` writes: -o (files, symlinks, FIFOs, devices, directories), the
Markdown and CSV formats, and --output-dir. The CLI runs as a subprocess."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from test_cli import SEEDS, assert_matches_gold, cli, gold, no_traceback, records, seed_text

PAGES = [str(s / "page.txt") for s in SEEDS[:2]]


def jsonl_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def no_temporary_files(folder: Path) -> None:
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# -- -o: what the path is ----------------------------------------------------------------------------
def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(tmp_path):
    target = tmp_path / "real" / "articles.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    proc = cli("clean", "-o", str(link), *PAGES)
    assert proc.returncode == 0, proc.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == str(target)
    rows = jsonl_lines(target.read_text(encoding="utf-8"))
    assert [r["headline"] for r in rows] == [gold(0)["headline"], gold(1)["headline"]]
    no_temporary_files(target.parent)
    no_temporary_files(tmp_path)


def test_output_through_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.jsonl"
    link.symlink_to(tmp_path / "made.jsonl")
    assert cli("clean", "-o", str(link), PAGES[0]).returncode == 0
    assert link.is_symlink()
    assert jsonl_lines((tmp_path / "made.jsonl").read_text(encoding="utf-8"))[0]["headline"] == gold(0)["headline"]


def test_output_to_a_fifo_streams_to_its_reader_and_keeps_the_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as reader:  # blocks until the writer opens; EOF when it closes
            received.append(reader.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        proc = cli("clean", "-o", str(fifo), *PAGES, timeout=60)
    finally:
        if reader.is_alive():  # the command never opened the FIFO: let the reader go
            with open(fifo, "wb"):
                pass
        reader.join(timeout=10)
    assert proc.returncode == 0, proc.stderr.decode()
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [r["headline"] for r in jsonl_lines(received[0].decode("utf-8"))] == [gold(0)["headline"],
                                                                                 gold(1)["headline"]]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device file needs root")
def test_output_to_a_character_device_is_written_as_a_stream_not_replaced(tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of our own
    except PermissionError:
        pytest.skip("this container may not make device files")
    proc = cli("clean", "-o", str(device), *PAGES)
    assert proc.returncode == 0, proc.stderr.decode()
    mode = device.lstat().st_mode
    assert stat.S_ISCHR(mode) and os.major(device.lstat().st_rdev) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_an_existing_directory_is_a_usage_error_before_any_work(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine")
    proc = cli("clean", "-o", str(folder), str(tmp_path / "missing.txt"))
    assert proc.returncode == 2  # not 1: the missing input was never read
    assert b"is a directory" in proc.stderr and b"usage:" in proc.stderr
    assert proc.stdout == b""
    no_traceback(proc)
    assert sorted(p.name for p in folder.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_write_to_stdout(name):
    proc = cli("clean", "-o", name, PAGES[0])
    assert proc.returncode == 0
    assert records(proc)[0]["headline"] == gold(0)["headline"]


def test_an_output_file_inside_the_input_directory_is_not_read_back(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(2):
        (pages / f"{i}.txt").write_text(seed_text(i), encoding="utf-8")
    out = pages / "articles.jsonl"
    for _ in range(2):  # the second run finds the first run's output in the folder
        proc = cli("clean", str(pages), "-o", str(out))
        assert proc.returncode == 0, proc.stderr.decode()
        rows = jsonl_lines(out.read_text(encoding="utf-8"))
        assert [Path(r["source"]).name for r in rows] == ["0.txt", "1.txt"]


# -- formats -----------------------------------------------------------------------------------------
def test_markdown_format_has_a_title_a_credit_line_and_the_paragraphs():
    proc = cli("clean", "--format", "markdown", *PAGES)
    assert proc.returncode == 0
    first, second = proc.stdout.decode("utf-8").split("\n---\n\n")
    g = gold(0)
    blocks = first.strip().split("\n\n")
    assert blocks[0] == f"<!-- {PAGES[0]} -->"
    assert blocks[1] == "# " + g["headline"].replace("*", "\\*")
    assert blocks[2] == f"*By {', '.join(g['byline'])}*"
    assert [b for b in blocks[3:] if b in g["body"]] == g["body"]
    assert f"# {gold(1)['headline']}" in second


def test_markdown_escapes_what_would_become_markup_and_shows_errors(tmp_path):
    missing = tmp_path / "gone.txt"
    proc = cli("clean", "--format", "markdown", str(missing))
    assert proc.returncode == 1
    assert "> **Error:** cannot read: No such file or directory" in proc.stdout.decode()
    from cleannews.cli_output import as_markdown
    text = as_markdown({"source": "x", "headline": "A", "byline": [], "date": "2024-01-02",
                        "body": "# not a heading\n\n- not a list\n\n3. not a list\n\n2024 was a year."})
    assert text.split("\n\n")[2:] == ["*2024-01-02*", "\\# not a heading", "\\- not a list", "3\\. not a list",
                                      "2024 was a year.\n"]


def test_csv_format_is_a_header_and_one_row_per_document(tmp_path):
    missing = str(tmp_path / "gone.txt")
    proc = cli("clean", "--format", "csv", PAGES[0], missing, PAGES[1])
    assert proc.returncode == 1
    rows = list(csv.DictReader(io.StringIO(proc.stdout.decode("utf-8"), newline="")))
    assert len(rows) == 3
    assert list(rows[0])[:3] == ["source", "id", "headline"] and "body" in rows[0] and "error" in rows[0]
    for row, i in ((rows[0], 0), (rows[2], 1)):
        g = gold(i)
        assert row["headline"] == g["headline"] and row["byline"] == "; ".join(g["byline"])
        assert_matches_gold({**row, "byline": g["byline"], "date": row["date"] or None}, g)
        assert row["error"] == "" and row["input_format"] == "text"
    assert rows[1]["source"] == missing and rows[1]["error"] == "cannot read: No such file or directory"
    assert rows[1]["headline"] == ""


def test_csv_of_no_documents_is_the_header_alone(tmp_path):
    proc = cli("clean", "--format", "csv", str(tmp_path))
    assert proc.stdout.decode().splitlines()[0].startswith("source,id,headline,")
    assert len(proc.stdout.decode().splitlines()) == 1


# -- --output-dir ------------------------------------------------------------------------------------
def test_output_dir_mirrors_the_input_tree(tmp_path):
    pages = tmp_path / "pages"
    (pages / "b" / "deep").mkdir(parents=True)
    (pages / "a.txt").write_text(seed_text(0), encoding="utf-8")
    (pages / "b" / "deep" / "c.text").write_text(seed_text(1), encoding="utf-8")
    (pages / "b" / "d.txt.gz").write_bytes(gzip.compress(seed_text(2).encode("utf-8")))
    (pages / "b" / "feed.jsonl").write_text(
        "\n".join(json.dumps({"id": i, "text": seed_text(i)}) for i in (3, 4)) + "\n", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text(seed_text(4), encoding="utf-8")
    out = tmp_path / "out"
    proc = cli("clean", "--format", "markdown", "--output-dir", str(out), str(pages), str(single))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert made == ["a.md", "b/d.md", "b/deep/c.md", "b/feed.md", "single.md"]
    assert (out / "a.md").read_text(encoding="utf-8").split("\n\n")[1] == "# " + gold(0)["headline"]
    feed = (out / "b" / "feed.md").read_text(encoding="utf-8")
    assert feed.count("\n---\n") == 1 and f"# {gold(3)['headline']}" in feed and f"# {gold(4)['headline']}" in feed


def test_output_dir_jsonl_keeps_colliding_names_apart_and_is_not_read_back(tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(seed_text(0), encoding="utf-8")
    (pages / "a.html").write_text("<html><head><title>T</title></head><body><p>x</p></body></html>", encoding="utf-8")
    (pages / "empty.jsonl").write_text("", encoding="utf-8")
    out = pages / "clean"  # inside the input directory
    for _ in range(2):
        proc = cli("clean", "--output-dir", str(out), str(pages))
        assert proc.returncode == 0, proc.stderr.decode()
        assert sorted(p.name for p in out.iterdir()) == ["a.html.jsonl", "a.txt.jsonl", "empty.jsonl"]
    (row,) = jsonl_lines((out / "a.txt.jsonl").read_text(encoding="utf-8"))
    assert_matches_gold(row, gold(0))
    assert (out / "empty.jsonl").read_text() == ""


def test_output_dir_that_is_a_file_is_a_usage_error(tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine")
    proc = cli("clean", "--output-dir", str(taken), PAGES[0])
    assert proc.returncode == 2 and b"not a directory" in proc.stderr
    no_traceback(proc)
    assert taken.read_text() == "mine"
    assert cli("clean", "-o", "x.jsonl", "--output-dir", str(tmp_path), PAGES[0]).returncode == 2


def test_learn_output_that_is_a_directory_is_a_usage_error_and_dash_is_stdout(tmp_path):
    proc = cli("learn", "-o", str(tmp_path), *PAGES)
    assert proc.returncode == 2 and b"is a directory" in proc.stderr
    no_traceback(proc)
    printed = cli("learn", "-o", "-", *PAGES)
    assert printed.returncode == 0 and json.loads(printed.stdout)["version"] == 1
    assert not Path("-").exists()
