"""Headers met again: a repeated header repeats whole, so its labels hold the lines they held
where the document first showed them, and no more.

Under a repeated header, a row the page break cut goes on at once: its rest's short lines stand
right under the labels (``financiare`` under ``Surse APL``, ``igienă în ajunul sărbătorilor.``
under ``Acțiuni specifice``), set in the labels' font when the header is not bold.  Read alone,
the page cannot tell them from the labels' own last lines; the document can, when it has shown
the same header before.

``SeenHeaders.trim``  a header met again, its labels cut back to the lines they held before
``SeenHeaders.rest``  how many label lines under the band the header had before (None: not seen)
``SeenHeaders.add``   a header as read, with the label lines found under its band
``SeenHeaders.label_lines`` the lines of the labels read so far (a repeated header's, clipped, read as them)
``SeenHeaders.columns`` a header's columns: those found with the most body text under it so far
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from planuri.extract.borderless.columns import Columns
from planuri.extract.borderless.header import Header
from planuri.extract.borderless.segments import Block


def lines_of(block: Block) -> list[str]:
    return [" ".join(s.text.split()) for s in block.segments]


@dataclass
class SeenHeaders:
    """The headers read so far in one document, with the label lines each had under its band."""

    grid: float  # points two places of one label may differ by (``BorderlessSettings.same_header_grid``)
    seen: list[tuple[Header, int]] = field(default_factory=list)
    _columns: dict[tuple, tuple[Columns, int]] = field(default_factory=dict)  # per header wording: the best-evidenced columns
    _labels: tuple[int, dict] | None = None  # ``label_lines`` as of the number of headers seen

    def _blocks(self, header: Header) -> list[Block]:
        return [*header.leaves, *(g for g, _, _ in header.groups)]

    def _same(self, header: Header, known: Header) -> bool:
        """The same labels at the same places, each label's lines starting as the known one's (or
        the known one's first lines: a repeated header's row drawn shorter, its last lines clipped)."""
        mine, theirs = self._blocks(header), self._blocks(known)
        return (len(mine) == len(theirs) and bool(mine)
                and all(a.field == b.field and a.group == b.group and abs(a.x0 - b.x0) <= self.grid
                        and (lines_of(a)[:len(b.segments)] == lines_of(b)  # (or its last lines clipped)
                             or lines_of(b)[:len(a.segments)] == lines_of(a))
                        for a, b in zip(mine, theirs)))

    def _match(self, header: Header) -> tuple[Header, int] | None:
        return next(((known, rest) for known, rest in reversed(self.seen) if self._same(header, known)), None)

    def trim(self, header: Header | None) -> Header | None:
        """``header`` with each label cut back to the lines it held where the document showed it
        before (the lines under them are the body's); as it is when not seen before."""
        if header is None:
            return None
        found = self._match(header)
        if found is None:
            return header
        known = found[0]
        cut = {id(a): Block(a.segments[:len(b.segments)], a.field, a.group)
               for a, b in zip(self._blocks(header), self._blocks(known)) if len(a.segments) > len(b.segments)}
        if not cut:
            return header
        kept = max(b.bottom for b in [*cut.values(), *(b for b in self._blocks(header) if id(b) not in cut)])
        if any(seg.top < kept for a in self._blocks(header) if id(a) in cut for seg in a.segments[len(cut[id(a)].segments):]):
            return header  # a line beside the labels' kept lines is the header's own: another header
        leaves = [cut.get(id(b), b) for b in header.leaves]
        groups = [(cut.get(id(g), g), first, last) for g, first, last in header.groups]
        bottom = max(b.bottom for b in [*leaves, *(g for g, _, _ in groups)])
        return replace(header, bottom=bottom, leaves=leaves, groups=groups,
                       group_bottom=max((g.bottom for g, _, _ in groups), default=None))

    def rest(self, header: Header) -> int | None:
        """How many label lines the document found under this header's band before (None: the
        header was not seen before)."""
        found = self._match(header)
        return None if found is None else found[1]

    def add(self, header: Header, rest: int) -> None:
        if self._match(header) is None:
            self.seen.append((header, rest))

    def label_lines(self) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
        """The lines of each label of two lines or more the headers read so far held, with its
        field, by the label's first line (``header.seen_prefix``: a repeated header's labels, their
        last lines clipped); worked out again only when a header is added."""
        if self._labels is None or self._labels[0] != len(self.seen):
            found: dict[str, set[tuple[tuple[str, ...], str]]] = {}
            for header, _ in self.seen:
                for b in self._blocks(header):
                    if b.field and len(b.segments) >= 2:
                        lines = tuple(lines_of(b))
                        found.setdefault(lines[0], set()).add((lines, b.field))
            self._labels = (len(self.seen), {k: tuple(sorted(v)) for k, v in found.items()})
        return self._labels[1]

    def columns(self, header: Header, columns: Columns, evidence: int) -> Columns:
        """A header met again (the same labels at the same places: a repeated header) keeps the
        columns found with the most body text under it so far (``evidence``: the body's segments),
        its outer edges widened to this page's text; the body of one page may be too thin to show
        every gutter (a page holding only a heading row under its header), and equal edges let
        the pieces stitch."""
        key = tuple((b.text, round(b.center / self.grid)) for b in header.leaves)
        known, seen = self._columns.get(key, (None, 0))
        if known and len(known.edges) == len(columns.edges) and seen >= evidence:
            edges = [min(known.edges[0], columns.edges[0]), *known.edges[1:-1], max(known.edges[-1], columns.edges[-1])]
            columns = Columns(edges=edges, text_right=[max(a, b) for a, b in zip(known.text_right, columns.text_right)])
        self._columns[key] = (columns, max(seen, evidence))
        return columns
