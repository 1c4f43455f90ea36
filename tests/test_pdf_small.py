"""Tiny documents built in the test: DOCX with python-docx, PDF with LibreOffice.
The PDF must give the same logical tables and actions as the DOCX it was exported from."""

from __future__ import annotations

import pytest

from conftest import build_docx, convert_to_pdf, doc_spec, sha, table_spec
from planuri.extract import extract
from planuri.normalize import normalize_document

LONG = "\n".join(f"Număr de indicatori realizați în anul {2000 + i}" for i in range(70))

CASES = {
    "vmerge": doc_spec(table_spec(
        [["Activități (obiective specifice)", "Acțiuni", "Termen de realizare"]],
        [["1. Primul obiectiv", "1.1. Prima acțiune", "2025"], ["^", "1.2. A doua acțiune", "2026"],
         ["^", "1.3. A treia acțiune", "2027"], ["2. Al doilea obiectiv", "2.1. Acțiune", "2025"]],
    )),
    "hmerge": doc_spec(table_spec(
        [["Acțiuni specifice", {"text": "Costuri, lei", "span": 3}, "Indicatori"],
         ["^", "surse bugetare", "surse ale donatorilor/ ONG", "surse ale beneficiarilor", "^"]],
        [["1.1.1 Încheierea acordurilor", {"text": "în limita resurselor financiare disponibile", "span": 3}, "Număr"],
         ["1.1.2 Sprijinirea inițiativelor", "", "150,000.00", "", "Număr"]],
        numbers=["1", "2", "3", "4", "5"],
    )),
    # a cell of 70 lines cannot fit under the header of page 1: its row breaks across pages
    "split_row": doc_spec(table_spec(
        [["Nr.", "Acțiuni", "Termen limită de realizare", "Indicatori"]],
        [["1.1", "Elaborarea analizei", "2023", "Analiza elaborată"],
         ["1.2", "Asigurarea convocării grupului de lucru", "Anual, 2023-2025", LONG],
         ["1.3", "Organizarea campaniilor", "2024", "Număr de campanii"]],
        widths=[2, 8, 5, 11],
    )),
    # 60 rows: three pages, the header repeated at the top of each
    "repeated_header": doc_spec(table_spec(
        [["Nr.", "Acțiuni", "Termene de realizare", "Parteneri"]],
        [[f"{i // 10 + 1}.{i % 10 + 1}", f"Acțiunea numărul {i}", "2025-2027", "ONG locale"] for i in range(60)],
    )),
    "cedilla": doc_spec(table_spec(
        [["Acţiuni", "Instituţii responsabile", "Termen"]],
        [["1.1 Informarea populaţiei", "Direcţia sănătate", "2025"]],
    )),
    "no_diacritics": doc_spec(table_spec(
        [["Actiuni", "Institutii responsabile", "Termene de realizare"]],
        [["1.1 Informarea populatiei", "Directia sanatate", "2025"]],
    )),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny")
    docx = [build_docx(spec, folder / f"{name}.docx") for name, spec in CASES.items()]
    convert_to_pdf(docx, folder)
    return folder


def both(built, name):
    out = {}
    for fmt in ("docx", "pdf"):
        path = built / f"{name}.{fmt}"
        doc = extract(path, sha(path))
        out[fmt] = (doc, normalize_document(doc))
    return out


def action_fields(norm):
    return [{k: v for k, v in a.items() if k not in ("page_start", "page_end")} for a in norm.actions]


@pytest.mark.parametrize("name", sorted(CASES))
def test_pdf_gives_the_docx_actions(built, name):
    r = both(built, name)
    assert action_fields(r["pdf"][1]) == action_fields(r["docx"][1])
    assert r["pdf"][1].actions, "no actions found"


def test_vertical_merge_in_pdf(built):
    doc, norm = both(built, "vmerge")["pdf"]
    [table] = doc.tables
    merged = table.grid()[1][0]
    assert (merged.row, merged.row_span, merged.text) == (1, 3, "1. Primul obiectiv")
    assert [a["specific_objective"] for a in norm.actions] == ["1. Primul obiectiv"] * 3 + ["2. Al doilea obiectiv"]


def test_horizontal_merge_in_pdf(built):
    doc, norm = both(built, "hmerge")["pdf"]
    [table] = doc.tables
    merged = [c for c in table.cells if "în limita" in c.text]
    assert len(merged) == 1 and merged[0].col_span == 3
    assert norm.costs[0]["funding_source"] == "surse bugetare | surse ale donatorilor/ ONG | surse ale beneficiarilor"


def test_row_split_across_pages_is_one_action(built):
    doc, norm = both(built, "split_row")["pdf"]
    [table] = doc.tables
    assert len(table.provenance.pages) >= 2 and table.n_rows == 4
    split = norm.actions[1]
    assert split["action_code"] == "1.2" and split["page_end"] > split["page_start"]
    assert split["indicators"] == " ".join(LONG.split("\n"))
    assert any(n.action == "merged-split-row" for n in table.notes)


def test_repeated_header_is_dropped(built):
    doc, norm = both(built, "repeated_header")["pdf"]
    [table] = doc.tables
    assert len(table.provenance.pages) >= 2
    assert sum(n.action == "dropped-header" for n in table.notes) == len(table.provenance.pages) - 1
    assert table.n_rows == 61 and len(norm.actions) == 60
    assert [a["row_no"] for a in norm.actions] == list(range(2, 62))
