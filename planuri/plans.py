"""The forms of one plan in an output, compared: a form that gives fewer tables or rows than
most forms of the same plan lost some of them; one that gives more read some that are not there.

``samples/`` (and many council archives) hold one plan as DOCX, PDF, scan, .doc …; each is
its own document, and ``documents.plan_key`` ties them together.  After a run, every plan
held by two documents or more is looked at: a document whose count of tables, actions,
services or activities differs from the one most forms give (fewer: lost; more: over-read)
gets a ``forms-disagree`` warning in its ``issues`` (and its ``documents.n_issues`` counts
it); with no majority, each differing form is warned.  Run after every batch over the whole
output, so a form read later is compared with those already there; the warnings of an
earlier comparison are replaced, never added twice.

Before comparing, the ``text:`` keys (plans without act details) are joined: a ``text:`` key
hashes every letter, so a scan with one letter misread, or a form that lost a row, gets a key
of its own.  Documents whose letters are near-identical (``plan_key.same_plan``) take one key,
the smallest of theirs, with a ``plan-key-joined`` info issue naming the form they matched.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pyarrow.parquet as pq

from planuri.plan_key import SAME_PLAN, TEXT_COLUMNS, key_of_letters, same_plan, shingles, text_letters
from planuri.writer import PART, Output

CODE = "forms-disagree"
JOINED = "plan-key-joined"
MANAGED = (CODE, JOINED)  # the issue codes this module writes (and replaces) after every run
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
    twice or more is a key, with an empty list when it agrees).

    Each count is compared with the one most forms give: a form under it lost rows or tables, a
    form over it read some that are not there (a heading or a header row taken for a row, a cut
    row read twice).  When no count is given by more forms than any other (two forms, 30 and 31),
    nothing tells which is right, and every form differing from another is warned."""
    out: dict[str, list[dict]] = {}
    ok = documents[(documents["status"] == "ok") & documents["plan_key"].notna()]
    for _, forms in ok.groupby("plan_key"):
        if len(forms) < 2:
            continue
        records = forms.to_dict("records")
        for doc in records:
            out[doc["doc_id"]] = []
        for count in COUNTS:
            for doc, issue in count_disagreements(records, count):
                out[doc["doc_id"]].append(issue)
    return out


def count_disagreements(forms: list[dict], count: str):
    """(form, issue) for each form of one plan whose ``count`` is not the one most forms give."""
    tally = Counter(int(f[count]) for f in forms)
    if len(tally) < 2:
        return
    (top, votes), (_, runner_up) = tally.most_common(2)
    what = count.removeprefix("n_")
    for doc in forms:
        value = int(doc[count])
        if votes > runner_up:  # a majority: only the forms off it are wrong
            if value == top:
                continue
            other = next(f for f in forms if int(f[count]) == top)
            against = f"{top} in {votes} other form{'s' * (votes > 1)} of the same plan ({other['source_file']})"
            why = ("rows or tables were lost in this form" if value < top else
                   "this form read rows or tables the others do not have (a heading or header row taken "
                   "for a row, a row cut by a page read twice)")
        else:
            other = next(f for f in forms if int(f[count]) != value)
            top = int(other[count])
            against = f"{top} in another form of the same plan ({other['source_file']})"
            why = "no count is given by most forms, so either may be wrong"
        yield doc, dict(code=CODE, severity="warning", page=None, table_no=None, row_no=None,
                        message=f"{what}: {value} here, {against}: {why}", raw=f"{count}={value} vs {top}")


def joined_keys(letters: dict[str, str], source_files: dict[str, str]) -> dict[str, tuple[str, list[dict]]]:
    """doc_id -> (plan_key, issues) for documents with ``text:`` keys, given their letters: the
    documents whose letters are near-identical (transitively) share the smallest of their keys."""
    own = {d: key_of_letters(t) for d, t in letters.items() if t}
    grams = {d: shingles(letters[d]) for d in own}
    parent = {d: d for d in own}

    def root(d):
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    best: dict[str, tuple[float, str]] = {}
    order = sorted(own, key=lambda d: len(grams[d]))
    for i, a in enumerate(order):  # sorted by size: stop once b is too large for a to match
        for b in order[i + 1:]:
            if len(grams[a]) < SAME_PLAN * len(grams[b]):
                break
            score = same_plan(grams[a], grams[b])
            if score is None:
                continue
            parent[root(a)] = root(b)
            for x, y in ((a, b), (b, a)):
                if score > best.get(x, (0.0, ""))[0]:
                    best[x] = (score, y)
    groups: dict[str, list[str]] = {}
    for d in own:
        groups.setdefault(root(d), []).append(d)
    out = {}
    for members in groups.values():
        key = min(own[d] for d in members)
        for d in members:
            issues = []
            if own[d] != key:
                score, other = best[d]
                issues.append(dict(
                    code=JOINED, severity="info", page=None, table_no=None, row_no=None,
                    message=f"the text matches {score:.1%} of another form's ({source_files[other]}): "
                            f"plan_key set to the key of its plan's forms",
                    raw=f"{own[d]} -> {key}",
                ))
            out[d] = (key, issues)
    return out


def read_letters(output: Output, doc_id: str) -> str:
    frames = {}
    for dataset, column in TEXT_COLUMNS:
        try:
            frames[dataset] = _read(output, dataset, doc_id, columns=[column])
        except FileNotFoundError:
            continue
    return text_letters(frames)


def mark_disagreements(output: Output) -> int:
    """Join the ``text:`` keys of near-identical forms, compare the forms of every plan in ``output``,
    and rewrite the ``issues`` (then the ``documents``) partition of each document whose plan key or
    warnings change.  Returns the ``forms-disagree`` warnings."""
    documents = read_documents(output)
    drafts = documents[(documents["status"] == "ok") & documents["plan_key"].fillna("").str.startswith("text:")]
    joined = joined_keys({d: read_letters(output, d) for d in drafts["doc_id"]},
                         dict(zip(documents["doc_id"], documents["source_file"])))
    documents["plan_key"] = [joined[d][0] if d in joined else k for d, k in zip(documents["doc_id"], documents["plan_key"])]
    wanted = {d: list(issues) for d, (_, issues) in joined.items()}
    warned = disagreements(documents)
    for doc_id, issues in warned.items():
        wanted.setdefault(doc_id, []).extend(issues)
    keys = dict(zip(documents["doc_id"], documents["plan_key"]))
    for doc_id, issues in wanted.items():
        rewrite(output, doc_id, issues, keys[doc_id])
    return sum(len(i) for i in warned.values())


def rewrite(output: Output, doc_id: str, issues: list[dict], plan_key: str | None) -> None:
    """Give one document the managed ``issues`` and ``plan_key`` wanted, writing only what changes."""
    old = _read(output, "issues", doc_id)
    managed = old["code"].isin(MANAGED)
    documents = _read(output, "documents", doc_id)
    if _same(old[managed], issues) and documents["plan_key"].iloc[0] == plan_key:
        return
    kept = old[~managed]
    new = pd.concat([kept, pd.DataFrame([dict(i, doc_id=doc_id) for i in issues], columns=old.columns)],
                    ignore_index=True) if issues else kept
    documents["n_issues"] = len(new)
    documents["plan_key"] = plan_key
    output.write_partition("issues", doc_id, new.astype(old.dtypes.to_dict()) if len(new) else new)
    output.write_partition("documents", doc_id, documents)


def _read(output: Output, dataset: str, doc_id: str, columns: list[str] | None = None) -> pd.DataFrame:
    path = output.path(dataset, f"doc_id={doc_id}", PART)
    with output.fs.open(path, "rb") as f:
        frame = pq.read_table(f, columns=columns).to_pandas()
    if "doc_id" not in frame:
        frame.insert(0, "doc_id", doc_id)
    return frame


def _same(old: pd.DataFrame, issues: list[dict]) -> bool:
    return sorted(zip(old["code"], old["message"])) == sorted((i["code"], i["message"]) for i in issues)


