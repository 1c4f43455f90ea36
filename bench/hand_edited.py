"""How the samples read once a person has edited their tables by hand in Word (not a test:
the figure for the README; tests/test_hand_edited.py asserts exact reads on slices).

    python bench/hand_edited.py [--seeds 1 2 3] [--engine auto|camelot] [--no-pdf]

Every sample with actions is rebuilt as DOCX, each of its tables edited by
``samples/word_edits.hand_edit`` (inner column edges dragged 1-3.5 mm per row group, header
shaded, frame thickened) with a seeded random generator, then exported to PDF by
LibreOffice.  Each is read back and compared with what ``sample_expected.expected_for``
derives from the transcription: actions whose every field is equal (matched on table and
row), and cost rows found (distinct funding source and amount per row).
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from build_samples import build_docx, expected_for, load_spec, soffice_binary  # noqa: E402
from word_edits import hand_edit  # noqa: E402

from planuri.pipeline import Settings, process_file  # noqa: E402

FIELDS = ["table_no", "row_no", "section", "general_objective", "specific_objective", "domain", "measure",
          "action_code", "action", "responsible", "partners", "deadline", "indicators", "result"]
COSTS = ["table_no", "row_no", "funding_source", "amount"]


def records(frame: pd.DataFrame, fields: list[str]) -> list[dict]:
    if frame.empty:
        return []
    return [{k: "" if pd.isna(v) else str(v) for k, v in row.items()} for row in frame[fields].to_dict(orient="records")]


def score(path: Path, spec: dict, engine: str) -> tuple[int, int, int, int]:
    """(actions equal, actions expected, cost rows found, cost rows expected)."""
    expected = expected_for(spec)
    r = process_file(path, Settings(engine=engine))
    got = {(g["table_no"], g["row_no"]): g for g in records(r.frames["actions"], FIELDS)}
    want = [{k: str(v) for k, v in w.items()} for w in expected["actions"]]
    actions = sum(got.get((w["table_no"], w["row_no"])) == w for w in want)
    costs_got = records(r.frames["costs"].drop_duplicates(COSTS), COSTS) if not r.frames["costs"].empty else []
    costs_want = [{k: str(v) for k, v in c.items()} for c in expected["costs"]]
    return actions, len(want), sum(c in costs_got for c in costs_want), len(costs_want)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--engine", default="auto")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    folders = [f for f in sorted(p.parent for p in (ROOT / "samples").glob("*/source.yaml"))
               if expected_for(load_spec(f))["actions"]]
    print("| sample | seed | grid columns | DOCX actions | DOCX costs | PDF actions | PDF costs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    totals = [0] * 8
    with tempfile.TemporaryDirectory(prefix="planuri-hand-") as tmp:
        built = []
        for folder in folders:
            spec = load_spec(folder)
            for seed in args.seeds:
                path = Path(tmp, f"{folder.name[:3]}-{seed}.docx")
                build_docx(spec, path)
                document, rng = docx.Document(str(path)), random.Random(seed)
                edits = [hand_edit(t, rng) for t in document.tables]
                document.save(str(path))
                built.append((folder, seed, spec, path, edits))
        if not args.no_pdf:
            profile = Path(tmp, "lo-profile").as_uri()
            subprocess.run([soffice_binary(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", tmp, *(str(b[3]) for b in built)], check=True, capture_output=True, timeout=1800)
        for folder, seed, spec, path, edits in built:
            d = score(path, spec, args.engine)
            p = score(path.with_suffix(".pdf"), spec, args.engine) if not args.no_pdf else (0, 0, 0, 0)
            totals = [t + x for t, x in zip(totals, d + p)]
            grid = f"{sum(e.grid_before for e in edits)} -> {sum(e.grid_after for e in edits)}"
            pdf = f"{p[0]} / {p[1]} | {p[2]} / {p[3]}" if not args.no_pdf else "- | -"
            print(f"| {folder.name[:3]} | {seed} | {grid} | {d[0]} / {d[1]} | {d[2]} / {d[3]} | {pdf} |", flush=True)
    a, n, c, m, pa, pn, pc, pm = totals
    print(f"\nDOCX: actions {a} / {n} ({a / n:.1%}), costs {c} / {m} ({c / m:.1%})")
    if not args.no_pdf:
        print(f"PDF ({args.engine}): actions {pa} / {pn} ({pa / pn:.1%}), costs {pc} / {pm} ({pc / pm:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
