"""A page image -> the ruling lines drawn on it -> the cell rectangles of its tables.

For pages that exist only as pictures (scans).  Each step is a small function
whose result can be looked at on its own:

``binarize``             grey image -> ink mask (Otsu threshold)
``rule_masks``           ink -> horizontal and vertical rule masks (morphological opening
                         with a long thin kernel, then only strokes that meet a stroke of the
                         other direction: a letter's stem or an underline is not a rule)
``mask_to_edges``        a rule mask -> line segments, as pdfplumber edge dicts in PDF points
``edges_to_tables``      edges -> cell rectangles per table, by pdfplumber's own chain
                         (merge, intersections, cells, tables), the one the ruled PDF path uses,
                         with a table left open at an end closed (``frames``) as there
``erase_rules``          the grey image with the rules painted over, for OCR
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from pdfplumber import table as plumber_table

from planuri.extract.ruled.frames import closing_edges
from planuri.extract.types import BBox

POINTS_PER_INCH = 72.0  # a PDF's unit: pixels per point = dpi / 72


@dataclass(frozen=True)
class GridSettings:
    horizontal_min: float = 0.25  # inches a horizontal stroke must run to be a rule
    vertical_min: float = 0.1  # inches for a vertical one (short rows have short borders)
    stem_max: float = 0.2  # inches: a vertical stroke shorter than this meets rules at both ends, or is a letter's stem
    tolerance: float = 3.0  # points: snap, join and intersection tolerance
    min_cells: int = 2  # a single ruled box is not a table


def binarize(grey: np.ndarray) -> np.ndarray:
    """Ink as 255, paper as 0."""
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def rule_masks(ink: np.ndarray, dpi: float, settings: GridSettings) -> tuple[np.ndarray, np.ndarray]:
    h_len = max(8, int(settings.horizontal_min * dpi))
    v_len = max(8, int(settings.vertical_min * dpi))
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    # a rule of a table meets another rule; a tall letter's stem or an underline meets none
    horizontal = touching(horizontal, vertical)
    stem = max(v_len, int(settings.stem_max * dpi))
    return horizontal, both_ends(touching(vertical, horizontal), horizontal, stem)


def both_ends(vertical: np.ndarray, horizontal: np.ndarray, short: int, reach: int = 3) -> np.ndarray:
    """The vertical strokes of ``vertical``, those shorter than ``short`` pixels only when they
    meet a horizontal rule at both ends: a border between two rules does, the stem of a ``p``
    or ``ț`` standing on a rule under a tight cell's last line meets one (erased as a rule, the
    letters would lose their stems: ``persoanele`` read ``„ersoanele``)."""
    n, labels, stats, _ = cv2.connectedComponentsWithStats(vertical, connectivity=8)
    keep = np.ones(n, dtype=bool)
    keep[0] = False
    height, width = horizontal.shape
    for i in range(1, n):
        x, y, w, h = stats[i, :4]
        if h >= short:
            continue
        x0, x1 = max(0, x - reach), min(width, x + w + reach)
        top = horizontal[max(0, y - reach):min(height, y + reach + 1), x0:x1].any()
        bottom = horizontal[max(0, y + h - 1 - reach):min(height, y + h + reach), x0:x1].any()
        keep[i] = bool(top and bottom)
    return np.where(keep[labels], np.uint8(255), np.uint8(0))


def touching(mask: np.ndarray, other: np.ndarray, reach: int = 3) -> np.ndarray:
    """The strokes of ``mask`` that touch (within ``reach`` pixels) a stroke of ``other``."""
    n, labels = cv2.connectedComponents(mask, connectivity=8)
    if n <= 1:
        return mask
    near = cv2.dilate(other, np.ones((2 * reach + 1, 2 * reach + 1), np.uint8)) > 0
    keep = np.zeros(n, dtype=bool)
    keep[np.unique(labels[near & (labels > 0)])] = True
    keep[0] = False
    return np.where(keep[labels], np.uint8(255), np.uint8(0))


def mask_to_edges(mask: np.ndarray, orientation: str, scale: float) -> list[dict]:
    """Connected strokes of a rule mask -> pdfplumber edges (``scale`` pixels per point)."""
    n, _labels, stats, _centroids = cv2.connectedComponentsWithStats(mask, connectivity=8)
    edges = []
    for x, y, w, h, _area in stats[1:n]:
        x0, x1, top, bottom = x / scale, (x + w) / scale, y / scale, (y + h) / scale
        if orientation == "h":
            mid = (top + bottom) / 2
            edges.append({"x0": x0, "x1": x1, "top": mid, "bottom": mid, "width": x1 - x0, "height": 0.0,
                          "orientation": "h", "object_type": "line"})
        else:
            mid = (x0 + x1) / 2
            edges.append({"x0": mid, "x1": mid, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                          "orientation": "v", "object_type": "line"})
    return edges


def edges_to_tables(edges: list[dict], settings: GridSettings) -> list[list[BBox]]:
    """Cell rectangles per table; a table left open at an end (a merged cell cut by the page
    break) is closed first (``frames.closing_edges``), as on the ruled-PDF path."""
    tol = settings.tolerance
    merged = merged_edges(edges, tol)
    tables = edges_to_cells(merged, tol)
    extra = closing_edges(merged, [_bbox(t) for t in tables], tol)
    if extra:
        tables = edges_to_cells(merged_edges(merged + extra, tol), tol)
    return [[tuple(map(float, c)) for c in t] for t in tables if len(t) >= settings.min_cells]


def merged_edges(edges: list[dict], tol: float) -> list[dict]:
    merged = plumber_table.merge_edges(edges, tol, tol, tol, tol)
    return [e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= tol]


def edges_to_cells(merged: list[dict], tol: float) -> list[list[tuple]]:
    intersections = plumber_table.edges_to_intersections(merged, tol, tol)
    return plumber_table.cells_to_tables(plumber_table.intersections_to_cells(intersections))


def _bbox(cells: list[tuple]) -> BBox:
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def erase_rules(grey: np.ndarray, horizontal: np.ndarray, vertical: np.ndarray) -> np.ndarray:
    """The image with its rules painted in paper colour (OCR reads them as ``|`` and ``—``)."""
    rules = cv2.dilate(horizontal | vertical, np.ones((3, 3), np.uint8))
    out = grey.copy()
    out[rules > 0] = 255
    return out


def image_tables(grey: np.ndarray, dpi: float, settings: GridSettings = GridSettings()):
    """The tables of a page image (cell rectangles in PDF points) and the image without its rules."""
    horizontal, vertical = rule_masks(binarize(grey), dpi, settings)
    scale = dpi / POINTS_PER_INCH
    edges = mask_to_edges(horizontal, "h", scale) + mask_to_edges(vertical, "v", scale)
    return edges_to_tables(edges, settings), erase_rules(grey, horizontal, vertical)
