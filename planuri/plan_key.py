"""``documents.plan_key``: one value for every document that holds the same plan, whatever its form
(DOCX, PDF, scan, .doc, .odt) or the name it was saved under, so that a query can keep one form per plan.

* ``act:<16 hex>`` when the preamble names the issuer, the act's number and its date: a hash of the
  three (issuer folded: case, diacritics and spacing aside; spaces in the number ignored);
* ``text:<16 hex>`` otherwise (drafts): a hash of the letters and digits of the actions' text, then
  the services' names, then the activities' items, in order, case and diacritics folded -- line
  breaks, hyphenation and spacing aside, so that the DOCX and its PDF agree;
* null when the document has neither (failed, or no action plan and no act).

A ``text:`` key is exact, so a scan of a draft (OCR misreads a letter here and there) or a form that
lost a row would get a key of its own: after a run, ``planuri.plans`` gives every ``text:`` document
whose letters are near-identical to another's (``same_plan``) the group's key.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd

from planuri.extract.ro_text import fold

NOT_ALNUM = re.compile(r"[^0-9a-z]+")
TEXT_COLUMNS = (("actions", "action"), ("services", "service_name"), ("activities", "item"))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def act_key(issuer: str | None, act_number: str | None, act_date) -> str | None:
    if not (issuer and act_number and act_date):
        return None
    return "act:" + _hash("|".join([fold(issuer), re.sub(r"\s+", "", act_number).lower(), str(act_date)]))


def text_letters(frames: dict[str, pd.DataFrame]) -> str:
    """The letters and digits of a plan's text (actions, then services' names, then activities' items),
    folded: what a ``text:`` key hashes and what ``same_plan`` compares."""
    letters = []
    for dataset, column in TEXT_COLUMNS:
        frame = frames.get(dataset)
        if frame is None or frame.empty:
            continue
        letters.extend(NOT_ALNUM.sub("", fold(t)) for t in frame[column] if isinstance(t, str))
    return "".join(letters)


def key_of_letters(letters: str) -> str | None:
    return "text:" + _hash(letters) if letters else None


def text_key(frames: dict[str, pd.DataFrame]) -> str | None:
    return key_of_letters(text_letters(frames))


# Two forms hold the same plan when the sets of their letters' 5-grams overlap this much (Jaccard): a
# letter OCR misread changes at most 5 of a plan's thousands of 5-grams, a lost row its own share, while
# two different plans -- even two years of one council's plan -- share far fewer.
SHINGLE = 5
SAME_PLAN = 0.8


def shingles(letters: str) -> frozenset[str]:
    return frozenset(letters[i:i + SHINGLE] for i in range(max(1, len(letters) - SHINGLE + 1)))


def same_plan(a: frozenset[str], b: frozenset[str], threshold: float = SAME_PLAN) -> float | None:
    """The Jaccard similarity of two forms' 5-grams when it reaches ``threshold``, else None."""
    small, large = sorted((len(a), len(b)))
    if not large or small < threshold * large:  # Jaccard <= small / large: skip the intersection
        return None
    score = len(a & b) / len(a | b)
    return score if score >= threshold else None


def plan_key(document: dict, frames: dict[str, pd.DataFrame]) -> str | None:
    return act_key(document.get("issuer"), document.get("act_number"), document.get("act_date")) or text_key(frames)
