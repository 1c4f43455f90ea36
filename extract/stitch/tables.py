"""Page pieces -> logical tables.

A table that runs over several pages arrives as one piece per page.  The
chain below joins them; each step is a small function whose result can be
inspected on its own:

``pages_to_items``      page contents -> table pieces and paragraphs in reading order
``items_to_runs``       consecutive pieces that continue each other (next page, nothing
                        between, same columns) grouped into runs
``run_to_table``        one run -> one ``RawTable``, its rows joined at each page cut (``stitch.rows``)
"""

from __future__ import annotations

import math

from typing import Callable, Sequence

from planuri.extract.pdf.running_lines import furniture_key
from planuri.extract.pdf.text import TEXT, Paragraph, TextSettings, ends_paragraph, lines_to_paragraphs
from planuri.extract.ruled.columns import Extent, logical_columns
from planuri.extract.ruled.grid import cluster_edges, nearest_index
from planuri.extract.ruled.plumber import PageContent, PagePiece
from planuri.extract.stitch.rows import PieceCell, column_profile, join_piece, piece_cells, piece_top, rows_of
from planuri.extract.stitch.settings import StitchSettings
from planuri.extract.types import Block, Cell, Provenance, RawTable, StitchNote, TableQuality, TextBlock

# --------------------------------------------------------------------------- reading order


def pages_to_items(pages: Sequence[PageContent], furniture: set, settings: StitchSettings,
                   text: TextSettings) -> list[tuple[int, object]]:
    """(page, PagePiece | Paragraph) in reading order, running headers and footers left out.
    Paragraphs are built between tables, never across one."""
    items: list[tuple[int, object]] = []
    body = {page.number: sorted((ln for ln in page.lines if furniture_key(ln) not in furniture), key=lambda ln: ln.top)
            for page in pages}
    for page in pages:
        lines = body[page.number]
        right, left = text_area(page, [ln for q in pages if q.width == page.width for ln in body[q.number]],
                                settings.margin_near)
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


def text_area(page: PageContent, lines: Sequence, near_sizes: float) -> tuple[float, float]:
    """The right and left edges of a page's text: the ends of the document's longest lines (on
    pages this wide), or a ruled table's sides where no line comes near them.  A table's borders
    stand out past the margins by its cells' padding: measured from them, a heading's last word
    seems to fit where the layout wrapped it.  (A borderless table's sides are estimates.)
    ``near_sizes``: font sizes within which a line's end is near a table's side."""
    ruled = [p for p in page.pieces if p.engine != "borderless"]
    near = near_sizes * max((ln.size for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=-math.inf)
    left = min((ln.x0 for ln in lines), default=math.inf)
    table_right = max((p.bbox[2] for p in ruled), default=-math.inf)
    table_left = min((p.bbox[0] for p in ruled), default=math.inf)
    if right < table_right - near:
        right = table_right
    if left > table_left + near:
        left = table_left
    return (right if math.isfinite(right) else 0.0), (left if math.isfinite(left) else 0.0)


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
        a_edges, b_edges = a_edges[1:-1], b_edges[1:-1]
        if same_columns(a.col_edges, b.col_edges, settings):
            return True  # the same columns, each page's edges estimated from its own text (``borderless_edges_by_index``)
        if len(a_edges) != len(b_edges):
            # a piece whose cells leave some of the table's edges unused (one row with a cost merged
            # over its funding sources) has fewer: each of its edges must be one of the other's
            small, large = sorted((a_edges, b_edges), key=len)
            return (len(small) * 2 >= len(large)
                    and all(any(abs(x - y) <= tol for y in large) for x in small))
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
    pieces' columns differ in number or lie further apart (``same_columns``)."""
    if len(run) < 2 or not all(p.engine == "borderless" for p in run):
        return None
    if len({len(p.col_edges) for p in run}) != 1:
        return None
    if not all(same_columns(run[0].col_edges, p.col_edges, settings) for p in run[1:]):
        return None
    columns = list(zip(*(p.col_edges for p in run)))
    return [min(columns[0]), *(sum(xs) / len(xs) for xs in columns[1:-1]), max(columns[-1])]


def same_columns(a: Sequence[float], b: Sequence[float], settings: StitchSettings) -> bool:
    """Are two borderless pieces' column edges (outer ones aside) the same columns, each estimated
    from its own page's text?  As many edges, each within ``borderless_drift`` of its pair -- or
    further, up to ``borderless_far``, where the columns beside it are wide enough (a
    ``borderless_pairing`` share of the narrowest of them, on either page) that the pair can be
    no other: a sub-column of empty cost cells whose edge only its labels place."""
    if len(a) != len(b):
        return False
    far = 0
    for i in range(1, len(a) - 1):
        shift = abs(a[i] - b[i])
        if shift <= settings.borderless_drift:
            continue
        narrowest = min(a[i] - a[i - 1], a[i + 1] - a[i], b[i] - b[i - 1], b[i + 1] - b[i])
        far += 1
        if far > 1 or shift > settings.borderless_far or shift > settings.borderless_pairing * narrowest:
            return False
    return True


def _nearest_span(edges: list[float], bbox) -> tuple[int, int]:
    c0, c1 = nearest_index(edges, bbox[0]), nearest_index(edges, bbox[2])
    return c0, max(1, c1 - c0)


# labels a piece's first row must name, none of them the run's own, to head a table of its own
MIN_NEW_HEADER_FIELDS = 3
HEADER_ROWS = 8  # the run's first rows searched for its header (a title row or two may stand above it)


def label_fields(texts: Sequence[str], labels: Callable[[str], object] | None) -> set[str]:
    """The header fields ``labels`` reads in ``texts`` (a fuzzy match gives its ``field``)."""
    if labels is None:
        return set()
    found = (labels(" ".join(t.split())) for t in texts if t.strip())
    return {f if isinstance(f, str) else getattr(f, "field", None) for f in found if f is not None} - {None}


def heads_new_table(run: Sequence[PagePiece], piece: PagePiece, labels: Callable[[str], object] | None) -> bool:
    """Does ``piece`` open with a header of its own: a first row most of whose cells read as labels,
    naming ``MIN_NEW_HEADER_FIELDS`` header fields or more, most of which the run's first rows
    do not name?  A table starting at
    the top of a page, right after a table that ended at the foot of the one before (a report's
    count table ``total | realizat | …``), is no continuation of it, whatever edges the two share;
    a header repeated on each page names the run's own fields (all but a label or two OCR
    misread on one page or the other: ``Nr. crt`` read ``N r. cr U``)."""
    texts = [c.text for c in piece.cells if c.row == 0 and c.text.strip()]
    first = label_fields(texts, labels)
    if len(first) < MIN_NEW_HEADER_FIELDS:
        return False
    if 2 * sum(1 for t in texts if label_fields([t], labels)) <= len(texts):
        return False  # a body row, some of its values reading as labels (``DAS``, ``Buget local``, ``realizat``)
    head = run[0]
    own = label_fields([c.text for c in head.cells if c.row < HEADER_ROWS], labels)
    return 2 * len(first & own) < len(first)


def items_to_runs(items, settings: StitchSettings, labels: Callable[[str], object] | None = None) -> list[object]:
    """Paragraphs stay as ``(page, paragraph)``; table pieces are grouped into runs (lists of
    pieces).  ``labels``: header label -> field, to tell a new table's header from a repeated one."""
    out: list[object] = []
    run: list[PagePiece] | None = None
    for _page, obj in items:
        if isinstance(obj, PagePiece):
            if (run and obj.page == run[-1].page + 1 and compatible(run[-1], obj, settings)
                    and not heads_new_table(run, obj, labels)):
                run.append(obj)
                continue
            run = [obj]
            out.append(run)
        else:
            run = None
            out.append((_page, obj))
    return out


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

    cells: list[PieceCell] = list(pieces_cells[0])
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
           settings: StitchSettings = StitchSettings(), text: TextSettings = TEXT,
           labels: Callable[[str], object] | None = None) -> list[Block]:
    """Page contents -> the document's blocks: logical tables and paragraphs in reading order
    (``text``: the page reader's rules for lines and paragraphs, ``PdfSettings.text``; ``labels``:
    header label -> field, which tells a table starting on a page from the rest of the last one)."""
    blocks: list[Block] = []
    for obj in items_to_runs(pages_to_items(pages, furniture, settings, text), settings, labels):
        if isinstance(obj, list):
            blocks.append(run_to_table(obj, file, sha256, settings))
        else:
            page, para = obj
            blocks.append(TextBlock(text=para.text, bold=para.bold,
                                    provenance=Provenance(file=file, sha256=sha256, engine="pdf-text",
                                                          page=page, bbox=para.bbox)))
    return blocks
