"""Group labels of a borderless table's header: a money label set over sub-columns, and where
its sub-labels end.

The normalizer reads a header cell merged over short sub-labels as a group when its label is a
money field (``normalize.header``'s MONEY_FIELDS); a borderless header has no merged cell to
show it, so a group is read from the text instead:

``heads_sub_columns``  a money label with sub-labels right under it, apart by column gutters
``group_label``        the label, or its first lines, heading sub-columns
``sub_label_bottom``   where the sub-labels under the group labels end (the header's bottom)
"""

from __future__ import annotations

import math
import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Callable, Sequence


if TYPE_CHECKING:
    from planuri.extract.borderless.segments import Block, Segment
    from planuri.extract.borderless.settings import BorderlessSettings

# fields whose label may head sub-columns (as ``normalize.header.MONEY_FIELDS``); the group fields
# head them by name, one sub-label enough; the others need two (a money label over one column
# reads on into its own lines)
MONEY_FIELDS = frozenset({"cost", "funding", "budget", "cost_group", "budget_group"})
GROUP_FIELDS = frozenset({"cost_group", "budget_group"})


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return max(0.0, min(a1, b1) - max(a0, b0))


def heads_sub_columns(block: "Block", region: Sequence["Segment"], settings: "BorderlessSettings",
                      min_subs: int | None = None, labels_text: frozenset[int] = frozenset()) -> bool:
    """Is a money label set over sub-columns?  Under its last line (within ``sub_label_reach``
    line heights), between its neighbours on its first line, the texts make column-like clusters
    apart by a gutter (``sub_label_gutter``), each naming a source or a year -- two or more of them
    (one for a group field's label: ``Costuri, lei`` over ``Buget local``, while the rest of that
    line holds only label text, ids in ``labels_text``: else it is the body's first row,
    ``Costuri`` over ``În caz de necesitate``)."""
    if block.field not in MONEY_FIELDS:
        return False
    first = block.segments[0]
    height = first.bottom - first.top
    mine = {id(s) for s in block.segments}
    line = [s for s in region if abs(s.top - first.top) < settings.same_line * height and id(s) not in mine]
    left = max([s.x1 for s in line if s.x1 <= first.x0 + settings.beside_slack] + [-math.inf])
    right = min([s.x0 for s in line if s.x0 >= first.x1 - settings.beside_slack] + [math.inf])
    # a group field's sub-labels may sit low in a deep header (its other labels run on for lines)
    reach = settings.group_reach if block.field in GROUP_FIELDS else settings.sub_label_reach
    near = [s for s in region if id(s) not in mine and block.bottom - 1 <= s.top <= block.bottom + reach * height
            and left < s.center < right]
    start = min((s.top for s in near), default=0.0)
    # the first line of text under it (a column-number row may follow at once)
    below = sorted((s for s in near if s.top <= start + settings.line_tolerance * height), key=lambda s: s.x0)
    clusters: list[list] = []
    for s in below:
        if clusters and s.x0 - max(o.x1 for o in clusters[-1]) < settings.sub_label_gutter:
            clusters[-1].append(s)
        else:
            clusters.append([s])
    # a sub-label lies between the neighbours' labels: text reaching under one of them is that
    # column's first cell (``1 baza de date`` set left under a centred ``Rezultate obținute``)
    named = [c for c in clusters if any(is_sub_label(s.text) for s in c)
             and all(left - settings.beside_slack <= s.x0 and s.x1 <= right + settings.beside_slack for s in c)]
    if block.field in GROUP_FIELDS and min_subs is None and not clusters:
        return True  # a group by its name, its sub-labels too far down to see: as the vocabulary says
    if len(named) < len(clusters):
        return False  # an amount or a column number among them: the body's first row, or the numbers
    if len(named) >= 2 or (len(named) == 1 and (min_subs or 1) == 1 and block.field in GROUP_FIELDS):
        if len(named) >= 2:
            return len(named) >= (min_subs or 2)
        sub = named[0][0]
        return not any(abs(s.top - sub.top) < settings.same_line * height and not left < s.center < right
                       and id(s) not in labels_text for s in region)
    return False


def group_label(block: "Block", region: Sequence["Segment"], labels: Callable[[str], str | None],
                settings: "BorderlessSettings", labels_text: frozenset[int] = frozenset()) -> "Block | None":
    """The group label a money label block is, or None: the block itself when it heads sub-columns,
    or its first lines, naming the same field, when the lines under them do -- two sub-labels or
    more (the first line of a sub-label centred under the group reads on with its label:
    ``Sursele de finanțare (lei)`` + ``surse ale``)."""
    for j in range(1, len(block.segments)):  # the fewest lines first: the sub-labels start under them
        shorter = type(block)(block.segments[:j], block.field)
        if labels(shorter.text) == block.field and heads_sub_columns(shorter, region, settings, min_subs=2):
            return shorter
    return block if heads_sub_columns(block, region, settings, labels_text=labels_text) else None


def is_sub_label(text: str) -> bool:
    """A group's sub-label names a funding source or a year ("Surse APL", "2025"), never a bare
    amount -- nor a letter alone: the end of the label's last word, cut where the column is too
    narrow for it (``estimativ`` read ``estimati`` / ``v``; ``BL``, ``BS`` are sources)."""
    t = text.strip()
    return sum(ch.isalpha() for ch in t) >= 2 or bool(re.fullmatch(r"(?:19|20)\d\d", t))


def sub_label_bottom(band: list["Block"], groups: list["Block"], region: Sequence["Segment"], bottom: float,
                     settings: "BorderlessSettings",
                     labels: Callable[[str], tuple[str | None, bool]] | None = None) -> float:
    """Where the sub-labels under the group labels end: the lines below a group belong to the
    header while every segment on them lies between the group's neighbouring labels (or goes
    on with a label block of the line above), stopping at a column-number row.  A label goes on
    only with lines that keep it the label it is (``ends_label``): under a repeated header, a
    cut row's rest right under ``INDICATORI DE PERFORMANȚĂ`` is the body's."""
    leaves = [b for b in band if not b.group]
    # labels the vocabulary does not know start on the band's first line too
    band_top = min(b.top for b in band)
    first_line = band_top + settings.same_line * (groups[0].segments[0].bottom - groups[0].segments[0].top)
    taken = {id(seg) for b in band for seg in b.segments}
    leaves += [SimpleNamespace(segments=[s], x0=s.x0, x1=s.x1, center=s.center) for s in region if band_top - 1 <= s.top <= first_line and id(s) not in taken
               and not any(overlap(g.x0, g.x1, s.x0, s.x1) > 0 for g in groups)]
    taken |= {id(b.segments[0]) for b in leaves}
    ranges = []
    for g in groups:
        # the labels beside the group, not its sub-labels under it (``surse ale`` reads as a label too)
        beside = [b for b in leaves if b.segments[0].top < g.bottom - 1]
        left = max([b.x1 for b in beside if b.center < g.center] + [-math.inf])
        right = min([b.x0 for b in beside if b.center > g.center] + [math.inf])
        ranges.append((left, right))
    by_line: dict[float, list["Segment"]] = {}
    for s in sorted(region, key=lambda s: s.top):
        if s.top > max(g.top for g in groups) + settings.under_group and id(s) not in taken:
            key = next((t for t in by_line if abs(t - s.top) < settings.line_tolerance * (s.bottom - s.top)), s.top)
            by_line.setdefault(key, []).append(s)
    last = {id(b): b.segments[-1] for b in leaves}
    added: dict[int, list["Segment"]] = {}  # the lines read on under each label
    for top in sorted(by_line):
        line = by_line[top]
        height = max(s.bottom - s.top for s in line)
        # the sub-labels may sit low in their row (the tall labels beside them make the header deep):
        # the header ends at the first line with text outside the groups, at a wide gap, or at the numbers
        if top - bottom > settings.header_gap_lines * height or all(s.text.strip().isdigit() for s in line):
            break
        under = [s for s in line if any(a <= s.x0 and s.x1 <= b for a, b in ranges)]
        if under and not any(is_sub_label(s.text) for s in under):
            break  # amounts under the group ("15 000"): the body's first row, the group had no sub-labels
        for s in line:
            if not any(ch.isalnum() for ch in s.text):
                continue  # a label's stray punctuation line ("Nr. Crt" / ".")
            inside = any(a <= s.x0 and s.x1 <= b for a, b in ranges)
            # a label's next line stays in its own column: a line running under other labels too
            # (a heading row across the table) is the body's
            goes_on = [b for b in leaves if 0 <= s.top - last[id(b)].bottom < settings.label_goes_on * height
                       and overlap(last[id(b)].x0, last[id(b)].x1, s.x0, s.x1) > 0
                       and not any(o is not b and overlap(o.x0, o.x1, s.x0, s.x1) > 0 for o in leaves + groups)
                       and not ends_label(b, [*added.get(id(b), ()), s], labels)]
            if not inside and not goes_on:
                return bottom
            for b in goes_on:
                last[id(b)] = s
                added.setdefault(id(b), []).append(s)
        bottom = max(bottom, max(s.bottom for s in line))
    return bottom


def ends_label(block, lines: Sequence["Segment"], labels: Callable[[str], tuple[str | None, bool]] | None) -> bool:
    """Would the ``lines`` under a label ``block`` end it rather than go on with it?  They do when
    they make it read as another field, or make a label read as the vocabulary writes it read
    otherwise (``labels`` gives a text's field and whether it reads as written), or when one of
    them is set in a font none of the label's lines is (the body's text under a bold label)."""
    if labels is None or getattr(block, "field", None) is None:
        return False
    field, as_written = labels(" ".join(seg.text.strip() for seg in block.segments))
    more, more_as_written = labels(" ".join(seg.text.strip() for seg in [*block.segments, *lines]))
    if (more is not None and more != field) or (as_written and (more != field or not more_as_written)):
        return True
    label_fonts = {seg.font for seg in block.segments}
    return any(seg.font not in label_fonts for seg in lines)
