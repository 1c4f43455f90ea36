"""Document metadata from the preamble and the plan's title: country, issuer, act type,
number and date, plan title and period.  A blank left in a draft (``nr. _____``) gives
null, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from planuri.extract.types import RawTable, TextBlock
from planuri.ro_text import collapse, fold

from .phrases import Phrases

ACT_TYPES = {  # first word of a preamble line (folded) -> act type
    "decizia": "decizie", "decizie": "decizie", "hotarare": "hotărâre", "hotararea": "hotărâre",
    "dispozitia": "dispoziție", "dispozitie": "dispoziție", "proiect": "proiect", "proiectul": "proiect",
    "raportul": "raport", "raport": "raport", "anexa": "anexă", "anexă": "anexă",
}
COUNCIL = re.compile(
    r"\bconsiliul(?:ui)?\s+(municipal|local|raional|orășenesc|orasenesc|județean|judetean|comunal)"
    r"(?:\s+al\s+(comunei|orașului|orasului|municipiului|raionului))?\s+([A-ZĂÂÎȘȚŞŢ][\wăâîșțşţ-]+)",
    re.IGNORECASE,
)
COUNCIL_KIND = {"municipal": "municipal", "local": "Local", "raional": "raional", "orășenesc": "orășenesc",
                "orasenesc": "orășenesc", "județean": "Județean", "judetean": "Județean", "comunal": "comunal"}
NUMBER_DATE = re.compile(r"\bnr\.?\s*(\d+(?:/\d+)?)\s*(?:din|/)\s*(\d{1,2})\.(\d{1,2})\.(\d{4})", re.IGNORECASE)
TITLE_START = re.compile(r"^(plan(ul)?|raportul|proiectul planului|programul)\b")
RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
ONE_YEAR = re.compile(r"\b(?:anul|an)\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Metadata:
    country: str | None = None
    issuer: str | None = None
    act_type: str | None = None
    act_number: str | None = None
    act_date: date | None = None
    plan_title: str | None = None
    plan_period_start: int | None = None
    plan_period_end: int | None = None

    @property
    def plan_period(self) -> tuple[int | None, int | None]:
        return self.plan_period_start, self.plan_period_end


def preamble(blocks) -> list[TextBlock]:
    """The paragraphs before the first table."""
    out = []
    for block in blocks:
        if isinstance(block, RawTable):
            break
        out.append(block)
    return out


def read_metadata(blocks, phrases: Phrases) -> Metadata:
    paragraphs = [b for b in blocks if isinstance(b, TextBlock)]
    head = preamble(blocks)
    title = plan_title(paragraphs)
    start, end = plan_period(title or "")
    number, when = act_number_date(head)
    return Metadata(
        country=country(paragraphs, phrases), issuer=issuer(paragraphs), act_type=act_type(head),
        act_number=number, act_date=when, plan_title=title, plan_period_start=start, plan_period_end=end,
    )


def country(paragraphs: list[TextBlock], phrases: Phrases) -> str | None:
    votes: dict[str, int] = {}
    for p in paragraphs:
        for found in phrases.find_all("country", p.text):
            votes[found.value] = votes.get(found.value, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def issuer(paragraphs: list[TextBlock]) -> str | None:
    for p in paragraphs:
        m = COUNCIL.search(collapse(p.text))
        if m:
            kind = COUNCIL_KIND[m.group(1).lower()]
            of = f" al {m.group(2).lower()}" if m.group(2) else ""
            name = m.group(3)
            name = name[:1] + name[1:].lower() if name.isupper() else name
            return f"Consiliul {kind}{of} {name}"
    return None


def act_type(head: list[TextBlock]) -> str | None:
    for p in head:
        for line in p.text.split("\n"):
            words = fold(line).split()
            if words and words[0].rstrip(".:") in ACT_TYPES:
                return ACT_TYPES[words[0].rstrip(".:")]
    return None


def act_number_date(head: list[TextBlock]) -> tuple[str | None, date | None]:
    """``nr. 19/27 din 22.12.2022``, ``Nr.17/27.03.2026``: the act's own number line, a short
    paragraph of the preamble (a number inside a sentence cites another act)."""
    short = " ".join(collapse(p.text) for p in head if len(collapse(p.text)) <= 80)
    for m in NUMBER_DATE.finditer(short):
        if m:
            day, month, year = int(m.group(2)), int(m.group(3)), int(m.group(4))
            try:
                return m.group(1), date(year, month, day)
            except ValueError:
                return m.group(1), None
    return None, None


def plan_title(paragraphs: list[TextBlock]) -> str | None:
    """The first bold paragraph naming the plan (``Plan…``, ``PLANUL de ACȚIUNI…``, ``RAPORTUL PLANULUI…``)."""
    candidates = [p for p in paragraphs if TITLE_START.match(fold(p.text)) and len(p.text) < 400]
    bold = [p for p in candidates if p.bold]
    chosen = (bold or candidates or [None])[0]
    return collapse(chosen.text) if chosen else None


def plan_period(title: str) -> tuple[int | None, int | None]:
    m = RANGE.search(title)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = ONE_YEAR.search(title)
    if m:
        return int(m.group(1)), int(m.group(1))
    return None, None
