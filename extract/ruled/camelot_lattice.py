"""Second PDF engine: camelot (lattice) finds the tables and their cell grid from the
rendered page (OpenCV line detection) instead of the PDF's vector lines.

Camelot's cells form a full grid whose sides say whether a ruling line was
found there; neighbouring cells with no line between them are one merged cell.
Text is then assigned to the merged cells from the PDF's characters by the same
code as the pdfplumber engine, so the two engines differ only in how they find
tables.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from planuri.extract.ruled.plumber import PdfSettings
from planuri.extract.types import BBox


def merged_rects(table, page_height: float) -> list[BBox]:
    """Camelot grid cells -> one rectangle per merged cell (top-left origin)."""
    grid = table.cells
    n_rows, n_cols = len(grid), len(grid[0]) if grid else 0
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in range(n_rows):
        for c in range(n_cols):
            cell = grid[r][c]
            if c + 1 < n_cols and not (cell.right or grid[r][c + 1].left):
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < n_rows and not (cell.bottom or grid[r + 1][c].top):
                parent[find((r + 1, c))] = find((r, c))
    groups: dict[tuple, list] = defaultdict(list)
    for key in parent:
        groups[find(key)].append(grid[key[0]][key[1]])
    rects = []
    for cells in groups.values():
        x0, x1 = min(c.x1 for c in cells), max(c.x2 for c in cells)
        y_low, y_high = min(c.y1 for c in cells), max(c.y2 for c in cells)
        rects.append((float(x0), float(page_height - y_high), float(x1), float(page_height - y_low)))
    return rects


def camelot_rects(path: Path, settings: PdfSettings):
    """Camelot (lattice) on every page at once; returns ``table_rects(page_number, page_height)``."""
    import camelot

    tables = camelot.read_pdf(
        str(path), pages="all", flavor="lattice", password=settings.password,
        line_scale=settings.camelot_line_scale, suppress_stdout=True,
    )
    by_page: dict[int, list] = defaultdict(list)
    for t in tables:
        by_page[int(t.page)].append(t)

    def table_rects(page_number: int, height: float) -> list[list[BBox]]:
        out = []
        for t in by_page.get(page_number, []):
            rects = merged_rects(t, height)
            if len(rects) >= settings.min_cells:
                out.append(rects)
        return out

    return table_rects
