"""The thresholds of joining page pieces into tables: ``StitchSettings``, reached from ``pipeline.Settings``."""

from __future__ import annotations

from dataclasses import dataclass

from planuri.extract.ruled.columns import ColumnSettings
from planuri.extract.stitch.repeats import RepeatSettings


@dataclass(frozen=True)
class StitchSettings:
    edge_tolerance: float = 3.0  # points between column edges taken as the same edge
    shared_edges: float = 0.6  # share of column edges two pieces must share to continue each other
    # points an inner column edge of a borderless table may move from page to page: each page's
    # edges are estimated from its own lines (a wide cell on one page, short ones on the next)
    borderless_drift: float = 12.0
    borderless_far: float = 30.0  # ... and up to this many where the columns beside the edge are wide
    borderless_pairing: float = 0.3  # ... a shift under this share of the narrowest of them
    code_led: float = 0.6  # share of a column's cells starting with a code to call it a code column
    min_coded_cells: int = 3  # cells a column needs, all starting with a code, to expect a code in every row
    always_filled: float = 0.85  # share of rows with text in a column to call it always filled
    merged_column: float = 0.2  # share of a column's cells spanning rows to call it a merged column
    header_rows: int = 5  # rows at the top of the first piece that a later piece may repeat
    repeated_cells: int = 2  # cells of a page's first row equal to the row above's, whole: a row of its own
    joined_cells: int = 2  # cells of a page's first row that, joined to the row above's, make cells its column holds whole elsewhere: its rest
    wrapped_cells: int = 2  # cells of the last row ending in a drawn wrap space, going on in a page's first row: its rest
    continuing_cells: int = 3  # cells of a page's first row, all going on a sentence, that make it the rest of a row with no code
    empty_columns_of: int = 3  # a first row leaving empty one in this many always-filled columns is a row of its own
    columns: ColumnSettings = ColumnSettings()  # rules moved by hand: a few mm apart from page to page
    repeats: RepeatSettings = RepeatSettings()  # a header block a later piece repeats (possibly clipped, misread)
    paragraph_gap: float = 0.3  # lines a gap wider than the tightest by this share of their size apart: a new paragraph
    paragraph_gap_ocr: float = 0.8  # ... on an OCR'd page: its lines are as tall as their accents, their gaps vary more
    # font sizes within which the text's longest line ends near a ruled table's side: that line's end
    # is the text's margin (the table's borders stand out past it by the cells' padding)
    margin_near: float = 2.0
