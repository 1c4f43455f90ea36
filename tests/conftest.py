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
    "test_borderless_layouts": ("libreoffice",),  # its module fixture exports borderless PDFs with LibreOffice
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
    "test_real_documents": ("slow",),
    "test_reworded_headers": ("libreoffice", "slow"),
    "test_samples": ("libreoffice", "slow"),
    "test_tesseract_lib": ("ocr",),
}


# Tests of the other modules that take seconds each: they run the command line (each run starts a
# pool of worker processes importing pandas and pyarrow), or read the samples' PDFs with the
# reference reader (pdfminer, ~10x slower than pdfium) or camelot (it renders every page).  `make
# check` leaves them out; `make test` runs them.  The goldens' DOCX and PDF-by-pdfium cases stay in the check.
SLOW_TESTS = {
    "test_api": {"test_read_takes_the_command_line_settings", "test_run_writes_the_datasets_and_returns_its_summary"},
    "test_cli_edges": {"test_ctrl_c_stops_quietly_writes_run_json_and_the_next_run_resumes",
                       "test_workers_are_gone_after_ctrl_c"},
    "test_golden": {"test_pages_of_pdf_actions", "test_docx_and_pdf_give_identical_actions",
                    "test_docx_and_pdf_give_identical_services_and_activities",
                    "test_every_row_of_every_table_read_is_accounted_for"},  # reads every sample again, uncached
    "test_pipeline": {"test_bad_files_fail_with_a_clear_error", "test_cli_writes_partitions_and_reports_failures",
                      "test_cli_exit_codes_and_usage_errors", "test_rerun_replaces_the_partition_and_is_byte_identical",
                      "test_progress_lines_name_each_document"},
    "test_page_prep": {"test_a_page_turned_on_the_scanner_reads_as_well_as_a_straight_one",  # OCR, page after page
                       "test_a_page_is_read_once_and_only_its_doubtful_cells_again"},
    "test_plans": {"test_a_form_that_lost_rows_is_warned_once_and_counted",
                   "test_a_draft_scanned_or_cut_joins_its_plan_and_is_compared_with_it"},
    "test_versions": {"test_a_file_changed_under_the_same_path_replaces_its_rows",
                      "test_keep_versions_keeps_the_old_rows",
                      "test_an_old_version_still_held_by_another_file_is_kept",
                      "test_plans_differ_and_a_numbered_act_gets_an_act_key"},
}
# module fixtures whose set-up needs what a marker names: the tests using them get the markers
FIXTURE_MARKERS = {
    ("test_report", "run"): ("libreoffice", "ocr"),  # exports the plan to PDF, and scans it when tesseract is here
    ("test_export", "run_out"): ("slow",),  # a command-line run over the Bacău report
}
# golden cases (test ids) read with the reference reader or camelot: ``000-pdf``, ``000-pdf-camelot``
SLOW_GOLDEN_MODULES = ("test_golden", "test_golden_values")


def markers_of(item) -> tuple[str, ...]:
    module = item.module.__name__.rpartition(".")[2]
    names = list(MODULE_MARKERS.get(module, ()))
    if item.originalname in SLOW_TESTS.get(module, ()):
        names.append("slow")
    for (mod, fixture), marks in FIXTURE_MARKERS.items():
        if mod == module and fixture in getattr(item, "fixturenames", ()):
            names += marks
    case = getattr(getattr(item, "callspec", None), "id", "")
    if module in SLOW_GOLDEN_MODULES and "-pdf" in case and not case.endswith("-pdf-auto"):
        names.append("slow")
    return tuple(dict.fromkeys(names))


def pytest_collection_modifyitems(config, items):
    for item in items:
        for name in markers_of(item):
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
    from planuri.extract.ocr.lexicon import find_dictionary

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
