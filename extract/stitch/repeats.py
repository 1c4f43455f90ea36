"""Header rows repeated at the top of a table's continuation on the next page.

Word and LibreOffice repeat a table's header rows (and often its column-number row) on every
page.  The repeat is not always drawn like the first: LibreOffice draws it shorter when a label
is merged down into a second header row, so a label's last line falls under the repeat's bottom
rule (into the first body row), a header cell merges with the empty merged cell under it, and a
number-row digit lands inside a label's line (``obiect2ivului``); OCR reads the repeat with
other misreads than the first.  So the repeat is found from the text, column by column, not
from the grid:

``header_streams``   the first piece's top rows -> per column, their text as one folded stream
``consume_column``   going down a column of the next piece, line by line, how many lines are
                     that stream (a number-row digit inside a line tolerated, OCR misreads too)
``find_repeat``      the header block the next piece repeats (the most rows that most columns repeat;
                     a column number OCR misread where the others are repeated is the number)
``strip_repeat``     the piece without the repeat: lines consumed dropped, cells emptied by it
                     removed, a cell that goes on below it (a merged cell) starting under it
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from planuri.extract.ro_text import leading_code

_NOT_ALNUM = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True)
class RepeatSettings:
    max_start: int = 2  # the repeated block may start under a caption row or two (one cell across) of the first piece
    max_rows: int = 6  # rows a repeated header block (with its number row) may have
    columns_share: float = 0.75  # share of the header's columns whose text must be repeated
    misreads: float = 0.12  # share of a line's characters that may differ (OCR reads each repeat anew)
    min_skip_match: int = 4  # a line this long may match further on in the header (lines clipped before it)
    min_covered: float = 0.6  # share of a column's header text its repeat must show (clipped lines)
    number_misread: int = 1  # characters a misread column number may have beyond its digits (``AȘ`` for 1)


@lru_cache(maxsize=1 << 16)  # every line of a piece is folded once per header shape tried
def folded(text: str) -> str:
    """Letters and digits only, no diacritics, lower case: what two drawings of a label share."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_ALNUM.sub("", bare.casefold())


def header_streams(cells, start: int, rows: int) -> dict[int, list[tuple[int, str]]]:
    """Column -> (row, folded text) of the cells starting in rows ``start .. start + rows - 1``
    of the first piece, top to bottom (a cell spanning columns counts in its first)."""
    out: dict[int, list[tuple[int, str]]] = {}
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        if start <= c.row < start + rows and folded(c.text):
            out.setdefault(c.col, []).append((c.row, folded(c.text)))
    return out


def column_lines(cells, col: int) -> list[tuple[object, int, str]]:
    """(cell, line index, folded line) going down column ``col`` of a piece."""
    out = []
    for c in sorted((c for c in cells if c.col == col), key=lambda c: c.row):
        for i, line in enumerate(c.text.split("\n")):
            if text := folded(line):
                out.append((c, i, text))
    return out


def _matches(line: str, expected: str, misreads: float) -> bool:
    """The same text, but for a few misread letters; digits must be the same (rows that differ
    only by their numbers -- ``Acțiunea 4`` and ``Acțiunea 40`` -- are different rows)."""
    if line == expected:
        return True
    allowed = int(len(line) * misreads)
    return (allowed > 0 and _DIGITS.sub("", line) == _DIGITS.sub("", expected)
            and Levenshtein.distance(line, expected, score_cutoff=allowed) <= allowed)


def consume_column(lines: list[tuple[object, int, str]], parts: list[str], digits: str,
                   settings: "RepeatSettings") -> tuple[int, int]:
    """How many of ``lines``, from the top, are the header's ``stream``, and how far into the
    stream they reach ((0, 0): none, or too little of it).  Each line is the stream's next text (OCR misreads tolerated), or text further on when
    the repeat was drawn clipped (a label's lines left out, within the label: lines of
    ``min_skip_match`` characters or more), or the column's number-row digits, alone or drawn
    inside a line.  ``parts``: the header's texts in the column, one per row."""
    stream = "".join(parts)
    ends = [sum(len(p) for p in parts[:i + 1]) for i in range(len(parts))]
    pos, n, drawn_over = 0, 0, False
    for _, _, line in lines:
        if pos >= len(stream):
            break
        # a clipped line is skipped only inside a label already begun (its last lines clipped)
        label_end = pos if pos in (0, *ends) else next(e for e in ends if e > pos)
        found = _place(line, stream, pos, label_end, digits, settings)
        if found is None:
            break
        drawn_over = drawn_over or (found - pos < len(line) and bool(digits))
        pos, n = found, n + 1
    if drawn_over and stream.endswith(digits) and pos >= len(stream) - len(digits):
        pos = len(stream)  # the number's digits were drawn inside a label's line, and read there
    return (n, pos) if n and pos >= settings.min_covered * len(stream) else (0, 0)


def _place(line: str, stream: str, pos: int, label_end: int, digits: str, settings: "RepeatSettings") -> int | None:
    """Where the stream goes on after ``line``, if the line is the stream's text at ``pos``, or
    further on in the label ``pos`` is in (up to ``label_end``)."""
    if _matches(line, stream[pos:pos + len(line)], settings.misreads):
        return pos + len(line)
    if len(line) >= settings.min_skip_match:
        later = stream.find(line, pos, label_end)
        if later >= 0:
            return later + len(line)
    stripped = line
    for d in digits:
        stripped = stripped.replace(d, "", 1)
    if stripped != line:
        if not stripped and stream.endswith(line):
            return len(stream)
        if stripped and _matches(stripped, stream[pos:pos + len(stripped)], settings.misreads):
            return pos + len(stripped)
    return None


@dataclass(frozen=True)
class Repeat:
    """The first piece's rows ``start .. start + rows - 1`` repeated at the top of a piece;
    ``consumed``: column -> lines of the piece's column that are the repeat."""

    start: int
    rows: int
    consumed: dict[int, int]


def find_repeat(first_cells, cells, settings: RepeatSettings = RepeatSettings()) -> Repeat | None:
    """The largest block of the first piece's top rows that the piece repeats at its top: most
    columns repeat their text, and every row of the block is repeated in most of its columns
    (a body row at the top of both pages, alike in a few columns, is not a repeat)."""
    best = None
    n_cols = max((c.col + c.col_span for c in first_cells), default=0)
    captions = 0  # rows of one cell across the table above the header: the repeat may leave them out
    while captions < settings.max_start and _is_caption(first_cells, captions, n_cols):
        captions += 1
    for start in range(captions + 1):
        for rows in range(1, header_depth_limit(first_cells, start, settings.max_rows) + 1):
            found = _repeat_of(first_cells, cells, start, rows, settings)
            if found is not None and (best is None or rows > best.rows
                                      or (rows == best.rows and len(found.consumed) > len(best.consumed))):
                best = found
    return best


def header_depth_limit(cells, start: int, max_rows: int) -> int:
    """How many of the first piece's rows from ``start`` may be header rows: none past its
    column-number row (``1 2 3 …``: the header's last), nor from a row holding an item code
    followed by words (``4.3.1. Crearea …``: a body row).  A body row repeating, cell for cell
    but its code, a row at the top of the previous page (the same action, deadline and status
    under another measure) is no repeated header."""
    by_row: dict[int, list[str]] = {}
    for c in cells:
        if c.text.strip():
            by_row.setdefault(c.row, []).append(c.text.strip())
    for r in range(start, start + max_rows):
        texts = by_row.get(r, [])
        if any((code := leading_code(t)) and any(ch.isalpha() for ch in t[len(code):]) for t in texts):
            return r - start
        if len(texts) >= 2 and all(t.rstrip(".").isdigit() for t in texts):
            return r - start + 1
    return max_rows


def _is_caption(cells, row: int, n_cols: int) -> bool:
    here = [c for c in cells if c.row == row and folded(c.text)]
    return len(here) == 1 and here[0].col_span >= n_cols - 1


def _repeat_of(first_cells, cells, start: int, rows: int, settings: RepeatSettings) -> Repeat | None:
    parts = header_streams(first_cells, start, rows)
    if len(parts) < 2 or not any(row == start + rows - 1 for p in parts.values() for row, _ in p):
        return None
    consumed, reach, numbers = {}, {}, {}
    for col, part in parts.items():
        digits = "".join(text for _, text in part if text.isdigit() and len(text) <= 2)
        n, pos = consume_column(column_lines(cells, col), [text for _, text in part], digits, settings)
        if n:
            consumed[col], reach[col] = n, pos
        if digits:
            numbers[col] = (len("".join(text for _, text in part)), len(digits))
    misread_numbers(cells, consumed, reach, numbers, settings)
    if len(consumed) < max(2, settings.columns_share * len(parts)):
        return None
    for row in range(start, start + rows):
        offsets = {}
        for col, part in parts.items():
            offset = 0
            for r, text in part:
                if r == row:
                    offsets[col] = offset
                offset += len(text)
        repeated = [col for col, off in offsets.items() if reach.get(col, 0) > off]
        if offsets and len(repeated) < settings.columns_share * len(offsets):
            return None
    return Repeat(start, rows, consumed)


def misread_numbers(cells, consumed: dict[int, int], reach: dict[int, int], numbers: dict[int, tuple[int, int]],
                    settings: RepeatSettings) -> None:
    """A repeated column-number row OCR misread in a column (``AȘ`` for ``1``): where most
    columns repeat their number, a column whose repeat stopped right before its number takes
    the short line that stands there as that number (``consumed``, ``reach`` updated).
    ``numbers``: column -> (length of its header stream, length of its number)."""
    whole = [col for col, (length, _) in numbers.items() if reach.get(col) == length]
    if len(whole) < max(2, settings.columns_share * len(numbers)):
        return
    for col, (length, digits) in numbers.items():
        n = consumed.get(col, 0)
        lines = column_lines(cells, col)
        if n and reach.get(col) == length - digits and n < len(lines) \
                and len(lines[n][2]) <= digits + settings.number_misread:
            consumed[col], reach[col] = n + 1, length


def strip_repeat(cells, repeat: Repeat) -> tuple[list, int]:
    """The piece's cells without the repeated header, and how many grid rows the repeat took.

    The repeat's lines are dropped.  Its rows reach down to the last cell it emptied; a cell
    there, in a column whose repeat was not recognised (a label clipped or misread), is the
    repeat too.  The body starts at the first row below, or beside, where a cell the repeat
    did not touch holds text; a cell reaching into the body from above (an empty merged cell
    under a label, a label's cell holding text of its own under the label) starts there."""
    gone: dict[int, int] = {}  # cell -> leading lines that are the repeat's
    for col, n in repeat.consumed.items():
        for cell, index, _ in column_lines(cells, col)[:n]:
            gone[id(cell)] = max(gone.get(id(cell), 0), index + 1)
    emptied = []
    for c in cells:
        k = gone.get(id(c))
        if k:
            c.text = "\n".join(c.text.split("\n")[k:])
            c.wraps = c.wraps[k:] if c.wraps else ()
            c.cuts = c.cuts[k:] if c.cuts else ()
            if not folded(c.text):
                emptied.append(c.row)
    zone_end = max(emptied, default=-1)
    body = [c.row for c in cells if id(c) not in gone and folded(c.text)
            and (c.row > zone_end or c.col in repeat.consumed)]
    skip = min(body) if body else max(c.row + c.row_span for c in cells)
    out = []
    for c in cells:
        if c.row + c.row_span <= skip:
            continue
        if c.row < skip:
            c.row_span -= skip - c.row
            c.row = skip
        out.append(c)
    return out, skip
