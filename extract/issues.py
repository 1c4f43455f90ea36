"""Problems found in a document are data, not exceptions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

SEVERITIES = ("error", "warning", "info")
KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Issue:
    """One problem or notable decision, with where it happened.

    ``code`` is a stable kebab-case identifier (``unknown-header``,
    ``missing-action``, ...); ``raw`` holds the text the problem is about.
    """

    code: str
    message: str
    severity: str = "warning"
    page: int | None = None
    table_no: int | None = None
    row_no: int | None = None
    raw: str | None = None

    def __post_init__(self) -> None:
        if not KEBAB.match(self.code):
            raise ValueError(f"issue code must be kebab-case: {self.code!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    def at(self, **where) -> "Issue":
        return replace(self, **where)
