"""pdfium's per-character calls, bound for speed: the reader makes a few a character, and they
are its cost.

pypdfium2's bindings declare each function's ``argtypes``, so every call converts and checks its
arguments.  These bindings leave ``argtypes`` out: ctypes passes the arguments as they come (a
handle as a ``c_void_p``, an index as an int, an output by ``byref``), a third of a typed call's
time.  A handle must be passed as a ``c_void_p``: a bare int would be cut to 32 bits.
"""

from __future__ import annotations

import ctypes


def untyped(name: str, restype=ctypes.c_int):
    """A private binding of pdfium's function ``name`` (not pypdfium2's: that keeps its types)."""
    from pypdfium2_raw import bindings

    fn = bindings._libs["pdfium"][name]
    fn.restype = restype
    return fn


text_object = untyped("FPDFText_GetTextObject", ctypes.c_void_p)  # (text page, i) -> its text object
char_origin = untyped("FPDFText_GetCharOrigin")  # (text page, i, &x, &y)
loose_box = untyped("FPDFText_GetLooseCharBox")  # (text page, i, &FS_RECTF)
char_matrix = untyped("FPDFText_GetMatrix")  # (text page, i, &FS_MATRIX)
font_size = untyped("FPDFText_GetFontSize", ctypes.c_double)  # (text page, i) -> the Tf size
object_font = untyped("FPDFTextObj_GetFont", ctypes.c_void_p)  # (text object) -> its font
page_object = untyped("FPDFPage_GetObject", ctypes.c_void_p)  # (page, k) -> its k-th object
object_type = untyped("FPDFPageObj_GetType")  # (object) -> FPDF_PAGEOBJ_*
object_matrix = untyped("FPDFPageObj_GetMatrix")  # (object, &FS_MATRIX)
object_font_size = untyped("FPDFTextObj_GetFontSize")  # (text object, &float)
clip_path = untyped("FPDFPageObj_GetClipPath", ctypes.c_void_p)  # (object) -> its clip path, or null
clip_count_paths = untyped("FPDFClipPath_CountPaths")  # (clip path) -> its paths
clip_count_segments = untyped("FPDFClipPath_CountPathSegments")  # (clip path, k) -> path k's segments
clip_segment = untyped("FPDFClipPath_GetPathSegment", ctypes.c_void_p)  # (clip path, k, s) -> a segment
segment_point = untyped("FPDFPathSegment_GetPoint")  # (segment, &x, &y)
draw_mode = untyped("FPDFPath_GetDrawMode")  # (path object, &fill mode, &stroke)
stroke_width = untyped("FPDFPageObj_GetStrokeWidth")  # (object, &float)
path_count_segments = untyped("FPDFPath_CountSegments")  # (path object) -> its segments
path_segment = untyped("FPDFPath_GetPathSegment", ctypes.c_void_p)  # (path object, k) -> segment k
segment_type = untyped("FPDFPathSegment_GetType")  # (segment) -> FPDF_SEGMENT_*
segment_close = untyped("FPDFPathSegment_GetClose")  # (segment) -> does it close its subpath
