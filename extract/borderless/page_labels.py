"""Header labels met on a page of a borderless table, apart from finding the header itself
(``borderless.header``): where the labels stand (``LabelBox``), their last lines under the header
band or at the next page's top (``label_rest``), a row of values that reads as labels
(``values_row``), and characters moved to another place on the page (``moved_down``, ``carried_shifts``).
"""

from __future__ import annotations

import math

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from planuri.extract.ro_text import leading_code

from planuri.extract.borderless.header import Header
from planuri.extract.borderless.segments import Segment
from planuri.extract.borderless.settings import BorderlessSettings


def segment_lines(segments: Sequence[Segment], settings: BorderlessSettings) -> list[list[Segment]]:
    """Segments grouped by visual line, top to bottom."""
    lines: list[list[Segment]] = []
    for s in sorted(segments, key=lambda s: s.top):
        if lines and abs(lines[-1][0].top - s.top) < settings.line_tolerance * (s.bottom - s.top):
            lines[-1].append(s)
        else:
            lines.append([s])
    return lines


@dataclass(frozen=True)
class LabelBox:
    """Where a header label stands and how it is set: its rest under it is set the same way."""

    x0: float
    x1: float
    font: str | None
    capitals: bool

    def holds(self, seg: Segment, padding: float) -> bool:
        """Could ``seg`` be this label's last words: under it, in its font, in capitals if it is?"""
        return (self.x0 - padding <= seg.x0 and seg.x1 <= self.x1 + padding and font_of(seg) == self.font
                and (not self.capitals or seg.text.isupper()))


def font_of(seg: Segment) -> str | None:
    return seg.font


def label_boxes(header: Header) -> tuple[LabelBox, ...]:
    out = []
    for leaf in header.leaves:
        fonts = Counter(font_of(s) for s in leaf.segments)
        out.append(LabelBox(leaf.x0, leaf.x1, fonts.most_common(1)[0][0] if fonts else None, leaf.text.isupper()))
    return tuple(out)


def label_rest(lines: Sequence[Sequence[Segment]], boxes: Sequence[LabelBox], settings: BorderlessSettings,
               top: float | None) -> list[Sequence[Segment]]:
    """The first ``lines`` that are the last lines of header labels: each of their texts a few
    words, no code or number, under one label (not the first column's: a row starts there) and
    set as it is (its font, capitals if it is in capitals: the body's first line, ``CRAT, etc.``
    under a repeated header, is not), each line right under the one before (under ``top``, the
    band's bottom, when given)."""
    out = []
    above = top
    for line in lines:
        height = max(s.bottom - s.top for s in line)
        if above is not None and line[0].top - above > settings.label_goes_on * height:
            break
        if not all(len(s.text.split()) <= settings.label_rest_words and not leading_code(s.text)
                   and not any(ch.isdigit() for ch in s.text)
                   and any(box.holds(s, settings.padding) for box in boxes[1:])
                   for s in line):
            break
        out.append(line)
        above = max(s.bottom for s in line)
    return out


def folded(text: str) -> str:
    return " ".join(text.lower().split())


def values_row(header: Header, above: Sequence[Segment], seen: dict[str, list[tuple[float, float]]] | None = None) -> bool:
    """Is ``header`` a row of a table's values (``above``: the lines between it and the table's
    start; ``seen``: the cell lines of the document's tables on earlier pages, folded text ->
    places) rather than a header: most of its known labels, at least two, are also written in the
    rows above it, line by line in the same place (``Buget local`` in every row's funding cell,
    or ``Buget`` / ``local`` where the cell wraps)?  A header is written once, its labels are not
    the cells' values."""
    known = [leaf for leaf in header.leaves if leaf.field is not None]
    if len(known) < 2:
        return False
    seen = seen or {}

    def written_above(leaf) -> bool:  # each of its lines, as a whole line in its place (``Buget`` / ``local``)
        return all(any(folded(s.text) == folded(line.text) and s.x0 < line.x1 and line.x0 < s.x1 for s in above)
                   or any(x0 < line.x1 and line.x0 < x1 for x0, x1 in seen.get(folded(line.text), ()))
                   for line in leaf.segments)

    twins = sum(1 for leaf in known if written_above(leaf))
    return 2 * twins >= len(known) and twins >= 2


def inside_paragraphs(header: Header, segments: Sequence[Segment], settings: BorderlessSettings) -> bool:
    """Is ``header`` a line of a table's rows, read across cells whose paragraphs go on above and
    below it (a row set in the middle of its cells: its one-line cells ``Trim I-IV``, ``DAS``,
    ``Buget local`` level with a middle line of the taller cells beside them, ``și serviciilor
    sociale în``), rather than a header?  At least ``paragraph_labels`` of its labels each have a
    line right above their first line and right below their last, starting where they start,
    as a paragraph's lines do: a header's labels head their columns, no line of their own cell
    runs on above them."""
    def continues(line: Segment, other: Segment) -> bool:  # ``other`` a line of the same paragraph
        height = max(line.bottom - line.top, other.bottom - other.top)
        gap = other.top - line.bottom if other.top >= line.top else line.top - other.bottom
        return (abs(other.x0 - line.x0) <= settings.paragraph_x and -settings.paragraph_overlap * height < gap <= settings.paragraph_gap * height
                and other is not line)

    def in_paragraph(leaf) -> bool:
        first, last = leaf.segments[0], leaf.segments[-1]
        return (any(s.top < first.top and continues(first, s) for s in segments)
                and any(s.top > last.top and continues(last, s) for s in segments))

    return sum(1 for leaf in header.leaves if in_paragraph(leaf)) >= settings.paragraph_labels


def moved_down(ch: dict, shift: float) -> dict:
    """A character moved ``shift`` points down its page (up when negative)."""
    out = {**ch, "top": ch["top"] + shift, "bottom": ch["bottom"] + shift}
    for key, sign in (("doctop", 1), ("y0", -1), ("y1", -1)):
        if key in ch:
            out[key] = ch[key] + sign * shift
    return out


def carried_shifts(band: Sequence[Segment], boxes: Sequence[LabelBox], rest: Sequence[Sequence[Segment]],
                   last_line: float, step: float) -> list[float]:
    """How far each of a cut header's lines (``band``) moves down onto the next page: a label
    whose rest heads the next page (``rest``, its lines there) ends one line ``step`` above its
    rest's first line, as the cell's lines ran on; the others end where the band's last line
    does, at ``last_line`` (one step above the next page's first line).  Cut cells hold
    different numbers of lines (``Perioad`` / ``a de`` over ``implem`` / ``entare`` beside
    ``Indicatori de`` over ``monitorizare``): one shift for all would open a blank line inside
    the shorter labels and part them from their rest."""
    def box_of(seg: Segment) -> int | None:
        overlaps = [(min(seg.x1, box.x1) - max(seg.x0, box.x0), i) for i, box in enumerate(boxes)]
        overlap, i = max(overlaps, default=(0.0, None))
        return i if overlap > 0 else None

    common = last_line - max(s.top for s in band)
    rest_tops: dict[int, float] = {}
    for line in rest:
        for seg in line:
            i = box_of(seg)
            if i is not None:
                rest_tops.setdefault(i, seg.top)
    band_ends: dict[int | None, float] = {}
    for seg in band:
        i = box_of(seg)
        band_ends[i] = max(band_ends.get(i, -math.inf), seg.top)
    out = []
    for seg in band:
        i = box_of(seg)
        own = rest_tops[i] - step - band_ends[i] if i in rest_tops else common
        out.append(max(common, own))
    return out
