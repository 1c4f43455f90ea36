"""An indicators cell -> the list of its indicators.

Split where the document separates them: at its own line breaks (paragraphs),
at a wrapped line that starts an indicator (``Număr de …``, ``Numărul …``,
``Rata …``, ``%``), at ``;``, and at a sentence end followed by a new
capitalised indicator -- not at abbreviations (``mun. Bălți``, ``nr. 335``).
"""

from __future__ import annotations

import re

from planuri.extract.types import Cell

from .text import TextRules

STARTS_INDICATOR = re.compile(r"^(Num[ăa]r(ul)?\b|Nr\.?\s|Rata\b|Ponderea\b|%)")
SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-ZĂÂÎȘȚ„\"(%])")
ABBREVIATIONS = frozenset(
    "al alin art cca com dl dna dr etc ex gr jud lit mun nr or p pct prof s sat str tel vol".split()
)


def split_sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in SENTENCE_END.finditer(text):
        word = text[start:m.start()].rstrip(".").split()[-1:] or [""]
        token = word[0].rsplit(".", 1)[-1] if "." in word[0] else word[0]
        if token.lower() in ABBREVIATIONS or len(token) <= 1 or token.isdigit():
            continue
        out.append(text[start:m.start()])
        start = m.end()
    out.append(text[start:])
    return out


def split_indicators(cell: Cell | None, rules: TextRules) -> list[str]:
    if cell is None or not cell.text.strip():
        return []
    items: list[str] = []
    for paragraph in cell.paragraphs():
        chunks: list[list[str]] = []
        for line in paragraph.split("\n"):
            if not chunks or STARTS_INDICATOR.match(line.strip()):
                chunks.append([line])
            else:
                chunks[-1].append(line)
        for chunk in chunks:
            text = rules.join("\n".join(chunk))
            for part in text.split(";"):
                items.extend(s.strip() for s in split_sentences(part) if s.strip())
    return items
