"""Normalization on synthetic tables: header map, context, merged cells, costs, issues."""

import json

from conftest import layout

from planuri.extract.types import Cell, ExtractedDocument, Provenance, RawTable, TextBlock
from planuri.normalize import build_header, default_vocabulary, normalize_document

PROV = Provenance(file="t.docx", sha256="0" * 64, engine="docx")


def table(rows: list[list]) -> RawTable:
    """Rows of cells: text, (text, row_span, col_span), or None for a covered slot."""
    cells = [Cell(row=r, col=c, text=text, row_span=rs, col_span=cs) for r, c, text, rs, cs in layout(rows)]
    width = max(c.last_col for c in cells) + 1
    return RawTable(cells=tuple(cells), n_rows=len(rows), n_cols=width, provenance=PROV)


def document(*blocks) -> ExtractedDocument:
    return ExtractedDocument(path="t.docx", sha256="0" * 64, format="docx", pages=None, blocks=tuple(blocks))


PLAN_000 = [
    [("Acțiuni specifice", 2, 1), ("Structuri responsabile", 2, 1), ("Termene de realizare", 2, 1),
     ("Costuri, lei", 1, 2), ("Indicatori", 2, 1)],
    [None, None, None, "surse bugetare", "surse ale donatorilor/ ONG", None],
    ["1", "2", "3", "4", "5", "6"],
    [("I. PREVENIREA EXCLUDERII SOCIALE", 1, 6)],
    [("Obiectiv general 1: Asigurarea implementării", 1, 6)],
    [("Obiectiv specific 1.1: Cel puțin 25%", 1, 6)],
    ["1.1.1 Încheierea\nacordurilor", "Primăria Bălți", "2025-2027", ("în limita resurselor", 1, 2), "Număr de acorduri\nNumăr de parteneri"],
    ["1.1.2 Sprijinirea", "Primăria Bălți", "2025-2027", "", "150,000.00", ""],
    [("Obiectiv specific 1.6:", 1, 6)],
    [("Cel puțin 20% de metode noi", 1, 6)],
    ["1.6.10 Organizarea", "Primăria Bălți", "2025-2027", "", "", "Număr"],
    [("II. SERVICII", 1, 6)],
    ["2.1.1 Dotarea", "Primăria Bălți", "2025-2027", "", "", ""],
]


def test_two_row_header_with_cost_group_and_number_row():
    h = build_header(table(PLAN_000), default_vocabulary())
    assert (h.first_row, h.last_row, h.number_row, h.body_start) == (0, 1, 2, 3)
    assert h.fields == ["action", "responsible", "deadline", "cost", "cost", "indicators"]
    assert [c.source for c in h.columns_for("cost")] == ["surse bugetare", "surse ale donatorilor/ ONG"]
    assert h.is_action_plan


def test_actions_get_context_code_and_joined_text():
    out = normalize_document(document(table(PLAN_000)))
    first, second, third, fourth = out.actions
    assert first["section"] == "I. PREVENIREA EXCLUDERII SOCIALE"
    assert first["general_objective"] == "Obiectiv general 1: Asigurarea implementării"
    assert first["specific_objective"] == "Obiectiv specific 1.1: Cel puțin 25%"
    assert (first["action_code"], first["action"]) == ("1.1.1", "Încheierea acordurilor")
    assert first["indicators"] == "Număr de acorduri Număr de parteneri"
    assert first["row_no"] == 7 and first["table_no"] == 1
    # a specific objective whose text sits in a second heading row
    assert third["specific_objective"] == "Obiectiv specific 1.6: Cel puțin 20% de metode noi"
    # a new section clears the objectives of the previous one
    assert fourth["section"] == "II. SERVICII" and fourth["general_objective"] is None
    assert out.roles[1] == ["header", "header", "number-row", "heading", "heading", "heading", "action", "action",
                            "heading", "heading", "action", "heading", "action"]


def test_costs_one_per_cell_and_merged_cell_names_all_sources():
    out = normalize_document(document(table(PLAN_000)))
    assert [{k: c[k] for k in ("table_no", "row_no", "funding_source", "amount")} for c in out.costs] == [
        {"table_no": 1, "row_no": 7, "funding_source": "surse bugetare | surse ale donatorilor/ ONG", "amount": "în limita resurselor"},
        {"table_no": 1, "row_no": 8, "funding_source": "surse ale donatorilor/ ONG", "amount": "150,000.00"},
    ]


def test_a_cost_merged_across_grid_columns_of_one_source_counts_once_naming_it_once():
    # "Surse APL" covers two grid columns (a row gives an amount per year), "Alte surse" one
    rows = [
        [("Acțiuni", 2, 1), ("Costuri", 1, 3), ("Indicatori", 2, 1)],
        [None, ("Surse APL", 1, 2), "Alte surse", None],
        ["1.1 Crearea", ("în limita mijloacelor financiare alocate", 1, 3), "Număr"],
        ["1.2 Plasarea", ("în limita mijloacelor", 1, 2), "Donații", "Număr"],
        ["1.3 Organizarea", "2025: 3,0 mii lei", "2026: 4,0 mii lei", "", "Număr"],
    ]
    out = normalize_document(document(table(rows)))
    assert [(c["row_no"], c["funding_source"], c["amount"]) for c in out.costs] == [
        (3, "Surse APL | Alte surse", "în limita mijloacelor financiare alocate"),
        (4, "Surse APL", "în limita mijloacelor"),
        (4, "Alte surse", "Donații"),
        (5, "Surse APL", "2025: 3,0 mii lei"),
        (5, "Surse APL", "2026: 4,0 mii lei"),
    ]


def test_every_cost_column_without_sub_headers_keeps_its_cells():
    # one "Costuri" label over two grid columns and a funding column: each cost cell is a row
    rows = [
        ["Acțiuni", ("Costuri", 1, 2), "Surse de finanțare"],
        ["1", ("2", 1, 2), "3"],
        ["1.1 Crearea", "3,0 mii lei", "5,0 mii lei", "Buget local"],
        ["1.2 Plasarea", ("în limita resurselor", 1, 2), "Buget local"],
        ["1.3 Organizarea", "", "", "Donații"],
    ]
    out = normalize_document(document(table(rows)))
    assert [(c["row_no"], c["funding_source"], c["amount"]) for c in out.costs] == [
        (3, "Buget local", "3,0 mii lei"), (3, "Buget local", "5,0 mii lei"),
        (4, "Buget local", "în limita resurselor"), (5, "Donații", None)]


def test_vertically_merged_objective_applies_to_every_row_it_spans():
    rows = [
        ["Activități (obiective specifice)", "Direcții de acțiuni pentru realizarea obiectivului", "Parteneri"],
        [("1.Dezvoltarea parteneriatelor", 2, 1), "1.1.Crearea", "DS"],
        [None, "1.2.Asigurarea", "DRP"],
        ["2.Consolidarea", "2.1.Calendar", "DC"],
    ]
    out = normalize_document(document(table(rows)))
    assert [(a["specific_objective"], a["action_code"], a["action"]) for a in out.actions] == [
        ("1.Dezvoltarea parteneriatelor", "1.1", "Crearea"),
        ("1.Dezvoltarea parteneriatelor", "1.2", "Asigurarea"),
        ("2.Consolidarea", "2.1", "Calendar"),
    ]


def test_code_column_and_funding_column():
    rows = [
        ["Nr.", "Acțiuni", "Costuri de implementare", "Surse de finanțare"],
        ["1.2.", "Asigurarea convocării", "-", "-"],
        ["2.1.", "Organizarea campaniilor", "în caz de necesitate", ""],
        ["2.2.", "Includerea", "", ""],
    ]
    out = normalize_document(document(table(rows)))
    assert [a["action_code"] for a in out.actions] == ["1.2", "2.1", "2.2"]
    assert [(c["row_no"], c["funding_source"], c["amount"]) for c in out.costs] == [
        (2, "-", "-"), (3, None, "în caz de necesitate")]


def test_row_without_action_is_an_issue_and_unknown_column_is_kept():
    rows = [
        ["Măsuri", "Acțiuni", "Termene", "Coordonate GPS"],
        ["1.1.1. Măsura", "Acțiunea a", "Trim I", "47.1, 27.5"],
        ["2.2.4. Înființarea unui centru", "", "", ""],
    ]
    out = normalize_document(document(table(rows)))
    assert len(out.actions) == 1
    assert json.loads(out.actions[0]["extra"]) == {"Coordonate GPS": "47.1, 27.5"}
    assert out.actions[0]["action_code"] is None and out.actions[0]["measure"] == "1.1.1. Măsura"
    codes = {(i.code, i.row_no) for i in out.issues}
    assert ("missing-action", 3) in codes and ("unknown-header", 1) in codes
    assert any(h["field"] == "other:Coordonate GPS" for h in out.headers)
    assert out.roles[1] == ["header", "action", "no-action"]


def test_headings_between_tables_set_context_in_any_nesting_order():
    header = ["Măsuri", "Acțiuni", "Termene"]
    out = normalize_document(document(
        TextBlock("COMPONENTA: INCLUZIUNEA SOCIALĂ", PROV, bold=True),
        TextBlock("D1. ACCESIBILITATE", PROV, bold=True),
        TextBlock("OBIECTIV GENERAL 1: ASIGURAREA ACCESULUI", PROV, bold=True),
        TextBlock("O.S.1.1 IDENTIFICAREA\nRESURSELOR LOCALE", PROV, bold=True),
        table([["total", "realizat", "parțial realizat", "nerealizat"], ["7", "3", "0", "4"]]),
        table([header, ["1.1.1. Asigurarea", "Adaptarea site-ului", "Trim I-IV"]]),
        TextBlock("O.S.1.2 ÎMBUNĂTĂȚIREA GRADULUI", PROV, bold=True),
        TextBlock("Un paragraf obișnuit, nu un titlu.", PROV),
        table([header, ["1.2.1. Informarea", "Împărțirea de pliante", "Trim I-IV"]]),
        TextBlock("D2. PARTICIPARE", PROV, bold=True),
        table([header, ["2.1.1. Dezvoltarea", "Parteneriat", "Trim I-IV"]]),
    ))
    a, b, c = out.actions
    assert (a["section"], a["domain"], a["specific_objective"]) == (
        "COMPONENTA: INCLUZIUNEA SOCIALĂ", "D1. ACCESIBILITATE", "O.S.1.1 IDENTIFICAREA RESURSELOR LOCALE")
    assert (b["domain"], b["general_objective"], b["specific_objective"]) == (
        "D1. ACCESIBILITATE", "OBIECTIV GENERAL 1: ASIGURAREA ACCESULUI", "O.S.1.2 ÎMBUNĂTĂȚIREA GRADULUI")
    # a new domain clears the objectives set under the previous one
    assert (c["domain"], c["general_objective"], c["specific_objective"]) == ("D2. PARTICIPARE", None, None)
    assert (out.n_tables, out.n_action_tables) == (4, 3)
    assert [a["table_no"] for a in out.actions] == [2, 3, 4]


def test_heading_cell_with_objective_indicator_and_domain_segments():
    rows = [
        ["Nr.", "Acțiuni", "Termen limită de realizare"],
        [("Obiectivul specific nr.2. Asigurarea reprezentării\nIndicator: cel puțin 39 de persoane\nDomeniul participării romilor", 1, 3)],
        ["2.1.", "Organizarea campaniilor", "Anual, 2023-2025"],
        [("Obiectivul specific nr.5. Fortificarea statutului", 1, 3)],
        [("Indicator: 53 de mediatori", 1, 3)],
        ["5.1.", "Plasarea", "Anual"],
    ]
    out = normalize_document(document(table(rows)))
    first, second = out.actions
    assert first["specific_objective"] == "Obiectivul specific nr.2. Asigurarea reprezentării Indicator: cel puțin 39 de persoane"
    assert first["domain"] == "Domeniul participării romilor"
    assert second["specific_objective"] == "Obiectivul specific nr.5. Fortificarea statutului Indicator: 53 de mediatori"
    assert second["domain"] is None


def test_table_without_known_header_is_kept_in_cells_only():
    out = normalize_document(document(table([["a", "b"], ["c", "d"]])))
    assert out.actions == [] and len(out.cells) == 4
    assert [i.code for i in out.issues] == ["table-without-header"]


def test_header_with_cedilla_or_without_diacritics():
    for labels in (["Acţiuni", "Termene de realizare", "Instituţii responsabile"],
                   ["Actiuni", "Termene de realizare", "Institutii responsabile"]):
        out = normalize_document(document(table([labels, ["1.1 Acțiunea", "2025", "DAS"]])))
        assert [(a["action"], a["deadline"], a["responsible"]) for a in out.actions] == [("Acțiunea", "2025", "DAS")]


def test_a_table_drawn_under_another_in_one_grid_is_two_tables():
    """A report's count table touching the plan table above it (one ruled grid in the PDF):
    its header row of other fields starts a table of its own, as in the Word file."""
    rows = [
        ["Acțiuni", "Responsabil", "Termen", "Grad de realizare"],
        ["Întâlniri periodice", "DAS", "2022", "realizat"],
        [("O.S.4.3. DEZVOLTAREA ÎNTREPRINDERILOR SOCIALE", 1, 4)],
        ["total", "realizat", "parțial realizat", "nerealizat"],
        ["2", "0", "2", "0"],
    ]
    out = normalize_document(document(table(rows)))
    assert out.n_tables == 2 and len(out.actions) == 1
    assert [(t["declared_total"], t["declared_partial"]) for t in out.declared_totals] == [(2, 2)]
    # a data row naming one label ("realizat") or the table's own fields is no header
    same = rows[:2] + [["Acțiuni", "Responsabil", "Termen", "Grad de realizare"], ["Alta", "DAS", "2023", "realizat"]]
    assert normalize_document(document(table(same))).n_tables == 1


def test_each_page_break_decision_is_an_info_issue_with_its_evidence():
    from dataclasses import replace

    from planuri.extract.types import StitchNote

    t = replace(table([["Acțiuni", "Responsabil"], ["Prima acțiune", "DAS"], ["a doua", "DAS"], ["Alta", "DAS"]]),
                notes=(StitchNote(page=2, action="merged-split-row", row=1, reason="every cell continues a sentence"),
                       StitchNote(page=3, action="new-row-at-break", row=3, reason="a row of its own"),
                       StitchNote(page=2, action="joined", reason="continues the table of the previous page")))
    got = [(i.code, i.page, i.row_no, i.severity) for i in normalize_document(document(t)).issues
           if i.code.startswith("page-break")]
    assert got == [("page-break-row-joined", 2, 2, "info"), ("page-break-row-kept", 3, 4, "info")]


def test_cell_roles_follow_their_rows_and_money_columns():
    out = normalize_document(document(table(PLAN_000), table([["Ceva", "Altceva"], ["1", "2"]])))
    role = {(c["table_no"], c["row"], c["col"]): c["role"] for c in out.cells}
    assert role[1, 1, 1] == role[1, 2, 4] == role[1, 3, 6] == "header"  # header rows and the number row
    assert role[1, 4, 1] == "heading"
    assert role[1, 7, 1] == role[1, 7, 2] == role[1, 7, 6] == "action"
    assert role[1, 7, 4] == role[1, 8, 5] == "cost"  # a merged cost cell, and a single one
    assert {r for (t, _, _), r in role.items() if t == 2} == {"unassigned"}  # a table read as no plan
    assert all(c["x0"] is None and c["y1"] is None for c in out.cells)  # a Word file's cells have no box


def test_an_unplaceable_label_over_action_numbers_is_the_code_column_and_says_so():
    rows = [["Nr. acțiunnii", "Acțiuni specifice", "Termene de realizare"],
            [("Obiectiv specific 2: Promovarea", 1, 3)],
            ["2.4.", "Colectarea datelor", "Anual"], ["2.5.", "Organizarea", "Anual"], ["2.6", "Campanii", "2024"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.fields == ["code", "action", "deadline"] and h.columns[0].match == "content"
    out = normalize_document(document(table(rows)))
    assert [a["action_code"] for a in out.actions] == ["2.4", "2.5", "2.6"]
    assert [i.code for i in out.issues if i.code.startswith("header")] == ["header-from-content"]
    # a column holding anything but numbers stays unknown, its cells in extra
    rows[3][0] = "2.5 și 2.6"
    assert build_header(table(rows), default_vocabulary()).fields[0].startswith("other:")
    # two numbers are too few to tell
    assert build_header(table(rows[:4]), default_vocabulary()).fields[0].startswith("other:")


def test_a_scanned_label_with_a_line_of_debris_is_read_without_it():
    """A scan's ``(buget)`` under ``Surse de finanțare`` whose letters the rule under them took
    (``!bu'et``): the label is read without that line, as a close variant (not exact); a last line
    of three fragments or more is no debris."""
    rows = [["Nr.", "Acțiuni", "Surse de\nfinanțare\n!bu'et"], ["1.1.", "Colectarea datelor", "Buget local"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.fields == ["code", "action", "funding"] and h.columns[2].match == "fuzzy"
    rows[0][2] = "Surse de\nfinanțare\nqx zb wt"
    assert build_header(table(rows), default_vocabulary()).fields[2].startswith("other:")


def test_a_stray_letter_at_a_labels_end_does_not_hide_its_column():
    """A speck read as ``S`` after a label with a slip of its own (``Acțiuni specfice S``) is too
    far from any label for the typo matcher; left out, the label is read (a close variant).  A
    word header labels use, or a number, at the end is no stray letter."""
    rows = [["Nr.", "Acțiuni specfice S", "„ Termen de realizare"], ["1.1.", "Colectarea datelor", "2025"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.fields == ["code", "action", "deadline"] and h.columns[1].match == "fuzzy"
    assert h.columns[1].label == "Acțiuni specfice S"  # the label as read
    rows[0][1] = "Acțiuni specfice 3"
    assert build_header(table(rows), default_vocabulary()).fields[1] != "action"


def test_a_scanned_code_column_with_one_number_misread_is_still_the_code_column():
    rows = [["NR. ACȚIUNI", "Acțiuni specifice", "Termene de realizare"],
            ["3.23.", "Organizarea", "Anual"], ["3.24.", "Susținerea", "Anual"], ["3:25,", "Desfășurarea", "Anual"],
            ["3.26.", "Realizarea", "Anual"], ["4.1", "Diseminarea", "Anual"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.fields == ["code", "action", "deadline"] and h.columns[0].match == "content"


def test_a_code_column_whose_dots_a_scan_read_as_other_marks_is_still_the_code_column():
    """Office scan 9702: ``Număru`` (its ``l`` lost) over ``3.1.``, ``3,2;``, ``35:``, ``3.7:``,
    ``3:43;``: 9 of 15 clean numbers, and the plan's codes came out empty.  Right of the action
    column such cells are amounts, not codes."""
    body = [["3.1.", "Organizarea", "Anual"], ["3,2;", "Asigurarea", "Anual"], ["3.3,", "Încurajarea", "Anual"],
            ["35:", "Monitorizarea", "Anual"], ["3.7:", "Difuzarea", "Anual"], ["3.8.", "Acordarea", "Anual"]]
    h = build_header(table([["Număru", "Acțiuni de realizare", "Termene"], *body]), default_vocabulary())
    assert h.fields == ["code", "action", "deadline"] and h.columns[0].match == "content"
    amounts = [["Organizarea", "Anual", "3,2;"], ["Asigurarea", "Anual", "12,5"], ["Acordarea", "Anual", "35:"]]
    h = build_header(table([["Acțiuni de realizare", "Termene", "Valoarea"], *amounts]), default_vocabulary())
    assert h.fields[2] != "code"


def test_a_scanned_number_row_with_a_mark_or_a_misread_number_is_the_number_row():
    """Right under a header, ``1 2 3 * 4 -`` (a speck beside the 3, the 5 read as a dash) is
    the column-number row, not an action ``2``; a row of years or numbers out of place is not."""
    from planuri.extract.ro_text import is_scanned_number_row

    rows = [["Nr.", "Acțiuni", "Termen", "Responsabili", "Indicatori"], ["1", "2", "3 *", "4", "-"],
            ["1.1.", "Colectarea datelor", "Anual", "DAS", "Număr"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.number_row == 1 and h.body_start == 2
    cells = lambda *texts: [Cell(row=0, col=i, text=t) for i, t in enumerate(texts)]  # noqa: E731
    assert not is_scanned_number_row(cells("2024", "2025", "2026"))
    assert not is_scanned_number_row(cells("1", "3", "4", "5"))
    assert not is_scanned_number_row(cells("1", "2", "-", "-"))  # half of it misread: too little to tell


def test_a_label_a_narrow_cell_cut_inside_a_word_is_read_with_the_word_glued_back():
    """Generated seed 6756 (ruled PDF): ``Temen limită`` in a column too narrow for ``Temen``
    reads ``Teme`` / ``n`` / ``limită``, which names no field, and every deadline of the plan was
    lost.  A break after a letter before a line going on with the word may be a cut inside it:
    the reading with it glued is the label's.  A label whose lines are whole words stays as it is."""
    rows = [["Acțiuni", "Responsabili", "Teme\nn\nlimită", "Indicatori"],
            ["1.1. Acțiune", "DAS", "2024\n–\n2028", "Număr"]]
    h = build_header(table(rows), default_vocabulary())
    assert h.fields == ["action", "responsible", "deadline", "indicators"]
    assert h.columns[2].match == "fuzzy"
    rows[0][2] = "Culoarea\nmașinii"
    assert build_header(table(rows), default_vocabulary()).fields[2].startswith("other:")


def test_a_numbered_heading_on_a_line_read_as_wrapped_starts_its_own_heading():
    """Generated seed 8142 (borderless): a heading row holds a section, a general and a specific
    objective; the general objective's last line looked filled to the row's edge (a borderless
    row is only as wide as its columns' text), so the specific objective's line was read as its
    wrapped rest.  A line opening a numbered heading starts one; after a line stopping
    mid-sentence it goes on."""
    def heading_table(text: str, wraps: tuple[bool, ...]) -> RawTable:
        cells = [Cell(row=0, col=0, text="Nr."), Cell(row=0, col=1, text="Acțiuni"),
                 Cell(row=1, col=0, text=text, col_span=2, wraps=wraps),
                 Cell(row=2, col=0, text="4.1.1"), Cell(row=2, col=1, text="Dezvoltarea voluntariatului")]
        return RawTable(cells=tuple(cells), n_rows=3, n_cols=2, provenance=PROV)

    text = ("IV. SERVICII SOCIALE\nObiectiv general 4: Consolidarea abilităților de viață independentă\n"
            "Obiectiv specific 4.1: Cu cel puțin 20% se va dezvolta sistemul de servicii")
    (action,) = normalize_document(document(heading_table(text, (False, True)))).actions
    assert action["general_objective"] == "Obiectiv general 4: Consolidarea abilităților de viață independentă"
    assert action["specific_objective"] == "Obiectiv specific 4.1: Cu cel puțin 20% se va dezvolta sistemul de servicii"
    text = "Obiectiv general 4: Realizarea, în conformitate cu\nObiectivul general 2 al Strategiei naționale"
    (action,) = normalize_document(document(heading_table(text, (True,)))).actions
    assert action["general_objective"] == text.replace("\n", " ") and action["specific_objective"] is None
