"""The word spaces pdfium leaves out of a page's text, put back as pdfminer has them.

Chromium draws each word space as a text object of its own; pdfium's text page leaves such an
object out and makes up a space of its own in the gap, or none when the gap is narrow.
``dropped_spaces`` finds the objects left out, by their rounded baseline; a ``DroppedSpaces``
index of them answers, for a glyph, which of them stands right after it (``after``): a page
asks that for every glyph of a line, so the spaces of a baseline are sorted across and searched
by bisection, not scanned.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left
from functools import lru_cache

import pypdfium2.raw as raw

from planuri.extract.pdf import pdfium_calls as calls
from planuri.extract.pdf.pdfium_fonts import font_base_name
from planuri.extract.pdf.pdfium_paths import apply_matrix

SPACE_EM = 0.25  # a drawn space's width in font sizes where pdfium does not tell it (Liberation Serif's)
SPACE_SNAP = 0.1  # a drawn space starts within this share of its size of the end of the glyph before it
SAME_LINE = 0.2  # share of the size two glyphs' bottoms may differ by on one line (sub/superscripts apart)


def dropped_spaces(page, seen: set, fonts: dict[str, tuple[str, float]]) -> dict[int, list[tuple]]:
    """The text objects pdfium left out of the text page (``seen``: the addresses of those in
    it; left out: a drawn space alone in its object), by their rounded baseline: (x, y, size,
    font name, descent) in user space."""
    out: dict[int, list[tuple]] = {}
    m, size = raw.FS_MATRIX(), ctypes.c_float()
    pm, psize = ctypes.byref(m), ctypes.byref(size)
    names: dict[int, str] = {}  # font address -> its name
    address = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    text = raw.FPDF_PAGEOBJ_TEXT
    for k in range(raw.FPDFPage_CountObjects(page.raw)):
        obj = calls.page_object(address, k)
        if obj in seen:
            continue
        handle = ctypes.c_void_p(obj)
        if calls.object_type(handle) != text:
            continue
        calls.object_matrix(handle, pm)
        if m.b or m.c or m.d <= 0:
            continue
        calls.object_font_size(handle, psize)
        font = calls.object_font(handle)
        name = names.get(font)
        if name is None:
            name = names[font] = font_base_name(ctypes.cast(font, raw.FPDF_FONT) if font else None)
        fontname, descent = fonts.get(name.split("+", 1)[-1], (name, 0.0))
        out.setdefault(round(m.f), []).append((m.e, m.f, size.value * m.d, fontname, descent))
    return out


class DroppedSpaces:
    """A page's dropped spaces (``dropped_spaces``) by rounded baseline, each baseline's sorted
    by where they start across the page (device space)."""

    def __init__(self, spaces: dict[int, list[tuple]], to_device: tuple, height: float):
        self.to_device, self.height = to_device, height
        ma, mb, mc, _, me, _ = to_device
        self._upright = mb == 0 and mc == 0  # a baseline's device y does not depend on x
        self._near: dict[tuple, list[int]] = {}
        self._by_key: dict[int, tuple[list[float], list[tuple], float]] = {}
        for r, found in spaces.items():
            # ``apply_matrix``'s x, written out; k: the order the page draws them in
            entries = sorted((ma * s[0] + mc * s[1] + me, k, s) for k, s in enumerate(found))
            reach = max(SPACE_SNAP * (s[2] if s[2] > 1 else 1) for s in found)
            self._by_key[r] = ([e[0] for e in entries], entries, reach)

    def __bool__(self) -> bool:
        return bool(self._by_key)

    def after(self, prev: dict, before: dict | None = None) -> dict | None:
        """A drawn space standing where pdfium made one up after ``prev`` (on its baseline, from
        its end to at most a space's width further) -- or, with ``before``, between ``prev`` and
        that next glyph of its line (a narrow gap: pdfium made none up) -- as pdfminer's char;
        its width: up to the next word, as drawn (unknown to pdfium), estimated as ``SPACE_EM``
        of its size.  Of several, the first the page draws, on the lowest baseline near."""
        end = prev["x1"]
        for r in self._near_keys(prev):
            got = self._by_key.get(r)
            if got is None:
                continue
            lefts, entries, reach = got
            limit = end + reach if before is None else before["x0"]
            best = None
            for j in range(bisect_left(lefts, end - reach), len(lefts)):
                left, k, space = entries[j]
                if left > limit:
                    break
                size = space[2]
                snap = SPACE_SNAP * (size if size > 1 else 1)
                if ((abs(left - end) <= snap if before is None else end - snap <= left < before["x0"] - snap)
                        and (best is None or k < best[0])):
                    best = (k, space)
            if best is not None:
                return self._char(best[1])
        return None

    def _char(self, space: tuple) -> dict:
        x, y, size, fontname, descent = space
        to_device, height = self.to_device, self.height
        x0, y0 = apply_matrix(to_device, x, y + descent * size)
        x1, y1 = apply_matrix(to_device, x + SPACE_EM * size, y + descent * size + size)
        return {"text": " ", "x0": min(x0, x1), "x1": max(x0, x1), "top": height - max(y0, y1),
                "bottom": height - min(y0, y1), "size": size, "fontname": fontname, "upright": True}

    def _near_keys(self, prev: dict) -> list[int]:
        """Rounded user-space baselines near the character ``prev`` (its box's bottom less its
        descent is not known here, so the box's span is searched); remembered by the box's
        span across (and its x, on a turned page): a line's glyphs share it."""
        key = (prev["bottom"], prev["top"]) if self._upright else (prev["x0"], prev["bottom"], prev["top"])
        keys = self._near.get(key)
        if keys is None:
            keys = self._near[key] = near_keys(prev, self.to_device, self.height)
        return keys


def near_keys(prev: dict, to_device: tuple, height: float) -> list[int]:
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


def same_line(a: dict, b: dict) -> bool:
    """Is ``b`` the glyph after ``a`` on its line (the same baseline band, further right)?"""
    return abs(a["bottom"] - b["bottom"]) < SAME_LINE * max(a["size"], 1) and b["x0"] >= a["x1"] - SPACE_SNAP * max(a["size"], 1)
