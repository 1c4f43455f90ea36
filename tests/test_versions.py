"""The same plan in several forms or versions: documents.plan_key groups the forms of one plan; a file
changed under the same path replaces its old rows, unless --keep-versions."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

from conftest import SAMPLE_FOLDERS
from planuri.cli import main
from planuri.pipeline import process_file
from planuri.plan_key import act_key, plan_key, text_key


def sample(n: int, suffix: str = ".docx"):
    return SAMPLE_FOLDERS[n] / f"{SAMPLE_FOLDERS[n].name}{suffix}"


def test_act_key_ignores_case_diacritics_and_spacing():
    day = datetime.date(2022, 12, 22)
    a = act_key("Consiliul municipal Bălți", "19/27", day)
    assert a.startswith("act:")
    assert act_key("CONSILIUL  MUNICIPAL BALTI", "19 / 27", day) == a
    assert act_key("Consiliul municipal Bălți", "19/28", day) != a
    assert act_key("Consiliul municipal Bălți", "19/27", datetime.date(2022, 12, 23)) != a
    assert act_key("Consiliul municipal Bălți", None, day) is None  # a draft: no number


def test_text_key_ignores_line_breaks_hyphenation_and_case():
    one = {"actions": pd.DataFrame({"action": ["Elaborarea plan-\nului de acțiuni", "Monitorizarea"]})}
    two = {"actions": pd.DataFrame({"action": ["ELABORAREA planului de actiuni", "Monitorizarea "]})}
    other = {"actions": pd.DataFrame({"action": ["Elaborarea planului de acțiuni", "Evaluarea"]})}
    assert text_key(one) == text_key(two) != text_key(other)
    assert text_key({"actions": pd.DataFrame({"action": []})}) is None
    assert plan_key({"issuer": "X", "act_number": None, "act_date": None}, one) == text_key(one)


@pytest.mark.parametrize("n", [0, 2, 4])
def test_the_docx_and_the_pdf_of_a_plan_share_its_key(n):
    keys = [process_file(sample(n, s)).frames["documents"].iloc[0]["plan_key"] for s in (".docx", ".pdf")]
    assert keys[0] is not None and keys[0] == keys[1]


def test_plans_differ_and_a_numbered_act_gets_an_act_key():
    docs = [process_file(sample(n)).frames["documents"].iloc[0] for n in range(len(SAMPLE_FOLDERS))]
    keys = [d["plan_key"] for d in docs]
    assert len(set(keys)) == len(keys)
    for d in docs:
        has_act = pd.notna(d["issuer"]) and pd.notna(d["act_number"]) and pd.notna(d["act_date"])
        assert d["plan_key"].startswith("act:" if has_act else "text:")
    assert any(k.startswith("act:") for k in keys) and any(k.startswith("text:") for k in keys)


def partitions(out, doc_id):
    return sorted(p.parent.name for p in out.glob(f"*/doc_id={doc_id}/part-0.parquet"))


def test_a_file_changed_under_the_same_path_replaces_its_rows(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan = inputs / "plan.docx"
    plan.write_bytes(sample(1).read_bytes())
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 0
    [old] = pd.read_parquet(out / "documents")["doc_id"].astype(str)
    assert partitions(out, old)

    plan.write_bytes(sample(0).read_bytes())  # a new version saved over the old one
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 0
    docs = pd.read_parquet(out / "documents")
    [new] = docs["doc_id"].astype(str)
    assert new != old and docs.iloc[0]["source_file"] == str(plan)
    assert not list(out.glob(f"*/doc_id={old}"))  # every dataset's old partition is gone
    actions = pd.read_parquet(out / "actions")
    assert set(actions["doc_id"].astype(str)) == {new} and len(actions) == docs.iloc[0]["n_actions"]


def test_keep_versions_keeps_the_old_rows(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan = inputs / "plan.docx"
    plan.write_bytes(sample(1).read_bytes())
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 0
    plan.write_bytes(sample(0).read_bytes())
    assert main(["run", str(inputs), "--out", str(out), "--quiet", "--keep-versions"]) == 0
    docs = pd.read_parquet(out / "documents")
    assert len(docs) == 2 and set(docs["source_file"]) == {str(plan)}
    assert len(set(pd.read_parquet(out / "actions")["doc_id"].astype(str))) == 2


def test_an_old_version_still_held_by_another_file_is_kept(tmp_path):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    plan = inputs / "a.docx"
    plan.write_bytes(sample(1).read_bytes())
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 0
    (inputs / "b.docx").write_bytes(sample(1).read_bytes())  # the old content, under another name
    plan.write_bytes(sample(0).read_bytes())
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 0
    assert len(pd.read_parquet(out / "documents")) == 2
