"""A table's header rows -> a header map: each column's label (as read) and field (canonical).

Handles one-row headers, two-row headers with a group cell over sub-columns
(``Costuri, lei`` over its funding sources), and the column-number row
(``1 2 3 … 8``) that often follows the header.
"""

from __future__ import annotations

from dataclasses import dataclass

from planuri.extract.types import Cell, RawTable
from planuri.ro_text import is_integer_label

from .text import TextRules
from .vocabulary import GROUP_FIELDS, Vocabulary

MAX_HEADER_START = 3  # the header may sit under a caption row or two


@dataclass(frozen=True)
class Column:
    index: int
    label: str  # as read; "group / sub-label" under a group cell
    field: str  # canonical field, or "other:<label>"
    match: str  # exact | fuzzy | unknown
    source: str | None = None  # funding source of a cost sub-column

    @property
    def known(self) -> bool:
        return not self.field.startswith("other:")


@dataclass(frozen=True)
class HeaderMap:
    first_row: int
    last_row: int
    number_row: int | None
    columns: tuple[Column, ...]

    @property
    def body_start(self) -> int:
        return (self.number_row if self.number_row is not None else self.last_row) + 1

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    @property
    def is_action_plan(self) -> bool:
        return "action" in self.fields

    def columns_for(self, field: str) -> list[Column]:
        return [c for c in self.columns if c.field == field]

    def rows(self) -> range:
        return range(self.first_row, self.body_start)


def _row_cells(table: RawTable, row: int) -> list[Cell]:
    return sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)


def is_number_row(cells: list[Cell]) -> bool:
    texts = [c.text.strip().rstrip(".") for c in cells if c.text.strip()]
    if len(texts) < 2 or not all(is_integer_label(t) for t in texts):
        return False
    nums = [int(t) for t in texts]
    return nums == list(range(nums[0], nums[0] + len(nums)))


def _label(cell: Cell | None, rules: TextRules) -> str:
    return rules.join(cell.text) if cell is not None else ""


def header_start(table: RawTable, vocab: Vocabulary, rules: TextRules) -> int | None:
    """First row whose cells are mostly known header labels (at least two of them)."""
    for r in range(min(MAX_HEADER_START, table.n_rows)):
        cells = [c for c in _row_cells(table, r) if c.text.strip()]
        matches = [vocab.match(_label(c, rules)) for c in cells]
        known = sum(m.known for m in matches)
        if known >= 2 and known * 2 >= len(cells):
            return r
    return None


def header_end(table: RawTable, first: int, vocab: Vocabulary, rules: TextRules) -> int:
    """Last header row: as deep as the header's vertically merged cells, or one row deeper
    under a group cell whose sub-labels sit in the next row."""
    cells = _row_cells(table, first)
    last = max(c.last_row for c in cells)
    if last == first and first + 1 < table.n_rows:
        groups = [c for c in cells if c.col_span > 1 and vocab.match(_label(c, rules)).field in GROUP_FIELDS]
        below = _row_cells(table, first + 1)
        if groups and not is_number_row(below) and all(
            any(b.col >= g.col and b.last_col <= g.last_col and b.text.strip() for b in below) for g in groups
        ):
            last = first + 1
    return last


def build_header(table: RawTable, vocab: Vocabulary, rules: TextRules = TextRules()) -> HeaderMap | None:
    first = header_start(table, vocab, rules)
    if first is None:
        return None
    last = header_end(table, first, vocab, rules)
    number_row = last + 1 if last + 1 < table.n_rows and is_number_row(_row_cells(table, last + 1)) else None
    grid = table.grid()
    columns = []
    for col in range(table.n_cols):
        top, sub = grid[first][col], grid[last][col]
        columns.append(_column(col, top, sub if sub is not top else None, vocab, rules))
    return HeaderMap(first_row=first, last_row=last, number_row=number_row, columns=tuple(columns))


def _column(col: int, top: Cell | None, sub: Cell | None, vocab: Vocabulary, rules: TextRules) -> Column:
    top_label = _label(top, rules)
    m = vocab.match(top_label)
    sub_label = _label(sub, rules)
    if m.field in GROUP_FIELDS:
        sub_field = GROUP_FIELDS[m.field]
        if not sub_label:
            return Column(col, top_label, sub_field or m.field, m.method)
        label = f"{top_label} / {sub_label}"
        if sub_field == "cost":
            return Column(col, label, "cost", m.method, source=sub_label)
        sm = vocab.match(sub_label)
        return Column(col, label, sm.field or f"other:{label}", sm.method)
    label = f"{top_label} / {sub_label}" if sub_label else top_label
    if sub_label and not m.known:
        sm = vocab.match(sub_label)
        if sm.known:
            return Column(col, label, sm.field, sm.method)
    return Column(col, label, m.field or _other(label, col), m.method)


def _other(label: str, col: int) -> str:
    return f"other:{label}" if label else f"other:column-{col + 1}"
