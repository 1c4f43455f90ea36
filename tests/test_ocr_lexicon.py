"""OCR'd capitals corrected against the Romanian dictionary, Roman numerals with misread I's,
and the hOCR letter boxes that overlap."""

from __future__ import annotations

import pytest

from conftest import require_dictionary
from planuri.extract.ocr.tesseract import clean_line, hocr_rows, rows_to_words
from planuri.extract.ocr.lexicon import find_dictionary, load_lexicon


@pytest.fixture(scope="module")
def lexicon():
    require_dictionary()
    return load_lexicon("ro_RO")


@pytest.mark.parametrize("read, meant", [
    ("PENIRU", "PENTRU"),  # T read as I
    ("NEGUVERNAMENIALE", "NEGUVERNAMENTALE"),
    ("CONTRIBUJIILOR", "CONTRIBUȚIILOR"),  # Ț read as J
    ("DLASPORA", "DIASPORA"),
])
def test_misread_capitals_are_corrected(lexicon, read, meant):
    assert lexicon.correct(read) == meant


@pytest.mark.parametrize("word", [
    "PENTRU",  # known
    "ACTIVITATI",  # written without diacritics: a change of diacritics alone is never made
    "ÎMBUNĂȚĂȚIREA",  # the council's own spelling, kept
    "CJRAE",  # an acronym
    "MANGERON",  # a name no swap turns into a word
    "pentu",  # small letters are read well and left alone
    "COPIIILOR",  # a doubled I is no OCR slip to undo
    "BALESTI",  # BĂLEȘTI without its diacritics, not BĂIEȘTI
    "INTOCMIT",  # ÎNTOCMIT without its diacritics, not ÎNTOCMII
])
def test_words_that_are_kept(lexicon, word):
    assert lexicon.correct(word) is None


def test_cedilla_letters_are_looked_up_as_comma_below(lexicon):
    assert lexicon.known("ŞCOALA") and lexicon.known("ȘCOALA")


@pytest.mark.parametrize("words, fixed", [
    (["PORNOGRAFIE", "INFANT", "ILĂ,", "TRAFICUL"], ["PORNOGRAFIE", "INFANTILĂ,", None, "TRAFICUL"]),
    (["PERSOANE", "LE"], ["PERSOANE", "LE"]),  # two words: not glued
    (["si", "nu"], ["si", "nu"]),  # small letters: not glued
    (["VLCOMUNICAREA", "DINTRE"], ["VI.COMUNICAREA", "DINTRE"]),  # "VI." read as "VL"
    (["VLĂSTARUL", "NOU"], ["VLĂSTARUL", "NOU"]),
    (["COMPONENIA:", "PREVENIREA"], ["COMPONENTA:", "PREVENIREA"]),  # punctuation kept around the word
    (['"PENIRU', "TOȚI”"], ['"PENTRU', "TOȚI”"]),
])
def test_a_line_is_fixed(lexicon, words, fixed):
    assert lexicon.fix_line(words) == fixed


@pytest.mark.parametrize("words, fixed", [
    # office scans 9405, 9704, 9706: the breve and the circumflex of capitals lost
    (["ÎN", "COMUNITATE", "-", "INGRIJIRE", "IN", "MEDIUL"], ["ÎN", "COMUNITATE", "-", "ÎNGRIJIRE", "IN", "MEDIUL"]),
    # the Bacău report's own spellings: a known word is never changed
    (["PERSOANE", "IN", "NEVOIE", "ȘI", "ÎN"], ["PERSOANE", "IN", "NEVOIE", "ȘI", "ÎN"]),
    (["(VIAȚĂ", "INDEPENDENTĂ,", "VIAȚA", "DE", "FAMILIE"], ["(VIAȚĂ", "INDEPENDENTĂ,", "VIAȚA", "DE", "FAMILIE"]),
    (["A", "RESPECTARII", "DREPTURILOR", "CU", "DIZABILITAȚI", "ȘI"],
     ["A", "RESPECTĂRII", "DREPTURILOR", "CU", "DIZABILITĂȚI", "ȘI"]),
    (["FONDUL", "COOPERARII", "LOCALE"], ["FONDUL", "COOPERARII", "LOCALE"]),  # no mark on the line: as written
    (["NIVELUL", "AUTORITATILOR", "ȘI"], ["NIVELUL", "AUTORITATILOR", "ȘI"]),  # a comma below is never added
    (["ASOCIATIA", "ȘI", "BALESTI"], ["ASOCIATIA", "ȘI", "BALESTI"]),  # the Bacău report, Bălești plan, as written
    (["Îngrijire", "in", "familie"], ["Îngrijire", "in", "familie"]),  # small letters: as read
])
def test_marks_a_scan_lost_on_capitals_are_put_back_where_the_line_sets_them(lexicon, words, fixed):
    assert lexicon.fix_line(words) == fixed


@pytest.mark.parametrize("words, fixed", [
    # office scans 9405, 9410, 9910: a speck made a mark over or under a letter of a word in small letters
    (["persoanelor", "cu", "dizabilități"], ["persoanelor", "cu", "dizabilități"]),
    (["perșoanelor", "cu"], ["persoanelor", "cu"]), (["perşoanelor"], ["persoanelor"]),  # (the cedilla too) (["șpeciale;"], ["speciale;"]), (["de", "câtre"], ["de", "către"]),
    (["Instalărea"], ["Instalarea"]),
    (["virstă"], ["virstă"]), (["Balti"], ["Balti"]),  # a mark is never added
    (["Bălți"], ["Bălți"]),  # a name the dictionary does not know, no word without its marks: as read
    (["Toț", "copiii"], ["Toț", "copiii"]),  # a short word: the plan's own typo, as written
])
def test_a_mark_a_speck_made_on_small_letters_is_taken_off(lexicon, words, fixed):
    assert lexicon.fix_line(words) == fixed


def test_a_slash_read_as_a_mark_ending_a_line_is_put_back_when_its_paragraph_goes_on(lexicon):
    """Office scans 9707, 9901, 9911: ``surse ale donatorilor!`` / ``ONG`` (a cell's line cut
    after the slash): 30 costs.  Ending its paragraph (``servicii!`` ending a cell of the Bacău
    report) the mark is an exclamation mark, kept."""
    assert lexicon.fix_line(["surse", "ale", "donatorilor!"], goes_on=True) == ["surse", "ale", "donatorilor/"]
    assert lexicon.fix_line(["surse", "ale", "donatorilorI"], goes_on=True) == ["surse", "ale", "donatorilor/"]
    assert lexicon.fix_line(["achiziție", "de", "servicii!"]) == ["achiziție", "de", "servicii!"]


def test_marks_are_told_by_the_paragraph_tesseract_read_not_the_page(lexicon):
    """Each stacked cell is a paragraph of its own in tesseract's reading: a heading's ``ÎN`` in
    one cell says nothing of how another cell is written."""
    def par(pid, top, words):
        spans = "".join(f"<span class='ocrx_word' title='bbox {10 + 200 * i} {top} {180 + 200 * i} {top + 30}; "
                        f"x_wconf 90'>{w}</span>" for i, w in enumerate(words))
        return (f"<p class='ocr_par' id='{pid}'><span class='ocr_line' title='bbox 10 {top} 1400 {top + 30}'>"
                f"{spans}</span></p>")
    hocr = ("<html><head><meta http-equiv='Content-Type' content='text/html;charset=utf-8'/></head><body>"
            "<div class='ocr_page'><div class='ocr_carea'>" + par("par_1_1", 10, ["ÎN", "COMUNITATE"])
            + par("par_1_2", 100, ["NEVAZATOARE", "ORGANIZATIE"]) + "</div></div></body></html>").encode()
    words = rows_to_words(hocr_rows(hocr), 1.0, lexicon)
    assert [w["text"] for w in words] == ["ÎN", "COMUNITATE", "NEVAZATOARE", "ORGANIZATIE"]


def test_the_lines_around_in_its_paragraph_tell_the_marks_too(lexicon):
    """Office scan 9405: ``… INTEGRARE ÎN COMUNITATE -`` / ``INGRIJIRE IN MEDIUL FAMILIAL``."""
    line = ["INGRIJIRE", "IN", "MEDIUL", "FAMILIAL"]
    assert lexicon.fix_line(line, ["INTEGRARE", "ÎN", "COMUNITATE", "-", *line]) == ["ÎNGRIJIRE", "IN", "MEDIUL",
                                                                                     "FAMILIAL"]
    assert lexicon.fix_line(line, ["INTEGRARE", "IN", "COMUNITATE", "-", *line]) == line


def test_a_capital_is_lost_circumflex_is_put_back_where_the_paragraph_sets_diacritics(lexicon):
    """``Intreprinderi`` (office scans 10003, 9952): tesseract drops the small circumflex of a
    capital Î opening a word; put back where the paragraph's other words carry diacritics, and
    only when the dictionary knows the word with it and not without."""
    line = ["Instituțiile,", "Intreprinderi", "municipale,"]
    assert lexicon.fix_line(line, ["Instituțiile,"]) == ["Instituțiile,", "Întreprinderi", "municipale,"]
    # a paragraph without diacritics is as the council wrote it (the Bacău report's services)
    plain = ["Serviciul", "de", "Ingrijire", "la", "domiciliu"]
    assert lexicon.fix_line(plain, []) == plain
    assert lexicon.fix_line(["Ingrijire"], ["Ingrijire"]) == ["Ingrijire"]  # (the word itself says nothing)
    # a word known as written, small letters, short words: as read
    assert lexicon.fix_line(["Investiții", "ingrijire", "Iasi"], ["Investiții"]) == ["Investiții", "ingrijire", "Iasi"]


def line_rows(words: list[tuple[str, int, int]]) -> list[dict]:
    key = {"block_num": "0", "par_num": "0", "line_num": "0"}
    rows = [{"level": "4", **key, "left": 0, "top": 10, "width": 900, "height": 30, "conf": "-1", "text": ""}]
    rows += [{"level": "5", **key, "left": x0, "top": 10, "width": x1 - x0, "height": 30, "conf": "90", "text": t}
             for t, x0, x1 in words]
    return rows


def test_glued_words_take_both_boxes_and_changes_are_listed(lexicon):
    corrected: list = []
    words = rows_to_words(line_rows([("INFANT", 0, 120), ("ILĂ", 140, 200), ("PENIRU", 220, 330)]), 1.0,
                          lexicon, corrected)
    assert [(w["text"], w["x0"], w["x1"]) for w in words] == [("INFANTILĂ", 0, 200), ("PENTRU", 220, 330)]
    assert corrected == [("INFANT ILĂ", "INFANTILĂ"), ("PENIRU", "PENTRU")]


def test_without_a_lexicon_words_are_as_read():
    words = rows_to_words(line_rows([("PENIRU", 0, 120)]), 1.0)
    assert [w["text"] for w in words] == ["PENIRU"]


def test_a_dictionary_that_is_not_installed():
    assert find_dictionary("xx_XX_not_here") is None and load_lexicon("xx_XX_not_here") is None


@pytest.mark.parametrize("words, cleaned", [
    (["Trim", "I", "-", "1V"], ["Trim", "I", "-", "IV"]),
    (["TRIM", "I", "-1V"], ["TRIM", "I", "-IV"]),
    (["Trim", "L-IV"], ["Trim", "I-IV"]),  # a year has no fiftieth quarter
    (["Anexa", "1V"], ["Anexa", "IV"]),
    (["pct", "1V"], ["pct", "1V"]),  # no Roman numeral before it: left as read
    (["perioada", "I", "-", "1V"], ["perioada", "I", "-", "IV"]),  # after a Roman numeral
    (["lista", "L"], ["lista", "L"]),
    (["SĂNĂȚŢĂȚII", "DIZABILITĂȚȚI"], ["SĂNĂȚĂȚII", "DIZABILITĂȚI"]),  # a letter never doubled, read twice
])
def test_roman_numerals_and_doubled_letters(words, cleaned):
    assert clean_line(words) == cleaned


HOCR = """<html><body><div class='ocr_page'>
<span class='ocr_line' title="bbox 0 0 400 31">
 <span class='ocrx_word' title='bbox 0 0 264 31; x_wconf 95'>{}</span>
</span></div></body></html>"""


def test_overlapping_letter_boxes_are_no_gap():
    # tesseract's LSTM boxes: the N runs past the E after it, and the I follows the N closely
    chars = [("P", 0, 26), ("E", 27, 56), ("R", 57, 90), ("S", 93, 114), ("O", 119, 150), ("A", 149, 179),
             ("N", 152, 246), ("E", 203, 233), ("I", 249, 264)]
    spans = "".join(f"<span class='ocrx_cinfo' title='x_bboxes {a} 0 {b} 31'>{t}</span>" for t, a, b in chars)
    rows = hocr_rows(HOCR.format(spans).encode())
    assert [r["text"] for r in rows if r["level"] == "5"] == ["PERSOANEI"]


def test_hunspells_library_and_spylls_agree_on_the_plans_words():
    """libhunspell (the lexicon's reader) and spylls (its fallback) give the same answer on
    words of the plans, their capitals, their spellings without diacritics, and non-words made
    of two glued words or of a word's first letters; the only differences are short words in
    capitals (acronyms, never corrected), which spylls alone takes for words."""
    import random
    import re
    import unicodedata

    from spylls.hunspell import Dictionary

    from conftest import SAMPLES
    from planuri.extract.ocr import hunspell_lib

    require_dictionary()
    if not hunspell_lib.available():
        pytest.skip("libhunspell is not installed")
    stem = find_dictionary("ro_RO")
    library, spylls = hunspell_lib.HunspellLibrary(stem), Dictionary.from_files(str(stem))
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*/expected/*.csv")))
    words = sorted(set(re.findall(r"[^\W\d_]+", text)))
    rng = random.Random(0)
    rng.shuffle(words)
    words = words[:300]

    def bare(word: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))

    tried = sorted(set(words + [w.upper() for w in words] + [bare(w) for w in words] + [bare(w).upper() for w in words]
                       + [a + b for a, b in zip(words, words[1:])] + [w[:4] for w in words]))
    differ = [w for w in tried if library.lookup(w) != spylls.lookup(w)]
    assert all(w.isupper() and len(w) <= 5 and spylls.lookup(w) for w in differ), differ
    assert sum(map(library.lookup, tried)) > len(tried) // 4  # the dictionary was read: many words known


def test_the_library_knows_words_in_any_case_and_not_misspellings():
    from planuri.extract.ocr import hunspell_lib

    require_dictionary()
    if not hunspell_lib.available():
        pytest.skip("libhunspell is not installed")
    library = hunspell_lib.HunspellLibrary(find_dictionary("ro_RO"))
    assert library.lookup("PENTRU") and library.lookup("pentru") and library.lookup("instituții")
    assert not library.lookup("pentruu")


@pytest.mark.parametrize("words, fixed", [
    (["Organizații!", "e", "rome"], ["Organizațiile", None, "rome"]),  # an l read as "!" and a space
    (["ale", "beneficiari!", "or"], ["ale", "beneficiarilor", None]),
    (["combaterii", "discrimina!ii"], ["combaterii", "discrimina!ii"]),  # no reading is a known word: kept
    (["Spune", "NU", "violenței!"], ["Spune", "NU", "violenței!"]),  # an exclamation mark
    (["donatorilor!/", "ONG"], ["donatorilor!/", "ONG"]),  # nothing after it to tell: kept
    (["donatorilor!", "ONG"], ["donatorilor/", "ONG"]),  # a slash read as "!" (no l reading is a word)
    (["donatorilorI", "ONG"], ["donatorilor/", "ONG"]),  # ... or as a capital I
    (["ale", "donatorilorI"], ["ale", "donatorilorI"]),  # nothing after it: kept
    (["Trimestrul", "I", "an"], ["Trimestrul", "I", "an"]),  # a word of its own
    (["Trimestru", "I", "IV,", "2023"], ["Trimestrul", None, "IV,", "2023"]),  # its l read as a Roman I
    (["Trimestrul", "I", "-IV"], ["Trimestrul", "I", "-IV"]),  # a range: "Trimestrull" is no word
    (["Trimestru", "I", "2024"], ["Trimestru", "I", "2024"]),  # no numeral after it: the quarter's own I
    (["Număr.de", "campanii"], ["Număr de", "campanii"]),  # a speck read in the space between two words
    (["mun.Bălți", "www.primaria.md"], ["mun.Bălți", "www.primaria.md"]),  # a capital after it; no two words
])
def test_an_l_misread_as_a_mark_or_a_numeral(lexicon, words, fixed):
    assert lexicon.fix_line(words) == fixed


def test_an_exclamation_mark_put_right_is_listed_and_diacritics_are_not_put_back(lexicon):
    corrected: list = []
    words = rows_to_words(line_rows([("Actiuni", 0, 120), ("ședințelor", 130, 230), ("discriminarii", 240, 380),
                                     ("Organizații!", 390, 500), ("e", 505, 515)]), 1.0, lexicon, corrected)
    assert [w["text"] for w in words] == ["Actiuni", "ședințelor", "discriminarii", "Organizațiile"]
    assert words[-1]["x1"] == 515
    assert corrected == [("Organizații! e", "Organizațiile")]
