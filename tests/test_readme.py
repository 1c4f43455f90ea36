"""The README's dataset reference is generated from the pandera models: keep them in step."""

from pathlib import Path

from planuri.schemas.docs import datasets_markdown

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_documents_every_field_of_every_dataset():
    text = README.read_text(encoding="utf-8")
    start, end = "<!-- datasets:start -->\n", "<!-- datasets:end -->"
    block = text[text.index(start) + len(start): text.index(end)]
    assert block.strip() == datasets_markdown().strip(), (
        "README datasets section is stale: python -m planuri.schemas.docs, paste between the markers"
    )


def test_readme_starts_with_the_two_commands():
    head = README.read_text(encoding="utf-8").splitlines()[:4]
    assert any("make run" in line for line in head) and any("make test" in line for line in head)


def readme_query(name: str) -> str:
    text = README.read_text(encoding="utf-8")
    start, end = f"<!-- query:{name}:start -->", f"<!-- query:{name}:end -->"
    block = text[text.index(start) + len(start): text.index(end)]
    return block.strip().removeprefix("```sql").removesuffix("```").strip()


def test_readme_day_care_query_runs_over_a_pipeline_output(tmp_path):
    """The README's DuckDB query, run as written (output/ -> a run's folder) over the two
    social-services samples: every service whose hand-written code is a CZ (day-care) code."""
    import csv
    import json

    import duckdb

    from conftest import SAMPLE_FOLDERS, SAMPLES
    from planuri.cli import main

    folders = [f for f in SAMPLE_FOLDERS if (f / "expected" / "services.csv").exists()]
    out = tmp_path / "output"
    assert main(["run", *[str(f / f"{f.name}.docx") for f in folders], "--out", str(out), "--quiet"]) == 0
    rows = duckdb.sql(readme_query("day-care").replace("'output/", f"'{out}/")).fetchall()

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
