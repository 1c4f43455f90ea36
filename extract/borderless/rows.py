"""Rows of a borderless table: which visual lines form one logical row, which cells run on
into the rows below (vertical merges), and the cell rectangles that result.

Without rules a wrapped cell looks like several rows.  The cells of a row all start on
the row's first line (text sits at the top of its cell), so a new row starts on a line
where a column's text *resumes* after a blank line, or where a code column starts an
item (``1.2.``, a ``Nr.`` value) after a finished paragraph, or at a heading.  Text that
goes on across such a line without a break continues its cell (a merged cell, such as
an objective beside its actions) when the line before it was wrapped, not ended.

``slots_to_rows``      slots -> logical rows, and the columns each row continues from above
``starts_row``         does a new row start on a line
``mark_continuations`` which cells of a row continue the cell above

The visual lines themselves are ``borderless.slots``'s; the rectangles, ``borderless.rects``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from planuri.extract.ro_text import DANGLING_FOLDED, ends_mid_sentence, fold, leading_code

from planuri.extract.borderless.columns import Columns
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.borderless.slots import Item, Slot, is_number_slot, is_spanning_paragraph
from planuri.extract.pdf.text import ends_paragraph

CODE_FIELDS = frozenset({"code", "action", "measure", "specific_objective", "general_objective"})
GROUPING_FIELDS = frozenset({"specific_objective", "general_objective", "measure"})
MERGING_FIELDS = GROUPING_FIELDS | {"action"}  # columns whose cells merge over several rows


@dataclass
class Row:
    first: int  # slot indexes
    last: int
    kind: str = "data"  # data | heading | number
    continues: set[int] = field(default_factory=set)  # columns whose cell runs on from the row above


# --------------------------------------------------------------------------- rows


@dataclass(frozen=True)
class RowContext:
    columns: Columns
    fields: list[str | None]
    pitch: float
    marks_spaces: bool  # the PDF draws the space at which a line wraps (LibreOffice, Word)
    settings: BorderlessSettings  # the run's thresholds: when lines follow at once, when a line fills its cell
    code_led: frozenset[int] = frozenset()  # columns whose items start with codes ("1.2.", "3.")
    unmarked: frozenset[int] = frozenset()  # columns drawing no space where their lines wrap (justified cells)

    def marks(self, item: Item) -> bool:
        """Does the PDF draw the space where ``item``'s line wraps, in its column?"""
        return self.marks_spaces and item.c0 not in self.unmarked

    def code_column(self, col: int) -> bool:
        return col in self.code_led

    def contiguous(self, above: Slot, below: Slot) -> bool:
        return below.top - above.top <= self.settings.contiguous * self.pitch

    def wrapped(self, prev: Item, nxt: Item) -> bool:
        """Did the line of ``prev`` wrap into ``nxt`` (one paragraph) rather than end?"""
        text = prev.segment.line.text
        right = self.columns.text_right[prev.c1]
        if self.marks(prev):  # the PDF draws the space (or hyphen) at which a line wraps
            # a justified line, or a word cut at the cell's edge, fills the line without one (into a
            # capital only after a word no sentence ends with: ``AO „Centrul Național de`` / ``Prevenire``)
            filled = right - prev.segment.x1 < self.settings.filled_edge * max(prev.segment.line.size, 1)
            return text.endswith((" ", "-", "–")) or (filled and not self.starts_item(nxt) and (
                not nxt.segment.text.lstrip()[:1].isupper() or self.dangles(prev)))
        return not ends_paragraph(prev.segment.line, nxt.segment.line, right)  # the next word did not fit

    def dangles(self, item: Item) -> bool:
        """Does ``item``'s line end in a word no sentence ends with (``de``, ``și``): whatever
        the next line opens with, the sentence goes on there?"""
        words = item.segment.text.split()
        return bool(words) and fold(words[-1]) in DANGLING_FOLDED

    def marked_wrap(self, prev: Item) -> bool:
        """Did the line of ``prev`` end with the space or hyphen the PDF draws where a line wraps
        (not only filling its cell, which a line ending its paragraph may do as well)?"""
        return self.marks(prev) and prev.segment.line.text.endswith((" ", "-", "–"))

    def starts_item(self, item: Item) -> bool:
        """Does ``item`` open with an item code in a column led by codes (``4.1.`` under a line
        filled to the edge: a new item, not the line wrapped)?"""
        return self.code_column(item.c0) and item.c0 == item.c1 and bool(leading_code(item.segment.text))

    def goes_on(self, prev: Item, nxt: Item) -> bool:
        """Does ``nxt`` go on with the paragraph of ``prev`` (its line following at once)?  The line
        above must have wrapped.  Where the PDF draws no space at a wrap (justified text, some
        writers), a wrap is only guessed (the next word would not have fitted), and a line starting
        with a capital or a digit is taken as a new paragraph: one that wrongly went on would tie
        two rows' cells together, while one cut too soon is joined again to the row it fits."""
        if not self.wrapped(prev, nxt):
            return False
        first = nxt.segment.text.lstrip()[:1]
        return (self.marks(prev) or prev.segment.text.endswith(("-", "–")) or not (first.isupper() or first.isdigit())
                or ((self.justified(prev) or self.dangles(prev)) and not leading_code(nxt.segment.text)))

    def justified(self, item: Item) -> bool:
        """Is ``item``'s line stretched to its column's edge, three words or more and spaces wider
        than a space (a justified line: only a wrapped one is stretched, a paragraph's last line is
        set as it falls)?"""
        line = item.segment.line
        right = self.columns.text_right[item.c1]
        if (len(line.text.split()) < self.settings.justified_words
                or abs(right - item.segment.x1) >= self.settings.filled_edge * max(line.size, 1)):
            return False
        # its word spaces wider than a space (a last line may fill its cell by chance, at ordinary spaces)
        inked = sorted((ch for ch in item.segment.chars if ch["text"].strip()), key=lambda ch: ch["x0"])
        size = max(line.size, 1)
        gaps = [b["x0"] - a["x1"] for a, b in zip(inked, inked[1:]) if b["x0"] - a["x1"] > self.settings.word_gap * size]
        return bool(gaps) and sum(gaps) / len(gaps) > self.settings.stretched_space * size


def unmarked_columns(slots: Sequence[Slot], columns: Columns, settings: BorderlessSettings) -> frozenset[int]:
    """Columns of justified cells, whose lines never end in a drawn space (LibreOffice draws none
    where it wraps a justified line): lines running to the column's text edge with another line
    of theirs right under them, none with a space at its end.  There a wrap is guessed from the
    room left, as in a PDF that draws no spaces at all."""
    justified: dict[int, int] = {}
    spaced: set[int] = set()
    for above, here in zip(slots, slots[1:]):
        for it in above.items:
            if it.segment.line.text.endswith(" "):
                spaced.add(it.c0)
            below = here.at(it.c0)
            if (below is not None and it.c0 == it.c1 == below.c0 == below.c1
                    and columns.text_right[it.c1] - it.segment.x1 < settings.filled_edge * max(it.segment.line.size, 1)):
                justified[it.c0] = justified.get(it.c0, 0) + 1
    return frozenset(c for c, n in justified.items() if n >= settings.unmarked_lines and c not in spaced)


def code_led_columns(slots: Sequence[Slot], fields: list[str | None], settings: BorderlessSettings) -> frozenset[int]:
    """Columns of a code-bearing field (code, action, measure, objectives) where items do start
    with codes: there a line without a code never starts a cell of its own."""
    counts: dict[int, int] = {}
    for slot in slots:
        for it in slot.items:
            if it.c0 == it.c1 and fields[it.c0] in CODE_FIELDS and leading_code(it.segment.text):
                counts[it.c0] = counts.get(it.c0, 0) + 1
    # a Nr. column, or an objective or measure column (few, long cells), needs one code to show it
    one = GROUPING_FIELDS | {"code"}
    return frozenset(c for c, n in counts.items() if n >= (1 if fields[c] in one else settings.min_codes))


def starts_row(slots: Sequence[Slot], k: int, row_start: int, ctx: RowContext) -> bool:
    """Does a new row start at slot ``k`` (the current one started at ``row_start``)?"""
    here, above = slots[k], slots[k - 1]
    close = ctx.contiguous(above, here)
    if close and any(code_cell_goes_on(above.at(it.c0), it, ctx) for it in here.items):
        return False  # an item's cell runs on in its code column: the item's row goes on
    plain, fresh, running = 0, 0, 0  # items outside code columns; of those, items that begin a paragraph,
    coded = False  # and items going on mid-sentence from the line above

    def cut_beside() -> bool:  # a cell beside the code column stops mid-sentence on the line above
        return close and any(not ctx.code_column(it.c0) and (p := above.at(it.c0)) is not None
                             and ends_mid_sentence(p.segment.text) for it in here.items)

    for item in here.items:
        prev = above.at(item.c0) if close else None
        if prev is None:
            return True  # this column's text resumes after a blank line: a new row's cell
        ended = not ctx.wrapped(prev, item)
        if not ended and not ctx.marks(prev) and not (ctx.code_column(item.c0) and cut_beside()):
            # a guessed wrap: into a capital or a digit, a new paragraph (an item code too, under a
            # line filled by chance, 8647 -- unless a cell beside stops mid-sentence above: an item
            # typed inside its cell, 3777)
            ended = not ctx.goes_on(prev, item)
        if ctx.code_column(item.c0):
            coded |= item.c0 == item.c1 and ended and leading_code(item.segment.text) is not None
            continue
        plain += 1
        fresh += ended
        running += (not ended and ctx.fields[item.c0] not in GROUPING_FIELDS and item.c0 == item.c1 == prev.c0
                    and (ctx.marked_wrap(prev) or starts_sentence_on(prev, item)))
    # two cells or more saying again, whole, the one line their cells hold so far (``Trim I-IV``,
    # ``BPVH``, ``Buget local`` under the same): a new row's, whatever wraps are guessed
    again = 0
    for item in here.items:
        lines = [it for s in slots[row_start:k] for it in s.items if it.c0 == item.c0]
        if (not ctx.code_column(item.c0) and len(lines) == 1 and lines[0].c1 == item.c1
                and " ".join(item.segment.text.split()) == " ".join(lines[0].segment.text.split())):
            again += 1
    if again >= ctx.settings.repeated_cells:
        return True
    if coded:
        # an item code after a finished paragraph starts a row -- unless no other cell starts on its
        # line and two or more go on mid-sentence: an item typed inside the cell above (``… sau mai
        # mult. 7.3. Mediatizarea …`` in one action cell), beside the row's own cells running on
        return fresh > 0 or running < ctx.settings.running_cells
    # every column of the row so far (code columns aside) starts a paragraph at once: rows of one
    # line each, a new row -- not a few cells that each hold several paragraphs
    so_far = {it.c0 for s in slots[row_start:k] for it in s.items if not ctx.code_column(it.c0)}
    return plain >= 2 and fresh == plain and plain >= len(so_far)


def code_cell_goes_on(prev: Item | None, item: Item, ctx: RowContext) -> bool:
    """Is ``item`` the wrapped next line of ``prev`` in an item column led by codes (actions, a
    Nr. column; not an objective's merged cell, beside which rows start)?  There a line without
    a code starts no row: a cell set in the middle of its row beside it (``Primăria Bălți``
    beside an action's second line, nothing above it) is that row's."""
    return (prev is not None and ctx.code_column(item.c0) and ctx.fields[item.c0] not in GROUPING_FIELDS
            and item.c0 == item.c1 == prev.c0 == prev.c1 and not leading_code(item.segment.text)
            and ctx.wrapped(prev, item))


def slots_to_rows(slots: Sequence[Slot], ctx: RowContext) -> list[Row]:
    n_cols = len(ctx.columns)
    rows: list[Row] = []
    for k, slot in enumerate(slots):
        spanning = is_spanning_paragraph(slot, n_cols)
        if not rows:
            new = True
        elif rows[-1].kind == "heading":  # a heading goes on while its lines wrap into each other
            prev, item = slots[k - 1].items[0], slot.items[0]
            new = not (len(slot.items) == 1 and item.c0 == 0 and ctx.contiguous(slots[k - 1], slot)
                       and ctx.wrapped(prev, item))
        elif rows[-1].kind == "number":
            new = True
        else:
            new = spanning or starts_row(slots, k, rows[-1].first, ctx)
        if new:
            kind = "heading" if spanning else "number" if k == 0 and is_number_slot(slot) else "data"
            rows.append(Row(first=k, last=k, kind=kind))
        else:
            rows[-1].last = k
    lead = next((i for i, r in enumerate(rows) if r.kind != "number"), len(rows))
    for i, r in enumerate(rows):
        first_column_only = all(it.c0 == 0 and it.c1 == 0 for s in slots[r.first:r.last + 1] for it in s.items)
        if r.kind == "data" and first_column_only and (i > lead or labels_heading(slots, rows, i, ctx)):
            r.kind = "heading"  # a heading typed in a narrow first cell (the first row under the column
            # numbers, if any, may be a page's cut-off rest -- not a label opening the heading under it)
    mark_continuations(slots, rows, ctx)
    return rows


def labels_heading(slots: Sequence[Slot], rows: Sequence[Row], i: int, ctx: RowContext) -> bool:
    """Is row ``i`` one line ending in a colon right over a heading row (``Obiectiv specific 1.6:``
    / ``Cel puțin 20% de metode noi …`` at a page's top, 8962): the heading's label, not the rest
    of a row the page break cut?"""
    row = rows[i]
    if row.first != row.last or i + 1 >= len(rows) or rows[i + 1].kind != "heading":
        return False
    line, below = slots[row.last], slots[rows[i + 1].first]
    return line.items[0].segment.text.rstrip().endswith(":") and ctx.contiguous(line, below)


def starts_sentence_on(prev: Item, item: Item) -> bool:
    """Does ``item`` read as the rest of ``prev``'s sentence: a lower-case word after a line not
    closed by a period or a bracket?  Across a new row's first line a guessed wrap needs this:
    ``nr autosesizari`` filling its cell, then ``1 sesiune`` (the next row's indicator) is two cells."""
    first = item.segment.text.lstrip()[:1]
    return first.isalpha() and first.islower() and not prev.segment.text.rstrip().endswith((".", ")"))


def mark_continuations(slots: Sequence[Slot], rows: list[Row], ctx: RowContext) -> None:
    """Which cells of each row continue the cell above: text running on from a wrapped line
    across the row's first line; or, in a grouping column (objectives, measures), no text at
    all under a cell (a merged cell whose text is shorter than the rows it spans) -- and the
    action column likewise when the grouping column on its left is merged over the row."""
    n_cols = len(ctx.columns)
    for prev_row, row in zip(rows, rows[1:]):
        if row.kind != "data" or prev_row.kind != "data":
            continue
        first, above = slots[row.first], slots[row.first - 1]
        # cells opening on the row's first line with nothing right above them: the row does start
        # there, its cells set at its top -- a line going on from the row above beside them
        # (``familii`` / ``realizat``, the rest of a row the page break cut, then the next row's
        # result) is its own cell's first line, however its words read on; unless its column is one
        # whose cells merge over rows (objectives, measures, an action over its indicators' rows)
        resumed = sum(1 for item in first.items if above.at(item.c0) is None or not ctx.contiguous(above, first))
        for item in first.items:
            prev = above.at(item.c0)
            if prev is None or item.c0 != item.c1 or prev.c0 != prev.c1 or not ctx.contiguous(above, first):
                continue
            if ctx.code_column(item.c0):  # a code column's line without a code goes on with the cell above
                if not leading_code(item.segment.text):
                    row.continues.add(item.c0)
            elif ((resumed < ctx.settings.resumed_cells or ctx.fields[item.c0] in MERGING_FIELDS)
                  and ctx.goes_on(prev, item) and (ctx.marked_wrap(prev) or starts_sentence_on(prev, item))):
                row.continues.add(item.c0)
        filled = {c for s in slots[row.first:row.last + 1] for it in s.items for c in range(it.c0, it.c1 + 1)}
        for col in range(n_cols):
            if col in filled or col in row.continues:
                continue
            if ctx.fields[col] in GROUPING_FIELDS:
                row.continues.add(col)
            elif ctx.fields[col] == "action" and any(ctx.fields[c] in GROUPING_FIELDS and c in row.continues
                                                     for c in range(col)):
                row.continues.add(col)
    # a continued cell needs a cell above it to continue
    for prev_row, row in zip(rows, rows[1:]):
        if prev_row.kind != "data":
            row.continues.clear()
