"""Pages without a text layer (scans): render -> rules -> grid -> OCR words -> cells.

The page is rendered by pdfium, its ruling lines found in the image
(``image_grid``), tesseract reads the page with the rules erased (``ocr``), and the
words go into the cells by the same ``build_page`` as a text PDF's characters, so
the table pieces stitch and normalize exactly like the others.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .image_grid import GridSettings, image_tables
from .ocr import OcrSettings, check_tesseract, rows_to_words, run_tesseract
from .pdf_plumber import PageContent, build_page
from .pdf_text import is_page_number


class PageRenderer:
    """Grey renderings of a PDF's pages, the document opened once on first use."""

    def __init__(self, path: Path, password: str | None = None):
        self.path, self.password = path, password
        self._doc = None

    def grey(self, index: int, dpi: float) -> np.ndarray:
        import pypdfium2

        if self._doc is None:
            self._doc = pypdfium2.PdfDocument(str(self.path), password=self.password)
        page = self._doc[index]
        try:
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            return np.array(bitmap.to_numpy()[:, :, 0] if bitmap.to_numpy().ndim == 3 else bitmap.to_numpy())
        finally:
            page.close()

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


class OcrReader:
    """Reads scanned pages of one document (tesseract is checked once, on the first page)."""

    def __init__(self, path: Path, settings: OcrSettings, password: str | None = None,
                 grid: GridSettings = GridSettings()):
        self.settings, self.grid = settings, grid
        self.renderer = PageRenderer(path, password)
        self._binary: str | None = None

    def read(self, number: int, width: float, height: float) -> PageContent:
        if self._binary is None:
            self._binary = check_tesseract(self.settings)
        dpi = self.settings.dpi
        grey = self.renderer.grey(number - 1, dpi)
        tables, clean = image_tables(grey, dpi, self.grid)
        words = rows_to_words(run_tesseract(clean, self._binary, self.settings), dpi / 72.0)
        content = build_page(number, width, height, words, tables, "ocr")
        # a misread page number ("Z." for 4) would not be recognised as the same furniture on every page
        content.lines = [ln for ln in content.lines if not is_page_number(ln, content.lines, width, height, ocr=True)]
        return content

    def close(self) -> None:
        self.renderer.close()
