"""A top-aligned row whose cells open after blank lines above them starts there: held-out
rendering 11240 (borderless, top-aligned) opened page 2 with the rest of a row the page break
cut (``… în dificultate.`` beside ``2022 60`` / ``familii``), then the next row, its result cell
opening ``realizat``.  That lower-case word after ``familii`` read as the cut row's result going
on, and the next row's result was glued to it (and each following row's shifted up by one)."""

from __future__ import annotations

from planuri.extract.borderless.columns import header_to_columns
from planuri.extract.borderless.header import BorderlessSettings, find_header
from planuri.extract.borderless.rows import RowContext, code_led_columns, slots_to_rows
from planuri.extract.borderless.segments import chars_to_segments
from planuri.extract.borderless.slots import segments_to_slots

from test_borderless_units import PITCH, page

LABELS = {"acțiuni": "action", "termen": "deadline", "responsabil": "responsible", "rezultat": "result"}
HEADER = [(40, "Acțiuni"), (200, "Termen"), (260, "Responsabil"), (330, "Rezultat")]


def read_rows(lines):
    settings = BorderlessSettings()
    segments = chars_to_segments(page([HEADER, *lines]), settings)
    header = find_header(segments, lambda text: LABELS.get(" ".join(text.lower().split())), settings)
    body = [s for s in segments if s.top > header.bottom]
    columns = header_to_columns(header, body, settings)
    slots = segments_to_slots(body, columns, settings)
    ctx = RowContext(columns=columns, fields=header.fields, pitch=PITCH, marks_spaces=False, settings=settings,
                     code_led=code_led_columns(slots, header.fields, settings))
    return slots_to_rows(slots, ctx)


CUT_ROW_REST = [[(40, "a serviciilor specifice"), (330, "2022 60")], [(40, "în dificultate."), (330, "familii")]]


def test_a_row_opening_beside_cells_after_blank_lines_does_not_go_on_above():
    rows = read_rows(CUT_ROW_REST + [[(40, "Integrarea copilului"), (200, "Trim I"), (260, "centre"), (330, "realizat")],
                                     [(40, "în cadrul instituției"), (330, "anual")]])
    assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 3)]
    assert 3 not in rows[1].continues  # the result ``realizat`` opens the row's own cell


def test_one_cell_resuming_after_a_blank_line_leaves_the_wrap_guess():
    """A single cell opening after a blank line is weak evidence (a paragraph break in a cell
    beside): the lower-case line going on from above beside it still continues its cell."""
    rows = read_rows([[(40, "Sesiuni de informare"), (330, "2022 60")], [(40, "periodice"), (330, "familii")],
                      [(200, "Trim I-"), (330, "realizate")]])
    assert any(3 in r.continues for r in rows[1:]) or len(rows) == 1
