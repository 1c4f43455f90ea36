"""A repeated header drawn shorter on later pages, its labels' last lines clipped: held-out
renderings 11522 and 11553 (borderless, LibreOffice) showed ``Termen`` / ``de`` / ``impleme`` /
``ntare`` on the first page and, from the second on, a header row one line shorter (``ntare``
hidden by the row's clip).  ``Termen de impleme`` reads as no label but by its first word, so the
label was cut to ``Termen``, the band to its first line, and the costs' sub-labels (``Surse APL``,
``Alte surse``) fell out of the header: the two cost columns were read as one, their labels in
the amounts.  A block whose first lines, two or more, are a label's first lines as the document
showed it before reads as that label (``header.seen_prefix``), and the header is the one seen."""

from __future__ import annotations

from planuri.extract.borderless.header import seen_prefix
from planuri.extract.borderless.pages import BorderlessReader
from planuri.extract.borderless.segments import Block
from planuri.extract.borderless.settings import BorderlessSettings

from test_borderless_paragraph_rows import _segment
from test_borderless_units import page, vocabulary_labels

WIDTH, HEIGHT = 700.0, 400.0
LABELS = [[(40, "Acțiuni"), (300, "Termen"), (380, "Indicatori")], [(300, "de")], [(300, "impleme")], [(300, "ntare")]]
ROWS = [[(40, "1.1. Informarea familiilor"), (300, "2024"), (380, "Numărul de sesiuni")],
        [(40, "1.2. Consilierea"), (300, "2025"), (380, "Numărul de cazuri")]]


def header_texts(reader: BorderlessReader, lines) -> list[str]:
    segments, _ = reader.segments(page(lines, top=40), WIDTH, HEIGHT, ())
    return [leaf.text for leaf in reader.find_header(segments).leaves]


def test_a_repeated_header_with_its_last_label_line_clipped_reads_as_the_header_seen():
    reader = BorderlessReader(vocabulary_labels(), BorderlessSettings())
    reader.tables(page(LABELS + ROWS, top=40), WIDTH, HEIGHT, ())  # the first page: the whole header
    clipped = LABELS[:3] + ROWS
    assert header_texts(reader, clipped) == ["Acțiuni", "Termen de impleme", "Indicatori"]
    # read alone (no header seen before), the same page takes the label's first line only
    assert header_texts(BorderlessReader(vocabulary_labels(), BorderlessSettings()), clipped)[1] == "Termen"


def test_only_a_label_s_first_lines_two_or_more_and_not_all_read_so():
    seen = {"Termen": ((("Termen", "de", "impleme", "ntare"), "deadline"),)}
    settings = BorderlessSettings()

    def prefix(*lines):
        return seen_prefix(Block([_segment(t, 300, 40 + 12 * k) for k, t in enumerate(lines)]), seen,
                           lambda seg: True, settings)

    assert prefix("Termen", "de", "impleme", "2024") == (3, "deadline")
    assert prefix("Termen", "de") == (2, "deadline")
    assert prefix("Termen", "2024") == (0, None)  # one line: the vocabulary's to read
    assert prefix("Termen", "de", "impleme", "ntare") == (0, None)  # the whole label: read as it stands
    assert prefix("Termenul", "de") == (0, None)
