"""pdfium's reading shortcuts give what the plain computation gives: the drawn spaces put back
after a glyph (bisection over a baseline's spaces, against a scan of all of them), on random
pages, upright and turned."""

from __future__ import annotations

import random

import pytest

from planuri.extract.pdf.pdfium_paths import apply_matrix
from planuri.extract.pdf.pdfium_spaces import SPACE_EM, SPACE_SNAP, DroppedSpaces, near_keys


def _scan(spaces: dict[int, list[tuple]], prev: dict, to_device: tuple, height: float,
          before: dict | None = None) -> dict | None:
    """The plain definition: every dropped space on a baseline near ``prev``, in the order the
    page draws them, the first that stands after it."""
    ma, _, mc, _, me, _ = to_device
    end = prev["x1"]
    for r in near_keys(prev, to_device, height):
        for x, y, size, fontname, descent in spaces.get(r, ()):
            left = ma * x + mc * y + me
            snap = SPACE_SNAP * (size if size > 1 else 1)
            if abs(left - end) <= snap if before is None else end - snap <= left < before["x0"] - snap:
                x0, y0 = apply_matrix(to_device, x, y + descent * size)
                x1, y1 = apply_matrix(to_device, x + SPACE_EM * size, y + descent * size + size)
                return {"text": " ", "x0": min(x0, x1), "x1": max(x0, x1), "top": height - max(y0, y1),
                        "bottom": height - min(y0, y1), "size": size, "fontname": fontname, "upright": True}
    return None


MATRICES = [(1, 0, 0, 1, 0, 0), (1, 0, 0, 1, -12.5, -30.0), (0, -1, 1, 0, -0.0, 612.0), (-1, 0, 0, -1, 595.0, 842.0)]


@pytest.mark.parametrize("seed", range(30))
def test_the_space_after_a_glyph_is_the_first_a_scan_finds(seed):
    rng = random.Random(seed)
    to_device = rng.choice(MATRICES)
    height = 842.0
    spaces: dict[int, list[tuple]] = {}
    baselines = [rng.uniform(50, 800) for _ in range(rng.randint(1, 12))]
    for _ in range(rng.randint(0, 300)):
        y = rng.choice(baselines) + rng.choice([0.0, 0.0, 0.3, -0.4])
        size = rng.choice([0.5, 1.0, 8.0, 10.0, 12.0])
        x = round(rng.uniform(0, 500), rng.choice([0, 1, 3]))  # ties: several spaces at one x
        spaces.setdefault(round(y), []).append((x, y, size, rng.choice(["F1", "F2"]), rng.choice([0.0, -0.2])))
    index = DroppedSpaces(spaces, to_device, height)
    starts = [rng.uniform(0, 500) for _ in range(15)]  # few: glyphs that share a box's span across or down
    for _ in range(400):
        y = rng.choice(baselines)
        size = rng.choice([8.0, 10.0, 12.0])
        x0, yb = apply_matrix(to_device, rng.choice(starts), y + rng.choice([0.0, -2.0]))
        x1 = x0 + rng.choice([0.0, 0.05, 0.5, 4.0])
        prev = {"x0": x0, "x1": x1, "top": height - yb - size, "bottom": height - yb, "size": size}
        before = None
        if rng.random() < 0.5:
            before = {"x0": x1 + rng.choice([0.0, 0.5, 1.0, 3.0, 6.0])}
        assert index.after(prev, before) == _scan(spaces, prev, to_device, height, before)
    assert bool(index) == bool(spaces)
