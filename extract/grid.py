"""Cell rectangles -> a grid with row and column spans.

Ruled-table finders (pdfplumber, camelot) give one rectangle per visible cell.
The grid lines are the distinct rectangle edges; a rectangle covering several
grid intervals is a merged cell.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Iterable, Sequence

from .types import BBox


def cluster_edges(values: Iterable[float], tolerance: float) -> list[float]:
    """Sorted distinct coordinates, values closer than ``tolerance`` taken as one (their mean)."""
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tolerance:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(group) / len(group) for group in out]


def nearest_index(edges: Sequence[float], value: float) -> int:
    i = bisect_left(edges, value)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - value < value - edges[i - 1] else i - 1


def rects_to_grid(rects: Sequence[BBox], tolerance: float = 2.0):
    """Map cell rectangles onto the grid their edges define.

    Returns ``(col_edges, row_edges, placed)`` where ``placed`` lists
    ``(rect, row, col, row_span, col_span)`` in the order of ``rects``;
    degenerate rectangles (no width or height on the grid) are left out.
    """
    col_edges = cluster_edges([x for r in rects for x in (r[0], r[2])], tolerance)
    row_edges = cluster_edges([y for r in rects for y in (r[1], r[3])], tolerance)
    placed = []
    for rect in rects:
        c0, c1 = nearest_index(col_edges, rect[0]), nearest_index(col_edges, rect[2])
        r0, r1 = nearest_index(row_edges, rect[1]), nearest_index(row_edges, rect[3])
        if c1 > c0 and r1 > r0:
            placed.append((rect, r0, c0, r1 - r0, c1 - c0))
    return col_edges, row_edges, placed
