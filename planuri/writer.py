"""Validated frames -> parquet datasets partitioned by document.

Layout: ``<out>/<dataset>/doc_id=<doc_id>/part-0.parquet`` (Hive-style: the
partition column lives in the folder name, not in the file).  Each partition is
written to a temporary name in its folder and renamed into place, so a reader
or a killed run never sees a half-written file, and re-running a document
replaces its partition whole.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as arrow
import pyarrow.parquet as pq

from planuri.schemas import arrow_schema

PART = "part-0.parquet"


def partition_dir(out_dir: Path, dataset: str, doc_id: str) -> Path:
    return out_dir / dataset / f"doc_id={doc_id}"


def write_partition(out_dir: Path, dataset: str, doc_id: str, frame: pd.DataFrame) -> Path:
    schema = arrow_schema(dataset)
    file_schema = arrow.schema([f for f in schema if f.name != "doc_id"])
    body = frame.drop(columns=["doc_id"]).reset_index(drop=True)
    for field in file_schema:
        if arrow.types.is_map(field.type):  # Arrow takes maps as lists of (key, value) pairs
            body[field.name] = body[field.name].map(lambda d: sorted(d.items()) if isinstance(d, dict) else None)
    table = arrow.Table.from_pandas(body, schema=file_schema, preserve_index=False)
    folder = partition_dir(out_dir, dataset, doc_id)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{PART}.{os.getpid()}.{uuid.uuid4().hex}.tmp"
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, folder / PART)
    finally:
        if tmp.exists():
            tmp.unlink()
    return folder / PART


def write_document(out_dir: Path, doc_id: str, frames: dict[str, pd.DataFrame]) -> None:
    """Write every dataset's partition of one document; ``documents`` last, so a document
    listed in ``documents`` has all its other partitions in place."""
    for name in sorted(frames, key=lambda n: n == "documents"):
        write_partition(out_dir, name, doc_id, frames[name])
