"""What extraction hands to normalization: immutable, engine-independent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Union

from planuri.extract.issues import Issue

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


@dataclass(frozen=True)
class Provenance:
    """Where a table or text block comes from."""

    file: str
    sha256: str
    engine: str  # docx | pdfplumber | pdfium | camelot | borderless | ocr (and pdf-text for paragraphs)
    page: int | None = None  # first page (PDF), None for DOCX
    bbox: BBox | None = None  # on the first page
    pages: tuple[int, ...] = ()  # every page a stitched table spans


@dataclass(frozen=True)
class Cell:
    """A cell of a table grid.  A merged cell is one ``Cell`` with its spans.

    ``text`` keeps the cell's line structure: paragraphs, line breaks and (in
    PDFs) visual lines are separated by ``\\n``.  ``wraps`` tells, for each of
    those breaks, whether the layout wrapped a paragraph there (True) or the
    document broke the line itself (False); empty means every break is the
    document's own (DOCX).
    """

    row: int  # 0-based top grid row
    col: int  # 0-based left grid column
    text: str
    row_span: int = 1
    col_span: int = 1
    page: int | None = None
    bbox: BBox | None = None
    wraps: tuple[bool, ...] = ()
    cuts: tuple[int, ...] = ()  # PDF, until resolved (extract.ruled.cuts): may a word be cut at each line's end? (pdf.text.CUT_*)
    links: tuple[str, ...] = ()  # targets of the hyperlinks in the cell (DOCX): mailto:…, http…
    confidence: float | None = None  # OCR: mean confidence (0-100) of the cell's words; None when not OCR'd

    def paragraphs(self) -> list[str]:
        """The cell's text cut at the document's own line breaks (soft wraps kept as line breaks)."""
        lines = self.text.split("\n")
        if not self.wraps:
            return lines
        out = [lines[0]]
        for wrapped, line in zip(self.wraps, lines[1:]):
            if wrapped:
                out[-1] = f"{out[-1]}\n{line}"
            else:
                out.append(line)
        return out

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_col(self) -> int:
        return self.col + self.col_span - 1

    def covers(self, row: int, col: int) -> bool:
        return self.row <= row <= self.last_row and self.col <= col <= self.last_col


@dataclass(frozen=True)
class StitchNote:
    """A decision taken while joining the page pieces of a table (kept for review)."""

    page: int
    action: str  # joined | dropped-header | dropped-number-row | merged-split-row | continued-cell
    row: int | None = None  # logical row concerned
    reason: str = ""


@dataclass(frozen=True)
class TableQuality:
    """How well a table's text fitted its grid (after camelot's accuracy and whitespace).

    ``assigned``: share of the text (characters, or OCR words) inside the table's area
    that landed in a cell; ``empty``: share of the grid's slots covered by no text."""

    assigned: float
    empty: float


@dataclass(frozen=True)
class RawTable:
    """One logical table: the cells of its grid and where it comes from."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    provenance: Provenance
    notes: tuple[StitchNote, ...] = ()
    row_pages: tuple[tuple[int, int], ...] = ()  # (first, last) page of each grid row (PDF)
    quality: TableQuality | None = None  # PDF tables; None for DOCX (read from the document's own grid)

    def grid(self) -> list[list[Cell | None]]:
        """``grid()[r][c]`` is the cell covering slot (r, c), or None for an empty slot."""
        out: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.last_row, self.n_rows - 1) + 1):
                for c in range(cell.col, min(cell.last_col, self.n_cols - 1) + 1):
                    out[r][c] = cell
        return out

    def rows(self) -> Iterator[list[Cell]]:
        """The cells starting in each row, left to right."""
        by_row: list[list[Cell]] = [[] for _ in range(self.n_rows)]
        for cell in self.cells:
            by_row[cell.row].append(cell)
        for cells in by_row:
            yield sorted(cells, key=lambda c: c.col)

    def pages_of_rows(self, first: int, last: int) -> tuple[int | None, int | None]:
        """First and last page on which grid rows ``first..last`` lie (None for DOCX)."""
        spans = self.row_pages[first:last + 1]
        if not spans:
            return self.provenance.page, self.provenance.page
        return min(s[0] for s in spans), max(s[1] for s in spans)


@dataclass(frozen=True)
class TextBlock:
    """A paragraph outside tables (preamble, headings between tables)."""

    text: str
    provenance: Provenance
    bold: bool = False


Block = Union[RawTable, TextBlock]


@dataclass(frozen=True)
class ScanQuality:
    """How a scanned page looked and how surely OCR read it (the first reading, before the doubtful
    cells were read again)."""

    angle: float  # degrees (counter-clockwise) the page was turned on the scanner, turned back
    upside_down: bool  # the page was scanned upside down, turned back
    paper: float  # grey level (0-255) of the paper before it was made white
    noise: float  # grey levels of noise on the paper
    words: int  # words tesseract read
    confidence: float | None  # their mean confidence (0-100); None without words
    doubtful: float | None  # share of them read with less than the recheck confidence


@dataclass(frozen=True)
class PageRead:
    """How one PDF page was read."""

    page: int
    method: str  # ruled | borderless | ocr | text (no table found)
    chars: int  # characters of its text layer
    pieces: int  # table pieces found on it
    scan: ScanQuality | None = None  # for a page read by OCR


@dataclass(frozen=True)
class ExtractedDocument:
    """Everything extraction found in one file, in reading order."""

    path: str
    sha256: str
    format: str  # pdf | docx | doc | odt | rtf (the original's format; legacy ones are read through DOCX)
    pages: int | None
    blocks: tuple[Block, ...]
    issues: tuple[Issue, ...] = field(default=())
    page_reads: tuple[PageRead, ...] = ()  # PDF: how each page was read

    @property
    def page_methods(self) -> tuple[str, ...]:
        """PDF: how each page was read: ruled | borderless | ocr | text."""
        return tuple(p.method for p in self.page_reads)

    @property
    def tables(self) -> list[RawTable]:
        return [b for b in self.blocks if isinstance(b, RawTable)]
