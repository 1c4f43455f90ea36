"""Normalization: raw tables -> canonical action records, header maps and issues."""

from .document import NormalizedDocument, normalize_document
from .header import Column, HeaderMap, build_header
from .text import document_words, field_text, join_lines
from .vocabulary import HeadingPatterns, LabelMatch, Vocabulary, default_headings, default_vocabulary

__all__ = [
    "NormalizedDocument", "normalize_document", "Column", "HeaderMap", "build_header",
    "document_words", "field_text", "join_lines",
    "HeadingPatterns", "LabelMatch", "Vocabulary", "default_headings", "default_vocabulary",
]
