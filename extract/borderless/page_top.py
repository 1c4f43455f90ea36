"""The top of a page under a borderless table the page before left open: is it the table's rest?

Rows of several columns aligned with the table's columns go on with it; so does a single row across
most columns (its tall cell above and below its one-line cells), or a cut row's rest alone, whose
words go on from the lines above it (a guess from the words: it raises ``borderless-row-guessed``).
A paragraph, a signature or another table's lines do not.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from planuri.extract.issues import Issue
from planuri.extract.borderless.columns import Columns
from planuri.extract.borderless.settings import BorderlessSettings
from planuri.extract.borderless.slots import Slot, aligned_share, is_spanning_paragraph
from planuri.extract.ro_text import ends_mid_sentence, starts_lower


def goes_on(slots: Sequence[Slot], columns: Columns, settings: BorderlessSettings, lead: int = 0,
            ends: Sequence[tuple[int, str]] = ()) -> tuple[bool, Issue | None]:
    """Are a page's top lines the rest of a table of these columns (rows of several columns
    aligned with them, under at most a heading row), not a paragraph or text of another layout?
    ``lead``: lines at the top known to be the rest of the table's header; ``ends``: each
    column's last line on the page before (``OpenTable.ends``).  With the answer, the issue a
    guess raises."""
    # a heading row may open the page (an objective over the rows under it): up to as many lines
    # as a heading closing a page may take, the rows under it are looked at
    start = lead
    while (lead < min(len(slots), start + settings.foot_heading_lines)
           and is_spanning_paragraph(slots[lead], len(columns))):
        lead += 1
    rows = slots[lead:]
    multi = sum(1 for s in rows if len({it.c0 for it in s.items}) >= 2)
    if len(rows) < 2 or multi < 2:  # too few lines to show rows: one row across, or a cut row's rest alone
        if one_row_across(rows, columns, settings):
            return True, None
        if lead == start and cut_rows_rest(rows, columns, settings, dict(ends)):
            return True, Issue(
                "borderless-row-guessed",
                f"{len(rows)} lines alone at the page's top read as the rest of the row the page break "
                f"cut, from how they go on from the lines above", raw=rows[0].items[0].segment.text.strip())
        return False, None
    return (not is_spanning_paragraph(rows[0], len(columns))
            and aligned_share(rows, columns, settings) >= settings.goes_on_aligned), None


def wraps_on(above: Slot, slot: Slot, columns: Columns, settings: BorderlessSettings) -> bool:
    """Is ``slot`` the short last line of a heading across the table above it (``fi dezvoltate``
    under ``Cel puțin 20% de metode noi … vor``): one text, where the line above starts?"""
    return (is_spanning_paragraph(above, len(columns)) and len(slot.items) == 1 and len(above.items) == 1
            and abs(slot.items[0].segment.x0 - above.items[0].segment.x0) <= settings.padding)


def cut_rows_rest(slots: Sequence[Slot], columns: Columns, settings: BorderlessSettings,
                  ends: Mapping[int, str] | None = None) -> bool:
    """Are these lines a row's rest the page break cut, though too few to show rows: each piece
    at its column's text edge and going on from above (a small letter: ``sociale, serviciilor
    publice), etc.`` / ``societatea civilă.``, the last line of a table alone on the document's
    last page, or ``familiei`` alone under the responsible bodies' column, 7957)?  A paragraph or
    a signature starts afresh.  ``ends``: each column's last line on the page before; where it
    stops mid-sentence (``… în cadrul Direcției de``), its column's lines here go on with it
    whatever letter they start with: a measure merged over the last rows, its 24 lines run on
    alone in the first column onto the next page (``Asistență Socială a Municipiului`` / ``Bacău
    și cu Obiectiv General -`` …, 7997)."""
    items = [it for s in slots for it in s.items]
    cut = {col for col, text in (ends or {}).items() if ends_mid_sentence(text)}
    return (bool(items)
            and all(any(ch.isalpha() for ch in it.segment.text)
                    and (starts_lower(it.segment.text) or it.c0 in cut) for it in items)
            and aligned_share(slots, columns, settings) >= settings.goes_on_aligned)


def one_row_across(slots: Sequence[Slot], columns: Columns, settings: BorderlessSettings) -> bool:
    """Are these lines one whole row, though too few lines to show rows: a single line with text in
    most of the table's columns (a row set in the middle of its cells: its one-line cells on one line,
    its long measure above and below it, 8047), every piece at its column's text edge?  A paragraph
    or another table's line does not start at each of these columns' edges."""
    lines = [{it.c0 for it in s.items} for s in slots]
    across = [cols for cols in lines if len(cols) >= 2]
    n = len(columns.edges) - 1
    return (len(across) == 1 and len(across[0]) >= max(settings.row_across_min, settings.row_across_share * n)
            and aligned_share(slots, columns, settings) >= settings.goes_on_aligned)
