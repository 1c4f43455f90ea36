"""What a person's hand does to a Word table: a generator transform for the sample tables.

When someone drags column borders in Word, the inner column edges of each group of rows
they select land a little apart from the edges of the rows before: Word then keeps one
grid column (``w:tblGrid``) per distinct edge position, so a table of 8 columns holds
20 narrow grid columns and every cell spans several of them (``w:gridSpan``).  People
also shade the header and thicken the table's frame.

``hand_edit(table, rng)`` does all three to a python-docx table built by
``sample_render.build_table`` (or any table whose grid columns have widths):

* rows are cut into groups of 1-4 (never inside the header, and a cell merged
  vertically keeps its edges over every row it spans); each group moves each inner
  column edge by 1-3.5 mm from where the group before left it, staying within
  ``max_drift_mm / 2`` of its first position (and a quarter of the narrower
  neighbouring column), so two groups' edges are at most ``max_drift_mm`` apart;
* the grid becomes one grid column per distinct edge, every cell gets the
  ``w:gridSpan`` and ``w:tcW`` of its new extent (the table keeps its width);
* the header rows (``w:tblHeader``) are shaded, and the outer frame is drawn
  thicker than the inside rules: single 1.5 pt, double, or thick.

The text of every cell, its merges and the logical columns stay as they were: a
reader must give back exactly what the table held before the edit.

    rng = random.Random(7)
    for table in document.tables:
        hand_edit(table, rng)
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TWIPS_PER_MM = 1440 / 25.4
MIN_STEP_MM = 1.0  # a drag shorter than this is not a drag
MOVE_SHARE = 0.7  # share of a group's inner edges the person moved
GROUP_ROWS = (1, 4)  # rows selected together, at least and at most
SHADES = ("D9D9D9", "E7E6E6", "DEEAF6", "F2F2F2", "FFF2CC")
FRAMES = (("single", 12), ("double", 4), ("thick", 12), ("single", 18))  # (w:val, w:sz in 1/8 pt)


@dataclass(frozen=True)
class HandEdit:
    """What the edit did: grid columns before and after, row groups, the frame drawn."""

    grid_before: int
    grid_after: int
    groups: int
    frame: str


@dataclass
class _Tc:
    tc: object  # the w:tc element
    row: int
    start: int  # first grid column (before the edit)
    span: int
    continues: bool  # w:vMerge continuation


def hand_edit(table, rng: random.Random, max_drift_mm: float = 3.5) -> HandEdit:
    """Drift the inner column edges of ``table`` per row group, shade its header, thicken its
    frame.  ``table``: a python-docx ``Table`` whose ``w:gridCol`` have widths."""
    tbl = table._tbl
    widths = [int(gc.get(qn("w:w"))) for gc in tbl.tblGrid.findall(qn("w:gridCol"))]
    edges = [sum(widths[:i]) for i in range(len(widths) + 1)]
    rows = tbl.findall(qn("w:tr"))
    cells = _cells(rows)
    groups = _row_groups(rows, cells, rng)
    offsets = _offsets(widths, groups, cells, rng, max_drift_mm * TWIPS_PER_MM)
    group_of = {r: g for g, members in enumerate(groups) for r in members}
    x = {}  # id(tc) -> (x0, x1) after the edit, in twips
    for c in cells:
        o = offsets[group_of[c.row]]
        x[id(c.tc)] = (edges[c.start] + o[c.start], edges[c.start + c.span] + o[c.start + c.span])
    new_edges = sorted({v for pair in x.values() for v in pair} | {edges[0], edges[-1]})
    _write_grid(tbl, new_edges)
    index = {v: i for i, v in enumerate(new_edges)}
    for r, tr in enumerate(rows):
        mine = [c for c in cells if c.row == r]
        if not mine:
            continue
        first, last = index[x[id(mine[0].tc)][0]], index[x[id(mine[-1].tc)][1]]
        _set_row_gaps(tr, first, len(new_edges) - 1 - last)
        for c in mine:
            x0, x1 = x[id(c.tc)]
            _set_span(c.tc, index[x1] - index[x0], x1 - x0)
    frame_val, frame_size = rng.choice(FRAMES)
    _frame(tbl, frame_val, frame_size)
    shade = rng.choice(SHADES)
    for tr in rows:
        if _is_header(tr):
            for tc in tr.findall(qn("w:tc")):
                _shade(tc, shade)
    return HandEdit(grid_before=len(widths), grid_after=len(new_edges) - 1, groups=len(groups), frame=frame_val)


# --------------------------------------------------------------------------- reading the table


def _int_val(parent, tag: str, default: int) -> int:
    el = parent.find(qn(tag)) if parent is not None else None
    return int(el.get(qn("w:val"), default)) if el is not None else default


def _cells(rows) -> list[_Tc]:
    out = []
    for r, tr in enumerate(rows):
        col = _int_val(tr.find(qn("w:trPr")), "w:gridBefore", 0)
        for tc in tr.findall(qn("w:tc")):
            pr = tc.find(qn("w:tcPr"))
            span = _int_val(pr, "w:gridSpan", 1)
            vmerge = pr.find(qn("w:vMerge")) if pr is not None else None
            continues = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            out.append(_Tc(tc, r, col, span, continues))
            col += span
    return out


def _is_header(tr) -> bool:
    pr = tr.find(qn("w:trPr"))
    el = pr.find(qn("w:tblHeader")) if pr is not None else None
    return el is not None and el.get(qn("w:val"), "true") not in ("0", "false")


def _row_groups(rows, cells: list[_Tc], rng: random.Random) -> list[list[int]]:
    """Consecutive rows selected together: the header rows are one group, the body is cut
    into groups of ``GROUP_ROWS`` rows."""
    n_header = 0
    while n_header < len(rows) and _is_header(rows[n_header]):
        n_header += 1
    groups = [list(range(n_header))] if n_header else []
    r = n_header
    while r < len(rows):
        size = rng.randint(*GROUP_ROWS)
        groups.append(list(range(r, min(r + size, len(rows)))))
        r += size
    return groups


def _offsets(widths: list[int], groups: list[list[int]], cells: list[_Tc], rng: random.Random,
             max_drift: float) -> list[list[int]]:
    """Per group, the offset (twips) of every grid edge; the outer edges never move."""
    n = len(widths)
    bound = [0.0] + [min(max_drift / 2, min(widths[k - 1], widths[k]) / 4) for k in range(1, n)] + [0.0]
    step_min = MIN_STEP_MM * TWIPS_PER_MM
    # an edge of a cell merged vertically over rows of several groups moves with its first group
    pinned: dict[tuple[int, int], int] = {}  # (group, edge) -> group whose offset it keeps
    group_of = {r: g for g, members in enumerate(groups) for r in members}
    starts = {}
    for c in cells:
        if not c.continues:
            starts[(c.start, c.span)] = group_of[c.row]
        elif (c.start, c.span) in starts and starts[(c.start, c.span)] != group_of[c.row]:
            for edge in (c.start, c.start + c.span):
                pinned[(group_of[c.row], edge)] = starts[(c.start, c.span)]
    out: list[list[int]] = []
    previous = [0.0] * (n + 1)
    for g in range(len(groups)):
        current = list(previous)
        for k in range(1, n):
            if (g, k) in pinned:
                current[k] = out[pinned[(g, k)]][k]
                continue
            if bound[k] <= 0 or rng.random() > MOVE_SHARE:
                continue
            directions = [s for s in (-1, 1) if bound[k] - s * previous[k] >= min(step_min, bound[k])]
            s = rng.choice(directions)
            room = min(max_drift, bound[k] - s * previous[k])
            current[k] = previous[k] + s * rng.uniform(min(step_min, room), room)
        out.append([round(v) for v in current])
        previous = current
    return out


# --------------------------------------------------------------------------- writing it back


def _write_grid(tbl, edges: list[int]) -> None:
    grid = tbl.tblGrid
    for gc in grid.findall(qn("w:gridCol")):
        grid.remove(gc)
    for a, b in zip(edges, edges[1:]):
        gc = OxmlElement("w:gridCol")
        gc.set(qn("w:w"), str(b - a))
        grid.append(gc)


def _set_row_gaps(tr, before: int, after: int) -> None:
    pr = tr.find(qn("w:trPr"))
    for tag, value in (("w:gridBefore", before), ("w:gridAfter", after)):
        el = pr.find(qn(tag)) if pr is not None else None
        if value == 0:
            if el is not None:
                pr.remove(el)
            continue
        if pr is None:
            pr = tr.get_or_add_trPr()
        if el is None:
            el = OxmlElement(tag)
            pr.insert(0, el)
        el.set(qn("w:val"), str(value))


def _child(parent, tag: str, before: tuple[str, ...] = ()):
    """``parent``'s child ``tag``, added (before the first of ``before`` present) when missing."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        anchor = next((parent.find(qn(t)) for t in before if parent.find(qn(t)) is not None), None)
        if anchor is not None:
            anchor.addprevious(el)
        else:
            parent.append(el)
    return el


TCPR_AFTER_SPAN = ("w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar", "w:textDirection",
                   "w:tcFitText", "w:vAlign", "w:hideMark")


def _set_span(tc, span: int, width: int) -> None:
    pr = tc.get_or_add_tcPr()
    tcw = _child(pr, "w:tcW", ("w:gridSpan", *TCPR_AFTER_SPAN))
    tcw.set(qn("w:w"), str(width))
    tcw.set(qn("w:type"), "dxa")
    existing = pr.find(qn("w:gridSpan"))
    if span == 1:
        if existing is not None:
            pr.remove(existing)
        return
    el = _child(pr, "w:gridSpan", TCPR_AFTER_SPAN)
    el.set(qn("w:val"), str(span))


def _shade(tc, fill: str) -> None:
    pr = tc.get_or_add_tcPr()
    shd = _child(pr, "w:shd", TCPR_AFTER_SPAN[TCPR_AFTER_SPAN.index("w:noWrap"):])
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription")


def _frame(tbl, val: str, size: int) -> None:
    """Outer borders ``val``/``size``, inside rules single 0.5 pt."""
    pr = tbl.tblPr
    old = pr.find(qn("w:tblBorders"))
    if old is not None:
        pr.remove(old)
    borders = _child(pr, "w:tblBorders", TBLPR_AFTER_BORDERS)
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        outer = not side.startswith("inside")
        el.set(qn("w:val"), val if outer else "single")
        el.set(qn("w:sz"), str(size if outer else 4))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
