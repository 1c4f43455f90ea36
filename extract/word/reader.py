"""DOCX: the body's paragraphs and tables in document order, each table walked once.

A table is read from its XML, row by row (``w:tr``) and cell by cell
(``w:tc``): the grid column starts at ``w:gridBefore`` and advances by each
cell's ``w:gridSpan``; a ``w:vMerge`` continuation cell extends the cell open
at that grid column instead of repeating it.  ``table.cell(r, c)`` is never
used: it repeats merged cells and rebuilds the grid on every call.  The cells
are then put on the table's logical columns (``to_logical_columns``).

Document order, wherever Word nests things: content controls (``w:sdt``) and
custom XML around paragraphs, tables, rows or cells are looked through; a text
box (``w:txbxContent``) is read where it is anchored -- the text of its anchor
paragraph before it, its paragraphs and tables, then the rest of the anchor
paragraph; a table nested in a cell is a table of its own, placed right after
the table holding it (nested tables in the order of their cells, row by row),
and the cell keeps only its own paragraphs (an info issue ``nested-table``
links the two).  Check boxes read as ☐ / ☒ (``word.text``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from docx.oxml.ns import qn
from lxml import etree

from planuri.extract.issues import Issue
from planuri.extract.ro_text import clean

from planuri.extract.ruled.columns import MM_PER_UNIT, ColumnSettings, Extent, logical_columns
from planuri.extract.word.package import open_document
from planuri.extract.word.text import W_TXBX, paragraph_is_bold, pieces
from planuri.extract.types import Block, Cell, ExtractedDocument, Provenance, RawTable, TextBlock

W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
W_SDT, W_SDT_CONTENT, W_CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")


def read_docx(path: Path, sha256: str, source: Path | None = None,
              columns: ColumnSettings = ColumnSettings()) -> ExtractedDocument:
    """Blocks of a DOCX; ``source`` is the file the user gave when ``path`` was converted from it;
    ``columns``: how far a grid edge dragged by hand may stand from its column's edge."""
    document, strict = open_document(path)
    prov = Provenance(file=str(source or path), sha256=sha256, engine="docx")
    links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
    issues: list[Issue] = []
    if strict:
        issues.append(Issue("strict-ooxml", "saved as Strict Open XML: read through its transitional namespaces",
                            severity="info"))
    blocks: list[Block] = []

    def add_table(tbl: etree._Element) -> int | None:
        table, table_issues, nested = table_from_xml(tbl, prov, links, columns)
        if table.n_rows:
            blocks.append(table)
        table_no = sum(isinstance(b, RawTable) for b in blocks) or None
        issues.extend(i.at(table_no=table_no) for i in table_issues)
        for (row, col), inner in nested:
            inner_no = add_table(inner)
            issues.append(Issue("nested-table", f"row {row + 1}, column {col + 1} holds a table of its own: read as "
                                f"table {inner_no}, right after this one; the cell keeps its own paragraphs",
                                severity="info", table_no=table_no, row_no=row + 1))
        return table_no if table.n_rows else None

    for kind, item, p in block_items(document.element.body):
        if kind == "tbl":
            add_table(item)
        elif item.strip():
            blocks.append(TextBlock(text=item, provenance=prov, bold=paragraph_is_bold(p)))
    return ExtractedDocument(
        path=str(source or path), sha256=sha256, format="docx", pages=None,
        blocks=tuple(blocks), issues=tuple(issues),
    )


def block_items(container: etree._Element) -> Iterator[tuple[str, object, etree._Element]]:
    """``("p", text, paragraph)`` and ``("tbl", table, table)`` in document order: paragraphs
    (split where a text box is anchored, the box's own blocks between), tables, looking through
    content controls and custom XML."""
    for el in container:
        tag = el.tag
        if tag == W_P:
            yield from paragraph_items(el)
        elif tag == W_TBL:
            yield "tbl", el, el
        elif tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                yield from block_items(content)
        elif tag == W_CUSTOM_XML:
            yield from block_items(el)


def paragraph_items(p: etree._Element) -> Iterator[tuple[str, object, etree._Element]]:
    """A paragraph's text -- always one item, empty or not -- with the blocks of the text boxes
    anchored in it where they stand."""
    text, split = [], False
    for piece in pieces(p):
        if isinstance(piece, str):
            text.append(piece)
            continue
        if "".join(text).strip():
            yield "p", clean("".join(text)), p
        text, split = [], True
        if piece.tag == W_TXBX:
            yield from block_items(piece)
        else:
            yield "tbl", piece, piece
    if not split or "".join(text).strip():
        yield "p", clean("".join(text)), p


def cell_content(tc: etree._Element) -> tuple[str, list[etree._Element]]:
    """A cell's paragraphs joined by line breaks (a text box's paragraphs among them, where
    anchored), and the tables nested in it."""
    lines, nested, after_table = [], [], False
    for kind, item, _el in block_items(tc):
        if kind == "tbl":
            nested.append(item)
        elif item or not after_table:  # Word ends a cell's nested table with an empty paragraph
            lines.append(item)
        after_table = kind == "tbl"
    return "\n".join(lines), nested


def rows_of(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's own rows (``w:tr``), looking through content controls and custom XML around them."""
    yield from _children(tbl, W_TR)


def cells_of(tr: etree._Element) -> Iterator[etree._Element]:
    """A row's own cells (``w:tc``), looking through content controls and custom XML around them."""
    yield from _children(tr, W_TC)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag == W_SDT:
            content = el.find(W_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif el.tag == W_CUSTOM_XML:
            yield from _children(el, tag)


def _int_attr(parent: etree._Element | None, path: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(path)
    if el is None:
        return default
    try:
        return int(el.get(qn("w:val"), default))
    except ValueError:
        return default


def cell_links(tc: etree._Element, links: dict[str, str]) -> list[str]:
    """Targets of the cell's hyperlinks, in order, each once."""
    out = []
    for h in tc.iter(qn("w:hyperlink")):
        target = links.get(h.get(qn("r:id")) or "")
        if target and target not in out:
            out.append(target)
    return out


def table_from_xml(tbl: etree._Element, prov: Provenance, links: dict[str, str] | None = None,
                   columns: ColumnSettings = ColumnSettings()
                   ) -> tuple[RawTable, list[Issue], list[tuple[tuple[int, int], etree._Element]]]:
    """The table, its issues, and the tables nested in its cells with the (row, column) of each."""
    links = links or {}
    nested: list[tuple[list, etree._Element]] = []  # (the cell holding it, the nested w:tbl)
    issues: list[Issue] = []
    grid_cols = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    # cells as mutable [row, col, text, row_span, col_span, links]
    cells: list[list] = []
    open_at: dict[int, list] = {}  # grid column -> cell whose vertical merge may continue there
    rows = list(rows_of(tbl))
    width = grid_cols
    for r, tr in enumerate(rows):
        tr_pr = tr.find(qn("w:trPr"))
        col = _int_attr(tr_pr, qn("w:gridBefore"), 0)
        for tc in cells_of(tr):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _int_attr(tc_pr, qn("w:gridSpan"), 1))
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            above = open_at.get(col)
            text, inner = cell_content(tc)
            if continues and above is not None and above[1] == col and above[0] + above[3] == r:
                nested += [(above, t) for t in inner]
                above[3] += 1
                extra = text
                if extra.strip():
                    above[2] = f"{above[2]}\n{extra}" if above[2] else extra
                above[5] += [t for t in cell_links(tc, links) if t not in above[5]]
            else:
                if continues:
                    issues.append(Issue(
                        "irregular-vertical-merge",
                        f"row {r + 1}, column {col + 1} continues a vertical merge that has no cell above; read as its own cell",
                        severity="info", row_no=r + 1,
                    ))
                cell = [r, col, text, 1, span, cell_links(tc, links)]
                cells.append(cell)
                nested += [(cell, t) for t in inner]
                for c in range(col, col + span):
                    open_at[c] = cell
            col += span
        width = max(width, col + _int_attr(tr_pr, qn("w:gridAfter"), 0))
    width, remap_issue = to_logical_columns(cells, grid_widths(tbl), width, columns)
    issues += [remap_issue] if remap_issue else []
    table = RawTable(
        cells=tuple(Cell(row=r, col=c, text=t, row_span=rs, col_span=cs, links=tuple(lk))
                    for r, c, t, rs, cs, lk in cells),
        n_rows=len(rows), n_cols=width, provenance=prov,
    )
    return table, issues, [((cell[0], cell[1]), inner) for cell, inner in nested]


def grid_widths(tbl: etree._Element) -> list[int] | None:
    """Widths (twips) of the table's grid columns; None when a column has none."""
    widths = []
    for gc in tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"):
        try:
            widths.append(int(float(gc.get(qn("w:w"), ""))))
        except ValueError:
            return None
    return widths


def to_logical_columns(cells: list[list], widths: list[int] | None, n_grid: int,
                       settings: ColumnSettings = ColumnSettings()) -> tuple[int, Issue | None]:
    """Put the cells (``[row, col, text, row_span, col_span, links]``, changed in place) on the
    table's logical columns, found from the cells' edges on the grid's widths (see
    ``extract.columns``): a grid whose edges a person dragged apart row group by row group
    reads as the columns they meant.  Returns the number of columns and an issue when the
    grid was not the columns."""
    if not cells or not widths or len(widths) < n_grid or any(w < 0 for w in widths):
        return n_grid, None
    x = [sum(widths[:i]) for i in range(len(widths) + 1)]
    drift = settings.drift("twips")
    used = sorted({x[c] for _r, c, *_ in cells} | {x[c + cs] for _r, c, _t, _rs, cs, _lk in cells})
    if len(used) == n_grid + 1 and all(b - a > drift for a, b in zip(used, used[1:])):
        return n_grid, None  # every grid edge a cell edge, none within a drift of another: the grid is the columns
    extents = [Extent(x[c], x[c + cs], tuple(range(r, r + rs))) for r, c, _t, rs, cs, _lk in cells]
    found = logical_columns(extents, drift)
    if found is None or (found.n_cols == n_grid and all(
            (c[1], c[4]) == span for c, span in zip(cells, found.spans))):
        return n_grid, None
    for cell, (col, span) in zip(cells, found.spans):
        cell[1], cell[4] = col, span
    if found.merged:
        issue = Issue("grid-columns-merged", f"{n_grid} grid columns read as {found.n_cols} columns: cell edges up to "
                      f"{found.max_drift * MM_PER_UNIT['twips']:.1f} mm apart in different rows taken as one "
                      "column edge (borders moved by hand)", severity="info")
    else:
        issue = Issue("unneeded-grid-column", f"{n_grid} grid columns read as {found.n_cols} columns: "
                      f"{n_grid - found.n_cols} grid column(s) hold no cell edge", severity="info")
    return found.n_cols, issue
