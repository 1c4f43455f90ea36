"""The datasets' reference, generated from the pandera models: every field in ``docs/datasets.md``
(from each field's ``description``), and the README's list of datasets (from each model's docstring,
between its ``<!-- datasets:start -->`` and ``<!-- datasets:end -->`` markers).

``python -m planuri.schemas.docs --write`` rewrites both; without ``--write`` it prints the page.  Edit a
model, never the generated text: tests/test_readme.py checks that both are what the models generate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .datasets import DATASETS
from .frames import arrow_schema

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "datasets.md"
README = ROOT / "README.md"
BRIEF_START, BRIEF_END = "<!-- datasets:start -->\n", "<!-- datasets:end -->"
COMMAND = "python -m planuri.schemas.docs --write"


def datasets_markdown(level: int = 2) -> str:
    """Every dataset: its model's docstring, then one table row per field (type, nullability, description)."""
    out = []
    for name, model in DATASETS.items():
        schema = model.to_schema()
        types = {f.name: str(f.type) for f in arrow_schema(name)}
        out.append(f"{'#' * level} `{name}`\n\n{(model.__doc__ or '').strip()}\n")
        out.append("| field | type | null | description |\n|---|---|---|---|")
        for col, spec in schema.columns.items():
            desc = (spec.description or "").replace("|", "\\|")
            out.append(f"| `{col}` | {types[col]} | {'yes' if spec.nullable else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def datasets_page() -> str:
    """The whole of ``docs/datasets.md``."""
    return (
        "# Datasets: every field\n\n"
        f"<!-- generated from the pandera models (schemas/datasets.py) by `{COMMAND}`: do not edit -->\n\n"
        "How the datasets are laid out and joined, and the issue codes: [README](../README.md#datasets).  "
        "How the parsed fields are read: [parsed values](parsed-values.md).  "
        "Each parquet file's schema carries these descriptions in its field metadata.\n\n"
        + datasets_markdown()
    )


def datasets_brief() -> str:
    """The README's list of datasets: one line each, linking to its fields in docs/datasets.md."""
    rows = ["| dataset | what it holds |", "|---|---|"]
    for name, model in DATASETS.items():
        doc = " ".join((model.__doc__ or "").split()).replace("|", "\\|")
        rows.append(f"| [`{name}`](docs/datasets.md#{name}) | {doc} |")
    return "\n".join(rows) + "\n"


def readme_with_brief(text: str) -> str:
    """The README's text with its datasets block replaced by ``datasets_brief()``."""
    start, end = text.index(BRIEF_START) + len(BRIEF_START), text.index(BRIEF_END)
    return text[:start] + datasets_brief() + text[end:]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--write"]:
        PAGE.write_text(datasets_page(), encoding="utf-8")
        README.write_text(readme_with_brief(README.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"wrote {PAGE} and the datasets block of {README}")
        return 0
    if argv:
        print(f"usage: {COMMAND.removesuffix(' --write')} [--write]", file=sys.stderr)
        return 2
    print(datasets_page(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
