"""Parsed fields beside the text ones: deadlines, amounts, bodies, indicators, statuses.

``DocumentValues`` holds what parsing needs from the whole document (its plan period,
country, glossary) and turns one action's cells into parsed fields, plus the issues
met on the way.  The text fields are never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planuri.extract.types import Cell
from planuri.extract.issues import Issue

from .amounts import parse_amounts
from .bodies import Glossary, shared_glossary, split_bodies
from .deadlines import parse_deadline
from .indicators import split_indicators
from .metadata import Metadata
from .phrases import Phrases
from .status import parse_status
from .text import TextRules


@dataclass
class DocumentValues:
    phrases: Phrases
    metadata: Metadata
    glossary: Glossary = field(default_factory=Glossary)

    def __post_init__(self) -> None:
        self.shared = shared_glossary()
        self.names = self.glossary.names + self.shared.names

    def action_fields(self, action: dict, cells: dict[str, Cell], rules: TextRules) -> tuple[dict, list[Issue]]:
        issues: list[Issue] = []
        out: dict = {}
        deadline = parse_deadline(action.get("deadline"), self.phrases, self.metadata.plan_period)
        out.update(deadline_start=deadline.start, deadline_end=deadline.end,
                   deadline_quarter_start=deadline.quarter_start, deadline_quarter_end=deadline.quarter_end,
                   deadline_recurrence=deadline.recurrence,
                   deadline_years_from=None if deadline.start is None else "plan" if deadline.year_from_plan else "deadline")
        if not deadline.readable:
            issues.append(Issue("unparsed-deadline", "the deadline states no year, quarter or recurrence; left null",
                                raw=action.get("deadline")))
        elif deadline.year_from_plan:
            if deadline.start is None:
                issues.append(Issue("deadline-without-year", "the deadline names no year and the plan's period is "
                                    "unknown; years left null", raw=action.get("deadline")))
            else:
                issues.append(Issue("deadline-year-from-plan", f"the deadline names no year: the plan's period "
                                    f"{deadline.start}-{deadline.end} is used", severity="info",
                                    raw=action.get("deadline")))
        for name in ("responsible", "partners"):
            items = split_bodies(action.get(name), self.names)
            out[f"{name}_list"] = items or None
            out[f"{name}_expanded"] = [self.glossary.expand(i, self.shared) for i in items] or None
        out["indicators_list"] = split_indicators(cells.get("indicators"), rules) or None
        status = parse_status(action.get("result"), self.phrases)
        out["implementation_status"] = status.status
        out["implementation_status_by_year"] = status.by_year
        if status.ambiguous:
            issues.append(Issue("ambiguous-status", "the result names contradicting statuses; status left null",
                                severity="info", raw=action.get("result")))
        return out, issues

    def cost_rows(self, cost: dict) -> list[dict]:
        """One row per amount of a cost cell (a cell with none keeps its one row, unparsed)."""
        amounts = parse_amounts(cost.get("amount"), self.phrases, self.metadata.country)
        if not amounts:
            return [dict(cost, amount_label=None, amount_value=None, currency=None, amount_unit=None, amount_kind=None)]
        return [dict(cost, amount_label=a.label, amount_value=a.value, currency=a.currency, amount_unit=a.unit,
                     amount_kind=a.kind) for a in amounts]
