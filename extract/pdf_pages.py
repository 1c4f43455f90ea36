"""A PDF, page by page: how each page is read is chosen from what the page holds.

``auto`` (the default engine): a page without a text layer is OCR'd; a page with
ruling lines is read as ruled tables (pdfplumber); a page with text but no rules
is searched for borderless tables (from their header labels); otherwise its text
is paragraphs.  The other engines force one way: ``pdfplumber`` and ``camelot``
read ruled tables only (camelot finding them in the rendered page), ``borderless``
reads every text page by layout, ``ocr`` OCRs every page.  Scanned pages are OCR'd
by every engine unless OCR is turned off.

Pages are closed as soon as they are read, so memory stays flat however long the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pdfplumber

from .borderless import LabelField
from .pdf_furniture import furniture_boxes
from .pdf_plumber import PageContent, PdfSettings, build_page, page_chars, plumber_tables

ENGINES = ("auto", "pdfplumber", "camelot", "borderless", "ocr")


def is_scanned(page, chars: list[dict], settings: PdfSettings) -> bool:
    """No (or almost no) text layer, and something drawn: an image of a page."""
    n_text = sum(1 for c in chars if c["text"].strip())
    return n_text < settings.ocr.min_chars and bool(page.images)


def peek(pdf, number: int, furniture: dict) -> tuple | None:
    """The characters, size and furniture of the page after page ``number`` (1-based), read and
    closed again: a table whose header closes a page has its columns' evidence there."""
    if number >= len(pdf.pages):
        return None
    page = pdf.pages[number]
    try:
        return page_chars(page), float(page.width), float(page.height), furniture.get(number + 1, ())
    finally:
        page.close()


def read_pages(path: Path, settings: PdfSettings, engine: str = "auto",
               labels: LabelField | None = None) -> Iterator[PageContent]:
    table_rects = None
    if engine == "camelot":
        from .pdf_camelot import camelot_rects

        table_rects = camelot_rects(path, settings)
    borderless = None
    if engine == "borderless" and labels is None:
        raise ValueError("the borderless engine needs a header-label matcher (labels)")
    if engine in ("auto", "borderless") and labels is not None:  # auto without labels: ruled tables only
        from .pdf_borderless import BorderlessReader

        borderless = BorderlessReader(labels, settings.borderless)
    ocr = None
    furniture = None
    try:
        with pdfplumber.open(str(path), password=settings.password or "") as pdf:
            for page in pdf.pages:
                try:
                    chars = page_chars(page)
                    number, width, height = page.page_number, float(page.width), float(page.height)
                    if settings.ocr.enabled and (engine == "ocr" or is_scanned(page, chars, settings)):
                        if ocr is None:
                            from .pdf_ocr import OcrReader

                            ocr = OcrReader(path, settings.ocr, settings.password)
                        content = ocr.read(number, width, height)
                        content.method = "ocr"
                        yield content
                        continue
                    tables, method = [], "text"
                    if engine != "borderless":
                        tables = table_rects(number, height) if table_rects else plumber_tables(page, settings)
                        method = "ruled" if tables else "text"
                    issues = []
                    if not tables and borderless is not None:
                        if furniture is None:  # read once, when the first page goes without rules
                            furniture = furniture_boxes(path, settings.password)
                        tables = borderless.tables(chars, width, height, furniture.get(number, ()),
                                                   lambda: peek(pdf, number, furniture))
                        issues = [i.at(page=number) for i in borderless.take_issues()]
                        method = "borderless" if tables else "text"
                    elif borderless is not None:
                        borderless.open = None  # a ruled page ends any borderless table
                    engine_name = {"ruled": "camelot" if table_rects else "pdfplumber"}.get(method, method)
                    content = build_page(number, width, height, chars, tables, engine_name, settings.grid_tolerance,
                                         settings.columns, settings.sliver_width, settings.run_on_gap)
                    content.method = method
                    content.issues.extend(issues)
                    yield content
                finally:
                    page.close()
    finally:
        if ocr is not None:
            ocr.close()
