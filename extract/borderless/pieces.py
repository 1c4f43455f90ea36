"""The paragraphs of a borderless table's cells (``Piece``), the unit ``borderless.blocks`` reads
rows of cells set in the middle or at the bottom of their rows from.

``cell_pieces``    slots -> pieces: each column's paragraphs (a wrapped line goes on)
``overlapping``    two pieces side by side (sharing enough of a line's height)
``column_blocks``  pieces of one column on contiguous lines
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from planuri.extract.ro_text import leading_code

from planuri.extract.borderless.rows import RowContext
from planuri.extract.borderless.slots import Item, Slot, is_number_slot, is_spanning_paragraph
from planuri.extract.borderless.settings import BlockSettings


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


def cell_pieces(slots: Sequence[Slot], ctx: RowContext) -> list[Piece]:
    """Each column's paragraphs: an item goes on with the piece of its column on the line above
    when that line is contiguous and wrapped into it."""
    n_cols = len(ctx.columns)
    pieces: list[Piece] = []
    for k, slot in enumerate(slots):
        heading = is_spanning_paragraph(slot, n_cols)
        number = k == 0 and is_number_slot(slot)
        for it in slot.items:
            # the paragraph whose last line stands over this one (a heading's first line spans the
            # columns, its wrapped rest only the first: a cell's line beside that rest is no part of it)
            prev = next((p for p in reversed(pieces) if p.items[-1].c0 <= it.c1 and it.c0 <= p.items[-1].c1
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
    at once and go on from the piece's last line (``RowContext.goes_on``) -- or, in a column whose
    items start with codes, be a line without a code under the piece's line in that column alone:
    there such a line never starts a cell (``3.7. Modificarea și`` / ``completarea`` /
    ``Dispoziției`` / ``Primarului nr.335 …``, wraps into capitals where none is drawn)."""
    if slots[k].top - slots[piece.slots[-1]].top > ctx.settings.contiguous * ctx.pitch:
        return False
    last = piece.items[-1]
    if piece.heading and item.c0 != piece.col:
        return False  # a heading wraps back to its left edge: a line further right is a cell's (``2025-``)
    if (ctx.code_column(item.c0) and item.c0 == item.c1 == last.c0 == last.c1 and not piece.heading
            and not leading_code(item.segment.text)):
        return True
    return ctx.goes_on(last, item)


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
