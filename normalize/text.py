"""Cell text -> canonical field text.

The lines of a cell (DOCX paragraphs, PDF visual lines, pieces of a row cut by
a page break) are joined into one line: a soft wrap becomes a space, a word
cut by a hyphen at a line end is rejoined.  The text is otherwise kept as
written (NFC, comma-below ș ț).
"""

from __future__ import annotations

import re
from typing import Iterable

from planuri.ro_text import clean, collapse

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_TAIL = re.compile(r"([^\W\d_]+)-$", re.UNICODE)
_HEAD = re.compile(r"^([^\W\d_]+)", re.UNICODE)


def document_words(texts: Iterable[str]) -> frozenset[str]:
    """Lower-cased words written whole (not cut at a line end) anywhere in the document.

    Used to decide whether ``imple-`` + ``mentare`` is one word hyphenated by the
    layout (``implementare`` occurs elsewhere) or a compound (``socio-psiho``).
    """
    words: set[str] = set()
    for text in texts:
        for line in text.split("\n"):
            body = line[:-1] if line.endswith("-") else line
            words.update(w.lower() for w in _WORD.findall(body))
            # compounds also count by their parts (nou-create -> nou, create)
            words.update(p.lower() for w in _WORD.findall(body) for p in w.split("-"))
    return frozenset(words)


def join_lines(text: str, words: frozenset[str] = frozenset()) -> str:
    """Join the lines of a cell into one line of text.

    A line ending in a hyphen right after a letter, followed by a line starting with a
    letter, continues the same word: the hyphen is kept (``nou-`` + ``create``) unless the
    word without it is written whole elsewhere in the document and the hyphenated form is
    not (``nonguverna-`` + ``mentale``).  Every other line break is a space.
    """
    lines = [ln.strip() for ln in clean(text).split("\n")]
    lines = [ln for ln in lines if ln]
    if not lines:
        return ""
    out = lines[0]
    for line in lines[1:]:
        if out[-1] in "-–" and len(out) > 1 and not out[-2].isspace() and line[0].isalnum():
            tail, head = _TAIL.search(out), _HEAD.match(line)
            if tail and head and _dehyphenate(tail.group(1), head.group(1), words):
                out = out[:-1] + line
            else:
                out = out + line
        else:
            out = f"{out} {line}"
    return collapse(out)


def _dehyphenate(left: str, right: str, words: frozenset[str]) -> bool:
    whole = (left + right).lower()
    return whole in words and f"{left}-{right}".lower() not in words


def field_text(text: str | None, words: frozenset[str] = frozenset()) -> str | None:
    """Canonical text of a field, None when empty."""
    if text is None:
        return None
    joined = join_lines(text, words)
    return joined or None
