"""Command line: ``planuri run PATH... [--out DIR] [--engine auto|pdfplumber|camelot|borderless|ocr] [--workers N] …``
and ``planuri report OUT`` (the review pages of a run's output).

Exit status: 0 when every document succeeded, 1 when some failed (the others
are still written), 2 on bad usage (unknown option, bad value, missing path, an output that cannot
be written, nothing to do), 130 when interrupted (Ctrl-C: run.json says how far it went; the same
command run again resumes).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import sys
import threading
import time
from dataclasses import asdict, dataclass, replace

from planuri import __version__
from planuri.batch import Limits, LocalPool, Summary, Task, default_workers, record_failure, usable_cpus
from planuri.discover import InputError, discover
from planuri.extract import ENGINES
from planuri.extract.pdf.pages import READERS
from planuri.extract.legacy import ConvertSettings
from planuri.extract.ocr.tesseract import OcrSettings
from planuri.export import FORMATS as EXPORT_FORMATS
from planuri.pipeline import Settings, file_sha256
from planuri.plans import mark_disagreements
from planuri.runlog import now, run_report, status_counts
from planuri.writer import Output, OutputError

INTERRUPTED = 130  # the shell's status for a command ended by SIGINT (128 + 2)


class UsageError(ValueError):
    """A bad command line (or, from the Python API, a bad option value)."""


class Parser(argparse.ArgumentParser):
    """Usage errors as one line (``planuri run: error: argument --workers: must be at least 1, not 0``)
    raised as UsageError; main prints it and exits with status 2."""

    def error(self, message: str):
        raise UsageError(f"{self.prog}: error: {message}")


def at_least(kind, low, strict: bool = False):
    """An option type: a number of ``kind`` not under ``low`` (above it when ``strict``)."""

    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < low or (strict and value == low):
            raise argparse.ArgumentTypeError(f"must be {'more than' if strict else 'at least'} {low:g}, not {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="planuri", description="Action-plan tables of council decisions -> parquet datasets")
    parser.add_argument("--version", action="version", version=f"planuri {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="process PDF, DOCX, DOC, ODT and RTF files and folders into output datasets")
    run.add_argument("paths", nargs="+", metavar="PATH",
                     help="files, or folders searched recursively for .pdf, .docx, .doc, .odt and .rtf")
    run.add_argument("--out", default="output", help="output folder or fsspec URL (default: output)")
    run.add_argument("--engine", choices=ENGINES, default="auto",
                     help="how PDF pages are read: auto (per page: ruled, borderless or OCR), pdfplumber or camelot "
                          "(ruled tables only), borderless, ocr (every page) (default: auto)")
    run.add_argument("--reader", choices=READERS, default="pdfium",
                     help="what reads a text PDF's pages for the other engines: pdfium (fast) or pdfplumber "
                          "(pdfminer, the reference; the pdfplumber engine always uses it) (default: pdfium)")
    run.add_argument("--password", default=None, help="password of encrypted PDFs")
    ocr = OcrSettings()
    run.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    run.add_argument("--ocr-dpi", type=at_least(int, 1), default=ocr.dpi, help=f"resolution scans are read at (default: {ocr.dpi})")
    run.add_argument("--ocr-lang", default=ocr.languages, help=f"tesseract languages (default: {ocr.languages})")
    run.add_argument("--tesseract", default=ocr.tesseract, help="the tesseract binary (default: found on PATH)")
    run.add_argument("--ocr-min-confidence", type=float, default=ocr.min_confidence,
                     help=f"mean word confidence under which a row is reported (default: {ocr.min_confidence:.0f})")
    run.add_argument("--ocr-dictionary", default=ocr.dictionary,
                     help=f"hunspell dictionary (name or path) misread capitals are corrected against "
                          f"(default: {ocr.dictionary})")
    run.add_argument("--no-ocr-correct", action="store_true", help="keep OCR'd words exactly as tesseract read them")
    run.add_argument("--ocr-threads", type=at_least(int, 1), default=None,
                     help="pages of one scanned document read at once (default: the CPUs this process may use, "
                          "shared among the workers)")
    run.add_argument("--soffice", default=None, help="the LibreOffice binary for .doc/.odt/.rtf (default: on PATH)")
    run.add_argument("--workers", type=at_least(int, 1), default=None,
                     help="worker processes (default: the CPUs this process may use, no more than the memory holds "
                          "at --memory-limit each)")
    limits = Limits()
    run.add_argument("--timeout", type=at_least(float, 0, strict=True), default=limits.timeout,
                     help=f"seconds one document may take (default: {limits.timeout:g})")
    run.add_argument("--memory-limit", type=at_least(int, 1), default=limits.memory_mb, metavar="MB",
                     help=f"resident memory one worker may use (default: {limits.memory_mb})")
    run.add_argument("--force", action="store_true", help="process documents already written with status ok")
    run.add_argument("--keep-versions", action="store_true",
                     help="keep the rows of an earlier version of a file (default: a file changed under the same "
                          "path replaces its old rows)")
    run.add_argument("--executor", choices=("local", "dask"), default="local",
                     help="local worker processes, or an existing Dask cluster (--scheduler)")
    run.add_argument("--scheduler", default=None, help="address of the Dask scheduler (tcp://host:8786)")
    run.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    run.add_argument("--verbose", action="store_true", help="print the traceback of internal errors")
    report = sub.add_parser("report", help="write OUT/report/index.html: the documents of a run's output, their "
                                           "pages with the cells read drawn over them, for review in a browser")
    report.add_argument("out", metavar="OUT", help="the output folder of planuri run")
    export = sub.add_parser("export", help="write a run's datasets as an Excel workbook, CSV files or a DuckDB database")
    export.add_argument("out", metavar="OUT", help="the output folder (or fsspec URL) of planuri run")
    export.add_argument("--to", required=True, choices=EXPORT_FORMATS,
                        help="xlsx (a sheet per dataset), csv (a folder, a file per dataset) or duckdb (a table per "
                             "dataset); each with the fields' descriptions (columns sheet / columns.csv / COMMENT ON)")
    export.add_argument("--dest", required=True, metavar="PATH", help="the workbook, folder or database file to write")
    return parser


def export_command(args: argparse.Namespace) -> int:
    from planuri.export import ExportError, export

    try:
        rows = export(args.out, args.to, args.dest)
    except ExportError as e:
        raise UsageError(f"planuri export: {e}") from None
    print(f"{args.dest}: " + ", ".join(f"{name} {n}" for name, n in rows.items()))
    return 0


class Progress:
    def __init__(self, total: int, quiet: bool, stream=None):
        self.total, self.quiet, self.stream = total, quiet, stream or sys.stderr
        self.started = time.perf_counter()
        self.pages = 0
        self.done = 0
        self.failed = 0

    def update(self, result: Summary) -> None:
        self.done += 1
        self.pages += result.pages or 0
        self.failed += result.status == "failed"
        if self.quiet:
            return
        width = len(str(self.total))
        if result.status == "failed":
            what = f"FAILED {result.error}"
        else:
            what = f"{result.status}: {result.n_actions} actions in {result.n_action_tables}/{result.n_tables} tables"
            what += f", {result.n_issues} issues"
        elapsed = time.perf_counter() - self.started
        rate = f"{self.pages / elapsed:.1f} pages/s" if self.pages else ""
        print(f"[{self.done:>{width}}/{self.total}] {result.path}: {what} ({result.seconds:.1f} s) "
              f"{rate} {self.failed} failed so far".rstrip(), file=self.stream, flush=True)


def summary(results: list[Summary], skipped: list[dict], seconds: float, out: str) -> str:
    by_status = status_counts(results, skipped)
    pages = sum(r.pages or 0 for r in results)
    lines = [
        "",
        f"documents  {len(results) + len(skipped):>6}   " + "  ".join(f"{k}: {v}" for k, v in sorted(by_status.items())),
        f"pages      {pages:>6}",
        f"tables     {sum(r.n_tables for r in results):>6}   action tables: {sum(r.n_action_tables for r in results)}",
        f"actions    {sum(r.n_actions for r in results):>6}",
        f"issues     {sum(r.n_issues for r in results):>6}",
        f"time       {seconds:>6.1f} s" + (f"   {pages / seconds:.1f} pages/s" if pages and seconds else ""),
        f"output     {out}",
    ]
    failed = [r for r in results if r.status == "failed"]
    if failed:
        lines.append("failed:")
        lines.extend(f"  {r.path}: {r.error}" for r in failed)
    return "\n".join(lines)


def plan_tasks(files, output: Output, force: bool, settings: Settings, keep_versions: bool = False):
    """Hash every file; skip documents already written with status ok (unless forced) and
    copies of a document met earlier in the run.  Unreadable files fail here.  A document written
    earlier from the same path with other content (an earlier version) is replaced, unless
    ``keep_versions`` or its content is also among this run's files."""
    written = output.documents_written()
    done = {} if force else {doc_id: status for doc_id, (status, _) in written.items()}
    tasks, skipped, failures, seen = [], [], [], {}
    for index, path in enumerate(files):
        try:
            sha = file_sha256(path)
        except OSError as e:
            sha = hashlib.sha256(f"unreadable:{path}".encode()).hexdigest()
            failures.append(record_failure(Task(index, str(path), sha), settings, output, "unreadable-file",
                                           f"{type(e).__name__}: {e}", 0.0))
            continue
        doc_id = sha[:16]
        if doc_id in seen:
            skipped.append({"path": str(path), "doc_id": doc_id, "reason": f"same content as {seen[doc_id]}"})
        elif done.get(doc_id) == "ok":
            skipped.append({"path": str(path), "doc_id": doc_id, "reason": "already processed with status ok"})
        else:
            tasks.append(Task(index, str(path), sha))
        seen.setdefault(doc_id, str(path))
    if not keep_versions:
        tasks = [replace(t, replaces=earlier_versions(t, written, seen)) for t in tasks]
    return tasks, skipped, failures


def earlier_versions(task: Task, written: dict[str, tuple[str, str]], seen: dict[str, str]) -> tuple[str, ...]:
    """doc_ids written from the task's path (made absolute) whose content this run does not hold."""
    here = os.path.abspath(task.path)
    return tuple(sorted(doc_id for doc_id, (_, source) in written.items()
                        if os.path.abspath(source) == here and doc_id != task.sha256[:16] and doc_id not in seen))


def settings_from(args: argparse.Namespace) -> Settings:
    ocr = OcrSettings(enabled=not args.no_ocr, dpi=args.ocr_dpi, languages=args.ocr_lang, tesseract=args.tesseract,
                      min_confidence=args.ocr_min_confidence, dictionary=args.ocr_dictionary,
                      correct_words=not args.no_ocr_correct,
                      threads=args.ocr_threads or max(1, usable_cpus() // (getattr(args, "workers", None) or 1)))
    return Settings(engine=args.engine, password=args.password, ocr=ocr, convert=ConvertSettings(soffice=args.soffice),
                    reader=args.reader)


@dataclass
class Batch:
    """What one run did: its exit status, the run.json written, the documents' summaries."""

    code: int
    report: dict
    results: list[Summary]
    skipped: list[dict]
    seconds: float


def execute(args: argparse.Namespace) -> Batch:
    """Run the batch ``args`` describe.  Bad usage raises UsageError before anything is read."""
    try:
        files = discover(args.paths)
    except InputError as e:
        raise UsageError(f"planuri: {e}") from None
    if not files:
        raise UsageError("planuri: no .pdf, .docx, .doc, .odt or .rtf files found in " + ", ".join(args.paths))
    if args.executor == "dask" and not args.scheduler:
        raise UsageError("planuri: --executor dask needs --scheduler ADDRESS")
    output = Output(args.out)
    try:
        output.check_writable()
    except OutputError as e:
        raise UsageError(f"planuri: --out: {e}") from None
    started, clock = now(), time.perf_counter()
    output.remove_leftovers()
    limits = Limits(timeout=args.timeout, memory_mb=args.memory_limit)
    if args.workers is None:
        args.workers = default_workers(args.memory_limit)
    settings = settings_from(args)  # (its OCR threads share the CPUs among the workers)
    config = {"engine": args.engine, "reader": args.reader, "ocr": asdict(settings.ocr), "executor": args.executor, "workers": args.workers,
              "force": args.force, "keep_versions": args.keep_versions, **asdict(limits), "out": args.out}
    tasks, skipped, results, stream, pool, state = [], [], [], None, None, "finished"
    try:
        tasks, skipped, results = plan_tasks(files, output, args.force, settings, args.keep_versions)
        output.write_json("run.json", run_report(started, config, results, skipped, None, 0.0, state="running"))
        progress = Progress(len(tasks) + len(results), args.quiet)
        for r in results:
            progress.update(r)
        if args.executor == "dask":
            from planuri.dask_run import run_dask

            stream = run_dask(tasks, settings, output, args.scheduler)
        else:
            pool = LocalPool(args.workers, settings, output, limits)
            stream = pool.run(tasks)
        for result in stream:
            if result.traceback and args.verbose:
                print(result.traceback, file=sys.stderr)
            results.append(result)
            progress.update(result)
        disagree = mark_disagreements(output)
        if disagree and not args.quiet:
            print(f"{disagree} forms-disagree warning(s): a form of a plan gives more or fewer tables or rows "
                  "than most forms of it (see issues)", file=sys.stderr)
    except KeyboardInterrupt:
        state = "interrupted"
    finally:
        with sigint_ignored():  # a second Ctrl-C does not cut the workers' stopping or run.json short
            if stream is not None:
                stream.close()  # stops the workers (those busy are killed: their documents are not written)
            seconds = time.perf_counter() - clock
            peak = pool.peak_memory_mb() if pool else None
            report = run_report(started, config, results, skipped, peak, seconds, state=state)
            output.write_json("run.json", report)
    code = INTERRUPTED if state == "interrupted" else 1 if any(r.status == "failed" for r in results) else 0
    return Batch(code, report, results, skipped, seconds)


class sigint_ignored:
    """Ignore Ctrl-C for a while (in the main thread; elsewhere Python delivers no signals anyway)."""

    def __enter__(self):
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        return self

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        return False


def run(args: argparse.Namespace) -> int:
    batch = execute(args)
    if batch.code == INTERRUPTED:
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(batch.report["counts"].items()))
        print(f"planuri: interrupted after {len(batch.results)} documents ({counts or 'none'}); run.json written; "
              "the same command run again resumes", file=sys.stderr)
        return batch.code
    print(summary(batch.results, batch.skipped, batch.seconds, args.out))
    return batch.code


def report(out: str) -> int:
    from planuri.report import write_report

    try:
        index = write_report(out)
    except FileNotFoundError as e:
        print(f"planuri: {e}", file=sys.stderr)
        return 2
    print(f"report     {index}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "run":
            return run(args)
        if args.command == "report":
            return report(args.out)
        if args.command == "export":
            return export_command(args)
    except UsageError as e:
        print(str(e), file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
