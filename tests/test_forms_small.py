"""The tiny documents of test_pdf_small in the other forms a decision arrives in: with the
table rules turned off (borderless PDF), printed and scanned (OCR), and saved as .doc,
.odt and .rtf.  Each must give the actions of the DOCX it comes from."""

from __future__ import annotations

import pytest

from conftest import build_docx, convert_to_pdf, require_tesseract, sha
from planuri.extract import extract
from planuri.extract.ocr.tesseract import OcrSettings
from planuri.extract.ruled.plumber import PdfSettings
from planuri.normalize import normalize_document
from planuri.pipeline import header_label
from sample_variants import build_scan
from test_pdf_small import CASES

COMPARED = ("section", "general_objective", "specific_objective", "domain", "measure", "action_code", "action",
            "responsible", "partners", "deadline", "indicators", "result", "table_no")


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    ruled = [build_docx(spec, folder / f"{name}.docx") for name, spec in CASES.items()]
    plain = [build_docx(spec, folder / f"{name}-borderless.docx", borders=False) for name, spec in CASES.items()]
    convert_to_pdf(ruled + plain, folder)
    for fmt in ("doc", "odt", "rtf"):
        convert_to_pdf(ruled, folder, fmt)
    return folder


def actions(path, engine="auto"):
    doc = extract(path, sha(path), engine, labels=header_label)
    return doc, normalize_document(doc).actions


def fields(rows, keep=COMPARED):
    return [{k: a[k] for k in keep} for a in rows]


@pytest.mark.parametrize("name", sorted(CASES))
def test_borderless_pdf_gives_the_docx_actions(forms, name):
    _, want = actions(forms / f"{name}.docx")
    doc, got = actions(forms / f"{name}-borderless.pdf")
    assert set(doc.page_methods) <= {"borderless", "text"} and "borderless" in doc.page_methods
    assert all(t.provenance.engine == "borderless" for t in doc.tables)
    assert fields(got) == fields(want)


@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
@pytest.mark.parametrize("name", sorted(CASES))
def test_legacy_formats_give_the_docx_actions(forms, name, fmt):
    _, want = actions(forms / f"{name}.docx")
    doc, got = actions(forms / f"{name}.{fmt}")
    assert doc.format == fmt and doc.path == str(forms / f"{name}.{fmt}")
    assert fields(got, COMPARED + ("row_no",)) == fields(want, COMPARED + ("row_no",))


def read_scan(forms, name: str, source: str):
    """The scan of ``source`` (a PDF of the case ``name``) read: it must give the DOCX's actions,
    90% of their fields equal at least, each OCR'd cell with its confidence."""
    require_tesseract()
    scan = forms / f"{source}-scan.pdf"
    build_scan(forms / f"{source}.pdf", scan)
    _, want = actions(forms / f"{name}.docx")
    doc, got = actions(scan)
    assert set(doc.page_methods) == {"ocr"}
    assert len(got) == len(want)
    pairs = [(" ".join(str(g[k] or "").split()), " ".join(str(w[k] or "").split()))
             for g, w in zip(got, want) for k in COMPARED if g[k] or w[k]]
    assert sum(a == b for a, b in pairs) >= 0.9 * len(pairs), [p for p in pairs if p[0] != p[1]]
    cells = [c for t in doc.tables for c in t.cells if c.text.strip()]
    assert cells and all(c.confidence is not None and 0 <= c.confidence <= 100 for c in cells)
    return doc


@pytest.mark.parametrize("name", ["vmerge", "hmerge", "cedilla", "split_row"])
def test_scanned_pdf_gives_the_docx_actions(forms, name):
    read_scan(forms, name, name)


@pytest.mark.parametrize("name", ["vmerge", "hmerge", "split_row", "cedilla"])
def test_scanned_borderless_pdf_gives_the_docx_actions(forms, name):
    """A table without rules, printed and scanned: found from its header labels among the OCR
    words, as on a text PDF (before, its text was read as paragraphs and no action came out)."""
    doc = read_scan(forms, name, f"{name}-borderless")
    assert doc.tables and all(t.provenance.engine == "borderless" for t in doc.tables)


def test_vertical_merge_in_a_borderless_pdf(forms):
    doc, got = actions(forms / "vmerge-borderless.pdf")
    [table] = doc.tables
    merged = table.grid()[1][0]
    assert (merged.row, merged.row_span, merged.text) == (1, 3, "1. Primul obiectiv")
    assert [a["specific_objective"] for a in got] == ["1. Primul obiectiv"] * 3 + ["2. Al doilea obiectiv"]


def test_borderless_quality_is_recorded(forms):
    doc, _ = actions(forms / "repeated_header-borderless.pdf")
    [table] = doc.tables
    assert table.quality is not None and table.quality.assigned == 1.0 and 0 <= table.quality.empty < 0.2
    assert table.n_rows == 61 and sum(n.action == "dropped-header" for n in table.notes) == len(table.provenance.pages) - 1


def test_a_missing_dictionary_is_reported_once(forms):
    require_tesseract()
    scan = forms / "split_row-scan.pdf"
    if not scan.exists():
        build_scan(forms / "split_row.pdf", scan)
    settings = PdfSettings(ocr=OcrSettings(dictionary="xx_XX_not_here"))
    doc = extract(scan, sha(scan), "auto", pdf_settings=settings, labels=header_label)
    missing = [i for i in doc.issues if i.code == "ocr-dictionary-missing"]
    assert len(missing) == 1 and "hunspell-ro" in missing[0].message and missing[0].page == 1
    assert doc.tables  # the scan is still read
