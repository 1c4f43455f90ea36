"""The stages import downwards only: extract <- normalize <- schemas <- planuri (orchestration).

extract/ reads files and knows nothing of the canonical fields; normalize/ reads extract's
blocks; schemas/ guards frames; planuri/ (pipeline, batch, CLI, writer) sits on top.  No module
of a stage imports from a stage above it, so each can be changed, tested and reused alone."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# the planuri.* packages each stage may import
ALLOWED = {
    "extract": {"extract"},
    "normalize": {"extract", "normalize"},
    "schemas": {"schemas"},
}


def imported(path: Path, package: str) -> set[str]:
    """The planuri sub-packages a module imports (relative imports resolved)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                out.add(package)
            elif node.level == 2:
                out.update(f"{alias.name}" for alias in node.names) if node.module is None else out.add(node.module)
            elif node.module and node.module.startswith("planuri"):
                parts = node.module.split(".")
                out.add(parts[1] if len(parts) > 1 else "planuri")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("planuri"):
                    parts = alias.name.split(".")
                    out.add(parts[1] if len(parts) > 1 else "planuri")
    return out


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_a_stage_imports_nothing_above_it(stage):
    wrong = {}
    for path in sorted((ROOT / stage).rglob("*.py")):
        above = imported(path, stage) - ALLOWED[stage]
        if above:
            wrong[str(path.relative_to(ROOT))] = sorted(above)
    assert not wrong, f"imports pointing up: {wrong}"


def private_imports(path: Path) -> list[str]:
    """Names starting with an underscore a module imports from another module (``from .x import _rows``)."""
    return [f"{node.module or '.'}.{alias.name}" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.ImportFrom) and node.module != "__future__"
            for alias in node.names if alias.name.startswith("_") and not alias.name.endswith("__")]


def test_no_module_imports_another_modules_private_names():
    """A private name is free to change inside its module: one imported elsewhere is public in fact."""
    wrong = {str(p.relative_to(ROOT)): private_imports(p)
             for stage in ("extract", "normalize", "schemas", "planuri") for p in sorted((ROOT / stage).rglob("*.py"))
             if private_imports(p)}
    assert not wrong, f"private names imported across modules: {wrong}"
