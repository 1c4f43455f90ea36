"""Rows of a borderless table from the blocks its cells' text makes, whatever their vertical alignment.

Word and LibreOffice can set a cell's text in the middle (or at the bottom) of its row: the
short cells of a row then start below the row's first line, and a column's text resuming after
a blank line no longer starts a row (``borderless_rows`` reads top-aligned rows from that).
What holds whatever the alignment: rows do not overlap, so two cells whose lines overlap
vertically are in the same row; and a cell's text is one block of lines.

``cell_pieces``         slots -> pieces: each column's paragraphs (a wrapped line goes on)
``vertical_alignment``  top, center or bottom: how a short cell sits beside a tall one
``pieces_to_groups``    pieces overlapping vertically -> one row's; merged cells (grouping
                        columns, or a cell beside two coded rows) are kept apart
``place_fragments``     a piece that overlaps no other column (one more paragraph of a tall
                        cell) joins the neighbouring row where the alignment fits best
``groups_to_rows``      -> ``Row``s (slot ranges, kinds), merged cells spread over the rows
                        they are set against
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from planuri.ro_text import leading_code

from .borderless_rows import GROUPING_FIELDS, Item, Row, RowContext, Slot, is_number_slot, is_spanning_paragraph

ALIGNMENTS = ("top", "center", "bottom")


@dataclass(frozen=True)
class BlockSettings:
    overlap: float = 0.25  # share of a line's height two lines must share vertically to be side by side
    align_tolerance: float = 0.3  # line pitches within which two blocks' tops (middles, bottoms) are aligned
    min_votes: int = 3  # pairs of blocks that must show an alignment for it to be trusted
    close_call: float = 0.25  # line pitches: two placements of a piece this close in fit are a guess
    center_share: float = 0.35  # middle votes, as a share of top votes, that show cells set in the middle


@dataclass
class Piece:
    """A paragraph of one cell: consecutive lines of one column, each wrapped into the next."""

    col: int
    last_col: int
    slots: list[int]
    items: list[Item]
    top: float
    bottom: float
    code: bool = False  # starts with an item code in a code column
    heading: bool = False  # text across the columns from the first: a heading row
    number: bool = False  # on a column-number row (1 2 3 ...)
    group: int = -1

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return self.items[0].segment.bottom - self.items[0].segment.top

    def shares_column(self, other: "Piece") -> bool:
        return self.col <= other.last_col and other.col <= self.last_col


# --------------------------------------------------------------------------- pieces


def cell_pieces(slots: Sequence[Slot], ctx: RowContext) -> list[Piece]:
    """Each column's paragraphs: an item goes on with the piece of its column on the line above
    when that line is contiguous and wrapped into it."""
    n_cols = len(ctx.columns)
    pieces: list[Piece] = []
    for k, slot in enumerate(slots):
        heading = is_spanning_paragraph(slot, n_cols)
        number = k == 0 and is_number_slot(slot)
        for it in slot.items:
            prev = next((p for p in reversed(pieces) if p.col <= it.c1 and it.c0 <= p.last_col
                         and p.slots[-1] < k), None)
            if (not number and prev is not None and not prev.number and slot.top - slots[prev.slots[-1]].top <= 1.35 * ctx.pitch
                    and ctx.wrapped(prev.items[-1], it)):
                prev.slots.append(k)
                prev.items.append(it)
                prev.last_col = max(prev.last_col, it.c1)
                prev.bottom = max(prev.bottom, it.segment.bottom)
                continue
            code = ctx.code_column(it.c0) and it.c0 == it.c1 and bool(leading_code(it.segment.text))
            pieces.append(Piece(it.c0, it.c1, [k], [it], it.segment.top, it.segment.bottom, code=code,
                                heading=heading, number=number))
    return pieces


def overlapping(a: Piece, b: Piece, settings: BlockSettings) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > settings.overlap * min(a.height, b.height)


def column_blocks(pieces: Sequence[Piece], pitch: float) -> list[list[Piece]]:
    """Pieces of one column on contiguous lines: one cell's text, or the cells of rows set close."""
    blocks: list[list[Piece]] = []
    for p in sorted(pieces, key=lambda p: p.top):
        block = next((b for b in blocks if b[-1].shares_column(p)
                      and 0 < p.top - b[-1].items[-1].segment.top <= 1.35 * pitch), None)
        if block is not None:
            block.append(p)
        else:
            blocks.append([p])
    return blocks


# --------------------------------------------------------------------------- alignment


def vertical_alignment(pieces: Sequence[Piece], ctx: RowContext,
                       settings: BlockSettings = BlockSettings()) -> dict[str, int]:
    """How a short cell sits beside a taller one in its row: each pair of paragraphs side by
    side, of different heights, votes for the edge (or the middle) they share."""
    spans = [(p.col, p.last_col, p.top, p.bottom) for p in pieces if not (p.heading or p.number)]
    votes = dict.fromkeys(ALIGNMENTS, 0)
    tol = settings.align_tolerance * ctx.pitch
    for i, (c0, c1, t0, b0) in enumerate(spans):
        for d0, d1, t1, b1 in spans[i + 1:]:
            if c0 <= d1 and d0 <= c1 or min(b0, b1) - max(t0, t1) <= 0 or abs((b0 - t0) - (b1 - t1)) < 0.5 * ctx.pitch:
                continue
            if abs(t0 - t1) <= tol:
                votes["top"] += 1
            elif abs(b0 - b1) <= tol:
                votes["bottom"] += 1
            elif abs((t0 + b0) / 2 - (t1 + b1) / 2) <= tol:
                votes["center"] += 1
    return votes


def decide_alignment(votes: dict[str, int], settings: BlockSettings = BlockSettings()) -> tuple[str, bool]:
    """The alignment the votes show, and whether they show it clearly.  Paragraphs of a tall cell
    beside a short one, and rows cut by a page break (the layout sets their part on the first page
    at the top), vote for the top in any table; a middle shared by two paragraphs of different
    heights is rarely chance: a third of the top's votes decides for it."""
    top, center, bottom = votes["top"], votes["center"], votes["bottom"]
    if center >= settings.min_votes and center >= settings.center_share * top and center >= bottom:
        return "center", center >= top
    if bottom >= settings.min_votes and bottom > top and bottom > center:
        return "bottom", bottom >= 2 * top
    return "top", center < settings.center_share / 2 * top or not center


# --------------------------------------------------------------------------- groups


def merged_pieces(pieces: Sequence[Piece], ctx: RowContext, settings: BlockSettings) -> set[int]:
    """Pieces of merged cells, which must not tie rows together: a grouping column's (objectives,
    measures), and any piece beside two item codes of one code column."""
    codes = [p for p in pieces if p.code]
    out = set()
    for i, p in enumerate(pieces):
        if p.heading:
            continue
        if ctx.fields[p.col] in GROUPING_FIELDS:
            out.add(i)
            continue
        beside: dict[int, int] = {}
        for c in codes:
            if not c.shares_column(p) and overlapping(p, c, settings):
                beside[c.col] = beside.get(c.col, 0) + 1
        if any(n >= 2 for n in beside.values()):
            out.add(i)
    return out


def pieces_to_groups(pieces: Sequence[Piece], merged: set[int], settings: BlockSettings) -> None:
    """Union pieces of different columns that overlap vertically (``Piece.group``)."""
    parent = list(range(len(pieces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted((i for i in range(len(pieces)) if i not in merged), key=lambda i: pieces[i].top)
    for n, i in enumerate(order):
        a = pieces[i]
        for j in order[n + 1:]:
            b = pieces[j]
            if b.top >= a.bottom:
                break
            if a.heading or b.heading or a.shares_column(b):
                continue
            if overlapping(a, b, settings):
                parent[find(j)] = find(i)
    for i, p in enumerate(pieces):
        p.group = -1 if i in merged else find(i)


def misfit(members: Sequence[Piece], alignment: str) -> float:
    """How far a row's cells are from the alignment: the sum, over its column blocks, of the
    distance between each block's top (middle, bottom) and the row's."""
    if not members:
        return 0.0
    top, bottom = min(p.top for p in members), max(p.bottom for p in members)
    cols: dict[int, list[Piece]] = {}
    for p in members:
        cols.setdefault(p.col, []).append(p)
    total = 0.0
    for ps in cols.values():
        t, b = min(p.top for p in ps), max(p.bottom for p in ps)
        total += abs(t - top) if alignment == "top" else abs(b - bottom) if alignment == "bottom" \
            else abs((t + b) / 2 - (top + bottom) / 2)
    return total


def is_fragment(members: Sequence[Piece]) -> bool:
    """A group of one column's text alone, with no item code: a cell's further paragraph, set
    where no other column's text is (or a row of one cell)."""
    return (len({p.col for p in members}) == 1 and not any(p.code or p.heading for p in members))


def place_fragments(pieces: Sequence[Piece], alignment: str, pitch: float, settings: BlockSettings) -> int:
    """Join each fragment to a row next to it in its column (contiguous lines): the choice that
    leaves the rows' cells best aligned, fragments between two rows split where the fit is best.
    Returns how many placements were close calls."""
    members: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.group >= 0:
            members.setdefault(p.group, []).append(p)
    fragments = {g for g, ms in members.items() if is_fragment(ms)}
    close = 0
    for block in column_blocks([p for p in pieces if p.group >= 0], pitch):
        runs: list[tuple[int | None, list[Piece], int | None]] = []  # fixed group above, fragments, below
        above, pending = None, []
        for p in block:
            if p.group in fragments:
                pending.append(p)
                continue
            if pending:
                runs.append((above, pending, p.group))
            above, pending = p.group, []
        if pending:
            runs.append((above, pending, None))
        for up, frags, down in runs:
            if up is None and down is None:
                target = frags[0].group
                for f in frags:
                    _move(members, f, target)
                continue
            options = [j for j in range(len(frags) + 1)
                       if (j == 0 or up is not None) and (j == len(frags) or down is not None)]
            costs = []
            for j in options:
                a = members.get(up, []) + frags[:j] if up is not None else []
                b = members.get(down, []) + frags[j:] if down is not None else []
                costs.append((misfit(a, alignment) + misfit(b, alignment), j))
            prefer = (lambda j: -j) if alignment != "bottom" else (lambda j: j)
            costs.sort(key=lambda cj: (round(cj[0], 1), prefer(cj[1])))
            best = costs[0][1]
            if len(costs) > 1 and costs[1][0] - costs[0][0] < settings.close_call * pitch:
                close += 1
            for f in frags[:best]:
                _move(members, f, up)
            for f in frags[best:]:
                _move(members, f, down)
    return close


def _move(members: dict[int, list[Piece]], piece: Piece, group: int | None) -> None:
    if group is None or piece.group == group:
        return
    members[piece.group].remove(piece)
    piece.group = group
    members.setdefault(group, []).append(piece)


# --------------------------------------------------------------------------- rows


@dataclass
class BlockRows:
    rows: list[Row]
    alignment: str
    close_calls: int = 0
    tangled: int = 0  # groups whose lines interleave, merged into one row
    notes: list[str] = field(default_factory=list)


def groups_to_rows(slots: Sequence[Slot], pieces: Sequence[Piece], merged: set[int], alignment: str,
                   ctx: RowContext, settings: BlockSettings) -> tuple[list[Row], int]:
    spans: dict[int, list[int]] = {}
    for p in pieces:
        if p.group >= 0:
            spans.setdefault(p.group, []).extend(p.slots)
    ranges = sorted([min(s), max(s), {g}] for g, s in spans.items())
    out: list[list] = []
    tangled = 0
    for r in ranges:
        if out and r[0] <= out[-1][1]:  # lines of two groups interleave: one row
            out[-1][1] = max(out[-1][1], r[1])
            out[-1][2] |= r[2]
            tangled += 1
        else:
            out.append(r)
    if not out:
        return [], 0
    # lines between two rows hold only merged cells' text: with the row above while that text
    # began beside it, else with the row below
    starts = {k: min(p.slots[0] for p in block) for block in column_blocks([pieces[i] for i in merged], ctx.pitch)
              for p in block for k in p.slots}
    for a, b in zip(out, out[1:]):
        cut = next((k for k in range(a[1] + 1, b[0]) if starts.get(k, k) > a[1]), b[0])
        a[1], b[0] = cut - 1, cut
    out[0][0], out[-1][1] = 0, len(slots) - 1
    heading_groups = {p.group for p in pieces if p.heading}
    rows = []
    for i, (first, last, groups) in enumerate(out):
        kind = "heading" if groups <= heading_groups else "data"
        if i == 0 and first == last and is_number_slot(slots[first]):
            kind = "number"
        rows.append(Row(first=first, last=last, kind=kind))
    for i, r in enumerate(rows):
        first_column_only = all(it.c0 == 0 and it.c1 == 0 for s in slots[r.first:r.last + 1] for it in s.items)
        if r.kind == "data" and first_column_only and i > 0:
            r.kind = "heading"
    spread_merged(slots, rows, [pieces[i] for i in sorted(merged)], alignment, ctx)
    return rows, tangled


def spread_merged(slots: Sequence[Slot], rows: list[Row], merged: Sequence[Piece], alignment: str,
                  ctx: RowContext) -> None:
    """A merged cell covers the rows its text overlaps and, when that text is shorter, the rows
    around it with no text in its column, as many as set it at the alignment's place (top: the
    rows below; center: around it; bottom: above)."""
    extent = [(slots[r.first].top, max(s.bottom for s in slots[r.first:r.last + 1])) for r in rows]
    for block in column_blocks(merged, ctx.pitch):
        col = block[0].col
        top, bottom = block[0].top, max(p.bottom for p in block)
        hit = [i for i, (t, b) in enumerate(extent) if min(b, bottom) - max(t, top) > 0]
        if not hit:
            continue
        lo, hi = hit[0], hit[-1]

        def free(i: int) -> bool:
            return rows[i].kind == "data" and not any(
                it.c0 <= col <= it.c1 for s in slots[rows[i].first:rows[i].last + 1] for it in s.items
                if not any(it is m for p in block for m in p.items))

        best = (lo, hi)
        cands = [(s, e) for s in range(lo, -1, -1) if all(free(i) for i in range(s, lo))
                 for e in range(hi, len(rows)) if all(free(i) for i in range(hi + 1, e + 1))]
        mid = (top + bottom) / 2

        def fit(se: tuple[int, int]) -> tuple[float, int]:
            t, b = extent[se[0]][0], extent[se[1]][1]
            edge = abs(top - t) if alignment == "top" else abs(bottom - b) if alignment == "bottom" \
                else abs(mid - (t + b) / 2)
            return round(edge / ctx.pitch, 1), se[1] - se[0]

        best = min(cands, key=fit) if cands else best
        for i in range(best[0] + 1, best[1] + 1):
            rows[i].continues.add(col)
    for prev_row, row in zip(rows, rows[1:]):
        if prev_row.kind != "data" or row.kind != "data":
            row.continues.clear()


def block_rows(slots: Sequence[Slot], ctx: RowContext, alignment: str,
               settings: BlockSettings = BlockSettings()) -> BlockRows:
    """The rows of a table's slots from its cells' blocks, set at ``alignment`` in their rows."""
    pieces = cell_pieces(slots, ctx)
    merged = merged_pieces(pieces, ctx, settings)
    pieces_to_groups(pieces, merged, settings)
    close = place_fragments(pieces, alignment, ctx.pitch, settings)
    rows, tangled = groups_to_rows(slots, pieces, merged, alignment, ctx, settings)
    return BlockRows(rows=rows, alignment=alignment, close_calls=close, tangled=tangled)
