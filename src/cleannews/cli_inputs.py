"""What the command line reads: files, directories (recursively), stdin, and JSONL records.

Rules (also in docs/cli.md):

* A file named on the command line is always read, whatever its name.
* A directory is walked recursively, in sorted order; it contributes the files whose name ends
  in one of :data:`SUFFIXES` (case-insensitive, optionally followed by ``.gz``). Hidden files
  and directories (name starting with ``.``) are skipped.
* ``-`` is stdin: one document, or a stream of JSONL records with ``--input-format jsonl``.
* ``--input-format auto`` (default): ``.jsonl``/``.ndjson`` files are JSONL, ``.html``/``.htm``/
  ``.xhtml`` files are HTML, anything else is decided by content (HTML if it looks like HTML).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, cast

from .batch import Document

#: File name endings a directory walk picks up (each may also end in .gz).
SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson")
_JSONL_SUFFIXES = (".jsonl", ".ndjson")
INPUT_FORMATS = ("auto", "text", "html", "jsonl")


@dataclass(frozen=True)
class JsonlFields:
    """Which keys of a JSONL record hold the page's text, its HTML, its id and its URL."""

    text: str = "text"
    html: str = "html"
    id: str = "id"
    url: str = "url"


def _plain_name(path: str) -> str:
    name = os.path.basename(path).lower()
    return name[:-3] if name.endswith(".gz") else name


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The input files: named files as given, directories walked (see the module's rules)."""
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            out.extend(_walk(path))
        else:
            out.append(path)
    return out


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and _plain_name(name).endswith(SUFFIXES):
                yield os.path.join(dirpath, name)


def is_jsonl(path: str, input_format: str) -> bool:
    """True when this input is read as JSONL records."""
    if input_format == "jsonl":
        return True
    return input_format == "auto" and path != "-" and _plain_name(path).endswith(_JSONL_SUFFIXES)


def iter_documents(paths: Sequence[str], *, input_format: str = "auto", fields: JsonlFields = JsonlFields(),
                   stdin: IO[bytes] | None = None) -> Iterator[Document]:
    """One :class:`Document` per input file, stdin document or JSONL record, lazily."""
    doc_format = input_format if input_format in ("text", "html") else "auto"
    for path in paths:
        if is_jsonl(path, input_format):
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
    """The document a JSONL record holds: its text field (else its HTML field), id and URL."""
    doc_id = record.get(fields.id)
    url = record.get(fields.url)
    url = url if isinstance(url, str) and url else None
    for key, fmt in ((fields.text, "text"), (fields.html, "html")):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return Document(source=source, data=value, input_format=fmt, url=url, id=doc_id)
    return Document(source=source, url=url, id=doc_id,
                    error=f"no text in field {fields.text!r} or HTML in field {fields.html!r}")


