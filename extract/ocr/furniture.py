"""Running headers and footers of a scanned document, found page by page as OCR reads it.

A text PDF's furniture is found before any table, from every page's text layer
(``extract.pdf.furniture``).  A scan has no text until OCR reads it, page after page, so
here a page's band lines are compared with those of the pages read before it: a line in the
top or bottom band whose every run says what a run said at about the same place on an
earlier page (digits aside, letters OCR may have misread aside) is furniture on this page.
The first page has none known (its own running header stands above its table's header,
outside the table); from the second on, ``PROIECT`` over a table going on from the page
before is not read as one of its rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Sequence

from planuri.extract.pdf.furniture import FurnitureSettings, Run, band_lines, same_place
from planuri.extract.types import BBox


@dataclass(frozen=True)
class ScanFurnitureSettings:
    bands: FurnitureSettings = FurnitureSettings()  # where furniture stands and how many runs its line holds (as on text PDFs)
    tolerance: float = 0.015  # share of the page height two pages' lines may stand apart (a scan sits askew)
    similar: float = 0.85  # share of the letters two readings of one running header have in common at least
    run_gap: float = 1.5  # line heights of white space that cut a line into runs


def words_to_runs(words: Sequence[dict], page: int, gap: float) -> list[Run]:
    """OCR words -> runs: the words of one visual line with no gap wider than ``gap`` line heights."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        line = next((ln for ln in lines if min(ln[0]["bottom"], word["bottom"]) - max(ln[0]["top"], word["top"]) > 0), None)
        if line is None:
            lines.append([word])
        else:
            line.append(word)
    runs = []
    for line in lines:
        line.sort(key=lambda w: w["x0"])
        start = 0
        for k in range(1, len(line) + 1):
            if k == len(line) or line[k]["x0"] - line[k - 1]["x1"] > gap * (line[k]["bottom"] - line[k]["top"]):
                part = line[start:k]
                runs.append(Run(page, " ".join(w["text"] for w in part),
                                (part[0]["x0"], min(w["top"] for w in part), part[-1]["x1"], max(w["bottom"] for w in part))))
                start = k
    return runs


@dataclass
class ScanFurniture:
    """The band lines of the pages read so far; ``boxes`` gives a page's furniture and remembers its lines."""

    settings: ScanFurnitureSettings = ScanFurnitureSettings()
    seen: list[Run] = field(default_factory=list)

    def boxes(self, page: int, words: Sequence[dict], height: float) -> list[BBox]:
        s = self.settings
        band = s.bands.band + s.bands.reach
        near = [w for w in words if w["top"] < band * height or w["bottom"] > (1 - band) * height]
        runs = band_lines(words_to_runs(near, page, s.run_gap), height, s.bands)
        tolerance = s.tolerance * height
        lines: dict[int, list[Run]] = {}
        for run in runs:
            lines.setdefault(run.line, []).append(run)
        out = [run.bbox for line in lines.values()
               if all(any(self.same(run, other, tolerance) for other in self.seen) for run in line)
               for run in line]
        self.seen += runs
        return out

    def same(self, run: Run, other: Run, tolerance: float) -> bool:
        if other.page == run.page or not same_place(run, other, tolerance):
            return False
        a, b = run.key.casefold(), other.key.casefold()
        return a == b or SequenceMatcher(None, a, b, autojunk=False).ratio() >= self.settings.similar
