"""Cost text -> amounts: value, currency, what it is per, and kind.

Romanian and English number formats (``150,000.00``, ``700.000,00``, ``3,0``,
``2,500``), ``mii``/``mil.`` multipliers, ``lei``/``EURO``/``USD``, units written
after a slash or as ``anual``; a cell listing ``a) … b) …`` gives one amount per
item with its label.  A cell without a number is classified (within available
resources, as needed, none, text) and never given a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planuri.extract.ro_text import fold

from .phrases import Phrases

CURRENCY_OF_COUNTRY = {"MD": "MDL", "RO": "RON"}
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])")
MULTIPLIER = re.compile(r"^\s*(mii|mie|mil\.?|milioane|milion|mln\.?)(?![\w])", re.I)
LABEL = re.compile(r"(?:^|(?<=[\s;:,.]))([a-h])\)\s*")
NONE_TEXTS = {"-", "--", "---", "—", "–", "0", "x", "nu", "nu este cazul"}
EURO = re.compile(r"\b(euro|eur)\b|€", re.I)
DOLLAR = re.compile(r"\b(usd|dolari|dolar)\b|\$", re.I)
UNIT_AFTER_SLASH = re.compile(r"/\s*([^\W\d_]+)")


@dataclass(frozen=True)
class Amount:
    label: str | None
    value: float | None
    currency: str | None
    unit: str | None
    kind: str  # value | within-available-resources | as-needed | none | text


def parse_number(token: str) -> float:
    """``150,000.00`` -> 150000; ``700.000,00`` -> 700000; ``3,0`` -> 3; ``2,500`` -> 2500;
    ``1 200 000`` -> 1200000.  A lone separator followed by exactly three digits groups thousands."""
    t = token.replace(" ", "").replace("\u00a0", "")
    if "," in t and "." in t:
        decimal = "," if t.rfind(",") > t.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(t.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in t:
            parts = t.split(sep)
            if len(parts) > 2 or (len(parts[-1]) == 3 and len(parts[0]) <= 3):
                return float(t.replace(sep, ""))
            return float(t.replace(sep, "."))
    return float(t)


def split_labelled(text: str) -> list[tuple[str | None, str]]:
    """``a) 9,0 mii lei; b) 12,0 mii lei`` -> [("a", "9,0 mii lei; "), ("b", "12,0 mii lei")]."""
    marks = list(LABEL.finditer(text))
    if len(marks) < 2 or [m.group(1) for m in marks] != [chr(ord("a") + i) for i in range(len(marks))]:
        return [(None, text)]
    return [(m.group(1), text[m.end(): marks[i + 1].start() if i + 1 < len(marks) else len(text)])
            for i, m in enumerate(marks)]


def _unit(text: str, phrases: Phrases) -> str | None:
    m = UNIT_AFTER_SLASH.search(text)
    if m:
        return m.group(1)
    return phrases.first("amount_unit", text)


def _currency(text: str, country: str | None) -> str | None:
    if EURO.search(text):
        return "EUR"
    if DOLLAR.search(text):
        return "USD"
    return CURRENCY_OF_COUNTRY.get(country or "")


def _value(text: str) -> float | None:
    m = NUMBER.search(text)
    if not m:
        return None
    value = parse_number(m.group(1))
    mult = MULTIPLIER.match(text[m.end():])
    if mult:
        value *= 1000 if mult.group(1).lower() in ("mii", "mie") else 1_000_000
    return value


def parse_amounts(text: str | None, phrases: Phrases, country: str | None = None,
                  context: str = "") -> list[Amount]:
    """One ``Amount`` per amount stated in the cell (at least one for a non-empty cell).
    ``context`` is the cell's text before a labelled list (``Anual a câte:``) shared by its items."""
    if not text or not text.strip():
        return []
    items = split_labelled(text)
    shared = text[: LABEL.search(text).start()] if items[0][0] else ""
    out = []
    for label, part in items:
        value = _value(part)
        scope = f"{shared} {part}" if label else part
        if value is not None:
            out.append(Amount(label, value, _currency(scope, country), _unit(scope, phrases), "value"))
        else:
            out.append(Amount(label, None, None, None, _kind(part, phrases)))
    return out


def _kind(text: str, phrases: Phrases) -> str:
    if fold(text) in NONE_TEXTS or fold(text).strip("-–— ") == "":
        return "none"
    return phrases.first("amount_kind", text) or "text"
