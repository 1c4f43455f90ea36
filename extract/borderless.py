"""Tables drawn without rules, in text PDFs: where the header and the columns are.

A borderless table is found from its header: a band of text blocks that are known
header labels (the same vocabulary as the normalizer's, handed in as ``labels``).
Its columns come from the header's leaf labels and the gutters of white space the
body's text leaves between them; its rows are decided in ``borderless_rows``.
Each step is a small function whose result can be inspected on its own:

``chars_to_segments``   characters -> line segments (a visual line cut at wide gaps)
``segments_to_blocks``  segments stacked into text blocks (the lines of one label)
``find_header``         segments -> the header band, its leaf labels and group labels
``header_to_columns``   header + body segments -> column boundaries and text edges
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from itertools import combinations
from typing import Callable, Sequence

from planuri.extract.ro_text import is_integer_label

from .pdf_text import Line, line_from_chars

# a header label as read -> its canonical field (None: unknown), or a match with ``field`` and
# ``method`` ("fuzzy": a close variant of a label the vocabulary holds, not the label as written)
LabelField = Callable[[str], "str | object | None"]
GROUP_FIELDS = frozenset({"cost_group", "budget_group"})


@dataclass(frozen=True)
class BorderlessSettings:
    split_gap: float = 4.0  # points of white space (or 0.6 of the font size, if more) that cut a visual line
    min_labels: int = 3  # known header labels a header band must hold
    known_share: float = 0.6  # share of the band's blocks that must be known labels
    padding: float = 5.4  # points between a cell's side and its text (Word's and LibreOffice's default)
    max_gap_lines: float = 2.6  # a vertical gap of more line heights than this ends a table
    line_tolerance: float = 0.4  # share of the font size within which two lines are one slot
    foot_heading_lines: int = 3  # lines of a heading row closing a page whose table goes on on the next


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


@dataclass
class Block:
    """Segments stacked on consecutive lines, overlapping horizontally: one label's lines."""

    segments: list[Segment]
    field: str | None = None

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


@dataclass
class Header:
    """The header band of a borderless table."""

    top: float
    bottom: float
    leaves: list[Block]  # one per column, left to right
    groups: list[tuple[Block, int, int]] = field(default_factory=list)  # group label, first and last leaf
    group_bottom: float | None = None  # where the group row ends (two-row header)

    @property
    def fields(self) -> list[str | None]:
        return [b.field for b in self.leaves]


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

    def span(self, seg: Segment) -> tuple[int, int]:
        """First and last column a segment's text covers."""
        return self.index(seg.x0 + 0.5), self.index(seg.x1 - 0.5)

    def __len__(self) -> int:
        return len(self.edges) - 1


# --------------------------------------------------------------------------- segments and blocks


def visual_lines(chars: Sequence[dict]) -> list[list[dict]]:
    """Characters grouped by visual line (vertical overlap), top to bottom, each left to right."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        if rows:
            ref = rows[-1][0]
            if abs(mid - (ref["top"] + ref["bottom"]) / 2) <= max(1.5, 0.4 * (ch["bottom"] - ch["top"])):
                rows[-1].append(ch)
                continue
        rows.append([ch])
    return [sorted(r, key=lambda c: c["x0"]) for r in rows]


def chars_to_segments(chars: Sequence[dict], settings: BorderlessSettings) -> list[Segment]:
    """Each visual line cut where the white space between two characters is wider than ``split_gap``
    or 0.6 of the font size (a column gutter is two cell paddings wide); segments made only of
    spaces are dropped."""
    out = []
    for row in visual_lines(chars):
        runs: list[list[dict]] = [[row[0]]]
        last_ink = row[0] if row[0]["text"].strip() else None
        for ch in row[1:]:
            if ch["text"].strip():
                gap = max(settings.split_gap, 0.6 * max(ch.get("size", 0), last_ink.get("size", 0) if last_ink else 0))
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


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def segments_to_blocks(segments: Sequence[Segment], line_gap: float = 0.6) -> list[Block]:
    """Stack segments into blocks: a segment joins the block whose last segment is on the line
    just above and covers at least half of the narrower of the two horizontally."""
    blocks: list[Block] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        height = seg.bottom - seg.top
        best = None
        for block in blocks:
            last = block.segments[-1]
            if not (0 <= seg.top - last.bottom <= line_gap * height + 1.0) or last.top >= seg.top - 0.5 * height:
                continue
            shared = overlap(last.x0, last.x1, seg.x0, seg.x1)
            if shared >= 0.5 * min(last.x1 - last.x0, seg.x1 - seg.x0):
                best = block
        if best is not None:
            best.segments.append(seg)
        else:
            blocks.append(Block([seg]))
    return blocks


# --------------------------------------------------------------------------- header


def isolated(seg: Segment, region: Sequence[Segment], gap: float) -> bool:
    """Is a segment apart from its neighbours on the line by a column gutter?  (A word of a
    justified paragraph, cut off by its wide spaces, is not: it is no header label.)"""
    return not any(o is not seg and abs(o.top - seg.top) < 1.0 and
                   (0 <= seg.x0 - o.x1 < gap or 0 <= o.x0 - seg.x1 < gap) for o in region)


def match_label(labels: LabelField, text: str) -> tuple[str | None, bool]:
    """The field a label names, and whether it is read as written (a label the vocabulary holds,
    or one read by its keywords) rather than as a close variant of one (method ``fuzzy``); a
    plain field from ``labels`` counts as read as written."""
    found = labels(text)
    if found is None or isinstance(found, str):
        return found, True
    return getattr(found, "field", None), getattr(found, "method", "exact") != "fuzzy"


def cut_word_readings(segments: Sequence[Segment], max_cuts: int = 4) -> list[str]:
    """A label's lines joined with some of its possible cut words glued back: a line as wide as the
    widest, ending in a letter, before a line that starts with a small letter (a word the narrow
    cell cut: ``realizar`` + ``e``); one reading per set of such breaks (the fewest first)."""
    lines = [s.text.strip() for s in segments]
    widest = max((s.x1 - s.x0 for s in segments), default=0.0)
    cuts = [i for i in range(1, len(lines))
            if segments[i - 1].x1 - segments[i - 1].x0 >= widest - 0.6 * max(segments[i - 1].line.size, 1)
            and lines[i - 1][-1:].isalpha() and lines[i][:1].islower()][:max_cuts]
    readings = []
    for n in range(1, len(cuts) + 1):
        for glued in combinations(cuts, n):
            readings.append("".join(("" if i in glued else " ") * (i > 0) + line for i, line in enumerate(lines)))
    return readings


def label_prefix(block: Block, labels: LabelField, max_lines: int = 6) -> tuple[int, str | None]:
    """The most lines at the top of a block that read as one known label (a block may have run on
    into the body below a header, the header's lines and the first row's being contiguous).  When
    those lines read only as a close variant of a label that fewer lines name exactly, the first
    cell's words have run on under it (``Surse de finanțare`` + ``BL``): the fewer lines."""
    found = []
    for k in range(1, min(len(block.segments), max_lines) + 1):
        if k > 1 and not any(ch.isalpha() for ch in block.segments[k - 1].text):
            break  # a column number ("1", "2") under the label: the header ends above it
        lines = [s.text.strip() for s in block.segments[:k]]
        field, exact = match_label(labels, " ".join(lines))
        if field and not exact:  # a word cut at the cell's edge ("realizar" + "e") reads whole
            for reading in cut_word_readings(block.segments[:k]):
                whole, whole_exact = match_label(labels, reading)
                if whole and whole_exact:
                    field, exact = whole, True
                    break
        if field:
            found.append((k, field, exact))
    if not found:
        return 0, None
    k, field, exact = found[-1]
    if not exact:
        k = max([j for j, f, e in found if f == field and e] or [k])
    return k, field


def find_header(segments: Sequence[Segment], labels: LabelField, settings: BorderlessSettings,
                below: float = -1.0, above: float = float("inf")) -> Header | None:
    """The first header band between ``below`` and ``above``: known labels overlapping each
    other vertically (with the sub-labels under a group label), at least ``min_labels`` of them.

    Found in two passes: label blocks (cut to their label lines) give the band's extent;
    the band's own segments are then stacked again into the header's blocks."""
    region = [s for s in segments if below < s.top < above]
    parts = []
    for block in segments_to_blocks(region):
        k, field = label_prefix(block, labels)
        if field and isolated(block.segments[0], region, 1.6 * settings.padding):
            parts.append(Block(block.segments[:k], field))
    for seed in sorted(parts, key=lambda b: b.top):
        band = [b for b in parts if overlap(seed.top, seed.bottom, b.top, b.bottom) > 0]
        top, bottom = min(b.top for b in band), max(b.bottom for b in band)
        groups = [b for b in band if b.field in GROUP_FIELDS]
        if groups:
            bottom = sub_label_bottom(band, groups, region, bottom)
        in_groups = {id(seg) for g in groups for seg in g.segments}
        # a column number drawn into the band's last line (a clipped repeated header) is no label's
        inside = [s for s in region if s.top >= top - 1 and s.bottom <= bottom + 1 and id(s) not in in_groups
                  and not is_integer_label(s.text)]
        blocks = segments_to_blocks(inside)  # a group label keeps its own lines: the sub-labels are apart
        for b in blocks:
            b.field = match_label(labels, b.text)[0]
        blocks += groups
        # sub-labels under a group name funding sources, not fields: they do not count
        top_row = [b for b in blocks if b in groups or not any(b.top >= g.bottom - 1 for g in groups)]
        n_known = sum(1 for b in top_row if b.field)
        if n_known >= settings.min_labels and n_known >= settings.known_share * len(top_row):
            return band_to_header(blocks)
    return None


def is_sub_label(text: str) -> bool:
    """A group's sub-label names a funding source or a year ("Surse APL", "2025"), never a bare amount."""
    t = text.strip()
    return any(ch.isalpha() for ch in t) or bool(re.fullmatch(r"(?:19|20)\d\d", t))


def sub_label_bottom(band: list[Block], groups: list[Block], region: Sequence[Segment], bottom: float) -> float:
    """Where the sub-labels under the group labels end: the lines below a group belong to the
    header while every segment on them lies between the group's neighbouring labels (or goes
    on with a label block of the line above), stopping at a column-number row."""
    leaves = [b for b in band if b.field not in GROUP_FIELDS]
    # labels the vocabulary does not know start on the band's first line too
    band_top = min(b.top for b in band)
    first_line = band_top + 0.5 * (groups[0].segments[0].bottom - groups[0].segments[0].top)
    taken = {id(seg) for b in band for seg in b.segments}
    leaves += [Block([s]) for s in region if band_top - 1 <= s.top <= first_line and id(s) not in taken
               and not any(overlap(g.x0, g.x1, s.x0, s.x1) > 0 for g in groups)]
    taken |= {id(b.segments[0]) for b in leaves}
    ranges = []
    for g in groups:
        left = max([b.x1 for b in leaves if b.center < g.center] + [-1e9])
        right = min([b.x0 for b in leaves if b.center > g.center] + [1e9])
        ranges.append((left, right))
    by_line: dict[float, list[Segment]] = {}
    for s in sorted(region, key=lambda s: s.top):
        if s.top > max(g.top for g in groups) + 0.5 and id(s) not in taken:
            key = next((t for t in by_line if abs(t - s.top) < 0.4 * (s.bottom - s.top)), s.top)
            by_line.setdefault(key, []).append(s)
    last = {id(b): b.segments[-1] for b in leaves}
    for top in sorted(by_line):
        line = by_line[top]
        height = max(s.bottom - s.top for s in line)
        # the sub-labels may sit low in their row (the tall labels beside them make the header deep):
        # the header ends at the first line with text outside the groups, at a wide gap, or at the numbers
        if top - bottom > 4 * height or all(s.text.strip().isdigit() for s in line):
            break
        under = [s for s in line if any(a <= s.x0 and s.x1 <= b for a, b in ranges)]
        if under and not any(is_sub_label(s.text) for s in under):
            break  # amounts under the group ("15 000"): the body's first row, the group had no sub-labels
        for s in line:
            if not any(ch.isalnum() for ch in s.text):
                continue  # a label's stray punctuation line ("Nr. Crt" / ".")
            inside = any(a <= s.x0 and s.x1 <= b for a, b in ranges)
            goes_on = [b for b in leaves if 0 <= s.top - last[id(b)].bottom < 0.8 * height
                       and overlap(last[id(b)].x0, last[id(b)].x1, s.x0, s.x1) > 0]
            if not inside and not goes_on:
                return bottom
            for b in goes_on:
                last[id(b)] = s
        bottom = max(bottom, max(s.bottom for s in line))
    return bottom


def band_to_header(band: list[Block]) -> Header:
    """Leaves (columns) and groups of a header band.  A group label (``cost_group``,
    ``budget_group``) heads the blocks right under it; every other block is a leaf."""
    top, bottom = min(b.top for b in band), max(b.bottom for b in band)
    groups = [b for b in band if b.field in GROUP_FIELDS]
    subs = [b for b in band if b not in groups and any(b.top >= g.bottom - 1 for g in groups)]
    leaves = sorted((b for b in band if b not in groups), key=lambda b: b.center)
    header = Header(top=top, bottom=bottom, leaves=leaves)
    owner: dict[int, Block] = {}
    for sub in subs:  # each sub-label belongs to the nearest group above it
        above = [g for g in groups if g.bottom <= sub.top + 1]
        if above:
            owner[id(sub)] = min(above, key=lambda g: abs(g.center - sub.center))
    for g in groups:
        mine = [i for i, leaf in enumerate(leaves) if owner.get(id(leaf)) is g]
        if mine:
            header.groups.append((g, min(mine), max(mine)))
    if header.groups:
        header.group_bottom = max(g.bottom for g, _, _ in header.groups)
    return header


# --------------------------------------------------------------------------- columns


def header_to_columns(header: Header, body: Sequence[Segment], settings: BorderlessSettings) -> Columns:
    """Column boundaries from the gutters of the body's text between consecutive leaf labels.

    Between two neighbouring labels (their texts, or their centres when they touch) the
    boundary lies in the stretch the fewest body segments cover (text wraps inside its cell, so a gutter is crossed only by
    the rare heading row or merged cell), one cell padding left of the next column's text."""
    leaves = header.leaves
    edges = []
    for a, b in zip(leaves, leaves[1:]):
        # between the two labels' texts when they leave a gap (labels wrap inside their cells too)
        lo, hi = (int(a.x1), int(b.x0) + 1) if b.x0 - a.x1 >= 2 else (int(a.center), int(b.center) + 1)
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
        s0, s1 = max(runs, key=lambda r: r[1] - r[0]) if runs else (0, len(cover))
        gap_left, gap_right = lo + s0, lo + s1
        edges.append(gap_right - min(settings.padding, (gap_right - gap_left) / 2))
    left_text = min([s.x0 for s in body if s.x0 < (edges[0] if edges else 1e9)] + [leaves[0].x0])
    right_text = max([s.x1 for s in body if s.x1 > (edges[-1] if edges else -1e9)] + [leaves[-1].x1])
    # the outer sides: past the text, and -- header labels being centred in their cells -- as far
    # beyond the last label's centre as the column's inner side is before it
    right = right_text + settings.padding
    if edges:
        right = max(right, 2 * leaves[-1].center - edges[-1])
    edges = [left_text - settings.padding, *edges, right]
    # a column's text ends one padding short of the next column's side (the widest line may not reach it)
    return Columns(edges=edges, text_right=[e - settings.padding for e in edges[1:]])
