"""Plans printed from a web page: tiny pages built in the test, printed by headless Chromium
(samples/html_render.py), read back.  Chromium draws the rules as filled rectangles, leaves a
cell merged over several rows open where the page cuts it (no rule under it, none on top of the
continued part), repeats ``<thead>``, writes ``fi``/``fl`` as ligature glyphs and kerns the space
before a capital narrower than a fifth of the size; its own header and footer (date, title,
address, ``1/3``) are on every page."""

from __future__ import annotations

import os

import pytest

from conftest import doc_spec, sha, table_spec
from planuri.extract import extract
from planuri.extract.pdf.text import chars_to_lines, chars_to_text_lines
from planuri.normalize import normalize_document

GENERAL = "OBIECTIV GENERAL 1: PROMOVAREA VALORILOR FAMILIEI ȘI ÎNTĂRIREA ROLULUI EI"
OBJECTIVES = {
    "1.1": "1.1. Obiectiv specific: fiecare familie beneficiază de un flux informațional eficient",
    "1.2": "1.2. Obiectiv specific: profesioniștii din domeniu sunt instruiți și informați",
}
N_ACTIONS = {"1.1": 34, "1.2": 8}


def action_text(code: str, i: int) -> str:
    return (f"{code}.{i} Organizarea sesiunii nr. {i} de informare a familiilor privind serviciile "
            f"sociale disponibile în municipiu și modul de accesare a acestora")


def plan_spec(name: str) -> dict:
    rows = []
    for code, objective in OBJECTIVES.items():
        for i in range(1, N_ACTIONS[code] + 1):
            rows.append([objective if i == 1 else "^", action_text(code, i), "2025-2027",
                         f"Număr de familii informate ({i})"])
    table = table_spec([["Obiective specifice", "Acțiuni", "Termen de realizare", "Indicatori"]], rows,
                       widths=[5.0, 7.0, 2.5, 4.0], size=9)
    return dict(doc_spec({"p": GENERAL, "bold": True}, table, orientation="portrait"), name=name)


def expected_actions() -> list[tuple[str, str, str]]:
    return [(f"{code}.{i}", action_text(code, i).split(" ", 1)[1], objective)
            for code, objective in OBJECTIVES.items() for i in range(1, N_ACTIONS[code] + 1)]


STYLES = {
    "dejavu-single-thead": dict(font="DejaVu Sans", size=9, borders="single", repeat_header=True,
                                header_fill="DEEAF6", align="justify"),
    "times-thick-no-thead": dict(font="Times New Roman", size=9, borders="thick", repeat_header=False),
    "narrow-double-thead": dict(font="Liberation Sans Narrow", size=9, borders="double", repeat_header=True),
}


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    import html_render
    from layout_spec import Style

    if html_render.chromium_binary() is None:
        if os.environ.get("PLANURI_REQUIRE_CHROMIUM"):
            pytest.fail("Chromium is required here (apt-get install chromium)")
        pytest.skip("Chromium not installed (apt-get install chromium): no printed web pages to read")
    folder = tmp_path_factory.mktemp("chromium")
    pages = []
    for name, style in STYLES.items():
        spec = plan_spec(name)
        pages.append((html_render.html_document(spec, Style(page="A4", landscape=False, **style)),
                      folder / f"{name}.pdf", True))
    html_render.print_pdfs(pages)
    return folder


def read(path):
    doc = extract(path, sha(path))
    return doc, normalize_document(doc)


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_action_under_its_merged_objective_across_the_page_breaks(printed, name):
    doc, norm = read(printed / f"{name}.pdf")
    assert len({p for t in doc.tables for p in t.provenance.pages}) >= 3, "the plan should run over 3 pages"
    got = [(a["action_code"], a["action"], a["specific_objective"]) for a in norm.actions]
    assert got == expected_actions()
    assert len(doc.tables) == 1


@pytest.mark.parametrize("name", sorted(STYLES))
def test_ligatures_are_spelled_out_and_headings_keep_their_spaces(printed, name):
    _, norm = read(printed / f"{name}.pdf")
    assert {a["general_objective"] for a in norm.actions} == {GENERAL}
    text = " ".join(str(v) for a in norm.actions for v in a.values())
    assert "\ufb01" not in text and "\ufb02" not in text
    assert "flux informațional eficient" in text


def glyph(text, x0, x1, size=12.0):
    return {"text": text, "x0": x0, "x1": x1, "top": 10.0, "bottom": 10.0 + size, "size": size, "fontname": "B"}


def test_running_text_keeps_the_spaces_the_pdf_drew_however_narrow():
    # "A V" as Chromium draws it in bold capitals: the space kerned, a gap of 2.4 pt at 12 pt
    chars = [glyph(" ", 0.0, 2.7), glyph("A", 2.7, 9.8), glyph(" ", 9.5, 12.2), glyph("V", 12.2, 18.8),
             glyph(" ", 18.8, 21.5)]
    line, = chars_to_text_lines(chars)
    assert line.text == "A V"
    assert (line.x0, line.x1) == (2.7, 18.8)  # the line's extent is its ink
    assert chars_to_text_lines([glyph(" ", 0.0, 2.7)]) == []
    # the gap alone, without the space drawn, would have glued them
    assert chars_to_lines([chars[1], chars[3]])[0].text == "AV"
