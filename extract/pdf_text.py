"""PDF characters -> lines -> cell texts and paragraphs.

Works on pdfplumber-style char dicts (``text``, ``x0``, ``x1``, ``top``,
``bottom``, ``size``, ``fontname``) whatever engine found the tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Iterable, Sequence

from planuri.ro_text import clean

from .types import BBox


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def char_center_in(ch: dict, bbox: BBox, pad: float = 0.5) -> bool:
    cx = (ch["x0"] + ch["x1"]) / 2
    cy = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - pad <= cx <= bbox[2] + pad and bbox[1] - pad <= cy <= bbox[3] + pad


def chars_to_lines(chars: Iterable[dict]) -> list[Line]:
    """Group characters into lines (by vertical overlap), left to right, spaces from gaps."""
    rows: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: ((c["top"] + c["bottom"]) / 2, c["x0"])):
        mid = (ch["top"] + ch["bottom"]) / 2
        if rows:
            last = rows[-1]
            ref_mid = (last[0]["top"] + last[0]["bottom"]) / 2
            if abs(mid - ref_mid) <= max(1.5, 0.4 * (ch["bottom"] - ch["top"])):
                last.append(ch)
                continue
        rows.append([ch])
    return [line_from_chars(sorted(row, key=lambda c: c["x0"])) for row in rows]


def line_from_chars(chars: Sequence[dict]) -> Line:
    parts: list[str] = []
    prev = None
    for ch in chars:
        if prev is not None:
            gap = ch["x0"] - prev["x1"]
            if gap > 0.2 * max(ch.get("size", 10), 1) and not parts[-1].endswith(" ") and ch["text"] != " ":
                parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    text = clean(" ".join("".join(parts).split()))
    sizes = [c.get("size", 0) for c in chars]
    bold = sum("bold" in c.get("fontname", "").lower() for c in chars) > len(chars) / 2
    return Line(
        text=text,
        x0=min(c["x0"] for c in chars), x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars), bottom=max(c["bottom"] for c in chars),
        size=median(sizes) if sizes else 0.0, bold=bold,
    )


def lines_to_text(lines: Sequence[Line]) -> str:
    return "\n".join(line.text for line in lines if line.text)


@dataclass(frozen=True)
class Paragraph:
    text: str
    bbox: BBox
    bold: bool


def lines_to_paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Consecutive lines become one paragraph unless a larger vertical gap or a change
    between bold and regular text separates them."""
    lines = [ln for ln in lines if ln.text]
    if not lines:
        return []
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if b.top >= a.bottom - 1]
    base = median(gaps) if gaps else 0.0
    groups: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        gap = line.top - prev.bottom
        if gap > base + 0.25 * max(line.size, 1) or gap < -1 or line.bold != prev.bold:
            groups.append([line])
        else:
            groups[-1].append(line)
    return [
        Paragraph(
            text="\n".join(ln.text for ln in g),
            bbox=(min(ln.x0 for ln in g), g[0].top, max(ln.x1 for ln in g), g[-1].bottom),
            bold=all(ln.bold for ln in g),
        )
        for g in groups
    ]


_DIGITS = re.compile(r"\d+")


def furniture_keys(pages_lines: Sequence[tuple[float, Sequence[Line]]], margin: float = 0.1) -> set[tuple[str, int]]:
    """Lines repeated at the same height in the top or bottom margin of several pages
    (page numbers, running headers): keys of (text with digits as #, rounded top)."""
    counts: Counter = Counter()
    for height, lines in pages_lines:
        seen = set()
        for ln in lines:
            if ln.top < margin * height or ln.bottom > (1 - margin) * height:
                seen.add(furniture_key(ln))
        counts.update(seen)
    n_pages = len(pages_lines)
    if n_pages < 2:
        return {k for k in counts if _DIGITS.fullmatch(k[0].replace("#", "0").strip("- "))}
    return {k for k, n in counts.items() if n >= max(2, n_pages // 2)}


def furniture_key(line: Line) -> tuple[str, int]:
    return (_DIGITS.sub("#", line.text), round(line.top / 4))
