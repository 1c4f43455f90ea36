"""Borderless PDFs laid out in ways the samples are not, built with the layout generator's
``Style`` (samples/layout_spec.py): cells set in the middle of their rows, a shaded header, a
running header over a table that goes on without repeating its header, justified text.  Each
borderless PDF must give the actions of the DOCX it was exported from (read by the DOCX
reader, which sees the document's own grid)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import convert_to_pdf, sha
from layout_spec import Style
from planuri.extract import extract
from planuri.extract.pdf.furniture import furniture_boxes
from planuri.normalize import normalize_document
from planuri.pipeline import header_label
from sample_render import build_docx

COMPARED = ("section", "general_objective", "specific_objective", "domain", "measure", "action_code", "action",
            "responsible", "partners", "deadline", "indicators", "result")

WORDS = ("consolidarea", "serviciilor", "sociale", "pentru", "persoanele", "vârstnice", "din", "municipiu",
         "organizarea", "campaniilor", "informare", "și", "sprijin", "familiilor", "tinerilor")


def words(n: int, start: int) -> str:
    return " ".join(WORDS[(start + i) % len(WORDS)] for i in range(n))


def plan_rows(n: int, every: int = 7, objective=lambda i: f"{i // 7 + 1}: {words(9, i)}",
              action=lambda i: words(4 + 9 * (i % 4), i),
              responsible=lambda i: "Primăria" if i % 3 else f"Direcția {words(5, i + 3)}",
              partners=lambda i: f"ONG {words(2 + 5 * (i % 2), i + 5)}",
              indicators=lambda i: [f"Număr de {words(3 + (i + k) % 3, i + k)}" for k in range(1 + i % 3)]) -> list:
    """Rows of every height (by default actions of one to five lines beside cells of one line,
    indicators of one to three paragraphs), an objective heading every ``every`` rows."""
    rows: list = []
    for i in range(n):
        if i % every == 0:
            rows.append({"heading": "specific_objective", "text": f"Obiectiv specific {objective(i)}"})
        rows.append({"code": f"1.{i + 1}", "cells": [
            f"1.{i + 1} {action(i).capitalize()}", responsible(i), partners(i), "2025-2027", "\n".join(indicators(i)),
        ]})
    return rows


def plan_spec(rows: list, widths=(8.0, 4.0, 5.0, 2.6, 6.0)) -> dict:
    return {"blocks": [
        {"p": "PLANUL DE ACȚIUNI"},
        {"table": {"kind": "plan", "widths": list(widths), "size": 10,
                   "header": [["Acțiuni specifice", "Structuri responsabile", "Parteneri", "Termene de realizare",
                               "Indicatori"]],
                   "fields": ["action", "responsible", "partners", "deadline", "indicators"], "rows": rows}},
    ]}


def merged_objective_spec(objective=lambda o: f"{o}.{words(6 + 3 * (o % 2), o).capitalize()}",
                          action=lambda o, a: f"{o}.{a}.{words(5 + 4 * ((o + a) % 3), o + a).capitalize()}",
                          actions=lambda o: range(1, 2 + o % 3), deadline: str = "Trimestrul IV an.2024",
                          labels=("Activități (obiective specifice)",
                                  "Direcții de acțiuni pentru realizarea obiectivului"),
                          widths=(6.0, 7.0, 4.0, 3.0, 6.0)) -> dict:
    """An objective merged over the actions it groups (vertically merged cells)."""
    rows = []
    for o in range(1, 5):
        for a in actions(o):
            rows.append({"code": f"{o}.{a}.", "cells": [
                objective(o) if a == 1 else "^", action(o, a), f"DS; {words(1 + a, o)}", deadline,
                f"Numărul de {words(4 + 5 * (a % 2), o * a)}",
            ]})
    return {"blocks": [{"table": {
        "kind": "plan", "widths": list(widths), "size": 10,
        "header": [[*labels, "Parteneri", "Termen de realizare", "Indicatori"]],
        "fields": ["specific_objective", "action", "partners", "deadline", "indicators"], "rows": rows}}]}


def uneven_rows(n: int) -> list:
    """Rows of very different heights: an indicators cell of many paragraphs beside an action of
    a few lines and a responsible body of one or two, so that cells set in the middle of their
    rows put the lines of one column half a line step off those of the next."""
    return plan_rows(n, every=6, objective=lambda i: f"1.{i // 6 + 1}: {words(12, i)}",
                     action=lambda i: words(6 + 5 * (i % 3), i),
                     responsible=lambda i: "Primăria Bălți" if i % 2 else f"Primăria Bălți, Direcția {words(3 + i % 4, i)}",
                     partners=lambda i: f"ONG, {words(3 + 4 * (i % 3), i + 2)}",
                     indicators=lambda i: [f"Număr de {words(2 + (i + k) % 4, i + k)}" for k in range(2 + (3 * i) % 7)])


def short_merged_spec() -> dict:
    """Objectives of one short line merged over two actions of three lines each: set in the
    middle of their rows, an objective's line stands alone between its two rows."""
    return merged_objective_spec(objective=lambda o: f"{o}. {words(2, o).capitalize()}",
                                 action=lambda o, a: f"{o}.{a}. {words(16, o + a).capitalize()}",
                                 actions=lambda o: (1, 2), deadline="2025-2027",
                                 labels=("Obiective specifice", "Acțiuni"), widths=(5.0, 6.0, 4.0, 3.0, 5.0))


def foot_header_spec(filler: int) -> dict:
    """A table whose two-row header (a group label over two funding sources, a label of three
    lines in a narrow column) starts ``filler`` lines down the first page: as ``filler`` grows
    the header closes the page, then is cut by the page break, then starts the next."""
    rows = [{"code": f"1.{i}.", "cells": [
        "1. Obiectivul specific unu" if i == 1 else "^", f"1.{i}. {words(8, i).capitalize()}",
        f"Primăria {words(1, i)}", "2025-2027", "-", "în limita resurselor", f"Numărul de {words(2, i)}"]}
        for i in range(1, 9)]
    return {"blocks": [
        *({"p": f"{k + 1}) {words(6, k).capitalize()}."} for k in range(filler)),
        {"table": {
            "kind": "plan", "widths": [4.0, 7.0, 4.0, 2.0, 2.6, 2.6, 4.0], "size": 11,
            "header": [["Obiective specifice", "Acțiuni", "Instituția responsabilă", "Termenul de executare",
                        {"text": "Costuri, lei", "span": 2}, "Indicatori"],
                       ["^", "^", "^", "^", "Surse APL", "Alte surse", "^"]],
            "fields": ["specific_objective", "action", "responsible", "deadline", "cost", "cost", "indicators"],
            "rows": rows}}]}


def style(**kw) -> Style:
    return Style(**{"page": "A4", "landscape": True, "margins": (1.5, 1.5, 1.5, 1.5), "font": "Liberation Serif",
                    "size": 11, **kw})


CASES = {
    "centred": (plan_spec(plan_rows(16)), style(valign="center")),
    "centred_merged": (merged_objective_spec(), style(valign="center")),
    "shaded_header": (plan_spec(plan_rows(8)), style(header_fill="BFBFBF")),
    # a table over three pages whose header is not repeated, under a running header
    "running_header": (plan_spec(plan_rows(40)), style(running_header="PROIECT", repeat_header=False)),
    "justified": (plan_spec(plan_rows(12), widths=(5.0, 3.0, 4.0, 2.6, 4.0)), style(align="justify")),
    "centred_short_merged": (short_merged_spec(), style(valign="center")),
    # cells in the middle of rows of very different heights, over several pages (cut rows)
    "centred_uneven": (dict(plan_spec(uneven_rows(24), widths=(6.0, 3.0, 4.5, 2.2, 7.0))), style(valign="center", align="justify")),
    # objectives merged over many actions, split by the page breaks
    "centred_long_merged": (merged_objective_spec(actions=lambda o: range(1, 3 + 5 * (o % 2))), style(valign="center")),
    # the header at every place around the first page's foot: whole there, cut by the break, or
    # starting the next page (not repeated)
    **{f"foot_header_{n}": (foot_header_spec(n), style(repeat_header=False)) for n in range(23, 30)},
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("layouts")
    plain = []
    for name, (spec, st) in CASES.items():
        spec = dict(spec, name=name)
        build_docx(spec, folder / f"{name}.docx", style=st)
        plain.append(folder / f"{name}-borderless.docx")
        build_docx(spec, plain[-1], borders=False, style=st)
    convert_to_pdf(plain, folder)
    return folder


def read(path: Path):
    doc = extract(path, sha(path), labels=header_label)
    return doc, normalize_document(doc)


def fields(norm) -> list[dict]:
    return [{k: " ".join(str(a[k] or "").split()) for k in COMPARED} for a in norm.actions]


@pytest.mark.parametrize("name", sorted(CASES))
def test_borderless_layout_gives_the_docx_actions(built, name):
    _, want = read(built / f"{name}.docx")
    doc, got = read(built / f"{name}-borderless.pdf")
    assert "borderless" in doc.page_methods and set(doc.page_methods) <= {"borderless", "text"}
    assert len(want.actions) >= 8
    assert fields(got) == fields(want)


def test_centred_cells_are_recognised(built):
    doc, got = read(built / "centred-borderless.pdf")
    assert not [i for i in doc.issues if i.code == "borderless-alignment-guessed"]
    assert len(got.actions) == len(read(built / "centred.docx")[1].actions)


def test_shaded_header_is_no_ruled_table(built):
    doc, _ = read(built / "shaded_header-borderless.pdf")
    assert "ruled" not in doc.page_methods


def test_running_header_is_furniture_on_every_page(built):
    path = built / "running_header-borderless.pdf"
    boxes = furniture_boxes(path)
    doc, _ = read(path)
    assert len(doc.page_methods) >= 3 and sorted(boxes) == list(range(1, len(doc.page_methods) + 1))
    cells = [c.text for t in doc.tables for c in t.cells]
    assert cells and not any("PROIECT" in text for text in cells)


def test_a_repeated_header_row_is_no_furniture(built):
    """A table header repeated at the top of every page stands at the same place on each: it
    holds a run per column, so it is not taken for a running header."""
    path = built / "centred-borderless.pdf"
    doc, _ = read(path)
    assert len(doc.page_methods) >= 2
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[1]
        labels = [c for c in page.chars if c["text"] == "I" and c["top"] < 0.2 * float(page.height)]
    boxes = furniture_boxes(path).get(2, [])
    assert labels and not any(b[0] - 1 <= c["x0"] <= b[2] + 1 and b[1] - 1 <= c["top"] <= b[3] + 1
                              for c in labels for b in boxes)
