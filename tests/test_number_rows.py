"""One rule for a column-number row (``1 2 3 … n``), shared by the page stitcher and the header reader."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from planuri.extract.stitch import rows as stitch
from planuri.extract.ro_text import is_number_row
from planuri.normalize import header, rows


def cells(*texts: str) -> list:
    return [SimpleNamespace(text=t) for t in texts]


@pytest.mark.parametrize("texts,expected", [
    (("1", "2", "3", "4"), True),
    (("1.", "2.", "3."), True),
    (("", "1", "", "2", "3"), True),  # empty cells of merged columns are skipped
    (("9", "10", "11", "12"), True),  # a piece of a wider table's numbering
    (("1",), False),  # one number is a code or a count, not a numbering
    (("1", "3", "4"), False),
    (("2024", "2025", "2026"), False),  # a row of years is data
    (("100", "101"), False),  # no table has 100 columns
    (("¹", "²"), False),  # superscripts are digits to str.isdigit, not to int()
    (("1", "Acțiune"), False),
])
def test_the_rule(texts, expected):
    assert is_number_row(cells(*texts)) is expected


def test_both_stages_use_the_one_rule():
    assert stitch.is_number_row is is_number_row
    assert header.is_number_row is is_number_row and rows.is_number_row is is_number_row


def _stitch_cell(col: int, text: str):
    return stitch.PieceCell(row=0, col=col, row_span=1, col_span=1, text=text, page=2, bbox=(0, 0, 1, 1))


def test_a_row_of_years_at_a_page_top_is_not_dropped_as_a_number_row():
    """The stitcher drops the column numbering repeated at a continued page's top, never a data row."""
    years = [_stitch_cell(i, str(2024 + i)) for i in range(3)]
    numbering = [_stitch_cell(i, str(i + 1)) for i in range(3)]
    settings = stitch.StitchSettings()
    assert stitch.leading_repeats([numbering, years], [], settings) == (1, ["number-row"])
    assert stitch.leading_repeats([years], [], settings) == (0, [])
