"""A page's characters located by the centres of their boxes: in a box (a table, a furniture
band), in a grid slot.  The per-character definitions (``centre_in``, ``slot_of``) and their
array forms for a whole page or table at once (``CharCentres``, ``slots_of``)."""

from __future__ import annotations

from bisect import bisect_right

import numpy as np

from planuri.extract.types import BBox

CENTRE_MARGIN = 1.0  # points around a box within which a character's centre is in it


def centre_in(ch: dict, bbox: BBox, margin: float = CENTRE_MARGIN) -> bool:
    """Does the centre of ``ch``'s box lie in ``bbox`` (widened by ``margin``)?"""
    x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - margin <= x <= bbox[2] + margin and bbox[1] - margin <= y <= bbox[3] + margin


class CharCentres:
    """A page's characters by the centres of their boxes, on arrays (``centre_in`` for every
    character at once)."""

    def __init__(self, chars: list[dict]):
        self.chars = chars
        self.x = np.array([(ch["x0"] + ch["x1"]) / 2 for ch in chars], dtype=float)
        self.y = np.array([(ch["top"] + ch["bottom"]) / 2 for ch in chars], dtype=float)

    def inside(self, bbox: BBox, margin: float = CENTRE_MARGIN) -> list[dict]:
        """The characters ``centre_in`` the box, in the page's order."""
        hit = ((self.x >= bbox[0] - margin) & (self.x <= bbox[2] + margin)
               & (self.y >= bbox[1] - margin) & (self.y <= bbox[3] + margin))
        return [self.chars[i] for i in np.flatnonzero(hit)]


def slot_of(ch: dict, col_edges: list[float], row_edges: list[float]) -> tuple[int, int]:
    """The grid slot (row, col) holding a character's centre."""
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bisect_right(row_edges, cy) - 1, bisect_right(col_edges, cx) - 1


def slots_of(chars: list[dict], col_edges: list[float], row_edges: list[float]) -> tuple[list[int], list[int]]:
    """``slot_of`` for every character at once: their rows and their columns."""
    n = len(chars)
    cx = np.fromiter(((ch["x0"] + ch["x1"]) / 2 for ch in chars), dtype=float, count=n)
    cy = np.fromiter(((ch["top"] + ch["bottom"]) / 2 for ch in chars), dtype=float, count=n)
    rows = np.searchsorted(np.asarray(row_edges, dtype=float), cy, side="right") - 1
    cols = np.searchsorted(np.asarray(col_edges, dtype=float), cx, side="right") - 1
    return rows.tolist(), cols.tolist()
