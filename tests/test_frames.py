"""Ruled tables left open at an end (extract/ruled/frames.py), on synthetic ruling lines run through
pdfplumber's own cell chain (extract/ocr/image_grid.py:edges_to_tables, the one the ruled-PDF path
uses), and text run on past a table's bottom rule (extract/ruled/plumber.py:build_page)."""

from __future__ import annotations

import pdfplumber
import pytest

from conftest import SAMPLE_FOLDERS
from planuri.extract.ruled.frames import closing_edges
from planuri.extract.ocr.image_grid import GridSettings, edges_to_cells, edges_to_tables, merged_edges
from planuri.extract.ruled.plumber import PdfSettings, build_page

TOL = GridSettings().tolerance


def v(x, top, bottom):
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}


def h(y, x0, x1):
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def cells_of(edges):
    return sorted(tuple(round(x) for x in c) for t in edges_to_tables(edges, GridSettings()) for c in t)


def closings(edges):
    merged = merged_edges(edges, TOL)
    bboxes = [(min(c[0] for c in t), min(c[1] for c in t), max(c[2] for c in t), max(c[3] for c in t))
              for t in edges_to_cells(merged, TOL)]
    return closing_edges(merged, bboxes, TOL)


def test_a_closed_table_needs_no_rule():
    edges = [v(x, 0, 60) for x in (0, 50, 100, 150)] + [h(y, 0, 150) for y in (0, 20, 40, 60)]
    assert closings(edges) == []
    assert len(cells_of(edges)) == 9


def test_a_bottom_left_open_is_closed_where_the_verticals_end():
    # the last row is cut by the page break: every vertical runs on to 100, no rule under it
    edges = [v(x, 0, 100) for x in (0, 50, 100, 150)] + [h(y, 0, 150) for y in (0, 20, 40, 60)]
    assert [(e["orientation"], round(e["x0"]), round(e["x1"]), round(e["top"])) for e in closings(edges)] == \
        [("h", 0, 150, 100)]
    assert {(c[1], c[3]) for c in cells_of(edges)} == {(0, 20), (20, 40), (40, 60), (60, 100)}


def test_a_merged_cell_open_under_it_is_closed_alone():
    # column 0: an objective merged over the rows, no rule under it on this page; the other
    # columns are closed at 100
    edges = [v(x, 0, 100) for x in (0, 50, 100, 150)] + [h(0, 0, 150), h(20, 0, 150)]
    edges += [h(y, 50, 150) for y in (40, 60, 100)]
    added = closings(edges)
    assert [(e["orientation"], round(e["x0"]), round(e["x1"]), round(e["top"])) for e in added] == [("h", 0, 50, 100)]
    assert (0, 20, 50, 100) in cells_of(edges)


def test_a_cut_row_with_a_cell_merged_across_columns_is_closed_whole():
    # the last row (60-100) is cut by the page break; its middle cell spans columns 1-2, so the
    # rule between those columns stops at the row above (60), short of the cut
    edges = [v(x, 0, 100) for x in (0, 50, 150, 200)] + [v(100, 0, 60)] + [h(y, 0, 200) for y in (0, 30, 60)]
    assert [(round(e["x0"]), round(e["x1"]), round(e["top"])) for e in closings(edges)] == [(0, 200, 100)]
    assert (50, 60, 150, 100) in cells_of(edges)


def test_a_continued_piece_open_at_the_top_keeps_its_first_row_and_its_merged_column():
    # the next page: no top rule at all, and column 0 (the objective, merged over the whole
    # page) has no rule across it anywhere, so pdfplumber alone leaves it out of the table
    edges = [v(x, 0, 100) for x in (0, 50, 100, 150)] + [h(y, 50, 150) for y in (30, 60, 100)]
    cells = cells_of(edges)
    assert (50, 0, 100, 30) in cells and (100, 0, 150, 30) in cells  # the first row
    assert (0, 0, 50, 100) in cells  # the merged column, whole


def test_horizontal_rules_running_past_the_last_vertical_close_the_right_side():
    # no outer vertical on the right: the last column would be lost
    edges = [v(x, 0, 60) for x in (0, 50, 100)] + [h(y, 0, 150) for y in (0, 20, 40, 60)]
    assert {(c[0], c[2]) for c in cells_of(edges)} == {(0, 50), (50, 100), (100, 150)}


def test_rules_stopping_just_short_of_the_frame_are_drawn_on_to_it():
    # LibreOffice's double borders: the horizontal rules end 4 pt before the right frame
    # (beyond the 3 pt that joins them), so the last column had no corner on the right
    edges = [v(x, 0, 60) for x in (0, 50, 100, 154)] + [h(y, 0, 150) for y in (0, 20, 40, 60)]
    assert {(c[0], c[2]) for c in cells_of(edges)} == {(0, 50), (50, 100), (100, 154)}
    assert len(cells_of(edges)) == 9


def test_rules_running_a_little_past_the_frame_need_nothing():
    edges = [v(x, 0, 60) for x in (0, 50, 100, 150)] + [h(y, -5, 155) for y in (0, 20, 40, 60)]
    assert closings(edges) == []


def test_sides_stopping_at_different_places_are_no_frame():
    # the left border runs on below the table (a rule of something else): nothing to close
    edges = [v(0, 0, 140)] + [v(x, 0, 60) for x in (50, 100, 150)] + [h(y, 0, 150) for y in (0, 20, 40, 60)]
    assert closings(edges) == []


def test_stacked_tables_of_one_width_stay_apart():
    top = [v(x, 0, 40) for x in (0, 50, 100)] + [h(y, 0, 100) for y in (0, 20, 40)]
    below = [v(x, 50, 90) for x in (0, 50, 100)] + [h(y, 0, 100) for y in (50, 70, 90)]
    assert closings(top + below) == []
    assert len(edges_to_tables(top + below, GridSettings())) == 2


@pytest.mark.parametrize("folder", SAMPLE_FOLDERS, ids=lambda p: p.name[:3])
def test_libreoffice_tables_are_closed(folder):
    """Word and LibreOffice draw every table's frame: the closing rules add nothing there."""
    pdf_path = folder / f"{folder.name}.pdf"
    settings = PdfSettings().pdfplumber_table_settings()
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            finder = page.debug_tablefinder(settings)
            assert closing_edges(finder.edges, [t.bbox for t in finder.tables], PdfSettings().snap_tolerance) == []
            page.close()


def char(text, x0, top, size=9.0):
    return {"text": text, "x0": x0, "x1": x0 + 0.5 * size, "top": top, "bottom": top + size, "size": size,
            "fontname": "F"}


def word(text, x0, top, size=9.0):
    return [char(t, x0 + i * 0.5 * size, top, size) for i, t in enumerate(text)]


def test_text_drawn_across_the_bottom_rule_goes_on_in_the_cell_above():
    # Chromium paints the rest of a merged cell cut by the page break over and under the rule,
    # line after line at the cell's own pitch (a gap of 2 pt here)
    rects = [(0, 0, 100, 40), (100, 0, 200, 40)]
    chars = (word("First one", 5, 12) + word("Inside it", 5, 23) + word("Across it", 5, 34)  # 34-43 crosses 40
             + word("After it", 5, 45) + word("other", 105, 5) + word("Paragraph", 5, 70))
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    cell = next(c for c in page.pieces[0].cells if c.col == 0)
    assert cell.text.split("\n") == ["First one", "Inside it", "Across it", "After it"]
    assert [ln.text for ln in page.lines] == ["Paragraph"]


def test_text_starting_right_at_the_bottom_rule_at_the_cells_pitch_goes_on_in_it():
    rects = [(0, 0, 100, 40), (100, 0, 200, 40)]
    chars = word("First one", 5, 18.2) + word("Inside it", 5, 29.2) + word("Below it", 5, 40.2)  # 0.2 under the rule
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert page.pieces[0].cells[0].text.split("\n") == ["First one", "Inside it", "Below it"]


def test_a_paragraph_under_a_table_stays_a_paragraph():
    rects = [(0, 0, 100, 40), (100, 0, 200, 40)]
    # the cell's lines 2 pt apart; the paragraph starts 4.5 pt under the last one, past the rule
    chars = word("First one", 5, 17) + word("Inside it", 5, 28) + word("Nota bene", 5, 41.5) + word("Text", 5, 52.5)
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert page.pieces[0].cells[0].text.split("\n") == ["First one", "Inside it"]
    assert [ln.text for ln in page.lines] == ["Nota bene", "Text"]


def test_a_page_number_on_the_rule_is_not_run_on_text():
    # a table filling its page to the footer: the page number touches the bottom rule
    rects = [(0, 0, 100, 40), (100, 0, 200, 40)]
    chars = word("First one", 5, 10) + word("Inside it", 5, 21) + word("3", 140, 39.6) + word("4", 40, 39.6)
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert [c.text for c in page.pieces[0].cells] == ["First one\nInside it", ""]
    assert [ln.text for ln in page.lines] == ["4 3"]


def test_a_thick_frame_is_its_own_tables_and_joins_no_table_below():
    # two tables one under the other, 50 pt apart, each in a thick frame: the frame's outer
    # edges stand 0.7 pt outside the cells (beyond a 0.5 pt tolerance), the frames' horizontal
    # rules run as far as each other.  Neither table may take the other's frame for its own and
    # be closed onto it across the gap (a hand-edited Word report's heading and plan tables).
    tol, out = 0.5, 0.7
    edges, boxes = [], []
    for top, bottom in ((0, 100), (150, 250)):
        edges += [h(top, -out, 150 + out), h(bottom, -out, 150 + out),  # the frame, as LibreOffice draws it
                  v(0, top - out, bottom + out), v(150, top - out, bottom + out)]
        edges += [v(50, top + 1, bottom - 1)] + [h(y, 1, 149) for y in (top + 1, top + 20, bottom - 1)]
        boxes.append((0, top, 150, bottom))
    added = closing_edges(edges, boxes, tol)
    assert not [e for e in added if e["orientation"] == "v" and e["top"] < 100 < 150 < e["bottom"]]
    assert all(e["bottom"] <= 100 + 2 or e["top"] >= 150 - 2 for e in added)


def test_text_drawn_across_a_rule_inside_the_table_goes_on_in_the_cell_above():
    # 7563: the rest of a merged cell continued on a new page overflows its row, its last line
    # drawn over the rule and into the next row's cell, over that cell's own first line
    rects = [(0, 0, 100, 40), (0, 40, 100, 80)]
    chars = (word("First one", 5, 7.5) + word("Inside it", 5, 18) + word("Going on", 5, 28.5)
             + word("Across it", 5, 39) + word("Next cell", 5, 43.5))  # 39-48 crosses 40, 1.5 pt on
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert [c.text.split("\n") for c in page.pieces[0].cells] == [["First one", "Inside it", "Going on", "Across it"],
                                                                   ["Next cell"]]


def test_a_line_reaching_over_a_rule_inside_the_table_is_the_next_cells():
    # 7511: LibreOffice draws a font box taller than the line, its top 0.5 pt over the rule above
    # it, at the pitch of the cell above when the cells have no padding; it is drawn over no line
    rects = [(0, 0, 100, 40), (0, 40, 100, 80)]
    chars = (word("First one", 5, 7.5) + word("Inside it", 5, 18) + word("Going on", 5, 28.5)
             + word("Next cell", 5, 39.5) + word("goes on", 5, 50))
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert [c.text.split("\n") for c in page.pieces[0].cells] == [["First one", "Inside it", "Going on"],
                                                                   ["Next cell", "goes on"]]


def test_a_one_line_cell_goes_on_under_the_bottom_rule_at_the_tables_pitch():
    # 7588: a merged cell's one line at the page's foot, the next drawn across the table's bottom
    # rule 1.5 pt on, the pitch of the cell beside it
    rects = [(0, 0, 100, 20), (100, 0, 200, 20)]
    chars = word("First one", 5, 8) + word("Across it", 5, 18.5) + word("Two", 105, 0.3) + word("lines", 105, 10.8)
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert page.pieces[0].cells[0].text.split("\n") == ["First one", "Across it"]


def test_a_row_lower_than_its_line_goes_on_under_the_bottom_rule_at_the_tables_pitch():
    # 7753: the rest of a merged cell at the next page's head, under the repeated header, in a
    # row Chromium made lower than the line it holds; the line after it under the table
    rects = [(0, 0, 100, 22), (100, 0, 200, 22), (0, 22, 100, 28.8), (100, 22, 200, 28.8)]
    chars = (word("Header", 5, 1) + word("Two", 105, 1) + word("lines", 105, 11.5)
             + word("Taller row", 5, 21.9) + word("Below it", 5, 32.4))
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert [c.text for c in page.pieces[0].cells if c.col == 0] == ["Header", "Taller row\nBelow it"]


def test_a_paragraph_under_a_one_line_cell_stays_a_paragraph():
    # 3.5 pt under the cell's one line, the table's lines 1.5 pt apart: a paragraph after the table
    rects = [(0, 0, 100, 22), (100, 0, 200, 22)]
    chars = word("First one", 5, 10) + word("Nota bene", 5, 22.5) + word("Two", 105, 1) + word("lines", 105, 11.5)
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert page.pieces[0].cells[0].text == "First one"
    assert [ln.text for ln in page.lines] == ["Nota bene"]


def test_a_rows_first_line_under_a_spanning_heading_stays_in_its_row():
    # 7571: a heading row spanning the table; the next row's first cell reaches 0.35 pt over the
    # rule (LibreOffice's font box), and that row's other cells, set in the middle, stand beside
    # its first line, lower: they are painted over nothing of it, and the line stays in its row
    rects = [(0, 0, 200, 20), (0, 20, 100, 50), (100, 20, 200, 50)]
    chars = (word("Heading", 5, 9) + word("First line", 5, 19.65) + word("Beside", 105, 25)
             + word("second", 5, 30.5))
    page = build_page(1, 600, 800, chars, [rects], "pdfplumber")
    assert [c.text.split("\n") for c in page.pieces[0].cells] == [["Heading"], ["First line", "second"], ["Beside"]]
