"""A PDF's fonts as pdfium and pdfminer tell them: the descent pdfminer sets a character's box on
(``font_descents``, from the fonts' descriptors), and the size, name, orientation and descent of
the text object a character is drawn in (``text_object_font``)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2.raw as raw

from planuri.extract.pdf import pdfium_calls as calls


def font_descents(path: Path, password: str | None = None) -> dict[str, tuple[str, float]]:
    """Font name without its subset tag -> (the name with it, the descent its descriptor gives, in
    ems): pdfminer sets a character's box on the descriptor's ``Descent`` (0 when missing, as
    LibreOffice writes it), while pdfium falls back to the font program's.  Read with pdfminer's
    parser from the pages' font resources only (no content stream): a few ms a document."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import literal_name

    out: dict[str, tuple[str, float]] = {}
    seen: set = set()
    try:
        with open(path, "rb") as f:
            doc = PDFDocument(PDFParser(f), password=password or "")
            for page in PDFPage.create_pages(doc):
                fonts = resolve1(resolve1(page.resources or {}).get("Font")) or {}
                for ref in fonts.values() if isinstance(fonts, dict) else ():
                    key = getattr(ref, "objid", None) or id(ref)
                    if key in seen:
                        continue
                    seen.add(key)
                    spec = resolve1(ref)
                    if not isinstance(spec, dict):
                        continue
                    name = literal_name(resolve1(spec.get("BaseFont"))) if spec.get("BaseFont") else ""
                    out.setdefault(str(name).split("+", 1)[-1], (str(name), _descent(spec, str(name))))
    except Exception:  # noqa: BLE001 -- pdfium read the file; the fonts' pdfium metrics will do
        return out
    return out


def _descent(spec: dict, name: str) -> float:
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import resolve1

    if str(spec.get("Subtype")) == "/'Type0'":
        descendants = resolve1(spec.get("DescendantFonts")) or [{}]
        spec = resolve1(descendants[0]) or {}
    descriptor = resolve1(spec.get("FontDescriptor"))
    if isinstance(descriptor, dict):
        value = float(resolve1(descriptor.get("Descent", 0)) or 0)
    elif name in FONT_METRICS:
        value = float(FONT_METRICS[name][0].get("Descent", 0))
    else:
        value = 0.0
    return -abs(value) / 1000


def text_object_font(address: ctypes.c_void_p, i: int, fonts: dict[str, tuple[str, float]],
                     names: dict[int, str]) -> tuple:
    """(size, font name, upright, descent in ems) of the text object holding character ``i`` of
    the text page at ``address``: one font, size and matrix for all its characters.  ``names``:
    the fonts' names already read on the page, by the font's address (a page's text objects
    share a few fonts)."""
    font = calls.object_font(ctypes.c_void_p(calls.text_object(address, i)))
    m = raw.FS_MATRIX()
    calls.char_matrix(address, i, ctypes.byref(m))
    upright = m.b == 0 and m.c == 0 and m.a > 0 and m.d > 0
    size = calls.font_size(address, i) * ((m.c * m.c + m.d * m.d) ** 0.5)  # the Tf size, scaled as drawn
    name = names.get(font)
    if name is None:
        name = names[font] = font_base_name(ctypes.cast(font, raw.FPDF_FONT) if font else None)
    known = fonts.get(name.split("+", 1)[-1])
    if known is not None:
        return size, known[0], upright, known[1]
    descent = ctypes.c_float()
    if not font or not size or not raw.FPDFFont_GetDescent(ctypes.cast(font, raw.FPDF_FONT), ctypes.c_float(size),
                                                           ctypes.byref(descent)):
        return size, name, upright, 0.0
    return size, name, upright, descent.value / size


def font_base_name(font) -> str:
    """A pdfium font's base name, as the PDF writes it (its subset tag included)."""
    if not font:
        return ""
    get_name = getattr(raw, "FPDFFont_GetBaseFontName", None) or raw.FPDFFont_GetFontName  # renamed in pdfium 2024
    n = get_name(font, None, 0)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer(n)
    get_name(font, buf, n)
    return buf.value.decode("utf-8", errors="replace")
