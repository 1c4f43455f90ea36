"""Parsed values over every sample, against tables written by hand from the documents'
texts (samples/expected_values/*.csv: one line per distinct text) and the transcriptions."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import SAMPLE_FOLDERS, SAMPLES
from sample_spec import parse_row
from test_golden import result

VALUES = SAMPLES / "expected_values"
CASES = [(folder, fmt) for folder in SAMPLE_FOLDERS for fmt in ("docx", "pdf")]


def ids(case):
    return f"{case[0].name[:3]}-{case[1]}"


def table_of(name: str) -> list[dict]:
    with (VALUES / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def by_text(name: str) -> dict[str, dict]:
    return {row["text"]: row for row in table_of(name)}


def num(v: str):
    return None if v in ("", None) else int(float(v))


def null(v):
    return None if v is None or (not isinstance(v, (list, dict)) and pd.isna(v)) else v


def document(folder: Path) -> dict:
    return json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))


@pytest.fixture(params=CASES, ids=[ids(c) for c in CASES])
def case(request):
    folder, fmt = request.param
    return folder, result(folder, fmt, "pdfplumber")


def test_deadlines(case):
    folder, r = case
    table, doc = by_text("deadlines.csv"), document(folder)
    for a in r.frames["actions"].to_dict(orient="records"):
        got = tuple(null(a[k]) for k in ("deadline_start", "deadline_end", "deadline_quarter_start",
                                         "deadline_quarter_end", "deadline_recurrence"))
        if null(a["deadline"]) is None:
            assert got == (None,) * 5 and null(a["deadline_years_from"]) is None
            continue
        want = table[a["deadline"]]
        start, end = num(want["deadline_start"]), num(want["deadline_end"])
        if want["year_from_plan"] == "yes":
            start, end = doc["plan_period_start"], doc["plan_period_end"]
        source = None if start is None else "plan" if want["year_from_plan"] == "yes" else "deadline"
        assert null(a["deadline_years_from"]) == source, a["deadline"]
        assert got == (start, end, num(want["deadline_quarter_start"]), num(want["deadline_quarter_end"]),
                       want["deadline_recurrence"] or None), a["deadline"]


def test_amounts(case):
    folder, r = case
    want_by_text: dict[str, list[dict]] = {}
    for row in table_of("amounts.csv"):
        want_by_text.setdefault(row["text"], []).append(row)
    costs = r.frames["costs"]
    for (_t, _r, _s, amount), group in costs.groupby(["table_no", "row_no", "funding_source", "amount"], dropna=False, sort=False):
        got = [(null(g["amount_label"]), null(g["amount_value"]), null(g["currency"]), null(g["amount_unit"]),
                null(g["amount_kind"])) for g in group.to_dict(orient="records")]
        if null(amount) is None:
            assert got == [(None,) * 5]
            continue
        want = [(w["amount_label"] or None, float(w["amount_value"]) if w["amount_value"] else None,
                 w["currency"] or None, w["amount_unit"] or None, w["amount_kind"]) for w in want_by_text[amount]]
        assert got == want, amount


def test_statuses(case):
    folder, r = case
    table = by_text("statuses.csv")
    for a in r.frames["actions"].to_dict(orient="records"):
        if null(a["result"]) is None:
            assert null(a["implementation_status"]) is None and null(a["implementation_status_by_year"]) is None
            continue
        want = table[a["result"]]
        by_year = {int(k): v for k, v in json.loads(want["status_by_year"]).items()} if want["status_by_year"] else None
        got_by_year = dict(a["implementation_status_by_year"]) if null(a["implementation_status_by_year"]) is not None else None
        assert (null(a["implementation_status"]), got_by_year) == (want["status"] or None, by_year), a["result"]


def test_bodies(case):
    folder, r = case
    table = by_text("bodies.csv")
    for a in r.frames["actions"].to_dict(orient="records"):
        for name in ("responsible", "partners"):
            got = list(a[f"{name}_list"]) if null(a[f"{name}_list"]) is not None else []
            want = json.loads(table[a[name]]["items"]) if null(a[name]) is not None else []
            assert got == want, a[name]
            expanded = a[f"{name}_expanded"]
            assert (len(expanded) if null(expanded) is not None else 0) == len(want)


def transcribed_indicators(folder: Path) -> list[list[str]]:
    """Each action's indicators cell of the transcription, one item per paragraph."""
    spec = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    out = []
    for block in spec["blocks"]:
        t = block.get("table")
        if not t or t.get("kind", "plan") != "plan":
            continue
        col = t["fields"].index("indicators")
        for raw in t["rows"]:
            if isinstance(raw, dict) and "heading" in raw:
                continue
            cells = parse_row(raw["cells"] if isinstance(raw, dict) else raw, len(t["widths"]), "row")
            positions = [sum(c.span for c in cells[:i]) for i in range(len(cells))]
            text = next(c.text for c, p in zip(cells, positions) if p == col)
            out.append([" ".join(p.split()) for p in text.split("\n") if p.strip()])
    return out


def test_indicators(case):
    folder, r = case
    got = [list(v) if null(v) is not None else [] for v in r.frames["actions"]["indicators_list"]]
    if folder.name.startswith("000"):
        assert got == transcribed_indicators(folder)
    elif folder.name[:3] in ("001", "002"):
        want = [json.loads(row["items"]) for row in table_of("indicators.csv") if row["sample"] == folder.name[:3]]
        assert got == want
    else:
        indicators = r.frames["actions"]["indicators"]
        assert all((g != []) == (null(i) is not None) for g, i in zip(got, indicators))


def test_document_metadata(case):
    folder, r = case
    want = document(folder)
    row = r.frames["documents"].iloc[0].to_dict()
    for key in ("country", "issuer", "act_type", "act_number", "plan_title", "plan_period_start", "plan_period_end"):
        assert null(row[key]) == want[key], key
    assert (str(row["act_date"]) if null(row["act_date"]) is not None else None) == want["act_date"]


def test_declared_totals(case):
    folder, r = case
    path = folder / "expected" / "declared_totals.csv"
    got = r.frames["declared_totals"]
    if not path.exists():
        assert got.empty
        return
    with path.open(encoding="utf-8") as f:
        want = list(csv.DictReader(f))
    assert len(got) == len(want)
    statuses = by_text("statuses.csv")
    actions = r.frames["actions"].to_dict(orient="records")
    for g, w in zip(got.to_dict(orient="records"), want):
        assert (g["table_no"], g["heading_field"], g["heading"]) == (int(w["table_no"]), w["heading_field"], w["heading"])
        for k in ("declared_total", "declared_done", "declared_partial", "declared_not_done", "found_total"):
            assert g[k] == int(w[k]), k
        under = [a for a in actions if a["table_no"] > g["table_no"] and a[g["heading_field"]] == g["heading"]]
        expected_status = [statuses[a["result"]]["status"] if null(a["result"]) is not None else "" for a in under]
        assert g["found_done"] == expected_status.count("realizat")
        assert g["found_not_done"] == expected_status.count("nerealizat")
        assert g["found_partial"] == expected_status.count("parțial realizat")


def test_abbreviations_expand():
    def rows(prefix, fmt="docx"):
        folder = next(f for f in SAMPLE_FOLDERS if f.name.startswith(prefix))
        # the PDF read by the default reader (pdfium): the reference reader gives the same actions
        # (test_golden.test_docx_and_pdf_give_identical_actions) and takes a minute over the Bacău report
        engine = "pdfplumber" if fmt == "docx" else "auto"
        return result(folder, fmt, engine).frames["actions"].to_dict(orient="records")

    first = rows("001")[0]  # partners "DS; DRP; ANOFM, IFPS", expanded from the document's ABREVIERI
    assert list(first["partners_expanded"]) == ["Direcția sănătate", "Direcția relații cu publicul",
                                                "Agenția Națională pentru Ocuparea Forței de Muncă",
                                                "Inspectoratul Fiscal Principal de Stat"]
    third = rows("000")[2]  # "STAS, ONG, parteneri": no glossary in the document, the shared one applies
    assert list(third["partners_expanded"]) == ["Structura teritorială de asistență socială",
                                                "Organizație neguvernamentală", "parteneri"]
    bacau = rows("003", "pdf")
    das = next(a for a in bacau if list(a["responsible_list"] if null(a["responsible_list"]) is not None else []) == ["DAS"])
    assert list(das["responsible_expanded"]) == ["Direcția de Asistență Socială a Municipiului Bacău"]


# --------------------------------------------------------------------------- services and activities


def expected_rows(folder: Path, name: str) -> list[dict]:
    path = folder / "expected" / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def value(v: str):
    return float(v) if v != "" else None


def listed(v):
    return list(v) if null(v) is not None else []


def services_with_expected(case):
    """Each service of the run beside its expected row (the transcription's texts)."""
    folder, r = case
    got = r.frames["services"].to_dict(orient="records")
    want = expected_rows(folder, "services.csv")
    assert len(got) == len(want)
    return list(zip(got, want))


def test_service_codes(case):
    table = by_text("service_codes.csv")
    for got, want in services_with_expected(case):
        # the code cell as written, or the service's name where the table has no code (or an empty one)
        row = table[want["service_code"] or want["service_name"]]
        assert null(got["service_code"]) == (row["service_code"] or None), want["service_name"]


def test_unrecognized_service_codes_are_kept_and_reported(case):
    folder, r = case
    table = by_text("service_codes.csv")
    issues = r.frames["issues"]
    reported = {(int(t), int(n)) for t, n in issues[issues["code"] == "unrecognized-service-code"][["table_no", "row_no"]]
                .itertuples(index=False)}
    for got, want in services_with_expected(case):
        row = table[want["service_code"] or want["service_name"]]
        assert ((got["table_no"], got["row_no"]) in reported) == (row["nomenclator_form"] == "no")


def test_capacities_and_occupancies(case):
    capacities, occupancies = by_text("capacities.csv"), by_text("occupancies.csv")
    for got, want in services_with_expected(case):
        cap = value(capacities[want["capacity"]]["capacity_value"]) if want["capacity"] else None
        occ = value(occupancies[want["occupancy"]]["occupancy_pct"]) if want["occupancy"] else None
        assert (null(got["capacity_value"]), null(got["occupancy_pct"])) == (cap, occ), want["service_name"]


def test_service_budgets(case):
    budgets = by_text("budgets.csv")
    for got, want in services_with_expected(case):
        for name in ("budget_local", "budget_county", "budget_state", "budget_beneficiaries", "budget_other"):
            expected_value = value(budgets[want[name]]["value_ron"]) if want[name] else None
            assert null(got[f"{name}_value"]) == expected_value, (name, want[name])


def test_provider_contacts(case):
    contacts = by_text("contacts.csv")
    for got, want in services_with_expected(case):
        row = contacts[want["provider"] or want["service_name"]]
        assert listed(got["provider_emails"]) == json.loads(row["emails"]), row["text"]
        assert listed(got["provider_phones"]) == json.loads(row["phones"]), row["text"]
        assert listed(got["provider_websites"]) == json.loads(row["websites"]), row["text"]


def test_activity_persons_and_budgets(case):
    folder, r = case
    persons, budgets = by_text("persons.csv"), by_text("budgets.csv")
    got = r.frames["activities"].to_dict(orient="records")
    want = expected_rows(folder, "activities.csv")
    assert len(got) == len(want)
    for g, w in zip(got, want):
        p = value(persons[w["persons"]]["persons_value"]) if w["persons"] else None
        b = value(budgets[w["budget"]]["value_ron"]) if w["budget"] else None
        assert (null(g["persons_value"]), null(g["budget_value"])) == (p, b), (w["persons"], w["budget"])
