"""Ruled tables of a text PDF page: pdfplumber finds the cell rectangles from the
ruling lines; text is assigned to cells by character position.

``build_page`` is shared by every way of finding tables (ruled lines, camelot,
borderless layout, OCR of a scan): given a page's characters (or OCR words) and
the cell rectangles of its tables it yields the table pieces (grid, spans, bbox)
and the lines of text outside them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .borderless import BorderlessSettings
from .grid import rects_to_grid
from .ocr import OcrSettings
from .pdf_text import Line, cell_wraps, chars_to_lines, lines_to_text, merge_forced_breaks
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
    password: str | None = None
    camelot_line_scale: int = 40
    max_rule_width: float = 6.0  # a filled, unstroked rectangle thicker than Word's widest border is shading, not a rule
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


def cells_from_rects(rects: list[BBox], chars: list[dict], page: int, tolerance: float):
    """Grid the rectangles of one table and fill each cell with the characters inside it.

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


def is_shading(obj: dict, max_rule_width: float) -> bool:
    """A filled rectangle with no outline, thicker than any rule: a cell's background (a shaded
    header band, a zebra stripe).  Its sides are no ruling lines: without this, a borderless
    table with a shaded header reads as a one-row ruled table."""
    return (obj.get("object_type") == "rect" and obj.get("fill") and not obj.get("stroke")
            and min(obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]) > max_rule_width)


def plumber_tables(page, settings: PdfSettings) -> list[list[BBox]]:
    ruled = page.filter(lambda obj: not is_shading(obj, settings.max_rule_width))
    tables = ruled.find_tables(settings.pdfplumber_table_settings())
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
               tolerance: float = 2.0) -> PageContent:
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
        col_edges, row_edges, cells, assigned = cells_from_rects(rects, mine, number, tolerance)
        content.pieces.append(PagePiece(
            page=number, bbox=(x0, top, x1, bottom), col_edges=col_edges,
            row_edges=row_edges, cells=cells, engine=engine,
            n_text=sum(1 for ch in mine if ch["text"].strip()),
            n_assigned=assigned,
        ))
    content.lines = chars_to_lines(ch for ch in chars if id(ch) not in inside and ch["text"].strip())
    return content
