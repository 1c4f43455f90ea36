"""A run's parquet output -> what the review report shows of each document.

Everything here is plain data (no HTML): the cells of each table with an element id, the
records (actions, services, activities) with the ids of the cells their row covers, and
each issue placed where it belongs -- under the record of its row, under its table, or
on the document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planuri.extract.issues import SEVERITIES
from planuri.schemas import columns

RECORD_DATASETS = ("actions", "services", "activities")
# the fields a record of each dataset shows, in order (the rest is in the parquet files)
RECORD_FIELDS = {
    "actions": ("action_code", "action", "responsible", "partners", "deadline", "indicators", "result"),
    "services": ("service_code", "service_name", "kind", "provider", "capacity", "budget_local"),
    "activities": ("chapter", "item", "persons", "activity_deadline", "budget"),
}


def read_dataset(out: Path, name: str) -> pd.DataFrame:
    """One dataset of a run's output (every partition), doc_id as text; empty when absent."""
    folder = out / name
    if not any(folder.glob("doc_id=*/*.parquet")):
        return pd.DataFrame(columns=columns(name))
    frame = pd.read_parquet(folder)
    frame["doc_id"] = frame["doc_id"].astype(str)
    return frame.astype(object).where(frame.notna(), None)


def read_output(out: Path) -> dict[str, pd.DataFrame]:
    names = ("documents", "cells", "costs", "issues", *RECORD_DATASETS)
    return {name: read_dataset(out, name) for name in names}


@dataclass(frozen=True)
class CellView:
    id: str
    table_no: int
    row: int
    col: int
    row_span: int
    col_span: int
    page: int | None
    box: tuple[float, float, float, float] | None  # x0, y0, x1, y1 in PDF points, top-left origin
    role: str
    text: str

    def covers_row(self, row: int) -> bool:
        return self.row <= row < self.row + self.row_span


@dataclass
class RecordView:
    id: str
    dataset: str  # actions | services | activities
    table_no: int
    row_no: int
    fields: dict  # shown field -> value
    pages: tuple[int | None, int | None]
    cell_ids: list[str] = field(default_factory=list)
    costs: list[dict] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)


@dataclass
class TableView:
    table_no: int
    cells: list[CellView]
    records: list[RecordView] = field(default_factory=list)
    issues: list[dict] = field(default_factory=list)  # issues of rows that are no record, or of the whole table

    @property
    def boxed(self) -> bool:
        """Every cell has a box on a page: the table is drawn over the page images."""
        return bool(self.cells) and all(c.box is not None and c.page is not None for c in self.cells)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.row_span - 1 for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.col_span - 1 for c in self.cells), default=0)


@dataclass
class DocumentView:
    doc: dict  # the documents row
    tables: list[TableView]
    issues: list[dict]  # issues of no table
    severities: dict[str, int]


def _rows(frame: pd.DataFrame, doc_id: str) -> list[dict]:
    if frame.empty:
        return []
    return frame[frame["doc_id"] == doc_id].to_dict("records")


def _int(value) -> int | None:
    return None if value is None else int(value)


def cell_view(rec: dict) -> CellView:
    sides = [rec.get(k) for k in ("x0", "y0", "x1", "y1")]
    box = tuple(float(v) for v in sides) if all(v is not None for v in sides) else None
    table_no, row, col = int(rec["table_no"]), int(rec["row"]), int(rec["col"])
    return CellView(id=f"c{table_no}-{row}-{col}", table_no=table_no, row=row, col=col,
                    row_span=int(rec["row_span"]), col_span=int(rec["col_span"]), page=_int(rec.get("page")),
                    box=box, role=rec.get("role") or "unassigned", text=rec.get("text") or "")


def record_view(dataset: str, rec: dict) -> RecordView:
    table_no, row_no = int(rec["table_no"]), int(rec["row_no"])
    shown = {k: rec.get(k) for k in RECORD_FIELDS[dataset] if rec.get(k) not in (None, "")}
    return RecordView(id=f"r{table_no}-{row_no}", dataset=dataset, table_no=table_no, row_no=row_no,
                      fields=shown, pages=(_int(rec.get("page_start")), _int(rec.get("page_end"))))


def document_view(doc: dict, data: dict[str, pd.DataFrame]) -> DocumentView:
    """One document's tables (cells, records and their cells, costs) and its issues, placed."""
    doc_id = doc["doc_id"]
    by_table: dict[int, list[CellView]] = defaultdict(list)
    for rec in _rows(data["cells"], doc_id):
        cell = cell_view(rec)
        by_table[cell.table_no].append(cell)
    tables = {n: TableView(n, sorted(cells, key=lambda c: (c.row, c.col))) for n, cells in sorted(by_table.items())}
    records: dict[tuple[int, int], RecordView] = {}
    for dataset in RECORD_DATASETS:
        for rec in _rows(data[dataset], doc_id):
            view = record_view(dataset, rec)
            table = tables.setdefault(view.table_no, TableView(view.table_no, []))
            view.cell_ids = [c.id for c in table.cells if c.covers_row(view.row_no)]
            table.records.append(view)
            records[view.table_no, view.row_no] = view
    for cost in _rows(data["costs"], doc_id):
        record = records.get((int(cost["table_no"]), int(cost["row_no"])))
        if record is not None:
            record.costs.append(cost)
    doc_issues: list[dict] = []
    severities = dict.fromkeys(SEVERITIES, 0)
    for issue in _rows(data["issues"], doc_id):
        severities[issue["severity"]] = severities.get(issue["severity"], 0) + 1
        place_issue(issue, records, tables, doc_issues)
    for table in tables.values():
        table.records.sort(key=lambda r: r.row_no)
    return DocumentView(doc=doc, tables=list(tables.values()), issues=doc_issues, severities=severities)


def place_issue(issue: dict, records: dict, tables: dict[int, TableView], doc_issues: list[dict]) -> None:
    """An issue goes under the record of its row, else under its table, else on the document."""
    table_no, row_no = _int(issue.get("table_no")), _int(issue.get("row_no"))
    if table_no is not None and row_no is not None and (table_no, row_no) in records:
        records[table_no, row_no].issues.append(issue)
    elif table_no is not None and table_no in tables:
        tables[table_no].issues.append(issue)
    else:
        doc_issues.append(issue)


def document_views(data: dict[str, pd.DataFrame]) -> list[DocumentView]:
    docs = data["documents"].to_dict("records") if not data["documents"].empty else []
    return [document_view(doc, data) for doc in sorted(docs, key=lambda d: (str(d["source_file"]), d["doc_id"]))]
