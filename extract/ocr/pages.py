"""Pages without a text layer (scans): render -> prepare -> rules -> grid -> OCR words -> cells.

The page is rendered by pdfium and made ready (``page_prep``: paper made white, turned
straight, turned back if upside down), its ruling lines found in the image (``image_grid``),
and tesseract reads it once with the rules erased, the table cells cut out and stacked one
under the other (``ocr.layout``).  The cells whose reading is doubtful (a low confidence) are
read once more, enlarged, and keep the reading tesseract is surer of.  The words go into the
cells by the same ``build_page`` as a text PDF's characters, so the table pieces stitch and
normalize exactly like the others.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import cv2
import numpy as np

from planuri.extract.issues import Issue

from planuri.extract.ocr.cleanup import pair_quotes
from planuri.extract.ocr.furniture import ScanFurniture
from planuri.extract.ocr.image_grid import POINTS_PER_INCH, GridSettings, image_tables
from planuri.extract.ocr.tesseract import OcrSettings, check_tesseract, rows_to_words, run_tesseract
from planuri.extract.ocr.layout import GAP, compose, place_words
from planuri.extract.ocr.lexicon import INSTALL_HINT as DICTIONARY_HINT, load_lexicon
from planuri.extract.ocr.marks import fill_dashes
from planuri.extract.ocr.page_prep import PrepSettings, Prepared, prepare, quiet_blank
from planuri.extract.ocr.specks import lone_specks
from planuri.extract.ruled.plumber import PageContent, build_page
from planuri.extract.pdf.running_lines import is_page_number
from planuri.extract.types import Cell, ScanQuality


class PageRenderer:
    """Grey renderings of a PDF's pages, the document opened once on first use."""

    def __init__(self, path: Path, password: str | None = None):
        self.path, self.password = path, password
        self._doc = None

    def _open(self):
        import pypdfium2

        if self._doc is None:
            self._doc = pypdfium2.PdfDocument(str(self.path), password=self.password)
        return self._doc

    def grey(self, index: int, dpi: float) -> np.ndarray:
        page = self._open()[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
            return np.array(bitmap.to_numpy()[:, :, 0] if bitmap.to_numpy().ndim == 3 else bitmap.to_numpy())
        finally:
            page.close()

    def pages(self) -> int:
        return len(self._open())

    def close(self) -> None:
        if self._doc is not None:
            self._doc.close()
            self._doc = None


@dataclass
class FirstPass:
    """A page made ready, its tables found, and tesseract's first reading of it (``rows`` for each
    stacked image, with the bands the image was made of; no bands: the whole page)."""

    page: Prepared
    tables: list
    clean: np.ndarray
    readings: list[tuple[list[dict], list | None]]


class OcrReader:
    """Reads scanned pages of one document (tesseract is checked once, on the first page).

    With ``settings.threads`` above 1, the first passes (made ready, its grid found, read by
    tesseract) of this page and the next ``threads - 1`` run in the background while this one is
    finished: its own second reading, the words put in the cells.  pdfium renders in the calling thread only (it is not
    thread-safe); the background work is OpenCV's and tesseract's, outside Python's lock."""

    def __init__(self, path: Path, settings: OcrSettings, password: str | None = None,
                 grid: GridSettings = GridSettings(), prep: PrepSettings = PrepSettings()):
        self.settings, self.grid, self.prep = settings, grid, prep
        self.renderer = PageRenderer(path, password)
        self._binary: str | None = None
        self._lexicon = None
        self._lexicon_missing = False
        self._pool = ThreadPoolExecutor(settings.threads) if settings.threads > 1 else None
        self._ahead: dict[int, Future] = {}  # page number -> its first pass, running or done
        self._done: set[int] = set()  # pages read
        self._furniture = ScanFurniture(settings.furniture)  # running headers and footers of the pages read so far

    def read(self, number: int, width: float, height: float, borderless=None) -> PageContent:
        """Page ``number`` read; ``borderless`` (a ``BorderlessReader``), when given, looks for
        tables without rules among the words of a page where no ruled table was found."""
        if self._binary is None:
            self._binary = check_tesseract(self.settings)
            self._load_lexicon()
        if self._pool is not None:  # this page and the next ones, in the background
            for n in range(number, min(number + self.settings.threads, self.renderer.pages() + 1)):
                if n not in self._ahead and n not in self._done:
                    self._ahead[n] = self._pool.submit(self._first_pass, self._render(n))
            self._done.add(number)
        ahead = self._ahead.pop(number, None)
        first = ahead.result() if ahead is not None else self._first_pass(self._render(number))
        return self._finish(first, number, width, height, borderless)

    def _render(self, number: int) -> np.ndarray:
        return self.renderer.grey(number - 1, self.settings.dpi)

    def _first_pass(self, grey: np.ndarray) -> FirstPass:
        dpi = self.settings.dpi
        page = prepare(grey, dpi, self.prep, self._binary)
        tables, clean = image_tables(page.image, dpi, self.grid)
        scale = dpi / POINTS_PER_INCH
        rects = [tuple(v * scale for v in rect) for cells in tables for rect in cells]
        if not rects:
            return FirstPass(page, tables, clean, [(self.ocr(quiet_blank(clean, self.prep)), None)])
        readings = []  # the cells stacked, read each on its own (a table's lines would run across them)
        groups = stack_groups(rects, MAX_STACK_PX - clean.shape[0])  # the rest of the page comes last
        for n, group in enumerate(groups, 1):
            last = n == len(groups)
            stack, bands = compose(clean, group, rest=last,
                                   elsewhere=[r for g in groups[:-1] for r in g] if last else ())
            readings.append((self.ocr(stack), bands))
        return FirstPass(page, tables, clean, readings)

    def _finish(self, first: FirstPass, number: int, width: float, height: float, borderless=None) -> PageContent:
        page, tables, clean = first.page, first.tables, first.clean
        scale = self.settings.dpi / POINTS_PER_INCH
        corrected: list[tuple[str, str]] = []
        words = []
        for rows, bands in first.readings:
            if bands is None:
                words += rows_to_words(rows, scale, self._lexicon, corrected)
            else:
                words += place_words(rows_to_words(rows, 1.0, self._lexicon, corrected), bands, scale)
        content = build_page(number, width, height, words, tables, "ocr")
        content.scan = scan_quality(page, words, self.settings.recheck_word_confidence)
        engine = "ocr"
        if not tables and borderless is not None:
            content, words, tables = self._borderless(content, borderless, words)
            engine = "borderless"
        dashes = 0
        if tables:
            self._recheck(content, words, clean, tables, number, width, height, corrected, engine)
            dashes = fill_dashes(content.pieces, clean, scale, self.settings.dashes)
            if quoted := pair_cell_quotes(content.pieces, number):
                content.issues.append(quoted)
        content.issues.extend(prep_issues(page, number) + self._page_issues(number, corrected))
        if dashes:
            content.issues.append(Issue("ocr-dash-read", f"{dashes} cell(s) tesseract read as empty hold one short "
                                        "stroke and were read as a dash (-)", severity="info", page=number))
        # a misread page number ("Z." for 4) would not be recognised as the same furniture on every page
        content.lines = [ln for ln in content.lines if not is_page_number(ln, content.lines, width, height, ocr=True)]
        return content

    def _borderless(self, content: PageContent, reader, words: list[dict]) -> tuple[PageContent, list[dict], list]:
        """The page's words searched for tables without rules (from their header labels, as on a
        text PDF): the same reader, OCR words in place of characters, running headers and footers
        (found as the pages are read) left out of the rows.  The page's content, the words as the
        reader saw them and the tables' cell rectangles (none: the content as it was)."""
        words = typed(words)
        specks = lone_specks(words, self.settings.specks)  # (one would open a row of its own)
        words = [w for i, w in enumerate(words) if i not in specks]
        furniture = self._furniture.boxes(content.number, words, content.height)
        rects = reader.tables(words, content.width, content.height, furniture)
        issues = [i.at(page=content.number) for i in reader.take_issues()]
        reader.take_carry()  # (no next page is shown to it: nothing is carried)
        if rects:
            scan = content.scan
            content = build_page(content.number, content.width, content.height, words, rects, "borderless")
            content.scan = scan
        content.issues.extend(issues)
        return content, words, rects

    def _recheck(self, content: PageContent, words: list[dict], clean: np.ndarray, tables, number: int,
                 width: float, height: float, corrected: list, engine: str = "ocr") -> None:
        """The doubtful cells read once more, enlarged; each keeps the reading tesseract is surer of.
        ``engine`` borderless: the tables were found from the words (each as tall as its line's type)."""
        unsure = [w for w in words
                  if w.get("conf", FULL_CONFIDENCE) < self.settings.recheck_word_confidence or implausible(w["text"])]
        doubtful = [c.bbox for piece in content.pieces for c in piece.cells
                    if c.bbox and c.confidence is not None and (c.confidence < self.settings.recheck_confidence
                                                                or any(inside(w, c.bbox) for w in unsure)
                                                                or self.settings.recheck_headings and heading(c, piece))]
        lines = unsure_lines(unsure, words, content.pieces) if engine == "ocr" else []
        if not doubtful and not lines:
            return
        scale, zoom = self.settings.dpi / POINTS_PER_INCH, self.settings.recheck_zoom
        again = []
        for group in stack_groups([tuple(v * scale for v in r) for r in doubtful + lines], MAX_STACK_PX / zoom):
            stack, bands = compose(clean, group, rest=False)
            if bands:
                big = cv2.resize(stack, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_CUBIC)
                again += place_words(rows_to_words(self.ocr(big), zoom, self._lexicon, corrected), bands, scale)
        if engine == "borderless":
            again = typed(again)
        if not again:
            return
        kept = [w for w in words if not any(inside(w, r) for r in doubtful + lines)]
        chosen = []  # each line outside the tables in the reading tesseract is surer of
        for r in lines:
            old, new = [w for w in words if inside(w, r)], [w for w in again if inside(w, r)]
            chosen += new if mean_confidence(new) > mean_confidence(old) else old
        again = [w for w in again if not any(inside(w, r) for r in lines)]
        alone = build_page(number, width, height, kept + again + chosen, tables, engine)
        for piece, other in zip(content.pieces, alone.pieces):
            if shape(piece.cells) == shape(other.cells):
                piece.cells = [surer(a, b) for a, b in zip(piece.cells, other.cells)]
        if lines:
            content.lines = alone.lines

    def _load_lexicon(self) -> None:
        if self.settings.correct_words:
            self._lexicon = load_lexicon(self.settings.dictionary)
            self._lexicon_missing = self._lexicon is None

    def _page_issues(self, number: int, corrected: list[tuple[str, str]]) -> list[Issue]:
        issues = []
        if self._lexicon_missing:  # said once, on the first scanned page
            self._lexicon_missing = False
            issues.append(Issue("ocr-dictionary-missing",
                                f"the hunspell dictionary {self.settings.dictionary!r} is not installed, so words "
                                f"in capitals misread by OCR are not corrected ({DICTIONARY_HINT})",
                                severity="warning", page=number))
        changes = list(dict.fromkeys(corrected))  # each change once, in reading order (both readings of a cell)
        if changes:
            issues.append(Issue("ocr-word-corrected",
                                f"{len(changes)} word(s) in capitals OCR misread were corrected against the dictionary",
                                severity="info", page=number, raw="; ".join(f"{a} -> {b}" for a, b in changes)))
        return issues

    def ocr(self, image: np.ndarray) -> list[dict]:
        return run_tesseract(image, self._binary, self.settings)

    def close(self) -> None:
        if self._pool is not None:
            for future in self._ahead.values():
                future.cancel()
            self._pool.shutdown(wait=True)  # a page still being read is let finish (its tesseract is running)
            self._ahead.clear()
        self.renderer.close()


FULL_CONFIDENCE = 100.0  # tesseract's scale: a word with no confidence given counts as sure
MAX_STACK_PX = 30000  # tesseract refuses an image taller than 32767 pixels
# words no text holds but OCR noise makes, so their cell is read again and the reading without them
# preferred: a percent sign inside a token ("2023%-2025"; a percentage ends its token, "50%" "50%,"),
# a digit 1 among Roman numerals' capitals ("1V", "1YV", "II1" for IV, III)
IMPLAUSIBLE = re.compile(r"\d%[^\s,.;:)\]]|(?<!\w)(?:[IVXY]*1[IVXY]*[IVX][IVXY]*|[IVX][IVXY]*1)(?!\w)")


def typed(words: list[dict]) -> list[dict]:
    """Each word as tall as its line's type (a line of ``re`` as tall as one of ``Întreprinderi``):
    where a table has no rules, the gaps between lines tell a cell's next line from the next row's."""
    return [{**w, "top": w["type_box"][0], "bottom": w["type_box"][1], "size": w["type_box"][1] - w["type_box"][0]}
            for w in words]


LINE_PAD = 2.0  # points around a line outside the tables read again (its letters' edges)
MIN_UNSURE_CHARS = 3  # letters or digits an unsure word outside the tables needs for its line to be read again (no speck)


def unsure_lines(unsure: list[dict], words: list[dict], pieces) -> list[tuple[float, float, float, float]]:
    """The boxes of the text lines outside the tables that hold a word read unsurely (``0.8.2.1.``
    at 11% for ``O.S.2.1.``): a heading between two tables is copied to every action under it,
    as a heading row is, so one letter misread there is wrong in dozens of rows.  A line is the
    outside words whose middle is level with the unsure word."""
    boxes = [p.bbox for p in pieces]
    outside = [w for w in words if not any(inside(w, b) for b in boxes)]
    regions, seen = [], set()
    for u in unsure:
        if sum(ch.isalnum() for ch in u["text"]) < MIN_UNSURE_CHARS or any(inside(u, b) for b in boxes):
            continue
        line = [w for w in outside if u["top"] <= (w["top"] + w["bottom"]) / 2 <= u["bottom"]]
        key = frozenset(map(id, line))
        if key in seen:
            continue
        seen.add(key)
        regions.append((min(w["x0"] for w in line) - LINE_PAD, min(w["top"] for w in line) - LINE_PAD,
                        max(w["x1"] for w in line) + LINE_PAD, max(w["bottom"] for w in line) + LINE_PAD))
    return regions


def mean_confidence(words: list[dict]) -> float:
    return sum(w.get("conf", FULL_CONFIDENCE) for w in words) / len(words) if words else -1.0


def heading(cell: Cell, piece) -> bool:
    """A cell across the whole width of a table of several columns: a heading row."""
    n_cols = len(piece.col_edges) - 1
    return n_cols > 1 and cell.col_span >= n_cols


def implausible(text: str) -> bool:
    return bool(IMPLAUSIBLE.search(text))


def stack_groups(rects: list, max_height: float) -> list[list]:
    """The cell rectangles (pixels) in groups whose stacked image (``compose``: each cell and a
    gap) stays under ``max_height`` pixels."""
    groups, height = [[]], float(GAP)
    for r in rects:
        h = r[3] - r[1] + GAP
        if groups[-1] and height + h > max_height:
            groups.append([])
            height = float(GAP)
        groups[-1].append(r)
        height += h
    return groups


def pair_cell_quotes(pieces, number: int) -> Issue | None:
    """Each cell's closing quotes made the pair of its opening ones (``cleanup.pair_quotes``: a quote
    may close on a cell's next line); an info issue naming the cells as read, None if none changed."""
    paired = []
    for piece in pieces:
        cells = []
        for c in piece.cells:
            quoted = pair_quotes(c.text)
            if quoted != c.text:
                paired.append(c.text)
                c = replace(c, text=quoted)
            cells.append(c)
        piece.cells = cells
    if not paired:
        return None
    return Issue("ocr-quote-paired", f"{len(paired)} cell(s) had a closing quote read unlike its opening one; it "
                 "was made its pair („…”, \"…\")", severity="info", page=number, raw=" | ".join(paired)[:500])


def scan_quality(page: Prepared, words: list[dict], doubtful_below: float) -> ScanQuality:
    """The page's look (turn, paper, noise) and how surely its words were read at first."""
    confs = [w["conf"] for w in words if w.get("conf") is not None]
    return ScanQuality(angle=round(page.angle, 2), upside_down=page.upside_down, paper=round(page.paper, 1),
                       noise=round(page.noise, 1), words=len(words),
                       confidence=round(sum(confs) / len(confs), 1) if confs else None,
                       doubtful=round(sum(1 for c in confs if c < doubtful_below) / len(confs), 3) if confs else None)


def prep_issues(page: Prepared, number: int) -> list[Issue]:
    issues = []
    if page.angle:
        issues.append(Issue("page-deskewed", f"the page was scanned turned by {page.angle:+.2f}° and was turned "
                                             "straight before it was read", severity="info", page=number,
                            raw=f"{page.angle:.2f}"))
    if page.upside_down:
        issues.append(Issue("page-upside-down", "the page was scanned upside down and was turned back before it "
                                                "was read", severity="info", page=number, raw="180"))
    return issues


def inside(word: dict, rect) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return rect[0] <= cx <= rect[2] and rect[1] <= cy <= rect[3]


def shape(cells: list[Cell]) -> list[tuple[int, int, int, int]]:
    return [(c.row, c.col, c.row_span, c.col_span) for c in cells]


def surer(a: Cell, b: Cell) -> Cell:
    """Of two readings of one cell, the one read with the higher confidence (text over none, a reading
    without implausible words over one with)."""
    score = lambda c: (bool(c.text.strip()), not implausible(c.text),  # noqa: E731
                       c.confidence if c.confidence is not None else -1.0)
    return b if score(b) > score(a) else a
