"""Cells' x-extents -> the table's logical columns, whatever its raw grid.

A table edited by hand in Word has its inner column edges a little apart from one
group of rows to the next (a border dragged over some rows moves 1-3.5 mm): Word
keeps one grid column (``w:tblGrid``) per distinct edge, and its PDF export draws
the rules where the cells are, so a table of 8 columns arrives with 20 narrow grid
columns and every cell spanning several.  The logical columns come from the cells'
own edges instead:

``extents_to_positions``   the distinct edge positions, each with the rows whose cells
                           start or end there (a cell merged down counts in every row)
``positions_to_clusters``  positions closer than the drift tolerance that no row holds
                           both of are one column edge; the header's edges first (the
                           top row and the rows its merged cells reach), then the edges
                           most rows use, each joining the edge with the nearest position
                           (an edge spreads no wider than twice the tolerance); then
                           neighbouring edges no row holds both of merge likewise
``logical_columns``        the chain, checked: edges in order, every cell at least one
                           column wide; otherwise None and the raw grid stands

Two edges that one row holds both of are two columns however close they are (a real
narrow column is a cell of its own somewhere); a position no cell starts or ends at
never becomes an edge.  Units are the caller's (twips in DOCX, points in PDF).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Sequence

MM_PER_UNIT = {"twips": 25.4 / 1440, "points": 25.4 / 72}


@dataclass(frozen=True)
class ColumnSettings:
    """How far apart two cell edges may be and still be one column edge moved by hand."""

    drift_mm: float = 5.0  # Word drags move an edge 1-3.5 mm per row group; real columns are wider than 5 mm

    def drift(self, unit: str) -> float:
        return self.drift_mm / MM_PER_UNIT[unit]


@dataclass(frozen=True)
class Extent:
    """A cell's left and right edges and the rows it lies in (any hashable row keys)."""

    x0: float
    x1: float
    rows: tuple[Hashable, ...]


@dataclass
class Position:
    """A distinct edge position: where it is, which rows hold it, how many cell edges lie there."""

    x: float
    rows: set = field(default_factory=set)
    n_edges: int = 0
    anchored: bool = False  # held by the header band
    members: list[float] = field(default_factory=list)


@dataclass
class Cluster:
    x: float  # the edge's position: its first (header, or most used) member
    rows: set = field(default_factory=set)
    positions: list[Position] = field(default_factory=list)

    def distance(self, x: float) -> float:
        """From ``x`` to the nearest position of the edge (edges drift step by step)."""
        return min(abs(p.x - x) for p in self.positions)

    def spread_with(self, x: float) -> float:
        xs = [p.x for p in self.positions] + [x]
        return max(xs) - min(xs)


@dataclass(frozen=True)
class LogicalColumns:
    """The logical column edges and where each cell lies on them."""

    edges: tuple[float, ...]
    spans: tuple[tuple[int, int], ...]  # per extent, in input order: (first column, columns spanned)
    n_positions: int  # distinct edge positions found in the cells
    max_drift: float  # widest distance between two positions taken as one edge

    @property
    def n_cols(self) -> int:
        return len(self.edges) - 1

    @property
    def merged(self) -> bool:
        """Were positions of different rows taken as one edge (a drifted grid)?"""
        return self.n_positions > len(self.edges)


def header_band(extents: Sequence[Extent], order: Sequence[Hashable]) -> set:
    """The top row and the rows its cells reach down to (a two-row header merged down)."""
    if not order:
        return set()
    top = order[0]
    depth = max((len(e.rows) for e in extents if e.rows and e.rows[0] == top), default=1)
    return set(order[:depth])


def extents_to_positions(extents: Sequence[Extent], same: float, anchor_rows: set) -> list[Position]:
    """Distinct edge positions, left to right: values within ``same`` of a position's first are
    that position (measured from the first, so that many close values never chain into one)."""
    points = sorted((x, e.rows) for e in extents for x in (e.x0, e.x1))
    out: list[Position] = []
    for x, rows in points:
        if not out or x - out[-1].members[0] > same:
            out.append(Position(x=x))
        p = out[-1]
        p.members.append(x)
        p.rows.update(rows)
        p.n_edges += 1
        p.anchored = p.anchored or any(r in anchor_rows for r in rows)
    for p in out:
        p.x = sum(p.members) / len(p.members)
    return out


def positions_to_clusters(positions: Sequence[Position], drift: float) -> list[Cluster]:
    """Greedy: the header's positions first, then those most rows use; each joins the edge with
    a position nearest it, within ``drift``, that none of its rows holds already and that stays
    narrower than twice ``drift``, or starts an edge of its own.  ``positions``: left to right."""
    if all(b.x - a.x > drift for a, b in zip(positions, positions[1:])):  # nothing to join (most tables)
        return [Cluster(x=p.x, rows=set(p.rows), positions=[p]) for p in positions]
    clusters: list[Cluster] = []
    for p in sorted(positions, key=_rank):
        fits = [(c.distance(p.x), c) for c in clusters if not (c.rows & p.rows)
                and c.distance(p.x) <= drift and c.spread_with(p.x) <= 2 * drift]
        if fits:
            target = min(fits, key=lambda f: f[0])[1]
            target.rows |= p.rows
            target.positions.append(p)
        else:
            clusters.append(Cluster(x=p.x, rows=set(p.rows), positions=[p]))
    return merge_neighbours(sorted(clusters, key=lambda c: c.x), drift)


def _rank(p: Position) -> tuple:
    """Which position stands for an edge: the header's, then the one most rows use."""
    return not p.anchored, -len(p.rows), -p.n_edges, p.x


def merge_neighbours(clusters: list[Cluster], drift: float) -> list[Cluster]:
    """Neighbouring edges that no row holds both of, whose positions come within ``drift`` of
    each other and together spread no wider than twice ``drift``, are one edge (the greedy pass
    can start an edge at a far position before the positions bridging it to its neighbour)."""
    merged = True
    while merged:
        merged = False
        for i, (a, b) in enumerate(zip(clusters, clusters[1:])):
            gap = min(q.x for q in b.positions) - max(q.x for q in a.positions)
            spread = max(q.x for q in b.positions) - min(q.x for q in a.positions)
            if a.rows & b.rows or gap > drift or spread > 2 * drift:
                continue
            keep, other = (a, b) if _rank(a.positions[0]) <= _rank(b.positions[0]) else (b, a)
            keep.rows |= other.rows
            keep.positions += other.positions
            clusters = clusters[:i] + [keep] + clusters[i + 2:]
            merged = True
            break
    return clusters


def logical_columns(extents: Sequence[Extent], drift: float, same: float = 0.0,
                    anchor_rows: set | None = None, row_order: Sequence[Hashable] | None = None) -> LogicalColumns | None:
    """The logical columns of cells given by their x-extents; None when the cells do not
    resolve into ordered columns (then the caller keeps its raw grid).

    ``anchor_rows``: the header's rows, whose edge positions are taken first and stand for
    the edges they join (default: the band of the first row in ``row_order``, itself by
    default the rows in order of appearance)."""
    if not extents:
        return None
    if anchor_rows is None:
        order = row_order if row_order is not None else list(dict.fromkeys(r for e in extents for r in e.rows))
        anchor_rows = header_band(extents, order)
    positions = extents_to_positions(extents, same, anchor_rows)
    clusters = positions_to_clusters(positions, drift)
    index: dict[int, int] = {}
    for i, cluster in enumerate(clusters):
        for p in cluster.positions:
            index[id(p)] = i
    order = [index[id(p)] for p in positions]  # positions are left to right
    if order != sorted(order):
        return None
    position_of = {}
    for p in positions:
        for x in p.members:
            position_of[x] = index[id(p)]
    spans = []
    for e in extents:
        c0, c1 = position_of[e.x0], position_of[e.x1]
        if c1 <= c0:
            return None
        spans.append((c0, c1 - c0))
    drift_seen = max((max(p.x for p in c.positions) - min(p.x for p in c.positions) for c in clusters), default=0.0)
    return LogicalColumns(edges=tuple(c.x for c in clusters), spans=tuple(spans),
                          n_positions=len(positions), max_drift=drift_seen)
