"""Rebuild the sample documents and their expected results from the transcriptions.

Each sample folder holds a ``source.yaml``: the content of one seed document
(``../shared/seeds``) transcribed by hand into blocks (paragraphs and tables,
cell by cell, with their merges).  From it this script writes:

* ``<name>.docx`` -- the document as a municipality would produce it in Word:
  real tables, header rows marked to repeat on every page, merged cells as real
  ``gridSpan`` / ``vMerge`` merges;
* ``<name>.pdf``  -- that DOCX exported by LibreOffice headless, so rows break
  across pages as in real exports;
* ``<name>-borderless.pdf``, ``<name>-scan.pdf``, ``<name>.doc``, ``<name>.odt`` -- the
  same document with its tables' rules turned off, scanned (images only), and saved
  in the legacy Word and OpenDocument formats (``sample_variants.py``);
* ``expected/actions.csv``, ``expected/costs.csv``, ``expected/issues.csv`` and
  ``expected/document.json`` -- what the pipeline must produce, derived from the
  transcription alone by the simple rules written below (never from the
  pipeline's output).

Usage::

    python samples/build_samples.py            # everything (needs LibreOffice for PDFs)
    python samples/build_samples.py --no-pdf   # DOCX and expected files only
    python samples/build_samples.py --check    # rebuild into a temp dir, compare with the committed files
                                               # (by content where LibreOffice or poppler wrote them:
                                               # sample_compare.py)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sample_expected import (  # noqa: E402
    ACTION_COLUMNS, ACTIVITY_COLUMNS, COST_COLUMNS, ISSUE_COLUMNS, SERVICE_COLUMNS, TOTALS_COLUMNS, expected_for, write_csv,
)
from sample_compare import same_content  # noqa: E402
from sample_render import build_docx, build_pdf, soffice_binary  # noqa: E402
from sample_variants import build_variants  # noqa: E402

SAMPLES = Path(__file__).resolve().parent
__all__ = ["build_docx", "build_pdf", "soffice_binary", "expected_for", "main"]


# libyaml's safe loader when PyYAML has it: the same objects as yaml.safe_load, ~10x faster (the
# Bacău transcription takes ~1 s in pure Python, and test collection reads the transcriptions)
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_spec(folder: Path) -> dict:
    spec = yaml.load((folder / "source.yaml").read_text(encoding="utf-8"), Loader=YAML_LOADER)
    spec["name"] = folder.name
    return spec


def build(folder: Path, out_dir: Path, pdf: bool = True) -> None:
    spec = load_spec(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    docx = out_dir / f"{folder.name}.docx"
    build_docx(spec, docx)
    if pdf:
        build_pdf(docx, out_dir / f"{folder.name}.pdf")
        build_variants(spec, docx, out_dir / f"{folder.name}.pdf", out_dir)
    expected = expected_for(spec)
    for name, columns in (("actions", ACTION_COLUMNS), ("costs", COST_COLUMNS), ("issues", ISSUE_COLUMNS),
                          ("declared_totals", TOTALS_COLUMNS), ("services", SERVICE_COLUMNS),
                          ("activities", ACTIVITY_COLUMNS)):
        if expected[name] or name in ("actions", "costs", "issues"):
            write_csv(out_dir / "expected" / f"{name}.csv", columns, expected[name])
    document = expected["document"]
    (out_dir / "expected" / "document.json").write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def sample_folders(names: list[str] | None = None) -> list[Path]:
    """Sample folders by name prefix; a name that is a folder holding a source.yaml is taken as is."""
    explicit = [Path(n).resolve() for n in names or [] if Path(n, "source.yaml").is_file()]
    folders = sorted(p.parent for p in SAMPLES.glob("*/source.yaml"))
    prefixes = [n for n in names or [] if not Path(n, "source.yaml").is_file()]
    if names:
        folders = [f for f in folders if any(f.name.startswith(n) for n in prefixes)]
    return explicit + folders


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="sample folder names, prefixes or paths (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF export")
    ap.add_argument("--check", action="store_true", help="rebuild in a temp dir and compare with the committed files "
                    "(by content for the files LibreOffice and poppler write: sample_compare.py)")
    args = ap.parse_args(argv)
    folders = sample_folders(args.names)
    if not folders:
        print("no samples found", file=sys.stderr)
        return 2
    if not args.check:
        for folder in folders:
            build(folder, folder, pdf=not args.no_pdf)
            print(f"built {folder.name}")
        return 0
    different = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            out = Path(tmp, folder.name)
            build(folder, out, pdf=not args.no_pdf)
            for produced in sorted(p for p in out.rglob("*") if p.is_file()):
                committed = folder / produced.relative_to(out)
                if not committed.exists() or not same_content(produced, committed):
                    different.append(str(committed.relative_to(SAMPLES)))
    for name in different:
        print(f"differs from its transcription: {name}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
