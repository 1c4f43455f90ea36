"""The review report (planuri report OUT) and the cells' boxes it draws: a tiny plan built in the
test as DOCX, PDF (LibreOffice) and scan, run through the pipeline, reported, and opened in
headless Chromium, whose screenshot must show the page with the cells' boxes in their roles'
colours."""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from conftest import build_docx, convert_to_pdf, doc_spec, have, require_tesseract, table_spec
from planuri.pipeline import Settings, process_file
from planuri.report import write_report
from planuri.report.assets import HIGHLIGHT, ROLE_COLOURS
from planuri.report.data import TableView, document_views, place_issue, read_output
from planuri.writer import Output

HEADING = "I. PREVENIREA EXCLUDERII SOCIALE"
ROWS = [
    {"heading": "section", "text": HEADING},
    ["1.1.1 Încheierea acordurilor de colaborare cu partenerii locali", "Primăria", "2025-2027",
     {"text": "în limita resurselor financiare disponibile", "span": 2}, "Număr de acorduri"],
    ["1.1.2 Sprijinirea inițiativelor comunitare de mobilizare", "Primăria", "2026", "150,000.00", "", "Număr de inițiative"],
    ["", "", "2027", "", "", "Număr de grupuri"],  # no action text: a missing-action issue on a record's row
    ["", "", "", "", "", ""],  # an empty row: an issue on a row that is no record
    ["1.1.3 Organizarea instruirilor pentru specialiști", "Direcția asistență socială", "2025", "", "20,000.00",
     "Număr de specialiști instruiți"],
]
HEADER = [["Acțiuni specifice", "Structuri responsabile", "Termene de realizare",
           {"text": "Costuri, lei", "span": 2}, "Indicatori"],
          ["^", "^", "^", "surse bugetare", "surse ale donatorilor", "^"]]


def plan_spec() -> dict:
    table = table_spec(HEADER, ROWS, widths=[7.0, 4.0, 3.0, 3.0, 3.0, 5.0], size=10)
    return doc_spec({"p": "PLANUL DE ACȚIUNI pentru anii 2025-2027", "bold": True}, table)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The plan as DOCX, PDF and (when tesseract is here) scan, through the pipeline and reported."""
    from sample_variants import build_scan

    folder = tmp_path_factory.mktemp("report")
    docx = build_docx(plan_spec(), folder / "plan.docx")
    convert_to_pdf([docx], folder)
    files = {"docx": docx, "pdf": folder / "plan.pdf"}
    if have("tesseract") and have("pdftoppm"):
        build_scan(files["pdf"], folder / "plan-scan.pdf")
        files["scan"] = folder / "plan-scan.pdf"
    out = folder / "output"
    ids = {}
    for form, path in files.items():
        result = process_file(path, Settings())
        assert result.status == "ok", (form, result.error)
        Output(out).write_document(result.doc_id, result.frames)
        ids[form] = result.doc_id
    index = write_report(out)
    return {"out": out, "ids": ids, "index": index, "files": files}


def doc_page(run, form: str) -> Path:
    return run["out"] / "report" / run["ids"][form] / "index.html"


# --- the cells' boxes and roles -------------------------------------------------------------

def test_pdf_cells_have_boxes_holding_their_text_and_word_cells_none(run):
    import pdfplumber

    cells = pd.read_parquet(run["out"] / "cells")
    cells["doc_id"] = cells["doc_id"].astype(str)
    word = cells[cells["doc_id"] == run["ids"]["docx"]]
    assert len(word) and word[["x0", "y0", "x1", "y1"]].isna().all().all()
    pdf = cells[cells["doc_id"] == run["ids"]["pdf"]]
    assert len(pdf) and pdf[["x0", "y0", "x1", "y1"]].notna().all().all()
    with pdfplumber.open(run["files"]["pdf"]) as document:
        for cell in pdf.itertuples():
            page = document.pages[cell.page - 1]
            assert 0 <= cell.x0 < cell.x1 <= page.width and 0 <= cell.y0 < cell.y1 <= page.height
            if cell.text.strip():
                inside = page.crop((cell.x0 - 1, cell.y0 - 1, cell.x1 + 1, cell.y1 + 1)).extract_text()
                assert cell.text.split()[0] in inside, (cell.text, inside)


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_cells_take_the_role_of_their_row_and_column(run, form):
    cells = pd.read_parquet(run["out"] / "cells")
    cells = cells[cells["doc_id"].astype(str) == run["ids"][form]]
    role = {" ".join(t.split()): r for t, r in zip(cells["text"], cells["role"]) if t.strip()}
    assert role["Acțiuni specifice"] == role["surse bugetare"] == "header"
    assert role[HEADING] == "heading"
    assert role["1.1.2 Sprijinirea inițiativelor comunitare de mobilizare"] == role["Primăria"] == "action"
    assert role["150,000.00"] == role["în limita resurselor financiare disponibile"] == role["20,000.00"] == "cost"
    assert set(cells["role"]) >= {"header", "heading", "action", "cost", "unassigned"}  # the empty row: unassigned


# --- the report's data and pages ------------------------------------------------------------

class Elements(HTMLParser):
    """Each element's attributes, by id, and every element's attributes in order."""

    def __init__(self):
        super().__init__()
        self.all: list[tuple[str, dict]] = []
        self.ids: dict[str, dict] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.all.append((tag, a))
        if "id" in a:
            assert a["id"] not in self.ids, f"duplicate id {a['id']}"
            self.ids[a["id"]] = a


def elements(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_every_action_points_at_the_cells_of_its_row(run, form):
    data = read_output(run["out"])
    view = next(v for v in document_views(data) if v.doc["doc_id"] == run["ids"][form])
    cells = {c.id: c for t in view.tables for c in t.cells}
    page = elements(doc_page(run, form))
    records = [r for t in view.tables for r in t.records]
    assert len(records) == view.doc["n_actions"] == 4
    for record in records:
        assert record.cell_ids, record
        assert all(cells[i].covers_row(record.row_no) and cells[i].table_no == record.table_no for i in record.cell_ids)
        shown = page.ids[record.id]
        assert shown["data-cells"].split() == record.cell_ids
        assert all(i in page.ids for i in record.cell_ids)  # every cell named is drawn
        for i in record.cell_ids:
            assert record.id in page.ids[i]["data-recs"].split()


@pytest.mark.parametrize("form", ["docx", "pdf"])
def test_every_issue_is_listed_once_beside_its_row(run, form):
    issues = pd.read_parquet(run["out"] / "issues")
    issues = issues[issues["doc_id"].astype(str) == run["ids"][form]]
    text = doc_page(run, form).read_text(encoding="utf-8")
    listed = re.findall(r'<li class="sev-\w+" data-code="([a-z0-9-]+)"', text)
    assert sorted(listed) == sorted(issues["code"])
    # the missing action's issue sits in its record's item, the empty row's under the table
    data = read_output(run["out"])
    view = next(v for v in document_views(data) if v.doc["doc_id"] == run["ids"][form])
    missing = next(r for t in view.tables for r in t.records if r.fields.get("action") is None)
    assert [i["code"] for i in missing.issues] == ["missing-action"]
    item = text[text.index(f'id="{missing.id}"'):]
    item = item[:item.index('<li class="rec"')] if '<li class="rec"' in item else item
    assert 'data-code="missing-action"' in item
    assert any(i["code"] == "empty-row" for t in view.tables for i in t.issues)


def test_an_issue_of_no_known_row_goes_to_its_table_or_the_document():
    tables, records, doc = {1: TableView(1, [])}, {}, []
    place_issue({"table_no": 1, "row_no": 3}, records, tables, doc)
    place_issue({"table_no": 9, "row_no": None}, records, tables, doc)
    place_issue({"table_no": None, "row_no": None}, records, tables, doc)
    assert len(tables[1].issues) == 1 and len(doc) == 2


def test_index_lists_every_document_with_working_links(run):
    page = elements(run["index"])
    documents = pd.read_parquet(run["out"] / "documents")
    rows = [a for tag, a in page.all if tag == "tr" and a.get("id", "").startswith("d")]
    assert sorted(r["id"][1:] for r in rows) == sorted(documents["doc_id"].astype(str))
    links = [a["href"] for tag, a in page.all if tag == "a"]
    assert links and all((run["index"].parent / href).exists() for href in links)
    assert all(not re.match(r"^[a-z]+://", href) for href in links)  # nothing on the network


def test_page_images_are_written_once_and_loaded_lazily(run):
    folder = doc_page(run, "pdf").parent
    images = sorted(folder.glob("page-*.jpg"))
    assert images
    stamps = [p.stat().st_mtime_ns for p in images]
    write_report(run["out"])
    assert [p.stat().st_mtime_ns for p in images] == stamps
    tags = [a for tag, a in elements(doc_page(run, "pdf")).all if tag == "img"]
    assert len(tags) == len(images) and all(a["loading"] == "lazy" and a["width"] and a["height"] for a in tags)


def test_report_command(run, tmp_path):
    from planuri.cli import main

    assert main(["report", str(run["out"])]) == 0
    assert main(["report", str(tmp_path / "nothing")]) == 2


# --- in a real browser ----------------------------------------------------------------------

def chromium() -> str:
    import html_render

    binary = html_render.chromium_binary()
    if binary is None:
        if os.environ.get("PLANURI_REQUIRE_CHROMIUM"):
            pytest.fail("Chromium is required here (apt-get install chromium)")
        pytest.skip("Chromium not installed (apt-get install chromium): the report is not opened in a browser")
    return binary


def screenshot(page: Path, target: Path, fragment: str = "") -> "Image":
    import html_render
    from PIL import Image

    subprocess.run([chromium(), *html_render.CHROMIUM_FLAGS, "--hide-scrollbars", "--window-size=1400,900",
                    "--virtual-time-budget=5000", f"--screenshot={target}", page.as_uri() + fragment],
                   check=True, capture_output=True, timeout=120)
    return Image.open(target).convert("RGB")


def colour_pixels(image, colour: str, tolerance: int = 40) -> int:
    import numpy as np

    want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image).astype(int)
    return int((np.abs(pixels - want).max(axis=2) <= tolerance).sum())


def dark_pixels(image) -> int:
    import numpy as np

    return int((np.asarray(image.convert("L")) < 80).sum())


@pytest.mark.parametrize("form", ["pdf", "scan", "docx"])
def test_the_document_page_shows_the_cells_in_their_roles_colours(run, form, tmp_path):
    chromium()
    if form == "scan" and "scan" not in run["ids"]:
        require_tesseract()
        pytest.skip("pdftoppm not installed: no scan to report")
    shot = screenshot(doc_page(run, form), tmp_path / f"{form}.png")
    pages = shot.crop((0, 120, int(shot.width * 0.62), shot.height))  # the pages' column, under the title
    for role in ("header", "heading", "action", "cost"):
        assert colour_pixels(pages, ROLE_COLOURS[role]) > 300, role
    assert dark_pixels(pages) > 800  # the page's (or the HTML table's) text
    assert colour_pixels(shot, HIGHLIGHT) == 0


def test_an_action_addressed_by_the_page_address_is_lit(run, tmp_path):
    chromium()
    data = read_output(run["out"])
    view = next(v for v in document_views(data) if v.doc["doc_id"] == run["ids"]["pdf"])
    record = view.tables[0].records[0]
    shot = screenshot(doc_page(run, "pdf"), tmp_path / "lit.png", f"#{record.id}")
    left, right = shot.crop((0, 0, int(shot.width * 0.62), shot.height)), shot.crop((int(shot.width * 0.63), 0, shot.width, shot.height))
    assert colour_pixels(left, HIGHLIGHT) > 500  # its cells over the page
    assert colour_pixels(right, "#fff4b0", 6) > 2000  # its item in the list
