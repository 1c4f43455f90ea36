"""A rendered PDF -> the same pages as an office scanner stores them (images only, no text layer).

``scan``         clean: each page rasterized straight at the scanner's resolution, grey, lossless
``office-scan``  degraded as a copier does it: each page turned by a small angle (either way,
                 drawn per page), softened (blur), on grey paper lit unevenly, with noise and
                 dust, stored as JPEG

Every draw comes from a seed, so a rendering is reproducible.  Each step is a function of its
own (``turn``, ``soften``, ``paper``, ``grain``) on a grey page image, so that a test can build a
page with one degradation alone.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from sample_render import strip_pdf_dates

RESOLUTIONS = (150, 200, 240, 300)  # dpi an office scanner is set to
ANGLE = (0.4, 1.5)  # degrees a page is turned on the glass, either way
BLUR = (0.4, 1.1)  # Gaussian sigma in pixels at 300 dpi (scaled with the resolution)
PAPER = (200, 238)  # grey level of the paper (white is 255)
LIGHT = 14  # grey levels the lighting falls off across a page at most
INK = (10, 45)  # grey level of the ink
NOISE = (3.0, 9.0)  # standard deviation of the sensor noise, grey levels
DUST = 4e-6  # specks per pixel
JPEG = (45, 85)  # JPEG quality


@dataclass(frozen=True)
class PageLook:
    """How one page comes out of the scanner."""

    angle: float = 0.0  # degrees, counter-clockwise positive
    blur: float = 0.0  # Gaussian sigma, pixels
    paper: int = 255
    ink: int = 0
    light: float = 0.0  # fall-off of the lighting across the page, grey levels
    light_dir: float = 0.0  # radians: the direction the lighting falls off in
    noise: float = 0.0
    dust: float = 0.0


@dataclass(frozen=True)
class ScanLook:
    """How one document is scanned: one resolution and one JPEG quality, a look per page."""

    dpi: int = 300
    jpeg: int | None = None  # None: lossless
    seed: int = 0
    degraded: bool = False

    def page(self, index: int) -> PageLook:
        if not self.degraded:
            return PageLook()
        rng = random.Random(f"{self.seed}-page-{index}")
        scale = self.dpi / 300
        return PageLook(angle=rng.choice((-1, 1)) * rng.uniform(*ANGLE), blur=rng.uniform(*BLUR) * scale,
                        paper=rng.randint(*PAPER), ink=rng.randint(*INK), light=rng.uniform(0, LIGHT),
                        light_dir=rng.uniform(0, 2 * np.pi), noise=rng.uniform(*NOISE), dust=DUST)


def draw_look(seed: int, degraded: bool) -> ScanLook:
    rng = random.Random(f"{seed}-scan")
    if not degraded:
        return ScanLook(dpi=rng.choice((200, 300)), seed=seed)
    return ScanLook(dpi=rng.choice(RESOLUTIONS), jpeg=rng.randint(*JPEG), seed=seed, degraded=True)


def turn(grey: np.ndarray, angle: float, fill: int = 255) -> np.ndarray:
    """The page turned by ``angle`` degrees about its centre, on the same canvas."""
    if not angle:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=fill)


def soften(grey: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(grey, (0, 0), sigma) if sigma > 0 else grey


def paper(grey: np.ndarray, look: PageLook) -> np.ndarray:
    """White -> the paper's grey, black -> the ink's, the lighting falling off across the page."""
    h, w = grey.shape
    level = grey.astype(np.float32) / 255.0
    out = look.ink + level * (look.paper - look.ink)
    if look.light:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        along = (xx / w - 0.5) * np.cos(look.light_dir) + (yy / h - 0.5) * np.sin(look.light_dir)
        out -= (along + 0.5) * look.light * level
    return out


def grain(values: np.ndarray, look: PageLook, rng: np.random.Generator) -> np.ndarray:
    """Sensor noise and dust specks; back to 8-bit grey."""
    out = values + rng.normal(0, look.noise, values.shape) if look.noise else values
    out = np.clip(out, 0, 255).astype(np.uint8)
    specks = int(look.dust * out.size)
    if specks:
        ys, xs = rng.integers(0, out.shape[0], specks), rng.integers(0, out.shape[1], specks)
        for y, x in zip(ys, xs):
            cv2.circle(out, (int(x), int(y)), int(rng.integers(1, 3)), int(look.ink + 40), -1)
    return out


def scan_page(grey: np.ndarray, look: PageLook, seed: int = 0) -> np.ndarray:
    """One rendered page (white paper, black ink) as it comes out of the scanner."""
    if look == PageLook():
        return grey
    out = soften(turn(grey, look.angle), look.blur)
    return grain(paper(out, look), look, np.random.default_rng(seed))


def render_pages(pdf: Path, dpi: int):
    """The PDF's pages as grey images at ``dpi`` (pdfium)."""
    import pypdfium2

    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        for page in doc:
            try:
                array = page.render(scale=dpi / 72.0, grayscale=True).to_numpy()
                yield np.array(array[:, :, 0] if array.ndim == 3 else array)
            finally:
                page.close()
    finally:
        doc.close()


def encode(grey: np.ndarray, look: ScanLook) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    image = Image.fromarray(grey, "L")
    if look.jpeg is None:
        image.save(buf, "PNG", dpi=(look.dpi, look.dpi))
    else:
        image.save(buf, "JPEG", quality=look.jpeg, dpi=(look.dpi, look.dpi))
    return buf.getvalue()


def scan_pdf(pdf: Path, out: Path, look: ScanLook) -> list[PageLook]:
    """``pdf`` scanned into ``out`` (one image per page, no text layer); the look of each page."""
    import img2pdf

    pages, looks = [], []
    for i, grey in enumerate(render_pages(pdf, look.dpi)):
        page_look = look.page(i)
        looks.append(page_look)
        pages.append(encode(scan_page(grey, page_look, seed=look.seed * 1000 + i), look))
    layout = img2pdf.get_fixed_dpi_layout_fun((look.dpi, look.dpi))
    data = img2pdf.convert(pages, layout_fun=layout, nodate=True, producer="planuri layouts", creator="planuri layouts")
    out.write_bytes(strip_pdf_dates(data))  # img2pdf writes a random file ID
    return looks
