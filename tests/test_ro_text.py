from planuri.extract.ro_text import clean, fold, leading_code, split_code


def test_clean_maps_cedilla_to_comma_below_and_nfc():
    assert clean("Acţiuni şi Ţara Şcolii") == "Acțiuni și Țara Școlii"
    decomposed = "A\u0306ctiuni"  # A + combining breve
    assert clean(decomposed) == "Ăctiuni"
    assert clean("soft\u00adhyphen\u200b") == "softhyphen"


def test_clean_spells_out_ligatures_and_keeps_romanian_letters():
    # a PDF printed by Chromium writes "fi", "fl" as one glyph each
    assert clean("Obiectiv speciﬁc: ﬂuxul ﬁnanțărilor, eﬀort, aﬃș, ﬄ, ﬅ, ﬆ") == \
        "Obiectiv specific: fluxul finanțărilor, effort, affiș, ffl, st, st"
    # NFKC on the whole text would turn these into other characters; only ligatures change
    romanian = "ȘșȚțĂăÂâÎî „ghilimele” – 2023-2025 № ½ ²"
    assert clean(romanian) == romanian


def test_fold_ignores_diacritics_case_space_and_end_punctuation():
    assert fold("Măsuri") == fold("MASURI") == fold("  măsuri: ")
    assert fold("Acţiuni") == fold("Acțiuni") == fold("Actiuni") == "actiuni"
    assert fold("Termen limită\nde   realizare") == "termen limita de realizare"


def test_split_code():
    assert split_code("1.1.1 Încheierea acordurilor") == ("1.1.1", "Încheierea acordurilor")
    assert split_code("1.1.Crearea parteneriatelor") == ("1.1", "Crearea parteneriatelor")
    assert split_code("6.1.7. Promovarea") == ("6.1.7", "Promovarea")
    assert split_code("2.11.") == ("2.11", "")
    assert split_code("1.Dezvoltarea și consolidarea") == ("1", "Dezvoltarea și consolidarea")
    # not codes
    for text in ("2024 – 2028", "5 asistenți sociali", "3,0 mii lei", "28.06.2022 aprobat", "1 activitate"):
        assert split_code(text) == (None, text)
    assert leading_code("10.1 Elaborarea") == "10.1"
