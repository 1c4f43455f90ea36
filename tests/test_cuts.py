"""Words cut by a cell's edge (extract/ruled/cuts.py): which line breaks glue the next line on."""

from __future__ import annotations

from planuri.extract.pdf.text import CUT_AFTER_WORDS, CUT_CERTAIN, CUT_ONE_WORD
from planuri.extract.ruled.cuts import glued, is_one_word

WORDS = frozenset({"necesităților", "conform", "servicii", "proiectului"})


def nothing_known(word: str) -> bool:
    return False


def test_a_closing_mark_goes_on_the_word_before_it():
    assert glued(CUT_AFTER_WORDS, "în cadrul Proiectului", "”, realizat", WORDS, nothing_known)
    assert glued(CUT_AFTER_WORDS, "Servicii Integrate", '", 3 sesiuni', WORDS, nothing_known)


def test_a_straight_quote_before_a_word_opens_a_quotation():
    """``Proiectului`` + ``"Servicii``: a typewriter quote before a letter opens, the space stays."""
    assert not glued(CUT_AFTER_WORDS, "în cadrul Proiectului", '"Servicii Integrate"', WORDS, nothing_known)
    assert not glued(CUT_ONE_WORD, "Proiectului", "'Servicii'", WORDS, nothing_known)


def test_a_capital_after_a_small_letter_starts_a_word():
    assert not glued(CUT_CERTAIN, "Buget local", "APL", WORDS, nothing_known)


def test_a_line_filled_by_one_word_is_decided_by_the_words():
    assert is_one_word("necesită", "ților", WORDS, None)  # glued, a word the document writes whole
    assert not is_one_word("Conform", "necesităților", WORDS, None)  # two words the document writes
    assert is_one_word("2025", "2027", WORDS, None)  # digits on both sides: one number


def test_a_typo_filling_its_line_then_a_long_word_are_two_words():
    """``Subdiviziuneea`` (a council's typo, no word) filling a narrow header line, then
    ``responsabilă``: glued they are no word, and the rest is a long word of its own."""
    words = WORDS | {"responsabilă", "subdiviziunea"}
    assert not is_one_word("Subdiviziuneea", "responsabilă", words, None)
    assert not glued(CUT_ONE_WORD, "Subdiviziuneea", "responsabilă", words, nothing_known)
    # a cut word's rest is an ending, short: still one word when glued it is unknown (a name)
    assert is_one_word("Sîngerei", "ului", words, None)
