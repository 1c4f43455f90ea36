"""Header labels -> canonical fields, and heading texts -> context fields.

The knowledge lives in two data files next to this module:
``vocabulary.csv`` (``field,label``) and ``headings.csv`` (``field,pattern``).
Adding a council's wording is one line in one of them.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from planuri.ro_text import fold

GROUP_FIELDS = {"cost_group": "cost", "budget_group": None}  # group -> field of its sub-columns (None: matched)
CONTEXT_FIELDS = ("section", "general_objective", "specific_objective", "domain")


@dataclass(frozen=True)
class LabelMatch:
    """How one header label (as read) was understood."""

    label: str
    field: str | None  # None: unknown
    method: str  # exact | fuzzy | unknown
    matched: str | None = None  # the vocabulary label it matched

    @property
    def known(self) -> bool:
        return self.field is not None


def _rows(name: str) -> list[dict]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


class Vocabulary:
    """Folded label -> field, with a small-typo fallback."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self.labels: dict[str, tuple[str, str]] = {}
        for field, label in pairs:
            key = fold(label)
            if key in self.labels and self.labels[key][0] != field:
                raise ValueError(f"label {label!r} maps to both {self.labels[key][0]} and {field}")
            self.labels[key] = (field, label)

    @classmethod
    def from_file(cls, name: str = "vocabulary.csv") -> "Vocabulary":
        return cls((r["field"].strip(), r["label"].strip()) for r in _rows(name))

    def match(self, label: str) -> LabelMatch:
        key = fold(label)
        if not key:
            return LabelMatch(label, None, "unknown")
        if key in self.labels:
            field, known = self.labels[key]
            return LabelMatch(label, field, "exact", known)
        limit = 1 if len(key) <= 6 else 2 if len(key) <= 20 else max(3, len(key) // 12)
        best: list[tuple[int, str, str]] = []
        for cand, (field, known) in self.labels.items():
            if abs(len(cand) - len(key)) > limit:
                continue
            d = Levenshtein.distance(key, cand, score_cutoff=limit)
            if d <= limit:
                best.append((d, field, known))
        if not best:
            return LabelMatch(label, None, "unknown")
        top = min(d for d, _, _ in best)
        fields = {f for d, f, _ in best if d == top}
        if len(fields) != 1:
            return LabelMatch(label, None, "unknown")
        field, known = next((f, k) for d, f, k in best if d == top)
        return LabelMatch(label, field, "fuzzy", known)


class HeadingPatterns:
    """Folded heading text -> the context field it sets (first matching pattern)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self.patterns = [(field, re.compile(pattern)) for field, pattern in pairs]
        unknown = {f for f, _ in self.patterns} - set(CONTEXT_FIELDS)
        if unknown:
            raise ValueError(f"headings.csv names unknown context fields: {sorted(unknown)}")

    @classmethod
    def from_file(cls, name: str = "headings.csv") -> "HeadingPatterns":
        return cls((r["field"].strip(), r["pattern"].strip()) for r in _rows(name))

    def field_of(self, text: str) -> str | None:
        key = fold(text)
        for field, pattern in self.patterns:
            if pattern.search(key):
                return field
        return None


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    return Vocabulary.from_file()


@lru_cache(maxsize=1)
def default_headings() -> HeadingPatterns:
    return HeadingPatterns.from_file()
