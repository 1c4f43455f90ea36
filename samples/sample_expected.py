"""source.yaml -> the expected results (actions, costs, issues, counts), by plain rules
written independently of the pipeline: paragraphs of a cell joined by a space, whitespace
collapsed, the transcribed action code cut off the action text, context from the headings
the transcription tags."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from sample_spec import Cell, canonical, grid_positions, heading_segments, parse_row, plain

CONTEXT_FIELDS = ("section", "domain", "general_objective", "specific_objective")
ACTION_COLUMNS = [
    "table_no", "row_no", "section", "general_objective", "specific_objective", "domain",
    "measure", "action_code", "action", "responsible", "partners", "deadline",
    "indicators", "result",
]
COST_COLUMNS = ["table_no", "row_no", "funding_source", "amount"]
ISSUE_COLUMNS = ["table_no", "row_no", "code"]
DECLARED_COLUMNS = ["declared_total", "declared_done", "declared_partial", "declared_not_done"]
TOTALS_COLUMNS = ["table_no", "heading_field", "heading", *DECLARED_COLUMNS, "found_total"]


class Context:
    """Headings seen so far.  Setting a field drops every field set after it."""

    def __init__(self) -> None:
        self.order: list[str] = []
        self.values: dict[str, str] = {}

    def apply(self, field: str | None, text: str) -> None:
        if not field:
            return
        if field.endswith("+"):
            field = field[:-1]
            self.values[field] = canonical(self.values.get(field, "") + " " + text)
            if field not in self.order:
                self.order.append(field)
            return
        if field in self.order:
            for f in self.order[self.order.index(field):]:
                self.values.pop(f, None)
            self.order = self.order[: self.order.index(field)]
        self.order.append(field)
        self.values[field] = canonical(text)


SERVICE_COLUMNS = ["table_no", "row_no", "kind", "provider", "service_code", "service_name", "beneficiaries",
                   "capacity", "services_offered", "occupancy", "building_space", "staff", "budget_local",
                   "budget_county", "budget_state", "budget_beneficiaries", "budget_other", "justification", "service_result"]
ACTIVITY_COLUMNS = ["table_no", "row_no", "chapter", "item", "persons", "activity_deadline", "budget", "observations",
                    "activity_result"]
# dataset columns named apart from the actions' fields -> the vocabulary field they hold
FIELD_OF = {"service_result": "result", "activity_deadline": "deadline", "activity_result": "result"}
TRAINING = {"training_courses": "Cursuri de perfecționare", "qualification_courses": "Cursuri de calificare",
            "training_sessions": "Sesiuni de instruire"}


SERVICE_CODE = re.compile(r"^\d{4} ?[A-Z]{2,4}( ?- ?[A-Z]{1,4})? ?- ?[IVX]{1,4}$")


def service_code_issue(code: str) -> bool:
    """A transcribed code cell that is not one nomenclator code or several (``8891 CZ-C-III``,
    ``8790CR-II 8790CR-C-I``): the pipeline keeps it and reports it."""
    parts = re.split(r"\s+(?=\d{4})", plain(code).strip()) if code.strip() else []
    return any(not SERVICE_CODE.match(part.strip()) for part in parts)


def table_records(t: dict, table_no: int, heading: str = "") -> list[dict]:
    """Services or activities rows of a transcribed table: each cell's text under its column's
    field (columns of the same field joined with a space).  An activity's item is its item
    column, else its target group, else its unlabelled column (not a bare row number), else
    the lettered sub-heading announcing the table (``heading``)."""
    ncols = len(t["widths"])
    fields = t["fields"]
    row_no = len(t.get("header", [])) + (1 if t.get("numbers") else 0)
    above: dict[int, str] = {}
    out = []
    for raw in t["rows"]:
        row_no += 1
        cells = parse_row(raw["cells"] if isinstance(raw, dict) else raw, ncols, "row")
        values: dict[str, list[str]] = {}
        for cell, col in zip(cells, grid_positions(cells)):
            text = above.get(col, "") if cell.covered else cell.text
            above[col] = text
            if canonical(text) and not (fields[col] is None and canonical(text).rstrip(".").isdigit()):
                values.setdefault(fields[col] or "other", []).append(canonical(text))
        v = {k: " ".join(x) for k, x in values.items()}
        if not v:
            continue
        if t["kind"] == "services":
            out.append({"table_no": table_no, "row_no": row_no, "kind": t["service_kind"],
                        **{c: v.get(FIELD_OF.get(c, c), "") for c in SERVICE_COLUMNS[3:]}})
        else:
            persons = v.get("persons") or "; ".join(f"{label}: {v[f]}" for f, label in TRAINING.items() if v.get(f))
            out.append({"table_no": table_no, "row_no": row_no, "chapter": t["chapter"],
                        "item": v.get("item") or v.get("target_group") or v.get("other") or canonical(heading),
                        "persons": persons,
                        **{c: v.get(FIELD_OF.get(c, c), "") for c in ACTIVITY_COLUMNS[5:]}})
    return out


def expected_for(spec: dict) -> dict:
    """Every expected dataset of a transcription (lists of rows) and its document counts."""
    actions, costs, issues, summaries, services, activities = [], [], [], [], [], []
    ctx = Context()
    table_no = n_action_tables = 0
    item_heading = ""  # the lettered sub-heading since the last table
    for block in spec["blocks"]:
        if "p" in block:
            ctx.apply(block.get("context"), str(block["p"]))
            if block.get("item_heading"):
                item_heading = str(block["p"])
            continue
        if "table" not in block:
            continue
        table_no += 1
        t = block["table"]
        if t.get("kind") in ("services", "activities"):
            found = table_records(t, table_no, item_heading)
            (services if t["kind"] == "services" else activities).extend(found)
            issues.extend({"table_no": r["table_no"], "row_no": r["row_no"], "code": "unrecognized-service-code"}
                          for r in found if t["kind"] == "services" and service_code_issue(r["service_code"]))
        item_heading = ""
        if t.get("kind") == "summary":
            field = ctx.order[-1] if ctx.order else None
            counts = [int(x) for x in t["rows"][0]]
            summaries.append({"table_no": table_no, "heading_field": field or "",
                              "heading": ctx.values.get(field, "") if field else "",
                              **dict(zip(DECLARED_COLUMNS, counts))})
        if t.get("kind", "plan") != "plan":
            continue
        n_action_tables += 1
        fields = t["fields"]
        ncols = len(t["widths"])
        header = [parse_row(r, ncols, "header") for r in t["header"]]
        sub_labels = header_sub_labels(header, fields)
        row_no = len(header) + (1 if t.get("numbers") else 0)
        above: dict[int, str] = {}  # grid col -> text of the cell currently open there
        for raw in t["rows"]:
            row_no += 1
            if isinstance(raw, dict) and "heading" in raw:
                for field, text in heading_segments(raw):
                    ctx.apply(field, text)
                above = {}
                continue
            code = raw.get("code") if isinstance(raw, dict) else None
            cells = parse_row(raw["cells"] if isinstance(raw, dict) else raw, ncols, "row")
            values: dict[str, str] = {}
            row_costs: list[tuple[str | None, str | None]] = []
            for cell, col in zip(cells, grid_positions(cells)):
                text = above.get(col, "") if cell.covered else cell.text
                above[col] = text
                field = fields[col]
                if field == "cost" and sub_labels.get(col):
                    if canonical(text):
                        source = " | ".join(sub_labels[c] for c in range(col, col + cell.span))
                        row_costs.append((source, canonical(text)))
                elif field:
                    values[field] = canonical(text)
            action_text = plain(values.get("action", ""))
            if code is not None:
                raw_action = next(c.text for c, col in zip(cells, grid_positions(cells))
                                  if fields[col] == "action")
                if not plain(raw_action).startswith(code):
                    raise ValueError(f"code {code!r} is not the start of {raw_action!r}")
                action_text = plain(raw_action)[len(code):]
                action_code = code.rstrip(".").strip()
            elif values.get("code"):
                action_code = values["code"].rstrip(".").strip()
            else:
                action_code = ""
            action_text = canonical(action_text)
            if "funding" in values or ("cost" in values and not sub_labels):
                funding, amount = values.get("funding", ""), values.get("cost", "")
                if funding or amount:
                    row_costs.append((funding or None, amount or None))
            if not action_text:
                issues.append({"table_no": table_no, "row_no": row_no, "code": "missing-action"})
                own = {fields[col] for cell, col in zip(cells, grid_positions(cells)) if not cell.covered and canonical(cell.text)}
                if not own - {None, "measure", "action", "code", "specific_objective", "general_objective"}:
                    continue  # a row with a result, deadline… of its own is kept, with no action text
            actions.append({
                "table_no": table_no, "row_no": row_no,
                **{f: ctx.values.get(f, "") for f in CONTEXT_FIELDS},
                "measure": values.get("measure", ""),
                "action_code": action_code, "action": action_text,
                **{f: values.get(f, "") for f in ("responsible", "partners", "deadline", "indicators", "result")},
                **({"specific_objective": values["specific_objective"]} if "specific_objective" in values else {}),
            })
            for source, amount in row_costs:
                costs.append({"table_no": table_no, "row_no": row_no,
                              "funding_source": source or "", "amount": amount or ""})
    issues.extend(numbering_issues(actions))
    for summary in summaries:
        summary["found_total"] = sum(
            1 for a in actions if a["table_no"] > summary["table_no"]
            and (not summary["heading_field"] or a[summary["heading_field"]] == summary["heading"]))
    document = {"n_tables": table_no, "n_action_tables": n_action_tables, "n_actions": len(actions),
                **{k: (str(v) if k == "act_date" and v is not None else v) for k, v in spec.get("metadata", {}).items()}}
    document["n_services"], document["n_activities"] = len(services), len(activities)
    return {"actions": actions, "costs": costs, "issues": issues, "declared_totals": summaries,
            "services": services, "activities": activities, "document": document}


def numbering_issues(actions: list[dict]) -> list[dict]:
    """A plan's numbers read in order, table by table: a number that skips one after its
    predecessor of the same depth and prefix (7.2 -> 7.4) is a gap, one already met under the
    same headings a repeat; going back starts a new numbering."""
    out, seen, last = [], set(), {}
    for a in actions:
        code = a["action_code"].rstrip(".")
        if not code or not all(p.isdigit() for p in code.split(".")):
            continue
        nums = [int(p) for p in code.split(".")]
        key = (a["table_no"], code, *(a.get(f, "") for f in ("section", "general_objective", "specific_objective",
                                                               "domain", "measure")))
        prev = last.get(a["table_no"])
        if key in seen:
            out.append({"table_no": a["table_no"], "row_no": a["row_no"], "code": "action-code-repeated"})
        elif prev and len(prev) == len(nums) and prev[:-1] == nums[:-1] and nums[-1] - prev[-1] >= 2:
            out.append({"table_no": a["table_no"], "row_no": a["row_no"], "code": "action-code-gap"})
        seen.add(key)
        last[a["table_no"]] = nums
    return out


def header_sub_labels(header: list[list[Cell]], fields: list[str]) -> dict[int, str]:
    """Grid col -> sub-header label for cost columns under a two-row group header."""
    if len(header) < 2:
        return {}
    out = {}
    for cell, col in zip(header[1], grid_positions(header[1])):
        if not cell.covered and fields[col] == "cost":
            out[col] = canonical(cell.text)
    return out


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({c: r.get(c, "") for c in columns})

