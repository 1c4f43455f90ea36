"""Joining page pieces into logical tables (synthetic pieces: no PDF needed)."""

from conftest import layout
from planuri.extract.ruled.plumber import PageContent, PagePiece
from planuri.extract.pdf.text import Line
from planuri.extract.stitch.rows import split_row_decision
from planuri.extract.stitch.tables import stitch
from planuri.extract.types import Cell, RawTable

COL_W, ROW_H, X0 = 100.0, 20.0, 50.0


def piece(page: int, rows: list[list], top: float = 50.0, n_cols: int | None = None) -> PagePiece:
    """Rows of cell texts; a cell may be ``(text, row_span, col_span)``; None = covered slot."""
    n_cols = n_cols or max(len(r) for r in rows)
    cells = [
        Cell(row=r, col=c, text=text, row_span=rs, col_span=cs, page=page,
             bbox=(X0 + c * COL_W, top + r * ROW_H, X0 + (c + cs) * COL_W, top + (r + rs) * ROW_H))
        for r, c, text, rs, cs in layout(rows)
    ]
    return PagePiece(page=page, bbox=(X0, top, X0 + n_cols * COL_W, top + len(rows) * ROW_H),
                     col_edges=[X0 + i * COL_W for i in range(n_cols + 1)],
                     row_edges=[top + i * ROW_H for i in range(len(rows) + 1)], cells=cells, engine="test")


def page(number: int, *pieces: PagePiece, lines: list[Line] = ()) -> PageContent:
    return PageContent(number=number, width=842, height=595, pieces=list(pieces), lines=list(lines), n_chars=100)


def tables(pages) -> list[RawTable]:
    return [b for b in stitch(pages, set(), "f.pdf", "0" * 64) if isinstance(b, RawTable)]


def texts(t: RawTable) -> list[list[str]]:
    grid = t.grid()
    return [[(grid[r][c].text if grid[r][c] and grid[r][c].row == r and grid[r][c].col == c else "") for c in range(t.n_cols)]
            for r in range(t.n_rows)]


HEADER = ["Nr.", "Acțiuni", "Termen", "Responsabili"]


def test_pieces_on_consecutive_pages_join_and_repeated_header_is_dropped():
    p1 = piece(1, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"], ["1.2", "Acțiune b", "2025", "DAS"]])
    p2 = piece(2, [HEADER, ["1.3", "Acțiune c", "2026", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert texts(t) == [HEADER, ["1.1", "Acțiune a", "2025", "DAS"], ["1.2", "Acțiune b", "2025", "DAS"],
                        ["1.3", "Acțiune c", "2026", "DAS"]]
    assert t.provenance.pages == (1, 2)
    assert [n.action for n in t.notes] == ["joined", "dropped-header", "new-row-at-break"]
    assert t.notes[-1].row == 3 and "code 1.3" in t.notes[-1].reason


def test_row_cut_by_the_page_break_is_merged_cell_by_cell():
    p1 = piece(1, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"], ["1.2", "Elaborarea planurilor", "2025", "Primăria,"]])
    p2 = piece(2, [HEADER, ["", "anuale de activitate", "", "Direcția cultură"], ["1.3", "Acțiune c", "2026", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert t.n_rows == 4
    assert texts(t)[2] == ["1.2", "Elaborarea planurilor\nanuale de activitate", "2025", "Primăria,\nDirecția cultură"]
    assert t.row_pages[2] == (1, 2) and t.row_pages[3] == (2, 2)
    assert any(n.action == "merged-split-row" for n in t.notes)


def test_number_row_repeated_on_the_next_page_is_dropped():
    numbers = ["1", "2", "3", "4"]
    p1 = piece(1, [HEADER, numbers, ["1.1", "Acțiune a", "2025", "DAS"]])
    p2 = piece(2, [numbers, ["1.2", "Acțiune b", "2025", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert [r[0] for r in texts(t)] == ["Nr.", "1", "1.1", "1.2"]


def test_a_repeated_number_row_with_a_number_misread_is_dropped_whole():
    """A scan's repeated ``1 2 3 4`` with its ``1`` read ``AȘ``: the others are the numbers, so
    the short line where the 1 stands is it, not text glued to the cell under it (a merged
    objective's)."""
    numbers = ["1", "2", "3", "4"]
    p1 = piece(1, [HEADER, numbers, ["1.1", "Acțiune a", "2025", "DAS"]])
    p2 = piece(2, [HEADER, ["AȘ", "2", "3", "4"], ["1.2", "Acțiune b", "2025", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert texts(t)[2:] == [["1.1", "Acțiune a", "2025", "DAS"], ["1.2", "Acțiune b", "2025", "DAS"]]


def test_text_between_pieces_keeps_two_tables():
    p1 = piece(1, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"]], top=50)
    heading = Line("O.S.1.2 ALT OBIECTIV", 50, 300, 20, 30, 11, True)
    p2 = piece(2, [HEADER, ["1.1", "Acțiune b", "2025", "DAS"]], top=60)
    assert len(tables([page(1, p1), page(2, p2, lines=[heading])])) == 2


def test_different_columns_or_non_consecutive_pages_are_not_joined():
    p1 = piece(1, [HEADER, ["1.1", "a", "2025", "DAS"]])
    p2 = piece(2, [["x", "y", "z"], ["1", "2", "3"]])
    assert len(tables([page(1, p1), page(2, p2)])) == 2
    p3 = piece(3, [HEADER, ["1.2", "b", "2025", "DAS"]])
    assert len(tables([page(1, p1), page(3, p3)])) == 2


def test_merged_measure_column_continues_over_the_page_break():
    header = ["Măsuri", "Acțiuni", "Termene", "Serviciul"]
    p1 = piece(1, [header, [("1.1.1. Măsura lungă", 2, 1), "Acțiune a", "Trim I-IV", "DAS"],
                   [None, "Acțiune b", "Trim I-IV", "DAS"]])
    p2 = piece(2, [header, [("continuarea măsurii", 2, 1), "Acțiune c", "Trim I-IV", "DAS"],
                   [None, "Acțiune d", "Trim I-IV", "DAS"], ["1.1.2. Altă măsură", "Acțiune e", "Trim I", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    measure = t.grid()[1][0]
    assert measure.text == "1.1.1. Măsura lungă\ncontinuarea măsurii"
    assert (measure.row, measure.row_span) == (1, 4)
    assert [r[1] for r in texts(t)[1:]] == ["Acțiune a", "Acțiune b", "Acțiune c", "Acțiune d", "Acțiune e"]


def test_split_row_decision_reasons():
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell

    profile = ColumnProfile(code_led={0}, always_filled={0, 1, 2, 3}, merged=set())
    row = [PieceCell(0, 0, 1, 1, "", 2, ()), PieceCell(0, 1, 1, 1, "rest of text", 2, ())]
    assert split_row_decision(row, 4, profile)[0] is True
    row = [PieceCell(0, 0, 1, 1, "2.1.", 2, ()), PieceCell(0, 1, 1, 1, "Acțiune", 2, ())]
    assert split_row_decision(row, 4, profile) == (False, "column 1 starts with code 2.1.")
    heading = [PieceCell(0, 0, 1, 4, "Obiectiv specific 1.6:", 2, ())]
    assert split_row_decision(heading, 4, profile) == (False, "a heading row")
    # no code column: empty always-filled columns, or text that only continues sentences
    profile = ColumnProfile(code_led=set(), always_filled={1, 2, 3}, merged=set())
    row = [PieceCell(0, 1, 1, 1, "educație, protecție socială", 2, ())]
    assert split_row_decision(row, 4, profile)[0] is True
    row = [PieceCell(0, 1, 1, 1, "Acțiune nouă", 2, ()), PieceCell(0, 2, 1, 1, "Trim I", 2, ()), PieceCell(0, 3, 1, 1, "DAS", 2, ())]
    assert split_row_decision(row, 4, profile)[0] is False


def test_an_empty_merged_cell_under_the_break_goes_on_with_the_merged_cell_above():
    """A merged objective cell cut by the page break, its text set in the middle of the first
    page's part: the page's empty part of it belongs to the same objective, not to a new one."""
    from dataclasses import replace

    p1 = piece(1, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"], ["1.2", "Acțiune b", "2025", "DAS"]])
    p1 = replace(p1, cells=[replace(c, row_span=2) if (c.row, c.col) == (1, 3) else c
                            for c in p1.cells if (c.row, c.col) != (2, 3)])
    p2 = piece(2, [["1.3", "Acțiune c", "2026", ""], ["1.4", "Acțiune d", "2026", ""]])
    p2 = replace(p2, cells=[replace(c, row_span=2) if (c.row, c.col) == (0, 3) else c
                            for c in p2.cells if (c.row, c.col) != (1, 3)])
    [t] = tables([page(1, p1), page(2, p2)])
    grid = t.grid()
    assert t.n_rows == 5 and grid[4][3] is grid[1][3] and grid[1][3].text == "DAS"


def test_a_page_first_row_repeating_the_cells_above_whole_is_a_row_of_its_own():
    """Generated seed 1456: the indicator above ends in a comma (a cut sentence, on its own), but
    the new row says again ``Trim I-IV`` and ``Buget local``: the rest of a cut cell never does."""
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell

    profile = ColumnProfile(code_led=set(), always_filled={1, 2, 3, 4}, merged={0})
    above = {0: "4.1.1. Acțiuni de informare", 1: "Sesiuni de informare", 2: "Trim I-IV",
             3: "3 sesiuni de informare,", 4: "Buget local"}
    texts = ["", "Împărțirea de pliante", "Trim I-IV", "nr pliante", "Buget local"]
    row = [PieceCell(0, col, 1, 1, text, 3, ()) for col, text in enumerate(texts)]
    assert split_row_decision(row, 5, profile, above) == (False, "columns 3, 5 repeat the row above's cells whole")
    # one cell alike is not enough: the comma still says the sentence goes on
    row[4].text = "Fonduri externe"
    assert split_row_decision(row, 5, profile, above) == (True, "column 4 carries on the sentence cut above")


def test_a_heading_cut_by_the_page_break_goes_on_in_its_own_cell():
    """Generated seed 1476: ``Obiectiv specific 1.5: … sănătății`` + ``mintale comunitare`` on the
    next page, both across the table, is one heading cell -- not two cells in one row."""
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell, continues_above

    profile = ColumnProfile(code_led={0}, always_filled={0, 1, 2}, merged=set())
    heading = PieceCell(12, 0, 1, 8, "Obiectiv specific 1.5: … în domeniul sănătății", 2, ())
    tail = PieceCell(0, 0, 1, 8, "mintale comunitare", 3, ())
    assert continues_above(tail, heading, 12, True, profile, 8)
    # a body cell under a heading never goes on in it, even in a row cut by the break
    assert not continues_above(PieceCell(0, 1, 1, 1, "și altele", 3, ()), heading, 12, True, profile, 8)
    assert not continues_above(tail, heading, 12, False, profile, 8)
    # generated seed 3302 (borderless): the rest read in the first column of a row whose other
    # cells are empty (``de incluziunea socială`` under a repeated header) goes on in the heading
    assert continues_above(PieceCell(0, 0, 1, 1, "de incluziunea socială", 2, ()), heading, 12, True, profile, 8)
    assert continues_above(PieceCell(0, 3, 1, 1, "", 2, ()), heading, 12, True, profile, 8)


def test_the_rest_of_a_cut_row_with_its_action_going_on_after_the_code():
    """Generated seed 1242 (borderless): ``1.4.1 Desfășurarea`` / ``Primări`` / ``2025`` close the
    page; the next page goes on ``Campaniilor de informare`` / ``a Bălți`` / ``-`` ``2027`` /
    ``desfășurate``: no code in the code column, every other cell goes on (a range's rest too)."""
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell

    profile = ColumnProfile(code_led={0}, always_filled={0, 1, 2, 3}, merged=set())
    above = {0: "1.4.1 Desfășurarea", 1: "Primări", 2: "2025", 3: "Număr de campanii"}
    texts = ["Campaniilor de\ninformare", "a Bălți", "-\n2027", "desfășurate"]
    row = [PieceCell(0, col, 1, 1, text, 3, ()) for col, text in enumerate(texts)]
    assert split_row_decision(row, 4, profile, above) == (
        True, "no code in the code column and every other cell continues a sentence")
    # a new row without a code, its deadline a whole range: a row of its own
    row[2].text = "2025-2027"
    assert split_row_decision(row, 4, profile, above) == (False, "a row of its own")
    row[2].text = "Trim I-IV"
    assert split_row_decision(row, 4, profile, above) == (False, "a row of its own")


def test_a_list_cut_after_a_semicolon_goes_on_over_the_break():
    """Generated seed 2136 (borderless, cells set in the middle): ``DS; IMSP;`` closes the page,
    ``DGFE; DSP; DEC`` opens the next: a list cut after its separator goes on, so the row is cut."""
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell, continues_text

    assert continues_text("DS; IMSP;", "DGFE; DSP; DEC")
    assert not continues_text("DS; IMSP", "DGFE; DSP; DEC")
    profile = ColumnProfile(code_led={0}, always_filled={0, 1, 2, 3}, merged=set())
    above = {0: "3.2. Alocarea ajutorului", 1: "DS; IMSP;", 2: "Anual", 3: "a câte"}
    texts = ["", "DGFE; DSP; DEC", "către 1 ianuarie", "3,0 mii lei/copil"]
    row = [PieceCell(0, col, 1, 1, text, 2, ()) for col, text in enumerate(texts)]
    assert split_row_decision(row, 4, profile, above) == (True, "column 2 carries on the sentence cut above")


def test_a_borderless_piece_using_fewer_of_the_tables_edges_joins_it():
    """Generated seed 3542 (borderless): the last page holds one row whose cost is merged over
    the three funding sources, so its piece has two inner edges fewer than the table; each of
    its edges is one of the table's, and the row joins the table on the table's columns."""
    from dataclasses import replace

    head = ["Nr.", "Acțiuni", "Buget local", "Donatori", "Termen"]
    p1 = replace(piece(1, [head, ["1.1", "Acțiune a", "100", "-", "2025"]]), engine="borderless")
    rest = piece(2, [["1.2", "Acțiune b", ("în limita resurselor", 1, 2), "2026"]], n_cols=5)
    p2 = replace(rest, engine="borderless", col_edges=[e for i, e in enumerate(rest.col_edges) if i != 3])
    assert len(p2.col_edges) == len(p1.col_edges) - 1
    [t] = tables([page(1, p1), page(2, p2)])
    assert t.n_cols == 5 and texts(t)[2] == ["1.2", "Acțiune b", "în limita resurselor", "", "2026"]
    assert [c.col_span for c in t.cells if c.text == "în limita resurselor"] == [2]
    # edges of the piece that are none of the table's: another table
    moved = replace(p2, col_edges=[e + (30 if 0 < i < len(p2.col_edges) - 1 else 0) for i, e in enumerate(p2.col_edges)])
    assert len(tables([page(1, p1), page(2, moved)])) == 2


def test_a_body_row_alike_the_first_pages_first_row_is_no_repeated_header():
    """Generated seed 3751 (ruled PDF, Bacău report): under the repeated header and column
    numbers, the next page's row (``4.3.4.`` with the same action, deadline, indicator, body and
    status as ``4.3.1.`` under the first page's header) repeats that row in every column but
    its measure.  A header ends at its column numbers and never holds a coded row: the row stays."""
    head = ["MĂSURI PREVĂZUTE", "Acțiuni specifice", "Termenul", "Stadiul realizării"]
    numbers = ["1", "2", "3", "4"]
    same = ["Identificare de resurse", "Trim I-IV", "nerealizat"]
    p1 = piece(1, [head, numbers, ["4.3.1. Crearea la nivelul local", *same],
                   ["4.3.2. Accesarea fondurilor", "Identificare de resurse", "Trim I-IV", "parțial realizat"]])
    p2 = piece(2, [head, numbers, ["4.3.4. Promovarea oportunităților", *same]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert [r[0] for r in texts(t)] == ["MĂSURI PREVĂZUTE", "1", "4.3.1. Crearea la nivelul local",
                                        "4.3.2. Accesarea fondurilor", "4.3.4. Promovarea oportunităților"]


def test_a_cut_rows_rest_read_as_several_rows_goes_on_whole():
    """Generated seed 3822 (borderless): the rest of ``1.2.2`` at the next page's top, its
    partners and indicators only, came out of the page as one row per line (``învățământ,`` /
    ``tineret și sport,`` / ``Direcția sănătate,``).  Rows with nothing in the code column and
    the always-filled columns empty, under a rest, are that rest too; the next coded row is a row."""
    head = ["Nr.", "Acțiuni", "Parteneri", "Termen", "Indicatori"]
    full = [[f"1.1.{i}", f"Acțiune {i}", "ONG", "2025", f"Număr {i}"] for i in range(1, 9)]
    p1 = piece(1, [head, *full, ["1.2.1", "Acțiune a", "ONG", "2025", "Număr a"],
                   ["1.2.2", "Implicarea", "ATAS, Direcția", "2025", "Număr de module după care s-a"]])
    p2 = piece(2, [["", "", "învățământ,", "", "efectuat instruirile"],
                   ["", "", "tineret și sport,", "", "Număr de parteneri implicați"],
                   ["", "", "Direcția sănătate,", "", "Practici bune"],
                   ["1.2.3", "Informarea", "ONG", "2026", "Număr c"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert [r[0] for r in texts(t)] == ["Nr.", *(r[0] for r in full), "1.2.1", "1.2.2", "1.2.3"]
    assert texts(t)[-2][2] == "ATAS, Direcția\nînvățământ,\ntineret și sport,\nDirecția sănătate,"
    assert texts(t)[-2][4].endswith("efectuat instruirile\nNumăr de parteneri implicați\nPractici bune")
    assert "2 rows under it" in next(n.reason for n in t.notes if n.action == "merged-split-row")


def test_borderless_pieces_whose_edges_drift_a_few_points_join():
    """Generated seed 4122 (borderless): each page's column edges are estimated from its own text,
    so the second page's lie 5-6 points off the first's (289.6 / 294.5): the same columns, one
    table -- within ``borderless_drift``; a piece 30 points off is another table."""
    from dataclasses import replace

    head = ["Nr.", "Acțiuni", "Parteneri", "Termen"]
    p1 = replace(piece(1, [head, ["1.1", "Acțiune a", "ONG", "2025"]]), engine="borderless")
    rest = piece(2, [["1.2", "Acțiune b", "ONG", "2026"]])
    drift = [0, 5.0, -4.9, 6.1, 0]
    p2 = replace(rest, engine="borderless", col_edges=[e + d for e, d in zip(rest.col_edges, drift)])
    [t] = tables([page(1, p1), page(2, p2)])
    assert [r[0] for r in texts(t)] == ["Nr.", "1.1", "1.2"]
    far = replace(rest, engine="borderless", col_edges=[e + (30 if 0 < i < 4 else 0) for i, e in enumerate(rest.col_edges)])
    assert len(tables([page(1, p1), page(2, far)])) == 2


def test_a_borderless_edge_only_labels_place_may_drift_further_alone():
    """Generated seed 4282 (borderless): the edge between two empty cost sub-columns is placed by
    their labels only, 13 points apart on two pages (665 / 678), the other edges within a point.
    The same columns: one table whose repeated header is dropped whole, not a table of ten
    columns whose sub-labels read as a row.  Two edges that far off are other columns."""
    from dataclasses import replace

    from planuri.extract.stitch.settings import StitchSettings
    from planuri.extract.stitch.tables import same_columns

    settings = StitchSettings()
    a = [26.0, 221.0, 307.0, 456.0, 511.0, 585.0, 665.0, 748.0, 934.0]
    b = [26.0, 221.0, 307.0, 456.0, 512.0, 584.0, 678.0, 748.0, 934.0]
    assert same_columns(a, b, settings) and same_columns(b, a, settings)
    assert not same_columns(a, [*b[:5], 600.0, *b[6:]], settings)  # two edges far off
    assert not same_columns(a, [*b[:6], 700.0, *b[7:]], settings)  # further than the columns allow

    head = ["Nr.", "Acțiuni", "Parteneri", "Termen"]
    p1 = replace(piece(1, [head, ["1.1", "Acțiune a", "ONG", "2025"]]), engine="borderless")
    rest = piece(2, [["1.2", "Acțiune b", "ONG", "2026"]])
    shifted = [e + (15.0 if i == 2 else 0.0) for i, e in enumerate(rest.col_edges)]
    [t] = tables([page(1, p1), page(2, replace(rest, engine="borderless", col_edges=shifted))])
    assert t.n_cols == 4 and [r[0] for r in texts(t)] == ["Nr.", "1.1", "1.2"]


def test_cells_ending_in_a_drawn_wrap_space_go_on_over_the_page_break():
    """Generated seed 4706 (ruled PDF, Bacău report, no codes): ``Organizarea `` / ``programelor de
    educare …``, ``Centrul de zi `` / ``pentru copilul …``, ``Buget `` / ``local``.  Nothing in
    the next page's first row reads as a sentence cut (no comma, no dangling word, ``2022
    realizat`` opens with a digit), but the last lines above end in the space the PDF draws where
    a line wraps: a paragraph's last line has none.  Two such cells make the row the cut one's
    rest; one is no evidence (a value typed with a space after it)."""
    head = ["Măsuri", "Acțiuni", "Executanți", "Surse", "Stadiu"]
    full = [[f"Măsura {i}", f"Acțiunea {i}", "Centrul de zi", "Buget local", "2021 realizat"] for i in range(1, 7)]
    p1 = piece(1, [head, *full, ["Măsura 7", "Organizarea ", "Centrul de zi ", "Buget ", "2021 realizat "]])
    rest = ["", "programelor de educare", "pentru copilul aflat", "local", "2022 realizat"]
    p2 = piece(2, [rest, ["Măsura 8", "Facilitarea discuțiilor", "Centrul de zi", "Buget local", "2021 realizat"]])
    [t] = tables([page(1, p1), page(2, p2)])
    assert [r[1] for r in texts(t)][-2:] == ["Organizarea \nprogramelor de educare", "Facilitarea discuțiilor"]
    one = piece(1, [head, *full, ["Măsura 7", "Organizarea", "Centrul de zi", "Buget ", "2021 realizat"]])
    [t] = tables([page(1, one), page(2, p2)])
    assert [r[1] for r in texts(t)][-3:] == ["Organizarea", "programelor de educare", "Facilitarea discuțiilor"]


def test_a_table_heading_the_next_page_is_no_continuation_of_the_table_ending_the_last():
    """Generated seed 5453 (Chromium, the Bacău report): a count table (``total | realizat |
    parțial realizat | nerealizat``) ends a page, the next plan table heads the next page with its
    own header.  Their edges happen to match, but a first row naming header fields the run does
    not name is a table of its own; a header repeated on each page names the run's own."""
    from planuri.extract.stitch.tables import heads_new_table

    fields = {"nr.": "code", "acțiuni": "action", "termen": "deadline", "responsabili": "responsible",
              "total": "total", "realizat": "done"}

    def labels(text):
        return fields.get(text.lower())

    count = piece(1, [["Total", "Realizat", "", ""], ["4", "0", "0", "4"]])
    plan = piece(2, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"]])
    assert heads_new_table([count], plan, labels)
    blocks = [b for b in stitch([page(1, count), page(2, plan)], set(), "f.pdf", "0" * 64, labels=labels)
              if isinstance(b, RawTable)]
    assert [texts(t)[0] for t in blocks] == [["Total", "Realizat", "", ""], HEADER]
    # the same plan's header repeated on the next page: the run goes on (and without labels, as before)
    first = piece(1, [HEADER, ["1.1", "Acțiune a", "2025", "DAS"]])
    assert not heads_new_table([first], plan, labels)
    assert not heads_new_table([count], plan, None)
    # a next page opening with a data row goes on
    assert not heads_new_table([first], piece(2, [["1.2", "Acțiune b", "2025", "DAS"]]), labels)
    # a repeated header with one label misread on the first page (a scan's ``N r. cr U``) goes on
    misread = piece(1, [["N r. cr U", "Acțiuni", "Termen", "Responsabili"], ["1.1", "Acțiune a", "2025", "DAS"]])
    assert not heads_new_table([misread], plan, labels)


def test_a_body_row_some_of_whose_values_read_as_labels_heads_no_table():
    """Generated seed 5522 (borderless, the Bacău report): the next page opens with the table's
    rows going on, no header repeated; three of the first row's seven values read as labels
    (``DAS``, ``Buget local``, ``realizat``), none of them the run's header's.  A header is a row
    most of whose cells are labels: this row goes on with the table."""
    from planuri.extract.stitch.tables import heads_new_table

    fields = {"măsuri": "measure", "acțiuni": "action", "termen": "deadline", "indicatori": "indicators",
              "das": "target_group", "buget local": "budget_local", "realizat": "declared_done"}

    def labels(text):
        return fields.get(text.lower())

    head = ["Măsuri", "Acțiuni", "Termen", "Indicatori", "", "", ""]
    first = piece(1, [head, ["2.5.1. Măsura", "Acțiune a", "Trim I-IV", "Nr", "BPC", "Buget de stat", "2021 5 copii"]])
    rest = piece(2, [["2.5.3. Altă măsură", "Acțiune c", "Trim I-IV", "Nr activitati", "DAS", "Buget local",
                      "realizat"]])
    assert not heads_new_table([first], rest, labels)
    blocks = [b for b in stitch([page(1, first), page(2, rest)], set(), "f.pdf", "0" * 64, labels=labels)
              if isinstance(b, RawTable)]
    assert len(blocks) == 1 and blocks[0].n_rows == 3


def test_a_merged_cells_rest_set_in_the_middle_of_the_next_page_goes_on_with_it():
    """Generated seed 5787 (borderless, cells centred): ``2.1.4. Implicarea familiei în procesul
    de`` closes a page; its rest, ``îngrijire, dezvoltare…``, is set in the middle of the merged
    cell's part on the next page, beside the second of its actions there, under an empty first
    row (the cut row's rest).  It is the cut cell's text, and the cell spans the rows below."""
    header = ["Măsuri", "Acțiuni", "Termene", "Serviciul"]
    p1 = piece(1, [header, ["2.1.3. Altă măsură", "Acțiune a", "Trim I-IV", "DAS"],
                   ["2.1.4. Implicarea familiei în procesul de", "Organizarea de reuniuni pentru", "Trim I-IV", "DAS"]])
    p2 = piece(2, [header, ["", "informarea părinților", "", ""],
                   [("îngrijire, dezvoltare și educație a copilului", 2, 1), "Acțiune c", "Trim I-IV", "DAS"],
                   [None, "Acțiune d", "Trim I-IV", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    grid = t.grid()
    measure = grid[2][0]
    assert measure.text == "2.1.4. Implicarea familiei în procesul de\nîngrijire, dezvoltare și educație a copilului"
    assert grid[3][0] is measure and grid[4][0] is measure
    assert [r[1] for r in texts(t)[1:]] == ["Acțiune a", "Organizarea de reuniuni pentru\ninformarea părinților",
                                           "Acțiune c", "Acțiune d"]


def test_a_new_measure_under_a_cut_rows_rest_stays_a_cell_of_its_own():
    """The same layout, the cut measure ending its sentence: the cell under the rest row is a
    measure of its own (it starts with a capital, and the cut cell does not stop mid-sentence)."""
    header = ["Măsuri", "Acțiuni", "Termene", "Serviciul"]
    p1 = piece(1, [header, ["2.1.4. Implicarea familiei", "Organizarea de reuniuni pentru", "Trim I-IV", "DAS"]])
    p2 = piece(2, [header, ["", "informarea părinților", "", ""],
                   [("2.1.5. Sprijinirea familiilor", 2, 1), "Acțiune c", "Trim I-IV", "DAS"],
                   [None, "Acțiune d", "Trim I-IV", "DAS"]])
    [t] = tables([page(1, p1), page(2, p2)])
    grid = t.grid()
    assert grid[1][0].text == "2.1.4. Implicarea familiei" and grid[2][0].text == "2.1.5. Sprijinirea familiilor"
    assert grid[3][0] is grid[2][0]


def test_a_lists_next_item_or_a_closed_parenthesis_carries_a_cut_row_on_over_a_typed_code():
    """Generated seeds 6438 (Chromium) and 6697 (borderless): the plan's source types ``7.3.
    Mediatizarea …`` inside action 7.2's cell, and the page break falls right before it.  The
    code at the head of the page's first row reads as a new row, but the cost cell beside it
    goes on with its list's next item (``a) 2 mii lei;`` / ``b) 2,500 lei;``), or the
    indicators close a parenthesis left open above (``(50`` / ``ani, 60 ani)``): the row goes on.
    A new row's cell starts its list at the first item."""
    from planuri.extract.ro_text import closes_parenthesis, continues_list
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell

    assert continues_list("a câte:\na) 2 mii lei;", "b) 2,500 lei;\nc) 10 mii lei")
    assert continues_list("1) instruire; 2) consiliere", "3) evaluare")
    assert not continues_list("a) 2 mii lei;", "a) 3 mii lei")
    assert not continues_list("În limita mijloacelor", "b) 2,500 lei")
    assert closes_parenthesis("comună (50", "ani, 60 ani) și pentru")
    assert not closes_parenthesis("comună (50 ani)", "60 ani) și")
    assert not closes_parenthesis("comună (50", "alt text (nou)")

    profile = ColumnProfile(code_led={0}, always_filled={0, 1, 2, 3}, merged=set())
    above = {0: "7.2. Elaborarea Mecanismului … sau mai mult.", 1: "DRP; DGFE", 2: "În limita mijloacelor, a câte:\na) 2 mii lei;",
             3: "cuplurile longevive (50"}
    row = [PieceCell(0, 0, 1, 1, "7.3. Mediatizarea activităților", 2, ()), PieceCell(0, 2, 1, 1, "b) 2,500 lei;", 2, ())]
    assert split_row_decision(row, 4, profile, above) == (True, "column 3 carries on the list cut above")
    row = [PieceCell(0, 0, 1, 1, "7.3. Mediatizarea activităților", 2, ()), PieceCell(0, 3, 1, 1, "ani, 60 ani) și", 2, ())]
    assert split_row_decision(row, 4, profile, above) == (True, "column 4 closes the parenthesis left open above")
    # the same code over cells starting afresh: a row of its own
    row = [PieceCell(0, 0, 1, 1, "7.3. Mediatizarea activităților", 2, ()), PieceCell(0, 2, 1, 1, "a) 1 mii lei;", 2, ())]
    assert split_row_decision(row, 4, profile, above) == (False, "column 1 starts with code 7.3.")
    # a cell merged down over rows (seed 6356: a measure's ``(beneficiari …`` / ``… handicap)``)
    # goes on over the break whether the row is cut or not: it tells nothing
    merged = ColumnProfile(code_led={0}, always_filled={0, 1, 2, 3}, merged={3})
    row = [PieceCell(0, 0, 1, 1, "7.3. Mediatizarea activităților", 2, ()), PieceCell(0, 3, 1, 1, "ani, 60 ani) și", 2, ())]
    assert split_row_decision(row, 4, merged, above) == (False, "column 1 starts with code 7.3.")
    # cells saying again the row above's whole (seed 6913: ``Trim I-IV``, ``Buget local``) are a
    # new row's, whatever closes a parenthesis beside them (a measure not known to be merged)
    above = {0: "(asistent social, mediator", 1: "Parteneriate cu medicii", 2: "Trim I-IV", 3: "Buget local"}
    texts = ["sanitar etc) în accesarea", "Implicarea medicilor", "Trim I-IV", "Buget local"]
    row = [PieceCell(0, col, 1, 1, text, 2, ()) for col, text in enumerate(texts)]
    assert split_row_decision(row, 4, ColumnProfile(code_led=set(), always_filled={1, 2, 3}, merged=set()), above) == (
        False, "columns 3, 4 repeat the row above's cells whole")


def test_a_headings_wrap_is_measured_from_the_texts_margin_not_the_tables_borders():
    """Generated seed 6696 (ruled PDF): ``… FACILITĂȚI PRIVIND`` / ``SĂNĂTATEA, ÎN …`` under a
    table.  The table's borders stand out 4 points past the text's margin (its cells' padding);
    measured from them, ``SĂNĂTATEA,`` would have fitted on the line above, so the heading was
    read as two paragraphs and every action under it lost the objective's rest.  The text's
    right edge is where its longest lines end; a table's side only where no line comes near it."""
    from planuri.extract.types import TextBlock

    table = piece(1, [HEADER, ["1.1", "Acțiune", "2025", "DAS"]], top=50.0)  # x from 50 to 450
    body = Line("Planul anual de acțiune privind serviciile sociale administrate", 50, 446, 20, 30, 10, False,
                first_word=40)
    heading = [Line("OBIECTIV GENERAL 6: ASIGURAREA ACCESULUI PRIVIND", 50, 385, 110, 121, 11, True, first_word=40),
               Line("SĂNĂTATEA, ÎN CONDIȚII DE ECHITATE", 50, 260, 124, 135, 11, True, first_word=60)]
    blocks = stitch([page(1, table, lines=[body, *heading])], set(), "f.pdf", "0" * 64)
    paragraphs = [b.text for b in blocks if isinstance(b, TextBlock)]
    assert paragraphs[-1] == "OBIECTIV GENERAL 6: ASIGURAREA ACCESULUI PRIVIND\nSĂNĂTATEA, ÎN CONDIȚII DE ECHITATE"
    # with no line near the table's side, the table's side is the text's edge: the word fitted
    blocks = stitch([page(1, table, lines=heading)], set(), "f.pdf", "0" * 64)
    assert len([b for b in blocks if isinstance(b, TextBlock)]) == 2


def test_a_sentence_cut_after_an_article_goes_on_over_the_break():
    """Generated seed 8393 (Chromium): a result closes the page on ``… pentru o`` and opens the next
    on ``comunitate mai bună”``, beside an action's next item starting with a capital and the
    row's other cells empty: no sentence ends on an article, so the row goes on."""
    from planuri.extract.stitch.rows import ColumnProfile, PieceCell, continues_text

    assert continues_text("proiectul “Servicii integrate pentru o", "comunitate mai bună”")
    assert not continues_text("proiectul “Servicii integrate pentru toți”", "comunitate mai bună”")
    profile = ColumnProfile(code_led={0}, always_filled={1, 2, 3}, merged={0})
    above = {0: "2.2.1. Înființarea", 1: "îngrijite la domiciliu -", 2: "Trim I-IV", 3: "360 persoane pentru o"}
    texts = ["", "Dezvoltarea unui serviciu", "", "comunitate mai bună”"]
    row = [PieceCell(0, col, 1, 1, text, 2, ()) for col, text in enumerate(texts)]
    assert split_row_decision(row, 4, profile, above) == (True, "column 4 carries on the sentence cut above")


def test_a_row_whose_first_line_alone_closed_the_page_goes_on_when_its_pieces_make_whole_cells():
    """Held-out 11233 (borderless, rows breaking across pages): a row's first line alone closed a
    page (``Parteneriat semnat cu Școala`` / ``TRIM`` / ``Buget``), its rest opened the next
    (``O Voicu`` / ``I - IV`` / ``local``), capitals and all: no sentence is seen to go on.  Joined,
    the pieces say what the same columns say whole on the other rows (``TRIM I - IV``, ``Buget
    local``), and neither piece is a cell there: one row.  Pieces that are cells of their own
    elsewhere (``DAS`` under ``DAS``) prove nothing."""
    head = ["Acțiuni", "Termen", "Responsabili", "Surse"]
    first = piece(1, [head, ["Întâlniri cu părinții", "TRIM\nI - IV", "DAS", "Buget\nlocal"],
                      ["Sesiuni de informare", "TRIM\nI - IV", "DAS\nOSPT", "Buget\nlocal"],
                      ["Parteneriat semnat cu Școala", "TRIM", "DAS OSPT si", "Buget"]])
    second = piece(2, [head, ["O Voicu", "I - IV", "Școala O\nVoicu", "local"],
                       ["Parteneriat cu ISJ", "TRIM\nI - IV", "DAS", "Buget\nlocal"]])
    rows = texts(tables([page(1, first), page(2, second)])[0])
    assert rows[3] == ["Parteneriat semnat cu Școala\nO Voicu", "TRIM\nI - IV", "DAS OSPT si\nȘcoala O\nVoicu", "Buget\nlocal"]
    assert [r[0] for r in rows[1:]] == ["Întâlniri cu părinții", "Sesiuni de informare",
                                        "Parteneriat semnat cu Școala\nO Voicu", "Parteneriat cu ISJ"]

    # the same rows, but ``Buget`` and ``local`` are cells of their own elsewhere: a new row
    first = piece(1, [head, ["Întâlniri cu părinții", "TRIM", "DAS", "Buget"],
                      ["Sesiuni de informare", "I - IV", "DAS", "local"],
                      ["Parteneriat semnat cu Școala", "TRIM", "DAS OSPT si", "Buget"]])
    second = piece(2, [head, ["O Voicu", "I - IV", "Școala O\nVoicu", "local"]])
    rows = texts(tables([page(1, first), page(2, second)])[0])
    assert [r[0] for r in rows[1:]] == ["Întâlniri cu părinții", "Sesiuni de informare", "Parteneriat semnat cu Școala", "O Voicu"]
