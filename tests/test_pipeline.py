"""The pipeline and the CLI: bad input gives a clear error, nothing else breaks, datasets are readable."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import duckdb
import pandas as pd

from conftest import SAMPLE_FOLDERS
from planuri.cli import main
from planuri.pipeline import process_file

SAMPLE_DOCX = SAMPLE_FOLDERS[0] / f"{SAMPLE_FOLDERS[0].name}.docx"
SAMPLE_PDF = SAMPLE_FOLDERS[0] / f"{SAMPLE_FOLDERS[0].name}.pdf"


def bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, expected error code)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {}

    def put(name, data: bytes, code: str):
        p = folder / name
        p.write_bytes(data)
        files[name] = (p, code)

    put("empty.pdf", b"", "empty-file")
    put("error-page.pdf", b"<!DOCTYPE html><html><body>404 Not Found</body></html>", "not-a-document")
    put("truncated.pdf", SAMPLE_PDF.read_bytes()[:2000], "unreadable-pdf")
    put("not-a-zip.docx", b"PK\x03\x04 this is not really a zip archive", "not-a-docx")
    put("old-word.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "unsupported-format")
    zip_path = folder / "other.docx"
    with zipfile.ZipFile(zip_path, "w") as z:
        z.writestr("hello.txt", "not a word document")
    files["other.docx"] = (zip_path, "unsupported-format")
    return files


def test_bad_files_fail_with_a_clear_error(tmp_path):
    for name, (path, code) in bad_inputs(tmp_path).items():
        r = process_file(path)
        assert r.status == "failed", name
        assert r.error.startswith(code + ":"), (name, r.error)
        assert r.frames["documents"].iloc[0]["error"] == r.error
        issues = r.frames["issues"]
        assert list(issues["code"]) == [code] and list(issues["severity"]) == ["error"]


def test_cli_writes_partitions_and_reports_failures(tmp_path, capsys):
    inputs = tmp_path / "in"
    bad = bad_inputs(inputs / "broken")
    shutil.copy(SAMPLE_DOCX, inputs / "decizie cu spații și diacritice ăîșț.docx")
    out = tmp_path / "out"
    code = main(["run", str(inputs), "--out", str(out), "--quiet"])
    assert code == 1  # some failed, the others are written
    text = capsys.readouterr().out
    assert "failed:" in text and "empty-file" in text
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == len(bad) + 1
    ok = docs[docs["status"] == "ok"]
    assert len(ok) == 1 and ok.iloc[0]["source_file"].endswith("ăîșț.docx")
    actions = pd.read_parquet(out / "actions")
    assert len(actions) == ok.iloc[0]["n_actions"] > 0
    for name in ("documents", "actions", "costs", "cells", "headers", "issues"):
        assert (out / name).is_dir()
        n = duckdb.sql(f"select count(*) from read_parquet('{out}/{name}/*/*.parquet', hive_partitioning=true)").fetchall()[0][0]
        assert n == len(pd.read_parquet(out / name))


def test_cli_exit_codes_and_usage_errors(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(SAMPLE_DOCX), "--out", str(out), "--quiet"]) == 0
    assert main(["run", str(tmp_path / "missing"), "--out", str(out)]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "empty-folder").mkdir()
    assert main(["run", str(tmp_path / "empty-folder"), "--out", str(out)]) == 2
    capsys.readouterr()
    assert main(["run", str(SAMPLE_DOCX), "--engine", "tabula"]) == 2
    err = capsys.readouterr().err.strip()
    assert "invalid choice: 'tabula'" in err and len(err.splitlines()) == 1


def test_rerun_replaces_the_partition_and_is_byte_identical(tmp_path):
    out = tmp_path / "out"
    main(["run", str(SAMPLE_DOCX), "--out", str(out), "--quiet"])
    files = sorted(out.rglob("*.parquet"))
    before = {p: p.read_bytes() for p in files}
    main(["run", str(SAMPLE_DOCX), "--out", str(out), "--quiet"])
    assert sorted(out.rglob("*.parquet")) == files  # one file per partition, no leftovers
    assert all(p.read_bytes() == data for p, data in before.items())
    assert not list(out.rglob("*.tmp"))


def test_progress_lines_name_each_document(tmp_path, capsys):
    main(["run", str(SAMPLE_DOCX), str(SAMPLE_PDF), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert "[1/2]" in err and "[2/2]" in err and SAMPLE_PDF.name in err


def test_symlink_loop_and_lock_files_are_skipped(tmp_path):
    from planuri.discover import discover

    (tmp_path / "a").mkdir()
    shutil.copy(SAMPLE_DOCX, tmp_path / "a" / "x.docx")
    (tmp_path / "a" / "~$x.docx").write_bytes(b"lock")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert [p.name for p in discover([tmp_path])] == ["x.docx"]


def test_rows_failing_their_schema_become_issues():
    from planuri.normalize import NormalizedDocument
    from planuri.pipeline import build_frames

    doc = NormalizedDocument(actions=[
        action_record(table_no=1, row_no=2, action="Acțiune", action_code="1.1"),
        action_record(table_no=1, row_no=3, action="Alta", action_code="not a code!"),
    ])
    frames = build_frames("0123456789abcdef", doc)
    assert list(frames["actions"]["row_no"]) == [2]
    issue = frames["issues"].iloc[0]
    assert issue["code"] == "schema-violation" and issue["row_no"] == 3 and "action_code" in issue["message"]


def action_record(**values) -> dict:
    """An actions record with every field of the schema (null unless given), as normalize builds them."""
    from planuri.schemas import columns

    record = {c: None for c in columns("actions") if c != "doc_id"}
    assert set(values) <= set(record), set(values) - set(record)
    return record | values


def test_a_misspelt_or_missing_record_key_is_a_bug_not_a_null():
    """A record key the dataset does not have (``responsable`` for ``responsible``) or a field the
    record lacks would become a silent null column: build_frames refuses it, naming key and dataset."""
    import pytest

    from planuri.normalize import NormalizedDocument
    from planuri.pipeline import build_frames

    good = action_record(table_no=1, row_no=2, action="Acțiune", action_code="1.1")
    assert len(build_frames("0123456789abcdef", NormalizedDocument(actions=[good]))["actions"]) == 1
    misspelt = {("responsable" if k == "responsible" else k): v for k, v in good.items()}
    with pytest.raises(ValueError, match=r"actions record 0: unknown key\(s\) 'responsable'; missing key\(s\) 'responsible'"):
        build_frames("0123456789abcdef", NormalizedDocument(actions=[misspelt]))
    missing = {k: v for k, v in good.items() if k != "deadline"}
    with pytest.raises(ValueError, match=r"actions record 0: missing key\(s\) 'deadline'"):
        build_frames("0123456789abcdef", NormalizedDocument(actions=[missing]))
