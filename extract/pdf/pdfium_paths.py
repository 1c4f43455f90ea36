"""A page's path objects, read with pdfium, as pdfminer's ``line`` / ``rect`` / ``curve`` objects
in pdfplumber's dict form (see ``pdf.pdfium``).

``page_graphics``   every path object of the page (those inside form XObjects too, their matrices
                    composed) -> dicts, and whether the page draws an image
``subpaths``        a path object -> its subpaths as pdfminer spells them (``m l c h``), in page space
``classify``        a subpath -> pdfminer's line (``m l``), rect (a closed axis-aligned ``m l l l``)
                    or curve (the rest), as pdfminer's ``paint_path`` decides
``clip_box``        a page-level object's clipping path -> the box it can paint in (device space)
``clipped``         an object's dict cut to that box, or None where nothing of it shows

Clipping is where this reader parts from pdfminer (which ignores it): a browser printing a table
row cut by the page's end draws the row's whole borders and clips them at the content box, so
without it a one-row "table" stands in the page's bottom margin (over the browser's footer).
"""

from __future__ import annotations

import ctypes
import math

import pypdfium2.raw as raw

from planuri.extract.pdf import pdfium_calls as calls


def apply_matrix(m: tuple, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def compose(m: tuple, n: tuple) -> tuple:
    """The matrix applying ``m`` then ``n``."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def page_graphics(page, to_device: tuple, height: float, width: float | None = None,
                  text_clips: dict[int, tuple] | None = None) -> tuple[list[dict], bool]:
    """The page's path objects as pdfminer's line / rect / curve dicts, and whether it draws an
    image.  What lies outside the page (``width`` by ``height``) or its clip is cut off.  The
    clip box of each text object that has one is put in ``text_clips`` (by the object's address)."""
    out: list[dict] = []
    has_images = False
    page_box = None if width is None else (0.0, 0.0, width, height)
    # objects by address, walked with the untyped calls (a page holds a text object per word or
    # line); pypdfium2's typed handle is made for the path and form objects only
    address = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    stack = [(calls.page_object(address, k), None, None) for k in range(raw.FPDFPage_CountObjects(page.raw))]
    stack.reverse()
    m = raw.FS_MATRIX()
    pm = ctypes.byref(m)
    image, path, text, form = raw.FPDF_PAGEOBJ_IMAGE, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_FORM
    while stack:
        obj, outer, box = stack.pop()
        kind = calls.object_type(ctypes.c_void_p(obj))
        if kind == image:
            has_images = True
        elif kind == path:
            handle = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
            raw.FPDFPageObj_GetMatrix(handle, pm)
            matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
            if outer is not None:
                matrix = compose(matrix, outer)
            area = _meet(page_box, box if outer is not None else clip_box(obj, to_device, height))
            out += [c for o in path_objects(obj, compose(matrix, to_device), height)
                    if (c := clipped(o, area)) is not None]
        elif kind == text and text_clips is not None:
            area = box if outer is not None else clip_box(obj, to_device, height)
            if area is not None:
                text_clips[obj] = area
        elif kind == form:
            handle = ctypes.cast(obj, raw.FPDF_PAGEOBJECT)
            raw.FPDFPageObj_GetMatrix(handle, pm)
            matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
            if outer is not None:
                matrix = compose(matrix, outer)
            else:  # the objects inside a form keep the form's own clip (theirs is in the form's space)
                box = clip_box(obj, to_device, height)
            inner = [(ctypes.cast(raw.FPDFFormObj_GetObject(handle, k), ctypes.c_void_p).value, matrix, box)
                     for k in range(raw.FPDFFormObj_CountObjects(handle))]
            stack += inner[::-1]
    return out, has_images


# an object reaching this far (pt) past its clip still counts as inside (strokes' half widths,
# rounding of the producers' coordinates)
CLIP_SLACK = 1.0


def clip_box(obj: int, to_device: tuple, height: float) -> tuple | None:
    """The box (x0, top, x1, bottom; top from the page's top) a page-level object's clipping path
    lets it paint in, or None without one.  The clip is the intersection of its paths, so the
    intersection of their bounding boxes holds all of it: cutting to that box never hides ink."""
    clip = calls.clip_path(ctypes.c_void_p(obj))
    if not clip:
        return None
    clip = ctypes.c_void_p(clip)
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    box = None
    for k in range(calls.clip_count_paths(clip)):
        pts = []
        for s in range(calls.clip_count_segments(clip, k)):
            seg = calls.clip_segment(clip, k, s)
            if seg and calls.segment_point(ctypes.c_void_p(seg), px, py):
                pts.append(apply_matrix(to_device, x.value, y.value))
        if not pts:
            continue
        xs, ys = [p[0] for p in pts], [height - p[1] for p in pts]
        box = _meet(box, (min(xs), min(ys), max(xs), max(ys)))
    return box


def _meet(a: tuple | None, b: tuple | None) -> tuple | None:
    if a is None or b is None:
        return a if b is None else b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def clipped(obj: dict, box: tuple | None) -> dict | None:
    """``obj`` cut to ``box``: None when no part of it lies inside, the object itself when all of
    it does, else a copy with its box trimmed (a curve keeps its points, its box is trimmed).
    Only the sides reaching past the clip by more than the slack are cut: a side within it stays
    where it is, as it does when the whole object lies within it.  Chromium's clip at the content
    box (7333: 0.64 pt above the page's last row end) leaves the inner borders of a row cut by
    the page whole, while the table's right border, half outside the clip, is cut: cut on every
    side, its foot rose to the clip, off the others', and the pocket of the last column was
    left open (no cell, the partners' text lost)."""
    if box is None:
        return obj
    x0, top, x1, bottom = box
    s = CLIP_SLACK
    if obj["x1"] < x0 - s or obj["x0"] > x1 + s or obj["bottom"] < top - s or obj["top"] > bottom + s:
        return None
    if obj["x0"] >= x0 - s and obj["x1"] <= x1 + s and obj["top"] >= top - s and obj["bottom"] <= bottom + s:
        return obj
    o = dict(obj)
    o["x0"] = x0 if o["x0"] < x0 - s else o["x0"]
    o["x1"] = x1 if o["x1"] > x1 + s else o["x1"]
    o["top"] = top if o["top"] < top - s else o["top"]
    o["bottom"] = bottom if o["bottom"] > bottom + s else o["bottom"]
    height = obj["top"] + obj["y1"]  # the page's height: top = height - y1
    o["y0"], o["y1"] = height - o["bottom"], height - o["top"]
    o["doctop"] = o["top"]
    o["width"], o["height"] = o["x1"] - o["x0"], o["bottom"] - o["top"]
    return o


def path_objects(obj: int, matrix: tuple, height: float) -> list[dict]:
    """One path object (its address) -> pdfminer's objects, one per subpath (``paint_path`` splits at each ``m``)."""
    handle = ctypes.c_void_p(obj)
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    calls.draw_mode(handle, ctypes.byref(fill_mode), ctypes.byref(stroke))
    fill, stroke = fill_mode.value != raw.FPDF_FILLMODE_NONE, bool(stroke.value)
    if not (fill or stroke):
        return []
    width = ctypes.c_float()
    calls.stroke_width(handle, ctypes.byref(width))
    style = {"stroke": stroke, "fill": fill, "linewidth": width.value}
    return [o for sub in subpaths(obj, matrix) if (o := classify(sub, height, style)) is not None]


def subpaths(obj: int, matrix: tuple) -> list[tuple[str, list[tuple[float, float]]]]:
    """The path's subpaths as pdfminer spells them: (shape, points), one operator letter and one
    end point each (``m`` move, ``l`` line, ``c`` Bézier, ``h`` close: back to the start)."""
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    out: list[tuple[str, list]] = []
    shape, pts = "", []
    bezier = 0
    handle = ctypes.c_void_p(obj)
    get_segment, get_type, get_point, get_close = calls.path_segment, calls.segment_type, calls.segment_point, calls.segment_close
    for k in range(calls.path_count_segments(handle)):
        seg = ctypes.c_void_p(get_segment(handle, k))
        kind = get_type(seg)
        get_point(seg, px, py)
        pt = apply_matrix(matrix, x.value, y.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            if shape:
                out.append((shape, pts))
            shape, pts = "m", [pt]
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # control points: pdfminer keeps a Bézier's end point only
            shape, pts = shape + "c", pts + [pt]
        else:
            shape, pts = shape + "l", pts + [pt]
        if get_close(seg) and shape:
            shape, pts = shape + "h", pts + [pts[0]]
    if shape:
        out.append((shape, pts))
    return out


def classify(sub: tuple[str, list], height: float, style: dict) -> dict | None:
    """A subpath -> pdfminer's line, rect or curve, in pdfplumber's dict form (top from the top)."""
    shape, pts = sub
    if not shape.startswith("m") or len(pts) < 2:
        return None
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant ``l`` before ``h``
        shape, pts = shape[:-2] + "h", pts[:-2] + pts[-1:]
    if shape in ("ml", "mlh"):
        return _obj("line", pts[:2], height, style)
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return _obj("rect", [pts[0], pts[2]], height, style)
    return _obj("curve", pts, height, style)


def _obj(kind: str, pts: list, height: float, style: dict) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    obj = {"object_type": kind, "x0": x0, "x1": x1, "y0": y0, "y1": y1, "top": height - y1, "bottom": height - y0,
           "doctop": height - y1, "width": x1 - x0, "height": y1 - y0, **style}
    if kind == "curve":
        obj["pts"] = [(x, height - y) for x, y in pts]
    return obj


def hidden(char: dict, box: tuple) -> bool:
    """Is the middle of ``char`` outside the clip ``box`` (x0, top, x1, bottom)?"""
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return (x < box[0] - CLIP_SLACK or x > box[2] + CLIP_SLACK
            or y < box[1] - CLIP_SLACK or y > box[3] + CLIP_SLACK)


def inner_clips(clips: dict[int, tuple], width: float, height: float) -> dict[int, tuple]:
    """The clips that cut inside the page: an edge at or past the page's edge cuts nothing away
    (text a table runs past the page's edge is kept, as the text layer holds it), and a clip
    covering the whole page is none."""
    out = {}
    for key, (x0, top, x1, bottom) in clips.items():
        box = (-math.inf if x0 <= CLIP_SLACK else x0, -math.inf if top <= CLIP_SLACK else top,
               math.inf if x1 >= width - CLIP_SLACK else x1, math.inf if bottom >= height - CLIP_SLACK else bottom)
        if any(math.isfinite(v) for v in box):
            out[key] = box
    return out
