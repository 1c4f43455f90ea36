"""A report's result cell -> implementation status, overall and year by year.

``2021 realizat 2022 realizat 2023 nerealizat`` (or ``Realizat 2021 Nerealizat 2022``)
gives a status per year and the last year's as the status; ``Realizat în OSPT`` gives ``realizat``; statuses that
contradict each other with no years to tell them apart give none (``ambiguous``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .phrases import Phrases, fold_keep_length

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(frozen=True)
class Status:
    status: str | None = None
    by_year: dict[int, str] | None = None
    ambiguous: bool = False


def parse_status(text: str | None, phrases: Phrases) -> Status:
    if not text or not text.strip():
        return Status()
    found = phrases.find_all("status", text)
    if not found:
        return Status()
    years = [(m.start(), int(m.group(1))) for m in YEAR.finditer(fold_keep_length(text))]
    pairs, previous_end = [], 0
    for f in found:
        pairs.append(([y for pos, y in years if previous_end <= pos < f.start], f.value))
        previous_end = f.end
    dated = {y: value for ys, value in pairs for y in ys}
    if all(ys for ys, _ in pairs):  # "2021 realizat 2022 nerealizat"
        return Status(dated[max(dated)], dated)
    following = [[y for pos, y in years if f.end <= pos < (found[i + 1].start if i + 1 < len(found) else len(text))]
                 for i, f in enumerate(found)]
    if not pairs[0][0] and len(found) > 1 and all(len(ys) == 1 for ys in following):  # "Realizat 2021 Nerealizat 2022"
        dated = {ys[0]: f.value for ys, f in zip(following, found)}
        return Status(dated[max(dated)], dated)
    values = {value for _, value in pairs}
    if len(values) == 1:
        return Status(values.pop(), dated or None)
    return Status(ambiguous=True)
