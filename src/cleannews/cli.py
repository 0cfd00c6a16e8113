"""The ``cleannews`` command: ``clean`` pages into JSON records, ``explain`` one page, ``learn`` site profiles.

See docs/cli.md. Exit codes: 0 every document cleaned, 1 some failed (their error records are in
the output), 2 usage error, 130 interrupted (Ctrl-C; 143 for SIGTERM).
"""

from __future__ import annotations

import argparse
import collections
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
from .cli_inputs import INPUT_FORMATS, SUFFIXES, Inputs, JsonlFields, expand_paths, is_jsonl, iter_documents
from .cli_output import (CSV_COLUMNS, FORMATS, AtomicFile, DirectoryOutput, OutputError, Progress, RecordWriter,
                         StreamOutput, open_output, output_kind, output_targets)
from .fetch import is_url
from .language import normalize_language
from .pipeline import StatsSummary

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

CLEAN_EXIT_CODES = """\
exit codes:
  0    every document was cleaned
  1    some documents failed; each has an error record {"source": ..., "error": ...} in its place
  2    usage error (bad option, unknown language, unreadable profile, output that cannot be written)
  130  interrupted by Ctrl-C (143: SIGTERM); with -o FILE the finished records are kept in
       FILE.partial and FILE itself is left as it was
"""
EXPLAIN_EXIT_CODES = """\
exit codes:
  0    the page was explained
  1    the page could not be read or cleaned (the reason is on stderr)
  2    usage error (bad option, unknown language, unreadable profile)
  130  interrupted by Ctrl-C (143: SIGTERM)
"""
LEARN_EXIT_CODES = """\
exit codes:
  0    the profiles were learnt from every page and saved
  1    some pages could not be read (each is named on stderr, the others were learnt from),
       or the profiles could not be saved
  2    usage error (bad option, unknown language, output that cannot be written)
  130  interrupted by Ctrl-C (143: SIGTERM); the output file is left as it was
"""
MAIN_EPILOG = """\
exit codes: 0 success, 1 some documents failed, 2 usage error, 130 interrupted;
see each command's --help.
"""

WALK_RULES = f"""\
inputs: files; web addresses (http://, https://: fetched); directories (walked recursively, in
sorted order, taking files ending in {", ".join(SUFFIXES)} (or those plus .gz), or every file
with --all-files; hidden files and directories are skipped, and so is the run's own output);
- for stdin, also read when no input is named and stdin is not a terminal."""

CLEAN_EPILOG = f"""\
{WALK_RULES}
--input-format auto reads .jsonl/.ndjson as JSONL records, .html/.htm/.xhtml as HTML, and
decides anything else by content. A JSONL record is cleaned from its text field (as HTML when
it looks like HTML), else its HTML field; the output's input_format says which was used.

{CLEAN_EXIT_CODES}"""

LEARN_EPILOG = f"""\
{WALK_RULES}

{LEARN_EXIT_CODES}"""


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


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def _non_negative_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number of seconds, 0 or more, not {value}")
    return number


def _language(value: str) -> str:
    try:
        return normalize_language(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"cleannews {__version__}")
    parser.add_argument("--language", metavar="CODE", type=_language,
                        help="the pages' language (ISO 639-1, e.g. de, en; DE, de-AT and German "
                             "also work); default: detect per page")


def _inputs(parser: argparse.ArgumentParser, *, ids: bool) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="file, directory, http(s) address, or - for stdin (default: stdin, when it is not a terminal)")
    parser.add_argument("--all-files", action="store_true",
                        help="in directories, take every file, whatever its name ends in")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                        help="how to read the inputs (default: auto, see below)")
    parser.add_argument("--text-field", default="text", metavar="KEY",
                        help="JSONL: key of the page text, read as HTML when it looks like HTML (default: text)")
    parser.add_argument("--html-field", default="html", metavar="KEY", help="JSONL: key of the page HTML (default: html)")
    if ids:
        parser.add_argument("--id-field", default="id", metavar="KEY",
                            help="JSONL: key of the record's id, copied to the output as id (default: id)")
    parser.add_argument("--url-field", default="url", metavar="KEY", help="JSONL: key of the page URL (default: url)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for ``cleannews`` and its commands."""
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="cleannews", formatter_class=raw, epilog=MAIN_EPILOG,
        description="Turn scraped news pages (plain text or HTML) into clean articles: "
                    "headline, byline, date, body.")
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    clean = commands.add_parser("clean", formatter_class=raw, epilog=CLEAN_EPILOG,
                                help="clean pages into one record each",
                                description="Clean pages into records: the article's headline, kicker, byline, "
                                            "date, section, lead, body, language, site_name, url, plus "
                                            "source and input_format.")
    _common(clean)
    _inputs(clean, ids=True)
    output = clean.add_mutually_exclusive_group()
    output.add_argument("-o", "--output", metavar="FILE",
                        help="write here instead of stdout: a file atomically (it appears when complete; "
                             "a symlink's target is replaced), a FIFO or device as a stream")
    output.add_argument("--output-dir", metavar="DIR",
                        help="write one file per input under DIR, mirroring the input tree "
                             "(a.txt -> DIR/a.jsonl, .md, ... by --format); DIR is created")
    clean.add_argument("-f", "--format", choices=FORMATS, default="jsonl",
                       help="jsonl: one JSON object per line (default); json: one array; text: for reading; "
                            "markdown: title, byline and date, paragraphs; csv: a header row, one row per document")
    clean.add_argument("--removed", action="store_true", help="include the removal records (what went, why)")
    clean.add_argument("--stats", action="store_true",
                       help="at the end, print each step's time and the lines it removed and claimed, "
                            "summed over the documents, to stderr")
    clean.add_argument("-j", "--jobs", type=_positive_int, metavar="N", default=None,
                       help=f"worker processes (default: the CPUs, here {default_jobs()}; 1: in this process)")
    clean.add_argument("--timeout", type=_non_negative_float, default=30.0, metavar="SECONDS",
                       help="time limit per document; over it a document gets an error record (default: 30; 0: none)")
    profile = clean.add_mutually_exclusive_group()
    profile.add_argument("--profile", metavar="FILE", help="per-site boilerplate profiles made by `cleannews learn`")
    profile.add_argument("--learn", action="store_true",
                         help="learn per-site profiles from these inputs first, then clean with them (two passes)")
    clean.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                       help="a progress line on stderr (default: when stderr is a terminal)")
    clean.set_defaults(run=run_clean, command_parser=clean)

    explain = commands.add_parser("explain", formatter_class=raw, epilog=EXPLAIN_EXIT_CODES,
                                  help="show line by line what was kept and what was removed, by which step, why",
                                  description="Show line by line what cleaning keeps and removes, and why.")
    _common(explain)
    explain.add_argument("path", nargs="?", metavar="FILE",
                         help="the page: a file, an http(s) address, or - for stdin "
                              "(default: stdin, when it is not a terminal)")
    explain.add_argument("--input-format", choices=("auto", "text", "html"), default="auto",
                         help="text, html, or auto (by suffix, else by content; default)")
    explain.add_argument("--url", help="the page's URL")
    explain.add_argument("--json", action="store_true", help="print the decisions as JSON")
    explain.add_argument("--profile", metavar="FILE", help="per-site profiles made by `cleannews learn`")
    explain.set_defaults(run=run_explain, command_parser=explain)

    learn = commands.add_parser("learn", formatter_class=raw, epilog=LEARN_EPILOG,
                                help="learn per-site boilerplate profiles from many pages",
                                description="Learn per-site boilerplate profiles from pages, for clean --profile.")
    _common(learn)
    _inputs(learn, ids=False)
    learn.add_argument("-o", "--output", metavar="FILE", required=True, help="where to save the profiles (JSON)")
    learn.set_defaults(run=run_learn, command_parser=learn)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (the console script exits with it)."""
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    command_parser: argparse.ArgumentParser = args.command_parser
    if unknown:  # said by the command's parser, with its usage
        command_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    try:
        return int(args.run(args, command_parser))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. `cleannews clean ... | head`
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FAILED


def _stdin_is_terminal() -> bool:
    try:
        return sys.stdin is None or sys.stdin.isatty()
    except (AttributeError, ValueError):
        return True


def _paths_or_stdin(paths: Sequence[str], parser: argparse.ArgumentParser) -> list[str]:
    """The inputs named, or stdin (``-``) when none is and stdin is not a terminal."""
    if paths:
        return list(paths)
    if _stdin_is_terminal():
        parser.error("no input: name files, directories or addresses, or pipe a page to stdin")
    return ["-"]


def _fields(args: argparse.Namespace) -> JsonlFields:
    return JsonlFields(text=args.text_field, html=args.html_field, id=getattr(args, "id_field", "id"),
                       url=args.url_field)


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


def _expand(args: argparse.Namespace, parser: argparse.ArgumentParser, exclude: Sequence[str]) -> Inputs:
    """The inputs, with a word on stderr about files a directory walk left out."""
    inputs = expand_paths(_paths_or_stdin(args.paths, parser), all_files=args.all_files, exclude=exclude)
    if inputs.skipped:
        files = "file" if inputs.skipped == 1 else "files"
        _warn(f"skipped {inputs.skipped} {files} with other extensions; --all-files to include them")
    return inputs


def _sink(args: argparse.Namespace, parser: argparse.ArgumentParser,
          names: Sequence[str]) -> AtomicFile | StreamOutput | DirectoryOutput | None:
    """Where the records go (None: stdout), checked before any work is done."""
    try:
        if args.output_dir:
            if os.path.exists(args.output_dir) and not os.path.isdir(args.output_dir):
                raise OutputError(f"{args.output_dir} is not a directory")
            columns = CSV_COLUMNS + (("removed",) if args.removed else ())
            return DirectoryOutput(output_targets(args.output_dir, names, args.format), args.format,
                                   csv_columns=columns)
        return open_output(args.output) if args.output else None
    except OutputError as exc:
        parser.error(f"cannot write the output: {exc}")
    except OSError as exc:
        parser.error(f"cannot write {args.output or args.output_dir}: {exc.strerror or exc}")


def run_clean(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``cleannews clean``."""
    interrupt = _Interrupt()
    interrupt.install()
    exclude = [p for p in (args.output, args.output_dir) if p and p not in ("-", "/dev/stdout")]
    if args.output:
        try:  # nothing is opened yet: a directory or a missing parent is found before any work
            output_kind(args.output)
        except OutputError as exc:
            parser.error(f"cannot write the output: {exc}")
    inputs = _expand(args, parser, exclude)
    paths = inputs.paths
    if not paths:
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
    sink = _sink(args, parser, [item.name for item in inputs.items])
    columns = CSV_COLUMNS + (("removed",) if args.removed else ())
    stream = sink.stream if isinstance(sink, (AtomicFile, StreamOutput)) else sys.stdout.buffer
    writer = RecordWriter(stream, args.format, csv_columns=columns)
    live = not isinstance(sink, (AtomicFile, DirectoryOutput))  # a reader sees each record as it is done
    progress = Progress(total, enabled=args.progress)
    warm_html = args.input_format == "html" or any(
        p.lower().endswith((".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")) or is_url(p) for p in paths)
    failed = 0
    summary = StatsSummary()
    origins: collections.deque[int] = collections.deque()  # the input of each document in flight

    def documents(stdin: IO[bytes] | None) -> Iterator[Document]:
        for index, path in enumerate(paths):
            for doc in iter_documents([path], input_format=args.input_format, fields=_fields(args), stdin=stdin):
                origins.append(index)
                yield doc

    try:
        with _replayable_stdin(paths, 2 if args.learn else 1) as stdin:
            if args.learn:
                profiles, _ = _learn_from(  # unreadable inputs get their error records below
                    iter_documents(paths, input_format=args.input_format, fields=_fields(args), stdin=stdin),
                    args.language)
                if stdin is not None:
                    stdin.seek(0)
            records = clean_documents(documents(stdin), language=args.language, jobs=jobs, timeout=args.timeout,
                                      removed=args.removed, profiles=profiles, warm_html=warm_html,
                                      stats=args.stats)
            with contextlib.closing(records):
                for record in records:
                    steps = record.pop("stats", None)
                    if steps is not None:
                        summary.add(steps)
                    with interrupt.deferred():
                        if isinstance(sink, DirectoryOutput):
                            sink.write(origins.popleft(), record)
                        else:
                            writer.write(record)
                            if live:
                                stream.flush()
                    failed += "error" in record
                    progress.update("error" in record)
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: finishing the output takes a moment
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        if isinstance(sink, DirectoryOutput):
            sink.close()
        else:
            writer.close()
        progress.close()
        if isinstance(sink, (AtomicFile, StreamOutput)):
            sink.commit()
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        progress.close()
        where = "stdout"
        if isinstance(sink, DirectoryOutput):
            partial = sink.keep_partial()
            where = args.output_dir + (f" (the last in {partial})" if partial else "")
        else:
            writer.close()
            if sink is not None:
                where = sink.keep_partial()
        count = sink.count if isinstance(sink, DirectoryOutput) else writer.count
        _warn(f"interrupted: the first {count} records were written to {where}")
        return interrupt.exit_code
    except BrokenPipeError:
        raise
    except OSError as exc:  # the output (a full disk, a folder that cannot be made), stdin
        if sink is not None:
            sink.discard()
        _warn(f"cannot go on: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
        return EXIT_FAILED
    except BaseException:
        if sink is not None:
            sink.discard()
        raise
    count = sink.count if isinstance(sink, DirectoryOutput) else writer.count
    if args.stats:
        sys.stderr.write(summary.table() + "\n")
    if failed:
        _warn(f"{failed} of {count} documents failed (see their error records)")
    return EXIT_FAILED if failed else EXIT_OK


def run_explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """``cleannews explain``."""
    import json

    from .api import _default
    profiles = _load_profiles(args.profile, parser) if args.profile else None
    args.path = _paths_or_stdin([args.path] if args.path else [], parser)[0]
    if args.path == "-":
        doc = Document(source="-", data=sys.stdin.buffer.read(), input_format=args.input_format, url=args.url)
    else:
        doc = Document(source=args.path, path=args.path, input_format=args.input_format,
                       url=args.url or (args.path if is_url(args.path) else None))
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
    try:
        output_kind(args.output)
    except OutputError as exc:
        parser.error(f"cannot write the output: {exc}")
    paths = _expand(args, parser, [args.output]).paths
    with _replayable_stdin(paths, 1) as stdin:
        documents = iter_documents(paths, input_format=args.input_format, fields=_fields(args), stdin=stdin)
        profiles, unread = _learn_from(documents, args.language)
    try:
        profiles.save("/dev/stdout" if args.output == "-" else args.output)
    except OSError as exc:
        _warn(f"cannot write {args.output}: {exc.strerror or exc}")
        return EXIT_FAILED
    return EXIT_FAILED if unread else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
