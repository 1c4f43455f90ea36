"""``planuri export OUT --to xlsx|csv|duckdb --dest PATH``: the datasets of a run for people and tools
that do not read parquet.

One sheet (xlsx), file (csv) or table (duckdb) per dataset, plus the data dictionary: a ``columns``
sheet or file with each field's description from the pandera models, or DuckDB ``COMMENT ON``.
Spreadsheets hold text: list columns are joined with ``; ``, a year -> status map is written
``2021: realizat; 2022: nerealizat``.  DuckDB keeps the lists and maps as its own LIST and MAP types.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as arrow
import pyarrow.dataset as ds

from planuri.schemas import DATASETS, arrow_schema
from planuri.writer import Output

FORMATS = ("xlsx", "csv", "duckdb")
SEPARATOR = "; "  # between the items of a list column in a spreadsheet cell


class ExportError(Exception):
    """Nothing to export, or the destination cannot be written."""


def dictionary() -> pd.DataFrame:
    """One row per field of every dataset: dataset, column, type, nullable, description."""
    rows = []
    for name, model in DATASETS.items():
        types = {f.name: str(f.type) for f in arrow_schema(name)}
        for col, spec in model.to_schema().columns.items():
            rows.append({"dataset": name, "column": col, "type": types[col], "nullable": bool(spec.nullable),
                         "description": spec.description or ""})
    return pd.DataFrame(rows)


def read_dataset(output: Output, name: str) -> arrow.Table:
    """A dataset of a run as one Arrow table in the model's column order (doc_id from the folder names);
    an empty table when the run wrote none."""
    schema = arrow_schema(name)
    files = output.fs.glob(output.path(name, "doc_id=*", "part-0.parquet"))
    if not files:
        return schema.empty_table()
    data = ds.dataset(files, filesystem=output.fs, format="parquet", partitioning="hive",
                      schema=schema)
    return data.to_table().select(schema.names)


def as_text(value) -> object:
    """A list or map cell as spreadsheet text; other values as they are."""
    if value is None:
        return None
    if isinstance(value, list) and value and isinstance(value[0], tuple):  # a map: (key, value) pairs
        return SEPARATOR.join(f"{k}: {v}" for k, v in value)
    if isinstance(value, list):
        return SEPARATOR.join(str(v) for v in value)
    return value


def flat_frame(table: arrow.Table) -> pd.DataFrame:
    """The table as a pandas frame whose list and map columns are text."""
    columns = {}
    for field, column in zip(table.schema, table.columns):
        values = column.to_pylist()
        if arrow.types.is_list(field.type) or arrow.types.is_map(field.type):
            values = [as_text(v) for v in values]
        columns[field.name] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns, columns=table.schema.names)


def export(out: str | Path, to: str, dest: str | Path) -> dict[str, int]:
    """Export every dataset of the run in ``out`` to ``dest``; rows per dataset."""
    if to not in FORMATS:
        raise ExportError(f"unknown export format {to!r} (one of {', '.join(FORMATS)})")
    output = Output(out)
    if not output.fs.exists(output.path("documents")):
        raise ExportError(f"{out} holds no planuri output (no documents folder)")
    tables = {name: read_dataset(output, name) for name in DATASETS}
    dest = Path(dest)
    if dest.parent and not dest.parent.exists():
        raise ExportError(f"no such folder: {dest.parent}")
    {"xlsx": to_xlsx, "csv": to_csv, "duckdb": to_duckdb}[to](tables, dest)
    return {name: t.num_rows for name, t in tables.items()}


def to_xlsx(tables: dict[str, arrow.Table], dest: Path) -> None:
    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, table in tables.items():
            flat_frame(table).to_excel(writer, sheet_name=name, index=False)
        dictionary().to_excel(writer, sheet_name="columns", index=False)
    os.replace(tmp, dest)


def to_csv(tables: dict[str, arrow.Table], dest: Path) -> None:
    """A folder of UTF-8 CSV files, one per dataset, and columns.csv."""
    dest.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        flat_frame(table).to_csv(dest / f"{name}.csv", index=False)
    dictionary().to_csv(dest / "columns.csv", index=False)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def to_duckdb(tables: dict[str, arrow.Table], dest: Path) -> None:
    """A DuckDB database file, each dataset a table with its fields' descriptions as comments."""
    import duckdb

    tmp = dest.with_name(f".{dest.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    con = duckdb.connect(str(tmp))
    try:
        for name, table in tables.items():
            con.register("incoming", table)
            con.execute(f'create table "{name}" as select * from incoming')
            con.unregister("incoming")
            doc = (DATASETS[name].__doc__ or "").strip()
            con.execute(f'comment on table "{name}" is {_quote(doc)}')
        for row in dictionary().itertuples():
            con.execute(f'comment on column "{row.dataset}"."{row.column}" is {_quote(row.description)}')
    finally:
        con.close()
    os.replace(tmp, dest)
