"""Schemas: pandera models of every dataset, and validated frames with a fixed Arrow schema."""

from .datasets import DATASETS, Actions, Activities, Cells, Costs, Documents, Headers, Issues, Services
from .frames import arrow_schema, check_keys, columns, to_frame, validate

__all__ = [
    "DATASETS", "Actions", "Activities", "Cells", "Services", "Costs", "Documents", "Headers", "Issues",
    "arrow_schema", "check_keys", "columns", "to_frame", "validate",
]
