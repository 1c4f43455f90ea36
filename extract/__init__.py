"""Extraction: a PDF, DOCX, DOC, ODT or RTF file -> its tables (grids with spans) and paragraphs, in reading order."""

from planuri.extract.api import ENGINES, extract, sniff_format
from planuri.extract.errors import ExtractError
from planuri.extract.types import Block, Cell, ExtractedDocument, Provenance, RawTable, StitchNote, TableQuality, TextBlock

__all__ = [
    "ENGINES", "ExtractError", "extract", "sniff_format",
    "Block", "Cell", "ExtractedDocument", "Provenance", "RawTable", "StitchNote", "TableQuality", "TextBlock",
]
