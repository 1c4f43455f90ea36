"""Action codes that break their own numbering: a gap (``7.2`` then ``7.4``) or a code written
twice under the same headings.

A plan numbers its actions; when the numbers it reads skip one, a row may have been lost (a
page break swallowed it, a hand-edited table hid it) or the plan itself skipped a number;
when one comes twice, a row may have been cut in two or written twice.  Either way a person
should look: a warning, with the row.  A number going back (``3.4`` then ``1.1``) starts a new
numbering and says nothing.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from planuri.extract.issues import Issue

CODE = re.compile(r"^\d+(?:\.\d+)*$")
# the headings a code is numbered under: the same code under another heading is no repeat
SCOPE_FIELDS = ("section", "general_objective", "specific_objective", "domain", "measure")


def code_parts(code: str | None) -> tuple[int, ...] | None:
    """``"7.2"`` -> ``(7, 2)``; None for no code or one that is not plain numbers and dots."""
    text = (code or "").strip().rstrip(".")
    return tuple(int(p) for p in text.split(".")) if CODE.match(text) else None


def code_sequence_issues(actions: Sequence[dict]) -> list[Issue]:
    """Warnings for the gaps and repeats in the numbering of each table's actions, in order."""
    issues: list[Issue] = []
    for table in _by_table(actions):
        seen: set[tuple] = set()
        previous: tuple[int, ...] | None = None
        for action in table:
            parts = code_parts(action.get("action_code"))
            if parts is None:
                continue
            where = dict(table_no=action["table_no"], row_no=action["row_no"], page=action.get("page_start"),
                         raw=action.get("action_code"))
            key = (parts, *(action.get(f) for f in SCOPE_FIELDS))
            if key in seen:
                issues.append(Issue("action-code-repeated", f"action code {action['action_code']} comes a second "
                                    "time under the same headings: a row cut in two, or written twice",
                                    severity="warning", **where))
            elif (previous is not None and len(previous) == len(parts) and previous[:-1] == parts[:-1]
                  and parts[-1] > previous[-1] + 1):
                missing = ".".join(map(str, (*parts[:-1], previous[-1] + 1)))
                issues.append(Issue("action-code-gap", f"action code {action['action_code']} follows "
                                    f"{'.'.join(map(str, previous))}: no action {missing} was read (lost, or "
                                    "skipped by the plan)", severity="warning", **where))
            seen.add(key)
            previous = parts
    return issues


def _by_table(actions: Iterable[dict]) -> list[list[dict]]:
    tables: dict[int, list[dict]] = {}
    for action in actions:
        tables.setdefault(action["table_no"], []).append(action)
    return [sorted(rows, key=lambda a: a["row_no"]) for _, rows in sorted(tables.items())]
