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


def day_care_expected(folders) -> list[tuple]:
    """(issuer, kind, code, name) of every service whose hand-written code is a CZ (day-care) code, from
    the transcriptions (expected/services.csv) and the hand-parsed codes (samples/expected_values)."""
    import csv
    import json

    from conftest import SAMPLES

    with (SAMPLES / "expected_values" / "service_codes.csv").open(encoding="utf-8") as f:
        codes = {r["text"]: r["service_code"] for r in csv.DictReader(f)}
    want = []
    for folder in folders:
        if not (folder / "expected" / "services.csv").exists():
            continue
        issuer = json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))["issuer"]
        with (folder / "expected" / "services.csv").open(encoding="utf-8") as f:
            for s in csv.DictReader(f):
                code = codes[s["service_code"] or s["service_name"]]
                if " CZ-" in code:
                    want.append((issuer, s["kind"], code, s["service_name"]))
    return sorted(want)


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


def bălți_expected_totals(folders) -> dict[tuple, float]:
    """What the Bălți council's plans among ``folders`` spend, by (funding source, year, currency)."""
    import json
    from collections import defaultdict

    want = defaultdict(float)
    for folder in folders:  # the query's issuer: 000 and 002 (001 names none)
        if json.loads((folder / "expected" / "document.json").read_text(encoding="utf-8"))["issuer"] != \
                "Consiliul municipal Bălți":
            continue
        for source, year, currency, amount in bălți_expected_costs(folder):
            want[source, year, currency] += amount
    return dict(want)


def run_query(name: str, out: Path) -> list[tuple]:
    """A query of the README or docs/, as written, over the output folder ``out`` (for ``output/``)."""
    import duckdb

    page = {"count": README, "costs": DOCS / "parsed-values.md", "day-care": DOCS / "social-services.md"}[name]
    return duckdb.sql(docs_query(name, page).replace("'output/", f"'{out}/")).fetchall()
