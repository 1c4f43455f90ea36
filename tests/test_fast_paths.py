"""The shortcuts taken for speed give what the plain computation gives, on random pages."""

from __future__ import annotations

import random

import pytest

from planuri.extract.borderless.header import Gutters
from planuri.extract.borderless.segments import Segment
from planuri.extract.pdf.text import chars_to_rows, line_from_chars
from planuri.extract.ro_text import fold
from planuri.extract.ruled.centres import CharCentres
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
    centres = InkedCentres(chars, CharCentres(chars))  # the page's centres taken, not found again
    inked = [ch for ch in chars if ch["text"].strip()]
    assert centres.chars == inked
    assert centres.x.tolist() == [(ch["x0"] + ch["x1"]) / 2 for ch in inked]
    assert centres.y.tolist() == [(ch["top"] + ch["bottom"]) / 2 for ch in inked]
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


@pytest.mark.parametrize("seed", range(10))
def test_slots_of_all_characters_are_each_ones_slot(seed):
    """The grid slots found on arrays are ``slot_of``'s, edges hit exactly included."""
    from planuri.extract.ruled.centres import slot_of, slots_of

    rng = random.Random(seed)
    chars = _page(rng, 400)
    cols = sorted({round(rng.uniform(-10, 400), 1) for _ in range(8)})
    rows = sorted({round(rng.uniform(-10, 500), 1) for _ in range(12)})
    # characters centred right on an edge, and past both ends
    chars += [{"text": "x", "x0": c - 1, "x1": c + 1, "top": r - 2, "bottom": r + 2} for c, r in zip(cols, rows)]
    chars += [{"text": "x", "x0": -50, "x1": -40, "top": 900, "bottom": 910}]
    found_rows, found_cols = slots_of(chars, cols, rows)
    assert list(zip(found_rows, found_cols)) == [slot_of(ch, cols, rows) for ch in chars]


def _segments(rng: random.Random, n: int) -> list[Segment]:
    """Segments of random pages cut every few characters: stacks of lines, some overlapping."""
    chars = _page(rng, n)
    segments = []
    for row in chars_to_rows(chars):
        ink = [ch for ch in row if ch["text"].strip()]
        step = rng.choice([3, 5, 9])
        for k in range(0, len(ink), step):
            piece = ink[k:k + step]
            segments.append(Segment(line_from_chars(piece), tuple(piece)))
    return segments


@pytest.mark.parametrize("seed", range(15))
def test_block_stacking_looks_only_at_open_blocks_and_stacks_alike(seed):
    """``segments_to_blocks`` (blocks closed once out of every segment's reach) stacks the
    segments as the plain definition does: every block made so far looked at."""
    from planuri.extract.borderless.segments import overlap, segments_to_blocks
    from planuri.extract.borderless.settings import BorderlessSettings

    settings = BorderlessSettings()
    segments = _segments(random.Random(seed), 500)

    def plain(segs):
        blocks: list[list[Segment]] = []
        for seg in sorted(segs, key=lambda s: (s.top, s.x0)):
            height, best = seg.bottom - seg.top, None
            for block in blocks:
                last = block[-1]
                if (not (0 <= seg.top - last.bottom <= settings.label_line_gap * height + 1.0)
                        or last.top >= seg.top - settings.label_next_line * height):
                    continue
                if overlap(last.x0, last.x1, seg.x0, seg.x1) >= settings.label_overlap * min(last.x1 - last.x0, seg.x1 - seg.x0):
                    best = block
            if best is not None:
                best.append(seg)
            else:
                blocks.append([seg])
        return blocks

    found = [[id(s) for s in b.segments] for b in segments_to_blocks(segments, settings)]
    assert found == [[id(s) for s in b] for b in plain(segments)]
    assert any(len(b) > 1 for b in found)  # the pages do stack lines


def test_keyword_cover_by_each_words_starts_is_the_cover_of_every_keyword_tried():
    """``LabelWords._cover`` tries only the keywords a word starts; the plain definition tries
    every keyword at every word, longest first."""
    from planuri.normalize.vocabulary import default_vocabulary

    words = default_vocabulary().words

    def plain(ws):
        covered = {}
        barred = {i for i, w in enumerate(ws) if words._is("(not)", w)}
        for field, text, patterns in words.keywords:
            n = len(patterns)
            for i in range(len(ws) - n + 1):
                span = range(i, i + n)
                if not any(j in covered or j in barred for j in span) and all(p.matches(ws[j]) for p, j in zip(patterns, span)):
                    covered.update((j, (field, text)) for j in span)
        return covered

    rng = random.Random(7)
    pool = sorted({w for _, text, _ in words.keywords for w in text.replace("*", "").split()}
                  | {"responsabil", "termenul", "realizare", "institutii", "partenere", "surse", "bugetul",
                     "local", "indicatori", "costuri", "estimative", "actiuni", "masuri", "reponsabili", "nu"})
    phrases = [text.replace("*", "").split() for _, text, _ in words.keywords]
    for _ in range(600):
        ws = [rng.choice(pool) for _ in range(rng.randint(1, 7))]
        for _ in range(rng.randint(0, 3)):  # keywords' own words, overlapping (``nr`` + ``actiunii`` + ``masurii``)
            at = rng.randint(0, len(ws))
            ws[at:at] = rng.choice(phrases)
        assert words._cover(ws) == plain(ws), ws


def test_typo_search_in_rapidfuzz_is_the_loop_over_every_label():
    """``Vocabulary._typo`` finds the labels within a few edits with rapidfuzz's loop; the plain
    definition measures every label."""
    from rapidfuzz.distance import Levenshtein

    from planuri.normalize.vocabulary import _same_first_word, default_vocabulary

    vocabulary = default_vocabulary()
    s = vocabulary.words.settings

    def plain(key):
        limit = 1 if len(key) <= s.typo_one_upto else 2 if len(key) <= s.typo_two_upto else max(
            s.typo_long_min, len(key) // s.typo_per)
        best = [(d, field, known) for cand, (field, known) in vocabulary.labels.items()
                if abs(len(cand) - len(key)) <= limit
                and (d := Levenshtein.distance(key, cand, score_cutoff=limit)) <= limit and _same_first_word(key, cand)]
        if not best:
            return None
        top = min(d for d, _, _ in best)
        if len({f for d, f, _ in best if d == top}) != 1:
            return None
        return next((f, k, d) for d, f, k in best if d == top)

    rng = random.Random(3)
    keys = list(vocabulary.labels)
    for _ in range(300):
        key = list(rng.choice(keys))
        for _ in range(rng.randint(0, 3)):  # a few random edits
            at = rng.randrange(len(key))
            op = rng.choice("dis")
            if op == "d" and len(key) > 1:
                del key[at]
            elif op == "i":
                key.insert(at, rng.choice("aeiourst "))
            else:
                key[at] = rng.choice("aeiourst")
        key = "".join(key)
        assert vocabulary._typo(key) == plain(key), key


def test_header_searches_of_a_page_find_the_same_headers_with_label_readings_remembered():
    """Every search of a borderless sample page (from its top, and from below each line) finds
    the same header whether the label blocks' readings are remembered between the searches or
    each search reads them anew."""
    from pathlib import Path

    from planuri.extract.borderless.header import find_header
    from planuri.extract.borderless.segments import chars_to_segments
    from planuri.extract.borderless.settings import BorderlessSettings
    from planuri.extract.pdf.pdfium import PdfiumDocument
    from planuri.pipeline import header_label

    settings = BorderlessSettings()
    path = next(Path(__file__).parents[1].glob("samples/002*/*-borderless.pdf"))
    doc = PdfiumDocument(path)
    found = 0
    for index in range(min(3, len(doc))):
        page = doc.page(index)
        segments = chars_to_segments([c for c in page.chars if c["text"].strip() or c["text"] == " "], settings)
        remembered: dict = {}
        for below in [-float("inf"), *sorted({s.top - 0.5 for s in segments})[::3]]:
            plain = find_header(segments, header_label, settings, below)
            fast = find_header(segments, header_label, settings, below, prefixes=remembered)
            assert (plain is None) == (fast is None), below
            if plain is not None:
                found += 1
                assert (plain.top, plain.bottom, plain.fields) == (fast.top, fast.bottom, fast.fields)
                assert [[id(s) for s in b.segments] for b in plain.leaves] == [[id(s) for s in b.segments] for b in fast.leaves]
        assert remembered  # the readings were remembered and used
    assert found >= 2  # the first page's header, from its top and from above it


def _segment(text: str, x: float, top: float, size: float = 10.0) -> Segment:
    chars = [{"text": ch, "x0": x + k * size * 0.5, "x1": x + (k + 1) * size * 0.5, "top": top, "bottom": top + size,
              "size": size, "fontname": "Arial"} for k, ch in enumerate(text)]
    return Segment(line_from_chars(chars), tuple(chars))


def test_a_remembered_label_reading_is_read_again_when_its_lines_or_their_gutters_differ():
    """``remembered_prefix`` answers as ``label_prefix`` does: a block met again with the same
    first lines standing apart alike is not read again; one whose second line no longer stands
    apart (a justified line's word), or whose second line is another, is."""
    from planuri.extract.borderless.header import label_prefix, remembered_prefix
    from planuri.extract.borderless.segments import Block
    from planuri.extract.borderless.settings import BorderlessSettings
    from planuri.pipeline import header_label

    settings = BorderlessSettings()
    first, second, other = _segment("Termen de", 10, 10), _segment("realizare", 10, 22), _segment("Responsabil", 10, 22)
    calls = []

    def counted(*args, **kwargs):
        calls.append(1)
        return label_prefix(*args, **kwargs)

    import planuri.extract.borderless.header as header_module

    memo: dict = {}
    yes, no = (lambda seg: True), (lambda seg: False)
    original = header_module.label_prefix
    header_module.label_prefix = counted
    try:
        cases = [(Block([first, second]), yes), (Block([first, second]), yes), (Block([first, second]), no),
                 (Block([first, other]), yes)]
        answers = [remembered_prefix(block, header_label, settings, apart, None, memo) for block, apart in cases]
    finally:
        header_module.label_prefix = original
    assert answers == [label_prefix(block, header_label, settings, apart=apart) for block, apart in cases]
    assert answers[0] != answers[2]  # the second line not apart: the label ends above it
    assert len(calls) == 3  # the second case was remembered, the others read
