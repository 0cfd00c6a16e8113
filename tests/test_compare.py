"""benchmarks/compare.py: its diffing of two runs' ``Article.to_dict()`` records, and the script
itself run as a subprocess on a small evaluation root."""

from __future__ import annotations

import gzip
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "benchmarks" / "compare.py"
FIXTURES = Path(__file__).parent / "fixtures"

_spec = importlib.util.spec_from_file_location("compare", SCRIPT)
assert _spec is not None and _spec.loader is not None
compare = importlib.util.module_from_spec(_spec)
sys.modules["compare"] = compare  # (dataclasses look their module up while the class is built)
_spec.loader.exec_module(compare)


def record(line: int, text: str, reason: str = "menu link", **extra: object) -> dict:
    return {"text": text, "cleaner": "navigation", "reason": reason, "line": line, **extra}


def result(**changes: object) -> dict:
    base = {"headline": "A headline", "byline": ["Jane Doe"], "date": "2024-03-01", "section": None,
            "lead": "First paragraph.", "body": "First paragraph.\n\nSecond paragraph.\n\nThird paragraph.",
            "language": "en", "site_name": None, "url": None,
            "removed": [record(1, "Home"), record(2, "News"), record(7, "Share", "share button")]}
    return {"result": {**base, **changes}}


def test_equal_results_have_no_difference() -> None:
    comparison = compare.compare_results("doc", result(), result())
    assert comparison.compared == 1
    assert comparison.count == 0 and not comparison.differences


def test_a_differing_body_is_shown_paragraph_by_paragraph() -> None:
    new = result(body="First paragraph.\n\nSecond paragraph, changed.\n\nThird paragraph.")
    comparison = compare.compare_results("doc", result(), new)
    assert comparison.count == 1
    [(doc, key, lines)] = comparison.differences
    assert (doc, key) == ("doc", "body")
    assert lines == ['- "Second paragraph."', '+ "Second paragraph, changed."']


def test_a_differing_removal_record_is_listed_alone() -> None:
    removed = [record(1, "Home"), record(2, "News", "page header"), record(7, "Share", "share button")]
    [(_, key, lines)] = compare.compare_results("doc", result(), result(removed=removed)).differences
    assert key == "removed"
    assert lines[0] == "1 record(s) only in --against, 1 only in --this"
    assert [line[0] for line in lines[1:]] == ["-", "+"]
    assert all('"News"' in line for line in lines[1:])
    assert not any('"Home"' in line or '"Share"' in line for line in lines)


def test_a_key_only_one_side_has_is_counted_apart_and_can_be_ignored() -> None:
    coded = [{**r, "code": "NAV"} for r in result()["result"]["removed"]]
    new = result(removed=coded, words=6)
    comparison = compare.compare_results("doc", result(), new)
    assert not comparison.differences  # the records agree on the keys both sides have
    assert dict(comparison.only_this["removed.code"]) == {"doc": 3}
    assert dict(comparison.only_this["words"]) == {"doc": 1}
    assert comparison.count == 2
    report = "\n".join(compare.report(comparison))
    assert "added keys (only in --this):" in report and "removed.code: in 1 document(s), 3 value(s)" in report

    ignored = compare.compare_results("doc", result(), new, ignore=("removed.code", "words"))
    assert ignored.count == 0 and not ignored.only_this


def test_an_ignored_key_is_not_compared() -> None:
    comparison = compare.compare_results("doc", result(), result(url="https://example.org/a"), ignore=("url",))
    assert comparison.count == 0


def test_an_error_on_one_side_is_a_difference() -> None:
    comparison = compare.compare_results("doc", result(), {"error": "ValueError: bad page"})
    [(_, key, lines)] = comparison.differences
    assert key == "error" and lines == ['- "no error"', '+ "ValueError: bad page"']
    assert compare.compare_results("doc", {"error": "E: x"}, {"error": "E: x"}).count == 0


def test_documents_are_every_text_page_and_every_nth_html_page(tmp_path: Path) -> None:
    for n in range(5):
        page = tmp_path / "set" / f"p{n}"
        page.mkdir(parents=True)
        (page / "page.txt").write_text("text", encoding="utf-8")
        (page / "page.html.gz").write_bytes(gzip.compress(b"<p>html</p>"))
    ids = [d.id for d in compare.find_documents(tmp_path, html_every=2)]
    assert ids == [f"set/p{n}/page.txt" for n in range(5)] + [f"set/p{n}/page.html.gz" for n in (0, 2, 4)]
    assert [d.id for d in compare.find_documents(tmp_path / "set", html_every=0, limit=2)] == [
        "set/p0/page.txt", "set/p1/page.txt"]  # a single set's folder works too


def make_root(root: Path) -> None:
    """An evaluation root of two sets: the seed pages (text) and two HTML pages."""
    shutil.copytree(FIXTURES / "seeds", root / "seeds")
    for name in ("html_long_author.html", "html_latin1.html"):
        page = root / "html" / Path(name).stem
        page.mkdir(parents=True)
        (page / "page.html.gz").write_bytes(gzip.compress((FIXTURES / "hostile" / name).read_bytes()))


def test_the_script_finds_no_difference_between_a_tree_and_itself(tmp_path: Path) -> None:
    make_root(tmp_path)
    proc = subprocess.run([sys.executable, str(SCRIPT), "--against", str(ROOT / "src"), "--this", str(ROOT / "src"),
                           "--data", str(tmp_path), "--html-every", "1", "--jobs", "2"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "7 documents (5 page.txt, 2 page.html.gz)" in proc.stdout
    assert "documents compared: 7" in proc.stdout
    assert "differences: 0 " in proc.stdout
    assert "0 document(s) raised" in proc.stdout


def test_the_script_refuses_a_folder_without_cleannews(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), "--against", str(tmp_path), "--data", str(FIXTURES / "seeds")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "holds no cleannews package" in proc.stderr
