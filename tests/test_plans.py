"""Forms of one plan compared after a run (planuri/plans.py): a form that lost rows is warned."""

from __future__ import annotations

import shutil

import docx
import pandas as pd

from conftest import SAMPLE_FOLDERS
from planuri.cli import main
from planuri.plans import disagreements


def read(out, dataset):
    return pd.read_parquet(out / dataset)


def test_a_form_that_lost_rows_is_warned_once_and_counted(tmp_path):
    folder = next(f for f in SAMPLE_FOLDERS if f.name.startswith("002"))
    full = tmp_path / "full.docx"
    shutil.copy(folder / f"{folder.name}.docx", full)
    document = docx.Document(str(full))
    table = max(document.tables, key=lambda t: len(t.rows))
    for row in table.rows[-3:]:  # the same decision (same act, same plan_key) with three rows lost
        row._tr.getparent().remove(row._tr)
    document.save(str(tmp_path / "cut.docx"))
    out = tmp_path / "out"
    for _ in range(2):  # the second run reads nothing again and adds no warning twice
        assert main(["run", str(full), str(tmp_path / "cut.docx"), "--out", str(out), "--quiet"]) == 0
        docs = read(out, "documents").set_index("source_file")
        assert docs["plan_key"].nunique() == 1
        issues = read(out, "issues")
        warned = issues[issues["code"] == "forms-disagree"]
        cut = docs.loc[str(tmp_path / "cut.docx")]
        assert len(warned) == 1 and (warned["doc_id"] == cut["doc_id"]).all()
        assert "actions:" in warned["message"].iloc[0] and "full.docx" in warned["message"].iloc[0]
        counted = issues.groupby("doc_id").size()
        assert all(counted.get(d["doc_id"], 0) == d["n_issues"] for _, d in docs.iterrows())


def test_forms_that_agree_or_stand_alone_raise_nothing():
    docs = pd.DataFrame([
        dict(doc_id="a", plan_key="k1", status="ok", source_file="a.docx", n_tables=2, n_actions=10, n_services=0, n_activities=0),
        dict(doc_id="b", plan_key="k1", status="ok", source_file="a.pdf", n_tables=2, n_actions=10, n_services=0, n_activities=0),
        dict(doc_id="c", plan_key="k2", status="ok", source_file="c.pdf", n_tables=1, n_actions=3, n_services=0, n_activities=0),
        dict(doc_id="d", plan_key="k2", status="failed", source_file="c.doc", n_tables=0, n_actions=0, n_services=0, n_activities=0),
    ])
    assert disagreements(docs) == {"a": [], "b": []}
    docs.loc[1, "n_tables"] = 3
    found = disagreements(docs)
    assert [i["raw"] for i in found["a"]] == ["n_tables=2 vs 3"] and found["b"] == []
