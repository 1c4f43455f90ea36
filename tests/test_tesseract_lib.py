"""Tesseract's library in this process (``extract/ocr/tesseract_lib.py``): it reads what the
command reads, its engines are kept and shared one a thread, a deadline and a missing library
are handled."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from conftest import require_tesseract
from planuri.extract.errors import ExtractError
from planuri.extract.ocr import tesseract_lib
from planuri.extract.ocr.tesseract import OcrSettings, hocr_rows, run_tesseract, run_tesseract_command

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
LINES = ["1.1 Organizarea ședințelor de lucru", "Direcția asistență socială; DÎTS", "2024 – 2026, 15,5 mii lei"]


def page(lines=LINES, size: int = 38) -> np.ndarray:
    """A grey image of a few lines of Romanian text at about 300 dpi (9-10 point type)."""
    if not FONT.exists():
        pytest.skip("fonts-dejavu-core not installed")
    image = Image.new("L", (1400, 120 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for n, line in enumerate(lines):
        draw.text((60, 60 + 80 * n), line, fill=0, font=ImageFont.truetype(str(FONT), size))
    return np.array(image)


def require_library():
    require_tesseract()
    if not tesseract_lib.available():
        pytest.skip("libtesseract not found (it comes with tesseract-ocr)")


def texts(rows: list[dict]) -> list[str]:
    return [r["text"] for r in rows if r["level"] == "5"]


def test_the_library_reads_what_the_command_reads():
    """Same engine, same settings: the same lines, words, boxes and confidences, so that moving
    the reading into the process changed no dataset."""
    require_library()
    image = page()
    settings = OcrSettings()
    by_library = run_tesseract(image, "tesseract", settings)
    assert by_library == run_tesseract_command(image, "tesseract", settings)
    assert "Organizarea" in texts(by_library) and "DÎTS" in texts(by_library)


def test_without_the_library_or_when_asked_the_command_reads(monkeypatch):
    require_tesseract()
    calls = []
    real = run_tesseract_command

    def command(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr("planuri.extract.ocr.tesseract.run_tesseract_command", command)
    image = page(LINES[:1])
    assert "Organizarea" in texts(run_tesseract(image, "tesseract", OcrSettings(in_process=False)))
    monkeypatch.setattr(tesseract_lib, "available", lambda: False)
    assert "Organizarea" in texts(run_tesseract(image, "tesseract", OcrSettings()))
    assert len(calls) == 2


def test_engines_are_kept_and_each_thread_reading_at_once_has_its_own():
    require_library()
    pool = tesseract_lib.EnginePool()
    variables = {"hocr_char_boxes": "1"}
    try:
        with pool.engine("ron", 6, variables) as first:
            pass
        with pool.engine("ron", 6, variables) as again:
            assert again is first  # kept: the model is not loaded twice
        inside, both_in, out = threading.Barrier(2), [], []

        def read():
            with pool.engine("ron", 6, variables) as engine:
                both_in.append(engine)
                inside.wait(timeout=30)  # both threads hold an engine at once
                out.append(texts(hocr_rows(engine.hocr(page(LINES[:1]), 300, 60))))

        threads = [threading.Thread(target=read) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len({id(e) for e in both_in}) == 2 and all("Organizarea" in words for words in out)
    finally:
        pool.close()


def test_a_page_past_its_deadline_is_an_ocr_timeout():
    require_library()
    with pytest.raises(ExtractError) as e:
        run_tesseract(page(LINES * 6), "tesseract", OcrSettings(timeout=0.001))
    assert e.value.code == "ocr-timeout"
    assert "Organizarea" in texts(run_tesseract(page(LINES[:1]), "tesseract", OcrSettings()))  # the engine reads on


def test_languages_tesseract_has_no_data_for_are_a_clear_failure():
    require_library()
    with pytest.raises(tesseract_lib.TesseractError, match="language data"):
        tesseract_lib.Engine("xx-not-a-language", 6, {})
