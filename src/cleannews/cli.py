"""The ``cleannews`` command: ``clean`` pages into JSON records, ``explain`` one page, ``learn`` site profiles.

See docs/cli.md. Exit codes: 0 every document cleaned, 1 some failed (their error records are in
the output), 2 usage error, 130 interrupted (Ctrl-C; 143 for SIGTERM).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from . import __version__
from .batch import Document, clean_documents, default_jobs, one_line, read_document
from .cli_inputs import INPUT_FORMATS, SUFFIXES, JsonlFields, expand_paths, is_jsonl, iter_documents
from .cli_output import FORMATS, AtomicFile, Progress, RecordWriter

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

EXIT_CODES = """\
exit codes:
  0    every document was cleaned
  1    some documents failed; each has an error record {"source": ..., "error": ...} in its place
  2    usage error (bad option, unreadable profile, output file that cannot be created)
  130  interrupted by Ctrl-C (143: SIGTERM); with -o FILE the finished records are kept in
       FILE.partial and FILE itself is left as it was
"""

CLEAN_EPILOG = f"""\
inputs: files; directories (walked recursively, in sorted order, taking files ending in
{", ".join(SUFFIXES)} (or those plus .gz), skipping hidden files and directories); - for stdin.
--input-format auto reads .jsonl/.ndjson as JSONL records, .html/.htm/.xhtml as HTML, and
decides anything else by content. A JSONL record is cleaned from its text field, else its HTML field.

{EXIT_CODES}"""


class _Interrupt:
    """Turns SIGINT/SIGTERM into KeyboardInterrupt, but never in the middle of writing a record."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self.deferring = False

    def install(self) -> None:
        signal.signal(signal.SIGINT, self._handle)
        signal.signal(signal.SIGTERM, self._handle)
        hook = sys.unraisablehook

        def unraisable(info: Any) -> None:  # landed in a __del__: acted on after the next record
            if not isinstance(info.exc_value, KeyboardInterrupt):
                hook(info)
        sys.unraisablehook = unraisable

    def _handle(self, signum: int, frame: Any) -> None:
        self.signum = self.signum or signum
        if not self.deferring:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def deferred(self) -> Iterator[None]:
        """A block that a signal does not cut short; it takes effect right after."""
        self.deferring = True
        try:
            yield
        finally:
            self.deferring = False
        if self.signum is not None:
            raise KeyboardInterrupt

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or signal.SIGINT)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"cleannews {__version__}")
    parser.add_argument("--language", metavar="CODE",
                        help="the pages' language (ISO 639-1, e.g. de, en); default: detect per page")


def _inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, or - for stdin")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                        help="how to read the inputs (default: auto, see below)")
    parser.add_argument("--text-field", default="text", metavar="KEY", help="JSONL: key of the page text (default: text)")
    parser.add_argument("--html-field", default="html", metavar="KEY", help="JSONL: key of the page HTML (default: html)")
    parser.add_argument("--id-field", default="id", metavar="KEY",
                        help="JSONL: key of the record's id, copied to the output as id (default: id)")
    parser.add_argument("--url-field", default="url", metavar="KEY", help="JSONL: key of the page URL (default: url)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``cleannews`` and its commands."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="cleannews", formatter_class=raw, epilog=EXIT_CODES,
        description="Turn scraped news pages (plain text or HTML) into clean articles: "
                    "headline, byline, date, body.")
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    clean = commands.add_parser("clean", formatter_class=raw, epilog=CLEAN_EPILOG,
                                help="clean pages into one JSON record each",
                                description="Clean pages into records: the article's headline, kicker, byline, "
                                            "date, section, lead, body, language, site_name, url, plus source.")
    _common(clean)
    _inputs(clean)
    clean.add_argument("-o", "--output", metavar="FILE",
                       help="write here (atomically: the file appears when complete) instead of stdout")
    clean.add_argument("-f", "--format", choices=FORMATS, default="jsonl",
                       help="jsonl: one JSON object per line (default); json: one array; text: for reading")
    clean.add_argument("--removed", action="store_true", help="include the removal records (what went, why)")
    clean.add_argument("-j", "--jobs", type=int, metavar="N", default=None,
                       help=f"worker processes (default: the CPUs, here {default_jobs()}; 1: in this process)")
    clean.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                       help="time limit per document; over it a document gets an error record (default: 30; 0: none)")
    profile = clean.add_mutually_exclusive_group()
    profile.add_argument("--profile", metavar="FILE", help="per-site boilerplate profiles made by `cleannews learn`")
    profile.add_argument("--learn", action="store_true",
                         help="learn per-site profiles from these inputs first, then clean with them (two passes)")
    clean.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="a progress line on stderr (default: when stderr is a terminal)")
    clean.set_defaults(run=run_clean)

    explain = commands.add_parser("explain", formatter_class=raw, epilog=EXIT_CODES,
                                  help="show line by line what was kept and what was removed, by which step, why",
                                  description="Show line by line what cleaning keeps and removes, and why.")
    _common(explain)
    explain.add_argument("path", metavar="FILE", help="the page (- for stdin)")
    explain.add_argument("--input-format", choices=("auto", "text", "html"), default="auto",
                         help="text, html, or auto (by suffix, else by content; default)")
    explain.add_argument("--url", help="the page's URL")
    explain.add_argument("--json", action="store_true", help="print the decisions as JSON")
    explain.add_argument("--profile", metavar="FILE", help="per-site profiles made by `cleannews learn`")
    explain.set_defaults(run=run_explain)

    learn = commands.add_parser("learn", formatter_class=raw, epilog=EXIT_CODES,
                                help="learn per-site boilerplate profiles from many pages",
                                description="Learn per-site boilerplate profiles from pages, for clean --profile.")
    _common(learn)
    _inputs(learn)
    learn.add_argument("-o", "--output", metavar="FILE", required=True, help="where to save the profiles (JSON)")
    learn.set_defaults(run=run_learn)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "jobs", None) is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if getattr(args, "timeout", 0) < 0:
        parser.error("--timeout must not be negative")
    if args.language is not None and not args.language.strip():
        parser.error("--language must not be empty")
    try:
        return int(args.run(args, parser))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `cleannews clean ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


def _fields(args: argparse.Namespace) -> JsonlFields:
    return JsonlFields(text=args.text_field, html=args.html_field, id=args.id_field, url=args.url_field)


def _warn(message: str) -> None:
    sys.stderr.write(f"cleannews: {message}\n")
    sys.stderr.flush()


@contextlib.contextmanager
def _replayable_stdin(paths: Sequence[str], passes: int) -> Iterator[IO[bytes] | None]:
    """stdin, buffered to a temporary file when the inputs are read more than once."""
    if "-" not in paths:
        yield None
    elif passes == 1:
        yield sys.stdin.buffer
    else:
        with tempfile.TemporaryFile() as buffer:
            shutil.copyfileobj(sys.stdin.buffer, buffer)
            buffer.seek(0)
            yield buffer


def _load_profiles(path: str, parser: argparse.ArgumentParser) -> Any:
    try:
        from .profiles import Profiles
    except ImportError as exc:
        parser.error(f"per-site profiles are not available: {exc}")
    try:
        return Profiles.load(path)
    except Exception as exc:
        parser.error(f"cannot load profiles from {path}: {one_line(exc)}")


def _learn_from(documents: Iterator[Document], language: str | None) -> tuple[Any, int]:
    """Profiles learnt from the documents, and how many could not be read."""
    from .profiles import learn
    failures = [0]

    def texts() -> Iterator[tuple[str, str, str | None]]:
        from .api import prepare
        for doc in documents:
            try:
                if doc.error is not None:
                    raise ValueError(doc.error)
                data, fmt = read_document(doc)
                page = prepare(data, language=language, input_format=fmt, url=doc.url)
            except Exception as exc:
                failures[0] += 1
                _warn(f"{doc.source}: skipped: {one_line(exc)}")
                continue
            yield doc.source, "\n".join(line.text for line in page.lines), doc.url

    return learn(texts()), failures[0]


def run_clean(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``cleannews clean``."""
    interrupt = _Interrupt()
    interrupt.install()
    paths = expand_paths(args.paths)
    if args.paths and not paths:
        _warn("no input files found")
    streaming = any(is_jsonl(p, args.input_format) for p in paths)
    total = None if streaming else len(paths)
    jobs = args.jobs if args.jobs is not None else default_jobs()
    if total is not None:
        jobs = max(1, min(jobs, total))
    profiles = _load_profiles(args.profile, parser) if args.profile else None
    if args.learn:
        try:
            import cleannews.profiles  # noqa: F401
        except ImportError as exc:
            parser.error(f"per-site profiles are not available: {exc}")
    try:
        sink = AtomicFile(args.output) if args.output else None
    except OSError as exc:
        parser.error(f"cannot write {args.output}: {exc.strerror or exc}")
    stream = sink.stream if sink is not None else sys.stdout.buffer
    writer = RecordWriter(stream, args.format)
    progress = Progress(total, enabled=args.progress)
    warm_html = args.input_format == "html" or any(
        p.lower().endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")) for p in paths)
    failed = 0
    try:
        with _replayable_stdin(paths, 2 if args.learn else 1) as stdin:
            if args.learn:
                profiles, _ = _learn_from(  # unreadable inputs get their error records below
                    iter_documents(paths, input_format=args.input_format, fields=_fields(args), stdin=stdin),
                    args.language)
                if stdin is not None:
                    stdin.seek(0)
            documents = iter_documents(paths, input_format=args.input_format, fields=_fields(args), stdin=stdin)
            records = clean_documents(documents, language=args.language, jobs=jobs, timeout=args.timeout,
                                      removed=args.removed, profiles=profiles, warm_html=warm_html)
            with contextlib.closing(records):
                for record in records:
                    with interrupt.deferred():
                        writer.write(record)
                        if sink is None:  # a pipe's reader sees each record as it is done
                            stream.flush()
                    failed += "error" in record
                    progress.update("error" in record)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: finishing the output takes a moment
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        writer.close()
        progress.close()
        if sink is not None:
            sink.commit()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        progress.close()
        writer.close()
        where = "stdout"
        if sink is not None:
            where = sink.keep_partial()
        _warn(f"interrupted: the first {writer.count} records were written to {where}")
        return interrupt.exit_code
    except BaseException:
        if sink is not None:
            sink.discard()
        raise
    if failed:
        _warn(f"{failed} of {writer.count} documents failed (see their error records)")
    return EXIT_FAILED if failed else EXIT_OK


def run_explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``cleannews explain``."""
    import json

    from .api import _default
    profiles = _load_profiles(args.profile, parser) if args.profile else None
    if args.path == "-":
        doc = Document(source="-", data=sys.stdin.buffer.read(), input_format=args.input_format, url=args.url)
    else:
        doc = Document(source=args.path, path=args.path, input_format=args.input_format, url=args.url)
    try:
        data, fmt = read_document(doc)
        pipeline = _default()
        if profiles is not None:
            pipeline = profiles.pipeline_for(pipeline, doc.source, doc.url)
        explanation = pipeline.explain(data, language=args.language, input_format=fmt, url=doc.url)
    except Exception as exc:
        _warn(f"{doc.source}: {one_line(exc)}")
        return EXIT_FAILED
    if args.json:
        text = json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2)
    else:
        text = str(explanation)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()
    return EXIT_OK


def run_learn(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``cleannews learn``."""
    try:
        import cleannews.profiles  # noqa: F401
    except ImportError as exc:
        parser.error(f"per-site profiles are not available: {exc}")
    paths = expand_paths(args.paths)
    with _replayable_stdin(paths, 1) as stdin:
        documents = iter_documents(paths, input_format=args.input_format, fields=_fields(args), stdin=stdin)
        profiles, unread = _learn_from(documents, args.language)
    try:
        profiles.save(args.output)
    except OSError as exc:
        _warn(f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_FAILED if unread else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
