"""Rows of a borderless table from the blocks its cells' text makes, whatever their vertical alignment.

Word and LibreOffice can set a cell's text in the middle (or at the bottom) of its row: the
short cells of a row then start below the row's first line, and a column's text resuming after
a blank line no longer starts a row (``borderless.rows`` reads top-aligned rows from that).
What holds whatever the alignment: rows do not overlap, so two cells whose lines overlap
vertically are in the same row; and a cell's text is one block of lines.

``cell_pieces``         slots -> pieces: each column's paragraphs (``borderless.pieces``)
``vertical_alignment``  top, center or bottom: how a short cell sits beside a tall one
``interleaved_lines``   lines of other columns half a line step apart: cells set in the middle
``join_typed_codes``    an item code typed inside the cell above, beside that row's cells running
                        on: part of that cell, not a row
``pieces_to_groups``    pieces overlapping vertically -> one row's; merged cells (grouping
                        columns, or a cell beside two coded rows) are kept apart; a paragraph
                        read as going on across a row's end, tying two rows of several columns
                        each together, is cut between them (``bridge``)
``join_runs_on``        a row's part under a page's last row, going on in every column: that row
``join_tails``          a codeless row of tall cells' further paragraphs beside an item's row: that row
``place_fragments``     a piece that overlaps no other column (one more paragraph of a tall
                        cell) joins the neighbouring row where the alignment fits best
                        (both in ``borderless.fragments``)
``groups_to_rows``      -> ``Row``s (slot ranges, kinds), merged cells spread over the rows
                        they are set against (``borderless.merged``)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from planuri.extract.borderless.fragments import join_runs_on, join_tails, join_top_rest, place_fragments
from planuri.extract.borderless.merged import spread_merged
from planuri.extract.borderless.pieces import Piece, cell_pieces, column_blocks, overlapping
from planuri.extract.borderless.rows import GROUPING_FIELDS, Row, RowContext
from planuri.extract.borderless.slots import Slot, is_number_slot
from planuri.extract.borderless.settings import BlockSettings
from planuri.extract.ro_text import continues_list, continues_text, starts_lower

ALIGNMENTS = ("top", "center", "bottom")


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


def interleaved_lines(slots: Sequence[Slot], ctx: RowContext, settings: BlockSettings) -> int:
    """How many times the next line down lies a fraction of a line step below the last, in other
    columns, each of the two inside a run of its column's lines one step apart.  Cells set at the
    top (or at the bottom) of their rows put every column's lines of a row on one grid of line
    steps; cells set in the middle put a cell of an even number of lines half a step off one of an
    odd number.  (Paragraphs spaced apart inside a cell shift its lines off the grid too, but not
    inside runs of single steps.)  Paragraph votes (``vertical_alignment``) are noisy where cells
    hold several paragraphs; this is not: none in the top-aligned renderings of the layout
    generator, dozens a page in the centred ones."""
    tops: dict[int, list[float]] = {}
    for slot in slots:
        for it in slot.items:
            tops.setdefault(it.c0, []).append(slot.top)
    tol = settings.align_tolerance * ctx.pitch

    def on_grid(col: int, top: float, step: int) -> bool:  # a line one step before (-1) or after (+1)
        return any(abs(t - (top + step * ctx.pitch)) <= tol for t in tops.get(col, ()))

    n = 0
    low, high = settings.half_step
    for a, b in zip(slots, slots[1:]):
        if not (low * ctx.pitch < b.top - a.top < high * ctx.pitch):
            continue
        cols_a, cols_b = {it.c0 for it in a.items}, {it.c0 for it in b.items}
        if cols_a & cols_b:
            continue
        if any(on_grid(c, a.top, 1) or on_grid(c, a.top, -1) for c in cols_a) and \
                any(on_grid(c, b.top, 1) or on_grid(c, b.top, -1) for c in cols_b):
            n += 1
    return n


def decide_alignment(votes: dict[str, int], settings: BlockSettings) -> tuple[str, bool]:
    """The alignment the votes show, and whether they show it clearly.  Lines of other columns
    half a step apart (``interleaved``) show cells set in the middle, whatever the paragraphs vote.
    Paragraphs of a tall cell beside a short one, and rows cut by a page break (the layout sets
    their part on the first page at the top), vote for the top in any table; a middle shared by
    two paragraphs of different heights is rarely chance: a third of the top's votes decides for it."""
    top, center, bottom = votes["top"], votes["center"], votes["bottom"]
    interleaved = votes.get("interleaved", 0)
    if interleaved >= settings.min_interleaved and interleaved >= settings.interleaved_share * votes.get("lines", 0):
        return "center", True
    if center >= settings.min_votes and center >= settings.center_share * top and center >= bottom:
        return "center", center >= top
    if bottom >= settings.min_votes and bottom > top and bottom > center:
        return "bottom", bottom >= settings.clear_bottom * top
    return "top", center < settings.center_share / 2 * top or not center


# --------------------------------------------------------------------------- groups


def join_typed_codes(pieces: list[Piece], ctx: RowContext, settings: BlockSettings) -> int:
    """An item code typed inside the cell above (``… 100 ani sau mai mult.`` then ``7.3. Mediatizarea
    …`` in one action cell): a code piece following its column's paragraph above at once, with
    nothing of its own beside it (every piece beside it began above it, or follows its column's
    paragraph above at once: the next item of a list) and ``running_cells`` pieces or more going on
    across its first line (or one going on with the next item of its list), goes on with that
    paragraph.  A row of its own would
    have cells of its own beside its code, set around its middle.  (``borderless.rows.starts_row``
    reads the same for top-aligned cells.)  Returns how many were joined: each a guess."""
    joined = 0
    tol = settings.align_tolerance * ctx.pitch
    step = ctx.settings.contiguous * ctx.pitch
    for p in [p for p in pieces if p.code]:
        above = max((q for q in pieces if q is not p and q.col == p.col and q.last_col == p.last_col
                     and q.bottom <= p.top and not (q.heading or q.number)), key=lambda q: q.bottom, default=None)
        if above is None or p.top - above.items[-1].segment.top > step:
            continue
        beside = [q for q in pieces if not q.shares_column(p) and not (q.heading or q.number)
                  and overlapping(p, q, settings)]
        running = [q for q in beside if q.top < p.top - tol]
        own = [q for q in beside if q.top >= p.top - tol and not any(  # a cell's next paragraph is not its own
            r is not q and r.shares_column(q) and 0 < q.top - r.items[-1].segment.top <= step for r in pieces)]
        # a cell beside it going on with the next item of its list above (``a) 2 mii lei;`` /
        # ``b) 2,500 lei;``) runs across it as surely
        listed = [q for q in beside if any(
            r is not q and r.shares_column(q) and 0 < q.top - r.items[-1].segment.top <= step
            and continues_list(piece_text(r), piece_text(q)) for r in pieces)]
        if (len(running) < ctx.settings.running_cells and not listed) or own:
            continue
        above.slots.extend(p.slots)
        above.items.extend(p.items)
        above.bottom = max(above.bottom, p.bottom)
        pieces.remove(p)
        joined += 1
    return joined


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


def pieces_to_groups(pieces: list[Piece], settings: BlockSettings, contiguous: float) -> int:
    """Gather the pieces of each row (``Piece.group``), merged cells apart.  A piece that alone
    ties together text that would otherwise make two rows of several columns each (a paragraph
    read as going on across a row's end) is cut between them.  Returns how many were cut."""
    cut = 0
    for _ in range(len(pieces)):
        groups = components([p for p in pieces if not p.merged], settings)
        split = next((found for g in groups if len(g) > 2 for found in [bridge(g, settings, contiguous)] if found), None)
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


def bridge(group: Sequence[Piece], settings: BlockSettings, contiguous: float) -> tuple[Piece, list[Piece]] | None:
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
        # a cell does not say its own text twice: parts reading the same (``nr beneficiari`` over
        # ``nr beneficiari`` beside two rows of two lines each, set close) are two rows' cells,
        # whatever else runs on across the cut
        if len({piece_text(part) for part in parts}) > 1:
            if held_across(p, owner, sets, contiguous):
                if not said_twice(p, owner, sets):
                    continue
                # two rows all the same, which a column tells apart by saying its text twice
                # (``Trim I-IV`` over ``Trim I-IV``): a sentence going on across the cut is one
                # cell merged over both rows, else the piece is their two cells
                if all(starts_lower(piece_text(b)) for b in parts[1:]):
                    p.merged = True
                    return p, [p]
            elif all(continues_text(piece_text(a), piece_text(b)) for a, b in zip(parts, parts[1:])):
                # two rows apart, beside which a sentence goes on across the cut (``a rezultatelor
                # obținute,`` / ``identificarea unui mecanism``): one cell merged over both
                p.merged = True
                return p, [p]
        return p, parts
    return None


def held_across(piece: Piece, owner: Sequence[int], sets: Sequence[Sequence[Piece]], contiguous: float) -> bool:
    """Does another column's text go on at once across a place where ``piece`` would be cut
    (its last line above, the next one a line step below)?  Cells set in the middle reach their
    row's edge only when they are its tallest: two columns running on across a row's end would
    both be the tallest of both rows.  Where one does, the cut is a row read in two, not two rows.
    (``contiguous``: line steps within which two lines follow at once, ``BorderlessSettings``.)"""
    steps = [b.segment.top - a.segment.top for a, b in zip(piece.items, piece.items[1:])]
    step = min(steps) if steps else 0.0
    for n in range(1, len(owner)):
        if owner[n] == owner[n - 1]:
            continue
        above, below = sets[owner[n - 1]], sets[owner[n]]
        for a in above:
            for b in below:
                if (a.col != piece.col and a.shares_column(b)
                        and 0 < b.top - a.items[-1].segment.top <= contiguous * step):
                    return True
    return False


def said_twice(piece: Piece, owner: Sequence[int], sets: Sequence[Sequence[Piece]]) -> bool:
    """Does another column say the same text, whole, on both sides of a place where ``piece``
    would be cut?  A cell does not say its own text twice: that column's texts are two rows' cells.
    (Whole: a list's lines, ``Direcția`` / ``învățământ,`` then ``Direcția`` / ``sănătate,``, are
    no repeat.)"""
    def said(pieces: Sequence[Piece]) -> dict[tuple[int, int], str]:  # each column's whole text in a set
        out: dict[tuple[int, int], list[str]] = {}
        for q in sorted(pieces, key=lambda q: q.top):
            if q.col != piece.col:
                out.setdefault((q.col, q.last_col), []).append(piece_text(q))
        return {k: " ".join(v) for k, v in out.items()}

    for n in range(1, len(owner)):
        if owner[n] == owner[n - 1]:
            continue
        above, below = said(sets[owner[n - 1]]), said(sets[owner[n]])
        if any(text and below.get(col) == text for col, text in above.items()):
            return True
    return False


def piece_text(piece: Piece) -> str:
    """A piece's words, whitespace folded."""
    return " ".join(" ".join(it.segment.text.split()) for it in piece.items)


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
        # (the page's first row, under the column numbers if any, may be a cut cell's rest)
        if r.kind == "data" and first_column_only and any(q.kind != "number" for q in rows[:i]):
            r.kind = "heading"
    spread_merged(slots, rows, blocks, alignment, ctx, settings.place_tolerance)
    return rows, tangled


def block_rows(slots: Sequence[Slot], ctx: RowContext, alignment: str,
               settings: BlockSettings) -> BlockRows:
    """The rows of a table's slots from its cells' blocks, set at ``alignment`` in their rows."""
    pieces = cell_pieces(slots, ctx)
    typed = join_typed_codes(pieces, ctx, settings)
    mark_merged(pieces, ctx, settings)
    cut = pieces_to_groups(pieces, settings, ctx.settings.contiguous) + typed
    # a cut row's rest joined at a page's foot or top is a guess the issue reports
    rests = int(join_runs_on(pieces, alignment, ctx, settings)) + int(join_top_rest(pieces, alignment, ctx, settings))
    join_tails(pieces, alignment, ctx, settings)
    close = place_fragments(pieces, alignment, ctx, settings)
    rows, tangled = groups_to_rows(slots, pieces, alignment, ctx, settings)
    return BlockRows(rows=rows, alignment=alignment, close_calls=close + cut + rests, tangled=tangled)
