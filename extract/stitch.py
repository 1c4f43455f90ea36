"""Page pieces -> logical tables.

A table that runs over several pages arrives as one piece per page.  The
chain below joins them; each step is a small function whose result can be
inspected on its own:

``pages_to_items``      page contents -> table pieces and paragraphs in reading order
``items_to_runs``       consecutive pieces that continue each other (next page, nothing
                        between, same columns) grouped into runs
``run_to_table``        one run -> one ``RawTable``:
    ``column_profile``      which columns start with codes, are always filled, are merged vertically
    ``leading_repeats``     header rows and column-number rows repeated at the top of a piece
    ``split_row_decision``  does the first row of a piece continue the last row of the previous one?
    ``continues_above``     does a cell of that first row continue the cell above it (a merged cell)?
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from planuri.extract.ro_text import DANGLING, fold, is_number_row, leading_code

from .columns import ColumnSettings, Extent, logical_columns
from .grid import cluster_edges, nearest_index
from .pdf_plumber import PageContent, PagePiece
from .pdf_text import TEXT, Paragraph, TextSettings, ends_paragraph, furniture_key, lines_to_paragraphs
from .repeats import RepeatSettings, find_repeat, strip_repeat
from .types import Block, Cell, Provenance, RawTable, StitchNote, TableQuality, TextBlock


@dataclass(frozen=True)
class StitchSettings:
    edge_tolerance: float = 3.0  # points between column edges taken as the same edge
    shared_edges: float = 0.6  # share of column edges two pieces must share to continue each other
    # points an inner column edge of a borderless table may move from page to page: each page's
    # edges are estimated from its own lines (a wide cell on one page, short ones on the next)
    borderless_drift: float = 12.0
    code_led: float = 0.6  # share of a column's cells starting with a code to call it a code column
    min_coded_cells: int = 3  # cells a column needs, all starting with a code, to expect a code in every row
    always_filled: float = 0.85  # share of rows with text in a column to call it always filled
    merged_column: float = 0.2  # share of a column's cells spanning rows to call it a merged column
    header_rows: int = 5  # rows at the top of the first piece that a later piece may repeat
    repeated_cells: int = 2  # cells of a page's first row equal to the row above's, whole: a row of its own
    empty_columns_of: int = 3  # a first row leaving empty one in this many always-filled columns is a row of its own
    columns: ColumnSettings = ColumnSettings()  # rules moved by hand: a few mm apart from page to page
    repeats: RepeatSettings = RepeatSettings()  # a header block a later piece repeats (possibly clipped, misread)
    paragraph_gap: float = 0.3  # lines a gap wider than the tightest by this share of their size apart: a new paragraph
    paragraph_gap_ocr: float = 0.8  # ... on an OCR'd page: its lines are as tall as their accents, their gaps vary more


# --------------------------------------------------------------------------- reading order


def pages_to_items(pages: Sequence[PageContent], furniture: set, settings: StitchSettings,
                   text: TextSettings) -> list[tuple[int, object]]:
    """(page, PagePiece | Paragraph) in reading order, running headers and footers left out.
    Paragraphs are built between tables, never across one."""
    items: list[tuple[int, object]] = []
    for page in pages:
        lines = sorted((ln for ln in page.lines if furniture_key(ln) not in furniture), key=lambda ln: ln.top)
        # the text area: lines and ruled tables (a borderless table's sides are estimates)
        ruled = [p for p in page.pieces if p.engine != "borderless"]
        right = max([ln.x1 for ln in lines] + [p.bbox[2] for p in ruled], default=0.0)
        left = min([ln.x0 for ln in lines] + [p.bbox[0] for p in ruled], default=0.0)
        tops = sorted(p.bbox[1] for p in page.pieces)
        regions: dict[int, list] = {}
        for ln in lines:
            regions.setdefault(sum(t < ln.top for t in tops), []).append(ln)
        on_page: list[tuple[float, object]] = [(p.bbox[1], p) for p in page.pieces]
        for region in regions.values():
            tolerance = settings.paragraph_gap_ocr if page.method == "ocr" else settings.paragraph_gap
            on_page += [(para.bbox[1], para) for para in lines_to_paragraphs(region, right, left, tolerance, text)]
        page_items = [obj for _, obj in sorted(on_page, key=lambda t: t[0])]
        if items and page_items and goes_on(items[-1], page.number, page_items[0], right, text):
            first = page_items.pop(0)
            last = items[-1][1]
            items[-1] = (items[-1][0], Paragraph(text=f"{last.text}\n{first.text}", bbox=last.bbox, bold=last.bold,
                                                 first=last.first, last=first.last))
        items.extend((page.number, obj) for obj in page_items)
    return items


def goes_on(previous: tuple[int, object], page: int, first: object, right: float, text: TextSettings) -> bool:
    """Does the page's first paragraph carry on the previous page's last one (a heading or a
    paragraph cut by the page break)?  Only paragraphs in the same weight, and only when the
    first word of the new page would not have fitted at the end of the last line: a layout
    ends a line early only where a paragraph ends."""
    last_page, last = previous
    if last_page != page - 1 or not isinstance(last, Paragraph) or not isinstance(first, Paragraph):
        return False
    if last.bold != first.bold or last.last is None or first.first is None:
        return False
    return not ends_paragraph(last.last, first.first, right, text)


def compatible(a: PagePiece, b: PagePiece, settings: StitchSettings) -> bool:
    """Do two pieces share their column edges?  A borderless piece's outer edges are estimates
    (its widest lines differ from page to page): only its inner edges are compared.  Ruled
    pieces have the same outer edges; their inner ones may lie a few mm apart (rules moved by
    hand row group by row group: each piece's logical edges are its own rows')."""
    tol = inner = settings.edge_tolerance
    a_edges, b_edges = a.col_edges, b.col_edges
    if a.engine == b.engine == "borderless":
        if len(a_edges) != len(b_edges):
            return False
        a_edges, b_edges = a_edges[1:-1], b_edges[1:-1]
    elif abs(a_edges[0] - b_edges[0]) > tol or abs(a_edges[-1] - b_edges[-1]) > tol:
        return False
    else:
        inner = settings.columns.drift("points")
    shared = sum(any(abs(x - y) <= inner for y in a_edges) for x in b_edges)
    return shared >= settings.shared_edges * max(len(a_edges), len(b_edges))


def run_edges(run: Sequence[PagePiece], settings: StitchSettings) -> list[float]:
    """The run's common column edges (a borderless run: the outermost of its outer edges)."""
    if all(p.engine == "borderless" for p in run):
        inner = cluster_edges([x for p in run for x in p.col_edges[1:-1]], settings.edge_tolerance)
        return [min(p.col_edges[0] for p in run), *inner, max(p.col_edges[-1] for p in run)]
    return cluster_edges([x for p in run for x in p.col_edges], settings.edge_tolerance)


def run_columns(run: Sequence[PagePiece], settings: StitchSettings) -> tuple[list[float], list[list[tuple[int, int]]]]:
    """The run's logical columns from the cells of all its pieces (``extract.columns``: rules moved
    by hand lie a few mm apart from page to page as from row to row, the first page's header
    anchors them), and each piece's cells on them as ``(col, col_span)``.  A borderless run,
    or cells that make no ordered columns, fall back on the pieces' edges clustered."""
    if not all(p.engine == "borderless" for p in run):
        extents = [Extent(c.bbox[0], c.bbox[2], tuple((i, r) for r in range(c.row, c.row + c.row_span)))
                   for i, p in enumerate(run) for c in p.cells]
        found = logical_columns(extents, settings.columns.drift("points"), settings.edge_tolerance,
                                row_order=[(0, r) for r in range(run[0].n_rows)])
        if found is not None:
            spans, out = iter(found.spans), []
            for p in run:
                out.append([next(spans) for _ in p.cells])
            return list(found.edges), out
    by_index = borderless_edges_by_index(run, settings)
    if by_index is not None:
        return by_index, [[(c.col, c.col_span) for c in p.cells] for p in run]
    edges = run_edges(run, settings)
    return edges, [[_nearest_span(edges, c.bbox) for c in p.cells] for p in run]


def borderless_edges_by_index(run: Sequence[PagePiece], settings: StitchSettings) -> list[float] | None:
    """A borderless run whose pieces have the same columns, each edge a little off from page to
    page (estimated from each page's own text): the mean edge of each column, so that every
    piece keeps its own columns -- clustered, edges a few points apart would split a column in
    two and its header would no longer be found repeated.  None when the run is ruled, or its
    pieces' columns differ in number or lie further apart than ``borderless_drift``."""
    if len(run) < 2 or not all(p.engine == "borderless" for p in run):
        return None
    if len({len(p.col_edges) for p in run}) != 1:
        return None
    columns = list(zip(*(p.col_edges for p in run)))
    if any(max(xs) - min(xs) > settings.borderless_drift for xs in columns[1:-1]):
        return None
    return [min(columns[0]), *(sum(xs) / len(xs) for xs in columns[1:-1]), max(columns[-1])]


def _nearest_span(edges: list[float], bbox) -> tuple[int, int]:
    c0, c1 = nearest_index(edges, bbox[0]), nearest_index(edges, bbox[2])
    return c0, max(1, c1 - c0)


def items_to_runs(items, settings: StitchSettings) -> list[object]:
    """Paragraphs stay as ``(page, paragraph)``; table pieces are grouped into runs (lists of pieces)."""
    out: list[object] = []
    run: list[PagePiece] | None = None
    for _page, obj in items:
        if isinstance(obj, PagePiece):
            if run and obj.page == run[-1].page + 1 and compatible(run[-1], obj, settings):
                run.append(obj)
                continue
            run = [obj]
            out.append(run)
        else:
            run = None
            out.append((_page, obj))
    return out


# --------------------------------------------------------------------------- one run


@dataclass
class _Cell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    page: int
    bbox: tuple
    wraps: tuple[bool, ...] = ()
    confidence: float | None = None
    cuts: tuple[int, ...] = ()

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row < self.row + self.row_span and self.col <= col < self.col + self.col_span


@dataclass
class ColumnProfile:
    code_led: set[int] = field(default_factory=set)
    always_coded: set[int] = field(default_factory=set)  # every cell starts with a code
    always_filled: set[int] = field(default_factory=set)
    merged: set[int] = field(default_factory=set)


def piece_cells(piece: PagePiece, spans: list[tuple[int, int]]) -> list[_Cell]:
    """The piece's cells on the run's common columns (``spans``: each cell's column and span there)."""
    return [_Cell(c.row, col, c.row_span, span, c.text, piece.page, c.bbox, c.wraps, c.confidence, c.cuts)
            for c, (col, span) in zip(piece.cells, spans)]


def rows_of(cells: Iterable[_Cell], n_rows: int) -> list[list[_Cell]]:
    rows: list[list[_Cell]] = [[] for _ in range(n_rows)]
    for c in cells:
        rows[c.row].append(c)
    return [sorted(r, key=lambda c: c.col) for r in rows]


def column_profile(pieces_cells: Sequence[list[_Cell]], n_cols: int, settings: StitchSettings) -> ColumnProfile:
    starts = [0] * n_cols
    coded = [0] * n_cols
    spanning = [0] * n_cols
    filled = [0] * n_cols
    n_rows = 0
    for cells in pieces_cells:
        height = max((c.row + c.row_span for c in cells), default=0)
        for r in range(height):
            row_filled = [False] * n_cols
            for c in cells:
                if c.covers(r, c.col) and c.text.strip():
                    for cc in range(c.col, c.col + c.col_span):
                        row_filled[cc] = True
            if sum(row_filled) >= 2 and not any(c.row == r and c.col_span == n_cols for c in cells):
                n_rows += 1
                filled = [f + int(x) for f, x in zip(filled, row_filled)]
        for c in cells:
            if c.text.strip() and c.col_span < n_cols:
                starts[c.col] += 1
                coded[c.col] += leading_code(c.text) is not None
                spanning[c.col] += c.row_span > 1
    profile = ColumnProfile()
    for col in range(n_cols):
        if starts[col] and coded[col] >= settings.code_led * starts[col]:
            profile.code_led.add(col)
        if starts[col] >= settings.min_coded_cells and coded[col] == starts[col]:
            profile.always_coded.add(col)
        if starts[col] and spanning[col] >= settings.merged_column * starts[col]:
            profile.merged.add(col)
        if n_rows and filled[col] >= settings.always_filled * n_rows:
            profile.always_filled.add(col)
    return profile


def row_key(row: list[_Cell]) -> tuple:
    return tuple((c.col, c.col_span, fold(c.text)) for c in row)


def leading_repeats(rows: list[list[_Cell]], first_rows: list[list[_Cell]], settings: StitchSettings) -> tuple[int, list[str]]:
    """How many rows at the top of a piece repeat the table's header or number row."""
    keys = [row_key(r) for r in first_rows[: settings.header_rows] if r]
    dropped, what = 0, []
    for row in rows:
        if not row:
            dropped += 1
            what.append("empty")
        elif row_key(row) in keys:
            dropped += 1
            what.append("number-row" if is_number_row(row) else "header")
        elif is_number_row(row):
            dropped += 1
            what.append("number-row")
        else:
            break
    return dropped, what


@dataclass
class PieceTop:
    """A continuation piece with its repeated header taken off: its cells, how many grid rows at
    its top are not body (``skip``), what they were, and how deep the repeated header is on the
    first piece."""

    cells: list[_Cell]
    skip: int
    dropped: list[str]
    header_depth: int


def piece_top(first_cells: list[_Cell], first_rows: list[list[_Cell]], cells: list[_Cell], n_rows: int,
              settings: StitchSettings) -> PieceTop:
    """Take the header the piece repeats off its top (``repeats``), then any number row, empty row
    or exact copy of a first-piece row left above its body."""
    repeat = find_repeat(first_cells, cells, settings.repeats)
    skip, dropped, depth = 0, [], 0
    if repeat is not None:
        cells, skip = strip_repeat(cells, repeat)
        dropped, depth = ["header"] * skip, repeat.start + repeat.rows
    more, what = leading_repeats(rows_of(cells, n_rows)[skip:], first_rows, settings)
    return PieceTop(cells=cells, skip=skip + more, dropped=dropped + what, header_depth=max(depth, more if not skip else 0))


def _starts_lower(text: str) -> bool:
    for ch in text.strip():
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return True  # only punctuation: a fragment


def split_row_decision(row: list[_Cell], n_cols: int, profile: ColumnProfile,
                       above: dict[int, str] | None = None, heading_above: bool = False,
                       settings: StitchSettings = StitchSettings()) -> tuple[bool, str]:
    """Is this first row of a new page the rest of the last row of the previous page?
    ``above``: grid column -> text of the last row so far, where it has text.  A row cut by a
    page break starts the text of every cell on the first page (cells are top-aligned): a cell
    with text under an empty one starts a row of its own, one carrying on a sentence cut
    after a dangling word (``tineri cu`` + ``dizabilitati``), a comma or a hyphen continues the
    row, and so does text with no code in a column where every row starts with one -- unless two
    cells or more say again, whole, what the cells above say (a new row under the same deadline
    and funding: the rest of a cut cell never repeats the whole cell).  A heading
    row (one cell across the table) under a heading row goes on with it when it starts with a
    small letter (a heading cut by the page break)."""
    texts = [c for c in row if c.text.strip()]
    if len(texts) == 1 and texts[0].col_span >= n_cols - 1:
        if heading_above and _starts_lower(texts[0].text) and texts[0].text.strip()[:1].isalpha():
            return True, "a heading cut by the page break goes on"
        return False, "a heading row"
    if above is not None:
        new = [c.col for c in texts if not set(above) & set(range(c.col, c.col + c.col_span))]
        if new:
            return False, f"column {new[0] + 1} has text where the row above has none"
    for c in row:
        if c.col in profile.code_led and leading_code(c.text):
            return False, f"column {c.col + 1} starts with code {leading_code(c.text)}"
    if above is not None:
        # cells that say again, whole, what the row above says (``Trim I-IV``, ``Buget local``) are a
        # new row's: the rest of a cut cell never repeats the whole cell
        again = [c.col for c in texts if c.col in above and c.col not in profile.merged
                 and " ".join(c.text.split()) == " ".join(above[c.col].split())]
        if len(again) >= settings.repeated_cells:
            return False, f"columns {', '.join(str(col + 1) for col in again)} repeat the row above's cells whole"
        # a cell merged down over rows (an objective, a measure) goes on over the break whether the row is cut or not
        cut = [c.col for c in texts if c.col in above and c.col not in profile.merged
               and continues_text(above[c.col], c.text)]
        if cut:
            return True, f"column {cut[0] + 1} carries on the sentence cut above"
    uncoded = [c.col for c in texts if c.col in profile.always_coded and c.col not in profile.merged
               and not leading_code(c.text)]
    if uncoded:
        return True, f"column {uncoded[0] + 1}, where every row starts with a code, goes on without one"
    filled = [False] * n_cols
    for c in texts:
        for cc in range(c.col, c.col + c.col_span):
            filled[cc] = True
    identity = sorted(profile.code_led - profile.merged)
    expected = sorted(profile.always_filled - profile.merged - set(identity))
    empty = [col for col in expected if not filled[col]]
    if identity and empty:
        return True, f"no code in code column {identity[0] + 1} and {len(empty)} always-filled columns empty"
    if expected and empty and len(empty) * settings.empty_columns_of >= len(expected):
        return True, f"{len(empty)} of {len(expected)} always-filled columns are empty"
    sentences = [c.text for c in texts if c.col not in profile.merged]
    if sentences and all(_starts_lower(t) for t in sentences):
        return True, "every cell continues a sentence"
    return False, "a row of its own"


def continues_text(above: str, below: str, marks: bool = True) -> bool:
    """Does ``below`` (first line on a new page) carry on the sentence ``above`` stops in: after
    a comma or a hyphen (with ``marks``), or, when it starts with a small letter, after a
    dangling word?"""
    last = above.rstrip().split()[-1:] if above.strip() else []
    if not last or not below.strip():
        return False
    if marks and last[0][-1] in CONTINUING_MARKS and last[0][:-1][-1:].isalnum():
        return True  # "beneficiari," "2025-" (a lone "-" is a cell's "none")
    return _starts_lower(below) and last[0].lower() in DANGLING


CONTINUING_MARKS = ",-–"  # a cell's text ending in one of these stops mid-sentence


def continues_above(c: _Cell, above: _Cell | None, last: int, is_split: bool, profile: ColumnProfile,
                    n_cols: int) -> bool:
    """Does cell ``c``, in the first row of a new page, continue ``above`` (the cell covering
    the last row so far) rather than start a cell of its own?"""
    if above is None:
        return False
    if above.col_span >= n_cols:  # a heading row: only the rest of a heading cut by the break goes on it
        return is_split and c.col_span >= n_cols - 1
    if is_split:
        return True
    if c.col in profile.code_led and not leading_code(c.text):
        # a code column's cell with no code is the rest of a merged objective or measure
        if c.col in profile.merged or not c.text.strip() or _starts_lower(c.text):
            return True
    if (c.col in profile.merged and not c.text.strip() and c.row_span > 1 and above.row_span > 1
            and above.row + above.row_span - 1 == last):
        # an empty cell merged down a column of merged cells, under one merged down to the break:
        # the rest of that cell (its text set in the middle or at the top of the first page's part)
        return True
    # (a list ending in a comma above a new row's cell is no merged cell: dangling words only)
    return above.row + above.row_span - 1 == last and continues_text(above.text, c.text, marks=False)


def append_text(above: _Cell, c: _Cell) -> None:
    """Carry a cell's text over the page break; the break is a wrap when the text goes on mid-sentence."""
    if c.confidence is not None:
        above.confidence = c.confidence if above.confidence is None else min(above.confidence, c.confidence)
    if not above.text.strip():
        above.text, above.wraps, above.cuts = c.text, c.wraps, c.cuts
        return
    lines_above = above.text.count("\n") + 1
    wraps_above = above.wraps or (False,) * (lines_above - 1)
    wraps_below = c.wraps or (False,) * c.text.count("\n")
    above.text = f"{above.text}\n{c.text}"
    above.wraps = (*wraps_above, _starts_lower(c.text), *wraps_below)
    above.cuts = (*(above.cuts or (0,) * lines_above), *(c.cuts or (0,) * (c.text.count("\n") + 1)))


def join_piece(cells: list[_Cell], row_pages: list[list[int]], piece: PagePiece, keep: list[_Cell], n_new: int,
               profile: ColumnProfile, n_cols: int, notes: list[StitchNote], settings: StitchSettings) -> None:
    """Append the ``n_new`` rows of one continuation piece (repeated header rows removed) to the table."""
    last = len(row_pages) - 1
    above = {col: a.text for a in cells if a.covers(last, a.col) and a.text.strip()
             for col in range(a.col, a.col + a.col_span)}
    heading_above = sum(1 for a in cells if a.covers(last, a.col) and a.text.strip()) == 1 and any(
        a.covers(last, a.col) and a.text.strip() and a.col_span >= n_cols - 1 for a in cells)
    first_row = [c for c in keep if c.row == 0]
    is_split, reason = split_row_decision(first_row, n_cols, profile, above, heading_above, settings)
    offset = last if is_split else last + 1
    for c in keep:
        above = next((a for a in cells if a.covers(last, c.col)), None) if c.row == 0 else None
        if c.row == 0 and continues_above(c, above, last, is_split, profile, n_cols):
            if c.text.strip():
                append_text(above, c)
            above.row_span = max(above.row_span, c.row_span + (last - above.row) + (0 if is_split else 1))
            if not is_split:
                notes.append(StitchNote(page=piece.page, action="continued-cell", row=last + 1,
                                        reason=f"column {c.col + 1} continues the merged cell above"))
        else:
            c.row += offset
            cells.append(c)
    if is_split:
        notes.append(StitchNote(page=piece.page, action="merged-split-row", row=last, reason=reason))
        row_pages[last][1] = piece.page
    elif first_row:
        notes.append(StitchNote(page=piece.page, action="new-row-at-break", row=last + 1, reason=reason))
    row_pages.extend([piece.page, piece.page] for _ in range(n_new - (1 if is_split else 0)))


def run_to_table(run: list[PagePiece], file: str, sha256: str, settings: StitchSettings) -> RawTable:
    edges, spans = run_columns(run, settings)
    n_cols = len(edges) - 1
    pieces_cells = [piece_cells(p, s) for p, s in zip(run, spans)]
    first_rows = rows_of(pieces_cells[0], run[0].n_rows)
    tops = [piece_top(pieces_cells[0], first_rows, pc, p.n_rows, settings) for p, pc in zip(run[1:], pieces_cells[1:])]
    # rows repeated on later pages are header rows on the first page too: keep them out of the profile,
    # and the first rows of later pieces as well: whether they are rows at all is the question
    header_depth = max((top.header_depth for top in tops), default=0)
    body = [[c for c in pieces_cells[0] if c.row >= header_depth]]
    body += [[c for c in top.cells if c.row > top.skip] for top in tops]
    profile = column_profile(body, n_cols, settings)

    cells: list[_Cell] = list(pieces_cells[0])
    row_pages: list[list[int]] = [[run[0].page, run[0].page] for _ in range(run[0].n_rows)]
    notes: list[StitchNote] = []
    for piece, top in zip(run[1:], tops):
        notes.append(StitchNote(page=piece.page, action="joined", reason="continues the table of the previous page"))
        notes.extend(StitchNote(page=piece.page, action=f"dropped-{kind}", reason=f"row {i + 1} of the page piece")
                     for i, kind in enumerate(top.dropped))
        keep = [c for c in top.cells if c.row >= top.skip]
        for c in keep:
            c.row -= top.skip
        if keep and piece.n_rows > top.skip:
            join_piece(cells, row_pages, piece, keep, piece.n_rows - top.skip, profile, n_cols, notes, settings)

    n_rows = len(row_pages)
    prov = Provenance(file=file, sha256=sha256, engine=run[0].engine, page=run[0].page, bbox=run[0].bbox,
                      pages=tuple(p.page for p in run))
    return RawTable(
        cells=tuple(
            Cell(row=c.row, col=c.col, text=c.text, row_span=max(1, min(c.row_span, n_rows - c.row)),
                 col_span=c.col_span, page=c.page, bbox=c.bbox, wraps=c.wraps, confidence=c.confidence,
                 cuts=c.cuts)
            for c in sorted(cells, key=lambda c: (c.row, c.col))
        ),
        n_rows=n_rows, n_cols=n_cols, provenance=prov, notes=tuple(notes),
        row_pages=tuple((a, b) for a, b in row_pages), quality=run_quality(run),
    )


def run_quality(run: Sequence[PagePiece]) -> TableQuality:
    """Share of the text assigned to cells and share of empty slots, over the run's pieces."""
    n_text = sum(p.n_text for p in run)
    slots = sum(p.n_rows * p.n_cols for p in run)
    return TableQuality(assigned=round(sum(p.n_assigned for p in run) / n_text, 4) if n_text else 1.0,
                        empty=round(sum(p.n_empty_slots for p in run) / slots, 4) if slots else 0.0)


def stitch(pages: Sequence[PageContent], furniture: set, file: str, sha256: str,
           settings: StitchSettings = StitchSettings(), text: TextSettings = TEXT) -> list[Block]:
    """Page contents -> the document's blocks: logical tables and paragraphs in reading order
    (``text``: the page reader's rules for lines and paragraphs, ``PdfSettings.text``)."""
    blocks: list[Block] = []
    for obj in items_to_runs(pages_to_items(pages, furniture, settings, text), settings):
        if isinstance(obj, list):
            blocks.append(run_to_table(obj, file, sha256, settings))
        else:
            page, para = obj
            blocks.append(TextBlock(text=para.text, bold=para.bold,
                                    provenance=Provenance(file=file, sha256=sha256, engine="pdf-text",
                                                          page=page, bbox=para.bbox)))
    return blocks
