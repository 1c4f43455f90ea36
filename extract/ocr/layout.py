"""One tesseract run per page, each table cell read on its own.

Read as one page, a table's lines run across its cells: tesseract takes the lines of
neighbouring cells, set at different heights, for one line, and reads them worse.  So
the cells are cut out of the page (inside their rules), stacked one under the other with
white space between them, followed by the rest of the page (the tables painted out),
and the stack is read once; each word is then put back where it came from.  Each band is cut
down to its ink and a margin of paper, and the rest of the page to its pieces of ink (a title, a
paragraph, a page number, each with paper around it): tesseract's
time grows with the image's area (its thresholding and layout analysis), and most of a cell and
of the page around the tables is blank.

``compose``       page image + cell rectangles -> the stacked image and where each band came from
``place_words``   words read on the stack -> words on the page
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from planuri.extract.types import BBox

GAP = 64  # pixels of paper between two bands (more than a line: tesseract keeps them apart)
INSET = 2  # pixels cut from each side of a cell: what is left of its rules
WIDE_BLANK = 2 * GAP  # a strip of the page outside the tables is cut where this many columns hold no ink
MARGIN = 40  # pixels of paper kept around a band's ink (with 12, dashes of `2026 – 2028` on copier scans read as points)


@dataclass(frozen=True)
class Band:
    top: int  # where the band starts in the stacked image
    bottom: int
    x: int  # where the band's pixels come from on the page
    y: int


def compose(page: np.ndarray, cells_px: Sequence[BBox], ink_threshold: int = 160,
            rest: bool = True, elsewhere: Sequence[BBox] = ()) -> tuple[np.ndarray, list[Band]]:
    """Stack the cells that hold ink, then (``rest``) the page outside every cell -- these and
    the cells stacked ``elsewhere`` (another image of the same page), so no word is read twice."""
    crops: list[tuple[np.ndarray, int, int]] = []
    outside = page.copy()
    for n, (x0, y0, x1, y1) in enumerate([*cells_px, *elsewhere]):
        x0, y0, x1, y1 = int(x0) + INSET, int(y0) + INSET, int(x1) - INSET, int(y1) - INSET
        if x1 - x0 < 4 or y1 - y0 < 4:
            continue
        outside[max(0, y0 - INSET):y1 + INSET, max(0, x0 - INSET):x1 + INSET] = 255
        if n < len(cells_px):
            crops += trimmed(page[y0:y1, x0:x1], x0, y0, ink_threshold)
    if rest:
        for top, bottom in ink_strips(outside, ink_threshold):
            for left, right in ink_strips(outside[top:bottom].T, ink_threshold, WIDE_BLANK):
                crops += trimmed(outside[top:bottom, left:right], left, top, ink_threshold)
    if not crops:
        return np.full((8, 8), 255, np.uint8), []
    width = max(c.shape[1] for c, _, _ in crops) + 2 * GAP
    height = sum(c.shape[0] for c, _, _ in crops) + GAP * (len(crops) + 1)
    stack = np.full((height, width), 255, np.uint8)
    bands, top = [], GAP
    for crop, x, y in crops:
        h, w = crop.shape
        stack[top:top + h, GAP:GAP + w] = crop
        bands.append(Band(top=top, bottom=top + h, x=x - GAP, y=y - top))
        top += h + GAP
    return stack, bands


def trimmed(crop: np.ndarray, x: int, y: int, ink_threshold: int) -> list[tuple[np.ndarray, int, int]]:
    """A crop taken at (``x``, ``y``) of the page cut down to its ink and ``MARGIN`` of paper
    around it, with where it now starts; none when it holds no ink."""
    dark = crop < ink_threshold
    rows, cols = np.flatnonzero(dark.any(axis=1)), np.flatnonzero(dark.any(axis=0))
    if not rows.size:
        return []
    r0, c0 = max(0, int(rows[0]) - MARGIN), max(0, int(cols[0]) - MARGIN)
    r1, c1 = int(rows[-1]) + 1 + MARGIN, int(cols[-1]) + 1 + MARGIN
    return [(crop[r0:r1, c0:c1], x + c0, y + r0)]


def ink_strips(image: np.ndarray, ink_threshold: int, blank: int = GAP) -> list[tuple[int, int]]:
    """The (top, bottom) rows of the image's strips of ink, cut where ``blank`` rows or more
    hold none (a title, a paragraph, the page number: each read on its own, trimmed)."""
    rows = np.flatnonzero((image < ink_threshold).any(axis=1))
    if not rows.size:
        return []
    cuts = np.flatnonzero(np.diff(rows) > blank)
    starts = [int(rows[0]), *(int(rows[c + 1]) for c in cuts)]
    ends = [*(int(rows[c]) + 1 for c in cuts), int(rows[-1]) + 1]
    return list(zip(starts, ends))


def place_words(words: list[dict], bands: Sequence[Band], scale: float) -> list[dict]:
    """Words read on the stack (pixels) -> words on the page (points, ``scale`` pixels per point)."""
    out = []
    for w in words:
        mid = (w["top"] + w["bottom"]) / 2
        band = next((b for b in bands if b.top - GAP / 2 <= mid < b.bottom + GAP / 2), None)
        if band is None:
            continue
        placed = dict(w, x0=(w["x0"] + band.x) / scale, x1=(w["x1"] + band.x) / scale,
                      top=(w["top"] + band.y) / scale, bottom=(w["bottom"] + band.y) / scale,
                      size=(w["bottom"] - w["top"]) / scale)
        for key in ("type_box", "ink"):  # (top, bottom) pairs of the word's line and its own ink
            if key in w:
                placed[key] = tuple((v + band.y) / scale for v in w[key])
        out.append(placed)
    return out
