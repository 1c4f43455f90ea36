"""Deadline text -> years, quarters and recurrence.

``2025-2027``, ``Trimestrul IV an.2024 - 2028``, ``Trimestrul I al an.2025``,
``Anual, 2023-2025``, ``Trim I-IV``, ``Permanent``, ``semestrial`` …  A deadline
that names no year takes the plan's period (``year_from_plan``); a text that
states neither a year, a quarter nor a recurrence is not read (``readable`` is
False) and nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planuri.extract.ro_text import fold

from .phrases import Phrases

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
QUARTER = re.compile(r"\btrim(?:estrul|estrele|estru)?\b\.?\s*(iv|iii|ii|i)\b(?:\s*[-–]\s*(iv|iii|ii|i)\b)?")


@dataclass(frozen=True)
class Deadline:
    start: int | None = None
    end: int | None = None
    quarter_start: int | None = None
    quarter_end: int | None = None
    recurrence: str | None = None
    year_from_plan: bool = False  # no year in the text: start/end are the plan's period
    readable: bool = True


def parse_deadline(text: str | None, phrases: Phrases, plan_period: tuple[int | None, int | None] = (None, None)) -> Deadline:
    if not text or not text.strip():
        return Deadline()
    key = fold(text)
    years = [int(y) for y in YEAR.findall(key)]
    quarter = QUARTER.search(key)
    recurrence = phrases.first("recurrence", text)
    if not years and not quarter and not recurrence:
        return Deadline(readable=False)
    q_start = q_end = None
    if quarter:
        q_start = ROMAN[quarter.group(1)]
        if quarter.group(2):
            q_end = ROMAN[quarter.group(2)]
        elif len(set(years)) <= 1:
            q_end = q_start  # one quarter of one year (or of every year)
    if years:
        return Deadline(years[0], years[-1], q_start, q_end, recurrence)
    start, end = plan_period
    return Deadline(start, end, q_start, q_end, recurrence, year_from_plan=True)
