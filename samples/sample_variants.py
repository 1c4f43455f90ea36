"""The other forms a decision arrives in, built from a sample's DOCX and PDF:

* ``<name>-borderless.pdf`` -- the same document with every table's rules turned off
  (Word's default table style), exported by LibreOffice;
* ``<name>-scan.pdf`` -- the ruled PDF printed and scanned: each page rasterized at
  200 dpi by poppler (``pdftoppm``), thresholded to black and white as an office
  scanner's B/W mode does, and wrapped as images only (no text layer) by img2pdf;
* ``<name>.doc`` and ``<name>.odt`` -- the DOCX saved by LibreOffice as Word 97-2003
  and as OpenDocument.

Every file is reproducible byte for byte (fixed dates, zip timestamps, and the random
revision ids LibreOffice writes into ``settings.xml`` zeroed).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

from sample_render import FIXED_TIME, build_docx, build_pdf, soffice_binary, strip_pdf_dates

SCAN_DPI = 200
SCAN_THRESHOLD = 160  # grey level (0-255) above which a scanned pixel is paper
VARIANTS = ("borderless.pdf", "scan.pdf", "doc", "odt")


def variant_paths(folder: Path, name: str) -> dict[str, Path]:
    return {
        "borderless.pdf": folder / f"{name}-borderless.pdf",
        "scan.pdf": folder / f"{name}-scan.pdf",
        "doc": folder / f"{name}.doc",
        "odt": folder / f"{name}.odt",
    }


def build_variants(spec: dict, docx: Path, pdf: Path, out_dir: Path) -> None:
    paths = variant_paths(out_dir, spec["name"])
    with tempfile.TemporaryDirectory(prefix="planuri-variants-") as tmp:
        borderless_docx = Path(tmp, f"{spec['name']}-borderless.docx")
        build_docx(spec, borderless_docx, borders=False)
        build_pdf(borderless_docx, paths["borderless.pdf"])
    build_scan(pdf, paths["scan.pdf"])
    for fmt in ("doc", "odt"):
        save_as(docx, fmt, paths[fmt])


def build_scan(pdf: Path, out: Path, dpi: int = SCAN_DPI, threshold: int = SCAN_THRESHOLD) -> None:
    import img2pdf
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="planuri-scan-") as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(tmp, "page"))],
                       check=True, capture_output=True, timeout=600)
        pages = []
        for png in sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
            grey = Image.open(png).convert("L")
            bw = grey.point(lambda v: 255 if v > threshold else 0).convert("1")
            buf = io.BytesIO()
            bw.save(buf, "TIFF", compression="group4", dpi=(dpi, dpi))
            pages.append(buf.getvalue())
    data = img2pdf.convert(pages, nodate=True, producer="planuri samples", creator="planuri samples")
    out.write_bytes(strip_pdf_dates(data))  # img2pdf writes a random file ID


def save_as(docx: Path, fmt: str, out: Path) -> None:
    """The DOCX saved by LibreOffice as ``doc`` or ``odt``."""
    binary = soffice_binary()
    if binary is None:
        raise SystemExit("LibreOffice is needed for the .doc/.odt samples: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="planuri-lo-") as tmp:
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(FIXED_TIME.timestamp())), TZ="UTC")
        subprocess.run(
            [binary, f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}", "--headless", "--convert-to", fmt,
             "--outdir", tmp, str(docx)],
            check=True, capture_output=True, timeout=300, env=env,
        )
        data = Path(tmp, f"{docx.stem}.{fmt}").read_bytes()
    out.write_bytes(reproducible_odf(data) if fmt == "odt" else data)


def reproducible_odf(data: bytes) -> bytes:
    """Fixed member timestamps and zeroed revision ids (``Rsid``); ``mimetype`` stays first and stored."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "settings.xml":
                body = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>0", body)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, body)
    return out.getvalue()
