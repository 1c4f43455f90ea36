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


def test_field_text_is_none_when_empty_and_maps_cedilla():
    assert field_text("") is None
    assert field_text(None) is None
    assert field_text("Direcţia\nsănătate") == "Direcția sănătate"
