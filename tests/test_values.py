"""Parsed values: every wording of the five seeds and the variants the issue names."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings, strategies as st

from planuri.extract.types import Cell, Provenance, TextBlock
from planuri.normalize.amounts import parse_amounts, parse_number
from planuri.normalize.bodies import Glossary, document_glossary, shared_glossary, split_bodies
from planuri.normalize.deadlines import parse_deadline
from planuri.normalize.indicators import split_indicators
from planuri.normalize.metadata import read_metadata
from planuri.normalize.phrases import default_phrases
from planuri.normalize.status import parse_status
from planuri.normalize.text import TextRules

P = default_phrases()
PLAN = (2021, 2023)

DEADLINES = [  # text, (start, end, quarter start, quarter end, recurrence, year from plan)
    ("2025-2027", (2025, 2027, None, None, None, False)),
    ("2024 – 2028", (2024, 2028, None, None, None, False)),
    ("Trimestrul IV an.2024 - 2028", (2024, 2028, 4, None, None, False)),
    ("Trimestrul IV an.2024", (2024, 2024, 4, 4, None, False)),
    ("Trimestrul I al an.2025", (2025, 2025, 1, 1, None, False)),
    ("Trimestrul II, 2024", (2024, 2024, 2, 2, None, False)),
    ("Anual, 2023-2025", (2023, 2025, None, None, "annual", False)),
    ("Annual, 2023-2025", (2023, 2025, None, None, "annual", False)),
    ("Anual către 1 ianuarie și 1 iunie", (2021, 2023, None, None, "annual", True)),
    ("Permanent", (2021, 2023, None, None, "permanent", True)),
    ("trim I- IV", (2021, 2023, 1, 4, None, True)),
    ("TRIM I - II", (2021, 2023, 1, 2, None, True)),
    ("Trim I-IV", (2021, 2023, 1, 4, None, True)),
    ("Trim. I-IV", (2021, 2023, 1, 4, None, True)),
    ("TRIM II - III", (2021, 2023, 2, 3, None, True)),
    ("TRIM I", (2021, 2023, 1, 1, None, True)),
    ("2026", (2026, 2026, None, None, None, False)),
    ("semestrial", (2021, 2023, None, None, "semiannual", True)),
    ("lunar", (2021, 2023, None, None, "monthly", True)),
    # Bălești 2026 (004), Capitolul II: "Termen: anual", "Termen: actualizare lunară"
    ("anual", (2021, 2023, None, None, "annual", True)),
    ("actualizare lunară", (2021, 2023, None, None, "monthly", True)),
]


@pytest.mark.parametrize("text,want", DEADLINES)
def test_deadlines(text, want):
    d = parse_deadline(text, P, PLAN)
    assert (d.start, d.end, d.quarter_start, d.quarter_end, d.recurrence, d.year_from_plan) == want
    assert d.readable


def test_unreadable_deadline_is_not_guessed():
    d = parse_deadline("după aprobarea bugetului", P, PLAN)
    assert not d.readable and d.start is None and d.end is None
    assert parse_deadline("", P, PLAN).readable  # empty: nothing to read, nothing wrong
    assert parse_deadline("Permanent", P, (None, None)).start is None  # no plan period known


AMOUNTS = [  # text, [(label, value, currency, unit, kind)]
    ("150,000.00", [(None, 150000, "MDL", None, "value")]),
    ("3,0 mii lei", [(None, 3000, "MDL", None, "value")]),
    ("600,0 mii lei anual", [(None, 600000, "MDL", "an", "value")]),
    ("700.000,00lei", [(None, 700000, "MDL", None, "value")]),
    ("2,500 lei", [(None, 2500, "MDL", None, "value")]),
    ("10000 EURO", [(None, 10000, "EUR", None, "value")]),
    ("191064", [(None, 191064, "MDL", None, "value")]),
    ("-", [(None, None, None, None, "none")]),
    ("--", [(None, None, None, None, "none")]),
    ("a câte 3,0 mii lei/copil", [(None, 3000, "MDL", "copil", "value")]),
    ("Anual a câte 150,0 mii", [(None, 150000, "MDL", "an", "value")]),
    ("a) a câte 9,0 mii lei/ familie; b) a câte 12,0 mii lei/ familie.",
     [("a", 9000, "MDL", "familie", "value"), ("b", 12000, "MDL", "familie", "value")]),
    ("În limita mijloacelor financiare alocate, a câte: a) 2 mii lei; b) 2,500 lei; c) 10 mii lei",
     [("a", 2000, "MDL", None, "value"), ("b", 2500, "MDL", None, "value"), ("c", 10000, "MDL", None, "value")]),
    ("în limita resurselor financiare disponibile", [(None, None, None, None, "within-available-resources")]),
    ("În limitele alocațiilor bugetare pentru recensământul populației și al locuințelor",
     [(None, None, None, None, "within-available-resources")]),
    ("în caz de necesitate", [(None, None, None, None, "as-needed")]),
    ("Conform necesităților", [(None, None, None, None, "as-needed")]),
    ("Donații", [(None, None, None, None, "text")]),
    ("Contribuția APL", [(None, None, None, None, "text")]),
    ("100 USD", [(None, 100, "USD", None, "value")]),
]


@pytest.mark.parametrize("text,want", AMOUNTS)
def test_amounts(text, want):
    got = [(a.label, a.value, a.currency, a.unit, a.kind) for a in parse_amounts(text, P, "MD")]
    assert got == want


@pytest.mark.parametrize("text,value,currency", [  # Romanian amounts of the Bacău (003) and Bălești (004) seeds
    ("1.511.800 lei", 1511800, "RON"), ("1.630.000,00 lei", 1630000, "RON"), ("14 546,52 lei", 14546.52, "RON"),
    ("14.313 lei", 14313, "RON"), ("177.756,00 lei", 177756, "RON"), ("291,52 lei", 291.52, "RON"),
    ("175.000 euro", 175000, "EUR"), ("POR (euro) 1200000 euro", 1200000, "EUR"),
    ("980000 Euro (+cofinanțare)", 980000, "EUR"), ("15.000 lei", 15000, "RON"), ("17500 lei", 17500, "RON"),
])
def test_romanian_amounts(text, value, currency):
    [a] = parse_amounts(text, P, "RO")
    assert (a.value, a.currency, a.kind) == (pytest.approx(value), currency, "value")


def test_amount_currency_follows_the_country():
    assert parse_amounts("2 mii lei", P, "RO")[0].currency == "RON"
    assert parse_amounts("2 mii lei", P, None)[0].currency is None


def _formats(value: float):
    """Ways a council writes an amount, each with the value it means."""
    whole = int(value)
    cents = round(value - whole, 2)
    ro_int = f"{whole:,}".replace(",", ".")
    en_int = f"{whole:,}"
    dec = f"{cents:.2f}"[2:]
    yield f"{ro_int},{dec} lei", whole + cents
    yield f"{en_int}.{dec}", whole + cents
    yield f"{whole},{dec}", whole + cents
    yield f"{whole} lei", whole
    yield f"{whole / 1000:.1f}".replace(".", ",") + " mii lei", round(whole / 1000, 1) * 1000


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), st.integers(min_value=0, max_value=99))
def test_formatted_amount_parses_back(units, cents):
    value = units + cents / 100
    for text, meant in _formats(value):
        got = parse_amounts(text, P, "MD")
        assert len(got) == 1 and got[0].kind == "value"
        assert got[0].value == pytest.approx(meant), text


@given(st.integers(min_value=1000, max_value=10**12))
def test_thousands_separators_either_way(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(f"{n:,}".replace(",", ".")) == n
    assert parse_number(f"{n:,}".replace(",", " ")) == n


def test_bodies_split_on_separators_but_not_inside_names():
    names = shared_glossary().names
    assert split_bodies("DS; DRP; ANOFM, IFPS", names) == ["DS", "DRP", "ANOFM", "IFPS"]
    assert split_bodies("Primăria Bălți, Direcția învățământ, tineret și sport", names) == [
        "Primăria Bălți", "Direcția învățământ, tineret și sport"]
    assert split_bodies("Direcția cultură, Direcția generală asistența socială, sănătate și protecția familiei", names) == [
        "Direcția cultură", "Direcția generală asistența socială, sănătate și protecția familiei"]
    assert split_bodies("AO „Centrul Național (CNPAC), Chișinău”, parteneri\nDonatori", names) == [
        "AO „Centrul Național (CNPAC), Chișinău”", "parteneri", "Donatori"]
    assert split_bodies("DS; DRP; AO, mass-media locală, etc.", names) == ["DS", "DRP", "AO", "mass-media locală"]
    # a name with a comma not in any glossary still holds together after an institution
    assert split_bodies("Direcția Situații Excepționale, sănătate și protecție civilă, ONG", []) == [
        "Direcția Situații Excepționale, sănătate și protecție civilă", "ONG"]
    assert split_bodies("", names) == []


def test_abbreviations_expand_from_the_documents_glossary_first():
    prov = Provenance(file="x", sha256="0" * 64, engine="docx")
    blocks = [TextBlock("ABREVIERI:", prov, bold=True), TextBlock("DS – Direcția sănătate;", prov),
              TextBlock("IMSP ”SCB” – Instituție Medico Sanitară Publică „Spitalul Clinic Bălți”;", prov),
              TextBlock("DÎTS - Direcția învățământ, tineret și sport;", prov), TextBlock("AO -Asociația Obștească;", prov)]
    g = document_glossary(blocks)
    assert g.entries["DS"] == "Direcția sănătate"
    assert g.entries["AO"] == "Asociația Obștească"
    assert g.expand("IMSP „SCB”") == "Instituție Medico Sanitară Publică „Spitalul Clinic Bălți”"
    assert "Direcția învățământ, tineret și sport" in g.names
    shared = shared_glossary()
    assert g.expand("DGASPC", shared) == "Direcția Generală de Asistență Socială și Protecția Copilului"
    assert g.expand("DS", shared) == "Direcția sănătate"  # the document's own meaning wins
    assert g.expand("Primăria Bălți", shared) == "Primăria Bălți"
    assert Glossary().expand("DAS - Compartimentul X", shared) == "Direcția de Asistență Socială - Compartimentul X"


def cell(text, wraps=()):
    return Cell(row=0, col=0, text=text, wraps=wraps)


def test_indicators_line_separated_000():
    c = cell("Număr de acorduri încheiate\nNumăr de parteneri cu care s-au încheiat acorduri\nDomenii de acțiune ale acordurilor")
    assert split_indicators(c, TextRules()) == [
        "Număr de acorduri încheiate", "Număr de parteneri cu care s-au încheiat acorduri", "Domenii de acțiune ale acordurilor"]
    # in a PDF a wrapped line continues its indicator, a wrapped line starting an indicator does not
    pdf = cell("Număr de parteneri cu care s-au \nîncheiat acorduri\ncaselor de cultură\nNumăr de servicii", (True, False, True))
    assert split_indicators(pdf, TextRules()) == [
        "Număr de parteneri cu care s-au încheiat acorduri", "caselor de cultură", "Număr de servicii"]


def test_indicators_sentence_separated_001():
    c = cell("Numărul de parteneriate create. Numărul de acorduri/ decizii perfectate și aprobate. "
             "Actele perfectate corespund legislației în vigoare.")
    assert split_indicators(c, TextRules()) == [
        "Numărul de parteneriate create.", "Numărul de acorduri/ decizii perfectate și aprobate.",
        "Actele perfectate corespund legislației în vigoare."]
    c = cell("Decizia Consiliului mun. Bălți 9/28 din 28.06.2022 modificată și completată conform termenului stabilit.")
    assert len(split_indicators(c, TextRules())) == 1


def test_indicators_semicolon_separated_002():
    c = cell("Număr de persoane participante; număr de ședințe organizate; număr de decizii luate/adoptate")
    assert split_indicators(c, TextRules()) == [
        "Număr de persoane participante", "număr de ședințe organizate", "număr de decizii luate/adoptate"]


STATUSES = [
    ("2021 realizat 2022 realizat 2023 nerealizat", "nerealizat", {2021: "realizat", 2022: "realizat", 2023: "nerealizat"}),
    ("2021 parțial realizat 2022 parțial realizat 2023 parțial realizat", "parțial realizat",
     {2021: "parțial realizat", 2022: "parțial realizat", 2023: "parțial realizat"}),
    ("2021 și 2022 nerealizat 1 curs în anul 2023", "nerealizat", {2021: "nerealizat", 2022: "nerealizat"}),
    ("Realizat", "realizat", None), ("REALIZAT", "realizat", None), ("nerealizat", "nerealizat", None),
    ("Partial realizat În curs de implementare", "parțial realizat", None),
    ("Îndeplinit partial- exista HCL", "parțial realizat", None),
    ("realizat 2021 60 familii 2022 60 familii 2023 75 familii", "realizat", None),
    ("2800", None, None), ("În curs de realizare", None, None),
]


@pytest.mark.parametrize("text,status,by_year", STATUSES)
def test_statuses(text, status, by_year):
    s = parse_status(text, P)
    assert (s.status, s.by_year) == (status, by_year)


def test_contradicting_statuses_are_not_guessed():
    s = parse_status("Colaborare cu GAL realizată Recensământ social realizat Partial realizat", P)
    assert s.status is None and s.ambiguous


def blocks(*texts, bold_first=False):
    prov = Provenance(file="x", sha256="0" * 64, engine="docx")
    return [TextBlock(t, prov, bold=bold_first and i == 0 or t.startswith("Plan")) for i, t in enumerate(texts)]


def test_metadata_of_a_decision():
    m = read_metadata(blocks("DECIZIA\nРЕШЕНИЕ", "nr. 19/27\ndin 22.12.2022", "Consiliul municipal Bălți DECIDE:",
                             "Plan municipal de acțiuni privind susținerea romilor pentru anii 2023-2025"), P)
    assert (m.country, m.issuer, m.act_type, m.act_number, m.act_date) == (
        "MD", "Consiliul municipal Bălți", "decizie", "19/27", datetime.date(2022, 12, 22))
    assert (m.plan_period_start, m.plan_period_end) == (2023, 2025)


def test_metadata_of_a_draft_and_of_a_romanian_decision():
    m = read_metadata(blocks("PROIECT", "Anexa nr. 2\nla Decizia Consiliului\nmunicipal Bălți\nnr. _____ din _____ 2024",
                             "PLANUL de ACȚIUNI în vederea consolidării pentru anii 2025-2027"), P)
    assert (m.act_type, m.act_number, m.act_date, m.issuer) == ("proiect", None, None, "Consiliul municipal Bălți")
    m = read_metadata(blocks("ROMÂNIA\nJUDEȚUL GORJ\nCOMUNA BĂLEȘTI", "HOTĂRÂRE",
                             "Consiliul Local al comunei Bălești, județul Gorj, întrunit în ședință", "Balesti,\nNr.17/27.03.2026",
                             "Planul anual de acțiune pentru anul 2026"), P)
    assert (m.country, m.issuer, m.act_type, m.act_number, m.act_date) == (
        "RO", "Consiliul Local al comunei Bălești", "hotărâre", "17", datetime.date(2026, 3, 27))
    assert (m.plan_period_start, m.plan_period_end) == (2026, 2026)
