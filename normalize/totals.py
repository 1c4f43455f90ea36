"""Summary tables of implementation reports (``total | realizat | parțial realizat | nerealizat``):
the counts a report declares under a heading, and how they compare with the actions
extracted under that heading."""

from __future__ import annotations

from dataclasses import dataclass, field

from planuri.extract.types import RawTable
from planuri.extract.issues import Issue

from .context import Context
from .header import HeaderMap
from .text import TextRules

DECLARED = ("declared_total", "declared_done", "declared_partial", "declared_not_done")
STATUS_OF = {"declared_done": "realizat", "declared_partial": "parțial realizat", "declared_not_done": "nerealizat"}


def _count(text: str | None) -> int | None:
    digits = (text or "").strip().rstrip(".")
    return int(digits) if digits.isdigit() else None


@dataclass
class DeclaredTotals:
    entries: list[dict] = field(default_factory=list)

    @staticmethod
    def is_summary(header: HeaderMap) -> bool:
        return set(DECLARED) <= set(header.fields)

    def add(self, table: RawTable, header: HeaderMap, table_no: int, ctx: Context, rules: TextRules) -> list[Issue]:
        """Record the counts of a summary table, under the heading set last before it."""
        heading_field = ctx.order[-1] if ctx.order else None
        heading = ctx.values.get(heading_field) if heading_field else None
        grid = table.grid()
        issues = []
        for r in range(header.body_start, table.n_rows):
            counts = {}
            for name in DECLARED:
                cell = grid[r][header.columns_for(name)[0].index]
                counts[name] = _count(cell.text if cell else None)
            if all(v is None for v in counts.values()):
                continue
            if any(v is None for v in counts.values()):
                issues.append(Issue("unreadable-total", "a summary table cell is not a number", table_no=table_no,
                                    row_no=r + 1, raw=" | ".join((grid[r][c].text if grid[r][c] else "") for c in range(table.n_cols))))
            self.entries.append({"table_no": table_no, "heading_field": heading_field, "heading": heading, **counts})
        return issues

    def compare(self, actions: list[dict]) -> tuple[list[dict], list[Issue]]:
        """Each entry with the counts found among the actions after it under its heading."""
        records, issues = [], []
        for entry in self.entries:
            under = [a for a in actions if a["table_no"] > entry["table_no"]
                     and (entry["heading_field"] is None or a.get(entry["heading_field"]) == entry["heading"])]
            found = {"found_total": len(under)}
            for name, status in STATUS_OF.items():
                found[name.replace("declared_", "found_")] = sum(a.get("implementation_status") == status for a in under)
            found["found_unknown"] = sum(a.get("implementation_status") is None for a in under)
            records.append({**entry, **found})
            declared = [entry[n] for n in DECLARED]
            extracted = [found[n.replace("declared_", "found_")] for n in DECLARED]
            if any(d is not None and d != e for d, e in zip(declared, extracted)):
                issues.append(Issue(
                    "declared-total-mismatch",
                    f"declared total {declared[0]} (realizat {declared[1]}, parțial realizat {declared[2]}, "
                    f"nerealizat {declared[3]}); extracted {extracted[0]} (realizat {extracted[1]}, parțial "
                    f"realizat {extracted[2]}, nerealizat {extracted[3]}, no status {found['found_unknown']})",
                    table_no=entry["table_no"], raw=entry["heading"],
                ))
        return records, issues
