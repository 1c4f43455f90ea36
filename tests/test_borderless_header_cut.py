"""A header row cut by the page break, its cells holding different numbers of lines: held-out
rendering 11332 (borderless, no repeated header) closed page 5 with ``Perioad`` / ``a de`` beside
one-line labels (``Indicatori de``, ``Responsabil de``) and opened page 6 with their rests
(``implem`` / ``entare``, ``monitorizare``, ``executare``).  Carried onto the next page with one
shift for all, the one-line labels stood a blank line above their rests, read as labels of
columns of their own, and the table's three rows were lost."""

from __future__ import annotations

from planuri.extract.borderless.page_labels import carried_shifts, label_boxes, label_rest, segment_lines
from planuri.extract.borderless.pages import BorderlessReader
from planuri.extract.borderless.settings import BorderlessSettings

from test_borderless_units import PITCH, page, vocabulary_labels

WIDTH, HEIGHT = 700.0, 400.0
# a paragraph, then the header's first lines at the page's foot
FIRST = page([[(40, "Planul de acțiuni al direcției pentru anul 2024, aprobat de consiliu.")], [],
              [(40, "Măsura"), (160, "Acțiuni"), (300, "Perioad"), (380, "Indicatori de"), (480, "Responsabil de")],
              [(300, "a de")]], top=HEIGHT - 4 * PITCH - 20)
REST = [[(300, "implem"), (380, "monitorizare"), (480, "executare")], [(300, "entare")]]
ROWS = [[(40, "1.1. Informarea"), (160, "Sesiuni de informare"), (300, "Trim I-IV"), (380, "nr sesiuni"), (480, "DAS")],
        [(40, "familiilor"), (160, "în școli")],
        [(40, "1.2. Sprijin"), (160, "Consiliere"), (300, "Trim II"), (380, "nr cazuri"), (480, "BPVH")]]
SECOND = page(REST + ROWS, top=40)


def read_second_page(reader: BorderlessReader):
    reader.tables(FIRST, WIDTH, HEIGHT, (), next_page=lambda: (SECOND, WIDTH, HEIGHT, ()))
    carried, moved, _ = reader.take_carry()
    assert carried and moved, "the header closing the page is carried onto the next"
    chars = [*carried, *SECOND]
    segments, _ = reader.segments(chars, WIDTH, HEIGHT, ())
    return reader.find_header(segments), reader.tables(chars, WIDTH, HEIGHT, ())


def test_each_cut_label_joins_its_rest_on_the_next_page():
    header, tables = read_second_page(BorderlessReader(vocabulary_labels(), BorderlessSettings()))
    assert [leaf.text for leaf in header.leaves] == [
        "Măsura", "Acțiuni", "Perioad a de implem entare", "Indicatori de monitorizare", "Responsabil de executare"]
    assert header.fields == ["measure", "action", "deadline", "indicators", "responsible"]
    assert len(tables) == 1 and len(tables[0]) == 5 * 3  # the header's cells and two rows of five


def test_a_label_with_no_rest_ends_with_the_band_and_none_moves_up():
    reader = BorderlessReader(vocabulary_labels(), BorderlessSettings())
    segments, _ = reader.segments(FIRST, WIDTH, HEIGHT, ())
    header = reader.find_header(segments)
    band = [s for s in segments if header.top <= s.top and s.bottom <= header.bottom + 1.0]
    boxes = label_boxes(header)
    rest_segments, _ = reader.segments(SECOND, WIDTH, HEIGHT, ())
    rest = label_rest(segment_lines(rest_segments, reader.settings), boxes, reader.settings, top=None)
    assert [[s.text for s in line] for line in rest] == [["implem", "monitorizare", "executare"], ["entare"]]
    step = 12.0
    shifts = dict(zip((s.text for s in band), carried_shifts(band, boxes, rest, 40 - step, step)))
    common = 40 - step - max(s.top for s in band)
    assert shifts["Măsura"] == shifts["Acțiuni"] == shifts["Perioad"] == shifts["a de"] == common
    # the one-line labels end one step above their rest, a line lower than the band's first line
    assert shifts["Indicatori de"] == shifts["Responsabil de"] == common + PITCH
