"""How far the header vocabulary generalizes: held-out wordings (tests/data/header_wordings*.csv)
that vocabulary.csv does not list must map to their field (at least 95%), never to another;
texts that are no header (body cells, two fields' labels) must map to nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from planuri.normalize.vocabulary import _same_field, default_vocabulary
from planuri.extract.ro_text import fold

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


def sample_body_rows():
    """Every body row of every sample table, as a one-row table (the transcriptions' cell texts)."""
    import yaml

    from conftest import SAMPLE_FOLDERS
    from planuri.extract.types import Cell, Provenance, RawTable

    for folder in SAMPLE_FOLDERS:
        spec = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
        for block in spec["blocks"]:
            if not isinstance(block, dict) or "table" not in block:
                continue
            for row in block["table"]["rows"]:
                texts = [c["text"] if isinstance(c, dict) else c for c in row]
                cells = tuple(Cell(0, i, t) for i, t in enumerate(texts) if isinstance(t, str) and t not in ("^", "<"))
                if cells:
                    yield folder.name, RawTable(cells, 1, len(texts), Provenance("x", "0" * 64, "docx"))


def test_no_sample_body_row_is_taken_for_a_header_row():
    from planuri.normalize.header import header_start
    from planuri.normalize.text import TextRules

    vocab = default_vocabulary()
    rows = list(sample_body_rows())
    assert len(rows) > 700
    taken = [(name, [c.text[:30] for c in t.cells]) for name, t in rows if header_start(t, vocab, TextRules()) is not None]
    assert not taken


def test_the_fallback_reads_no_sample_body_cell_holding_more_than_a_label():
    """Cells with a colon, a number or a sentence (a header word inside) are never read by their words."""
    vocab = default_vocabulary()
    read = [c.text for _, t in sample_body_rows() for c in t.cells
            if vocab.match(c.text).method == "keyword" and (":" in c.text or any(ch.isdigit() for ch in c.text)
                                                           or len(c.text.split()) > 8)]
    assert not read
