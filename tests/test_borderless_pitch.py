"""The line pitch of a borderless table's cells (``slots.line_pitch``), which sizes every gap
the table's end and its rows are judged by.  Held-out rendering 11255 (borderless, cells set in
the middle of their rows): a measure of many lines beside rows of one-line cells.  Each of the six
one-line columns stepped ~30 pt from row to row, counted once a column, and outvoted the measure's
~12 pt steps, which PDF coordinates scatter over 11.9, 12.0 and 12.1: with a 30 pt pitch the
domain heading two blank lines under the table (``D6. SĂNĂTATE``) was read into the last measure."""

from __future__ import annotations

import pytest

from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.borderless.slots import Item, Slot, line_pitch

from test_borderless_paragraph_rows import _segment


def _slot(top: float, columns: list[int]) -> Slot:
    return Slot(top, top + 10, [Item(c, c, _segment("text", 50 + 100 * c, top)) for c in columns])


def test_a_paragraph_beside_rows_of_one_line_cells_sets_the_pitch():
    tops = [367.4]
    for k in range(11):  # the measure's steps as the PDF gives them: 11.9, 12.0 and 12.1 in turn
        tops.append(round(tops[-1] + (11.9, 12.0, 12.1)[k % 3], 1))
    rows = {tops[2], tops[5], tops[8]}  # one-line cells beside the measure, level with one of its lines
    slots = [_slot(t, [0, *([1, 2, 3, 4, 5, 6] if t in rows else [])]) for t in tops]
    assert line_pitch(slots, BorderlessSettings()) == pytest.approx(12.0, abs=0.1)


def test_the_tightest_of_two_equally_common_steps():
    slots = [_slot(t, [0]) for t in (100, 112, 124)] + [_slot(t, [1]) for t in (200, 218, 236)]
    assert line_pitch(sorted(slots, key=lambda s: s.top), BorderlessSettings()) == pytest.approx(12.0)


def test_no_two_lines_in_a_column_gives_the_default():
    settings = BorderlessSettings()
    assert line_pitch([_slot(100, [0, 1]), _slot(130, [2])], settings) == settings.default_pitch
