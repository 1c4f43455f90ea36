"""A header word with a letter typed twice is read by its keyword, however short the keyword:
``Cosstul (mii lei)`` is a cost column (held-out rendering 11205 lost its amounts to it, an
unknown column).  Any one edit is allowed only on keywords of six letters or more: on a short
one it would read ``Postul`` as ``cost*``."""

from __future__ import annotations

import pytest

from planuri.normalize.label_words import KeywordSettings, LabelWords, Pattern
from planuri.normalize.vocabulary import default_vocabulary


@pytest.mark.parametrize("label, field", [
    ("Cosstul (mii lei)", "cost_group"),
    ("Coostul", "cost_group"),
    ("Costul (mii lei)", "cost_group"),
    ("Ssurse de finanțare", "funding"),
])
def test_a_letter_typed_twice_in_a_short_keyword(label, field):
    assert default_vocabulary().match(label).field == field


@pytest.mark.parametrize("label", ["Postul", "Poștal", "Cotul"])
def test_other_words_one_edit_off_a_short_keyword_are_not_it(label):
    assert default_vocabulary().match(label).field is None


def test_the_doubled_letter_must_fall_in_the_keywords_letters():
    pattern = Pattern("cost*", typo_min=6, doubled_min=4)
    assert pattern.matches("cosstul") and pattern.matches("ccostul")
    assert pattern.matches("costtul")  # the stem whole, then a doubled letter: it starts with it
    assert not pattern.matches("cosul") and not pattern.matches("coustul")
    assert not Pattern("cost*", typo_min=6).matches("cosstul")  # without the rule


def test_a_barred_word_is_barred_as_written():
    words = LabelWords([("cost_group", "cost*"), ("(not)", "costisitor*")], settings=KeywordSettings())
    barred = [p for p in words.kinds["(not)"]][0]
    assert barred.matches("costisitori") and not barred.matches("costtisitori")
