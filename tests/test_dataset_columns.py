"""Column names that join: two datasets share a column name only when it is a join key, so that
``join … using (keys)`` leaves no ambiguous name, whichever two datasets are joined."""

from __future__ import annotations

import itertools

import duckdb
import pyarrow as arrow
import pytest

from planuri.schemas import DATASETS, arrow_schema, columns

# the keys datasets join on: the document, its table, the table's row (cells: row), the grid column
# (cells and headers), the PDF page (cells and issues)
JOIN_KEYS = {"doc_id", "table_no", "row_no", "col", "page"}


def test_no_column_name_is_shared_but_a_join_key():
    owners: dict[str, list[str]] = {}
    for name in DATASETS:
        for col in columns(name):
            owners.setdefault(col, []).append(name)
    shared = {col: names for col, names in owners.items() if len(names) > 1 and col not in JOIN_KEYS}
    assert shared == {}


@pytest.mark.parametrize("left,right", list(itertools.combinations(DATASETS, 2)))
def test_every_column_of_two_joined_datasets_can_be_named_alone(left, right):
    """DuckDB: naming a column without its table fails when both tables have it ("ambiguous")."""
    con = duckdb.connect()
    for name in (left, right):
        empty = arrow.Table.from_batches([], schema=arrow_schema(name))  # noqa: F841 (read by DuckDB)
        con.execute(f"create table {name} as select * from empty")
    keys = [c for c in columns(left) if c in columns(right) and c in JOIN_KEYS]
    assert "doc_id" in keys
    names = sorted(set(columns(left)) | set(columns(right)))
    con.execute(f"select {', '.join(names)} from {left} join {right} using ({', '.join(keys)})").fetchall()
