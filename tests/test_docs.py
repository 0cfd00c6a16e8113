"""The documentation runs as written, and stays in step with the code.

Every fenced ``python`` block of README.md and docs/*.md runs; a file's blocks run in order in one
namespace, as a reader would type them into one session. Every ``cleannews`` command of a
``console`` block (the lines starting with ``$``) or of an ``sh`` block runs through a shell, and
must exit 0; a file's commands run in order. Both run in a fresh folder holding what the examples
name (see :func:`sandbox`):

* ``page.txt``: a reference page's text (tests/fixtures/seeds), ``page.html``: a news page's HTML;
* ``pages/``: the reference pages as ``0.txt`` ... ``4.txt``;
* ``crawl/``: the same pages, plus ``page.html``; ``crawl.jsonl``: one record per page, with the
  page in ``text`` and ``content``, its id in ``id`` and ``doc_id``, and a ``url``.

``https://example.org/`` in a command is served from that folder by a web server on 127.0.0.1.
The Spark blocks (docs/spark.md) run in the ``spark`` test with a real local session.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleannews
from local_server import serve

ROOT = Path(__file__).parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
GUIDE = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
SEEDS = sorted(p for p in (Path(__file__).parent / "fixtures" / "seeds").iterdir() if (p / "gold.json").exists())
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
EXAMPLE_SITE = "https://example.org/"


def blocks(path: Path, *languages: str) -> list[str]:
    """The fenced code blocks of a Markdown file in the given languages, in order."""
    return [m.group(2) for m in _FENCE.finditer(path.read_text(encoding="utf-8")) if m.group(1) in languages]


def commands(path: Path) -> list[str]:
    """The ``cleannews`` commands of a Markdown file's console and sh blocks, in order."""
    out = []
    for block in blocks(path, "console"):
        out += [line[2:] for line in block.splitlines() if line.startswith("$ ") and "cleannews " in line]
    for block in blocks(path, "sh", "shell", "bash"):
        out += [line for line in block.splitlines() if line.strip().startswith("cleannews ")]
    return out


def is_spark(code: str) -> bool:
    return "pyspark" in code or "spark." in code


def article_html() -> str:
    """A news page's HTML, built from a reference page's expected result."""
    gold = json.loads((SEEDS[1] / "gold.json").read_text(encoding="utf-8"))
    paragraphs = "".join(f"<p>{p}</p>" for p in gold["body"])
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{gold['headline']}</title>"
            f"<meta name='author' content='{', '.join(gold['byline'])}'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>{gold['headline']}</h1>{paragraphs}</article></body></html>")


@pytest.fixture
def sandbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding what the examples name; the current directory during the test."""
    texts = [(s / "page.txt").read_text(encoding="utf-8") for s in SEEDS]
    (tmp_path / "page.txt").write_text(texts[0], encoding="utf-8")
    (tmp_path / "page.html").write_text(article_html(), encoding="utf-8")
    for folder in ("pages", "crawl"):
        (tmp_path / folder).mkdir()
        for i, text in enumerate(texts):
            (tmp_path / folder / f"{i}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "crawl" / "page.html").write_text(article_html(), encoding="utf-8")
    records = [{"id": i, "doc_id": i, "url": f"https://example.org/{i}", "text": t, "content": t}
               for i, t in enumerate(texts)]
    (tmp_path / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def site(sandbox: Path) -> Iterator[str]:
    """The sandbox served on 127.0.0.1 (stands for https://example.org/ in commands)."""
    handler = functools.partial(_QuietFiles, directory=str(sandbox))
    with serve(handler) as url:
        yield url + "/"


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _shell_env(bin_dir: Path) -> dict[str, str]:
    """PATH with a ``cleannews`` that runs this tree's package; no proxy for 127.0.0.1."""
    bin_dir.mkdir(exist_ok=True)
    shim = bin_dir / "cleannews"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cleannews "$@"\n')
    shim.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(Path(cleannews.__file__).parent.parent),
                                                      env.get("PYTHONPATH")]))
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


DOCS_WITH_COMMANDS = [p for p in DOCS if commands(p)]
DOCS_WITH_PYTHON = [p for p in DOCS if any(not is_spark(b) for b in blocks(p, "python"))]


@pytest.mark.parametrize("doc", DOCS_WITH_COMMANDS, ids=[p.name for p in DOCS_WITH_COMMANDS])
def test_every_cleannews_command_runs(doc: Path, sandbox: Path, site: str, tmp_path_factory):
    env = _shell_env(tmp_path_factory.mktemp("bin"))
    for command in commands(doc):
        line = command.replace(EXAMPLE_SITE, site)
        proc = subprocess.run(["bash", "-c", f"set -o pipefail; {line}"], cwd=sandbox, env=env,
                              capture_output=True, timeout=300)
        assert proc.returncode == 0, f"{doc.name}: `{command}` exited {proc.returncode}:\n{proc.stderr.decode()}"
        assert b"Traceback" not in proc.stderr
        assert b'"error"' not in proc.stdout, f"{doc.name}: `{command}` gave error records"


@pytest.fixture
def namespace(request: pytest.FixtureRequest) -> Iterator[dict[str, object]]:
    """The globals the blocks of one file run in: a module of its own (dataclasses need one)."""
    name = f"docs_example_{request.node.name}".replace("[", "_").replace("]", "").replace(".", "_")
    module = types.ModuleType(name)
    sys.modules[name] = module
    try:
        yield module.__dict__
    finally:
        del sys.modules[name]


@pytest.mark.parametrize("doc", DOCS_WITH_PYTHON, ids=[p.name for p in DOCS_WITH_PYTHON])
def test_every_python_block_runs(doc: Path, sandbox: Path, namespace: dict[str, object], capsys):
    for n, code in enumerate(blocks(doc, "python"), 1):
        if is_spark(code):
            continue
        try:
            exec(compile(code, f"{doc.name}, python block {n}", "exec"), namespace)  # noqa: S102
        except Exception as exc:  # name the block that failed
            pytest.fail(f"{doc.name}, python block {n} failed: {type(exc).__name__}: {exc}")


def test_the_examples_cover_every_doc_with_code():
    """No Markdown file has a python block or a cleannews command that these tests skip."""
    spark_blocks = [b for p in DOCS for b in blocks(p, "python") if is_spark(b)]
    assert spark_blocks and all("spark.md" in str(p) for p in DOCS for b in blocks(p, "python") if is_spark(b))
    assert {p.name for p in DOCS_WITH_COMMANDS} >= {"README.md", "cli.md", "profiles.md"}
    assert {p.name for p in DOCS_WITH_PYTHON} >= {"README.md", "guide.md", "cli.md", "html.md", "profiles.md"}


@pytest.mark.spark
def test_the_spark_blocks_run_on_a_local_session(sandbox: Path, namespace: dict[str, object],
                                                 monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("PYSPARK_PYTHON", os.environ.get("PYSPARK_PYTHON", sys.executable))
    monkeypatch.setenv("PYSPARK_DRIVER_PYTHON", os.environ.get("PYSPARK_DRIVER_PYTHON", sys.executable))
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(Path(cleannews.__file__).parent.parent),
                                                                   os.environ.get("PYTHONPATH")])))
    try:
        for n, code in enumerate(blocks(ROOT / "docs" / "spark.md", "python"), 1):
            exec(compile(code, f"spark.md, python block {n}", "exec"), namespace)  # noqa: S102
        assert (sandbox / "articles.parquet").is_dir()
        flat = namespace["spark"].read.parquet("articles.parquet")  # type: ignore[attr-defined]
        rows = {r["path"].rsplit("/", 1)[-1]: r for r in flat.collect()}
        gold = json.loads((SEEDS[1] / "gold.json").read_text(encoding="utf-8"))
        assert rows["page.html"]["headline"] == gold["headline"] and rows["page.html"]["error"] is None
    finally:
        if "spark" in namespace:
            namespace["spark"].stop()  # type: ignore[attr-defined]


def test_guide_names_every_default_step():
    missing = [name for name in cleannews.default_pipeline().names if f"`{name}`" not in GUIDE]
    assert missing == [], f"docs/guide.md does not describe: {missing}"


def test_every_default_step_describes_itself():
    for step in cleannews.default_pipeline():
        assert step.description, f"{step.name} has no description"
