"""Ruled tables of a text PDF page: pdfplumber finds the cell rectangles from the
ruling lines; text is assigned to cells by character position.

``build_page`` is shared by every way of finding tables (ruled lines, camelot,
borderless layout, OCR of a scan): given a page's characters (or OCR words) and
the cell rectangles of its tables it yields the table pieces (grid, spans, bbox)
and the lines of text outside them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Mapping

from pdfplumber import utils as plumber_utils
from planuri.extract.ruled.finder import FinderWithIndex

from planuri.extract.issues import Issue

from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.ruled.columns import MM_PER_UNIT, ColumnSettings, Extent, logical_columns
from planuri.extract.ruled.frames import closing_edges
from planuri.extract.ruled.grid import GridSpan, collapse_columns, nearest_index, rects_to_grid, unneeded_columns
from planuri.extract.ocr.tesseract import OcrSettings
from planuri.extract.pdf.furniture import FurnitureSettings
from planuri.extract.pdf.text import (TEXT, Line, TextSettings, cell_padding, cell_wraps, chars_to_lines, chars_to_text_lines,
                       cut_candidates, lines_to_text)
from planuri.extract.ruled.centres import CharCentres, centre_in, slots_of
from planuri.extract.ruled.run_on import InkedCentres, RunOnSettings, run_on_chars
from planuri.extract.types import BBox, Cell, RawTable


if TYPE_CHECKING:
    from planuri.extract.ocr.image_grid import GridSettings
    from planuri.extract.ocr.page_prep import PrepSettings


def _grid_settings() -> "GridSettings":
    from planuri.extract.ocr.image_grid import GridSettings  # imported when made: image_grid loads OpenCV

    return GridSettings()


def _prep_settings() -> "PrepSettings":
    from planuri.extract.ocr.page_prep import PrepSettings  # imported when made: page_prep loads OpenCV

    return PrepSettings()


@dataclass(frozen=True)
class PdfSettings:
    """Knobs of the PDF engines (defaults suit ruled tables exported by Word or LibreOffice)."""

    # Rules closer than this are snapped to their mean.  Kept small: a border moved by hand lies 3-10 pt
    # off the rows above, a thick frame's inner rules stop ~3 pt short of the row's bottom rule;
    # snapped to a mean, a rule leaves the ends of the rules that meet it and their cells merge.
    snap_tolerance: float = 0.5
    join_tolerance: float = 3.0  # pdfplumber: rule segments this close in line are one rule (a rule drawn in pieces)
    intersection_tolerance: float = 3.0  # pdfplumber: a vertical and a horizontal rule this close meet (a corner)
    edge_min_length: float = 3.0  # pdfplumber: a shorter stroke is no rule
    grid_tolerance: float = 2.0  # rectangle edges closer than this are one grid line
    sliver_width: float = 8.0  # an empty grid column narrower than this holds no character with its padding: a fragment
    columns: ColumnSettings = ColumnSettings()  # rule edges moved by hand row group by row group are one column edge
    min_cells: int = 2  # a single ruled box is not a table
    run_on: RunOnSettings = RunOnSettings()  # lines under a table's bottom rule that are the rest of a cell
    password: str | None = None  # opens an encrypted PDF (the command line's, set by pipeline.Settings)
    reader: str = "pdfium"  # what reads a text PDF's pages: pdfium (fast, in C) or pdfplumber (pdfminer, the reference)
    camelot_line_scale: int = 40  # camelot finds rules as short as the page's size / this (larger: shorter rules)
    max_rule_width: float = 6.0  # a filled, unstroked rectangle thicker than Word's widest border is shading, not a rule
    ocr: OcrSettings = OcrSettings()  # how a scanned page is OCR'd (the command line's options)
    borderless: BorderlessSettings = BorderlessSettings()  # how a page without rules is searched for tables
    text: TextSettings = TextSettings()  # how characters become lines and words, page numbers
    furniture: FurnitureSettings = FurnitureSettings()  # running headers and footers left out of borderless tables
    grid: "GridSettings" = field(default_factory=_grid_settings)  # the ruled tables of a scanned page's image
    prep: "PrepSettings" = field(default_factory=_prep_settings)  # a scanned page made ready: paper white, turned straight

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
    merged_columns: int = 0  # grid columns no cell needed (ruling fragments, shading), merged into their neighbours

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
    issues: list = field(default_factory=list)  # planuri.extract.issues.Issue found while reading the page (OCR)
    scan: object = None  # planuri.extract.types.ScanQuality of a page read by OCR


@dataclass(frozen=True)
class PieceGrid:
    """One table's cells on its columns and rows (what ``cells_from_rects`` returns)."""

    col_edges: list[float]
    row_edges: list[float]
    cells: list[Cell]
    n_assigned: int  # characters (or words) that fell in a cell; the others lie in no rectangle
    n_grid_cols: int  # columns between the distinct rule edges, before the logical columns
    max_drift: float = 0.0  # widest distance (points) between rule edges taken as one column edge; 0: none
    n_unneeded: int = 0  # grid columns no cell needed (``drop_unneeded_columns``), merged into their neighbours


def cells_from_rects(rects: list[BBox], chars: list[dict], page: int, tolerance: float,
                     columns: ColumnSettings | None = ColumnSettings(), exact_sides: bool = True,
                     sliver_width: float = PdfSettings.sliver_width, below: Mapping[int, float] = MappingProxyType({}),
                     text: TextSettings = TEXT, keep_columns: bool = False) -> PieceGrid:
    """Grid the rectangles of one table, fill each cell with the characters inside it (grid
    columns no cell needs merged into their neighbours, unless ``keep_columns``: a borderless
    table's columns are its header's labels, drawn by no rule, and a page without the header
    may leave one empty or under a merged cell throughout; the characters in ``below``, ids of
    text run on past a cell's bottom rule by that rule's place, go to the row above it) and, with ``columns``, put the cells
    on the table's logical columns (``to_logical_columns``): rules a person moved row group by
    row group are one column edge."""
    col_edges, row_edges, cells, n_assigned = _cells_on_grid(rects, chars, page, tolerance, exact_sides, below, text)
    n_rows, n_grid = len(row_edges) - 1, len(col_edges) - 1
    logical = to_logical_columns(cells, col_edges, tolerance, columns) if columns is not None else None
    if logical is not None and logical[2]:
        # rules moved by hand: their edges are made one first, else a drifted edge left alone
        # next to a dropped one would split a column in two
        col_edges, cells, drift = logical
        n_kept = len(col_edges) - 1
        col_edges, cells = drop_unneeded_columns(col_edges, n_rows, cells, sliver_width)
        return PieceGrid(col_edges, row_edges, cells, n_assigned, n_grid, drift, n_kept - (len(col_edges) - 1))
    if not keep_columns:
        col_edges, cells = drop_unneeded_columns(col_edges, n_rows, cells, sliver_width)
    n_unneeded, drift = n_grid - (len(col_edges) - 1), 0.0
    if columns is not None:
        col_edges, cells, drift = to_logical_columns(cells, col_edges, tolerance, columns)
    return PieceGrid(col_edges, row_edges, cells, n_assigned, n_grid - n_unneeded, drift, n_unneeded)


def to_logical_columns(cells: list[Cell], col_edges: list[float], tolerance: float,
                       settings: ColumnSettings) -> tuple[list[float], list[Cell], float]:
    """The cells on the logical columns their rectangles' edges make (see ``extract.columns``),
    and the widest drift taken as one edge (0 when none); the grid as it was when they make none."""
    drift = settings.drift("points")
    if all(b - a > drift for a, b in zip(col_edges, col_edges[1:])):
        return col_edges, cells, 0.0  # no rule within a drift of another: the grid is the columns
    extents = [Extent(c.bbox[0], c.bbox[2], tuple(range(c.row, c.row + c.row_span))) for c in cells]
    found = logical_columns(extents, drift, tolerance)
    if found is None or list(found.edges) == col_edges:
        return col_edges, cells, 0.0
    drift = found.max_drift if found.merged else 0.0
    return list(found.edges), [replace(c, col=col, col_span=span) for c, (col, span) in zip(cells, found.spans)], drift


def _cells_on_grid(rects: list[BBox], chars: list[dict], page: int, tolerance: float, exact_sides: bool,
                   below: Mapping[int, float] = MappingProxyType({}), text: TextSettings = TEXT):
    col_edges, row_edges, placed = rects_to_grid(rects, tolerance)
    slots: dict[tuple[int, int], int] = {}
    for i, (_rect, r, c, rs, cs) in enumerate(placed):
        for rr in range(r, r + rs):
            for cc in range(c, c + cs):
                slots.setdefault((rr, cc), i)
    buckets: list[list[dict]] = [[] for _ in placed]
    for ch, r, c in zip(chars, *slots_of(chars, col_edges, row_edges)):
        if id(ch) in below:  # run on past the rule at ``below[id(ch)]``: in the row above it
            r = min(r, nearest_index(row_edges, below[id(ch)]) - 1)
            while r > 0 and row_edges[r + 1] - row_edges[r] < tolerance:
                r -= 1  # a "row" thinner than a grid line is the bottom rule drawn as a filled box
        i = slots.get((r, c))
        if i is not None:
            buckets[i].append(ch)
    cell_lines = [chars_to_lines(bucket, text) for bucket in buckets]
    marks_spaces = any(ln.text.endswith(" ") for lines in cell_lines for ln in lines[:-1])
    padding = cell_padding([([ln for ln in lines if ln.text.strip()], rect) for (rect, *_), lines in zip(placed, cell_lines)])
    cells = [
        Cell(row=r, col=c, row_span=rs, col_span=cs, page=page, bbox=tuple(rect),
             text=lines_to_text(lines), wraps=cell_wraps(lines, tuple(rect), cell_marks_spaces(lines, rect, marks_spaces), text),
             cuts=cut_candidates(lines, tuple(rect), cell_marks_spaces(lines, rect, marks_spaces), exact_sides,
                                  padding if exact_sides else None),
             confidence=_confidence(bucket))
        for (rect, r, c, rs, cs), lines, bucket in zip(placed, cell_lines, buckets)
    ]
    n_assigned = sum(1 for b in buckets for ch in b if ch["text"].strip())
    return col_edges, row_edges, cells, n_assigned


def drop_unneeded_columns(col_edges: list[float], n_rows: int, cells: list[Cell],
                          sliver_width: float) -> tuple[list[float], list[Cell]]:
    """Remove the columns no cell needs (``grid.unneeded_columns``: the edges of shading and of
    border strokes that are no cell border) and put the cells on the columns left: a cell's
    sides become the edges it now spans; an empty sliver swallowed by its neighbour is left
    out.  Run on the logical columns, so that rules moved by hand are one edge first."""
    n_cols = len(col_edges) - 1
    spans = [GridSpan(c.row, c.col, c.row_span, c.col_span, bool(c.text.strip())) for c in cells]
    widths = [b - a for a, b in zip(col_edges, col_edges[1:])]
    removed = unneeded_columns(spans, n_rows, n_cols, widths, sliver_width)
    if not removed:
        return col_edges, cells
    kept, moved = collapse_columns(spans, n_rows, removed, n_cols)
    edges = [col_edges[k] for k in kept]
    return edges, [replace(c, col=s.col, col_span=s.col_span,
                           bbox=(edges[s.col], c.bbox[1], edges[s.col + s.col_span], c.bbox[3]))
                   for c, s in zip(cells, moved) if s is not None]


def merged_columns_issue(grid: PieceGrid, page: int) -> Issue:
    return Issue("grid-columns-merged", f"a table's {grid.n_grid_cols} grid columns read as {len(grid.col_edges) - 1} "
                 f"columns: rule edges up to {grid.max_drift * MM_PER_UNIT['points']:.1f} mm apart in different rows taken as one "
                 "column edge (borders moved by hand)", severity="info", page=page)


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
    """The cell rectangles of each ruled table of a pdfplumber page (``graphics_tables``)."""
    return graphics_tables(page.lines + page.rects + page.curves, settings)


@dataclass(frozen=True)
class _Drawn:
    """What pdfplumber's ``TableFinder`` reads of a page with the ``lines`` strategies: its edges."""

    edges: list[dict]


def graphics_edges(graphics: list[dict]) -> list[dict]:
    """pdfplumber's ``page.edges`` of a page's line, rect and curve dicts (pdfminer's or pdfium's):
    the lines' edges, then the rects', then the curves', each in drawing order."""
    kinds = {"line": [], "rect": [], "curve": []}
    for g in graphics:
        kinds[g["object_type"]].append(g)
    return ([plumber_utils.line_to_edge(g) for g in kinds["line"]]
            + [e for g in kinds["rect"] for e in plumber_utils.rect_to_edges(g)]
            + [e for g in kinds["curve"] for e in plumber_utils.curve_to_edges(g)])


def graphics_tables(graphics: list[dict], settings: PdfSettings) -> list[list[BBox]]:
    """The cell rectangles of each ruled table drawn by a page's lines, rects and curves, by
    pdfplumber's table finder (``lines`` strategies); a frame left open on a side (a merged cell
    cut by the page break) is closed first (``frames.closing_edges``).  Shading (a filled
    rectangle with no outline) draws no rules."""
    drawn = _Drawn(graphics_edges([g for g in graphics if not is_shading(g, settings.max_rule_width)]))
    table_settings = settings.pdfplumber_table_settings()
    finder = FinderWithIndex(drawn, table_settings)
    extra = closing_edges(finder.edges, [t.bbox for t in finder.tables], settings.snap_tolerance)
    if extra:
        table_settings = {**table_settings,
                          "explicit_horizontal_lines": [e for e in extra if e["orientation"] == "h"],
                          "explicit_vertical_lines": [e for e in extra if e["orientation"] == "v"]}
        finder = FinderWithIndex(drawn, table_settings)
    tables = finder.tables
    return [[tuple(map(float, c)) for c in t.cells] for t in tables if len(t.cells) >= settings.min_cells]


def read_page(page, settings: PdfSettings, tables: list[list[BBox]] | None = None,
              engine: str = "pdfplumber") -> PageContent:
    chars = page_chars(page)
    if tables is None:
        tables = plumber_tables(page, settings)
    return build_page(page.page_number, float(page.width), float(page.height), chars, tables, engine,
                      settings.grid_tolerance, settings.columns, settings.sliver_width, settings.run_on,
                      settings.text)


def page_chars(page) -> list[dict]:
    return [c for c in page.chars if c["text"].strip() or c["text"] == " "]


def build_page(number: int, width: float, height: float, chars: list[dict], tables: list[list[BBox]], engine: str,
               tolerance: float = PdfSettings.grid_tolerance, columns: ColumnSettings | None = ColumnSettings(),
               sliver_width: float = PdfSettings.sliver_width, run_on: RunOnSettings = RunOnSettings(),
               text: TextSettings = TEXT) -> PageContent:
    """A page's content from its characters (or OCR words) and the cell rectangles of its tables;
    with ``columns``, each table's cells on its logical columns (a grid whose rules were moved
    by hand row group by row group reads as the columns meant, with a ``grid-columns-merged``
    issue)."""
    content = PageContent(number=number, width=width, height=height, n_chars=len(chars))
    tables, boxes = drop_nested_tables(tables)
    for box in boxes:
        content.issues.append(Issue(
            "box-inside-table", "a ruled box lying inside another table (a cell's shading or frame) is not read as a "
            "table of its own: its text stays in the cell around it", severity="info", page=number,
            raw=" ".join("".join(ch["text"] for ch in chars if centre_in(ch, _bbox(box))).split())[:200] or None,
        ))
    inside: set[int] = set()
    centres = CharCentres(chars)
    inked = InkedCentres(chars, centres) if engine != "borderless" and tables else None
    for rects in sorted(tables, key=lambda rs: min(r[1] for r in rs)):
        x0, top, x1, bottom = _bbox(rects)
        mine = centres.inside((x0, top, x1, bottom))
        # a borderless table's bottom is the reader's estimate, no rule: the lines under it were
        # left out of the table by the reader (a heading or paragraph after it), none runs on.
        # A line drawn across the bottom rule may have its centre within the table's margin:
        # it is looked for among the characters other tables have not taken
        runs = run_on_chars(rects, chars, inside, run_on, tolerance, inked) if engine != "borderless" else []
        own = set(map(id, mine))
        mine += [ch for ch, _ in runs if id(ch) not in own]
        inside.update(map(id, mine))
        grid = cells_from_rects(rects, mine, number, tolerance, columns, exact_sides=engine != "borderless",
                                sliver_width=sliver_width, below={id(ch): at for ch, at in runs}, text=text,
                                keep_columns=engine == "borderless")
        content.pieces.append(PagePiece(
            page=number, bbox=(x0, top, x1, bottom), col_edges=grid.col_edges,
            row_edges=grid.row_edges, cells=grid.cells, engine=engine,
            n_text=sum(1 for ch in mine if ch["text"].strip()),
            n_assigned=grid.n_assigned, merged_columns=grid.n_unneeded,
        ))
        if grid.max_drift:
            content.issues.append(merged_columns_issue(grid, number))
    content.lines = chars_to_text_lines((on_type(ch) for ch in chars if id(ch) not in inside), text)
    return content


def on_type(word: dict) -> dict:
    """An OCR word as tall as its line's type (``type_box``, from the baseline), a character as it
    is: a line's own box grows with what it holds (a parenthesis, a speck, an accented capital), so
    the gaps between a paragraph's lines read from those boxes vary, or overlap, and cut it."""
    box = word.get("type_box")
    if box is None or (word["top"], word["bottom"]) == box:
        return word
    return {**word, "top": box[0], "bottom": box[1], "size": box[1] - box[0]}


def _bbox(rects: list[BBox]) -> BBox:
    return min(r[0] for r in rects), min(r[1] for r in rects), max(r[2] for r in rects), max(r[3] for r in rects)


def drop_nested_tables(tables: list[list[BBox]], margin: float = 1.0) -> tuple[list[list[BBox]], list[list[BBox]]]:
    """Tables whose box lies inside another table's box are no tables of their own (the shading
    rectangles of a cell's paragraphs form a little grid): returns (kept, dropped).  Their text
    is read with the table around them, so nothing is lost."""
    boxes = [_bbox(t) for t in tables]

    def within(a: BBox, b: BBox) -> bool:
        return a != b and b[0] - margin <= a[0] and b[1] - margin <= a[1] and a[2] <= b[2] + margin and a[3] <= b[3] + margin
    nested = {i for i, a in enumerate(boxes) if any(within(a, b) for j, b in enumerate(boxes) if j != i)}
    return [t for i, t in enumerate(tables) if i not in nested], [t for i, t in enumerate(tables) if i in nested]


def merged_column_issues(pages: list[PageContent], blocks) -> list[Issue]:
    """An info issue for each table piece whose grid lost columns no cell needed
    (``drop_unneeded_columns``), with the logical table it ended up in."""
    tables = [b for b in blocks if isinstance(b, RawTable)]
    issues = []
    for page in pages:
        for piece in page.pieces:
            if not piece.merged_columns:
                continue
            x0, top, x1, bottom = piece.bbox
            table_no = next((n for n, t in enumerate(tables, 1) for c in t.cells
                             if c.page == page.number and c.bbox
                             and x0 - 1 <= (c.bbox[0] + c.bbox[2]) / 2 <= x1 + 1
                             and top - 1 <= (c.bbox[1] + c.bbox[3]) / 2 <= bottom + 1), None)
            found = piece.n_cols + piece.merged_columns
            issues.append(Issue(
                "unneeded-grid-column",
                f"{piece.merged_columns} of the {found} grid columns found on this page no cell needed "
                f"(edges of shading or of border strokes that are no cell border): merged into their "
                f"neighbours, {piece.n_cols} kept",
                severity="info", page=page.number, table_no=table_no,
            ))
    return issues


def cell_marks_spaces(lines, rect, marks_spaces: bool) -> bool:
    """Does this cell draw the space at which its lines wrap?  The table's evidence holds unless
    the cell's own lines show otherwise: two lines or more filling the cell (within a font size of
    its text edge) with another under them, and not one line ending in a space (a justified cell,
    where LibreOffice draws none: ``Direcția`` + ``generală`` is no cut word).  Lines ending short
    of the edge tell nothing: paragraphs end there (``Număr de activități realizate``)."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not marks_spaces or len(lines) < 3:
        return marks_spaces
    padding = max(0.0, min(ln.x0 for ln in lines) - rect[0])
    right = rect[2] - padding
    own = lines[:-1]
    filled = sum(1 for ln in own if right - ln.x1 < max(ln.size, 1))
    return any(ln.text.endswith(" ") for ln in own) or filled < 2
