"""Tables drawn without rules, in text PDFs: where the header is.

A borderless table is found from its header: a band of text blocks that are known
header labels (the same vocabulary as the normalizer's, handed in as ``labels``).
Its columns come from the header's leaf labels and the gutters of white space the
body's text leaves between them (``borderless.columns``); its rows are decided in
``borderless.rows``.  The page's text is read into segments and blocks by
``borderless.segments``.

``find_header``         segments -> the header band, its leaf labels and group labels
``label_prefix``        a block's lines that make a known label (a body line run on under it aside)
``band_to_header``      the band's blocks -> leaf labels and group labels
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from planuri.extract.ro_text import is_integer_label

from planuri.extract.borderless.cut_labels import cut_word_readings
from planuri.extract.borderless.groups import group_label, overlap, sub_label_bottom
from planuri.extract.borderless.segments import Block, Segment, segments_to_blocks
from planuri.extract.borderless.settings import BorderlessSettings

LINE_TOPS = 1.0  # points: segments whose tops are closer stand on one line (``isolated``)

# a header label as read -> its canonical field (None: unknown), or a match with ``field`` and
# ``method`` ("fuzzy": a close variant of a label the vocabulary holds, not the label as written)
LabelField = Callable[[str], "str | object | None"]


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


# --------------------------------------------------------------------------- header


def isolated(seg: Segment, region: Sequence[Segment], gap: float) -> bool:
    """Is a segment apart from its neighbours on the line by a column gutter?  (A word of a
    justified paragraph, cut off by its wide spaces, is not: it is no header label.)"""
    return Gutters(region, gap).apart(seg)


# labels the document's headers showed, by their first line: (their lines, their field) (``seen_prefix``)
SeenLabels = Mapping[str, Sequence[tuple[tuple[str, ...], str]]]

class Gutters:
    """``isolated`` for many segments of one region: the region's segments by their tops, so that
    only those on a segment's line are looked at."""

    def __init__(self, region: Sequence[Segment], gap: float):
        self.by_top = sorted(region, key=_top)
        self.tops = [s.top for s in self.by_top]
        self.gap = gap

    def apart(self, seg: Segment) -> bool:
        lo = bisect_right(self.tops, seg.top - LINE_TOPS)
        hi = bisect_left(self.tops, seg.top + LINE_TOPS)
        gap = self.gap
        return not any(o is not seg and abs(o.top - seg.top) < LINE_TOPS and
                       (0 <= seg.x0 - o.x1 < gap or 0 <= o.x0 - seg.x1 < gap) for o in self.by_top[lo:hi])


def _top(seg: Segment) -> float:
    return seg.top


def match_label(labels: LabelField, text: str) -> tuple[str | None, bool]:
    """The field a label names, and whether it is read as written (a label the vocabulary holds,
    or one read by its keywords) rather than as a close variant of one (method ``fuzzy``); a
    plain field from ``labels`` counts as read as written."""
    found = labels(text)
    if found is None or isinstance(found, str):
        return found, True
    return getattr(found, "field", None), getattr(found, "method", "exact") != "fuzzy"


def label_prefix(block: Block, labels: LabelField, settings: BorderlessSettings,
                 apart: Callable[[Segment], bool] | None = None,
                 known: Callable[[str], bool] | None = None) -> tuple[int, str | None]:
    """The most lines at the top of a block that read as one known label (a block may have run on
    into the body below a header, the header's lines and the first row's being contiguous).  When
    those lines read only as a close variant of a label that fewer lines name as the vocabulary
    writes it, the first cell's words have run on under it (``Surse de finanțare`` + ``BL``): the
    fewer lines (a reading by a keyword alone, ``Indicatorii de``, is less than the close variant
    ``Indicatorii de monitorizare``).  A line
    not ``apart`` from its neighbours by a gutter is a word of a justified line: the label ends above.

    Lines a narrow cell cut inside words (``Term`` / ``en de`` / ``imple`` / ``ment`` / ``are``)
    are read with the cut words glued back: when they read as a close variant, and when they do
    not read at all (a few words only), as the field fewer lines read exactly if any
    (``Costuri estimative`` over a sub-label ``surse ale`` is that label and a sub-label, not
    ``estimativesurse``)."""
    found = []
    for k in range(1, min(len(block.segments), settings.label_lines) + 1):
        line = block.segments[k - 1].text
        if k > 1 and not any(ch.isalpha() for ch in line) and any(ch.isdigit() for ch in line):
            break  # a column number ("1", "2") under the label: the header ends above it (a
            # closing bracket wrapped alone, ``(BUGET`` / ``)``, is the label's)
        if k > 1 and apart is not None and not apart(block.segments[k - 1]):
            break  # a word of a justified line ("În  caz  de"): the body's first row, no label's line
        lines = [s.text.strip() for s in block.segments[:k]]
        field, exact = match_label(labels, " ".join(lines))
        as_written = exact and label_method(labels, " ".join(lines)) == "exact"
        unread = field is None and k > 1 and len(" ".join(lines).split()) <= settings.cut_label_words
        if (field and not exact) or unread:  # a word cut at the cell's edge ("realizar" + "e") reads whole
            named = {f for _, f, e, _ in found if e}
            for reading in cut_word_readings(block.segments[:k], settings, known):
                whole, whole_exact = match_label(labels, reading)
                if whole and whole_exact and (not unread or not named or whole in named):
                    field, exact, as_written = whole, True, label_method(labels, reading) == "exact"
                    break
        if field:
            found.append((k, field, exact, as_written))
    if not found:
        return 0, None
    k, field, exact, _ = found[-1]
    if not exact:
        # fewer lines the vocabulary names as written (not by a keyword alone: ``Indicatorii de``
        # is less than the close variant ``Indicatorii de monitorizare``)
        k = max([j for j, f, e, named in found if f == field and named] or [k])
    return k, field


def remembered_prefix(block: Block, labels: LabelField, settings: BorderlessSettings,
                      apart: Callable[[Segment], bool], known: Callable[[str], bool] | None,
                      prefixes: dict | None, seen: SeenLabels | None = None) -> tuple[int, str | None]:
    """``label_prefix`` of ``block`` (or ``seen_prefix``, when longer), remembered in ``prefixes``
    (None: not remembered).  Its answer depends on the block's first ``label_lines`` segments, on
    whether each but the first stands apart, and on the labels seen so far: the same for a block
    met again by a later search of the page (which looks below a header found, so the region, its
    blocks and its gutters are found anew)."""
    if prefixes is None:
        return _prefix(block, labels, settings, apart, known, seen)
    head = tuple(block.segments[:settings.label_lines])
    key = (tuple(map(id, head)), sum(map(len, seen.values())) if seen else 0)  # (the labels seen only grow)
    apart_flags = tuple(apart(seg) for seg in head[1:])
    held = prefixes.get(key)
    if held is not None and held[1] == apart_flags and all(a is b for a, b in zip(held[0], head)):
        return held[2]
    found = _prefix(block, labels, settings, apart, known, seen)
    prefixes[key] = (head, apart_flags, found)  # the segments held: their ids are not reused meanwhile
    return found


def _prefix(block: Block, labels: LabelField, settings: BorderlessSettings, apart: Callable[[Segment], bool],
            known: Callable[[str], bool] | None, seen: SeenLabels | None) -> tuple[int, str | None]:
    found = label_prefix(block, labels, settings, apart=apart, known=known)
    again = seen_prefix(block, seen, apart, settings) if seen else (0, None)
    return again if again[0] > found[0] else found


def seen_prefix(block: Block, seen: SeenLabels, apart: Callable[[Segment], bool],
                settings: BorderlessSettings) -> tuple[int, str | None]:
    """The lines at the top of ``block`` that are the first lines, two or more but not all, of a
    label the document's headers showed before whole (``seen``: by their first line, labels' lines and fields; a
    label of more than ``label_lines`` lines was not seen whole): a repeated header whose row is
    drawn shorter on later pages, its labels' last lines clipped (``Termen`` / ``de`` /
    ``impleme``, ``ntare`` hidden), reads as the label it repeats, not as its first line alone."""
    lines = [" ".join(seg.text.split()) for seg in block.segments[:settings.label_lines]]
    best = (0, None)
    for label, field in seen.get(lines[0], ()) if len(lines) >= 2 else ():
        if len(label) > settings.label_lines:
            continue  # (longer than a label is looked for: not seen whole)
        k = 0
        while k < min(len(lines), len(label)) and lines[k] == label[k] and (k == 0 or apart(block.segments[k])):
            k += 1
        if 2 <= k < len(label) and k > best[0]:
            best = (k, field)
    return best


def find_header(segments: Sequence[Segment], labels: LabelField, settings: BorderlessSettings,
                below: float = -math.inf, above: float = float("inf"),
                known: Callable[[str], bool] | None = None, prefixes: dict | None = None,
                seen: SeenLabels | None = None) -> Header | None:
    """The first header band between ``below`` and ``above``: known labels overlapping each
    other vertically (with the sub-labels under a group label), at least ``min_labels`` of them.

    Found in two passes: label blocks (cut to their label lines) give the band's extent;
    the band's own segments are then stacked again into the header's blocks.  ``prefixes``
    remembers ``label_prefix``'s answers between searches of one page (``remembered_prefix``);
    ``seen``: the lines of the labels the document's headers showed before (``seen_prefix``)."""
    region = [s for s in segments if below < s.top < above]
    parts = []
    gutters = Gutters(region, settings.label_gutter * settings.padding)
    for block in segments_to_blocks(region, settings):
        k, field = remembered_prefix(block, labels, settings, gutters.apart, known, prefixes, seen)
        if field and gutters.apart(block.segments[0]):
            parts.append(Block(block.segments[:k], field))
    labels_text = frozenset(id(seg) for part in parts for seg in part.segments)
    for n, part in enumerate(parts):
        group = group_label(part, region, lambda text: match_label(labels, text)[0], settings, labels_text)
        if group is not None:
            group.group = True
            parts[n] = group
    first_body = body_line(parts, region, labels, settings, known)
    parts = [cut for part in parts if (cut := cut_at_body(part, first_body)) is not None]
    # labels that read only with their cut words glued back (their lines as they stand read as none)
    read_parts = {id(part.segments[0]): part.field for part in parts
                  if not part.group and match_label(labels, part.text)[0] is None}
    for seed in sorted(parts, key=lambda b: b.top):
        band = [b for b in parts if overlap(seed.top, seed.bottom, b.top, b.bottom) > 0]
        top, bottom = min(b.top for b in band), max(b.bottom for b in band)
        groups = [b for b in band if b.group]
        if groups:
            bottom = sub_label_bottom(band, groups, region, bottom, settings,
                                      labels=lambda text: (match_label(labels, text)[0],
                                                           label_method(labels, text) == "exact"))
        in_groups = {id(seg) for g in groups for seg in g.segments}
        # a column number drawn into the band's last line (a clipped repeated header) is no label's
        inside = [s for s in region if s.top >= top - 1 and s.bottom <= bottom + 1 and id(s) not in in_groups
                  and not is_integer_label(s.text)]
        blocks = segments_to_blocks(inside, settings)  # a group label keeps its own lines: the sub-labels are apart
        for b in blocks:
            # a label read in the first pass with its cut words glued back (``Term`` / ``ene`` / ``de``)
            # keeps that reading: its lines as they stand read as no label
            b.field = match_label(labels, b.text)[0] or read_parts.get(id(b.segments[0]))
        blocks += groups
        # sub-labels under a group name funding sources, not fields: they do not count
        top_row = [b for b in blocks if b in groups or not any(b.top >= g.bottom - 1 for g in groups)]
        # a label stands apart from its neighbours (the words of a justified line do not)
        n_known = sum(1 for b in top_row if b.field and gutters.apart(b.segments[0]))
        if n_known >= settings.min_labels and n_known >= settings.known_share * len(top_row):
            return band_to_header(blocks)
    return None


def body_line(parts: Sequence[Block], region: Sequence[Segment], labels: LabelField, settings: BorderlessSettings,
              known: Callable[[str], bool] | None = None) -> float | None:
    """The top of the first line the label blocks ran on into the body, if any: a line on which,
    under a label that ended above it, stands text no label reads (a row cut by the page break
    goes on right under a repeated header: ``online), de`` under ``Acțiuni planificate``, level
    with ``organizațiile`` read on under ``Instituții partenere``).  Not text set in the font of
    the label above it (labels in bold, the body not), nor a line that gives a label the
    vocabulary's own wording (``Indicatorii de`` + ``monitorizare``), nor one in capitals under a
    label in capitals (``NR.`` + ``ACȚIU``); sub-labels under a group label are the header's."""
    taken = {id(seg) for p in parts for seg in p.segments}
    # labels set in their own font (bold) tell their rest from the body's words by it
    body_fonts = {seg.font for seg in region}

    def stray(s: Segment) -> bool:
        above = [p for p in parts if not p.group and p.bottom < s.top and overlap(p.x0, p.x1, s.x0, s.x1) > 0]
        fonts = {seg.font for p in above for seg in p.segments}
        return (bool(above) and id(s) not in taken and not is_integer_label(s.text)
                and (s.font not in fonts or len(body_fonts) == 1)
                and match_label(labels, s.text)[0] is None
                and not any(p.group and overlap(p.x0, p.x1, s.x0, s.x1) > 0 for p in parts)
                and not (s.text.isupper() and all(p.text.isupper() for p in above)))

    def as_written(segments: Sequence[Segment]) -> bool:  # read as the vocabulary writes it, cut words glued back
        readings = [" ".join(seg.text.strip() for seg in segments), *cut_word_readings(segments, settings, known)]
        return any(label_method(labels, reading) == "exact" for reading in readings)

    def completes_a_label(top: float) -> bool:
        """Does the line at ``top`` give a label the vocabulary's wording: a label's own line
        (``Indicatorii de`` + ``monitorizare``), or the rest left under it (``Indicatori de`` +
        ``performanță``, ``Terme`` / ``n de`` + ``realiza`` / ``re``)?"""
        for p in parts:
            before = [seg for seg in p.segments if seg.top < top - 1.0]
            under = [seg for seg in region if id(seg) not in taken and p.bottom < seg.top < top + 1.0
                     and overlap(p.x0, p.x1, seg.x0, seg.x1) > 0] if not p.group else []
            upto = sorted([seg for seg in p.segments if seg.top < top + 1.0] + under, key=lambda seg: seg.top)
            if before and len(upto) > len(before) and as_written(upto) and not as_written(before):
                return True
        return False

    spans = [(p.top, p.bottom) for p in parts]
    lines = sorted({round(s.top, 1) for s in region if any(top < s.top < bottom for top, bottom in spans) and stray(s)})
    return next((top for top in lines if not completes_a_label(top)), None)


def cut_at_body(part: Block, first_body: float | None) -> Block | None:
    """``part`` without its lines from the body's first line down (None when nothing is left)."""
    if first_body is None:
        return part
    kept = [seg for seg in part.segments if seg.top < first_body - 1.0]
    return Block(kept, part.field, part.group) if kept else None


def label_method(labels: LabelField, text: str) -> str:
    """How ``labels`` reads ``text`` (``exact``, ``keyword``, ``fuzzy``...; a plain field: ``exact``)."""
    found = labels(text)
    if found is None:
        return "unknown"
    return "exact" if isinstance(found, str) else getattr(found, "method", "exact")


def band_to_header(band: list[Block]) -> Header:
    """Leaves (columns) and groups of a header band.  A group label (a money label set over
    sub-columns) heads the blocks right under it; every other block is a leaf."""
    top, bottom = min(b.top for b in band), max(b.bottom for b in band)
    groups = [b for b in band if b.group]
    subs = [b for b in band if b not in groups and any(b.top >= g.bottom - 1 for g in groups)]
    leaves = sorted((b for b in band if b not in groups), key=lambda b: b.center)
    header = Header(top=top, bottom=bottom, leaves=leaves)
    owner: dict[int, Block] = {}
    for sub in subs:  # each sub-label belongs to the nearest group above it
        above = [g for g in groups if g.bottom <= sub.top + 1]
        if above:
            owner[id(sub)] = min(above, key=lambda g: abs(g.center - sub.center))
    # a group label with nothing under it (its sub-labels out of sight, the body's first row empty
    # in its column) heads a column of its own: a leaf, not a label lost
    alone = [g for g in groups if not any(owner.get(id(leaf)) is g for leaf in leaves)]
    if alone:
        for g in alone:
            g.group = False
        groups = [g for g in groups if g.group]
        leaves = sorted(leaves + alone, key=lambda b: b.center)
        header.leaves = leaves
    for g in groups:
        mine = [i for i, leaf in enumerate(leaves) if owner.get(id(leaf)) is g]
        if mine:
            header.groups.append((g, min(mine), max(mine)))
    if header.groups:
        header.group_bottom = max(g.bottom for g, _, _ in header.groups)
    return header
