"""Is a rebuilt sample file the committed one?  Compared by what it holds, not by its bytes.

The DOCX and the expected files are written by this repository's own code: they must be
byte-identical.  The other files come out of LibreOffice and poppler, whose other builds write
the same content with other bytes, so each is compared by what a reader gets from it:

* a PDF with a text layer: the same text on the same pages (pdfplumber);
* a scan (``-scan.pdf``, images only): the same number of pages, of the same size, with no text
  layer, and the same ink in every ``SCAN_BLOCK``-pixel square (4 mm at 200 dpi) within
  ``SCAN_INK`` grey levels -- another rasterizer's anti-aliasing moves the edges of strokes
  (measured: up to 16 levels with the B/W threshold moved by ±30), a word removed or changed
  moves whole squares (measured: 23 to 73 levels);
* a ``.doc`` / ``.odt``: the same blocks read back through LibreOffice and planuri's Word reader --
  every paragraph's text and every table's cells (position, spans, text) --, which is what the
  pipeline reads of them.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

SCAN_DPI = 200  # the scans' resolution (sample_variants.SCAN_DPI): pages are rendered at it to compare
SCAN_BLOCK = 32  # pixels: squares whose mean ink is compared (4 mm at 200 dpi, about a short word)
SCAN_INK = 20  # grey levels (of 255) a square's mean may differ by: rasterizer noise, not content
PAGE_SIZE_TOLERANCE = 0.5  # points a page's width or height may differ by


def same_content(produced: Path, committed: Path) -> bool:
    if filecmp.cmp(produced, committed, shallow=False):
        return True
    if produced.name.endswith("-scan.pdf"):
        return same_scan(produced, committed)
    if produced.suffix == ".pdf":
        return pdf_page_texts(produced) == pdf_page_texts(committed)
    if produced.suffix in (".doc", ".odt"):
        return word_blocks(produced) == word_blocks(committed)
    return False  # written by this repository's code: the bytes must agree


def pdf_page_texts(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [(float(p.width), float(p.height)) for p in pdf.pages]


def scan_pages(path: Path) -> list:
    """Each page rendered in grey at the scan's resolution (PIL images)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L") for i in range(len(pdf))]
    finally:
        pdf.close()


def ink_difference(a, b) -> int:
    """The largest difference of mean grey between the same ``SCAN_BLOCK`` square of two pages (0-255);
    256 when their pixel sizes differ."""
    from PIL import Image, ImageChops

    if a.size != b.size:
        return 256
    size = (max(1, a.width // SCAN_BLOCK), max(1, a.height // SCAN_BLOCK))
    return ImageChops.difference(a.resize(size, Image.BOX), b.resize(size, Image.BOX)).getextrema()[1]


def same_scan(produced: Path, committed: Path) -> bool:
    sizes = page_sizes(produced), page_sizes(committed)
    if len(sizes[0]) != len(sizes[1]) or any(abs(x - y) > PAGE_SIZE_TOLERANCE for p, q in zip(*sizes)
                                              for x, y in zip(p, q)):
        return False
    if any(text.strip() for text in pdf_page_texts(produced)):
        return False  # a scan has no text layer
    return all(ink_difference(a, b) <= SCAN_INK for a, b in zip(scan_pages(produced), scan_pages(committed)))


def word_blocks(path: Path) -> list[tuple]:
    """A legacy Word file as planuri reads it (through LibreOffice): paragraphs' text, tables' cells."""
    from planuri.extract import extract
    from planuri.extract.types import RawTable

    doc = extract(path, "0" * 64)
    return [("table", tuple((c.row, c.col, c.row_span, c.col_span, c.text) for c in b.cells))
            if isinstance(b, RawTable) else ("text", b.text) for b in doc.blocks]
