"""Words cut by a cell's edge, put back together -- or not.

A word wider than its cell is cut by the layout with no hyphen (``necesită`` + ``ților``); a
one-word line filling a narrow cell before an ordinary wrap at a space (``Conform`` +
``necesităților``) looks just the same on the page (``pdf.text.cut_candidates`` marks both).
Which one it was is decided from the words, once the whole document is read:

``document_words``  every word the document writes whole (the pieces around a possible cut left out)
``is_one_word``     a possible cut -> one word?  The two pieces glued are a word written whole
                    elsewhere in the document, or one the Romanian dictionary (hunspell, when
                    installed) knows; not when both pieces are words and glued they are none.
                    Digits on both sides are one number; a capital after a small letter, or a
                    digit after a letter (or a letter after a digit), starts a word; with no evidence either way, a line filled by one word is taken for a
                    cut word (the layout's reason for it).
``resolve_cuts``    the document's tables with each cut word glued back on its line (and the space
                    after a dash between words put back where the layout had no room to draw it)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from planuri.extract.pdf.text import CLOSING, CUT_CERTAIN, CUT_ONE_WORD, CUT_SPACE_LEFT_OUT
from planuri.extract.types import Block, Cell, RawTable, TextBlock

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
Known = Callable[[str], bool]
# a known word this long after the break is a word of its own, not the rest of a cut word, when
# the line before is no word and glued the two are none (``Subdiviziuneea`` + ``responsabilă``, a
# typo filling its line): the tails a cut leaves are endings, shorter than this
WHOLE_WORD_LETTERS = 7


def _tokens(line: str) -> list[str]:
    return _TOKEN.findall(line)


def document_words(blocks: list[Block]) -> frozenset[str]:
    """Lower-cased words written whole in the document's cells and paragraphs; the last word of
    a line before a possible cut and the first word after it are not counted there."""
    words: set[str] = set()
    for block in blocks:
        if isinstance(block, TextBlock):
            words.update(t.lower() for t in _tokens(block.text))
            continue
        for cell in block.cells:
            lines = cell.text.split("\n")
            cuts = cell.cuts or (0,) * len(lines)
            for i, line in enumerate(lines):
                tokens = _tokens(line)
                if i > 0 and cuts[i - 1]:
                    tokens = tokens[1:]
                if i < min(len(cuts), len(lines) - 1) and cuts[i]:
                    tokens = tokens[:-1]
                words.update(t.lower() for t in tokens)
    return frozenset(words)


def is_one_word(left: str, right: str, words: frozenset[str], known: Known | None,
                after: list[str] | None = None) -> bool:
    """Are ``left`` (a line filled by one word) and ``right`` (the start of the next line) one
    word cut by the cell's edge?  Yes when glued they are a word the document writes whole, or
    one the dictionary knows (Romanian endings are words too -- ``consolidare`` + ``a``, and the
    dictionary knows ``benefici`` and ``arilor`` -- so the pieces being words tells nothing
    then); no when glued they are no word and both pieces are, or when both pieces are long and
    one is a word of its own (the other a typo, no cut), or when ``left`` is a word and ``right``
    with ``after`` (the first word of the line after, itself after a possible cut) makes one."""
    if left.isdigit() and right.isdigit():
        return True
    if left[-1:].islower() and right[:1].isupper():
        return False  # no word has a capital after a small letter: ``Surse`` + ``APL``
    if left[-1:].isalpha() and right[:1].isdigit() or left[-1:].isdigit() and right[:1].isalpha():
        return False  # a word and a number: ``kinetoterapeut`` + ``1 psiholog``, ``150`` + ``lei``
    joined = (left + right).lower()
    if joined in words:
        return True
    if known is not None and known(left + right):
        return True
    def word(piece: str) -> bool:
        return piece.lower() in words or (known is not None and known(piece))

    if all(word(piece) for piece in (left, right)):
        return False
    if after and word(left) and word(right + after[0]) and not word(right):
        return False  # ``limita`` / ``mijloac`` / ``elor``: the next line's word is cut at its own end
    if len(right) >= WHOLE_WORD_LETTERS and len(left) >= WHOLE_WORD_LETTERS and (word(right) or word(left)):
        # a typo'd word filling its line, then a long word; or a long word, then a typo'd one
        # (``Autoritatea`` + ``resposabilă``): two words -- a cut leaves a short ending, or two
        # pieces of which neither is a word
        return False
    return True


def resolve_cell(cell: Cell, words: frozenset[str], known: Known | None) -> Cell:
    """The cell with each of its cut words glued back on one line.  The breaks are decided from
    the first: each sees the word its line ends with as glued so far (``mijloacelo`` + ``r`` is
    ``mijloacelor``, a word, before ``financiare`` comes), and the start of the line after the
    next when that break may be a cut too (``limita`` / ``mijloac`` / ``elor``)."""
    if not any(cell.cuts):
        return replace(cell, cuts=()) if cell.cuts else cell
    lines = cell.text.split("\n")
    cuts = cell.cuts
    out, wraps = [lines[0]], []
    for i, following in enumerate(lines[1:]):
        kind = cuts[i] if i < len(cuts) else 0
        if kind == CUT_SPACE_LEFT_OUT:
            out[-1] += " "  # the space the layout had no room to draw: the text goes on after it
        elif kind:
            after = lines[i + 2].lstrip() if i + 2 < len(lines) and i + 1 < len(cuts) and cuts[i + 1] else None
            if glued(kind, out[-1], following.lstrip(), words, known, after):
                out[-1] += following.lstrip()
                continue
        out.append(following)
        if cell.wraps:
            wraps.append(cell.wraps[i])
    return replace(cell, text="\n".join(out), wraps=tuple(wraps), cuts=())


def glued(kind: int, line: str, following: str, words: frozenset[str], known: Known, after: str | None = None) -> bool:
    """Does ``following`` go on the word ``line`` ends with?  A closing mark goes on the word
    before it; a capital after a small letter starts a word; a certain cut is one word; after a line filled by one word, ``is_one_word``
    decides (``after``: the line after ``following``, when that break may be a cut too); after a
    line of several words the last is taken for cut only when it is no word
    on its own and the glued word is one (``financiare alocat`` + ``e``: ``alocat`` is a word,
    the break may be a wrap)."""
    if following[:1] in CLOSING and not opening_quote(following):
        return True
    if line.rstrip()[-1:].islower() and following[:1].isupper():
        return False  # a capital after a small letter starts a word (a paragraph ended there)
    if kind == CUT_CERTAIN:
        return True
    left, right = _tokens(line)[-1:], _tokens(following)[:1]
    if not (left and right and following.startswith(right[0])):
        return False
    if kind == CUT_ONE_WORD:
        return is_one_word(left[0], right[0], words, known, _tokens(after)[:1] if after else None)
    word = left[0].lower()
    return word not in words and not known(left[0]) and ((word + right[0].lower()) in words or known(left[0] + right[0]))


def opening_quote(text: str) -> bool:
    """Does ``text`` start with a straight quote that opens (``"Servicii``), not one that closes a
    word (``",``)?  A typewriter quote is the same mark at both ends of a quotation."""
    return text[:1] in "\"'" and text[1:2].isalnum()


def resolve_cuts(blocks: list[Block], known_loader: Callable[[], Known | None]) -> list[Block]:
    """The blocks with every table cell's cut words resolved.  ``known_loader`` gives the
    dictionary's lookup (loaded only when some cut is not decided by the document's own words)."""
    if not any(isinstance(b, RawTable) and any(any(c.cuts) for c in b.cells) for b in blocks):
        return [_without_cuts(b) for b in blocks]
    words = document_words(blocks)
    loaded: list[Known | None] = []

    def known(word: str) -> bool:
        if not loaded:
            loaded.append(known_loader())
        lookup = loaded[0]
        return bool(lookup and lookup(word))

    return [replace(b, cells=tuple(resolve_cell(c, words, known) for c in b.cells)) if isinstance(b, RawTable) else b
            for b in blocks]


def _without_cuts(block: Block) -> Block:
    if isinstance(block, RawTable) and any(c.cuts for c in block.cells):
        return replace(block, cells=tuple(replace(c, cuts=()) for c in block.cells))
    return block
