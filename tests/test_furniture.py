"""Running headers and footers (extract/pdf/furniture.py): a line is judged whole."""

from planuri.extract.pdf.furniture import FurnitureSettings, Run, band_lines

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
    assert band_lines([header, below, footer], HEIGHT, FurnitureSettings()) == [header, footer]
