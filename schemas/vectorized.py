"""The datasets' pandera checks run column by column, without pandera's validation machinery.

pandera's ``DataFrameModel.validate`` costs about 1 ms a column whatever the frame's length
(copies of the schema, error bookkeeping, a dtype check per column): some 200 ms for the nine
frames of one document, more than reading its pages.  A valid frame does not need that
bookkeeping.  ``validated`` coerces each column with the model's own data type and runs the
model's own checks (``Check`` objects, vectorized: the built-in ``ge``/``isin``/``str_matches``
and the models' registered checks) on it, then the dataframe checks; it returns the frame
pandera would have returned, or None at the first thing that is not plainly valid -- a column
missing, out of order or extra, a value that does not coerce, a null in a column that allows
none, a failed check -- so that pandera then validates the frame itself and says which rows
fail (``frames.validate``).  Nothing here restates a rule: the rules are the models'.
``tests/test_frames.py`` checks the frames are pandera's on every sample's datasets.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine

from .datasets import DATASETS


@lru_cache(maxsize=None)
def _schema(name: str) -> pa.DataFrameSchema:
    return DATASETS[name].to_schema()


def validated(name: str, frame: pd.DataFrame) -> pd.DataFrame | None:
    """``frame`` coerced to the dataset's types when it passes every check of the model; None
    when anything fails or cannot be told without pandera (then pandera validates it)."""
    schema = _schema(name)
    if not (schema.coerce and schema.strict and schema.ordered) or schema.unique or schema.index is not None:
        return None  # a model setting this fast path does not implement: pandera's to apply
    if list(frame.columns) != list(schema.columns):
        return None
    out = {}
    for col, column in schema.columns.items():
        values = _column(column, frame[col])
        if values is None:
            return None
        out[col] = values
    checked = pd.DataFrame(out, index=frame.index)
    if not all(_passes(check, checked) for check in schema.checks):
        return None
    return checked


def _column(column: pa.Column, values: pd.Series) -> pd.Series | None:
    """The column coerced and checked (None: it does not coerce, holds a forbidden null or
    fails a check)."""
    if column.unique or column.regex:
        return None
    try:
        values = column.dtype.coerce(values)
    except (TypeError, ValueError, OverflowError):
        return None
    if not _dtype_fits(column.dtype, values.dtype):
        return None
    if column.nullable and not column.checks:
        return values  # nothing more to tell: its nulls are allowed and it has no check
    na = values.isna()
    has_na = bool(na.any())
    if not column.nullable and has_na:
        return None
    present = values[~na] if has_na else values  # its non-null values, found once for its checks
    if all(_passes(check, values, present) for check in column.checks):
        return values
    return None


@lru_cache(maxsize=None)
def _dtype_fits(expected, actual) -> bool:
    """Is a column coerced to ``actual`` of the model's data type ``expected`` (remembered: a
    dataset's columns come out of coercion with the same few dtypes)?"""
    return bool(expected.check(pandas_engine.Engine.dtype(actual)))


def _passes(check: pa.Check, data, present: pd.Series | None = None) -> bool:
    """Does ``data`` pass ``check`` (nulls ignored where the check says so; ``present``: the
    column's non-null values when already known)?  The built-in checks the models use are
    evaluated here on the whole column, and a model's own column checks are called on its
    non-null values as pandera calls them (calling a pandera ``Check`` costs about a millisecond
    whatever the column's length); any other check (a dataframe check) is called.  A check that raises is a
    failure for pandera to report."""
    try:
        if isinstance(data, pd.Series) and check.ignore_na and check.groupby is None and not check.element_wise:
            values = present if present is not None else data[data.notna()]
            if check.name in _BUILT_IN:
                return bool(_BUILT_IN[check.name](values, check.statistics).all()) if len(values) else True
            # a model's own check, applied as pandera applies it: to the non-null values at once
            out = check._check_fn(values, **check._check_kwargs)
            return bool(out.all()) if isinstance(out, pd.Series) else bool(out)
        return bool(check(data).check_passed)
    except Exception:  # noqa: BLE001 -- pandera reports what the check does with the data
        return False


def _str_length(values: pd.Series, stats: dict) -> pd.Series:
    lengths = values.str.len()
    if stats.get("exact_value") is not None:
        return lengths == stats["exact_value"]
    ok = pd.Series(True, index=values.index)
    if stats.get("min_value") is not None:
        ok &= lengths >= stats["min_value"]
    if stats.get("max_value") is not None:
        ok &= lengths <= stats["max_value"]
    return ok


# pandera's built-in checks (by ``Check.name``) on a column's non-null values, from their statistics
_BUILT_IN = {
    "greater_than_or_equal_to": lambda values, stats: values >= stats["min_value"],
    "less_than_or_equal_to": lambda values, stats: values <= stats["max_value"],
    "isin": lambda values, stats: values.isin(stats["allowed_values"]),
    "str_matches": lambda values, stats: values.str.match(stats["pattern"]).astype(bool),
    "str_length": _str_length,
}
