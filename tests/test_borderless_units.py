"""Units of the borderless path on characters laid out by hand: segments cut at gutters,
the header band and its columns, where rows start, merged cells, page numbers."""

from __future__ import annotations

from planuri.extract.borderless.columns import header_to_columns
from planuri.extract.borderless.header import BorderlessSettings, find_header
from planuri.extract.borderless.segments import chars_to_segments
from planuri.extract.borderless.rects import rows_to_rects
from planuri.extract.borderless.rows import RowContext, code_led_columns, slots_to_rows
from planuri.extract.borderless.slots import Item, segments_to_slots
from planuri.extract.pdf.running_lines import is_page_number
from planuri.extract.pdf.text import Line

SIZE, PITCH, CHAR = 9.0, 12.0, 4.5
LABELS = {"nr.": "code", "acțiuni": "action", "termen": "deadline", "obiective specifice": "specific_objective",
          "indicatori": "indicators"}


def labels(text: str):
    return LABELS.get(" ".join(text.lower().split()))


def line_chars(text: str, x: float, top: float) -> list[dict]:
    """The characters of one line (letters CHAR points wide, spaces half that), spaces drawn as
    Word and LibreOffice do."""
    out = []
    for ch in text:
        width = CHAR / 2 if ch == " " else CHAR
        out.append({"text": ch, "x0": x, "x1": x + width, "top": top, "bottom": top + SIZE, "size": SIZE,
                    "fontname": "Times"})
        x += width
    return out


def page(rows: list[list[tuple[float, str]]], top: float = 100.0) -> list[dict]:
    """One visual line per entry: (x, text) pieces of it."""
    chars = []
    for i, pieces in enumerate(rows):
        for x, text in pieces:
            chars += line_chars(text, x, top + i * PITCH)
    return chars


def read_slots(rows, marks_spaces: bool = True):
    """The header, columns, body slots and row context of a page of ``rows`` (``page``)."""
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, labels, settings)
    body = [s for s in segments if s.top > header.bottom]
    columns = header_to_columns(header, body, settings)
    slots = segments_to_slots(body, columns, settings)
    ctx = RowContext(columns=columns, fields=header.fields, pitch=PITCH, marks_spaces=marks_spaces, settings=settings,
                     code_led=code_led_columns(slots, header.fields, settings))
    return header, columns, slots, ctx


def layout(rows, fields=None):
    header, columns, slots, ctx = read_slots(rows)
    return header, columns, slots, slots_to_rows(slots, ctx)


HEADER = [(40, "Obiective specifice"), (200, "Nr."), (260, "Acțiuni"), (460, "Termen")]


def test_segments_are_cut_at_gutters_not_at_spaces():
    segments = chars_to_segments(page([[(40, "Crearea parteneriatelor "), (200, "1.1")]]), BorderlessSettings())
    assert [s.text for s in segments] == ["Crearea parteneriatelor ", "1.1"]


def test_header_and_columns():
    header, columns, _slots, _rows = layout([HEADER, [(40, "1. Obiectiv"), (200, "1.1"), (260, "Acțiune"),
                                                      (460, "2025")]])
    assert header.fields == ["specific_objective", "code", "action", "deadline"]
    assert len(columns) == 4 and columns.index(45) == 0 and columns.index(205) == 1 and columns.index(470) == 3


def test_a_wrapped_cell_stays_one_row_and_codes_start_rows():
    header, columns, slots, rows = layout([
        HEADER,
        [(40, "1. Primul obiectiv "), (200, "1.1"), (260, "Prima acțiune care se "), (460, "2025")],
        [(40, "al planului"), (260, "întinde pe două rânduri")],
        [(200, "1.2"), (260, "A doua acțiune"), (460, "2026")],
        [(40, "2. Al doilea"), (200, "2.1"), (260, "Acțiune"), (460, "2027")],
    ])
    assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 2), (3, 3)]
    # the objective of row 2 is the first objective's cell, merged over both rows
    assert 0 in rows[1].continues and 0 not in rows[2].continues
    rects = rows_to_rects(slots, rows, columns, header.bottom + 1)
    objective = [r for r in rects if r[0] == columns.edges[0] and r[2] == columns.edges[1]]
    assert len(objective) == 2  # one merged over rows 1-2, one for row 3


def test_rows_of_one_line_each_are_rows():
    _h, _c, _s, rows = layout([
        HEADER,
        [(40, "1. Obiectiv"), (200, "1.1"), (260, "Efectuarea anchetelor"), (460, "2025")],
        [(260, "Autosesizarea"), (460, "2025")],
    ])
    assert len(rows) == 2


def test_a_full_width_line_is_a_heading_row():
    _h, _c, _s, rows = layout([
        HEADER,
        [(40, "II. SERVICII DIN DOMENIUL SOCIAL ADRESATE COPIILOR ȘI FAMILIILOR")],
        [(40, "1. Obiectiv"), (200, "1.1"), (260, "Acțiune"), (460, "2025")],
    ])
    assert [r.kind for r in rows] == ["heading", "data"]


def test_page_numbers_by_their_shape():
    def line(text, x0, top):
        return Line(text=text, x0=x0, x1=x0 + 10 * len(text), top=top, bottom=top + 9, size=9, bold=False)
    width, height = 842.0, 595.0
    number, words = line("3", 418, 560), line("SDL din care 202", 43, 560)
    assert is_page_number(number, [number], width, height)
    assert is_page_number(line("Pagina 3 din 9", 360, 560), [], width, height)
    assert not is_page_number(words, [words], width, height)  # a cell's last line, near the bottom
    assert not is_page_number(line("3", 418, 300), [], width, height)  # mid-page
    assert is_page_number(line("Z.", 418, 560), [], width, height, ocr=True)  # a misread 4
    # a speck read as a mark far left of the number: the number's own place is centred
    speck = Line(text="> 1", x0=312, x1=420, top=551, bottom=557, size=6, bold=False, last_word=5)
    assert is_page_number(speck, [speck], width, height, ocr=True)
    assert not is_page_number(speck, [speck], width, height)
    # ... and one read far right of it (a seed 9300 office scan: "1 5" under the table)
    after = Line(text="1 5", x0=415, x1=672, top=560, bottom=569, size=9, bold=False, first_word=6, last_word=5)
    assert is_page_number(after, [after], width, height, ocr=True)
    assert not is_page_number(after, [after], width, height)


def test_a_running_header_read_a_little_differently_on_each_scanned_page_is_furniture():
    """OCR reads a running header's last ``.`` as ``:``, a speck as a quote or a ``j``, and it lies
    a point or two higher on one page, across a rounding step: the same furniture all the same."""
    from planuri.extract.pdf.running_lines import furniture_key, furniture_keys

    def line(text, top):
        return Line(text=text, x0=48, x1=300, top=top, bottom=top + 7, size=7, bold=False)
    pages = [line("Anexa nr. 1 la decizia Consiliului", 38.4), line("Anexa nr. 1 la decizia Consiliului :", 38.4),
             line('"Anexa nr. 1 la decizia Consiliului .', 37.0), line("Anexa nr. 1 la decizia Consiliului", 38.4),
             line("j Anexa nr. 1 la decizia Consiliului", 38.4), line("Anexa nr. 1 la decizia Consiliului z", 38.4)]
    keys = furniture_keys([(595.0, [ln]) for ln in pages])
    assert all(furniture_key(ln) in keys for ln in pages)
    other = line("Plan de acțiuni", 38.4)
    assert furniture_key(other) not in furniture_keys([(595.0, [ln]) for ln in pages] + [(595.0, [other])])


def test_a_body_line_run_on_under_a_label_is_no_part_of_it():
    """``Surse de finanțare`` + ``BL`` reads only as a close variant of the label the two lines
    above name as written: the header ends above ``BL``."""
    from planuri.pipeline import header_label

    segments = chars_to_segments(page([
        [(40, "Nr."), (100, "Acțiuni"), (300, "Termen"), (360, "Surse de")],
        [(360, "finanțare")],
        [(40, "1."), (100, "Prima acțiune"), (300, "2025"), (360, "BL")],
    ]), BorderlessSettings())
    header = find_header(segments, header_label, BorderlessSettings())
    assert header.fields == ["code", "action", "deadline", "funding"]
    assert header.bottom < 100 + 2 * PITCH and [b.text for b in header.leaves][-1] == "Surse de finanțare"


def test_a_word_cut_at_the_cells_edge_is_read_whole():
    from planuri.extract.borderless.cut_labels import cut_word_readings

    cut = chars_to_segments(page([[(360, "Surse de finanțar")], [(360, "e")]]), BorderlessSettings())
    assert "Surse de finanțare" in cut_word_readings(cut, BorderlessSettings())
    # a line narrower than the widest ended its word: nothing is glued
    whole = chars_to_segments(page([[(360, "Surse de")], [(360, "finanțare")]]), BorderlessSettings())
    assert cut_word_readings(whole, BorderlessSettings()) == []


def test_without_drawn_spaces_a_capital_after_a_guessed_wrap_starts_a_cell():
    """No space is drawn at a wrap (justified text): a line that looks full before a row's first
    line starting with a capital ends its cell; one starting with a small letter goes on."""
    def continued(first_word: str) -> bool:
        _header, columns, slots, ctx = read_slots([
            HEADER,
            [(40, "1. Obiectiv"), (200, "1.1"), (260, "Informarea tuturor celor care locuiesc azi"), (460, "2025")],
            [(260, "interesați din raionul și din orașul vecin")],
            [(200, "1.2"), (260, f"{first_word} sprijină"), (460, "2026")],
        ], marks_spaces=False)
        rows = slots_to_rows(slots, ctx)
        assert [(r.first, r.last) for r in rows] == [(0, 1), (2, 2)]
        return columns.index(265) in rows[1].continues

    assert not continued("Primăria")
    assert continued("primăria")


def test_a_merged_cell_covers_the_empty_rows_it_is_centred_on():
    from planuri.extract.borderless.merged import share_rows
    from planuri.extract.borderless.settings import BlockSettings

    extent = [(100.0, 124.0), (124.0, 148.0), (148.0, 172.0), (172.0, 196.0)]
    # a cell's text (130-142) centred on rows 0-2, the column empty in rows 0 and 2, row 3 another cell's
    assert share_rows([(130.0, 142.0, 1, 1)], extent, [True, False, True, False], "center", PITCH,
                      BlockSettings().place_tolerance) == [(0, 2)]
    # set at the top of its rows: the same text covers row 1 and the empty row below, not the one above
    assert share_rows([(126.0, 138.0, 1, 1)], extent, [True, False, True, False], "top", PITCH,
                      BlockSettings().place_tolerance) == [(1, 2)]


def test_a_word_in_capitals_goes_on_in_capitals():
    """``RESPONSABILĂ`` + ``generală`` is a label and the body's first line under it: a word cut in
    capitals goes on in capitals, one in small letters in small letters."""
    from planuri.extract.ro_text import goes_on_word

    assert goes_on_word("SURSA DE FINANȚA", "RE")
    assert goes_on_word("Termen de realizar", "e")
    assert not goes_on_word("SUBDIVIZIUNEA RESPONSABILĂ", "generală")
    assert not goes_on_word("Termen de", "Anual, 2023")


def test_the_dictionary_tells_two_words_from_a_cut_one():
    """Lines as full as the widest, each ending in a letter, glued back only where the dictionary
    says the piece before the break is no word or the pieces make one; a word cut over three lines
    (``IMPLE`` / ``MENTA`` / ``RE``) is glued whole although ``MENTA`` alone is a word."""
    from planuri.extract.borderless.cut_labels import cut_word_readings

    known = {"NUMĂR", "DE", "PERSOANELE", "MENTA", "IMPLEMENTARE", "PERIOADA"}.__contains__
    words = lambda word: known(word.upper())  # noqa: E731
    two = chars_to_segments(page([[(360, "Număr de persoanele")], [(360, "vârstnice din")]]), BorderlessSettings())
    assert cut_word_readings(two, BorderlessSettings()) == ["Număr de persoanelevârstnice din"]  # no dictionary
    assert cut_word_readings(two, BorderlessSettings(), words) == []
    three = chars_to_segments(page([[(360, "IMPLE")], [(360, "MENTA")], [(360, "RE")]]), BorderlessSettings())
    assert "IMPLEMENTARE" in cut_word_readings(three, BorderlessSettings(), words)
    # the word a label ends with is judged whole, its pieces glued: RESPON + SABILĂ is a word, + DAS none
    known = {"AUTORITATEA", "RESPONSABILĂ", "DAS"}.__contains__
    label = chars_to_segments(page([[(360, "AUTORI")], [(360, "TATEA")], [(360, "RESPON")], [(360, "SABILĂ")],
                                    [(360, "DAS")]]), BorderlessSettings())
    readings = cut_word_readings(label, BorderlessSettings(), known)
    assert "AUTORITATEA RESPONSABILĂ DAS" in readings and not any("SABILĂDAS" in r for r in readings)


def test_a_group_label_with_nothing_under_it_heads_its_own_column():
    """``Costul (mii lei)`` names a group of funding sources; on a page whose first row leaves its
    column empty no sub-label shows under it.  It stays a column of the header, not a label lost."""
    from planuri.pipeline import header_label

    segments = chars_to_segments(page([
        [(40, "Nr."), (100, "Acțiuni"), (300, "Costul (mii lei)"), (420, "Termen")],
        [],
        [(100, "rest of a cut row")],
        *[[(100, "its lines")] for _ in range(8)],
        [(40, "4.1"), (100, "Prima acțiune"), (300, "-"), (420, "2025")],
    ]), BorderlessSettings())
    header = find_header(segments, header_label, BorderlessSettings())
    assert header.fields == ["code", "action", "cost_group", "deadline"] and not header.groups


def cost_columns(rows):
    """The columns of a table whose header has a ``Costuri`` label."""
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, lambda text: {**LABELS, "costuri": "cost"}.get(" ".join(text.lower().split())),
                         settings)
    return header_to_columns(header, [s for s in segments if s.top > header.bottom], settings)


def test_a_gutter_is_where_the_next_column_starts_not_the_widest_blank():
    """A column holding only ``-`` under a label centred over it leaves a blank right of the
    ``-`` wider than the gutter before it: the column starts where its lines start."""
    rows = [[(40, "Nr."), (100, "Acțiuni"), (250, "Costuri"), (330, "Termen")]]
    for i in range(4):
        rows.append([(40, f"{i + 1}."), (100, "Acțiune ce se întinde"), (210, "-"), (330, "2025")])
    columns = cost_columns(rows)
    # the action text ends at 187.75, the '-' starts at 210: the cost column's, not the action's
    assert (columns.index(150), columns.index(212), columns.index(335)) == (1, 2, 3)


def test_a_labels_last_words_under_the_band_belong_to_the_header():
    """``FINANȚ`` under ``SURSE DE`` (the band read the label's first lines only) is the label's,
    set as it is (bold capitals); the rest of a cut row under a repeated header (``CRAT, etc.``,
    in the body's font) is the body's."""
    from planuri.extract.borderless.page_labels import label_boxes, label_rest, segment_lines

    def bold(chars):
        return [{**c, "fontname": "Times-Bold"} for c in chars]

    settings = BorderlessSettings()
    known = {**LABELS, "surse de": "funding", "responsabil": "responsible"}
    header_rows = [[(40, "Nr."), (100, "Acțiuni"), (300, "SURSE DE"), (400, "Responsabil")]]
    for under, font, expected in [((300, "FINANȚ"), bold, ["FINANȚ"]), ((400, "CRAT, etc."), list, [])]:
        chars = bold(page(header_rows)) + font(page([[under]], top=100 + PITCH))
        chars += page([[(40, "1."), (100, "Prima acțiune"), (300, "Buget"), (400, "DAS")]], top=100 + 3 * PITCH)
        segments = chars_to_segments(chars, settings)
        header = find_header(segments, lambda text: known.get(" ".join(text.lower().split())), settings)
        body = [s for s in segments if s.top > header.bottom]
        rest = label_rest(segment_lines(body, settings), label_boxes(header), settings, top=header.bottom)
        assert [s.text.strip() for line in rest for s in line] == expected


def test_a_line_centred_across_columns_spans_the_columns_it_is_centred_on():
    """A merged cell's line set in its middle may not reach its narrow first column: it spans the
    columns whose middle it sits on; a line starting at its first column's text edge keeps its span."""
    from planuri.extract.borderless.columns import Columns

    settings = BorderlessSettings()
    columns = Columns(edges=[0, 100, 120, 250, 400, 500], text_right=[95, 115, 245, 395, 495])
    centred = chars_to_segments(line_chars("x" * 31, 180, 100), settings)[0]  # 180..319.5, centre 250
    assert columns.span(centred, settings) == (1, 3)
    left_set = chars_to_segments(line_chars("x" * 31, 125.4, 100), settings)[0]  # at column 2's text edge
    assert columns.span(left_set, settings) == (2, 3)


def test_sub_labels_that_read_as_labels_stay_under_their_group():
    """``surse ale`` under ``Buget estimat, lei`` reads as a funding label of its own; it is a
    sub-label all the same, and the sub-labels' lines under it stay in the header."""
    from planuri.pipeline import header_label

    rows = [[(40, "Nr."), (100, "Acțiuni de"), (330, "Buget estimat, lei"), (520, "Termen de")],
            [(100, "realizare"), (300, "surse"), (370, "surse"), (440, "surse"), (520, "realizare")],
            [(300, "bugetare"), (370, "ale"), (440, "ale")],
            [(300, "locale"), (370, "donatori"), (440, "benef")],
            [(40, "1."), (100, "Prima acțiune"), (300, "100"), (520, "2025")]]
    settings = BorderlessSettings()
    header = find_header(chars_to_segments(page(rows), settings), header_label, settings)
    assert header.bottom >= 100 + 3 * PITCH + SIZE - 1
    assert [b.text for b in header.leaves[2:5]] == ["surse bugetare locale", "surse ale donatori", "surse ale benef"]
    assert header.fields[1] == "action" and header.fields[-1] == "deadline"


def test_a_line_across_a_groups_sub_columns_alone_under_it_spans_the_group():
    """``în limita resurselor`` set at the left of a cost cell merged over three funding sources
    reaches two of them; alone under the group on its line, it spans the three.  Two texts under
    the group are two sources' own."""
    from planuri.extract.borderless.columns import Columns
    from planuri.extract.borderless.segments import Segment
    from planuri.extract.borderless.slots import widen_to_groups

    settings = BorderlessSettings()
    columns = Columns(edges=[0, 100, 150, 200, 250, 300], text_right=[95, 145, 195, 245, 295])

    def slot_of(*pieces):
        return segments_to_slots([Segment(*_seg(x, text)) for x, text in pieces], columns, settings)

    def _seg(x, text):
        seg = chars_to_segments(line_chars(text, x, 100), settings)[0]
        return seg.line, seg.chars

    slots = slot_of((5, "Acțiune"), (105, "în limita resurse"))  # 105..~180: columns 1-2 of 1-3
    widen_to_groups(slots, [(1, 3)])
    assert [(it.c0, it.c1) for it in slots[0].items] == [(0, 0), (1, 3)]
    slots = slot_of((5, "Acțiune"), (105, "în limita resurse"), (205, "100"))
    widen_to_groups(slots, [(1, 3)])
    assert [(it.c0, it.c1) for it in slots[0].items] == [(0, 0), (1, 2), (3, 3)]


def test_a_gutter_crossed_all_along_is_placed_by_the_centred_label():
    """Between ``Costuri`` and ``Termen`` only a merged line runs (across both columns): nothing
    in the body bounds the gutter, so the cost cell ends as far past its centred label's centre
    as it starts before it (at 160), not one padding short of the next label (191)."""
    rows = [[(40, "Nr."), (104.25, "Costuri"), (196.5, "Termen")]]
    for i in range(2):
        rows.append([(40, f"{i + 1}."), (85.4, "în limita resurselor financiare disponibile")])
    columns = cost_columns(rows)
    assert abs(columns.edges[2] - 160) <= 1.0, columns.edges


def test_two_texts_of_a_column_on_the_last_row_share_it_without_a_crash():
    """Two texts of one column that overlap only the block's last row (a centred cell's lines
    read as two): the second has no row left to cover, it covers none (was an IndexError)."""
    from planuri.extract.borderless.merged import share_rows
    from planuri.extract.borderless.settings import BlockSettings

    extent = [(100.0, 124.0), (124.0, 148.0)]
    got = share_rows([(126.0, 132.0, 1, 1), (134.0, 140.0, 1, 1)], extent, [True, False], "center", PITCH,
                     BlockSettings().place_tolerance)
    assert got and got[0][1] == 1 and all(0 <= a <= b < len(extent) for a, b in got)


def test_a_row_of_values_that_read_as_labels_is_no_header():
    """``DAS``, ``Buget local``, ``realizat``: a report's row whose values are words of the
    vocabulary is passed over when the rows above it write the same values in the same places;
    a header under lines that do not write its labels stays a header."""
    from planuri.extract.borderless.page_labels import values_row

    vocabulary = {"das": "responsible", "buget local": "funding", "realizat": "status"}
    settings = BorderlessSettings()

    def last_line_header(rows):
        segments = chars_to_segments(page(rows), settings)
        below = max(s.top for s in segments) - 1.0
        header = find_header(segments, lambda text: vocabulary.get(" ".join(text.lower().split())), settings,
                             below=below)
        return header, [s for s in segments if s.top < below]

    values = [(200, "DAS"), (300, "Buget local"), (420, "realizat")]
    header, above = last_line_header([[(40, "1.1 Acțiune"), *values], [(40, "1.2 Acțiune"), *values], values])
    assert header is not None and header.fields == ["responsible", "funding", "status"]
    assert values_row(header, above)
    header, above = last_line_header([[(40, "Planul de acțiuni al direcției")], [(40, "pentru anii 2025-2027")],
                                      values])
    assert header is not None and not values_row(header, above)


def vocabulary_labels():
    import functools

    from planuri.pipeline import Settings, header_label

    return functools.partial(header_label, settings=Settings().normalize)


def test_a_label_read_on_into_the_first_row_stops_above_it():
    """``Buget estimat`` / ``(lei)`` with the body's first words under it (``În limitele``,
    read on by the head word ``buget``): level with them stands ``1.1.`` under ``Nr.``, a
    label that ended above, which no label reads: the labels stop above that line."""
    rows = [[(40, "Nr."), (100, "Acțiuni"), (250, "Buget estimat"), (360, "Termen")], [(250, "(lei)")],
            [(40, "1.1."), (100, "Acțiune de informare"), (250, "În limitele"), (360, "2025")],
            [(250, "bugetului")]]
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, vocabulary_labels(), settings)
    assert header is not None and header.fields == ["code", "action", "budget", "deadline"]
    assert header.leaves[2].text == "Buget estimat (lei)" and header.bottom < 100 + 2 * PITCH


def test_a_cut_rows_rest_under_a_repeated_header_is_the_bodys():
    """A row cut by the page break goes on right under the repeated header: ``online), de``
    under ``Acțiuni planificate`` is no label's, so ``organizațiile``, level with it under
    ``Instituții partenere`` (a label read by its head word), is the body's too."""
    rows = [[(40, "Cod"), (100, "Acțiuni planificate"), (300, "Instituții")], [(300, "partenere")],
            [(100, "online), de"), (300, "organizațiile")],
            [(40, "2.16."), (100, "Crearea unui sistem"), (300, "Direcția")]]
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, vocabulary_labels(), settings)
    assert header is not None and header.fields == ["code", "action", "partners"]
    assert [leaf.text for leaf in header.leaves] == ["Cod", "Acțiuni planificate", "Instituții partenere"]
    assert header.bottom < 100 + 2 * PITCH


def test_a_repeated_header_holds_no_more_label_lines_than_where_it_was_first_read():
    """Generated seed 7562: a row cut by the page break goes on right under the repeated header,
    its rest's short lines (``igienă în ajunul`` / ``economici; AO`` / ``remise.``) each under a
    label and set in the labels' font.  On that page alone they read as the labels' last lines
    (``label_rest``), and the row's rest was lost.  The document showed the header whole before,
    with nothing under its labels: a header repeats whole, so they are the body's."""
    from planuri.extract.borderless.pages import BorderlessReader

    head = [[(40, "Obiectiv specific"), (160, "Acțiuni specifice"), (330, "Colaboratori"), (430, "Termen de"),
             (520, "Indicatori")], [(430, "realizare")]]
    first = page(head + [[(40, "8. Consolidarea"), (160, f"8.{i}. Organizarea campaniilor"), (330, "DS; DSP"),
                          (430, "2025 – 2028"), (520, "Numărul campaniilor")] for i in range(1, 4)])
    second = page(head + [[(160, "igienă în ajunul"), (330, "economici; AO"), (520, "remise.")],
                          [(160, "8.5. Distribuirea produselor"), (330, "DS; DRP"), (430, "2025 – 2028"),
                           (520, "Numărul persoanelor")]])
    height = 100 + PITCH * 6
    rest_top = 100 + 2 * PITCH

    def header_bottom(reader) -> float:
        rects = reader.tables(second, 700, height, ())[0]
        return min(r[3] for r in rects)  # the header's cells come first, ending where its band does

    alone = BorderlessReader(vocabulary_labels(), BorderlessSettings())
    assert header_bottom(alone) > rest_top  # read alone, the page takes the rest for label lines
    reader = BorderlessReader(vocabulary_labels(), BorderlessSettings())
    reader.tables(first, 700, height, (), next_page=lambda: (second, 700, height, ()))
    assert header_bottom(reader) < rest_top


def test_a_header_met_again_is_cut_back_to_the_label_lines_it_held():
    """Generated seed 7562: under a repeated header, a cut row's rest ``financiare`` stands right
    under the sub-label ``Surse APL`` and reads as its next line.  The document's header held
    ``Surse APL`` alone before: the line is the body's.  A header not seen before is kept whole,
    and so is one whose labels read otherwise."""
    from planuri.extract.borderless.seen_headers import SeenHeaders

    settings = BorderlessSettings()
    head = [[(40, "Acțiuni"), (200, "Termen"), (300, "Costuri"), (440, "Indicatori")],
            [(280, "Surse APL"), (360, "Alte surse")]]
    row = [(40, "1.2. Distribuirea produselor"), (200, "2025"), (280, "în limita"), (360, "Donații"),
           (440, "Numărul persoanelor")]

    def header_of(rows):
        return find_header(chars_to_segments(page(rows), settings), vocabulary_labels(), settings)

    first, again = header_of(head + [row]), header_of(head + [[(280, "financiare")], row])
    assert [leaf.text for leaf in again.leaves][2] == "Surse APL financiare"
    seen = SeenHeaders(settings.same_header_grid)
    assert seen.trim(again) is again and seen.rest(again) is None
    seen.add(first, 0)
    cut = seen.trim(again)
    assert [leaf.text for leaf in cut.leaves] == [leaf.text for leaf in first.leaves] and cut.bottom == first.bottom
    assert seen.rest(again) == 0
    other = header_of([[(40, "Acțiuni"), (200, "Termen limită"), (300, "Costuri"), (440, "Indicatori")], *head[1:],
                       [(280, "financiare")], row])
    assert seen.trim(other) is other


def test_a_labels_own_next_line_is_no_body_line():
    """Generated seed 2288: ``ACȚIU`` under ``NR.`` reads as no label, but it is in capitals
    under a label in capitals, and its line gives ``Indicatorii de`` the vocabulary's own
    ``Indicatorii de monitorizare``: the header's line, not the body's first."""
    rows = [[(40, "NR."), (100, "Acțiuni planificate"), (250, "Indicatorii de"), (400, "Termen")],
            [(40, "ACȚIU"), (250, "monitorizare")], [(40, "NII")],
            [(40, "1.1."), (100, "Acțiune de informare"), (250, "Număr de sesiuni"), (400, "2025")]]
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, vocabulary_labels(), settings)
    assert header is not None and header.fields[1:] == ["action", "indicators", "deadline"]
    assert [leaf.text for leaf in header.leaves][2] == "Indicatorii de monitorizare"


def test_a_row_of_wrapped_values_that_read_as_labels_is_no_header():
    """Generated narrow columns: ``Buget`` / ``local`` and ``Fonduri`` / ``externe`` wrapped in
    every row's cells; the row whose ``DAS``, ``Buget local`` and ``Fonduri externe`` read as
    labels is still a row of values, its lines written line by line above it."""
    from planuri.extract.borderless.page_labels import values_row

    vocabulary = {"das": "responsible", "buget local": "funding", "fonduri externe": "funding_other"}
    settings = BorderlessSettings()
    row = [[(40, "1.1 Acțiune"), (200, "DAS"), (260, "Buget"), (340, "Fonduri")], [(260, "local"), (340, "externe")]]
    segments = chars_to_segments(page([*row, *row, [(200, "DAS"), (260, "Buget"), (340, "Fonduri")],
                                       [(260, "local"), (340, "externe")]]), settings)
    below = 100 + 3 * PITCH + 1.0
    header = find_header(segments, lambda text: vocabulary.get(" ".join(text.lower().split())), settings,
                         below=below)
    assert header is not None and header.fields == ["responsible", "funding", "funding_other"]
    assert values_row(header, [s for s in segments if s.top < below])


def test_a_code_typed_inside_a_cell_beside_cells_running_on_starts_no_row():
    """Generated seed 3387 (borderless): ``… sau mai mult.`` / ``7.3. Mediatizarea …`` inside one
    action cell, while the indicators and the deadline beside it go on mid-sentence: the code
    starts no row.  A code after which another cell starts afresh does."""
    _h, _c, _s, rows = layout([
        [(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
        [(40, "1.1. Prima acțiune a planului "), (260, "Numărul de activități "), (460, "Anual, în limita ")],
        [(40, "care se întinde."), (260, "organizate și de "), (460, "mijloacelor ")],
        [(40, "1.2. Alt text în aceeași celulă"), (260, "persoane instruite"), (460, "alocate")],
        [(40, "1.3. A doua acțiune "), (260, "Număr"), (460, "2026")],
    ])
    assert [(r.first, r.last) for r in rows] == [(0, 2), (3, 3)]


def test_a_first_column_line_under_the_column_numbers_is_a_cut_rows_rest_not_a_heading():
    """Generated seed 3537 (borderless): under a repeated header and its column numbers, a line in
    the first column alone (``infrastructurii``) is the rest of the row the break cut; a line
    like it further down is a heading typed in a narrow first cell."""
    _h, _c, _s, rows = layout([
        HEADER,
        [(40, "1"), (200, "2"), (260, "3"), (460, "4")],
        [(40, "infrastructurii")],
        [],
        [(40, "V. SERVICII SOCIALE")],
        [],
        [(40, "1. Obiectiv"), (200, "1.1"), (260, "Acțiune"), (460, "2025")],
    ])
    assert [r.kind for r in rows] == ["number", "data", "heading", "data"]


def laid_out(rows, settings: BorderlessSettings, marks_spaces: bool = False):
    """The slots of a page (whose PDF draws no wrap spaces, unless ``marks_spaces``), and their row context."""
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, labels, settings)
    body = [s for s in segments if s.top > header.bottom]
    columns = header_to_columns(header, body, settings)
    slots = segments_to_slots(body, columns, settings)
    return slots, RowContext(columns=columns, fields=header.fields, pitch=PITCH, marks_spaces=marks_spaces,
                             settings=settings)


def test_cells_saying_again_the_line_above_whole_start_a_row_where_wraps_are_guessed():
    """Generated seeds 3657, 3872 (borderless, no wrap spaces drawn): two one-line actions,
    ``Efectuarea anchetelor sociale …`` / ``Autosesizarea``, each with ``Trim I-IV`` and ``BPVH``.
    The action's line is full, so the next one reads as its wrap; but two cells saying again,
    whole, the one line their cells hold make a new row."""
    settings = BorderlessSettings()
    rows = [[(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
            [(40, "Efectuarea anchetelor sociale la domiciliul"), (260, "Trim I-IV"), (460, "BPVH")],
            [(40, "Autosesizarea"), (260, "Trim I-IV"), (460, "BPVH")]]

    def split(rows) -> list:
        slots, ctx = laid_out(rows, settings)
        return [(r.first, r.last) for r in slots_to_rows(slots, ctx)]

    assert split(rows) == [(0, 0), (1, 1)]
    # one cell alike is no evidence: the full line wraps into the next (another cell going on in
    # small letters; where every cell opens with a capital, a guessed wrap is a new row anyway)
    rows[2][2] = (460, "și DAS")
    assert split(rows) == [(0, 1)]


def test_a_column_of_justified_lines_drawing_no_wrap_spaces_is_unmarked():
    """Generated seed 3632 (borderless, justified cells): LibreOffice draws no space where it wraps
    a justified line, so a line of such a cell ending without one did not end its paragraph
    (``Organizarea`` over ``campaniilor de``): the column's wraps are guessed from the room left."""
    from planuri.extract.borderless.rows import unmarked_columns

    settings = BorderlessSettings()
    # lines of 44 letters and 4 spaces: 207 points, as wide as the column's text (justified)
    action = ["Organizarea campaniilor informarea părinților ro", "mi municipiului vederea înscrierii copiilor anului",
              "programelor educaționale timpurii primare și medii", "gimnaziale organizatorii instituțiilor școlare ale ",
              "comunitățile romilor mediatorii comunitari locali", "Sesiuni"]
    rows = [[(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
            *([(40, text)] + ([(260, "Număr"), (460, "2025")] if i == 0 else []) for i, text in enumerate(action))]

    def unmarked(rows) -> frozenset[int]:
        segments = chars_to_segments(page(rows), settings)
        header = find_header(segments, labels, settings)
        body = [s for s in segments if s.top > header.bottom]
        columns = header_to_columns(header, body, settings)
        return unmarked_columns(segments_to_slots(body, columns, settings), columns, settings)

    assert unmarked([rows[0], rows[1], rows[2], rows[3], rows[6]]) == frozenset()  # too few lines to tell
    assert unmarked([r for i, r in enumerate(rows) if i != 4]) == frozenset()  # one line draws its space
    rows[4] = [(40, "gimnaziale organizatorii instituțiilor școlare ale")]
    assert unmarked(rows) == frozenset({0})


def test_a_justified_line_goes_on_into_a_capital():
    """Generated seeds 3787, 3877 (borderless, justified cells set in the middle, no wrap spaces):
    ``3.7. Modificarea și completarea`` stretched to its column's edge goes on into ``Dispoziției
    Primarului``; a line of one or two words reaching the edge is no proof of a wrap -- but one
    ending in a word no sentence ends with (``AO „Centrul Național de`` + ``Prevenire``) is."""
    settings = BorderlessSettings()
    header = [(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")]
    segments = chars_to_segments(page([
        header,
        # stretched to the column's text edge (249.2): word spaces of 8.4 points, not 2.25
        [(40, "3.7."), (66.4, "Modificarea"), (124.3, "și"), (141.7, "completarea"), (199.6, "Dispoziției"),
         (260, "Număr"), (460, "2025")],
        [(40, "Dispoziției Primarului nr.335")],
        [(40, "Regulamentului")],
    ]), settings)
    found = find_header(segments, labels, settings)
    body = [s for s in segments if s.top > found.bottom]
    columns = header_to_columns(found, body, settings)
    slots = segments_to_slots(body, columns, settings)
    ctx = RowContext(columns=columns, fields=found.fields, pitch=PITCH, marks_spaces=False, settings=settings)
    first, second, third = (slot.items[0] for slot in slots)
    assert ctx.justified(first) and ctx.wrapped(first, second) and ctx.goes_on(first, second)
    assert not ctx.justified(second) and not ctx.goes_on(second, third)
    # (seed 3742) a last line reaching the edge at ordinary word spaces is no justified line
    plain = Item(0, 0, chars_to_segments(page([[(40, "3.7. Modificarea și completarea Dispozițiilor nr.")]]), settings)[0])
    assert abs(plain.segment.x1 - 249.2) < 1 and not ctx.justified(plain)
    # (seed 3882) the line ends in ``de``: a sentence goes on after it whatever the next word's case
    dangling = Item(0, 0, chars_to_segments(page([[(40, "Regulamentului privind asigurarea de")]]), settings)[0])
    assert ctx.wrapped(dangling, third) and ctx.goes_on(dangling, third)
    # (seed 3987) two words stretched to the edge: the one space a justified line can widen
    two = Item(0, 0, chars_to_segments(page([[(40, "completarea"), (94.5, "municipiului-Bălți-Sîngerei-Floreș")]]), settings)[0])
    assert ctx.justified(two) and ctx.goes_on(two, third)
    one = Item(0, 0, chars_to_segments(page([[(199.6, "Dispoziției")]]), settings)[0])
    assert not ctx.justified(one)
    # (seed 3522) but an item code after a stretched line starts an item of its own
    coded = Item(0, 0, chars_to_segments(page([[(40, "2.9.2. Acțiuni de informare")]]), settings)[0])
    assert not ctx.goes_on(first, coded)


def test_where_wraps_are_guessed_every_cell_opening_a_capital_starts_a_row():
    """Generated seed 4212 (borderless, no wrap spaces drawn): ``Contract de colaborare cu CJRAE
    …`` over ``Crearea unei baze …``, ``1 contract semnat …`` over ``Numărul de tineri``.  Each
    full line reads as wrapped (the next word would not have fitted); but every cell of the next
    line opens with a capital or a digit, where a guessed wrap goes on in small letters: a new
    row.  One cell going on in small letters keeps the line in the row."""
    settings = BorderlessSettings()
    rows = [[(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
            [(40, "Contract de colaborare cu CJRAE pentru cei"), (260, "1 contract semnat cu ONG și alte institu"),
             (460, "TRIM I")],
            [(40, "Crearea unei baze de date"), (260, "Numărul de tineri"), (460, "TRIM I - IV")]]

    def split(rows) -> list:
        slots, ctx = laid_out(rows, settings)
        assert ctx.wrapped(slots[0].items[0], slots[1].items[0])  # the next word would not have fitted
        return [(r.first, r.last) for r in slots_to_rows(slots, ctx)]

    assert split(rows) == [(0, 0), (1, 1)]
    rows[2][1] = (260, "numărul de tineri")
    assert split(rows) == [(0, 1)]


def test_a_full_line_ending_in_a_word_no_sentence_ends_with_goes_on_into_a_capital():
    """Generated seed 3882 (borderless, wrap spaces drawn, cells centred): ``AO „Centrul Național
    de`` fills its cell with no space drawn after it, then ``Prevenire a Abuzului``.  A full line
    into a capital is a new paragraph -- but not after ``de``: the partners' cell goes on, and
    its rest is no row of its own."""
    slots, ctx = laid_out([
        [(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
        [(40, "1.1 Prima acțiune"), (260, "Număr de activități organizate"), (460, "2025")],
        [(40, "Organizarea de activități comune cu ONG-urile, de"), (260, "Număr")],
        [(40, "Prevenire a Abuzului")],
        [(40, "Organizarea de activități comune cu ONG-uri, anul")],
        [(40, "Prevenire a Abuzului")],
    ], BorderlessSettings(), marks_spaces=True)
    de, rest, full, capital = (slot.items[0] for slot in slots[1:])
    # both fill the column (within half a font size of its text edge), no space drawn after them
    right = ctx.columns.text_right[0]
    assert right - de.segment.x1 < 4 and right - full.segment.x1 < 4
    assert ctx.wrapped(de, rest) and ctx.goes_on(de, rest)
    assert not ctx.wrapped(full, capital)


def test_a_closing_bracket_wrapped_alone_under_a_label_is_the_labels_not_a_row():
    """A narrow column wraps ``Surse de finanțare (buget`` so that its ``)`` stands alone on the
    label's last line, above the column numbers: it is the label's, the header ends under it and
    no row of ``)`` is read (generated seed 4567)."""
    rows = [[(40, "Nr."), (100, "Acțiuni"), (250, "Surse de"), (360, "Termen")],
            [(250, "finanțare")], [(250, "(buget")], [(250, ")")],
            [(40, "1"), (100, "2"), (250, "3"), (360, "4")],
            [(40, "1.1."), (100, "Acțiune de informare"), (250, "Buget local"), (360, "2025")]]
    settings = BorderlessSettings()
    segments = chars_to_segments(page(rows), settings)
    header = find_header(segments, vocabulary_labels(), settings)
    assert header is not None and header.fields[:2] == ["code", "action"] and header.fields[3] == "deadline"
    assert header.leaves[2].text.endswith(")") and 100 + 3 * PITCH < header.bottom < 100 + 4 * PITCH


def test_a_justified_line_of_a_merged_cell_cut_at_its_stretched_spaces_is_one_line():
    """Generated seed 5187 (borderless, justified cells): ``în limita resurselor financiare``,
    justified over three funding sources, has spaces so wide that each word is a segment of its
    own, one per sub-column.  Its spaces are all one width, and it runs from the first column's
    text edge to the last one's: one line across the three.  Three words of three cells, whose
    white is equal by chance, do not end at a column's edge: they stay apart.  Outside a group
    of columns nothing is joined (seed 4427: a justified line's spaces as wide as the gutter
    beside it, ``activități (cursuri,`` and the next cell's ``necesitat``)."""
    from planuri.extract.borderless.columns import Columns
    from planuri.extract.borderless.segments import Segment

    settings = BorderlessSettings()
    columns = Columns(edges=[0, 100, 160, 220, 280], text_right=[95, 155, 215, 275])

    def items(*pieces):
        segs = [Segment(s.line, s.chars) for x, text in pieces
                for s in chars_to_segments(line_chars(text, x, 100), settings)]
        return [(it.c0, it.c1, it.segment.text.strip())
                for it in segments_to_slots(segs, columns, settings, groups)[0].items]

    groups = [(1, 3)]  # the three funding sources under one cost label
    # one word in each source's column, 33 points of white between them, from column 1's text
    # edge (105.4) to column 3's (274.6, within a padding)
    line = [(105.4, "limita"), (165.4, "resurse"), (229.9, "resursele")]
    assert items((5, "Acțiune"), *line) == [(0, 0, "Acțiune"), (1, 3, "limita resurse resursele")]
    # the same white, the last word short of column 3's edge: three cells' own
    assert [c for c, _, _ in items((5, "Acțiune"), (105.4, "limita"), (165.4, "resurse"), (229.9, "bune"))] == [0, 1, 2, 3]
    # unequal white: three cells' own
    assert [c for c, _, _ in items((5, "Acțiune"), (105.4, "limita"), (168.4, "resurse"), (229.9, "resursele"))] == [0, 1, 2, 3]
    # columns of no group (an indicator's line beside a cost's): never one line, whatever the white
    groups = []
    assert [c for c, _, _ in items((5, "Acțiune"), *line)] == [0, 1, 2, 3]


def test_a_headings_wrapped_rest_takes_no_line_of_another_column():
    """Generated seed 5187: a specific objective's heading wraps, its rest (``persoanelor aflate
    în situații de risc``) under the first column only; the action row below it starts with its
    term (``2025-``) in the third column.  That line is no part of the heading: a wrapped line
    goes on under the last line of its paragraph, not under the heading's first line's width."""
    import dataclasses

    from planuri.extract.borderless.blocks import cell_pieces

    settings = BorderlessSettings()
    rows = [[(40, "Nr."), (100, "Acțiuni"), (300, "Termen"), (400, "Indicatori")],
            [(40, "Obiectiv specific 1.2: Cel puțin 70% din specialiștii din domeniu vor fi pregătiți în scopul ")],
            [(40, "persoanelor")],  # fills the first column's line: it could wrap
            [(40, "1.1"), (100, "Organizarea"), (300, "2025-"), (400, "Număr de")],
            [(100, "instruirii"), (300, "2027"), (400, "specialiști")]]
    slots, ctx = laid_out(rows, settings, marks_spaces=True)
    ctx = dataclasses.replace(ctx, code_led=frozenset({0}))
    heading = next(p for p in cell_pieces(slots, ctx) if p.heading)
    assert heading.slots == [0, 1]
    assert [(r.first, r.last, r.kind) for r in slots_to_rows(slots, ctx)] == [(0, 1, "heading"), (2, 3, "data")]


CODED = [(40, "Acțiuni"), (260, "Indicatori"), (400, "Termen")]


def code_led_layout(rows, marks_spaces: bool = True):
    _header, _columns, slots, ctx = read_slots(rows, marks_spaces)
    return slots, ctx


def test_a_codeless_line_under_an_items_line_in_its_code_column_starts_no_row():
    """Generated seed 5312 (set at the top): ``3.7. Modificarea și`` alone on its line, then
    ``completarea`` beside the row's other cells, set lower in the middle of the row.  In a
    column whose items start with codes, a line without a code under the item's line goes on
    with it: the cells beside it are that row's, they start no row of their own."""
    slots, ctx = code_led_layout([
        CODED,
        [(40, "3.6. Prima acțiune"), (260, "Număr"), (400, "2025")],
        [(40, "3.7. Modificarea și ")],
        [(40, "completarea "), (260, "Număr de acte"), (400, "2025")],
        [(40, "Dispoziției")],
        [(40, "3.8. Altă acțiune"), (260, "Număr"), (400, "2026")],
        [(40, "3.9. Ultima acțiune"), (260, "Număr"), (400, "2026")],
    ])
    assert ctx.code_led == frozenset({0})
    assert [(r.first, r.last) for r in slots_to_rows(slots, ctx)] == [(0, 0), (1, 3), (4, 4), (5, 5)]


def test_a_capital_under_an_items_line_in_its_code_column_goes_on_with_its_cell():
    """Generated seed 5287 (no space drawn at a wrap): ``Dispoziției Primarului`` under a full
    line of ``3.7. Modificarea și completarea`` starts with a capital, where a guessed wrap would
    end the cell; in a column whose items start with codes a line without a code goes on."""
    from planuri.extract.borderless.pieces import cell_pieces

    slots, ctx = code_led_layout([
        CODED,
        [(40, "3.6. Prima acțiune"), (260, "Număr"), (400, "2025")],
        [(40, "3.7. Modificarea și completarea"), (260, "Număr de acte"), (400, "2025")],
        [(40, "Dispoziției Primarului nr. 335")],
        [(40, "3.8. Altă acțiune"), (260, "Număr"), (400, "2026")],
    ], marks_spaces=False)
    actions = [[it.segment.text for it in p.items] for p in cell_pieces(slots, ctx) if p.col == 0]
    assert actions == [["3.6. Prima acțiune"], ["3.7. Modificarea și completarea", "Dispoziției Primarului nr. 335"],
                       ["3.8. Altă acțiune"]]


def test_a_paragraph_saying_the_same_twice_beside_two_close_rows_is_cut_between_them():
    """Generated seed 6252 (cells set in the middle, rows of two lines each set close):
    ``nr`` / ``beneficiari`` twice reads as one paragraph going on (a small letter after a
    wrap) and tied ``Ajutor de înmormântare`` and ``Ajutoare de urgență`` into one row, every
    other column running on across the rows' edge.  A cell does not say its own text twice:
    the paragraph is cut between the two rows."""
    from planuri.extract.borderless.blocks import pieces_to_groups
    from planuri.extract.borderless.pieces import cell_pieces
    from planuri.extract.borderless.settings import BlockSettings

    slots, ctx = code_led_layout([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Indicatori")],
        [(40, "Ajutor de "), (200, "Trim I "), (300, "nr ")],
        [(40, "înmormântare"), (200, "- IV"), (300, "beneficiari")],
        [(40, "Ajutoare de "), (200, "Trim I "), (300, "nr ")],
        [(40, "urgență"), (200, "- IV"), (300, "beneficiari")],
    ])
    pieces = cell_pieces(slots, ctx)
    assert pieces_to_groups(pieces, BlockSettings(), ctx.settings.contiguous) == 1
    rows = sorted((p.group, p.col, " / ".join(it.segment.text.strip() for it in p.items)) for p in pieces)
    assert rows == [(0, 0, "Ajutor de / înmormântare"), (0, 1, "Trim I / - IV"), (0, 2, "nr / beneficiari"),
                    (1, 0, "Ajutoare de / urgență"), (1, 1, "Trim I / - IV"), (1, 2, "nr / beneficiari")]


def test_a_merged_cells_rest_alone_in_its_column_on_the_next_page_goes_on_with_the_table():
    """Generated seed 7997: a measure merged over the last rows runs on past their other cells and
    past the page's foot; its rest, 24 lines alone in the first column, opens the next page
    (``Asistență Socială a Municipiului`` under ``… în cadrul Direcției de``).  Its lines start with
    capitals as often as not, but the column's last line above stops after a dangling word: the
    cell's rest, not a paragraph.  After a line ending its sentence, the same lines start afresh."""
    from planuri.extract.borderless.pages import BorderlessReader

    rows = [[(40, "1. Creșterea gradului"), (200, f"1.{i + 1}"), (260, f"Sesiuni de informare {i + 1}"),
             (460, "Trim I-IV")] for i in range(2)]
    rest = [[(40, "Asistență Socială a")], [(40, "Municipiului Bacău și cu")], [(40, "Obiectiv General -")],
            [(40, "Garantarea drepturilor")]]
    second = page(rest, top=40)
    height = 100 + PITCH * 6
    for last, goes_on in (("în cadrul Direcției de", True), ("în cadrul Direcției.", False)):
        first = page([HEADER, *rows, [(40, "funcționale")], [(40, last)]])
        reader = BorderlessReader(labels, BorderlessSettings())
        reader.tables(first, 600, height, (), next_page=lambda: (second, 600, height, ()))
        assert reader.open is not None
        reader.take_issues()
        assert len(reader.tables(second, 600, height, ())) == goes_on
        # joined from the words alone: a guess the data team is told of
        assert any(i.code == "borderless-row-guessed" for i in reader.take_issues()) == goes_on


def test_one_row_set_in_the_middle_alone_at_a_pages_top_goes_on_with_the_table():
    """Generated seed 8047: the only row at the next page's top, its cells set in the middle; its
    long measure runs above and below the one line that holds its short cells.  One line of the
    page's top filling most columns, each piece at its column's edge, is a whole row of the
    table, though too few lines to show rows; the same words set as a paragraph are not."""
    from planuri.extract.borderless.pages import BorderlessReader

    rows = [[(40, f"1.{i + 1}. Implicarea"), (200, f"{i + 1}"), (260, f"Sesiuni de informare {i + 1}"),
             (460, "Trim I-IV")] for i in range(2)]
    row = [[(40, "1.3. Dezvoltarea unui")], [(40, "dialog social între toți")],
           [(40, "factorii implicați"), (200, "3"), (260, "Organizarea de întâlniri"), (460, "Trim I-IV")],
           [(40, "Persoanele cu dizabilități")], [(40, "Autoritățile publice locale")]]
    prose = [[(40, "Dezvoltarea unui dialog social între toți factorii implicați")],
             [(50, "Factorii"), (215, "implicați"), (300, "în organizarea"), (440, "întâlnirilor")],
             [(40, "Persoanele cu dizabilități și autoritățile publice locale")]]
    height = 100 + PITCH * 4
    for top, goes_on in ((row, True), (prose, False)):
        first = page([HEADER, *rows])
        reader = BorderlessReader(labels, BorderlessSettings())
        reader.tables(first, 600, height, (), next_page=lambda: (page(top, top=40), 600, height, ()))
        assert reader.open is not None
        assert len(reader.tables(page(top, top=40), 600, height, ())) == goes_on


def test_an_amount_wider_than_its_narrow_cell_is_that_cells_not_a_merged_ones():
    """Generated seed 8107: ``150,000.00`` centred in a narrow funding-source column runs past both
    its edges (a figure cannot wrap) and was read as a cost merged over the three sources.  An
    amount wider than the column holding its middle is that column's; a line of words centred
    over three columns is still a merged cell's."""
    from planuri.extract.borderless.columns import Columns

    settings = BorderlessSettings()
    columns = Columns(edges=[300.0, 345.0, 395.0, 445.0, 495.0], text_right=[340.0, 390.0, 440.0, 490.0])

    def span(text: str, middle: float):
        (seg,) = chars_to_segments(line_chars(text, middle - len(text) * CHAR / 2, 100.0), settings)
        return columns.span(seg, settings)

    assert span("150,000.00", 420.0) == (2, 2)
    assert span("150000000000000,00", 420.0) == (2, 2)
    assert span("în limita resurselor", 420.0) == (1, 3)
    # placing it by its middle is a guess (a cost centred in a merged cell looks the same): said
    from planuri.extract.borderless.slots import Slot, add_to_slot, overflow_issues

    def slot_of(text: str, middle: float) -> Slot:
        slot = Slot(top=100.0, bottom=109.0)
        (seg,) = chars_to_segments(line_chars(text, middle - len(text) * CHAR / 2, 100.0), settings)
        add_to_slot(slot, seg, columns, settings)
        return slot

    slots = [slot_of("150,000.00", 420.0), slot_of("150000000000000,00", 420.0), slot_of("în limita resurselor", 420.0)]
    assert [it.overflow for s in slots for it in s.items] == [False, True, False]  # the first fits its column
    (issue,) = overflow_issues(slots)
    assert issue.code == "borderless-amount-overflow" and issue.raw == "150000000000000,00"
    assert overflow_issues([Slot(top=100.0, bottom=109.0)]) == []


def test_a_justified_merged_line_is_joined_though_the_next_cells_line_stands_as_far_off():
    """Generated seed 8282: ``în limita resurselor financiare`` justified over three funding sources,
    and the indicator's ``Număr de planuri`` beside it stands off by the same white.  The run of
    equal white then ends on a piece of several words, which is no stretched word: the run is
    cut back to the longest one stretched over the sources, and the indicator stays apart."""
    from planuri.extract.borderless.columns import Columns
    from planuri.extract.borderless.segments import Segment

    settings = BorderlessSettings()
    columns = Columns(edges=[0, 100, 160, 220, 280, 420], text_right=[95, 155, 215, 275, 415])
    groups = [(1, 3)]
    pieces = [(5, "Acțiune"), (105.4, "limita"), (165.4, "resurse"), (229.9, "resursele"),
              (303.4, "Număr de planuri")]
    segs = [Segment(s.line, s.chars) for x, text in pieces
            for s in chars_to_segments(line_chars(text, x, 100), settings)]
    got = [(it.c0, it.c1, it.segment.text.strip()) for it in segments_to_slots(segs, columns, settings, groups)[0].items]
    assert got == [(0, 0, "Acțiune"), (1, 3, "limita resurse resursele"), (4, 4, "Număr de planuri")]


def test_an_item_code_under_a_line_filled_by_chance_starts_a_row_where_wraps_are_guessed():
    """Generated seed 8647 (borderless, no wrap spaces drawn): ``Consiliului local al tinerilor``
    ends action 3.1.1 near its column's edge, so ``3.1.2 Consolidarea …`` under it looked like its
    wrapped rest, and with a cost cell going on beside it (``disponibile`` / ``în limita …``) the
    row was glued to 3.1.1.  Where a wrap is only guessed, an item code opening the line in a
    column led by codes starts a paragraph: a new row -- unless a cell beside it stops
    mid-sentence above (an item typed inside its action cell, its indicator running on, 3777)."""
    rows = [[(40, "Acțiuni"), (260, "Indicatori"), (460, "Termen")],
            [(40, "3.1.1 Consolidarea"), (260, "Consiliu consolidat"), (460, "2025-")],
            [(40, "Consiliului local al tinerilor din orașul Bălți"), (260, "Tipuri de activități realizate de tineri azi"),
             (460, "2027")],
            [(40, "3.1.2 Consolidarea bazei"), (260, "număr de cărți procurate"), (460, "2025-")],
            [(40, "metodologice"), (260, "Număr activități"), (460, "2027")]]
    _header, _columns, slots, ctx = read_slots(rows, marks_spaces=False)
    assert ctx.wrapped(slots[1].items[0], slots[2].items[0])  # "3.1.2" would not have fitted
    assert [(r.first, r.last) for r in slots_to_rows(slots, ctx)] == [(0, 1), (2, 3)]
    rows[2][1] = (260, "Tipuri de activități realizate de tineri în")  # a cell beside stops mid-sentence
    _header, _columns, slots, ctx = read_slots(rows, marks_spaces=False)
    assert [(r.first, r.last) for r in slots_to_rows(slots, ctx)] == [(0, 3)]


def test_a_label_line_over_a_heading_at_the_pages_top_is_the_headings():
    # 8962: `Obiectiv specific 1.6:` alone on its line at a page's top, its text across the table under
    # it, was read as the rest of the row the page break cut (glued to the action above)
    def kinds(top_line: str) -> list[str]:
        _h, _c, _s, rows = layout([
            [(40, "Acțiuni"), (260, "Termen"), (360, "Indicatori")],
            [(40, top_line)],
            [(40, "Cel puțin 20% de metode noi și instrumente multidisciplinare de identificare a persoanelor")],
            [(40, "1.6.10 Organizarea activităților"), (260, "2025-2027"), (360, "Număr de specialiști")],
        ])
        return [r.kind for r in rows]

    assert kinds("Obiectiv specific 1.6:") == ["heading", "heading", "data"]
    # a line at the top that ends in no colon may be a cut row's rest: it stays the row's
    assert kinds("subiecte diverse") == ["data", "heading", "data"]
