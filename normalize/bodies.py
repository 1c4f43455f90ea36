"""Responsible bodies and partners: a cell's text -> the list of bodies it names, and the
same list with abbreviations expanded from the document's glossary (or the shared one).

Splitting is on ``;``, ``,`` and line breaks, never inside parentheses or quotes, nor
inside a body whose name holds a comma (``Direcția învățământ, tineret și sport``):
those names come from the glossaries, and a lower-case piece with ``și`` after an
institution (``Direcția X, sănătate și protecția familiei``) stays with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from planuri.extract.types import RawTable, TextBlock
from planuri.extract.ro_text import fold

from .phrases import fold_keep_length
from .vocabulary import data_rows

PLACEHOLDER = "\x00"
QUOTES = str.maketrans({"„": '"', "”": '"', "“": '"', "«": '"', "»": '"'})
INSTITUTIONS = ("directia", "ministerul", "agentia", "departamentul", "serviciul", "sectia", "biroul",
                "compartimentul", "centrul", "consiliul", "inspectoratul", "institutia")
NOT_BODIES = {"etc", "etc.", "s.a.", "ș.a.", "si altele"}
GLOSSARY_HEADING = re.compile(r"^(lista\s+)?abrevier(i|ilor)(\s+utilizate)?\s*:?$")
GLOSSARY_LINE = re.compile(r"^(?P<abbr>[^–—-]{1,40}?)\s*(?:–|—|-|:)\s*(?P<exp>[A-ZĂÂÎȘȚŞŢ„\"].*?)[;.]?\s*$")


@dataclass
class Glossary:
    """Abbreviation -> expansion, plus names that hold a comma."""

    entries: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)

    def add(self, abbreviation: str, expansion: str) -> None:
        abbreviation, expansion = abbreviation.strip(), expansion.strip()
        if abbreviation:
            self.entries.setdefault(abbreviation.translate(QUOTES), expansion)
            self._longest_first = None
        if "," in expansion:
            self.names.append(expansion)

    def keys(self) -> list[str]:
        if getattr(self, "_longest_first", None) is None:
            self._longest_first = sorted(self.entries, key=len, reverse=True)
        return self._longest_first

    def expand(self, item: str, fallback: "Glossary | None" = None) -> str:
        """The item with its leading abbreviation spelled out (the longest key that starts it)."""
        key = item.translate(QUOTES)
        for glossary in (self, fallback):
            if glossary is None:
                continue
            for abbr in glossary.keys():
                if key == abbr or (key.startswith(abbr) and not key[len(abbr)].isalnum()):
                    return glossary.entries[abbr] + item[len(abbr):]
        return item


@dataclass(frozen=True)
class GlossarySettings:
    """What makes a two-column table a document's list of abbreviations."""

    min_rows: int = 3  # fewer rows than this is a small table of its own, not a list of abbreviations
    max_key: int = 25  # characters an abbreviation may have; a longer left cell is text
    key_rows: float = 0.7  # share of the rows that must be an abbreviation and its longer meaning


@lru_cache(maxsize=1)
def shared_glossary() -> Glossary:
    g = Glossary()
    for r in data_rows("glossary.csv"):
        g.add(r["abbreviation"], r["expansion"])
    return g


def document_glossary(blocks, settings: GlossarySettings = GlossarySettings()) -> Glossary:
    """The document's own list of abbreviations: the paragraphs under an ``ABREVIERI:``
    heading, and two-column tables of short upper-case keys with their meanings."""
    g = Glossary()
    under_heading = False
    for block in blocks:
        if isinstance(block, TextBlock):
            lines = [ln.strip() for ln in block.text.split("\n") if ln.strip()]
            if lines and GLOSSARY_HEADING.match(fold(lines[0])):
                under_heading, lines = True, lines[1:]
            if under_heading:
                for line in lines:
                    m = GLOSSARY_LINE.match(line)
                    if m:
                        g.add(m.group("abbr"), m.group("exp"))
        elif isinstance(block, RawTable):
            under_heading = False
            _glossary_table(block, g, settings)
    return g


def _glossary_table(table: RawTable, g: Glossary, settings: GlossarySettings) -> None:
    if table.n_cols != 2 or table.n_rows < settings.min_rows:
        return
    rows = [sorted((c for c in table.cells if c.row == r), key=lambda c: c.col) for r in range(table.n_rows)]
    pairs = [(r[0].text.strip(), r[1].text.strip()) for r in rows if len(r) == 2]
    keyish = [p for p in pairs if 0 < len(p[0]) <= settings.max_key and p[0][:1].isupper() and len(p[1]) > len(p[0])]
    if len(keyish) >= settings.key_rows * len(rows):
        for abbr, expansion in keyish:
            g.add(abbr, " ".join(expansion.split()))


ENCLOSED = re.compile(r"\([^()]*\)|[„“][^„“”\"]*[”\"]|\"[^\"]*\"")


def _protect(text: str, names: list[str]) -> str:
    """Hide the commas that do not separate bodies: inside (…) or closed quotes, inside known names."""
    chars = list(text)
    spans = [m.span() for m in ENCLOSED.finditer(text)]
    folded = fold_keep_length(text)
    for name in names:
        pattern = r"\s+".join(map(re.escape, fold(name).split()))
        spans += [m.span() for m in re.finditer(pattern, folded)]
    for start, end in spans:
        for i in range(start, end):
            if chars[i] == ",":
                chars[i] = PLACEHOLDER
    return "".join(chars)


def split_bodies(text: str | None, names: list[str] = ()) -> list[str]:
    if not text or not text.strip():
        return []
    pieces = [p.replace(PLACEHOLDER, ",").strip() for p in re.split(r"[;,\n]", _protect(text, list(names)))]
    merged: list[str] = []
    for piece in pieces:
        piece = piece.strip().rstrip(".,;").strip()
        if not piece or fold(piece) in NOT_BODIES:
            continue
        if merged and piece[0].islower() and " și " in f" {piece} " and fold(merged[-1]).startswith(INSTITUTIONS):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece)
    return merged
