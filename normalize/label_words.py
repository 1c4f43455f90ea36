"""A header label no vocabulary entry matches -> the field its words name, when they name one.

The knowledge is ``keywords.csv`` (field stems, generic head nouns, qualifiers, function
words, units); the rule is Romanian noun-phrase order: a label's head noun comes first
("Termenul limită de realizare", "Instituția responsabilă", "Codul serviciului"), so the
field is the one whose keyword the head begins.  The chain, each step inspectable:

``label_to_key``       folded label -> matching key (parentheses dropped, ``d/o`` -> ``do``)
``key_to_segments``    key -> coordinated parts (``/``, ``;``, ``,``, ``și``, ``sau``)
``segment_to_words``   part -> content words (function words and units left out)
``words_to_field``     content words -> the field of the keyword their head begins, or a refusal

A label is refused (None) when it does not look like a header label -- a colon before more
text, a number that is not a year, too many words, more than one word that no header uses,
a part whose head is no header word -- or when its parts name two fields
("Responsabili / Parteneri").  Wrong is worse than unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from rapidfuzz.distance import OSA

from planuri.extract.ro_text import fold

MATCHES_KEPT = 1 << 18  # (keyword pattern, word) answers remembered
PSEUDO = ("(head)", "(word)", "(stop)", "(unit)", "(not)")


@dataclass(frozen=True)
class KeywordSettings:
    max_words: int = 6  # content words of a label, its parentheses' too; more is a sentence, not a header
    max_unfamiliar: int = 1  # words no header uses ("Parteneri externi"); two or more: body text
    unfamiliar_max_words: int = 3  # ... and only in a short label
    typo_min_stem: int = 6  # a pattern this long also matches its word with one typo ("Reponsabili")
    doubled_min_stem: int = 4  # a pattern this long also matches its word with a letter typed twice ("Cosstul")
    known_prefix: int = 4  # a vocabulary word this long or longer is a header word, with another ending too
    ending: int = 3  # ... at most this many letters of ending (articles and inflections: -ul, -ului, -ilor)
    typo_one_upto: int = 6  # a label this short may be one edit off a known one (a typo), no more
    typo_two_upto: int = 20  # ... this short, two edits
    typo_per: int = 12  # ... longer, one edit in every this many characters
    typo_long_min: int = 3  # ... and three at least


@dataclass(frozen=True)
class Inference:
    field: str
    keyword: str  # the keyword the head began, as written in keywords.csv


PAREN = re.compile(r"\([^()]*\)")
COORDINATORS = re.compile(r"\s*[/;,+&|]\s*|\s+(?:si|sau|ori)\s+")
LETTER_PAIR = re.compile(r"\b([a-z])\s*[./]\s*([a-z])\b\.?")  # Nr. d/o, d.o., c/o
WORD = re.compile(r"[a-z]+|\d+|%")
YEAR = re.compile(r"(?:19|20)\d\d")


def label_to_key(label: str) -> str:
    key = fold(label)
    while PAREN.search(key):
        key = PAREN.sub(" ", key)
    return " ".join(LETTER_PAIR.sub(r"\1\2", key).split())


def key_to_segments(key: str) -> list[str]:
    return [s for s in COORDINATORS.split(key) if s.strip()]


class Pattern:
    def __init__(self, text: str, typo_min: int, doubled_min: int | None = None):
        self.prefix = text.endswith("*")
        self.stem = text.rstrip("*")
        self.typo = self.prefix and len(self.stem) >= typo_min
        self.doubled = self.prefix and doubled_min is not None and len(self.stem) >= doubled_min

    def matches(self, word: str) -> bool:
        if not self.prefix:
            return word == self.stem
        return _prefix_matches(self.stem, self.typo, word, self.doubled)


@lru_cache(maxsize=MATCHES_KEPT)
def _prefix_matches(stem: str, typo: bool, word: str, doubled: bool = False) -> bool:
    """Does ``word`` start with ``stem`` (or, with ``typo``, with a spelling one edit off it;
    with ``doubled``, once a letter typed twice in its first letters is typed once: ``cosstul``
    for ``cost*``, a typo any stem may take, while one edit of any kind would make ``post`` a
    ``cost``)?  Remembered: labels repeat their words, and every keyword is tried on every word."""
    if word.startswith(stem):
        return True
    n = len(stem)
    if typo and len(word) >= n - 1 and min(OSA.distance(word[:k], stem, score_cutoff=1) for k in (n - 1, n, n + 1)) <= 1:
        return True
    head = word[: n + 1]
    return doubled and any(head[k] == head[k + 1] and head[:k] + head[k + 1:] == stem for k in range(len(head) - 1))


class LabelWords:
    """keywords.csv, and the words of the vocabulary's own labels (known header words)."""

    def __init__(self, pairs: Iterable[tuple[str, str]], vocabulary_labels: Iterable[str] = (),
                 settings: KeywordSettings = KeywordSettings()):
        self.settings = settings
        self.keywords: list[tuple[str, str, list[Pattern]]] = []
        self.kinds: dict[str, list[Pattern]] = {p: [] for p in PSEUDO}
        for field, text in pairs:
            barred = field == "(not)"  # a barred word is barred as written
            typo_min = settings.typo_min_stem if not barred else 10**6
            patterns = [Pattern(p, typo_min, None if barred else settings.doubled_min_stem) for p in text.split()]
            if field in self.kinds:
                self.kinds[field].extend(patterns)
            else:
                self.keywords.append((field, text, patterns))
        self.keywords.sort(key=lambda k: -len(k[2]))  # the longest keyword first
        # a word's answers, remembered (bounded): labels repeat their words, and a borderless
        # page tries every block of text as a label
        self._kinds_of = lru_cache(maxsize=MATCHES_KEPT)(self._word_kinds)
        self._starts = lru_cache(maxsize=MATCHES_KEPT)(self._word_starts)
        self.vocabulary_words = frozenset(w for label in vocabulary_labels for w in WORD.findall(label_to_key(label))
                                          if w.isalpha() and len(w) >= settings.known_prefix)  # not "vor", "fi"

    def _is(self, kind: str, word: str) -> bool:
        return kind in self._kinds_of(word)

    def _word_kinds(self, word: str) -> frozenset[str]:
        """The pseudo-fields (``(head)``, ``(stop)``...) one of whose patterns ``word`` matches."""
        return frozenset(kind for kind, patterns in self.kinds.items() if any(p.matches(word) for p in patterns))

    def _word_starts(self, word: str) -> tuple[int, ...]:
        """The keywords (their index in ``keywords``) whose first pattern ``word`` matches."""
        return tuple(k for k, (_, _, patterns) in enumerate(self.keywords) if patterns[0].matches(word))

    def _units_only(self, text: str) -> bool:
        words = WORD.findall(text)
        return bool(words) and all(self._is("(unit)", w) for w in words)

    def bare(self, key: str) -> str:
        """A folded label without the units it states: ``costuri (mii lei)``, ``cost, lei`` -> ``costuri``, ``cost``."""
        out = PAREN.sub(lambda m: " " if self._units_only(m.group()) else m.group(), key)
        head, sep, tail = out.rpartition(",")
        if sep and self._units_only(tail):
            out = head
        return fold(out)

    def segment_to_words(self, segment: str) -> list[str]:
        return [w for w in WORD.findall(segment) if not self._is("(stop)", w) and not self._is("(unit)", w)]

    @lru_cache(maxsize=4096)
    def known(self, word: str, strict: bool = False) -> bool:
        """A word header labels use: a qualifier, a generic noun, a year, or -- not ``strict`` -- a
        vocabulary word (with another article or ending)."""
        if YEAR.fullmatch(word) or self._is("(word)", word) or self._is("(head)", word):
            return True
        if strict:
            return False
        if word in self.vocabulary_words:
            return True
        s = self.settings
        return len(word) >= s.known_prefix and any(
            _shared(word, v) >= max(s.known_prefix, min(len(word), len(v)) - s.ending)
            for v in self.vocabulary_words if v[:2] == word[:2])

    def _cover(self, words: list[str]) -> dict[int, tuple[str, str]]:
        """Word index -> (field, keyword) of the keyword covering it, longest keywords first (and,
        for one keyword, from the left).  Only the keywords whose first pattern a word matches are
        tried there (``_word_starts``, remembered by word)."""
        covered: dict[int, tuple[str, str]] = {}
        barred = {i for i, w in enumerate(words) if self._is("(not)", w)}
        tries = sorted((k, i) for i, w in enumerate(words) for k in self._starts(w))
        for k, i in tries:
            field, text, patterns = self.keywords[k]
            n = len(patterns)
            if i + n > len(words):
                continue
            span = range(i, i + n)
            if not any(j in covered or j in barred for j in span) and all(p.matches(words[j]) for p, j in zip(patterns, span)):
                covered.update((j, (field, text)) for j in span)
        return covered

    def words_to_field(self, words: list[str], strict: bool = False) -> tuple[Inference | None, int, bool]:
        """(inference, unfamiliar words, header-like) of one coordinated part."""
        covered = self._cover(words)
        unfamiliar = sum(1 for i, w in enumerate(words) if i not in covered and not self.known(w, strict))
        head = 0
        while head < len(words) and head not in covered and self._is("(head)", words[head]):
            head += 1
        if head < len(words) and head in covered:
            if strict and len({field for field, _ in covered.values()}) > 1:
                return None, unfamiliar, False  # "Surse de finanțare" + "Buget local": two labels' lines
            return Inference(*covered[head]), unfamiliar, True
        # no field: still a header's part if it starts with a header word ("date de contact")
        return None, unfamiliar, not words or self.known(words[0])

    def infer(self, label: str, strict: bool = False) -> Inference | None:
        key = label_to_key(label)
        if not key or re.search(r":\s*\S", key):
            return None  # "Termen: anual" is a cell, not a header
        if any(w.isdigit() and not YEAR.fullmatch(w) for w in WORD.findall(key)):
            return None
        found: list[Inference] = []
        n_words = unfamiliar = 0
        for segment in key_to_segments(key):
            words = self.segment_to_words(segment)
            inference, strange, header_like = self.words_to_field(words, strict)
            if not header_like:
                return None
            n_words += len(words)
            unfamiliar += strange
            if inference:
                found.append(inference)
        s = self.settings
        if len(self.segment_to_words(fold(label))) > s.max_words:
            return None  # "Activități de informare în parteneriat cu alte instituții (DSP, CJRAE, ISJ)"
        if unfamiliar > (0 if strict else s.max_unfamiliar) or (unfamiliar and n_words > s.unfamiliar_max_words):
            return None
        if not found or len({i.field for i in found}) != 1:
            return None  # nothing named, or two fields named
        return found[0]


def _shared(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
