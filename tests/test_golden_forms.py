"""Every sample in the other forms a decision arrives in (samples/*/ built by
sample_variants.py): saved as .doc and .odt, with its table rules turned off, and scanned.

* .doc and .odt: exactly the DOCX's expected rows -- actions, services, activities.
* borderless PDF: exactly the expected actions, every field but ``row_no`` (where a merged
  heading cell holds several paragraphs, the PDF shows lines that may be one heading row or
  several: the grid's row numbers can differ, nothing else).
* scanned PDF: every expected action present, in the same tables, and most of the action
  fields that either side fills equal after whitespace folding (OCR misreads a character
  here and there): the floors below are what is reached today, short of the 95% asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE_FOLDERS, require_dictionary, require_tesseract
from planuri.pipeline import Settings, process_file
from test_golden import ACTION_FIELDS, ACTIVITY_FIELDS, SERVICE_FIELDS, as_text, expected

# The issue asks 95% of each scan's fields; measured (bench/ocr_accuracy.py, docs/testing.md): 99.2, 99.0,
# 99.1 and 96.5% for 000-003, 97.3% over all.  The overall floor holds what is reached, so that a
# loss shows.
SCAN_MIN_SHARE = 0.965  # over the fields of every sample's scan
SCAN_MIN_SHARE_EACH = 0.95  # of any one sample's (the Bacău report's bold capitals headings read worst)
SCANNED = [f for f in SAMPLE_FOLDERS if expected(f, "actions.csv")]
_cache: dict = {}


def result(folder: Path, suffix: str):
    key = (folder, suffix)
    if key not in _cache:
        _cache[key] = process_file(folder / f"{folder.name}{suffix}", Settings())
    return _cache[key]


def rows(r, dataset: str, fields: list[str]) -> list[dict]:
    return as_text(r.frames[dataset], fields)


def wanted(folder: Path, name: str, fields: list[str]) -> list[dict]:
    return [{k: w[k] for k in fields} for w in expected(folder, name)]


@pytest.mark.parametrize("suffix", [".doc", ".odt"])
@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=lambda f: f.name[:3])
def test_legacy_formats_give_the_expected_rows(folder, suffix):
    r = result(folder, suffix)
    assert r.status == "ok", r.error
    doc = r.frames["documents"].iloc[0]
    assert doc["format"] == suffix[1:] and doc["engine"] == "docx"
    assert rows(r, "actions", ACTION_FIELDS) == wanted(folder, "actions.csv", ACTION_FIELDS)
    assert rows(r, "services", SERVICE_FIELDS) == wanted(folder, "services.csv", SERVICE_FIELDS)
    assert rows(r, "activities", ACTIVITY_FIELDS) == wanted(folder, "activities.csv", ACTIVITY_FIELDS)


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=lambda f: f.name[:3])
def test_borderless_pdf_gives_the_expected_actions(folder):
    r = result(folder, "-borderless.pdf")
    assert r.status == "ok", r.error
    doc = r.frames["documents"].iloc[0]
    assert doc["pages_borderless"] > 0 and doc["pages_ruled"] == 0 and doc["pages_ocr"] == 0
    fields = [k for k in ACTION_FIELDS if k != "row_no"]
    assert rows(r, "actions", fields) == wanted(folder, "actions.csv", fields)
    cells = r.frames["cells"]
    assert set(cells["table_engine"]) == {"borderless"}
    assert cells["table_assigned"].between(0, 1).all() and cells["table_empty"].between(0, 1).all()


def scan_fields(folder: Path) -> list[tuple[str, str]]:
    """(got, expected) for every action field of a scan that either side fills, whitespace folded."""
    got, want = rows(result(folder, "-scan.pdf"), "actions", ACTION_FIELDS), expected(folder, "actions.csv")
    return [(" ".join(g[k].split()), " ".join(w[k].split())) for g, w in zip(got, want)
            for k in ACTION_FIELDS if k not in ("table_no", "row_no") and (g[k] or w[k])]


@pytest.mark.parametrize("folder", SCANNED, ids=lambda f: f.name[:3])
def test_scanned_pdf_gives_the_expected_actions(folder):
    require_tesseract()
    require_dictionary()
    r = result(folder, "-scan.pdf")
    assert r.status == "ok", r.error
    doc = r.frames["documents"].iloc[0]
    assert doc["pages_ocr"] == doc["pages"] and 0 < doc["ocr_confidence"] <= 100
    got, want = rows(r, "actions", ACTION_FIELDS), expected(folder, "actions.csv")
    assert len(got) == len(want)  # every action row present, in the same tables
    assert [g["table_no"] for g in got] == [w["table_no"] for w in want]
    pairs = scan_fields(folder)
    share = sum(a == b for a, b in pairs) / len(pairs)
    assert share >= SCAN_MIN_SHARE_EACH, f"{share:.3f} of {len(pairs)} fields equal"
    assert r.frames["cells"]["confidence"].notna().any()


def test_scans_give_most_of_the_fields():
    require_tesseract()
    require_dictionary()
    pairs = [p for folder in SCANNED for p in scan_fields(folder)]
    share = sum(a == b for a, b in pairs) / len(pairs)
    assert share >= SCAN_MIN_SHARE, f"{share:.3f} of {len(pairs)} fields equal"


def test_corrected_ocr_words_are_reported():
    require_tesseract()
    require_dictionary()
    folder = next(f for f in SCANNED if f.name.startswith("003"))
    issues = result(folder, "-scan.pdf").frames["issues"]
    corrected = issues[issues["code"] == "ocr-word-corrected"]
    assert (corrected["severity"] == "info").all() and corrected["page"].notna().all()
    said = "; ".join(corrected["raw"])
    assert "PENIRU -> PENTRU" in said and "INFANT ILĂ, -> INFANTILĂ," in said
    assert not (issues["code"] == "ocr-dictionary-missing").any()
