"""Where the command line's records go: the output formats, the atomic output file, the progress line."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from typing import IO, Any

FORMATS = ("jsonl", "json", "text")


class RecordWriter:
    """Writes records to a binary stream as JSONL, one JSON array, or readable text."""

    def __init__(self, stream: IO[bytes], fmt: str = "jsonl") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
        self.stream = stream
        self.format = fmt
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        """Write one record."""
        if self.format == "jsonl":
            text = json.dumps(record, ensure_ascii=False) + "\n"
        elif self.format == "json":
            body = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
            text = ("[\n  " if self.count == 0 else ",\n  ") + body
        else:
            text = ("\n" if self.count else "") + as_text(record)
        self.stream.write(text.encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        """Finish the output (the JSON array's closing bracket) and flush."""
        if self.format == "json":
            self.stream.write(b"[]\n" if self.count == 0 else b"\n]\n")
        self.stream.flush()


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


class AtomicFile:
    """An output file that appears only when complete.

    Records go to a hidden temporary file in the target's directory. :meth:`commit` fsyncs it and
    renames it over the target; :meth:`keep_partial` renames it to ``<target>.partial`` instead
    (an interrupted run), leaving any previous target untouched; :meth:`discard` deletes it.
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
