"""Text a PDF painted past a table's bottom rule that belongs to the cell above it.

Chromium paints the rest of a cell merged over several rows under the table's last rule when
its rows end before its text does (cut by the page break)."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from planuri.extract.pdf.text import chars_to_rows
from planuri.extract.types import BBox


@dataclass(frozen=True)
class RunOnSettings:
    """When lines under a table's bottom rule are the rest of the cell above it."""

    # a line going on past a table's bottom rule (text painted over and under it) starts within
    # this share of its size under the line before; a paragraph set after the table starts further
    gap: float = 0.6
    across: float = 0.5  # points a cell's last line must reach under the rule to be drawn across it
    pitch: float = 0.5  # points (at most) a run-on line's spacing may differ from the cell's line pitch
    indent: float = 0.5  # share of its size a run-on line may start off the cell's left text edge
    # points: a "cell" this low is a rule drawn as a filled box (Chromium draws borders so), between
    # the last row and the page's end; the cells that reach the rule are those above it
    rule: float = 2.0


def run_on_chars(rects: list[BBox], chars: list[dict], taken: set[int], settings: RunOnSettings,
                 tolerance: float) -> list[dict]:
    """Text that runs on past a table's bottom rule under a cell reaching it (the characters not
    ``taken`` yet): lines going on from the cell's own, at its line pitch and from its left text
    edge, the first drawn across the rule or starting right at it.  Chromium paints the rest of
    a cell merged over several rows there when its rows end before its text does (cut by the
    page break); no layout sets a paragraph over a rule, nor a page number in a cell's lines."""
    cells = [r for r in rects if r[3] - r[1] > settings.rule] or rects
    bottom = max(r[3] for r in cells)
    out: list[dict] = []
    for rect in cells:
        if rect[3] < bottom - tolerance:
            continue
        rows = chars_to_rows(ch for ch in chars if rect[0] < (ch["x0"] + ch["x1"]) / 2 < rect[2]
                             and rect[1] < ch["top"] and ch["text"].strip())
        cell = [row for row in rows if _top(row) < rect[3]]
        across = cell[-1:] if cell and _bottom(cell[-1]) > rect[3] + settings.across else []
        lines = cell[:len(cell) - len(across)]
        if len(lines) < 2:
            continue  # one line gives no pitch to go on at
        left = min(ch["x0"] for row in lines for ch in row)
        pitch = median(_top(b) - _bottom(a) for a, b in zip(lines, lines[1:]))
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
        out += inked + _spaces_between(chars, run, taken)
    return out


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
