"""Specks of dust OCR reads as words in the white of a page without table rules.

In a ruled table a speck falls into some cell and adds a stray letter to it; where a table has
no rules, the borderless reader tells rows apart by the lines of text, so a speck read as
``a``, ``isa`` or ``*`` in the white between two rows opens a row of its own.  Such a word is
short, tesseract is unsure of it, and no other word stands near it: ``lone_specks`` finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence


DASHES = "-–—"


@dataclass(frozen=True)
class SpeckSettings:
    max_chars: int = 3  # a speck reads as a mark, a letter or two, not as a word (a code, a year is longer)
    # tesseract's confidence under which a short word may be a speck (specks read at 0-63; words of a text at 70+)
    confidence: float = 65.0
    max_width: float = 1.2  # type heights: a speck is small (``Sl``, a misread code ``3.7.``, is wider)
    reach: float = 1.5  # type heights around a speck within which no other word stands (a cell's next line is 1.2 away)


def lone_specks(words: Sequence[dict], settings: SpeckSettings = SpeckSettings()) -> set[int]:
    """The indexes of the words that are specks: at most ``max_chars`` long, read with less than
    ``confidence``, no wider than ``max_width`` type heights, with no digit (a misread code) and not a dash (a cell's ``-``), and with no
    other word within ``reach`` of their type's height on any side."""
    out = set()
    for i, w in enumerate(words):
        text = w["text"]
        if (len(text) > settings.max_chars or w.get("conf", settings.confidence) >= settings.confidence
                or any(c.isdigit() for c in text) or all(c in DASHES for c in text)):
            continue  # (a misread code, ``90.`` for 3.2, and a cell's own ``-`` are read, however unsure)
        height = w["bottom"] - w["top"]
        if w["x1"] - w["x0"] > settings.max_width * height:
            continue
        reach = settings.reach * height
        near = any(j != i and o["x0"] - reach < w["x1"] and w["x0"] < o["x1"] + reach
                   and o["top"] - reach < w["bottom"] and w["top"] < o["bottom"] + reach for j, o in enumerate(words))
        if not near:
            out.add(i)
    return out
