"""Social-services plans (Ordin 1086/2018 model): tables of services -> ``services`` records,
tables of information and training activities -> ``activities`` records.

A table is one or the other by its header's fields; which kind of services it lists
(existing, proposed, contracted, subsidized) and which chapter an activity belongs to
come from the headings before it (``A. Serviciile sociale existente``, ``CAPITOLUL
III``…, matched through ``phrases.csv``), and failing those from its columns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from planuri.extract.types import Cell, RawTable
from planuri.extract.issues import Issue

from .header import HeaderMap
from .phrases import Phrases
from .rows import body_rows, header_roles
from .service_values import (
    LETTERED, budget_value, contacts, first_number, normalize_service_code, percent, persons_value,
)
from .text import TextRules, field_text
from .vocabulary import HeadingPatterns

SERVICE_FIELDS = {"provider", "service_code", "service_name", "services_offered", "occupancy", "building_space",
                  "staff", "justification", "capacity", "beneficiaries"}
ACTIVITY_FIELDS = {"item", "target_group", "training_courses", "qualification_courses", "training_sessions",
                   "persons", "observations"}
TEXT_FIELDS = ("provider", "service_code", "service_name", "beneficiaries", "capacity", "services_offered",
               "occupancy", "building_space", "staff", "justification", "result")
BUDGETS = ("budget_local", "budget_county", "budget_state", "budget_beneficiaries", "budget_other")
TRAINING = {"training_courses": "Cursuri de perfecționare", "qualification_courses": "Cursuri de calificare",
            "training_sessions": "Sesiuni de instruire"}
ROLE = {"services": "service", "activities": "activity"}
# the fields each kind of record holds; any other column's text goes to the record's extra
HELD = {"services": {"code", *TEXT_FIELDS, *BUDGETS},  # code: the row's number (row_no locates the row)
        "activities": {"code", "other", *ACTIVITY_FIELDS, *TRAINING, "deadline", "budget", "result"}}
# dataset columns named apart from the actions' fields of the same name, so that no two datasets share a
# column other than their join keys
COLUMN = {"services": {"result": "service_result", "extra": "service_extra"},
          "activities": {"deadline": "activity_deadline", "result": "activity_result", "extra": "activity_extra"}}


def table_kind(header: HeaderMap) -> str | None:
    fields = set(header.fields)
    if "action" in fields:
        return "plan"
    named = fields & {"service_code", "service_name", "provider"}
    # a budget annex's "Denumirea serviciilor | Suma" names services too: a services table says
    # more of them (code, capacity, beneficiaries...) or splits their budget by source
    if named and (len(fields & (SERVICE_FIELDS | {"beneficiaries", "capacity"})) >= 2 or fields & set(BUDGETS)):
        return "services"
    if fields & SERVICE_FIELDS and fields & set(BUDGETS):
        return "services"
    if fields & ACTIVITY_FIELDS:
        return "activities"
    return None


@dataclass
class Chapters:
    """Which kind of services or activities the headings seen so far announce."""

    service_kind: str | None = None
    chapter: str | None = None
    subheading: str | None = None  # a lettered point ("a) Cursuri de perfecționare") since the last table

    def see(self, text: str, phrases: Phrases) -> None:
        head = text[:160]  # a heading, or the first words of a numbered paragraph
        kind = phrases.find_all("service_kind", head)
        if kind:
            self.service_kind = kind[0].value
        chapter = phrases.find_all("chapter", head)
        if chapter:
            self.chapter = chapter[0].value
        if LETTERED.match(text.strip()):
            self.subheading = field_text(text)

    def table_seen(self) -> str | None:
        """The sub-heading announcing the table that comes now; it announces no other."""
        subheading, self.subheading = self.subheading, None
        return subheading


@dataclass
class Records:
    records: list[dict] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def _values(header: HeaderMap, covering: list[Cell | None], rules: TextRules) -> tuple[dict[str, str], dict[str, Cell]]:
    """Field -> text of a row (columns of the same field joined); field -> its first cell."""
    texts: dict[str, list[str]] = {}
    cells: dict[str, Cell] = {}
    for column in header.columns:
        cell = covering[column.index]
        if cell is None or cell.col != column.index:
            continue
        name = column.field if column.known else "other"  # a column with no known label (often the row labels)
        cells.setdefault(name, cell)
        value = rules.field(cell.text)
        if name == "other" and value and value.rstrip(".").isdigit():
            continue  # a row number under an empty label, not an item
        if value:
            texts.setdefault(name, []).append(value)
    return {k: " ".join(v) for k, v in texts.items()}, cells


def _extra(header: HeaderMap, covering: list[Cell | None], rules: TextRules, held: set[str]) -> dict[str, str]:
    """Label -> text of the row's cells in columns whose field the record does not hold."""
    extra: dict[str, str] = {}
    for column in header.columns:
        cell = covering[column.index]
        name = column.field if column.known else "other"
        if cell is None or cell.col != column.index or name in held:
            continue
        value = rules.field(cell.text)
        if value and not (name == "other" and not column.label and value.rstrip(".").isdigit()):
            key = column.label or column.field
            extra[key if key not in extra else f"{key} (column {column.index + 1})"] = value
    return extra


def table_records(table: RawTable, header: HeaderMap, table_no: int, kind: str, chapters: Chapters,
                  patterns: HeadingPatterns, rules: TextRules, phrases: Phrases,
                  subheading: str | None = None) -> Records:
    out = Records(roles=header_roles(header))
    for r, role, cells, covering in body_rows(table, header, patterns):
        where = dict(table_no=table_no, row_no=r + 1, page=table.pages_of_rows(r, r)[0])
        if role != "data":
            out.roles.append(role)
            if role == "empty":
                out.issues.append(Issue("empty-row", "an empty row", severity="info", **where))
            continue
        values, field_cells = _values(header, covering, rules)
        base = {"table_no": table_no, "row_no": r + 1}
        if kind == "services":
            record, issues = service_record(values, field_cells, header, chapters, phrases)
        else:
            record, issues = activity_record(values, chapters, phrases, subheading)
        extra = _extra(header, covering, rules, HELD[kind])
        out.roles.append(ROLE[kind])
        record = {**base, **record, "extra": json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None}
        out.records.append({COLUMN[kind].get(k, k): v for k, v in record.items()})
        out.issues.extend(i.at(**where) for i in issues)
    return out


def service_record(values: dict[str, str], cells: dict[str, Cell], header: HeaderMap, chapters: Chapters,
                   phrases: Phrases) -> tuple[dict, list[Issue]]:
    issues = []
    kind = chapters.service_kind or ("existing" if "occupancy" in values or header.columns_for("occupancy")
                                     else "proposed")
    code_text = values.get("service_code")
    code, fits = normalize_service_code(code_text if code_text is not None else values.get("service_name"))
    if code_text is None and not fits:
        code = None  # no code column, and no code written inside the service's name
    elif not fits:
        issues.append(Issue("unrecognized-service-code", "the service code does not have the nomenclator's form "
                            "(e.g. 8891 CZ-C-III); kept as written", raw=code_text))
    provider_cell = cells.get("provider") or cells.get("service_name")
    emails, phones, sites = contacts(values.get("provider") or values.get("service_name"),
                                     provider_cell.links if provider_cell else ())
    record = {"kind": kind, **{f: values.get(f) for f in TEXT_FIELDS}, "service_code": code,
              "provider_emails": emails or None, "provider_phones": phones or None, "provider_websites": sites or None,
              "capacity_value": first_number(values.get("capacity")), "occupancy_pct": percent(values.get("occupancy"))}
    for name in BUDGETS:
        record[name] = values.get(name)
        record[f"{name}_value"] = budget_value(values.get(name), phrases)
    return record, issues


def activity_record(values: dict[str, str], chapters: Chapters, phrases: Phrases,
                    subheading: str | None) -> tuple[dict, list[Issue]]:
    persons = values.get("persons")
    parts = [values[f] for f in TRAINING if values.get(f)] or ([persons] if persons else [])
    if persons is None:
        persons = "; ".join(f"{label}: {values[f]}" for f, label in TRAINING.items() if values.get(f)) or None
    record = {
        "chapter": chapters.chapter or "information",
        "item": values.get("item") or values.get("target_group") or values.get("other") or subheading,
        "persons": persons, "persons_value": persons_value(parts),
        "deadline": values.get("deadline"), "budget": values.get("budget"),
        "budget_value": budget_value(values.get("budget"), phrases),
        "observations": values.get("observations"), "result": values.get("result"),
    }
    return record, []
