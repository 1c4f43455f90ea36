"""Command line: ``planuri run PATH... [--out DIR] [--engine pdfplumber|camelot]``.

Exit status: 0 when every document succeeded, 1 when some failed (the others
are still written), 2 on bad usage (unknown option, missing path, nothing to do).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from planuri import __version__
from planuri.discover import InputError, discover
from planuri.extract import ENGINES
from planuri.pipeline import DocumentResult, Settings, process_file
from planuri.writer import write_document


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planuri", description="Action-plan tables of council decisions -> parquet datasets")
    parser.add_argument("--version", action="version", version=f"planuri {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="process PDF and DOCX files and folders into output datasets")
    run.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders searched recursively for .pdf and .docx")
    run.add_argument("--out", default="output", type=Path, help="output folder (default: output)")
    run.add_argument("--engine", choices=ENGINES, default="pdfplumber", help="PDF table engine (default: pdfplumber)")
    run.add_argument("--password", default=None, help="password of encrypted PDFs")
    run.add_argument("--quiet", action="store_true", help="no progress lines, only the summary")
    run.add_argument("--verbose", action="store_true", help="print the traceback of internal errors")
    return parser


class Progress:
    def __init__(self, total: int, quiet: bool, stream=None):
        self.total, self.quiet, self.stream = total, quiet, stream or sys.stderr
        self.started = time.perf_counter()
        self.pages = 0
        self.done = 0
        self.failed = 0

    def update(self, result: DocumentResult) -> None:
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


def summary(results: list[DocumentResult], seconds: float, out: Path) -> str:
    by_status: dict[str, int] = {}
    for r in results:
        by_status[r.status] = by_status.get(r.status, 0) + 1
    pages = sum(r.pages or 0 for r in results)
    lines = [
        "",
        f"documents  {len(results):>6}   " + "  ".join(f"{k}: {v}" for k, v in sorted(by_status.items())),
        f"pages      {pages:>6}",
        f"tables     {sum(r.n_tables for r in results):>6}   action tables: {sum(r.n_action_tables for r in results)}",
        f"actions    {sum(r.n_actions for r in results):>6}",
        f"issues     {sum(r.n_issues for r in results):>6}",
        f"time       {seconds:>6.1f} s" + (f"   {seconds * 1000 / pages:.0f} ms/page" if pages else ""),
        f"output     {out}",
    ]
    failed = [r for r in results if r.status == "failed"]
    if failed:
        lines.append("failed:")
        lines.extend(f"  {r.path}: {r.error}" for r in failed)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    try:
        files = discover(args.paths)
    except InputError as e:
        print(f"planuri: {e}", file=sys.stderr)
        return 2
    if not files:
        print("planuri: no .pdf or .docx files found in " + ", ".join(args.paths), file=sys.stderr)
        return 2
    settings = Settings(engine=args.engine, password=args.password)
    progress = Progress(len(files), args.quiet)
    started = time.perf_counter()
    results = []
    seen: dict[str, str] = {}
    for path in files:
        result = process_file(path, settings)
        if result.doc_id in seen:
            print(f"planuri: {path} has the same content as {seen[result.doc_id]}; written once", file=sys.stderr)
        seen.setdefault(result.doc_id, str(path))
        write_document(args.out, result.doc_id, result.frames)
        if result.traceback and args.verbose:
            print(result.traceback, file=sys.stderr)
        result.frames = {}  # written: free the memory
        results.append(result)
        progress.update(result)
    print(summary(results, time.perf_counter() - started, args.out))
    return 1 if any(r.status == "failed" for r in results) else 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "run":
        return run(args)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
