"""Scanned pages made ready before the grid and OCR (extract/ocr/page_prep.py): the skew found and
turned back, a page upside down turned back, grey and unevenly lit paper made white; and a page
turned on the scanner read as well as a straight one.  Pages are built in tmp_path from a
sample's scanned page."""

from __future__ import annotations

import io

import numpy as np
import pytest

import scan_degrade as sd
from conftest import SAMPLE_FOLDERS, require_tesseract
from planuri.extract.ocr.page_prep import PrepSettings, line_asymmetry, paper_to_white, prepare
from planuri.extract.ocr.pages import PageRenderer

DPI = 200
SAMPLE = SAMPLE_FOLDERS[0]  # a plan whose second page is a ruled table of actions


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    renderer = PageRenderer(SAMPLE / f"{SAMPLE.name}-scan.pdf")
    try:
        return renderer.grey(1, DPI)
    finally:
        renderer.close()


@pytest.mark.parametrize("angle", [-3.0, -1.5, -0.5, 0.4, 1.2, 3.0])
def test_the_skew_is_found_and_turned_back(page, angle):
    ready = prepare(sd.turn(page, angle), DPI, PrepSettings(osd=False))
    assert ready.angle == pytest.approx(angle, abs=0.08)
    assert not ready.upside_down


def test_a_straight_page_is_left_straight(page):
    ready = prepare(page, DPI, PrepSettings(osd=False))
    assert ready.angle == 0.0 and not ready.upside_down


def test_text_stands_on_its_lines(page):
    above, below = line_asymmetry(page, DPI, PrepSettings())
    assert below < 0.6 * above  # capitals, ascenders and accents stand above a line's core
    above, below = line_asymmetry(page[::-1, ::-1], DPI, PrepSettings())
    assert below > 1.5 * above


@pytest.mark.parametrize("osd", [False, True])
def test_a_page_upside_down_is_turned_back(page, osd):
    binary = require_tesseract() if osd else None
    ready = prepare(np.ascontiguousarray(sd.turn(page, 0.8)[::-1, ::-1]), DPI, PrepSettings(osd=osd), binary)
    assert ready.upside_down
    assert ready.angle == pytest.approx(0.8, abs=0.08)
    straight = prepare(sd.turn(page, 0.8), DPI, PrepSettings(osd=False)).image
    assert np.mean(np.abs(ready.image.astype(int) - straight.astype(int))) < 3  # the same page, the same way up


def test_grey_unevenly_lit_paper_is_made_white(page):
    look = sd.PageLook(paper=205, ink=35, light=14, light_dir=0.7)
    grey = sd.paper(page.astype(np.float32), look).clip(0, 255).astype(np.uint8)
    white = paper_to_white(grey, DPI, PrepSettings())
    blank = page > 250
    assert np.median(grey[blank]) < 210 and np.median(white[blank]) > 245
    ink = page < 60
    assert np.median(white[ink]) < 80  # the ink keeps its contrast


def scanned_pdf(images: list[np.ndarray], path, dpi: int = DPI):
    import img2pdf
    from PIL import Image

    pages = []
    for image in images:
        buf = io.BytesIO()
        Image.fromarray(image, "L").save(buf, "PNG", dpi=(dpi, dpi))
        pages.append(buf.getvalue())
    path.write_bytes(img2pdf.convert(pages, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))))
    return path


FIELDS = ["action_code", "action", "responsible", "deadline", "indicators"]


def folded(value) -> str:
    return "" if value is None or value != value else " ".join(str(value).split())


def right_fields(path) -> tuple[int, int, object, object]:
    """Fields of the actions read from ``path`` equal to the sample's expected ones (paired by
    action code), the number of actions read, the issues and the pages."""
    import pandas as pd

    from planuri.pipeline import process_file

    want = pd.read_csv(SAMPLE / "expected" / "actions.csv", dtype=str, keep_default_na=False)
    want = {folded(r["action_code"]): r for _, r in want.iterrows()}
    result = process_file(path)
    actions = result.frames["actions"]
    right = 0
    for _, row in actions.iterrows():
        expected = want.get(folded(row["action_code"]))
        if expected is not None:
            right += sum(folded(row[f]) == folded(expected[f]) for f in FIELDS)
    return right, len(actions), result.frames["issues"], result.frames["pages"]


def test_a_page_turned_on_the_scanner_reads_as_well_as_a_straight_one(page, tmp_path):
    """Turned by 3 degrees either way or upside down, a page gives as many actions and (within a
    field or two of OCR noise) as many fields right as straight."""
    require_tesseract()
    straight, n, _, pages = right_fields(scanned_pdf([page], tmp_path / "straight.pdf"))
    [row] = pages.to_dict("records")  # the pages dataset tells how the scan looked and read
    assert row["method"] == "ocr" and row["chars"] == 0 and row["scan_angle"] == 0 and not row["scan_upside_down"]
    assert row["ocr_words"] > 100 and 80 <= row["ocr_word_confidence"] <= 100 and 0 <= row["ocr_doubtful"] < 0.2
    assert n >= 3 and straight >= 0.8 * n * len(FIELDS)
    for name, image, angle in [("left", sd.turn(page, 3.0), 3.0), ("right", sd.turn(page, -3.0), -3.0),
                               ("upside-down", np.ascontiguousarray(page[::-1, ::-1]), None)]:
        right, count, issues, pages = right_fields(scanned_pdf([image], tmp_path / f"{name}.pdf"))
        assert count == n, name
        assert right >= straight - 2, name
        if angle is None:
            assert (issues["code"] == "page-upside-down").sum() == 1
            assert pages["scan_upside_down"].tolist() == [True]
        else:
            [deskewed] = issues[issues["code"] == "page-deskewed"]["raw"]
            assert float(deskewed) == pytest.approx(angle, abs=0.1)
            assert pages["scan_angle"].tolist() == [pytest.approx(angle, abs=0.1)]


@pytest.mark.parametrize("recheck, passes", [(0.0, 1), (101.0, 2)])  # 2: at least two (cells enlarged in several stacks)
def test_a_page_is_read_once_and_only_its_doubtful_cells_again(page, tmp_path, monkeypatch, recheck, passes):
    """One tesseract run per page; a second one only for the cells read with a confidence under
    ``recheck_confidence`` or holding a word under ``recheck_word_confidence`` (none at 0, every
    cell at 101; heading rows, read twice by default, not here)."""
    require_tesseract()
    from planuri.extract.ocr.tesseract import OcrSettings
    from planuri.extract.ocr.pages import OcrReader

    path = scanned_pdf([page], tmp_path / "page.pdf")
    reader = OcrReader(path, OcrSettings(recheck_confidence=recheck, recheck_word_confidence=recheck,
                                             recheck_headings=False))
    calls = []
    real = reader.ocr
    monkeypatch.setattr(reader, "ocr", lambda image: calls.append(image.shape) or real(image))
    height, width = page.shape[0] * 72 / DPI, page.shape[1] * 72 / DPI
    content = reader.read(1, width, height)
    reader.close()
    assert len(calls) == passes if passes == 1 else len(calls) >= passes
    assert sum(len(p.cells) for p in content.pieces) >= 10


def test_cells_are_stacked_in_images_tesseract_accepts():
    from planuri.extract.ocr.pages import stack_groups
    from planuri.extract.ocr.layout import GAP

    rects = [(0, 0, 100, 400)] * 100  # a tall page of tall cells, 46 400 pixels stacked
    groups = stack_groups(rects, 30000)
    assert sum(len(g) for g in groups) == 100 and len(groups) == 2
    assert all(GAP + sum(r[3] - r[1] + GAP for r in g) <= 30000 for g in groups)
    assert stack_groups([(0, 0, 10, 40000)], 30000) == [[(0, 0, 10, 40000)]]  # one cell alone is never dropped


def test_no_cell_is_read_twice_when_the_cells_take_several_stacks():
    """The rest of the page (read with the last stack) has every cell painted out, also the cells
    read in the stacks before it: else their words come back twice ("Nr. Nr.")."""
    import numpy as np

    from planuri.extract.ocr.layout import compose

    page = np.full((200, 200), 255, np.uint8)
    page[20:40, 20:60] = 0  # ink in cell A
    page[120:140, 20:60] = 0  # ink in cell B
    page[170:180, 150:190] = 0  # ink outside every cell
    a, b = (10, 10, 80, 50), (10, 110, 80, 150)
    stack, bands = compose(page, [b], rest=True, elsewhere=[a])
    assert len(bands) == 2  # cell B, then the rest
    rest = stack[bands[1].top:bands[1].bottom]
    assert (rest < 160).sum() == 10 * 40  # only the ink outside every cell: A is not read again


def test_pages_read_in_the_background_read_as_in_turn(page, tmp_path):
    """With two threads the next page's first reading runs while this one is finished: the same
    cells as one page after the other, and a page after the last one is never asked for."""
    require_tesseract()
    from planuri.extract.ocr.tesseract import OcrSettings
    from planuri.extract.ocr.pages import OcrReader

    images = [page, sd.turn(page, 1.0), np.ascontiguousarray(page[: page.shape[0] // 2])]
    path = scanned_pdf(images, tmp_path / "pages.pdf")

    def cells(threads: int) -> list:
        reader = OcrReader(path, OcrSettings(threads=threads, recheck_headings=False))
        try:
            pages = [reader.read(n, im.shape[1] * 72 / DPI, im.shape[0] * 72 / DPI) for n, im in enumerate(images, 1)]
        finally:
            reader.close()
        return [[(c.row, c.col, c.text) for piece in p.pieces for c in piece.cells] for p in pages]

    one, two = cells(1), cells(2)
    assert one == two and sum(len(p) for p in one) >= 20


def test_a_blank_pages_noise_is_made_white_a_text_page_is_left_as_it_is():
    """An office scan's blank page (a page number and dust): tesseract's own binarization of its
    noise found specks everywhere and took 111 s on one page (the document then failed with
    ocr-timeout).  Its paper is made pure white before it is read; a page with text is not touched."""
    from planuri.extract.ocr.page_prep import quiet_blank

    rng = np.random.default_rng(5)
    blank = np.clip(rng.normal(246, 5, (600, 400)), 0, 255).astype(np.uint8)
    blank[500:512, 200:206] = 20  # the page number
    quiet = quiet_blank(blank)
    assert set(np.unique(quiet[quiet >= 224])) == {255} and (quiet[500:512, 200:206] == 20).all()
    text = blank.copy()
    text[100:400:20, 50:350] = 20  # lines of text: several percent of the page is ink
    assert quiet_blank(text) is text
