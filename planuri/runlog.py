"""``run.json``: what one ``planuri run`` did, for the people and jobs that follow it."""

from __future__ import annotations

import platform
import sys
from datetime import datetime, timezone
from importlib import metadata

from planuri import __version__

PACKAGES = ("pypdfium2", "pdfplumber", "pdfminer.six", "python-docx", "camelot-py", "pandas", "pandera", "pyarrow", "fsspec",
            "dask", "distributed")


def versions() -> dict[str, str]:
    out = {"planuri": __version__, "python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return out


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def status_counts(results: list, skipped: list[dict]) -> dict[str, int]:
    """Documents by status (ok, no-action-plan, failed, …), and those skipped: the run log's and the
    CLI summary's one count."""
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    if skipped:
        counts["skipped"] = len(skipped)
    return counts


def run_report(started: str, settings: dict, results: list, skipped: list[dict], peak_memory_mb: dict | None,
               seconds: float, state: str = "finished") -> dict:
    """``state``: running (written as the run starts), finished, or interrupted (Ctrl-C: the counts so far)."""
    counts = status_counts(results, skipped)
    pages = sum(r.pages or 0 for r in results)
    return {
        "started": started,
        "finished": None if state == "running" else now(),
        "state": state,
        "argv": sys.argv[1:],
        "settings": settings,
        "documents": len(results) + len(skipped),
        "counts": counts,
        "pages": pages,
        "seconds": round(seconds, 2),
        "documents_per_second": round(len(results) / seconds, 3) if seconds else None,
        "pages_per_second": round(pages / seconds, 2) if seconds else None,
        "peak_memory_mb_per_worker": peak_memory_mb,
        "failures": [{"path": r.path, "doc_id": r.doc_id, "error": r.error,
                      **({"traceback": r.traceback} if getattr(r, "traceback", None) else {})}
                     for r in results if r.status == "failed"],
        "skipped": skipped,
        "versions": versions(),
    }
