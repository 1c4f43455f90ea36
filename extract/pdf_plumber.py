"""Ruled tables of a text PDF page: pdfplumber finds the cell rectangles from the
ruling lines; text is assigned to cells by character position.

``build_page`` is shared by every way of finding tables (ruled lines, camelot,
borderless layout, OCR of a scan): given a page's characters (or OCR words) and
the cell rectangles of its tables it yields the table pieces (grid, spans, bbox)
and the lines of text outside them.
"""

from __future__ import annotations

from bisect import bisect_right
from statistics import median
from dataclasses import dataclass, field

from .borderless import BorderlessSettings
from .frames import closing_edges
from .grid import rects_to_grid
from .ocr import OcrSettings
from .pdf_text import (Line, cell_wraps, chars_to_lines, chars_to_rows, chars_to_text_lines, lines_to_text,
                       merge_forced_breaks)
from .types import BBox, Cell


@dataclass(frozen=True)
class PdfSettings:
    """Knobs of the PDF engines (defaults suit ruled tables exported by Word or LibreOffice)."""

    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    edge_min_length: float = 3.0
    grid_tolerance: float = 2.0  # rectangle edges closer than this are one grid line
    min_cells: int = 2  # a single ruled box is not a table
    # a line going on past a table's bottom rule (text painted over and under it) starts within
    # this share of its size under the line before; a paragraph set after the table starts further
    run_on_gap: float = 0.6
    password: str | None = None
    camelot_line_scale: int = 40
    ocr: OcrSettings = OcrSettings()
    borderless: BorderlessSettings = BorderlessSettings()

    def pdfplumber_table_settings(self) -> dict:
        return {
            "vertical_strategy": "lines",
            "horizontal_strategy": "lines",
            "snap_tolerance": self.snap_tolerance,
            "join_tolerance": self.join_tolerance,
            "intersection_tolerance": self.intersection_tolerance,
            "edge_min_length": self.edge_min_length,
        }


@dataclass
class PagePiece:
    """The part of a table that lies on one page."""

    page: int
    bbox: BBox
    col_edges: list[float]
    row_edges: list[float]
    cells: list[Cell]
    engine: str
    n_text: int = 0  # characters (or OCR words) with text inside the piece's area
    n_assigned: int = 0  # of those, placed in a cell

    @property
    def n_empty_slots(self) -> int:
        covered = {(r, c) for cell in self.cells if cell.text.strip()
                   for r in range(cell.row, cell.row + cell.row_span) for c in range(cell.col, cell.col + cell.col_span)}
        return self.n_rows * self.n_cols - len(covered)

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1


@dataclass
class PageContent:
    """What one page holds: table pieces and the text lines outside them."""

    number: int
    width: float
    height: float
    pieces: list[PagePiece] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    n_chars: int = 0
    method: str = "text"  # ruled | borderless | ocr | text (no table found)
    issues: list = field(default_factory=list)  # planuri.issues.Issue found while reading the page (OCR)


def cells_from_rects(rects: list[BBox], chars: list[dict], page: int, tolerance: float,
                     below: frozenset[int] = frozenset()):
    """Grid the rectangles of one table and fill each cell with the characters inside it;
    the characters in ``below`` (ids: text run on past the table's bottom) go to the cell of the
    last row above them.

    Returns ``(col_edges, row_edges, cells, n_assigned)``; ``n_assigned`` counts the
    characters that fell in a cell (the others lie on the grid but in no rectangle)."""
    col_edges, row_edges, placed = rects_to_grid(rects, tolerance)
    slots: dict[tuple[int, int], int] = {}
    for i, (_rect, r, c, rs, cs) in enumerate(placed):
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                slots.setdefault((rr, cc), i)
    buckets: list[list[dict]] = [[] for _ in placed]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c = bisect_right(col_edges, cx) - 1
        r = bisect_right(row_edges, cy) - 1
        if id(ch) in below:
            r = min(r, len(row_edges) - 2)
        i = slots.get((r, c))
        if i is not None:
            buckets[i].append(ch)
    cell_lines = [merge_forced_breaks(chars_to_lines(bucket)) for bucket in buckets]
    marks_spaces = any(ln.text.endswith(" ") for lines in cell_lines for ln in lines[:-1])
    cells = [
        Cell(row=r, col=c, row_span=rs, col_span=cs, page=page, bbox=tuple(rect),
             text=lines_to_text(lines), wraps=cell_wraps(lines, tuple(rect), marks_spaces),
             confidence=_confidence(bucket))
        for (rect, r, c, rs, cs), lines, bucket in zip(placed, cell_lines, buckets)
    ]
    return col_edges, row_edges, cells, sum(1 for b in buckets for ch in b if ch["text"].strip())


def _confidence(chars: list[dict]) -> float | None:
    """Mean OCR confidence of a cell's words, weighted by their length (None: not OCR'd, or empty)."""
    scored = [(ch["conf"], len(ch["text"])) for ch in chars if "conf" in ch]
    if not scored:
        return None
    return round(sum(c * n for c, n in scored) / sum(n for _, n in scored), 1)


def plumber_tables(page, settings: PdfSettings) -> list[list[BBox]]:
    """The cell rectangles of each ruled table of the page; a frame left open on a side (a merged
    cell cut by the page break) is closed first (``frames.closing_edges``)."""
    table_settings = settings.pdfplumber_table_settings()
    finder = page.debug_tablefinder(table_settings)
    extra = closing_edges(finder.edges, [t.bbox for t in finder.tables], settings.snap_tolerance)
    if extra:
        table_settings = {**table_settings,
                          "explicit_horizontal_lines": [e for e in extra if e["orientation"] == "h"],
                          "explicit_vertical_lines": [e for e in extra if e["orientation"] == "v"]}
        finder = page.debug_tablefinder(table_settings)
    tables = finder.tables
    return [[tuple(map(float, c)) for c in t.cells] for t in tables if len(t.cells) >= settings.min_cells]


def read_page(page, settings: PdfSettings, tables: list[list[BBox]] | None = None,
              engine: str = "pdfplumber") -> PageContent:
    chars = page_chars(page)
    if tables is None:
        tables = plumber_tables(page, settings)
    return build_page(page.page_number, float(page.width), float(page.height), chars, tables, engine,
                      settings.grid_tolerance)


def page_chars(page) -> list[dict]:
    return [c for c in page.chars if c["text"].strip() or c["text"] == " "]


def build_page(number: int, width: float, height: float, chars: list[dict], tables: list[list[BBox]], engine: str,
               tolerance: float = 2.0, run_on_gap: float = PdfSettings.run_on_gap) -> PageContent:
    """A page's content from its characters (or OCR words) and the cell rectangles of its tables."""
    content = PageContent(number=number, width=width, height=height, n_chars=len(chars))
    inside: set[int] = set()
    for rects in sorted(tables, key=lambda rs: min(r[1] for r in rs)):
        x0, top = min(r[0] for r in rects), min(r[1] for r in rects)
        x1, bottom = max(r[2] for r in rects), max(r[3] for r in rects)
        mine = [
            ch for ch in chars
            if x0 - 1 <= (ch["x0"] + ch["x1"]) / 2 <= x1 + 1 and top - 1 <= (ch["top"] + ch["bottom"]) / 2 <= bottom + 1
        ]
        inside.update(map(id, mine))
        below = run_on_chars(rects, chars, inside, run_on_gap, tolerance)
        inside.update(map(id, below))
        mine += below
        col_edges, row_edges, cells, assigned = cells_from_rects(rects, mine, number, tolerance,
                                                                 frozenset(map(id, below)))
        content.pieces.append(PagePiece(
            page=number, bbox=(x0, top, x1, bottom), col_edges=col_edges,
            row_edges=row_edges, cells=cells, engine=engine,
            n_text=sum(1 for ch in mine if ch["text"].strip()),
            n_assigned=assigned,
        ))
    content.lines = chars_to_text_lines(ch for ch in chars if id(ch) not in inside)
    return content


def run_on_chars(rects: list[BBox], chars: list[dict], taken: set[int], gap: float, tolerance: float) -> list[dict]:
    """Text that runs on past a table's bottom rule under a cell reaching it (the characters not
    ``taken`` yet): lines going on from the cell's own, at its line pitch and from its left text
    edge, the first drawn across the rule or starting right at it.  Chromium paints the rest of
    a cell merged over several rows there when its rows end before its text does (cut by the
    page break); no layout sets a paragraph over a rule, nor a page number in a cell's lines."""
    bottom = max(r[3] for r in rects)
    out: list[dict] = []
    for rect in rects:
        if rect[3] < bottom - tolerance:
            continue
        rows = chars_to_rows(ch for ch in chars if rect[0] < (ch["x0"] + ch["x1"]) / 2 < rect[2]
                             and rect[1] < ch["top"] and ch["text"].strip())
        cell = [row for row in rows if _top(row) < rect[3]]
        across = cell[-1:] if cell and _bottom(cell[-1]) > rect[3] + 0.5 else []
        lines = cell[:len(cell) - len(across)]
        if len(lines) < 2:
            continue  # one line gives no pitch to go on at
        left = min(ch["x0"] for row in lines for ch in row)
        pitch = median(_top(b) - _bottom(a) for a, b in zip(lines, lines[1:]))
        run = []
        if across and _follows(lines[-1], across[0], left, pitch, gap):
            run.append(across[0])  # drawn across the rule
        elif across:
            continue
        prev = cell[-1]
        for row in rows[len(cell):]:
            if not _follows(prev, row, left, pitch, gap) or not (run or _top(row) < rect[3] + gap * _size(row)):
                break
            run.append(row)
            prev = row
        out += [ch for row in run for ch in row if id(ch) not in taken]
    return out


def _follows(prev: list[dict], row: list[dict], left: float, pitch: float, gap: float) -> bool:
    """Does ``row`` go on from ``prev`` in the same cell: at its line pitch, from its left edge?"""
    return (abs(_top(row) - _bottom(prev) - pitch) <= min(0.5, gap * _size(row))
            and abs(min(ch["x0"] for ch in row) - left) <= 0.5 * _size(row))


def _top(row: list[dict]) -> float:
    return min(ch["top"] for ch in row)


def _bottom(row: list[dict]) -> float:
    return max(ch["bottom"] for ch in row)


def _size(row: list[dict]) -> float:
    return max(max(ch.get("size", 10) for ch in row), 1)
