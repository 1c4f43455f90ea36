"""Running headers and footers of a PDF: the same text at the same place on most pages.

A borderless table is read from the page's text alone, so a running header (``PROIECT``,
``Anexa nr. 1 la decizia …``) set just above a table that goes on from the previous page, or
a footer under the last row, would be read as one of its rows.  They are found before any
table: pdfium reads the text runs in the top and bottom bands of every page (milliseconds a
page, without pdfplumber's layout analysis), and a line of at most ``max_runs`` runs -- not a
row of a repeated table header -- whose text (digits aside: page numbers) stands at the same
place on at least half of the pages, two at least, is furniture there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from planuri.extract.types import BBox

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class FurnitureSettings:
    band: float = 0.12  # share of the page height, at the top and at the bottom, where furniture stands
    reach: float = 0.04  # share of the page height past a band where a line it cuts is still read whole
    max_runs: int = 2  # text runs a furniture line may hold (a header row holds one per column)
    tolerance: float = 2.0  # points within which two pages' lines stand at the same place
    min_share: float = 0.5  # share of the pages a line must repeat on


@dataclass(frozen=True)
class Run:
    page: int
    text: str
    bbox: BBox  # x0, top, x1, bottom, from the page's top-left corner (as pdfplumber's)
    line: int = 0  # its line's place among the page's band lines

    @property
    def key(self) -> str:
        return _DIGITS.sub("#", " ".join(self.text.split()))


def band_runs(path: Path, password: str | None, settings: FurnitureSettings) -> tuple[list[Run], int]:
    """The text runs of the lines in each page's bands that hold at most ``max_runs`` runs."""
    import pypdfium2 as pdfium

    runs: list[Run] = []
    try:
        pdf = pdfium.PdfDocument(str(path), password=password)
    except pdfium.PdfiumError:  # pdfplumber read it: without furniture known, tables are read as they are
        return [], 0
    try:
        n_pages = len(pdf)
        for index in range(n_pages):
            page = pdf[index]
            try:
                runs += _page_runs(page, index + 1, settings)
            finally:
                page.close()
    finally:
        pdf.close()
    return runs, n_pages


def _page_runs(page, number: int, settings: FurnitureSettings) -> list[Run]:
    width, height = page.get_size()
    text = page.get_textpage()
    try:
        found = []
        # runs reaching into a band widened by ``reach``: a line the band's edge cuts (a table row
        # whose accents stick out of it) is judged whole, with all its runs, not by its short ones
        top_edge, bottom_edge = (settings.band + settings.reach) * height, (1 - settings.band - settings.reach) * height
        for k in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(k)
            y0, y1 = height - top, height - bottom
            if y0 < top_edge or y1 > bottom_edge:
                words = text.get_text_bounded(left, bottom, right, top).strip()
                if words:
                    found.append(Run(number, words, (left, y0, right, y1)))
    finally:
        text.close()
    return band_lines(found, height, settings)


def band_lines(found: Sequence[Run], height: float, settings: FurnitureSettings) -> list[Run]:
    """The runs of the lines (runs overlapping in height) that reach into a band and hold at
    most ``max_runs`` runs: a table row the band's edge cuts is judged by all of its runs."""
    lines: list[list[Run]] = []
    for run in sorted(found, key=lambda r: r.bbox[1]):
        line = next((ln for ln in lines if min(ln[0].bbox[3], run.bbox[3]) - max(ln[0].bbox[1], run.bbox[1]) > 0), None)
        if line is None:
            lines.append([run])
        else:
            line.append(run)
    in_band = [ln for ln in lines if any(r.bbox[3] < settings.band * height or r.bbox[1] > (1 - settings.band) * height
                                         for r in ln)]
    return [Run(r.page, r.text, r.bbox, n) for n, ln in enumerate(in_band) if len(ln) <= settings.max_runs for r in ln]


def same_place(a: Run, b: Run, tolerance: float) -> bool:
    """Same height, and the same left side, middle or right side (a page number's width varies)."""
    if abs(a.bbox[1] - b.bbox[1]) > tolerance:
        return False
    return (abs(a.bbox[0] - b.bbox[0]) <= tolerance or abs(a.bbox[2] - b.bbox[2]) <= tolerance
            or abs(a.bbox[0] + a.bbox[2] - b.bbox[0] - b.bbox[2]) <= 2 * tolerance)


def furniture_boxes(path: Path, password: str | None = None,
                    settings: FurnitureSettings = FurnitureSettings()) -> dict[int, list[BBox]]:
    """Page number -> the boxes of its running headers and footers."""
    runs, n_pages = band_runs(path, password, settings)
    return runs_to_boxes(runs, n_pages, settings)


def runs_to_boxes(runs: Sequence[Run], n_pages: int, settings: FurnitureSettings) -> dict[int, list[BBox]]:
    """The band lines' runs of a document of ``n_pages`` -> page number -> furniture boxes: the
    runs of the lines whose every run repeats at its place, in a line saying the same, on enough
    pages."""
    by_text: dict[str, list[Run]] = {}
    lines: dict[tuple[int, int], list[str]] = {}
    for run in runs:
        by_text.setdefault(run.key, []).append(run)
        lines.setdefault((run.page, run.line), []).append(run.key)
    whole = {k: tuple(sorted(v)) for k, v in lines.items()}
    need = max(2, -(-n_pages * settings.min_share // 1))
    repeated: dict[tuple[int, int], list[bool]] = {}
    for group in by_text.values():
        for run in group:
            # on pages whose line at that place says the same whole: a cell's last word alone on a
            # page's first line (``familiei``) stands where a row's line held it and more
            pages = {o.page for o in group if same_place(run, o, settings.tolerance)
                     and whole[(o.page, o.line)] == whole[(run.page, run.line)]}
            repeated.setdefault((run.page, run.line), []).append(len(pages) >= need)
    out: dict[int, list[BBox]] = {}
    for run in runs:
        if all(repeated[(run.page, run.line)]):
            out.setdefault(run.page, []).append(run.bbox)
    return out


def touches(bbox: BBox, boxes: Sequence[BBox], margin: float = 2.0) -> bool:
    """Does ``bbox`` touch one of ``boxes`` widened by ``margin``?  When it does not, none of the
    characters whose middles it holds is inside one (``outside`` keeps them all)."""
    return any(b[0] - margin <= bbox[2] and bbox[0] <= b[2] + margin and b[1] - margin <= bbox[3]
               and bbox[1] <= b[3] + margin for b in boxes)


def outside(chars: Sequence[dict], boxes: Sequence[BBox], margin: float = 2.0) -> list[dict]:
    """The characters whose middle lies in none of the boxes."""
    if not boxes:
        return list(chars)

    def inside(ch: dict) -> bool:
        x, y = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return any(b[0] - margin <= x <= b[2] + margin and b[1] - margin <= y <= b[3] + margin for b in boxes)

    return [ch for ch in chars if not inside(ch)]
