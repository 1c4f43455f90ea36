"""Act details from the head of a decision, the plan's title and period, and the issues when
they are missing or doubtful: TextBlocks and text boxes built in the test, many wordings."""

from __future__ import annotations

import datetime

import pytest

from planuri.extract.types import Cell, Provenance, RawTable, TextBlock
from planuri.normalize.metadata import (
    Metadata, join_split_keywords, plan_issues, plan_title, read_metadata, unspace_letters,
)
from planuri.normalize.phrases import default_phrases

P = default_phrases()
PROV = Provenance(file="x.pdf", sha256="0" * 64, engine="pdf-text", page=1)


def para(text: str, bold: bool = False) -> TextBlock:
    return TextBlock(text, PROV, bold=bold)


def box(*rows: str) -> RawTable:
    """A one-column table: a letterhead or a title laid out in a box."""
    cells = tuple(Cell(row=i, col=0, text=t) for i, t in enumerate(rows))
    return RawTable(cells=cells, n_rows=len(rows), n_cols=1, provenance=PROV)


def grid(n_rows: int = 3, n_cols: int = 3) -> RawTable:
    cells = tuple(Cell(row=r, col=c, text=f"{r}{c}") for r in range(n_rows) for c in range(n_cols))
    return RawTable(cells=cells, n_rows=n_rows, n_cols=n_cols, provenance=PROV)


@pytest.mark.parametrize("written, read", [
    ("D E C I Z I E nr. 06/04", "DECIZIE nr. 06/04"),
    ("H O T Ă R Â R E", "HOTĂRÂRE"),
    ("D I S P O Z I Ț I E nr. 12", "DISPOZIȚIE nr. 12"),
    ("D E C I D E:", "DECIDE:"),
    ("P R O I E C T", "PROIECT"),
    ("se aprobă a o e", "se aprobă a o e"),  # three one-letter words are words
    ("lit. a), b) și c)", "lit. a), b) și c)"),
])
def test_letters_spaced_out_are_one_word(written, read):
    assert unspace_letters(written) == read


@pytest.mark.parametrize("written, read", [
    ("CONSI LIUL SĂTESC", "CONSILIUL SĂTESC"),
    ("Consi liul Local", "Consiliul Local"),
    ("DEC IZIE", "DECIZIE"),
    ("CONSILIUL SĂTESC", "CONSILIUL SĂTESC"),
    ("pe an", "pe an"),
])
def test_a_keyword_split_by_a_stray_space_is_whole_again(written, read):
    assert join_split_keywords(written) == read


LETTERHEAD = box("REPUBLICA MOLDOVA", "RAIONUL RÎȘCANI")
BILINGUAL = para("РЕСПУБЛИКА МОЛДОВА\nРЫШКАНСКИЙ РАЙОН\nCONSI LIUL SĂTESC СЕЛЬСКИЙ СОВЕТ\nPOCIUMBĂUȚI ПОЧУМБЭУЦЬ", bold=True)


@pytest.mark.parametrize("title, number, act", [
    (box("", "D E C I Z I E nr. 06/04", "din 12.12.2025"), "06/04", "decizie"),
    (para("D E C I Z I E nr. 06/06\ndin 12.12.2025"), "06/06", "decizie"),
    (box("H O T Ă R Â R E nr. 45", "din 12.12.2025"), "45", "hotărâre"),
    (para("HOTĂRÎREA nr. 45\ndin 12 decembrie 2025"), "45", "hotărâre"),
    (para("D I S P O Z I Ț I A nr. 7/1 din 12.12.2025"), "7/1", "dispoziție"),
    (para("DECIZIA\nРЕШЕНИЕ"), None, "decizie"),
])
def test_act_type_number_and_date_from_a_letterhead_and_a_title(title, number, act):
    blocks = [LETTERHEAD, BILINGUAL, title, para("nr. 19/27 din 22.12.2022", bold=True),
              para("Cu privire la aprobarea taxelor locale"), grid()]
    m = read_metadata(blocks, P)
    assert m.act_type == act
    if number:
        assert (m.act_number, m.act_date) == (number, datetime.date(2025, 12, 12))
    else:  # the title names no number: the next short line does
        assert (m.act_number, m.act_date) == ("19/27", datetime.date(2022, 12, 22))
    assert m.country == "MD"
    assert m.issuer == "Consiliul sătesc Pociumbăuți"


def test_a_number_inside_a_sentence_cites_another_act():
    m = read_metadata([para("DECIZIE"), para("În temeiul Legii nr. 436-XVI din 28.12.2006 privind administrația publică "
                                             "locală, art. 14 alin. (2), Consiliul sătesc DECIDE:")], P)
    assert (m.act_type, m.act_number, m.act_date) == ("decizie", None, None)


def test_what_follows_the_first_real_table_is_not_the_head():
    m = read_metadata([para("Anexa nr. 1"), grid(), para("DECIZIE nr. 3 din 01.02.2024")], P)
    assert (m.act_type, m.act_number) == ("anexă", None)


@pytest.mark.parametrize("head, country", [
    ([box("REPUBLICA MOLDOVA", "RAIONUL RÎȘCANI")], "MD"),
    ([para("РЕСПУБЛИКА МОЛДОВА")], "MD"),
    ([para("Raionul Ungheni\nConsiliul comunal Zagarancea")], "MD"),
    ([para("r-nul Rîșcani, s. Pociumbăuți")], "MD"),
    ([para("ROMÂNIA\nJUDEȚUL GORJ\nCOMUNA BĂLEȘTI")], "RO"),
    ([para("ROMANIA\nJUDETUL BACAU")], "RO"),
    ([para("Județul Iași\nConsiliul Local al comunei Ciurea")], "RO"),
])
def test_the_state_the_head_names_first_decides(head, country):
    # the body says "Consiliul local" (a Romanian marker) three times and "Republica Moldova" twice
    body = [para("Secretarul consiliului local, Consiliul local, consiliul local"),
            para("cooperare cu Republica Moldova și cu partenerii din Republica Moldova")]
    assert read_metadata([*head, grid(), *body], P).country == country


def test_without_a_state_in_the_head_the_markers_vote():
    assert read_metadata([para("Consiliul municipal Bălți"), para("IMSP Spitalul Clinic Bălți")], P).country == "MD"
    assert read_metadata([para("HCL nr. 5"), para("DGASPC Bacău")], P).country == "RO"
    assert read_metadata([para("Plan de acțiuni")], P).country is None


@pytest.mark.parametrize("written, issuer", [
    ("CONSILIUL SĂTESC POCIUMBĂUȚI", "Consiliul sătesc Pociumbăuți"),
    ("Consiliul satesc Pociumbauti", "Consiliul sătesc Pociumbauti"),
    ("CONSILIUL COMUNAL HÎRBOVĂȚ", "Consiliul comunal Hîrbovăț"),
    ("Consiliul Orăşenesc Ungheni", "Consiliul orășenesc Ungheni"),  # cedilla ş
    ("Consiliul Orășenesc Ungheni", "Consiliul orășenesc Ungheni"),  # comma-below ș
    ("Consiliul Orasenesc Ungheni", "Consiliul orășenesc Ungheni"),  # none
    ("CONSILIUL MUNICIPAL BĂLȚI", "Consiliul municipal Bălți"),
    ("Consiliul Raional Rîșcani", "Consiliul raional Rîșcani"),
    ("Consiliul Local al Comunei Bălești", "Consiliul Local al comunei Bălești"),
    ("Hotărârea Consiliului Judeţean Gorj", "Consiliul Județean Gorj"),  # cedilla ţ
    ("Consiliul Județean Bacău", "Consiliul Județean Bacău"),
    ("Consiliul Local Bacău", "Consiliul Local Bacău"),
    ("CONSILIUL SĂTESC СЕЛЬСКИЙ СОВЕТ\nPOCIUMBĂUȚI ПОЧУМБЭУЦЬ", "Consiliul sătesc Pociumbăuți"),
])
def test_the_issuing_council_in_any_spelling(written, issuer):
    assert read_metadata([para(written)], P).issuer == issuer


def test_a_council_named_without_its_place_is_no_issuer():
    m = read_metadata([para("având avizele comisiilor de specialitate, consiliul local\nD E C I D E:")], P)
    assert m.issuer is None


def test_the_letterhead_council_comes_before_one_named_later():
    m = read_metadata([LETTERHEAD, BILINGUAL, para("4. Secretarul Consiliului local Pociumbăuți va asigura")], P)
    assert m.issuer == "Consiliul sătesc Pociumbăuți"


# --------------------------------------------------------------------------- plan title and period


def codes(metadata: Metadata, deadlines: list[str]) -> list[str]:
    return [i.code for i in plan_issues(metadata, [{"deadline": d} for d in deadlines], P)]


TITLE = "Plan de acțiuni privind susținerea familiilor pentru anii 2024-2028"


def test_a_plan_with_its_title_and_period_raises_nothing():
    m = Metadata(plan_title=TITLE, plan_period_start=2024, plan_period_end=2028)
    assert codes(m, ["2024", "Trimestrul IV an.2025 - 2028", "Permanent", "2029"]) == []


def test_a_missing_title_is_an_issue_and_so_is_the_period_it_would_give():
    assert codes(Metadata(), ["2025"]) == ["plan-title-missing", "plan-period-missing"]


def test_a_title_naming_no_years_leaves_the_period_missing():
    assert codes(Metadata(plan_title="Planul de acțiuni al consiliului"), []) == ["plan-period-missing"]


@pytest.mark.parametrize("sentence", [
    "Planul de acțiuni privind incluziunea romilor pentru anii 2023-2025 se aprobă conform anexei nr. 1.",
    "Planul de acțiuni pentru anii 2023-2025 este parte integrantă a prezentei decizii",
    "Programul pentru anii 2023-2025 va fi finanțat din bugetul local",
])
def test_a_title_that_is_a_sentence_of_the_preamble_is_doubtful(sentence):
    m = Metadata(plan_title=sentence, plan_period_start=2023, plan_period_end=2025)
    assert codes(m, ["2024"]) == ["plan-title-doubtful"]


def test_a_period_the_deadlines_contradict_is_doubtful():
    m = Metadata(plan_title="Plan de acțiuni pentru anii 2025-2027", plan_period_start=2025, plan_period_end=2027)
    issues = plan_issues(m, [{"deadline": d} for d in ["2019", "2020", "Trimestrul II, 2021", "2025", "Permanent"]], P)
    assert [i.code for i in issues] == ["plan-period-doubtful"]
    assert "3 of the 4 deadlines" in issues[0].message and "2019-2021" in issues[0].message
    assert codes(m, ["2019", "2025", "2026"]) == []  # one late action does not contradict a period


def test_the_title_is_preferred_to_a_sentence_about_the_plan():
    paragraphs = [para("Planul de acțiuni pentru anii 2023-2025 se aprobă conform anexei.", bold=True),
                  para("PLANUL DE ACȚIUNI pentru anii 2024-2026", bold=True)]
    assert plan_title(paragraphs, P) == "PLANUL DE ACȚIUNI pentru anii 2024-2026"
    assert plan_title(paragraphs[:1], P).startswith("Planul de acțiuni pentru anii 2023-2025 se aprobă")


def test_a_title_naming_no_years_takes_the_span_of_the_deadlines_years():
    from planuri.normalize.metadata import fill_period

    m = Metadata(plan_title="Planul de acțiuni al consiliului")
    actions = [{"table_no": 1, "row_no": n, "deadline": d, "deadline_start": None, "deadline_end": None,
                "deadline_years_from": None} for n, d in enumerate(["Permanent", "2025", "Trimestrul II, 2026"], 1)]
    actions[1].update(deadline_start=2025, deadline_end=2025, deadline_years_from="deadline")
    actions[2].update(deadline_start=2026, deadline_end=2026, deadline_years_from="deadline")
    from planuri.extract.issues import Issue
    before = [Issue("deadline-without-year", "…", table_no=1, row_no=1, raw="Permanent")]
    got, issues = fill_period(m, actions, before, P)
    assert (got.plan_period_start, got.plan_period_end) == (2025, 2026)
    assert (actions[0]["deadline_start"], actions[0]["deadline_end"], actions[0]["deadline_years_from"]) == (2025, 2026, "plan")
    assert sorted(i.code for i in issues) == ["deadline-year-from-plan", "plan-period-from-deadlines"]
    assert codes(got, [a["deadline"] for a in actions]) == []  # the period found is not doubtful


def test_a_period_from_the_title_is_kept_and_no_deadline_year_leaves_it_missing():
    from planuri.normalize.metadata import fill_period

    m = Metadata(plan_title=TITLE, plan_period_start=2024, plan_period_end=2028)
    assert fill_period(m, [{"deadline": "2030"}], [], P) == (m, [])
    bare = Metadata(plan_title="Planul de acțiuni al consiliului")
    assert fill_period(bare, [{"deadline": "Permanent"}], [], P) == (bare, [])


def test_a_document_whose_title_names_no_years_gets_its_deadlines_span(tmp_path):
    import docx

    from planuri.pipeline import Settings, process_file

    d = docx.Document()
    d.add_paragraph("PLANUL DE ACȚIUNI al consiliului local")
    rows = [("Nr.", "Acțiuni", "Termen de realizare"), ("1", "Informarea cetățenilor", "Permanent"),
            ("2", "Organizarea unui seminar", "2025"), ("3", "Raport anual", "Trimestrul II, 2027")]
    t = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.save(tmp_path / "plan.docx")
    r = process_file(tmp_path / "plan.docx", Settings())
    [doc] = r.frames["documents"].to_dict("records")
    assert (doc["plan_period_start"], doc["plan_period_end"]) == (2025, 2027)
    a = r.frames["actions"]
    assert a["deadline_years_from"].tolist() == ["plan", "deadline", "deadline"]
    assert (a["deadline_start"].tolist(), a["deadline_end"].tolist()) == ([2025, 2025, 2027], [2027, 2025, 2027])
    codes_ = r.frames["issues"]["code"].tolist()
    assert "plan-period-from-deadlines" in codes_ and "deadline-year-from-plan" in codes_
    assert "plan-period-missing" not in codes_ and "deadline-without-year" not in codes_
