"""Quotes on a scan: a cell's closing quotes made the pair of its opening ones."""

from __future__ import annotations

import pytest

from planuri.extract.ocr.cleanup import pair_quotes


@pytest.mark.parametrize("read, meant", [
    ('IMSP „CMF"', "IMSP „CMF”"),  # the closing curl read straight
    ("IMSP „CMF'; DÎTS", "IMSP „CMF”; DÎTS"),  # ... or as an apostrophe
    ('IMSP „CMF"”; DGFE', "IMSP „CMF”; DGFE"),  # one mark read twice
    ("IMSP „CMF'”; DGFE", "IMSP „CMF”; DGFE"),
    ('copii "Ceadr-\nLunga” pentru', 'copii "Ceadr-\nLunga" pentru'),  # a straight pair, closed on the next line
    ('„A" și „B"', "„A” și „B”"),
    ("„Tinerețe fără bătrânețe „ și", "„Tinerețe fără bătrânețe „ și"),  # a low quote closing: as written
    ("„CMF” și “SOTIS”", "„CMF” și “SOTIS”"),  # pairs already right
    ('"SOTIS"', '"SOTIS"'),
    ("O'Neil", "O'Neil"),  # an apostrophe, no quote open
    ("„Asociația d'Or” ONG", "„Asociația d'Or” ONG"),  # an apostrophe inside a word of a quote
    ('„ADOMED "AO', '„ADOMED "AO'),  # after a space: an opening quote, not this one's close
    ('nr. 5 " text', 'nr. 5 " text'),  # a lone straight quote opens nothing
])
def test_closing_quotes_pair_the_opening_ones(read, meant):
    assert pair_quotes(read) == meant



def test_a_scanned_page_says_which_cells_had_their_quotes_paired():
    """Pairing is reported (``ocr-quote-paired``, info, the cells as read in ``raw``), not done silently."""
    from types import SimpleNamespace

    from planuri.extract.ocr.pages import pair_cell_quotes
    from planuri.extract.types import Cell

    piece = SimpleNamespace(cells=[Cell(0, 0, 'IMSP „CMF"', confidence=90.0), Cell(0, 1, "„CMF” ok", confidence=90.0)])
    issue = pair_cell_quotes([piece], 3)
    assert [c.text for c in piece.cells] == ["IMSP „CMF”", "„CMF” ok"]
    assert (issue.code, issue.severity, issue.page, issue.raw) == ("ocr-quote-paired", "info", 3, 'IMSP „CMF"')
    assert pair_cell_quotes([piece], 3) is None  # nothing left to pair
