"""The Python API: planuri.read and planuri.run, settings by the command line's names."""

from __future__ import annotations

import pandas as pd
import pytest

import planuri
from conftest import SAMPLE_FOLDERS
from planuri.schemas import DATASETS, columns

DOCX = SAMPLE_FOLDERS[0] / f"{SAMPLE_FOLDERS[0].name}.docx"


@pytest.fixture(scope="module")
def result():
    return planuri.read(DOCX)


def test_read_gives_status_error_and_a_frame_per_dataset(result):
    assert (result.status, result.error) == ("ok", None)
    for name in DATASETS:
        frame = getattr(result, name)
        assert isinstance(frame, pd.DataFrame) and list(frame.columns) == columns(name)
    assert len(result.actions) == result.document["n_actions"] > 0
    assert isinstance(result.issues, pd.DataFrame)
    assert "actions" in dir(result)
    with pytest.raises(AttributeError):
        result.nothing


def test_read_takes_the_command_line_settings(tmp_path):
    pdf = DOCX.with_suffix(".pdf")
    r = planuri.read(pdf, engine="camelot", no_ocr=True, ocr_dpi=150)
    assert r.status == "ok" and r.document["engine"] == "camelot"


def test_a_bad_file_is_a_failed_result_not_an_exception(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"<html>not a pdf</html>")
    r = planuri.read(bad)
    assert r.status == "failed" and r.error and len(r.issues) == 1


def test_an_unknown_setting_is_a_type_error_naming_it():
    with pytest.raises(TypeError, match="'ocr_dip'"):
        planuri.read(DOCX, ocr_dip=200)
    with pytest.raises(TypeError, match="'workers'"):  # a run option, not a reading setting
        planuri.read(DOCX, workers=2)
    with pytest.raises(TypeError, match="'wrokers'"):
        planuri.run([DOCX], "out", wrokers=2)


def test_a_bad_value_is_a_value_error_with_the_command_line_message(tmp_path):
    with pytest.raises(ValueError, match="--workers: must be at least 1, not 0"):
        planuri.run([DOCX], tmp_path / "out", workers=0)
    with pytest.raises(ValueError, match="--engine"):
        planuri.read(DOCX, engine="magic")
    assert not (tmp_path / "out").exists()


def test_run_writes_the_datasets_and_returns_its_summary(tmp_path):
    out = tmp_path / "out"
    summary = planuri.run(DOCX, out, workers=1)
    assert summary["state"] == "finished" and summary["exit_status"] == 0
    assert summary["counts"] == {"ok": 1} and summary["settings"]["workers"] == 1
    assert len(pd.read_parquet(out / "actions")) == len(planuri.read(DOCX).actions)
    again = planuri.run([str(DOCX)], str(out), workers=1)
    assert again["counts"] == {"skipped": 1}
