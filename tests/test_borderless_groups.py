"""Borderless headers whose labels the vocabulary files under a plain field: a money label
("Buget estimat, lei", "Costuri estimative") set over sub-columns, a label in capitals cut inside
a word by its narrow cell ("FINANȚA" + "RE"), a group label over no sub-labels.  The generated
documents are read from their DOCX (the document's own grid) and from the borderless PDF
exported from it: both must give the same actions and costs, and no header line may come out
as an action row."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import convert_to_pdf, sha
from layout_spec import Style
from planuri.extract import extract
from planuri.extract.borderless.cut_labels import cut_word_readings
from planuri.extract.borderless.header import BorderlessSettings, find_header
from planuri.extract.borderless.segments import chars_to_segments
from planuri.normalize import normalize_document
from planuri.pipeline import header_label
from sample_render import build_docx
from test_borderless_layouts import COMPARED, words
from test_borderless_units import PITCH, page

AMOUNTS = ("15 000", "-", "În limita mijloacelor financiare alocate", "2 500,0", "Donații")


def money_group_spec(group: str, subs: tuple[str, ...], n: int = 14) -> dict:
    """A plan whose money label, as the vocabulary files it (``budget``, ``cost``), heads sub-columns."""
    rows = []
    for i in range(n):
        rows.append({"code": f"1.{i + 1}", "cells": [
            f"1.{i + 1} {words(4 + 7 * (i % 3), i).capitalize()}",
            "Primăria" if i % 2 else f"Direcția {words(3, i + 2)}",
            "2025-2027",
            *(AMOUNTS[(i + k) % len(AMOUNTS)] for k in range(len(subs))),
            f"Număr de {words(3 + i % 4, i + 1)}",
        ]})
    n_cols = 4 + len(subs)
    return {"blocks": [{"p": "PLANUL DE ACȚIUNI"}, {"table": {
        "kind": "plan", "widths": [8.0, 4.0, 3.0, *([3.2] * len(subs)), 6.0][:n_cols], "size": 10,
        "header": [["Acțiuni", "Responsabili", "Termen", {"text": group, "span": len(subs)}, "Indicatori"],
                   ["^", "^", "^", *subs, "^"]],
        "fields": ["action", "responsible", "deadline", *(["cost"] * len(subs)), "indicators"], "rows": rows}}]}


def merged_after_spec(n: int = 36) -> dict:
    """A table running over pages with its header not repeated, whose sub-columns hold text only
    on the first rows: further on, one cell merged over them or none.  A page without the header
    leaves them empty; they are still columns (the borderless reader's, from the header)."""
    spec = money_group_spec("Costuri, lei", ("Surse APL", "Alte surse"), n)
    for i, row in enumerate(spec["blocks"][1]["table"]["rows"]):
        if i >= 3:
            merged = {"text": "în limita resurselor financiare disponibile", "span": 2} if i % 2 else {"text": "", "span": 2}
            row["cells"][3:5] = [merged]
    return spec


def narrow_capitals_spec(n: int = 10) -> dict:
    """Labels in narrow cells that cut them inside a word: in capitals, and a label the strict
    keyword reading knows only whole ("Termenul de executare")."""
    rows = [{"code": f"{i + 1}.", "cells": [
        f"{i + 1}. {words(5 + 6 * (i % 3), i).capitalize()}", "DAS", "Trim I-IV", "Buget local",
        f"Număr de {words(2 + i % 3, i)}"]} for i in range(n)]
    return {"blocks": [{"table": {
        "kind": "plan", "widths": [9.0, 3.0, 1.7, 1.9, 6.0], "size": 11,
        "header": [["Acțiuni", "Responsabili", "Termenul de executare", "SURSA DE FINANȚARE", "Indicatori"]],
        "fields": ["action", "responsible", "deadline", "funding", "indicators"], "rows": rows}}]}


CASES = {
    "budget_two": money_group_spec("Buget estimat, lei", ("Surse APL", "Alte surse")),
    "cost_three": money_group_spec("Costuri estimative", ("surse bugetare ale autorităților publice locale",
                                                          "surse ale donatorilor/ ONG", "surse ale beneficiarilor")),
    # the middle sub-label's first line, centred under the group label, reads on with it as a label
    "funding_three": money_group_spec("Sursele de finanțare (lei)", ("surse bugetare ale autorităților publice locale",
                                                                   "surse ale donatorilor/ ONG", "surse ale beneficiarilor")),
    "narrow_capitals": narrow_capitals_spec(),
    "merged_after": merged_after_spec(),
}


def style(name: str) -> Style:
    return Style(page="A4", landscape=True, margins=(1.5, 1.5, 1.5, 1.5), font="DejaVu Sans", size=10,
                 repeat_header=name != "merged_after")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("groups")
    plain = []
    for name, spec in CASES.items():
        spec = dict(spec, name=name)
        build_docx(spec, folder / f"{name}.docx", style=style(name))
        plain.append(folder / f"{name}-borderless.docx")
        build_docx(spec, plain[-1], borders=False, style=style(name))
    convert_to_pdf(plain, folder)
    return folder


def read(path: Path):
    doc = extract(path, sha(path), labels=header_label)
    return doc, normalize_document(doc)


def actions(norm) -> list[dict]:
    return [{k: " ".join(str(a[k] or "").split()) for k in COMPARED} for a in norm.actions]


def costs(norm) -> list[tuple]:
    return sorted((c["row_no"], " ".join(str(c["funding_source"] or "").split()), " ".join(str(c["amount"] or "").split()))
                  for c in norm.costs)


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(CASES))
def test_borderless_header_gives_the_docx_actions_and_costs(built, name):
    _, want = read(built / f"{name}.docx")
    doc, got = read(built / f"{name}-borderless.pdf")
    assert "borderless" in doc.page_methods
    assert len(want.actions) >= 10
    assert actions(got) == actions(want)  # no sub-label or cut label line read as a row
    assert costs(got) == costs(want)


@pytest.mark.libreoffice
def test_money_label_over_sub_labels_is_a_group(built):
    """The sub-labels make columns of their own under the group's one header cell."""
    doc, got = read(built / "cost_three-borderless.pdf")
    sources = {c["funding_source"] for c in got.costs}
    assert {"surse ale donatorilor/ ONG", "surse ale beneficiarilor"} <= {" ".join(str(s).split()) for s in sources}
    table = doc.tables[0]
    assert table.n_cols == 7


# --------------------------------------------------------------------------- units

def test_a_word_cut_in_a_capitals_label_is_read_whole():
    cut = chars_to_segments(page([[(360, "SURSA DE FINANȚA")], [(360, "RE")]]), BorderlessSettings())
    assert "SURSA DE FINANȚARE" in cut_word_readings(cut, BorderlessSettings())
    # a line in capitals followed by one in small letters, or by a capital word after a small one
    mixed = chars_to_segments(page([[(360, "Sursa de finanța")], [(360, "Re")]]), BorderlessSettings())
    assert cut_word_readings(mixed, BorderlessSettings()) == []


def test_termenul_de_executare_reads_as_a_deadline_strictly():
    """'executare' is a qualifier, not a typo of the keyword 'executor*' (two fields: no label)."""
    assert header_label("Termenul de executare").field == "deadline"
    assert header_label("Executor").field == "responsible"


GROUP_LABELS = {"acțiuni": "action", "termen": "deadline", "costuri": "cost_group", "buget estimat": "budget",
                "indicatori": "indicators"}


def group_labels(text: str):
    return GROUP_LABELS.get(" ".join(text.lower().split()))


def test_a_money_label_heads_sub_columns_only_with_two_sub_labels_under_it():
    settings = BorderlessSettings()
    head = [(40, "Acțiuni"), (200, "Termen"), (300, "Buget estimat"), (440, "Indicatori")]
    grouped = chars_to_segments(page([head, [(290, "Surse APL"), (350, "Alte surse")],
                                      [(40, "1.1 Prima acțiune"), (200, "2025"), (290, "15 000"), (350, "-"),
                                       (440, "Număr")]]), settings)
    header = find_header(grouped, group_labels, settings)
    assert [b.text for b in header.leaves] == ["Acțiuni", "Termen", "Surse APL", "Alte surse", "Indicatori"]
    assert [(g.text, a, b) for g, a, b in header.groups] == [("Buget estimat", 2, 3)]
    assert header.bottom < 100 + 2 * PITCH
    # the same label over the body's amounts: one column
    single = chars_to_segments(page([head, [(40, "1.1 Prima acțiune"), (200, "2025"), (300, "15 000"),
                                            (440, "Număr")]]), settings)
    header = find_header(single, group_labels, settings)
    assert header.fields == ["action", "deadline", "budget", "indicators"] and not header.groups



FUNDING_LABELS = {"măsuri": "measure", "acțiuni": "action", "sursa de finanțare": "funding",
                  "rezultate obținute": "result"}


def test_a_first_row_reaching_under_the_next_label_is_no_sub_labels():
    """Generated seed 5782: under ``Sursa de finanțare`` stand ``Buget local`` and, left-aligned
    in the next column and so starting left of its centred label ``Rezultate obținute``, ``1 baza
    de date``: two texts that read as sources.  The second reaches under the next label: it is
    that column's first cell, the body's first row, and the funding label heads no sub-columns."""
    settings = BorderlessSettings()
    head = [(40, "Măsuri"), (200, "Acțiuni"), (360, "Sursa de finanțare"), (500, "Rezultate obținute")]
    segments = chars_to_segments(page([head, [(40, "1.2.1. Crearea"), (200, "Identificarea de resurse"),
                                              (360, "Buget local"), (470, "1 baza de date")]]), settings)
    header = find_header(segments, lambda t: FUNDING_LABELS.get(" ".join(t.lower().split())), settings)
    assert header is not None and not header.groups
    assert header.fields == ["measure", "action", "funding", "result"]
    assert header.bottom < 100 + PITCH


def test_a_cut_rows_rest_right_under_a_label_beside_sub_labels_is_the_bodys():
    """Generated seed 6257: under a repeated header whose funding group's sub-labels make it
    two lines deep, the rest of a row the page break cut goes on at once under ``INDICATORI DE``
    / ``PERFORMANȚĂ``.  Read on with the label, those lines made it no label and the header
    took the body's lines.  A label goes on only with lines that keep it the label it is."""
    settings = BorderlessSettings()
    labels = [{**ch, "fontname": "Times-Bold"} for ch in page([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Sursele de finanțare"), (440, "INDICATORI DE")],
        [(290, "Surse APL"), (350, "Alte surse"), (440, "PERFORMANȚĂ")]])]
    body = page([
        [(440, "beneficiat de vaucere.")],
        [(440, "Suma mijloacelor alocate")],
        [(40, "1.1 Prima acțiune"), (200, "2025"), (290, "15 000"), (350, "-"), (440, "Număr")],
    ], top=100 + 2 * PITCH)
    header = find_header(chars_to_segments(labels + body, settings), header_label, settings)
    # the label's own second line goes on with it (read by its keyword, ``indicatori``, either way)
    assert [b.text for b in header.leaves][-1] == "INDICATORI DE PERFORMANȚĂ"
    assert header.bottom < 100 + 2 * PITCH

def test_a_group_label_over_no_sub_labels_is_a_column():
    settings = BorderlessSettings()
    segments = chars_to_segments(page([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Costuri"), (440, "Indicatori")],
        [(40, "1.1 Prima acțiune"), (200, "2025"), (300, "15 000"), (440, "Număr")],
    ]), settings)
    header = find_header(segments, group_labels, settings)
    assert header.fields == ["action", "deadline", "cost_group", "indicators"] and not header.groups


@pytest.mark.libreoffice
def test_a_page_without_the_header_keeps_the_empty_sub_columns(built):
    """The table goes on over pages without its header; its pieces stitch into one table of the
    header's columns (an empty column dropped on a later page would leave its rows apart)."""
    doc, got = read(built / "merged_after-borderless.pdf")
    assert len(doc.page_methods) >= 2
    assert [t.n_cols for t in doc.tables] == [6]
    assert len(got.actions) == 36


JUSTIFIED_LABELS = {"nr.": "code", "acțiuni": "action", "termen": "deadline", "costuri": "cost", "costuri caz": "cost",
                    "număr": "code", "(spațiul": "building_space", "beneficiari,": "beneficiaries"}


def justified_labels(text: str):
    return JUSTIFIED_LABELS.get(" ".join(text.lower().split()))


def test_the_words_of_a_justified_line_are_no_header_labels():
    """A justified cell line spreads its words apart (wider than a line's cut): words the vocabulary
    knows ("(spațiul", "Număr", "beneficiari,") are no header band, nor the end of a label's lines."""
    settings = BorderlessSettings()
    head = [(40, "Nr."), (100, "Acțiuni"), (300, "Termen"), (368, "Costuri")]
    # words 7 points apart: wider than a line's cut (5.4), narrower than a gutter (8.6)
    body = [[(40, "1."), (100, "Întreținerea centrului"), (356, "În"), (372, "caz"), (392.5, "de")],
            [(100, "copiilor"), (143, "(spațiul"), (186, "prietenos"), (300, "Număr"), (335, "beneficiari,")],
            [(40, "2."), (100, "Dotarea școlii"), (300, "2026"), (356, "-")]]
    segments = chars_to_segments(page([head, *body]), settings)
    assert len({round(s.top) for s in segments if s.text.strip() in ("În", "caz", "de")}) == 1
    header = find_header(segments, justified_labels, settings)
    assert header.fields == ["code", "action", "deadline", "cost"]
    assert header.bottom < 100 + PITCH  # "caz" under "Costuri" is the body's, not the label's
    assert find_header(segments, justified_labels, settings, below=header.bottom + 1) is None


def test_a_group_label_over_the_bodys_first_row_is_a_column():
    """``Costuri`` names a group, but the text right under it is the first row's cell (the other
    columns hold the row's text on that line, no label's): one column, the header ending above."""
    settings = BorderlessSettings()
    segments = chars_to_segments(page([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Costuri"), (440, "Indicatori")],
        [(40, "1.1 Prima acțiune"), (200, "Anual"), (300, "În caz de necesitate"), (440, "Număr")],
    ]), settings)
    header = find_header(segments, group_labels, settings)
    assert header.fields == ["action", "deadline", "cost_group", "indicators"] and not header.groups
    assert header.bottom < 100 + PITCH


def test_heading_rows_closing_a_page_stay_in_the_table_that_goes_on():
    """Three heading rows (a section, a general and a specific objective, one of them wrapped)
    close the page; the next page goes on with the table's rows, no header repeated: the headings
    are the table's and the table stays open for the next page."""
    from planuri.extract.borderless.pages import BorderlessReader

    head = [(40, "Nr."), (100, "Acțiuni"), (300, "Termen"), (440, "Indicatori")]
    rows = []
    for i in range(4):
        rows += [[(40, f"{i + 1}."), (100, f"Acțiunea numărul {i + 1}"), (300, "2025"), (440, "Număr de acțiuni")]]
    headings = [[(40, "II. SERVICII DIN DOMENIUL SOCIAL ADRESATE COPIILOR ȘI FAMILIILOR")],
                [(40, "Obiectiv general 2: Asigurarea accesibilității copiilor la asistență socială")],
                [(40, "Obiectiv specific 2.1:")],
                [(40, "Toți copiii aflați în dificultate vor avea acces la serviciile sociale ale municipiului")]]
    height = 100 + PITCH * (1 + len(rows) + len(headings)) + 40
    first = page([head, *rows, *headings])
    second = page([[(40, f"{5 + i}."), (100, f"Acțiunea numărul {5 + i}"), (300, "2026"), (440, "Număr")]
                   for i in range(4)], top=40)
    reader = BorderlessReader(justified_labels, BorderlessSettings())
    tables = reader.tables(first, 600, height, (), next_page=lambda: (second, 600, height, ()))
    assert len(tables) == 1 and reader.open is not None
    assert max(r[3] for r in tables[0]) > 100 + PITCH * (len(rows) + len(headings))


def test_a_repeated_header_takes_the_columns_its_fullest_page_shows():
    """The first page holds the header and only a heading row under it (no gutter to see); the
    next page repeats the header over full rows: its columns are the ones its body shows, not the
    first page's guess (the deadline, set left of its centred label, stays out of the action)."""
    from planuri.extract.borderless.pages import BorderlessReader

    head = [(40, "Nr."), (120, "Acțiuni"), (300, "Termen"), (440, "Indicatori")]
    first = page([head, [(40, "Domeniul educației")]])
    rows = [[(40, f"{i}."), (80, f"Acțiunea numărul {i}"), (262, "2025-2027"), (400, "Număr de acțiuni")]
            for i in range(1, 9)]
    second = page([head, *rows], top=40)
    reader = BorderlessReader(justified_labels, BorderlessSettings())
    reader.tables(first, 600, 700, ())
    tables = reader.tables(second, 600, 700, ())
    xs = sorted({round(x) for r in tables[0] for x in (r[0], r[2])})
    assert any(170 < x < 262 for x in xs), xs  # the action's right side, before the deadline's text


def test_a_letter_cut_off_a_group_labels_last_word_is_no_sub_label():
    """Generated seed 4492 (borderless, narrow columns): ``Cost estimativ`` in a column too narrow
    for its last word ends ``estimati`` / ``v``; the lone letter under it named no funding
    source, so the label heads no sub-columns, and the first row's cell under it (``Din
    fondurile …``) is the body's -- a sub-label read there took the first row into the header."""
    from planuri.extract.borderless.groups import is_sub_label

    assert not is_sub_label("v") and not is_sub_label(" i ")
    assert is_sub_label("BL") and is_sub_label("Surse APL") and is_sub_label("2025") and not is_sub_label("15 000")
    settings = BorderlessSettings()
    segments = chars_to_segments(page([
        [(40, "Acțiuni"), (200, "Termen"), (300, "Costuri"), (440, "Indicatori")],
        [(310, "v")],
        [(300, "Din")],
        [(40, "1.1 Prima acțiune"), (200, "Anual"), (300, "fondurile"), (440, "Număr")],
    ]), settings)
    header = find_header(segments, group_labels, settings)
    assert header.fields == ["action", "deadline", "cost_group", "indicators"] and not header.groups
    assert header.bottom < 100 + 2 * PITCH
