"""DOCX extraction: each Word cell once, with its spans; paragraphs and line breaks kept."""

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from conftest import build_docx, doc_spec, sha, table_spec
from planuri.extract import RawTable, TextBlock, extract


def read(path):
    return extract(path, sha(path))


def only_table(doc) -> RawTable:
    tables = doc.tables
    assert len(tables) == 1
    return tables[0]


def test_vertical_merge_is_one_cell_with_row_span(tmp_path):
    spec = doc_spec(table_spec(
        [["Obiective", "Acțiuni", "Termen"]],
        [["1. Obiectiv unu", "1.1 Acțiune a", "2025"], ["^", "1.2 Acțiune b", "2026"], ["^", "1.3 Acțiune c", "2027"],
         ["2. Obiectiv doi", "2.1 Acțiune d", "2025"]],
    ))
    t = only_table(read(build_docx(spec, tmp_path / "v.docx")))
    objective = [c for c in t.cells if c.col == 0 and c.row >= 1]
    assert [(c.row, c.row_span, c.text) for c in objective] == [(1, 3, "1. Obiectiv unu"), (4, 1, "2. Obiectiv doi")]
    assert t.grid()[3][0] is t.grid()[1][0]
    assert sum("Obiectiv unu" in c.text for c in t.cells) == 1  # never repeated


def test_horizontal_merge_is_one_cell_with_col_span(tmp_path):
    spec = doc_spec(table_spec(
        [["Acțiuni", {"text": "Costuri, lei", "span": 2}, "Indicatori"], ["^", "APL", "Donatori", "^"]],
        [["1.1 A", {"text": "în limita resurselor", "span": 2}, "Număr"]],
    ))
    t = only_table(read(build_docx(spec, tmp_path / "h.docx")))
    merged = [c for c in t.cells if c.text == "în limita resurselor"]
    assert len(merged) == 1 and (merged[0].col, merged[0].col_span) == (1, 2)
    header = [c for c in t.cells if c.row == 0]
    assert [(c.text, c.row_span, c.col_span) for c in header] == [
        ("Acțiuni", 2, 1), ("Costuri, lei", 1, 2), ("Indicatori", 2, 1)]
    assert t.n_rows == 3 and t.n_cols == 4


def test_paragraphs_and_line_breaks_are_kept(tmp_path):
    spec = doc_spec({"p": "Titlu\nrândul doi", "bold": True},
                    table_spec([["Acțiuni", "Indicatori"]], [["1.1 A", "Număr de acorduri\nNumăr de parteneri"]]))
    doc = read(build_docx(spec, tmp_path / "p.docx"))
    assert isinstance(doc.blocks[0], TextBlock) and doc.blocks[0].text == "Titlu\nrândul doi" and doc.blocks[0].bold
    assert any(c.text == "Număr de acorduri\nNumăr de parteneri" for c in only_table(doc).cells)


def test_grid_before_shifts_the_row(tmp_path):
    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    for i, cell in enumerate(table.rows[0].cells):
        cell.text = f"h{i}"
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])  # the row now holds two cells after one skipped grid column
    gb = OxmlElement("w:gridBefore")
    gb.set(qn("w:val"), "1")
    row.get_or_add_trPr().insert(0, gb)
    row.tc_lst[0].p_lst[0].append(_run("a"))
    row.tc_lst[1].p_lst[0].append(_run("b"))
    path = tmp_path / "g.docx"
    d.save(path)
    t = only_table(read(path))
    assert sorted((c.col, c.text) for c in t.cells if c.row == 1) == [(1, "a"), (2, "b")]


def _run(text):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    r.append(t)
    return r


def test_deleted_text_and_field_codes_are_not_read(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("vizibil ")
    run = p.add_run()
    instr = OxmlElement("w:instrText")
    instr.text = "PAGE"
    run._r.append(instr)
    dele = OxmlElement("w:del")
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText")
    t.text = "șters"
    r.append(t)
    dele.append(r)
    p._p.append(dele)
    path = tmp_path / "d.docx"
    d.save(path)
    doc = read(path)
    assert doc.blocks[0].text == "vizibil "
