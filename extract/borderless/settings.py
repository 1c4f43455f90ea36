"""The thresholds of reading tables drawn without rules (``borderless.pages`` and the modules it
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
    clear_bottom: int = 2  # bottom votes, as a multiple of top votes, that show cells set at the bottom clearly
    own_row: float = 1.0  # line steps a page's top lines cost as a row of their own (a cut row's rest) rather than the first row's
    place_passes: int = 4  # times the fragments between rows are placed again, each run seeing where the others went
    place_tolerance: float = 0.5  # line pitches a merged cell's text may sit off its alignment's place
    half_step: tuple[float, float] = (0.25, 0.75)  # line steps between two lines of other columns a fraction of a step apart (cells set in the middle)
    min_interleaved: int = 4  # such lines that show cells set in the middle ...
    interleaved_share: float = 0.1  # ... and their share of the document's table lines so far (a third to two thirds where centred)
    height_difference: float = 0.5  # line pitches two paragraphs' heights must differ by to vote (equal ones share every edge)


@dataclass(frozen=True)
class BorderlessSettings:
    # lines and labels (borderless/header.py)
    split_gap: float = 4.0  # points of white space (or split_gap_size of the font size, if more) that cut a visual line
    split_gap_size: float = 0.6  # share of the font size that cuts a visual line in large type (a gutter is two paddings)
    row_overlap: float = 1.5  # points two characters' middles may differ on one visual line (at least; small type)
    row_overlap_share: float = 0.4  # ... or this share of the character's height (a raised accent, a subscript)
    span_inset: float = 0.5  # points inside a segment's ends where its columns are read (an end on an edge is not past it)
    label_line_gap: float = 0.6  # line heights of white space (and a point) between two lines of one label
    label_next_line: float = 0.5  # share of a line's height the next line's top lies below the last's (else one line)
    label_overlap: float = 0.5  # share of the narrower of two lines they must share across to be lines of one label
    label_gutter: float = 1.6  # paddings of white space that set a label apart on its line (a gutter: two, less a margin)
    cut_tolerance: float = 0.5  # points a line and the next one's first letter must overrun the widest line: a cut word
    label_cuts: int = 4  # cut words at most glued back in a label's lines (each set of them is one more reading)
    label_lines: int = 6  # lines a header label may run to (the most read as one label at a block's top)
    label_apart: int = 2  # points between two labels' texts for a column boundary sought between them, not their centres
    min_labels: int = 3  # known header labels a header band must hold
    known_share: float = 0.6  # share of the band's blocks that must be known labels
    # sub-labels under a group label (borderless/groups.py)
    sub_label_reach: float = 1.6  # line heights under a money label within which its sub-labels start
    group_reach: float = 8.0  # the same for a group field's label: its sub-labels may sit low in a deep header (4-line labels beside it)
    cut_label_words: int = 8  # words of a label's lines, unread as they stand, worth reading with cut words glued
    sub_label_gutter: float = 8.0  # points between two sub-labels' texts (two cell paddings, less a margin)
    same_line: float = 0.5  # share of a line's height two segments' tops may differ by on one header line
    beside_slack: float = 0.5  # points a neighbour's text may reach over a money label's side and still be beside it
    under_group: float = 0.5  # points under a group label's top where the lines under it begin
    label_goes_on: float = 0.8  # line heights of white space under a label's last line within which a line goes on with it
    header_gap_lines: int = 4  # line heights of white space under the sub-labels' lines that end the header
    # columns, slots and the table's end (borderless/header.py, borderless/slots.py, borderless/rows.py)
    padding: float = 5.4  # points between a cell's side and its text (Word's and LibreOffice's default)
    gutter_anchor: float = 2.0  # points past a gutter within which the next column's text starts (cells set left)
    gutter_slack: float = 0.1  # share of the least count of lines crossing a gutter by which an anchored blank may be crossed more
    gutter_anchored: int = 2  # body lines starting there that make a gutter the column's, over a wider blank
    pitch_tolerance: float = 0.3  # points within which two steps between a cell's lines are the same line pitch
    max_gap_lines: float = 2.6  # a vertical gap of more line heights than this ends a table
    line_tolerance: float = 0.4  # share of the font size within which two lines are one slot
    default_pitch: float = 12.0  # points from line to line when no column holds two lines (10-point type's usual step)
    page_number_gap: float = 1.5  # line pitches of white space above a lone short number that make it a page number
    page_number_chars: int = 20  # characters at most of a lone line read as a page number ("Pagina 3 din 9")
    page_number_words: int = 4  # words at most of it
    follow_on: float = 1.6  # line pitches between two lines' tops within which lines after the last row follow on
    contiguous: float = 1.35  # line pitches between two lines' tops within which they follow at once (a step, and rounding)
    filled_edge: float = 0.5  # a line ending within this share of its font size of its column's text edge filled it
    word_gap: float = 0.12  # font sizes between two letters that make a word space
    justified_gap_slack: float = 0.3  # points the stretched spaces of one justified line may differ by (cut apart at them, it is one line)
    stretched_space: float = 0.4  # font sizes a justified line's word spaces average over (a space is 0.25-0.32)
    justified_words: int = 2  # words of a line stretched to its column's edge that show a justified, wrapped line
    unmarked_lines: int = 4  # lines filled to a column's edge, none ending in a drawn space, that show its cells justified
    repeated_cells: int = 2  # cells saying again, whole, the one line of the cell above that make a new row
    resumed_cells: int = 2  # cells opening a top-aligned row after a blank line above them that make its first line its cells' own
    running_cells: int = 2  # cells going on mid-sentence beside a line opening with a code that make the code part of the cell above
    min_codes: int = 2  # items starting with a code that show a code column led by codes (a Nr., objective or measure column: one)
    # pages (borderless/pages.py)
    foot_heading_lines: int = 6  # lines of the heading rows closing a page whose table goes on on the next (a section, a general and a specific objective, wrapped)
    carried_line_step: float = 1.17  # font sizes from one line's top to the next (LibreOffice's and Word's single spacing), for a header carried to the next page
    label_rest_words: int = 3  # words at most of a header label's rest the page break carried to the next page
    foot_header: float = 0.6  # share of the page height below which a header with no row under it may be cut by the page break (its rest heading the next page)
    row_across_share: float = 0.6  # share of the columns one line of a page's top must fill to be a whole row there (its other lines a tall cell's)
    row_across_min: int = 3  # columns at least that line must fill
    goes_on_aligned: float = 0.7  # share of a page's top lines starting at the carried columns' text edges: the table's rest
    open_foot: float = 0.12  # share of the page height (and open_foot_lines) above its foot past which a table may go on
    open_foot_lines: int = 3  # line pitches above the page's foot, with open_foot, past which a table may go on (a footer's room)
    centred_slack: float = 5.4  # points a line across columns may lie off the middle of the columns it is centred on
    centred_extra: int = 2  # columns a centred line across columns may be widened by to be centred
    aligned_paddings: int = 2  # paddings an item's start may lie off its column's text edge and still be aligned with it
    paragraph_labels: int = 2  # labels inside paragraphs of their column (lines right above and below) that show a header a row of values
    paragraph_gap: float = 0.35  # line heights of white space between two lines of one paragraph, at most
    paragraph_overlap: float = 0.5  # line heights two lines of one paragraph may overlap, at most
    paragraph_x: float = 1.0  # points two lines of one paragraph may start apart
    straddling_lines: int = 2  # lines running across a later header's band edges that show it a row of values, not a header
    straddle_overlap: float = 0.2  # share of a line's height inside the band that makes it run across its edge
    same_header_grid: int = 4  # points a repeated header's label centres are rounded to (one drawn a little off is the same)
    blocks: BlockSettings = BlockSettings()  # rows of cells set in the middle or at the bottom of their rows
