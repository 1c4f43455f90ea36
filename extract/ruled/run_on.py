"""Text a PDF painted past a cell's bottom rule that belongs to the cell above it.

Chromium paints the rest of a cell merged over several rows under the table's last rule when
its rows end before its text does (cut by the page break); on the next page the rest of such a
cell may overflow its rows the same way, over the rule and into the cell under it."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from statistics import median

import numpy as np

from planuri.extract.pdf.text import chars_to_rows
from planuri.extract.ruled.centres import CharCentres
from planuri.extract.types import BBox


@dataclass(frozen=True)
class RunOnSettings:
    """When lines under a table's bottom rule are the rest of the cell above it."""

    # a line going on past a table's bottom rule (text painted over and under it) starts within
    # this share of its size under the line before; a paragraph set after the table starts further
    gap: float = 0.6
    across: float = 0.5  # points a cell's last line must reach under the rule to be drawn across it
    pitch: float = 0.5  # points (at most) a run-on line's spacing may differ from the cell's line pitch
    same_size: float = 0.5  # points two lines' type sizes may differ by for one's line gap to be the other's
    indent: float = 0.5  # share of its size a run-on line may start off the cell's left text edge
    # points: a "cell" this low is a rule drawn as a filled box (Chromium draws borders so), between
    # the last row and the page's end; the cells that reach the rule are those above it
    rule: float = 2.0


def run_on_chars(rects: list[BBox], chars: list[dict], taken: set[int], settings: RunOnSettings,
                 tolerance: float, centres: "InkedCentres | None" = None) -> list[tuple[dict, float]]:
    """Text that runs on past a cell's bottom rule (the characters not ``taken`` yet), each with
    the bottom of the cell it belongs to: lines going on from the cell's own, at its line pitch
    and from its left text edge, the first drawn across the rule or, under the table's bottom
    rule, starting right at it.  Chromium paints the rest of a cell merged over several rows
    there when its rows end before its text does (cut by the page break); no layout sets a
    paragraph over a rule, nor a page number in a cell's lines.  Inside the table only a line
    drawn across the rule starts a run: a line starting under it is the next cell's own (the
    Bacău report, 7563: the rest of a measure continued on a new page overflows its one row,
    'recenzate în platforma Aurora' over the rule above the next measure, whose cell took it).
    A cell of one line has no pitch of its own: it takes the table's, its other cells' lines of
    the run-on line's size (7588, 7753: a measure's one line at a page's foot or head, the next
    drawn across or right under the table's bottom rule)."""
    cells = [r for r in rects if r[3] - r[1] > settings.rule] or rects
    bottom = max(r[3] for r in cells)
    out: list[tuple[dict, float]] = []
    gaps: list[tuple[float, float]] | None = None  # the table's line gaps by type size, found when needed
    centres = InkedCentres(chars) if centres is None else centres  # the page's, shared by its tables
    for rect in cells:
        last = rect[3] >= bottom - tolerance  # a cell reaching the table's bottom rule
        rows, tops = centres.rows_under_with_tops(rect[0], rect[2], rect[1])
        cell = [row for row, row_top in zip(rows, tops) if row_top < rect[3]]
        across = cell[-1:] if cell and _bottom(cell[-1]) > rect[3] + settings.across else []
        lines = cell[:len(cell) - len(across)]
        if not lines:  # a row lower than the line it holds (7753): the line is the cell's own
            lines, across = cell, []
        after = across + rows[len(cell):len(cell) + 1]
        if not lines or not after or not (last or _over_next(across, rows[len(cell):], settings)):
            continue
        if len(lines) > 1:
            pitch = median(_top(b) - _bottom(a) for a, b in zip(lines, lines[1:]))
        else:
            gaps = _line_gaps(cells, centres) if gaps is None else gaps
            pitch = _pitch(gaps, _size(after[0]), settings)
        if pitch is None:
            continue
        left = min(ch["x0"] for row in lines for ch in row)
        run = []
        if across and _follows(lines[-1], across[0], left, pitch, settings):
            run.append(across[0])  # drawn across the rule
        elif across:
            continue
        prev = cell[-1]
        for row in rows[len(cell):]:
            if not _follows(prev, row, left, pitch, settings) or not (
                    run or _top(row) < rect[3] + settings.gap * _size(row)):
                break
            run.append(row)
            prev = row
        inked = [ch for row in run for ch in row if id(ch) not in taken]
        out += [(ch, rect[3]) for ch in inked + _spaces_between(chars, run, taken)]
    return out


def _over_next(across: list[list[dict]], under: list[list[dict]], settings: RunOnSettings) -> bool:
    """Is a line drawn across a rule inside the table painted over the next cell's first line?
    Only text overflowing its row is: a line merely reaching over the rule is the next cell's
    first (LibreOffice draws a font box taller than the line, 0.5 pt over the rule above it).
    The line painted over is the first under it in its own place: under a heading spanning the
    table, the next row's other cells set in the middle stand beside it, not under it (7571)."""
    if not (across and under):
        return False
    x0, x1 = min(ch["x0"] for ch in across[0]), max(ch["x1"] for ch in across[0])
    for row in under:
        mine = [ch for ch in row if ch["x0"] < x1 and x0 < ch["x1"]]
        if mine:
            return min(ch["top"] for ch in mine) < _bottom(across[0]) - settings.across
    return False


class InkedCentres:
    """A page's inked characters (not spaces) by the centres of their boxes, on arrays: the
    characters whose centre lies in a box are found without a Python loop over the page."""

    def __init__(self, chars: list[dict], page: CharCentres | None = None):
        """``page``: the centres of all ``chars``, when found already (taken, not computed again)."""
        if page is None or page.chars is not chars:
            page = CharCentres(chars)
        inked = [i for i, ch in enumerate(chars) if ch["text"].strip()]
        self.chars = [chars[i] for i in inked]
        self.x, self.y = page.x[inked], page.y[inked]
        self._columns: dict[tuple[float, float], tuple[list[list[dict]], list[float], list[float], list[float]]] = {}

    def within(self, x0: float, x1: float, top: float, bottom: float = np.inf) -> list[dict]:
        """The characters centred strictly between ``x0`` and ``x1`` and strictly under ``top``
        (and over ``bottom``), in the page's order."""
        hit = (self.x > x0) & (self.x < x1) & (self.y > top) & (self.y < bottom)
        return [self.chars[i] for i in np.flatnonzero(hit)]

    def rows_under(self, x0: float, x1: float, top: float) -> list[list[dict]]:
        """``chars_to_rows(within(x0, x1, top))``: the rows of the whole strip between ``x0`` and
        ``x1`` are grouped once, and those under ``top`` are that grouping's last rows when no
        row has characters on both sides of ``top`` (rows are grouped from the top down, each
        from its first character: the characters under such a boundary group alike).  Else
        grouped anew."""
        return self.rows_under_with_tops(x0, x1, top)[0]

    def rows_under_with_tops(self, x0: float, x1: float, top: float) -> tuple[list[list[dict]], list[float]]:
        """``rows_under`` and each row's top (``_top``), found once for the strip's rows."""
        key = (x0, x1)
        if key not in self._columns:
            rows = chars_to_rows(self.within(x0, x1, -np.inf))
            middles = [[(ch["top"] + ch["bottom"]) / 2 for ch in row] for row in rows]  # ``_middle``s
            firsts = [min(row) for row in middles]
            lasts = [max(row) for row in middles]
            self._columns[key] = rows, firsts, lasts, [_top(row) for row in rows]
        rows, firsts, lasts, tops = self._columns[key]
        k = bisect_right(firsts, top)  # the first row starting under ``top``
        if k == 0 or lasts[k - 1] <= top:
            return rows[k:], tops[k:]
        rows = chars_to_rows(self.within(x0, x1, top))
        return rows, [_top(row) for row in rows]


def _middle(ch: dict) -> float:
    return (ch["top"] + ch["bottom"]) / 2


def _line_gaps(cells: list[BBox], centres: InkedCentres) -> list[tuple[float, float]]:
    """The gaps between the lines of the table's cells, each with the type size of the line under it."""
    out = []
    for rect in cells:
        rows = chars_to_rows(centres.within(rect[0], rect[2], rect[1], rect[3]))
        out += [(_size(b), _top(b) - _bottom(a)) for a, b in zip(rows, rows[1:])]
    return out


def _pitch(gaps: list[tuple[float, float]], size: float, settings: RunOnSettings) -> float | None:
    """The line gap of the table's cells set in ``size`` (within ``same_size`` points): the pitch a
    cell of one line goes on at (None: no cell of the table has two lines of that size)."""
    found = [gap for s, gap in gaps if abs(s - size) <= settings.same_size]
    return median(found) if found else None


def _spaces_between(chars: list[dict], rows: list[list[dict]], taken: set[int]) -> list[dict]:
    """The space characters drawn between the glyphs of ``rows`` (the rows were found on ink
    alone): without them a narrow gap -- Chromium kerns a space before a capital -- glues two
    words (``General -Asigurarea``)."""
    out = []
    for row in rows:
        top, bottom = _top(row), _bottom(row)
        left, right = min(ch["x0"] for ch in row), max(ch["x1"] for ch in row)
        out += [ch for ch in chars if ch["text"] == " " and id(ch) not in taken
                and top <= (ch["top"] + ch["bottom"]) / 2 <= bottom and left < ch["x0"] < right]
    return out


def _follows(prev: list[dict], row: list[dict], left: float, pitch: float, settings: RunOnSettings) -> bool:
    """Does ``row`` go on from ``prev`` in the same cell: at its line pitch, from its left edge?"""
    return (abs(_top(row) - _bottom(prev) - pitch) <= min(settings.pitch, settings.gap * _size(row))
            and abs(min(ch["x0"] for ch in row) - left) <= settings.indent * _size(row))


def _top(row: list[dict]) -> float:
    return min(ch["top"] for ch in row)


def _bottom(row: list[dict]) -> float:
    return max(ch["bottom"] for ch in row)


def _size(row: list[dict]) -> float:
    return max(max(ch.get("size", 10) for ch in row), 1)
