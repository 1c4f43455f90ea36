"""The visual lines of a borderless table's body (``Slot``) and each one's cell lines (``Item``,
with the columns they cover), read from the page's segments.

``segments_to_slots``      segments -> slots: the visual lines, each with its items per column
``join_justified``         a merged cell's justified line, cut apart at its stretched spaces, one again
``widen_to_groups``        a line alone under a group's sub-columns spans the group
``table_end``              how many slots belong to the table (a wide gap or a paragraph ends it)
``line_pitch``             the step from one line to the next inside a cell
``aligned_share``          share of the items starting at their column's text edge
``overflow_issues``        the amounts read as their middle column's though they ran past its edges
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from planuri.extract.borderless.columns import Columns
from planuri.extract.borderless.segments import Segment
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.issues import Issue
from planuri.extract.pdf.text import line_from_chars


@dataclass
class Item:
    """The text of one slot in one column (or across several, for a merged cell)."""

    c0: int
    c1: int
    segment: Segment
    overflow: bool = False  # an amount wider than its column, placed by its middle (a guess)


@dataclass
class Slot:
    top: float
    bottom: float
    items: list[Item] = field(default_factory=list)

    def at(self, col: int) -> Item | None:
        return next((it for it in self.items if it.c0 <= col <= it.c1), None)


def segments_to_slots(segments: Sequence[Segment], columns: Columns, settings: BorderlessSettings,
                      groups: Sequence[tuple[int, int]] = ()) -> list[Slot]:
    """Segments -> slots (visual lines) of items (a cell's line, with the columns it covers).
    ``groups``: the header's column groups (funding sources under ``Costuri``), where a merged
    cell's justified line may have been cut apart (``join_justified``)."""
    lines: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        tol = settings.line_tolerance * max(seg.line.size, 1.0)
        if lines and abs(seg.top - lines[-1][0].top) <= tol:
            lines[-1].append(seg)
        else:
            lines.append([seg])
    slots: list[Slot] = []
    for line in lines:
        slot = Slot(top=line[0].top, bottom=max(seg.bottom for seg in line))
        slots.append(slot)
        for seg in join_justified(sorted(line, key=lambda s: s.x0), columns, settings, groups):
            add_to_slot(slot, seg, columns, settings)
    for slot in slots:
        slot.items.sort(key=lambda it: it.c0)
    return slots


def join_justified(line: Sequence[Segment], columns: Columns, settings: BorderlessSettings,
                   groups: Sequence[tuple[int, int]] = ()) -> list[Segment]:
    """A justified line of a cell merged across columns, cut apart at its stretched spaces, made
    one segment again: three segments or more in a row, each one word (cut at every space: they
    are all stretched alike), the white between them equal to within ``justified_gap_slack``,
    crossing a column edge inside one of the header's column ``groups`` (a cost cell merged over
    the funding sources), from the first column's text edge to the last one's (a cell's line
    stretched to fill it), no space falling on a gutter (one cell's line ending at its column's
    text edge, the next one's starting at its own).  Cells of their own are left apart: a
    justified line's stretched spaces can be as wide as a gutter, so lines side by side in
    columns of no group, whose white is equal by chance, are never joined."""
    out: list[Segment] = []
    k = 0
    while k < len(line):
        end = k + 1
        if k + 2 < len(line):
            gap = line[k + 1].x0 - line[k].ink_x1
            slack = settings.justified_gap_slack
            while (end < len(line) and gap >= settings.split_gap
                   and abs(line[end].x0 - line[end - 1].ink_x1 - gap) <= slack):
                end += 1
        # the longest run of one-word pieces stretched over the columns (the next cell's line may
        # stand as far off by chance: ``… financiare`` then ``Număr de planuri``, 8282)
        while end - k >= 3 and not (all(len(seg.text.split()) == 1 for seg in line[k:end])
                                    and stretched_over_columns(line[k:end], columns, settings, groups)):
            end -= 1
        run = line[k:end]
        if len(run) >= 3:
            joined = run[0]
            for seg in run[1:]:
                joined = _join(joined, seg)
            out.append(joined)
            k = end
        else:
            out.append(line[k])
            k += 1
    return out


def stretched_over_columns(run: Sequence[Segment], columns: Columns, settings: BorderlessSettings,
                           groups: Sequence[tuple[int, int]]) -> bool:
    first, last = columns.index(run[0].x0), columns.index(run[-1].ink_x1)
    if first == last or not any(a <= first and last <= b for a, b in groups):
        return False
    pad = settings.padding
    starts = abs(run[0].x0 - (columns.edges[first] + pad)) <= pad
    ends = abs(columns.edges[last + 1] - pad - run[-1].ink_x1) <= pad
    on_gutter = any(abs(a.ink_x1 - (edge - pad)) <= settings.span_inset * 2 and abs(b.x0 - (edge + pad)) <= settings.span_inset * 2
                    for a, b in zip(run, run[1:]) for edge in columns.edges[first + 1:last + 1])
    return starts and ends and not on_gutter


def add_to_slot(slot: Slot, seg: Segment, columns: Columns, settings: BorderlessSettings) -> None:
    c0, c1, overflow = columns.place(seg, settings)
    same = next((it for it in slot.items if it.c0 <= c0 <= it.c1 or c0 <= it.c0 <= c1), None)
    if same is not None:  # a cell line cut by a wide justified space: one item again
        same.c0, same.c1 = min(same.c0, c0), max(same.c1, c1)
        first, second = sorted((same.segment, seg), key=lambda s: s.x0)
        same.segment = _join(first, second)
    else:
        slot.items.append(Item(c0, c1, seg, overflow=overflow))


def widen_to_groups(slots: Sequence[Slot], groups: Sequence[tuple[int, int]]) -> None:
    """A line across two or more of a group's sub-columns, alone under the group on its line,
    spans the whole group: a merged cost cell set at its left (``în limita resurselor`` over three
    funding sources) reaches only the sources its text is long enough for."""
    for slot in slots:
        for first, last in groups:
            under = [it for it in slot.items if it.c1 >= first and it.c0 <= last]
            if len(under) == 1 and first <= under[0].c0 < under[0].c1 <= last:
                under[0].c0, under[0].c1 = first, last


def _join(a: Segment, b: Segment) -> Segment:
    chars = tuple(sorted(a.chars + b.chars, key=lambda c: c["x0"]))
    return Segment(line_from_chars(chars), chars)


def line_pitch(slots: Sequence[Slot], settings: BorderlessSettings) -> float:
    """The step from one line to the next inside a cell: the most common step between a column's
    consecutive lines (the tightest when tied).  Measured per column, not between the page's visual
    lines: cells set in the middle of their rows put lines half a step apart across columns.  A step
    between the same two lines counts once, however many columns make it (a row's one-line cells
    step to the next row together, and would outvote a long paragraph's lines in one column), and
    steps within ``pitch_tolerance`` of each other are one step (12.0 and 12.1 are one pitch)."""
    last: dict[int, float] = {}
    pairs = set()
    for slot in slots:
        for it in slot.items:
            if it.c0 in last and slot.top > last[it.c0]:
                pairs.add((last[it.c0], slot.top))
            last[it.c0] = slot.top
    if not pairs:
        return settings.default_pitch
    steps = sorted(top - above for above, top in pairs)
    best, best_count = steps[0], 0
    lo = 0
    for hi, x in enumerate(steps):  # steps within the tolerance above each step, the tightest first
        while steps[lo] < x - settings.pitch_tolerance:
            lo += 1
        count = hi - lo + 1
        if count > best_count:
            best, best_count = steps[lo:hi + 1], count
    return sum(best) / len(best)


def is_number_slot(slot: Slot) -> bool:
    texts = [it.segment.text.strip().rstrip(".") for it in slot.items]
    if len(texts) < 2 or not all(t.isdigit() for t in texts):
        return False
    nums = [int(t) for t in texts]
    return nums == list(range(nums[0], nums[0] + len(nums)))


def is_page_number(slot: Slot, settings: BorderlessSettings) -> bool:
    """A lone short text with a number ("3", "- 3 -", "Pagina 3 din 9") set apart below: page furniture."""
    if len(slot.items) != 1:
        return False
    text = slot.items[0].segment.text.strip()
    return (len(text) <= settings.page_number_chars and any(ch.isdigit() for ch in text)
            and len(text.split()) <= settings.page_number_words)


def is_spanning_paragraph(slot: Slot, n_cols: int) -> bool:
    """One text across the columns from the first: a heading row (a cell merged over the width)."""
    return len(slot.items) == 1 and slot.items[0].c0 == 0 and slot.items[0].c1 >= min(1, n_cols - 1)


def table_end(slots: Sequence[Slot], n_cols: int, settings: BorderlessSettings) -> int:
    """Slots ``[0, end)`` belong to the table: it stops at a gap of more than ``max_gap_lines``
    line pitches, and lines after the last line with text in two columns belong to it only
    while they follow on without a gap and are not a paragraph across the page."""
    if not slots:
        return 0
    pitch = line_pitch(slots, settings)
    end = 1
    for i in range(1, len(slots)):
        gap = slots[i].top - slots[i - 1].top
        if gap > settings.max_gap_lines * pitch or (gap > settings.page_number_gap * pitch
                                                    and is_page_number(slots[i], settings)):
            break
        end = i + 1
    last_multi = max((i for i in range(end) if len({it.c0 for it in slots[i].items}) >= 2), default=0)
    stop = last_multi + 1
    while stop < end and slots[stop].top - slots[stop - 1].top <= settings.follow_on * pitch \
            and not is_spanning_paragraph(slots[stop], n_cols):
        stop += 1
    return stop


def aligned_share(slots: Sequence[Slot], columns: Columns, settings: BorderlessSettings) -> float:
    """Share of the items that start at their column's left text edge (cells are mostly left-aligned;
    the words of a justified paragraph, cut apart by its wide spaces, start anywhere)."""
    items = [it for s in slots for it in s.items]
    if not items:
        return 0.0
    lefts = [columns.edges[it.c0] + settings.padding for it in items]
    slack = settings.aligned_paddings * settings.padding
    return sum(1 for it, x in zip(items, lefts) if abs(it.segment.x0 - x) <= slack) / len(items)


def overflow_issues(slots: Sequence[Slot]) -> list[Issue]:
    """``borderless-amount-overflow`` when amounts ran past their column's edges: each was read as
    the column holding its middle, though a cost merged over those columns looks the same."""
    over = [it for s in slots for it in s.items if it.overflow]
    if not over:
        return []
    return [Issue("borderless-amount-overflow",
                  f"amounts wider than their column, running past its edges, read as the cell under their "
                  f"middle, not as a cost merged over the columns they cross ({len(over)} on this page)",
                  raw=over[0].segment.text.strip())]
