"""The forms of one plan in an output, compared: a form that gives fewer tables or rows than
another form of the same plan lost some of them.

``samples/`` (and many council archives) hold one plan as DOCX, PDF, scan, .doc …; each is
its own document, and ``documents.plan_key`` ties them together.  After a run, every plan
held by two documents or more is looked at: a document whose count of tables, actions,
services or activities is under another form's gets a ``forms-disagree`` warning in its
``issues`` (and its ``documents.n_issues`` counts it).  Run after every batch over the whole
output, so a form read later is compared with those already there; the warnings of an
earlier comparison are replaced, never added twice.
"""

from __future__ import annotations


import pandas as pd
import pyarrow.parquet as pq

from planuri.writer import PART, Output

CODE = "forms-disagree"
COUNTS = ("n_tables", "n_actions", "n_services", "n_activities")  # what a form must not lose
COLUMNS = ["doc_id", "plan_key", "status", "source_file", *COUNTS]


def read_documents(output: Output) -> pd.DataFrame:
    rows = []
    for path in output.fs.glob(output.path("documents", "doc_id=*", PART)):
        with output.fs.open(path, "rb") as f:
            table = pq.read_table(f)
        doc_id = path.rsplit("doc_id=", 1)[1].split("/", 1)[0]
        rows += [dict({k: r.get(k) for k in COLUMNS}, doc_id=doc_id) for r in table.to_pylist()]
    return pd.DataFrame(rows, columns=COLUMNS)


def disagreements(documents: pd.DataFrame) -> dict[str, list[dict]]:
    """doc_id -> the ``forms-disagree`` issues it should carry (every document of a plan held
    twice or more is a key, with an empty list when it agrees)."""
    out: dict[str, list[dict]] = {}
    ok = documents[(documents["status"] == "ok") & documents["plan_key"].notna()]
    for _, forms in ok.groupby("plan_key"):
        if len(forms) < 2:
            continue
        for doc in forms.to_dict("records"):
            out[doc["doc_id"]] = []
            for count in COUNTS:
                best = forms.loc[forms[count].idxmax()]
                if doc[count] < best[count]:
                    out[doc["doc_id"]].append(dict(
                        code=CODE, severity="warning", page=None, table_no=None, row_no=None,
                        message=f"{count.removeprefix('n_')}: {doc[count]} here, {best[count]} in another form of "
                                f"the same plan ({best['source_file']}): rows or tables were lost in this form",
                        raw=f"{count}={doc[count]} vs {best[count]}",
                    ))
    return out


def mark_disagreements(output: Output) -> int:
    """Compare the forms of every plan in ``output`` and rewrite the ``issues`` (then the
    ``documents``) partition of each document whose warnings change.  Returns the warnings."""
    wanted = disagreements(read_documents(output))
    written = 0
    for doc_id, issues in wanted.items():
        written += len(issues)
        old = _read(output, "issues", doc_id)
        kept = old[old["code"] != CODE] if len(old) else old
        if len(old) - len(kept) == len(issues) and _same(old[old["code"] == CODE] if len(old) else old, issues):
            continue
        new = pd.concat([kept, pd.DataFrame([dict(i, doc_id=doc_id) for i in issues], columns=old.columns)],
                        ignore_index=True) if issues else kept
        documents = _read(output, "documents", doc_id)
        documents["n_issues"] = len(new)
        output.write_partition("issues", doc_id, new.astype(old.dtypes.to_dict()) if len(new) else new)
        output.write_partition("documents", doc_id, documents)
    return written


def _read(output: Output, dataset: str, doc_id: str) -> pd.DataFrame:
    path = output.path(dataset, f"doc_id={doc_id}", PART)
    with output.fs.open(path, "rb") as f:
        frame = pq.read_table(f).to_pandas()
    if "doc_id" not in frame:
        frame.insert(0, "doc_id", doc_id)
    return frame


def _same(old: pd.DataFrame, issues: list[dict]) -> bool:
    return sorted(old["message"].tolist()) == sorted(i["message"] for i in issues)


