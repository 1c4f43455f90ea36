"""Real published PDFs (tests/data/real/, copied from ../shared/real/: see its README.md and SOURCES.tsv): three decisions of a
Moldovan village council and a Romanian LEADER group's calendar.  None holds an action plan;
they are what Word and the signing tools of a village hall really produce: a bilingual
letterhead, a title with its letters spaced out, shaded header cells, a table over four pages."""

from __future__ import annotations

import datetime
from functools import lru_cache
from pathlib import Path

import pytest

from planuri.extract.ruled.grid import GridSpan, unneeded_columns
from planuri.pipeline import process_file
from planuri.extract.ro_text import fold

REAL = Path(__file__).resolve().parent / "data" / "real"

DECISIONS = {
    "md-pociumbauti-decizia-06-04-taxe.pdf": "06/04",
    "md-pociumbauti-decizia-06-05-impozite.pdf": "06/05",
    "md-pociumbauti-decizia-06-06-buget.pdf": "06/06",
}
CALENDAR = "ro-gal-dobrogea-calendar-estimativ-an2.pdf"


@lru_cache(maxsize=None)
def result(name: str):
    return process_file(REAL / name)


def tables(name: str) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for cell in result(name).frames["cells"].to_dict("records"):
        out.setdefault(int(cell["table_no"]), []).append(cell)
    return out


def column_texts(cells: list[dict], rows: range) -> list[str]:
    """The text of each grid column over the given (1-based) rows."""
    n_cols = max(c["col"] + c["col_span"] - 1 for c in cells)
    return [" ".join(c["text"].strip() for c in sorted(cells, key=lambda c: c["row"])
                     if c["row"] in rows and c["col"] == col) for col in range(1, n_cols + 1)]


@pytest.mark.parametrize("name, number", DECISIONS.items())
def test_the_act_details_of_a_moldovan_village_council_decision(name, number):
    r = result(name)
    doc = r.frames["documents"].iloc[0]
    assert r.status == "no-action-plan"
    assert (doc["country"], doc["act_type"], doc["act_number"]) == ("MD", "decizie", number)
    assert doc["act_date"] == datetime.date(2025, 12, 12)
    assert fold(doc["issuer"]) == "consiliul satesc pociumbauti"


def test_the_calendar_is_romanian_and_holds_no_action_plan():
    r = result(CALENDAR)
    assert r.status == "no-action-plan"
    assert r.frames["documents"].iloc[0]["country"] == "RO"


@pytest.mark.parametrize("name", [*DECISIONS, CALENDAR])
def test_no_table_holds_a_grid_column_no_cell_needs(name):
    for table_no, cells in tables(name).items():
        n_rows = max(c["row"] + c["row_span"] - 1 for c in cells)
        n_cols = max(c["col"] + c["col_span"] - 1 for c in cells)
        spans = [GridSpan(c["row"] - 1, c["col"] - 1, c["row_span"], c["col_span"], bool(c["text"].strip()))
                 for c in cells]
        starts_or_ends = {k for s in spans for k in (s.col, s.col + s.col_span)}
        assert starts_or_ends == set(range(n_cols + 1)), (name, table_no)
        assert unneeded_columns(spans, n_rows, n_cols) == set(), (name, table_no)
    issues = result(name).frames["issues"]
    # what was merged is said (shading is left out before the grid is made, so it may make none)
    assert set(issues[issues["code"] == "unneeded-grid-column"]["severity"]) <= {"info"}


def test_a_header_cell_shaded_line_by_line_is_no_table_of_its_own():
    name = "md-pociumbauti-decizia-06-04-taxe.pdf"
    holding = [n for n, cells in tables(name).items() if any(fold(c["text"]).startswith("cota taxei anuale") for c in cells)]
    assert len(holding) == 1  # the tax-rates annex, not also a box of the shading inside its header cell
    issues = result(name).frames["issues"]
    # the box is shading (left out before the grid is made) or, drawn with rules, dropped with an info issue
    assert set(issues[issues["code"] == "box-inside-table"]["page"]) <= {4}


def test_the_budget_annex_has_its_three_columns():
    found = []
    for cells in tables("md-pociumbauti-decizia-06-06-buget.pdf").values():
        head = [fold(t) for t in column_texts(cells, range(1, 3))]
        if head and "denumirea" in head[0] and any("cod" in h for h in head) and "suma" in head[-1]:
            found.append(len(head))
    assert found and set(found) == {3}


def test_the_calendar_is_one_six_column_table_with_the_row_cut_by_the_page_break_whole():
    by_table = tables(CALENDAR)
    assert len(by_table) == 1
    cells = by_table[1]
    assert sorted({c["page"] for c in cells}) == [1, 2, 3, 4]
    header = [fold(t) for t in column_texts(cells, range(1, 2))]
    assert len(header) == 6
    for h, label in zip(header, ["codificare principala", "codificare secundara", "denumirea interventiei",
                                 "perioada sesiunii", "alocare indicativa", "alocare totala"]):
        assert h.startswith(label)
    rows: dict[int, dict[int, str]] = {}
    for c in cells:
        rows.setdefault(c["row"], {})[c["col"]] = " ".join(c["text"].split())
    sessions = [r for r in rows.values() if r.get(4, "").startswith("Trim")]
    assert len(sessions) == 28  # seven interventions in each of four quarters
    cooperation = [r for r in sessions if r[1].startswith("L708")]
    assert len(cooperation) == 4
    # the first quarter's last row is cut by the page break after "inter-": it comes out whole
    first = cooperation[0]
    assert first[4] == "Trim 1 an 2026"
    assert first[1] == "L708 - coperare inter- teritorială"
    assert first[2] == "Intervenția nu are o codificare suplimentară"
    assert first[3].startswith("7. Cooperare inter-teritoriala") and first[3].endswith("R.1PR")
    assert {r[1] for r in cooperation} == {first[1]}
    assert all(r[3].endswith("R.1PR") for r in cooperation)
