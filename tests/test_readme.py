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
