"""Where the command line's records go: the output formats, the output file (atomic, or a
stream), one file per input in an output directory, the progress line."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import IO, Any

from .article import Article

FORMATS = ("jsonl", "json", "text", "markdown", "csv")
#: The file name ending of each format (for an output directory).
EXTENSIONS = {"jsonl": ".jsonl", "json": ".json", "text": ".txt", "markdown": ".md", "csv": ".csv"}
#: The CSV columns: the record's own, the Article's fields, how the page was read, the error.
CSV_COLUMNS = ("source", "id", *Article().to_dict(removed=False), "input_format", "error")
#: What joins the names of a byline in a CSV cell.
CSV_LIST_SEPARATOR = "; "
#: A paragraph start that Markdown would read as markup (a heading, quote, list, rule, table, code fence).
_MARKDOWN_BLOCK = re.compile(r"^(?=[#>|]|[-+*](?:\s|$)|[=\-_*]{3,}\s*$|```|~~~)")
_MARKDOWN_ORDERED = re.compile(r"^(\d{1,9})(?=[.)](?:\s|$))")
_MARKDOWN_SEPARATOR = "\n---\n\n"


class RecordWriter:
    """Writes records to a binary stream as JSONL, one JSON array, readable text, Markdown or CSV.

    ``csv_columns``: the CSV header (default :data:`CSV_COLUMNS`; a column a record lacks is empty).
    """

    def __init__(self, stream: IO[bytes], fmt: str = "jsonl", *, csv_columns: Sequence[str] = CSV_COLUMNS) -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
        self.stream = stream
        self.format = fmt
        self.csv_columns = tuple(csv_columns)
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        """Write one record."""
        if self.format == "jsonl":
            text = json.dumps(record, ensure_ascii=False) + "\n"
        elif self.format == "json":
            body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            text = ("[\n  " if self.count == 0 else ",\n  ") + body
        elif self.format == "markdown":
            text = (_MARKDOWN_SEPARATOR if self.count else "") + as_markdown(record)
        elif self.format == "csv":
            text = (self._csv_row(self.csv_columns) if self.count == 0 else "") + self._csv_row(
                [_csv_cell(record.get(column)) for column in self.csv_columns])
        else:
            text = ("\n" if self.count else "") + as_text(record)
        self.stream.write(text.encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        """Finish the output (the JSON array's closing bracket, the CSV header of an empty run) and flush."""
        if self.format == "json":
            self.stream.write(b"[]\n" if self.count == 0 else b"\n]\n")
        elif self.format == "csv" and self.count == 0:
            self.stream.write(self._csv_row(self.csv_columns).encode("utf-8"))
        self.stream.flush()

    @staticmethod
    def _csv_row(cells: Sequence[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(cells)
        return buffer.getvalue()


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return CSV_LIST_SEPARATOR.join(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def as_markdown(record: dict[str, Any]) -> str:
    """A record as Markdown: a ``<!-- source -->`` comment, the headline as a ``# `` title, a
    line with the byline and the date, then the paragraphs (each escaped where Markdown would
    take its start for markup). An error record is the comment and the error as a quote."""
    source = str(record.get("source", "")).replace("--", "- -")
    lines = [f"<!-- {source} -->", ""]
    if "error" in record:
        lines.append(f"> **Error:** {_escape_inline(record['error'])}")
        return "\n".join(lines) + "\n"
    if record.get("headline"):
        lines += [f"# {_escape_inline(record['headline'])}", ""]
    credits = []
    if record.get("byline"):
        credits.append("By " + ", ".join(record["byline"]))
    if record.get("date"):
        credits.append(record["date"])
    if credits:
        lines += ["*" + _escape_inline(" · ".join(credits)) + "*", ""]
    for paragraph in (record.get("body") or "").split("\n\n"):
        if paragraph.strip():
            lines += [_escape_block(paragraph), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _escape_block(paragraph: str) -> str:
    """A paragraph whose start Markdown would take for markup, escaped (``\\#``, ``\\-``, ``1\\.``)."""
    return _MARKDOWN_ORDERED.sub(r"\1\\", _MARKDOWN_BLOCK.sub("\\\\", paragraph))


def _escape_inline(text: str) -> str:
    """Text inside a heading or an emphasis: the characters that would end or start markup escaped."""
    return re.sub(r"([\\`*_\[\]<>#])", r"\\\1", " ".join(str(text).split()))


def as_text(record: dict[str, Any]) -> str:
    """A record for reading: a ``==> source <==`` header, headline, byline, date, then the body."""
    lines = [f"==> {record.get('source')} <=="]
    if "error" in record:
        lines.append(f"ERROR: {record['error']}")
        return "\n".join(lines) + "\n"
    if record.get("headline"):
        lines.append(record["headline"])
    if record.get("byline"):
        lines.append("By " + ", ".join(record["byline"]))
    if record.get("date"):
        lines.append(record["date"])
    lines.append("")
    if record.get("body"):
        lines.append(record["body"])
    return "\n".join(lines) + "\n"


class OutputError(ValueError):
    """An output path that cannot be written to (a directory, a missing parent, a block device)."""


class AtomicFile:
    """An output file that appears only when complete.

    Records go to a hidden temporary file in the target's directory. :meth:`commit` fsyncs it and
    renames it over the target; :meth:`keep_partial` renames it to ``<target>.partial`` instead
    (an interrupted run), leaving any previous target untouched; :meth:`discard` deletes it.
    ``path`` is a regular file or a new path (see :func:`open_output`).
    """

    def __init__(self, path: str) -> None:
        self.path = os.path.abspath(path)
        directory, name = os.path.split(self.path)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
        self.stream: IO[bytes] = os.fdopen(fd, "wb")

    def _finish(self, target: str) -> str:
        self.stream.flush()
        os.fsync(self.stream.fileno())
        self.stream.close()
        os.chmod(self.tmp, _file_mode(target))
        os.replace(self.tmp, target)
        _fsync_dir(os.path.dirname(target))
        return target

    def commit(self) -> str:
        """Move the finished file into place; returns its path."""
        return self._finish(self.path)

    def keep_partial(self) -> str:
        """Keep what was written as ``<target>.partial``; returns that path."""
        return self._finish(self.path + ".partial")

    def discard(self) -> None:
        """Delete the temporary file."""
        try:
            self.stream.close()
        finally:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass


class StreamOutput:
    """An output written as a stream, as it comes: stdout, a character device, a FIFO, a socket.

    There is nothing to rename: :meth:`commit`, :meth:`keep_partial` and :meth:`discard` flush
    and close (stdout is flushed, never closed).
    """

    def __init__(self, path: str, stream: IO[bytes] | None = None) -> None:
        self.path = path
        self._owned = stream is None
        self.stream: IO[bytes] = stream if stream is not None else open(path, "wb")

    def _close(self) -> str:
        try:
            self.stream.flush()
        finally:
            if self._owned:
                self.stream.close()
        return self.path

    def commit(self) -> str:
        """Flush (and close what was opened); returns the path."""
        return self._close()

    def keep_partial(self) -> str:
        """The records are already written; returns the path."""
        return self._close()

    def discard(self) -> None:
        """Close what was opened (what was written stays written)."""
        try:
            self._close()
        except OSError:
            pass


#: Names that mean this process's standard output.
_STDOUT_NAMES = ("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
#: Paths under which a name stands for an already open file descriptor: written as a stream.
_FD_DIRS = ("/dev/fd/", "/proc/self/fd/")


def output_kind(path: str) -> str:
    """How :func:`open_output` writes to ``path``: "stdout", "stream" or "file" (atomically, at
    the real path a symlink points to). Raises :class:`OutputError` for a directory, a block
    device, or a new file whose directory does not exist; nothing is created or opened."""
    if path in _STDOUT_NAMES:
        return "stdout"
    if path.startswith(_FD_DIRS):
        return "stream"
    real = os.path.realpath(path)
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        parent = os.path.dirname(real)
        if not os.path.isdir(parent):
            raise OutputError(f"{path}: the directory {parent} does not exist") from None
        return "file"
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a directory")
    if stat.S_ISBLK(mode):
        raise OutputError(f"{path} is a block device")
    if stat.S_ISREG(mode):
        return "file"
    return "stream"  # a character device, a FIFO, a socket


def open_output(path: str) -> AtomicFile | StreamOutput:
    """The output for ``-o PATH``: a regular file or a new path is written atomically (a symlink
    is followed, and its target replaced in its own directory); stdout, ``/dev/stdout``, a
    character device, a FIFO or a socket is written as a stream. Raises :class:`OutputError`
    (see :func:`output_kind`) or OSError (no permission, no reader on a socket)."""
    kind = output_kind(path)
    if kind == "stdout":
        return StreamOutput(path, sys.stdout.buffer)
    if kind == "stream":
        return StreamOutput(path)
    return AtomicFile(os.path.realpath(path))


class DirectoryOutput:
    """One output file per input, each written like ``-o FILE`` (atomically), in input order.

    ``targets`` holds each input's output path. :meth:`write` takes the record of input
    ``index``; the files of the inputs before it are then complete and put in place (an input
    that gave no record gets an empty file). :meth:`close` finishes them all; :meth:`keep_partial`
    keeps the finished files and the current one as ``FILE.partial``.
    """

    def __init__(self, targets: Sequence[str], fmt: str, *, csv_columns: Sequence[str] = CSV_COLUMNS) -> None:
        self.targets = list(targets)
        self.format = fmt
        self.csv_columns = csv_columns
        self.current = -1
        self.sink: AtomicFile | StreamOutput | None = None
        self.writer: RecordWriter | None = None
        self.finished = 0  # records in files already put in place

    @property
    def count(self) -> int:
        """Records written so far."""
        return self.finished + (self.writer.count if self.writer is not None else 0)

    def write(self, index: int, record: dict[str, Any]) -> None:
        """Write the record of input ``index`` (indexes never go back)."""
        while self.current < index:
            self._next()
        assert self.writer is not None
        self.writer.write(record)

    def _finish_current(self) -> None:
        if self.writer is not None and self.sink is not None:
            self.writer.close()
            self.sink.commit()
            self.finished += self.writer.count
        self.writer = self.sink = None

    def _next(self) -> None:
        self._finish_current()
        self.current += 1
        target = self.targets[self.current]
        os.makedirs(os.path.dirname(target), exist_ok=True)
        self.sink = open_output(target)
        self.writer = RecordWriter(self.sink.stream, self.format, csv_columns=self.csv_columns)

    def close(self) -> None:
        """Finish every input's file."""
        while self.current < len(self.targets) - 1:
            self._next()
        self._finish_current()

    def keep_partial(self) -> str:
        """Keep the current file's records as ``FILE.partial``; returns that path (or "")."""
        if self.writer is None or self.sink is None:
            return ""
        self.writer.close()
        return self.sink.keep_partial()

    def discard(self) -> None:
        """Delete the current file's temporary file (the finished files stay)."""
        if self.sink is not None:
            self.sink.discard()


def output_targets(directory: str, names: Sequence[str], fmt: str) -> list[str]:
    """The output file, under ``directory``, of each input (named by its path relative to the
    argument it came from): the name with its ending (and ``.gz``) replaced by the format's;
    inputs whose names would then collide (``a.txt`` and ``a.html``) keep their full name
    (``a.txt.md``, ``a.html.md``). Raises :class:`OutputError` when two inputs still share a
    file, or one's file cannot be written (a directory in the way)."""
    extension = EXTENSIONS[fmt]

    def short(name: str) -> str:
        base = name[:-3] if name.lower().endswith(".gz") else name
        return os.path.splitext(base)[0] + extension

    shorts = [short(n) for n in names]
    seen: dict[str, int] = {}
    for s in shorts:
        seen[s] = seen.get(s, 0) + 1
    targets = [os.path.join(directory, s if seen[s] == 1 else n + extension) for s, n in zip(shorts, names)]
    owner: dict[str, str] = {}
    for target, name in zip(targets, names):
        if target in owner:
            raise OutputError(f"{owner[target]} and {name} would both be written to {target}")
        owner[target] = name
        if os.path.lexists(target) or os.path.isdir(os.path.dirname(target)):
            output_kind(target)
        elif os.path.exists(os.path.dirname(target)):
            raise OutputError(f"{os.path.dirname(target)} is not a directory")
    return targets


def _file_mode(target: str) -> int:
    try:
        return os.stat(target).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(directory: str) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class Progress:
    """A one-line counter on stderr, redrawn with ``\\r``; silent unless stderr is a terminal.

    It appears only once a run has lasted ``delay`` seconds, so quick runs print nothing.
    """

    def __init__(self, total: int | None = None, *, stream: IO[str] | None = None, delay: float = 0.5,
                 enabled: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.enabled = _isatty(self.stream) if enabled is None else enabled
        self.start = time.monotonic()
        self.delay = delay
        self.done = self.failed = 0
        self._last = 0.0
        self._shown = False

    def update(self, failed: bool = False) -> None:
        """Count one finished document."""
        self.done += 1
        self.failed += failed
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start >= self.delay and (now - self._last >= 0.1 or self.done == self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9)
        count = f"{self.done}/{self.total}" if self.total else str(self.done)
        errors = f", {self.failed} failed" if self.failed else ""
        self.stream.write(f"\rcleannews: {count} documents{errors} ({rate:.1f}/s)\x1b[K")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        """End the progress line (if one was drawn)."""
        if self._shown:
            self._draw(time.monotonic())
            self.stream.write("\n")
            self.stream.flush()


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
