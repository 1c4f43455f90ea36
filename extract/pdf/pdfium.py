"""A text PDF's pages read with pdfium (pypdfium2): characters and drawn paths in pdfplumber's form.

pdfplumber reads a page through pdfminer, in pure Python (~80% of planuri's time on a text PDF);
pdfium, in C, loads the same page's characters and path objects in milliseconds.  This module
hands the rest of planuri what pdfplumber would have handed it, so the grid, borderless and
stitching code is the same whichever reads the page:

``page_chars``      the text page's characters -> pdfplumber char dicts (``text``, ``x0``, ``x1``,
                    ``top``, ``bottom``, ``size``, ``fontname``, ``upright``): the box is the
                    glyph's advance across and the font size high from the font's descent under
                    the baseline, as pdfminer sets it; characters pdfium made up (spaces between
                    text runs, line ends) are left out, as pdfminer has none
``page_graphics``   the page's path objects (those inside form XObjects too) -> pdfminer's
                    ``line`` / ``rect`` / ``curve`` dicts (``pdf.pdfium_paths``), with ``stroke``
                    and ``fill`` from the draw mode; whether the page draws an image
``read_page``       both, for one page, as a ``PageData`` (see ``pdf.pages``)

pdfplumber's table finder then runs on these objects' edges (``ruled.plumber.graphics_tables``)
exactly as on pdfminer's.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from planuri.extract.pdf.pdfium_fonts import font_base_name, font_descents, text_object_font
from planuri.extract.pdf.pdfium_paths import apply_matrix, hidden, inner_clips, page_graphics


def _fast(name: str, restype=ctypes.c_int):
    """A private binding of a pdfium function for the per-character calls, the reader's cost:
    no ``argtypes``, so ctypes passes the arguments as they come (the text page as a
    ``c_void_p``, the index as an int, the outputs by ``byref``) without converting and
    checking each one, a third of a typed call's time."""
    from pypdfium2_raw import bindings

    fn = bindings._libs["pdfium"][name]
    fn.restype = restype
    return fn


_get_text_object = _fast("FPDFText_GetTextObject", ctypes.c_void_p)
_get_char_origin = _fast("FPDFText_GetCharOrigin")
_get_loose_box = _fast("FPDFText_GetLooseCharBox")

HYPHEN_MARKS = {"\x02": "-", "\ufffe": "-"}  # pdfium's marks for a hyphen that ends a line


@dataclass
class PageData:
    """One page as the readers hand it on: its characters and its drawn paths, pdfplumber-style."""

    number: int  # 1-based
    width: float
    height: float
    chars: list[dict]
    graphics: list[dict] = field(default_factory=list)  # line / rect / curve dicts
    has_images: bool = False


class OpenDocument:
    """A PDF a reader holds open (``self.pdf``) until ``close()`` or the end of its ``with`` block."""

    pdf: object

    def close(self) -> None:
        self.pdf.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class PdfiumDocument(OpenDocument):
    """A PDF opened with pdfium; ``page(i)`` reads page ``i`` (0-based) and closes it again."""

    def __init__(self, path: Path, password: str | None = None):
        self.pdf = pdfium.PdfDocument(str(path), password=password or None)
        self.fonts = font_descents(path, password)

    def __len__(self) -> int:
        return len(self.pdf)

    def page(self, index: int) -> PageData:
        return read_page(self.pdf, index, self.fonts)


def read_page(pdf, index: int, fonts: dict[str, tuple[str, float]] | None = None) -> PageData:
    page = pdf[index]
    try:
        to_device, width, height = device_transform(page)
        clips: dict[int, tuple] = {}
        graphics, has_images = page_graphics(page, to_device, height, width, clips)
        clips = inner_clips(clips, width, height)
        textpage = page.get_textpage()
        try:
            chars = page_chars(textpage, to_device, height, fonts or {}, page, pdf, clips)
        finally:
            textpage.close()
        return PageData(index + 1, width, height, chars, graphics, has_images)
    finally:
        page.close()


def device_transform(page) -> tuple[tuple, float, float]:
    """pdfminer's initial matrix of the page (its /Rotate and its media box's origin), and the
    page's width and height as pdfplumber reports them."""
    x0, y0, x1, y1 = page.get_mediabox()
    rotation = page.get_rotation() % 360
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1), y1 - y0, x1 - x0
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1), x1 - x0, y1 - y0
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0), y1 - y0, x1 - x0
    return (1, 0, 0, 1, -x0, -y0), x1 - x0, y1 - y0


# ---- characters ---------------------------------------------------------------------------

def page_chars(textpage, to_device: tuple, height: float, fonts: dict[str, tuple[str, float]],
               page=None, pdf=None, clips: dict[int, tuple] | None = None) -> list[dict]:
    """The page's characters that the content stream draws (spaces included), as pdfplumber's
    char dicts, in the text page's order.  Two of pdfium's own text-page rules are undone, so that
    the characters are pdfminer's: a text object holding only a space (Chromium draws each word
    space so) is left out of the text page and a space made up in its gap (it is put back: a
    drawn space, ``dropped_spaces``); a hyphen ending a line before a letter is marked (U+0002)
    and the spaces drawn after it are deleted (the hyphen is put back, and its space, when
    its text object alone shows one: ``space_after_hyphen``).  A character its text object's clip
    hides (``clips``: the clip box by text object; a header row of fixed height whose last label
    line overflows it, not shown) is not on the page."""
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    box = raw.FS_RECTF()
    pbox = ctypes.byref(box)
    address = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)  # untyped calls take it as is
    get_object, get_box, get_origin = _get_text_object, _get_loose_box, _get_char_origin
    ma, mb, mc, md, me, mf = to_device
    fonts_seen: dict[int, tuple] = {}
    names: dict[int, str] = {}  # font address -> its name, on this page
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    keys = [get_object(address, i) for i in range(n)]  # each character's text object (None: made up)
    spaces = dropped_spaces(page, set(keys), fonts) if page is not None and None in keys else {}
    hyphens: list[tuple[int, object]] = []
    out: list[dict] = []
    for i, key in enumerate(keys):
        if not key:  # made up by pdfium: a space between runs, a line end
            if spaces and out and (text[i] if text is not None else chr(raw.FPDFText_GetUnicode(tp, i))) == " ":
                space = _drawn_space(spaces, out[-1], to_device, height)
                if space is not None:
                    out.append(space)
            continue
        ch = text[i] if text is not None else chr(raw.FPDFText_GetUnicode(tp, i))
        if ch in HYPHEN_MARKS:
            ch = HYPHEN_MARKS[ch]
            hyphens.append((len(out), raw.FPDFText_GetTextObject(tp, i)))
        if not (ch.strip() or ch == " "):
            continue
        font = fonts_seen.get(key)
        if font is None:
            font = fonts_seen[key] = text_object_font(tp, i, raw.FPDFText_GetTextObject(tp, i), fonts, names)
        size, fontname, upright, descent = font
        if upright:
            get_origin(address, i, pox, poy)
            get_box(address, i, pbox)
            bottom = oy.value + descent * size
            left, right, top = ox.value, box.right, bottom + size
            # ``apply_matrix`` written out (two calls a character otherwise)
            x0, y0 = ma * left + mc * bottom + me, mb * left + md * bottom + mf
            x1, y1 = ma * right + mc * top + me, mb * right + md * top + mf
        else:  # rotated text: the glyph's own box
            raw.FPDFText_GetCharBox(tp, i, *(ctypes.byref(v) for v in _DOUBLES))
            left, right, bottom, top = (v.value for v in _DOUBLES)
            x0, y0 = apply_matrix(to_device, left, bottom)
            x1, y1 = apply_matrix(to_device, right, top)
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        char = {"text": ch, "x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0,
                "size": size, "fontname": fontname, "upright": upright}
        if clips and key in clips and hidden(char, clips[key]):
            continue
        if spaces and out and out[-1]["text"] != " " and upright and _same_line(out[-1], char):
            # a drawn space so close to the next glyph that pdfium made none up in its place
            space = _drawn_space(spaces, out[-1], to_device, height, before=char)
            if space is not None:
                out.append(space)
        out.append(char)
    for at, obj in reversed(hyphens):
        width = space_after_hyphen(pdf, page, obj) if pdf is not None and page is not None else None
        h = out[at]
        if width:
            out.insert(at + 1, {**h, "text": " ", "x0": h["x1"], "x1": h["x1"] + width})
        elif spaces and (at + 1 == len(out) or out[at + 1]["text"] != " "):
            space = _drawn_space(spaces, h, to_device, height)  # drawn in an object of its own (Chromium)
            if space is not None:
                out.insert(at + 1, space)
    return out


def dropped_spaces(page, seen: set, fonts: dict[str, tuple[str, float]]) -> dict[int, list[tuple]]:
    """The text objects pdfium left out of the text page (``seen``: the addresses of those in
    it; left out: a drawn space alone in its object), by their rounded baseline: (x, y, size,
    font name, descent) in user space."""
    out: dict[int, list[tuple]] = {}
    m = raw.FS_MATRIX()
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = raw.FPDFPage_GetObject(page.raw, k)
        if (raw.FPDFPageObj_GetType(obj) != raw.FPDF_PAGEOBJ_TEXT
                or ctypes.cast(obj, ctypes.c_void_p).value in seen):
            continue
        raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m))
        if m.b or m.c or m.d <= 0:
            continue
        size = ctypes.c_float()
        raw.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        name = font_base_name(raw.FPDFTextObj_GetFont(obj))
        fontname, descent = fonts.get(name.split("+", 1)[-1], (name, 0.0))
        out.setdefault(round(m.f), []).append((m.e, m.f, size.value * m.d, fontname, descent))
    return out


def _drawn_space(spaces: dict[int, list[tuple]], prev: dict, to_device: tuple, height: float,
                 before: dict | None = None) -> dict | None:
    """A drawn space standing where pdfium made one up after ``prev`` (on its baseline, from its
    end to at most a space's width further) -- or, with ``before``, between ``prev`` and that
    next glyph of its line (a narrow gap: pdfium made none up) -- as pdfminer's char; its width:
    up to the next word, as drawn (unknown to pdfium), estimated as ``SPACE_EM`` of its size."""
    ma, _, mc, _, me, _ = to_device
    end = prev["x1"]
    for found in (spaces.get(r) for r in _near_keys(prev, to_device, height)):
        for x, y, size, fontname, descent in found or ():
            left = ma * x + mc * y + me  # ``apply_matrix``'s x, written out: a line's spaces are many
            snap = SPACE_SNAP * (size if size > 1 else 1)
            if (abs(left - end) <= snap if before is None
                    else end - snap <= left < before["x0"] - snap):
                x0, y0 = apply_matrix(to_device, x, y + descent * size)
                x1, y1 = apply_matrix(to_device, x + SPACE_EM * size, y + descent * size + size)
                return {"text": " ", "x0": min(x0, x1), "x1": max(x0, x1), "top": height - max(y0, y1),
                        "bottom": height - min(y0, y1), "size": size, "fontname": fontname, "upright": True}
    return None


SPACE_EM = 0.25  # a drawn space's width in font sizes where pdfium does not tell it (Liberation Serif's)
SPACE_SNAP = 0.1  # a drawn space starts within this share of its size of the end of the glyph before it


def _same_line(a: dict, b: dict) -> bool:
    """Is ``b`` the glyph after ``a`` on its line (the same baseline band, further right)?"""
    return abs(a["bottom"] - b["bottom"]) < SAME_LINE * max(a["size"], 1) and b["x0"] >= a["x1"] - SPACE_SNAP * max(a["size"], 1)


SAME_LINE = 0.2  # share of the size two glyphs' bottoms may differ by on one line (sub/superscripts apart)


def _near_keys(prev: dict, to_device: tuple, height: float) -> list[int]:
    """Rounded user-space baselines near the character ``prev`` (upright pages: its box's bottom
    less its descent is not known here, so the box's span is searched)."""
    inv = _invert(to_device)
    _, ya = apply_matrix(inv, prev["x0"], height - prev["bottom"])
    _, yb = apply_matrix(inv, prev["x0"], height - prev["top"])
    lo, hi = sorted((ya, yb))
    return list(range(int(lo) - 1, int(hi) + 2))


@lru_cache(maxsize=64)
def _invert(m: tuple) -> tuple:  # (remembered: a page's characters share its device matrix)
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def space_after_hyphen(pdf, page, obj) -> float | None:
    """The width of the space drawn after the hyphen that ends text object ``obj``, or None when
    none is: pdfium deletes it from the page's text, so the object is read again alone, on a
    scratch page (moved there: the page is read already, and is parsed afresh if loaded again)."""
    n_pages = len(pdf)
    scratch = raw.FPDFPage_New(pdf.raw, n_pages, 100, 100)
    try:
        if not raw.FPDFPage_RemoveObject(page.raw, obj):
            return None
        raw.FPDFPage_InsertObject(scratch, obj)
        tp = raw.FPDFText_LoadPage(scratch)
        try:
            k = raw.FPDFText_CountChars(tp) - 1
            width = None
            while k > 0 and raw.FPDFText_GetUnicode(tp, k) == 32 and raw.FPDFText_IsGenerated(tp, k) == 0:
                box = raw.FS_RECTF()
                raw.FPDFText_GetLooseCharBox(tp, k, ctypes.byref(box))
                width = (width or 0.0) + box.right - box.left
                k -= 1
            return width if k >= 0 and chr(raw.FPDFText_GetUnicode(tp, k)) in "-\u2010\u2011" else None
        finally:
            raw.FPDFText_ClosePage(tp)
    finally:
        raw.FPDF_ClosePage(scratch)
        raw.FPDFPage_Delete(pdf.raw, n_pages)


_DOUBLES = tuple(ctypes.c_double() for _ in range(4))


def _page_text(tp, n: int) -> str | None:
    """All the text page's characters in one call (None when they do not map one to one)."""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    raw.FPDFText_GetText(tp, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * n].decode("utf-16-le", errors="replace")
    return text if len(text) == n else None
