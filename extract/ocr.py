"""Tesseract OCR of a page image -> words with boxes and confidences, cleaned up.

One tesseract run per page (``--psm 6``, the page as one block of text, on the image
with its rules erased); words are then placed in the table cells by the same code
that places a text PDF's characters.  Each word is handed on as a pdfplumber-style
char dict (``text``, ``x0``, ``x1``, ``top``, ``bottom`` in PDF points, ``size``,
``conf`` 0-100, ``word=True`` so that the line builder puts a space between words).
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass

import numpy as np

from .errors import ExtractError

INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-ron"


@dataclass(frozen=True)
class OcrSettings:
    """How pages without a text layer are read."""

    enabled: bool = True
    dpi: int = 300  # resolution the page is rendered at for OCR
    languages: str = "ron"  # tesseract languages, e.g. "ron+eng"
    tesseract: str = "tesseract"  # the binary (name on PATH or a path)
    psm: int = 6  # tesseract page segmentation mode
    timeout: float = 120.0  # seconds per page
    min_confidence: float = 70.0  # a row with a cell under this mean word confidence gets low-ocr-confidence
    min_chars: int = 1  # a page with fewer text-layer characters than this is OCR'd


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
    """Tesseract's word rows (TSV level 5) for a grey image."""
    import cv2

    ok, png = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("could not encode the page image")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")  # its OpenMP threads only slow a page down on few cores
    command = [binary, "stdin", "stdout", "-l", settings.languages, "--psm", str(settings.psm),
               "--dpi", str(settings.dpi), "tsv"]
    try:
        done = subprocess.run(command, input=png.tobytes(), capture_output=True, timeout=settings.timeout, env=env)
    except subprocess.TimeoutExpired:
        raise ExtractError("ocr-timeout", f"tesseract did not read a page within {settings.timeout:.0f} s") from None
    if done.returncode != 0:
        raise ExtractError("ocr-failed", done.stderr.decode("utf-8", "replace").strip()[-300:])
    rows = csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [r for r in rows if r.get("level") == "5" and (r.get("text") or "").strip()]


def rows_to_words(rows: list[dict], scale: float) -> list[dict]:
    """TSV rows -> cleaned word dicts in PDF points, line by line (``scale``: pixels per point)."""
    lines: dict[tuple, list[dict]] = {}
    for r in rows:
        lines.setdefault((r["block_num"], r["par_num"], r["line_num"]), []).append(r)
    words = []
    for line in lines.values():
        texts = clean_line([r["text"] for r in line])
        for r, text in zip(line, texts):
            if not text:
                continue
            left, top, width, height = (int(r[k]) / scale for k in ("left", "top", "width", "height"))
            words.append({"text": text, "x0": left, "x1": left + width, "top": top, "bottom": top + height,
                          "size": height, "fontname": "", "conf": max(0.0, float(r["conf"])), "word": True})
    return words


# --------------------------------------------------------------------------- cleanup

ROMAN_BEFORE = frozenset(
    "trim trim. trimestrul trimestru trimestrele sem sem. semestrul semestru etapa etapele faza cap cap. capitolul "
    "anexa anexei gradul grad nivelul nivel titlul sectiunea secțiunea partea anul".split()
)
DEBRIS = re.compile(r"^[|¦\[\]_—~]+$")
CODE_LIKE = re.compile(r"^\d{1,2}(?:\.[\dlIiOo]{1,3}){1,3}\.?[,;:]?$")
NUMBER_LIKE = re.compile(r"^[\dOo]*\d[\dOo]*(?:[.,][\dOo]+)*[.,;:]?$")
DASH_RANGE = re.compile(r"(?<=\d)—(?=\d)")


def clean_word(text: str, before: str | None, after: str | None) -> str:
    """One OCR'd word in its line: border debris removed, common confusions undone."""
    if text in ("|", "¦") and (
        (before or "").lower() in ROMAN_BEFORE or re.match(r"^[-–]?[IVX]+\b", after or "")
    ):
        return "I"  # "Trimestrul |" is "Trimestrul I"
    if text == "—" and before and after and before[-1:].isdigit() and after[:1].isdigit():
        return "–"  # a range between numbers: "2024 — 2028"
    if DEBRIS.match(text):
        return ""  # a ruling line read as text
    text = re.sub(r"^[|¦](?=[-–][IVX])", "I", text)  # "|-IV" -> "I-IV"
    text = text.strip("|¦")
    text = DASH_RANGE.sub("–", text)
    if CODE_LIKE.match(text):
        head, _, rest = text.partition(".")
        text = head + "." + rest.translate(str.maketrans("lIiOo", "11100"))  # "1.1.l" -> "1.1.1"
    elif NUMBER_LIKE.match(text) and any(ch in text for ch in "Oo"):
        text = text.translate(str.maketrans("Oo", "00"))  # "2O24" -> "2024"
    return text


def clean_line(texts: list[str]) -> list[str]:
    out = []
    for i, text in enumerate(texts):
        before = out[-1] if out and out[-1] else (texts[i - 1] if i else None)
        after = texts[i + 1] if i + 1 < len(texts) else None
        out.append(clean_word(text.strip(), before, after))
    return out
