"""Cleaning many documents: in order, in parallel worker processes, with a hard per-document time limit.

    >>> from cleannews.batch import Document, clean_documents
    >>> docs = (Document(source=str(p), path=str(p)) for p in paths)
    >>> for record in clean_documents(docs, jobs=2, timeout=30):
    ...     print(record["source"], record.get("headline") or record.get("error"))

Every document yields exactly one record, in input order: the Article's fields plus ``source``,
or ``{"source": ..., "error": "<one-line reason>"}`` when it could not be read, decoded or
cleaned in time. Nothing raises for a bad document; the run goes on.

With ``jobs > 1`` documents go to worker processes a few at a time (a bounded window, so memory
stays flat however long the input). A document over its time limit is interrupted in its worker
(SIGALRM); a worker stuck where no signal reaches it is killed and replaced, and the other
documents it held are handed out again, so no result is lost and order is kept.
"""

from __future__ import annotations

import collections
import gzip
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .fetch import FetchError, fetch, is_url
from .pipeline import CleanTimeout, Pipeline
from .prepare import read_source

#: Documents in flight per worker process: one being cleaned, the rest queued in the worker.
DEPTH = 3
#: Extra seconds a worker gets past the time limit before it is killed (its own alarm comes first).
KILL_GRACE = 1.0
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_WARMUP_TEXT = ("Breaking News\n\nBy Jane Doe\n\nJanuary 5, 2024\n\n"
                "The council met on Monday and approved the new budget after a long debate.\n\n"
                "Share this article\n")
_WARMUP_HTML = ("<html><head><title>Budget approved</title></head><body><article><h1>Budget approved</h1>"
                "<p>The council met on Monday and approved the new budget after a long debate.</p>"
                "</article></body></html>")


@dataclass(frozen=True)
class Document:
    """One input document: where it came from and either its content or a file to read it from.

    ``source`` names it in the output (a path, ``-`` for stdin, ``path:line`` for a JSONL record).
    ``path`` is read when the document is cleaned (``.gz`` files are decompressed; an http(s)
    address is fetched); ``data`` is
    the content itself. ``input_format`` is "auto", "text" or "html" (see :func:`cleannews.clean`);
    for a path with "auto", the suffix decides (.html/.htm: HTML), else the content does.
    ``id`` is copied into the record when set. A document with ``error`` set is not cleaned: it
    yields that error record (input that could not even be parsed, such as a broken JSONL line).
    """

    source: str
    path: str | None = None
    data: str | bytes | None = None
    input_format: str = "auto"
    url: str | None = None
    id: Any = None
    error: str | None = None


def error_record(doc: Document, reason: str) -> dict[str, Any]:
    """The record for a document that could not be cleaned."""
    record: dict[str, Any] = {"source": doc.source}
    if doc.id is not None:
        record["id"] = doc.id
    record["error"] = reason
    return record


def one_line(exc: BaseException) -> str:
    """A one-line reason for an exception."""
    if isinstance(exc, FetchError):
        return " ".join(str(exc).split())
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read: {exc.strerror}"
    text = " ".join(str(exc).split())
    reason = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    return reason if len(reason) <= 300 else reason[:297] + "..."


def read_document(doc: Document) -> tuple[str | bytes, str]:
    """The document's content and its input format ("auto", "text" or "html").

    A ``path`` that is an http(s) address is fetched (:func:`cleannews.fetch.fetch`); its
    Content-Type decides the format when the document's is "auto".
    """
    fmt = doc.input_format
    if doc.data is not None:
        return doc.data, fmt
    if doc.path is None:
        raise ValueError("document has neither path nor data")
    if is_url(doc.path):
        data_or_text, fetched_fmt = fetch(doc.path)
        return data_or_text, fetched_fmt if fmt == "auto" else fmt
    path = Path(doc.path)
    data = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
        name = name[:-3]
    if fmt == "auto" and name.endswith(_HTML_SUFFIXES):
        fmt = "html"
    return data, fmt


def clean_document(doc: Document, *, pipeline: Pipeline | None = None, language: str | None = None,
                   timeout: float | None = None, removed: bool = False, profiles: Any = None,
                   stats: bool = False) -> dict[str, Any]:
    """Clean one document into its record; any failure becomes an error record, never an exception.

    The record is the Article's fields, plus ``source``, ``id`` (when the document has one) and
    ``input_format``: how the page was read, "text" or "html". ``timeout`` (seconds; None or 0:
    no limit) is enforced with SIGALRM when called in the main thread on a POSIX system, else
    checked between pipeline steps. ``profiles`` is a :class:`cleannews.profiles.Profiles`: each
    document gets its site's profile step. ``stats``: the record gets a ``stats`` list, each
    step's time and counts on the page (:class:`cleannews.pipeline.StepStats` as dicts).
    """
    if doc.error is not None:
        return error_record(doc, doc.error)
    limit = timeout if timeout and timeout > 0 else None
    try:
        with _alarm(limit):
            data, fmt = read_document(doc)
            text, fmt = read_source(data, fmt)
            pipe = pipeline if pipeline is not None else _default_pipeline()
            if profiles is not None:
                pipe = profiles.pipeline_for(pipe, doc.source, doc.url)
            if stats:
                article, steps = pipe.clean_with_stats(text, language=language, input_format=fmt, url=doc.url,
                                                       timeout=limit)
            else:
                article, steps = pipe.clean(text, language=language, input_format=fmt, url=doc.url,
                                            timeout=limit), []
    except CleanTimeout:
        return error_record(doc, f"timeout: cleaning took longer than {limit:g} s")
    except Exception as exc:  # a bad document must not stop the run
        return error_record(doc, one_line(exc))
    record: dict[str, Any] = {"source": doc.source}
    if doc.id is not None:
        record["id"] = doc.id
    record.update(article.to_dict(removed=removed))
    record["input_format"] = fmt
    if stats:
        record["stats"] = [s.to_dict() for s in steps]
    return record


def _default_pipeline() -> Pipeline:
    from .api import _default
    return _default()


def _raise_timeout(signum: int, frame: Any) -> None:
    raise CleanTimeout("time limit exceeded")


@contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """Raise CleanTimeout in the block after ``seconds`` (main thread on POSIX only; else a no-op)."""
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable or seconds is None:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _raise_timeout)
    hook = sys.unraisablehook
    sys.unraisablehook = _quiet_timeouts(hook)
    # Repeat: the exception is lost when the signal lands in a __del__ or a broad except.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = hook


def _quiet_timeouts(hook: Any) -> Any:
    def unraisable(info: Any) -> None:
        if not isinstance(info.exc_value, CleanTimeout):
            hook(info)
    return unraisable


def warm_up(pipeline: Pipeline | None = None, *, html: bool = False) -> None:
    """Load the language detector, a lexicon and (``html``) the HTML reader before the first
    document, so that its time limit is not spent on one-off start-up work (and forked workers
    inherit it all)."""
    pipe = pipeline if pipeline is not None else _default_pipeline()
    samples = [(_WARMUP_TEXT, "text")] + ([(_WARMUP_HTML, "html")] if html else [])
    for text, fmt in samples:
        try:
            pipe.clean(text, input_format=fmt)
        except Exception:  # a custom pipeline may refuse the sample; its documents will tell
            pass


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def clean_documents(documents: Iterable[Document], *, pipeline: Pipeline | None = None,
                    language: str | None = None, jobs: int = 1, timeout: float | None = 30.0,
                    removed: bool = False, profiles: Any = None, warm_html: bool = False,
                    stats: bool = False) -> Generator[dict[str, Any], None, None]:
    """Clean documents into records, one per document, in input order.

    ``jobs``: worker processes (1: in this process). ``pipeline`` (default: the standard one)
    must be picklable where processes are spawned rather than forked. ``timeout``: seconds per
    document (None or 0: no limit). ``profiles``: per-site profiles (see :mod:`cleannews.profiles`).
    ``warm_html``: also load the HTML path before the first document. ``stats``: each record
    carries its steps' times and counts (see :func:`clean_document`). The documents are read
    lazily, a bounded number ahead of the output.
    """
    warm_up(pipeline, html=warm_html)
    if jobs <= 1:
        for doc in documents:
            yield clean_document(doc, pipeline=pipeline, language=language, timeout=timeout,
                                 removed=removed, profiles=profiles, stats=stats)
        return
    config = _Config(pipeline, language, timeout if timeout and timeout > 0 else None, removed, profiles, stats)
    yield from _Pool(config, jobs).run(documents)


# -- worker processes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Config:
    pipeline: Pipeline | None
    language: str | None
    timeout: float | None
    removed: bool
    profiles: Any
    stats: bool = False


def _worker_main(conn: Connection, config: _Config) -> None:
    """A worker: clean the documents the parent sends, in order, and send back each record."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides how a Ctrl-C ends the run
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, if it had one
    sys.stdout = open(os.devnull, "w")  # never flush a copy of the parent's unwritten output
    inbox: collections.deque[Any] = collections.deque()
    ready = threading.Condition()

    def receive() -> None:  # always drain the pipe, so the parent's sends never wait on us
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                message = None
            with ready:
                inbox.append(message)
                ready.notify()
            if message is None:
                return

    threading.Thread(target=receive, daemon=True).start()
    while True:
        with ready:
            while not inbox:
                ready.wait()
            message = inbox.popleft()
        if message is None:
            return
        seq, doc = message
        record = clean_document(doc, pipeline=config.pipeline, language=config.language,
                                timeout=config.timeout, removed=config.removed, profiles=config.profiles,
                                stats=config.stats)
        try:
            conn.send((seq, record))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    """A worker process, its pipe, and the documents it holds (the first is being cleaned)."""

    def __init__(self, context: Any, config: _Config) -> None:
        parent, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.conn: Connection = parent
        self.held: collections.deque[tuple[int, Document]] = collections.deque()
        self.started = time.monotonic()  # when the first held document began

    def send(self, seq: int, doc: Document) -> None:
        if not self.held:
            self.started = time.monotonic()
        self.held.append((seq, doc))
        self.conn.send((seq, doc))

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=None if kill else 2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Pool:
    """Hands documents to workers a bounded window ahead and yields their records in order."""

    def __init__(self, config: _Config, jobs: int) -> None:
        self.config = config
        self.jobs = jobs
        methods = multiprocessing.get_all_start_methods()
        # fork: workers inherit the warmed-up pipeline (and it need not be picklable)
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.window = jobs * DEPTH * 8
        self.kill_after = None if config.timeout is None else config.timeout + max(KILL_GRACE, config.timeout)

    def run(self, documents: Iterable[Document]) -> Iterator[dict[str, Any]]:
        todo = iter(documents)
        retry: collections.deque[tuple[int, Document]] = collections.deque()
        done: dict[int, dict[str, Any]] = {}
        next_seq = next_out = 0
        exhausted = False
        workers = [_Worker(self.context, self.config) for _ in range(self.jobs)]
        try:
            while True:
                for worker in sorted(workers, key=lambda w: len(w.held)):
                    while len(worker.held) < DEPTH:
                        if retry:
                            worker.send(*retry.popleft())
                            continue
                        if exhausted or next_seq >= next_out + self.window:
                            break
                        doc = next(todo, None)
                        if doc is None:
                            exhausted = True
                            break
                        if doc.error is not None:
                            done[next_seq] = error_record(doc, doc.error)
                        else:
                            worker.send(next_seq, doc)
                        next_seq += 1
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                busy = [w for w in workers if w.held]
                if not busy:
                    if exhausted and not retry:
                        return
                    continue
                wait([w.conn for w in busy] + [w.process.sentinel for w in busy],
                     timeout=self._wait_time(busy))
                for i, worker in enumerate(workers):
                    if worker.held and not self._collect(worker, done):
                        workers[i] = self._replace(worker, done, retry, "the worker process died")
                    elif self.kill_after is not None and worker.held and \
                            time.monotonic() - worker.started > self.kill_after:
                        workers[i] = self._replace(
                            worker, done, retry, f"timeout: cleaning took longer than {self.config.timeout:g} s")
        finally:
            for worker in workers:
                worker.stop(kill=True)

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        if self.kill_after is None:
            return None
        now = time.monotonic()
        return max(0.0, min(w.started + self.kill_after - now for w in busy)) + 0.01

    def _collect(self, worker: _Worker, done: dict[int, dict[str, Any]]) -> bool:
        """Take the records the worker has ready; False when the worker is gone."""
        try:
            while worker.held and worker.conn.poll():
                seq, record = worker.conn.recv()
                held_seq, _ = worker.held.popleft()
                assert seq == held_seq, "worker answered out of order"
                done[seq] = record
                worker.started = time.monotonic()
        except (EOFError, OSError):
            return False
        return worker.process.is_alive() or not worker.held

    def _replace(self, worker: _Worker, done: dict[int, dict[str, Any]],
                 retry: collections.deque[tuple[int, Document]], reason: str) -> _Worker:
        """Kill the worker; its current document fails with reason, the others go out again."""
        worker.stop(kill=True)
        seq, doc = worker.held.popleft()
        done[seq] = error_record(doc, reason)
        retry.extendleft(reversed(worker.held))
        return _Worker(self.context, self.config)
