"""The thresholds of reading tables drawn without rules (``pdf_borderless`` and the modules it
drives): ``BorderlessSettings``, reached from ``pipeline.Settings`` as ``pdf.borderless``, and
``BlockSettings`` under it (rows of cells set in the middle or at the bottom of their rows)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockSettings:
    overlap: float = 0.25  # share of a line's height two lines must share vertically to be side by side
    align_tolerance: float = 0.3  # line pitches within which two blocks' tops (middles, bottoms) are aligned
    min_votes: int = 3  # pairs of blocks that must show an alignment for it to be trusted
    close_call: float = 0.25  # line pitches: two placements of a piece this close in fit are a guess
    center_share: float = 0.35  # middle votes, as a share of top votes, that show cells set in the middle
    place_tolerance: float = 0.5  # line pitches a merged cell's text may sit off its alignment's place


@dataclass(frozen=True)
class BorderlessSettings:
    split_gap: float = 4.0  # points of white space (or 0.6 of the font size, if more) that cut a visual line
    min_labels: int = 3  # known header labels a header band must hold
    known_share: float = 0.6  # share of the band's blocks that must be known labels
    padding: float = 5.4  # points between a cell's side and its text (Word's and LibreOffice's default)
    max_gap_lines: float = 2.6  # a vertical gap of more line heights than this ends a table
    line_tolerance: float = 0.4  # share of the font size within which two lines are one slot
    foot_heading_lines: int = 6  # lines of the heading rows closing a page whose table goes on on the next (a section, a general and a specific objective, wrapped)
    sub_label_reach: float = 1.6  # line heights under a money label within which its sub-labels start
    group_reach: float = 8.0  # the same for a group field's label: its sub-labels may sit low in a deep header (4-line labels beside it)
    cut_label_words: int = 8  # words of a label's lines, unread as they stand, worth reading with cut words glued
    sub_label_gutter: float = 8.0  # points between two sub-labels' texts (two cell paddings, less a margin)
    blocks: BlockSettings = BlockSettings()  # rows of cells set in the middle or at the bottom of their rows
