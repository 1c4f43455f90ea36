"""Cell text -> canonical field text.

The lines of a cell (DOCX paragraphs, PDF visual lines, pieces of a row cut by
a page break) are joined into one line: a soft wrap becomes a space, a word
cut by a hyphen at a line end is rejoined.  The text is otherwise kept as
written (NFC, comma-below ș ț).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from planuri.extract.ro_text import clean, collapse

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_TAIL = re.compile(r"([^\W\d_]+)-$", re.UNICODE)
_HEAD = re.compile(r"^([^\W\d_]+)", re.UNICODE)


def document_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words written whole (not cut at a line end) anywhere in the document.

    Used to decide whether ``imple-`` + ``mentare`` is one word hyphenated by the
    layout (``implementare`` occurs elsewhere) or a compound (``socio-psiho``).
    """
    words: set[str] = set()
    for text in texts:
        for line in text.split("\n"):
            found = _WORD.findall(line.rstrip())
            if line.rstrip().endswith("-") and found:
                found = found[:-1]  # a fragment cut at the line end is not a word
            words.update(w.lower() for w in found)
            # compounds also count by their parts (nou-create -> nou, create)
            words.update(p.lower() for w in found for p in w.split("-"))
    return frozenset(words)


def join_lines(text: str, words: frozenset[str] = frozenset(), line_end_spaces: bool = False) -> str:
    """Join the lines of a cell into one line of text.

    A line ending in a hyphen, followed by a line starting with a letter or digit, may
    continue the same word.  It does when the character before the hyphen is not a space
    (``2023-`` + ``2025``, ``nou-`` + ``create``), or -- with ``line_end_spaces``, for PDF
    lines from a producer that draws the space at the end of a line broken at a space --
    when the line has no trailing space (``public -`` + ``privat`` was cut right after the
    hyphen, ``2024 - `` + ``2028`` at a space); never after a spaced en dash, a separator that
    a full line drew without its space (``nr. 9 –`` + ``Sprijin``).  The hyphen itself is dropped
    only when the document writes the word whole elsewhere and not with the hyphen
    (``nonguverna-`` + ``mentale``).  A range broken before its dash (``2025`` + ``-`` + ``2027``)
    is glued back.  Every other line break is a space.
    """
    raw = [ln for ln in clean(text).split("\n") if ln.strip()]
    if not raw:
        return ""
    spaced = [ln.endswith((" ", "\t")) for ln in raw]
    lines = [ln.strip() for ln in raw]
    out = lines[0]
    for prev_spaced, line in zip(spaced, lines[1:]):
        glued = False
        if out[-1] in "-–" and line[0].isalnum() and not prev_spaced:
            spaced_dash = len(out) > 1 and out[-2].isspace()
            glued = not spaced_dash or (line_end_spaces and out[-1] == "-")
        if not glued and not prev_spaced and _number_cut(out, line):
            out = out + line  # an amount wrapped at its separator: ``150,000.`` + ``00``
            continue
        if (not prev_spaced and out[-1].isdigit() and line[0] in "-–" and line[1:2] in ("", *"0123456789")
                and line != "–"):
            out = out + line  # a range broken before its dash: ``2025`` + ``-`` + ``2027``, ``2025`` + ``-2027``
            continue  # (an en dash alone on its line is spaced: Word makes one of `` - `` only)
        if glued:
            tail, head = _TAIL.search(out), _HEAD.match(line)
            if tail and head and _dehyphenate(tail.group(1), head.group(1), words):
                out = out[:-1] + line
            else:
                out = out + line
        else:
            out = f"{out} {line}"
    return collapse(out)


# an amount cut after a separator by a narrow column: the part before holds a thousands group
# and the rest is the decimals (``150,000.`` + ``00``), or the part before is the first group
# and the rest the other groups with decimals (``150,`` + ``000.00``); a list (``1,`` + ``200``)
# or a sentence's end (``2024.`` + ``10 persoane``) is neither
_CUT_AMOUNT = (
    (re.compile(r"(?<![\d.,])\d{1,3}(?:[.,\u00a0]\d{3})+[.,]$"), re.compile(r"^\d{2}(?![\d.,]?\d)")),
    (re.compile(r"(?<![\d.,])\d{1,3}[.,]$"), re.compile(r"^\d{3}(?:[.,]\d{3})*[.,]\d{2}(?![\d.,]?\d)")),
)


def _number_cut(before: str, after: str) -> bool:
    return any(tail.search(before) and head.match(after) for tail, head in _CUT_AMOUNT)


# left parts of Romanian hyphenated compounds: a line-end hyphen after one of them is kept
COMPOUND_PREFIXES = frozenset(
    "agro anti audio auto bi bio co contra cvasi eco euro ex extra infra inter intra macro medico micro mini "
    "mono multi neo non pluri post pre pro psiho radio re semi socio sub super supra tele trans tri ultra "
    "vice video".split()
)


HYPHENATED_MIN = 2  # letters hyphenation leaves before its hyphen at a line's end


def _dehyphenate(left: str, right: str, words: frozenset[str]) -> bool:
    """``imple-`` + ``mentare``: a word cut by hyphenation, when the document writes it whole
    elsewhere, never with this hyphen, and the left part is neither a word nor a compound prefix.
    Hyphenation leaves two letters or more before its hyphen: one letter is a clitic's
    (``s-`` + ``a colaborat``, ``n-`` + ``a fost``), whatever ``sa`` is elsewhere."""
    lower = left.lower()
    if len(lower) < HYPHENATED_MIN or lower in COMPOUND_PREFIXES or lower in words:
        return False
    return (lower + right.lower()) in words and f"{lower}-{right.lower()}" not in words


def field_text(text: str | None, words: frozenset[str] = frozenset(), line_end_spaces: bool = False) -> str | None:
    """Canonical text of a field, None when empty."""
    if text is None:
        return None
    joined = join_lines(text, words, line_end_spaces)
    return joined or None


PDF_ENGINES = ("pdfplumber", "pdfium", "camelot", "borderless", "ocr", "pdf-text")


@dataclass(frozen=True)
class TextRules:
    """How a document's cell texts are joined: its vocabulary of whole words, and whether its
    lines keep the trailing spaces drawn in the PDF."""

    words: frozenset[str] = frozenset()
    line_end_spaces: bool = False

    def join(self, text: str | None) -> str:
        return join_lines(text or "", self.words, self.line_end_spaces)

    def field(self, text: str | None) -> str | None:
        return field_text(text, self.words, self.line_end_spaces)

    def for_table(self, table) -> "TextRules":
        """PDF tables whose lines keep the space drawn where a line broke at a space."""
        marks = table.provenance.engine in PDF_ENGINES and any(
            line.endswith(" ") for cell in table.cells for line in cell.text.split("\n")[:-1]
        )
        return replace(self, line_end_spaces=marks)
