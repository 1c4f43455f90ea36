"""Lines that run on every page, read from a page's lines: page numbers (``is_page_number``) and
running headers and footers on scans (``furniture_keys``: the same words at the same height on
several pages; text PDFs find theirs from pdfium's text runs, ``pdf.furniture``)."""

from __future__ import annotations

import re
from typing import Sequence

from planuri.extract.pdf.text import TEXT, Line, TextSettings

_DIGITS = re.compile(r"\d+")


FURNITURE_LIKENESS = 90  # per cent: lines this alike in the same place on several pages are one running line (OCR)


def furniture_keys(pages_lines: Sequence[tuple[float, Sequence[Line]]], margin: float = 0.1) -> set[tuple[str, int]]:
    """Lines repeated at the same height in the top or bottom margin of several pages
    (page numbers, running headers): keys of (words with digits as #, rounded top).  On scans a
    running header lies a point or two higher or lower from page to page, across a rounding
    step, and OCR reads a speck or a mark into it (``j Anexa nr. 1``): lines within a step of
    each other and ``FURNITURE_LIKENESS`` alike are one line."""
    from rapidfuzz import fuzz

    groups: list[tuple[str, int, set[int], set[tuple[str, int]]]] = []  # text, step, pages, keys
    for page, (height, lines) in enumerate(pages_lines):
        for ln in lines:
            if not (ln.top < margin * height or ln.bottom > (1 - margin) * height):
                continue
            text, step = key = furniture_key(ln)
            group = next((g for g in groups if abs(g[1] - step) <= 1
                          and (g[0] == text or fuzz.ratio(g[0], text) >= FURNITURE_LIKENESS)), None)
            if group is None:
                groups.append((text, step, {page}, {key}))
            else:
                group[2].add(page)
                group[3].add(key)
    n_pages = len(pages_lines)
    if n_pages < 2:
        return {k for _, _, _, keys in groups for k in keys if _DIGITS.fullmatch(k[0].replace("#", "0").strip("- "))}
    return {k for _, _, pages, keys in groups if len(pages) >= max(2, n_pages // 2) for k in keys}


_NOT_WORD = re.compile(r"[^\w#]+")


def furniture_key(line: Line) -> tuple[str, int]:
    """A line's words (digits as #; marks and one-letter words left out: OCR reads a running
    header's ``.`` as ``:``, a speck as ``"`` or ``z``) and its top in steps of 4 points."""
    words = _NOT_WORD.sub(" ", _DIGITS.sub("#", line.text)).split()
    return (" ".join(w for w in words if len(w) > 1 or not w.isalpha()), round(line.top / 4))


PAGE_NUMBER = re.compile(r"^[-–—(\s]*(?:pag(?:ina|\.)?\s*)?\d{1,4}(?:\s*(?:/|din|de|of)\s*\d{1,4})?[-–—)\s]*$",
                         re.IGNORECASE)


def is_page_number(line: Line, others: Sequence[Line], width: float, height: float, ocr: bool = False,
                   settings: TextSettings = TEXT) -> bool:
    """A page number: alone on its line in the top or bottom tenth of the page, centred or at the
    right margin, shaped like one ("3", "- 3 -", "Pagina 3 din 9"; on an OCR'd page, where the
    digits may be misread, any text of four characters or fewer)."""
    band = settings.page_number_band
    if band * height < line.top and line.bottom < (1 - band) * height:
        return False
    text = line.text.strip()
    if not (len(text) <= settings.ocr_page_number_chars if ocr else PAGE_NUMBER.match(text)):
        return False
    if any(o is not line and abs(o.top - line.top) < settings.page_number_alone for o in others):
        return False
    centres = [(line.x0 + line.x1) / 2]
    if ocr and line.last_word:  # a speck read as a mark beside the number (``> 1``, ``1 5``): the number's own place
        centres.append(line.x1 - line.last_word / 2)
    if ocr and line.first_word:
        centres.append(line.x0 + line.first_word / 2)
    return (any(abs(c - width / 2) < settings.page_number_centre * width for c in centres)
            or line.x1 > settings.page_number_right * width)
