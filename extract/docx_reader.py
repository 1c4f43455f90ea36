"""DOCX: the body's paragraphs and tables in order, each table walked once.

A table is read from its XML, row by row (``w:tr``) and cell by cell
(``w:tc``): the grid column starts at ``w:gridBefore`` and advances by each
cell's ``w:gridSpan``; a ``w:vMerge`` continuation cell extends the cell open
at that grid column instead of repeating it.  ``table.cell(r, c)`` is never
used: it repeats merged cells and rebuilds the grid on every call.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from planuri.issues import Issue
from planuri.ro_text import clean

from .columns import MM_PER_UNIT, ColumnSettings, Extent, logical_columns
from .types import Block, Cell, ExtractedDocument, Provenance, RawTable, TextBlock

W_P, W_TBL, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
TEXT_TAGS = {
    qn("w:t"): None,
    qn("w:tab"): " ",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}


def read_docx(path: Path, sha256: str, source: Path | None = None) -> ExtractedDocument:
    """Blocks of a DOCX; ``source`` is the file the user gave when ``path`` was converted from it."""
    document = docx.Document(str(path))
    prov = Provenance(file=str(source or path), sha256=sha256, engine="docx")
    links = {rid: rel.target_ref for rid, rel in document.part.rels.items() if rel.is_external}
    issues: list[Issue] = []
    blocks: list[Block] = []
    for el in body_elements(document.element.body):
        if el.tag == W_P:
            text = paragraph_text(el)
            if text.strip():
                blocks.append(TextBlock(text=text, provenance=prov, bold=paragraph_is_bold(el)))
        elif el.tag == W_TBL:
            table, table_issues = table_from_xml(el, prov, links)
            if table.n_rows:
                blocks.append(table)
            issues.extend(i.at(table_no=sum(isinstance(b, RawTable) for b in blocks)) for i in table_issues)
    return ExtractedDocument(
        path=str(source or path), sha256=sha256, format="docx", pages=None,
        blocks=tuple(blocks), issues=tuple(issues),
    )


def body_elements(body: etree._Element):
    """Paragraphs and tables of the body in document order, looking inside content controls."""
    for el in body:
        if el.tag == W_SDT:
            content = el.find(qn("w:sdtContent"))
            if content is not None:
                yield from body_elements(content)
        elif el.tag in (W_P, W_TBL):
            yield el


def paragraph_text(p: etree._Element) -> str:
    """Text of a paragraph as displayed: runs, hyperlinks, insertions; deletions and field codes left out."""
    parts = []
    for node in p.iter(*TEXT_TAGS):
        replacement = TEXT_TAGS[node.tag]
        parts.append(node.text or "" if replacement is None else replacement)
    return clean("".join(parts))


def paragraph_is_bold(p: etree._Element) -> bool:
    runs = [r for r in p.iter(qn("w:r")) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if b is None or b.get(qn("w:val")) in ("0", "false"):
            return False
    return True


def cell_text(tc: etree._Element) -> str:
    """A cell's paragraphs joined by line breaks (nested tables' paragraphs included)."""
    return "\n".join(paragraph_text(p) for p in tc.iter(W_P))


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


def table_from_xml(tbl: etree._Element, prov: Provenance, links: dict[str, str] | None = None) -> tuple[RawTable, list[Issue]]:
    links = links or {}
    issues: list[Issue] = []
    grid_cols = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    # cells as mutable [row, col, text, row_span, col_span, links]
    cells: list[list] = []
    open_at: dict[int, list] = {}  # grid column -> cell whose vertical merge may continue there
    rows = [tr for tr in tbl.iter(W_TR) if _owning_table(tr) is tbl]
    width = grid_cols
    for r, tr in enumerate(rows):
        tr_pr = tr.find(qn("w:trPr"))
        col = _int_attr(tr_pr, qn("w:gridBefore"), 0)
        for tc in tr.findall(W_TC):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _int_attr(tc_pr, qn("w:gridSpan"), 1))
            vmerge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            above = open_at.get(col)
            if continues and above is not None and above[1] == col and above[0] + above[3] == r:
                above[3] += 1
                extra = cell_text(tc)
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
                cell = [r, col, cell_text(tc), 1, span, cell_links(tc, links)]
                cells.append(cell)
                for c in range(col, col + span):
                    open_at[c] = cell
            col += span
        width = max(width, col + _int_attr(tr_pr, qn("w:gridAfter"), 0))
    width, remap_issue = to_logical_columns(cells, grid_widths(tbl), width)
    issues += [remap_issue] if remap_issue else []
    table = RawTable(
        cells=tuple(Cell(row=r, col=c, text=t, row_span=rs, col_span=cs, links=tuple(lk))
                    for r, c, t, rs, cs, lk in cells),
        n_rows=len(rows), n_cols=width, provenance=prov,
    )
    return table, issues


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
    extents = [Extent(x[c], x[c + cs], tuple(range(r, r + rs))) for r, c, _t, rs, cs, _lk in cells]
    found = logical_columns(extents, settings.drift("twips"))
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


def _owning_table(tr: etree._Element) -> etree._Element | None:
    parent = tr.getparent()
    while parent is not None and parent.tag != W_TBL:
        parent = parent.getparent()
    return parent
