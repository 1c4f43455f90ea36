"""Time per page of the pipeline on the samples (not a test: figures for the README).

    python bench/bench.py [--repeat 3]

Runs extraction + normalization + validation (no writing) on every sample
document with each engine, and reports the median time per document and per page.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

from planuri.pipeline import Settings, process_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = sorted(SAMPLES.glob("*/*.docx")) + sorted(SAMPLES.glob("*/*.pdf"))
    runs = [(f, "pdfplumber") for f in files] + [(f, "camelot") for f in files if f.suffix == ".pdf"]
    process_file(files[0])  # warm-up: imports
    print(f"python {platform.python_version()} on {platform.machine()}, {args.repeat} runs, median\n")
    print("| document | engine | pages | actions | s/document | ms/page |")
    print("|---|---|---:|---:|---:|---:|")
    totals: dict[str, list[float]] = {}
    for path, engine in runs:
        times, result = [], None
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = process_file(path, Settings(engine=engine))
            times.append(time.perf_counter() - t)
        sec = statistics.median(times)
        label = "docx" if path.suffix == ".docx" else engine
        pages = result.pages or 0
        totals.setdefault(label, [0.0, 0])
        totals[label][0] += sec
        totals[label][1] += pages
        per_page = f"{sec * 1000 / pages:.0f}" if pages else "–"
        print(f"| {path.name} | {label} | {pages or '–'} | {result.n_actions} | {sec:.2f} | {per_page} |")
    print()
    for label, (sec, pages) in totals.items():
        rate = f", {sec * 1000 / pages:.0f} ms/page" if pages else ""
        print(f"{label}: {sec:.2f} s in all{rate}")


if __name__ == "__main__":
    main()
