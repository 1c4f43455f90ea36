"""planuri export: a run's datasets as an Excel workbook, CSV files or a DuckDB database, each with
the fields' descriptions; and the descriptions in the parquet files' own schema."""

from __future__ import annotations

import csv

import duckdb
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import SAMPLE_FOLDERS
from planuri.cli import main
from planuri.schemas import DATASETS, columns

REPORT = SAMPLE_FOLDERS[3] / f"{SAMPLE_FOLDERS[3].name}.docx"  # actions with statuses by year, services, activities


@pytest.fixture(scope="module")
def run_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "out"
    assert main(["run", str(REPORT), "--out", str(out), "--quiet", "--workers", "1"]) == 0
    return out


def description(dataset: str, column: str) -> str:
    return DATASETS[dataset].to_schema().columns[column].description


def test_parquet_files_carry_each_fields_description(run_out):
    schema = pq.read_schema(next((run_out / "actions").glob("*/part-0.parquet")))
    field = schema.field("responsible_list")
    assert field.metadata[b"description"].decode() == description("actions", "responsible_list")


def test_xlsx_has_a_sheet_per_dataset_lists_as_text_and_a_columns_sheet(run_out, tmp_path, capsys):
    dest = tmp_path / "planuri.xlsx"
    assert main(["export", str(run_out), "--to", "xlsx", "--dest", str(dest)]) == 0
    book = openpyxl.load_workbook(dest, read_only=True)
    assert book.sheetnames == [*DATASETS, "columns"]
    actions = pd.read_parquet(run_out / "actions")
    rows = list(book["actions"].values)
    assert list(rows[0]) == columns("actions") and len(rows) - 1 == len(actions) > 0
    at = columns("actions").index("responsible_list")
    want = ["; ".join(v) if v is not None else None for v in actions["responsible_list"]]
    assert [r[at] for r in rows[1:]] == want
    years = columns("actions").index("implementation_status_by_year")
    by_year = [r[years] for r in rows[1:] if r[years]]
    assert by_year and all(": realizat" in v or ": nerealizat" in v or ": parțial realizat" in v for v in by_year)
    assert len(list(book["services"].values)) - 1 == len(pd.read_parquet(run_out / "services")) > 0
    dictionary = list(book["columns"].values)
    assert dictionary[0][:2] == ("dataset", "column")
    described = {(r[0], r[1]): r[4] for r in dictionary[1:]}
    assert len(described) == sum(len(columns(n)) for n in DATASETS)
    assert described[("costs", "amount_value")] == description("costs", "amount_value")


def test_csv_writes_a_file_per_dataset_and_columns_csv(run_out, tmp_path):
    dest = tmp_path / "csv"
    assert main(["export", str(run_out), "--to", "csv", "--dest", str(dest)]) == 0
    assert sorted(p.name for p in dest.iterdir()) == sorted([f"{n}.csv" for n in DATASETS] + ["columns.csv"])
    with (dest / "actions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert not any(r["responsible_list"].startswith("[") for r in rows)  # never "['DAS']"
    assert any("; " in r["responsible_list"] for r in rows)
    with (dest / "columns.csv").open(encoding="utf-8") as f:
        assert {r["column"] for r in csv.DictReader(f) if r["dataset"] == "documents"} == set(columns("documents"))


def test_duckdb_has_a_table_per_dataset_with_comments(run_out, tmp_path):
    dest = tmp_path / "planuri.duckdb"
    assert main(["export", str(run_out), "--to", "duckdb", "--dest", str(dest)]) == 0
    con = duckdb.connect(str(dest), read_only=True)
    tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
    assert tables == set(DATASETS)
    n = con.execute("select count(*) from actions join documents using (doc_id)").fetchone()[0]
    assert n == len(pd.read_parquet(run_out / "actions"))
    comment = con.execute("select comment from duckdb_columns() where table_name = 'costs' "
                          "and column_name = 'amount_value'").fetchone()[0]
    assert comment == description("costs", "amount_value")
    lists = con.execute("select responsible_list from actions where responsible_list is not null limit 1").fetchone()[0]
    assert isinstance(lists, list)  # DuckDB keeps lists as lists


def test_exporting_what_is_not_an_output_is_a_usage_error(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--to", "csv", "--dest", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"planuri export: {tmp_path} holds no planuri output (no documents folder)"]
