"""Services and activities of social-services plans: nomenclator codes, contacts, counts and
budgets (units), and tiny DOCX tables built here (a two-row merged budget header, links,
lettered sub-headings) through the whole pipeline."""

from __future__ import annotations

import pytest

from conftest import build_docx, doc_spec, sha
from planuri.extract import extract
from planuri.normalize import normalize_document
from planuri.normalize.phrases import default_phrases
from planuri.normalize.service_values import (
    budget_value, contacts, first_number, normalize_service_code, percent, persons_value, without_parentheses,
)
from planuri.pipeline import process_file


@pytest.mark.parametrize("text,code", [
    ("8891 CZ-C-III", "8891 CZ-C-III"),
    ("8899CZ-F-I", "8899 CZ-F-I"),
    ("8810ID -I", "8810 ID-I"),
    ("8810 ID - I", "8810 ID-I"),
    ("8810 CZ -V-II", "8810 CZ-V-II"),
    ("8810 ID -VI", "8810 ID-VI"),
    ("8790 CR-PFA-I", "8790 CR-PFA-I"),
    ("8899 CPDH-I", "8899 CPDH-I"),
    ("8790CR-II 8790CR-C-I", "8790 CR-II; 8790 CR-C-I"),
    ("Centrul de zi pentru copilul cu nevoi speciale Cod serviciu social:8891 CZ-C-III", "8891 CZ-C-III"),
])
def test_service_codes_take_the_nomenclator_form(text, code):
    assert normalize_service_code(text) == (code, True)


@pytest.mark.parametrize("text", ["85311200-4", "532203", "cod în curs de obținere"])
def test_a_code_of_another_form_is_kept_as_written(text):
    assert normalize_service_code(f" {text} ") == (text, False)


def test_no_code_text_is_no_code():
    assert normalize_service_code("") == (None, True)
    assert normalize_service_code(None) == (None, True)


def test_contacts_from_text():
    emails, phones, sites = contacts("FUNDATIA DE SPRIJIN COMUNITAR www.fsc.ro Email: secretariat@fsc.ro "
                                     "social@fsc.ro tel: 0234585658")
    assert (emails, phones, sites) == (["secretariat@fsc.ro", "social@fsc.ro"], ["0234585658"], ["www.fsc.ro"])
    # a number labelled only as fax is not a phone; a "Tel/ fax" number is
    assert contacts("Tel: 0372777859 Fax: 0234586492 e-mail: contact@dasBacău.ro")[1] == ["0372777859"]
    assert contacts("Tel/ fax: 0234 515 887")[1] == ["0234515887"]
    # a second number after " /"; digits of a licence or a postcode are not phones
    assert contacts("Bacau, 600099 Str.Pictor Ion Andreescu nr.5 tel.0234583036 /0728219122")[1] == \
        ["0234583036", "0728219122"]
    assert contacts("Tel: 0234704593, e-mail: contact@dasBacău.ro LF/0001853/19.08.2016")[1] == ["0234704593"]


def test_contacts_from_links():
    emails, phones, sites = contacts("Asociația X, scrieți-ne sau vizitați pagina noastră",
                                     ("mailto:office@x.ro", "http://www.x.ro/despre"))
    assert (emails, phones, sites) == (["office@x.ro"], [], ["http://www.x.ro/despre"])
    # a link whose target is also written counts once, as written
    assert contacts("www.fsc.ro secretariat@fsc.ro", ("http://www.fsc.ro", "mailto:secretariat@fsc.ro")) == \
        (["secretariat@fsc.ro"], [], ["www.fsc.ro"])


def test_counts():
    assert first_number("30 locuri si 20 locuri in ambulatoriul de specialitate") == 30
    assert first_number("- Copii și părinți / 20") == 20
    assert first_number("Copii cu nevoi speciale") is None
    assert percent("75,2% nu sunt cereri in asteptare") == 75.2
    assert percent("6 - 2 A 6 - 3 A") is None
    assert persons_value(["4 voluntari DAS 3 voluntari OSPT 4 voluntari CRA"]) == 11
    assert persons_value(["5 asistenți sociali din cadrul DAS", "5 asistenți sociali din cadrul DAS"]) == 5
    assert persons_value(["70"]) == 70
    assert persons_value(["-"]) is None


@pytest.mark.parametrize("text,value", [
    ("755.439", 755439), ("0", 0), ("0 lei", 0), ("sponsorizare 30.000", 30000), ("1.928.000", 1928000),
    ("744.720,00 lei", 744720), ("722685,83 lei fără TVA", 722685.83), ("17500 lei", 17500),
    ("700.000,00lei/an/30 beneficiari (HOTĂRÂRE Nr. 978/2015 din 16 decembrie 2015, anexa 2 – standard minim de "
     "cost/beneficiar/an = 36.669,00 lei /an/beneficiar)", 700000),
    ("2.871.900,00 lei/70 beneficiari ((HOTĂRÂRE Nr. 978/2015 … = 36.669,00 lei /an/beneficiar)", 2871900),
    ("50 persoane x 15 lei/ora x 2 ore/zi x 20 zile x 12 luni=264,000 lei (calcul facut pe baza standardului)", 264000),
    ("257,083 lei= 7 copii in medie pe luna 3 copii *46,321 lei 4 copii *29,530 lei", 257083),
    ("41, 220 lei =  916 lei /lună/familie *15 familii (cu o medie de 3 copii) *3 luni", 41220),
    ("10 copii x 11,283 lei (standardul de cost)= 112,830", 112830),
    ("900.000 lei fără TVA, bugetat in bugetul municipiului Bacău la capitolul 68.02 cu suma de 559507,77 lei", 900000),
    ("3,0 mii lei", 3000),
])
def test_budget_amounts(text, value):
    assert budget_value(text, default_phrases()) == value


@pytest.mark.parametrize("text", [
    "-", "donatii", "buget local", "cofinanțare", "POR (euro)  1200000 euro", "10000 EURO",
    "Doar daca au venituri mai mari de 1500 lei; ne propunem sa preluam acei beneficiari care nu au venituri",
    "Cei 100 beneficiari in ingrijiri sunt acoperiti prin POCU, pe toata durata anului 2020",
    "Costurile pentru 15 copii vor fi gasite de FSC de la sponsori",
])
def test_budget_cells_stating_no_amount_in_lei(text):
    assert budget_value(text, default_phrases()) is None


def test_parenthesised_explanations_are_left_out():
    assert without_parentheses("75.000 lei (L.358) și (a (b) c) rest") == "75.000 lei  și  rest"
    assert without_parentheses("2.871.900,00 lei ((HOTĂRÂRE … lei)") == "2.871.900,00 lei "


# --------------------------------------------------------------------------- tiny DOCX documents


SERVICES_HEADER = [
    ["Nr. crt.", "Denumire furnizor de servicii sociale și date de contact (adresa, telefon, e-mail, web)",
     "Cod serviciu social", "Capacitate", {"text": "Bugete estimate de finanțare, pentru serviciile sociale existente",
                                           "span": 3}, "Justificare"],
    ["^", "^", "^", "^", "Buget local", "Buget de stat", "Contrib. Pers. Benef.", "^"],
]


def services_table(rows):
    return {"table": {"kind": "services", "service_kind": "proposed", "widths": [1.2, 6.0, 3.0, 2.5, 3.0, 3.0, 3.0, 4.0],
                      "size": 9, "header": SERVICES_HEADER, "rows": rows, "fields": [None] * 8}}


@pytest.fixture(scope="module")
def services_docx(tmp_path_factory):
    path = tmp_path_factory.mktemp("services") / "plan.docx"
    return build_docx(doc_spec(
        {"p": "B. Servicii sociale propuse spre a fi înființate", "bold": True},
        services_table([
            ["1", "Asociația X, tel. 0234 111 222 [scrieți-ne](mailto:office@x.ro) [pagina noastră](http://www.x.ro)",
             "8899CZ-F-I", "20 locuri", "10.000 lei", "-", "0", "Cereri în așteptare"],
            ["2", "Fundația Y, Tel: 0722123456 Fax: 0234586492", "85311200-4", "15", "1.500,50 lei/an", "", "",
             "Continuitate"],
            ["", "", "", "", "", "", "", ""],
        ]),
    ), path)


def null(v):
    return None if not isinstance(v, (list, tuple)) and not hasattr(v, "__len__") and v != v else v


def test_a_services_table_under_a_two_row_merged_budget_header(services_docx):
    r = process_file(services_docx)
    assert r.status == "ok"  # no action plan: the services make it ok
    s = [{k: null(v) for k, v in row.items()} for row in r.frames["services"].to_dict(orient="records")]
    assert [x["row_no"] for x in s] == [3, 4] and {x["kind"] for x in s} == {"proposed"}
    first, second = s
    assert first["service_code"] == "8899 CZ-F-I" and first["capacity_value"] == 20
    assert (first["budget_local"], first["budget_local_value"]) == ("10.000 lei", 10000)
    assert (first["budget_state"], first["budget_state_value"]) == ("-", None)
    assert (first["budget_beneficiaries"], first["budget_beneficiaries_value"]) == ("0", 0)
    assert first["budget_county"] is None and first["budget_other"] is None  # no such columns
    # contacts: the phone from the text, the e-mail and website from the links' targets
    assert list(first["provider_emails"]) == ["office@x.ro"]
    assert list(first["provider_phones"]) == ["0234111222"]
    assert list(first["provider_websites"]) == ["http://www.x.ro"]
    assert second["service_code"] == "85311200-4" and second["budget_local_value"] == 1500.5
    assert list(second["provider_phones"]) == ["0722123456"] and second["provider_emails"] is None
    headers = r.frames["headers"]
    assert list(headers["field"]) == ["code", "provider", "service_code", "capacity", "budget_local", "budget_state",
                                      "budget_beneficiaries", "justification"]


def test_every_services_row_is_accounted_for(services_docx):
    doc = extract(services_docx, sha(services_docx))
    out = normalize_document(doc)
    assert out.roles[1] == ["header", "header", "service", "service", "empty"]
    found = {(i.code, i.row_no) for i in out.issues if i.table_no == 1}
    assert ("unrecognized-service-code", 4) in found and ("empty-row", 5) in found
    code_issue = next(i for i in out.issues if i.code == "unrecognized-service-code")
    assert code_issue.raw == "85311200-4" and code_issue.severity == "warning"


def test_activities_under_lettered_sub_headings(tmp_path):
    def small(header, row, fields):
        return {"table": {"kind": "activities", "chapter": "training", "widths": [5.0] * len(header), "size": 10,
                          "header": [header], "rows": [row], "fields": fields}}

    path = build_docx(doc_spec(
        {"p": "CAPITOLUL III", "bold": True},
        {"p": "1. Propuneri de activități de formare profesională continuă:"},
        {"p": "a) Cursuri de perfecționare"},
        small(["", "Nr. de persoane", "Buget estimat"], ["Personalul de specialitate", "3", "15.000 lei"],
              [None, "persons", "budget"]),
        {"p": "b) Cursuri de calificare"},
        {"p": "nu sunt prevăzute cursuri de calificare"},
        small(["Nr. de persoane", "Buget estimat"], ["-", "-"], ["persons", "budget"]),
        {"p": "2. Încheierea de contracte de supervizare profesională:"},
        {"p": "a) pentru asistenți sociali;"},
        small(["", "Nr. de persoane", "Buget estimat"], ["1", "0", "0"], [None, "persons", "budget"]),
    ), tmp_path / "plan.docx")
    a = process_file(path).frames["activities"]
    assert list(a["chapter"]) == ["training", "training", "supervision"]
    # a row label is the item; else the lettered sub-heading; a bare row number is not an item
    assert list(a["item"]) == ["Personalul de specialitate", "b) Cursuri de calificare", "a) pentru asistenți sociali;"]
    assert [null(v) for v in a["persons_value"]] == [3, None, 0]
    assert [null(v) for v in a["budget_value"]] == [15000, None, 0]
