"""Ruled tables left open on a side: the missing rules drawn back.

A table cut by a page break is not always closed at the cut.  Chromium (and any
web page printed) leaves a cell merged over several rows (``rowspan``: an
objective beside its actions) open where the page ends: the rule under the other
columns is drawn, the rule under the merged cell is not, and the part continued on
the next page starts with no top rule at all.  pdfplumber's cell finder needs four
corners, so the open cell -- or the whole first row of the next page -- is lost
with its text, and a column merged over the whole page is left out of the table.

A table's end is open between two neighbouring rules that run past it and stop at
the same place with no rule across: at the bottom, two vertical rules ending at
the same height at or below the table's last horizontal rule, with no horizontal
rule joining them there; the same at the top, and, turned a quarter, at the left
and right (horizontal rules running past the first or last vertical rule).  The
rule across is drawn back.  Rules that belong to no table found and run exactly as
far as the table's outermost rule (the sides of a column merged over the whole
page) are taken in with the table.  Works on pdfplumber edge dicts, so the
ruled-PDF path and the scanned-page path (``image_grid``) share it.
"""

from __future__ import annotations

from typing import Sequence

from planuri.extract.types import BBox

# (position, start, end) keys of a rule of each orientation, and the table's bbox indices for them
_KEYS = {"v": ("x0", "top", "bottom"), "h": ("top", "x0", "x1")}
_BOX = {"v": (0, 2, 1, 3), "h": (1, 3, 0, 2)}  # position range, then extent range, as bbox indices


FRAME_MARGIN = 2.0  # points: a thick frame's outer edge stands this far outside its table's cells and is still its own


def closing_edges(edges: Sequence[dict], tables: Sequence[BBox], tolerance: float,
                  frame_margin: float = FRAME_MARGIN) -> list[dict]:
    """The rules to add so that no table is open at an end (empty when none is).  A rule lying
    along a table's box (within ``frame_margin``: the outer edge of a thick frame) is that
    table's, never a loose rule another table could take in -- else a table under a thick-framed
    one would take its frame for its own and be closed onto it across the gap between them."""
    out: list[dict] = []
    loose = [e for e in edges if not any(_inside(e, bbox, max(tolerance, frame_margin)) for bbox in tables)]
    for bbox in tables:
        for orientation in ("v", "h"):
            rules = _table_rules(edges, loose, bbox, orientation, tolerance)
            for end in ("start", "end"):
                out += _close_end(edges, rules, bbox, orientation, end, tolerance)
    return out


def _inside(edge: dict, bbox: BBox, tol: float) -> bool:
    return (bbox[0] - tol <= edge["x0"] and edge["x1"] <= bbox[2] + tol
            and bbox[1] - tol <= edge["top"] and edge["bottom"] <= bbox[3] + tol)


def _table_rules(edges: Sequence[dict], loose: Sequence[dict], bbox: BBox, orientation: str,
                 tol: float) -> list[dict]:
    """The table's rules of ``orientation`` in order of position, with the loose rules beyond its
    outermost ones that run exactly as far (same start, same end), one after the other."""
    pos, lo, hi = _KEYS[orientation]
    p0, p1, e0, e1 = (bbox[i] for i in _BOX[orientation])
    rules = sorted((e for e in edges if e["orientation"] == orientation and p0 - tol <= e[pos] <= p1 + tol
                    and e[lo] <= e1 + tol and e[hi] >= e0 - tol), key=lambda e: e[pos])
    if not rules:
        return []
    spare = sorted((e for e in loose if e["orientation"] == orientation), key=lambda e: e[pos])

    def alike(a: dict, b: dict) -> bool:
        return abs(a[lo] - b[lo]) <= tol and abs(a[hi] - b[hi]) <= tol

    before = [e for e in spare if e[pos] < rules[0][pos] - tol][::-1]
    after = [e for e in spare if e[pos] > rules[-1][pos] + tol]
    for e in before:  # nearest first
        if not alike(e, rules[0]):
            break
        rules.insert(0, e)
    for e in after:
        if not alike(e, rules[-1]):
            break
        rules.append(e)
    return rules


def _close_end(edges: Sequence[dict], rules: Sequence[dict], bbox: BBox, orientation: str, end: str,
               tol: float) -> list[dict]:
    """Rules across the pockets left open at one end of the table: between neighbouring ``rules``
    that both stop at the same place, at or beyond the table's end, with nothing across them.
    Each place where rules stop is looked at in turn, with the rules reaching it: a rule stopping
    short of it ends at a cell inside (under a cell merged across columns), bounding no pocket."""
    pos, lo, hi = _KEYS[orientation]
    _, _, e0, e1 = (bbox[i] for i in _BOX[orientation])
    key = lo if end == "start" else hi
    sign = -1 if end == "start" else 1  # further towards this end = larger sign * coordinate
    across = "h" if orientation == "v" else "v"
    edge = e0 if end == "start" else e1
    # the rule across the table's end drawn as a filled box has two edges, its thickness apart
    # (Chromium's 0.75 pt borders): rules reaching its inner edge reach the end
    across_pos = _KEYS[across][0]
    sides = [e[across_pos] for e in edges if e["orientation"] == across and abs(e[across_pos] - edge) <= FRAME_MARGIN]
    thickness = max(sides) - min(sides) if sides else 0.0
    ends = [r[key] for r in rules if sign * r[key] >= sign * edge - tol - thickness]
    out: list[dict] = []
    for level in _levels(ends, tol):
        reach: list[dict] = []  # one rule per position, the one reaching furthest
        for rule in rules:
            if sign * rule[key] < sign * level - tol:
                continue
            if reach and rule[pos] - reach[-1][pos] <= tol:
                reach[-1] = rule if sign * rule[key] > sign * reach[-1][key] else reach[-1]
            else:
                reach.append(rule)
        for a, b in zip(reach, reach[1:]):
            if abs(a[key] - level) > tol or abs(b[key] - level) > tol:
                continue
            at = (a[key] + b[key]) / 2
            if _covered(edges, across, at, (a[pos], b[pos]), tol):
                continue
            near = _near(edges, across, at, (a[pos], b[pos]), tol)
            if near is not None:
                if sign * (near - at) > 0:  # the rules stop just short of one across them: drawn on to it
                    out += [_edge(orientation, r[pos], (min(at, near), max(at, near))) for r in (a, b)]
                continue  # else they run a little past one: closed
            last = out[-1] if out else None
            if last is not None and abs(_at(last) - at) <= tol and abs(_span(last)[1] - a[pos]) <= tol:
                out[-1] = _edge(across, _at(last), (_span(last)[0], b[pos]))  # one rule over neighbouring pockets
            else:
                out.append(_edge(across, at, (a[pos], b[pos])))
    return out


def _near(edges: Sequence[dict], orientation: str, at: float, span: tuple[float, float], tol: float) -> float | None:
    """A rule of ``orientation`` over the whole ``span`` a little off ``at`` (further than the
    tolerance that would have joined them, within twice it), the nearest: LibreOffice's double
    borders stop the inner rules that short of the frame, or run them that far past it."""
    pos, lo, hi = _KEYS[orientation]
    found = [e[pos] for e in edges if e["orientation"] == orientation and tol < abs(e[pos] - at) <= 2 * tol
             and e[lo] <= span[0] + tol and e[hi] >= span[1] - tol]
    return min(found, key=lambda p: abs(p - at), default=None)


def _levels(values: Sequence[float], tol: float) -> list[float]:
    """Distinct places (values closer than ``tol`` taken as one, their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tol:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _covered(edges: Sequence[dict], orientation: str, at: float, span: tuple[float, float], tol: float) -> bool:
    """Does one rule of ``orientation`` run along ``at`` over the whole ``span``?"""
    pos, lo, hi = _KEYS[orientation]
    return any(e["orientation"] == orientation and abs(e[pos] - at) <= tol
               and e[lo] <= span[0] + tol and e[hi] >= span[1] - tol for e in edges)


def _at(edge: dict) -> float:
    return edge[_KEYS[edge["orientation"]][0]]


def _span(edge: dict) -> tuple[float, float]:
    _, lo, hi = _KEYS[edge["orientation"]]
    return edge[lo], edge[hi]


def _edge(orientation: str, at: float, span: tuple[float, float]) -> dict:
    lo, hi = span
    if orientation == "h":
        return {"x0": lo, "x1": hi, "top": at, "bottom": at, "width": hi - lo, "height": 0.0,
                "orientation": "h", "object_type": "line"}
    return {"x0": at, "x1": at, "top": lo, "bottom": hi, "width": 0.0, "height": hi - lo,
            "orientation": "v", "object_type": "line"}
