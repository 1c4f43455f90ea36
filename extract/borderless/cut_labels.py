"""Header labels a narrow cell cut inside a word, read with the word glued back.

A borderless header's label in a narrow column wraps inside words with no hyphen (``Term`` /
``ene`` / ``de``, ``SURS`` / ``A DE`` / ``FINA`` / ``NȚARE``); read as its lines stand it names no
field.  ``cut_word_readings`` gives the readings with some of those breaks glued: where a line is
as full as the widest and the next line goes on with the word, and -- with the Romanian
dictionary -- not where a whole word ends the line and the two pieces make none.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Callable, Sequence

from planuri.extract.ro_text import goes_on_word

if TYPE_CHECKING:
    from planuri.extract.borderless.segments import Segment
    from planuri.extract.borderless.settings import BorderlessSettings


def cut_word_readings(segments: Sequence[Segment], settings: BorderlessSettings,
                      known: Callable[[str], bool] | None = None) -> list[str]:
    """A label's lines joined with some of its possible cut words glued back: a line ending in a
    letter, so full that the first letter of the next line would not have fitted after it (the
    widest line standing for the cell's width, within ``cut_tolerance`` points), before a line that
    goes on with the word (a word the narrow cell cut: ``realizar`` + ``e``, ``FINANȚA`` + ``RE``,
    ``Ter`` + ``men``); one reading per set of such breaks (the fewest first).  With a dictionary
    (``known``), a word that is whole before the break is cut only when the two pieces make a
    word too (``persoanele`` + ``vârstnice`` are two words, ``FINANȚA`` + ``RE`` one)."""
    lines = [s.text.strip() for s in segments]
    widest = max((s.x1 - s.x0 for s in segments), default=0.0)
    cut = [False] * len(lines)  # is the break above line i a cut inside a word?
    piece = ""  # the word line i - 1 ends with, its pieces on the lines above glued (``IMPLE`` + ``MENTA``)
    for i in range(1, len(lines)):
        last = last_word(lines[i - 1])
        piece = piece + last if cut[i - 1] and len(lines[i - 1].split()) == 1 else last
        cut[i] = (segments[i - 1].x1 - segments[i - 1].x0 + first_letter_width(segments[i]) > widest + settings.cut_tolerance
                  and lines[i - 1][-1:].isalpha() and goes_on_word(lines[i - 1], lines[i])
                  and not two_words(piece, lines[i], known))
    cuts = [i for i in range(1, len(lines)) if cut[i]][:settings.label_cuts]
    readings = []
    for n in range(1, len(cuts) + 1):
        for glued in combinations(cuts, n):
            readings.append("".join(("" if i in glued else " ") * (i > 0) + line for i, line in enumerate(lines)))
    return readings


def last_word(line: str) -> str:
    return "".join(ch for ch in (line.split() or [""])[-1] if ch.isalpha())


def two_words(word: str, nxt: str, known: Callable[[str], bool] | None) -> bool:
    """Are ``word`` (ending a line; its pieces on the lines above glued: ``RESPON`` + ``SABILĂ``)
    and the first word of ``nxt`` two words, by the dictionary: the first is a word and the two
    glued are none (``RESPONSABILĂ`` + ``DAS``)?  (Without a dictionary: not known to be.)"""
    if known is None:
        return False
    first = "".join(ch for ch in (nxt.split() or [""])[0] if ch.isalpha())
    return bool(word and first) and len(word) > 1 and known(word) and not known(word + first)


def first_letter_width(seg: Segment) -> float:
    ink = next((c for c in seg.chars if c["text"].strip()), None)
    return ink["x1"] - ink["x0"] if ink else 0.0
