"""Logical columns from the cells' own edges (extract/ruled/columns.py): a grid whose inner edges a
person dragged apart row group by row group reads as the columns meant; a real narrow column,
however narrow, stays a column."""

import pytest

from planuri.extract.ruled.columns import ColumnSettings, Extent, logical_columns

MM = 72 / 25.4  # points per mm
DRIFT = ColumnSettings().drift("points")


def rows_of(*rows):
    """Rows given as lists of edge x positions (mm) -> one extent per cell, one row each."""
    return [Extent(xs[i] * MM, xs[i + 1] * MM, (r,)) for r, xs in enumerate(rows) for i in range(len(xs) - 1)]


def spans(found, per_row):
    """(col, span) of each cell, grouped by row as given."""
    out, it = [], iter(found.spans)
    for n in per_row:
        out.append([next(it) for _ in range(n)])
    return out


def test_edges_moved_a_few_mm_per_row_group_are_one_edge():
    found = logical_columns(rows_of(
        [0, 50, 80, 120, 200],       # the header
        [0, 52, 78.5, 123, 200],     # row groups whose borders were dragged 1-3.5 mm
        [0, 48.2, 81, 117.5, 200],
        [0, 50, 80, 120, 200],
    ), DRIFT)
    assert found.n_cols == 4 and found.merged and found.n_positions == 11
    assert [round(x / MM, 1) for x in found.edges] == [0, 50, 80, 120, 200]  # the header's edges stand
    assert spans(found, [4, 4, 4, 4]) == [[(0, 1), (1, 1), (2, 1), (3, 1)]] * 4
    assert 5.4 < found.max_drift / MM < 5.6  # 117.5 and 123 mm: the widest spread taken as one edge


def test_a_narrow_column_held_by_a_row_stays_however_narrow():
    # a 3 mm column: its two edges lie in the same rows, so they are two edges (each moved 1 mm)
    found = logical_columns(rows_of([0, 40, 43, 100], [0, 41, 44, 100]), DRIFT)
    assert found.n_cols == 3
    assert spans(found, [3, 3]) == [[(0, 1), (1, 1), (2, 1)]] * 2


def test_a_cell_spanning_drifted_columns_spans_the_logical_ones():
    found = logical_columns(rows_of(
        [0, 50, 80, 120, 200],
        [0, 52, 200],               # a heading-like cell from the second column to the end
        [0, 200],                   # a full-width heading
        [0, 49, 81, 118, 200],
    ), DRIFT)
    assert found.n_cols == 4
    assert spans(found, [4, 2, 1, 4]) == [[(0, 1), (1, 1), (2, 1), (3, 1)], [(0, 1), (1, 3)], [(0, 4)],
                                          [(0, 1), (1, 1), (2, 1), (3, 1)]]


def test_a_boundary_no_cell_starts_or_ends_at_is_no_column():
    # Word's grid may hold a column only gridBefore/gridAfter or an old edit use: cells never end there
    extents = [Extent(0, 100, (0,)), Extent(100, 300, (0,)), Extent(0, 100, (1,)), Extent(100, 300, (1,))]
    found = logical_columns(extents, DRIFT)
    assert found.edges == (0, 100, 300) and not found.merged


def test_edges_further_apart_than_the_drift_are_columns_of_their_own():
    far = 8  # mm: more than a hand's drift (5 mm)
    found = logical_columns(rows_of([0, 50, 200], [0, 50 + far, 200]), DRIFT)
    assert found.n_cols == 3
    assert spans(found, [2, 2]) == [[(0, 1), (1, 2)], [(0, 2), (2, 1)]]


def test_a_vertically_merged_cell_counts_in_every_row_it_spans():
    # the objective cell (0-50 mm) spans rows 1-2, so its right edge is in row 2 too, beside
    # row 2's 3 mm cell starting at 53: two edges, not one moved
    extents = [Extent(0, 50 * MM, (0,)), Extent(50 * MM, 100 * MM, (0,)),
               Extent(0, 50 * MM, (1, 2)), Extent(50 * MM, 100 * MM, (1,)),
               Extent(50 * MM, 53 * MM, (2,)), Extent(53 * MM, 100 * MM, (2,))]
    found = logical_columns(extents, DRIFT)
    assert [round(x / MM) for x in found.edges] == [0, 50, 53, 100]
    assert found.spans[4:] == ((1, 1), (2, 1))


def test_cells_that_make_no_ordered_columns_give_none():
    # row 1 holds a 1 mm cell (50-51), so its 51 can only join the header's 55; row 2 holds one
    # (54-55), so its 54 can only join 50: the edges would cross -- the caller keeps its raw grid
    found = logical_columns(rows_of([0, 50, 55, 100], [0, 50, 51, 100], [0, 54, 55, 100]), DRIFT)
    assert found is None


def test_an_edge_drifting_step_by_step_further_than_the_tolerance_is_one_edge():
    # a document resaved through another format spreads an edge 5.8 mm over its row groups:
    # each step is small, and no row holds two of them
    found = logical_columns(rows_of([0, 56, 100], [0, 50.8, 100], [0, 51.7, 100], [0, 53.7, 100],
                                    [0, 55.2, 100], *[[0, 50.8, 100]] * 4), DRIFT)
    assert found.n_cols == 2 and [round(x / MM) for x in found.edges] == [0, 56, 100]


def test_the_top_row_band_anchors_the_edges():
    # the body's edge (most rows) is at 52 mm, the header's at 50: the header's position stands
    found = logical_columns(rows_of([0, 50, 100], *[[0, 52, 100]] * 5), DRIFT)
    assert [round(x / MM) for x in found.edges] == [0, 50, 100]


@pytest.mark.parametrize("unit,expected", [("points", 5 * 72 / 25.4), ("twips", 5 * 1440 / 25.4)])
def test_drift_in_the_callers_units(unit, expected):
    assert ColumnSettings().drift(unit) == pytest.approx(expected)


def test_no_cells_no_columns():
    assert logical_columns([], DRIFT) is None


def chars(text: str, x: float, top: float) -> list[dict]:
    return [{"text": ch, "x0": x + 4.5 * i, "x1": x + 4.5 * (i + 1), "top": top, "bottom": top + 9, "size": 9.0,
             "fontname": "Times"} for i, ch in enumerate(text)]


def test_pdf_rule_rectangles_drifted_row_by_row_make_the_header_columns():
    """The ruled-PDF grid (cells_from_rects, used by pdfplumber, camelot, borderless and OCR pages):
    rules 3-4 pt apart from row group to row group are one column edge; the texts keep their cells."""
    from planuri.extract.ruled.plumber import cells_from_rects

    rows = [(0, [0, 100, 200, 300]), (20, [0, 103, 197, 300]), (40, [0, 96.5, 204, 300]), (60, [0, 300])]
    rects, text = [], []
    for top, xs in rows:
        for i, (x0, x1) in enumerate(zip(xs, xs[1:])):
            rects.append((x0, top, x1, top + 20))
            text += chars(f"r{top}c{i}", x0 + 5, top + 5)
    grid = cells_from_rects(rects, text, page=1, tolerance=2.0)
    assert grid.n_grid_cols == 7 and len(grid.col_edges) == 4
    assert grid.max_drift == pytest.approx(7.0)  # 197 to 204 pt: the widest spread taken as one edge
    assert sorted((c.row, c.col, c.col_span, c.text) for c in grid.cells) == [
        (0, 0, 1, "r0c0"), (0, 1, 1, "r0c1"), (0, 2, 1, "r0c2"),
        (1, 0, 1, "r20c0"), (1, 1, 1, "r20c1"), (1, 2, 1, "r20c2"),
        (2, 0, 1, "r40c0"), (2, 1, 1, "r40c1"), (2, 2, 1, "r40c2"),
        (3, 0, 3, "r60c0")]
    raw = cells_from_rects(rects, text, page=1, tolerance=2.0, columns=None)
    assert len(raw.col_edges) == 8 and raw.max_drift == 0
