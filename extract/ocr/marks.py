"""Marks tesseract leaves out of a scanned table: a cell holding a lone dash.

Councils write ``-`` in a cell that has nothing (no cost, no partner).  Tesseract drops a lone
short stroke as noise, however the cell is cut out, enlarged or segmented (``--psm`` 6, 7, 11
all read nothing), so the cell came out empty and a cost of ``-`` was lost.  What the ink shows
is plain: one connected stroke, much wider than tall and no taller than a dash, in a cell with
no other ink.  Such a cell reads ``-``.

``cell_ink``   a cell's ink inside its borders (a margin left out: what is left of a rule)
``lone_dash``  is that ink one short horizontal stroke, specks of dust aside?
``fill_dashes`` the empty cells of a page's tables that hold one, given ``-``
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np

from planuri.extract.ocr.specks import DASHES
from planuri.extract.types import BBox


INK_LEVEL = 128  # grey levels under this are ink (the page made ready: paper white, ``page_prep``)


@dataclass(frozen=True)
class DashSettings:
    """What a lone dash looks like, in points (the page's resolution does not matter)."""

    inset: float = 1.5  # points of a cell's edges left out: a rule's remains, a shaded border
    min_width: float = 1.2  # a stroke narrower than this is a speck of dust or noise
    max_width: float = 14.0  # wider than this it is a line, not a dash (an em dash is about a font size)
    max_height: float = 1.6  # a dash is a thin stroke (a letter is taller)
    min_aspect: float = 2.0  # width over height: a dot or a speck is about round
    grain: float = 0.6  # points: marks no wider nor taller than this are noise, left out
    speck: float = 2.0  # points: a round mark no wider than this beside the dash is dust (a 150-dpi scan's speck)
    max_specks: int = 3  # more marks than this beside a dash: the cell holds something else
    # in a column where other cells hold a dash, a smaller or stubbier stroke is one too (a narrow
    # font's hyphen at 9 points, blurred: 1.2 x 0.7 points), never a round speck
    column_min_width: float = 0.9  # min_width in such a column
    column_min_aspect: float = 1.4  # min_aspect in such a column


def cell_ink(clean: np.ndarray, bbox: BBox, scale: float, settings: DashSettings) -> np.ndarray:
    """The ink (1) of a cell's inside, ``settings.inset`` points from its edges; ``clean`` is the
    page image with its rules erased, ``scale`` its pixels per point."""
    pad = settings.inset * scale
    x0, y0, x1, y1 = (int(round(v)) for v in (bbox[0] * scale + pad, bbox[1] * scale + pad,
                                             bbox[2] * scale - pad, bbox[3] * scale - pad))
    h, w = clean.shape[:2]
    x0, y0, x1, y1 = max(0, x0), max(0, y0), min(w, x1), min(h, y1)
    if x1 <= x0 or y1 <= y0:
        return np.zeros((0, 0), np.uint8)
    return (clean[y0:y1, x0:x1] < INK_LEVEL).astype(np.uint8)


def lone_dash(ink: np.ndarray, scale: float, settings: DashSettings, in_dash_column: bool = False) -> bool:
    """Is the ink one short horizontal stroke (specks aside)?  ``in_dash_column``: other cells of
    its column hold a dash, and a stroke as short as ``column_min_width`` will do."""
    if ink.size == 0 or not ink.any():
        return False
    if in_dash_column:
        settings = replace(settings, min_width=min(settings.min_width, settings.column_min_width),
                           min_aspect=min(settings.min_aspect, settings.column_min_aspect))
    _n, _labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    sizes = [(w, h) for s in stats[1:] for w, h in [(s[cv2.CC_STAT_WIDTH] / scale, s[cv2.CC_STAT_HEIGHT] / scale)]
             if max(w, h) > settings.grain]  # grains of noise, whatever their shape, do not count
    dashes = [(w, h) for w, h in sizes if settings.min_width <= w <= settings.max_width
              and h <= settings.max_height and w >= settings.min_aspect * h]
    # anything else must be dust: small and about round (a letter, a dot over it, is not alone)
    specks = [(w, h) for w, h in sizes if max(w, h) <= settings.speck and max(w, h) < settings.min_aspect * min(w, h)]
    return len(dashes) == 1 and len(dashes) + len(specks) == len(sizes) and len(specks) <= settings.max_specks


def fill_dashes(pieces, clean: np.ndarray, scale: float, settings: DashSettings = DashSettings()) -> int:
    """Give ``-`` to every empty cell of ``pieces`` (``PagePiece``s, changed in place) whose ink
    is a lone dash.  Returns how many were given one."""
    filled = 0
    for piece in pieces:
        cells = list(piece.cells)
        empty = [i for i, c in enumerate(cells) if not c.text.strip() and c.bbox]
        inks = {i: cell_ink(clean, cells[i].bbox, scale, settings) for i in empty}
        for column_pass in (False, True):  # the plain dashes first: they tell the columns of dashes
            dash_columns = {c.col for c in cells if len(c.text.strip()) == 1 and c.text.strip() in DASHES}
            for i in empty:
                cell = cells[i]
                if cell.text or (column_pass and cell.col not in dash_columns):
                    continue
                if lone_dash(inks[i], scale, settings, in_dash_column=column_pass):
                    cells[i] = replace(cell, text="-")
                    filled += 1
        piece.cells = cells
    return filled

