"""The layout generator's scanner (samples/scan_degrade.py): draws in range, reproducible, each
degradation doing what it says, a PDF of images only at the drawn resolution."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

import scan_degrade as sd


def ruled_page() -> np.ndarray:
    img = np.full((900, 1200), 255, np.uint8)
    cv2.line(img, (100, 450), (1100, 450), 0, 3)
    cv2.putText(img, "Plan", (200, 300), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 6)
    return img


def line_angle(grey: np.ndarray) -> float:
    """Degrees (counter-clockwise) of the long dark line through the middle of the page."""
    ys, xs = np.nonzero(grey[380:520] < 100)
    slope = np.polyfit(xs, ys, 1)[0]
    return -np.degrees(np.arctan(slope))


def test_looks_are_drawn_in_range_and_reproducible():
    looks = [sd.draw_look(seed, degraded=True) for seed in range(40)]
    assert looks == [sd.draw_look(seed, degraded=True) for seed in range(40)]
    assert {look.dpi for look in looks} <= set(sd.RESOLUTIONS) and len({look.dpi for look in looks}) > 1
    assert all(sd.JPEG[0] <= look.jpeg <= sd.JPEG[1] for look in looks)
    angles = [look.page(i).angle for look in looks for i in range(3)]
    assert all(sd.ANGLE[0] <= abs(a) <= sd.ANGLE[1] for a in angles)
    assert min(angles) < 0 < max(angles)  # either way
    assert len({looks[0].page(i).angle for i in range(3)}) == 3  # drawn per page
    clean = sd.draw_look(5, degraded=False)
    assert clean.jpeg is None and clean.page(0) == sd.PageLook()


@pytest.mark.parametrize("angle", [-1.5, -0.4, 0.7, 1.5])
def test_a_page_is_turned_by_its_angle(angle):
    assert line_angle(sd.turn(ruled_page(), angle)) == pytest.approx(angle, abs=0.05)


def test_a_degraded_page_is_grey_soft_and_noisy_but_keeps_its_ink():
    look = sd.PageLook(angle=0.0, blur=1.0, paper=215, ink=30, light=10, noise=6.0, dust=sd.DUST)
    out = sd.scan_page(ruled_page(), look, seed=1)
    blank = out[50:150, 50:1150]
    assert 195 < np.median(blank) < 220 and blank.std() > 3  # grey paper, noise on it
    assert np.median(out[449:452, 300:900]) < 90  # the rule is still ink
    soft = sd.soften(ruled_page(), 1.0)
    assert 0 < soft[446, 600] < 255  # a blurred edge is grey


def test_a_scanned_pdf_holds_only_images_at_the_drawn_resolution(tmp_path):
    import pdfplumber

    src = tmp_path / "page.pdf"
    Image.fromarray(ruled_page()).save(src, "PDF", resolution=150)
    for degraded in (False, True):
        look = sd.draw_look(3, degraded)
        out = tmp_path / f"scan-{degraded}.pdf"
        looks = sd.scan_pdf(src, out, look)
        assert len(looks) == 1
        with pdfplumber.open(out) as pdf:
            page = pdf.pages[0]
            assert not page.chars and len(page.images) == 1
            assert page.width == pytest.approx(1200 / 150 * 72, abs=1)  # the page keeps its size
            image = page.images[0]
            assert image["srcsize"][0] == pytest.approx(1200 / 150 * look.dpi, abs=2)
            assert ("DCTDecode" in str(image["stream"].get("Filter"))) == degraded
        assert out.read_bytes() == (sd.scan_pdf(src, tmp_path / "again.pdf", look) and
                                    (tmp_path / "again.pdf").read_bytes())


def test_png_and_jpeg_encodings_carry_the_resolution():
    img = ruled_page()
    for look in (sd.ScanLook(dpi=200), sd.ScanLook(dpi=240, jpeg=60)):
        data = sd.encode(img, look)
        assert Image.open(io.BytesIO(data)).info["dpi"][0] == pytest.approx(look.dpi, abs=1)
