"""The cell rectangles of a borderless table: the header's, and one per cell of its rows (a
heading across the width, an item across the columns it covers, a continued cell growing the
rectangle of the cell above), the grid the ruled reader would have found.

``row_edges``       horizontal edges between rows
``header_rects``    the header's cells (a group label over its sub-labels)
``rows_to_rects``   rows -> one rectangle per cell, covering the whole grid
"""

from __future__ import annotations

from typing import Sequence

from planuri.extract.borderless.columns import Columns
from planuri.extract.borderless.header import Header
from planuri.extract.borderless.rows import Row
from planuri.extract.borderless.slots import Slot
from planuri.extract.types import BBox


def row_edges(header_bottom: float, slots: Sequence[Slot], rows: Sequence[Row]) -> list[float]:
    """Horizontal edges between rows: half-way between one row's last line and the next one's first."""
    edges = [header_bottom]
    for a, b in zip(rows, rows[1:]):
        edges.append((slots[a.last].bottom + slots[b.first].top) / 2)
    edges.append(slots[rows[-1].last].bottom + 1.0)
    return edges


def header_rects(header: Header, columns: Columns, top: float, bottom: float) -> list[BBox]:
    x = columns.edges
    if not header.groups:
        return [(x[i], top, x[i + 1], bottom) for i in range(len(columns))]
    middle = header.group_bottom + 1.0
    rects = []
    grouped = set()
    for _g, first, last in header.groups:
        rects.append((x[first], top, x[last + 1], middle))
        grouped.update(range(first, last + 1))
    for i in range(len(columns)):
        rects.append((x[i], middle if i in grouped else top, x[i + 1], bottom))
    return rects


def rows_to_rects(slots: Sequence[Slot], rows: Sequence[Row], columns: Columns, top: float) -> list[BBox]:
    """One rectangle per cell: a heading spans the width; an item across columns spans them;
    a continued cell extends the rectangle of the cell above."""
    x, y = columns.edges, row_edges(top, slots, rows)
    n_cols = len(columns)
    rects: list[list[float]] = []
    open_at: dict[int, list[float]] = {}  # column -> rectangle that may still grow downwards
    for r, row in enumerate(rows):
        y0, y1 = y[r], y[r + 1]
        if row.kind == "heading":
            rects.append([x[0], y0, x[-1], y1])
            open_at.clear()
            continue
        spans: list[tuple[int, int]] = []
        for slot in slots[row.first:row.last + 1]:
            for it in slot.items:
                if it.c1 > it.c0:
                    spans.append((it.c0, it.c1))
        col = 0
        while col < n_cols:
            c1 = max([b for a, b in spans if a <= col <= b] + [col])
            if col in row.continues and c1 == col and col in open_at:
                open_at[col][3] = y1
            else:
                rect = [x[col], y0, x[c1 + 1], y1]
                rects.append(rect)
                for c in range(col, c1 + 1):
                    open_at[c] = rect if c1 == col else None
                open_at = {k: v for k, v in open_at.items() if v is not None}
            col = c1 + 1
    return [tuple(r) for r in rects]
