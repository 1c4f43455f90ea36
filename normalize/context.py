"""Headings -> context (section, general/specific objective, domain) for the actions below them.

Headings arrive as full-width rows of a plan or as paragraphs between the
parts of a plan.  A heading may hold several segments ("Obiectivul specific
nr.2 …", "Indicator: …", "Domeniul …"): a line matching a heading pattern
starts a segment, other lines continue it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planuri.extract.ro_text import ends_mid_sentence

from .text import TextRules
from .vocabulary import CONTEXT_FIELDS, HeadingPatterns


@dataclass
class Context:
    """The headings in force.  Setting a field clears every field set after it, so a new
    objective clears the domain of the previous one whatever order a council nests them in."""

    order: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, text: str) -> None:
        if name in self.order:
            for later in self.order[self.order.index(name):]:
                self.values.pop(later, None)
            del self.order[self.order.index(name):]
        self.order.append(name)
        self.values[name] = text

    def append_last(self, text: str) -> bool:
        """Continue the field set last (an objective's indicator line); False if none is set."""
        if not self.order:
            return False
        last = self.order[-1]
        self.values[last] = f"{self.values[last]} {text}".strip()
        return True

    def snapshot(self) -> dict[str, str | None]:
        return {name: self.values.get(name) for name in CONTEXT_FIELDS}


def segments(text: str, patterns: HeadingPatterns) -> list[tuple[str | None, list[str]]]:
    """Split a heading's lines into (field or None, lines) segments."""
    out: list[tuple[str | None, list[str]]] = []
    for line in (ln.strip() for ln in text.split("\n")):
        if not line:
            continue
        # a line going on with the sentence before it starts nothing: after a dangling word or a
        # comma ("ÎN" + "DOMENIUL ACCESIBILITĂȚII"), or with a small letter ("din" + "domeniul social")
        goes_on = opens_small_word(line) or bool(out and ends_mid_sentence(out[-1][1][-1]))
        name, line = (None, line) if goes_on else patterns.heading(line)
        if name or not out:
            out.append((name, [line]))
        else:
            out[-1][1].append(line)
    return out


def heading_paragraphs(paragraphs: list[str], patterns: HeadingPatterns) -> list[str]:
    """A heading cell's paragraphs, cut again before a line read as wrapped that opens a numbered
    heading (``Obiectiv specific 4.1: …`` under a general objective's last line): a borderless
    table's heading row is only as wide as the text found in its columns, so a line that ended
    its paragraph short of the page's edge can look filled to the row's edge (8142).  A line after
    one stopping mid-sentence (``… în conformitate cu`` / ``Obiectivul general 2 al …``) goes on."""
    out: list[str] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        out.append(lines[0])
        for prev, line in zip(lines, lines[1:]):
            if patterns.numbered(line) and not ends_mid_sentence(prev) and not opens_small_word(line):
                out.append(line)
            else:
                out[-1] = f"{out[-1]}\n{line}"
    return out


def opens_small_word(text: str) -> bool:
    """Does the text open with a small-case word, no digit before it?  Stricter than
    ``ro_text.starts_lower``, which lets a line go on after a number (``1 psiholog``) or a
    dash: here a numbered line starts a heading or an item of its own."""
    for ch in text:
        if ch.isdigit():
            return False
        if ch.isalpha():
            return ch.islower()
    return False


def apply_heading(ctx: Context, text: str, patterns: HeadingPatterns, rules: TextRules) -> list[str]:
    """Apply a heading row; returns the texts that matched no pattern and had nothing to continue."""
    unplaced = []
    for name, lines in segments(text, patterns):
        joined = rules.join("\n".join(lines))
        if name:
            ctx.set(name, joined)
        elif not ctx.append_last(joined):
            unplaced.append(joined)
    return unplaced


def apply_paragraph(ctx: Context, text: str, patterns: HeadingPatterns, rules: TextRules) -> None:
    """A paragraph outside tables sets context only if it is a heading (its first line matches)."""
    parts = segments(text, patterns)
    if parts and parts[0][0]:
        for name, lines in parts:
            if name:
                ctx.set(name, rules.join("\n".join(lines)))
