"""Extraction: a PDF, DOCX, DOC, ODT or RTF file -> its tables (grids with spans) and paragraphs, in reading order."""

from .api import ENGINES, extract, sniff_format
from .errors import ExtractError
from .types import Block, Cell, ExtractedDocument, Provenance, RawTable, StitchNote, TableQuality, TextBlock

__all__ = [
    "ENGINES", "ExtractError", "extract", "sniff_format",
    "Block", "Cell", "ExtractedDocument", "Provenance", "RawTable", "StitchNote", "TableQuality", "TextBlock",
]
