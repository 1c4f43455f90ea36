"""One document through the whole pipeline: extract -> normalize -> validate -> frames.

``process_file`` never raises for a bad input file: an unreadable file comes
back with ``status="failed"`` and an ``error``; a bug in planuri is reported the
same way (``internal-error``) so that one file never stops a batch.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planuri.extract import ExtractedDocument, ExtractError, extract, sniff_format
from planuri.extract.ruled.columns import ColumnSettings
from planuri.extract.legacy import ConvertSettings
from planuri.extract.ocr.tesseract import OcrSettings
from planuri.extract.ruled.plumber import PdfSettings
from planuri.extract.issues import Issue
from planuri.extract.stitch.settings import StitchSettings
from planuri.normalize import NormalizedDocument, normalize_document
from planuri.normalize.document import NormalizeSettings
from planuri.normalize.vocabulary import default_vocabulary
from planuri.plan_key import plan_key
from planuri.schemas import to_frame, validate


@dataclass(frozen=True)
class Settings:
    """Every setting of a run, in one tree: the command line's options at the top, and under them
    every threshold of every stage (``pdf``: reading a PDF's pages; ``stitch``: joining table pieces
    across pages; ``docx_columns``: a Word grid dragged by hand; ``normalize``), each passed down to
    the code that uses it.  tests/test_settings_tree.py checks that every settings class is reached."""

    engine: str = "auto"  # how PDF tables are found: auto, pdfplumber, camelot, borderless, ocr (--engine)
    password: str | None = None  # opens an encrypted PDF (--password); copied into pdf
    ocr: OcrSettings = OcrSettings()  # the OCR options of the command line; copied into pdf
    convert: ConvertSettings = ConvertSettings()  # how .doc/.odt/.rtf are converted (LibreOffice, its time limit)
    reader: str = "pdfium"  # what reads a text PDF's pages: pdfium, or pdfplumber (the reference); copied into pdf
    pdf: PdfSettings = PdfSettings()  # the thresholds of reading a PDF's pages (its password, ocr, reader: the above)
    stitch: StitchSettings = StitchSettings()  # table pieces joined across pages, repeated headers taken off
    docx_columns: ColumnSettings = ColumnSettings()  # a Word grid's edges dragged by hand: one column edge
    normalize: NormalizeSettings = NormalizeSettings()  # header keywords, lists of abbreviations

    def __post_init__(self) -> None:
        # one value for each option: the command line's password, OCR options and reader are the PDF reader's
        object.__setattr__(self, "pdf", dataclasses.replace(self.pdf, password=self.password, ocr=self.ocr,
                                                            reader=self.reader))

    def pdf_settings(self) -> PdfSettings:
        return self.pdf


def header_field(label: str) -> str | None:
    """A header label -> its canonical field, read strictly (``header_label``)."""
    return header_label(label).field


def header_label(label: str, settings: NormalizeSettings = NormalizeSettings()):
    """A header label -> how the vocabulary reads it (field and method): what the borderless
    engine looks for.  Strict: the engine tries a label's lines with the body's first lines below
    them ("Responsabili" + "DAS"); the method tells a label as written from a close variant."""
    return default_vocabulary(settings.keywords).match(label, strict=True)


@dataclass
class Outcome:
    """What is reported about one processed document: small and picklable (a worker sends it back,
    the run log and the CLI read it); ``DocumentResult`` adds its frames, ``batch.Summary`` its worker."""

    path: str
    doc_id: str
    status: str
    error: str | None
    pages: int | None = None
    n_tables: int = 0
    n_action_tables: int = 0
    n_actions: int = 0
    n_issues: int = 0
    seconds: float = 0.0
    traceback: str | None = None


@dataclass
class DocumentResult(Outcome):
    sha256: str = ""
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process_file(path: Path, settings: Settings = Settings(), sha: str | None = None) -> DocumentResult:
    started = time.perf_counter()
    sha = sha or file_sha256(path)
    fmt, engine, error, error_code, tb = "unknown", settings.engine, None, None, None
    normalized = NormalizedDocument()
    pages, reading, page_rows = None, {}, []
    try:
        fmt = sniff_format(path)
        engine = "docx" if fmt != "pdf" else settings.engine
        labels = functools.partial(header_label, settings=settings.normalize)
        extracted = extract(path, sha, settings.engine, settings.pdf, settings.stitch, labels=labels,
                            convert_settings=settings.convert, docx_columns=settings.docx_columns)
        pages = extracted.pages
        reading = how_read(extracted)
        page_rows = pages_read(extracted)
        normalized = normalize_document(extracted, default_vocabulary(settings.normalize.keywords),
                                        settings=settings.normalize)
    except ExtractError as e:
        error, error_code = str(e), e.code
    except Exception as e:  # a bug: report it on this document and go on with the batch
        error, error_code = f"internal-error: {type(e).__name__}: {e}", "internal-error"
        tb = traceback.format_exc()
    if error:
        return failed_result(path, sha, error_code, error, fmt=fmt, engine=engine, pages=pages,
                             seconds=time.perf_counter() - started, tb=tb)
    status = "ok" if normalized.actions or normalized.services or normalized.activities else "no-action-plan"
    return assemble(path, sha, normalized, status, None, fmt, engine, pages, time.perf_counter() - started, reading,
                    page_rows)


# the documents fields telling how a PDF's pages were read: null for a Word file or a failed document
NOT_READ = {"pages_ruled": None, "pages_borderless": None, "pages_ocr": None, "ocr_confidence": None}


def how_read(doc: ExtractedDocument) -> dict:
    """The documents fields telling how a PDF's pages were read, and how sure OCR was."""
    if doc.format != "pdf":
        return dict(NOT_READ)
    methods = doc.page_methods
    scores = [c.confidence for t in doc.tables for c in t.cells if c.confidence is not None and c.text.strip()]
    return {"pages_ruled": methods.count("ruled"), "pages_borderless": methods.count("borderless"),
            "pages_ocr": methods.count("ocr"),
            "ocr_confidence": round(sum(scores) / len(scores), 1) if scores else None}


def pages_read(doc: ExtractedDocument) -> list[dict]:
    """The pages rows of a PDF (none for a Word file): how each page was read, and a scan's look."""
    rows = []
    for p in doc.page_reads:
        scan = p.scan
        rows.append({"page": p.page, "method": p.method, "chars": p.chars, "pieces": p.pieces,
                     "scan_angle": scan.angle if scan else None, "scan_upside_down": scan.upside_down if scan else None,
                     "scan_paper": scan.paper if scan else None, "scan_noise": scan.noise if scan else None,
                     "ocr_words": scan.words if scan else None, "ocr_word_confidence": scan.confidence if scan else None,
                     "ocr_doubtful": scan.doubtful if scan else None})
    return rows


def failed_result(path: Path, sha: str, code: str, error: str, fmt: str = "unknown", engine: str = "pdfplumber",
                  pages: int | None = None, seconds: float = 0.0, tb: str | None = None) -> DocumentResult:
    """The frames of a document that could not be processed: its documents row and one error issue."""
    if fmt == "unknown":
        try:
            fmt = sniff_format(path)
        except (ExtractError, OSError):
            pass
    normalized = NormalizedDocument(issues=[Issue(code, error, severity="error")])
    result = assemble(path, sha, normalized, "failed", error, fmt, engine if fmt in ("pdf", "unknown") else "docx",
                      pages, seconds)
    result.traceback = tb
    return result


def assemble(path: Path, sha: str, normalized: NormalizedDocument, status: str, error: str | None, fmt: str,
             engine: str, pages: int | None, seconds: float, reading: dict | None = None,
             page_rows: list[dict] = ()) -> DocumentResult:
    doc_id = sha[:16]
    frames = build_frames(doc_id, normalized)
    frames["pages"], failures = validate("pages", to_frame("pages", [dict(r, doc_id=doc_id) for r in page_rows]))
    if failures:
        raise RuntimeError(f"pages rows do not fit their schema: {failures}")
    n_actions = len(frames["actions"])
    document = {
        "doc_id": doc_id, "sha256": sha, "source_file": str(path), "format": fmt, "engine": engine,
        "pages": pages, "n_tables": normalized.n_tables, "n_action_tables": normalized.n_action_tables,
        "n_actions": n_actions, "n_services": len(frames["services"]), "n_activities": len(frames["activities"]),
        "n_issues": len(frames["issues"]), "status": status, "error": error,
        **dataclasses.asdict(normalized.metadata), **(reading or NOT_READ),
    }
    document["plan_key"] = plan_key(document, frames) if status != "failed" else None
    frames["documents"], failures = validate("documents", to_frame("documents", [document]))
    if failures:
        raise RuntimeError(f"documents row does not fit its schema: {failures}")
    return DocumentResult(
        path=str(path), doc_id=doc_id, sha256=sha, status=status, error=error, frames=frames, pages=pages,
        n_tables=normalized.n_tables, n_action_tables=normalized.n_action_tables, n_actions=n_actions,
        n_issues=len(frames["issues"]), seconds=seconds,
    )


def build_frames(doc_id: str, doc: NormalizedDocument) -> dict[str, pd.DataFrame]:
    """Validated frames of one document; rows failing their schema become ``schema-violation`` issues."""
    issues = list(doc.issues)
    frames: dict[str, pd.DataFrame] = {}
    for name, records in (("actions", doc.actions), ("costs", doc.costs), ("cells", doc.cells), ("headers", doc.headers),
                          ("declared_totals", doc.declared_totals), ("services", doc.services),
                          ("activities", doc.activities)):
        rows = [dict(r, doc_id=doc_id) for r in records]
        frames[name], failures = validate(name, to_frame(name, rows))
        for f in failures:
            row = f["row"]
            issues.append(Issue(
                "schema-violation", f"a {name} row was not written: {f['checks']}", severity="error",
                table_no=_int_or_none(row.get("table_no")), row_no=_int_or_none(row.get("row_no") or row.get("row")),
                raw=json.dumps({k: v for k, v in row.items() if v is not None}, ensure_ascii=False, default=str),
            ))
    issue_rows = [
        {"doc_id": doc_id, "code": i.code, "severity": i.severity, "message": i.message, "page": i.page,
         "table_no": i.table_no, "row_no": i.row_no, "raw": i.raw}
        for i in issues
    ]
    frames["issues"], failures = validate("issues", to_frame("issues", issue_rows))
    if failures:
        raise RuntimeError(f"issues rows do not fit their schema: {failures}")
    return frames


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
