import pytest

from planuri.normalize.vocabulary import HeadingPatterns, Vocabulary, default_headings, default_vocabulary

# Every header label of the five seeds (../shared/seeds), as written there.
SEED_HEADERS = {
    # 000 Bălți social services plan
    "Acțiuni specifice": "action", "Structuri responsabile": "responsible", "Parteneri": "partners",
    "Termene de realizare": "deadline", "Costuri, lei": "cost_group", "Indicatori": "indicators",
    # 001 Bălți family plan
    "Activități (obiective specifice)": "specific_objective",
    "Direcții de acțiuni pentru realizarea obiectivului": "action", "Termen de realizare": "deadline",
    "Costuri": "cost_group",
    # 002 Bălți Roma plan
    "Nr.": "code", "Acțiuni": "action", "Indicator de monitorizare": "indicators",
    "Costuri de implementare": "cost", "Surse de finanțare": "funding",
    "Termen limită de realizare": "deadline", "Autorități/ instituții responsabile": "responsible",
    "Parteneri de cooperare": "partners",
    # 003 Bacău report: action tables (typos as written)
    "Măsur": "measure", "Măsurii": "measure", "Măsuri": "measure", "Măsurile": "measure", "Măsură": "measure",
    "Ațiuni": "action", "Termene": "deadline", "Indicatori de rezultat": "indicators",
    "Serviciul responsabil": "responsible", "Indicator rezultat": "result", "indicatori rezultat": "result",
    "indicator i rezultat": "result",
    # 003 summary tables
    "total": "declared_total", "realizat": "declared_done", "parțial realizat": "declared_partial",
    "nerealizat": "declared_not_done",
    # 003 services, information and training tables
    "Nr. Crt.": "code", "Nr. crt.": "code",
    "Denumire furnizor de servicii sociale și date de contact (adresa, telefon, e-mail, web)": "provider",
    "Denumire furnizor de servicii sociale și date de contact (adresa, telefon, email, web)": "provider",
    "Cod serviciu social, conform cu nomenclatorul serviciilor sociale": "service_code",
    "Cod serviciu social, Conform nomenclatorului serviciilor sociale": "service_code",
    "Denumirea serviciului social și date de contact (adresa, telefon, e-mail, web)": "service_name",
    "Denumirea serviciului social și date de contact (adresa, telefon, email, web)": "service_name",
    "Capacitate / Categoriile de beneficiari": "capacity", "Servicii oferite": "services_offered",
    "Grad de ocupare (%) Număr cereri în așteptare": "occupancy",
    "Bugete estimate de finanțare, pentru serviciile sociale existente": "budget_group",
    "buget local": "budget_local", "buget județean": "budget_county", "buget de stat": "budget_state",
    "contribuții persoane beneficiare": "budget_beneficiaries", "alte surse de finanțare": "budget_other",
    "Denumire serviciu Social propus / Cod Serviciu Social": "service_name",
    "Categorie de beneficiari / Capacitate necesara": "capacity",  # a column of both: read as capacity
    "Capacitate clădire / Spațiu necesar (mp)": "building_space", "Resursa umana necesară": "staff",
    "Bugetele estimate pentru surse de finanțare, pentru serviciile sociale propuse pentru a fi finanțate": "budget_group",
    "Justificare": "justification",
    "buget județ, de stat, contribuții personale ale beneficiarilor, alte surse": "budget_other",
    "Categoriile de beneficiari Conform nomenclatorului serviciilor sociale": "beneficiaries",
    "Capacitate": "capacity", "Servicii ce vor fi oferite": "services_offered",
    "Suprafață clădire Spațiu necesar (mp) //locul de acordare ; ex la domiciliu": "building_space",
    "Bugete estimate de finanțare, pentru serviciile sociale în baza Legii 350/2005 pe baza standardelor de cost aprobate la nivel național": "budget_group",
    "Cod CPV conform Regulamentului CE nr. 213/2008 și Cod serviciu social, conform nomenclatorului serviciilor sociale, aprobat prin H.G. 867/ 2015": "service_code",
    "buget local //bugetul estimat al programului de contractare": "budget_local", "buget se stat": "budget_state",
    "Bugete estimate de subvenționare, pentru serviciile sociale în baza Legii 34/1998 (lei, fără TVA) pe baza standardelor de cost aprobate la nivel național": "budget_group",
    "Suprafață clădire  Spațiu necesar (mp) //locul de acordare (ex. la domiciliu)": "building_space",
    "Informații publice pe pagina proprie de internet si afișate la sediul DAS": "item",
    "Informații publice pe pagina proprie de internet și afișate la sediul DAS": "item",
    "Termen privind Revizuirea / actualizarea": "deadline", "Observații": "observations",
    "DAS": "target_group", "Cursuri de perfecționare": "training_courses", "Cursuri de calificare": "qualification_courses",
    "Sesiuni de instruire": "training_sessions", "Buget estimat": "budget", "Teme de interes": "item",
    "Număr de persoane": "persons",
    # 004 Bălești plan
    "Nr. crt": "code", "Cod serviciu social conform Nomenclatorului serviciilor sociale": "service_code",
    "Denumirea serviciului social": "service_name", "Grad de ocupare": "occupancy",
    "Bugetele estimate pe surse de finanțare pentru serviciile sociale existente": "budget_group",
    "Buget local": "budget_local", "Buget județean": "budget_county", "Buget de stat": "budget_state",
    "Contrib. Pers. Benef.": "budget_beneficiaries", "Alte surse": "budget_other",
    "Denumire serviciu social propus": "service_name", "Cod serviciu social": "service_code",
    "Categorie beneficiari": "beneficiaries", "Capacitate necesară": "capacity", "Nr. benef./zi": "capacity",
    "Resurse umane necesare (personal de specialitate, de îngrijire și asistență; personal gospodărie, întreținere-reparații, deservire)": "staff",
    "Bugetele estimate pe surse de finanțare, pentru serviciile sociale propuse pentru a fi înființate:": "budget_group",
    "Contribuții persoane beneficiare": "budget_beneficiaries", "Nr. de persoane": "persons", "Buget estimate": "budget",
}


@pytest.mark.parametrize("label,field", sorted(SEED_HEADERS.items()))
def test_every_seed_header_is_known(label, field):
    assert default_vocabulary().match(label).field == field


@pytest.mark.parametrize("label", ["Acţiuni", "Actiuni", "ACȚIUNI", "Termene de realizare", "TERMENE DE REALIZARE",
                                   "Instituţii responsabile", "Institutii responsabile"])
def test_headers_with_cedilla_or_no_diacritics_match(label):
    assert default_vocabulary().match(label).known


@pytest.mark.parametrize("typo,field", [("Măsur", "measure"), ("Ațiuni", "action"), ("Măsurii", "measure"),
                                        ("Parteneri de coperare", "partners")])
def test_small_typos_are_tolerated_and_marked_fuzzy(typo, field):
    m = default_vocabulary().match(typo)
    assert (m.field, m.method) == (field, "fuzzy")


def test_unknown_label_is_not_forced_onto_a_field():
    assert not default_vocabulary().match("Coordonatele GPS ale obiectivului").known
    assert not default_vocabulary().match("").known


def test_ambiguous_fuzzy_match_is_refused():
    v = Vocabulary([("a", "abcdefx"), ("b", "abcdefy")])
    assert v.match("abcdefz").field is None


def test_a_label_mapped_to_two_fields_is_an_error():
    with pytest.raises(ValueError):
        Vocabulary([("action", "Acțiuni"), ("measure", "Actiuni")])


@pytest.mark.parametrize("text,field", [
    ("I. PREVENIREA EXCLUDERII SOCIALE", "section"), ("IV.SERVICII DIN DOMENIUL SOCIAL", "section"),
    ("COMPONENTA: INCLUZIUNEA SOCIALĂ", "section"),
    ("Obiectiv general 1: Asigurarea", "general_objective"), ("OBIECTIV GENERAL 2: GARANTAREA", "general_objective"),
    ("Obiectiv specific 1.1: Cel puțin", "specific_objective"), ("Obiectivul specific nr.2. Asigurarea", "specific_objective"),
    ("O.S.1.1 ASIGURAREA", "specific_objective"), ("O.S..4.2. CREȘTEREA", "specific_objective"),
    ("Domeniul educației", "domain"), ("D1. ACCESIBILITATE", "domain"), ("D5 PROTECȚIE SOCIALĂ", "domain"),
    ("Cel puțin 20% de metode noi", None), ("Indicator: 53 de mediatori", None), ("I etapă - 2025-2026", None),
])
def test_heading_patterns(text, field):
    assert default_headings().field_of(text) == field


@pytest.mark.parametrize("text,field,heading", [
    ('"COMPONENTA: PREVENIREA ȘI COMBATEREA', "section", "COMPONENTA: PREVENIREA ȘI COMBATEREA"),  # a speck read as "
    ("• Obiectiv general 2: Dezvoltarea", "general_objective", "Obiectiv general 2: Dezvoltarea"),
    ('„Programul" nu este un titlu', None, '„Programul" nu este un titlu'),
    (". PREVENIREA EXCLUDERII", None, ". PREVENIREA EXCLUDERII"),  # its number lost: no section made of a dot
])
def test_marks_before_a_heading_are_no_part_of_it(text, field, heading):
    assert default_headings().heading(text) == (field, heading)


def test_heading_patterns_reject_unknown_fields():
    with pytest.raises(ValueError):
        HeadingPatterns([("chapter", "^capitol")])


@pytest.mark.parametrize("label,field", [
    ("Costuri (mii lei)", "cost_group"), ("Cost, lei", "cost_group"), ("Capacitate (locuri)", "capacity"),
    ("Buget de stat (lei)", "budget_state"), ("Alte surse (lei)", "budget_other"),
])
def test_units_in_parentheses_do_not_change_an_exact_match(label, field):
    m = default_vocabulary().match(label)
    assert (m.field, m.method) == (field, "exact")


@pytest.mark.parametrize("label,field", [
    ("Termenul limită de finalizare", "deadline"), ("Instituțiile responsabile de executare", "responsible"),
    ("Parteneri externi", "partners"), ("Codul din nomenclator", "service_code"),
    ("Furnizorul de servicii sociale", "provider"),  # the head, not the dependent "servicii"
    ("Servicii oferite beneficiarilor", "services_offered"),  # the longest keyword
    ("Costul acțiunii", "cost_group"), ("Entitatea reponsabilă de executare", "responsible"),  # a typo in the head
])
def test_unlisted_labels_are_read_by_their_head_word(label, field):
    m = default_vocabulary().match(label)
    assert (m.field, m.method) == (field, "keyword")


@pytest.mark.parametrize("label", [
    "Responsabili / Parteneri", "Termen și responsabil", "Costuri și surse de finanțare",  # two fields
    "Termen: anual", "Responsabil: DAS", "Termen 12.05",  # cells, not labels
    "Nr. activități", "Parteneriate active", "Participare la cursuri", "periodic",  # other words
    "Elaborarea și aprobarea planului de acțiuni", "Partenerii sociali vor fi consultați",
])
def test_the_fallback_refuses_what_is_no_single_field(label):
    assert default_vocabulary().match(label).field is None


def test_a_typo_match_must_keep_the_first_word():
    # "Măsuri de implementare" is two edits from "Costuri de implementare": a measure, not a cost
    assert default_vocabulary().match("Măsuri de implementare").field == "measure"
    # a PDF that lost a space keeps its typo match
    assert default_vocabulary().match("indicatorirezultat").field == "result"


def test_a_vocabulary_without_keywords_has_no_fallback():
    v = Vocabulary([("deadline", "Termen de realizare")])
    assert v.match("Termenul limită").field is None
