"""Time per page of the pipeline on the samples, by the way each is read (not a test:
figures for docs/speed.md).

    python bench/bench.py [--repeat 3] [--repeat-ocr 1] [--only docx,ruled,camelot,borderless,ocr,doc,odt]
                          [--samples 001,002] [--ocr-threads 1] [--ocr-command]

Runs extraction + normalization + validation (no writing) on every sample in every
form -- DOCX; ruled PDF with pdfplumber and with camelot; borderless PDF; scanned PDF
(OCR); .doc and .odt (LibreOffice conversion) -- and reports the median time per
document and per page: wall-clock time, and CPU time (this process and the programs it
runs: tesseract, LibreOffice), which other work on a shared machine changes less.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from planuri.extract.ocr.tesseract import OcrSettings
from planuri.pipeline import Settings, process_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
# path label -> (file suffix, engine)
PATHS = {
    "docx": (".docx", "auto"),
    "doc": (".doc", "auto"),
    "odt": (".odt", "auto"),
    "ruled": (".pdf", "pdfplumber"),
    "camelot": (".pdf", "camelot"),
    "borderless": ("-borderless.pdf", "auto"),
    "ocr": ("-scan.pdf", "auto"),
}


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (tesseract, LibreOffice)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--repeat-ocr", type=int, default=1, help="runs of the scanned PDFs (OCR takes seconds a page)")
    ap.add_argument("--only", default=",".join(PATHS), help="paths to time, comma-separated")
    ap.add_argument("--samples", default=None, help="the samples to time by their number, comma-separated (default: all)")
    ap.add_argument("--ocr-threads", type=int, default=1,
                    help="pages of a scan read at once (wall time falls, CPU time per page stays)")
    ap.add_argument("--ocr-command", action="store_true",
                    help="read scans with the tesseract command, a process an image (before stop 38), not its library")
    args = ap.parse_args()
    ocr = OcrSettings(threads=args.ocr_threads, in_process=not args.ocr_command)
    folders = sorted(p.parent for p in SAMPLES.glob("*/source.yaml")
                     if args.samples is None or p.parent.name[:3] in args.samples.split(","))
    runs = [(label, folder / f"{folder.name}{suffix}", engine)
            for label, (suffix, engine) in PATHS.items() if label in args.only.split(",") for folder in folders]
    process_file(runs[0][1])  # warm-up: imports
    print(f"python {platform.python_version()} on {platform.machine()}, median of {args.repeat} runs "
          f"({args.repeat_ocr} for OCR, {args.ocr_threads} OCR thread(s), tesseract's "
          f"{'command' if args.ocr_command else 'library'})\n")
    print("| document | path | pages | actions | services | s/document | ms/page | CPU ms/page |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    totals: dict[str, list[float]] = {}
    for label, path, engine in runs:
        times, cpu, result = [], [], None
        for _ in range(args.repeat_ocr if label == "ocr" else args.repeat):
            t, c = time.perf_counter(), cpu_seconds()
            result = process_file(path, Settings(engine=engine, ocr=ocr))
            times.append(time.perf_counter() - t)
            cpu.append(cpu_seconds() - c)
        sec, cpu_sec = statistics.median(times), statistics.median(cpu)
        pages = result.pages or 0
        totals.setdefault(label, [0.0, 0.0, 0])
        totals[label][0] += sec
        totals[label][1] += cpu_sec
        totals[label][2] += pages
        per_page = f"{sec * 1000 / pages:.0f} | {cpu_sec * 1000 / pages:.0f}" if pages else "– | –"
        services = len(result.frames["services"])
        print(f"| {path.name} | {label} | {pages or '–'} | {result.n_actions} | {services} | {sec:.2f} | {per_page} |")
    print()
    for label, (sec, cpu_sec, pages) in totals.items():
        rate = f", {sec * 1000 / pages:.0f} ms/page, CPU {cpu_sec * 1000 / pages:.0f} ms/page" if pages else ""
        print(f"{label}: {sec:.2f} s in all{rate}")


if __name__ == "__main__":
    main()
