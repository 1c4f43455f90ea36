"""Document metadata from the preamble and the plan's title: country, issuer, act type,
number and date, plan title and period.  A blank left in a draft (``nr. _____``) gives
null, never a guess.

The *head* of a document is what stands before its first real table: paragraphs, and the
text of the boxes a letterhead or a title is often laid out in (a table of one row or one
column).  Its text is read as a person reads it: a title set with its letters spaced out
(``D E C I Z I E``) is one word, a keyword a PDF split with a stray space (``CONSI LIUL``)
is whole again, and the Russian half of a bilingual letterhead is left out of names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from planuri.extract.types import RawTable, TextBlock
from planuri.extract.issues import Issue
from planuri.extract.ro_text import collapse, fold

from .deadlines import parse_deadline
from .phrases import Phrases, fold_keep_length

ACT_TYPES = {  # first word of a head line (folded) -> act type
    "decizia": "decizie", "decizie": "decizie", "hotarare": "hotărâre", "hotararea": "hotărâre",
    "hotarire": "hotărâre", "hotarirea": "hotărâre",
    "dispozitia": "dispoziție", "dispozitie": "dispoziție", "proiect": "proiect", "proiectul": "proiect",
    "raportul": "raport", "raport": "raport", "anexa": "anexă",
}
COUNCIL_KIND = {  # folded kind -> as the issuer is written (Romania capitalises Local and Județean)
    "municipal": "municipal", "local": "Local", "raional": "raional", "orasenesc": "orășenesc",
    "judetean": "Județean", "comunal": "comunal", "satesc": "sătesc",
}
# matched on folded text (no diacritics, lower case): cedilla, comma-below and bare letters alike
COUNCIL = re.compile(
    r"\bconsiliul(?:ui)?\s+(" + "|".join(COUNCIL_KIND) + r")"
    r"(?:\s+al\s+(comunei|orasului|municipiului|raionului|satului|judetului))?\s+([^\W\d_][\w-]*)"
)
DECISION_VERBS = frozenset({"decide", "hotaraste", "hotareste", "dispune", "aproba", "adopta"})
# words a PDF may split with a stray space (``CONSI LIUL``), joined back when the two pieces make one
KEYWORDS = frozenset(ACT_TYPES) | frozenset(COUNCIL_KIND) | {"consiliul", "consiliului", "republica", "moldova",
                                                              "romania", "raionul", "judetul"} | DECISION_VERBS
MONTHS = {"ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "mai": 5, "iunie": 6, "iulie": 7,
          "august": 8, "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12}
NUMBER_DATE = re.compile(
    r"\bnr\.?\s*(\d+(?:/\d+)?)\s*(?:din|/)\s*(\d{1,2})(?:\.(\d{1,2})\.|\s+(" + "|".join(MONTHS) + r")\s+)(\d{4})",
    re.IGNORECASE,
)
SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W\d_] ){3,}[^\W\d_](?=[\s.:,;]|$)")  # D E C I Z I E
CYRILLIC_WORD = re.compile(r"\S*[\u0400-\u04ff]\S*")
TITLE_START = re.compile(r"^(plan(ul)?|raportul|proiectul planului|programul)\b")
RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
ONE_YEAR = re.compile(r"\b(?:anul|an)\s+((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
SHORT_LINE = 80  # characters: the act's own number line is short; a number inside a sentence cites another act


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


# --------------------------------------------------------------------------- reading the head


def unspace_letters(text: str) -> str:
    """``D E C I Z I E nr. 06/04`` -> ``DECIZIE nr. 06/04``: four or more single letters
    separated by single spaces are one word set with its letters spaced out."""
    return SPACED_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)


def join_split_keywords(text: str) -> str:
    """``CONSI LIUL SĂTESC`` -> ``CONSILIUL SĂTESC``: two pieces of letters that are no keyword
    apart but one together (a stray space a PDF put inside a word)."""
    words = text.split(" ")
    out: list[str] = []
    for word in words:
        if out and out[-1].isalpha() and word.isalpha() and fold(out[-1] + word) in KEYWORDS \
                and fold(out[-1]) not in KEYWORDS and fold(word) not in KEYWORDS:
            out[-1] += word
        else:
            out.append(word)
    return " ".join(out)


def readable(text: str) -> str:
    return "\n".join(join_split_keywords(unspace_letters(line)) for line in text.split("\n"))


def is_text_box(table: RawTable) -> bool:
    """A table of one row or one column: a letterhead, a title or a paragraph set in a box."""
    return table.n_rows == 1 or table.n_cols == 1


def head_texts(blocks) -> list[str]:
    """The texts before the first real table (paragraphs, and the cells of text boxes), readable."""
    out = []
    for block in blocks:
        if isinstance(block, RawTable):
            if not is_text_box(block):
                break
            out.extend(readable(c.text) for c in sorted(block.cells, key=lambda c: (c.row, c.col)) if c.text.strip())
        else:
            out.append(readable(block.text))
    return out


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
    head = head_texts(blocks)
    texts = head + [readable(p.text) for p in paragraphs]  # the head's paragraphs twice: harmless for votes
    title = plan_title(paragraphs, phrases)
    start, end = plan_period(title or "")
    number, when = act_number_date(head)
    return Metadata(
        country=country(head, texts, phrases), issuer=issuer(texts), act_type=act_type(head),
        act_number=number, act_date=when, plan_title=title, plan_period_start=start, plan_period_end=end,
    )


def country(head: list[str], texts: list[str], phrases: Phrases) -> str | None:
    """The state the head names first (``country_state`` wordings: the state, a raion, a județ)
    decides; otherwise the most markers (``country_state`` and ``country``) in the document."""
    for text in head:
        found = phrases.find_all("country_state", text)
        if found:
            return found[0].value
    votes: dict[str, int] = {}
    for text in texts:
        for kind in ("country_state", "country"):
            for found in phrases.find_all(kind, text):
                votes[found.value] = votes.get(found.value, 0) + 1
    if not votes:
        return None
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else None


def issuer(texts: list[str]) -> str | None:
    """The first council named with its place: ``Consiliul {kind}[ al {unit}] {Name}``, the kind
    spelled one way whatever the document's case and diacritics."""
    for text in texts:
        plain = collapse(CYRILLIC_WORD.sub(" ", text))
        for m in COUNCIL.finditer(fold_keep_length(plain)):
            name = plain[m.start(3):m.end(3)]
            if not name[:1].isupper() or fold(name) in DECISION_VERBS | set(ACT_TYPES):
                continue  # "consiliul local DECIDE:", "consiliul local al comunei" in a sentence: no name
            of = f" al {plain[m.start(2):m.end(2)].lower()}" if m.group(2) else ""
            name = name[:1] + name[1:].lower() if name.isupper() else name
            return f"Consiliul {COUNCIL_KIND[m.group(1)]}{of} {name}"
    return None


def act_type(head: list[str]) -> str | None:
    for text in head:
        for line in text.split("\n"):
            words = fold(line).split()
            if words and words[0].rstrip(".:") in ACT_TYPES:
                return ACT_TYPES[words[0].rstrip(".:")]
    return None


def act_number_date(head: list[str]) -> tuple[str | None, date | None]:
    """``nr. 19/27 din 22.12.2022``, ``Nr.17/27.03.2026``, ``nr. 45 din 30 martie 2023``: the
    act's own number line, a short text of the head (a number inside a sentence cites another act)."""
    short = " ".join(collapse(t) for t in head if len(collapse(t)) <= SHORT_LINE)
    for m in NUMBER_DATE.finditer(short):
        day, year = int(m.group(2)), int(m.group(5))
        month = int(m.group(3)) if m.group(3) else MONTHS[m.group(4).lower()]
        try:
            return m.group(1), date(year, month, day)
        except ValueError:
            return m.group(1), None
    return None, None


# --------------------------------------------------------------------------- the plan's title and period


def reads_as_sentence(text: str, phrases: Phrases) -> bool:
    """A title names the plan; a sentence of the preamble (``Planul … se aprobă conform anexei``)
    says something about it: it holds a verb (``sentence_verb`` wordings)."""
    return bool(phrases.find_all("sentence_verb", text))


MAX_TITLE = 400  # characters: a longer paragraph naming a plan is a decision's text, not the plan's title


def plan_title(paragraphs: list[TextBlock], phrases: Phrases | None = None) -> str | None:
    """The first bold paragraph naming the plan (``Plan…``, ``PLANUL de ACȚIUNI…``, ``RAPORTUL PLANULUI…``);
    one that reads as a title before one that reads as a sentence."""
    candidates = [p for p in paragraphs if TITLE_START.match(fold(p.text)) and len(p.text) < MAX_TITLE]
    if phrases is not None:
        candidates.sort(key=lambda p: reads_as_sentence(p.text, phrases))  # stable: document order kept
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


def plan_issues(metadata: Metadata, actions: list[dict], phrases: Phrases) -> list[Issue]:
    """What is missing or doubtful in the title and period of a document holding an action plan:
    ``plan-title-missing``, ``plan-title-doubtful`` (it reads as a sentence), ``plan-period-missing``,
    ``plan-period-doubtful`` (most deadlines stating a year lie outside it)."""
    issues = []
    title, (start, end) = metadata.plan_title, metadata.plan_period
    if title is None:
        issues.append(Issue("plan-title-missing", "no paragraph names the plan (Plan…, Planul…, Programul…, "
                                                  "Raportul…): plan_title is null", severity="warning"))
    elif reads_as_sentence(title, phrases):
        issues.append(Issue("plan-title-doubtful", "the plan's title reads as a sentence of the preamble, not as a "
                                                   "title: check plan_title and the period read from it",
                            severity="warning", raw=title))
    if start is None:
        where = "the plan's title names no years" if title else "no title to read the plan's period from"
        issues.append(Issue("plan-period-missing", f"{where}: plan_period_start/end are null and deadlines without "
                                                   "a year are left without one", severity="warning", raw=title))
        return issues
    dated = [d for d in (parse_deadline(a.get("deadline"), phrases) for a in actions) if d.start is not None]
    outside = [d for d in dated if d.start < start or d.end > end]
    if dated and 2 * len(outside) >= len(dated):
        years = sorted({y for d in outside for y in (d.start, d.end)})
        issues.append(Issue("plan-period-doubtful", f"{len(outside)} of the {len(dated)} deadlines stating a year lie "
                                                    f"outside the plan's period {start}-{end} (years {years[0]}-"
                                                    f"{years[-1]}): check the period read from the title",
                            severity="warning", raw=title))
    return issues


def period_from_deadlines(actions: list[dict], phrases: Phrases) -> tuple[int, int] | None:
    """The span of the years the deadlines state (first to last), when any does: the plan's
    period when its title names none."""
    dated = [d for d in (parse_deadline(a.get("deadline"), phrases) for a in actions) if d.start is not None]
    if not dated:
        return None
    return min(d.start for d in dated), max(d.end if d.end is not None else d.start for d in dated)


def fill_period(metadata: Metadata, actions: list[dict], issues: list[Issue],
                phrases: Phrases) -> tuple[Metadata, list[Issue]]:
    """A plan whose title names no years takes the span of its deadlines' years as its period
    (issue ``plan-period-from-deadlines``), and the deadlines naming no year take it in turn
    (``deadline_years_from`` = plan, ``deadline-year-from-plan`` in place of
    ``deadline-without-year``).  The actions are updated in place; returns the new metadata and
    issues."""
    if metadata.plan_period_start is not None or not (period := period_from_deadlines(actions, phrases)):
        return metadata, issues
    start, end = period
    metadata = replace(metadata, plan_period_start=start, plan_period_end=end)
    out = [i for i in issues if i.code != "deadline-without-year"]
    for a in actions:
        if a.get("deadline_years_from") is not None or not a.get("deadline"):
            continue
        d = parse_deadline(a["deadline"], phrases, period)
        if d.start is None:
            continue
        a.update(deadline_start=d.start, deadline_end=d.end, deadline_years_from="plan")
        out.append(Issue("deadline-year-from-plan", f"the deadline names no year: the plan's period {start}-{end} "
                         "(the span of the deadlines' years) is used", severity="info",
                         page=a.get("page_start"), table_no=a.get("table_no"), row_no=a.get("row_no"),
                         raw=a["deadline"]))
    out.append(Issue("plan-period-from-deadlines", f"the plan's title names no years: its period {start}-{end} is the "
                     "span of the years its deadlines state", severity="warning", raw=metadata.plan_title))
    return metadata, out
