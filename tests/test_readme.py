"""The README and docs/: the dataset reference is generated from the pandera models and kept in step,
every link between the pages resolves, and the queries they show run."""

import re
from pathlib import Path

from planuri.schemas.docs import BRIEF_END, BRIEF_START, datasets_brief, datasets_page

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def test_docs_datasets_is_what_the_models_generate():
    assert (DOCS / "datasets.md").read_text(encoding="utf-8") == datasets_page(), (
        "docs/datasets.md is stale: python -m planuri.schemas.docs --write"
    )


def test_readme_lists_every_dataset_as_the_models_do():
    text = README.read_text(encoding="utf-8")
    block = text[text.index(BRIEF_START) + len(BRIEF_START): text.index(BRIEF_END)]
    assert block == datasets_brief(), "README datasets block is stale: python -m planuri.schemas.docs --write"


def slug(heading: str) -> str:
    """GitHub's anchor of a Markdown heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r"^#+ (.+)$", text, flags=re.M)}


def test_every_link_between_the_readme_and_docs_resolves():
    pages = [README, *sorted(DOCS.glob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            file, _, anchor = target.partition("#")
            path = (page.parent / file).resolve() if file else page
            if not path.exists() or (anchor and path.suffix == ".md" and anchor not in anchors(path)):
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert not broken


def test_the_readme_links_every_docs_page():
    text = README.read_text(encoding="utf-8")
    assert [p.name for p in sorted(DOCS.glob("*.md")) if f"(docs/{p.name})" not in text] == []


def test_readme_starts_with_the_two_commands():
    head = README.read_text(encoding="utf-8").splitlines()[:4]
    assert any("make run" in line for line in head) and any("make test" in line for line in head)


def docs_query(name: str, page: Path = DOCS / "social-services.md") -> str:
    text = page.read_text(encoding="utf-8")
    start, end = f"<!-- query:{name}:start -->", f"<!-- query:{name}:end -->"
    block = text[text.index(start) + len(start): text.index(end)]
    return block.strip().removeprefix("```sql").removesuffix("```").strip()


def test_readme_day_care_query_runs_over_a_pipeline_output(tmp_path):
    """The DuckDB query of docs/social-services.md, run as written (output/ -> a run's folder) over the two
    social-services samples: every service whose hand-written code is a CZ (day-care) code."""
    import csv
    import json

    import duckdb

    from conftest import SAMPLE_FOLDERS, SAMPLES
    from planuri.cli import main

    folders = [f for f in SAMPLE_FOLDERS if (f / "expected" / "services.csv").exists()]
    out = tmp_path / "output"
    assert main(["run", *[str(f / f"{f.name}.docx") for f in folders], "--out", str(out), "--quiet"]) == 0
    rows = duckdb.sql(docs_query("day-care").replace("'output/", f"'{out}/")).fetchall()

    with (SAMPLES / "expected_values" / "service_codes.csv").open(encoding="utf-8") as f:
        codes = {r["text"]: r["service_code"] for r in csv.DictReader(f)}
    want = []
    for folder in folders:
        issuer = json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))["issuer"]
        with (folder / "expected" / "services.csv").open(encoding="utf-8") as f:
            for s in csv.DictReader(f):
                code = codes[s["service_code"] or s["service_name"]]
                if " CZ-" in code:
                    want.append((issuer, s["kind"], code, s["service_name"]))
    assert sorted((r[0], r[1], r[2], r[3]) for r in rows) == sorted(want)
    assert len(rows) == 17  # 15 in the Bacău report, 2 in the Bălești plan
    daniel = [r for r in rows if r[3].startswith("CENTRUL DE RECUPERARE DANIEL") and r[1] == "subsidized"]
    assert [(r[4], r[5]) for r in daniel] == [(25.0, 52500.0)]


def bălți_expected_costs(folder) -> list[tuple]:
    """(funding source, year, currency, amount) of each cost of a plan stated as a value,
    from its transcription (expected/) and the hand-parsed values (samples/expected_values)."""
    import csv
    import json
    from collections import defaultdict

    from conftest import SAMPLES

    def table(name):
        rows = defaultdict(list)
        with (SAMPLES / "expected_values" / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows[r["text"]].append(r)  # a cell stating several amounts (a) …; b) …) has a row each
        return rows

    amounts, deadlines = table("amounts.csv"), table("deadlines.csv")
    doc = json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))
    with (folder / "expected" / "actions.csv").open(encoding="utf-8") as f:
        actions = {(r["table_no"], r["row_no"]): r for r in csv.DictReader(f)}
    out = []
    with (folder / "expected" / "costs.csv").open(encoding="utf-8") as f:
        for c in csv.DictReader(f):
            [deadline] = deadlines[actions[c["table_no"], c["row_no"]]["deadline"]]
            year = int(deadline["deadline_start"]) if deadline["deadline_start"] else (
                doc["plan_period_start"] if deadline["year_from_plan"] == "yes" else None)
            out += [(c["funding_source"], year, a["currency"], float(a["amount_value"]))
                    for a in amounts[c["amount"]] if a["amount_kind"] == "value"]
    return out


def test_readme_count_and_cost_queries_give_the_plans_figures_over_every_form(tmp_path):
    """The README's queries over a run holding each Bălți plan in three forms (DOCX, ruled PDF,
    borderless PDF; each its own doc_id, one plan_key): the actions counted once per plan, and
    what Bălți plans to spend -- by funding source, year and currency -- as the plans state it."""
    from collections import defaultdict

    import duckdb

    from conftest import SAMPLE_FOLDERS
    from planuri.cli import main

    folders = [f for f in SAMPLE_FOLDERS if f.name[:3] in ("000", "001", "002")]
    files = [f / f"{f.name}{suffix}" for f in folders for suffix in (".docx", ".pdf", "-borderless.pdf")]
    out = tmp_path / "output"
    assert main(["run", *map(str, files), "--out", str(out), "--quiet"]) == 0

    def run(name):
        page = {"count": README, "costs": DOCS / "parsed-values.md"}[name]
        return duckdb.sql(docs_query(name, page).replace("'output/", f"'{out}/")).fetchall()

    import json
    want_actions = sum(json.loads((f / "expected" / "document.json").read_text(encoding="utf-8"))["n_actions"]
                       for f in folders)
    assert run("count") == [(want_actions,)]

    want = defaultdict(float)
    for folder in folders:  # the query's issuer: 000 and 002 (001 names none)
        if json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))["issuer"] != \
                "Consiliul municipal Bălți":
            continue
        for source, year, currency, amount in bălți_expected_costs(folder):
            want[source, year, currency] += amount
    got = {(r[0], r[1], r[2]): r[3] for r in run("costs")}
    assert got == dict(want)
    assert sum(got.values()) > 0
