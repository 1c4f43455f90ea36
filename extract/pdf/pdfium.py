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
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from planuri.extract.pdf import pdfium_calls as calls
from planuri.extract.pdf.pdfium_fonts import font_descents, text_object_font
from planuri.extract.pdf.pdfium_paths import apply_matrix, hidden, inner_clips, page_graphics
from planuri.extract.pdf.pdfium_spaces import DroppedSpaces, dropped_spaces, same_line


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
    drawn space, ``pdfium_spaces``); a hyphen ending a line before a letter is marked (U+0002)
    and the spaces drawn after it are deleted (the hyphen is put back, and its space, when
    its text object alone shows one: ``space_after_hyphen``).  A character its text object's clip
    hides (``clips``: the clip box by text object; a header row of fixed height whose last label
    line overflows it, not shown) is not on the page.  A page with none of these (most pages)
    is its glyphs as ``glyphs`` reads them."""
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = _page_text(tp, n)
    if text is None:
        text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))
    address = ctypes.c_void_p(ctypes.cast(tp, ctypes.c_void_p).value)  # untyped calls take it as is
    keys = [calls.text_object(address, i) for i in range(n)]  # each character's text object (None: made up)
    spaces = DroppedSpaces(dropped_spaces(page, set(keys), fonts) if page is not None and None in keys else {},
                           to_device, height)
    found, hyphen_at = glyphs(tp, address, text, keys, fonts, to_device, height)
    if not (spaces or clips or hyphen_at):  # the plain page: its glyphs as they come
        return [char for char in found if char is not None]
    hyphens: list[tuple[int, object]] = []
    out: list[dict] = []
    for i, char in enumerate(found):
        if char is None:
            if not keys[i] and spaces and out and text[i] == " ":  # made up by pdfium: a space between runs
                space = spaces.after(out[-1])
                if space is not None:
                    out.append(space)
            continue
        if i in hyphen_at:
            hyphens.append((len(out), raw.FPDFText_GetTextObject(tp, i)))
        key = keys[i]
        if clips and key in clips and hidden(char, clips[key]):
            continue
        if spaces and out and out[-1]["text"] != " " and char["upright"] and same_line(out[-1], char):
            # a drawn space so close to the next glyph that pdfium made none up in its place
            space = spaces.after(out[-1], before=char)
            if space is not None:
                out.append(space)
        out.append(char)
    for at, obj in reversed(hyphens):
        width = space_after_hyphen(pdf, page, obj) if pdf is not None and page is not None else None
        h = out[at]
        if width:
            out.insert(at + 1, {**h, "text": " ", "x0": h["x1"], "x1": h["x1"] + width})
        elif spaces and (at + 1 == len(out) or out[at + 1]["text"] != " "):
            space = spaces.after(h)  # drawn in an object of its own (Chromium)
            if space is not None:
                out.insert(at + 1, space)
    return out


def glyphs(tp, address, text: str, keys: list, fonts: dict[str, tuple[str, float]], to_device: tuple,
           height: float) -> tuple[list[dict | None], set[int]]:
    """Each text-page character's char dict (None: made up by pdfium, or not a glyph), and the
    indexes of pdfium's line-end hyphens (their text: ``-``).  An upright character's box is its
    advance across (from its origin to its loose box's right) and its font size high from the
    font's descent under the baseline; these are worked out on arrays, a page at a time."""
    get_box, get_origin = calls.loose_box, calls.char_origin
    found: list[dict | None] = [None] * len(keys)
    hyphen_at: set[int] = set()
    fonts_seen: dict[int, tuple] = {}
    names: dict[int, str] = {}  # font address -> its name, on this page
    at: list[int] = []  # the upright glyphs: index, text, size, font name, descent
    texts: list[str] = []
    sizes: list[float] = []
    fontnames: list[str] = []
    descents: list[float] = []
    for i, key in enumerate(keys):
        if not key:
            continue
        ch = text[i]
        if ch in HYPHEN_MARKS:
            ch = HYPHEN_MARKS[ch]
            hyphen_at.add(i)
        elif not (ch.strip() or ch == " "):
            continue
        font = fonts_seen.get(key)
        if font is None:
            font = fonts_seen[key] = text_object_font(address, i, fonts, names)
        size, fontname, upright, descent = font
        if upright:
            at.append(i)
            texts.append(ch)
            sizes.append(size)
            fontnames.append(fontname)
            descents.append(descent)
        else:  # rotated text: the glyph's own box
            found[i] = _rotated_char(tp, i, ch, size, fontname, to_device, height)
    if not at:
        return found, hyphen_at
    box = raw.FS_RECTF()
    pbox = ctypes.byref(box)
    ox, oy = ctypes.c_double(), ctypes.c_double()
    pox, poy = ctypes.byref(ox), ctypes.byref(oy)
    lefts, baselines, rights = [], [], []
    for i in at:
        get_origin(address, i, pox, poy)
        get_box(address, i, pbox)
        lefts.append(ox.value)
        baselines.append(oy.value)
        rights.append(box.right)
    ma, mb, mc, md, me, mf = to_device
    size = np.array(sizes)
    left, right = np.array(lefts), np.array(rights)
    bottom = np.array(baselines) + np.array(descents) * size
    top = bottom + size
    x0, y0 = ma * left + mc * bottom + me, mb * left + md * bottom + mf
    x1, y1 = ma * right + mc * top + me, mb * right + md * top + mf
    chars = [{"text": ch, "x0": a, "x1": b, "top": t, "bottom": u, "size": s, "fontname": f, "upright": True}
             for ch, a, b, t, u, s, f in zip(
                 texts, np.minimum(x0, x1).tolist(), np.maximum(x0, x1).tolist(),
                 (height - np.maximum(y0, y1)).tolist(), (height - np.minimum(y0, y1)).tolist(), sizes, fontnames)]
    for i, char in zip(at, chars):
        found[i] = char
    return found, hyphen_at


def _rotated_char(tp, i: int, ch: str, size: float, fontname: str, to_device: tuple, height: float) -> dict:
    raw.FPDFText_GetCharBox(tp, i, *(ctypes.byref(v) for v in _DOUBLES))
    left, right, bottom, top = (v.value for v in _DOUBLES)
    x0, y0 = apply_matrix(to_device, left, bottom)
    x1, y1 = apply_matrix(to_device, right, top)
    return {"text": ch, "x0": min(x0, x1), "x1": max(x0, x1), "top": height - max(y0, y1),
            "bottom": height - min(y0, y1), "size": size, "fontname": fontname, "upright": False}


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
