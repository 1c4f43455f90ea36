"""The body rows of an action-plan table -> actions, costs and issues.

Every body row gets exactly one role, so that nothing is lost silently:
``heading``, ``number-row``, ``repeated-header``, ``empty``, ``action``, or
``no-action`` (reported as a ``missing-action`` issue).  A row with a field of its own beyond
its measure and code (a result, a deadline, an indicator…) but no action text is an action with
no action text (and a ``missing-action`` issue): its status is kept.  Header rows are
``header``; rows cut by a page break were already merged by extraction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from planuri.extract.types import Cell, RawTable
from planuri.extract.issues import Issue
from planuri.extract.ro_text import fold, is_number_row, split_code

from .context import Context, apply_heading, heading_paragraphs
from .doubts import row_doubts
from .header import HeaderMap
from .text import TextRules
from .values import DocumentValues
from .vocabulary import HeadingPatterns

NUMBERING = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?")  # what a Nr. column numbers a row with
# a code as OCR may read it: its dots read as other marks or as nothing ("2-3,", "2:10;", "37", "102"),
# put right by its neighbours' numbering (``codes.repair_read_codes``)
OCR_CODE = re.compile(r"^\s*\d{1,3}(?:\s?[.,:;\-–]?\s?\d{1,3}){0,3}\s?[.,:;]?\s*$")
# a scanned code cell read as a short word without a digit (``Bad:`` for 3.7, at 26%): no code read
NO_CODE_READ = re.compile(r"^[^\s\d]{1,6}$")
SPECK_MARK = re.compile(r"[\]|)'](?=[.,;:]?$)")  # a mark a speck or a rule leaves ending a scanned code ("31].")
CODE_READ = "_code_read"  # an OCR'd code cell's text, kept on its action until its numbering is checked
TEXT_FIELDS = ("measure", "responsible", "partners", "deadline", "indicators", "result")
COLUMN_CONTEXT = ("specific_objective", "general_objective", "section", "domain")
ACTION_COLUMNS = frozenset({"code", "action", *TEXT_FIELDS, *COLUMN_CONTEXT})  # the fields an action holds


@dataclass
class TableRows:
    """What one action-plan table yielded."""

    actions: list[dict] = field(default_factory=list)
    costs: list[dict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)  # one per grid row


def _starting(table: RawTable) -> list[list[Cell]]:
    return list(table.rows())


def _row_key(cells: list[Cell]) -> tuple:
    return tuple((c.col, c.col_span, fold(c.text)) for c in cells)


def _raw(cells: list[Cell]) -> str:
    return " | ".join(" ".join(c.text.split()) for c in cells)


def is_heading_row(cells: list[Cell], covering: list[Cell | None], n_cols: int, patterns: HeadingPatterns) -> bool:
    filled = [c for c in cells if c.text.strip()]
    if len(filled) != 1:
        return False
    only = filled[0]
    if only.col_span >= n_cols or (only.col_span >= n_cols - 1 and only.col == 0):
        return True
    # a heading typed in the first cell of an unmerged row: nothing else in the row, a heading text
    others = [c for c in covering if c is not None and c is not only and c.text.strip()]
    return only.col == 0 and not others and patterns.field_of(only.text.split("\n")[0]) is not None


def body_rows(table: RawTable, header: HeaderMap, patterns: HeadingPatterns):
    """Each body row with its role (``empty``, ``repeated-header``, ``number-row``, ``heading``
    or ``data``), its starting cells and the cells covering each of its columns."""
    starting = _starting(table)
    grid = table.grid()
    header_keys = {_row_key(starting[r]) for r in header.rows()}
    for r in range(header.body_start, table.n_rows):
        cells, covering = starting[r], grid[r]
        if not any(c is not None and c.text.strip() for c in covering):
            role = "empty"
        elif cells and _row_key(cells) in header_keys:
            role = "repeated-header"
        elif is_number_row(cells):
            role = "number-row"
        elif is_heading_row(cells, covering, table.n_cols, patterns):
            role = "heading"
        else:
            role = "data"
        yield r, role, cells, covering


def header_roles(header: HeaderMap) -> list[str]:
    roles = ["caption"] * header.first_row + ["header"] * (header.last_row - header.first_row + 1)
    return roles + (["number-row"] if header.number_row is not None else [])


def table_rows(table: RawTable, header: HeaderMap, table_no: int, ctx: Context,
               patterns: HeadingPatterns, rules: TextRules, values: DocumentValues) -> TableRows:
    out = TableRows(roles=header_roles(header))
    for r, role, cells, covering in body_rows(table, header, patterns):
        where = dict(table_no=table_no, row_no=r + 1, page=table.pages_of_rows(r, r)[0])
        if role == "empty":
            out.issues.append(Issue("empty-row", "an empty row", severity="info", **where))
        elif role == "heading":
            heading = next(c for c in cells if c.text.strip())
            # the cell's own paragraphs, one a line (a PDF's wrapped lines start no heading)
            text = "\n".join(rules.join(p) for p in heading_paragraphs(heading.paragraphs(), patterns))
            for text in apply_heading(ctx, text, patterns, rules):
                out.issues.append(Issue("unplaced-heading", "a heading row that names no section, objective or domain",
                                        severity="info", raw=text, **where))
        if role != "data":
            out.roles.append(role)
            continue
        action, costs, issue = row_to_action(table, header, r, covering, ctx, rules)
        if action is None:
            out.roles.append("no-action")
            out.issues.append(issue.at(**where, raw=_raw(cells)))
            continue
        out.roles.append("action")
        if action["action"] is None:
            out.issues.append(Issue("missing-action", "a row with a result, deadline or other field of its own but no "
                                    "action text: written with no action", **where, raw=_raw(cells)))
        parsed, value_issues = values.action_fields(action, field_cells(header, covering), rules)
        action.update(parsed, table_no=table_no, row_no=r + 1)
        action["page_start"], action["page_end"] = table.pages_of_rows(r, r)
        out.actions.append(action)
        out.issues.extend(i.at(**where) for i in value_issues)
        out.issues.extend(i.at(**where, raw=i.raw or _raw(cells)) for i in row_doubts(header, r, covering, patterns))
        for cost in costs:
            out.costs.extend(values.cost_rows(dict(cost, table_no=table_no, row_no=r + 1)))
    return out


def field_cells(header: HeaderMap, covering: list[Cell | None]) -> dict[str, Cell]:
    """The cell holding each known field of a row (the first column of a field wins)."""
    out: dict[str, Cell] = {}
    for column in header.columns:
        cell = covering[column.index]
        if cell is not None and column.known:
            out.setdefault(column.field, cell)
    return out


def ocr_read(header: HeaderMap, covering: list[Cell | None]) -> bool:
    """Was the row's code cell read by OCR (it carries a word confidence)?"""
    cell = next((covering[c.index] for c in header.columns if c.field == "code" and covering[c.index] is not None),
                None)
    return cell is not None and cell.confidence is not None


def row_to_action(table: RawTable, header: HeaderMap, r: int, covering: list[Cell | None], ctx: Context,
                  rules: TextRules) -> tuple[dict | None, list[dict], Issue | None]:
    def text_of(col: int) -> str | None:
        cell = covering[col]
        return rules.field(cell.text) if cell is not None else None

    by_field: dict[str, str | None] = {}
    extra: dict[str, str] = {}
    for column in header.columns:
        cell = covering[column.index]
        if cell is None or cell.col != column.index or column.field in ("cost", "funding"):
            continue  # merged cells count once, at their first column; costs below
        value = text_of(column.index)
        if column.field in ACTION_COLUMNS and column.field not in by_field:
            by_field[column.field] = value
        elif value:  # a column the vocabulary cannot place, a second one of a field, or another kind's field
            key = column.label or column.field
            extra[key if key not in extra else f"{key} (column {column.index + 1})"] = value
    action_text = by_field.get("action")
    own = {c.field for c in header.columns if c.known and covering[c.index] is not None
           and covering[c.index].row == r and covering[c.index].text.strip()}
    if not action_text and not own - {"measure", "action", "code", "specific_objective", "general_objective"}:
        return None, [], Issue("missing-action", "a row with no action text; not written as an action")
    code, read = by_field.get("code"), None
    scanned_row = any(c is not None and c.confidence is not None for c in covering)
    if code:  # the Nr. column: its code ("3.13", OCR's "3.13,"); anything else it holds is kept in extra
        found, scanned = NUMBERING.match(code), ocr_read(header, covering)
        if scanned and OCR_CODE.match(SPECK_MARK.sub("", code.strip())):
            read = code.strip()  # checked against the codes around it once the table is read
        elif not found or code[found.end():].strip(" .,;:"):
            extra[next(c.label or c.field for c in header.columns if c.field == "code")] = code
            if scanned and not found and NO_CODE_READ.match(code.strip()):
                read = ""  # (kept in extra as read) the codes around it may tell its code
        code = found.group(1) if found else None
    else:
        code, rest = split_code(action_text or "")
        if code and rest:
            action_text = rest
            if scanned_row:
                read = code  # a scanned action's own code ("34 Elaborarea" for 3.1): checked like a code cell's
        else:
            code = None
            if "code" in header.fields and scanned_row:
                read = ""  # a scanned code cell read as empty: the codes around it may tell its code
    context = ctx.snapshot()
    for name in COLUMN_CONTEXT:
        if by_field.get(name):
            context[name] = by_field[name]
    action = {
        **context,
        "action_code": code,
        "action": action_text or None,
        **{name: by_field.get(name) for name in TEXT_FIELDS},
        "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None,
    }
    if read is not None:
        action[CODE_READ] = read
    return action, row_costs(header, r, covering, rules), None


def row_costs(header: HeaderMap, r: int, covering: list[Cell | None], rules: TextRules) -> list[dict]:
    """Cost and funding cells of a row: one record per cell, counted once however many
    columns it covers, on the row where it starts.  A cost cell's funding source is the
    sub-header of the cost columns it covers (each named once), else the row's funding cell."""
    cost_columns = header.columns_for("cost")
    funding_cells = _cells_starting(covering, header.columns_for("funding"), r)
    funding = " | ".join(t for t in (rules.field(c.text) for c in funding_cells) if t)
    costs = []
    for cell in _cells_starting(covering, cost_columns, r):
        amount = rules.field(cell.text)
        if not amount:
            continue
        sources = list(dict.fromkeys(c.source for c in cost_columns
                                     if c.source is not None and cell.col <= c.index <= cell.last_col))
        costs.append({"funding_source": " | ".join(sources) if sources else funding or None, "amount": amount})
    if not costs and funding and not any(c.source is not None for c in cost_columns):
        costs.append({"funding_source": funding, "amount": None})
    return costs


def _cells_starting(covering: list[Cell | None], columns: list, r: int) -> list[Cell]:
    """The distinct cells under ``columns`` in a row, left to right, that start on row ``r``
    (a cell merged across columns once; one merged down from above belongs to its first row)."""
    out: list[Cell] = []
    for column in columns:
        cell = covering[column.index]
        if cell is not None and cell.row == r and all(cell is not seen for seen in out):
            out.append(cell)
    return out
