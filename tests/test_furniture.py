"""Running headers and footers (extract/pdf/furniture.py): a line is judged whole."""

from planuri.extract.pdf.furniture import FurnitureSettings, Run, band_lines, runs_to_boxes

HEIGHT = 595.3  # A4 landscape: the top band ends at 71.4 pt


def test_a_table_row_cut_by_the_band_edge_is_no_furniture():
    """The first line of a page holding a cut row's rest (seed 3402, borderless): its short run
    (``2023-``, no descender) lies inside the top band, the runs beside it with descenders stick
    out of it.  The line holds five runs: a table row, not a running header, whatever part of
    it the band's edge takes."""
    line = [Run(4, "informațional persoanelor", (108, 63.9, 227, 72.7)), Run(4, "persoane de etnie", (244, 63.9, 325, 72.6)),
            Run(4, "2023-", (481, 64.0, 506, 70.8)), Run(4, "generală", (526, 63.8, 566, 72.7)),
            Run(4, "nonguvernamentale", (616, 63.9, 707, 72.7))]
    assert band_lines(line, HEIGHT, FurnitureSettings()) == []


def test_a_short_line_in_the_band_is_a_candidate_and_one_below_it_is_not():
    header = Run(2, "PROIECT", (43, 39.0, 88, 46.4))
    below = Run(2, "sociale pentru persoanele", (43, 90.0, 240, 99.0))  # under the band: body text
    footer = Run(2, "Pagina 2 din 6", (380, 560.0, 460, 568.0))
    assert [r.text for r in band_lines([header, below, footer], HEIGHT, FurnitureSettings())] == ["PROIECT", "Pagina 2 din 6"]


def test_a_cells_line_repeated_by_chance_beside_another_cells_line_is_no_furniture():
    """Generated seed 5207 (borderless, Legal portrait, three pages): ``Număr de parteneri
    implicați`` stands in the bottom band at the same place on pages 1 and 2 -- two pages of
    three, enough for a running line -- but beside it ``sport, Direcția`` on one page and ``de
    poliție, Direcția`` on the other: a table row, whose line is not repeated whole.  The
    footer under it, repeated whole with its page number, is furniture."""
    height = 1008.0
    found = [Run(1, "sport, Direcția", (242, 889.5, 298, 896.5)),
             Run(1, "Număr de parteneri implicați", (475, 889.5, 547, 896.5)),
             Run(1, "Pagina 1", (280, 980.0, 320, 988.0)),
             Run(2, "de poliție, Direcția", (242, 891.1, 298, 898.1)),
             Run(2, "Număr de parteneri implicați", (475, 891.1, 547, 898.1)),
             Run(2, "Pagina 2", (280, 980.0, 320, 988.0)),
             Run(3, "Pagina 3", (280, 980.0, 320, 988.0))]
    runs = [r for page in (1, 2, 3) for r in band_lines([f for f in found if f.page == page], height, FurnitureSettings())]
    boxes = runs_to_boxes(runs, 3, FurnitureSettings())
    assert boxes == {1: [(280, 980.0, 320, 988.0)], 2: [(280, 980.0, 320, 988.0)], 3: [(280, 980.0, 320, 988.0)]}


def test_a_cells_last_word_alone_where_a_row_held_it_and_more_is_no_furniture():
    """Generated seed 6912 (borderless, four pages, no repeated header): ``familiei`` closes a
    cell at the top of page 2, beside ``pedagogice), inclusiv la``, and stands alone at the same
    place on page 3, the rest of a row the break cut.  Two pages of four are enough for a running
    line, and page 3's line repeats its every run; but page 2's line says more: a running line
    repeats whole, so ``familiei`` is the table's (it was lost, and the text it left above the
    table cut the table in two)."""
    height = 595.3
    found = [Run(1, "Planul de acțiuni – anexă", (40, 35.0, 180, 44.0)),
             Run(2, "Planul de acțiuni – anexă", (40, 35.0, 180, 44.0)),
             Run(2, "pedagogice), inclusiv la", (224, 50.0, 330, 59.0)), Run(2, "familiei", (577, 50.0, 610, 59.0)),
             Run(3, "Planul de acțiuni – anexă", (40, 35.0, 180, 44.0)), Run(3, "familiei", (577, 50.0, 610, 59.0)),
             Run(4, "Planul de acțiuni – anexă", (40, 35.0, 180, 44.0))]
    runs = [r for page in (1, 2, 3, 4) for r in band_lines([f for f in found if f.page == page], height, FurnitureSettings())]
    boxes = runs_to_boxes(runs, 4, FurnitureSettings())
    assert boxes == {page: [(40, 35.0, 180, 44.0)] for page in (1, 2, 3, 4)}


def _word(text, x0, top, x1, bottom):
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "word": True}


def test_a_scans_running_header_is_known_from_the_second_page_on_misread_and_shifted():
    """A scan's furniture is found as OCR reads the pages (extract/ocr/furniture.py): ``PROIECT``
    read on page 1 is furniture on page 2, where it stands 4 pt lower and reads ``PR0IECT``; a
    table row's line at the top of page 2 (several runs, no twin on page 1) is not, nor is page
    1's own header (no page before it)."""
    from planuri.extract.ocr.furniture import ScanFurniture

    seen = ScanFurniture()
    page1 = [_word("PROIECT", 43, 39, 88, 47), _word("Anexa", 600, 39, 640, 47), _word("nr.", 643, 39, 660, 47),
             _word("1", 663, 39, 668, 47), _word("Acțiuni", 100, 120, 150, 130)]
    assert seen.boxes(1, page1, HEIGHT) == []
    page2 = [_word("PR0IECT", 44, 43, 89, 51), _word("Anexa", 601, 43, 641, 51), _word("nr.", 644, 43, 661, 51),
             _word("2", 664, 43, 669, 51),
             _word("familiei", 100, 60, 140, 69), _word("2025", 300, 60, 325, 69), _word("Număr", 500, 60, 540, 69)]
    boxes = seen.boxes(2, page2, HEIGHT)
    assert sorted(b[0] for b in boxes) == [44, 601]  # PR0IECT and "Anexa nr. 2" (digits aside), not the row
