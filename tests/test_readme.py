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
