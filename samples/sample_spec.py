"""The transcription format of samples/*/source.yaml: cells, rows and the text rules of the
expected results.  Shared by the DOCX renderer and the expected-results writer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

CONTINUE = "^"  # a cell covered by the vertical merge of the cell above


@dataclass(frozen=True)
class Cell:
    """One cell of a transcribed row: its text (paragraphs split by newlines) and span."""

    text: str
    span: int = 1
    covered: bool = False  # True: continues the vertical merge of the cell above


def parse_cell(raw) -> Cell:
    if raw is None:
        return Cell("")
    if raw == CONTINUE:
        return Cell("", covered=True)
    if isinstance(raw, dict):
        return Cell(str(raw.get("text", "")), int(raw.get("span", 1)))
    return Cell(str(raw))


def parse_row(raw, ncols: int, where: str) -> list[Cell]:
    cells = [parse_cell(c) for c in raw]
    width = sum(c.span for c in cells)
    if width != ncols:
        raise ValueError(f"{where}: row covers {width} grid columns, table has {ncols}: {raw!r}")
    return cells


def grid_positions(cells: list[Cell]) -> list[int]:
    pos, out = 0, []
    for c in cells:
        out.append(pos)
        pos += c.span
    return out


LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def plain(text: str) -> str:
    """Document text without the ``**bold**`` and ``[text](url)`` markup of the transcription."""
    return LINK.sub(r"\1", text.replace("**", ""))


def links(text: str) -> list[str]:
    """The link targets a transcribed cell holds, in order."""
    return [m.group(2) for m in LINK.finditer(text or "")]


def canonical(text: str | None) -> str:
    """The expected normalized text: paragraphs joined with a space, whitespace collapsed,
    cedilla s/t mapped to comma-below, NFC."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", plain(text))
    text = text.translate(str.maketrans("şţŞŢ", "șțȘȚ"))
    return " ".join(text.split())



def heading_text(raw: dict) -> str:
    heading = raw["heading"]
    if isinstance(heading, list):
        return "\n".join(text for _, text in heading)
    return raw["text"]


def heading_segments(raw: dict) -> list[tuple[str | None, str]]:
    heading = raw["heading"]
    if isinstance(heading, list):
        return [(field, text) for field, text in heading]
    return [(heading, raw["text"])]
