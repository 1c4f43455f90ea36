"""Values read from the cells of social-services tables: nomenclator codes, contact details,
capacities and persons, occupancy, and budget amounts.

Nothing is guessed: a text that states no such value gives null.
"""

from __future__ import annotations

import re

from .amounts import CURRENCY_OF_COUNTRY, MULTIPLIER, parse_number
from .phrases import Phrases

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
WEBSITE = re.compile(r"\b(?:https?://|www\.)[^\s,;/<>\"”]+(?:/[^\s,;<>\"”]*)?", re.IGNORECASE)
# 0 and 9-12 more digits, spaces, dots or hyphens between them; not glued to a word or to a
# number written with slashes (LF/0001853/19.08.2016), but after " /" (0234583036 /0728219122)
PHONE = re.compile(r"(?<!\d)(?<!\w/)(?:\+?40[ .]?)?0\d(?:[ .\-]?\d){7,10}(?![\d/])")
SERVICE_CODE = re.compile(r"(?<!\d)(\d{4})\s*([A-Z]{2,4})(?:\s*-\s*([A-Z]{1,4}))?\s*-\s*([IVX]{1,4})\b")
NUMBER = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)")
PERCENT = re.compile(r"(\d+(?:[.,]\d+)?)\s*%")
# an amount: digits grouped by thousands (also "41, 220"), or plain digits, with decimals
AMOUNT = re.compile(r"(?<![\w.,])(\d{1,3}(?:(?:[ .]|, ?)\d{3})+(?:,\d{1,2}(?!\d)|\.\d{1,2}(?!\d))?|\d+(?:[.,]\d+)?)(?!\d)")
CURRENCY = re.compile(r"^\s*(lei|ron|euro|eur|€|usd)(?![^\W\d_])", re.IGNORECASE)
WORD_AFTER = re.compile(r"^\s*[^\W\d_]")
MULTIPLY = re.compile(r"(?:^|\s|\d)[x×*](?:\s|\d|$)")
COUNTED = re.compile(r"(\d+)\s+[^\W\d_]")
LETTERED = re.compile(r"^[a-z]\s*[).]\s*\S")  # "a) Cursuri de perfecționare", "c. sesiuni de instruire"


# --------------------------------------------------------------------------- codes


def normalize_service_code(text: str | None) -> tuple[str | None, bool]:
    """``8899CZ-F-I`` -> ``8899 CZ-F-I``, ``8810ID -I`` -> ``8810 ID-I``; several codes joined with
    ``; ``.  The bool says the text held a code of the nomenclator's form (False: the text is
    returned as written)."""
    if not text or not text.strip():
        return None, True
    found = ["%s %s%s-%s" % (m.group(1), m.group(2), f"-{m.group(3)}" if m.group(3) else "", m.group(4))
             for m in SERVICE_CODE.finditer(text)]
    if not found:
        return text.strip(), False
    return "; ".join(dict.fromkeys(found)), True


# --------------------------------------------------------------------------- contacts


def contacts(text: str | None, links: tuple[str, ...] = ()) -> tuple[list[str], list[str], list[str]]:
    """E-mail addresses, phone numbers (digits only) and websites in a contact text and its
    links (``mailto:``, ``http…``).  A link whose target is written in the text counts once, as
    written (``www.fsc.ro`` and its link ``http://www.fsc.ro``)."""
    text = text or ""
    emails = EMAIL.findall(text) + [t[len("mailto:"):] for t in links if t.lower().startswith("mailto:")]
    sites = [w.rstrip(".") for w in WEBSITE.findall(text) if "@" not in w]
    written = {_bare(s) for s in sites}
    sites += [t for t in links if t.lower().startswith(("http://", "https://")) and _bare(t) not in written]
    rest = WEBSITE.sub(" ", EMAIL.sub(" ", text))
    phones = [re.sub(r"\D", "", m.group(0)) for m in PHONE.finditer(rest) if not _fax_only(rest, m.start())]
    return _unique(emails), _unique(phones), _unique(sites)


def _bare(site: str) -> str:
    return re.sub(r"^https?://", "", site.lower()).rstrip("/")


def _fax_only(text: str, start: int) -> bool:
    label = text[max(0, start - 14):start].lower()
    return "fax" in label and "tel" not in label


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


# --------------------------------------------------------------------------- counts


def first_number(text: str | None) -> float | None:
    """The first number of a text (``30 locuri si 20 locuri …`` -> 30)."""
    m = NUMBER.search(text or "")
    return float(m.group(1).replace(",", ".")) if m else None


def percent(text: str | None) -> float | None:
    """The first percentage (``75,2% nu sunt cereri`` -> 75.2)."""
    m = PERCENT.search(text or "")
    return float(m.group(1).replace(",", ".")) if m else None


def persons_value(parts: list[str]) -> float | None:
    """The persons of the first part that states any: a bare number, or the sum of the groups
    it counts (``4 voluntari DAS 3 voluntari OSPT 4 voluntari CRA`` -> 11)."""
    for part in parts:
        text = part.strip()
        if re.fullmatch(r"\d+", text):
            return float(text)
        counted = [int(n) for n in COUNTED.findall(text)]
        if counted:
            return float(sum(counted))
    return None


# --------------------------------------------------------------------------- budgets


def without_parentheses(text: str) -> str:
    """The text with its parenthesised explanations left out (an unclosed one runs to the end)."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def budget_value(text: str | None, phrases: Phrases, country: str = "RO") -> float | None:
    """The amount a budget cell states, in the country's currency; null when it states none, or
    only in another currency.

    Explanations in parentheses are left out.  Of a computation (``50 persoane x 15 lei/ora …
    =264,000 lei``, ``257,083 lei= 7 copii … *46,321 lei``) the side without a multiplication
    is the amount.  The amount is the first number followed by a currency (``700.000,00lei/an``),
    unless a threshold wording precedes it (``venituri mai mari de 1500 lei``); failing that, a
    number standing alone, the only one of the text (``755.439``, ``sponsorizare 30.000``, ``0``).
    """
    if not text or not text.strip():
        return None
    part = without_parentheses(text)
    if "=" in part:
        sides = [s for s in part.split("=") if s.strip()]
        plain_sides = [s for s in sides if not MULTIPLY.search(s)]
        part = plain_sides[0] if plain_sides else sides[-1]
    numbers = list(AMOUNT.finditer(part))
    for m in numbers:
        after = part[m.end():]
        mult = MULTIPLIER.match(after)
        if mult:
            after = after[mult.end():]
        currency = CURRENCY.match(after)
        if not currency:
            continue
        if phrases.find_all("amount_threshold", part[max(0, m.start() - 30):m.start()]):
            continue
        code = {"lei": "RON", "ron": "RON", "usd": "USD"}.get(currency.group(1).lower(), "EUR")
        if code != CURRENCY_OF_COUNTRY.get(country):
            return None
        return _scaled(m, part)
    if len(numbers) == 1 and not WORD_AFTER.match(part[numbers[0].end():]):
        return _scaled(numbers[0], part)
    return None


def _scaled(m: re.Match, text: str) -> float:
    value = parse_number(m.group(1))
    mult = MULTIPLIER.match(text[m.end():])
    if mult:
        value *= 1000 if mult.group(1).lower() in ("mii", "mie") else 1_000_000
    return value
