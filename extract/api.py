"""Entry point of extraction: recognise the file, convert legacy formats, read the pages, stitch them."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

from planuri.extract.issues import Issue

from planuri.extract.borderless.header import LabelField
from planuri.extract.ruled.cuts import resolve_cuts
from planuri.extract.errors import ExtractError
from planuri.extract.ocr.lexicon import dictionary_lookup
from planuri.extract.ruled.columns import ColumnSettings
from planuri.extract.legacy import LEGACY_FORMATS, ConvertSettings, converted_to_docx
from planuri.extract.pdf.pages import ENGINES, read_pages
from planuri.extract.ruled.plumber import PdfSettings, merged_column_issues
from planuri.extract.pdf.running_lines import furniture_keys
from planuri.extract.stitch.settings import StitchSettings
from planuri.extract.stitch.tables import stitch
from planuri.extract.types import ExtractedDocument, PageRead, RawTable

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
    """``pdf``, ``docx``, ``doc``, ``odt`` or ``rtf`` from the file's bytes (the extension is not trusted)."""
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
                mimetype = z.read("mimetype")[:100] if "mimetype" in names else b""
        except zipfile.BadZipFile as e:
            raise ExtractError("not-a-docx", f"broken zip archive: {e}") from None
        if "word/document.xml" in names:
            return "docx"
        if mimetype.strip() == b"application/vnd.oasis.opendocument.text":
            return "odt"
        raise ExtractError("unsupported-format", "a zip archive that is neither a DOCX nor an ODT text document")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) and b"<html" in head.lower():
        raise ExtractError("not-a-document", "an HTML page (a web server's page saved under a document name)")
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        if _is_word_ole(path):
            return "doc"
        raise ExtractError("unsupported-format", "an OLE file (Excel, Outlook…) that is not a Word document")
    if head.startswith(b"{\\rtf"):
        return "rtf"
    raise ExtractError("unsupported-format", "not a PDF, DOCX, DOC, ODT or RTF file")


def _is_word_ole(path: Path, limit: int = 8 * 2**20) -> bool:
    """An OLE compound file holding a ``WordDocument`` stream (its name sits, in UTF-16, in the directory)."""
    with path.open("rb") as f:
        return "WordDocument".encode("utf-16-le") in f.read(limit)


def _from_pdf_library(e: BaseException) -> bool:
    """Was the exception raised inside the PDF libraries (a broken file) rather than in planuri (a bug)?"""
    tb, module = e.__traceback__, ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return module.split(".")[0] in ("pdfminer", "pdfplumber", "pypdfium2", "camelot", "PIL")


def read_pdf(path: Path, sha256: str, engine: str = "auto", settings: PdfSettings | None = None,
             stitch_settings: StitchSettings | None = None, labels: LabelField | None = None) -> ExtractedDocument:
    settings = settings or PdfSettings()
    try:
        pages = list(read_pages(path, settings, engine, labels))
    except ExtractError:
        raise
    except Exception as e:  # pdfminer/pdfium raise many types for broken files
        if not _from_pdf_library(e):
            raise
        error = _pdf_error(e)
        if error.code == "password-required" and settings.password:
            error = ExtractError("password-required", "the PDF is encrypted and the password given does not open it")
        raise error from e
    if not pages:
        raise ExtractError("unreadable-pdf", "the PDF has no pages (a damaged or truncated file?)")
    if not settings.ocr.enabled and not any(p.n_chars for p in pages):
        raise ExtractError("no-text-layer", "the PDF has no text layer (a scan?) and OCR is turned off")
    furniture = furniture_keys([(p.height, p.lines) for p in pages], settings.text.furniture_band)
    blocks = stitch(pages, furniture, str(path), sha256, stitch_settings or StitchSettings(), settings.text, labels)
    blocks = resolve_cuts(blocks, lambda: dictionary_lookup(settings.ocr.dictionary))
    issues = [i for p in pages for i in p.issues] + merged_column_issues(pages, blocks)
    issues += low_confidence_rows(blocks, settings.ocr.min_confidence)
    return ExtractedDocument(path=str(path), sha256=sha256, format="pdf", pages=len(pages), blocks=tuple(blocks),
                             issues=tuple(issues), page_reads=tuple(page_read(p) for p in pages))


def page_read(page) -> PageRead:
    """How a page was read (an OCR'd page's words are no text layer: it has none)."""
    return PageRead(page=page.number, method=page.method, chars=0 if page.method == "ocr" else page.n_chars,
                    pieces=len(page.pieces), scan=page.scan)


def low_confidence_rows(blocks, threshold: float) -> list[Issue]:
    """An issue for each table row holding an OCR'd cell whose words were read with a mean
    confidence under ``threshold``; the row is kept."""
    issues, table_no = [], 0
    for block in blocks:
        if not isinstance(block, RawTable):
            continue
        table_no += 1
        for row in block.rows():
            weak = [c for c in row if c.confidence is not None and c.text.strip() and c.confidence < threshold]
            if weak:
                worst = min(weak, key=lambda c: c.confidence)
                issues.append(Issue(
                    "low-ocr-confidence",
                    f"OCR read {len(weak)} cell(s) of this row with low confidence (lowest {worst.confidence:.0f} "
                    f"< {threshold:.0f}, column {worst.col + 1}); check it against the scan",
                    severity="warning", page=worst.page, table_no=table_no, row_no=row[0].row + 1,
                    raw=" | ".join(" ".join(c.text.split()) for c in row),
                ))
    return issues


def _pdf_error(e: Exception) -> ExtractError:
    # pdfplumber wraps pdfminer's exceptions: look at the wrapped one too
    causes = [e, *[a for a in getattr(e, "args", ()) if isinstance(a, Exception)], e.__context__]
    names = " ".join(type(c).__name__ for c in causes if c is not None)
    text = " ".join(str(c) for c in causes if c is not None).lower()
    if "password" in names.lower() or "password" in text or "encrypt" in text:
        return ExtractError("password-required", "the PDF is encrypted with a user password; give it with --password")
    inner = next((c for c in causes[1:] if c is not None), e)
    return ExtractError("unreadable-pdf", f"{type(inner).__name__}: {inner}".rstrip(": "))


def extract(path: Path, sha256: str, engine: str = "auto", pdf_settings: PdfSettings | None = None,
            stitch_settings: StitchSettings | None = None, labels: LabelField | None = None,
            convert_settings: ConvertSettings = ConvertSettings(),
            docx_columns: ColumnSettings = ColumnSettings()) -> ExtractedDocument:
    """Read one file.  Raises ``ExtractError`` for files that are not readable documents.

    ``labels`` maps a header label to its canonical field (the normalizer's vocabulary):
    the borderless engine needs it to find a table's header."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    fmt = sniff_format(path)
    if fmt == "pdf":
        return read_pdf(path, sha256, engine, pdf_settings, stitch_settings, labels)
    if fmt in LEGACY_FORMATS:
        with converted_to_docx(path, fmt, convert_settings) as docx:
            doc = _read_docx(docx, sha256, source=path, columns=docx_columns)
        return replace(doc, format=fmt)
    return _read_docx(path, sha256, columns=docx_columns)


def _bad_package_errors() -> tuple[type[BaseException], ...]:
    """What python-docx, lxml and zipfile raise for a broken Word package (measured by damaging the
    samples' parts: cut, garbled, dropped, random bytes): a broken zip, a truncated or garbled XML
    part, a package python-docx cannot open."""
    import zlib

    from docx.exceptions import PythonDocxError
    from docx.opc.exceptions import OpcError
    from lxml.etree import ParseError

    return zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ParseError, OpcError, PythonDocxError


# a KeyError raised here is a part or relationship the package names but lacks (zipfile: "There is no
# item named 'word/document.xml'", docx.opc.rel: an unknown rId); raised anywhere else it is a bug
MISSING_PART_MODULES = ("zipfile", "docx.opc")


def _from_bad_package(e: BaseException) -> bool:
    """Is the exception the sign of a broken file (``unreadable-docx``) rather than of a bug in
    planuri, or in how planuri calls the libraries (``internal-error``)?  Only the libraries' own
    error types for a bad package, and a KeyError of a missing part, count."""
    if isinstance(e, _bad_package_errors()):
        return True
    if type(e) is not KeyError:
        return False
    tb, module = e.__traceback__, ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return any(module == m or module.startswith(m + ".") for m in MISSING_PART_MODULES)


def _read_docx(path: Path, sha256: str, source: Path | None = None,
               columns: ColumnSettings = ColumnSettings()) -> ExtractedDocument:
    from planuri.extract.word.reader import read_docx

    try:
        check_package(path)
        return read_docx(path, sha256, source=source, columns=columns)
    except ExtractError:
        raise
    except Exception as e:  # only a broken package's errors; any other is a bug (internal-error)
        if not _from_bad_package(e):
            raise
        raise ExtractError("unreadable-docx", f"{type(e).__name__}: {e}") from e
