"""A PDF, page by page: how each page is read is chosen from what the page holds.

``auto`` (the default engine): a page without a text layer is OCR'd; a page with
ruling lines is read as ruled tables (pdfplumber's table finder); a page with text but no rules
is searched for borderless tables (from their header labels); otherwise its text
is paragraphs.  Pages are read with pdfium (``pdf.pdfium``: characters and drawn paths in
pdfplumber's form, a few ms a page) unless the settings' ``reader`` is ``pdfplumber`` (pdfminer,
the reference, ~10x slower).  The other engines force one way: ``pdfplumber`` (read with pdfplumber) and ``camelot``
read ruled tables only (camelot finding them in the rendered page), ``borderless``
reads every text page by layout, ``ocr`` OCRs every page.  Scanned pages are OCR'd
by every engine unless OCR is turned off.

Pages are closed as soon as they are read, so memory stays flat however long the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from planuri.extract.borderless.header import LabelField
from planuri.extract.pdf.furniture import furniture_boxes
from planuri.extract.pdf.pdfium import OpenDocument, PageData, PdfiumDocument
from planuri.extract.ruled.plumber import PageContent, PdfSettings, build_page, graphics_tables, page_chars

ENGINES = ("auto", "pdfplumber", "camelot", "borderless", "ocr")
READERS = ("pdfium", "pdfplumber")


class PlumberDocument(OpenDocument):
    """A PDF opened with pdfplumber (pdfminer): the reference reader, in pure Python.  ``page(i)``
    reads page ``i`` (0-based) into the form ``PdfiumDocument`` gives, and closes it again."""

    def __init__(self, path: Path, password: str | None = None):
        import pdfplumber

        self.pdf = pdfplumber.open(str(path), password=password or "")

    def __len__(self) -> int:
        return len(self.pdf.pages)

    def page(self, index: int) -> PageData:
        page = self.pdf.pages[index]
        try:
            return PageData(page.page_number, float(page.width), float(page.height), page_chars(page),
                            page.lines + page.rects + page.curves, bool(page.images))
        finally:
            page.close()


def open_reader(path: Path, settings: PdfSettings, engine: str = "auto"):
    """The document reader: pdfplumber for the ``pdfplumber`` engine (the reference), else the
    one the settings name."""
    reader = "pdfplumber" if engine == "pdfplumber" else settings.reader
    if reader not in READERS:
        raise ValueError(f"unknown PDF reader {reader!r}; choose one of {', '.join(READERS)}")
    return (PlumberDocument if reader == "pdfplumber" else PdfiumDocument)(path, settings.password)


def is_scanned(page: PageData, settings: PdfSettings) -> bool:
    """No (or almost no) text layer, and something drawn: an image of a page."""
    if not page.has_images:
        return False
    n_text = 0
    for c in page.chars:  # (counted only up to the least a text page holds)
        if c["text"].strip():
            n_text += 1
            if n_text >= settings.ocr.min_chars:
                return False
    return True


def peek(doc, number: int, furniture: dict, ahead: dict[int, PageData]) -> tuple | None:
    """The characters, size and furniture of the page after page ``number`` (1-based), read and
    closed again: a table whose header closes a page has its columns' evidence there.  The page
    read is kept in ``ahead`` (by its 0-based index) for the loop that comes to it next."""
    if number >= len(doc):
        return None
    page = ahead.get(number) or ahead.setdefault(number, doc.page(number))
    return page.chars, page.width, page.height, furniture.get(number + 1, ())


def read_pages(path: Path, settings: PdfSettings, engine: str = "auto",
               labels: LabelField | None = None) -> Iterator[PageContent]:
    table_rects = None
    if engine == "camelot":
        from planuri.extract.ruled.camelot_lattice import camelot_rects

        table_rects = camelot_rects(path, settings)
    borderless = None
    if engine == "borderless" and labels is None:
        raise ValueError("the borderless engine needs a header-label matcher (labels)")
    if engine in ("auto", "borderless") and labels is not None:  # auto without labels: ruled tables only
        from planuri.extract.borderless.pages import BorderlessReader

        from planuri.extract.ocr.lexicon import dictionary_lookup

        borderless = BorderlessReader(labels, settings.borderless, lambda: dictionary_lookup(settings.ocr.dictionary))
    ocr = None
    furniture = None
    ruled_engine = "camelot" if table_rects else ("pdfplumber" if engine == "pdfplumber" else settings.reader)
    try:
        with open_reader(path, settings, engine) as doc:
            ahead: dict[int, PageData] = {}  # the next page, when a borderless header peeked at it
            carried: tuple[dict, ...] = ()  # a cut header's lines the page before moved onto this page
            displaced: frozenset[int] = frozenset()  # this page's characters those replace (moved up)
            for index in range(len(doc)):
                page = ahead.pop(index, None) or doc.page(index)
                chars, number, width, height = page.chars, page.number, page.width, page.height
                if carried:
                    chars = [*carried, *(ch for ch in chars if id(ch) not in displaced)]
                    carried = ()
                if settings.ocr.enabled and (engine == "ocr" or is_scanned(page, settings)):
                    if ocr is None:
                        from planuri.extract.ocr.pages import OcrReader

                        ocr = OcrReader(path, settings.ocr, settings.password, settings.grid, settings.prep)
                    content = ocr.read(number, width, height, borderless)
                    if borderless is not None and any(p.engine != "borderless" for p in content.pieces):
                        borderless.open = None  # a ruled page ends any borderless table
                    content.method = "ocr"
                    yield content
                    continue
                tables, method = [], "text"
                if engine != "borderless":
                    tables = table_rects(number, height) if table_rects else graphics_tables(page.graphics, settings)
                    method = "ruled" if tables else "text"
                issues = []
                if not tables and borderless is not None:
                    if furniture is None:  # read once, when the first page goes without rules
                        furniture = furniture_boxes(path, settings.password, settings.furniture)
                    tables = borderless.tables(chars, width, height, furniture.get(number, ()),
                                               lambda: peek(doc, number, furniture, ahead))
                    issues = [i.at(page=number) for i in borderless.take_issues()]
                    carried, moved, displaced = borderless.take_carry()
                    if moved:  # a header cut by the page break is read on the next page, whole
                        chars = [ch for ch in chars if id(ch) not in moved]
                    method = "borderless" if tables else "text"
                elif borderless is not None:
                    borderless.open = None  # a ruled page ends any borderless table
                engine_name = {"ruled": ruled_engine}.get(method, method)
                content = build_page(number, width, height, chars, tables, engine_name, settings.grid_tolerance,
                                     settings.columns, settings.sliver_width, settings.run_on, settings.text)
                content.method = method
                content.issues.extend(issues)
                yield content
    finally:
        if ocr is not None:
            ocr.close()
