"""Input paths -> the document files to process."""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf")


class InputError(Exception):
    """A path given on the command line does not exist or holds no document."""


def is_candidate(path: Path) -> bool:
    name = path.name
    return path.suffix.lower() in SUFFIXES and not name.startswith(("~$", ".")) and path.is_file()


def discover(paths: list[str | Path]) -> list[Path]:
    """Files named directly are taken whatever their extension; folders are searched
    recursively for .pdf, .docx, .doc, .odt and .rtf files (Word lock files and hidden files skipped,
    symlinked folders not followed, so a symlink loop cannot hang the search)."""
    found: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"no such file or folder: {raw}")
        if path.is_file():
            candidates = [path]
        else:
            candidates = []
            for root, dirs, files in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                candidates.extend(Path(root, f) for f in sorted(files))
            candidates = [p for p in candidates if is_candidate(p)]
        for p in candidates:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                found.append(p)
    return found
