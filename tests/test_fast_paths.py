"""The shortcuts taken for speed give what the plain computation gives, on random pages."""

from __future__ import annotations

import random

import pytest

from planuri.extract.borderless.header import Gutters
from planuri.extract.borderless.segments import Segment
from planuri.extract.pdf.text import chars_to_rows, line_from_chars
from planuri.extract.ro_text import fold
from planuri.extract.ruled.run_on import InkedCentres


def _page(rng: random.Random, n: int) -> list[dict]:
    """Characters on lines of mixed sizes, some raised or lowered (accents, subscripts), with
    spaces, some lines closer than a row tolerance: rows that straddle a cut are common."""
    chars = []
    y = 10.0
    while len(chars) < n:
        size = rng.choice([6.0, 8.0, 10.0, 12.0, 16.0])
        x = rng.uniform(0, 50)
        for _ in range(rng.randint(1, 30)):
            w = size * rng.uniform(0.3, 0.7)
            shift = rng.choice([0.0, 0.0, 0.0, rng.uniform(-2.5, 2.5)])
            text = rng.choice("abcdeșțăî ABC,.-")
            chars.append({"text": text, "x0": x, "x1": x + w, "top": y + shift, "bottom": y + shift + size,
                          "size": size, "fontname": rng.choice(["Arial", "Arial-Bold"])})
            x += w + rng.choice([0.0, 0.0, 0.5, 3.0, 20.0])
        y += rng.choice([0.5, 1.0, size * 0.8, size * 1.2, size * 2])
    rng.shuffle(chars)
    return chars


@pytest.mark.parametrize("seed", range(20))
def test_rows_under_a_top_are_the_rows_of_the_characters_under_it(seed):
    rng = random.Random(seed)
    chars = _page(rng, 400)
    centres = InkedCentres(chars)
    ys = [(ch["top"] + ch["bottom"]) / 2 for ch in chars]
    for _ in range(60):
        x0 = rng.uniform(-10, 150)
        x1 = x0 + rng.uniform(5, 300)
        top = rng.choice(ys) if rng.random() < 0.5 else rng.uniform(0, max(ys))
        assert centres.rows_under(x0, x1, top) == chars_to_rows(centres.within(x0, x1, top))
        rows, tops = centres.rows_under_with_tops(x0, x1, top)
        assert rows == chars_to_rows(centres.within(x0, x1, top))
        assert tops == [min(ch["top"] for ch in row) for row in rows]


@pytest.mark.parametrize("seed", range(10))
def test_a_region_by_tops_finds_the_same_isolated_segments(seed):
    rng = random.Random(seed)
    chars = _page(rng, 300)
    segments = []
    for row in chars_to_rows(chars):
        ink = [ch for ch in row if ch["text"].strip()]
        for k in range(0, len(ink), 4):
            piece = ink[k:k + 4]
            segments.append(Segment(line_from_chars(piece), tuple(piece)))
    gap = rng.choice([2.0, 6.0, 12.0])
    gutters = Gutters(segments, gap)

    def isolated(seg: Segment) -> bool:  # the plain definition: every other segment looked at
        return not any(o is not seg and abs(o.top - seg.top) < 1.0 and
                       (0 <= seg.x0 - o.x1 < gap or 0 <= o.x0 - seg.x1 < gap) for o in segments)

    assert [gutters.apart(s) for s in segments] == [isolated(s) for s in segments]


@pytest.mark.parametrize("text", ["Responsabil", "  Termen de\nrealizare ", "Surse  ale  bugetului:", "ŞCOALA ţară",
                                  "Instituţii", "ﬁnanțare", "a\u00adb", "1.2.", "Costuri (mii lei)"])
def test_fold_of_ascii_and_of_romanian_text(text):
    import unicodedata

    from planuri.extract.ro_text import clean, collapse

    decomposed = unicodedata.normalize("NFKD", clean(text))
    plain = collapse("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()).strip(" .:;,-–—*")
    assert fold(text) == plain


def _ruled_edges(rng: random.Random) -> list[dict]:
    """The edges of a few ruled grids with rules missing here and there (merged cells), some
    drawn in pieces, some grids touching."""
    edges = []
    for _ in range(rng.randint(1, 3)):
        x0, top = rng.uniform(0, 300), rng.uniform(0, 500)
        xs = sorted({x0 + sum(rng.uniform(20, 90) for _ in range(k)) for k in range(rng.randint(2, 8))})
        ys = sorted({top + sum(rng.uniform(10, 40) for _ in range(k)) for k in range(rng.randint(2, 12))})
        for i, y in enumerate(ys):
            for a, b in zip(xs, xs[1:]):
                if i in (0, len(ys) - 1) or rng.random() > 0.2:
                    edges.append({"x0": a, "x1": b, "top": y, "bottom": y, "width": b - a, "height": 0.0,
                                  "orientation": "h", "object_type": "line"})
        for j, x in enumerate(xs):
            for a, b in zip(ys, ys[1:]):
                if j in (0, len(xs) - 1) or rng.random() > 0.2:
                    edges.append({"x0": x, "x1": x, "top": a, "bottom": b, "width": 0.0, "height": b - a,
                                  "orientation": "v", "object_type": "line"})
    return edges


@pytest.mark.parametrize("seed", range(30))
def test_indexed_cell_search_finds_pdfplumbers_cells(seed):
    from pdfplumber.table import edges_to_intersections, intersections_to_cells as plumbers

    from planuri.extract.ruled.finder import intersections_to_cells

    rng = random.Random(seed)
    intersections = edges_to_intersections(_ruled_edges(rng), 3, 3)
    assert intersections_to_cells(intersections) == plumbers(intersections)
