"""Regression over every sample: the pipeline's rows equal the expected files written from
the transcriptions (samples/*/expected), for the DOCX and the PDF, with both PDF engines and both
PDF readers (``auto`` and ``camelot`` read the pages with pdfium, ``pdfplumber`` with pdfminer)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLE_FOLDERS
from planuri.pipeline import Settings, process_file

ACTION_FIELDS = ["table_no", "row_no", "section", "general_objective", "specific_objective", "domain", "measure",
                 "action_code", "action", "responsible", "partners", "deadline", "indicators", "result"]
COST_FIELDS = ["table_no", "row_no", "funding_source", "amount"]
# services.service_code is normalised: it is compared in test_golden_values (expected_values/service_codes.csv)
SERVICE_FIELDS = ["table_no", "row_no", "kind", "provider", "service_name", "beneficiaries", "capacity",
                  "services_offered", "occupancy", "building_space", "staff", "budget_local", "budget_county",
                  "budget_state", "budget_beneficiaries", "budget_other", "justification", "service_result"]
ACTIVITY_FIELDS = ["table_no", "row_no", "chapter", "item", "persons", "activity_deadline", "budget", "observations",
                   "activity_result"]
CASES = [(folder, fmt, engine) for folder in SAMPLE_FOLDERS
         for fmt, engine in (("docx", "pdfplumber"), ("pdf", "pdfplumber"), ("pdf", "camelot"), ("pdf", "auto"))]
_cache: dict = {}


def result(folder: Path, fmt: str, engine: str):
    key = (folder, fmt, engine)
    if key not in _cache:
        _cache[key] = process_file(folder / f"{folder.name}.{fmt}", Settings(engine=engine))
    return _cache[key]


def expected(folder: Path, name: str) -> list[dict]:
    path = folder / "expected" / name
    if not path.exists():  # written only for the samples that have such tables
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def as_text(frame: pd.DataFrame, fields: list[str]) -> list[dict]:
    return [{k: "" if pd.isna(v) else str(v) for k, v in row.items()}
            for row in frame[fields].to_dict(orient="records")]


def ids(case):
    folder, fmt, engine = case
    return f"{folder.name[:3]}-{fmt}" + (f"-{engine}" if engine in ("camelot", "auto") else "")


@pytest.fixture(params=CASES, ids=[ids(c) for c in CASES])
def case(request):
    return request.param


def test_actions_equal_expected(case):
    r = result(*case)
    assert r.status == "ok", r.error
    got, want = as_text(r.frames["actions"], ACTION_FIELDS), expected(case[0], "actions.csv")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_costs_equal_expected(case):
    """One expected row per cost cell; a cell listing several amounts gives one row per amount,
    all with the cell's text."""
    r = result(*case)
    cells = as_text(r.frames["costs"].drop_duplicates(COST_FIELDS), COST_FIELDS)
    assert cells == expected(case[0], "costs.csv")


def test_services_equal_expected(case):
    r = result(*case)
    got = as_text(r.frames["services"], SERVICE_FIELDS)
    want = [{k: w[k] for k in SERVICE_FIELDS} for w in expected(case[0], "services.csv")]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_activities_equal_expected(case):
    r = result(*case)
    got = as_text(r.frames["activities"], ACTIVITY_FIELDS)
    want = expected(case[0], "activities.csv")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w


def test_expected_issues_are_reported(case):
    r = result(*case)
    got = {(str(t), str(n), c) for t, n, c in r.frames["issues"][["table_no", "row_no", "code"]].itertuples(index=False)}
    for want in expected(case[0], "issues.csv"):
        assert (want["table_no"], want["row_no"], want["code"]) in got


def test_document_counts(case):
    r = result(*case)
    want = json.loads((case[0] / "expected" / "document.json").read_text())
    assert (r.n_tables, r.n_action_tables, r.n_actions) == (want["n_tables"], want["n_action_tables"], want["n_actions"])
    doc = r.frames["documents"].iloc[0]
    assert (doc["n_services"], doc["n_activities"]) == (want["n_services"], want["n_activities"])
    assert doc["status"] == "ok"  # 004 has no action plan: its services make it ok


def test_no_unexpected_warnings(case):
    r = result(*case)
    issues = r.frames["issues"]
    # the report's own counts do not always match its tables: those mismatches are expected,
    # and so are the warnings the transcription predicts (expected/issues.csv)
    listed = {(w["table_no"], w["row_no"], w["code"]) for w in expected(case[0], "issues.csv")}
    predicted = [(str(t), str(n), c) in listed for t, n, c in issues[["table_no", "row_no", "code"]].itertuples(index=False)]
    unexpected = issues[(issues["severity"] != "info") & ~issues["code"].isin(["declared-total-mismatch"])
                        & ~pd.Series(predicted, index=issues.index, dtype=bool)]
    assert unexpected.empty, unexpected.to_dict(orient="records")


def test_pages_of_pdf_actions():
    for folder in SAMPLE_FOLDERS:
        r = result(folder, "pdf", "pdfplumber")
        a = r.frames["actions"]
        if a.empty:  # 004: services and activities only
            continue
        assert a["page_start"].notna().all() and (a["page_start"] <= a["page_end"]).all()
        assert a["page_end"].max() <= r.pages
        assert a["page_start"].is_monotonic_increasing
        d = result(folder, "docx", "pdfplumber").frames["actions"]
        assert d["page_start"].isna().all()


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=[f.name[:3] for f in SAMPLE_FOLDERS])
def test_docx_and_pdf_give_identical_actions(folder):
    fields = ACTION_FIELDS + ["extra"]
    docx = result(folder, "docx", "pdfplumber").frames["actions"][fields].reset_index(drop=True)
    for engine in ("pdfplumber", "camelot", "auto"):
        pdf = result(folder, "pdf", engine).frames["actions"][fields].reset_index(drop=True)
        pd.testing.assert_frame_equal(docx, pdf)


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=[f.name[:3] for f in SAMPLE_FOLDERS])
def test_docx_and_pdf_give_identical_services_and_activities(folder):
    for name in ("services", "activities"):
        docx = result(folder, "docx", "pdfplumber").frames[name].drop(columns="doc_id").reset_index(drop=True)
        for engine in ("pdfplumber", "camelot", "auto"):
            pdf = result(folder, "pdf", engine).frames[name].drop(columns="doc_id").reset_index(drop=True)
            pd.testing.assert_frame_equal(docx, pdf)


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=[f.name[:3] for f in SAMPLE_FOLDERS])
def test_every_row_of_every_table_read_is_accounted_for(folder):
    from planuri.extract import extract
    from planuri.normalize import normalize_document
    from conftest import sha

    for fmt in ("docx", "pdf"):
        path = folder / f"{folder.name}.{fmt}"
        doc = extract(path, sha(path))
        out = normalize_document(doc)
        for table_no, roles in out.roles.items():
            table = doc.tables[table_no - 1]
            assert len(roles) == table.n_rows
            assert set(roles) <= {"caption", "header", "number-row", "repeated-header", "heading", "empty", "action",
                                  "no-action", "service", "activity"}
            issues = {i.row_no for i in out.issues if i.table_no == table_no}
            for row_no, role in enumerate(roles, start=1):
                if role in ("no-action", "empty"):
                    assert row_no in issues
