"""Action numbering checks: a gap or a repeat in a table's codes is a warning on its row."""

from planuri.normalize.codes import code_parts, code_sequence_issues


def action(row, code, **heads):
    return {"table_no": 1, "row_no": row, "action_code": code, **heads}


def codes(actions):
    return [(i.code, i.row_no) for i in code_sequence_issues(actions)]


def test_code_parts():
    assert code_parts("7.2") == (7, 2) and code_parts("1.2.10.") == (1, 2, 10)
    assert code_parts(None) is None and code_parts("a)") is None and code_parts("O.S.2.2") is None


def test_a_skipped_number_is_a_gap_on_the_row_after_it():
    got = codes([action(3, "7.1"), action(4, "7.2"), action(5, "7.4"), action(6, "7.5")])
    assert got == [("action-code-gap", 5)]


def test_a_new_prefix_or_a_number_going_back_is_no_gap():
    assert codes([action(3, "1.5.9"), action(4, "1.6.10"), action(5, "2.1.1"), action(6, "1.1")]) == []
    assert codes([action(3, "3"), action(4, "1"), action(5, "2")]) == []


def test_a_code_twice_under_the_same_headings_is_a_repeat_under_others_not():
    same = [action(3, "10.1", specific_objective="A"), action(4, "10.1", specific_objective="A")]
    assert codes(same) == [("action-code-repeated", 4)]
    other = [action(3, "10.1", specific_objective="A"), action(4, "10.1", specific_objective="B")]
    assert codes(other) == []


def test_rows_are_read_in_order_and_tables_apart():
    rows = [action(5, "1.3"), action(3, "1.1"), action(4, "1.2"), {**action(3, "1.1"), "table_no": 2}]
    assert codes(rows) == []
    assert codes([action(3, "1.1"), action(4, None), action(5, "1.2")]) == []


def test_the_expected_results_predict_the_same_warnings():
    """samples/sample_expected.py states the same rule in its own words: both agree on any numbering."""
    from hypothesis import given, settings, strategies as st

    from sample_expected import numbering_issues

    code = st.lists(st.integers(1, 4), min_size=1, max_size=3).map(lambda p: ".".join(map(str, p)))
    rows = st.lists(st.tuples(st.integers(1, 2), code, st.sampled_from(["A", "B"])), max_size=12)

    @settings(max_examples=300, deadline=None)
    @given(rows)
    def agree(drawn):
        actions = [{"table_no": t, "row_no": n, "action_code": c, "specific_objective": o, "section": "",
                    "general_objective": "", "domain": "", "measure": ""}
                   for n, (t, c, o) in enumerate(drawn, 3)]
        mine = sorted((i.table_no, i.row_no, i.code) for i in code_sequence_issues(actions))
        theirs = sorted((a["table_no"], a["row_no"], a["code"]) for a in numbering_issues(actions))
        assert mine == theirs

    agree()



def read_codes(pairs):
    """Actions whose codes were OCR'd: (the code as NUMBERING parses the reading, the reading);
    a reading of None: a code cell not OCR'd."""
    return [dict(action(n, code), _read=read) if read is not None else action(n, code)
            for n, (code, read) in enumerate(pairs, 3)]


def test_ocr_codes_with_misread_dots_are_put_right_by_their_numbering():
    from planuri.normalize.codes import repair_read_codes

    actions = read_codes([("2.1", "2.1."), ("2", "2-2,"), ("2", "2:3;"), ("24", "24"), ("2.5", "2.5."),
                          ("206", "206"), ("21", "21."), ("2.8", None), ("2", "2,9"), ("58", "58."), ("3.1", "3.1.")])
    issues = repair_read_codes(actions, "_read")
    assert [a["action_code"] for a in actions] == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9",
                                                   "58", "3.1"]
    assert all("_read" not in a for a in actions)
    # "21." for 2.7 has other digits, but 2.6 before it and 2.8 after it both lead to 2.7; "58." after 2.9
    # (3.1 after it) fits nothing: left as read, with a warning that keeps the reading
    assert [(i.code, i.row_no, i.raw) for i in issues] == [
        ("ocr-code-repaired", 4, "2-2,"), ("ocr-code-repaired", 5, "2:3;"), ("ocr-code-repaired", 6, "24"),
        ("ocr-code-repaired", 8, "206"), ("ocr-code-repaired", 9, "21."), ("ocr-code-repaired", 11, "2,9"),
        ("ocr-code-unsure", 12, "58.")]
    assert next(i for i in issues if i.code == "ocr-code-unsure").severity == "warning"


def test_ocr_codes_the_codes_around_them_agree_on_are_put_right():
    """Between two codes that both lead to one code (3.10 and 3.12; 2.9 and 3.2), a reading near
    it is that code, an empty code cell too; codes that do not agree leave a reading as it was."""
    from planuri.normalize.codes import repair_read_codes

    actions = read_codes([("3.10", "3.10"), ("3.4", "3.4"), ("3.12", "3.12"), (None, ""), ("3.14", "3.14."),
                          ("3", "3"), ("3.16", "3.16"), ("2.9", "2.9"), ("34", "34"), ("3.2", "3.2"),
                          ("5.2", "5.2."), ("8.6", "8.6"), ("5.4", "5.4")])
    issues = repair_read_codes(actions, "_read")
    assert [a["action_code"] for a in actions] == ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16", "2.9",
                                                   "3.1", "3.2", "5.2", "8.6", "5.4"]  # (8.6: no digit of 5.3 read)
    assert [(i.code, i.raw) for i in issues] == [("ocr-code-repaired", r) for r in ("3.4", "", "3", "34")]
    own = read_codes([("1.5.9", "1.5.9"), ("1.6.10", "1.6.10"), ("2.1.1", "2.1.1")])  # the plan's own numbering
    assert repair_read_codes(own, "_read") == [] and own[1]["action_code"] == "1.6.10"  # (every dot read: no 0 for one)
    unnumbered = read_codes([("3.10", "3.10"), (None, ""), ("3.11", "3.11")])  # a row the plan left without a code
    assert repair_read_codes(unnumbered, "_read") == [] and unnumbered[1]["action_code"] is None
    last = read_codes([("3.10", "3.10"), (None, "")])  # nothing after it to agree with
    assert repair_read_codes(last, "_read") == [] and last[1]["action_code"] is None


def test_ocr_codes_repaired_by_the_code_after_them_and_only_ocr_codes():
    from planuri.normalize.codes import repair_read_codes

    first = read_codes([("11", "11"), ("1.2", "1.2.")])  # a table's first row, told by the code after it
    repair_read_codes(first, "_read")
    assert [a["action_code"] for a in first] == ["1.1", "1.2"]
    after_a_misread = read_codes([("1.1", "1.1"), ("17", "17."), ("1", "1-3"), ("1.4", "1.4")])
    repair_read_codes(after_a_misread, "_read")  # "17." fits nothing: 1.3 is still expected after it
    assert [a["action_code"] for a in after_a_misread] == ["1.1", "17", "1.3", "1.4"]
    plain = [action(3, "1.1"), action(4, "12"), action(5, "1.3")]  # a text layer's codes are as written
    assert repair_read_codes(plain, "_read") == [] and plain[1]["action_code"] == "12"
    new_numbering = read_codes([("2.17", "2.17."), ("5.1", "5.1."), ("5.2", "5.2")])
    assert repair_read_codes(new_numbering, "_read") == []
    jump = read_codes([("2.17", "2.17."), ("5.3", "5.3.")])  # read with its dot: no doubt raised
    assert repair_read_codes(jump, "_read") == []
    assert [a["action_code"] for a in new_numbering] == ["2.17", "5.1", "5.2"]


def scanned_plan(codes: list[str], prefixed: bool = False):
    """A scanned plan table (its cells carry OCR confidences) whose actions have these codes as
    read: in a code column, or (``prefixed``) opening the action's text."""
    from planuri.extract.types import Cell, ExtractedDocument, Provenance, RawTable

    header = ["Acțiuni", "Responsabili", "Termen de realizare"] if prefixed else \
        ["Nr. d/o", "Acțiuni", "Responsabili", "Termen de realizare"]
    cells = [Cell(0, c, label, confidence=95.0, page=1) for c, label in enumerate(header)]
    for r, code in enumerate(codes, 1):
        action = f"Organizarea activității numărul {r}"
        texts = ([f"{code} {action}".strip()] if prefixed else [code, action]) + ["Direcția asistență socială", "2024"]
        cells += [Cell(r, c, t, confidence=(30.0 if t == code else 92.0) if t else None, page=1)
                  for c, t in enumerate(texts)]
    prov = Provenance(file="x.pdf", sha256="0" * 64, engine="ocr", page=1)
    table = RawTable(cells=tuple(cells), n_rows=len(codes) + 1, n_cols=len(header), provenance=prov)
    return ExtractedDocument(path="x.pdf", sha256="0" * 64, format="pdf", pages=1, blocks=(table,))


def test_scanned_code_cells_read_empty_or_as_marks_are_told_by_the_codes_around_them():
    from planuri.normalize.document import normalize_document

    out = normalize_document(scanned_plan(["3.10.", "", "3.12.", "31].", "3.14.", "Bad:", "3.16.", "", "3.17"]))
    assert [a["action_code"] for a in out.actions] == ["3.10", "3.11", "3.12", "3.13", "3.14", "3.15", "3.16",
                                                       None, "3.17"]  # (3.16 then 3.17: the empty row is no 3.17)
    repaired = [(i.row_no, i.raw) for i in out.issues if i.code == "ocr-code-repaired"]
    assert repaired == [(3, ""), (5, "31]."), (7, "")]
    assert not any(i.code == "ocr-code-unsure" for i in out.issues)
    assert "Bad:" in out.actions[5]["extra"]  # what the cell held, kept


def test_scanned_codes_opening_the_action_text_are_checked_like_a_code_columns():
    from planuri.normalize.document import normalize_document

    out = normalize_document(scanned_plan(["2.9", "3.4", "3.2"], prefixed=True))
    assert [a["action_code"] for a in out.actions] == ["2.9", "3.1", "3.2"]
    assert out.actions[1]["action"] == "Organizarea activității numărul 2"
