"""Header labels -> canonical fields, and heading texts -> context fields.

The knowledge lives in data files next to this module: ``vocabulary.csv``
(``field,label``), ``keywords.csv`` (the words of labels, for the fallback of
``label_words.py``) and ``headings.csv`` (``field,pattern``).  Adding a council's wording
is one line in one of them.

A label is matched, in this order:

* ``exact``: folded (diacritics, case, whitespace), and without a parenthesis or a
  trailing ``, lei`` holding only units, it is a vocabulary label;
* ``fuzzy``: it is a vocabulary label with a small typo that leaves its first word
  recognisable (``Ațiuni``, ``Parteneri de coperare``);
* ``keyword``: its head word begins a keyword of one field (``Termen limită`` ->
  deadline by ``termen*``) -- see ``label_words.py``; where the typo match and the
  keyword name different fields the label stays unknown;
* ``unknown`` otherwise.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from planuri.extract.ro_text import fold

from .label_words import KeywordSettings, LabelWords, label_to_key

GROUP_FIELDS = {"cost_group": "cost", "budget_group": None}  # group -> field of its sub-columns (None: matched)
GROUP_LONE = {"cost_group": "cost", "budget_group": "budget"}  # a group label heading a single column
SUMMARY_FIELDS = frozenset({"declared_total", "declared_done", "declared_partial", "declared_not_done"})
CONTEXT_FIELDS = ("section", "general_objective", "specific_objective", "domain")


@dataclass(frozen=True)
class LabelMatch:
    """How one header label (as read) was understood."""

    label: str
    field: str | None  # None: unknown
    method: str  # exact | fuzzy | keyword | unknown
    matched: str | None = None  # the vocabulary label it matched, or the keyword its head began

    @property
    def known(self) -> bool:
        return self.field is not None


def data_rows(name: str) -> list[dict]:
    """The rows of one of the package's CSV data files (vocabulary.csv, phrases.csv, …): comment and blank
    lines skipped, one dict per row keyed by the header."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


class Vocabulary:
    """Folded label -> field, with a small-typo fallback and a keyword fallback."""

    def __init__(self, pairs: Iterable[tuple[str, str]], keywords: Iterable[tuple[str, str]] = (),
                 settings: KeywordSettings = KeywordSettings()):
        self.labels: dict[str, tuple[str, str]] = {}
        for field, label in pairs:
            key = fold(label)
            if key in self.labels and self.labels[key][0] != field:
                raise ValueError(f"label {label!r} maps to both {self.labels[key][0]} and {field}")
            self.labels[key] = (field, label)
        self._keys = list(self.labels)  # the folded labels, for the typo search
        self.words = LabelWords(keywords, [label for _, label in self.labels.values()], settings)
        self._seen: dict[tuple[str, bool], LabelMatch] = {}
        self.bare: dict[str, tuple[str, str] | None] = {}  # key without units -> entry (None: two fields)
        for key, entry in self.labels.items():
            bare = self.words.bare(key)
            if bare != key and bare not in self.labels:
                held = self.bare.get(bare, entry)
                self.bare[bare] = entry if held is not None and held[0] == entry[0] else None

    @classmethod
    def from_file(cls, name: str = "vocabulary.csv", keywords: str | None = "keywords.csv",
                  settings: KeywordSettings = KeywordSettings()) -> "Vocabulary":
        pairs = [(r["field"].strip(), r["label"].strip()) for r in data_rows(name)]
        words = [(r["field"].strip(), r["keyword"].strip()) for r in data_rows(keywords)] if keywords else []
        return cls(pairs, words, settings)

    def match(self, label: str, strict: bool = False) -> LabelMatch:
        """How a label is understood (cached: a document repeats its labels table after table)."""
        key = (label, strict)
        if key not in self._seen:
            self._seen[key] = self._match(label, strict)
        return self._seen[key]

    def _match(self, label: str, strict: bool) -> LabelMatch:
        """``strict``: read a label by its words only when every word is a keyword or a listed
        qualifier (for text whose extent is itself a guess: a borderless header's lines may run
        into the body's, "Surse de finanțare" + "Buget local", "Responsabili" + "Direcția socială")."""
        key = fold(label)
        if not key:
            return LabelMatch(label, None, "unknown")
        bare = self.words.bare(key)
        entry = self.labels.get(key) or self.labels.get(bare) or self.bare.get(bare)
        if entry is not None:
            return LabelMatch(label, entry[0], "exact", entry[1])
        typo = self._typo(bare or key)
        inferred = self.words.infer(label, strict)
        if typo is not None and inferred is not None and not _same_field(typo[0], inferred.field) and typo[2] > 1:
            return LabelMatch(label, None, "unknown")  # a label of one field misspelt, or the words of another
        if typo is not None:
            return LabelMatch(label, typo[0], "fuzzy", typo[1])
        if inferred is not None:
            return LabelMatch(label, inferred.field, "keyword", inferred.keyword)
        return LabelMatch(label, None, "unknown")

    def _typo(self, key: str) -> tuple[str, str, int] | None:
        """The one field whose labels are nearest within a few edits, the first word kept."""
        s = self.words.settings
        limit = 1 if len(key) <= s.typo_one_upto else 2 if len(key) <= s.typo_two_upto else max(
            s.typo_long_min, len(key) // s.typo_per)
        best: list[tuple[int, str, str]] = []
        # every label within ``limit`` edits, in the vocabulary's order (rapidfuzz's C loop)
        near = process.extract(key, self._keys, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)
        for cand, d, at in sorted(near, key=lambda found: found[2]):
            if _same_first_word(key, cand):
                field, known = self.labels[cand]
                best.append((d, field, known))
        if not best:
            return None
        top = min(d for d, _, _ in best)
        fields = {f for d, f, _ in best if d == top}
        if len(fields) != 1:
            return None
        return next((f, k, d) for d, f, k in best if d == top)


def _same_field(a: str, b: str) -> bool:
    """Equal, or a group and the field of its lone column (cost_group ~ cost, budget_group ~ budget)."""
    return a == b or GROUP_LONE.get(a, a) == GROUP_LONE.get(b, b)


def _same_first_word(a: str, b: str) -> bool:
    """"Măsurii" is "Măsuri" with a typo; "Măsuri de implementare" is not "Costuri de implementare"."""
    wa, wb = (label_to_key(a).split() or [""])[0], (label_to_key(b).split() or [""])[0]
    glued = wa.startswith(wb) or wb.startswith(wa)  # "indicatorirezultat": a PDF lost the space
    return glued or OSA.distance(wa, wb, score_cutoff=2) <= 1


class HeadingPatterns:
    """Folded heading text -> the context field it sets (first matching pattern)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self.patterns = [(field, re.compile(pattern)) for field, pattern in pairs]
        unknown = {f for f, _ in self.patterns} - set(CONTEXT_FIELDS)
        if unknown:
            raise ValueError(f"headings.csv names unknown context fields: {sorted(unknown)}")

    @classmethod
    def from_file(cls, name: str = "headings.csv") -> "HeadingPatterns":
        return cls((r["field"].strip(), r["pattern"].strip()) for r in data_rows(name))

    def field_of(self, text: str) -> str | None:
        return self.heading(text)[0]

    def heading(self, text: str) -> tuple[str | None, str]:
        """The field a heading line sets and the line as the heading's text: marks before its
        first word (a scan's speck read as ``"`` or ``.`` before ``COMPONENTA:``, a bullet) are
        no part of it when only without them does the line match."""
        key = fold(text)
        for field, pattern in self.patterns:
            if pattern.search(key):
                return field, text
        bare = LEADING_MARKS.sub("", text)
        if bare != text:
            key = fold(bare)
            for field, pattern in self.patterns:
                if pattern.search(key):
                    return field, bare
        return None, text

    def numbered(self, text: str) -> bool:
        """Does ``text`` open a heading with its number (``Obiectiv specific 4.1:``, ``O.S.2.2.``,
        ``Obiectivul general nr. 3``, ``D6.``): a heading's first line, never a sentence's rest?"""
        key = fold(LEADING_MARKS.sub("", text))
        for _field, pattern in self.patterns:
            match = pattern.search(key)
            if match:
                return bool(re.search(r"\d", match.group()) or NUMBER_AFTER.match(key, match.end()))
        return False


LEADING_MARKS = re.compile(r"^[\s\"'`´„“”«».,:;*·•|_~-]+(?=\w)")  # marks before a line's first word
NUMBER_AFTER = re.compile(r"[\s:.-]*(nr\.?\s*)?\d")  # a heading's number right after its keyword


def default_vocabulary(settings: KeywordSettings = KeywordSettings()) -> Vocabulary:
    """The vocabulary of the package's data files, read once per settings (frozen, hashable)."""
    return _vocabulary(settings)


@lru_cache(maxsize=4)
def _vocabulary(settings: KeywordSettings) -> Vocabulary:
    return Vocabulary.from_file(settings=settings)


@lru_cache(maxsize=1)
def default_headings() -> HeadingPatterns:
    return HeadingPatterns.from_file()
