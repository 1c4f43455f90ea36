"""A table's header rows -> a header map: each column's label (as read) and field (canonical).

Handles one-row headers, two-row headers with a group cell over sub-columns
(``Costuri, lei`` over its funding sources), and the column-number row
(``1 2 3 … 8``) that often follows the header.

A group is told by the table's structure as much as by its label: a money label
(cost, funding, budget) merged over sub-labels heads a group -- in an action plan a
cost group whose sub-labels are funding sources, elsewhere a budget group when its
sub-labels name budgets (``Buget local``).  A field has the same meaning whatever
its wording, but an activities table's ``Buget estimat`` is an action plan's cost
(``KIND_EQUIVALENTS``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import combinations

from planuri.extract.types import Cell, RawTable
from planuri.extract.ro_text import fold, goes_on_word, is_number_row, is_scanned_number_row

from .label_words import WORD
from .text import TextRules
from .vocabulary import GROUP_FIELDS, SUMMARY_FIELDS, LabelMatch, Vocabulary

MAX_HEADER_START = 3  # the header may sit under a caption row or two
ACTION_NUMBERING = re.compile(r"^\W*\d{1,2}\.\d{1,3}")  # "1.1.7.", "**2.3": an action's or objective's number
MONEY_FIELDS = frozenset({"cost", "funding", "budget", "cost_group", "budget_group"})  # may head sub-columns
BUDGET_FIELDS = frozenset({"budget_local", "budget_county", "budget_state", "budget_beneficiaries", "budget_other"})
MAX_SUB_LABEL_WORDS = 6  # under a money label that is no group label, longer texts below are a body row
# the field a column of a kind of table takes for a field of another kind's name
KIND_EQUIVALENTS = {"plan": {"budget": "cost"}, "other": {"cost": "budget"}}


@dataclass(frozen=True)
class Column:
    index: int
    label: str  # as read; "group / sub-label" under a group cell
    field: str  # canonical field, or "other:<label>"
    match: str  # exact | fuzzy | unknown
    source: str | None = None  # funding source of a cost sub-column

    @property
    def known(self) -> bool:
        return not self.field.startswith("other:")


@dataclass(frozen=True)
class HeaderMap:
    first_row: int
    last_row: int
    number_row: int | None
    columns: tuple[Column, ...]

    @property
    def body_start(self) -> int:
        return (self.number_row if self.number_row is not None else self.last_row) + 1

    @property
    def fields(self) -> list[str]:
        return [c.field for c in self.columns]

    @property
    def is_action_plan(self) -> bool:
        return "action" in self.fields

    def columns_for(self, field: str) -> list[Column]:
        return [c for c in self.columns if c.field == field]

    def rows(self) -> range:
        return range(self.first_row, self.body_start)


def _row_cells(table: RawTable, row: int) -> list[Cell]:
    return sorted((c for c in table.cells if c.row == row), key=lambda c: c.col)


def _label(cell: Cell | None, rules: TextRules) -> str:
    return rules.join(cell.text) if cell is not None else ""


def header_start(table: RawTable, vocab: Vocabulary, rules: TextRules) -> int | None:
    """First row whose cells are mostly known header labels (at least two of them).

    A row with a cell numbered as an action (``1.1.7. Reactualizarea…``) is a body row; a lone
    status word (``realizat``) is a report's value, a summary table's label only beside another."""
    for r in range(min(MAX_HEADER_START, table.n_rows)):
        cells = [c for c in _row_cells(table, r) if c.text.strip()]
        if any(ACTION_NUMBERING.match(c.text) for c in cells):
            continue
        fields = [vocab.match(_label(c, rules)).field for c in cells]
        summary = sum(f in SUMMARY_FIELDS for f in fields)
        known = sum(f is not None and (f not in SUMMARY_FIELDS or summary >= 2) for f in fields)
        if known >= 2 and known * 2 >= len(cells):
            return r
    return None


def _group(cell: Cell, below: list[Cell], field: str | None, plan: bool, vocab: Vocabulary,
           rules: TextRules) -> str | None:
    """The group field of a header cell merged over sub-labels in the row below, or None."""
    if cell.col_span < 2 or field not in MONEY_FIELDS:
        return None
    subs = [b for b in below if b.col >= cell.col and b.last_col <= cell.last_col and b.text.strip()]
    if not subs:
        return None
    if field not in GROUP_FIELDS and (len(subs) < 2 or any(len(b.text.split()) > MAX_SUB_LABEL_WORDS for b in subs)):
        return None
    if plan:
        return "cost_group"
    if any(vocab.match(_label(b, rules)).field in BUDGET_FIELDS for b in subs):
        return "budget_group"
    return field if field in GROUP_FIELDS else "cost_group"


def header_groups(table: RawTable, first: int, vocab: Vocabulary, rules: TextRules) -> dict[int, str]:
    """Left column -> group field of the header's group cells: one row deep, their sub-labels below."""
    cells = _row_cells(table, first)
    if first + 1 >= table.n_rows:
        return {}
    below = _row_cells(table, first + 1)
    if is_number_row(below):
        return {}
    fields = {c.col: vocab.match(_label(c, rules)).field for c in cells}
    plan = "action" in fields.values()
    groups = {c.col: _group(c, below, fields[c.col], plan, vocab, rules) for c in cells if c.last_row == first}
    return {col: g for col, g in groups.items() if g}


def header_end(table: RawTable, first: int, vocab: Vocabulary, rules: TextRules,
               groups: dict[int, str] | None = None) -> int:
    """Last header row: as deep as the header's vertically merged cells, or one row deeper
    under a group cell whose sub-labels sit in the next row."""
    last = max(c.last_row for c in _row_cells(table, first))
    if groups is None:
        groups = header_groups(table, first, vocab, rules)
    return first + 1 if last == first and groups else last


def build_header(table: RawTable, vocab: Vocabulary, rules: TextRules = TextRules()) -> HeaderMap | None:
    first = header_start(table, vocab, rules)
    if first is None:
        return None
    groups = header_groups(table, first, vocab, rules)
    last = header_end(table, first, vocab, rules, groups)
    number_row = last + 1 if last + 1 < table.n_rows and is_scanned_number_row(_row_cells(table, last + 1)) else None
    grid = table.grid()
    columns = []
    for col in range(table.n_cols):
        top, sub = grid[first][col], grid[last][col]
        group = groups.get(top.col) if top is not None else None
        columns.append(_column(col, top, sub if sub is not top else None, vocab, rules, group))
    kind = "plan" if any(c.field == "action" for c in columns) else "other"
    columns = [_equivalent(c, KIND_EQUIVALENTS[kind]) for c in columns]
    if kind == "plan":
        body = (number_row if number_row is not None else last) + 1
        columns = code_column_by_content(columns, grid, body)
    return HeaderMap(first_row=first, last_row=last, number_row=number_row, columns=tuple(columns))


CODE_CELL = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")  # "2.4.", "1.1.7", "12": a number and nothing else
# ... as a scan reads it, its dots as commas, colons or semicolons ("3,2;", "3:43;", "35:"): taken
# so only left of the action column, where a plan numbers its actions (right of it, "12,5" is an amount)
READ_CODE_CELL = re.compile(r"^\d{1,3}(?:[.,:;]\d{1,3}){0,3}[.,:;]?$")
MIN_CODE_CELLS = 3  # cells a column of unknown label needs, numbers, to be read as the code column
MIN_CODE_SHARE = 0.8  # ... and the share of them that must be numbers (a scan misreads one: ``3:25,``)


def code_column_by_content(columns: list[Column], grid, body: int) -> list[Column]:
    """An action plan's column whose label the vocabulary cannot place (``Nr. acțiunnii``, a typo
    past the fuzzy match; ``NR. ACȚIUNI`` a scan read) but whose body cells are actions' numbers
    (``2.4.``; all but one in five, which a scan may misread), when the table has no code column:
    the code column (``match`` = content), not extra text."""
    if any(c.field == "code" for c in columns):
        return columns
    out = list(columns)
    action = next((c.index for c in columns if c.field == "action"), -1)
    for i, c in enumerate(columns):
        if c.known:
            continue
        shape = READ_CODE_CELL if c.index < action else CODE_CELL
        # cells of this column alone (a heading row merged across the table is no cell of it)
        texts = {id(cell): " ".join(cell.text.split()) for row in grid[body:] for cell in [row[c.index]]
                 if cell is not None and cell.col == c.index and cell.col_span == 1 and cell.text.strip()}
        codes = sum(1 for t in texts.values() if shape.match(t))
        if len(texts) >= MIN_CODE_CELLS and codes >= MIN_CODE_SHARE * len(texts):
            out[i] = replace(c, field="code", match="content")
            break
    return out


def _equivalent(column: Column, equivalents: dict[str, str]) -> Column:
    if column.field in equivalents and column.source is None:
        return replace(column, field=equivalents[column.field])
    return column


MAX_JUNK_WORDS = 2  # a label's last line of this many fragments, none a header word, may be OCR's debris


def without_debris(cell: Cell | None, vocab: Vocabulary, rules: TextRules) -> LabelMatch | None:
    """A label the vocabulary knows once its last line is left out, that line a fragment or two no
    header uses (``Surse de`` / ``finanțare`` / ``!bu'et``: a scan's ``(buget)`` whose letters
    the rule under them took), read as a close variant of that label; None otherwise."""
    lines = [ln for ln in (cell.text.split("\n") if cell is not None else []) if ln.strip()]
    if len(lines) < 2:
        return None
    junk = WORD.findall(fold(lines[-1]))
    if len(junk) > MAX_JUNK_WORDS or any(vocab.words.known(w) or w.isdigit() for w in junk):
        return None
    m = vocab.match(rules.join("\n".join(lines[:-1])))
    return replace(m, method="fuzzy") if m.known else None


def without_stray_letters(label: str, vocab: Vocabulary) -> LabelMatch | None:
    """A label the vocabulary knows once the lone letters or marks at its ends are left out, none
    a word header labels use (a scan's speck read as ``S`` after ``Acțiuni specfice``, whose own
    slip was all the typo matcher could take), read as a close variant of that label; None
    otherwise.  Without this one stray letter hid the action column and with it the whole table."""
    words = label.split()
    start, end = 0, len(words)
    while start < end and _stray(words[start], vocab):
        start += 1
    while end > start and _stray(words[end - 1], vocab):
        end -= 1
    if (start, end) == (0, len(words)) or start == end:
        return None
    m = vocab.match(" ".join(words[start:end]))
    return replace(m, label=label, method="fuzzy") if m.known else None


def _stray(word: str, vocab: Vocabulary) -> bool:
    letters = WORD.findall(fold(word))
    return len("".join(letters)) <= 1 and not any(vocab.words.known(w) or w.isdigit() for w in letters)


MAX_LABEL_CUTS = 3  # breaks inside words a narrow label cell may hold, glued back in turn


def with_cut_words(cell: Cell | None, vocab: Vocabulary) -> LabelMatch | None:
    """A label the vocabulary knows once some of its line breaks are read as cuts inside a word
    (a cell too narrow for ``Temen``: ``Teme`` / ``n`` / ``limită``): breaks after a letter before
    a line going on with the word (a small letter; capitals after a word in capitals), the fewest
    glued first, an exact reading before a close one; None when no reading is known."""
    lines = [ln.strip() for ln in (cell.text.split("\n") if cell is not None else []) if ln.strip()]
    cuts = [i for i in range(1, len(lines)) if lines[i - 1][-1:].isalpha() and goes_on_word(lines[i - 1], lines[i])]
    for n in range(1, min(len(cuts), MAX_LABEL_CUTS) + 1):
        found = [m for glued in combinations(cuts, n)
                 for m in [vocab.match("".join(("" if i in glued else " ") * (i > 0) + ln for i, ln in enumerate(lines)))]
                 if m.known]
        if found:
            best = next((m for m in found if m.method == "exact"), found[0])
            return replace(best, label=" ".join(lines), method="fuzzy")
    return None


def _column(col: int, top: Cell | None, sub: Cell | None, vocab: Vocabulary, rules: TextRules,
            group: str | None = None) -> Column:
    top_label = _label(top, rules)
    m = vocab.match(top_label)
    if not m.known:
        m = (without_debris(top, vocab, rules) or with_cut_words(top, vocab)
             or without_stray_letters(top_label, vocab) or m)
    sub_label = _label(sub, rules)
    group = group or (m.field if m.field in GROUP_FIELDS else None)
    if group:
        sub_field = GROUP_FIELDS[group]
        if not sub_label:
            return Column(col, top_label, sub_field or group, m.method)
        label = f"{top_label} / {sub_label}"
        if sub_field == "cost":
            return Column(col, label, "cost", m.method, source=sub_label)
        sm = vocab.match(sub_label)
        return Column(col, label, sm.field or f"other:{label}", sm.method)
    label = f"{top_label} / {sub_label}" if sub_label else top_label
    if sub_label and not m.known:
        sm = vocab.match(sub_label)
        if sm.known:
            return Column(col, label, sm.field, sm.method)
    return Column(col, label, m.field or _other(label, col), m.method)


def _other(label: str, col: int) -> str:
    return f"other:{label}" if label else f"other:column-{col + 1}"
