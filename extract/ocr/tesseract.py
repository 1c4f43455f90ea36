"""Tesseract OCR of a page image -> words with boxes and confidences, cleaned up.

One tesseract reading per page (``--psm 6``, the page as one block of text, on the image with its
rules erased and its table cells stacked, ``ocr.layout``; the doubtful cells once more), by its
library in this process (``tesseract_lib``) or else its command; words
are then placed in the table cells by the same code
that places a text PDF's characters.  Each word is handed on as a pdfplumber-style
char dict (``text``, ``x0``, ``x1``, ``top``, ``bottom`` in PDF points, ``size``,
``conf`` 0-100, ``word=True`` so that the line builder puts a space between words).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

import numpy as np

from planuri.extract.errors import ExtractError
from planuri.extract.ocr import tesseract_lib
from planuri.extract.ocr.cleanup import clean_line
from planuri.extract.ocr.furniture import ScanFurnitureSettings
from planuri.extract.ocr.lexicon import marked_words
from planuri.extract.ocr.marks import DashSettings
from planuri.extract.ocr.specks import DASHES, SpeckSettings

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ron"


@dataclass(frozen=True)
class OcrSettings:
    """How pages without a text layer are read."""

    enabled: bool = True  # False: pages without a text layer are not OCR'd (--no-ocr)
    dpi: int = 300  # resolution the page is rendered at for OCR
    languages: str = "ron"  # tesseract languages, e.g. "ron+eng"
    tesseract: str = "tesseract"  # the binary (name on PATH or a path)
    psm: int = 6  # tesseract page segmentation mode
    timeout: float = 120.0  # seconds per page
    # read through tesseract's library in this process (``tesseract_lib``: the model loaded once a thread, no
    # process or image file a call; the same readings); False, or without the library: the tesseract command
    in_process: bool = True
    min_confidence: float = 70.0  # a row with a cell under this mean word confidence gets low-ocr-confidence
    min_chars: int = 1  # a page with fewer text-layer characters than this is OCR'd
    space_gap: float = 0.3  # a gap beside a dash or colon inside a word wider than this share of its height is a space
    # a word no taller than this many body-text heights is body text, whose letters' own gaps are spaces when
    # wider than letter_gap * space_gap of its height (a heading's bold capitals stand apart: no such split)
    body_height: float = 1.15
    letter_gap: float = 1.5  # see body_height: between two letters of body text a gap this much wider is a space
    dictionary: str = "ro_RO"  # hunspell dictionary (a name or a path) misread capitals are corrected against
    correct_words: bool = True  # False: words kept exactly as tesseract read them
    recheck_confidence: float = 80.0  # a cell read with a lower mean word confidence is read once more, enlarged
    recheck_word_confidence: float = 60.0  # a cell holding a word read with less is read once more too (one bad word in a sure cell)
    # a heading row is read twice whatever its confidence: its text is copied to every action below it,
    # so one letter misread there (a bold capital Ă read as A) is wrong in dozens of rows
    recheck_headings: bool = True
    # how much a doubtful cell is enlarged for its second reading (small type reads better; 2.5 read no
    # better on 24 office scans and cost a quarter more of the page's time)
    recheck_zoom: float = 2.0
    # tesseract reads each line a second time inverted, in case it is light text on a dark ground:
    # plans print dark text (shaded header cells too), and the check costs a fifth of the time
    inverted_text: bool = False
    dashes: DashSettings = DashSettings()  # what a cell's lone dash looks like (tesseract reads none)
    # pages of one document read at once (the next page's first reading runs while this one is finished);
    # the command line sets it to the usable CPUs shared among its workers (--ocr-threads)
    threads: int = 1
    # running headers and footers of a scan, told by repeating at their place from page to page: a borderless
    # table's page (found from its words) leaves them out of its rows
    furniture: ScanFurnitureSettings = ScanFurnitureSettings()
    specks: SpeckSettings = SpeckSettings()  # specks of dust read as words where a table has no rules (left out)


def check_tesseract(settings: OcrSettings) -> str:
    """The tesseract binary, after checking it exists and knows the languages asked for."""
    binary = shutil.which(settings.tesseract)
    if binary is None:
        raise ExtractError("tesseract-missing",
                           f"this PDF has pages without a text layer; reading them needs tesseract ({INSTALL_HINT})")
    listed = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30)
    have = {ln.strip() for ln in (listed.stdout + listed.stderr).splitlines()[1:]}
    missing = [lang for lang in settings.languages.split("+") if lang not in have]
    if missing:
        raise ExtractError("tesseract-missing", f"tesseract has no data for {'+'.join(missing)} "
                                                f"(apt-get install {' '.join('tesseract-ocr-' + m for m in missing)})")
    return binary


def run_tesseract(image: np.ndarray, binary: str, settings: OcrSettings) -> list[dict]:
    """Tesseract's lines and words for a grey image, as rows like its TSV output's: level 4 a
    line, level 5 a word (``block_num``, ``par_num``, ``line_num``, box, ``conf``, ``text``).

    Read from its hOCR with character boxes: the recogniser glues a dash or a colon to its
    neighbours across a narrow space (``I - IV`` as ``I-IV``, ``1 :`` as ``1:``), which the gaps
    between the characters' boxes still show; such a word is cut there.  Through tesseract's
    library when it is there (``settings.in_process``), else its command (``binary``)."""
    if settings.in_process and tesseract_lib.available():
        variables = {"hocr_char_boxes": "1", "tessedit_do_invert": str(int(settings.inverted_text))}
        try:
            with tesseract_lib.ENGINES.engine(settings.languages, settings.psm, variables) as engine:
                return hocr_rows(engine.hocr(image, settings.dpi, settings.timeout), settings)
        except tesseract_lib.TesseractError as e:
            raise ExtractError("ocr-timeout" if e.timeout else "ocr-failed", str(e)) from None
    return run_tesseract_command(image, binary, settings)


def run_tesseract_command(image: np.ndarray, binary: str, settings: OcrSettings) -> list[dict]:
    """``run_tesseract`` by the tesseract command: one process for the image."""
    import cv2

    # an uncompressed BMP in a temporary file: a PNG took 0.2 s to make and tesseract 0.2 s to undo on
    # a stack of 20 MP, and 20 MB of BMP through its stdin pipe cost more than that (3.8 against 4.4 s a page)
    ok, bmp = cv2.imencode(".bmp", image)
    if not ok:
        raise RuntimeError("could not encode the page image")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # its OpenMP threads only slow a page down on few cores
    command = [binary, "", "stdout", "-l", settings.languages, "--psm", str(settings.psm),
               "--dpi", str(settings.dpi), "-c", "hocr_char_boxes=1",
               "-c", f"tessedit_do_invert={int(settings.inverted_text)}", "hocr"]
    try:
        with tempfile.NamedTemporaryFile(prefix="planuri-ocr-", suffix=".bmp") as f:
            f.write(bmp.tobytes())
            f.flush()
            command[1] = f.name
            done = subprocess.run(command, capture_output=True, timeout=settings.timeout, env=env)
    except subprocess.TimeoutExpired:
        raise ExtractError("ocr-timeout", f"tesseract did not read a page within {settings.timeout:.0f} s") from None
    except OSError as e:  # no room or no folder for the image (TMPDIR)
        raise ExtractError("ocr-failed", f"could not hand the page image to tesseract: {e}") from None
    if done.returncode != 0:
        raise ExtractError("ocr-failed", done.stderr.decode("utf-8", "replace").strip()[-300:])
    return hocr_rows(done.stdout, settings)


def _title(el, key: str) -> list[str]:
    for part in (el.get("title") or "").split(";"):
        words = part.split()
        if words and words[0] == key:
            return words[1:]
    return []


def hocr_rows(hocr: bytes | str, settings: OcrSettings = OcrSettings()) -> list[dict]:
    """hOCR -> line and word rows; a word whose dash or colon stands apart from its neighbour by
    more than ``space_gap`` of the word's height is cut into words there."""
    from lxml import html

    space_gap = settings.space_gap
    tree = html.fromstring(hocr)
    heights = sorted(int(b[3]) - int(b[1]) for w in tree.xpath("//*[@class='ocrx_word']")
                     if len(b := _title(w, "bbox")) == 4)
    body = heights[len(heights) // 2] if heights else 0  # the height of the page's body text
    rows = []
    for n, line in enumerate(tree.xpath("//*[@class='ocr_line' or @class='ocr_textfloat' or @class='ocr_header' "
                                        "or @class='ocr_caption']")):
        x0, y0, x1, y1 = map(int, _title(line, "bbox"))
        par = next(line.iterancestors("p", "div"), None)  # tesseract's paragraph (ocr_par) holding the line
        key = {"block_num": "0", "par_num": (par.get("id") or "0") if par is not None else "0", "line_num": str(n)}
        rows.append({"level": "4", **key, "left": x0, "top": y0, "width": x1 - x0, "height": y1 - y0,
                     "conf": "-1", "text": "", "text_box": text_box(line, y1)})
        cap = cap_height(line)
        for word in line.xpath(".//*[@class='ocrx_word']"):
            conf = (_title(word, "x_wconf") or ["0"])[0]
            chars = [(c.text or "", list(map(int, _title(c, "x_bboxes")))) for c in word.xpath(".//*[@class='ocrx_cinfo']")]
            chars = [(dash_by_width(t, b, cap), b) for t, b in chars if t and len(b) == 4]
            if not chars:
                text = word.text_content().strip()
                if text:
                    wx0, wy0, wx1, wy1 = map(int, _title(word, "bbox"))
                    rows.append({"level": "5", **key, "left": wx0, "top": wy0, "width": wx1 - wx0,
                                 "height": wy1 - wy0, "conf": conf, "text": text})
                continue
            height = max(b[3] for _, b in chars) - min(b[1] for _, b in chars)
            # headings (taller than the body) are set in bold capitals whose boxes stand apart
            letters_too = height <= settings.body_height * body
            pieces = [[chars[0]]]
            right = chars[0][1][2]  # the LSTM's letter boxes overlap and run back: the gap is from the rightmost
            for prev, ch in zip(chars, chars[1:]):
                # beside a dash or a colon, and after a semicolon or a comma, a narrow gap is a space (``DÎTS;DC``
                # read as one word: 0.44-0.57 of its height after the ``;``, where ``3,0`` has 0.15-0.19);
                # between letters a wider one
                loose = any(c in "-–—:" for c in (prev[0], ch[0])) or prev[0] in ";,"
                limit = space_gap * height if loose else settings.letter_gap * space_gap * height if letters_too else None
                if limit is not None and ch[1][0] - (prev[1][2] if loose else right) > limit:
                    pieces.append([])
                    right = ch[1][2]
                pieces[-1].append(ch)
                right = max(right, ch[1][2])
            for piece in pieces:
                px0, py0 = min(b[0] for _, b in piece), min(b[1] for _, b in piece)
                px1, py1 = max(b[2] for _, b in piece), max(b[3] for _, b in piece)
                rows.append({"level": "5", **key, "left": px0, "top": py0, "width": px1 - px0, "height": py1 - py0,
                             "conf": conf, "text": "".join(t for t, _ in piece)})
    return rows


def text_box(line, bottom: int) -> tuple[float, float] | None:
    """The top and bottom of a line's type (ascenders to descenders) from its baseline and the
    size tesseract measured for it, in pixels: the same height for every line of one type size,
    whatever letters it holds (``re`` has neither capitals nor descenders; its box is half as
    tall as the line over it).  None when the hOCR does not say."""
    baseline, size, descenders = _title(line, "baseline"), _title(line, "x_size"), _title(line, "x_descenders")
    if len(baseline) != 2 or not size or not descenders:
        return None
    base = bottom + float(baseline[1])
    return base - (float(size[0]) - float(descenders[0])), base + float(descenders[0])


# a dash's width, in its line's capital heights: on 36 generated office scans (nine fonts) the hyphens
# inside words measured 0.27-0.45, the spaced en dashes 0.52-0.81 (DejaVu Sans: 0.52-0.56)
HYPHEN_MAX, EN_DASH_MIN, EN_DASH_MAX = 0.45, 0.49, 0.9
DASH_THICKNESS = 0.4  # ... the dash itself no thicker than this share of a capital's height (a real glyph box)


def cap_height(line) -> float | None:
    """The median height of a line's capitals and digits, in pixels (None without any)."""
    heights = sorted(b[3] - b[1] for c in line.xpath(".//*[@class='ocrx_cinfo']")
                     if (t := c.text or "") and (t.isdigit() or t.isupper()) and len(b := list(map(int, _title(c, "x_bboxes")))) == 4)
    return float(heights[len(heights) // 2]) if heights else None


def dash_by_width(text: str, box: list[int], cap: float | None) -> str:
    """A dash as wide as it is drawn: tesseract reads the spaced en dash of ``2024 – 2028``
    as a hyphen or a long dash, and a hyphen now and then as a dash.  A hyphen is about a
    third of an em wide, an en dash half of one: about 0.3 and 0.75 of a capital's height."""
    if text not in DASHES or cap is None or box[3] - box[1] > DASH_THICKNESS * cap:
        return text
    ratio = (box[2] - box[0]) / cap
    return "-" if ratio <= HYPHEN_MAX else "–" if EN_DASH_MIN <= ratio < EN_DASH_MAX else text


def rows_to_words(rows: list[dict], scale: float, lexicon=None, corrected: list | None = None) -> list[dict]:
    """TSV rows -> cleaned word dicts in PDF points, line by line (``scale``: pixels per point).

    A word gets the height of the line tesseract read it on: an accented capital (Ă, Ț) makes a
    word's own box taller, and words of one line must stay on one line.  ``type_box`` holds the
    top and bottom of the line's type from its baseline (``text_box``), the same for every line of
    one size: where a table has no rules, line gaps tell rows apart.  With a ``lexicon``
    (``ocr.lexicon.Lexicon``) misread capitals are corrected and each change is appended to
    ``corrected`` as ``(read, written)``; a word glued to the one before widens its box."""
    boxes: dict[tuple, tuple[float, float]] = {}
    types: dict[tuple, tuple[float, float]] = {}  # each line's type box (``text_box``), where tesseract gave one
    lines: dict[tuple, list[dict]] = {}
    for r in rows:
        key = (r["block_num"], r["par_num"], r["line_num"])
        if r["level"] == "4":
            boxes[key] = (float(r["top"]) / scale, (float(r["top"]) + float(r["height"])) / scale)
            if r.get("text_box"):
                types[key] = (r["text_box"][0] / scale, r["text_box"][1] / scale)
        else:
            lines.setdefault(key, []).append(r)
    words = []
    paragraphs: dict[tuple, list[str]] = {}  # (block, paragraph) -> the words tesseract read in it
    last_line: dict[tuple, tuple] = {}  # ... and its last line
    for key, line in lines.items():
        paragraphs.setdefault(key[:2], []).extend(r["text"] for r in line)
        last_line[key[:2]] = key
    marked = {par: marked_words(words) for par, words in paragraphs.items()}  # (once a paragraph, not a line)
    for key, line in lines.items():
        texts = clean_line([r["text"] for r in line])
        fixed: list[str | None] = (lexicon.fix_line(texts, marked[key[:2]], goes_on=last_line[key[:2]] != key)
                                   if lexicon is not None else list(texts))
        if corrected is not None:
            corrected.extend(_changes(texts, fixed))
        placed: list[dict] = []
        for r, text in zip(line, fixed):
            left, top, width, height = (float(r[k]) / scale for k in ("left", "top", "width", "height"))
            if text is None:  # glued to the word before
                if placed:
                    placed[-1]["x1"] = max(placed[-1]["x1"], left + width)
                continue
            if not text:
                continue
            ink_top = top  # the word's own box, before it takes its line's
            line_top, line_bottom = boxes.get(key, (top, top + height))
            type_top, type_bottom = types.get(key, (line_top, line_bottom))
            # (a speck alone on its line has a line box no taller than itself: the type's height, from the
            # size tesseract measured for the line, is the type's whatever the line holds)
            tall = max(line_bottom - line_top, type_bottom - type_top)
            if text in MARKS and width < SPECK_SHARE * tall:
                continue  # a speck of dust read as a mark (a dash, a dot): narrower than any
            if (len(text) <= FLAT_SPECK_CHARS and height < FLAT_SPECK_SHARE * (type_bottom - type_top)
                    and not all(c in DASHES for c in text)):
                continue  # ... or as anything no taller than a comma (``3``, ``:``, ``E`` read on a speck)
            if text in UNSURE_MARKS and float(r["conf"]) < SPECK_CONFIDENCE:
                continue  # ... or as a lone dot, colon or star tesseract is unsure of (text sets none apart)
            if (len(text) == 1 and text.isalpha() and float(r["conf"]) < LETTER_SPECK_CONFIDENCE
                    and width < LETTER_SPECK_SHARE * tall):
                continue  # ... or as a lone letter, a hair's width, tesseract is unsure of (i, s, A read at 0-48)
            top, bottom = line_top, line_bottom
            placed.append({"text": text, "x0": left, "x1": left + width, "top": top, "bottom": bottom,
                           "size": bottom - top, "fontname": "", "conf": max(0.0, float(r["conf"])), "word": True,
                           "type_box": (type_top, type_bottom), "ink": (ink_top, ink_top + height)})
        words.extend(placed)
    return words


def _changes(texts: list[str], fixed: list[str | None]) -> list[tuple[str, str]]:
    out = []
    for i, (read, written) in enumerate(zip(texts, fixed)):
        if written is None:
            continue
        j = i + 1
        while j < len(fixed) and fixed[j] is None:
            j += 1
        read = " ".join(texts[i:j])
        if read != written:
            out.append((read, written))
    return out


MARKS = frozenset("-–—.,·'`‘’")  # marks tesseract makes of a speck of dust when alone as a word
SPECK_SHARE = 0.15  # a lone mark narrower than this share of its line's height is a speck (a hyphen is wider)
# lone marks a text never sets apart from its words, read with a confidence under SPECK_CONFIDENCE: specks
# (office scans: "vârstă și . dizabilitate", "organizații : rome", "localități *", read at 0-51); a lone
# dash is a cell's own "-" however unsure, and stays
UNSURE_MARKS = frozenset(".,:;*·'`‘’\"„”")
SPECK_CONFIDENCE = 60.0
# a lone letter under LETTER_SPECK_CONFIDENCE and narrower than LETTER_SPECK_SHARE of its line's height is a speck
# (borderless office scans: ``i``, ``s``, ``A`` one point wide read at 0-48 in the white between rows, each
# opening a row of its own); a letter's ink is narrow too (an ``i``), so only an unsure one goes
# a word of at most FLAT_SPECK_CHARS whose own ink is less than FLAT_SPECK_SHARE of its line's type height is a
# speck: a letter is at least x-height tall (0.45 of the type: ``re``), a digit or a capital 0.7; specks read as
# ``3``, ``5``, ``:``, ``E`` measure 0.09-0.19 (borderless office scans, read sure as well as unsure).  A dash is
# flat too and stays
FLAT_SPECK_CHARS = 4
FLAT_SPECK_SHARE = 0.3
LETTER_SPECK_CONFIDENCE = 50.0
LETTER_SPECK_SHARE = 0.2
