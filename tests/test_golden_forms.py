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

# The issue asks 95% of each scan's fields; measured (bench/ocr_accuracy.py, docs/testing.md) with one
# tesseract pass and the doubtful cells read again: 99.2, 96.6, 99.3 and 95.5% for 000-003, 96.5% over
# all (two full passes read 97.3%).  The overall floor holds what is reached, so that a loss shows.
SCAN_MIN_SHARE = 0.965  # over the fields of every sample's scan
SCAN_MIN_SHARE_EACH = 0.95  # of any one sample's (the Bacău report's bold capitals headings read worst)
SCANNED = [f for f in SAMPLE_FOLDERS if expected(f, "actions.csv")]
_cache: dict = {}


def processed(path: Path):
    if path not in _cache:
        _cache[path] = process_file(path, Settings())
    return _cache[path]


def result(folder: Path, suffix: str):
    return processed(folder / f"{folder.name}{suffix}")


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
    # the pages dataset: one row a page, its method as the documents row counts them, no scan figures
    pages = r.frames["pages"]
    assert pages["page"].tolist() == list(range(1, doc["pages"] + 1))
    assert (pages["method"] == "borderless").sum() == doc["pages_borderless"]
    assert set(pages["method"]) <= {"borderless", "text"} and (pages["chars"] > 0).all()
    assert (pages[pages["method"] == "borderless"]["pieces"] > 0).all()
    assert pages[["scan_angle", "scan_upside_down", "ocr_words", "ocr_word_confidence"]].isna().all().all()
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


def test_the_docs_queries_give_the_plans_figures_over_every_sample_in_every_form(tmp_path):
    """``make run``'s output -- every file under samples/, each plan in six forms (DOCX, PDF,
    borderless PDF, scan, .doc, .odt), each its own doc_id -- written and compared as ``planuri run``
    does, then the README's and docs/' queries run on it as written: each plan counted once, with
    the figures its transcription states (never the pipeline's own output)."""
    import dataclasses
    import json

    from conftest import SAMPLES
    from planuri.cli import build_parser, settings_from
    from planuri.discover import discover
    from planuri.plans import mark_disagreements
    from planuri.writer import Output
    from test_readme import bălți_expected_totals, day_care_expected, run_query

    require_tesseract()
    require_dictionary()
    used = settings_from(build_parser().parse_args(["run", str(SAMPLES)]))  # what make run uses
    # ... but for its OCR threads (the CPUs shared among the workers), which read the same words
    assert dataclasses.replace(used, ocr=dataclasses.replace(used.ocr, threads=Settings().ocr.threads)) == Settings()
    out = Output(tmp_path / "output")
    files = discover([SAMPLES])
    assert len(files) == 6 * len(SAMPLE_FOLDERS)
    for path in files:
        r = processed(path)
        out.write_document(r.doc_id, r.frames)
    mark_disagreements(out)

    want_actions = sum(json.loads((f / "expected" / "document.json").read_text(encoding="utf-8"))["n_actions"]
                       for f in SAMPLE_FOLDERS)
    assert run_query("count", out.root) == [(want_actions,)]
    assert {(r[0], r[1], r[2]): r[3] for r in run_query("costs", out.root)} == bălți_expected_totals(SAMPLE_FOLDERS)
    day_care = run_query("day-care", out.root)
    assert sorted(r[:4] for r in day_care) == day_care_expected(SAMPLE_FOLDERS)
    assert len(day_care) == 17  # 15 in the Bacău report, 2 in the Bălești plan
    daniel = [r for r in day_care if r[3].startswith("CENTRUL DE RECUPERARE DANIEL") and r[1] == "subsidized"]
    assert [(r[4], r[5]) for r in daniel] == [(25.0, 52500.0)]
