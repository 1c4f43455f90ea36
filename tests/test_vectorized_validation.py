"""The fast validation path (``schemas.vectorized``) returns pandera's own frames, and steps
aside (None) for every kind of failure so that pandera names the failing rows."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from conftest import SAMPLE_FOLDERS
from planuri.pipeline import build_frames, process_file
from planuri.schemas import columns
from planuri.schemas.datasets import DATASETS
from planuri.schemas.frames import to_frame, validate
from planuri.schemas.vectorized import validated


def _record(name: str, **values) -> dict:
    record = {c: None for c in columns(name)}
    assert set(values) <= set(record), set(values) - set(record)
    return record | values


def _action(**values) -> dict:
    return _record("actions", **{
        "doc_id": "0123456789abcdef", "table_no": 1, "row_no": 2, "action": "Acțiune", "action_code": "1.1",
        "page_start": 1, "page_end": 2, "deadline_start": 2024, "deadline_end": 2026,
        "responsible_list": ["DAS", "Primăria"], "implementation_status_by_year": {2024: "realizat"}, **values})


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=lambda p: p.name)
def test_every_sample_dataset_is_the_frame_pandera_returns(folder, monkeypatch):
    """On each sample's DOCX, every dataset the pipeline builds goes through the fast path and
    comes out equal to pandera's validation of it, values and dtypes."""
    import planuri.pipeline as pipeline

    seen = []

    def both(name, frame):
        fast = validated(name, frame.copy())
        reference = DATASETS[name].validate(frame.copy(), lazy=True)
        assert fast is not None, name
        pd.testing.assert_frame_equal(fast, reference, check_exact=True)
        seen.append((name, len(frame)))
        return validate(name, frame)

    monkeypatch.setattr(pipeline, "validate", both)
    docx = next(folder.glob("*.docx"))
    result = process_file(docx)
    assert result.status in ("ok", "no-action-plan"), result.error
    assert {"actions", "cells", "documents", "issues", "pages"} <= {n for n, _ in seen}
    assert any(n for _, n in seen)


def test_a_valid_frame_with_nulls_lists_and_maps_passes_fast():
    frame = to_frame("actions", [_action(), _action(row_no=3, page_start=None, page_end=None, deadline_start=None,
                                                      deadline_end=None, responsible_list=None,
                                                      implementation_status_by_year=None)])
    fast = validated("actions", frame)
    assert fast is not None
    pd.testing.assert_frame_equal(fast, DATASETS["actions"].validate(frame, lazy=True), check_exact=True)
    assert str(fast["row_no"].dtype) == "int64" and str(fast["page_start"].dtype) == "Int64"


@pytest.mark.parametrize("bad", [
    {"action_code": "not a code!"},  # str_matches
    {"row_no": 0},  # ge
    {"deadline_end": 2200},  # le
    {"deadline_recurrence": "weekly"},  # isin
    {"action": ""},  # str_length
    {"row_no": None},  # a null where none is allowed
    {"row_no": "two"},  # does not coerce
    {"responsible_list": ["DAS", ""]},  # a registered check (text_lists)
    {"implementation_status_by_year": {1800: "realizat"}},  # a registered check (year_statuses)
    {"page_start": 3, "page_end": 2},  # a dataframe check (pages_ordered)
], ids=lambda bad: ",".join(bad))
def test_any_failure_steps_aside_for_pandera_which_names_the_row(bad):
    frame = to_frame("actions", [_action(), _action(**{"row_no": 3, **bad})])
    assert validated("actions", frame) is None
    kept, failures = validate("actions", frame)
    assert list(kept["row_no"]) == [2]
    assert [f["index"] for f in failures] == [1]


def test_columns_out_of_order_or_extra_step_aside():
    frame = to_frame("actions", [_action()])
    assert validated("actions", frame[list(reversed(frame.columns))]) is None
    assert validated("actions", frame.assign(surplus=1)) is None
    assert validated("actions", frame.drop(columns=["extra"])) is None


def test_other_datasets_with_dates_and_floats_pass_fast():
    frames = build_frames("0123456789abcdef", _doc_with_costs())
    assert len(frames["costs"]) == 1 and frames["costs"]["amount_value"].iloc[0] == 1500.0


def _doc_with_costs():
    from planuri.normalize import NormalizedDocument

    cost = _record("costs", table_no=1, row_no=2, funding_source="Buget local", amount="1,5 mii lei",
                   amount_value=1500.0, currency="MDL", amount_kind="value")
    del cost["doc_id"]
    action = _action()
    del action["doc_id"]
    return NormalizedDocument(actions=[action], costs=[cost])


def test_dates_are_checked_by_their_registered_check():
    """A date column of documents takes a date or null (``is_date``); a string is no date."""
    dated = [c for c, col in DATASETS["documents"].to_schema().columns.items()
             if (col.metadata or {}).get("arrow") == "date32"]
    assert dated
    record = process_file(next(SAMPLE_FOLDERS[0].glob("*.docx"))).frames["documents"].iloc[0].to_dict()
    record = {k: (None if pd.isna(v) else v) if not isinstance(v, (list, dict)) else v for k, v in record.items()}
    for col in dated:
        good = to_frame("documents", [record | {col: datetime.date(2024, 5, 1)}])
        assert validated("documents", good) is not None
        assert validated("documents", to_frame("documents", [record | {col: "2024-05-01"}])) is None


def test_records_become_the_frame_of_objects_with_nulls_as_none():
    """``to_frame`` on one array gives the plain definition's frame: ``from_records``, every
    column as objects, every NaN, NaT and pd.NA as None (strings not inferred back to pandas'
    string type; lists, maps, dates and numbers kept as they are)."""
    records = [
        _action(row_no=2, deadline_start=float("nan"), responsible_list=["DAS"], action="Acțiune"),
        _action(row_no=3, deadline_start=2025, page_start=pd.NA, implementation_status_by_year={2024: "realizat"}),
        _action(row_no=4, deadline_end=None, action="Alta", deadline_quarter_start=pd.NaT),
    ]
    frame = to_frame("actions", records)
    plain = pd.DataFrame.from_records(records, columns=columns("actions")).astype(object)
    plain = plain.where(plain.notna(), None)
    assert list(frame.columns) == list(plain.columns) and frame.index.equals(plain.index)
    assert set(map(str, frame.dtypes)) == {"object"}
    for col in frame.columns:
        for got, want in zip(frame[col], plain[col]):
            assert type(got) is type(want) and (got == want or got is want), (col, got, want)
    assert frame["deadline_start"].tolist()[0] is None and frame["page_start"].tolist()[1] is None
    assert frame["deadline_quarter_start"].tolist()[2] is None
    assert to_frame("actions", []).shape == (0, len(columns("actions")))
