"""How well the scanned samples read (not a test: the figure for docs/testing.md; the golden test
asserts the 95% floor).

    python bench/ocr_accuracy.py

For every sample with actions, its scanned PDF (``<name>-scan.pdf``) against the expected
actions written from the transcription: expected rows found, and the share of the non-empty
action fields (everything but table_no and row_no) equal after whitespace folding.
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import pandas as pd

from planuri.pipeline import Settings, process_file

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FIELDS = ["section", "general_objective", "specific_objective", "domain", "measure", "action_code", "action",
          "responsible", "partners", "deadline", "indicators", "result"]


def fold(value) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else " ".join(str(value).split())


def main() -> int:
    print("| sample | pages | actions found / expected | fields equal | share | s/page |")
    print("|---|---:|---:|---:|---:|---:|")
    all_ok = all_n = 0
    for folder in sorted(p.parent for p in SAMPLES.glob("*/source.yaml")):
        with (folder / "expected" / "actions.csv").open(encoding="utf-8") as f:
            want = list(csv.DictReader(f))
        if not want:
            continue
        started = time.perf_counter()
        r = process_file(folder / f"{folder.name}-scan.pdf", Settings())
        seconds = time.perf_counter() - started
        got = r.frames["actions"].to_dict(orient="records")
        pairs = [(fold(g[k]), fold(w[k])) for g, w in zip(got, want) for k in FIELDS if fold(g[k]) or fold(w[k])]
        ok = sum(a == b for a, b in pairs)
        all_ok, all_n = all_ok + ok, all_n + len(pairs)
        print(f"| {folder.name[:3]} | {r.pages} | {len(got)} / {len(want)} | {ok} / {len(pairs)} | "
              f"{ok / len(pairs):.1%} | {seconds / r.pages:.2f} |", flush=True)
    print(f"\nall samples: {all_ok} / {all_n} fields equal, {all_ok / all_n:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
