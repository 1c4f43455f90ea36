"""The round trip's check: the actions and costs read back against what was rendered.

Expected rows come from the rendered transcription by the samples' own rules
(``sample_expected.expected_for``), never from planuri.  Rows are paired in document order by
their code and the start of their action text (a ``difflib`` alignment), so that a lost, an
extra or a split row shows as such and the rows after it still pair; each paired row's fields,
and its costs (funding source and amount of each cost cell), are compared after whitespace
folding.  Table and row numbers are not compared: a table cut by a page break, or two tables
a PDF draws as one, number their rows differently without anything being lost.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sample_expected import expected_for
from sample_spec import canonical

FIELDS = ("section", "general_objective", "specific_objective", "domain", "measure", "action_code", "action",
          "responsible", "partners", "deadline", "indicators", "result")
COMPARED = (*FIELDS, "costs")


def folded(value) -> str:
    if value is None or value != value:  # None or NaN
        return ""
    return " ".join(str(value).split())


def expected_rows(spec: dict) -> list[dict]:
    found = expected_for(spec)
    costs: dict[tuple, list] = {}
    for c in found["costs"]:
        costs.setdefault((c["table_no"], c["row_no"]), []).append((folded(c["funding_source"]), folded(c["amount"])))
    return [{**{f: canonical(a.get(f, "")) for f in FIELDS},
             "costs": tuple(sorted(set(costs.get((a["table_no"], a["row_no"]), []))))} for a in found["actions"]]


def read_rows(frames) -> list[dict]:
    actions, cost_frame = frames["actions"], frames["costs"]
    costs: dict[tuple, set] = {}
    for c in cost_frame.itertuples():
        costs.setdefault((c.table_no, c.row_no), set()).add((folded(c.funding_source), folded(c.amount)))
    return [{**{f: folded(getattr(a, f)) for f in FIELDS},
             "costs": tuple(sorted(costs.get((a.table_no, a.row_no), set())))} for a in actions.itertuples()]


def key(row: dict) -> str:
    return f"{row['action_code']}|{row['action'][:60]}"


@dataclass
class Comparison:
    expected: int = 0  # expected action rows
    read: int = 0  # action rows read back
    paired: int = 0  # expected rows paired with a read row
    fields: int = 0  # fields compared over the paired rows
    equal: int = 0
    missing: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    differing: list[tuple[dict, dict, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.paired == self.expected == self.read and self.equal == self.fields

    def add(self, other: "Comparison") -> None:
        for name in ("expected", "read", "paired", "fields", "equal"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missing += other.missing
        self.extra += other.extra
        self.differing += other.differing

    def report(self, limit: int = 6, width: int = 110) -> str:
        lines = [f"rows: {self.paired}/{self.expected} expected paired, {self.read} read; "
                 f"fields: {self.equal}/{self.fields} equal"]
        for row in self.missing[:limit]:
            lines.append(f"  missing: {key(row)[:width]}")
        for row in self.extra[:limit]:
            lines.append(f"  extra:   {key(row)[:width]}")
        for want, got, names in self.differing[:limit]:
            lines.append(f"  row {key(want)[:50]}")
            for name in names:
                a, b = window(str(want[name]), str(got[name]), width)
                lines.append(f"    {name}: expected {a!r}")
                lines.append(f"    {' ' * len(name)}  read     {b!r}")
        return "\n".join(lines)


def window(a: str, b: str, width: int) -> tuple[str, str]:
    """Both texts cut to ``width`` characters around where they first differ ("…" marks a cut)."""
    first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    start = max(0, first - width // 3)
    cut = lambda t: ("…" if start else "") + t[start:start + width] + ("…" if len(t) > start + width else "")
    return cut(a), cut(b)


def compare(expected: list[dict], read: list[dict]) -> Comparison:
    out = Comparison(expected=len(expected), read=len(read))
    matcher = difflib.SequenceMatcher(a=[key(r) for r in expected], b=[key(r) for r in read], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = min(i2 - i1, j2 - j1) if tag in ("equal", "replace") else 0
        for want, got in zip(expected[i1:i1 + pairs], read[j1:j1 + pairs]):
            names = [f for f in COMPARED if want[f] != got[f]]
            out.paired += 1
            out.fields += len(COMPARED)
            out.equal += len(COMPARED) - len(names)
            if names:
                out.differing.append((want, got, names))
        out.missing += expected[i1 + pairs:i2]
        out.extra += read[j1 + pairs:j2]
    return out
