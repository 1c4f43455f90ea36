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
        warned = issues[issues["code"] == "forms-disagree"].set_index("doc_id")
        cut, whole = docs.loc[str(tmp_path / "cut.docx")], docs.loc[str(full)]
        # two forms: nothing tells which one is right, so each is warned once, naming the other
        assert sorted(warned.index) == sorted([cut["doc_id"], whole["doc_id"]])
        assert warned.loc[cut["doc_id"], "message"].startswith(f"actions: {whole['n_actions'] - 3} here")
        assert "full.docx" in warned.loc[cut["doc_id"], "message"]
        assert "cut.docx" in warned.loc[whole["doc_id"], "message"]
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
    assert [i["raw"] for i in found["a"]] == ["n_tables=2 vs 3"]
    assert [i["raw"] for i in found["b"]] == ["n_tables=3 vs 2"]


def form(doc_id, n_actions, n_services=0):
    return dict(doc_id=doc_id, plan_key="k", status="ok", source_file=f"{doc_id}.pdf", n_tables=1,
                n_actions=n_actions, n_services=n_services, n_activities=0)


def test_the_count_most_forms_give_is_the_reference_and_only_forms_off_it_are_warned():
    found = disagreements(pd.DataFrame([form("docx", 30), form("pdf", 30), form("scan", 31), form("odt", 29)]))
    assert found["docx"] == [] and found["pdf"] == []
    assert [i["raw"] for i in found["scan"]] == ["n_actions=31 vs 30"]
    assert "read rows or tables the others do not have" in found["scan"][0]["message"]
    assert [i["raw"] for i in found["odt"]] == ["n_actions=29 vs 30"]
    assert "lost" in found["odt"][0]["message"] and "2 other forms" in found["odt"][0]["message"]
    # each count on its own: services over-read by two forms out of five, actions all equal
    found = disagreements(pd.DataFrame([form(d, 10, s) for d, s in
                                        [("a", 8), ("b", 8), ("c", 8), ("d", 10), ("e", 10)]]))
    assert {d: [i["raw"] for i in v] for d, v in found.items()} == {
        "a": [], "b": [], "c": [], "d": ["n_services=10 vs 8"], "e": ["n_services=10 vs 8"]}


def test_near_identical_drafts_share_the_smallest_key_and_a_different_plan_keeps_its_own():
    import random

    from planuri.plan_key import key_of_letters
    from planuri.plans import JOINED, joined_keys

    rng = random.Random(7)
    words = ["actiuni", "servicii", "primaria", "informare", "copii", "familii", "centru", "anual", "dezvoltare"]
    base = "".join(rng.choice(words) + str(rng.randint(0, 99)) for _ in range(400))
    misread = list(base)
    for i in rng.sample(range(len(base)), 12):  # a scan: twelve letters read wrong
        misread[i] = "x"
    misread = "".join(misread)
    shorter = base[: int(len(base) * 0.9)]  # a form that lost its last rows
    other = "".join(rng.choice(words) + str(rng.randint(0, 99)) for _ in range(400))
    letters = {"docx": base, "scan": misread, "cut": shorter, "other": other, "empty": ""}
    files = {d: f"{d}.pdf" for d in letters}
    got = joined_keys(letters, files)
    same = min(key_of_letters(t) for t in (base, misread, shorter))
    assert {d: k for d, (k, _) in got.items()} == {"docx": same, "scan": same, "cut": same,
                                                    "other": key_of_letters(other)}
    for d in ("docx", "scan", "cut"):
        issues = got[d][1]
        if key_of_letters(letters[d]) == same:
            assert issues == []
        else:
            [issue] = issues
            assert issue["code"] == JOINED and issue["severity"] == "info" and ".pdf" in issue["message"]
            assert issue["raw"] == f"{key_of_letters(letters[d])} -> {same}"
    assert got["other"][1] == []


def test_a_draft_scanned_or_cut_joins_its_plan_and_is_compared_with_it(tmp_path):
    """A plan without act details (text: key): a copy with a letter changed and rows lost is
    the same plan -- one plan_key, a plan-key-joined note and a forms-disagree warning; a second
    run changes nothing."""
    folder = next(f for f in SAMPLE_FOLDERS if f.name.startswith("003"))
    full = tmp_path / "full.docx"
    shutil.copy(folder / f"{folder.name}.docx", full)
    document = docx.Document(str(full))
    table = max((t for t in document.tables if t.rows[0].cells[0].text.startswith("Măsur")), key=lambda t: len(t.rows))
    for row in table.rows[-2:]:
        row._tr.getparent().remove(row._tr)
    action = table.rows[len(table.rows) // 2].cells[1]  # the Acțiuni column
    run = next(r for p in action.paragraphs for r in p.runs if len(r.text) > 3)
    run.text = "Q" + run.text[1:]  # one letter misread
    document.save(str(tmp_path / "cut.docx"))
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["run", str(full), str(tmp_path / "cut.docx"), "--out", str(out), "--quiet"]) == 0
        docs = read(out, "documents").set_index("source_file")
        assert docs["plan_key"].nunique() == 1 and docs["plan_key"].iloc[0].startswith("text:")
        issues = read(out, "issues")
        cut = docs.loc[str(tmp_path / "cut.docx"), "doc_id"]
        codes = issues[issues["code"].isin(["plan-key-joined", "forms-disagree"])]
        # the form whose own key is the larger is the one joined: either may be
        # two forms and no majority: each is warned, the cut one that it has fewer actions
        assert sorted(codes["code"]) == ["forms-disagree", "forms-disagree", "plan-key-joined"]
        warned = codes[codes["code"] == "forms-disagree"].set_index("doc_id")
        assert set(warned.index) == set(docs["doc_id"])
        assert warned.loc[cut, "raw"].startswith("n_actions=")
        counted = issues.groupby("doc_id").size()
        assert all(counted.get(d["doc_id"], 0) == d["n_issues"] for _, d in docs.iterrows())
