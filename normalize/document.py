"""An extracted document -> canonical records (actions, costs, cells, headers) and issues."""

from __future__ import annotations

from dataclasses import dataclass, field

from planuri.extract.types import ExtractedDocument, RawTable, TextBlock
from planuri.extract.issues import Issue

from .bodies import GlossarySettings, document_glossary
from .codes import code_sequence_issues, repair_read_codes
from .context import Context, apply_paragraph
from .header import BUDGET_FIELDS, MONEY_FIELDS, HeaderMap, build_header
from .metadata import Metadata, fill_period, plan_issues, read_metadata
from .phrases import Phrases, default_phrases
from .rows import CODE_READ, table_rows
from .services import Chapters, table_kind, table_records
from .split import split_tables
from .text import TextRules, document_words
from .totals import DeclaredTotals
from .values import DocumentValues
from .label_words import KeywordSettings
from .vocabulary import HeadingPatterns, Vocabulary, default_headings, default_vocabulary


@dataclass(frozen=True)
class NormalizeSettings:
    """The thresholds of normalizing (pipeline.Settings.normalize)."""

    keywords: KeywordSettings = KeywordSettings()  # when an unlisted label is read by its keywords, not as body text
    glossary: GlossarySettings = GlossarySettings()  # which two-column tables are a list of abbreviations


@dataclass
class NormalizedDocument:
    actions: list[dict] = field(default_factory=list)
    costs: list[dict] = field(default_factory=list)
    cells: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    declared_totals: list[dict] = field(default_factory=list)
    services: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    n_tables: int = 0
    n_action_tables: int = 0
    roles: dict[int, list[str]] = field(default_factory=dict)  # table_no -> role of each grid row
    header_maps: dict[int, HeaderMap] = field(default_factory=dict)  # table_no -> its header, when it has one


def normalize_document(doc: ExtractedDocument, vocab: Vocabulary | None = None,
                       patterns: HeadingPatterns | None = None, phrases: Phrases | None = None,
                       settings: NormalizeSettings = NormalizeSettings()) -> NormalizedDocument:
    vocab = vocab or default_vocabulary(settings.keywords)
    patterns = patterns or default_headings()
    phrases = phrases or default_phrases()
    metadata = read_metadata(doc.blocks, phrases)
    values = DocumentValues(phrases, metadata, document_glossary(doc.blocks, settings.glossary))
    totals = DeclaredTotals()
    chapters = Chapters()
    rules = TextRules(document_words(
        [c.text for t in doc.tables for c in t.cells] + [b.text for b in doc.blocks if isinstance(b, TextBlock)]
    ))
    out = NormalizedDocument(issues=list(doc.issues), metadata=metadata)
    ctx = Context()
    for block in [b for block in doc.blocks for b in (
            split_tables(block, vocab, rules.for_table(block)) if isinstance(block, RawTable) else [block])]:
        if isinstance(block, TextBlock):
            apply_paragraph(ctx, block.text, patterns, rules)
            chapters.see(block.text, phrases)
            continue
        out.n_tables += 1
        table_no = out.n_tables
        subheading = chapters.table_seen()
        out.cells.extend(cell_records(block, table_no))
        out.issues.extend(page_break_issues(block, table_no))
        table_rules = rules.for_table(block)
        header = build_header(block, vocab, table_rules)
        if header is None:
            out.issues.append(Issue("table-without-header", "no header row with known labels; kept in cells only",
                                    severity="info", table_no=table_no, page=block.provenance.page))
            continue
        out.headers.extend(header_records(header, table_no))
        out.header_maps[table_no] = header
        kind = table_kind(header)
        out.issues.extend(header_issues(header, table_no, block, kind))
        if totals.is_summary(header):
            out.issues.extend(totals.add(block, header, table_no, ctx, table_rules))
        if kind in ("services", "activities"):
            found = table_records(block, header, table_no, kind, chapters, patterns, table_rules, phrases, subheading)
            (out.services if kind == "services" else out.activities).extend(found.records)
            out.issues.extend(found.issues)
            out.roles[table_no] = found.roles
            continue
        if not header.is_action_plan:
            continue
        out.n_action_tables += 1
        rows = table_rows(block, header, table_no, ctx, patterns, table_rules, values)
        out.actions.extend(rows.actions)
        out.costs.extend(rows.costs)
        out.issues.extend(rows.issues)
        out.roles[table_no] = rows.roles
    out.issues.extend(repair_read_codes(out.actions, CODE_READ))
    out.issues.extend(code_sequence_issues(out.actions))
    for cell in out.cells:
        cell["role"] = cell_role(cell, out.roles.get(cell["table_no"]), out.header_maps.get(cell["table_no"]))
    out.declared_totals, mismatches = totals.compare(out.actions)
    out.issues.extend(mismatches)
    if out.n_action_tables:
        metadata, out.issues = fill_period(metadata, out.actions, out.issues, phrases)
        out.metadata = metadata
        out.issues.extend(plan_issues(metadata, out.actions, phrases))
    return out


def cell_records(table: RawTable, table_no: int) -> list[dict]:
    """The table's cells with their boxes; their roles are set once the table's rows are read."""
    quality = table.quality
    return [
        {"table_no": table_no, "row": c.row + 1, "col": c.col + 1, "row_span": c.row_span,
         "col_span": c.col_span, "page": c.page, **_box(c.bbox), "text": c.text,
         "table_engine": table.provenance.engine,
         "confidence": c.confidence, "table_assigned": quality.assigned if quality else None,
         "table_empty": quality.empty if quality else None}
        for c in table.cells
    ]


def _box(bbox) -> dict:
    x0, y0, x1, y1 = (round(v, 2) for v in bbox) if bbox else (None,) * 4
    return {"x0": x0, "y0": y0, "x1": x1, "y1": y1}


# a grid row's role (normalize.rows, normalize.services) -> the role of the cells starting in it
CELL_ROLE = {"caption": "caption", "header": "header", "number-row": "header", "repeated-header": "header",
             "heading": "heading", "action": "action", "service": "service", "activity": "activity"}
RECORD_ROLES = frozenset({"action", "service", "activity"})
COST_FIELDS = MONEY_FIELDS | BUDGET_FIELDS  # a record's cell in such a column is a cost


def cell_role(cell: dict, roles: list[str] | None, header: HeaderMap | None) -> str:
    """A cell record's role: its top row's, or cost for a record's cell under a money column;
    unassigned for empty rows, rows that yielded nothing and tables read into no dataset."""
    if not roles or cell["row"] > len(roles):
        return "unassigned"
    role = CELL_ROLE.get(roles[cell["row"] - 1], "unassigned")
    if role in RECORD_ROLES and header is not None:
        column = next((c for c in header.columns if c.index == cell["col"] - 1), None)
        if column is not None and column.field in COST_FIELDS:
            return "cost"
    return role


def header_records(header: HeaderMap, table_no: int) -> list[dict]:
    return [
        {"table_no": table_no, "col": c.index + 1, "label": c.label, "field": c.field,
         "match": c.match, "column_funding_source": c.source}
        for c in header.columns
    ]


def header_issues(header: HeaderMap, table_no: int, table: RawTable, kind: str | None = "plan") -> list[Issue]:
    """An unknown label: a warning where the table's rows are read (its cells go to extra) -- in a
    services or activities table only for a written label (an empty one heads the rows' own labels
    or numbers) --, else info; a label read by a typo or by its head word: info, naming the field."""
    issues = []
    for c in header.columns:
        read = kind == "plan" or (kind is not None and bool(c.label))
        where = dict(table_no=table_no, row_no=header.first_row + 1, page=table.provenance.page, raw=c.label)
        if not c.known:
            issues.append(Issue("unknown-header", f"column {c.index + 1} label {c.label!r} is not in the vocabulary; "
                                f"kept as {c.field}" + (", its cells in extra" if read else ""),
                                severity="warning" if read else "info", **where))
        elif c.match == "fuzzy":
            issues.append(Issue("header-typo", f"column {c.index + 1} label {c.label!r} read as a variant of a known "
                                f"label ({c.field})", severity="info", **where))
        elif c.match == "content":
            issues.append(Issue("header-from-content", f"column {c.index + 1} label {c.label!r} is not in the "
                                f"vocabulary; read as {c.field}: every cell under it is an action's number",
                                severity="info", **where))
        elif c.match == "keyword":
            issues.append(Issue("header-keyword", f"column {c.index + 1} label {c.label!r} is not in the vocabulary; "
                                f"read as {c.field} by its head word", severity="info", **where))
    return issues


PAGE_BREAK_CODES = {"merged-split-row": ("page-break-row-joined", "the row goes on from the previous page"),
                    "new-row-at-break": ("page-break-row-kept", "the page starts a row of its own")}


def page_break_issues(table: RawTable, table_no: int) -> list[Issue]:
    """How each page break of a table was read (a row cut by it joined, or a new row started),
    with the evidence: info issues, so that a doubtful join can be found and checked."""
    out = []
    for note in table.notes:
        if note.action in PAGE_BREAK_CODES:
            code, what = PAGE_BREAK_CODES[note.action]
            out.append(Issue(code, f"page {note.page}: {what} ({note.reason})", severity="info", page=note.page,
                             table_no=table_no, row_no=None if note.row is None else note.row + 1))
    return out

