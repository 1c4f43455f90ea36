"""Rebuild the sample documents and their expected results from the transcriptions.

Each sample folder holds a ``source.yaml``: the content of one seed document
(``../shared/seeds``) transcribed by hand into blocks (paragraphs and tables,
cell by cell, with their merges).  From it this script writes:

* ``<name>.docx`` -- the document as a municipality would produce it in Word:
  real tables, header rows marked to repeat on every page, merged cells as real
  ``gridSpan`` / ``vMerge`` merges;
* ``<name>.pdf``  -- that DOCX exported by LibreOffice headless, so rows break
  across pages as in real exports;
* ``expected/actions.csv``, ``expected/costs.csv``, ``expected/issues.csv`` and
  ``expected/document.json`` -- what the pipeline must produce, derived from the
  transcription alone by the simple rules written below (never from the
  pipeline's output).

Usage::

    python samples/build_samples.py            # everything (needs LibreOffice for PDFs)
    python samples/build_samples.py --no-pdf   # DOCX and expected files only
    python samples/build_samples.py --check    # rebuild into a temp dir, compare with the committed files
"""

from __future__ import annotations

import argparse
import csv
import filecmp
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SAMPLES = Path(__file__).resolve().parent
FIXED_TIME = datetime(2024, 1, 1, tzinfo=timezone.utc)
CONTINUE = "^"  # a cell covered by the vertical merge of the cell above
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
CONTEXT_FIELDS = ("section", "domain", "general_objective", "specific_objective")
ACTION_COLUMNS = [
    "table_no", "row_no", "section", "general_objective", "specific_objective", "domain",
    "measure", "action_code", "action", "responsible", "partners", "deadline",
    "indicators", "result",
]
COST_COLUMNS = ["table_no", "row_no", "funding_source", "amount"]
ISSUE_COLUMNS = ["table_no", "row_no", "code"]


# --------------------------------------------------------------------------- spec


@dataclass(frozen=True)
class Cell:
    """One cell of a transcribed row: its text (paragraphs split by newlines) and span."""

    text: str
    span: int = 1
    covered: bool = False  # True: continues the vertical merge of the cell above


def parse_cell(raw) -> Cell:
    if raw is None:
        return Cell("")
    if raw == CONTINUE:
        return Cell("", covered=True)
    if isinstance(raw, dict):
        return Cell(str(raw.get("text", "")), int(raw.get("span", 1)))
    return Cell(str(raw))


def parse_row(raw, ncols: int, where: str) -> list[Cell]:
    cells = [parse_cell(c) for c in raw]
    width = sum(c.span for c in cells)
    if width != ncols:
        raise ValueError(f"{where}: row covers {width} grid columns, table has {ncols}: {raw!r}")
    return cells


def grid_positions(cells: list[Cell]) -> list[int]:
    pos, out = 0, []
    for c in cells:
        out.append(pos)
        pos += c.span
    return out


# --------------------------------------------------------------------------- text rules


def plain(text: str) -> str:
    """Document text without the ``**bold**`` markup of the transcription."""
    return text.replace("**", "")


def canonical(text: str | None) -> str:
    """The expected normalized text: paragraphs joined with a space, whitespace collapsed,
    cedilla s/t mapped to comma-below, NFC."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", plain(text))
    text = text.translate(str.maketrans("şţŞŢ", "șțȘȚ"))
    return " ".join(text.split())


# --------------------------------------------------------------------------- DOCX


def set_repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def add_runs(paragraph, text: str, bold: bool = False, size: float | None = None) -> None:
    parts = text.split("**")
    for i, part in enumerate(parts):
        if not part:
            continue
        run = paragraph.add_run(part)
        run.bold = bold or (i % 2 == 1)
        if size:
            run.font.size = Pt(size)


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


def build_table(doc, spec: dict, where: str):
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
        if kind == "header" or (kind == "numbers" and spec.get("numbers_repeat", True)):
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
            fill_cell(target, cell.text, size, bold=bold and kind == "header", align=align)
            if cell.span > 1:
                hmerges.append((r, col, cell.span))
    # pass 2: merges (horizontal first, then vertical over the merged cells)
    for r, col, span in hmerges:
        rows[r].cells[col].merge(rows[r].cells[col + span - 1])
    for start, end, col, span in collapse_vertical(vmerges):
        top = table.cell(start, col)
        bottom = table.cell(end, col + span - 1)
        top.merge(bottom)
    return table


def collapse_vertical(vmerges):
    """(start, row, col, span) per covered cell -> one (start, last_row, col, span) per merge."""
    last: dict[tuple[int, int, int], int] = {}
    for start, r, col, span in vmerges:
        key = (start, col, span)
        last[key] = max(last.get(key, r), r)
    return [(start, end, col, span) for (start, col, span), end in sorted(last.items())]


def heading_text(raw: dict) -> str:
    heading = raw["heading"]
    if isinstance(heading, list):
        return "\n".join(text for _, text in heading)
    return raw["text"]


def heading_segments(raw: dict) -> list[tuple[str | None, str]]:
    heading = raw["heading"]
    if isinstance(heading, list):
        return [(field, text) for field, text in heading]
    return [(heading, raw["text"])]


def build_docx(spec: dict, out: Path) -> None:
    doc = Document()
    layout = spec.get("layout", {})
    section = doc.sections[0]
    if layout.get("orientation", "landscape") == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    else:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(layout.get("margin", 1.5)))
    style = doc.styles["Normal"]
    style.font.name = layout.get("font", "Times New Roman")
    style.font.size = Pt(layout.get("size", 11))
    style.element.rPr.rFonts.set(qn("w:eastAsia"), style.font.name)
    style.paragraph_format.space_after = Pt(4)
    if layout.get("page_numbers", True):
        add_page_number_footer(section)

    for i, block in enumerate(spec["blocks"]):
        where = f"{spec['name']} block {i + 1}"
        if "table" in block:
            build_table(doc, block["table"], where)
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


# --------------------------------------------------------------------------- PDF


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


# --------------------------------------------------------------------------- expected


class Context:
    """Headings seen so far.  Setting a field drops every field set after it."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.values: dict[str, str] = {}

    def apply(self, field: str | None, text: str) -> None:
        if not field:
            return
        if field.endswith("+"):
            field = field[:-1]
            self.values[field] = canonical(self.values.get(field, "") + " " + text)
            if field not in self.order:
                self.order.append(field)
            return
        if field in self.order:
            for f in self.order[self.order.index(field):]:
                self.values.pop(f, None)
            self.order = self.order[: self.order.index(field)]
        self.order.append(field)
        self.values[field] = canonical(text)


def expected_for(spec: dict) -> tuple[list[dict], list[dict], list[dict], dict]:
    actions, costs, issues = [], [], []
    ctx = Context()
    table_no = n_action_tables = 0
    for block in spec["blocks"]:
        if "p" in block:
            ctx.apply(block.get("context"), str(block["p"]))
            continue
        if "table" not in block:
            continue
        table_no += 1
        t = block["table"]
        if t.get("kind", "plan") != "plan":
            continue
        n_action_tables += 1
        fields = t["fields"]
        ncols = len(t["widths"])
        header = [parse_row(r, ncols, "header") for r in t["header"]]
        sub_labels = header_sub_labels(header, fields)
        row_no = len(header) + (1 if t.get("numbers") else 0)
        above: dict[int, str] = {}  # grid col -> text of the cell currently open there
        for raw in t["rows"]:
            row_no += 1
            if isinstance(raw, dict) and "heading" in raw:
                for field, text in heading_segments(raw):
                    ctx.apply(field, text)
                above = {}
                continue
            code = raw.get("code") if isinstance(raw, dict) else None
            cells = parse_row(raw["cells"] if isinstance(raw, dict) else raw, ncols, "row")
            values: dict[str, str] = {}
            row_costs: list[tuple[str | None, str | None]] = []
            for cell, col in zip(cells, grid_positions(cells)):
                text = above.get(col, "") if cell.covered else cell.text
                above[col] = text
                field = fields[col]
                if field == "cost" and sub_labels.get(col):
                    if canonical(text):
                        source = " | ".join(sub_labels[c] for c in range(col, col + cell.span))
                        row_costs.append((source, canonical(text)))
                elif field:
                    values[field] = canonical(text)
            action_text = plain(values.get("action", ""))
            if code is not None:
                raw_action = next(c.text for c, col in zip(cells, grid_positions(cells))
                                  if fields[col] == "action")
                if not plain(raw_action).startswith(code):
                    raise ValueError(f"code {code!r} is not the start of {raw_action!r}")
                action_text = plain(raw_action)[len(code):]
                action_code = code.rstrip(".").strip()
            elif values.get("code"):
                action_code = values["code"].rstrip(".").strip()
            else:
                action_code = ""
            action_text = canonical(action_text)
            if "funding" in values or ("cost" in values and not sub_labels):
                funding, amount = values.get("funding", ""), values.get("cost", "")
                if funding or amount:
                    row_costs.append((funding or None, amount or None))
            if not action_text:
                issues.append({"table_no": table_no, "row_no": row_no, "code": "missing-action"})
                continue
            actions.append({
                "table_no": table_no, "row_no": row_no,
                **{f: ctx.values.get(f, "") for f in CONTEXT_FIELDS},
                "measure": values.get("measure", ""),
                "action_code": action_code, "action": action_text,
                **{f: values.get(f, "") for f in ("responsible", "partners", "deadline", "indicators", "result")},
                **({"specific_objective": values["specific_objective"]} if "specific_objective" in values else {}),
            })
            for source, amount in row_costs:
                costs.append({"table_no": table_no, "row_no": row_no,
                              "funding_source": source or "", "amount": amount or ""})
    document = {"n_tables": table_no, "n_action_tables": n_action_tables, "n_actions": len(actions)}
    return actions, costs, issues, document


def header_sub_labels(header: list[list[Cell]], fields: list[str]) -> dict[int, str]:
    """Grid col -> sub-header label for cost columns under a two-row group header."""
    if len(header) < 2:
        return {}
    out = {}
    for cell, col in zip(header[1], grid_positions(header[1])):
        if not cell.covered and fields[col] == "cost":
            out[col] = canonical(cell.text)
    return out


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})


# --------------------------------------------------------------------------- main


def load_spec(folder: Path) -> dict:
    spec = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    spec["name"] = folder.name
    return spec


def build(folder: Path, out_dir: Path, pdf: bool = True) -> None:
    spec = load_spec(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    docx = out_dir / f"{folder.name}.docx"
    build_docx(spec, docx)
    if pdf:
        build_pdf(docx, out_dir / f"{folder.name}.pdf")
    actions, costs, issues, document = expected_for(spec)
    write_csv(out_dir / "expected" / "actions.csv", ACTION_COLUMNS, actions)
    write_csv(out_dir / "expected" / "costs.csv", COST_COLUMNS, costs)
    write_csv(out_dir / "expected" / "issues.csv", ISSUE_COLUMNS, issues)
    (out_dir / "expected" / "document.json").write_text(json.dumps(document, indent=2) + "\n")


def sample_folders(names: list[str] | None = None) -> list[Path]:
    """Sample folders by name prefix; a name that is a folder holding a source.yaml is taken as is."""
    explicit = [Path(n).resolve() for n in names or [] if Path(n, "source.yaml").is_file()]
    folders = sorted(p.parent for p in SAMPLES.glob("*/source.yaml"))
    prefixes = [n for n in names or [] if not Path(n, "source.yaml").is_file()]
    if names:
        folders = [f for f in folders if any(f.name.startswith(n) for n in prefixes)]
    return explicit + folders


def pdf_page_texts(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def same_file(produced: Path, committed: Path) -> bool:
    """Byte-identical; for PDFs, the same text on the same pages is enough (another
    LibreOffice build may write the same layout with different bytes)."""
    if filecmp.cmp(produced, committed, shallow=False):
        return True
    return produced.suffix == ".pdf" and pdf_page_texts(produced) == pdf_page_texts(committed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("names", nargs="*", help="sample folder names, prefixes or paths (default: all)")
    ap.add_argument("--no-pdf", action="store_true", help="skip the LibreOffice PDF export")
    ap.add_argument("--check", action="store_true", help="rebuild in a temp dir and compare with the committed files")
    args = ap.parse_args(argv)
    folders = sample_folders(args.names)
    if not folders:
        print("no samples found", file=sys.stderr)
        return 2
    if not args.check:
        for folder in folders:
            build(folder, folder, pdf=not args.no_pdf)
            print(f"built {folder.name}")
        return 0
    different = []
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            out = Path(tmp, folder.name)
            build(folder, out, pdf=not args.no_pdf)
            for produced in sorted(p for p in out.rglob("*") if p.is_file()):
                committed = folder / produced.relative_to(out)
                if not committed.exists() or not same_file(produced, committed):
                    different.append(str(committed.relative_to(SAMPLES)))
    for name in different:
        print(f"differs from its transcription: {name}")
    return 1 if different else 0


if __name__ == "__main__":
    sys.exit(main())
