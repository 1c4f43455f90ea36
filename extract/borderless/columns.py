"""The columns of a borderless table: their boundaries, found in the gutters of white space
the body's text leaves between the header's leaf labels, and each column's right text edge.

``Columns``            boundaries (n + 1) and text edges; which columns a segment covers
``header_to_columns``  header + body segments -> column boundaries and text edges
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from planuri.extract.borderless.header import Header
from planuri.extract.borderless.segments import Segment
from planuri.extract.borderless.settings import BorderlessSettings


AMOUNT = re.compile(r"\d[\d.,\u00a0\u202f]*")  # one figure (``150,000.00``), no words, no spaces


@dataclass(frozen=True)
class Columns:
    """Column boundaries (``edges``, n + 1 of them) and each column's right text edge (where a
    line of the column wraps)."""

    edges: list[float]
    text_right: list[float]

    def index(self, x: float) -> int:
        """The column holding ``x`` (clamped to the table)."""
        for i in range(len(self.edges) - 2, -1, -1):
            if x >= self.edges[i]:
                return i
        return 0

    def span(self, seg: Segment, settings: BorderlessSettings) -> tuple[int, int]:
        """First and last column a segment's text covers.  A line across columns set in the middle
        of a merged cell (not at its first column's text edge) spans the columns it is centred
        on: ``în limita resurselor`` centred over three funding sources covers only the middle
        one and parts of its neighbours' gutters."""
        c0, c1, _overflow = self.place(seg, settings)
        return c0, c1

    def place(self, seg: Segment, settings: BorderlessSettings) -> tuple[int, int, bool]:
        """``span``, and whether it was an amount placed by its middle (``overflowing_amount``)."""
        middle = self.overflowing_amount(seg, settings)
        if middle is not None:
            return middle, middle, True
        c0, c1 = self.index(seg.x0 + settings.span_inset), self.index(seg.ink_x1 - settings.span_inset)
        if c1 == c0 or seg.x0 - (self.edges[c0] + settings.padding) <= settings.aligned_paddings * settings.padding:
            return c0, c1, False
        for extra in range(settings.centred_extra + 1):
            for a in range(c0, max(c0 - extra, 0) - 1, -1):
                b = c1 + extra - (c0 - a)
                if b < len(self) and abs((self.edges[a] + self.edges[b + 1]) / 2 - seg.center) <= settings.centred_slack:
                    return a, b, False
        return c0, c1, False

    def overflowing_amount(self, seg: Segment, settings: BorderlessSettings) -> int | None:
        """The column of an amount wider than its narrow cell, run past the cell's edges (a figure
        cannot wrap): the column holding its middle, not a cell merged over the columns it
        crosses (8107).  A guess: an amount centred in a merged cell looks the same."""
        if not AMOUNT.fullmatch(seg.text.strip()):
            return None
        c0, c1 = self.index(seg.x0 + settings.span_inset), self.index(seg.ink_x1 - settings.span_inset)
        middle = self.index(seg.center)
        room = self.edges[middle + 1] - self.edges[middle] - 2 * settings.padding
        if c1 != c0 and seg.ink_x1 - seg.x0 > room:
            return middle
        return None

    def __len__(self) -> int:
        return len(self.edges) - 1


def header_to_columns(header: Header, body: Sequence[Segment], settings: BorderlessSettings) -> Columns:
    """Column boundaries from the gutters of the body's text between consecutive leaf labels.

    Between two neighbouring labels (their texts, or their centres when they touch) the
    boundary lies in the stretch the fewest body segments cover (text wraps inside its cell, so a gutter is crossed only by
    the rare heading row or merged cell), one cell padding left of the next column's text."""
    leaves = header.leaves
    left_text = min([s.x0 for s in body if s.x0 < leaves[0].center] + [leaves[0].x0])
    edges = []
    for a, b in zip(leaves, leaves[1:]):
        # between the two labels' texts when they leave a gap (labels wrap inside their cells too)
        apart = b.x0 - a.x1 >= settings.label_apart
        lo, hi = (int(a.x1), int(b.x0) + 1) if apart else (int(a.center), int(b.center) + 1)
        cover = [0] * (hi - lo)
        for s in body:
            for x in range(max(lo, int(s.x0)), min(hi, int(s.x1) + 1)):
                cover[x - lo] += 1
        least = min(cover) if cover else 0
        runs, start = [], None
        for i, c in enumerate(cover + [least + 1]):
            if c == least and start is None:
                start = i
            elif c != least and start is not None:
                runs.append((start, i))
                start = None
        # where other tables' lines cross the page's gutters too, a blank the next column's lines
        # start right after may be crossed by a line or so more than the least
        near = least + max(1, int(settings.gutter_slack * least))
        start = None
        for i, c in enumerate(cover + [near + 1]):
            if c <= near and start is None:
                start = i
            elif c > near and start is not None:
                if (start, i) not in runs:
                    runs.append((start, i))
                start = None
        # the widest blank, but a blank the next column's lines start right after (left-set cells)
        # before a wider one that only ends at the next label (the blank right of short cells: ``-``)
        starts = [s.x0 for s in body]

        def anchors(run: tuple[int, int]) -> int:  # body lines starting right after the blank
            right = lo + run[1]
            return sum(1 for x in starts if right - 1 <= x <= right + settings.gutter_anchor)

        def anchored(run: tuple[int, int]) -> bool:
            return anchors(run) >= settings.gutter_anchored

        # an anchored blank first, the one most lines start after (another table's lines start
        # elsewhere), then the least crossed, then the widest
        s0, s1 = max(runs, key=lambda r: (anchored(r), anchors(r) if anchored(r) else 0,
                                          all(cover[i] == least for i in range(*r)), r[1] - r[0])) \
            if runs else (0, len(cover))
        gap_left, gap_right = lo + s0, lo + s1
        edge = gap_right - min(settings.padding, (gap_right - gap_left) / 2)
        if apart and (s0, s1) == (0, len(cover)) and not anchored((s0, s1)):
            # nothing in the body bounds the gutter (the lines crossing it cross all of it): the
            # labels are centred in their cells, so the cell of ``a`` ends as far past its label's
            # centre as it starts before it
            previous = edges[-1] if edges else left_text - settings.padding
            edge = min(max(2 * a.center - previous, gap_left + settings.padding), edge)
        edges.append(edge)
    left_text = min([s.x0 for s in body if s.x0 < (edges[0] if edges else math.inf)] + [leaves[0].x0])
    right_text = max([s.x1 for s in body if s.x1 > (edges[-1] if edges else -math.inf)] + [leaves[-1].x1])
    # the outer sides: past the text, and -- header labels being centred in their cells -- as far
    # beyond the last label's centre as the column's inner side is before it
    right = right_text + settings.padding
    if edges:
        right = max(right, 2 * leaves[-1].center - edges[-1])
    edges = [left_text - settings.padding, *edges, right]
    # a column's text ends one padding short of the next column's side (the widest line may not reach it)
    return Columns(edges=edges, text_right=[e - settings.padding for e in edges[1:]])
