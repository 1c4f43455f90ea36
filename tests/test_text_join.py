from planuri.normalize.text import document_words, field_text, join_lines


def test_soft_wraps_become_spaces():
    assert join_lines("Număr de acorduri\nîncheiate") == "Număr de acorduri încheiate"
    assert join_lines("  a  \n\n b ") == "a b"


def test_hyphen_at_line_end_keeps_compounds():
    assert join_lines("Anual, 2023-\n2025") == "Anual, 2023-2025"
    assert join_lines("nou-\ncreate") == "nou-create"
    assert join_lines("2024 -\n2028") == "2024 - 2028"
    assert join_lines("mame minore)-\nprograme") == "mame minore)-programe"


def test_hyphenated_word_rejoined_when_the_document_writes_it_whole():
    words = document_words(["organizațiile nonguvernamentale rome", "nonguverna-\nmentale"])
    assert join_lines("organizațiile nonguverna-\nmentale rome", words) == "organizațiile nonguvernamentale rome"
    # a compound written with its hyphen elsewhere keeps it
    words = document_words(["social-vulnerabile", "social"])
    assert join_lines("social-\nvulnerabile", words) == "social-vulnerabile"
    # one letter before the hyphen is a clitic, not hyphenation, though ``sa`` is a word of the document
    words = document_words(["fratele și sora sa"])
    assert join_lines("cu care s-\na colaborat", words) == "cu care s-a colaborat"


def test_field_text_is_none_when_empty_and_maps_cedilla():
    assert field_text("") is None
    assert field_text(None) is None
    assert field_text("Direcţia\nsănătate") == "Direcția sănătate"


def test_an_amount_wrapped_at_its_separator_is_one_number_and_nothing_else_is_glued():
    assert join_lines("150,000.\n00") == "150,000.00"
    assert join_lines("150,\n000.00 lei") == "150,000.00 lei"
    assert join_lines("(150 000.\n00)") == "(150 000. 00)"  # a space is not a group mark here: kept apart
    assert join_lines("1,\n200 persoane") == "1, 200 persoane"  # a list, not an amount
    assert join_lines("în anul 2024.\n10 persoane") == "în anul 2024. 10 persoane"
    assert join_lines("150,000.\n005") == "150,000. 005"
    # a drawn space at the line end (line_end_spaces) says the text had one
    assert join_lines("150,000. \n00", line_end_spaces=True) == "150,000. 00"


def test_a_range_broken_before_its_dash_is_one_range():
    """A narrow column breaks ``2025-2027`` before the dash (``2025`` / ``-`` / ``2027``); a dash
    with a space after it, or a line broken at a drawn space, keeps its spaces."""
    assert join_lines("2025\n-\n2027") == "2025-2027"
    # an en dash alone on its line stood between spaces (Word makes one of a spaced hyphen only)
    assert join_lines("2024\n–\n2028") == "2024 – 2028"
    assert join_lines("2025\n-2027") == "2025-2027"
    assert join_lines("2025\n- 2027") == "2025 - 2027"
    assert join_lines("Trim. IV\n- 2025") == "Trim. IV - 2025"
