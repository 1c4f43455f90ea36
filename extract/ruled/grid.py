"""Cell rectangles -> a grid with row and column spans.

Ruled-table finders (pdfplumber, camelot) give one rectangle per visible cell.
The grid lines are the distinct rectangle edges; a rectangle covering several
grid intervals is a merged cell.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from planuri.extract.types import BBox


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


# --------------------------------------------------------------------------- unneeded grid columns
#
# A grid has a column boundary wherever some rectangle has an edge.  Word and LibreOffice draw
# more than the cell borders: a shaded cell's background, and inside it the paragraph's own
# shading, inset by the cell's padding; a border drawn as several short strokes.  Their edges
# become grid boundaries no cell of the table needs: a 6-column table comes out with 16 grid
# columns, its text cells in some rows, empty slivers and the real cells spanning 3 grid columns
# in the others.  The functions below find the boundaries the table needs and drop the others;
# they work on spans only (no coordinates but the column widths), so any reader can call them.


@dataclass(frozen=True)
class GridSpan:
    """A cell on a grid, as far as the column collapse cares: where it lies and whether it holds text."""

    row: int
    col: int
    row_span: int
    col_span: int
    filled: bool


def slot_owners(spans: Sequence[GridSpan], n_rows: int, n_cols: int) -> list[list[int | None]]:
    """``owners[r][c]``: index of the (first) span covering slot (r, c), or None."""
    owners: list[list[int | None]] = [[None] * n_cols for _ in range(n_rows)]
    for i, s in enumerate(spans):
        for r in range(s.row, min(s.row + s.row_span, n_rows)):
            for c in range(s.col, min(s.col + s.col_span, n_cols)):
                if owners[r][c] is None:
                    owners[r][c] = i
    return owners


def unused_boundaries(spans: Sequence[GridSpan], n_cols: int) -> set[int]:
    """Inner boundaries at which no cell starts or ends (a DOCX ``w:tblGrid`` column every row spans)."""
    used = {k for s in spans for k in (s.col, s.col + s.col_span)}
    return {k for k in range(1, n_cols) if k not in used}


def text_boundaries(spans: Sequence[GridSpan], owners: list[list[int | None]], n_cols: int) -> set[int]:
    """Boundaries at which, in some row, two different cells holding text meet: the table needs
    them (the outer ones always)."""
    needed = {0, n_cols}
    for row in owners:
        for k in range(1, n_cols):
            a, b = row[k - 1], row[k]
            if a is not None and b is not None and a != b and spans[a].filled and spans[b].filled:
                needed.add(k)
    return needed


def tight_boundaries(spans: Sequence[GridSpan], needed: set[int], n_cols: int,
                     owners: list[list[int | None]] | None = None, widths: Sequence[float] | None = None,
                     sliver_width: float = 0.0) -> set[int]:
    """Boundaries lying inside a column the grid itself shows whole: between two needed
    boundaries ``L`` and ``R`` that are the very edges of some cell (a body cell spanning the
    fragments of a shaded header cell).  A cell spanning the whole width (a heading row) shows
    nothing about columns and does not count.  A boundary that is the edge of a cell holding
    text in some row (``150,000.00`` in the donors' column, between two empty funding sources,
    under costs merged over the three) is that cell's own, when the columns on both sides of it
    are wider than a sliver (``owners`` and ``widths`` known): no fragment of padding."""
    bounds = sorted(needed)
    wholes = {(s.col, s.col + s.col_span) for s in spans if s.col_span < n_cols}
    edged: set[int] = set()
    for row in owners if widths is not None else ():
        for k in range(1, n_cols):
            a, b = row[k - 1], row[k]
            if min(widths[k - 1], widths[k]) < sliver_width:
                continue
            if a is not None and b is not None and a != b and (spans[a].filled or spans[b].filled):
                edged.add(k)
    out = set()
    for k in range(1, n_cols):
        if k in needed or k in edged:
            continue
        i = bisect_left(bounds, k)
        if (bounds[i - 1], bounds[i]) in wholes:
            out.add(k)
    return out


def sliver_boundaries(spans: Sequence[GridSpan], owners: list[list[int | None]], widths: Sequence[float],
                      needed: set[int], sliver_width: float) -> set[int]:
    """Boundaries of empty slivers: a column narrower than ``sliver_width`` (it cannot hold a
    character with its padding) whose slots are all empty or covered by wider cells.  A sliver
    is the padding a paragraph's shading leaves on one side of a cell border: it joins the
    column away from the border (the boundary it shares with another sliver, or the table's
    edge, is the border)."""
    n_cols = len(widths)

    def empty_sliver(c: int) -> bool:
        if not 0 <= c < n_cols or widths[c] >= sliver_width:
            return False
        return all(row[c] is None or not spans[row[c]].filled or spans[row[c]].col_span > 1 for row in owners)

    out = set()
    for c in range(n_cols):
        if not empty_sliver(c):
            continue
        left, right = c, c + 1
        border_left = left == 0 or empty_sliver(c - 1)
        border_right = right == n_cols or empty_sliver(c + 1)
        if border_left and not border_right:
            drop = right
        elif border_right and not border_left:
            drop = left
        else:  # both sides or neither: the side the table does not need
            drop = right if right not in needed else left
        if drop not in needed and 0 < drop < n_cols:
            out.add(drop)
    return out


def _edge_rows(spans: Sequence[GridSpan], k: int) -> int:
    return sum(1 for s in spans if s.col == k or s.col + s.col_span == k)


def _floor(kept: Sequence[int], k: int) -> int:
    """Index (in ``kept``) of the last kept boundary at or before ``k``."""
    return bisect_right(kept, k) - 1


def _ceil(kept: Sequence[int], k: int) -> int:
    """Index (in ``kept``) of the first kept boundary at or after ``k``."""
    return bisect_left(kept, k)


def keep_text_apart(spans: Sequence[GridSpan], owners: list[list[int | None]], removed: set[int]) -> set[int]:
    """Give back removed boundaries so that no two cells holding text end up in one column of
    a row: between two such cells, the boundary most rows have an edge at is kept."""
    removed = set(removed)
    n_cols = len(owners[0]) if owners else 0
    changed = True
    while changed:
        changed = False
        kept = [k for k in range(n_cols + 1) if k not in removed]
        for row in owners:
            texts = []
            for i in row:
                if i is not None and spans[i].filled and (not texts or texts[-1] != i):
                    texts.append(i)
            for a, b in zip(texts, texts[1:]):
                end_a, start_b = spans[a].col + spans[a].col_span, spans[b].col
                if _ceil(kept, end_a) > _floor(kept, start_b):  # no kept boundary between them
                    between = [k for k in range(end_a, start_b + 1) if k in removed]
                    if between:
                        back = max(between, key=lambda k: (_edge_rows(spans, k), -k))
                        removed.discard(back)
                        changed = True
                        break
            if changed:
                break
    return removed


def unneeded_columns(spans: Sequence[GridSpan], n_rows: int, n_cols: int, widths: Sequence[float] | None = None,
                     sliver_width: float = 0.0) -> set[int]:
    """The inner column boundaries (1..n_cols-1) the table does not need:

    - a boundary at which no cell starts or ends;
    - one at which no two cells holding text meet in any row, and that lies inside a column
      some cell shows whole (``tight_boundaries``), or borders an empty sliver
      (``sliver_boundaries``, when the column ``widths`` are known);

    never one whose removal would put two cells holding text in one column of a row."""
    if n_cols < 2 or not spans:
        return set()
    owners = slot_owners(spans, n_rows, n_cols)
    removed = unused_boundaries(spans, n_cols)
    needed = text_boundaries(spans, owners, n_cols)
    removed |= tight_boundaries(spans, needed, n_cols, owners, widths, sliver_width)
    if widths is not None and sliver_width > 0:
        removed |= sliver_boundaries(spans, owners, widths, needed, sliver_width)
    return keep_text_apart(spans, owners, removed)


def collapse_columns(spans: Sequence[GridSpan], n_rows: int, removed: set[int],
                     n_cols: int) -> tuple[list[int], list[GridSpan | None]]:
    """Drop the ``removed`` boundaries: returns the kept boundaries (old indices) and each span
    on the new grid, or None for an empty cell left with no slot of its own (a sliver swallowed
    by its neighbour).  Cells holding text keep their slots; empty ones are placed widest first
    where no other cell lies."""
    kept = [k for k in range(n_cols + 1) if k not in removed]
    moved = [
        GridSpan(s.row, _floor(kept, s.col), s.row_span,
                 max(1, _ceil(kept, s.col + s.col_span) - _floor(kept, s.col)), s.filled)
        for s in spans
    ]
    order = sorted(range(len(spans)), key=lambda i: (not spans[i].filled, -spans[i].col_span, -spans[i].row_span, i))
    taken: set[tuple[int, int]] = set()
    out: list[GridSpan | None] = [None] * len(spans)
    for i in order:
        s = moved[i]
        slots = {(r, c) for r in range(s.row, min(s.row + s.row_span, n_rows)) for c in range(s.col, s.col + s.col_span)}
        if slots & taken and not s.filled:  # text is never dropped
            continue
        taken |= slots
        out[i] = s
    return kept, out
