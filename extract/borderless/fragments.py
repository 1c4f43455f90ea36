"""Texts of one column standing beside no other column's (``fragments``: a tall cell's further
paragraphs) joined to the rows they belong to, in tables whose cells are set in the middle or at
the bottom of their rows: the choice that leaves the rows' cells best aligned.

``row_members``      each row's pieces
``join_runs_on``     a row's part under a page's last row, going on in every column: that row
``join_top_rest``   a page's first row going on into the codeless row below (a cut row's rest): one
``join_tails``       a codeless row of tall cells' further paragraphs beside an item's row: that row
``misfit``           how far a row's cells are from the alignment
``rows_with_merged`` a fragment set with a merged cell's text beside no other row: a row of its own
``place_fragments``  each fragment to the row above or below it (or, at the page's top, a row of
                     its own: a cut row's rest), placed again until nothing moves
"""

from __future__ import annotations

import math
from typing import Sequence

from planuri.extract.borderless.pieces import Piece, column_blocks
from planuri.extract.borderless.rows import RowContext
from planuri.extract.borderless.settings import BlockSettings


def row_members(pieces: Sequence[Piece]) -> dict[int, list[Piece]]:
    """Each row's pieces (``Piece.group``), merged cells' (group -1) aside."""
    members: dict[int, list[Piece]] = {}
    for p in pieces:
        if p.group >= 0:
            members.setdefault(p.group, []).append(p)
    return members


def join_runs_on(pieces: Sequence[Piece], alignment: str, ctx: RowContext, settings: BlockSettings) -> bool:
    """Join the page's last row to the row above when each of its texts goes on at once from that
    row's text in its column, it holds no item code, and the two read together are set from the
    top while apart they are not set at the alignment: the rest of a row the page break split,
    which the layout sets from the top whatever the alignment.  (Rows of one line each, set
    close, also go on in every column, but each is aligned on its own.)"""
    step = ctx.settings.contiguous * ctx.pitch
    members = row_members(pieces)
    rows = [g for g, ms in members.items() if len({p.col for p in ms}) >= 2]  # fragments aside
    if len(rows) < 2:
        return False
    last = max(rows, key=lambda g: min(p.top for p in members[g]))
    ms = members[last]
    if any(p.heading or p.number or p.code for p in ms):
        return False
    firsts = {p.col: p for p in sorted(ms, key=lambda p: -p.top)}  # each column's first text
    above = {next((q.group for q in pieces if q.group not in (last, -1) and q.shares_column(p)
                   and 0 < p.top - q.items[-1].segment.top <= step), None) for p in firsts.values()}
    if len(above) != 1 or None in above:
        return False
    target = above.pop()
    if any(q.heading or q.number for q in members[target]):
        return False
    apart = misfit(members[target], alignment) + misfit(ms, alignment)
    if misfit(members[target] + ms, "top") >= apart - settings.close_call * ctx.pitch:
        return False
    for p in ms:
        p.group = target
    return True


def join_top_rest(pieces: Sequence[Piece], alignment: str, ctx: RowContext, settings: BlockSettings) -> bool:
    """In a table whose items start with codes, join the page's first row to the row below when
    neither holds an item code, each of the first row's texts goes on at once into that row's
    text in its column, and the two read together are set at the alignment better than apart:
    the rest of a row the page break split, whose tallest cells' last lines run from the page's
    top while its other cells are set in the middle of what is left (``tinerilor,`` and
    ``desfășurate`` over a row of centred rests).  A codeless row is no item of its own there."""
    if not ctx.code_led:
        return False
    step = ctx.settings.contiguous * ctx.pitch
    members = row_members(pieces)
    rows = [g for g, ms in members.items() if len({p.col for p in ms}) >= 2]
    if len(rows) < 2:
        return False
    first = min(rows, key=lambda g: min(p.top for p in members[g]))
    ms = members[first]
    if any(p.top < min(q.top for q in ms) for g, others in members.items() if g != first for p in others):
        return False  # a fragment above it: not the page's first row
    below = {next((q.group for q in pieces if q.group not in (first, -1) and q.shares_column(p)
                   and 0 < q.top - p.items[-1].segment.top <= step), None) for p in ms}
    if len(below) != 1 or None in below:
        return False
    target = below.pop()
    if any(p.heading or p.number or p.code for p in [*ms, *members[target]]):
        return False
    apart = misfit(members[target], alignment) + misfit(ms, alignment)
    if misfit(members[target] + ms, alignment) >= apart - settings.close_call * ctx.pitch:
        return False
    for p in members[target]:
        p.group = first
    return True


def join_tails(pieces: Sequence[Piece], alignment: str, ctx: RowContext, settings: BlockSettings) -> int:
    """Join to an item's row a row of two cells or more holding no item code (in a table whose
    items start with codes) whose every cell goes on at once from that row's text in its column,
    below it or above it, when the two read together are set at the alignment and apart they are
    not: the tall cells' further paragraphs, side by side beyond the row's other cells
    (``Direcția sănătate,`` / ``Direcția cultură,`` level with the indicators' ``Tematica
    abordată``, under an action's last line).  A row of its own would be centred on itself,
    and leave the item's row off its alignment.  Returns how many rows were joined."""
    if not ctx.code_led:
        return 0
    step = ctx.settings.contiguous * ctx.pitch
    joined = 0
    for _ in range(len(pieces)):
        members = row_members(pieces)
        found = next(((g, t) for g, ms in sorted(members.items(), key=lambda gm: min(p.top for p in gm[1]))
                      if len({p.col for p in ms}) >= 2
                      and not any(p.code or p.heading or p.number or ctx.code_column(p.col) for p in ms)
                      for t in [_tail_of(g, ms, pieces, members, alignment, step, ctx, settings)]
                      if t is not None), None)
        if found is None:
            return joined
        g, target = found
        for p in members[g]:
            p.group = target
        joined += 1
    return joined


def _tail_of(g: int, ms: Sequence[Piece], pieces: Sequence[Piece], members: dict[int, list[Piece]],
             alignment: str, step: float, ctx: RowContext, settings: BlockSettings) -> int | None:
    """The item row the codeless row ``g`` is the rest of (``join_tails``), if any."""
    for below in (False, True):  # the row above, then the row below
        def follows(p: Piece, q: Piece) -> bool:
            a, b = (q, p) if not below else (p, q)
            return 0 < b.top - a.items[-1].segment.top <= step
        near = [{q.group for q in pieces if q.group not in (g, -1) and q.shares_column(p) and follows(p, q)}
                for p in ms]
        common = set.intersection(*near) if near else set()
        if len(common) != 1:
            continue
        target = common.pop()
        row = members[target]
        if not any(p.code for p in row) or any(p.heading or p.number for p in row):
            continue
        if misfit(row + list(ms), alignment) < misfit(row, alignment) + misfit(ms, alignment) - settings.close_call * ctx.pitch:
            return target
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
    members = row_members(pieces)
    fragments = {g for g, ms in members.items() if is_fragment(ms)}
    fragments -= rows_with_merged(pieces, members, fragments, alignment, ctx, settings)
    runs: list[tuple[int | None, list[Piece], int | None]] = []  # fixed group above, fragments, below
    for block in column_blocks([p for p in pieces if p.group >= 0], ctx):
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
    # the page's first and last rows may be parts of rows the page breaks split, which the layout
    # sets from the top whatever the alignment
    fixed = [g for g, ms in members.items() if g not in fragments and not any(p.heading or p.number for p in ms)]
    ends = {min(fixed, key=lambda g: min(p.top for p in members[g])),
            max(fixed, key=lambda g: min(p.top for p in members[g]))} if fixed else set()
    first_top = min((p.top for g in fixed for p in members[g]), default=math.inf)
    homes = [frags[0].group for _, frags, _ in runs]  # each run's own group, while none has moved
    # a run's best split depends on where the runs beside it went (a row's further fragments,
    # lower in its column): placed again until no placement changes
    close = 0
    for _ in range(settings.place_passes):
        close, moved = 0, False
        for (up, frags, down), home in zip(runs, homes):
            if up is None and down is None:
                for f in frags:
                    moved |= _move(members, f, home)
                continue
            # fragments above the page's first row, with no row above them, may be a row of their own
            own = up is None and frags[0].top < first_top
            best, guess = best_split(members, up, frags, down, alignment, ctx, settings, ends, own)
            close += guess
            for f in frags[:best]:  # above the page's first row: a row of their own (a cut row's rest)
                moved |= _move(members, f, home if up is None else up)
            for f in frags[best:]:
                moved |= _move(members, f, down)
        if not moved:
            break
    return close


def rows_with_merged(pieces: Sequence[Piece], members: dict[int, list[Piece]], fragments: set[int],
                     alignment: str, ctx: RowContext, settings: BlockSettings) -> set[int]:
    """Fragments that are a row of their own with a merged cell's text: a one-column text set at
    the alignment with a merged cell's text (within ``place_tolerance`` line pitches) that stands
    beside no other row (a measure with its status and no action: ``2.2.4. Înființarea …`` /
    ``nerealizat``).  Joined to the row above, the measure would have no row and the status would
    be another row's."""
    fixed = [ms for g, ms in members.items() if g not in fragments]
    out = set()
    for g in fragments:
        ms = members[g]
        top, bottom = min(p.top for p in ms), max(p.bottom for p in ms)
        for m in pieces:
            if not m.merged or m.bottom <= top or m.top >= bottom:
                continue
            if any(q.top < m.bottom and m.top < q.bottom for row in fixed for q in row):
                continue  # beside a row: a cell merged over rows, which takes no row of its own
            if misfit([*ms, m], alignment) <= settings.place_tolerance * ctx.pitch:
                out.add(g)
                break
    return out


def best_split(members: dict[int, list[Piece]], up: int | None, frags: Sequence[Piece], down: int | None,
               alignment: str, ctx: RowContext, settings: BlockSettings, ends: set[int] = frozenset(),
               own: bool = False) -> tuple[int, bool]:
    """How many of a run of fragments go to the row above (the rest to the row below): the split
    leaving both rows' cells best aligned; and whether the next best was about as good.  A row of
    ``ends`` (the page's first or last) fits set from the top as well as at the alignment; with
    ``own``, fragments with no row above may make a row of their own."""

    def cost(group: int, ms: list[Piece]) -> float:
        return min(misfit(ms, alignment), misfit(ms, "top")) if group in ends else misfit(ms, alignment)

    # fragments with no row above (at the page's top) may be a row of their own: the rest of a row
    # the page break cut, set from the top; a row more costs ``own_row`` line steps
    options = [j for j in range(len(frags) + 1)
               if (j == 0 or up is not None or own) and (j == len(frags) or down is not None)]
    costs = []
    for j in options:
        a = [p for p in members.get(up, []) if p not in frags] + list(frags[:j]) if up is not None else []
        b = [p for p in members.get(down, []) if p not in frags] + list(frags[j:]) if down is not None else []
        above = cost(up, a) if up is not None else settings.own_row * ctx.pitch if j else 0.0
        costs.append((above + (cost(down, b) if down is not None else 0.0), j))
    prefer = (lambda j: -j) if alignment != "bottom" else (lambda j: j)
    costs.sort(key=lambda cj: (round(cj[0], 1), prefer(cj[1])))
    close = len(costs) > 1 and costs[1][0] - costs[0][0] < settings.close_call * ctx.pitch
    return costs[0][1], close


def _move(members: dict[int, list[Piece]], piece: Piece, group: int | None) -> bool:
    if group is None or piece.group == group:
        return False
    members[piece.group].remove(piece)
    piece.group = group
    members.setdefault(group, []).append(piece)
    return True
