"""Borderless tables of one text PDF, page by page: header -> columns -> rows -> cell rectangles.

The rectangles are then filled with the page's characters by the same ``build_page``
as ruled tables, so borderless pieces stitch across pages and normalize like the others.
A page whose table goes on from the previous page without repeating its header is read
with the previous page's columns.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, replace
from typing import Callable, Sequence

from planuri.extract.issues import Issue

from planuri.extract.borderless.columns import Columns, header_to_columns
from planuri.extract.borderless.header import Header, LabelField, find_header
from planuri.extract.borderless.segments import Segment, chars_to_segments
from planuri.extract.borderless.page_labels import (LabelBox, carried_shifts, folded, font_of, label_boxes, label_rest,
                                                    moved_down, segment_lines, values_row, inside_paragraphs)
from planuri.extract.borderless.blocks import block_rows, cell_pieces, decide_alignment, interleaved_lines, vertical_alignment
from planuri.extract.borderless.rects import header_rects, rows_to_rects
from planuri.extract.borderless.seen_headers import SeenHeaders
from planuri.extract.borderless.page_top import goes_on as page_top_goes_on, wraps_on
from planuri.extract.borderless.rows import Row, RowContext, code_led_columns, slots_to_rows, unmarked_columns
from planuri.extract.borderless.slots import (Slot, is_spanning_paragraph, line_pitch, overflow_issues, segments_to_slots,
                                              table_end, widen_to_groups)
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.pdf.furniture import outside, touches
from planuri.extract.pdf.running_lines import is_page_number
from planuri.extract.ro_text import is_integer_label, leading_code
from planuri.extract.types import BBox


NextPage = Callable[[], "tuple[Sequence[dict], float, float, Sequence[BBox]] | None"]


@dataclass
class OpenTable:
    """A borderless table that reached the bottom of its page: it may go on on the next."""

    columns: Columns
    fields: list[str | None]
    # where the header's labels stand and how they are set, when the header closed the page with no row under it:
    # its rest (a header row cut by the page break) may open the next page
    label_boxes: tuple[LabelBox, ...] = ()
    groups: tuple[tuple[int, int], ...] = ()  # first and last column under each group label
    header: Header | None = None  # the header the columns were found under, and the body lines they were found on:
    evidence: int = 0  # a page with more lines finds them again (a table starting with one line at a page's foot)
    ends: tuple[tuple[int, str], ...] = ()  # each column's last line on the page (by the column it starts in)


VALUE_CHARS = 40  # a cell line longer than this is no label's twin: not remembered
VALUE_PLACES = 8  # places remembered per value


class BorderlessReader:
    """Finds the borderless tables of successive pages of one document."""

    def __init__(self, labels: LabelField, settings: BorderlessSettings,
                 words: Callable[[], Callable[[str], bool] | None] | None = None):
        self.labels, self.settings = labels, settings
        self._words = words  # loads the dictionary's word lookup, when a label's cut words need it
        self._known: Callable[[str], bool] | None = None
        self.open: OpenTable | None = None
        self._seen = SeenHeaders(settings.same_header_grid)  # the headers read so far: their labels' lines, their columns
        self.issues: list[Issue] = []  # doubts met on the pages read so far (taken by ``take_issues``)
        self._votes = {"top": 0, "center": 0, "bottom": 0, "interleaved": 0, "lines": 0}  # the document's paragraphs sharing an edge, lines half a step apart (of its lines)
        self._warned = False  # an unclear alignment is reported once
        self._furniture: set[int] = set()  # the page's segments that are running headers or footers
        self._values: dict[str, list[tuple[float, float]]] = {}  # short cell lines of the tables read so far, by folded text
        self._next_page: NextPage | None = None
        self._prefixes: dict = {}  # label blocks' readings remembered between header searches of a page
        self._passed: set[str] = set()  # lines of rows passed over as headers on the page, reported once
        # a header the page break cut (its first lines closing a page, its rest heading the next):
        # its characters, moved onto the next page (``carry``) and taken from this one (``moved``)
        self.carry: tuple[dict, ...] = ()
        self.moved: frozenset[int] = frozenset()
        self.displaced: frozenset[int] = frozenset()

    def known(self, word: str) -> bool:
        """Is ``word`` in the dictionary (loaded on first use; without one, no word is)?"""
        if self._known is None:
            lookup = self._words() if self._words is not None else None
            self._known = lookup or (lambda _word: False)
        return self._known(word)

    def find_header(self, segments: Sequence[Segment], below: float = -math.inf, report: bool = True) -> Header | None:
        """The first header below ``below``; a row of values that read as labels (``DAS``,
        ``Buget local``, ``realizat`` in a report's columns) is passed over, and so is a line of
        rows inside their cells' paragraphs (``borderless-header-passed-over``, with ``report``)."""
        known = self.known if self._words is not None else None
        start = below  # rows of values passed over are rows above the next candidate too
        while True:
            header = find_header(segments, self.labels, self.settings, below, known=known, prefixes=self._prefixes,
                                 seen=self._seen.label_lines())
            if header is None:
                return None
            if values_row(header, [s for s in segments if start < s.top < header.top], self._values):
                below = header.bottom + 1.0
                continue
            if not inside_paragraphs(header, segments, self.settings):
                return self._seen.trim(header)  # a header met again holds no more lines than before
            text = " | ".join(leaf.text for leaf in header.leaves)
            if report and text not in self._passed:  # (a page's headers are searched for several times)
                self._passed.add(text)
                self.issues.append(Issue("borderless-header-passed-over", "a line that reads like a header read as "
                                         "a line of a table's rows: its cells' paragraphs go on above and below it",
                                         severity="info", raw=text))
            below = header.bottom + 1.0

    def take_issues(self) -> list[Issue]:
        issues, self.issues = self.issues, []
        return issues

    def segments(self, chars: Sequence[dict], width: float, height: float,
                 furniture: Sequence[BBox]) -> tuple[list[Segment], set[int]]:
        """A page's segments, page numbers left out, and those of its running headers and footers."""
        segments = chars_to_segments([c for c in chars if c["text"].strip() or c["text"] == " "], self.settings)
        lines = [s.line for s in segments]
        segments = [s for s in segments if not is_page_number(s.line, lines, width, height)]
        return segments, {id(s) for s in segments if touches((s.x0, s.top, s.x1, s.bottom), furniture)
                          and 2 * len(outside(s.chars, furniture)) < len(s.chars)}

    def tables(self, chars: Sequence[dict], width: float, height: float, furniture: Sequence[BBox] = (),
               next_page: NextPage | None = None) -> list[list[BBox]]:
        """Cell rectangles of each borderless table on the page (none: an empty list).  Text in the
        ``furniture`` boxes (running headers and footers) is part of no table's body; ``next_page``
        gives the next page's characters, size and furniture, for a header that closes the page."""
        segments, self._furniture = self.segments(chars, width, height, furniture)
        self._next_page = next_page
        self._prefixes, self._passed = {}, set()
        out: list[list[BBox]] = []
        below = -math.inf  # (a header carried from the page before stands above the page top)
        carried, self.open = self.open, None
        while True:
            header = self.find_header(segments, below)
            if carried is not None:
                limit = header.top if header else height
                rects, end = self.continued(segments, carried, limit, height)
                carried = None
                if rects:
                    out.append(rects)
                    below = end
                    continue
            if header is None:
                return out
            rects, end = self.table(header, segments, height)
            if not rects:
                below = header.bottom
                continue
            out.append(rects)
            below = end

    def table(self, header: Header, segments: Sequence[Segment], height: float):
        later = self.find_header(segments, header.bottom + 1.0)
        while later is not None and self.inside_rows(later, segments):
            later = self.find_header(segments, later.bottom + 1.0)
        limit = later.top if later else height
        body = [s for s in segments if header.bottom < s.top < limit and id(s) not in self._furniture]
        rest = label_rest(segment_lines(body, self.settings), label_boxes(header), self.settings, top=header.bottom)
        seen = self._seen.rest(header)
        found_rest = len(rest)
        rest = rest[:seen] if seen is not None else rest  # a header met again has the label lines it had
        if rest:  # the labels' last lines, under the band (``FINANȚ`` under ``SURSE DE``)
            taken = {id(s) for line in rest for s in line}
            header = replace(header, bottom=max(s.bottom for line in rest for s in line))
            body = [s for s in body if id(s) not in taken]
        if not body or all(is_integer_label(s.text) for s in body):
            # nothing under the header but (perhaps) its column numbers: its rows are on the next page
            if not body and later is None and self.carry_header(header, segments, height):
                return [], header.bottom
            alone = self.header_alone(header, later, height, body)
            if alone is not None or not body:
                return alone or ([], header.bottom)
        columns = self._seen.columns(header, header_to_columns(header, body, self.settings), len(body))
        groups = tuple((first, last) for _, first, last in header.groups)
        slots, ctx = self.layout(body, columns, header.fields, at_foot=later is None, groups=groups)
        widen_to_groups(slots, groups)
        if not slots:
            return [], header.bottom
        self._seen.add(header, found_rest)  # (a header with rows under it: one the page break cut is not whole)
        top = (header.bottom + slots[0].top) / 2
        rows = self.rows(slots, ctx)
        rects = header_rects(header, columns, header.top - 1.0, top) + rows_to_rects(slots, rows, columns, top)
        self.remember(columns, header.fields, slots, height, groups, header=header, evidence=len(body),
                      last_on_page=later is None and not any(s.top > slots[-1].bottom for s in body))
        return rects, slots[-1].bottom

    def inside_rows(self, header: Header, segments: Sequence[Segment]) -> bool:
        """Is a header found under a table's body a row of values set in the middle of their row
        (``Trim I-IV``, ``DAS``, ``Buget local``, ``realizat`` half a line step between two lines
        of the measure and the action beside them)?  A header's band holds its own lines: lines
        of other cells running across its edges (``straddling_lines`` of them) show it is none."""
        s = self.settings
        straddling = [seg for seg in segments if id(seg) not in self._furniture
                      and (seg.top < header.top - 1.0 or seg.bottom > header.bottom + 1.0)
                      and min(seg.bottom, header.bottom) - max(seg.top, header.top)
                      > s.straddle_overlap * (seg.bottom - seg.top)]
        return len(straddling) >= s.straddling_lines

    def header_alone(self, header: Header, later: Header | None, height: float, numbers: Sequence[Segment] = ()):
        """A header closing its page (``numbers``: the column-number row under it, if any), its
        rows on the next: the columns come from the next page's first lines (those above any
        header there), and the table stays open.  None when the next page does not hold its rows.
        The header may stand anywhere on its page: a first row too tall for the rest of the page
        (cells set in the middle of their rows do not break) leaves the header alone at its top."""
        if later is not None or self._next_page is None:
            return None
        top = self.next_page_top()
        if top is None or not top[0]:
            return None
        body = top[0]
        columns = self._seen.columns(header, header_to_columns(header, body, self.settings), len(body))
        self.open = OpenTable(columns, header.fields, label_boxes(header),
                              tuple((first, last) for _, first, last in header.groups))
        if not numbers:
            return header_rects(header, columns, header.top - 1.0, header.bottom + 1.0), header.bottom
        slots, ctx = self.layout(numbers, columns, header.fields)
        top = (header.bottom + slots[0].top) / 2
        rects = header_rects(header, columns, header.top - 1.0, top)
        return rects + rows_to_rects(slots, slots_to_rows(slots, ctx), columns, top), slots[-1].bottom

    def carry_header(self, header: Header, segments: Sequence[Segment], height: float) -> bool:
        """A header closing its page whose rest heads the next page (its labels' last lines, or
        lines that read as a header of other labels: ``responsabilă``, ``n limită``, the
        sub-labels of ``Costuri, lei``; its rows under them) is read whole on the next page: its
        lines here are moved there, one line step above the next page's first line (``carry``,
        ``moved``; the next page's running header above moves up out of their way)."""
        if header.bottom < self.settings.foot_header * height or self._next_page is None:
            return False
        top = self.next_page_top()
        if top is None or (top[1] is not None and top[1].fields == header.fields):
            return False  # the last page, or the next repeats the header: its rows go on under it
        lines = segment_lines(top[0], self.settings)
        if top[0] and not self.header_line(lines[0], header):
            return False  # the next page starts with rows: the header is whole here
        first = top[1].top if not top[0] else min(s.top for s in top[0])
        band = [s for s in segments if header.top <= s.top and s.bottom <= header.bottom + 1.0
                and id(s) not in self._furniture]
        if not band:
            return False
        chars = [ch for s in band for ch in s.chars]
        step = self.settings.carried_line_step * max(ch["size"] for ch in chars)
        shifts = carried_shifts(band, label_boxes(header), label_rest(lines, label_boxes(header), self.settings, top=None),
                                first - step, step)
        carry = [moved_down(ch, shift) for s, shift in zip(band, shifts) for ch in s.chars]
        # the next page's running header above its first line moves up out of the carried lines' way
        following = self._next_page() if self._next_page is not None else None
        above = [ch for ch in (following[0] if following else ()) if ch["bottom"] <= first]
        lift = (min(ch["top"] for ch in carry) - step) - max((ch["bottom"] for ch in above), default=-math.inf)
        if above and lift < 0:
            carry += [moved_down(ch, lift) for ch in above]
        self.carry = tuple(carry)
        self.moved = frozenset(map(id, chars))
        self.displaced = frozenset(map(id, above)) if above and lift < 0 else frozenset()
        return True

    def header_line(self, line: Sequence[Segment], header: Header) -> bool:
        """Is ``line`` (the next page's first) more of ``header``: its labels' last words, or
        sub-labels (``Surse APL``, reaching past their group label's text)?"""
        boxes = label_boxes(header)
        if label_rest([line], boxes, self.settings, top=None):
            return True
        fonts = {box.font for box in boxes}
        return all(len(s.text.split()) <= self.settings.label_rest_words and not leading_code(s.text)
                   and not any(ch.isdigit() for ch in s.text) and font_of(s) in fonts
                   and any(s.x0 < box.x1 and box.x0 < s.x1 for box in boxes[1:]) for s in line)

    def take_carry(self) -> tuple[tuple[dict, ...], frozenset[int], frozenset[int]]:
        """The characters carried onto the next page (at their new places there), the ids of
        those moved off this page, and of the next page's characters they replace there."""
        out = self.carry, self.moved, self.displaced
        self.carry, self.moved, self.displaced = (), frozenset(), frozenset()
        return out

    def continued(self, segments: Sequence[Segment], table: OpenTable, limit: float, height: float):
        """The top of a page holding the rest of the previous page's table, without its header."""
        body = [s for s in segments if s.top < limit and id(s) not in self._furniture]
        if table.header is not None and len(body) > table.evidence:
            # the columns found again on this page's lines, under the same header: the page before
            # may have shown too few lines for every gutter (the table's first line at its foot)
            found = header_to_columns(table.header, body, self.settings)
            if len(found.edges) == len(table.columns.edges):
                # its outer edges no narrower than before: a page whose first column is empty
                # shows nothing of where that column's text starts (the next page's does)
                edges = [min(found.edges[0], table.columns.edges[0]), *found.edges[1:-1],
                         max(found.edges[-1], table.columns.edges[-1])]
                table = replace(table, columns=replace(found, edges=edges), evidence=len(body))
        slots, ctx = self.layout(body, table.columns, table.fields, at_foot=limit >= height, groups=table.groups)
        widen_to_groups(slots, table.groups)
        if not self.goes_on(slots, table.columns, self.header_rest(slots, table), table.ends):
            return [], -1.0  # not the rest of that table: a paragraph, or text of another layout
        top = slots[0].top - 1.0
        rows = self.rows(slots, ctx)
        self.remember(table.columns, table.fields, slots, height, table.groups, header=table.header,
                      evidence=table.evidence,
                      last_on_page=limit >= height and not any(s.top > slots[-1].bottom for s in body))
        return rows_to_rects(slots, rows, table.columns, top), slots[-1].bottom

    def rows(self, slots: list[Slot], ctx: RowContext) -> list[Row]:
        """Rows read the way the cells sit in them: top-aligned cells by their row-start signals,
        cells set in the middle or at the bottom of their rows from the blocks their text makes.
        The alignment is decided on the votes of the document's pages so far (one template)."""
        self.issues.extend(overflow_issues(slots))
        votes = vertical_alignment(cell_pieces(slots, ctx), ctx, self.settings.blocks)
        votes["interleaved"] = interleaved_lines(slots, ctx, self.settings.blocks)
        votes["lines"] = len(slots)
        for k, n in votes.items():
            self._votes[k] += n
        alignment, clear = decide_alignment(self._votes, self.settings.blocks)
        raw = slots[0].items[0].segment.text.strip() if slots and slots[0].items else None
        if not clear and not self._warned:
            self._warned = True
            self.issues.append(Issue(
                "borderless-alignment-guessed",
                f"cells read as set at the {alignment} of their rows on weak evidence (paragraphs of "
                f"different heights side by side sharing their {', '.join(f'{k}: {n}' for k, n in self._votes.items() if k != 'lines')})",
                raw=raw))
        if alignment == "top":
            return slots_to_rows(slots, ctx)
        found = block_rows(slots, ctx, alignment, self.settings.blocks)
        if found.close_calls or found.tangled:
            self.issues.append(Issue(
                "borderless-row-guessed",
                f"{found.close_calls + found.tangled} row boundaries of a table whose cells are set at the "
                f"{alignment} of their rows decided on weak evidence", raw=raw))
        return found.rows

    def header_rest(self, slots: Sequence[Slot], table: OpenTable) -> int:
        """How many lines at the top of the page are the rest of a header the page break cut
        (``ARE`` / ``(BUGET)`` under ``SURSE DE FINANȚ``): none unless the header closed the
        previous page."""
        if not table.label_boxes:
            return 0
        lines = [[it.segment for it in slot.items] for slot in slots]
        return len(label_rest(lines, table.label_boxes, self.settings, top=None))

    def goes_on(self, slots: Sequence[Slot], columns: Columns, lead: int = 0,
                ends: Sequence[tuple[int, str]] = ()) -> bool:
        """Are a page's top lines the rest of a table of these columns (``page_top.goes_on``)?"""
        found, issue = page_top_goes_on(slots, columns, self.settings, lead, ends)
        if issue is not None:
            self.issues.append(issue)
        return found

    def heads_next_page(self, slots: Sequence[Slot], end: int, columns: Columns, fields: list[str | None]) -> bool:
        """Are the lines after the table's end (``slots[end:]``, the last on the page) a heading row
        whose rows are on the next page: a few lines across the columns, following on without a
        gap, and the next page's top goes on with a table of these columns?"""
        rest = slots[end:]
        pitch = line_pitch(slots, self.settings)
        if not 0 < len(rest) <= self.settings.foot_heading_lines or self._next_page is None:
            return False
        if any(not (is_spanning_paragraph(s, len(columns)) or wraps_on(above, s, columns, self.settings))
               or s.top - above.top > self.settings.follow_on * pitch for above, s in zip(slots[end - 1:], rest)):
            return False
        top = self.next_page_top()
        if top is None:
            return False
        body, first = top
        if first is not None and first.fields == fields and not body:
            return True  # the next page repeats the header: the rows go on under it
        return self.goes_on(self.layout(body, columns, fields)[0], columns)

    def next_page_top(self) -> tuple[list[Segment], Header | None] | None:
        """The next page's lines above its first header (running headers and footers left out),
        and that header; None on the last page."""
        following = self._next_page() if self._next_page is not None else None
        if following is None:
            return None
        chars, width, height, furniture = following
        segments, furniture_ids = self.segments(chars, width, height, furniture)
        first = self.find_header(segments, report=False)
        limit = first.top if first else height
        return [s for s in segments if s.top < limit and id(s) not in furniture_ids], first

    def layout(self, body: Sequence[Segment], columns: Columns, fields: list[str | None], at_foot: bool = False,
               groups: Sequence[tuple[int, int]] = ()):
        """The table's slots and their context.  ``at_foot``: the body runs to the page's foot,
        where a heading row may close the page (its rows on the next); ``groups``: the header's
        column groups."""
        slots = segments_to_slots(body, columns, self.settings, groups)
        end = table_end(slots, len(columns), self.settings)
        if not (at_foot and self.heads_next_page(slots, end, columns, fields)):
            slots = slots[:end]
        marks_spaces = any(it.segment.line.text.endswith(" ") for s in slots for it in s.items)
        ctx = RowContext(columns=columns, fields=fields, pitch=line_pitch(slots, self.settings),
                         marks_spaces=marks_spaces, settings=self.settings,
                         unmarked=unmarked_columns(slots, columns, self.settings) if marks_spaces else frozenset(),
                         code_led=code_led_columns(slots, fields, self.settings))
        return slots, ctx

    def remember(self, columns: Columns, fields: list[str | None], slots: list[Slot], height: float,
                 groups: tuple[tuple[int, int], ...] = (), last_on_page: bool = False,
                 header: Header | None = None, evidence: int = 0) -> None:
        """A table that ends near the bottom of the page may go on on the next one; so may one
        that ends higher with nothing after it on its page (its next row, too tall for the room
        left, was moved whole to the next page).  ``continued`` then looks whether the next page's
        top goes on with its columns."""
        for slot in slots:  # a row of these values later is no header (``values_row``)
            for it in slot.items:
                text = folded(it.segment.text)
                places = self._values.setdefault(text, []) if len(text) <= VALUE_CHARS else None
                if places is not None and len(places) < VALUE_PLACES:
                    places.append((it.segment.x0, it.segment.x1))
        lines, share = self.settings.open_foot_lines, self.settings.open_foot
        if last_on_page or slots[-1].bottom > height - lines * line_pitch(slots, self.settings) - share * height:
            ends = {it.c0: it.segment.text for slot in slots for it in slot.items}
            self.open = OpenTable(columns, fields, groups=groups, header=header, evidence=evidence,
                                  ends=tuple(ends.items()))
