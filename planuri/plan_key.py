"""``documents.plan_key``: one value for every document that holds the same plan, whatever its form
(DOCX, PDF, scan, .doc, .odt) or the name it was saved under, so that a query can keep one form per plan.

* ``act:<16 hex>`` when the preamble names the issuer, the act's number and its date: a hash of the
  three (issuer folded: case, diacritics and spacing aside; spaces in the number ignored);
* ``text:<16 hex>`` otherwise (drafts): a hash of the letters and digits of the actions' text, then
  the services' names, then the activities' items, in order, case and diacritics folded -- line
  breaks, hyphenation and spacing aside, so that the DOCX and its PDF agree;
* null when the document has neither (failed, or no action plan and no act).

Two OCR'd forms of a draft agree only when OCR read every letter alike: a scan of a draft may get a
key of its own.
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


def text_key(frames: dict[str, pd.DataFrame]) -> str | None:
    letters = []
    for dataset, column in TEXT_COLUMNS:
        frame = frames.get(dataset)
        if frame is None or frame.empty:
            continue
        letters.extend(NOT_ALNUM.sub("", fold(t)) for t in frame[column] if isinstance(t, str))
    joined = "".join(letters)
    return "text:" + _hash(joined) if joined else None


def plan_key(document: dict, frames: dict[str, pd.DataFrame]) -> str | None:
    return act_key(document.get("issuer"), document.get("act_number"), document.get("act_date")) or text_key(frames)
