"""Word structures nobody here writes, built the way Word writes them (after docling's public
DOCX test files, tests/data/docx: word_tables, docx_rich_cells, docx_rich_tables_01,
docx_checkboxes, docx_sdt_table_cells, textbox, Strict): a table nested in a cell, a table in
a text box, content controls around tables, rows and cells, check boxes, a Strict Open XML
package -- and which errors are the file's and which are planuri's."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from conftest import build_docx, doc_spec, sha, table_spec
from planuri.extract import RawTable, TextBlock, extract
from planuri.extract.errors import ExtractError
from planuri.pipeline import Settings, process_file

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
DECLS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())


def xml(fragment: str) -> etree._Element:
    """An element from WordprocessingML text (namespace prefixes as Word writes them)."""
    return etree.fromstring(f"<root {DECLS}>{fragment}</root>")[0]


def read(path):
    return extract(path, sha(path))


def texts(table: RawTable) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows()]


def fill(table, rows):
    for row, values in zip(table.rows, rows):
        for cell, value in zip(row.cells, values):
            cell.text = value


# --------------------------------------------------------------------------- nested tables


def test_a_table_nested_in_a_cell_is_a_table_of_its_own_after_its_parent(tmp_path):
    # docx_rich_cells.docx, "Table with nested table"
    d = docx.Document()
    d.add_paragraph("Before table")
    parent = d.add_table(rows=3, cols=2)
    fill(parent, [["Column A", "Column B"], ["Simple cell upper left", "Simple cell with bold and italic text"]])
    left, right = parent.rows[2].cells
    inner = left.add_table(rows=2, cols=3)
    fill(inner, [["A", "B", "C"], ["Cell 1", "Cell 2", "Cell 3"]])
    right.text = "Rich cell"
    right.add_paragraph("A nested table")
    inner2 = right.add_table(rows=2, cols=3)
    fill(inner2, [["A", "B", "C"], ["Cell 1", "Cell 2", "Cell 3"]])
    d.add_paragraph("After table")
    last = d.add_table(rows=1, cols=2)
    fill(last, [["Last", "table"]])
    d.save(tmp_path / "nested.docx")

    doc = read(tmp_path / "nested.docx")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["TextBlock", "RawTable", "RawTable", "RawTable", "TextBlock", "RawTable"]
    parent_t, inner_t, inner2_t, last_t = doc.tables
    assert texts(parent_t)[2] == ["", "Rich cell\nA nested table"]  # the cell keeps its own paragraphs only
    assert texts(inner_t) == texts(inner2_t) == [["A", "B", "C"], ["Cell 1", "Cell 2", "Cell 3"]]
    assert texts(last_t) == [["Last", "table"]]
    notes = [(i.code, i.table_no, i.row_no) for i in doc.issues if i.code == "nested-table"]
    assert notes == [("nested-table", 1, 3), ("nested-table", 1, 3)]
    assert "table 2" in doc.issues[0].message and "column 1" in doc.issues[0].message


def test_a_plan_after_a_table_with_a_nested_one_keeps_its_rows(tmp_path):
    """The nested table is counted where it stands; the plans around it read whole."""
    spec = doc_spec(table_spec([["Acțiuni", "Responsabili", "Termen"]], [["1.1 Crearea", "DS", "2025"]]),
                    table_spec([["Acțiuni", "Responsabili", "Termen"]], [["2.1 Plasarea", "DSP", "2026"]]))
    path = build_docx(spec, tmp_path / "plans.docx")
    d = docx.Document(str(path))
    inner = d.tables[0].rows[1].cells[1].add_table(rows=1, cols=2)
    fill(inner, [["DS", "DRP"]])
    d.save(str(path))
    r = process_file(path, Settings())
    actions = r.frames["actions"]
    assert list(zip(actions.table_no, actions.action, actions.responsible)) == [
        (1, "Crearea", "DS"), (3, "Plasarea", "DSP")]
    assert r.n_tables == 3


# --------------------------------------------------------------------------- text boxes


TEXTBOX_TABLE = """
<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>
  <w:tr><w:tc><w:p><w:r><w:t>Acțiuni</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Termen</w:t></w:r></w:p></w:tc></w:tr>
  <w:tr><w:tc><w:p><w:r><w:t>1.1 Informarea</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl>"""


def textbox_paragraph(before: str, after: str) -> etree._Element:
    """A paragraph anchoring a text box that holds a caption and a table, as Word writes it:
    the DrawingML box (mc:Choice) and its VML copy (mc:Fallback)."""
    content = f"<w:txbxContent><w:p><w:r><w:t>Tabel în casetă</w:t></w:r></w:p>{TEXTBOX_TABLE}<w:p/></w:txbxContent>"
    return xml(f"""
<w:p><w:r><w:t xml:space="preserve">{before}</w:t></w:r>
  <w:r><mc:AlternateContent>
    <mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData
        uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx>{content}</wps:txbx>
      </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
    <mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>
  </mc:AlternateContent></w:r>
  <w:r><w:t xml:space="preserve">{after}</w:t></w:r></w:p>""")


def test_a_table_in_a_text_box_is_read_once_where_it_is_anchored(tmp_path):
    d = docx.Document()
    d.add_paragraph("Titlu")
    d.element.body.insert(1, textbox_paragraph("Înainte ", "după"))
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "ultimul tabel"
    d.save(tmp_path / "box.docx")

    doc = read(tmp_path / "box.docx")
    order = [b.text if isinstance(b, TextBlock) else texts(b) for b in doc.blocks]
    assert order == ["Titlu", "Înainte ", "Tabel în casetă", [["Acțiuni", "Termen"], ["1.1 Informarea", "2025"]],
                     "după", [["ultimul tabel"]]]


def test_a_text_box_in_a_cell_adds_its_lines_to_the_cell(tmp_path):
    d = docx.Document()
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "stânga"
    box = xml("""<w:p><w:r><w:t xml:space="preserve">text </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">
      <w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>din casetă</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing>
      </mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>din casetă</w:t></w:r></w:p>
      </w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>""")
    tc = table.cell(0, 1)._tc
    tc.remove(tc.p_lst[0])
    tc.append(box)
    d.save(tmp_path / "cellbox.docx")
    assert texts(read(tmp_path / "cellbox.docx").tables[0]) == [["stânga", "text \ndin casetă"]]


# --------------------------------------------------------------------------- content controls


def wrap_in_content_control(el: etree._Element) -> None:
    """Move ``el`` under a new w:sdt/w:sdtContent in its place (docx_sdt_table_cells.build.py)."""
    sdt = xml('<w:sdt><w:sdtPr><w:alias w:val="Valoare"/><w:id w:val="1024"/><w:text/></w:sdtPr><w:sdtContent/></w:sdt>')
    el.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(el)


def test_content_controls_around_cells_rows_and_tables_are_looked_through(tmp_path):
    d = docx.Document()
    d.add_paragraph("before")
    cover = d.add_table(rows=1, cols=1)
    cover.cell(0, 0).text = "Cover value"
    wrap_in_content_control(cover.rows[0].cells[0]._tc)          # w:sdt around a w:tc
    d.add_paragraph("between")
    props = d.add_table(rows=3, cols=3)
    fill(props, [["Owner", "A. Reviewer", "2026-09-04"], ["Status", "Draft", "2026-09-11"], ["Tip", "Plan", "2027"]])
    for row in props.rows[:2]:
        wrap_in_content_control(row.cells[1]._tc)                # a middle cell: the grid must not shift
    wrap_in_content_control(props.rows[2]._tr)                   # w:sdt around a w:tr
    wrapped = d.add_table(rows=1, cols=2)
    fill(wrapped, [["în", "control"]])
    wrap_in_content_control(wrapped._tbl)                        # w:sdt around a w:tbl
    d.add_paragraph("after")
    d.save(tmp_path / "sdt.docx")

    doc = read(tmp_path / "sdt.docx")
    order = [b.text if isinstance(b, TextBlock) else texts(b) for b in doc.blocks]
    assert order == ["before", [["Cover value"]], "between",
                     [["Owner", "A. Reviewer", "2026-09-04"], ["Status", "Draft", "2026-09-11"], ["Tip", "Plan", "2027"]],
                     [["în", "control"]], "after"]
    assert [(c.row, c.col) for c in doc.tables[1].cells] == [(r, c) for r in range(3) for c in range(3)]


# --------------------------------------------------------------------------- check boxes


def w14_box(checked: bool) -> str:
    glyph = "☒" if checked else "☐"
    return (f'<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="{int(checked)}"/>'
            '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" '
            f'w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r>'
            '</w:sdtContent></w:sdt>')


def legacy_box(default: int, checked: int | None = None) -> str:
    state = f'<w:checked w:val="{checked}"/>' if checked is not None else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/>'
            f'<w:checkBox><w:sizeAuto/><w:default w:val="{default}"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def sym(font: str, char: str) -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


BOXES = [  # (the box as Word writes it, what is read)
    (w14_box(True), "☒"), (w14_box(False), "☐"),
    (legacy_box(1), "☒"), (legacy_box(0), "☐"), (legacy_box(0, checked=1), "☒"), (legacy_box(1, checked=0), "☐"),
    (sym("Wingdings", "F0FE"), "☒"), (sym("Wingdings", "F0A8"), "☐"), (sym("Wingdings", "F0FD"), "☒"),
    (sym("Wingdings 2", "F054"), "☒"), (sym("Wingdings 2", "F0A3"), "☐"), (sym("MS Gothic", "2612"), "☒"),
    (sym("Wingdings", "F0D8"), ""),  # an arrow bullet: no box, no text
]


def test_check_boxes_in_cells_read_as_boxes(tmp_path):
    # docx_checkboxes.docx: "Choose as many as you like:" then one option a line, each behind its box
    d = docx.Document()
    table = d.add_table(rows=len(BOXES), cols=2)
    for row, (box, _want) in zip(table.rows, BOXES):
        row.cells[0].text = "Servicii"
        tc = row.cells[1]._tc
        tc.remove(tc.p_lst[0])
        tc.append(xml(f'<w:p>{box}<w:r><w:t xml:space="preserve"> Consiliere</w:t></w:r></w:p>'))
    d.save(tmp_path / "boxes.docx")
    got = [row[1] for row in texts(read(tmp_path / "boxes.docx").tables[0])]
    assert got == [f"{want} Consiliere" for _box, want in BOXES]


def test_a_check_box_in_a_paragraph_reads_too(tmp_path):
    d = docx.Document()
    d.element.body.insert(0, xml(f'<w:p>{legacy_box(1)}<w:r><w:t xml:space="preserve"> Design</w:t></w:r></w:p>'))
    d.save(tmp_path / "p.docx")
    assert read(tmp_path / "p.docx").blocks[0].text == "☒ Design"


# --------------------------------------------------------------------------- Strict Open XML


TO_STRICT = (  # how Word's "Strict Open XML Document" names what transitional files name
    (b"http://schemas.openxmlformats.org/wordprocessingml/2006/main", b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
     b"http://purl.oclc.org/ooxml/officeDocument/relationships"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
     b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties"),
    (b"http://schemas.openxmlformats.org/officeDocument/2006/math", b"http://purl.oclc.org/ooxml/officeDocument/math"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/main", b"http://purl.oclc.org/ooxml/drawingml/main"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
     b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing"),
    (b"http://schemas.openxmlformats.org/drawingml/2006/picture", b"http://purl.oclc.org/ooxml/drawingml/picture"),
)


def save_as_strict(path):
    """Rewrite a transitional DOCX as Word saves a Strict Open XML Document."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            if info.filename.endswith((".xml", ".rels")):
                for transitional, strict in TO_STRICT:
                    data = data.replace(transitional, strict)
                if info.filename == "word/document.xml":
                    data = data.replace(b"<w:document ", b'<w:document w:conformance="strict" ', 1)
            z.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def test_a_strict_open_xml_plan_reads_like_its_transitional_twin(tmp_path):
    spec = doc_spec({"p": "Plan de acțiuni pentru anii 2025-2027", "bold": True},
                    table_spec([["Acțiuni", "Responsabili", "Termen", "Costuri"]],
                               [["1.1 Crearea parteneriatelor", "[DS](mailto:ds@balti.md)", "2025", "3,0 mii lei"]]))
    plain = build_docx(spec, tmp_path / "plain.docx")
    strict = save_as_strict(build_docx(spec, tmp_path / "strict.docx"))
    with zipfile.ZipFile(strict) as z:
        assert b"schemas.openxmlformats.org/wordprocessingml" not in z.read("word/document.xml")
        assert b"purl.oclc.org" in z.read("_rels/.rels")
    a, b = read(plain), read(strict)
    assert [(type(x).__name__, getattr(x, "text", None)) for x in a.blocks] == \
        [(type(x).__name__, getattr(x, "text", None)) for x in b.blocks]
    assert a.tables[0].cells == b.tables[0].cells  # text, spans and hyperlinks
    assert [i.code for i in b.issues] == ["strict-ooxml"]
    r = process_file(strict, Settings())
    assert r.status == "ok" and list(r.frames["actions"]["action"]) == ["Crearea parteneriatelor"]


# --------------------------------------------------------------------------- whose error


def test_a_broken_docx_is_unreadable_and_a_bug_is_an_internal_error(tmp_path, monkeypatch):
    good = build_docx(doc_spec(table_spec([["Acțiuni", "Termen"]], [["1.1 A", "2025"]])), tmp_path / "good.docx")
    with zipfile.ZipFile(good) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as z:
        for info, data in parts:
            z.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    with pytest.raises(ExtractError) as e:
        read(broken)
    assert e.value.code == "unreadable-docx"

    import planuri.extract.word.reader as reader

    def bug(*args, **kwargs):
        raise KeyError("a bug in planuri")

    monkeypatch.setattr(reader, "table_from_xml", bug)
    with pytest.raises(KeyError):
        read(good)
    r = process_file(good, Settings())
    assert r.status == "failed" and r.error.startswith("internal-error: KeyError")


@pytest.mark.parametrize("misuse", ["unknown namespace prefix", "bad colour"])
def test_planuri_misusing_python_docx_is_an_internal_error_not_a_bad_file(tmp_path, monkeypatch, misuse):
    """A KeyError or ValueError raised inside python-docx because planuri called it wrongly is a bug:
    only the libraries' errors for a broken package (and a missing part) make ``unreadable-docx``."""
    from docx.oxml.ns import qn
    from docx.shared import RGBColor

    import planuri.extract.word.reader as reader

    good = build_docx(doc_spec(table_spec([["Acțiuni", "Termen"]], [["1.1 A", "2025"]])), tmp_path / "good.docx")

    def bug(*args, **kwargs):
        return qn("nosuchprefix:tbl") if misuse == "unknown namespace prefix" else RGBColor.from_string("zz")

    monkeypatch.setattr(reader, "table_from_xml", bug)
    with pytest.raises((KeyError, ValueError)):
        read(good)
    r = process_file(good, Settings())
    assert r.status == "failed" and r.error.startswith("internal-error:")


def test_a_docx_missing_a_part_it_names_is_unreadable(tmp_path):
    good = build_docx(doc_spec(table_spec([["Acțiuni", "Termen"]], [["1.1 A", "2025"]])), tmp_path / "good.docx")
    missing = tmp_path / "missing.docx"
    with zipfile.ZipFile(good) as z, zipfile.ZipFile(missing, "w") as out:
        for info in z.infolist():
            if info.filename != "word/styles.xml":
                out.writestr(info, z.read(info))
    with pytest.raises(ExtractError) as e:
        read(missing)
    assert e.value.code == "unreadable-docx" and "KeyError" in str(e.value)
