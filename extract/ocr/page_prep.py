"""A scanned page image made ready for the grid and OCR: paper made white, turned straight.

An office scan is grey, lit unevenly, noisy, and turned by a degree or so on the glass; a
page may be fed upside down.  Each step is a small function whose result can be looked at:

``paper_to_white``     grey image -> the same with its paper white (divided by the background,
                       estimated by a grey closing that removes the ink), noise smoothed
``ink_points``         image -> the coordinates of its ink at a working resolution
``skew_angle``         ink points -> the angle its lines (text lines and ruling lines) run at:
                       the angle whose row profile is the sharpest (projection profile)
``turn``               image, angle -> the image turned back about its centre, on the same
                       canvas, so that coordinates read on it are the page's own
``upside_down``        a straight image -> whether its text stands on its head (ascenders
                       below the line rather than above), confirmed by tesseract's OSD
``prepare``            the chain, with what it found (``Prepared``)
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass

import cv2
import numpy as np


@dataclass(frozen=True)
class PrepSettings:
    enabled: bool = True  # False: the page image goes to the grid and OCR as rendered
    max_angle: float = 5.0  # degrees either way searched for a skew (a page is laid on the glass by hand)
    coarse_step: float = 0.2  # degrees between the angles tried first
    fine_step: float = 0.02  # degrees between the angles tried around the best one
    min_angle: float = 0.08  # a smaller skew is left alone: turning costs a little sharpness
    work_dpi: float = 100.0  # resolution the angle is measured at (lines 1/6 inch apart are 16 px)
    max_points: int = 400_000  # ink pixels the profile is built from at most
    background: float = 0.12  # inches: a closing this wide removes every stroke and keeps the paper
    noise_smooth: float = 4.0  # grey levels of noise on the paper above which a 3x3 median is applied
    flip_ratio: float = 1.15  # ink below the lines' cores over ink above it from which a page is upside down
    osd: bool = True  # confirm an upside-down page by tesseract's orientation detection
    osd_timeout: float = 30.0  # seconds tesseract's orientation detection may take on one page
    background_scale: float = 0.25  # the background is estimated on the page shrunk this much (4x faster, as smooth)
    line_core: float = 0.5  # share of a text line's peak ink from which a pixel row is the line's core (x-height)
    # a page with less ink than this share of its pixels (a blank page, a page number alone: 0.004%) has its paper
    # made pure white before tesseract reads it whole: its binarization of a page of noise alone finds specks
    # everywhere and took 111 s on one office-scan page (a text page has 2-8% ink, one short line 0.05%)
    blank_ink: float = 0.002
    paper_white: int = 224  # grey levels from which such a page's pixels are paper (ink is under 128)


@dataclass(frozen=True)
class Prepared:
    image: np.ndarray
    angle: float = 0.0  # degrees (counter-clockwise) the page was turned on the scanner, turned back
    upside_down: bool = False  # the page was turned by 180 degrees, turned back
    paper: float = 255.0  # grey level of the paper before it was made white
    noise: float = 0.0  # grey levels of noise on the paper


INK = 128  # grey levels under this are ink on a page made ready (its paper white)
MAD_TO_SIGMA = 1.4826  # a normal spread's standard deviation from its median absolute deviation


def paper_level(grey: np.ndarray) -> tuple[float, float]:
    """The paper's grey level and its noise (median and spread of the lightest half of the page)."""
    sample = grey[::4, ::4].ravel()
    light = sample[sample >= np.median(sample)]
    level = float(np.median(light))
    return level, float(np.median(np.abs(light.astype(np.float32) - level)) * MAD_TO_SIGMA)


def paper_to_white(grey: np.ndarray, dpi: float, settings: PrepSettings) -> np.ndarray:
    """The page divided by its background (a closing wider than any stroke, done at a quarter of
    the resolution): grey paper and uneven light become white, the ink keeps its contrast."""
    _, noise = paper_level(grey)
    if noise > settings.noise_smooth:
        grey = cv2.medianBlur(grey, 3)
    small = cv2.resize(grey, None, fx=settings.background_scale, fy=settings.background_scale,
                       interpolation=cv2.INTER_AREA)
    k = max(3, int(settings.background * dpi * settings.background_scale) | 1)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k, k)))
    background = cv2.GaussianBlur(background, (0, 0), k / 2)
    background = cv2.resize(background, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    return cv2.divide(grey, np.maximum(background, 1), scale=255)


def ink_mask(grey: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def ink_points(grey: np.ndarray, dpi: float, settings: PrepSettings) -> tuple[np.ndarray, np.ndarray]:
    """x and y (pixels at ``work_dpi``) of the page's ink, thinned evenly to ``max_points``."""
    f = min(1.0, settings.work_dpi / dpi)
    small = cv2.resize(grey, None, fx=f, fy=f, interpolation=cv2.INTER_AREA) if f < 1 else grey
    ys, xs = np.nonzero(ink_mask(small))
    step = max(1, len(xs) // settings.max_points)
    return xs[::step].astype(np.float32), ys[::step].astype(np.float32)


def profile_sharpness(xs: np.ndarray, ys: np.ndarray, angle: float) -> float:
    """How sharp the row profile is when the ink is looked at along lines at ``angle`` degrees
    (counter-clockwise): the sum of squared row counts, highest when the lines lie in rows."""
    rows = ys + xs * np.tan(np.radians(angle))
    counts = np.bincount(np.round(rows - rows.min()).astype(np.int64))
    return float(np.dot(counts, counts))


def skew_angle(xs: np.ndarray, ys: np.ndarray, settings: PrepSettings) -> float:
    """The angle (degrees, counter-clockwise) the page's lines run at, coarse then fine."""
    if len(xs) < 50:
        return 0.0
    coarse = np.arange(-settings.max_angle, settings.max_angle + settings.fine_step / 2, settings.coarse_step)
    best = max(coarse, key=lambda a: profile_sharpness(xs, ys, a))
    fine = np.arange(best - settings.coarse_step, best + settings.coarse_step + settings.fine_step / 2, settings.fine_step)
    return float(max(fine, key=lambda a: profile_sharpness(xs, ys, a)))


def turn(grey: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by ``angle`` degrees (counter-clockwise) about its centre, paper filling in."""
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def line_asymmetry(grey: np.ndarray, dpi: float, settings: PrepSettings) -> tuple[float, float]:
    """Ink above and below the cores (x-height) of the page's text lines, ruling lines taken out.

    Latin capitals, ascenders and accents stand above a line's core far more than descenders
    and commas hang below it: upright text has more ink above, text on its head more below.
    The page is cut into strips an inch wide so that one strip holds mostly one column; it is
    looked at with at most 150 dpi (enough for a line's core to show)."""
    if dpi > 150:
        grey = cv2.resize(grey, None, fx=150 / dpi, fy=150 / dpi, interpolation=cv2.INTER_AREA)
        dpi = 150
    ink = ink_mask(grey)
    for kernel in ((max(8, int(dpi / 4)), 1), (1, max(8, int(dpi / 4)))):
        ink = cv2.subtract(ink, cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT,
                                                                                              kernel)))
    above = below = 0.0
    strip = max(20, int(dpi))
    for x in range(0, ink.shape[1], strip):
        profile = (ink[:, x:x + strip] > 0).sum(axis=1).astype(np.float64)
        rows = np.flatnonzero(profile)
        if not len(rows):
            continue
        breaks = np.flatnonzero(np.diff(rows) > 1)
        for run in np.split(rows, breaks + 1):
            line = profile[run[0]:run[-1] + 1]
            if len(line) < dpi / 30 or len(line) > dpi / 2:  # specks, or lines merged into a block
                continue
            core = np.flatnonzero(line >= settings.line_core * line.max())
            above += line[:core[0]].sum()
            below += line[core[-1] + 1:].sum()
    return above, below


def osd_rotation(grey: np.ndarray, binary: str, settings: PrepSettings) -> int | None:
    """Degrees tesseract's orientation detection says the page must be turned by (None: unsure)."""
    ok, png = cv2.imencode(".png", grey)
    try:
        done = subprocess.run([binary, "stdin", "stdout", "--psm", "0"], input=png.tobytes(), capture_output=True,
                              timeout=settings.osd_timeout, env={"OMP_THREAD_LIMIT": "1", "PATH": ""})
    except (subprocess.TimeoutExpired, OSError):
        return None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("Rotate:"):
            return int(line.split(":")[1])
    return None


def upside_down(grey: np.ndarray, dpi: float, settings: PrepSettings, binary: str | None = None) -> bool:
    above, below = line_asymmetry(grey, dpi, settings)
    if below <= settings.flip_ratio * above:
        return False
    if settings.osd and binary:  # a page of capitals or of numbers may fool the profile
        rotation = osd_rotation(grey, binary, settings)
        return rotation == 180 if rotation is not None else True
    return True


def prepare(grey: np.ndarray, dpi: float, settings: PrepSettings = PrepSettings(), binary: str | None = None
            ) -> Prepared:
    """The page ready for the grid and OCR, and what was done to it."""
    if not settings.enabled:
        return Prepared(grey)
    level, noise = paper_level(grey)
    image = paper_to_white(grey, dpi, settings)
    angle = skew_angle(*ink_points(image, dpi, settings), settings)
    if abs(angle) >= settings.min_angle:
        image = turn(image, -angle)
    else:
        angle = 0.0
    flipped = upside_down(image, dpi, settings, binary)
    if flipped:
        image = np.ascontiguousarray(image[::-1, ::-1])
    return Prepared(image, round(angle, 2), flipped, level, noise)


def quiet_blank(image: np.ndarray, settings: PrepSettings = PrepSettings()) -> np.ndarray:
    """A page with almost no ink (under ``blank_ink`` of its pixels darker than ``INK``) with its
    paper's noise made pure white (pixels from ``paper_white`` up); any other page as it is."""
    if (image < INK).mean() >= settings.blank_ink:
        return image
    out = image.copy()
    out[out >= settings.paper_white] = 255
    return out
