"""Grid columns no cell needs: the edges of a shaded cell's paragraph shading, or of a border
drawn twice, make grid columns of their own; they are merged into their neighbours
(``extract/ruled/grid.py``: ``unneeded_columns``, ``collapse_columns``), never putting two texts in
one cell, and an info issue says how many."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from conftest import sha
from planuri.extract import extract
from planuri.extract.ruled.grid import GridSpan, collapse_columns, unneeded_columns
from planuri.normalize import normalize_document
from planuri.pipeline import header_field


def spans_of(rows: list[list[tuple[int, int, str]]]) -> list[GridSpan]:
    """One list per grid row of (col, col_span, text) -- each cell one row high."""
    return [GridSpan(r, c, 1, cs, bool(t.strip())) for r, row in enumerate(rows) for c, cs, t in row]


def test_a_shaded_header_cell_split_into_padding_and_text_is_one_column_again():
    # Word's shaded header: padding | text | padding in the header row, whole cells below
    header = [(0, 1, ""), (1, 1, "Nr."), (2, 1, ""), (3, 1, ""), (4, 1, "Denumirea"), (5, 1, ""),
              (6, 1, ""), (7, 1, "Suma"), (8, 1, "")]
    body = [(0, 3, "1"), (3, 3, "Impozit pe venit"), (6, 3, "313,0")]
    spans = spans_of([header, body, body])
    widths = [5.4, 20, 5.4, 5.4, 200, 5.4, 5.4, 100, 5.4]
    removed = unneeded_columns(spans, 3, 9, widths, sliver_width=8.0)
    assert removed == {1, 2, 4, 5, 7, 8}
    kept, moved = collapse_columns(spans, 3, removed, 9)
    assert kept == [0, 3, 6, 9]
    texts = {(s.row, s.col, s.col_span) for s in moved if s is not None and s.filled}
    assert texts == {(r, c, 1) for r in range(3) for c in range(3)}


def test_without_column_widths_the_cells_spanning_the_fragments_show_the_columns():
    header = [(0, 1, ""), (1, 1, "Nr."), (2, 1, ""), (3, 1, "Denumirea"), (4, 1, "")]
    body = [(0, 3, "1"), (3, 2, "Impozit")]
    assert unneeded_columns(spans_of([header, body]), 2, 5) == {1, 2, 4}


def test_a_boundary_no_cell_starts_or_ends_at_is_removed():
    spans = spans_of([[(0, 2, "Nr."), (2, 2, "Acțiuni")], [(0, 2, "1"), (2, 2, "Informarea")]])
    assert unneeded_columns(spans, 2, 4) == {1, 3}


def test_a_heading_across_the_table_does_not_make_the_empty_columns_of_a_short_piece_unneeded():
    # a continuation piece: a heading row, then one action with its responsible column empty
    spans = spans_of([[(0, 4, "Obiectivul specific 2")], [(0, 1, "2.1"), (1, 1, "Acțiune"), (2, 1, ""), (3, 1, "2025")]])
    assert unneeded_columns(spans, 2, 4) == set()


def test_an_empty_real_column_between_text_columns_is_kept():
    spans = spans_of([[(0, 1, "Acțiuni"), (1, 1, "Parteneri"), (2, 1, "Termen")],
                      [(0, 1, "1.1 Informarea"), (1, 1, ""), (2, 1, "2025")]])
    assert unneeded_columns(spans, 2, 3, [150, 90, 60], sliver_width=8.0) == set()


def test_a_sliver_between_two_text_columns_joins_one_of_them_never_both():
    # a border drawn twice, 5 pt apart, in every row: an empty sliver no cell spans
    spans = spans_of([[(0, 1, "Acțiuni"), (1, 1, ""), (2, 1, "Termen")], [(0, 1, "Informarea"), (1, 1, ""), (2, 1, "2025")]])
    removed = unneeded_columns(spans, 2, 3, [150, 5, 60], sliver_width=8.0)
    assert len(removed) == 1
    kept, moved = collapse_columns(spans, 2, removed, 3)
    assert len(kept) == 3 and all(s is not None for s in moved if s and s.filled)


@st.composite
def grids(draw):
    """A grid of random merges: each row cut into cells of random widths, each cell empty or not;
    some rows only cover fragments (narrow cells), as a shaded header does."""
    n_cols = draw(st.integers(2, 9))
    n_rows = draw(st.integers(1, 6))
    rng = random.Random(draw(st.integers(0, 10**6)))
    spans = []
    for r in range(n_rows):
        c = 0
        while c < n_cols:
            cs = rng.randint(1, n_cols - c)
            spans.append(GridSpan(r, c, 1, cs, rng.random() < 0.6))
            c += cs
    widths = [rng.choice([4.0, 5.4, 30.0, 120.0]) for _ in range(n_cols)]
    return spans, n_rows, n_cols, widths


@settings(max_examples=300, deadline=None)
@given(grids())
def test_collapsing_never_loses_or_overlaps_text(grid):
    spans, n_rows, n_cols, widths = grid
    removed = unneeded_columns(spans, n_rows, n_cols, widths, sliver_width=8.0)
    assert all(0 < k < n_cols for k in removed)
    kept, moved = collapse_columns(spans, n_rows, removed, n_cols)
    assert kept[0] == 0 and kept[-1] == n_cols
    filled = [m for s, m in zip(spans, moved) if s.filled]
    assert all(m is not None for m in filled)  # every cell holding text is kept
    slots = [(m.row, c) for m in filled for c in range(m.col, m.col + m.col_span)]
    assert len(slots) == len(set(slots))  # and no two share a slot
    for k in removed:  # a removed boundary never separated two texts meeting there
        for r in range(n_rows):
            left = [s for s in spans if s.row == r and s.col + s.col_span == k]
            right = [s for s in spans if s.row == r and s.col == k]
            assert not (left and right and left[0].filled and right[0].filled)


# --------------------------------------------------------------------------- a PDF drawn by hand


def raw_pdf(path: Path, ops: list[str], size: tuple[float, float] = (595, 842)) -> Path:
    """A one-page PDF from content-stream operators (origin bottom left), Helvetica as /F1."""
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] "
        f"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".encode(),
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def word_table(cols: list[float], rows: list[float], texts: list[list[str]], shaded_rows: int = 1,
               inset: float = 5.4, double_border: float | None = None, boxed_lines: bool = False,
               page_height: float = 842) -> list[str]:
    """Operators drawing a table as Word exports it: borders as thin black filled rectangles, the
    header rows shaded grey with the paragraph's own shading inset by the cell padding; with
    ``double_border``, the second inner border drawn twice that many points apart; with
    ``boxed_lines``, the last header cell's two lines shaded line by line, clear of its borders."""
    def rect(x0, top, x1, bottom, grey):
        return f"{grey} g {x0:.2f} {page_height - bottom:.2f} {x1 - x0:.2f} {bottom - top:.2f} re f"

    ops = []
    for r in range(shaded_rows):
        for x0, x1 in zip(cols, cols[1:]):
            ops.append(rect(x0, rows[r], x1, rows[r + 1], 0.949))  # the cell's shading
            ops.append(rect(x0 + inset, rows[r], x1 - inset, rows[r + 1], 0.949))  # the paragraph's
    if boxed_lines:
        x0, x1, top = cols[-2] + inset, cols[-1] - inset, rows[0] + 2
        ops += [rect(x0, top, x1, top + 6, 0.8), rect(x0, top + 6, x1, top + 12, 0.8)]
    for x in cols:
        ops.append(rect(x - 0.25, rows[0], x + 0.25, rows[-1], 0))
    if double_border is not None:
        x = cols[2] + double_border
        ops.append(rect(x - 0.25, rows[0], x + 0.25, rows[-1], 0))
    for y in rows:
        ops.append(rect(cols[0], y - 0.25, cols[-1], y + 0.25, 0))
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            ops.append(f"0 g BT /F1 9 Tf {cols[c] + inset:.2f} {page_height - rows[r + 1] + 4:.2f} Td ({text}) Tj ET")
    return ops


TEXTS = [["Nr.", "Denumirea", "Cod Eco", "Suma, mii lei"],
         ["1", "Impozit pe venit", "111", "313,0"],
         ["2", "Impozitul funciar", "113", "116,2"]]
COLS = [60.0, 100.0, 330.0, 430.0, 550.0]
ROWS = [100.0, 118.0, 136.0, 154.0]


def read(path: Path):
    doc = extract(path, sha(path), labels=header_field)
    return doc, doc.tables


def test_a_shaded_header_gives_the_columns_the_table_has(tmp_path):
    doc, tables = read(raw_pdf(tmp_path / "shaded.pdf", word_table(COLS, ROWS, TEXTS)))
    assert len(tables) == 1
    table = tables[0]
    assert table.n_cols == 4
    grid = table.grid()
    assert [[" ".join(grid[r][c].text.split()) for c in range(4)] for r in range(3)] == TEXTS
    # the shading is left out before the grid is made (extract/ruled/plumber.py), so its edges make
    # no grid columns to merge; were they kept, their merging would be an info issue only
    assert all(i.severity == "info" for i in doc.issues if i.code == "unneeded-grid-column")


def test_a_border_drawn_twice_leaves_no_sliver_column(tmp_path):
    ops = word_table(COLS, ROWS, TEXTS, shaded_rows=0, double_border=5.0)
    doc, tables = read(raw_pdf(tmp_path / "double.pdf", ops))
    assert [t.n_cols for t in tables] == [4]
    grid = tables[0].grid()
    assert [" ".join(grid[1][c].text.split()) for c in range(4)] == TEXTS[1]
    assert [i.message[:20] for i in doc.issues if i.code == "unneeded-grid-column"] == ["1 of the 5 grid colu"]


def test_a_plain_ruled_table_is_left_as_it_is(tmp_path):
    doc, tables = read(raw_pdf(tmp_path / "plain.pdf", word_table(COLS, ROWS, TEXTS, shaded_rows=0)))
    assert [t.n_cols for t in tables] == [4]
    assert not [i for i in doc.issues if i.code == "unneeded-grid-column"]
    normalized = normalize_document(doc)
    assert {(c["row"], c["col"]) for c in normalized.cells} == {(r, c) for r in range(1, 4) for c in range(1, 5)}


@pytest.mark.parametrize("shaded_rows", [1, 2])
def test_the_cells_dataset_holds_the_real_columns(tmp_path, shaded_rows):
    doc, _ = read(raw_pdf(tmp_path / "t.pdf", word_table(COLS, ROWS, TEXTS, shaded_rows=shaded_rows)))
    cells = normalize_document(doc).cells
    assert max(c["col"] + c["col_span"] - 1 for c in cells) == 4
    assert all(c["col_span"] == 1 for c in cells)


def test_a_box_of_shading_inside_a_cell_is_no_table_of_its_own(tmp_path):
    doc, tables = read(raw_pdf(tmp_path / "boxed.pdf", word_table(COLS, ROWS, TEXTS, shaded_rows=0, boxed_lines=True)))
    assert [t.n_cols for t in tables] == [4]
    assert [i.code for i in doc.issues] == ["box-inside-table"]
    assert " ".join(tables[0].grid()[0][3].text.split()) == "Suma, mii lei"


def test_a_value_in_one_funding_column_under_costs_merged_over_all_three_keeps_its_column():
    """Generated seeds 3611, 3641 (ruled PDF, header not repeated): a page whose rows have their
    costs merged over the three funding sources (``În limita resurselor``), then one row with
    ``150,000.00`` in the donors' column between two empty ones.  Those cells are as wide as
    columns go: their edges are the value's own, not fragments of the merged cell."""
    merged = [(0, 1, "2.1.6 Dezvoltarea"), (1, 3, "În limita resurselor"), (4, 1, "Număr servicii")]
    row = [(0, 1, "2.1.8 Întreținerea"), (1, 1, ""), (2, 1, "150,000.00"), (3, 1, ""), (4, 1, "Inventar")]
    spans = spans_of([merged, merged, row])
    widths = [141, 48, 53, 66, 155]
    assert unneeded_columns(spans, 3, 5, widths, sliver_width=8.0) == set()
    # without the row holding the value, the funding columns are nobody's
    assert unneeded_columns(spans_of([merged, merged]), 2, 5, widths, sliver_width=8.0) == {2, 3}
