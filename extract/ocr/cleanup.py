"""Words OCR misreads in ways the words around them tell: rules read as marks, Roman numerals
read as ones or bars, straight and curly quotes, letters in the wrong case, codes with letters
for digits (``clean_line``, run on each line tesseract read)."""

from __future__ import annotations

import re

from planuri.extract.ro_text import clean


ROMAN_BEFORE = frozenset(
    "trim trim. trimestrul trimestru trimestrele sem sem. semestrul semestru etapa etapele faza cap cap. capitolul "
    "anexa anexei gradul grad nivelul nivel titlul sectiunea secțiunea partea anul".split()
)
DEBRIS = re.compile(r"^[|¦\[\]_~]+$")
# "[", "[l", "|" for I, II (``Trim |-`` ending a line: its ``IV`` on the next)
ROMAN_MISREAD = re.compile(r"^[|¦\[\]lI1]{1,3}(?=$|[,.;:]|[-–](?:[IVX]|$))")
BAR_BEFORE_ROMAN = re.compile(r"^[|¦\[\]](?=[VX](?:$|[-–,.;:)]))")
CODE_LIKE = re.compile(r"^\d{1,2}(?:\.[\dlIiOo]{1,3}){1,3}\.?[,;:]?$")
NUMBER_LIKE = re.compile(r"^[\dOo]*\d[\dOo]*(?:[.,][\dOo]+)*[.,;:]?$")
DASH_RANGE = re.compile(r"(?<=\d)—(?=\d)")
DOUBLED = re.compile(r"([ĂÂÎȘȚăâîșț])\1")  # never doubled in Romanian: one letter read twice (SĂNĂȚȚĂȚII)


def clean_word(text: str, before: str | None, after: str | None, range_from: str | None = None) -> str:
    """One OCR'd word in its line: border debris removed, common confusions undone.
    ``range_from``: the word before ``before`` when ``before`` is a dash (``I`` in ``Trim I - |||``)."""
    roman = ROMAN_MISREAD.match(text)
    if roman and ((before or "").lower() in ROMAN_BEFORE or re.match(r"^[-–]?[IVX]+\b", after or "")
                  or re.fullmatch(r"[IVX]+", range_from or "")):
        return "I" * len(roman.group(0)) + text[roman.end():]  # "Trimestrul |" is "Trimestrul I"
    text = BAR_BEFORE_ROMAN.sub("I", text)  # "|V" is IV: a bar glued to a V or an X is its I
    if text == "—":
        return "–"  # Romanian sets a spaced en dash ("2024 – 2028", "DAS – centrele"); OCR reads it long
    if DEBRIS.match(text):
        return ""  # a ruling line read as text
    text = re.sub(r"^[|¦](?=[-–][IVX])", "I", text)  # "|-IV" -> "I-IV"
    text = text.replace("$", "S")  # no dollars in a council's plan: "0.$.1.1" is "O.S.1.1"
    text = text.replace("»", "„")  # the low opening quote of Romanian, read as a guillemet
    text = re.sub(r"(?<=[A-ZĂÂÎȘȚ])\](?=$|[,.;:)])", "J", text)  # "D]" is "DJ"
    text = re.sub(r"^0(?=\.[A-ZĂÂÎȘȚ])", "O", text)  # "0.S." -> "O.S."
    text = text.strip("|¦")
    text = DASH_RANGE.sub("–", text)
    if DOUBLED.search(clean(text)):
        text = DOUBLED.sub(r"\1", clean(text))
    if CODE_LIKE.match(text):
        head, _, rest = text.partition(".")
        text = head + "." + rest.translate(str.maketrans("lIiOo", "11100"))  # "1.1.l" -> "1.1.1"
    elif NUMBER_LIKE.match(text) and any(ch in text for ch in "Oo"):
        text = text.translate(str.maketrans("Oo", "00"))  # "2O24" -> "2024"
    return text


HEADING_ROMAN = re.compile(r"^[|¦\[\]l]{1,3}\.$")  # I., II., III. of a heading in capitals, read as bars
NUMBER_COMMA = re.compile(r"^\d{1,2}(?:\.\d{1,2})*[,;]$")  # a line opening with a number and a comma (semicolon)...
SENTENCE_START = re.compile(r"^[A-ZĂÂÎȘȚ][a-zăâîșț]{3,}")  # ... before a word opening a sentence
CAPS_WORD = re.compile(r"^[A-ZĂÂÎȘȚŞŢ]{2,}[,.:;]?$")
ALONE = frozenset("aoeiAOEIVX0123456789-–—•·*„\"“(")  # one character that may open a line as read: a word, a bullet
NUMBERED = re.compile(r"^(?:[O0]\.[S$5]{1,2}\.{0,2}\d|\d{1,2}[.,;]|[IVX]{1,4}\.$)")  # a heading's number
# a Roman numeral with a misread I in it ("1V", "-1V", "V1"): never a number nor a word
ROMAN_WITH_ONES = re.compile(r"^([-–]?)([1lI|]*[VX][1lIVX|]*)([-–,.;:)]?)$")
QUARTER_WORDS = frozenset("trim trim. trimestrul trimestru trimestrele sem sem. semestrul semestru".split())


def roman_numerals(texts: list[str]) -> list[str]:
    """Misread I's in Roman numerals that follow a Roman numeral or a word that takes one
    (``Trim I - 1V``, ``TRIM I -1V``); after a quarter's or a semester's word an ``L`` is an I too
    (``Trim L-IV``: a year has no fiftieth quarter)."""
    out = list(texts)
    for i, text in enumerate(out):
        back = [t for t in out[max(0, i - 3):i] if t]
        roman_before = any(t.lower() in ROMAN_BEFORE or re.fullmatch(r"[-–]?[IVX]+[-–,]?", t) for t in back)
        m = ROMAN_WITH_ONES.match(text)
        if m and roman_before and re.search(r"[1l|]", m.group(2)):
            out[i] = m.group(1) + re.sub(r"[1l|]", "I", m.group(2)) + m.group(3)
        elif back and back[-1].lower() in QUARTER_WORDS and re.match(r"^L(?=$|[-–,]|[IV])", text):
            out[i] = "I" + text[1:]
    return out


def straight_quotes(texts: list[str]) -> list[str]:
    """Romanian quotes are „…”: a high opening quote “ is what OCR makes of a straight one, and so
    is the ” that closes it."""
    out, open_high = [], False
    for text in texts:
        if "“" in text:
            text, open_high = text.replace("“", '"'), True
        if open_high and "”" in text:
            text, open_high = text.replace("”", '"', 1), False
        out.append(text)
    return out


# the closing quote each opening one takes: Romanian „…”, English “…”, straight "…"
CLOSES = {"„": "”", "“": "”", '"': '"'}
CLOSE_READS = '"”“\'’'  # what a closing quote is read as on a scan (two of them: one mark read twice, ``"”``)


def pair_quotes(text: str) -> str:
    """A cell's closing quotes made the pair of its opening ones (``„CMF"``, ``„CMF'``,
    ``„CMF"”`` -> ``„CMF”``; ``"Ceadr-Lunga”`` -> ``"Ceadr-Lunga"``): a quote's small curl is
    the least sure thing read on a scan, the low ``„`` is not, and a council closes a quote as
    it opened it.  A ``„`` closing one (``„Tinerețe fără bătrânețe „``) is kept as written, and
    an apostrophe inside a word is no closing quote."""
    out, i, opened = [], 0, None
    while i < len(text):
        ch = text[i]
        if opened is None:
            if ch in CLOSES and (ch != '"' or i + 1 < len(text) and not text[i + 1].isspace()):
                opened = ch
            out.append(ch)
            i += 1
            continue
        if ch == "„":  # a low quote closing (as written), or opening a new one: either way it stands
            opened = None
            out.append(ch)
            i += 1
            continue
        if ch in CLOSE_READS:
            end = i + 1
            if end < len(text) and text[end] in CLOSE_READS and text[end] != ch:
                end += 1  # "”, '” : one mark read twice
            apostrophe = ch in "'’" and end < len(text) and text[end].isalpha()
            if not apostrophe and i and not text[i - 1].isspace():
                out.append(CLOSES[opened])
                opened = None
                i = end
                continue
        out.append(ch)
        i += 1
    return "".join(out)


LOWER_START = re.compile(r"^[a-zăâîșț]")
LOWER_END = re.compile(r"[a-zăâîșț],?$")
CONJUNCTION = re.compile(r"^(?:ȘI|Și|SI|Si|ŞI|Şi)(?=$|[,;:])")  # "și" read in capitals between small letters
# short words read in capitals between small letters ("copilul CU nevoi"); never an acronym in a plan
SMALL_WORD = re.compile(r"^(?:CU|LA|DE|PE|DIN|ÎN|PRIN)(?=$|[,;:])")
# a capital whose small letter has its shape (s, ș, c, o, v, w, x, z) read as a second capital
CASE_SLIP = re.compile(r"^([A-ZĂÂÎȘȚ])([SȘCOVWXZ])([a-zăâîșț]{3,}[,.;:]?)$")


def case_slips(texts: list[str]) -> list[str]:
    """Letters OCR reads in the wrong case, told by the words around them: ``și`` read ``ȘI``
    or ``Și`` (and ``cu``, ``la``, ``de`` ... read in capitals) between words in small letters or
    ending a line after one, a word's second letter read as a capital when only its size
    tells them apart (``ASigurarea``).  (``In`` for ``În`` is left as read: a council writes
    ``in`` and ``în`` side by side in one report.)"""
    out = list(texts)
    for i, text in enumerate(out):
        before = out[i - 1] if i else ""
        after = out[i + 1] if i + 1 < len(out) else ""
        small = CONJUNCTION.match(text) or SMALL_WORD.match(text)
        # between small letters; or ending its line after them (no sentence ends in "și", "cu");
        # or "ȘI" in capitals opening a line before them (a sentence may open with "Și", never "ȘI")
        if small and ((LOWER_END.search(before) and (LOWER_START.match(after) or not after))
                      or (not before and text[1:2].isupper() and LOWER_START.match(after))):
            out[i] = text[:small.end()].lower() + text[small.end():]
        elif (m := CASE_SLIP.match(text)):
            out[i] = m.group(1) + m.group(2).lower() + m.group(3)
    return out


def clean_line(texts: list[str]) -> list[str]:
    """A line's OCR'd words cleaned (``clean_word``, Roman numerals, headings' numbers, letters
    in the wrong case)."""
    out = []
    texts = straight_quotes(texts)
    read_first = texts[0].strip() if texts else ""
    for i, text in enumerate(texts):
        before = out[-1] if out and out[-1] else (texts[i - 1] if i else None)
        after = texts[i + 1] if i + 1 < len(texts) else None
        range_from = out[-2] if len(out) >= 2 and before in ("-", "–") else None
        out.append(clean_word(text.strip(), before, after, range_from))
    out = case_slips(roman_numerals(out))
    f = 0  # the line's first word
    if len(out) >= 3 and len(out[0]) == 1 and out[0] not in ALONE and (NUMBERED.match(out[1])
                                                                       or HEADING_ROMAN.match(texts[1].strip())):
        out[0], f = "", 1  # "î 0.5.2.2 DEZVOLTAREA": a speck read as a letter before a heading's number
        read_first = texts[1].strip()
    if len(out) >= f + 2 and NUMBER_COMMA.match(out[f]) and SENTENCE_START.match(out[f + 1]):
        out[f] = out[f][:-1] + "."  # "3, Asigurarea" opening a line is "3. Asigurarea": a numbered item
    if len(out) > f and out[f]:  # "O.S." (obiectiv specific) doubled, dotted twice or read with a 5
        out[f] = re.sub(r"^[O0]\.[S$5]{1,2}\.{0,2}(?=\d)", "O.S.", out[f])
    if len(out) >= f + 3 and all(CAPS_WORD.match(w) for w in out[f + 1:f + 3]):  # a heading in capitals
        # section numbers are Roman: OCR reads I as 1, or as a bar (``|.``, ``||.``: a bar is
        # stripped as a rule's debris, so the word is looked at as read)
        if HEADING_ROMAN.match(read_first):
            out[f] = "I" * (len(read_first) - 1) + "."
        elif out[f] in ("1.", "l."):
            out[f] = "I."
        out[f] = re.sub(r"^0\.5\.(?=\d)", "O.S.", out[f])  # "O.S.2.1." (obiectiv specific) read as "0.5.2.1."
    return out
