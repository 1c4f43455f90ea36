"""A corpus of broken and awkward inputs, generated in the test run: what municipal websites
serve.  Each entry names the status and error code a batch must record for it."""

from __future__ import annotations

import io
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter

from conftest import SAMPLE_FOLDERS, build_docx, convert_to_pdf, doc_spec

SMALL_PDF = SAMPLE_FOLDERS[1] / f"{SAMPLE_FOLDERS[1].name}.pdf"  # 001: 6 pages, 34 actions
SMALL_DOCX = SAMPLE_FOLDERS[1] / f"{SAMPLE_FOLDERS[1].name}.docx"


@dataclass(frozen=True)
class Case:
    path: Path
    status: str  # ok | no-action-plan | failed
    error: str | None = None  # error code for failed


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def encrypted(src: Path, out: Path, user: str, owner: str) -> Path:
    writer = PdfWriter(clone_from=str(src))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.write(out)
    return out


def image_only_pdf(out: Path) -> Path:
    image = Image.new("RGB", (1240, 1754), "white")
    for x in range(100, 1100):  # a ruled box, as a scan of a table would show
        for y in (200, 201, 600, 601):
            image.putpixel((x, y), (0, 0, 0))
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, "PDF", resolution=150)
    return out


def docx_bomb(out: Path, gigabytes: int = 2) -> Path:
    """A DOCX whose document part inflates to gigabytes (a few MB on disk)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(SMALL_DOCX) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                dst.writestr(info, src.read(info.filename))
        with dst.open("word/document.xml", "w", force_zip64=True) as f:
            chunk = b" " * (64 * 2**20)
            for _ in range(16 * gigabytes):
                f.write(chunk)
    return out


def docx_with_external_entity(out: Path, secret_file: Path) -> Path:
    """A DOCX whose document.xml declares an external entity pointing at a local file."""
    secret_file.write_text("SECRET-CONTENT-42")
    with zipfile.ZipFile(SMALL_DOCX) as src:
        parts = {i.filename: src.read(i.filename) for i in src.infolist()}
    xml = parts["word/document.xml"].decode()
    head, body = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>'
    body = body.replace("Plan de acțiuni", "Plan &xxe; de acțiuni", 1)
    parts["word/document.xml"] = (head + "?>" + doctype + body).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            dst.writestr(name, data)
    return write(out, buf.getvalue())


def many_pages(src: Path, out: Path, pages: int = 1000) -> Path:
    page = PdfReader(str(src)).pages[0]
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(page)
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.write(out)
    return out


def text_only_docs(folder: Path) -> tuple[Path, Path]:
    """A one-page PDF of paragraphs (no table), through LibreOffice, and its DOCX."""
    folder.mkdir(parents=True, exist_ok=True)
    docx = build_docx(doc_spec({"p": "DECIZIE\nnr. 3 din 01.02.2024", "bold": True},
                               {"p": "Consiliul municipal aprobă raportul de activitate, fără anexe."}),
                      folder / "no-tables.docx")
    convert_to_pdf([docx], folder)
    return folder / "no-tables.pdf", docx


def build_corpus(folder: Path) -> dict[str, Case]:
    folder.mkdir(parents=True, exist_ok=True)
    text_pdf, _ = text_only_docs(folder.parent / "lo")  # outside the input folder
    cases = {
        "empty": Case(write(folder / "empty.pdf", b""), "failed", "empty-file"),
        "truncated": Case(write(folder / "truncated.pdf", SMALL_PDF.read_bytes()[:3000]), "failed", "unreadable-pdf"),
        "html": Case(write(folder / "decizie-404.pdf", b"<!DOCTYPE html><html><head><title>404</title></head>"
                                                      b"<body>Pagina nu a fost gasita</body></html>"),
                     "failed", "not-a-document"),
        "user-password": Case(encrypted(SMALL_PDF, folder / "protejat.pdf", "secret", "owner"), "failed",
                              "password-required"),
        "owner-password": Case(encrypted(SMALL_PDF, folder / "doar-proprietar.pdf", "", "owner"), "ok"),
        # a scan holding only a ruled box: OCR'd, nothing to read in it
        "scan-without-text": Case(image_only_pdf(folder / "scanat.pdf"), "no-action-plan"),
        "no-tables": Case(shutil.copy(text_pdf, folder / "fara-tabele.pdf") and folder / "fara-tabele.pdf",
                          "no-action-plan"),
        "docx-not-zip": Case(write(folder / "stricat.docx", b"PK\x03\x04 not really a zip"), "failed", "not-a-docx"),
        "docx-bomb": Case(docx_bomb(folder / "bomba.docx"), "failed", "zip-bomb"),
        "docx-xxe": Case(docx_with_external_entity(folder / "entitate.docx", folder.parent / "secret.txt"), "ok"),
        "1000-pages": Case(many_pages(text_pdf, folder / "o mie de pagini.pdf"), "no-action-plan"),
        "diacritics": Case(write(folder / "Decizia nr 19 din 22 decembrie – Bălți ăîșț.docx", SMALL_DOCX.read_bytes()),
                           "ok"),
    }
    (folder / "bucla").symlink_to(folder)  # a symlink loop inside the input folder
    return cases


def pdf_bomb(out: Path, megabytes: int = 800) -> Path:
    """A one-page PDF whose content stream inflates to hundreds of MB."""
    import zlib

    comp = zlib.compressobj(1)
    chunk = b"0 0 m\n" * (2**20 // 6)
    stream = b"".join(comp.compress(chunk) for _ in range(megabytes)) + comp.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    body, offsets = io.BytesIO(), []
    body.write(b"%PDF-1.4\n")
    for i, obj in enumerate(objects, start=1):
        offsets.append(body.tell())
        body.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = body.tell()
    body.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        body.write(b"%010d 00000 n \n" % off)
    body.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return write(out, body.getvalue())


def replicate(sources: list[Path], folder: Path, copies: int) -> list[Path]:
    """Distinct copies of documents (a byte changed where readers ignore it), for batch runs."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(copies):
        for src in sources:
            dst = folder / f"{src.stem}-copy{n:03d}{src.suffix}"
            if src.suffix == ".pdf":
                dst.write_bytes(src.read_bytes() + b"\n%% planuri copy %d\n" % n)
            else:
                with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as w:
                    for info in z.infolist():
                        w.writestr(info, z.read(info.filename))
                    w.comment = b"planuri copy %d" % n
            out.append(dst)
    return out
