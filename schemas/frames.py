"""Records -> validated frames with a fixed Arrow schema.

``to_frame`` builds a frame in the model's column order; ``validate`` checks it
and splits off the rows that fail, so that they become issues instead of
disappearing or stopping the batch.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
import pyarrow as arrow
from pandera.engines import numpy_engine, pandas_engine

from .datasets import DATASETS
from .vectorized import validated

_ARROW = {
    pandas_engine.STRING: arrow.string(),
    pandas_engine.INT64: arrow.int64(),
    numpy_engine.Int64: arrow.int64(),
    numpy_engine.Float64: arrow.float64(),
    pandas_engine.FLOAT64: arrow.float64(),
    pandas_engine.BOOL: arrow.bool_(),
}


def columns(name: str) -> list[str]:
    return list(_columns(name))


@lru_cache(maxsize=None)
def _columns(name: str) -> tuple[str, ...]:
    return tuple(DATASETS[name].to_schema().columns)


_ARROW_NAMED = {
    "list<string>": arrow.list_(arrow.string()),
    "map<int32,string>": arrow.map_(arrow.int32(), arrow.string()),
    "date32": arrow.date32(),
}


def arrow_schema(name: str) -> arrow.Schema:
    fields = []
    for col, spec in DATASETS[name].to_schema().columns.items():
        named = (spec.metadata or {}).get("arrow")
        kind = type(spec.dtype)
        if named:
            arrow_type = _ARROW_NAMED[named]
        elif kind in _ARROW:
            arrow_type = _ARROW[kind]
        else:
            raise TypeError(f"no Arrow type for {name}.{col} ({spec.dtype})")
        # the description travels in the parquet schema: any reader sees what a field means
        fields.append(arrow.field(col, arrow_type, nullable=spec.nullable,
                                  metadata={"description": spec.description or ""}))
    return arrow.schema(fields)


def check_keys(name: str, records: list[dict]) -> None:
    """Every record has exactly the dataset's fields: a key the schema does not have (a misspelt
    ``responsable``) or one it lacks would otherwise become a silent null -- a bug, not bad input."""
    cols = columns(name)
    expected = set(cols)
    for i, record in enumerate(records):
        keys = set(record)
        if keys == expected:
            continue
        unknown = sorted(keys - expected)
        missing = [c for c in cols if c not in keys]
        parts = ([f"unknown key(s) {', '.join(map(repr, unknown))}"] if unknown else []) + (
            [f"missing key(s) {', '.join(map(repr, missing))}"] if missing else [])
        raise ValueError(f"{name} record {i}: {'; '.join(parts)} (the {name} schema's fields: {', '.join(cols)})")


def to_frame(name: str, records: list[dict]) -> pd.DataFrame:
    """The records as a frame in the model's column order; each record must carry exactly the
    model's fields (``check_keys``)."""
    cols = columns(name)
    check_keys(name, records)
    frame = pd.DataFrame.from_records(records, columns=cols) if records else pd.DataFrame(columns=cols)
    # every column as objects, NaN, NaT and pd.NA as None: on one array (``astype(object)`` then
    # ``where(notna(), None)`` gives the same frame at twice the cost); ``dtype=object`` keeps
    # pandas from inferring its string type back
    values = frame.to_numpy(dtype=object, copy=True)
    values[pd.isna(values)] = None
    return pd.DataFrame(values, columns=frame.columns, index=frame.index, dtype=object)


@lru_cache(maxsize=None)
def _empty(name: str) -> pd.DataFrame:
    """The dataset's empty frame, validated once: no row holds a value to check, so every empty
    frame of a dataset validates to this one (columns, order and coerced dtypes)."""
    return DATASETS[name].validate(to_frame(name, []), lazy=False)


def validate(name: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[dict]]:
    """The valid rows (coerced to the model's types) and one failure record per rejected row."""
    model = DATASETS[name]
    if frame.empty and list(frame.columns) == columns(name):
        return _empty(name).copy(), []
    fast = validated(name, frame)  # the model's checks, without pandera's bookkeeping
    if fast is not None:
        return fast, []
    try:
        return model.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as e:
        cases = e.failure_cases
    row_cases = cases[cases["index"].notna()]
    if len(row_cases) == 0:  # a frame-level failure (missing column, wrong type): a bug
        raise RuntimeError(f"{name} frame does not fit its schema:\n{cases}")
    failures = []
    for index, group in row_cases.groupby("index"):
        found = []
        for context, col, check, value in zip(group["schema_context"], group["column"], group["check"], group["failure_case"]):
            text = check if context == "DataFrameSchema" else f"{col}: {check} ({value!r})"
            if text not in found:
                found.append(text)
        checks = "; ".join(found)
        failures.append({"index": index, "checks": checks, "row": frame.loc[index].to_dict()})
    kept = frame.drop(index=[f["index"] for f in failures])
    return model.validate(kept, lazy=False), failures
