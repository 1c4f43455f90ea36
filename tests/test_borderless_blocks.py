"""Rows of borderless tables whose cells are set in the middle of their rows (``block_rows``):
hand-laid pages, one visual line per entry (the helpers of ``test_borderless_units``)."""

from __future__ import annotations

from test_borderless_units import read_slots

from planuri.extract.borderless.blocks import block_rows
from planuri.extract.borderless.settings import BlockSettings

def centred_rows(rows, marks_spaces: bool = True):
    _header, _columns, slots, ctx = read_slots(rows, marks_spaces)
    return slots, block_rows(slots, ctx, "center", BlockSettings()).rows


def texts(slots, row, col: int) -> str:
    return " ".join(it.segment.text.strip() for s in slots[row.first:row.last + 1] for it in s.items
                    if it.c0 <= col <= it.c1)


def merged_action(second_part: str):
    return centred_rows([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Indicatori")],
        [(40, "Baza de date funcțională "), (200, "Trim I-IV"), (300, "Nr întâlniri ")],
        [(40, "la nivelul municipiului "), (300, "realizate")],
        [(40, second_part), (200, "Trim I-IV"), (300, "1 baza de date ")],
        [(40, "a activității."), (300, "pe baza de CNP")],
    ])


def test_a_sentence_beside_two_rows_that_a_column_says_twice_is_a_cell_merged_over_both():
    """Generated seeds 5787 and 6562 (cells set in the middle): an action cell merged over two
    rows runs beside both, and the indicators of the two rows follow each other at once, which
    alone reads as one row read in two.  But ``Trim I-IV`` and ``Buget local`` stand twice, with
    white between: a cell does not say its own text twice, so the rows are two.  The action's
    sentence goes on across the place it would be cut (a small letter): it is one cell, merged
    over both rows, and the second row carries it on."""
    slots, rows = merged_action("prin întâlniri de analiza ")
    assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 3)]
    assert texts(slots, rows[0], 2) == "Nr întâlniri realizate" and texts(slots, rows[1], 2) == "1 baza de date pe baza de CNP"
    assert 0 in rows[1].continues


def test_a_paragraph_beside_two_rows_a_column_says_twice_is_cut_where_a_new_sentence_starts():
    """The same two rows, the action's text starting afresh where it would be cut (a capital):
    two cells set close, one per row."""
    slots, rows = merged_action("Crearea unei baze ")
    assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 3)]
    assert texts(slots, rows[0], 0) == "Baza de date funcțională la nivelul municipiului"
    assert texts(slots, rows[1], 0) == "Crearea unei baze a activității."
    assert 0 not in rows[1].continues


def test_a_pages_first_row_going_on_into_the_codeless_row_below_is_one_cut_rows_rest():
    """Generated seed 6857 (cells set in the middle, items led by codes): the page opens with the
    last lines of the cut row's tallest cells (``tinerilor,``, ``desfășurate``), each going on at
    once into the next line of its column, beside which the row's other cells are set in the
    middle of what is left.  No code heads either: both are the cut row's rest, one row."""
    slots, rows = centred_rows([
        [(40, "Acțiuni"), (200, "Indicatori"), (330, "Termen")],
        [(200, "tinerilor,"), (330, "desfășurate")],
        [(40, "Desfășurarea "), (200, "Inspectoratul de "), (330, "Tematica")],
        [(40, "Campaniilor de "), (200, "poliție, Direcția "), (330, "Număr de parteneri")],
        [(40, "informare"), (200, "învățământ, "), (330, "Grupul țintă")],
        [(200, "tineret și sport"), (330, "Mass-media")],
        [],
        [(40, "1.4.2 Instalarea "), (200, "Primăria"), (330, "Panou instalat")],
        [(40, "panourilor")],
        [],
        [(40, "1.4.3 Alt panou "), (200, "Primăria"), (330, "Panou instalat")],
        [(40, "informativ")],
    ])
    assert [(r.first, r.last) for r in rows] == [(0, 4), (5, 6), (7, 8)]


def test_a_cut_cells_rest_under_the_column_numbers_is_no_heading():
    """Generated seed 6637 (cells set in the middle): under the repeated header and its column
    numbers, the first column's line alone (``de joacă și sportive``) is the rest of the action
    the page break cut, not a heading; further down such a line is a heading."""
    _slots, rows = centred_rows([
        [(40, "Acțiuni"), (200, "Indicatori"), (330, "Termen")],
        [(40, "1"), (200, "2"), (330, "3")],
        [(40, "de joacă și sportive")],
        [],
        [(40, "2.1.2 Dotarea "), (200, "Număr persoane"), (330, "2025-2027")],
        [(40, "terenurilor")],
        [],
        [(40, "Obiectiv specific 2.2")],
        [],
        [(40, "2.2.1 Altă acțiune "), (200, "Număr"), (330, "2026")],
    ])
    assert [r.kind for r in rows] == ["number", "data", "data", "heading", "data"]


def test_a_code_typed_inside_a_cell_beside_a_lists_next_item_starts_no_row():
    """Generated seed 6697 (cells set in the middle): ``7.3. Mediatizarea`` closes the page,
    typed inside action 7.2's cell, beside nothing but the cost cell's next item
    (``a) 2 mii lei;`` / ``b) 2,500 lei;``), which goes on at once.  No other cell runs across
    its line, but a list's next item is its cell's as surely: the code starts no row."""
    slots, rows = centred_rows([
        [(40, "Acțiuni"), (200, "Indicatori"), (330, "Termen")],
        [(40, "7.1. Prima acțiune "), (200, "Număr"), (330, "2025")],
        [(40, "a planului")],
        [],
        [(40, "7.2. Elaborarea "), (200, "a câte: "), (330, "2025-2028")],
        [(40, "Mecanismului."), (200, "a) 2 mii lei;")],
        [(40, "7.3. Mediatizarea "), (200, "b) 2,500 lei;")],
    ])
    assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 4)]
    assert texts(slots, rows[1], 1) == "a câte: a) 2 mii lei; b) 2,500 lei;"


def test_a_headings_piece_takes_no_line_starting_right_of_its_left_edge():
    """Generated seed 6777 (cells set in the middle): a specific objective's heading fills the
    width, and the row under it follows at once.  Its deadline's ``2025-`` read as the heading's
    wrapped next line, and the heading swallowed the whole row (action 6.1.1 lost into it).  A
    heading wraps back to its left edge: a line further right is a cell's."""
    from test_borderless_units import read_slots as slots_of

    from planuri.extract.borderless.pieces import cell_pieces

    _h, _c, slots, ctx = slots_of([
        [(40, "Acțiuni"), (200, "Indicatori"), (330, "Termen")],
        [(40, "5.1.8 Dezvoltarea "), (200, "Număr"), (330, "2025")],
        [(40, "spălătoriilor")],
        [],
        [(40, "Obiectiv specific 6.1: Cel puțin 70% din publicul larg va avea acces la informații")],
        [(40, "6.1.1 Crearea unei "), (200, "Periodicitatea "), (330, "2025- ")],
        [(40, "platforme"), (200, "ședințelor"), (330, "2027")],
    ])
    heading = next(p for p in cell_pieces(slots, ctx) if p.heading)
    assert [it.segment.text.strip() for it in heading.items] == [
        "Obiectiv specific 6.1: Cel puțin 70% din publicul larg va avea acces la informații"]


def test_a_column_says_twice_only_what_it_says_whole():
    """Generated seed 6242 (a cut row set from the top): a partners cell listing ``Direcția`` /
    ``învățământ,`` … ``Direcția`` / ``sănătate,``, each line a piece of its own, beside a tall
    action.  The two ``Direcția`` are one cell's lines, not two rows' cells: a column says its
    text twice only when each side's whole text is the same (``Trim I-IV`` over ``Trim I-IV``)."""
    from types import SimpleNamespace

    from planuri.extract.borderless.blocks import said_twice
    from planuri.extract.borderless.pieces import Piece

    def piece(col: int, top: float, *lines: str) -> Piece:
        items = [SimpleNamespace(segment=SimpleNamespace(text=t)) for t in lines]
        return Piece(col, col, [], items, top, top + 10 * len(lines))

    action = piece(0, 0, "1.2.1 Organizarea", "instruirii", "continuă")
    listed = [[piece(2, 0, "Direcția"), piece(2, 12, "învățământ,")], [piece(2, 24, "Direcția"), piece(2, 36, "sănătate,")]]
    assert not said_twice(action, [0, 0, 1], listed)
    repeated = [[piece(1, 0, "Trim I-", "IV"), piece(2, 0, "Nr întâlniri")], [piece(1, 24, "Trim I-", "IV"), piece(2, 24, "1 baza")]]
    assert said_twice(action, [0, 0, 1], repeated)


def test_a_measure_with_its_status_and_no_action_is_a_row_of_its_own():
    """Generated seed 7017 (cells set in the middle, measures in merged cells): a measure with a
    status and no action (``2.2.4.`` / ``nerealizat``) stands level with its status, beside no
    other row.  The status alone in its column is no further paragraph of the row above: with the
    measure it is a row of its own.  (Here the grouping column is the specific objectives', the
    status the indicators'.)"""
    slots, rows = centred_rows([
        [(40, "Obiective specifice"), (200, "Acțiuni"), (330, "Termen"), (420, "Indicatori")],
        [(420, "Partial realizat")],
        [(40, "2.2.3. Centru "), (200, "Identificare de "), (330, "Trim I-IV"), (420, "Proiect POCU")],
        [(420, "POR in ZUM")],
        [(40, "2.2.4. Centru de zi "), (420, "nerealizat")],
        [],
        [(40, "2.2.5. Servicii "), (200, "Îngrijire la "), (330, "Trim I-IV"), (420, "360 persoane")],
        [(200, "domiciliu"), (420, "în anul 2023")],
    ])
    assert [(r.first, r.last) for r in rows] == [(0, 2), (3, 3), (4, 5)]
    assert texts(slots, rows[1], 0) == "2.2.4. Centru de zi" and texts(slots, rows[1], 3) == "nerealizat"
    assert texts(slots, rows[0], 3) == "Partial realizat Proiect POCU POR in ZUM"
