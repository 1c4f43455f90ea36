"""Validated frames -> parquet datasets partitioned by document, in a local folder or at an
fsspec URL (``s3://bucket/prefix``, ``gs://…``, ``file://…``).

Layout: ``<out>/<dataset>/doc_id=<doc_id>/part-0.parquet`` (Hive-style: the
partition column lives in the folder name, not in the file).  Locally each
partition is written to a temporary name in its folder, flushed and renamed into
place, so a reader or a killed run never sees a half-written file and re-running
a document replaces its partition whole; on object stores a single PUT is atomic.
"""

from __future__ import annotations

import json
import os
import tempfile
import uuid
from pathlib import Path

import fsspec
import pandas as pd
import pyarrow as arrow
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem

from planuri.schemas import arrow_schema

PART = "part-0.parquet"


def parquet_bytes(dataset: str, frame: pd.DataFrame) -> bytes:
    """One dataset partition as parquet bytes (the doc_id column is left to the folder name)."""
    schema = arrow_schema(dataset)
    file_schema = arrow.schema([f for f in schema if f.name != "doc_id"])
    body = frame.drop(columns=["doc_id"]).reset_index(drop=True)
    for field in file_schema:
        if arrow.types.is_map(field.type):  # Arrow takes maps as lists of (key, value) pairs
            body[field.name] = body[field.name].map(lambda d: sorted(d.items()) if isinstance(d, dict) else None)
    table = arrow.Table.from_pandas(body, schema=file_schema, preserve_index=False)
    sink = arrow.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


class OutputError(Exception):
    """The output cannot be written (a file where its folder should be, no permission)."""


class Output:
    """Where the datasets go.  Pickles as its URL, so it can travel to Dask workers."""

    def __init__(self, target: str | Path):
        self.target = str(target)
        self.fs, self.root = fsspec.core.url_to_fs(self.target)
        self.local = isinstance(self.fs, LocalFileSystem)

    def __reduce__(self):
        return (Output, (self.target,))

    def check_writable(self) -> None:
        """Fail before any document is read when a local output cannot be written: create the folder
        and a probe file in it.  (An object store tells only at the first write.)"""
        if not self.local:
            return
        if os.path.exists(self.root) and not os.path.isdir(self.root):
            raise OutputError(f"{self.target} is a file, not a folder")
        try:
            os.makedirs(self.root, exist_ok=True)
            handle, probe = tempfile.mkstemp(prefix=".planuri-probe-", dir=self.root)
            os.close(handle)
            os.unlink(probe)
        except OSError as e:
            raise OutputError(f"cannot write to {self.target}: {e.strerror or e}") from None

    def path(self, *parts: str) -> str:
        return "/".join([self.root.rstrip("/"), *parts])

    def put(self, path: str, data: bytes) -> None:
        """Write a whole file at once: atomically (temporary name, fsync, rename) on a local disk."""
        if not self.local:
            self.fs.pipe(path, data)
            return
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        tmp = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.{uuid.uuid4().hex}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def write_partition(self, dataset: str, doc_id: str, frame: pd.DataFrame) -> str:
        path = self.path(dataset, f"doc_id={doc_id}", PART)
        self.put(path, parquet_bytes(dataset, frame))
        return path

    def write_document(self, doc_id: str, frames: dict[str, pd.DataFrame], replaces: tuple[str, ...] = ()) -> None:
        """Every dataset's partition of one document; ``documents`` last, so that a document
        listed in ``documents`` has all its other partitions in place.  Then, in the same step, the
        documents it ``replaces`` (earlier versions of its file) are removed, their ``documents``
        partition first: a document listed in ``documents`` always has all its partitions."""
        for name in sorted(frames, key=lambda n: n == "documents"):
            self.write_partition(name, doc_id, frames[name])
        for old in replaces:
            if old != doc_id:
                self.remove_document(old)

    def remove_document(self, doc_id: str) -> None:
        """Every dataset's partition of one document, ``documents`` first."""
        folders = self.fs.glob(self.path("*", f"doc_id={doc_id}"))
        for folder in sorted(folders, key=lambda f: f.rsplit("/", 2)[-2] != "documents"):
            self.fs.rm(folder, recursive=True)

    def remove_leftovers(self) -> int:
        """Delete the temporary files a killed run left behind (local output only)."""
        if not self.local or not os.path.isdir(self.root):
            return 0
        leftovers = list(Path(self.root).glob("*/doc_id=*/.*.tmp"))
        for path in leftovers:
            path.unlink(missing_ok=True)
        return len(leftovers)

    def documents_written(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (status, source_file) of every document already written here."""
        out = {}
        for path in self.fs.glob(self.path("documents", "doc_id=*", PART)):
            doc_id = path.rsplit("doc_id=", 1)[1].split("/", 1)[0]
            with self.fs.open(path, "rb") as f:
                rows = pq.read_table(f, columns=["status", "source_file"]).to_pylist()
            if rows:
                out[doc_id] = (rows[0]["status"], rows[0]["source_file"])
        return out

    def document_statuses(self) -> dict[str, str]:
        """doc_id -> status of every document already written here."""
        return {doc_id: status for doc_id, (status, _) in self.documents_written().items()}

    def write_json(self, name: str, value: dict) -> None:
        self.put(self.path(name), (json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n").encode())


def write_document(out_dir: Path | str, doc_id: str, frames: dict[str, pd.DataFrame]) -> None:
    Output(out_dir).write_document(doc_id, frames)
