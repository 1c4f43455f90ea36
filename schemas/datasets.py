"""Pandera models of the datasets planuri writes.  Every frame is validated against its
model before it is written; the field descriptions are the datasets' documentation."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

import datetime

HEX16 = r"^[0-9a-f]{16}$"
HEX64 = r"^[0-9a-f]{64}$"
KEBAB = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CODE = r"^\d{1,3}(?:\.\d{1,3})*$"
NullableInt = pd.Int64Dtype
NullableBool = pd.BooleanDtype
STATUSES = ["realizat", "parțial realizat", "nerealizat"]
RECURRENCES = ["annual", "semiannual", "quarterly", "monthly", "permanent", "as-needed"]
AMOUNT_KINDS = ["value", "within-available-resources", "as-needed", "none", "text"]
LIST = {"arrow": "list<string>"}
YEAR_MAP = {"arrow": "map<int32,string>"}
DATE = {"arrow": "date32"}
CELL_ROLES = ["caption", "header", "heading", "action", "service", "activity", "cost", "unassigned"]


def _all(values: pd.Series, ok) -> pd.Series:
    return values.map(lambda v: v is None or (not isinstance(v, float) and ok(v)))


def is_text_list(values: pd.Series) -> pd.Series:
    return _all(values, lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v))


def is_year_map(values: pd.Series) -> pd.Series:
    return _all(values, lambda v: isinstance(v, dict) and all(
        isinstance(k, int) and 1900 <= k <= 2100 and x in STATUSES for k, x in v.items()))


def is_date(values: pd.Series) -> pd.Series:
    return _all(values, lambda v: isinstance(v, datetime.date))


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True
        ordered = True


class Actions(_Base):
    """One row per action of an action-plan table."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="First 16 hex digits of the file's SHA-256; the partition key.")
    table_no: Series[int] = pa.Field(ge=1, description="1-based number of the logical table in the document (every table counts, action plan or not).")
    row_no: Series[int] = pa.Field(ge=1, description="1-based row of the logical table, header rows included; the same numbering as cells.row.")
    page_start: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="PDF page where the action's row starts; null for DOCX.")
    page_end: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="PDF page where the action's row ends (a row cut by a page break spans two); null for DOCX.")
    section: Series[str] = pa.Field(nullable=True, description="Section heading in force (\"I. PREVENIREA …\", \"COMPONENTA: …\").")
    general_objective: Series[str] = pa.Field(nullable=True, description="General objective heading in force (\"Obiectiv general 1: …\").")
    specific_objective: Series[str] = pa.Field(nullable=True, description="Specific objective: the heading in force, or the action's cell of an objective column (merged cells apply to every row they span).")
    domain: Series[str] = pa.Field(nullable=True, description="Domain heading in force (\"Domeniul educației\", \"D1. ACCESIBILITATE …\").")
    measure: Series[str] = pa.Field(nullable=True, description="The action's measure cell (\"Măsuri\" column), as written with its code.")
    action_code: Series[str] = pa.Field(nullable=True, str_matches=CODE, description="The action's code (\"1.1.1\", \"2.11\"): the numbering a Nr. column starts with (any other text there goes to extra), or split off the action text; trailing dot removed.")
    action: Series[str] = pa.Field(nullable=True, str_length={"min_value": 1}, description="The action text, without its code; null for a row with a result, deadline or other field of its own but no action text (issue missing-action).")
    responsible: Series[str] = pa.Field(nullable=True, description="Responsible bodies, as written.")
    partners: Series[str] = pa.Field(nullable=True, description="Partners, as written.")
    deadline: Series[str] = pa.Field(nullable=True, description="Deadline, as written (\"2025-2027\", \"Trimestrul I, 2023\").")
    indicators: Series[str] = pa.Field(nullable=True, description="Monitoring or result indicators, as written.")
    result: Series[str] = pa.Field(nullable=True, description="Implementation result reported (\"2021 realizat …\"), in reports.")
    extra: Series[str] = pa.Field(nullable=True, description="JSON object of the row's cells in columns an action has no field for (a label the vocabulary cannot place, a second column of a field, a field of another kind of table such as observations), by header label; null if none.")
    deadline_start: Series[NullableInt] = pa.Field(nullable=True, ge=1900, le=2100, description="First year of the deadline (\"2024\" of \"Trimestrul IV an.2024 - 2028\"); the plan's first year when the deadline names none (issue deadline-year-from-plan); null when unreadable.")
    deadline_end: Series[NullableInt] = pa.Field(nullable=True, ge=1900, le=2100, description="Last year of the deadline (\"2028\"); equal to deadline_start for one year.")
    deadline_quarter_start: Series[NullableInt] = pa.Field(nullable=True, ge=1, le=4, description="First quarter stated (\"Trimestrul IV\" -> 4, \"Trim I-IV\" -> 1); null when none.")
    deadline_quarter_end: Series[NullableInt] = pa.Field(nullable=True, ge=1, le=4, description="Last quarter stated (\"Trim I-IV\" -> 4; one quarter of one year -> the same); null when not stated.")
    deadline_recurrence: Series[str] = pa.Field(nullable=True, isin=RECURRENCES, description="annual, semiannual, quarterly, monthly, permanent or as-needed when the deadline says so (\"Anual\", \"semestrial\", \"Permanent\"); null otherwise.")
    deadline_years_from: Series[str] = pa.Field(nullable=True, isin=["deadline", "plan"], description="Where deadline_start and deadline_end come from: deadline (the text names the years) or plan (it names none: the plan's period, issue deadline-year-from-plan); null when they are null.")
    responsible_list: Series[object] = pa.Field(nullable=True, metadata=LIST, description="The responsible bodies, split on ; , and line breaks (never inside a name holding a comma), as written.")
    responsible_expanded: Series[object] = pa.Field(nullable=True, metadata=LIST, description="responsible_list with abbreviations spelled out from the document's glossary, or the shared one (normalize/glossary.csv).")
    partners_list: Series[object] = pa.Field(nullable=True, metadata=LIST, description="The partners, split like responsible_list.")
    partners_expanded: Series[object] = pa.Field(nullable=True, metadata=LIST, description="partners_list with abbreviations spelled out.")
    indicators_list: Series[object] = pa.Field(nullable=True, metadata=LIST, description="The indicators, split at the document's own line breaks, at a line starting an indicator (Număr…, Rata…, %), at ; and at sentence ends.")
    implementation_status: Series[str] = pa.Field(nullable=True, isin=STATUSES, description="Implementation status read from result: realizat, parțial realizat, nerealizat; the last year's when given year by year; null when none or contradictory.")
    implementation_status_by_year: Series[object] = pa.Field(nullable=True, metadata=YEAR_MAP, description="Year -> implementation status when the result gives one per year (\"2021 realizat 2022 nerealizat\"); null otherwise.")

    @pa.check("responsible_list", "responsible_expanded", "partners_list", "partners_expanded", "indicators_list")
    def text_lists(cls, values: Series[object]) -> Series[bool]:
        return is_text_list(values)

    @pa.check("implementation_status_by_year")
    def year_statuses(cls, values: Series[object]) -> Series[bool]:
        return is_year_map(values)

    @pa.dataframe_check(description="page_end is not before page_start")
    def pages_ordered(cls, df: pd.DataFrame) -> Series[bool]:
        return df["page_start"].isna() | df["page_end"].isna() | (df["page_end"] >= df["page_start"])


class Costs(_Base):
    """One row per non-empty cost or funding cell of an action."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id (see actions.doc_id).")
    table_no: Series[int] = pa.Field(ge=1, description="Logical table of the action.")
    row_no: Series[int] = pa.Field(ge=1, description="Row of the action (joins actions on doc_id, table_no, row_no).")
    funding_source: Series[str] = pa.Field(nullable=True, description="The cost sub-column's header (\"Surse APL\"), several joined with \" | \" for a merged cell, or the action's \"Surse de finanțare\" cell.")
    amount: Series[str] = pa.Field(nullable=True, description="The cost cell's text as written (\"150,000.00\", \"în limita resurselor …\"); null where the table has only a funding-source column.")
    amount_label: Series[str] = pa.Field(nullable=True, str_matches=r"^[a-h]$", description="Letter of the amount in a cell listing several (\"a) … b) …\": one row each); null otherwise.")
    amount_value: Series[float] = pa.Field(nullable=True, ge=0, description="The amount in currency units (\"3,0 mii lei\" -> 3000, \"150,000.00\" -> 150000); null unless amount_kind is value.")
    currency: Series[str] = pa.Field(nullable=True, isin=["MDL", "RON", "EUR", "USD"], description="EUR/USD when written, else the document's country currency (MDL for Moldova, RON for Romania); null without a value.")
    amount_unit: Series[str] = pa.Field(nullable=True, description="What the amount is per, as written (copil, familie, an); null if none.")
    amount_kind: Series[str] = pa.Field(nullable=True, isin=AMOUNT_KINDS, description="value; within-available-resources (\"în limita resurselor …\"); as-needed (\"în caz de necesitate\"); none (\"-\"); text (anything else); null when the cell has no amount text.")

    @pa.dataframe_check(description="a cost row has a funding source or an amount")
    def not_empty(cls, df: pd.DataFrame) -> Series[bool]:
        return df["funding_source"].notna() | df["amount"].notna()


class Documents(_Base):
    """One row per input file."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="First 16 hex digits of the file's SHA-256.")
    sha256: Series[str] = pa.Field(str_matches=HEX64, description="SHA-256 of the file's bytes.")
    source_file: Series[str] = pa.Field(description="Path of the input file as given to planuri run.")
    format: Series[str] = pa.Field(isin=["pdf", "docx", "doc", "odt", "rtf", "unknown"], description="Format recognised from the file's bytes (doc, odt and rtf are read through a DOCX converted by LibreOffice).")
    engine: Series[str] = pa.Field(description="How the PDF's pages were asked to be read (auto, pdfplumber, camelot, borderless, ocr); docx for word-processor files.")
    pages: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="Pages of a PDF; null for DOCX.")
    pages_ruled: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="PDF pages whose tables were read from their ruling lines; null for DOCX.")
    pages_borderless: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="PDF pages whose tables were read from the layout of their text (no rules); null for DOCX.")
    pages_ocr: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="PDF pages without a text layer, read by OCR; null for DOCX.")
    ocr_confidence: Series[float] = pa.Field(nullable=True, ge=0, le=100, description="Mean confidence (0-100) of the OCR'd table cells; null when nothing was OCR'd.")
    n_tables: Series[int] = pa.Field(ge=0, description="Logical tables found (page pieces joined).")
    n_action_tables: Series[int] = pa.Field(ge=0, description="Tables recognised as action plans.")
    n_actions: Series[int] = pa.Field(ge=0, description="Rows written to actions.")
    n_services: Series[int] = pa.Field(ge=0, description="Rows written to services.")
    n_activities: Series[int] = pa.Field(ge=0, description="Rows written to activities.")
    n_issues: Series[int] = pa.Field(ge=0, description="Rows written to issues.")
    status: Series[str] = pa.Field(isin=["ok", "no-action-plan", "failed"], description="ok (actions, services or activities found); no-action-plan (read, but no such table); failed (see error).")
    error: Series[str] = pa.Field(nullable=True, description="Why the file failed, as \"code: message\"; null otherwise.")
    country: Series[str] = pa.Field(nullable=True, isin=["MD", "RO"], description="MD or RO, from the document's wording (normalize/phrases.csv); null when undecided.")
    issuer: Series[str] = pa.Field(nullable=True, description="The issuing council (\"Consiliul municipal Bălți\", \"Consiliul Local Bacău\").")
    act_type: Series[str] = pa.Field(nullable=True, isin=["decizie", "hotărâre", "dispoziție", "anexă", "proiect", "raport"], description="The act's kind, from the first preamble line naming one.")
    act_number: Series[str] = pa.Field(nullable=True, description="The act's number (\"19/27\", \"17\"); null when blank in a draft.")
    act_date: Series[object] = pa.Field(nullable=True, metadata=DATE, description="The act's date; null when blank in a draft.")
    plan_title: Series[str] = pa.Field(nullable=True, description="The plan's title as written.")
    plan_period_start: Series[NullableInt] = pa.Field(nullable=True, ge=1900, le=2100, description="First year of the plan, from its title (\"pentru anii 2025-2027\", \"PERIOADA 2021 - 2023\"); when the title names none, the first year its deadlines state (issue plan-period-from-deadlines).")
    plan_period_end: Series[NullableInt] = pa.Field(nullable=True, ge=1900, le=2100, description="Last year of the plan.")
    plan_key: Series[str] = pa.Field(nullable=True, str_matches=r"^(act|text):[0-9a-f]{16}$", description="The same value for every document holding the same plan, whatever its form or file name: act:<hash of issuer, act number and act date> when the preamble names all three, else text:<hash of the letters and digits of the actions' text (then services' names, activities' items), case and diacritics folded>, after a run the smallest key among the documents of the output whose letters are near-identical (a scan, a form that lost a row: see plan-key-joined); null when neither. Keep one form per plan: qualify row_number() over (partition by plan_key order by …) = 1.")

    @pa.check("act_date")
    def dates(cls, values: Series[object]) -> Series[bool]:
        return is_date(values)


class DeclaredTotals(_Base):
    """Counts a report declares in its total | realizat | parțial realizat | nerealizat tables,
    beside the counts found among the actions under the same heading."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    table_no: Series[int] = pa.Field(ge=1, description="The summary table.")
    heading_field: Series[str] = pa.Field(nullable=True, description="Context field of the heading the table stands under (section, specific_objective, …).")
    heading: Series[str] = pa.Field(nullable=True, description="That heading's text (null: the whole document).")
    declared_total: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="total, as declared.")
    declared_done: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="realizat, as declared.")
    declared_partial: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="parțial realizat, as declared.")
    declared_not_done: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="nerealizat, as declared.")
    found_total: Series[int] = pa.Field(ge=0, description="Actions extracted after the table under the same heading.")
    found_done: Series[int] = pa.Field(ge=0, description="Of those, implementation_status realizat.")
    found_partial: Series[int] = pa.Field(ge=0, description="Of those, implementation_status parțial realizat.")
    found_not_done: Series[int] = pa.Field(ge=0, description="Of those, implementation_status nerealizat.")
    found_unknown: Series[int] = pa.Field(ge=0, description="Of those, no implementation_status readable in their result.")


class Services(_Base):
    """One row per social service of a services table (Ordin 1086/2018 plans and reports)."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    table_no: Series[int] = pa.Field(ge=1, description="Logical table.")
    row_no: Series[int] = pa.Field(ge=1, description="Row of the table (cells.row).")
    kind: Series[str] = pa.Field(isin=["existing", "proposed", "contracted", "subsidized"], description="existing (A. / Anexa 1), proposed (B. / Anexa 2), contracted (C.), subsidized (D. / Anexa 4): from the heading before the table, else its columns.")
    provider: Series[str] = pa.Field(nullable=True, description="The provider and its contact details, as written.")
    provider_emails: Series[object] = pa.Field(nullable=True, metadata=LIST, description="E-mail addresses in the provider's (or, without a provider column, the service's) contact text and mailto: links.")
    provider_phones: Series[object] = pa.Field(nullable=True, metadata=LIST, description="Phone numbers there, digits only (numbers labelled only as fax left out).")
    provider_websites: Series[object] = pa.Field(nullable=True, metadata=LIST, description="Websites there (www…, http… text and links).")
    service_code: Series[str] = pa.Field(nullable=True, description="Nomenclator code, normalised (\"8899CZ-F-I\" -> \"8899 CZ-F-I\"; several joined with \"; \"); a code of another form is kept as written and reported (unrecognized-service-code); without a code column, a code written in the service's name.")
    service_name: Series[str] = pa.Field(nullable=True, description="The service's name and contact details, as written.")
    beneficiaries: Series[str] = pa.Field(nullable=True, description="Beneficiary categories, as written.")
    capacity: Series[str] = pa.Field(nullable=True, description="Capacity, as written (\"30 locuri si 20 locuri …\"); a column of both capacity and beneficiaries (\"Capacitate / Categoriile de beneficiari\") is read here.")
    capacity_value: Series[float] = pa.Field(nullable=True, ge=0, description="The number of places or beneficiaries stated first (\"30 locuri si 20 locuri …\" -> 30, \"- Copii și părinți / 20\" -> 20).")
    services_offered: Series[str] = pa.Field(nullable=True, description="Services offered, as written.")
    occupancy: Series[str] = pa.Field(nullable=True, description="Occupancy and pending requests, as written.")
    occupancy_pct: Series[float] = pa.Field(nullable=True, ge=0, description="The first percentage of the occupancy (\"75,2%\" -> 75.2).")
    building_space: Series[str] = pa.Field(nullable=True, description="Building / space needed, as written.")
    staff: Series[str] = pa.Field(nullable=True, description="Staff needed, as written.")
    budget_local: Series[str] = pa.Field(nullable=True, description="Estimated budget from the local budget, as written.")
    budget_local_value: Series[float] = pa.Field(nullable=True, ge=0, description="The amount stated, in RON: the first number followed by a currency, explanations in parentheses left out, of a computation the side without a multiplication (\"50 persoane x 15 lei/ora … =264,000 lei\" -> 264000), else a number standing alone (\"755.439\", \"0\"); null when none is stated, for a threshold (\"venituri mai mari de 1500 lei\") or an amount in euro.")
    budget_county: Series[str] = pa.Field(nullable=True, description="From the county budget, as written.")
    budget_county_value: Series[float] = pa.Field(nullable=True, ge=0, description="That amount in RON, read as budget_local_value.")
    budget_state: Series[str] = pa.Field(nullable=True, description="From the state budget, as written.")
    budget_state_value: Series[float] = pa.Field(nullable=True, ge=0, description="That amount in RON, read as budget_local_value.")
    budget_beneficiaries: Series[str] = pa.Field(nullable=True, description="From the beneficiaries' contributions, as written.")
    budget_beneficiaries_value: Series[float] = pa.Field(nullable=True, ge=0, description="That amount in RON, read as budget_local_value.")
    budget_other: Series[str] = pa.Field(nullable=True, description="From other sources, as written.")
    budget_other_value: Series[float] = pa.Field(nullable=True, ge=0, description="That amount in RON, read as budget_local_value.")
    justification: Series[str] = pa.Field(nullable=True, description="Justification, as written.")
    service_result: Series[str] = pa.Field(nullable=True, description="Result indicator, as written.")
    service_extra: Series[str] = pa.Field(nullable=True, description="JSON object of the row's cells in columns this dataset has no field for (a label the vocabulary cannot place, a field of another kind of table), by header label; null if none. The Nr. column's row number is not kept.")

    @pa.check("provider_emails", "provider_phones", "provider_websites")
    def text_lists(cls, values: Series[object]) -> Series[bool]:
        return is_text_list(values)


class Activities(_Base):
    """One row per information or training item of a services plan."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    table_no: Series[int] = pa.Field(ge=1, description="Logical table.")
    row_no: Series[int] = pa.Field(ge=1, description="Row of the table (cells.row).")
    chapter: Series[str] = pa.Field(isin=["information", "training", "supervision", "peer-review"], description="information (Capitolul II), training (Capitolul III), supervision, peer-review: from the heading before the table.")
    item: Series[str] = pa.Field(nullable=True, description="What the item is (information published, course, topic, group trained), as written: the item column, else the group trained, else the row's unlabelled cell (not a bare row number), else the lettered sub-heading announcing the table (\"b) Cursuri de calificare\").")
    persons: Series[str] = pa.Field(nullable=True, description="Persons concerned, as written (for a courses table, each course column as \"label: text\").")
    persons_value: Series[float] = pa.Field(nullable=True, ge=0, description="The persons of the first course column that states any, or of the persons column: a bare number, or the sum of the groups the cell counts (\"4 voluntari DAS 3 voluntari OSPT 4 voluntari CRA\" -> 11).")
    activity_deadline: Series[str] = pa.Field(nullable=True, description="Deadline or periodicity, as written.")
    budget: Series[str] = pa.Field(nullable=True, description="Estimated budget, as written.")
    budget_value: Series[float] = pa.Field(nullable=True, ge=0, description="That amount in RON, read as services.budget_local_value.")
    observations: Series[str] = pa.Field(nullable=True, description="Observations, as written.")
    activity_result: Series[str] = pa.Field(nullable=True, description="Result indicator, as written.")
    activity_extra: Series[str] = pa.Field(nullable=True, description="JSON object of the row's cells in columns this dataset has no field for, by header label; null if none.")


class Cells(_Base):
    """Every cell of every table found, action plan or not: the audit trail."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    table_no: Series[int] = pa.Field(ge=1, description="Logical table.")
    row: Series[int] = pa.Field(ge=1, description="1-based top grid row of the cell.")
    col: Series[int] = pa.Field(ge=1, description="1-based left grid column of the cell.")
    row_span: Series[int] = pa.Field(ge=1, description="Grid rows the cell covers (vertical merge).")
    col_span: Series[int] = pa.Field(ge=1, description="Grid columns the cell covers (horizontal merge).")
    page: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="PDF page where the cell starts; null for DOCX.")
    x0: Series[float] = pa.Field(nullable=True, ge=0, description="Left side of the cell's box on its page, in PDF points from the page's left edge (a scan's: from its rules); null for DOCX. A cell continued on the next page has the box of its first piece.")
    y0: Series[float] = pa.Field(nullable=True, ge=0, description="Top of the cell's box, in PDF points from the page's top edge; null for DOCX.")
    x1: Series[float] = pa.Field(nullable=True, ge=0, description="Right side of the cell's box, in PDF points from the page's left edge; null for DOCX.")
    y1: Series[float] = pa.Field(nullable=True, ge=0, description="Bottom of the cell's box, in PDF points from the page's top edge; null for DOCX.")
    role: Series[str] = pa.Field(isin=CELL_ROLES, description="What the cell was read as, from the row it starts in: caption (above the header), header (header rows, the column-number row, a header repeated on a later page), heading (a section, objective or domain heading row), action, service or activity (a cell of a row written to that dataset), cost (such a row's cell in a cost, funding or budget column), unassigned (an empty row, a row yielding nothing, a table not read as a plan).")
    text: Series[str] = pa.Field(description="The cell's text as extracted, lines separated by \\n (DOCX paragraphs and line breaks, PDF lines, which keep a trailing space where the PDF drew one); a row cut by a page break has its pieces joined.")
    table_engine: Series[str] = pa.Field(description="How the table was found: docx (the document's own grid), pdfium, pdfplumber or camelot (ruling lines: pdfium or pdfplumber after the reader that read the page's rules, pdfplumber's table finder either way), borderless (text layout), ocr (a scanned page's rules and OCR'd words).")
    confidence: Series[float] = pa.Field(nullable=True, ge=0, le=100, description="OCR: mean confidence (0-100) of the cell's words, weighted by their length; null when not OCR'd or empty.")
    table_assigned: Series[float] = pa.Field(nullable=True, ge=0, le=1, description="The table's share of the text inside its area that landed in a cell (on each of its cells); null for DOCX.")
    table_empty: Series[float] = pa.Field(nullable=True, ge=0, le=1, description="The table's share of grid slots covered by no text (on each of its cells); null for DOCX.")

    @pa.dataframe_check(description="a cell's box is whole (all four sides or none) and not inverted")
    def box(cls, df: pd.DataFrame) -> Series[bool]:
        sides = df[["x0", "y0", "x1", "y1"]]
        whole = sides.notna().all(axis=1)
        return (whole & (df["x1"] >= df["x0"]) & (df["y1"] >= df["y0"])) | sides.isna().all(axis=1)


class Headers(_Base):
    """How each column of each table was understood: label as read, canonical field."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    table_no: Series[int] = pa.Field(ge=1, description="Logical table.")
    col: Series[int] = pa.Field(ge=1, description="1-based grid column.")
    label: Series[str] = pa.Field(description="Header label as read (\"group / sub-label\" under a group cell).")
    field: Series[str] = pa.Field(description="Canonical field, or other:<label> for a label the vocabulary cannot place.")
    match: Series[str] = pa.Field(isin=["exact", "fuzzy", "keyword", "content", "unknown"], description="How the label matched the vocabulary: exact (a vocabulary label, units in parentheses aside), fuzzy (one with a small typo), keyword (not listed: read by its head word, normalize/keywords.csv), content (no label matched: an action plan's column whose every cell is an action's number is its code column), unknown.")
    column_funding_source: Series[str] = pa.Field(nullable=True, description="Funding source of a cost sub-column (what costs.funding_source takes from it).")


class Issues(_Base):
    """Problems and notable decisions, per document."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    code: Series[str] = pa.Field(str_matches=KEBAB, description="Stable kebab-case code (unknown-header, missing-action, …).")
    severity: Series[str] = pa.Field(isin=["error", "warning", "info"], description="error: data lost or document failed; warning: data kept but doubtful; info: a decision worth knowing.")
    message: Series[str] = pa.Field(description="What happened, in English.")
    page: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="PDF page concerned, if any.")
    table_no: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="Logical table concerned, if any.")
    row_no: Series[NullableInt] = pa.Field(nullable=True, ge=1, description="Table row concerned, if any.")
    raw: Series[str] = pa.Field(nullable=True, description="The text concerned (a row's cells joined with \" | \", a label, …).")


class Pages(_Base):
    """One row per PDF page: how it was read and, for a scan, how it looked and how surely OCR read
    it -- the page-level figure to sort doubtful scans by."""

    doc_id: Series[str] = pa.Field(str_matches=HEX16, description="Document id.")
    page: Series[int] = pa.Field(ge=1, description="Page number (1-based).")
    method: Series[str] = pa.Field(isin=["ruled", "borderless", "ocr", "text"], description="How its tables were read: ruled (from ruling lines), borderless (from the layout of its text), ocr (a scan), text (no table found on it).")
    chars: Series[int] = pa.Field(ge=0, description="Characters of its text layer (0 for a page read by OCR).")
    pieces: Series[int] = pa.Field(ge=0, description="Table pieces found on it (a table cut by page breaks has one per page).")
    scan_angle: Series[float] = pa.Field(nullable=True, ge=-45, le=45, description="Degrees (counter-clockwise) the scanned page was turned, turned back before reading; null for a page with a text layer.")
    scan_upside_down: Series[NullableBool] = pa.Field(nullable=True, description="The page was scanned upside down and turned back; null for a page with a text layer.")
    scan_paper: Series[float] = pa.Field(nullable=True, ge=0, le=255, description="Grey level (0 black - 255 white) of the scan's paper before it was made white; null for a page with a text layer.")
    scan_noise: Series[float] = pa.Field(nullable=True, ge=0, description="Grey levels of noise on the scan's paper (spread of the paper's grey); null for a page with a text layer.")
    ocr_words: Series[NullableInt] = pa.Field(nullable=True, ge=0, description="Words OCR read on the page; null for a page with a text layer.")
    ocr_word_confidence: Series[float] = pa.Field(nullable=True, ge=0, le=100, description="Mean confidence (0-100) of those words at the first reading (doubtful cells are then read again); null without words.")
    ocr_doubtful: Series[float] = pa.Field(nullable=True, ge=0, le=1, description="Share of those words read with less than the recheck confidence (OcrSettings.recheck_word_confidence, 60): the page's doubtful share; null without words.")


DATASETS: dict[str, type[_Base]] = {
    "documents": Documents,
    "actions": Actions,
    "costs": Costs,
    "declared_totals": DeclaredTotals,
    "services": Services,
    "activities": Activities,
    "cells": Cells,
    "headers": Headers,
    "issues": Issues,
    "pages": Pages,
}
