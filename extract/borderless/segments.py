"""The text of a borderless page as the header and row readers see it: visual lines cut at
wide gaps (``Segment``: a cell's line, or a label's) and segments stacked into blocks (``Block``:
the lines of one label).

``visual_lines``        characters grouped by visual line, top to bottom
``chars_to_segments``   characters -> line segments (a visual line cut at wide gaps)
``segments_to_blocks``  segments stacked into text blocks (the lines of one label)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Sequence

from planuri.extract.borderless.groups import overlap
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.pdf.text import Line, chars_to_rows, font_name, line_from_chars


@dataclass(frozen=True)
class Segment:
    """A run of characters on one visual line, with no wide gap inside."""

    line: Line
    chars: tuple[dict, ...]

    @property
    def x0(self) -> float:
        return self.line.x0

    @property
    def x1(self) -> float:
        return self.line.x1

    @property
    def ink_x1(self) -> float:
        """The right edge of the last character drawn (a trailing space is no text)."""
        return max((ch["x1"] for ch in self.chars if ch["text"].strip()), default=self.line.x1)

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def bottom(self) -> float:
        return self.line.bottom

    @property
    def text(self) -> str:
        return self.line.text

    @property
    def center(self) -> float:
        return (self.line.x0 + self.line.x1) / 2

    @cached_property
    def font(self) -> str | None:
        """The font most of its drawn characters are set in (``text.font_name``; asked again and
        again by the header search, so remembered)."""
        return font_name(self.chars)


@dataclass
class Block:
    """Segments stacked on consecutive lines, overlapping horizontally: one label's lines."""

    segments: list[Segment]
    field: str | None = None
    group: bool = False  # a money label set over sub-columns (``borderless.groups.heads_sub_columns``)

    @property
    def text(self) -> str:
        return " ".join(s.text.strip() for s in self.segments)

    @property
    def x0(self) -> float:
        return min(s.x0 for s in self.segments)

    @property
    def x1(self) -> float:
        return max(s.x1 for s in self.segments)

    @property
    def top(self) -> float:
        return self.segments[0].top

    @property
    def bottom(self) -> float:
        return self.segments[-1].bottom

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


def visual_lines(chars: Sequence[dict], settings: BorderlessSettings) -> list[list[dict]]:
    """Characters grouped by visual line (vertical overlap), top to bottom, each left to right
    (``chars_to_rows`` with the borderless reader's row tolerances)."""
    return chars_to_rows(chars, settings)


def chars_to_segments(chars: Sequence[dict], settings: BorderlessSettings) -> list[Segment]:
    """Each visual line cut where the white space between two characters is wider than ``split_gap``
    or ``split_gap_size`` of the font size (a column gutter is two cell paddings wide); segments made only of
    spaces are dropped."""
    out = []
    for row in visual_lines(chars, settings):
        runs: list[list[dict]] = [[row[0]]]
        last_ink = row[0] if row[0]["text"].strip() else None
        for ch in row[1:]:
            if ch["text"].strip():
                size = max(ch.get("size", 0), last_ink.get("size", 0) if last_ink else 0)
                gap = max(settings.split_gap, settings.split_gap_size * size)
                if last_ink is not None and ch["x0"] - last_ink["x1"] > gap:
                    runs.append([])
                last_ink = ch
            runs[-1].append(ch)
        for run in runs:
            while run and not run[0]["text"].strip():
                run.pop(0)
            if any(c["text"].strip() for c in run):
                out.append(Segment(line_from_chars(run), tuple(run)))
    return out


def segments_to_blocks(segments: Sequence[Segment], settings: BorderlessSettings) -> list[Block]:
    """Stack segments into blocks: a segment joins the block whose last segment is on the line
    just above and covers at least half of the narrower of the two horizontally (the last such
    block made).  Segments come top down, so a block whose last segment ended further above than
    any segment's line gap reaches is closed: no later segment can join it."""
    blocks: list[Block] = []
    open_blocks: list[Block] = []  # those a later segment may still join, in the order made
    ordered = sorted(segments, key=lambda s: (s.top, s.x0))
    reach = settings.label_line_gap * max((s.bottom - s.top for s in ordered), default=0.0) + 1.0
    for seg in ordered:
        top, height = seg.top, seg.bottom - seg.top
        if any(top - block.segments[-1].bottom > reach for block in open_blocks):
            open_blocks = [block for block in open_blocks if top - block.segments[-1].bottom <= reach]
        best = None
        for block in open_blocks:
            last = block.segments[-1]
            if (not (0 <= top - last.bottom <= settings.label_line_gap * height + 1.0)
                    or last.top >= top - settings.label_next_line * height):
                continue
            shared = overlap(last.x0, last.x1, seg.x0, seg.x1)
            if shared >= settings.label_overlap * min(last.x1 - last.x0, seg.x1 - seg.x0):
                best = block
        if best is not None:
            best.segments.append(seg)
        else:
            block = Block([seg])
            blocks.append(block)
            open_blocks.append(block)
    return blocks
