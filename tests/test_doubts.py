"""Doubts about an action row are issues on that row (normalize/doubts.py): a row repeating its table's
header labels or column numbers, a cell holding a heading's paragraph.  The row is kept as read."""

from __future__ import annotations

from conftest import build_docx, doc_spec, table_spec
from planuri.pipeline import Settings, process_file

HEADER = [["Nr.", "Acțiuni", "Responsabili", "Termen de realizare"]]


def doubts(tmp_path, rows):
    r = process_file(build_docx(doc_spec(table_spec(HEADER, rows)), tmp_path / "plan.docx"), Settings())
    assert r.status == "ok", r.error
    issues = r.frames["issues"]
    found = issues[issues["code"].isin(["header-text-in-row", "heading-in-cell"])]
    return r.frames["actions"], sorted(zip(found["code"], found["row_no"]))


def test_a_row_repeating_header_labels_or_column_numbers_is_doubted_and_kept(tmp_path):
    actions, found = doubts(tmp_path, [
        ["1", "Informarea cetățenilor", "Primăria", "2025"],
        ["", "Acțiuni", "Responsabili", ""],  # the second half of a header cut by a page break
        ["", "2", "3", "Trimestrul I"],  # the column numbers, one cell overwritten
        ["2", "Organizarea campaniilor", "DAS", "2026"],
    ])
    assert found == [("header-text-in-row", 3), ("header-text-in-row", 4)]
    assert "Acțiuni" in list(actions["action"])  # kept as read: the issue says where to look


def test_a_heading_paragraph_inside_a_cell_is_doubted_but_a_sentence_going_on_is_not(tmp_path):
    actions, found = doubts(tmp_path, [
        ["1", "Informarea cetățenilor.\nOBIECTIV SPECIFIC 2: Creșterea accesului la servicii", "Primăria", "2025"],
        ["2", "Organizarea campaniilor în\nobiectiv specific al planului", "DAS", "2026"],
        ["3", "Sprijinirea familiilor conform cu,\nObiectiv specific 3 din strategie", "DAS", "2026"],
        ["4", "Consilierea părinților", "DAS", "2027"],
    ])
    assert found == [("heading-in-cell", 2)]
    assert len(actions) == 4
