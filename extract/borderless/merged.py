"""Merged cells of a borderless table whose cells are set in the middle or at the bottom of their
rows: the rows each one covers.

A merged cell's text overlaps only some of the rows it spans; the rows around it with no text in
its column are the rest of it.  ``spread_merged`` marks them (``Row.continues``), sharing them out
between the merged cells of a column with ``share_rows``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from planuri.extract.borderless.rows import GROUPING_FIELDS, Row, RowContext
from planuri.extract.borderless.slots import Slot

if TYPE_CHECKING:
    from planuri.extract.borderless.pieces import Piece


def spread_merged(slots: Sequence[Slot], rows: list[Row], blocks: Sequence[Sequence["Piece"]], alignment: str,
                  ctx: RowContext, tolerance: float) -> None:
    """A merged cell covers the rows its text overlaps and, when that text is shorter, rows around
    it with no text in its column.  The merged cells of a column share out those rows between
    them: each set at the alignment's place against the rows it covers (top: its first row's
    top; center: their middle; bottom: the last one's bottom), as few rows as can be left with
    an empty cell (a merged cell leaves none)."""
    extent = [(slots[r.first].top, max(s.bottom for s in slots[r.first:r.last + 1])) for r in rows]
    by_col: dict[int, list[tuple[float, float, int, int]]] = {}  # column -> its merged texts' places
    for block in blocks:
        if all(p.number for p in block):
            continue  # a column number (1 2 3 ...) is no merged cell's text
        top, bottom = block[0].top, max(p.bottom for p in block)
        hit = [i for i, (t, b) in enumerate(extent) if min(b, bottom) - max(t, top) > 0]
        if hit:
            by_col.setdefault(block[0].col, []).append((top, bottom, hit[0], hit[-1]))
    covered: dict[int, int] = {}  # column -> the first row a merged text of it covers
    for col, texts in by_col.items():
        empty = [r.kind == "data" and not any(it.c0 <= col <= it.c1 for s in slots[r.first:r.last + 1]
                                               for it in s.items) for r in rows]
        for first, last in share_rows(sorted(texts, key=lambda b: b[2]), extent, empty, alignment, ctx.pitch,
                                      tolerance, open_top=ctx.fields[col] in GROUPING_FIELDS):
            covered[col] = min(covered.get(col, first), first)
            for i in range(first + 1, last + 1):
                rows[i].continues.add(col)
    for col, field in enumerate(ctx.fields):
        if field in GROUPING_FIELDS:
            continue_page_top(slots, rows[:covered.get(col, len(rows))], col)
    for prev_row, row in zip(rows, rows[1:]):
        if prev_row.kind != "data" or row.kind != "data":
            row.continues.clear()


def continue_page_top(slots: Sequence[Slot], rows: list[Row], col: int) -> None:
    """A grouping column's (objectives, measures) empty cells at the page's top, above any of its
    merged texts (``rows``: the rows above the first one those cover), are one cell: the rest of
    the one the page break split, its text on the page before.  The whole run goes on over the
    break, not only its first row (the column numbers above it, if any, aside)."""
    while rows and rows[0].kind == "number":
        rows = rows[1:]
    for prev_row, row in zip(rows, rows[1:]):
        if row.kind != "data" or prev_row.kind != "data" or any(
                it.c0 <= col <= it.c1 for s in slots[prev_row.first:row.last + 1] for it in s.items):
            return
        row.continues.add(col)


def share_rows(blocks: Sequence[tuple[float, float, int, int]], extent: Sequence[tuple[float, float]],
               empty: Sequence[bool], alignment: str, pitch: float, tolerance: float,
               open_top: bool = False) -> list[tuple[int, int]]:
    """The rows each merged cell of a column covers (``blocks``: text top, bottom, first and last
    row it overlaps, in order): the choice leaving the fewest empty rows uncovered, each cell set
    within ``tolerance`` line pitches of its place (else by as little as can be).  A cell that
    covers the page's last row may go on over the page break; the layout then sets its text at
    its top, or against its first rows, not in the middle of the part the page holds.
    ``open_top``: empty rows above the first cell may be the rest of a cell the page break split
    (a grouping column's, ``continue_page_top``): leaving them uncovered costs nothing."""

    def misplaced(top: float, bottom: float, first: int, last: int) -> float:
        t, b = extent[first][0], extent[last][1]
        edge = abs(top - t) if alignment == "top" else abs(bottom - b) if alignment == "bottom" \
            else abs((top + bottom) / 2 - (t + b) / 2)
        if last == len(extent) - 1 and alignment != "top":  # a cell running on past the page's last
            # row, split by the break: the layout sets its text at its top, or at the place it would
            # have against its first rows alone (LibreOffice)
            edge = min(edge, abs(top - t), *(abs((top + bottom) / 2 - (t + extent[k][1]) / 2) if alignment == "center"
                                           else abs(bottom - extent[k][1]) for k in range(first, last)))
        if first == 0 and open_top and alignment != "top":  # a grouping cell's rest, the page break
            # having split it above: the layout sets the rest at the top of the page's part (8132)
            edge = min(edge, abs(top - t))
        return edge / pitch + (len(extent) if edge > tolerance * pitch else 0)  # off its place: worst

    memo: dict[tuple[int, int], tuple[float, list]] = {}

    def best(j: int, after: int) -> tuple[float, list]:
        """Blocks j.. placed below row ``after`` (the last row taken)."""
        if j == len(blocks):
            return sum(1 for i in range(after + 1, len(extent)) if empty[i]), []
        if (j, after) in memo:
            return memo[(j, after)]
        top, bottom, lo, hi = blocks[j]
        lo, hi = max(lo, after + 1), max(hi, after + 1)
        if hi >= len(extent):  # the rows it overlaps are all taken by the cells above: it covers none
            cost, rest = best(j + 1, after)
            memo[(j, after)] = (cost + len(extent), rest)
            return memo[(j, after)]
        limit = blocks[j + 1][2] - 1 if j + 1 < len(blocks) else len(extent) - 1
        found = (float("inf"), [])
        first = lo
        while True:
            skipped = 0 if open_top and j == 0 else sum(1 for i in range(after + 1, first) if empty[i])
            last = hi
            while True:
                cost, rest = best(j + 1, last)
                cost += skipped + misplaced(top, bottom, first, last)
                if cost < found[0]:
                    found = (cost, [(first, last), *rest])
                if last + 1 > limit or not empty[last + 1]:
                    break
                last += 1
            if first - 1 <= after or not empty[first - 1]:
                break
            first -= 1
        memo[(j, after)] = found
        return found

    return best(0, -1)[1]
