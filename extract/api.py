"""Entry point of extraction: recognise the file, run the engine, stitch pages."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .pdf_plumber import PageContent, PdfSettings, read_pages
from .pdf_text import furniture_keys
from .stitch import StitchSettings, stitch
from .types import ExtractedDocument

ENGINES = ("pdfplumber", "camelot")


class ExtractError(Exception):
    """The file cannot be read as a document (as opposed to a bug in planuri)."""

    def __init__(self, code: str, message: str):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


MAX_DOCX_PART = 256 * 2**20  # bytes a DOCX part may inflate to
MAX_DOCX_TOTAL = 1024 * 2**20  # bytes the whole DOCX may inflate to


def check_package(path: Path, max_part: int = MAX_DOCX_PART, max_total: int = MAX_DOCX_TOTAL) -> None:
    """Refuse a DOCX whose parts would inflate past the limits (a zip bomb), before inflating anything."""
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > max_part:
            raise ExtractError("zip-bomb", f"part {info.filename} would inflate to {info.file_size / 2**20:.0f} MB "
                                           f"(limit {max_part / 2**20:.0f} MB); not read")
    if total > max_total:
        raise ExtractError("zip-bomb", f"the parts would inflate to {total / 2**20:.0f} MB "
                                       f"(limit {max_total / 2**20:.0f} MB); not read")


def sniff_format(path: Path) -> str:
    """``pdf`` or ``docx`` from the file's first bytes (the extension is not trusted)."""
    with path.open("rb") as f:
        head = f.read(1024)
    if not head:
        raise ExtractError("empty-file", "the file is empty")
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile as e:
            raise ExtractError("not-a-docx", f"broken zip archive: {e}") from None
        if "word/document.xml" in names:
            return "docx"
        raise ExtractError("unsupported-format", "a zip archive without word/document.xml (not a DOCX)")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) and b"<html" in head.lower():
        raise ExtractError("not-a-document", "an HTML page (a web server's page saved under a document name)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractError("unsupported-format", "a legacy Word/OLE file (.doc); convert it to DOCX")
    if head.startswith(b"{\\rtf"):
        raise ExtractError("unsupported-format", "an RTF file; convert it to DOCX")
    raise ExtractError("unsupported-format", "neither a PDF nor a DOCX file")


def _pdf_pages(path: Path, engine: str, settings: PdfSettings) -> list[PageContent]:
    if engine == "camelot":
        from .pdf_camelot import read_pages_camelot

        return read_pages_camelot(path, settings)
    return list(read_pages(path, settings))


def read_pdf(path: Path, sha256: str, engine: str = "pdfplumber", settings: PdfSettings | None = None,
             stitch_settings: StitchSettings | None = None) -> ExtractedDocument:
    settings = settings or PdfSettings()
    try:
        pages = _pdf_pages(path, engine, settings)
    except ExtractError:
        raise
    except Exception as e:  # pdfminer/pdfium raise many types for broken files
        error = _pdf_error(e)
        if error.code == "password-required" and settings.password:
            error = ExtractError("password-required", "the PDF is encrypted and the password given does not open it")
        raise error from e
    if pages and not any(p.n_chars for p in pages):
        raise ExtractError("no-text-layer", "the PDF has no text layer (a scan?); OCR is not supported yet")
    furniture = furniture_keys([(p.height, p.lines) for p in pages])
    blocks = stitch(pages, furniture, str(path), sha256, stitch_settings or StitchSettings())
    return ExtractedDocument(path=str(path), sha256=sha256, format="pdf", pages=len(pages), blocks=tuple(blocks))


def _pdf_error(e: Exception) -> ExtractError:
    # pdfplumber wraps pdfminer's exceptions: look at the wrapped one too
    causes = [e, *[a for a in getattr(e, "args", ()) if isinstance(a, Exception)], e.__context__]
    names = " ".join(type(c).__name__ for c in causes if c is not None)
    text = " ".join(str(c) for c in causes if c is not None).lower()
    if "password" in names.lower() or "password" in text or "encrypt" in text:
        return ExtractError("password-required", "the PDF is encrypted with a user password; give it with --password")
    inner = next((c for c in causes[1:] if c is not None), e)
    return ExtractError("unreadable-pdf", f"{type(inner).__name__}: {inner}".rstrip(": "))


def extract(path: Path, sha256: str, engine: str = "pdfplumber", pdf_settings: PdfSettings | None = None,
            stitch_settings: StitchSettings | None = None) -> ExtractedDocument:
    """Read one file.  Raises ``ExtractError`` for files that are not readable documents."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    fmt = sniff_format(path)
    if fmt == "pdf":
        return read_pdf(path, sha256, engine, pdf_settings, stitch_settings)
    from .docx_reader import read_docx

    try:
        check_package(path)
        return read_docx(path, sha256)
    except (KeyError, ValueError, zipfile.BadZipFile, OSError) as e:
        raise ExtractError("unreadable-docx", f"{type(e).__name__}: {e}") from e
