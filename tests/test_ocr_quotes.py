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
