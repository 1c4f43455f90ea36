"""source.yaml -> DOCX (python-docx: real merged cells, repeated header rows) -> PDF (LibreOffice).

Both outputs are reproducible byte for byte: fixed zip timestamps and core properties in
the DOCX, fixed dates, checksum and ID in the PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime, timezone
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sample_spec import Cell, grid_positions, heading_text, parse_row

FIXED_TIME = datetime(2024, 1, 1, tzinfo=timezone.utc)
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def set_repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def add_runs(paragraph, text: str, bold: bool = False, size: float | None = None) -> None:
    """Runs of a paragraph: ``**bold**`` and ``[text](url)`` hyperlinks (mailto:, http…)."""
    parts = text.split("**")
    for i, part in enumerate(parts):
        position = 0
        for m in list(LINK.finditer(part)) + [None]:
            plain_text = part[position:m.start() if m else len(part)]
            if plain_text:
                _run(paragraph.add_run(plain_text), bold or i % 2 == 1, size)
            if m:
                add_hyperlink(paragraph, m.group(1), m.group(2), bold or i % 2 == 1, size)
                position = m.end()


def _run(run, bold: bool, size: float | None):
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return run


def add_hyperlink(paragraph, text: str, url: str, bold: bool, size: float | None) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = _run(paragraph.add_run(text), bold, size)
    link.append(run._r)  # move the run inside the hyperlink
    paragraph._p.append(link)


def fill_cell(cell, text: str, size: float, bold: bool = False, align: str | None = None) -> None:
    paragraphs = text.split("\n") if text else [""]
    first = True
    for para_text in paragraphs:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.paragraph_format.space_before = Pt(0)
        p.paragraph_format.space_after = Pt(0)
        if align:
            p.alignment = ALIGN[align]
        add_runs(p, para_text, bold=bold, size=size)


def build_table(doc, spec: dict, where: str, borders: bool = True, style=None):
    """A table of the transcription.  ``style`` (a ``layout_spec.Style``, for the layout generator)
    sets its borders, header shading, repeated header rows and the alignment of its body cells."""
    widths = spec["widths"]
    ncols = len(widths)
    size = spec.get("size", 9)
    header = [parse_row(r, ncols, f"{where} header") for r in spec.get("header", [])]
    numbers = parse_row(spec["numbers"], ncols, f"{where} numbers") if spec.get("numbers") else None
    body: list[tuple[str, list[Cell]]] = []
    for i, raw in enumerate(spec.get("rows", [])):
        here = f"{where} row {i + 1}"
        if isinstance(raw, dict) and "heading" in raw:
            body.append(("heading", [Cell(heading_text(raw), ncols)]))
        elif isinstance(raw, dict):
            body.append(("data", parse_row(raw["cells"], ncols, here)))
        else:
            body.append(("data", parse_row(raw, ncols, here)))

    all_rows = [("header", r) for r in header]
    if numbers:
        all_rows.append(("numbers", numbers))
    all_rows += body

    table = doc.add_table(rows=len(all_rows), cols=ncols)
    if borders:  # without: Word's default "Normal Table" style, which draws no rules
        table.style = "Table Grid"
    table.autofit = False
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    rows = table.rows
    # pass 1: text and widths, remembering merges
    hmerges, vmerges = [], []
    open_v: dict[int, int] = {}  # grid col -> row index where its vertical merge starts
    for r, (kind, cells) in enumerate(all_rows):
        repeat = style is None or style.repeat_header
        if repeat and (kind == "header" or (kind == "numbers" and spec.get("numbers_repeat", True))):
            set_repeat_header(rows[r])
        for cell, col in zip(cells, grid_positions(cells)):
            target = rows[r].cells[col]
            target.width = Cm(sum(widths[col:col + cell.span]))
            if cell.covered:
                if col not in open_v:
                    raise ValueError(f"{where}: '^' at row {r + 1} col {col + 1} has no cell above")
                vmerges.append((open_v[col], r, col, cell.span))
                continue
            open_v[col] = r
            bold = kind in ("header", "heading")
            align = "center" if kind in ("header", "numbers") else None
            if style is not None and kind == "data":
                align = None if style.align == "left" else style.align
            fill_cell(target, cell.text, size, bold=bold and kind == "header", align=align)
            if style is not None:
                dress_cell(target, kind, style)
            if cell.span > 1:
                hmerges.append((r, col, cell.span))
    # pass 2: merges (horizontal first, then vertical over the merged cells)
    for r, col, span in hmerges:
        rows[r].cells[col].merge(rows[r].cells[col + span - 1])
    for start, end, col, span in collapse_vertical(vmerges):
        top = table.cell(start, col)
        bottom = table.cell(end, col + span - 1)
        top.merge(bottom)
    if style is not None and borders:
        set_borders(table, style.borders)
    return table


def _tc_pr_child(cell, tag: str):
    tc_pr = cell._tc.get_or_add_tcPr()
    el = tc_pr.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        tc_pr.append(el)
    return el


def dress_cell(cell, kind: str, style) -> None:
    """Shading of header cells, vertical alignment of body cells."""
    if kind == "header" and style.header_fill:
        shd = _tc_pr_child(cell, "w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), style.header_fill)
    if kind == "data" and style.valign != "top":
        _tc_pr_child(cell, "w:vAlign").set(qn("w:val"), style.valign)


BORDERS = {  # style -> (outer (val, eighths of a point), inner)
    "single": (("single", 4), ("single", 4)),
    "double": (("double", 4), ("single", 4)),
    "thick": (("single", 18), ("single", 4)),
}


def set_borders(table, kind: str) -> None:
    """The table's own borders (over its style's): a double or thick outer frame."""
    (outer, outer_size), (inner, inner_size) = BORDERS[kind]
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        val, size = (inner, inner_size) if side.startswith("inside") else (outer, outer_size)
        el = OxmlElement(f"w:{side}")
        for key, value in (("val", val), ("sz", str(size)), ("space", "0"), ("color", "000000")):
            el.set(qn(f"w:{key}"), value)
        borders.append(el)
    tbl_pr.append(borders)


def collapse_vertical(vmerges):
    """(start, row, col, span) per covered cell -> one (start, last_row, col, span) per merge."""
    last: dict[tuple[int, int, int], int] = {}
    for start, r, col, span in vmerges:
        key = (start, col, span)
        last[key] = max(last.get(key, r), r)
    return [(start, end, col, span) for (start, col, span), end in sorted(last.items())]


def build_docx(spec: dict, out: Path, borders: bool = True, style=None) -> None:
    """The transcription as a DOCX; ``borders=False`` writes every table with its rules turned off.
    ``style`` (a ``layout_spec.Style``) overrides the page, fonts and table dress (layout generator)."""
    doc = Document()
    layout = spec.get("layout", {})
    section = doc.sections[0]
    if style is not None:
        set_page(section, style)
    elif layout.get("orientation", "landscape") == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if style is None:
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(layout.get("margin", 1.5)))
    normal = doc.styles["Normal"]
    normal.font.name = style.font if style is not None else layout.get("font", "Times New Roman")
    normal.font.size = Pt(style.size if style is not None else layout.get("size", 11))
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), normal.font.name)
    normal.paragraph_format.space_after = Pt(4)
    if style.page_numbers if style is not None else layout.get("page_numbers", True):
        add_page_number_footer(section)
    if style is not None and style.running_header:
        section.header.paragraphs[0].text = style.running_header

    for i, block in enumerate(spec["blocks"]):
        where = f"{spec['name']} block {i + 1}"
        if "table" in block:
            table = build_table(doc, block["table"], where, borders, style)
            if style is not None and style.hand_edit:
                from word_edits import hand_edit

                hand_edit(table, style.rng(i))
            doc.add_paragraph()  # Word keeps a paragraph between two tables
        elif "p" in block:
            p = doc.add_paragraph()
            if block.get("align"):
                p.alignment = ALIGN[block["align"]]
            for j, line in enumerate(str(block["p"]).split("\n")):
                if j:
                    p.add_run().add_break()
                add_runs(p, line, bold=block.get("bold", False), size=block.get("size"))
        elif block.get("page_break"):
            doc.add_page_break()
        else:
            raise ValueError(f"{where}: unknown block {block!r}")

    props = doc.core_properties
    props.author = "planuri samples"
    props.title = spec.get("title", spec["name"])
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "planuri samples"
    props.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    out.write_bytes(deterministic_zip(buf.getvalue()))


def set_page(section, style) -> None:
    width, height = style.page_size
    section.orientation = WD_ORIENT.LANDSCAPE if style.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side, cm in zip(("top_margin", "right_margin", "bottom_margin", "left_margin"), style.margins):
        setattr(section, side, Cm(cm))


def add_page_number_footer(section) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def deterministic_zip(data: bytes) -> bytes:
    """Rewrite a DOCX zip with fixed member timestamps so rebuilding gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def soffice_binary() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def build_pdf(docx: Path, out: Path) -> None:
    binary = soffice_binary()
    if binary is None:
        raise SystemExit("LibreOffice is needed for the PDFs: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="planuri-lo-") as tmp:
        profile = Path(tmp, "profile").as_uri()
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(FIXED_TIME.timestamp())), TZ="UTC")
        subprocess.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, str(docx)],
            check=True, capture_output=True, timeout=300, env=env,
        )
        produced = Path(tmp, docx.with_suffix(".pdf").name)
        out.write_bytes(strip_pdf_dates(produced.read_bytes()))


def strip_pdf_dates(data: bytes) -> bytes:
    """Fix the dates, checksum and file ID LibreOffice writes, keeping every offset intact."""
    def fixed_date(m: re.Match) -> bytes:
        return m.group(1) + b"(D:20240101000000Z" + b" " * (len(m.group(2)) - 17) + b")"

    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*)\((D:[^)]*)\)", fixed_date, data)
    data = re.sub(rb"/DocChecksum\s*/([0-9A-Fa-f]+)",
                  lambda m: b"/DocChecksum /" + b"0" * len(m.group(1)), data)
    return re.sub(rb"(/ID\s*\[\s*)<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>",
                  lambda m: m.group(1) + b"<" + b"0" * 32 + b"> <" + b"0" * 32 + b">", data)

