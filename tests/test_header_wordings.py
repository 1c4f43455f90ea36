"""How far the header vocabulary generalizes: held-out wordings (tests/data/header_wordings*.csv)
that vocabulary.csv does not list must map to their field (at least 95%), never to another;
texts that are no header (body cells, two fields' labels) must map to nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planuri.normalize.vocabulary import _same_field, default_vocabulary
from planuri.ro_text import fold

DATA = Path(__file__).parent / "data"
LISTS = ("header_wordings.csv", "header_wordings_after.csv")
MIN_ITEMS = {"header_wordings.csv": 150, "header_wordings_after.csv": 100}
# the list written after the fallback was frozen measures it, it was never tuned on: 95.0% at its
# first run (9f716d1), 94.3% after the guards against body cells (README); it must not fall far
MIN_RIGHT = {"header_wordings.csv": 0.95, "header_wordings_after.csv": 0.90}


def wordings(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [(r["field"], r["wording"]) for r in csv.DictReader(ln for ln in f if not ln.startswith("#"))]


def right(expected: str, got: str | None) -> bool:
    """The field, or one the header treats as it: a group and its lone column (cost_group ~ cost),
    and an activities table's budget, which an action plan reads as its cost (header.py)."""
    if got is None:
        return False
    if {expected, got} <= {"cost", "cost_group", "budget"}:
        return True
    return _same_field(expected, got)


@pytest.mark.parametrize("name", LISTS)
def test_held_out_wordings_are_not_vocabulary_labels(name):
    vocab = default_vocabulary()
    copied = [w for _, w in wordings(name) if fold(w) in vocab.labels]
    assert not copied


@pytest.mark.parametrize("name", LISTS)
def test_held_out_wordings_map_to_their_field(name):
    vocab = default_vocabulary()
    items = [(f, w) for f, w in wordings(name) if f != "none"]
    assert len(items) >= MIN_ITEMS[name]
    got = [(f, w, vocab.match(w)) for f, w in items]
    wrong = [(w, f, m.field, m.method) for f, w, m in got if m.known and not right(f, m.field)]
    n_right = sum(right(f, m.field) for f, _, m in got)
    assert not wrong, wrong  # wrong is worse than unknown
    assert n_right >= MIN_RIGHT[name] * len(items), (n_right, len(items),
                                               [w for f, w, m in got if not m.known])


@pytest.mark.parametrize("name", LISTS)
def test_texts_that_are_no_header_stay_unknown(name):
    vocab = default_vocabulary()
    mapped = [(w, vocab.match(w).field) for f, w in wordings(name) if f == "none" and vocab.match(w).known]
    assert not mapped
