"""Batches: worker processes, input order, time limits, Ctrl-C, progress, memory; CLI and batch API."""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import cleannews
from cleannews.batch import Document, clean_documents
from test_cli import BINARY, SEEDS, assert_matches_gold, cli, gold, no_traceback, records, seed_text

CLI = [sys.executable, "-m", "cleannews.cli"]


def make_corpus(folder: Path, copies: int) -> list[Path]:
    """copies x the seed pages as files (plus nothing else), in sorted order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(copies):
        for i, seed in enumerate(SEEDS):
            path = folder / f"{n:04d}_{i}.txt"
            path.write_text(seed_text(i), encoding="utf-8")
            paths.append(path)
    return paths


def big_page() -> str:
    """A genuinely slow input: every seed page many times over (about 5.7 MB; takes well over
    ten seconds to clean, against a time limit of two seconds in the test below: a seed page,
    the first a worker cleans, must stay within it on a busy machine too)."""
    return "\n\n".join(seed_text(i) for i in range(len(SEEDS))) * 300


# -- parallel -----------------------------------------------------------------------------------------
def test_jobs_2_gives_the_same_output_in_the_same_order_as_jobs_1(tmp_path):
    paths = make_corpus(tmp_path / "in", 3)
    (tmp_path / "in" / "0001_9.txt").write_bytes(BINARY)  # an error record in the middle
    one = cli("clean", "--jobs", "1", str(tmp_path / "in"))
    two = cli("clean", "--jobs", "2", str(tmp_path / "in"))
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    rows = records(two)
    assert len(rows) == len(paths) + 1
    assert [r["source"] for r in rows] == sorted(r["source"] for r in rows)
    assert rows[10]["source"].endswith("0001_9.txt") and "error" in rows[10]
    for row in rows:
        if "error" not in row:
            assert_matches_gold(row, gold(int(row["source"][-5])))


# -- time limit ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_document_over_the_time_limit_gets_an_error_record_and_the_run_goes_on(tmp_path, jobs):
    slow = tmp_path / "b_slow.txt"
    slow.write_text(big_page(), encoding="utf-8")
    paths = [str(SEEDS[0] / "page.txt"), str(slow), str(SEEDS[1] / "page.txt")]
    started = time.monotonic()
    proc = cli("clean", "--jobs", jobs, "--timeout", "2", *paths)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1
    no_traceback(proc)
    rows = records(proc)
    assert [r["source"] for r in rows] == paths
    assert rows[1] == {"source": str(slow), "error": "timeout: cleaning took longer than 2 s"}
    assert_matches_gold(rows[0], gold(0))
    assert_matches_gold(rows[2], gold(1))
    assert elapsed < 30  # cleaning the slow page to the end takes far longer


@cleannews.cleaner("nap")
def nap(page, *, seconds: float = 60.0) -> None:
    """Sleeps on pages that mention a nap (a deliberately slow step)."""
    if any("NAP" in line.text for line in page.lines):
        time.sleep(seconds)


@cleannews.cleaner("stuck")
def stuck(page, *, seconds: float = 60.0) -> None:
    """Blocks the time-limit signal, then sleeps: a worker only killing can stop."""
    if any("STUCK" in line.text for line in page.lines):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(seconds)


def _docs(marks: list[str]) -> list[Document]:
    return [Document(source=f"doc{i}", data=seed_text(i % len(SEEDS)) + ("\n" + m if m else ""), input_format="text")
            for i, m in enumerate(marks)]


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_api_time_limit_with_a_slow_custom_step(jobs):
    pipeline = cleannews.default_pipeline().insert(nap, before="repair")
    marks = ["", "NAP", "", "", "NAP", ""]
    started = time.monotonic()
    rows = list(clean_documents(_docs(marks), pipeline=pipeline, jobs=jobs, timeout=2.0))
    assert time.monotonic() - started < 30
    assert [r["source"] for r in rows] == [f"doc{i}" for i in range(len(marks))]
    for i, (row, mark) in enumerate(zip(rows, marks)):
        if mark:
            assert row == {"source": f"doc{i}", "error": "timeout: cleaning took longer than 2 s"}
        else:
            assert row["headline"] == gold(i % len(SEEDS))["headline"]


def test_a_stuck_worker_is_replaced_and_no_other_result_is_lost():
    pipeline = cleannews.default_pipeline().insert(stuck, before="repair")
    marks = ["", "STUCK", "", "", "", "", "STUCK", "", ""]
    rows = list(clean_documents(_docs(marks), pipeline=pipeline, jobs=2, timeout=2.0))
    assert [r["source"] for r in rows] == [f"doc{i}" for i in range(len(marks))]
    for i, (row, mark) in enumerate(zip(rows, marks)):
        if mark:
            assert row == {"source": f"doc{i}", "error": "timeout: cleaning took longer than 2 s"}
        else:
            assert row["headline"] == gold(i % len(SEEDS))["headline"], row


def test_batch_api_error_records_and_ids():
    docs = [Document(source="a", data=BINARY, id=7), Document(source="b", data=seed_text(0), url="https://x.example/1"),
            Document(source="c", path="/nonexistent/file.txt"), Document(source="d", error="invalid JSON: x")]
    rows = list(clean_documents(docs, jobs=2))
    assert rows[0] == {"source": "a", "id": 7, "error": "DecodeError: binary data, not a text or HTML page"}
    assert rows[1]["url"] == "https://x.example/1"
    assert_matches_gold(rows[1], gold(0))
    assert rows[2] == {"source": "c", "error": "cannot read: No such file or directory"}
    assert rows[3] == {"source": "d", "error": "invalid JSON: x"}


# -- Ctrl-C -------------------------------------------------------------------------------------------
def _wait_for_output(path: Path, pattern: str, timeout: float = 60) -> None:
    """Wait until a file matching pattern in path has some (flushed) records in it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.stat().st_size > 0 for p in path.glob(pattern)):
            return
        time.sleep(0.02)
    raise AssertionError(f"no output in {pattern} in {path}")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_keeps_the_old_output_and_writes_finished_records_to_partial(tmp_path, jobs):
    make_corpus(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    out.write_text('{"old": true}\n')
    proc = subprocess.Popen([*CLI, "clean", "--jobs", jobs, "-o", str(out), str(tmp_path / "in")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _wait_for_output(tmp_path, ".out.jsonl.*.tmp")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err
    assert out.read_text() == '{"old": true}\n'
    partial = tmp_path / "out.jsonl.partial"
    rows = [json.loads(line) for line in partial.read_text(encoding="utf-8").splitlines()]
    assert 0 < len(rows) < 200
    expected = sorted(str(p) for p in (tmp_path / "in").iterdir())[:len(rows)]
    assert [r["source"] for r in rows] == expected  # the first N inputs, in order, each complete
    assert f"the first {len(rows)} records were written to {partial}".encode() in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.jsonl", "out.jsonl.partial"]


def test_ctrl_c_on_stdout_output_exits_130_without_traceback(tmp_path):
    make_corpus(tmp_path / "in", 40)
    proc = subprocess.Popen([*CLI, "clean", "--jobs", "2", "--format", "json", str(tmp_path / "in")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = os.read(proc.stdout.fileno(), 1)  # the first record is out
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert b"Traceback" not in err
    rows = json.loads(first + out)  # the array is closed: what finished is valid JSON
    assert 0 < len(rows) < 200


# -- progress -----------------------------------------------------------------------------------------
def test_progress_line_only_when_stderr_is_a_terminal(tmp_path):
    make_corpus(tmp_path / "in", 6)
    # one slow page, so that the run lasts past the progress line's delay however fast cleaning is
    (tmp_path / "in" / "9999_big.txt").write_text(big_page()[:1_500_000], encoding="utf-8")
    controller, terminal = pty.openpty()
    try:
        proc = subprocess.run([*CLI, "clean", "--jobs", "1", str(tmp_path / "in")], stdout=subprocess.PIPE,
                              stderr=terminal, timeout=120)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert proc.returncode == 0
    assert b"\rcleannews: " in shown and b"/31 documents" in shown
    assert len(records(proc)) == 31
    piped = cli("clean", "--jobs", "1", str(tmp_path / "in"))
    assert b"\r" not in piped.stderr and piped.stderr == b""


# -- memory -------------------------------------------------------------------------------------------
def _peak_rss_kb(lines: int, tmp_path: Path) -> int:
    """Peak RSS of one `clean --jobs 1` over JSONL stdin with `lines` records, each carrying 100 KB."""
    source = tmp_path / f"in{lines}.jsonl"
    pad = "x" * 100_000
    with source.open("w", encoding="utf-8") as fh:
        for i in range(lines):
            text = f"Headline number {i}\n\nBy Jane Doe\n\n" + seed_text(i % len(SEEDS)).split("\n\n")[-1][:300]
            fh.write(json.dumps({"id": i, "text": text, "raw": pad}) + "\n")
    with source.open("rb") as stdin:
        proc = subprocess.Popen([*CLI, "clean", "--jobs", "1", "--input-format", "jsonl", "-"],
                                stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0
    return usage.ru_maxrss


def test_jsonl_memory_does_not_grow_with_the_number_of_documents(tmp_path):
    small = _peak_rss_kb(30, tmp_path)
    large = _peak_rss_kb(300, tmp_path)  # holding the inputs would add 27 MB
    assert large / small < 1.2, (small, large)


@cleannews.cleaner("broken")
def broken(page) -> None:
    """Fails on pages that mention a bug (a step with a bug)."""
    if any("BUG" in line.text for line in page.lines):
        raise ValueError("boom")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failing_step_gives_an_error_record_naming_the_step(jobs):
    pipeline = cleannews.default_pipeline().insert(broken, after="repair")
    rows = list(clean_documents(_docs(["", "BUG", ""]), pipeline=pipeline, jobs=jobs))
    assert rows[1] == {"source": "doc1", "error": "CleanerError: step 'broken' failed: ValueError: boom"}
    assert rows[0]["headline"] == gold(0)["headline"] and rows[2]["headline"] == gold(2)["headline"]
