"""DOCX runs -> text as displayed, in document order.

``pieces(el)`` walks an element's runs once and yields their text: ``w:t``, tabs and
breaks, the glyph of a ``w:sym`` symbol, and check boxes as ☐ / ☒ -- a content control
check box (``w14:checkbox``), a legacy form field (``FORMCHECKBOX``: ``w:ffData/w:checkBox``)
or a box drawn in a symbol font (Wingdings ``þ``, Wingdings 2 ``£``).  Deleted text, field
codes and the fallback copy Word writes of every text box (``mc:Fallback``) are left out.
A text box (``w:txbxContent``) or a table met on the way is yielded as its element, for
the reader to place as blocks of their own where they stand.
"""

from __future__ import annotations

from typing import Iterator

from docx.oxml.ns import qn
from lxml import etree

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W_P, W_R, W_T, W_TBL = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:tbl")
W_SDT, W_SDT_CONTENT, W_SYM, W_FLD_CHAR = qn("w:sdt"), qn("w:sdtContent"), qn("w:sym"), qn("w:fldChar")
W_TXBX = qn("w:txbxContent")
CHECKED, UNCHECKED = "☒", "☐"
SIMPLE = {qn("w:tab"): " ", qn("w:br"): "\n", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
NOT_SHOWN = {qn("w:pPr"), qn("w:rPr"), qn("w:sdtPr"), qn("w:sdtEndPr"), qn("w:del"), qn("w:moveFrom"),
             qn("w:instrText"), qn("w:delText"), qn("w:delInstrText"), f"{{{MC}}}Fallback"}
# check boxes drawn as a symbol font's glyph (w:sym, code without Word's 0xF000 offset) -> its state
SYMBOL_BOXES = {
    ("wingdings", 0x6F): UNCHECKED, ("wingdings", 0x70): UNCHECKED, ("wingdings", 0x71): UNCHECKED,
    ("wingdings", 0x72): UNCHECKED, ("wingdings", 0xA8): UNCHECKED,  # □, bold □, ❑, ❒, ◻
    ("wingdings", 0x78): CHECKED, ("wingdings", 0xFD): CHECKED, ("wingdings", 0xFE): CHECKED,  # ⌧, ☒, ☑
    ("wingdings 2", 0xA3): UNCHECKED,  # □
    ("wingdings 2", 0x52): CHECKED, ("wingdings 2", 0x53): CHECKED, ("wingdings 2", 0x54): CHECKED,  # ☑, ⮽, ☒
}
SYMBOL_FONTS = {"wingdings", "wingdings 2", "wingdings 3", "webdings", "symbol"}
TRUE = ("1", "true", "on")


PLAIN_TAGS = (W_T, *SIMPLE)
# what only the walk below reads right; a paragraph holding none of these is read in one pass
SPECIAL_TAGS = (W_TXBX, W_TBL, W_SYM, W_FLD_CHAR, W_SDT, qn("w:del"), qn("w:moveFrom"), f"{{{MC}}}Fallback")


def pieces(el: etree._Element) -> Iterator[str | etree._Element]:
    """The displayed text of ``el``'s runs; text boxes and tables as their elements."""
    if next(el.iter(*SPECIAL_TAGS), None) is None:
        yield "".join(node.text or "" if node.tag == W_T else SIMPLE[node.tag] for node in el.iter(*PLAIN_TAGS))
        return
    yield from _walk(el)


def _walk(el: etree._Element) -> Iterator[str | etree._Element]:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in NOT_SHOWN:
            continue  # comments and processing instructions have no str tag
        if tag in (W_TXBX, W_TBL):
            yield child
        elif tag == W_T:
            yield child.text or ""
        elif tag in SIMPLE:
            yield SIMPLE[tag]
        elif tag == W_SYM:
            yield symbol_glyph(child)
        elif tag == W_FLD_CHAR:
            yield form_checkbox(child)
        elif tag == W_SDT and (box := sdt_checkbox(child)) is not None:
            yield box
        else:
            yield from _walk(child)


def symbol_glyph(sym: etree._Element) -> str:
    """A ``w:sym``: a check box as ☐ / ☒, a Unicode character as itself, another symbol-font
    glyph (a bullet, an arrow) as nothing."""
    font = (sym.get(qn("w:font")) or "").strip().lower()
    try:
        char = int(sym.get(qn("w:char")) or "", 16)
    except ValueError:
        return ""
    code = char - 0xF000 if 0xF000 <= char <= 0xF0FF else char
    if (font, code) in SYMBOL_BOXES:
        return SYMBOL_BOXES[font, code]
    if font in SYMBOL_FONTS or 0xE000 <= char <= 0xF8FF:
        return ""
    return chr(char)


def form_checkbox(fld_char: etree._Element) -> str:
    """The box of a legacy check box form field, at the field's start (any other field: nothing)."""
    if fld_char.get(qn("w:fldCharType")) != "begin":
        return ""
    box = fld_char.find(f"{qn('w:ffData')}/{qn('w:checkBox')}")
    if box is None:
        return ""
    checked = box.find(qn("w:checked"))
    if checked is not None:
        state = checked.get(qn("w:val"), "1")
    else:
        default = box.find(qn("w:default"))
        state = default.get(qn("w:val"), "0") if default is not None else "0"
    return CHECKED if state.lower() in TRUE else UNCHECKED


def sdt_checkbox(sdt: etree._Element) -> str | None:
    """The box of a content control check box (its displayed glyph is a font's business), or None."""
    box = sdt.find(f"{qn('w:sdtPr')}/{{{W14}}}checkbox")
    if box is None:
        return None
    checked = box.find(f"{{{W14}}}checked")
    state = checked.get(f"{{{W14}}}val", "1") if checked is not None else "0"
    return CHECKED if state.lower() in TRUE else UNCHECKED


def own_runs(p: etree._Element) -> Iterator[etree._Element]:
    """The runs of a paragraph itself (not those of its text boxes or fallbacks)."""
    for child in p:
        tag = child.tag
        if not isinstance(tag, str) or tag in NOT_SHOWN or tag in (W_TXBX, W_TBL):
            continue
        if tag == W_R:
            yield child
        yield from own_runs(child)


def paragraph_is_bold(p: etree._Element) -> bool:
    runs = [r for r in own_runs(p) if "".join(t.text or "" for t in r.iter(W_T)).strip()]
    if not runs:
        return False
    for r in runs:
        b = r.find(f"{qn('w:rPr')}/{qn('w:b')}")
        if b is None or b.get(qn("w:val")) in ("0", "false", "off"):
            return False
    return True
