"""Rows of one run of page pieces: what repeats at the top of a piece, and whether its first row
continues the last row of the page before.

``column_profile``      which columns start with codes, are always filled, are merged vertically
``leading_repeats``     header rows and column-number rows repeated at the top of a piece
``split_row_decision``  does the first row of a piece continue the last row of the previous one?
``joined_whole``        cells that, joined to the cut row's, make cells the column holds whole elsewhere
``continues_above``     does a cell of that first row continue the cell above it (a merged cell)?
``join_piece``          one continuation piece appended to the table, its cut row joined or not
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from planuri.extract.ro_text import closes_parenthesis, continues_list, continues_text, fold, is_number_row, leading_code, starts_lower
from planuri.extract.ruled.plumber import PagePiece
from planuri.extract.stitch.repeats import find_repeat, strip_repeat
from planuri.extract.stitch.settings import StitchSettings
from planuri.extract.types import StitchNote

# --------------------------------------------------------------------------- one run


@dataclass
class PieceCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str
    page: int
    bbox: tuple
    wraps: tuple[bool, ...] = ()
    confidence: float | None = None
    cuts: tuple[int, ...] = ()

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row < self.row + self.row_span and self.col <= col < self.col + self.col_span


@dataclass
class ColumnProfile:
    code_led: set[int] = field(default_factory=set)
    always_coded: set[int] = field(default_factory=set)  # every cell starts with a code
    always_filled: set[int] = field(default_factory=set)
    merged: set[int] = field(default_factory=set)


def piece_cells(piece: PagePiece, spans: list[tuple[int, int]]) -> list[PieceCell]:
    """The piece's cells on the run's common columns (``spans``: each cell's column and span there)."""
    return [PieceCell(c.row, col, c.row_span, span, c.text, piece.page, c.bbox, c.wraps, c.confidence, c.cuts)
            for c, (col, span) in zip(piece.cells, spans)]


def rows_of(cells: Iterable[PieceCell], n_rows: int) -> list[list[PieceCell]]:
    rows: list[list[PieceCell]] = [[] for _ in range(n_rows)]
    for c in cells:
        rows[c.row].append(c)
    return [sorted(r, key=lambda c: c.col) for r in rows]


def column_profile(pieces_cells: Sequence[list[PieceCell]], n_cols: int, settings: StitchSettings) -> ColumnProfile:
    starts = [0] * n_cols
    coded = [0] * n_cols
    spanning = [0] * n_cols
    filled = [0] * n_cols
    n_rows = 0
    for cells in pieces_cells:
        height = max((c.row + c.row_span for c in cells), default=0)
        for r in range(height):
            row_filled = [False] * n_cols
            for c in cells:
                if c.covers(r, c.col) and c.text.strip():
                    for cc in range(c.col, c.col + c.col_span):
                        row_filled[cc] = True
            if sum(row_filled) >= 2 and not any(c.row == r and c.col_span == n_cols for c in cells):
                n_rows += 1
                filled = [f + int(x) for f, x in zip(filled, row_filled)]
        for c in cells:
            if c.text.strip() and c.col_span < n_cols:
                starts[c.col] += 1
                coded[c.col] += leading_code(c.text) is not None
                spanning[c.col] += c.row_span > 1
    profile = ColumnProfile()
    for col in range(n_cols):
        if starts[col] and coded[col] >= settings.code_led * starts[col]:
            profile.code_led.add(col)
        if starts[col] >= settings.min_coded_cells and coded[col] == starts[col]:
            profile.always_coded.add(col)
        if starts[col] and spanning[col] >= settings.merged_column * starts[col]:
            profile.merged.add(col)
        if n_rows and filled[col] >= settings.always_filled * n_rows:
            profile.always_filled.add(col)
    return profile


def row_key(row: list[PieceCell]) -> tuple:
    return tuple((c.col, c.col_span, fold(c.text)) for c in row)


def leading_repeats(rows: list[list[PieceCell]], first_rows: list[list[PieceCell]], settings: StitchSettings) -> tuple[int, list[str]]:
    """How many rows at the top of a piece repeat the table's header or number row."""
    keys = [row_key(r) for r in first_rows[: settings.header_rows] if r]
    dropped, what = 0, []
    for row in rows:
        if not row:
            dropped += 1
            what.append("empty")
        elif row_key(row) in keys:
            dropped += 1
            what.append("number-row" if is_number_row(row) else "header")
        elif is_number_row(row):
            dropped += 1
            what.append("number-row")
        else:
            break
    return dropped, what


@dataclass
class PieceTop:
    """A continuation piece with its repeated header taken off: its cells, how many grid rows at
    its top are not body (``skip``), what they were, and how deep the repeated header is on the
    first piece."""

    cells: list[PieceCell]
    skip: int
    dropped: list[str]
    header_depth: int


def piece_top(first_cells: list[PieceCell], first_rows: list[list[PieceCell]], cells: list[PieceCell], n_rows: int,
              settings: StitchSettings) -> PieceTop:
    """Take the header the piece repeats off its top (``repeats``), then any number row, empty row
    or exact copy of a first-piece row left above its body."""
    repeat = find_repeat(first_cells, cells, settings.repeats)
    skip, dropped, depth = 0, [], 0
    if repeat is not None:
        cells, skip = strip_repeat(cells, repeat)
        dropped, depth = ["header"] * skip, repeat.start + repeat.rows
    more, what = leading_repeats(rows_of(cells, n_rows)[skip:], first_rows, settings)
    return PieceTop(cells=cells, skip=skip + more, dropped=dropped + what, header_depth=max(depth, more if not skip else 0))


def said_again(texts: Sequence[PieceCell], above: dict[int, str], profile: ColumnProfile) -> list[int]:
    """The columns whose cell says again, whole, what the row above says there (``Trim I-IV``)."""
    return [c.col for c in texts if c.col in above and c.col not in profile.merged
            and " ".join(c.text.split()) == " ".join(above[c.col].split())]


def column_wholes(cells: Iterable[PieceCell], last: int) -> dict[int, set[str]]:
    """The texts of each column's cells above row ``last``, whole (spaces collapsed)."""
    out: dict[int, set[str]] = {}
    for c in cells:
        if c.col_span == 1 and c.row + c.row_span - 1 < last and c.text.strip():
            out.setdefault(c.col, set()).add(" ".join(c.text.split()))
    return out


def joined_whole(texts: Sequence[PieceCell], above: dict[int, str], profile: ColumnProfile,
                 wholes: dict[int, set[str]]) -> list[int]:
    """The columns whose cell, joined to the cut row's cell above it, makes a cell the table
    writes whole in that column on other rows (``Buget`` + ``local``, ``TRIM`` + ``I - IV``),
    neither piece being one alone: a row whose first line alone closed the page."""
    out = []
    for c in texts:
        seen = wholes.get(c.col, set())
        if c.col not in above or c.col in profile.merged or not seen:
            continue
        a, b = " ".join(above[c.col].split()), " ".join(c.text.split())
        if a not in seen and b not in seen and ({f"{a} {b}", a + b} & seen):
            out.append(c.col)
    return out


def split_row_decision(row: list[PieceCell], n_cols: int, profile: ColumnProfile,
                       above: dict[int, str] | None = None, heading_above: bool = False,
                       settings: StitchSettings = StitchSettings(),
                       wholes: Callable[[], dict[int, set[str]]] | None = None) -> tuple[bool, str]:
    """Is this first row of a new page the rest of the last row of the previous page?
    ``above``: grid column -> text of the last row so far, where it has text.  A row cut by a
    page break starts the text of every cell on the first page (cells are top-aligned): a cell
    with text under an empty one starts a row of its own, one carrying on a sentence cut
    after a dangling word (``tineri cu`` + ``dizabilitati``), a comma or a hyphen continues the
    row, and so does text with no code in a column where every row starts with one -- unless two
    cells or more say again, whole, what the cells above say (a new row under the same deadline
    and funding: the rest of a cut cell never repeats the whole cell).  A heading
    row (one cell across the table) under a heading row goes on with it when it starts with a
    small letter (a heading cut by the page break)."""
    texts = [c for c in row if c.text.strip()]
    if len(texts) == 1 and texts[0].col_span >= n_cols - 1:
        if heading_above and starts_lower(texts[0].text) and texts[0].text.strip()[:1].isalpha():
            return True, "a heading cut by the page break goes on"
        return False, "a heading row"
    if above is not None:
        new = [c.col for c in texts if not set(above) & set(range(c.col, c.col + c.col_span))]
        if new:
            return False, f"column {new[0] + 1} has text where the row above has none"
    if above is not None and len(said_again(texts, above, profile)) < settings.repeated_cells:
        # a cell going on with the next item of a list cut above (``a) 2 mii lei;`` / ``b) 2,500
        # lei``): the row goes on, and a code heading its action is typed inside the cell above
        # (or closing a parenthesis left open above: ``(50`` / ``ani, 60 ani) și``); a cell merged
        # down over rows (a measure) goes on over the break whether the row is cut or not, and
        # cells saying again the row above's whole are a new row's whatever goes on beside them
        listed = [c.col for c in texts if c.col in above and c.col not in profile.merged
                  and continues_list(above[c.col], c.text)]
        if listed:
            return True, f"column {listed[0] + 1} carries on the list cut above"
        closed = [c.col for c in texts if c.col in above and c.col not in profile.merged
                  and closes_parenthesis(above[c.col], c.text)]
        if closed:
            return True, f"column {closed[0] + 1} closes the parenthesis left open above"
    for c in row:
        if c.col in profile.code_led and leading_code(c.text):
            return False, f"column {c.col + 1} starts with code {leading_code(c.text)}"
    if above is not None:
        # cells that say again, whole, what the row above says (``Trim I-IV``, ``Buget local``) are a
        # new row's: the rest of a cut cell never repeats the whole cell
        again = said_again(texts, above, profile)
        if len(again) >= settings.repeated_cells:
            return False, f"columns {', '.join(str(col + 1) for col in again)} repeat the row above's cells whole"
        # a cell merged down over rows (an objective, a measure) goes on over the break whether the row is cut or not
        cut = [c.col for c in texts if c.col in above and c.col not in profile.merged
               and continues_text(above[c.col], c.text)]
        if cut:
            return True, f"column {cut[0] + 1} carries on the sentence cut above"
        # cells whose last line above ends in the space a PDF draws where a line wraps
        # (``Organizarea `` / ``programelor``, ``Buget `` / ``local``): their text went on past the
        # page's foot -- a paragraph's last line has none
        wrapped = [c.col for c in texts if c.col in above and c.col not in profile.merged
                   and above[c.col].strip() and above[c.col].endswith(" ")]
        if len(wrapped) >= settings.wrapped_cells:
            return True, f"columns {', '.join(str(col + 1) for col in wrapped)} end above in a wrap space"
        # cells that, joined to the cells above, say what the column's cells say whole on other rows
        joined = joined_whole(texts, above, profile, wholes() if wholes is not None else {})
        if len(joined) >= settings.joined_cells:
            return True, (f"columns {', '.join(str(col + 1) for col in joined)} joined to the cells above "
                          "make cells the table writes whole elsewhere")
    uncoded = [c.col for c in texts if c.col in profile.always_coded and c.col not in profile.merged
               and not leading_code(c.text)]
    if uncoded:
        return True, f"column {uncoded[0] + 1}, where every row starts with a code, goes on without one"
    filled = [False] * n_cols
    for c in texts:
        for cc in range(c.col, c.col + c.col_span):
            filled[cc] = True
    identity = sorted(profile.code_led - profile.merged)
    expected = sorted(profile.always_filled - profile.merged - set(identity))
    empty = [col for col in expected if not filled[col]]
    if identity and empty:
        return True, f"no code in code column {identity[0] + 1} and {len(empty)} always-filled columns empty"
    if expected and empty and len(empty) * settings.empty_columns_of >= len(expected):
        return True, f"{len(empty)} of {len(expected)} always-filled columns are empty"
    sentences = [c.text for c in texts if c.col not in profile.merged]
    if sentences and all(starts_lower(t) for t in sentences):
        return True, "every cell continues a sentence"
    # no code in the code column (where the action's text goes on after its code, a capital may
    # start a word: ``1.4.1 Desfășurarea`` + ``Campaniilor``) and every other cell goes on
    others = [c.text for c in texts if c.col not in profile.merged and c.col not in identity]
    if (identity and not any(leading_code(c.text) for c in texts if c.col in identity)
            and len(others) >= settings.continuing_cells and all(starts_lower(t) for t in others)):
        return True, "no code in the code column and every other cell continues a sentence"
    return False, "a row of its own"


def rest_rows(keep: list[PieceCell], n_new: int, n_cols: int, profile: ColumnProfile, above: dict[int, str],
              settings: StitchSettings) -> int:
    """How many of a piece's top rows are the rest of the row the page break cut, its first
    being so: the rows under it that a borderless page read apart (``tineret și sport,`` /
    ``Direcția sănătate,`` under ``învățământ,``, each line a row) with nothing where rows start
    with a code and always-filled columns empty -- no row of their own."""
    identity = sorted(profile.code_led - profile.merged)
    expected = sorted(profile.always_filled - profile.merged - set(identity))
    if not identity or not expected:
        return 1
    texts = dict(above)
    rest = 1
    for r in range(1, n_new):
        row = [c for c in keep if c.row == r and c.text.strip()]
        if not row or any(c.col_span >= n_cols - 1 for c in row):
            break
        cols = {cc for c in row for cc in range(c.col, c.col + c.col_span)}
        if any(col in cols for col in identity) or all(col in cols for col in expected):
            break
        if any(col not in texts for col in cols):
            break  # text where the cut row has none: a row of its own
        rest += 1
    return rest


def continues_above(c: PieceCell, above: PieceCell | None, last: int, is_split: bool, profile: ColumnProfile,
                    n_cols: int) -> bool:
    """Does cell ``c``, in the first row of a new page, continue ``above`` (the cell covering
    the last row so far) rather than start a cell of its own?"""
    if above is None:
        return False
    if above.col_span >= n_cols:  # a heading row: only the rest of a heading cut by the break goes on it
        # (read across the width, or in the first column of a borderless row, its other cells empty)
        return is_split and (c.col_span >= n_cols - 1 or c.col == 0 or not c.text.strip())
    if is_split:
        return True
    if c.col in profile.code_led and not leading_code(c.text):
        # a code column's cell with no code is the rest of a merged objective or measure
        if c.col in profile.merged or not c.text.strip() or starts_lower(c.text):
            return True
    if (c.col in profile.merged and not c.text.strip() and c.row_span > 1 and above.text.strip()
            and above.row + above.row_span - 1 == last):
        # an empty cell merged down a column of merged cells, under a cell reaching the break
        # (merged down to it, or the only row of the table before it): the rest of that cell (its
        # text set in the middle or at the top of the first page's part)
        return True
    # (a list ending in a comma above a new row's cell is no merged cell: dangling words only)
    return above.row + above.row_span - 1 == last and continues_text(above.text, c.text, marks=False)


def append_text(above: PieceCell, c: PieceCell) -> None:
    """Carry a cell's text over the page break; the break is a wrap when the text goes on mid-sentence."""
    if c.confidence is not None:
        above.confidence = c.confidence if above.confidence is None else min(above.confidence, c.confidence)
    if not above.text.strip():
        above.text, above.wraps, above.cuts = c.text, c.wraps, c.cuts
        return
    lines_above = above.text.count("\n") + 1
    wraps_above = above.wraps or (False,) * (lines_above - 1)
    wraps_below = c.wraps or (False,) * c.text.count("\n")
    above.text = f"{above.text}\n{c.text}"
    above.wraps = (*wraps_above, starts_lower(c.text), *wraps_below)
    above.cuts = (*(above.cuts or (0,) * lines_above), *(c.cuts or (0,) * (c.text.count("\n") + 1)))


def centred_rests(cells: list[PieceCell], keep: list[PieceCell], last: int, profile: ColumnProfile) -> None:
    """Move onto the cut row the rest of a merged cell the page break cut, where it is set in the
    middle of the cell's part on the new page: under an empty first row, a cell of its own that
    goes on with the sentence the cut cell stops in (``2.1.4. Implicarea familiei în procesul
    de`` / ``îngrijire, dezvoltare…``), merged over rows or in a column of merged cells.  Its
    rows become the cut cell's (a borderless page cannot tell where a merged cell starts)."""
    for col in sorted({c.col for c in keep if c.row > 0 and c.text.strip()}):
        above = next((a for a in cells if a.covers(last, col) and a.col == col), None)
        if above is None or not above.text.strip():
            continue
        in_col = sorted((c for c in keep if c.col == col), key=lambda c: c.row)
        first = [c for c in in_col if c.row == 0]
        if any(c.text.strip() for c in first):
            continue
        rest = next((c for c in in_col if c.row > 0 and c.text.strip()), None)
        if (rest is None or (rest.row_span < 2 and col not in profile.merged)
                or not continues_text(above.text, rest.text, marks=False)):
            continue
        for c in first:
            keep.remove(c)
        rest.row_span += rest.row
        rest.row = 0


def join_piece(cells: list[PieceCell], row_pages: list[list[int]], piece: PagePiece, keep: list[PieceCell], n_new: int,
               profile: ColumnProfile, n_cols: int, notes: list[StitchNote], settings: StitchSettings) -> None:
    """Append the ``n_new`` rows of one continuation piece (repeated header rows removed) to the table."""
    last = len(row_pages) - 1
    above = {col: a.text for a in cells if a.covers(last, a.col) and a.text.strip()
             for col in range(a.col, a.col + a.col_span)}
    heading_above = sum(1 for a in cells if a.covers(last, a.col) and a.text.strip()) == 1 and any(
        a.covers(last, a.col) and a.text.strip() and a.col_span >= n_cols - 1 for a in cells)
    first_row = [c for c in keep if c.row == 0]
    is_split, reason = split_row_decision(first_row, n_cols, profile, above, heading_above, settings,
                                          lambda: column_wholes(cells, last))
    rest = rest_rows(keep, n_new, n_cols, profile, above, settings) if is_split and not heading_above else 1
    for c in keep:  # the rows the cut row's rest takes on this page read as its first
        if c.row < rest:
            c.row = 0
        else:
            c.row -= rest - 1
    n_new -= rest - 1
    if is_split:
        centred_rests(cells, keep, last, profile)
    offset = last if is_split else last + 1
    for c in sorted(keep, key=lambda c: c.row) if rest > 1 else keep:
        above = next((a for a in cells if a.covers(last, c.col)), None) if c.row == 0 else None
        if c.row == 0 and continues_above(c, above, last, is_split, profile, n_cols):
            if c.text.strip():
                append_text(above, c)
            above.row_span = max(above.row_span, c.row_span + (last - above.row) + (0 if is_split else 1))
            if not is_split:
                notes.append(StitchNote(page=piece.page, action="continued-cell", row=last + 1,
                                        reason=f"column {c.col + 1} continues the merged cell above"))
        else:
            c.row += offset
            cells.append(c)
    if is_split:
        if rest > 1:
            reason += f"; and the {rest - 1} rows under it, with no code and their row's other cells empty"
        notes.append(StitchNote(page=piece.page, action="merged-split-row", row=last, reason=reason))
        row_pages[last][1] = piece.page
    elif first_row:
        notes.append(StitchNote(page=piece.page, action="new-row-at-break", row=last + 1, reason=reason))
    row_pages.extend([piece.page, piece.page] for _ in range(n_new - (1 if is_split else 0)))
