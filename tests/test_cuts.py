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


def test_a_long_word_filling_its_line_then_a_typo_are_two_words():
    """Generated seed 5481 (a header wording with a typo): ``Autoritatea`` fills a narrow header
    line, then ``resposabilă``; glued they are no word.  A long word of its own, then a long piece
    that is none: two words, and the label reads ``Autoritatea resposabilă``.  Two long pieces of
    which neither is a word stay one (a name cut by the cell's edge)."""
    words = WORDS | {"autoritatea"}
    assert not is_one_word("Autoritatea", "resposabilă", words, None)
    assert is_one_word("Interinstitu", "ționalizării", words, None)


def test_a_justified_cell_drawing_no_wrap_spaces_makes_no_certain_cut():
    """Generated seed 3536 (hand-edited grid, justified cells): the table draws the spaces where
    its lines wrap, but a justified cell draws none, so ``Direcția`` filling its line before
    ``generală`` is no certain cut -- the words decide it (two words), not the missing space."""
    from planuri.extract.pdf.text import Line, cut_candidates
    from planuri.extract.ruled.plumber import cell_marks_spaces

    def line(text: str, top: float, x1: float) -> Line:
        return Line(text, 100.0, x1, top, top + 8, 9.0, False, first_word=x1 - 100.0, first_char=6.0,
                    last_word=x1 - 100.0)

    texts = ["Direcția", "generală", "asistenț", "a", "socială,"]
    x1s = [134.0, 136.0, 139.0, 105.0, 133.0]
    lines = [line(t, 300.0 + 10 * i, x) for i, (t, x) in enumerate(zip(texts, x1s))]
    bbox = (94.6, 298.0, 145.0, 360.0)  # the text edge, 5.4 pt in: 139.6; room after "Direcția": 5.6 pt
    assert not cell_marks_spaces(lines, bbox, True)
    assert cell_marks_spaces(lines[:2], bbox, True)  # one break: no evidence of its own, the table's holds
    assert cell_marks_spaces([line("Direcția ", 300.0, 136.0), *lines[1:]], bbox, True)
    assert cut_candidates(lines, bbox, True)[0] == CUT_CERTAIN
    assert cut_candidates(lines, bbox, cell_marks_spaces(lines, bbox, True))[0] == CUT_ONE_WORD
    # one-line paragraphs ending short of the edge show nothing (sample 000's indicators)
    short = [line(t, 300.0 + 10 * i, 100.0 + 4.5 * len(t)) for i, t in enumerate(["Număr", "Tema", "Lista"])]
    assert cell_marks_spaces(short, (94.6, 298.0, 245.0, 360.0), True)
    assert not is_one_word("Direcția", "generală", frozenset({"direcția", "generală"}), None)


def test_a_slash_alone_on_its_line_stood_between_spaces():
    """Generated seed 6653 (Chromium, a narrow indicators column): ``resurse identificate /
    parteneriate`` reads ``identificate`` / ``/`` / ``parteneriate``.  The slash was glued to the
    word above as a cut (``identificate/``).  A word cut anywhere fills its lines, so a slash alone
    on its line, with text after it, stood between spaces; a slash ending the cell may be a cut."""
    from planuri.extract.pdf.text import CUT_NONE, Line, cut_candidates

    def line(text: str, top: float) -> Line:
        x1 = 100.0 + 4.5 * len(text)
        return Line(text, 100.0, x1, top, top + 8, 9.0, False, first_word=x1 - 100.0, first_char=2.5,
                    last_word=x1 - 100.0)

    lines = [line(t, 300.0 + 10 * i) for i, t in enumerate(["resurse", "identificate", "/", "parteneriate"])]
    bbox = (94.6, 298.0, 160.0, 350.0)  # "identificate" fills its line: the slash would not have fitted
    assert cut_candidates(lines, bbox, False)[1] == CUT_NONE
    assert cut_candidates(lines[:3], bbox, False)[1] == CUT_ONE_WORD


def test_a_word_then_a_number_are_two_words():
    """Generated seeds 7816, 8093, 8393: ``kinetoterapeut`` fills its narrow cell's line and the
    next line opens ``1 psiholog``: no word turns from letters to digits at a cut, so the space stays."""
    assert not is_one_word("kinetoterapeut", "1", WORDS, None)
    assert not is_one_word("150", "lei", WORDS, None)
    assert is_one_word("necesită", "ților", WORDS, None)


def test_a_column_of_one_word_lines_cut_and_wrapped_is_told_apart_from_the_first_break():
    """A column narrower than its words (office scan 9954, Arial 8pt): ``În`` / ``limita`` /
    ``mijloac`` / ``elor`` / ``financi`` / ``are`` / ``alocat`` / ``e``, each break a possible cut.
    Decided from the first, each break sees the word glued so far, and the line after the next:
    ``limita`` is a word and ``mijloac`` + ``elor`` is one, so ``mijloac`` starts a word there."""
    from planuri.extract.ruled.cuts import resolve_cell
    from planuri.extract.types import Cell

    known = frozenset({"în", "limita", "mijloacelor", "financiare", "alocate", "disponibile", "de"}).__contains__
    lookup = lambda word: known(word.lower())  # noqa: E731
    cell = Cell(0, 0, "În\nlimita\nmijloac\nelor\nfinanci\nare\nalocat\ne", cuts=(CUT_ONE_WORD,) * 7 + (0,),
                wraps=(True,) * 7)
    out = resolve_cell(cell, frozenset(), lookup)
    assert out.text == "În\nlimita\nmijloacelor\nfinanciare\nalocate" and out.wraps == (True,) * 4
    # a word cut in two, its ending alone on a line before the next word: the ending is glued on first
    cell = Cell(0, 0, "În limita\nmijloacelo\nr\nfinanciare\ndisponibil\ne", cuts=(1, 2, 2, 2, 2, 0))
    assert resolve_cell(cell, frozenset(), lookup).text == "În limita\nmijloacelor\nfinanciare\ndisponibile"
