"""PDF characters -> lines -> cell texts and paragraphs.

Works on pdfplumber-style char dicts (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``, ``fontname``) whatever engine found the tables; OCR'd pages
hand whole words in the same form (``word=True``, with their ``conf``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import Iterable, Protocol, Sequence

from planuri.extract.ro_text import clean

from planuri.extract.types import BBox


@dataclass(frozen=True)
class TextSettings:
    """How characters become lines and words, and which lines are page furniture."""

    row_overlap: float = 1.5  # points two characters' middles may differ on one line (at least; small type)
    row_overlap_share: float = 0.4  # ... or this share of the character's height (a raised accent, a subscript)
    word_gap: float = 0.2  # a gap wider than this share of the font size between two characters is a space
    fit_space: float = 0.3  # a space's width in font sizes, when asking whether a word would have fitted above
    fit_slack: float = 1.0  # points of room a line may lack and the next line's first word still have fitted
    same_place: float = 0.01  # points within which two characters' edges are the same place
    filled_edge: float = 0.5  # a cell's line ending within this share of its size of the right text edge filled it
    centred_indent: float = 10.0  # points from the text's left edge past which two lines may be centred lines
    centred_offset: float = 3.0  # points between two lines' middles for them to be centred together
    page_number_band: float = 0.1  # share of the page height, at top and bottom, where a page number stands
    page_number_centre: float = 0.05  # share of the page width a centred page number may stand off the middle
    page_number_right: float = 0.9  # share of the page width past which a page number ends at the right margin
    page_number_alone: float = 2.0  # points: another line this close in height makes it not alone on its line
    ocr_page_number_chars: int = 4  # on an OCR'd page (digits misread) any line this short may be a page number
    furniture_band: float = 0.1  # share of the page height, top and bottom, where a repeated line is furniture


TEXT = TextSettings()  # the defaults, for callers given no settings
DEFAULT_SIZE = 10  # points: the type size of a character that states none


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first_word: float = 0.0  # width of the line's first word: would it have fitted on the line above?
    first_char: float = 0.0  # width of the line's first character: would it have fitted on the line above?
    last_word: float = 0.0  # width of the line's last word: could it have gone whole to the next line?

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def chars_to_lines(chars: Iterable[dict], settings: TextSettings = TEXT) -> list[Line]:
    """Group characters into lines (by vertical overlap), left to right, spaces from gaps."""
    return [line_from_chars(row, settings) for row in chars_to_rows(chars, settings)]


def chars_to_text_lines(chars: Iterable[dict], settings: TextSettings = TEXT) -> list[Line]:
    """Lines of running text (outside tables): the space characters the PDF drew separate its words
    even where the gap is narrow (Chromium kerns the space before a capital: ``PROMOVAREA VALORILOR``
    is drawn with a gap of a fifth of the size); a line's own leading and trailing spaces are
    left out, so that its extent is its ink."""
    lines = []
    for row in chars_to_rows(chars, settings):
        ink = [i for i, ch in enumerate(row) if ch["text"].strip()]
        if ink:
            lines.append(line_from_chars(row[ink[0]:ink[-1] + 1], settings))
    return lines


class RowTolerances(Protocol):
    """How far apart two characters' middles may be on one row (``TextSettings``, the
    borderless reader's settings)."""

    row_overlap: float
    row_overlap_share: float


def chars_to_rows(chars: Iterable[dict], settings: RowTolerances = TEXT) -> list[list[dict]]:
    """Characters grouped into rows by vertical overlap, each row left to right."""
    keyed = sorted([((ch["top"] + ch["bottom"]) / 2, ch["x0"], i, ch) for i, ch in enumerate(chars)])
    rows: list[list[dict]] = []
    row: list[dict] = []
    ref_mid = 0.0  # the middle of the current row's first character
    overlap, share = settings.row_overlap, settings.row_overlap_share
    for mid, _left, _order, ch in keyed:
        if rows:
            reach = share * (ch["bottom"] - ch["top"])
            if abs(mid - ref_mid) <= (reach if reach > overlap else overlap):
                row.append(ch)
                continue
        row = [ch]
        rows.append(row)
        ref_mid = mid
    return [sorted(row, key=_x0) if len(row) > 1 else row for row in rows]


_x0 = itemgetter("x0")


def line_from_chars(chars: Sequence[dict], settings: TextSettings = TEXT) -> Line:
    parts: list[str] = []
    first_word_end = None
    last_word_start = chars[0]["x0"] if chars else 0.0
    word_gap = settings.word_gap
    prev_text: str | None = None  # the previous character's text (None: none yet) and its right side
    prev_x1 = 0.0
    last = ""  # the last part: the previous character's text, or a space put after it
    for ch in chars:
        text = ch["text"]
        if prev_text is not None:
            if text != " " and not last.endswith(" "):
                size = ch.get("size", DEFAULT_SIZE)
                # OCR words (``word``) are always apart; characters are when a gap shows it
                if ch.get("word") or ch["x0"] - prev_x1 > word_gap * (size if size > 1 else 1):
                    parts.append(" ")
                    last = " "
            if first_word_end is None and (text == " " or last == " "):
                first_word_end = prev_x1
            if text != " " and (prev_text == " " or last == " "):
                last_word_start = ch["x0"]
        parts.append(text)
        last = prev_text = text
        prev_x1 = ch["x1"]
    if first_word_end is not None:
        first_word_end = glued_to_next_word(chars, first_word_end, settings)
    raw = "".join(parts)
    # keep one trailing space where the PDF drew one: it tells a break at a space from a
    # break right after a hyphen ("public -" + "privat")
    text = clean(" ".join(raw.split())) + (" " if raw.endswith(" ") and raw.strip() else "")
    sizes = sorted([c.get("size", 0) for c in chars])
    half = len(sizes) // 2
    size = (sizes[half] if len(sizes) % 2 else (sizes[half - 1] + sizes[half]) / 2) if sizes else 0.0  # the median
    bold = sum(1 for c in chars if _is_bold(c.get("fontname", ""))) > len(chars) / 2
    right = max([c["x1"] for c in chars])
    return Line(
        text=text,
        x0=min([c["x0"] for c in chars]), x1=right,
        top=min([c["top"] for c in chars]), bottom=max([c["bottom"] for c in chars]),
        size=size, bold=bold,
        first_word=(first_word_end if first_word_end is not None else chars[-1]["x1"]) - chars[0]["x0"],
        first_char=chars[0]["x1"] - chars[0]["x0"],
        last_word=right - last_word_start,
    )


@lru_cache(maxsize=1024)
def _is_bold(fontname: str) -> bool:
    return "bold" in fontname.lower()


OPENING = "([{„"  # opening marks (Unicode class OP): a layout never breaks a line after one, even at a space


def glued_to_next_word(chars: Sequence[dict], first_word_end: float, settings: TextSettings = TEXT) -> float:
    """Where the line's first unbreakable piece ends: its first word, or past the next word
    when the first is only opening marks.  A layout engine does not break after an opening
    mark, even at the space that follows it (Unicode line breaking, rule LB14): LibreOffice
    wrapped ``SENSIBILIZARE`` / ``( CORELAT CU OS 4.1 ...`` where the ``(`` alone would have
    fitted, and a heading read as two paragraphs lost its second line (7641, held out)."""
    eps = settings.same_place
    first = "".join(ch["text"] for ch in chars if ch["x1"] <= first_word_end + eps).strip()
    if not first or any(c not in OPENING for c in first):
        return first_word_end
    rest = [ch for ch in chars if ch["x0"] >= first_word_end - eps and ch["text"].strip()]
    end = first_word_end
    for prev, ch in zip([None, *rest], rest):
        if prev is not None and ch["x0"] - prev["x1"] > settings.word_gap * max(ch.get("size", 10), 1):
            break
        if prev is not None and any(c["text"] == " " and prev["x1"] - eps <= c["x0"] < ch["x0"] for c in chars):
            break
        end = ch["x1"]
    return end


CUT_SLACK = 0.5  # points: a cell's text edge is estimated from its side and its left padding
AVERAGE_CHAR = 0.5  # a character's width, in font sizes, where the next character is not known
SPACE_WIDTH = 0.36  # a space's widest width, in font sizes (0.23-0.32 in common fonts: DejaVu 0.32)
CLOSING = ".,;:!?)]}”’\"'»/"  # marks that end a word: a line starting with one goes on the word before it


CUT_NONE, CUT_AFTER_WORDS, CUT_ONE_WORD, CUT_CERTAIN, CUT_SPACE_LEFT_OUT = 0, 1, 2, 3, 4
SPACED_DASH = re.compile(r"\s[-–]$")  # a dash between words, at the end of a line


def cut_candidates(lines: Sequence[Line], bbox: BBox, marks_spaces: bool, exact_sides: bool = True,
                   table_padding: float | None = None) -> tuple[int, ...]:
    """For each line of a cell: was a word cut by the cell's edge at its end?  (The last line's
    is for a row cut by a page break: the text that goes on on the next page.)

    A word wider than its cell is cut with no hyphen where the line is full: the line ends in
    a letter or digit with no room for the next line's first character, and the next line
    goes on with a letter, a digit or a closing mark, and the word so cut is too wide for a
    line of its own (a word that fits goes whole to the next line).  Where the PDF draws the space at which
    a line wraps (``marks_spaces``) and there was room for it, the break is certainly a cut
    (``CUT_CERTAIN``; a break after ``/`` too: glued either way).  Otherwise an ordinary wrap
    looks the same, and ``extract.cuts`` decides from the words: ``CUT_ONE_WORD`` when one word
    fills the line (a word too wide for any line), ``CUT_AFTER_WORDS`` after other words.
    A line ending in a dash between words (``Bacău -``) with no space drawn after it, where the
    space would have fitted, was written so (``-Direcția``: ``CUT_CERTAIN``); where it would
    not have, the space was left out for want of room (``CUT_SPACE_LEFT_OUT``).
    ``exact_sides``: the cell's sides are drawn (its text edges are its sides less the padding);
    otherwise the widest line gives the right text edge.  ``table_padding``: the padding the
    table's cells keep (``cell_padding``); a cell whose every line stands further in is centred
    (or set right), and its text edges are the table's, not its lines' (7791, held out: the
    centred header ``SUBDIVI`` / ``ZIUNEA`` / ``RESPON`` / ``SABILĂ`` measured from its own
    lines was narrower than its widest line, ``ZIUNEA`` seemed to fill it, and glued to
    ``RESPON`` the label was no label)."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return ()
    padding = max(0.0, min(ln.x0 for ln in lines) - bbox[0])
    if table_padding is not None:
        padding = min(padding, table_padding)
    left, right = bbox[0] + padding, bbox[2] - padding
    if not exact_sides:
        right = max(ln.x1 for ln in lines)

    def kind(prev: Line, line: Line | None, after: Line | None) -> int:
        start = line.text[:1] if line is not None else "a"
        ends = prev.text[-1:]
        if line is not None and after is not None and line.text.strip() == "/":
            # a slash alone on its line, text after it: a word cut anywhere fills its lines, so
            # the slash stood between spaces (``identificate`` / ``/`` / ``parteneriate``)
            return CUT_NONE
        if line is not None and SPACED_DASH.search(prev.text) and start.isalnum() and exact_sides:
            # ``Bacău -`` + ``Direcția``: was the space after the dash left out for want of room?
            room = right - prev.x1
            return CUT_CERTAIN if marks_spaces and room > SPACE_WIDTH * max(prev.size, 1) else CUT_SPACE_LEFT_OUT
        if prev.text.endswith(" ") or not (ends.isalnum() and (start.isalnum() or start in CLOSING)
                                           or ends in CLOSING and start in CLOSING):
            return CUT_NONE
        room = (right - left) - (prev.x1 - prev.x0)  # free width on the line, centred or not
        next_char = line.first_char if line is not None else AVERAGE_CHAR * max(prev.size, 1)
        if room >= next_char + CUT_SLACK:
            return CUT_NONE  # the next character would have fitted on the line
        if line is not None and prev.last_word + line.first_word < right - left - CUT_SLACK:
            return CUT_NONE  # the whole word would have fitted on a line: it would have gone to the next
        flush_left = prev.x0 - left < CUT_SLACK
        # (a line ending a page's part of a cut row may lose its space: never certain there)
        if marks_spaces and flush_left and line is not None and room > SPACE_WIDTH * max(prev.size, 1):
            return CUT_CERTAIN
        return CUT_ONE_WORD if " " not in prev.text.strip() else CUT_AFTER_WORDS
    return tuple(kind(prev, line, after) for prev, line, after in zip(lines, [*lines[1:], None], [*lines[2:], None, None]))


def cell_padding(cells: Sequence[tuple[Sequence[Line], BBox]], step: float = 0.25) -> float | None:
    """The left padding most of a table's cells keep between their side and their text (to
    ``step`` points): a table is laid out with one cell margin, and most cells are set flush
    left; centred ones (headers, the number row) stand further in, each by its own amount."""
    gaps = Counter(round(max(0.0, min(ln.x0 for ln in lines) - bbox[0]) / step) for lines, bbox in cells
                   if any(ln.text.strip() for ln in lines))
    return gaps.most_common(1)[0][0] * step if gaps else None


def lines_to_text(lines: Sequence[Line]) -> str:
    return "\n".join(line.text for line in lines if line.text.strip())


def cell_wraps(lines: Sequence[Line], bbox: BBox, marks_spaces: bool,
               settings: TextSettings = TEXT) -> tuple[bool, ...]:
    """For each break between the lines of a cell: did the layout wrap the paragraph there?

    When the PDF draws the space at which a line was broken (``marks_spaces``, seen elsewhere
    in the table), a line ending in a space or a hyphen, or filled to the cell's edge before
    a line that does not start with a capital, was wrapped; any other line ends a paragraph.  Otherwise a line ends a paragraph when the next line's first word would have
    fitted after it (the cell's right text edge is its right side less its left padding)."""
    lines = [ln for ln in lines if ln.text.strip()]
    if len(lines) < 2:
        return ()
    padding = max(0.0, min(ln.x0 for ln in lines) - bbox[0])
    right = bbox[2] - padding
    if marks_spaces:
        # a line filled to the edge may have lost its space: wrapped, unless a capital follows
        return tuple(
            prev.text.endswith((" ", "-", "–"))
            or (right - prev.x1 < settings.filled_edge * max(prev.size, 1) and not line.text.lstrip()[:1].isupper())
            for prev, line in zip(lines, lines[1:])
        )
    return tuple(not ends_paragraph(prev, line, right, settings) for prev, line in zip(lines, lines[1:]))


@dataclass(frozen=True)
class Paragraph:
    text: str
    bbox: BBox
    bold: bool
    first: Line | None = None  # its first and last lines: does it go on from a page to the next?
    last: Line | None = None


def ends_paragraph(prev: Line, line: Line, right: float, settings: TextSettings = TEXT) -> bool:
    """Did ``prev`` end its paragraph?  Yes when the first word of ``line`` would have fitted
    in the room left at the end of ``prev``: a layout engine only wraps a word that does not fit."""
    if not line.text.strip():
        return True
    space = settings.fit_space * max(line.size, 1)
    return right - prev.x1 > line.first_word + space + settings.fit_slack


def lines_to_paragraphs(lines: Sequence[Line], right: float | None = None, left: float | None = None,
                        gap_tolerance: float = 0.3, settings: TextSettings = TEXT) -> list[Paragraph]:
    """Consecutive lines become one paragraph, unless the previous line ended short of the
    text's right edge with room for the next line's first word (centred lines excepted), the
    gap between them is larger than the tightest line spacing around, or one is bold and the
    other not."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return []
    right = right if right is not None else max(ln.x1 for ln in lines)
    left = left if left is not None else min(ln.x0 for ln in lines)
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top - a.bottom > -1]
    base = max(0.0, min(gaps)) if gaps else 0.0

    def centred_together(a: Line, b: Line) -> bool:
        indent, offset = left + settings.centred_indent, settings.centred_offset
        return a.x0 > indent and b.x0 > indent and abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) < offset

    groups: list[list[Line]] = [[lines[0]]]
    open_parens = lines[0].text.count("(") - lines[0].text.count(")")
    for prev, line in zip(lines, lines[1:]):
        gap = line.top - prev.bottom
        new = gap > base + gap_tolerance * max(line.size, 1) or gap < -1 or line.bold != prev.bold
        # a paragraph with a parenthesis open goes on (``COPILULUI (NEGLIJARE, VIOLENȚĂ`` / ``FIZICĂ, …)``),
        # however short its line seems against the text's right edge (a scan's line ends are estimates)
        if not new and not centred_together(prev, line) and open_parens <= 0:
            new = ends_paragraph(prev, line, right, settings)
        if new:
            groups.append([line])
            open_parens = 0
        else:
            groups[-1].append(line)
        open_parens += line.text.count("(") - line.text.count(")")
    return [
        Paragraph(
            text="\n".join(ln.text for ln in g),
            bbox=(min(ln.x0 for ln in g), g[0].top, max(ln.x1 for ln in g), g[-1].bottom),
            bold=all(ln.bold for ln in g), first=g[0], last=g[-1],
        )
        for g in groups
    ]


def font_name(chars: Sequence[dict]) -> str | None:
    """The font most of ``chars`` (their drawn ones) are set in."""
    fonts = Counter(ch.get("fontname") for ch in chars if ch["text"].strip())
    return fonts.most_common(1)[0][0] if fonts else None
