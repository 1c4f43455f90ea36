"""Batch throughput: the samples replicated to at least 200 distinct documents, run with 1 and 2
workers (not a test: figures for docs/speed.md).

    python bench/batch_bench.py [--copies 20] [--workers 1 2]

Each copy differs from its sample by a byte readers ignore (a PDF comment after %%EOF, a zip
comment), so every copy is a new document.  Reports documents/s, pages/s and the peak resident
memory of each worker, read from the run's run.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "samples"))

from corpus import replicate  # noqa: E402
from planuri.cli import main as planuri  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    folders = sorted(p.parent for p in (ROOT / "samples").glob("*/source.yaml"))
    sources = [f / f"{f.name}{suffix}" for suffix in (".pdf", ".docx") for f in folders]  # the ruled PDF and DOCX
    with tempfile.TemporaryDirectory(prefix="planuri-bench-") as tmp:
        folder = Path(tmp, "in")
        docs = replicate(sources, folder, args.copies)
        print(f"{len(docs)} documents ({len(sources)} files: the ruled PDF and DOCX of each sample, x {args.copies}), "
              f"{sum(p.stat().st_size for p in docs) / 2**20:.0f} MB\n")
        print("| workers | documents | pages | seconds | documents/s | pages/s | peak MB per worker |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        for workers in args.workers:
            out = Path(tmp, f"out-{workers}")
            started = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                planuri(["run", str(folder), "--out", str(out), "--quiet", "--workers", str(workers)])
            seconds = time.perf_counter() - started
            report = json.loads((out / "run.json").read_text())
            n = sum(report["counts"].values())
            peak = ", ".join(f"{v:.0f}" for v in report["peak_memory_mb_per_worker"].values())
            print(f"| {workers} | {n} | {report['pages']} | {seconds:.1f} | {n / seconds:.2f} | "
                  f"{report['pages'] / seconds:.1f} | {peak} |", flush=True)


if __name__ == "__main__":
    main()
