"""The datasets' reference, in Markdown, from the models' field descriptions.

``python -m planuri.schemas.docs`` prints it; the README carries it (a test checks they agree).
"""

from __future__ import annotations

from .datasets import DATASETS
from .frames import arrow_schema


def datasets_markdown() -> str:
    out = []
    for name, model in DATASETS.items():
        schema = model.to_schema()
        types = {f.name: str(f.type) for f in arrow_schema(name)}
        out.append(f"#### `{name}`\n\n{(model.__doc__ or '').strip()}\n")
        out.append("| field | type | null | description |\n|---|---|---|---|")
        for col, spec in schema.columns.items():
            desc = (spec.description or "").replace("|", "\\|")
            out.append(f"| `{col}` | {types[col]} | {'yes' if spec.nullable else 'no'} | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    print(datasets_markdown(), end="")
