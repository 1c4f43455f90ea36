"""Round trip over generated layouts: render seeds, read them back, compare with what was rendered.

    python bench/layouts.py --seeds 0-299            # 300 renderings, the figures and every failure
    python bench/layouts.py --seeds 17 --keep out/    # replay one seed, keeping its file
    python bench/layouts.py --seeds 0-99 --keep out/ --reuse   # read again the files kept before
    python bench/layouts.py --seeds 0-99 --forms pdf,chromium
    python bench/layouts.py --seeds 300-311 --form office-scan   # every seed scanned as a copier does

Each seed draws a slice of a sample plan, reworded headers and a layout
(``samples/layout_spec.py``) and renders it in one form (``samples/layout_render.py``); planuri
reads it with its default settings and the actions and costs read back are compared with the
content rendered (``samples/layout_check.py``).  Prints each failing seed with its differences,
the share of action rows read back and of fields equal, by form and overall.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "samples"))

from layout_check import Comparison, compare, expected_rows, read_rows  # noqa: E402
from layout_render import file_name, render_all  # noqa: E402
from layout_spec import FORMS, SCAN_FORMS, Variant, make_variant  # noqa: E402


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds += list(range(int(lo), int(hi) + 1)) if hi else [int(lo)]
    return seeds


def check(variant: Variant, path: Path) -> tuple[int, Comparison, str | None, float, dict, int]:
    from planuri.pipeline import process_file

    started = time.perf_counter()
    result = process_file(path)
    seconds = time.perf_counter() - started
    if result.status == "failed":
        c = Comparison(expected=len(expected_rows(variant.spec)))
        return variant.seed, c, result.error, seconds, {}, result.pages or 0
    issues = result.frames["issues"]["code"].value_counts().to_dict()
    return (variant.seed, compare(expected_rows(variant.spec), read_rows(result.frames)), None, seconds, issues,
            result.pages or 0)


def run(variants: list[Variant], folder: Path, jobs: int, chunk: int = 40, reuse: bool = False):
    """Render (or, with ``reuse``, take the files already in ``folder``) and read back, chunk by chunk."""
    for start in range(0, len(variants), chunk):
        part = variants[start:start + chunk]
        kept = {v.seed: folder / file_name(v) for v in part if reuse and (folder / file_name(v)).exists()}
        files = {**render_all([v for v in part if v.seed not in kept], folder, skip_failed=True), **kept}
        part = [v for v in part if v.seed in files]  # (LibreOffice could not render the others: named)
        with ProcessPoolExecutor(jobs) as pool:
            yield from pool.map(check, part, [files[v.seed] for v in part])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", default="0-59")
    ap.add_argument("--forms", default=",".join(FORMS), help="forms to keep (a seed's form is fixed by the seed)")
    ap.add_argument("--form", choices=[*FORMS, *SCAN_FORMS],
                    help="render every seed in this form instead of the seed's own (the scan forms: only so)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="folder to keep the renderings in")
    ap.add_argument("--reuse", action="store_true",
                    help="with --keep: read the renderings already in that folder instead of rendering them again")
    ap.add_argument("--keep-wordings", action="store_true", help="keep the samples' own header labels")
    ap.add_argument("--quiet", action="store_true", help="figures only, no failure details")
    args = ap.parse_args(argv)
    forms = set(args.forms.split(","))
    variants = [make_variant(s, args.form, reword=not args.keep_wordings) for s in parse_seeds(args.seeds)]
    variants = [v for v in variants if v.form in forms or args.form]
    by_seed = {v.seed: v for v in variants}
    totals: dict[str, Comparison] = defaultdict(Comparison)
    timing: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])  # form -> seconds reading, pages
    failures = []
    read: set[int] = set()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="planuri-fuzz-") as tmp:
        folder = args.keep or Path(tmp)
        for seed, c, error, seconds, issues, pages in run(variants, folder, args.jobs, reuse=args.reuse and args.keep is not None):
            v = by_seed[seed]
            read.add(seed)
            for name in (v.form, "all"):
                timing[name][0] += seconds
                timing[name][1] += pages
            totals[v.form].add(c)
            totals["all"].add(c)
            if error or not c.ok:
                failures.append(seed)
                if not args.quiet:
                    print(f"\nFAIL seed {seed} ({v.form}; {'; '.join(v.notes)}) {error or ''}")
                    print(c.report())
    print(f"\n{len(variants)} renderings in {time.perf_counter() - started:.0f} s; failing seeds: "
          f"{' '.join(map(str, failures)) or 'none'}")
    counts = defaultdict(int)
    for v in variants:
        if v.seed in read:
            counts[v.form] += 1
            counts["all"] += 1
    if len(read) < len(variants):
        print(f"not rendered (LibreOffice failed on them), left out: "
              f"{' '.join(str(v.seed) for v in variants if v.seed not in read)}")
    print("| form | renderings | action rows read back | fields equal | s/page read |")
    print("|---|---:|---:|---:|---:|")
    for form in [*FORMS, *SCAN_FORMS, "all"]:
        c = totals.get(form)
        if c is None or not counts[form]:
            continue
        rows = c.paired / c.expected if c.expected else 1.0
        extra = f" (+{len(c.extra)} extra)" if c.extra else ""
        print(f"| {form} | {counts[form]} | {c.paired}/{c.expected} = {rows:.2%}{extra} | "
              f"{c.equal}/{c.fields} = {c.equal / max(c.fields, 1):.2%} | "
              f"{timing[form][0] / max(timing[form][1], 1):.2f} |")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
