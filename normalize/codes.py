"""Action codes that break their own numbering: a gap (``7.2`` then ``7.4``) or a code written
twice under the same headings.

A plan numbers its actions; when the numbers it reads skip one, a row may have been lost (a
page break swallowed it, a hand-edited table hid it) or the plan itself skipped a number;
when one comes twice, a row may have been cut in two or written twice.  Either way a person
should look: a warning, with the row.  A number going back (``3.4`` then ``1.1``) starts a new
numbering and says nothing.

OCR reads a short code's dot as another mark or as nothing (``2-3,``, ``2:10;``, ``37``, ``102`` for
2.3, 2.10, 3.7 and 1.2).  Such a code is put right when the numbering around it expects one code
whose digits are the ones read (a dot read as ``0`` left out), or when the codes on the rows just
before and after it both lead to one code and the reading is near it (``3.41``, ``3`` or nothing
between 3.10 and 3.12: 3.11); the reading is kept in an ``ocr-code-repaired`` info issue.  A code
no expected one matches is left as read, with an ``ocr-code-unsure`` warning holding the reading.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from rapidfuzz.distance import Levenshtein

from planuri.extract.issues import Issue

CODE = re.compile(r"^\d+(?:\.\d+)*$")
DOTTED = re.compile(r"^\d+(?:\.\d+)+\.?$")  # a code read with its dots: "2.1", "2.1."
# the headings a code is numbered under: the same code under another heading is no repeat
SCOPE_FIELDS = ("section", "general_objective", "specific_objective", "domain", "measure")


def code_parts(code: str | None) -> tuple[int, ...] | None:
    """``"7.2"`` -> ``(7, 2)``; None for no code or one that is not plain numbers and dots."""
    text = (code or "").strip().rstrip(".")
    return tuple(int(p) for p in text.split(".")) if CODE.match(text) else None


def repair_read_codes(actions: Sequence[dict], read_key: str) -> list[Issue]:
    """OCR'd codes (their reading under ``read_key``, taken off every action) that break the
    numbering put right by it: the codes the previous code leads to (its next sibling, its first
    child, the next at a level above) and the one before the next code, where exactly one has the
    digits read."""
    issues: list[Issue] = []
    for table in _by_table(actions):
        previous: tuple[int, ...] | None = None
        previous_at = -1  # the row of the table ``previous`` is the code of
        for n, action in enumerate(table):
            read = action.pop(read_key, None)
            parts = code_parts(action.get("action_code"))
            trusted = read is None or _dotted(read)
            if read is not None:
                expected = _expected(previous, _clean_next(table, n + 1, read_key))
                fits = not expected or parts in expected
                trusted = trusted or fits
                if not fits or read.rstrip(" .,;:") != action.get("action_code"):
                    where = dict(table_no=action["table_no"], row_no=action["row_no"], page=action.get("page_start"),
                                 raw=read)
                    digits = re.sub(r"\D", "", read)
                    # every dot read: a 0 is a digit (1.6.10), not a dot read as one
                    matches = [e for e in expected if _same_digits(digits, e, zero_for_dot=not _dotted(read))]
                    agreed = _agreed(previous if previous_at == n - 1 else None, _trusted_code(table, n + 1, read_key))
                    if len(matches) == 1 and matches[0] != parts:
                        parts, trusted = matches[0], True
                        action["action_code"] = ".".join(map(str, parts))
                        issues.append(Issue("ocr-code-repaired", f"the action code OCR read as {read!r} is "
                                            f"{action['action_code']} by the numbering around it", severity="info",
                                            **where))
                    elif agreed and agreed != parts and _near(digits, agreed):
                        parts, trusted = agreed, True
                        action["action_code"] = ".".join(map(str, parts))
                        issues.append(Issue("ocr-code-repaired", f"the action code OCR read as {read!r} is "
                                            f"{action['action_code']}, the one code both the code before it and the "
                                            "code after it lead to", severity="info", **where))
                    elif read and not _dotted(read):  # a misread left as read: a person asked to look
                        issues.append(Issue("ocr-code-unsure", f"the action code OCR read as {read!r} fits no "
                                            "code the numbering around it expects; kept as "
                                            f"{action.get('action_code')!r}", severity="warning", **where))
            if parts is not None and trusted:  # a misread left as read leads nothing
                previous, previous_at = parts, n
    return issues


def _trusted_code(table: Sequence[dict], n: int, read_key: str) -> tuple[int, ...] | None:
    """Row ``n``'s code when it was not OCR'd or OCR read it as a dotted code (None otherwise)."""
    return _trusted(table[n], read_key) if n < len(table) else None


def _trusted(action: dict, read_key: str) -> tuple[int, ...] | None:
    read = action.get(read_key)
    return code_parts(action.get("action_code")) if read is None or _dotted(read) else None


def _dotted(read: str) -> bool:
    """Was a code read with every dot (``3.12;``: a mark after it aside)?"""
    return bool(DOTTED.match(read.rstrip(" ,;:")))


def _agreed(previous: tuple[int, ...] | None, following: tuple[int, ...] | None) -> tuple[int, ...] | None:
    """The code between two rows' codes when both lead to the same one (``3.10`` and ``3.12``:
    3.11; ``2.9`` and ``3.2``: 3.1), else None."""
    if previous is None or following is None or following[-1] < 2:
        return None
    before = following[:-1] + (following[-1] - 1,)
    return before if before in _expected(previous, None) else None


def _near(digits: str, code: tuple[int, ...]) -> bool:
    """Digits read close enough to a code's own to be a misreading of it: none (an empty cell),
    its first number's first digit (``34``, ``3`` for 3.11, 3.12), or one digit changed
    (``25`` for 3.5)."""
    target = "".join(map(str, code))
    return not digits or digits[0] == target[0] or Levenshtein.distance(digits, target) <= 1


def _clean_next(table: Sequence[dict], start: int, read_key: str) -> tuple[int, ...] | None:
    """The next action's code, when it was not OCR'd or OCR read it as a dotted code."""
    following = next((a for a in table[start:] if code_parts(a.get("action_code")) is not None), None)
    return _trusted(following, read_key) if following is not None else None


def _expected(previous: tuple[int, ...] | None, following: tuple[int, ...] | None) -> list[tuple[int, ...]]:
    out = []
    if previous:
        out.append(previous + (1,))  # its first child
        for k in range(len(previous) - 1, -1, -1):  # its next sibling, then the next at each level above
            out.append(previous[:k] + (previous[k] + 1,) + (1,) * (len(previous) - k - 1))
    if following and following[-1] > 1:
        out.append(following[:-1] + (following[-1] - 1,))
    return list(dict.fromkeys(out))


def _same_digits(digits: str, code: tuple[int, ...], zero_for_dot: bool = True) -> bool:
    """Are ``digits`` the code's own, or (``zero_for_dot``) the code's with its dot read as a 0?"""
    target = "".join(map(str, code))
    return digits == target or zero_for_dot and any(digits[:i] + digits[i + 1:] == target
                                                    for i, d in enumerate(digits) if d == "0")


def code_sequence_issues(actions: Sequence[dict]) -> list[Issue]:
    """Warnings for the gaps and repeats in the numbering of each table's actions, in order."""
    issues: list[Issue] = []
    for table in _by_table(actions):
        seen: set[tuple] = set()
        previous: tuple[int, ...] | None = None
        for action in table:
            parts = code_parts(action.get("action_code"))
            if parts is None:
                continue
            where = dict(table_no=action["table_no"], row_no=action["row_no"], page=action.get("page_start"),
                         raw=action.get("action_code"))
            key = (parts, *(action.get(f) for f in SCOPE_FIELDS))
            if key in seen:
                issues.append(Issue("action-code-repeated", f"action code {action['action_code']} comes a second "
                                    "time under the same headings: a row cut in two, or written twice",
                                    severity="warning", **where))
            elif (previous is not None and len(previous) == len(parts) and previous[:-1] == parts[:-1]
                  and parts[-1] > previous[-1] + 1):
                missing = ".".join(map(str, (*parts[:-1], previous[-1] + 1)))
                issues.append(Issue("action-code-gap", f"action code {action['action_code']} follows "
                                    f"{'.'.join(map(str, previous))}: no action {missing} was read (lost, or "
                                    "skipped by the plan)", severity="warning", **where))
            seen.add(key)
            previous = parts
    return issues


def _by_table(actions: Iterable[dict]) -> list[list[dict]]:
    tables: dict[int, list[dict]] = {}
    for action in actions:
        tables.setdefault(action["table_no"], []).append(action)
    return [sorted(rows, key=lambda a: a["row_no"]) for _, rows in sorted(tables.items())]
