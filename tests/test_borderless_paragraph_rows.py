"""A line of a table's rows is no header: a row set in the middle of its cells (its one-line
cells level with a middle line of the taller cells beside them) reads like a row of labels
(``și serviciilor sociale în | Trim I-IV | DAS | Buget local | realizat 2023``), but two of its
pieces are lines inside paragraphs that go on above and below them.  Held-out rendering 11032
(borderless, a header alone at a page's foot, its rows on the next page) lost 15 of its 17 rows
to such a line read as a services table's header."""

from __future__ import annotations

from planuri.extract.borderless.header import Header
from planuri.extract.borderless.page_labels import inside_paragraphs
from planuri.extract.borderless.segments import Block, Segment
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.pdf.text import line_from_chars

SIZE = 10.0
PITCH = 11.5  # a paragraph's line step: 1.5 pt between lines of 10 pt


def _segment(text: str, x: float, top: float) -> Segment:
    chars = [{"text": ch, "x0": x + k * SIZE * 0.5, "x1": x + (k + 1) * SIZE * 0.5, "top": top,
              "bottom": top + SIZE, "size": SIZE, "fontname": "Arial"} for k, ch in enumerate(text)]
    return Segment(line_from_chars(chars), tuple(chars))


def _header(*leaves: Segment, fields=None) -> Header:
    blocks = [Block([s], field=(fields or [None] * len(leaves))[i]) for i, s in enumerate(leaves)]
    return Header(top=min(s.top for s in leaves), bottom=max(s.bottom for s in leaves), leaves=blocks)


def test_a_row_set_in_the_middle_of_taller_cells_is_inside_their_paragraphs():
    measure = [_segment(t, 50, 100 + k * PITCH) for k, t in enumerate(
        ["Prezentarea și", "descrierea beneficiilor", "și serviciilor sociale în", "cadrul campaniilor din", "școli."])]
    deadline = _segment("Trim I-IV", 200, 100 + 2 * PITCH)
    responsible = _segment("DAS", 280, 100 + 2 * PITCH)
    result = [_segment(t, 350, 100 + (k + 1) * PITCH) for k, t in enumerate(["2021 realizat 2022", "realizat 2023", "realizat"])]
    segments = [*measure, deadline, responsible, *result]
    row = _header(measure[2], deadline, responsible, result[1], fields=["service_name", None, "target_group", None])
    assert inside_paragraphs(row, segments, BorderlessSettings())


def test_a_header_under_a_title_and_over_its_rows_is_not():
    title = _segment("Planul de acțiuni pentru anul 2024", 40, 70)
    labels = [_segment("Măsura", 50, 100), _segment("Termen", 200, 100), _segment("Rezultat", 350, 100)]
    body = [_segment(t, x, 100 + SIZE + 2 * 5.4 + k * PITCH) for x in (50, 200, 350) for k, t in enumerate(["rând", "doi"])]
    assert not inside_paragraphs(_header(*labels), [title, *labels, *body], BorderlessSettings())


def test_a_header_right_under_the_rows_of_a_table_of_the_same_columns_is_not():
    """Two tables of the same columns one under the other: the first's last lines stand in the
    columns of the second's labels, two cell paddings above them, not a line step."""
    above = [_segment(t, x, 100) for x, t in ((50, "ultimul rând"), (200, "2024"), (350, "realizat"))]
    top = 100 + SIZE + 2 * 5.4
    labels = [_segment("Măsura", 50, top), _segment("Termen", 200, top), _segment("Rezultat", 350, top)]
    body = [_segment(t, x, top + SIZE + 2 * 5.4) for x, t in ((50, "primul"), (200, "2025"), (350, "nerealizat"))]
    assert not inside_paragraphs(_header(*labels), [*above, *labels, *body], BorderlessSettings())


def test_one_label_inside_a_paragraph_is_not_enough():
    """A label that happens to sit between two lines of a neighbouring paragraph (a note set
    beside the header) does not make the header a row: two labels must."""
    note = [_segment(t, 50, 100 + k * PITCH) for k, t in enumerate(["notă", "Măsura", "continuare"])]
    labels = [note[1], _segment("Termen", 200, 100 + PITCH), _segment("Rezultat", 350, 100 + PITCH)]
    assert not inside_paragraphs(_header(*labels), [*note, *labels[1:]], BorderlessSettings())


def test_the_reader_passes_such_a_line_over_and_says_so_once_a_page():
    """The borderless reader takes no header from a line inside its cells' paragraphs, and tells
    the data team once (``borderless-header-passed-over``), not at each of a page's searches nor
    when it peeks at the page ahead; the same line standing alone is a header."""
    from planuri.extract.borderless.pages import BorderlessReader
    from test_borderless_units import labels, page

    lines = [[(40, "Sprijin pentru"), (260, "Campanii de")],
             [(40, "Indicatori"), (260, "Acțiuni"), (460, "Termen")],
             [(40, "familii"), (260, "informare")]]
    reader = BorderlessReader(labels, BorderlessSettings())
    segments, _ = reader.segments(page(lines), 600, 400, ())
    assert reader.find_header(segments, report=False) is None and not reader.take_issues()
    assert reader.find_header(segments) is None and reader.find_header(segments) is None
    assert [i.code for i in reader.take_issues()] == ["borderless-header-passed-over"]
    alone, _ = reader.segments(page(lines[1:2]), 600, 400, ())
    assert reader.find_header(alone).fields == ["indicators", "action", "deadline"]
