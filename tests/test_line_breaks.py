"""Where a PDF line's break falls (extract/pdf/text.py): a layout engine's wrapping rules read
back from the characters: the first piece of a line that could not have been left on the line
above, and the text edges of a cell whose lines are centred."""

from __future__ import annotations

from test_borderless_units import CHAR, line_chars

from planuri.extract.pdf.text import CUT_NONE, cell_padding, cut_candidates, ends_paragraph, line_from_chars


def line(text: str, x: float = 0.0, top: float = 100.0):
    return line_from_chars(line_chars(text, x, top))


def test_no_line_breaks_after_an_opening_bracket():
    """Generated seed 7641: ``SENSIBILIZARE`` / ``( CORELAT CU OS 4.1 …``.  The ``(`` alone would
    have fitted at the end of the line above, but no line breaks after an opening mark, even at
    a space: what had to move down was ``( CORELAT``, and the heading goes on."""
    assert line("( CORELAT CU OS").first_word > line("(CORELAT CU OS").first_word > 7 * CHAR
    assert line("„ Centrul de zi").first_word > 7 * CHAR
    assert line("Corelat cu OS").first_word == 7 * CHAR
    above = line("ACȚIUNI DE SENSIBILIZARE")
    right = above.x1 + 3 * CHAR  # room for ``(`` and more, not for ``( CORELAT``
    assert not ends_paragraph(above, line("( CORELAT CU OS", top=112), right)
    assert ends_paragraph(above, line("(a) Corelat", top=112), right + 2 * CHAR)


def test_a_centred_cells_text_edges_are_the_tables():
    """Generated seed 7791: a narrow header cell, its label centred and cut inside words
    (``SUBDIVI`` / ``ZIUNEA`` / ``RESPON`` / ``SABILĂ``).  Measured from its own lines, the cell's
    text seemed no wider than ``SUBDIVI``: ``ZIUNEA`` filled it and was glued to ``RESPON``.  The
    table's cells keep one padding (most set flush left): with it, there was room for more."""
    width = 50.0

    def centred(text: str, i: int):
        return line(text, (width - len(text) * CHAR) / 2, 100 + 12 * i)

    label = [centred(t, i) for i, t in enumerate(["SUBDIVI", "ZIUNEA", "RESPON", "SABILĂ"])]
    bbox = (0.0, 95.0, width, 150.0)
    flush = [(([line("Primăria", x0 + 5.5)]), (x0, 95.0, x0 + width, 150.0)) for x0 in (50.0, 100.0)]
    padding = cell_padding([(label, bbox), *flush])
    assert padding == 5.5
    assert CUT_NONE not in cut_candidates(label, bbox, False)[:3]
    assert cut_candidates(label, bbox, False, True, padding)[:3] == (CUT_NONE,) * 3
