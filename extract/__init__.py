"""Extraction: a PDF or DOCX file -> its tables (grids with spans) and paragraphs, in reading order."""

from .api import ENGINES, ExtractError, extract, sniff_format
from .types import Block, Cell, ExtractedDocument, Provenance, RawTable, StitchNote, TextBlock

__all__ = [
    "ENGINES", "ExtractError", "extract", "sniff_format",
    "Block", "Cell", "ExtractedDocument", "Provenance", "RawTable", "StitchNote", "TextBlock",
]
