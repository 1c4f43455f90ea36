"""Rows of a borderless table from the blocks its cells' text makes, whatever their vertical alignment.

Word and LibreOffice can set a cell's text in the middle (or at the bottom) of its row: the
short cells of a row then start below the row's first line, and a column's text resuming after
a blank line no longer starts a row (``borderless.rows`` reads top-aligned rows from that).
What holds whatever the alignment: rows do not overlap, so two cells whose lines overlap
vertically are in the same row; and a cell's text is one block of lines.

``cell_pieces``         slots -> pieces: each column's paragraphs (a wrapped line goes on)
``vertical_alignment``  top, center or bottom: how a short cell sits beside a tall one
``pieces_to_groups``    pieces overlapping vertically -> one row's; merged cells (grouping
                        columns, or a cell beside two coded rows) are kept apart; a paragraph
                        read as going on across a row's end, tying two rows of several columns
                        each together, is cut between them (``bridge``)
``place_fragments``     a piece that overlaps no other column (one more paragraph of a tall
                        cell) joins the neighbouring row where the alignment fits best
``groups_to_rows``      -> ``Row``s (slot ranges, kinds), merged cells spread over the rows
                        they are set against (``borderless.merged``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from planuri.extract.ro_text import leading_code

from planuri.extract.borderless.merged import spread_merged
from planuri.extract.borderless.rows import GROUPING_FIELDS, Item, Row, RowContext, Slot, is_number_slot, is_spanning_paragraph
from planuri.extract.borderless.settings import BlockSettings

ALIGNMENTS = ("top", "center", "bottom")


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
    merged: bool = False  # a merged cell's text: it ties no rows together
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
            if (not number and prev is not None and not prev.number and goes_on(slots, prev, k, it, ctx)):
                prev.slots.append(k)
                prev.items.append(it)
                prev.last_col = max(prev.last_col, it.c1)
                prev.bottom = max(prev.bottom, it.segment.bottom)
                continue
            code = ctx.code_column(it.c0) and it.c0 == it.c1 and bool(leading_code(it.segment.text))
            pieces.append(Piece(it.c0, it.c1, [k], [it], it.segment.top, it.segment.bottom, code=code,
                                heading=heading, number=number))
    return pieces


def goes_on(slots: Sequence[Slot], piece: Piece, k: int, item: Item, ctx: RowContext) -> bool:
    """Does ``item`` (on slot ``k``) go on with the paragraph of ``piece``?  Its line must follow
    at once and go on from the piece's last line (``RowContext.goes_on``)."""
    if slots[k].top - slots[piece.slots[-1]].top > ctx.settings.contiguous * ctx.pitch:
        return False
    return ctx.goes_on(piece.items[-1], item)


def overlapping(a: Piece, b: Piece, settings: BlockSettings) -> bool:
    return min(a.bottom, b.bottom) - max(a.top, b.top) > settings.overlap * min(a.height, b.height)


def column_blocks(pieces: Sequence[Piece], ctx: RowContext) -> list[list[Piece]]:
    """Pieces of one column on contiguous lines: one cell's text, or the cells of rows set close
    (a piece starting with an item code starts a block of its own)."""
    blocks: list[list[Piece]] = []
    step = ctx.settings.contiguous * ctx.pitch
    for p in sorted(pieces, key=lambda p: p.top):
        block = None if p.code else next((b for b in blocks if b[-1].shares_column(p)
                                          and 0 < p.top - b[-1].items[-1].segment.top <= step), None)
        if block is not None:
            block.append(p)
        else:
            blocks.append([p])
    return blocks


# --------------------------------------------------------------------------- alignment


def vertical_alignment(pieces: Sequence[Piece], ctx: RowContext,
                       settings: BlockSettings) -> dict[str, int]:
    """How a short cell sits beside a taller one in its row: each pair of paragraphs side by
    side, of different heights, votes for the edge (or the middle) they share."""
    spans = [(p.col, p.last_col, p.top, p.bottom) for p in pieces if not (p.heading or p.number)]
    votes = dict.fromkeys(ALIGNMENTS, 0)
    tol = settings.align_tolerance * ctx.pitch
    for i, (c0, c1, t0, b0) in enumerate(spans):
        for d0, d1, t1, b1 in spans[i + 1:]:
            if (c0 <= d1 and d0 <= c1 or min(b0, b1) - max(t0, t1) <= 0
                    or abs((b0 - t0) - (b1 - t1)) < settings.height_difference * ctx.pitch):
                continue
            if abs(t0 - t1) <= tol:
                votes["top"] += 1
            elif abs(b0 - b1) <= tol:
                votes["bottom"] += 1
            elif abs((t0 + b0) / 2 - (t1 + b1) / 2) <= tol:
                votes["center"] += 1
    return votes


def decide_alignment(votes: dict[str, int], settings: BlockSettings) -> tuple[str, bool]:
    """The alignment the votes show, and whether they show it clearly.  Paragraphs of a tall cell
    beside a short one, and rows cut by a page break (the layout sets their part on the first page
    at the top), vote for the top in any table; a middle shared by two paragraphs of different
    heights is rarely chance: a third of the top's votes decides for it."""
    top, center, bottom = votes["top"], votes["center"], votes["bottom"]
    if center >= settings.min_votes and center >= settings.center_share * top and center >= bottom:
        return "center", center >= top
    if bottom >= settings.min_votes and bottom > top and bottom > center:
        return "bottom", bottom >= settings.clear_bottom * top
    return "top", center < settings.center_share / 2 * top or not center


# --------------------------------------------------------------------------- groups


def mark_merged(pieces: Sequence[Piece], ctx: RowContext, settings: BlockSettings) -> None:
    """Mark the pieces of merged cells, which must not tie rows together: a grouping column's
    (objectives, measures), and any piece beside two item codes of one code column."""
    codes = [p for p in pieces if p.code]
    for p in pieces:
        if p.heading:
            continue
        if ctx.fields[p.col] in GROUPING_FIELDS:
            p.merged = True
            continue
        beside: dict[int, int] = {}
        for c in codes:
            if not c.shares_column(p) and overlapping(p, c, settings):
                beside[c.col] = beside.get(c.col, 0) + 1
        p.merged = any(n >= 2 for n in beside.values())


def components(pieces: Sequence[Piece], settings: BlockSettings) -> list[list[Piece]]:
    """Pieces of different columns that overlap vertically, gathered (union-find)."""
    parent = list(range(len(pieces)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(pieces)), key=lambda i: pieces[i].top)
    for n, i in enumerate(order):
        a = pieces[i]
        for j in order[n + 1:]:
            b = pieces[j]
            if b.top >= a.bottom:
                break
            if not (a.heading or b.heading or a.shares_column(b)) and overlapping(a, b, settings):
                parent[find(j)] = find(i)
    out: dict[int, list[Piece]] = {}
    for i, p in enumerate(pieces):
        out.setdefault(find(i), []).append(p)
    return list(out.values())


def pieces_to_groups(pieces: list[Piece], settings: BlockSettings) -> int:
    """Gather the pieces of each row (``Piece.group``), merged cells apart.  A piece that alone
    ties together text that would otherwise make two rows of several columns each (a paragraph
    read as going on across a row's end) is cut between them.  Returns how many were cut."""
    cut = 0
    for _ in range(len(pieces)):
        groups = components([p for p in pieces if not p.merged], settings)
        split = next((found for g in groups if len(g) > 2 for found in [bridge(g, settings)] if found), None)
        if split is None:
            break
        old, parts = split
        i = pieces.index(old)
        pieces[i:i + 1] = parts
        cut += 1
    for n, group in enumerate(components([p for p in pieces if not p.merged], settings)):
        for p in group:
            p.group = n
    for p in pieces:
        if p.merged:
            p.group = -1
    return cut


def bridge(group: Sequence[Piece], settings: BlockSettings) -> tuple[Piece, list[Piece]] | None:
    """A piece of several lines whose lines lie beside two (or more) sets of pieces that, without
    it, are apart and each span two columns or more: the piece and its parts, one per set."""
    for p in sorted((p for p in group if len(p.items) > 1), key=lambda p: p.top - p.bottom):
        rest = [q for q in group if q is not p]
        sets = [c for c in components(rest, settings) if len({q.col for q in c}) >= 2]
        if len(sets) < 2:
            continue
        owner = []
        for it in p.items:
            line = Piece(p.col, p.col, [], [it], it.segment.top, it.segment.bottom)
            owner.append(next((n for n, c in enumerate(sets) if any(overlapping(line, q, settings) for q in c)), None))
        for n in range(1, len(owner)):  # a line beside none stays with the line above
            if owner[n] is None:
                owner[n] = owner[n - 1]
        for n in range(len(owner) - 2, -1, -1):
            if owner[n] is None:
                owner[n] = owner[n + 1]
        if len(set(owner)) < 2:
            continue
        parts: list[Piece] = []
        for k, (slot, it, who) in enumerate(zip(p.slots, p.items, owner)):
            if k and who == owner[k - 1]:
                part = parts[-1]
                part.slots.append(slot)
                part.items.append(it)
                part.last_col = max(part.last_col, it.c1)
                part.bottom = max(part.bottom, it.segment.bottom)
            else:
                parts.append(Piece(it.c0, it.c1, [slot], [it], it.segment.top, it.segment.bottom, code=k == 0 and p.code))
        return p, parts
    return None


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


def place_fragments(pieces: Sequence[Piece], alignment: str, ctx: RowContext, settings: BlockSettings) -> int:
    """Join each fragment to a row next to it in its column (contiguous lines): the choice that
    leaves the rows' cells best aligned, fragments between two rows split where the fit is best.
    Returns how many placements were close calls."""
    members: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.group >= 0:
            members.setdefault(p.group, []).append(p)
    fragments = {g for g, ms in members.items() if is_fragment(ms)}
    close = 0
    for block in column_blocks([p for p in pieces if p.group >= 0], ctx):
        runs: list[tuple[int | None, list[Piece], int | None]] = []  # fixed group above, fragments, below
        above, pending = None, []
        for p in block:
            if p.group in fragments:
                pending.append(p)
                continue
            fixed = None if p.number or p.heading else p.group  # a heading or column number takes no text
            if pending:
                runs.append((above, pending, fixed))
            above, pending = fixed, []
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
            if len(costs) > 1 and costs[1][0] - costs[0][0] < settings.close_call * ctx.pitch:
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


def groups_to_rows(slots: Sequence[Slot], pieces: Sequence[Piece], alignment: str,
                   ctx: RowContext, settings: BlockSettings) -> tuple[list[Row], int]:
    spans: dict[int, list[int]] = {}
    for p in pieces:
        if p.group >= 0:
            spans.setdefault(p.group, []).extend(p.slots)
    ranges = [[min(s), max(s), {g}] for g, s in spans.items()]
    # a merged cell's text beside no row: a row of its own (the rest of a row cut by the page break)
    # (between two rows, it is a cell merged over rows around it, set in their middle: its lines
    # go with a row next to it, and ``spread_merged`` gives it the rows it is centred on)
    merged = [p for p in pieces if p.merged]
    blocks = column_blocks(merged, ctx)
    rows_of_groups = [(a, b) for a, b, _ in ranges]
    for n, block in enumerate(blocks):
        first, last = min(p.slots[0] for p in block), max(p.slots[-1] for p in block)
        between = any(b < first for a, b in rows_of_groups) and any(a > last for a, b in rows_of_groups)
        if between and alignment != "top":
            continue
        if not any(a <= last and first <= b for a, b, _ in ranges):
            ranges.append([first, last, {-2 - n}])
    ranges.sort(key=lambda r: (r[0], r[1]))
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
    starts = {k: min(p.slots[0] for p in block) for block in blocks for p in block for k in p.slots}
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
    spread_merged(slots, rows, blocks, alignment, ctx, settings.place_tolerance)
    return rows, tangled


def block_rows(slots: Sequence[Slot], ctx: RowContext, alignment: str,
               settings: BlockSettings) -> BlockRows:
    """The rows of a table's slots from its cells' blocks, set at ``alignment`` in their rows."""
    pieces = cell_pieces(slots, ctx)
    mark_merged(pieces, ctx, settings)
    cut = pieces_to_groups(pieces, settings)
    close = place_fragments(pieces, alignment, ctx, settings)
    rows, tangled = groups_to_rows(slots, pieces, alignment, ctx, settings)
    return BlockRows(rows=rows, alignment=alignment, close_calls=close + cut, tangled=tangled)
