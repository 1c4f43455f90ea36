"""Wordings that carry a meaning in cells (recurrences, cost kinds, statuses, country markers),
read from ``phrases.csv``: one line per wording, matched on folded text as whole words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planuri.extract.ro_text import fold

from .vocabulary import data_rows


@dataclass(frozen=True)
class Found:
    value: str
    start: int  # position in the folded text
    end: int


class Phrases:
    def __init__(self, rows: list[tuple[str, str, str]]):
        self.by_kind: dict[str, list[tuple[str, re.Pattern]]] = {}
        for kind, value, phrase in rows:
            key = fold(phrase)
            pattern = re.compile(r"(?<![\w.])" + r"\s+".join(map(re.escape, key.split())) + r"(?![\w])")
            self.by_kind.setdefault(kind, []).append((value, pattern))
        for patterns in self.by_kind.values():  # longest wording first: "partial realizat" before "realizat"
            patterns.sort(key=lambda vp: -len(vp[1].pattern))

    @classmethod
    def from_file(cls, name: str = "phrases.csv") -> "Phrases":
        return cls([(r["kind"].strip(), r["value"].strip(), r["phrase"].strip()) for r in data_rows(name)])

    def find_all(self, kind: str, text: str) -> list[Found]:
        """Every non-overlapping wording of ``kind`` in the text, in reading order (longest wins)."""
        key = fold_keep_length(text)
        taken: list[Found] = []
        for value, pattern in self.by_kind.get(kind, []):
            for m in pattern.finditer(key):
                if not any(m.start() < f.end and f.start < m.end() for f in taken):
                    taken.append(Found(value, m.start(), m.end()))
        return sorted(taken, key=lambda f: f.start)

    def first(self, kind: str, text: str) -> str | None:
        found = self.find_all(kind, text)
        return found[0].value if found else None


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if not ch.strip():
        return " "
    folded = fold(ch)
    return folded[:1] if folded else ch.lower()[:1] or " "


def fold_keep_length(text: str) -> str:
    """Lower case, diacritics removed, one character per character (positions stay valid)."""
    return "".join(map(_fold_char, text))


@lru_cache(maxsize=1)
def default_phrases() -> Phrases:
    return Phrases.from_file()
