"""Doubts about one action row, raised as issues rather than guessed at: a row that repeats its
table's header (a header repeated on a new page and not recognised as such, a cut header), or a
cell holding a heading's paragraph (a heading row glued to the row above at a page break).  The
row is written as read; the issue says where to look.
"""

from __future__ import annotations

import re

from planuri.extract.issues import Issue
from planuri.extract.ro_text import ends_mid_sentence
from planuri.extract.types import Cell

from .context import opens_small_word
from .header import HeaderMap
from .vocabulary import HeadingPatterns

# headings a data cell should never hold in a paragraph of its own; a section's pattern (a Roman
# numeral and a dot, "I. …") is left out: "V. Alecsandri", "i. informarea…" open paragraphs in cells
HEADING_FIELDS = ("general_objective", "specific_objective", "domain")
MIN_LABEL_LETTERS = 4  # a header label shorter than this ("Nr", "An") may well be a cell's own text
MIN_NUMBERED_CELLS = 2  # cells holding their own column's number: one may be an action's "1"
SPACE = re.compile(r"\s+")


def _same_text(a: str, b: str) -> bool:
    return SPACE.sub(" ", a).strip().casefold() == SPACE.sub(" ", b).strip().casefold()


def header_text_in_row(header: HeaderMap, r: int, covering: list[Cell | None]) -> Issue | None:
    """A data row in which a cell repeats its column's header label, or cells hold their own
    column's number (the ``1 2 3 …`` row under a header)."""
    repeated, numbered = [], []
    for column in header.columns:
        cell = covering[column.index]
        if cell is None or cell.row != r or cell.col != column.index or not cell.text.strip():
            continue
        label = column.label or ""
        labels = {label, label.rsplit(" / ", 1)[-1]}  # a sub-column's label is "group / sub-label"
        if any(sum(ch.isalpha() for ch in x) >= MIN_LABEL_LETTERS and _same_text(cell.text, x) for x in labels):
            repeated.append(label)
        if cell.text.strip().rstrip(".") == str(column.index + 1):
            numbered.append(column.index + 1)
    if repeated:
        return Issue("header-text-in-row", f"cells repeat their column's header ({'; '.join(repeated)}): a header "
                     "row read as an action?", severity="warning")
    if len(numbered) >= MIN_NUMBERED_CELLS:
        return Issue("header-text-in-row", f"cells hold their own column's number ({', '.join(map(str, numbered))}): "
                     "the column-number row under a header read as an action?", severity="warning")
    return None


def headings_in_cells(r: int, covering: list[Cell | None], patterns: HeadingPatterns) -> list[Issue]:
    """A paragraph after a cell's first that reads as a heading on its own (an objective, a domain):
    a heading row glued to the row above, so the actions below may carry the wrong objective."""
    out, seen = [], set()
    for cell in covering:
        if cell is None or cell.row != r or id(cell) in seen:
            continue
        seen.add(id(cell))
        paragraphs = [p.strip() for p in cell.paragraphs() if p.strip()]
        for before, paragraph in zip(paragraphs, paragraphs[1:]):
            first_line = paragraph.split("\n")[0]
            if opens_small_word(first_line) or ends_mid_sentence(before.split("\n")[-1]):
                continue
            field = patterns.field_of(first_line)
            if field in HEADING_FIELDS:
                out.append(Issue("heading-in-cell", f"a paragraph of column {cell.col + 1}'s cell reads as a "
                                 f"{field.replace('_', ' ')} heading: a heading row glued to this row?",
                                 severity="warning", raw=" ".join(paragraph.split())))
    return out


def row_doubts(header: HeaderMap, r: int, covering: list[Cell | None], patterns: HeadingPatterns) -> list[Issue]:
    found = header_text_in_row(header, r, covering)
    return ([found] if found else []) + headings_in_cells(r, covering, patterns)
