"""Units of the scanned-page path: rules found in an image, OCR cleanup, hOCR words, the
stacked cells, low-confidence rows, a missing tesseract."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from planuri.extract.api import low_confidence_rows
from planuri.extract.errors import ExtractError
from planuri.extract.ocr.image_grid import GridSettings, image_tables
from planuri.extract.ocr.tesseract import OcrSettings, check_tesseract, clean_line, hocr_rows, rows_to_words
from planuri.extract.ocr.layout import GAP, INSET, compose, place_words
from planuri.extract.types import Cell, Provenance, RawTable


def table_image(dpi: int = 300) -> np.ndarray:
    """A white page with a ruled 2 x 3 table (the right column split in two) and a tall letter stem."""
    img = np.full((1200, 1600), 255, np.uint8)
    for y in (200, 400, 600):
        cv2.line(img, (100, y), (1300, y), 0, 3)
    for x in (100, 700, 1300):
        cv2.line(img, (x, 200), (x, 600), 0, 3)
    cv2.line(img, (1000, 400), (1000, 600), 0, 3)  # only the lower row is split
    cv2.line(img, (1450, 800), (1450, 880), 0, 6)  # a stem of a big letter: no rule meets it
    cv2.putText(img, "Text", (150, 320), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)
    return img


def test_rules_in_an_image_become_cells():
    img = table_image()
    tables, clean = image_tables(img, 300, GridSettings())
    [rects] = tables
    scale = 300 / 72
    px = sorted(tuple(round(v * scale) for v in r) for r in rects)
    assert len(px) == 5  # the upper row's right cell spans the split of the lower row
    assert any(abs(r[0] - 700) < 5 and abs(r[2] - 1300) < 5 and abs(r[1] - 200) < 5 for r in px)
    assert clean[400, 500] == 255 and clean[840, 1450] == 0  # rules painted out, the stem kept


@pytest.mark.parametrize("words, cleaned", [
    (["Trimestrul", "|,", "2023"], ["Trimestrul", "I,", "2023"]),
    (["trim", "[l", "-", "IV"], ["trim", "II", "-", "IV"]),
    (["TRIM", "|-IV"], ["TRIM", "I-IV"]),
    (["Trim", "|-"], ["Trim", "I-"]),  # the line wraps after the dash: its IV is on the next line
    (["text", "|-"], ["text", "-"]),
    (["1.1.l", "Elaborarea"], ["1.1.1", "Elaborarea"]),
    (["anul", "2O24"], ["anul", "2024"]),
    (["2024", "—", "2028"], ["2024", "–", "2028"]),
    (["DS;", "D]"], ["DS;", "DJ"]),
    (["text", "|", "text"], ["text", "", "text"]),
    (["0.$.1.1", "ASIGURAREA", "UNOR"], ["O.S.1.1", "ASIGURAREA", "UNOR"]),
    (["0.5.2.1.", "ÎMBUNĂTĂȚIREA", "CALITĂȚII"], ["O.S.2.1.", "ÎMBUNĂTĂȚIREA", "CALITĂȚII"]),
    (["O.SS.1.3.", "ÎMBUNĂȚIREA", "ACCESULUI"], ["O.S.1.3.", "ÎMBUNĂȚIREA", "ACCESULUI"]),
    (["1.", "PREVENIREA", "EXCLUDERII"], ["I.", "PREVENIREA", "EXCLUDERII"]),
    (["1.", "Prevenirea", "excluderii"], ["1.", "Prevenirea", "excluderii"]),
    (["Trim", "|", "-", "|V"], ["Trim", "I", "-", "IV"]),  # office scan 9704: "Trim I - V" read before
    (["Trim", "|", "-", "|||"], ["Trim", "I", "-", "III"]),  # ... and III as bars, stripped as a rule
    (["text", "-", "|||"], ["text", "-", ""]),  # no numeral before the dash: a rule's debris
    (["î", "0.5.2.2", "DEZVOLTAREA", "ȘI"], ["", "O.S.2.2", "DEZVOLTAREA", "ȘI"]),  # a speck read before a heading
    (["'", "|.", "PREVENIREA", "EXCLUDERII"], ["", "I.", "PREVENIREA", "EXCLUDERII"]),
    (["a", "3.", "Asigurarea"], ["a", "3.", "Asigurarea"]),  # a word of one letter: as read
    (["|.", "PREVENIREA", "EXCLUDERII"], ["I.", "PREVENIREA", "EXCLUDERII"]),  # a bar: stripped as debris before
    (["||.", "PROTECȚIA", "COPILULUI"], ["II.", "PROTECȚIA", "COPILULUI"]),
    (["|.", "text", "mic"], [".", "text", "mic"]),  # no heading in capitals: the bar is a rule's debris
    (["3,", "Asigurarea", "suportului"], ["3.", "Asigurarea", "suportului"]),  # office scan 9903: a heading's number
    (["3;", "Asigurarea"], ["3.", "Asigurarea"]), (["3,", "a", "fost"], ["3,", "a", "fost"]), (["text", "3,", "Asigurarea"], ["text", "3,", "Asigurarea"]),
    (["IMSP", "»CMF”"], ["IMSP", "„CMF”"]),
    (["proiectul", "“INTESPO”"], ["proiectul", '"INTESPO"']),
    (["IMSP", "„CMF”"], ["IMSP", "„CMF”"]),
])
def test_ocr_cleanup(words, cleaned):
    assert clean_line(words) == cleaned


HOCR = b"""<html><body><div class='ocr_page'>
<span class='ocr_line' title="bbox 10 10 400 40">
 <span class='ocrx_word' title='bbox 10 12 120 38; x_wconf 91'>
  <span class='ocrx_cinfo' title='x_bboxes 10 12 30 38'>T</span><span class='ocrx_cinfo' title='x_bboxes 32 12 50 38'>R</span>
  <span class='ocrx_cinfo' title='x_bboxes 51 12 60 38'>I</span><span class='ocrx_cinfo' title='x_bboxes 62 12 90 38'>M</span>
  <span class='ocrx_cinfo' title='x_bboxes 102 12 111 38'>I</span><span class='ocrx_cinfo' title='x_bboxes 123 25 133 28'>-</span>
  <span class='ocrx_cinfo' title='x_bboxes 145 12 154 38'>I</span><span class='ocrx_cinfo' title='x_bboxes 156 12 180 38'>V</span>
 </span>
</span></div></body></html>"""


def test_hocr_words_are_cut_at_the_spaces_the_recogniser_glued():
    words = rows_to_words(hocr_rows(HOCR), 1.0)
    assert [w["text"] for w in words] == ["TRIM", "I", "-", "IV"]
    assert all(w["conf"] == 91 and w["word"] and (w["top"], w["bottom"]) == (10, 40) for w in words)


def test_a_semicolon_or_comma_followed_by_a_space_the_recogniser_glued_is_cut_there():
    """``DÎTS;DC`` read as one word: the gap after the ``;`` is a space (0.44-0.57 of the word's
    height); in ``3,0`` the gap after the comma is tight (0.15-0.19) and the number stays whole."""
    def box(text, x0, x1, y0=12, y1=38):
        return f"<span class='ocrx_cinfo' title='x_bboxes {x0} {y0} {x1} {y1}'>{text}</span>"
    glued = "".join([box("D", 10, 30), box("S", 32, 50), box(";", 52, 58, 18, 42), box("D", 70, 90), box("C", 92, 110)])
    number = "".join([box("3", 200, 216), box(",", 218, 223, 32, 42), box("0", 228, 244)])
    hocr = (b"<html><body><div class='ocr_page'><span class='ocr_line' title=\"bbox 10 10 400 42\">"
            + f"<span class='ocrx_word' title='bbox 10 12 112 42; x_wconf 90'>{glued}</span>"
              f"<span class='ocrx_word' title='bbox 200 12 244 42; x_wconf 90'>{number}</span>".encode()
            + b"</span></div></body></html>")
    assert [w["text"] for w in rows_to_words(hocr_rows(hocr), 1.0)] == ["DS;", "DC", "3,0"]


def test_stacked_cells_come_back_where_they_were():
    page = np.full((400, 600), 255, np.uint8)
    page[50:60, 100:130] = 0  # ink in the first cell
    page[250:260, 400:420] = 0  # and in the second
    page[350:355, 10:20] = 0  # and outside the table
    stack, bands = compose(page, [(90, 40, 300, 100), (390, 240, 500, 300), (300, 40, 390, 100)])
    assert len(bands) == 3  # the empty cell is left out; the rest of the page comes last
    # a word read 10 px into the second band, 10 px right of where the band starts, is 10 px into
    # the cell's crop on the page (the crop starts INSET px inside the cell's rules)
    word = {"text": "x", "x0": GAP + 10, "x1": GAP + 40, "top": bands[1].top + 10, "bottom": bands[1].top + 20}
    [placed] = place_words([word], bands, 1.0)
    assert (placed["x0"], placed["top"], placed["bottom"]) == (390 + INSET + 10, 240 + INSET + 10, 240 + INSET + 20)
    assert (stack[bands[0].top:bands[0].bottom] < 160).any() and (stack[bands[2].top:bands[2].bottom] < 160).any()


def test_stacked_bands_are_cut_down_to_their_ink_and_still_come_back_where_they_were():
    """A tall cell with one line of ink in its middle, and outside the tables a title on the left
    and a page number far to its right: the stack holds the ink with a margin of paper, not the
    blank around it (tesseract's time grows with the image's area), and a word read on a band
    still lands on its ink on the page."""
    from planuri.extract.ocr.layout import MARGIN

    page = np.full((1000, 2000), 255, np.uint8)
    page[500:520, 300:400] = 0  # one line in a tall, wide cell
    page[20:40, 50:250] = 0  # a title
    page[25:35, 1900:1920] = 0  # a page number on the same height, far right
    stack, bands = compose(page, [(100, 100, 1500, 900)])
    assert len(bands) == 3 and stack.shape[1] <= 200 + 2 * MARGIN + 2 * GAP
    assert stack.size < page.size / 8
    for band, (x0, y0) in zip(bands, [(300, 500), (50, 20), (1900, 25)]):
        ys, xs = np.nonzero(stack[band.top:band.bottom] < 160)
        word = {"text": "x", "x0": xs.min(), "x1": xs.max(), "top": band.top + ys.min(),
                "bottom": band.top + ys.max()}
        [placed] = place_words([word], [band], 1.0)
        assert (placed["x0"], placed["top"]) == (x0, y0)


def test_an_unsure_heading_between_tables_is_read_again_as_a_whole_line():
    """A heading line outside the tables with a word read unsurely (``0.8.2.1.`` at 11% for
    ``O.S.2.1.``) is read again like a heading row: its whole line, not the word alone; a word in
    a table's cell, or a speck of a letter or two, sends no line."""
    from types import SimpleNamespace

    from planuri.extract.ocr.pages import LINE_PAD, unsure_lines

    def word(text, x0, x1, top, conf=95.0):
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10, "conf": conf}

    code, title, other = word("0.8.2.1.", 40, 80, 100, 11.0), word("ÎMBUNĂȚIREA", 85, 160, 101), word("Alt", 40, 60, 300)
    in_cell, speck = word("Acjiuni", 50, 90, 410, 20.0), word("i", 300, 302, 200, 5.0)
    pieces = [SimpleNamespace(bbox=(30, 400, 500, 600))]
    words = [code, title, other, in_cell, speck]
    [line] = unsure_lines([code, in_cell, speck], words, pieces)
    assert line == (40 - LINE_PAD, 100 - LINE_PAD, 160 + LINE_PAD, 111 + LINE_PAD)


def test_low_confidence_rows_are_reported():
    prov = Provenance(file="x.pdf", sha256="0" * 64, engine="ocr", page=1)
    cells = (Cell(0, 0, "Nr.", confidence=95.0, page=1), Cell(0, 1, "Acțiuni", confidence=96.0, page=1),
             Cell(1, 0, "1.1", confidence=93.0, page=1), Cell(1, 1, "Elab0rarea anal1zei", confidence=41.5, page=1))
    table = RawTable(cells=cells, n_rows=2, n_cols=2, provenance=prov)
    [issue] = low_confidence_rows([table], 70.0)
    assert (issue.code, issue.table_no, issue.row_no, issue.page) == ("low-ocr-confidence", 1, 2, 1)
    assert "42" in issue.message and "Elab0rarea" in issue.raw


def test_a_missing_tesseract_names_the_package():
    with pytest.raises(ExtractError) as e:
        check_tesseract(OcrSettings(tesseract="tesseract-that-is-not-here"))
    assert e.value.code == "tesseract-missing" and "tesseract-ocr-ron" in e.value.message


def test_no_room_for_the_page_image_is_a_clear_ocr_failure(tmp_path, monkeypatch):
    """The page image goes to tesseract's command in a temporary file: with no folder for it (TMPDIR gone)
    the page fails as ``ocr-failed`` naming the cause, not with an OSError from deep inside."""
    import tempfile

    from planuri.extract.ocr.tesseract import run_tesseract

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "gone"))
    with pytest.raises(ExtractError) as e:
        run_tesseract(np.full((20, 20), 255, np.uint8), "tesseract", OcrSettings(in_process=False))
    assert e.value.code == "ocr-failed" and "gone" in e.value.message


def test_words_only_ocr_noise_makes_are_implausible():
    from planuri.extract.ocr.pages import implausible

    assert [t for t in ["2023%-2025", "1V", "I-1V", "1YV", "II1", "50%", "50%,", "(50%)", "IV", "TRIM", "10",
                        "1.1.1.", "A1", "1"] if implausible(t)] == ["2023%-2025", "1V", "I-1V", "1YV", "II1"]


def test_a_cell_holding_one_short_stroke_reads_a_dash():
    """Tesseract reads nothing in a cell holding a lone ``-`` (a cost of none): the ink says it is
    one stroke much wider than tall, specks of dust aside.  A letter, a long line or two marks do
    not read as one, and a cell with text keeps it."""
    from planuri.extract.ocr.marks import DashSettings, fill_dashes
    from planuri.extract.ruled.plumber import PagePiece

    scale = 300 / 72
    img = np.full((400, 1600), 255, np.uint8)
    px = lambda pts: int(round(pts * scale))  # noqa: E731
    boxes = [(20 + 60 * i, 20.0, 70 + 60 * i, 60.0) for i in range(6)]
    cv2.line(img, (px(40), px(40)), (px(43), px(40)), 0, 2)  # a dash, 3 pt x 0.5 pt
    cv2.circle(img, (px(35), px(50)), 2, 0, -1)  # and a speck of dust beside it
    cv2.putText(img, "a", (px(100), px(48)), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)  # a letter
    cv2.line(img, (px(145), px(40)), (px(188), px(40)), 0, 2)  # a line across the cell
    cv2.line(img, (px(220), px(35)), (px(223), px(35)), 0, 2)  # two dashes
    cv2.line(img, (px(220), px(45)), (px(223), px(45)), 0, 2)
    cv2.line(img, (px(280), px(40)), (px(283), px(40)), 0, 2)  # a dash in a cell read with text
    texts = ["", "", "", "", "5", ""]  # the last cell holds nothing
    cells = [Cell(row=0, col=i, text=t, bbox=b) for i, (t, b) in enumerate(zip(texts, boxes))]
    piece = PagePiece(page=1, bbox=(20, 20, 390, 60), col_edges=[b[0] for b in boxes] + [390], row_edges=[20, 60],
                      cells=cells, engine="ocr")
    assert fill_dashes([piece], img, scale, DashSettings()) == 1
    assert [c.text for c in piece.cells] == ["-", "", "", "", "5", ""]


def test_a_paragraph_outside_tables_is_not_cut_where_a_lines_box_grew():
    """Office scan 9711: a general objective over three lines between tables, its first line's
    box grown by a parenthesis down into the next line's: the overlap cut the paragraph and the
    objective lost two of its lines.  Lines outside tables are placed by their type's box."""
    from planuri.extract.pdf.text import lines_to_paragraphs
    from planuri.extract.ruled.plumber import build_page

    def word(text, x0, top, ink_bottom):
        box = (top, top + 9.0)
        return {"text": text, "x0": x0, "x1": x0 + 6.0 * len(text), "top": top, "bottom": ink_bottom,
                "size": ink_bottom - top, "fontname": "", "conf": 95.0, "word": True, "type_box": box,
                "ink": (top, ink_bottom)}

    lines = [["OBIECTIV", "GENERAL", "3:", "PREVENIREA", "ȘI", "COMBATEREA", "(NEGLIJARE,"],
             ["FIZICĂ,", "PSIHOLOGICĂ,", "SEXUALĂ,", "EXPLOATAREA", "PRIN", "MUNCĂ"], ["INDIFERENT", "DE", "MEDIUL"]]
    words = []
    for n, texts in enumerate(lines):
        top, x = 100.0 + 11.5 * n, 60.0
        for t in texts:
            words.append(word(t, x, top, top + (13.0 if n == 0 else 9.0)))  # line 0: a parenthesis' tail
            x += 6.0 * len(t) + 4.0
    content = build_page(1, 842.0, 595.0, words, [], "ocr")
    assert [(ln.top, ln.bottom) for ln in content.lines] == [(100.0, 109.0), (111.5, 120.5), (123.0, 132.0)]
    assert len(lines_to_paragraphs(content.lines, right=60.0 + 6.0 * 60)) == 1


def test_a_paragraph_with_a_parenthesis_open_goes_on():
    """Office scan 9711: ``… COPILULUI(NEGLIJARE,VIOLENȚĂ`` ends 28 points short of the
    document's widest line, room enough on a scan's estimate for ``FIZICĂ,``: the objective lost
    the rest of its parenthesis.  With the parenthesis closed, a line as short ends its paragraph."""
    from planuri.extract.pdf.text import Line, lines_to_paragraphs

    def line(text, top, x1):
        return Line(text=text, x0=60.0, x1=x1, top=top, bottom=top + 9.0, size=9.0, bold=False, first_word=34.0)

    opened = [line("OBIECTIV GENERAL 3: COMBATEREA VIOLENȚEI (NEGLIJARE, VIOLENȚĂ", 100.0, 700.0),
              line("FIZICĂ, PSIHOLOGICĂ, SEXUALĂ) INDIFERENT DE MEDIUL", 111.0, 400.0)]
    closed = [line("OBIECTIV GENERAL 3: COMBATEREA VIOLENȚEI (NEGLIJARE) ÎMPOTRIVA", 100.0, 700.0),
              line("FIZICĂ, PSIHOLOGICĂ, SEXUALĂ INDIFERENT DE MEDIUL", 111.0, 400.0)]
    assert len(lines_to_paragraphs(opened, right=780.0)) == 1
    assert len(lines_to_paragraphs(closed, right=780.0)) == 2


def test_a_stubby_stroke_is_a_dash_only_in_a_column_of_dashes():
    """Office scan 9705 (a narrow font at 9 points, blurred): the cost columns' dashes measure
    1.2 x 0.7 points, too stubby for a dash anywhere (a speck may look so), but a dash where
    the column's other cells hold one."""
    from planuri.extract.ocr.marks import DashSettings, fill_dashes
    from planuri.extract.ruled.plumber import PagePiece

    scale = 300 / 72
    img = np.full((400, 400), 255, np.uint8)
    px = lambda pts: int(round(pts * scale))  # noqa: E731
    boxes = [(20.0, 20 + 20 * r, 70.0, 40 + 20 * r) for r in range(3)] + [(70.0, 20 + 20 * r, 120.0, 40 + 20 * r)
                                                                          for r in range(3)]
    img[px(29):px(29) + 3, px(40):px(40) + 5] = 0  # column 0, rows 0 and 1: 1.2 x 0.7 points
    img[px(49):px(49) + 3, px(40):px(40) + 5] = 0
    img[px(69):px(69) + 3, px(90):px(90) + 5] = 0  # column 1, row 2: the same stroke
    texts = ["", "", "-", "Buget", "local", ""]
    cells = [Cell(row=i % 3, col=i // 3, text=t, bbox=b) for i, (t, b) in enumerate(zip(texts, boxes))]
    piece = PagePiece(page=1, bbox=(20, 20, 120, 80), col_edges=[20, 70, 120], row_edges=[20, 40, 60, 80],
                      cells=cells, engine="ocr")
    assert fill_dashes([piece], img, scale, DashSettings()) == 2
    assert [c.text for c in piece.cells] == ["-", "-", "-", "Buget", "local", ""]


def test_a_letters_stem_standing_on_a_rule_is_no_rule():
    """A tight cell's last line sits on the rule under it: the stem of a ``p`` meets that rule
    and is taller than the shortest border, but it meets no rule at its other end, so it is not
    erased with the rules (the letters kept their stems: ``persoanele``, not ``„ersoanele``).
    A border between two rules, as short, is a rule."""
    img = np.full((700, 1400), 255, np.uint8)
    for y in (200, 260, 500):
        cv2.line(img, (100, y), (1300, y), 0, 3)
    for x in (100, 700, 1300):
        cv2.line(img, (x, 200), (x, 500), 0, 3)
    cv2.line(img, (400, 200), (400, 260), 0, 3)  # a short border: the upper row split, rules at both ends
    cv2.line(img, (900, 462), (900, 499), 0, 4)  # a p's stem, 37 px, standing on the lower rule
    tables, clean = image_tables(img, 300, GridSettings())
    assert clean[480, 900] == 0  # the stem kept
    assert clean[230, 400] == 255 and clean[350, 700] == 255  # the borders erased
    scale = 300 / 72
    xs = sorted({round(r[0] * scale) for t in tables for r in t})
    assert any(abs(x - 400) < 5 for x in xs) and not any(abs(x - 900) < 5 for x in xs)


def test_a_speck_read_as_a_lone_mark_is_left_out_a_hyphen_is_kept():
    """A speck of dust before ``Surse APL`` read as a ``-`` word: narrower than any hyphen for the
    line's height, it is left out; a lone dash as wide as one (``2024 - 2028``) stays."""
    def row(level, text, left, width, top=10, height=40, conf="90"):
        return {"level": level, "block_num": "0", "par_num": "0", "line_num": "0", "left": left, "top": top,
                "width": width, "height": height, "conf": conf, "text": text}
    rows = [row("4", "", 10, 400), row("5", "-", 10, 3), row("5", "Surse", 40, 90), row("5", "APL", 140, 60),
            row("5", "-", 210, 12), row("5", "2028", 230, 70)]
    assert [w["text"] for w in rows_to_words(rows, 1.0)] == ["Surse", "APL", "-", "2028"]
    # a lone dot or colon read unsure is a speck too, read sure it stays; a lone dash stays however unsure
    rows = [row("4", "", 10, 400), row("5", "și", 10, 30), row("5", ".", 50, 8, conf="34"), row("5", "vârstă", 70, 90),
            row("5", ":", 170, 8, conf="85"), row("5", "-", 190, 12, conf="20")]
    assert [w["text"] for w in rows_to_words(rows, 1.0)] == ["și", "vârstă", ":", "-"]


def test_a_lone_letter_tesseract_is_unsure_of_a_hairs_width_is_a_speck():
    """Borderless office scans: ``i``, ``s`` one point wide read at 24-37 in the white between
    rows; alone on their line, whose box is no taller than the speck, the line's type size (from
    tesseract's ``x_size``) tells how small they are.  A sure ``a`` and a wide one stay."""
    def row(level, text, left, width, conf="90", line="0", top=10, height=40, **extra):
        return {"level": level, "block_num": "0", "par_num": "0", "line_num": line, "left": left, "top": top,
                "width": width, "height": height, "conf": conf, "text": text, **extra}
    rows = [row("4", "", 10, 400, top=20, height=6, text_box=(2.0, 42.0)), row("5", "i", 10, 4, conf="24", top=20, height=6),
            row("4", "", 10, 400, line="1", top=60), row("5", "s", 10, 4, conf="0", line="1", top=60),
            row("5", "a", 60, 4, conf="95", line="1", top=60), row("5", "d", 120, 20, conf="23", line="1", top=60)]
    words = rows_to_words(rows, 1.0)
    assert [w["text"] for w in words] == ["a", "d"]
    assert [w["type_box"] for w in words] == [(60, 100)] * 2  # no type box given: the line's


def test_a_word_no_taller_than_a_comma_is_a_speck_a_dash_stays():
    """Specks read as ``3`` (sure as well as unsure) or ``:`` have ink 0.09-0.19 of the type's
    height; a letter is at least x-height tall (``re``: 0.45).  A dash is flat and stays."""
    def row(level, text, left, width, top, height, conf="90", **extra):
        return {"level": level, "block_num": "0", "par_num": "0", "line_num": "0", "left": left, "top": top,
                "width": width, "height": height, "conf": conf, "text": text, **extra}
    rows = [row("4", "", 10, 400, 10, 40, text_box=(10.0, 50.0)), row("5", "3", 10, 6, 30, 6, conf="95"),
            row("5", "re", 40, 30, 22, 18), row("5", ":", 80, 4, 40, 4), row("5", "-", 100, 12, 30, 3),
            row("5", "2025", 130, 60, 14, 28)]
    assert [w["text"] for w in rows_to_words(rows, 1.0)] == ["re", "-", "2025"]


def test_a_lines_type_box_comes_from_its_baseline_and_size():
    """``re`` (no capital, no descender) has a box half as tall as its neighbours' lines; its type
    box, from the baseline and tesseract's ``x_size``, is as tall as theirs."""
    hocr = b"""<html><body><div class='ocr_page'><span class='ocr_line' id='l1'
      title="bbox 2098 1186 2124 1205; baseline 0.038 -1; x_size 33.158325; x_descenders 7.1455274; x_ascenders 6.6">
      <span class='ocrx_word' title='bbox 2098 1190 2124 1205; x_wconf 96'>re</span></span></div></body></html>"""
    [line, word] = hocr_rows(hocr)
    top, bottom = line["text_box"]
    assert bottom == pytest.approx(1204 + 7.1455274) and bottom - top == pytest.approx(33.158325)
    [w] = rows_to_words([line, word], 1.0)
    assert (w["top"], w["bottom"]) == (1186, 1205) and w["type_box"] == (top, bottom)


def test_lone_specks_are_short_unsure_and_far_from_other_words():
    from planuri.extract.ocr.specks import lone_specks

    def word(text, x0, top, conf, width=4.0):
        return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 10, "conf": conf}
    words = [word("Număr", 100, 100, 95, 30), word("de", 134, 100, 95, 10),
             word("isa", 300, 140, 28, 10), word("a", 137, 112, 40),  # alone in the white / beside a line
             word("-", 400, 200, 30), word("90.", 20, 200, 6, 15),  # a cell's dash, a misread code: kept
             word("Sl", 20, 260, 21, 15), word("Da", 500, 300, 92)]  # too wide for a speck, a sure word
    assert lone_specks(words) == {2}


@pytest.mark.parametrize("words, cleaned", [
    (["Dezvoltarea", "ȘI", "consolidarea"], ["Dezvoltarea", "și", "consolidarea"]),
    (["larg", "Și", "pentru"], ["larg", "și", "pentru"]),
    (["ORGANIZATE", "ATÂT", "ȘI", "ÎN"], ["ORGANIZATE", "ATÂT", "ȘI", "ÎN"]),  # a heading in capitals
    (["realizat.", "Și", "apoi"], ["realizat.", "Și", "apoi"]),  # a sentence may start with it
    (["educarea", "Și"], ["educarea", "și"]),  # ending a line cut after it: no sentence ends so
    (["ȘI", "conștientizarea"], ["și", "conștientizarea"]),  # opening one, in capitals
    (["Și", "apoi"], ["Și", "apoi"]),  # ... as a sentence may open: kept
    (["copilul", "CU", "nevoi"], ["copilul", "cu", "nevoi"]),
    (["COPIILOR", "CU", "PĂRINȚI"], ["COPIILOR", "CU", "PĂRINȚI"]),  # a heading in capitals
    (["DS", "CU", "IMSP"], ["DS", "CU", "IMSP"]),
    (["3.", "ASigurarea", "suportului"], ["3.", "Asigurarea", "suportului"]),
    (["ONGuri", "locale"], ["ONGuri", "locale"]),  # an acronym with its ending
    # the Bacău report writes "in" and "în" side by side: no accent is added
    (["In", "2021", "41"], ["In", "2021", "41"]),
    (["realizat", "in", "2022"], ["realizat", "in", "2022"]),
    (["Indicator:", "20%"], ["Indicator:", "20%"]),
])
def test_letters_read_in_the_wrong_case(words, cleaned):
    """Told by the words around them: ``și`` in capitals between small letters, a second capital
    that only its size tells from its small letter."""
    assert clean_line(words) == cleaned


def test_a_dash_is_read_as_wide_as_it_is_drawn():
    """``2024 – 2028``: tesseract reads the spaced en dash as a hyphen; its box, three quarters
    of a digit's height wide, says it is an en dash.  A hyphen (``0-18``) is a third as wide."""
    def hocr(dash_width: int) -> bytes:
        boxes, x = [], 10
        for ch in "2024":
            boxes.append(f"<span class='ocrx_cinfo' title='x_bboxes {x} 10 {x + 14} 36'>{ch}</span>")
            x += 16
        x += 6
        dash = f"<span class='ocrx_cinfo' title='x_bboxes {x} 22 {x + dash_width} 26'>-</span>"
        return (f"<html><body><div class='ocr_page'><span class='ocr_line' title='bbox 10 10 300 40'>"
                f"<span class='ocrx_word' title='bbox 10 10 200 36; x_wconf 90'>{''.join(boxes)}</span>"
                f"<span class='ocrx_word' title='bbox {x} 22 {x + dash_width} 26; x_wconf 90'>{dash}</span>"
                f"</span></div></body></html>").encode()
    assert [w["text"] for w in rows_to_words(hocr_rows(hocr(20)), 1.0)] == ["2024", "–"]
    assert [w["text"] for w in rows_to_words(hocr_rows(hocr(8)), 1.0)] == ["2024", "-"]
    # DejaVu Sans' en dash, blurred: 0.52-0.56 of a capital (office scans 9400, 9900: 0.55 was asked)
    assert [w["text"] for w in rows_to_words(hocr_rows(hocr(14)), 1.0)] == ["2024", "–"]
    assert [w["text"] for w in rows_to_words(hocr_rows(hocr(12)), 1.0)] == ["2024", "-"]  # 0.46: unsure, as read
