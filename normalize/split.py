"""Two tables drawn as one: a table that starts right under another (a plan table, then the
report's count table "total | realizat | parțial realizat | nerealizat") touches it in a PDF, so
their rules make one grid.  A row below the header whose every cell is a header label of fields
the table's header does not have starts a table of its own, as it does in the Word file.
"""

from __future__ import annotations

from dataclasses import replace

from planuri.extract.types import RawTable

from .header import build_header
from .text import TextRules
from .vocabulary import Vocabulary

MIN_FOREIGN_FIELDS = 2  # one label alone ("Total") is as likely a data cell


def split_tables(table: RawTable, vocab: Vocabulary, rules: TextRules) -> list[RawTable]:
    """The table, cut before each row that heads another table."""
    header = build_header(table, vocab, rules)
    if header is None:
        return [table]
    own = set(header.fields)
    start = header.last_row + 1 + (header.number_row is not None)
    for r, cells in enumerate(table.rows()):
        if r < start or r == 0:
            continue
        fields = foreign_header(cells, vocab, rules, own)
        if fields and all(c.row + c.row_span <= r for c in table.cells if c.row < r):
            head, rest = cut(table, r)
            return [head, *split_tables(rest, vocab, rules)]
    return [table]


def foreign_header(cells, vocab: Vocabulary, rules: TextRules, own: set[str]) -> set[str]:
    """The fields a row names when each of its cells is a known label none of ``own`` (else empty)."""
    texts = [rules.field(c.text) for c in cells if c.text.strip()]
    if len(texts) < MIN_FOREIGN_FIELDS:
        return set()
    fields = set()
    for text in texts:
        found = vocab.match(text).field
        if found is None or found in own:
            return set()
        fields.add(found)
    return fields if len(fields) >= MIN_FOREIGN_FIELDS else set()


def cut(table: RawTable, r: int) -> tuple[RawTable, RawTable]:
    """Rows before ``r`` and rows from ``r`` on, as two tables (the second renumbered from 0)."""
    head_cells = tuple(c for c in table.cells if c.row < r)
    rest_cells = tuple(replace(c, row=c.row - r) for c in table.cells if c.row >= r)
    pages = table.row_pages

    def provenance(cells):
        on = sorted({c.page for c in cells if c.page is not None})
        return replace(table.provenance, page=on[0] if on else table.provenance.page,
                       pages=tuple(on) or table.provenance.pages)

    head = replace(table, cells=head_cells, n_rows=r, provenance=provenance(head_cells), row_pages=pages[:r])
    rest = replace(table, cells=rest_cells, n_rows=table.n_rows - r, provenance=provenance(rest_cells),
                   row_pages=pages[r:], notes=())
    return head, rest
