"""Units of the borderless path for cells set in the middle of their rows: lines half a step
apart tell the alignment, split cells sit at their top, a table's values met on earlier pages
are no header, a table ending above its page's foot goes on on the next page."""

from __future__ import annotations

from test_borderless_units import PITCH, page

from planuri.extract.borderless.blocks import decide_alignment, interleaved_lines
from planuri.extract.borderless.columns import header_to_columns
from planuri.extract.borderless.header import BorderlessSettings, find_header
from planuri.extract.borderless.segments import chars_to_segments
from planuri.extract.borderless.merged import share_rows
from planuri.extract.borderless.rows import RowContext
from planuri.extract.borderless.slots import segments_to_slots
from planuri.extract.borderless.settings import BlockSettings

LABELS = {"acțiuni": "action", "responsabili": "responsible", "termen": "deadline", "indicatori": "indicators",
          "das": "responsible", "buget local": "funding", "realizat": "status"}
HEAD = [(40, "Acțiuni"), (220, "Responsabili"), (330, "Termen"), (420, "Indicatori")]


def labels(text: str):
    return LABELS.get(" ".join(text.lower().split()))


def slots_of(chars):
    settings = BorderlessSettings()
    segments = chars_to_segments(chars, settings)
    header = find_header(segments, labels, settings)
    body = [s for s in segments if s.top > header.bottom]
    columns = header_to_columns(header, body, settings)
    slots = segments_to_slots(body, columns, settings)
    return slots, RowContext(columns=columns, fields=header.fields, pitch=PITCH, marks_spaces=True, settings=settings)


def test_lines_half_a_step_apart_show_cells_set_in_the_middle():
    """A row of a two-line action beside a three-line indicators cell, set in the middle: the
    action's lines fall half a step between the indicators'.  Set at the top, every column's
    lines share one grid: no such line."""
    head = page([HEAD])
    centred = list(head)
    top = 100.0 + 2 * PITCH
    for k, text in enumerate(["Număr de instruiri", "Număr de persoane", "Număr de module"]):
        centred += page([[(420, text)]], top=top + k * PITCH)
    for k, text in enumerate(["1.1 Organizarea instruirii", "continue a specialiștilor"]):
        centred += page([[(40, text)]], top=top + (k + 0.5) * PITCH)
    centred += page([[(220, "Primăria"), (330, "2025")]], top=top + PITCH)
    slots, ctx = slots_of(centred)
    assert interleaved_lines(slots, ctx, BlockSettings()) >= 2

    aligned = head + page([[(40, "1.1 Organizarea instruirii"), (220, "Primăria"), (330, "2025"),
                            (420, "Număr de instruiri")],
                           [(40, "continue a specialiștilor"), (420, "Număr de persoane")],
                           [(420, "Număr de module")]], top=top)
    slots, ctx = slots_of(aligned)
    assert interleaved_lines(slots, ctx, BlockSettings()) == 0

    # set at the top, one cell's paragraphs spaced apart (space after each): its lines fall off
    # the grid of the next column's, but not inside runs of single steps
    spaced = head + page([[(40, "1.1 Organizarea instruirii"), (420, "Număr de instruiri")]], top=top)
    for k, text in enumerate(["Primăria Bălți", "Direcția învățământ", "Direcția sănătate"]):
        spaced += page([[(220, text)]], top=top + k * 1.45 * PITCH)
    for k, text in enumerate(["continue a specialiștilor", "din domeniul social", "și a voluntarilor"]):
        spaced += page([[(40, text)]], top=top + (k + 1) * PITCH)
    slots, ctx = slots_of(spaced)
    assert interleaved_lines(slots, ctx, BlockSettings()) == 0


def test_interleaved_lines_outvote_the_paragraphs():
    """Paragraph votes are noisy where cells hold several paragraphs (they voted for the top on
    the first pages of a centred plan); lines half a step apart decide for the middle."""
    settings = BlockSettings()
    votes = {"top": 10, "center": 4, "bottom": 8, "lines": 20}
    assert decide_alignment({**votes, "interleaved": 0}, settings)[0] == "top"
    assert decide_alignment({**votes, "interleaved": settings.min_interleaved}, settings) == ("center", True)
    # a few lines off the grid in a long document (paragraphs spaced apart) are no evidence
    assert decide_alignment({**votes, "interleaved": settings.min_interleaved, "lines": 400}, settings)[0] == "top"


def test_a_merged_cell_split_by_the_page_break_sits_at_its_top():
    """An objective merged over four rows, the last of them the page's last: LibreOffice sets the
    split cell's text at its top (or against its first rows), not in the middle of the page's
    part.  Its text at the top of row 0 covers all four rows; a cell ending before the page's
    last row is still read at the middle of the rows it covers."""
    extent = [(100.0, 150.0), (150.0, 200.0), (200.0, 250.0), (250.0, 300.0)]
    empty = [False, True, True, True]
    tolerance = BlockSettings().place_tolerance
    assert share_rows([(102.0, 140.0, 0, 0)], extent, empty, "center", PITCH, tolerance) == [(0, 3)]
    mid_page = extent + [(300.0, 350.0)]
    covered = share_rows([(102.0, 140.0, 0, 0), (302.0, 340.0, 4, 4)], mid_page, [False, True, True, True, False],
                         "center", PITCH, tolerance)
    assert covered[0] != (0, 3)


def test_a_row_of_values_met_on_earlier_pages_is_no_header():
    """A report's only row on a page (``DAS``, ``Buget local``, ``realizat``) under its header:
    no row above it on this page writes those values, but the table's rows on earlier pages did,
    in the same places."""
    from planuri.extract.borderless.page_labels import values_row

    settings = BorderlessSettings()
    values = [(220, "DAS"), (330, "Buget local"), (460, "realizat")]
    segments = chars_to_segments(page([[(40, "Împărțirea de pliante"), *values]]), settings)
    header = find_header(segments, labels, settings)
    assert header is not None and header.fields[-3:] == ["responsible", "funding", "status"]
    assert not values_row(header, [])
    seen = {"das": [(220.0, 233.5)], "buget local": [(330.0, 375.0)], "realizat": [(460.0, 496.0)]}
    assert values_row(header, [], seen)
    elsewhere = {k: [(x0 + 200, x1 + 200) for x0, x1 in v] for k, v in seen.items()}
    assert not values_row(header, [], elsewhere)


def test_a_table_ending_above_its_pages_foot_goes_on_when_the_next_page_does():
    """A row too tall for the room left at the page's foot is moved whole to the next page: the
    table ends well above the foot with nothing after it, and the next page, repeating no header,
    goes on with rows in its columns.  They are read as the same table's rows."""
    from planuri.extract.borderless.pages import BorderlessReader

    rows = [[(40, f"1.{i + 1} Acțiunea numărul {i + 1}"), (220, "Primăria"), (330, "2025"), (420, "Număr")]
            for i in range(3)]
    height = 100 + PITCH * 4 + 200  # 200 points of room left under the last row
    first = page([HEAD, *rows])
    second = page([[(40, f"1.{4 + i} Acțiunea numărul {4 + i}"), (220, "DAS"), (330, "2026"), (420, "Număr")]
                   for i in range(3)], top=40)
    reader = BorderlessReader(labels, BorderlessSettings())
    assert len(reader.tables(first, 600, height, (), next_page=lambda: (second, 600, height, ()))) == 1
    assert reader.open is not None
    assert len(reader.tables(second, 600, height, ())) == 1

    followed = first + page([[(40, "Întocmit: Secretarul consiliului")]], top=100 + PITCH * 6)
    reader = BorderlessReader(labels, BorderlessSettings())
    reader.tables(followed, 600, height, (), next_page=lambda: (second, 600, height, ()))
    assert reader.open is None


def test_a_cut_rows_last_line_alone_on_the_next_page_goes_on_with_the_table():
    """Generated seed 7672: the table's last row is cut by the page break, and its last line
    (``sociale, serviciilor publice), etc.`` / ``societatea civilă.``) stands alone on the
    document's last page, with no header.  One line shows no rows to align, but each of its
    pieces starts at its column's edge and goes on from above (a small letter): the row's rest,
    not a paragraph; so is one column's last word alone.  A signature line starts afresh and is
    no rest."""
    from planuri.extract.borderless.pages import BorderlessReader

    rows = [[(40, f"1.{i + 1} Acțiunea numărul {i + 1}"), (220, "Primăria"), (330, "2025"), (420, "Număr")]
            for i in range(3)]
    height = 100 + PITCH * 5
    first = page([HEAD, *rows, [(40, "și a protecției"), (420, "organizate în comun cu")]])
    for last, goes_on in (([(40, "sociale, serviciilor publice), etc."), (420, "societatea civilă.")], True),
                          ([(420, "familiei")], True),  # 7957: one column's last word alone
                          ([(40, "Secretarul consiliului"), (420, "Ion Popescu")], False),
                          ([(40, "Primar")], False)):
        second = page([last], top=40)
        reader = BorderlessReader(labels, BorderlessSettings())
        reader.tables(first, 600, height, (), next_page=lambda: (second, 600, height, ()))
        assert reader.open is not None
        assert len(reader.tables(second, 600, height, ())) == goes_on


def test_a_value_filling_its_cell_does_not_run_on_into_the_next_rows_cell():
    """``nr`` / ``autosesizari`` fills its narrow cell; the next row (its own code) opens with
    ``1 sesiune`` in that column.  A line filling its cell may end its paragraph as well as wrap:
    across a new row's first line only a drawn wrap (a space, a hyphen) or a lower-case word going
    on with the sentence continues the cell above."""
    from planuri.extract.borderless.rows import code_led_columns, slots_to_rows

    rows = [[(40, "1.1 Efectuarea anchetelor"), (220, "BPVH"), (330, "2025"), (420, "nr anchete")],
            [(40, "1.2 Autosesizarea"), (220, "BPVH"), (330, "2025"), (420, "nr ")],
            [(420, "autosesizari")],
            [(40, "1.3 Sesiuni de informare"), (220, "BPVH"), (330, "2025"), (420, "1 sesiune")]]
    slots, ctx = slots_of(page([HEAD, *rows]))
    ctx = RowContext(columns=ctx.columns, fields=ctx.fields, pitch=PITCH, marks_spaces=True, settings=ctx.settings,
                     code_led=code_led_columns(slots, ctx.fields, ctx.settings))
    found = slots_to_rows(slots, ctx)
    assert len(found) == 3 and not any(3 in r.continues for r in found)


def test_a_code_typed_inside_a_centred_cell_beside_cells_running_on_starts_no_row():
    """Generated seed 4102 (borderless, cells set in the middle): ``… sau mai mult.`` / ``7.3.
    Mediatizarea …`` typed inside one action cell, beside the indicators and the deadline going on
    across it, and nothing of its own: one row, not a row of a code and merged cells.  A cell
    starting beside the code (its own responsible body) makes it a row."""
    from planuri.extract.borderless.blocks import block_rows
    from planuri.extract.borderless.rows import code_led_columns

    def rows_of(own: bool) -> list[tuple[int, int]]:
        top = 100.0 + 2 * PITCH
        chars = page([HEAD])
        for k, text in enumerate(["1.1. Prima acțiune a planului ", "care se încheie aici.",
                                  "1.2. Alt text în aceeași celulă"]):
            chars += page([[(40, text)]], top=top + k * PITCH)
        for k, text in enumerate(["Numărul de activități ", "organizate și de ", "persoane instruite în ",
                                  "cadrul planului"]):
            chars += page([[(420, text)]], top=top + (k - 0.5) * PITCH)
        for k, text in enumerate(["Anual, în ", "limita ", "fondurilor"]):
            chars += page([[(330, text)]], top=top + (k + 1) * PITCH)
        chars += page([[(220, "Primăria")]], top=top + 0.5 * PITCH)
        if own:
            chars += page([[(220, "DAS")]], top=top + 2.5 * PITCH)
        chars += page([[(40, "1.3. A doua acțiune"), (220, "Primăria"), (330, "2026"), (420, "Număr")]],
                      top=top + 5 * PITCH)
        slots, ctx = slots_of(chars)
        ctx = RowContext(columns=ctx.columns, fields=ctx.fields, pitch=PITCH, marks_spaces=True,
                         settings=ctx.settings, code_led=code_led_columns(slots, ctx.fields, ctx.settings))
        found = block_rows(slots, ctx, "center", BlockSettings())
        return [(r.first, r.last) for r in found.rows if r.kind == "data"], found.close_calls

    rows, guessed = rows_of(own=False)
    assert len(rows) == 2 and guessed >= 1  # the 1.1 row (with 1.2 inside), the 1.3 row; a guess, said so
    rows, _ = rows_of(own=True)
    assert len(rows) == 3


def test_a_grouping_cells_text_leaves_the_rows_at_the_page_top_to_the_cell_the_break_split():
    """Generated seed 4377 (borderless, centred): at the top of a page, under the column numbers,
    the rest of a cut row and action 2.4 with nothing in the objectives column, then objective 3
    beside 3.1, going on to the page's foot.  Those empty rows are the rest of objective 2, split
    by the page break: objective 3's text, set at the top of its part, does not stretch up over
    them (it would have fitted there centred against its first rows, too)."""
    from planuri.extract.borderless.merged import continue_page_top
    from planuri.extract.borderless.rows import Row
    from planuri.extract.borderless.slots import Slot

    extent = [(91.0, 102.0), (106.0, 117.0), (120.0, 233.0), (236.0, 320.0), (323.0, 465.0), (468.0, 552.0)]
    empty = [False, True, True, False, True, True]
    tolerance = BlockSettings().place_tolerance
    block = [(236.0, 320.0, 3, 3)]
    pitch = 14.5  # the rendering's line step
    assert share_rows(block, extent, empty, "center", pitch, tolerance, open_top=True) == [(3, 5)]

    # the rows above go on from the page before, the column numbers above them aside
    slots = [Slot(top, bottom) for top, bottom in extent]
    rows = [Row(0, 0, "number"), Row(1, 1), Row(2, 2)]
    continue_page_top(slots, rows, 0)
    assert rows[2].continues == {0} and not rows[1].continues


def test_values_that_read_as_labels_between_a_rows_lines_are_no_second_header():
    """Generated seed 4372 (borderless, centred Bacău report): ``DAS``, ``Buget local``,
    ``realizat`` -- values the vocabulary knows as labels -- set half a line step between the
    two lines of the action beside them.  They are the row's cells, not the header of a second
    table cutting the first one in the middle of its row; a header's band holds its own lines."""
    from planuri.extract.borderless.pages import BorderlessReader

    top = 100.0 + 2 * PITCH
    chars = page([HEAD])
    chars += page([[(40, "1.1 Acțiuni de informare în ")], [(40, "comunitate privind violența")]], top=top)
    chars += page([[(220, "DAS"), (330, "Buget local"), (420, "realizat")]], top=top + PITCH / 2)
    chars += page([[(40, "1.2 Campanii de informare"), (220, "DAS"), (330, "Buget local"), (420, "realizat")]],
                  top=top + 3 * PITCH)
    reader = BorderlessReader(labels, BorderlessSettings())
    assert len(reader.tables(chars, 600, 800, ())) == 1
    # a later header on lines of its own, nothing running across its band, stays one
    reader = BorderlessReader(labels, BorderlessSettings())
    settings = BorderlessSettings()
    lone = page([HEAD]) + page([[(40, "1.1 Acțiuni"), (220, "Primăria"), (330, "2025"), (420, "Număr")]], top=top)
    lone += page([[(40, "Acțiuni"), (220, "Responsabili"), (330, "Termen"), (420, "Indicatori")]], top=top + 4 * PITCH)
    segments = chars_to_segments(lone, settings)
    first = find_header(segments, labels, settings)
    later = find_header(segments, labels, settings, first.bottom + 1.0)
    assert later is not None and not reader.inside_rows(later, segments)
    segments = chars_to_segments(chars, settings)
    first = find_header(segments, labels, settings)
    later = find_header(segments, labels, settings, first.bottom + 1.0)
    assert later is not None and reader.inside_rows(later, segments)


def test_a_table_whose_first_page_shows_one_line_finds_its_columns_again_on_the_next():
    """Generated seed 4542 (borderless, justified, header not repeated): the table starts at a
    page's foot with its header and one line under it, too little to show where the action
    column ends; on the next page, its lines run past that guess.  The columns are found again,
    under the same header, from the page with more lines: the action and the responsible body
    are not read as one cell across them."""
    from planuri.extract.borderless.pages import BorderlessReader

    head = [(40, "Acțiuni"), (255, "Responsabili"), (380, "Termen")]
    height = 400
    # a justified line: its last word ``de`` at the column's edge, a gutter narrower than a word
    # space from the next column's text, reads as that text's start
    first = page([head], top=300) + page([[(40, "1.1 Prima"), (228, "de"), (242, "Primăria"), (380, "2025")]],
                                         top=300 + 2 * PITCH)
    second = page([[(40, "1.2 Organizarea campaniilor de informare toți"), (242, "Primăria"), (380, "2026")],
                   [(40, "pentru părinții copiilor din comunitate"), (242, "Direcția")],
                   [(40, "1.3 Alte acțiuni"), (242, "DAS"), (380, "2027")]], top=40)
    reader = BorderlessReader(labels, BorderlessSettings())
    reader.tables(first, 600, height, (), next_page=lambda: (second, 600, height, ()))
    assert reader.open is not None and reader.open.columns.edges[1] < 231.25  # the action's longest line is on page 2
    [rects] = reader.tables(second, 600, height, ())
    first_row = sorted(r for r in rects if r[1] < 50)
    assert len(first_row) == 3 and first_row[0][2] > 231.25  # action | responsible | deadline, each its own


def test_tall_cells_further_paragraphs_under_an_items_last_line_are_that_items():
    """Generated seed 4682 (borderless, cells set in the middle, no space between rows): the
    responsible bodies' last paragraph (``Direcția cultură,``) and the indicators' last line
    (``Tematica abordată``) stand side by side under the action's last line, beside no other
    cell: not a row of their own (it would be centred on itself and leave the item's row off its
    middle) but the item's.  A row that is centred on its own stays one."""
    from planuri.extract.borderless.blocks import block_rows
    from planuri.extract.borderless.rows import code_led_columns

    def rows_of(tail: bool) -> list[tuple[int, int]]:
        top = 100.0 + 2 * PITCH
        chars = page([HEAD])
        resp = ["Primăria Bălți, ", "Direcția ", "învățământ, ", "tineret și sport, ", "Direcția sănătate,"]
        ind = ["Număr de invitații ", "la emisiuni", "Număr de instituții", "Număr de parteneri", "Număr"]
        act = ["1.1. Participarea ", "instituțiilor și ", "autorităților la ", "evenimente cu ", "invitație"]
        # with its tail the row has six lines: the four-line action on its middle four; without,
        # five lines, the five-line action on all of them
        lines = act[:3] + ["evenimente"] if tail else act
        for k in range(5):
            chars += page([[(220, resp[k]), (420, ind[k])]], top=top + k * PITCH)
        for k, text in enumerate(lines):
            chars += page([[(40, text)]], top=top + (k + tail) * PITCH)
        chars += page([[(330, "2025")]], top=top + (2.5 if tail else 2) * PITCH)
        chars += page([[(220, "Direcția cultură," if tail else "DAS"), (420, "Tematica abordată")]],
                      top=top + 5 * PITCH)
        chars += page([[(40, "1.2. Alt"), (220, "Primăria"), (330, "2026"), (420, "Număr")]], top=top + 7 * PITCH)
        slots, ctx = slots_of(chars)
        ctx = RowContext(columns=ctx.columns, fields=ctx.fields, pitch=PITCH, marks_spaces=True,
                         settings=ctx.settings, code_led=code_led_columns(slots, ctx.fields, ctx.settings))
        found = block_rows(slots, ctx, "center", BlockSettings())
        return [(r.first, r.last) for r in found.rows if r.kind == "data"]

    assert len(rows_of(tail=True)) == 2  # 1.1 with its tail, 1.2
    assert len(rows_of(tail=False)) == 3  # a codeless row centred on its own is a row


def test_a_grouping_cells_rest_at_the_page_top_covers_the_empty_rows_under_it():
    """Generated seed 8132 (borderless, centred): a measure merged over six rows, cut by the page
    break; its rest (three lines) opens the next page beside the cut row's rest, then three rows
    with nothing in the measures column.  The layout set the rest at the top of the page's part,
    not in its middle: it covers those rows.  In a column of no grouping (``open_top`` off) the
    same text, read at its middle, stays on its own row."""
    extent = [(60.0, 100.0), (104.0, 150.0), (154.0, 200.0), (204.0, 250.0), (254.0, 300.0)]
    empty = [False, True, True, True, False]
    tolerance = BlockSettings().place_tolerance
    texts = [(60.0, 96.0, 0, 0), (262.0, 292.0, 4, 4)]  # the rest; the next measure, beside its row
    assert share_rows(texts, extent, empty, "center", PITCH, tolerance, open_top=True) == [(0, 3), (4, 4)]
    assert share_rows(texts, extent, empty, "center", PITCH, tolerance)[0] == (0, 0)
