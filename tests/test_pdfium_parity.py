"""The pdfium page reader (extract/pdf/pdfium.py) hands the rest of planuri what pdfplumber
(pdfminer, the reference) would: the same characters and the same drawn paths, so every text
PDF -- the samples' ruled and borderless PDFs and generated renderings by LibreOffice and
Chromium -- reads to the same actions, services, activities and issues with either reader."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from conftest import SAMPLE_FOLDERS, require_soffice
from planuri.pipeline import Settings, process_file

SAMPLE_PDFS = [p for folder in SAMPLE_FOLDERS for p in (folder / f"{folder.name}.pdf", folder / f"{folder.name}-borderless.pdf")]
# generated renderings: ruled PDFs by LibreOffice, borderless PDFs, web pages printed by Chromium
LAYOUT_SEEDS = [(1, None), (7, None), (8, None), (13, None), (21, None), (22, None), (23, None), (28, None),
                (31, "pdf"), (38, "pdf"), (47, "pdf")]
DATASETS = ("actions", "services", "activities")


def frames(path: Path, reader: str) -> dict[str, pd.DataFrame]:
    result = process_file(path, Settings(reader=reader))
    assert result.status in ("ok", "no-action-plan"), result.error
    out = {name: result.frames[name].drop(columns=["doc_id"], errors="ignore").reset_index(drop=True)
           for name in DATASETS}
    issues = result.frames["issues"]
    out["issues"] = issues[["code", "page", "table_no", "row_no"]].sort_values(
        ["code", "page", "table_no", "row_no"], na_position="first").reset_index(drop=True)
    return out


def assert_same_reading(path: Path) -> None:
    pdfium, plumber = frames(path, "pdfium"), frames(path, "pdfplumber")
    for name in (*DATASETS, "issues"):
        pd.testing.assert_frame_equal(pdfium[name], plumber[name], obj=f"{path.name}: {name}")


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=[p.stem[:3] + ("-borderless" if "borderless" in p.stem else "")
                                                  for p in SAMPLE_PDFS])
def test_sample_reads_the_same_with_pdfium_and_pdfplumber(path):
    assert_same_reading(path)


@pytest.fixture(scope="module")
def renderings(tmp_path_factory):
    import html_render
    from layout_render import render_all
    from layout_spec import make_variant

    require_soffice()
    variants = [make_variant(seed, form) if form else make_variant(seed) for seed, form in LAYOUT_SEEDS]
    if any(v.form == "chromium" for v in variants) and html_render.chromium_binary() is None:
        if os.environ.get("PLANURI_REQUIRE_CHROMIUM"):
            pytest.fail("Chromium is required here (apt-get install chromium)")
        variants = [v for v in variants if v.form != "chromium"]
    files = render_all(variants, tmp_path_factory.mktemp("parity"))
    return {v.seed: files[v.seed] for v in variants}


@pytest.mark.parametrize("seed", [s for s, _ in LAYOUT_SEEDS])
def test_generated_rendering_reads_the_same_with_pdfium_and_pdfplumber(renderings, seed):
    if seed not in renderings:
        pytest.skip("not rendered here (no Chromium)")
    assert_same_reading(renderings[seed])


def test_pdfium_characters_match_pdfminers_on_a_sample():
    """Character by character on a ruled sample page: the same text, and boxes within a
    hundredth of a point on the left, top and bottom (the right side is pdfium's loose box:
    a glyph whose ink overhangs its advance, ``î`` ``j``, reaches a little further)."""
    import pdfplumber

    from planuri.extract.pdf.pages import PlumberDocument
    from planuri.extract.pdf.pdfium import PdfiumDocument

    path = SAMPLE_PDFS[0]
    with PdfiumDocument(path) as fast, PlumberDocument(path) as ref:
        for index in range(2):
            a, b = fast.page(index), ref.page(index)
            assert [c["text"] for c in a.chars] == [c["text"] for c in b.chars]
            for x, y in zip(a.chars, b.chars):
                assert abs(x["x0"] - y["x0"]) < 0.01 and abs(x["top"] - y["top"]) < 0.01
                assert abs(x["bottom"] - y["bottom"]) < 0.01 and abs(x["size"] - y["size"]) < 0.01
                assert abs(x["x1"] - y["x1"]) < 0.5
                assert ("bold" in x["fontname"].lower()) == ("bold" in y["fontname"].lower())
            assert len(a.graphics) == len(b.graphics)
            for g, h in zip(sorted(a.graphics, key=_key), sorted(b.graphics, key=_key)):
                assert g["object_type"] == h["object_type"] and g["fill"] == h["fill"] and g["stroke"] == h["stroke"]
                assert all(abs(g[k] - h[k]) < 0.01 for k in ("x0", "x1", "top", "bottom"))
    assert pdfplumber  # the reference is installed


def _key(g: dict) -> tuple:
    return (g["object_type"], round(g["top"], 1), round(g["x0"], 1), round(g["bottom"], 1), round(g["x1"], 1))


def test_subpaths_are_classified_as_pdfminer_does():
    """``m l``: a line; a closed axis-aligned ``m l l l`` (``re``, spelled by pdfium with a
    fourth ``l`` back to the start): a rect; anything else: a curve.  Tops count from the top."""
    from planuri.extract.pdf.pdfium_paths import classify

    style = {"stroke": True, "fill": False, "linewidth": 0.5}
    line = classify(("ml", [(10.0, 700.0), (200.0, 700.0)]), 800.0, style)
    assert line["object_type"] == "line" and line["top"] == line["bottom"] == 100.0 and line["x1"] == 200.0
    corners = [(10.0, 600.0), (110.0, 600.0), (110.0, 700.0), (10.0, 700.0), (10.0, 600.0)]
    rect = classify(("mllllh", corners + [(10.0, 600.0)]), 800.0, style)
    assert rect["object_type"] == "rect" and (rect["x0"], rect["top"], rect["x1"], rect["bottom"]) == (10, 100, 110, 200)
    slanted = classify(("mlllh", [(10.0, 600.0), (110.0, 610.0), (110.0, 700.0), (10.0, 700.0), (10.0, 600.0)]),
                       800.0, style)
    assert slanted["object_type"] == "curve" and len(slanted["pts"]) == 5
    assert classify(("m", [(1.0, 1.0)]), 800.0, style) is None


def test_text_its_clip_hides_is_not_on_the_page(tmp_path):
    """Generated seed 6162: a repeated header row of fixed height, its deepest label's last line
    (``implement`` / ``are``) overflowing the row under the row's clip, not shown.  Read, that
    line stood beside the body's first line and the header swallowed the body (28 rows extra).
    A character its text object's clip hides is not on the page; one inside it is, and text
    with no clip is read whole.  (pdfminer does not apply clips: pdfplumber still sees it.)"""
    from test_grid_columns import raw_pdf
    from planuri.extract.pdf.pdfium import PdfiumDocument

    ops = ["q 0 700 595 142 re W n",  # clip: y 700..842 (top-down: 0..142)
           "BT /F1 10 Tf 50 760 Td (Parteneri) Tj 0 -12 Td (are) Tj ET",  # inside the clip
           "BT /F1 10 Tf 50 690 Td (hidden) Tj ET",  # under the clip's bottom
           "Q", "BT /F1 10 Tf 50 600 Td (shown) Tj ET",
           # a line run past the page's right edge under a clip at the page: kept (the text layer holds it)
           "q 0 0 595 842 re W n", "BT /F1 10 Tf 560 500 Td (overrunning) Tj ET", "Q"]
    path = raw_pdf(tmp_path / "clipped-text.pdf", ops)
    with PdfiumDocument(path) as doc:
        chars = doc.page(0).chars
    text = "".join(c["text"] for c in chars)
    assert "Parteneri" in text and "are" in text and "shown" in text and "overrunning" in text
    assert "hidden" not in text and not any(c["top"] > 142 and c["bottom"] < 160 for c in chars)

def test_paths_are_cut_to_their_clip_and_to_the_page(tmp_path):
    """A browser printing a row cut by the page's end draws the row's whole borders under a clip
    at the content box: what lies outside the clip (or the page) is not ink, so it is cut off --
    else the borders' clipped part makes a one-row table in the bottom margin, over the footer."""
    from test_grid_columns import raw_pdf
    from planuri.extract.pdf.pdfium import PdfiumDocument

    ops = ["q 0 100 595 742 re W n",  # clip: y 100..842 (top-down: 0..742)
           "0 g 50 50 1 200 re f",  # a border from y 50 to 250: its lower half is clipped
           "0 g 60 20 100 1 re f",  # a rule wholly under the clip
           "60 300 m 200 300 l S",  # a stroked line inside it
           "Q", "0 g 300 -50 1 100 re f"]  # no clip, half below the page
    path = raw_pdf(tmp_path / "clip.pdf", ops)
    with PdfiumDocument(path) as doc:
        graphics = doc.page(0).graphics
    boxes = sorted((g["object_type"], round(g["x0"]), round(g["top"]), round(g["x1"]), round(g["bottom"]))
                   for g in graphics)
    assert boxes == [("line", 60, 542, 200, 542), ("rect", 50, 592, 51, 742), ("rect", 300, 792, 301, 842)]
    cut = next(g for g in graphics if g["x0"] == 50)
    assert (cut["y0"], cut["y1"], cut["height"]) == (100, 250, 150)


def test_a_path_is_cut_only_where_it_reaches_past_its_clip_by_more_than_the_slack(tmp_path):
    """7333: Chromium clips a row cut by the page's end at the content box, 0.64 pt above the
    row's borders' foot, and the table's right border stands half outside it.  The inner borders
    lie within the slack and are kept whole; the right border must lose its part past the clip's
    side only -- cut on every side, its foot rose to the clip, off the others' by more than the
    snap tolerance, and the last column's cell under the cut was left open, its text lost."""
    from test_grid_columns import raw_pdf
    from planuri.extract.pdf.pdfium import PdfiumDocument

    ops = ["q 50 100 400 600 re W n",  # clip: x 50..450, y 100..700 (top-down: 142..742)
           "0 g 300 99.4 1 300 re f",  # an inner border, its foot 0.6 pt under the clip: kept whole
           "0 g 449.5 99.4 2 300 re f",  # the right border, 1.5 pt past the clip's side
           "Q"]
    path = raw_pdf(tmp_path / "clip-side.pdf", ops)
    with PdfiumDocument(path) as doc:
        inner, right = sorted(doc.page(0).graphics, key=lambda g: g["x0"])
    assert round(right["x1"], 2) == 450 and round(right["x0"], 2) == 449.5
    assert round(right["bottom"], 2) == round(inner["bottom"], 2) == 742.6
    assert round(right["y0"], 2) == 99.4 and round(right["height"], 2) == 300
