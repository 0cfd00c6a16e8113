"""What the command line reads: files, directories (recursively), web addresses, stdin, and JSONL records.

Rules (also in docs/cli.md):

* A file named on the command line is always read, whatever its name.
* A directory is walked recursively, in sorted order; it contributes the files whose name ends
  in one of :data:`SUFFIXES` (case-insensitive, optionally followed by ``.gz``), or every file
  with ``all_files``. Hidden files and directories (name starting with ``.``) are skipped, and so
  is the run's own output (``exclude``). The files left out for their name are counted.
* An ``http://`` or ``https://`` address is fetched when it is cleaned.
* ``-`` is stdin: one document, or a stream of JSONL records with ``--input-format jsonl``.
* ``--input-format auto`` (default): ``.jsonl``/``.ndjson`` files are JSONL, ``.html``/``.htm``/
  ``.xhtml`` files are HTML, anything else is decided by content (HTML if it looks like HTML).
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, cast

from .batch import Document
from .fetch import is_url

#: File name endings a directory walk picks up (each may also end in .gz).
SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
INPUT_FORMATS = ("auto", "text", "html", "jsonl")
#: The name stdin's output gets in an output directory.
STDIN_NAME = "stdin"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class JsonlFields:
    """Which keys of a JSONL record hold the page's text, its HTML, its id and its URL."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


@dataclass(frozen=True)
class Input:
    """One input: a file, ``-`` or an address, and its name relative to the argument it came
    from (a walked file's path under its directory; a named file's base name)."""

    path: str
    name: str


@dataclass
class Inputs:
    """The inputs a command line names, and how many files a directory walk left out for their name."""

    items: list[Input] = field(default_factory=list)
    skipped: int = 0

    @property
    def paths(self) -> list[str]:
        """The inputs' paths, in order."""
        return [item.path for item in self.items]


def _plain_name(path: str) -> str:
    name = os.path.basename(path).lower()
    return name[:-3] if name.endswith(".gz") else name


def expand_paths(paths: Sequence[str], *, all_files: bool = False, exclude: Sequence[str] = ()) -> Inputs:
    """The inputs: named files and addresses as given, directories walked (see the module's rules).

    ``exclude``: files and directories a walk never takes (the run's own output).
    """
    inputs = Inputs()
    excluded = [os.path.realpath(p) for p in exclude]
    for path in paths:
        if path == "-":
            inputs.items.append(Input(path, STDIN_NAME))
        elif is_url(path):
            inputs.items.append(Input(path, _url_name(path)))
        elif os.path.isdir(path):
            _walk(path, inputs, all_files, excluded)
        else:
            inputs.items.append(Input(path, os.path.basename(path)))
    return inputs


def _walk(root: str, inputs: Inputs, all_files: bool, excluded: list[str]) -> None:
    def is_excluded(path: str) -> bool:
        if not excluded:
            return False
        real = os.path.realpath(path)
        return any(real == e or real.startswith(e.rstrip(os.sep) + os.sep) for e in excluded)

    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and not is_excluded(os.path.join(dirpath, d)))
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            if name.startswith(".") or is_excluded(path):
                continue
            if all_files or _plain_name(name).endswith(SUFFIXES):
                inputs.items.append(Input(path, os.path.relpath(path, root)))
            else:
                inputs.skipped += 1


def _url_name(url: str) -> str:
    """A relative file name for an address: its host and path, made safe."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path if parts.path and not parts.path.endswith("/") else parts.path + "index"
    pieces = [_UNSAFE.sub("_", p) for p in [parts.netloc, *path.split("/")] if p and p not in (".", "..")]
    return os.path.join(*pieces) if pieces else "index"


def is_jsonl(path: str, input_format: str) -> bool:
    """True when this input is read as JSONL records."""
    if input_format == "jsonl":
        return True
    if is_url(path):
        return False
    return input_format == "auto" and path != "-" and _plain_name(path).endswith(_JSONL_SUFFIXES)


def iter_documents(paths: Sequence[str], *, input_format: str = "auto", fields: JsonlFields = JsonlFields(),
                   stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """One :class:`Document` per input file, address, stdin document or JSONL record, lazily.
    (An address is always one page, fetched when it is cleaned.)"""
    doc_format = input_format if input_format in ("text", "html") else "auto"
    for path in paths:
        if is_url(path):
            yield Document(source=path, path=path, url=path, input_format=doc_format)
        elif is_jsonl(path, input_format):
            yield from _jsonl_documents(path, fields, stdin)
        elif path == "-":
            data = stdin.read() if stdin is not None else b""
            yield Document(source="-", data=data, input_format=doc_format)
        else:
            yield Document(source=path, path=path, input_format=doc_format)


def _jsonl_documents(path: str, fields: JsonlFields, stdin: IO[bytes] | None) -> Iterator[Document]:
    if path == "-":
        yield from parse_jsonl(stdin if stdin is not None else iter(()), "-", fields)
        return
    try:
        if path.lower().endswith(".gz"):
            import gzip
            handle: IO[bytes] = cast("IO[bytes]", gzip.open(path, "rb"))
        else:
            handle = open(path, "rb")
    except OSError as exc:
        yield Document(source=path, error=f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        try:
            yield from parse_jsonl(handle, path, fields)
        except (OSError, EOFError) as exc:  # a truncated .gz, an I/O error mid-file
            yield Document(source=path, error=f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def parse_jsonl(lines: Any, name: str, fields: JsonlFields) -> Iterator[Document]:
    """Documents from JSONL lines (bytes or str), one per non-blank line; source ``name:line``."""
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        source = f"{name}:{number}"
        try:
            record = json.loads(raw)
        except ValueError as exc:
            yield Document(source=source, error=f"invalid JSON: {exc}")
            continue
        if not isinstance(record, dict):
            yield Document(source=source, error=f"a JSONL record must be an object, not {type(record).__name__}")
            continue
        yield record_document(record, source, fields)


def record_document(record: dict[str, Any], source: str, fields: JsonlFields) -> Document:
    """The document a JSONL record holds: its text field (else its HTML field), id and URL.

    The text field is read as HTML when it looks like HTML (as :func:`cleannews.clean` decides);
    the HTML field always is."""
    doc_id = record.get(fields.id)
    url = record.get(fields.url)
    url = url if isinstance(url, str) and url else None
    for key, fmt in ((fields.text, "auto"), (fields.html, "html")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return Document(source=source, data=value, input_format=fmt, url=url, id=doc_id)
    return Document(source=source, url=url, id=doc_id,
                    error=f"no text in field {fields.text!r} or HTML in field {fields.html!r}")


