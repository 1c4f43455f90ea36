"""Shared fixtures: sample folders, and tiny DOCX/PDF documents built in the test run.

Tiny documents use the sample generator (samples/build_samples.py): a spec in
the samples' source.yaml format -> DOCX with python-docx -> PDF with LibreOffice.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(SAMPLES))

import build_samples  # noqa: E402

# What each slow test module needs (markers, declared in pyproject.toml): `make check` leaves
# them out and runs the rest in under a minute; `make test` (CI) runs everything.
MODULE_MARKERS = {
    "test_batch": ("batch", "slow"),
    "test_chromium": ("chromium", "slow"),
    "test_forms_small": ("libreoffice", "ocr", "slow"),
    "test_frames": ("libreoffice", "chromium", "slow"),
    "test_golden_forms": ("ocr", "libreoffice", "slow"),
    "test_hand_edited": ("libreoffice", "slow"),
    "test_layouts": ("libreoffice", "chromium", "slow"),
    "test_legacy": ("libreoffice", "slow"),
    "test_ocr_lexicon": ("ocr",),
    "test_ocr_units": ("ocr",),
    "test_pdf_small": ("libreoffice",),
    "test_pdfium_parity": ("libreoffice", "chromium", "slow"),
    "test_readme": ("slow",),
    "test_real_documents": ("slow",),
    "test_reworded_headers": ("libreoffice", "slow"),
    "test_samples": ("libreoffice", "slow"),
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in MODULE_MARKERS.get(item.module.__name__.rpartition(".")[2], ()):
            item.add_marker(getattr(pytest.mark, name))

SAMPLE_FOLDERS = sorted(p.parent for p in SAMPLES.glob("*/source.yaml"))


def soffice() -> str | None:
    return build_samples.soffice_binary()


def require_soffice() -> str:
    binary = soffice()
    if binary is None:
        if os.environ.get("PLANURI_REQUIRE_LIBREOFFICE"):
            pytest.fail("LibreOffice is required here (apt-get install libreoffice-writer-nogui)")
        pytest.skip("LibreOffice not installed (apt-get install libreoffice-writer-nogui)")
    return binary


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_docx(spec: dict, path: Path, borders: bool = True) -> Path:
    spec = dict(spec, name=path.stem)
    build_samples.build_docx(spec, path, borders=borders)
    return path


def require_tesseract() -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        if os.environ.get("PLANURI_REQUIRE_TESSERACT"):
            pytest.fail("tesseract is required here (apt-get install tesseract-ocr tesseract-ocr-ron)")
        pytest.skip("tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ron)")
    return binary


def require_dictionary() -> None:
    """The Romanian hunspell dictionary OCR corrections use (the scan goldens count on it)."""
    from planuri.extract.ocr_lexicon import find_dictionary

    if find_dictionary("ro_RO") is None:
        if os.environ.get("PLANURI_REQUIRE_TESSERACT"):
            pytest.fail("the Romanian hunspell dictionary is required here (apt-get install hunspell-ro)")
        pytest.skip("the Romanian hunspell dictionary is not installed (apt-get install hunspell-ro)")


def convert_to_pdf(docx_files: list[Path], out_dir: Path, fmt: str = "pdf") -> None:
    """One LibreOffice run for many files (each start costs seconds); ``fmt``: pdf, doc, odt, rtf."""
    binary = require_soffice()
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(
        [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", fmt,
         "--outdir", str(out_dir), *map(str, docx_files)],
        check=True, capture_output=True, timeout=600,
    )


def table_spec(header, rows, widths=None, fields=None, numbers=None, size=10, kind="plan"):
    ncols = sum(c.get("span", 1) if isinstance(c, dict) else 1 for c in header[0])
    return {"table": {"kind": kind, "widths": widths or [26.0 / ncols] * ncols, "size": size,
                      "header": header, "rows": rows, "fields": fields or [None] * ncols,
                      **({"numbers": numbers} if numbers else {})}}


def doc_spec(*blocks, orientation="landscape"):
    return {"seed": "test", "layout": {"orientation": orientation, "font": "Times New Roman", "size": 11},
            "blocks": list(blocks)}


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture
def out_dir(tmp_path) -> Path:
    return tmp_path / "output"


def layout(rows: list[list]):
    """Rows of cells -> (row, col, text, row_span, col_span) per cell.  A cell is its text or
    ``(text, row_span, col_span)``; None marks a slot covered by a merged cell."""
    for r, row in enumerate(rows):
        c = 0
        for item in row:
            if item is None:
                c += 1
                continue
            text, rs, cs = item if isinstance(item, tuple) else (item, 1, 1)
            yield r, c, text, rs, cs
            c += cs


def have(binary: str) -> bool:
    return shutil.which(binary) is not None
