"""pdfplumber's table finder with its cell search indexed.

``pdfplumber.table.intersections_to_cells`` looks, for every rule intersection, at every later
intersection to find those under it and right of it, and rebuilds each edge's box set at every
comparison: quadratic in the intersections, about a tenth of a generated plan's reading time.
``intersections_to_cells`` here gives the same cells in the same order (the same search: for
each intersection, the nearest below and right that the rules join, and the corner they close)
with the intersections grouped by column and by row once and each one's edge boxes made once.
``FinderWithIndex`` is pdfplumber's ``TableFinder`` using it; ``tests/test_fast_paths.py``
compares the two on random grids."""

from __future__ import annotations

from pdfplumber import utils
from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

Point = tuple[float, float]
BBox = tuple[float, float, float, float]


def intersections_to_cells(intersections: dict) -> list[BBox]:
    """The cells the intersections describe (``pdfplumber.table.intersections_to_cells``)."""
    points = sorted(intersections)
    v_boxes = {p: set(map(utils.obj_to_bbox, intersections[p]["v"])) for p in points}
    h_boxes = {p: set(map(utils.obj_to_bbox, intersections[p]["h"])) for p in points}
    by_x: dict[float, list[Point]] = {}
    by_y: dict[float, list[Point]] = {}
    for p in points:  # in sorted order: a column's points by y, a row's by x
        by_x.setdefault(p[0], []).append(p)
        by_y.setdefault(p[1], []).append(p)
    at_x = {p: i for column in by_x.values() for i, p in enumerate(column)}
    at_y = {p: i for row in by_y.values() for i, p in enumerate(row)}

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not v_boxes[p1].isdisjoint(v_boxes[p2]):
            return True
        return p1[1] == p2[1] and not h_boxes[p1].isdisjoint(h_boxes[p2])

    cells = []
    for pt in points:
        below = by_x[pt[0]][at_x[pt] + 1:]
        right = by_y[pt[1]][at_y[pt] + 1:]
        cell = _smallest_cell(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(pt: Point, below: list[Point], right: list[Point], intersections: dict, connects) -> BBox | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            corner = (right_pt[0], below_pt[1])
            if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


class FinderWithIndex(TableFinder):
    """``pdfplumber.table.TableFinder`` finding its cells with ``intersections_to_cells`` above."""

    def __init__(self, page, settings=None):  # noqa: super().__init__ would search the cells the slow way
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]
