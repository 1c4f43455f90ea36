"""The Python API: ``planuri.read(path, **settings)`` and ``planuri.run(paths, out, **options)``.

Settings and options are the command line's, by the same names (``--ocr-dpi 200`` -> ``ocr_dpi=200``,
``--no-ocr`` -> ``no_ocr=True``), checked the same way: a bad value raises ``ValueError`` with the
command line's message, an unknown name ``TypeError``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planuri.pipeline import process_file

# the run options that are not settings of the reading of one document
RUN_ONLY = {"out", "workers", "timeout", "memory_limit", "force", "keep_versions", "executor", "scheduler", "quiet",
            "verbose"}


@dataclass(frozen=True)
class Result:
    """One document read: its status, error and one DataFrame per dataset (``result.actions``, …)."""

    path: str
    doc_id: str
    status: str
    error: str | None
    frames: dict[str, pd.DataFrame] = field(repr=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        frames = self.__dict__.get("frames", {})
        if name in frames:
            return frames[name]
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def __dir__(self):
        return [*super().__dir__(), *self.frames]

    @property
    def document(self) -> dict:
        """The document's ``documents`` row as a dict."""
        return self.frames["documents"].iloc[0].to_dict()


def _argv(options: dict, allowed: set[str], function: str) -> list[str]:
    """Keyword arguments -> the command line's options (``ocr_dpi=200`` -> ``--ocr-dpi 200``)."""
    argv = []
    for name, value in options.items():
        if name not in allowed:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}")
        flag = "--" + name.replace("_", "-")
        if isinstance(value, bool):
            argv += [flag] if value else []
        elif value is not None:
            argv += [flag, str(value)]
    return argv


def _run_options() -> set[str]:
    from planuri.cli import build_parser

    run = build_parser()._subparsers._group_actions[0].choices["run"]
    return {a.dest for a in run._actions if a.dest not in ("help", "paths")}


def _parse(paths: list[str], argv: list[str]):
    from planuri.cli import build_parser

    return build_parser().parse_args(["run", *paths, *argv])


def read(path: str | os.PathLike, **settings) -> Result:
    """Read one document (no output written): ``planuri.read("plan.pdf", engine="ocr").actions``."""
    from planuri.cli import settings_from

    allowed = _run_options() - RUN_ONLY
    args = _parse([str(path)], _argv(settings, allowed, "read"))
    r = process_file(Path(path), settings_from(args))
    return Result(path=r.path, doc_id=r.doc_id, status=r.status, error=r.error, frames=r.frames)


def run(paths: str | os.PathLike | list, out: str | os.PathLike = "output", **options) -> dict:
    """Run a batch as ``planuri run`` does (quietly unless ``quiet=False``) and return its summary:
    the ``run.json`` written in ``out`` (state, counts by status, failures, skipped, timings)."""
    from planuri.cli import execute

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    options = {"quiet": True, **options}
    args = _parse([str(p) for p in paths], ["--out", str(out), *_argv(options, _run_options() - {"out"}, "run")])
    batch = execute(args)
    return dict(batch.report, exit_status=batch.code)
