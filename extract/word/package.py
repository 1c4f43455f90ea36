"""Open a DOCX package with python-docx, Strict Open XML included.

Word can save a document as *Strict Open XML* (ISO/IEC 29500 strict): the same parts
under other namespaces (``http://purl.oclc.org/ooxml/...``) and relationship types.
python-docx knows only the transitional ones, so a strict package is rewritten in
memory -- each XML part's strict namespaces replaced by their transitional twins --
before python-docx parses it.  The file itself is never changed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

STRICT_MARK = b"http://purl.oclc.org/ooxml/"
# most specific first: the strict names whose transitional twin is not the same word
TRANSITIONAL = (
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/customProperties",
     b"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"),
    (b"http://purl.oclc.org/ooxml/officeDocument/", b"http://schemas.openxmlformats.org/officeDocument/2006/"),
    (b"http://purl.oclc.org/ooxml/wordprocessingml/main", b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"),
    (b"http://purl.oclc.org/ooxml/drawingml/", b"http://schemas.openxmlformats.org/drawingml/2006/"),
    (b"http://purl.oclc.org/ooxml/schemaLibrary/main", b"http://schemas.openxmlformats.org/schemaLibrary/2006/main"),
)
XML_PARTS = (".xml", ".rels")


def is_strict(z: zipfile.ZipFile) -> bool:
    """Does the package's root relationship name a strict main document?"""
    try:
        return STRICT_MARK in z.read("_rels/.rels")
    except KeyError:
        return False


def transitional(data: bytes) -> bytes:
    """An XML part with its strict namespaces and relationship types made transitional."""
    if STRICT_MARK not in data:
        return data
    for strict, plain in TRANSITIONAL:
        data = data.replace(strict, plain)
    return data


def open_document(path: Path):
    """``(document, strict)``: the python-docx document, and whether it was saved as Strict Open XML."""
    with zipfile.ZipFile(path) as z:
        if not is_strict(z):
            return docx.Document(str(path)), False
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
            for info in z.infolist():
                data = z.read(info)
                rewritten.writestr(info, transitional(data) if info.filename.endswith(XML_PARTS) else data)
    out.seek(0)
    return docx.Document(out), True
