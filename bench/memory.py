"""A worker's memory over a batch: one process reads the given documents, round after round,
and prints its resident memory every ``--every`` documents (not a test: figures for the README).

    python bench/memory.py [--rounds 2] [--every 20] FILE...

Memory that grows while new documents come and then holds through a second round of the same
documents is what a process keeps (imports, dictionaries, remembered readings); memory that
grows in the second round too is a leak.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import psutil

from planuri.pipeline import Settings, process_file


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--every", type=int, default=20)
    args = ap.parse_args()
    process = psutil.Process()
    started = time.perf_counter()
    print("| round | documents read | resident MB | seconds |")
    print("|---:|---:|---:|---:|")
    for round_no in range(1, args.rounds + 1):
        for k, path in enumerate(args.files, 1):
            process_file(path, Settings())
            if k % args.every == 0 or k == len(args.files):
                print(f"| {round_no} | {k} | {process.memory_info().rss / 2**20:.0f} | "
                      f"{time.perf_counter() - started:.0f} |", flush=True)


if __name__ == "__main__":
    main()
