"""Romanian text primitives shared by extraction and normalization.

Two kinds of operations, never mixed:

* *cleaning* keeps the text as written but canonical: NFC, cedilla ş ţ Ş Ţ mapped
  to comma-below ș ț Ș Ț, ligature glyphs (ﬁ ﬂ) spelled out, invisible characters removed;
* *folding* produces a matching key only (diacritics removed, case folded,
  whitespace collapsed) and is never stored as data.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

FOLDS_KEPT = 1 << 16  # texts whose folded key is remembered
CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "ţ": "ț", "Ş": "Ș", "Ţ": "Ț"})
# characters with no visible form that some writers leave in text
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
# Latin typographic ligatures (U+FB00-FB06: ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ), written by PDF printers (Chromium/Skia)
# as one glyph: spelled out as their compatibility letters (NFKC of these characters only, so that
# ș ț ă â î and every other letter stay as they are) and the text is searchable
LIGATURES = {cp: unicodedata.normalize("NFKC", chr(cp)) for cp in range(0xFB00, 0xFB07)}
# the three in one table (no output of one is another's input): one pass over the text
_CLEANING = {**CEDILLA_TO_COMMA, **INVISIBLE, **LIGATURES}

# An action/objective code at the start of a text: "1.1.1", "2.11.", "1.1.", "10.1", "3." before
# a capitalised word.  A bare number followed by a space ("5 asistenți") is not a code.
CODE_RE = re.compile(
    r"^\s*(?P<code>\d{1,2}(?:\.\d{1,3}){1,3}\.?(?![\d.])|\d{1,2}\.(?=\s*[A-ZĂÂÎȘȚŞŢ(„\"]))"
)


def clean(text: str) -> str:
    """NFC, comma-below s/t, ligatures spelled out, no invisible characters; line breaks and
    spelling kept."""
    if not text.isascii():  # ASCII text is NFC and holds none of the characters mapped
        text = unicodedata.normalize("NFC", text).translate(_CLEANING)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def collapse(text: str) -> str:
    """All whitespace runs (line breaks included) to one space, trimmed."""
    return " ".join(text.split())


@lru_cache(maxsize=FOLDS_KEPT)
def fold(text: str) -> str:
    """Matching key: no diacritics (comma-below, cedilla or none alike), case folded,
    whitespace collapsed, surrounding punctuation dropped.  (Remembered: labels and cell texts
    are folded again and again.)"""
    bare = clean(text)
    if not bare.isascii():
        bare = "".join(ch for ch in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(ch))
    return collapse(bare.casefold()).strip(" .:;,-–—*")


def leading_code(text: str) -> str | None:
    """The code an action or objective text starts with, as written (``"1.2."``), or None."""
    m = CODE_RE.match(text)
    return m.group("code") if m else None


def split_code(text: str) -> tuple[str | None, str]:
    """``"1.1.1 Încheierea ..."`` -> ``("1.1.1", "Încheierea ...")``; the trailing dot is dropped."""
    m = CODE_RE.match(text)
    if not m:
        return None, text.strip()
    return m.group("code").rstrip(".").strip(), text[m.end():].strip()


def is_integer_label(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}\.?", text.strip()))


def is_number_row(cells) -> bool:
    """A row numbering the table's columns, ``1 2 3 … n`` (``1. 2. 3.`` too): its filled cells (objects
    with ``text``, in column order), two or more, each a one- or two-digit number, consecutive.
    The one rule of the header reader (normalize.header, normalize.rows) and of the page stitcher
    (extract.stitch, which drops the number row repeated at a page's top): a table has fewer than 100
    columns, and a row of years (``2024 2025 2026``) or of counts is data, never a column numbering."""
    texts = [c.text.strip().rstrip(".") for c in cells if c.text.strip()]
    if len(texts) < 2 or not all(is_integer_label(t) for t in texts):
        return False
    nums = [int(t) for t in texts]
    return nums == list(range(nums[0], nums[0] + len(nums)))


MIN_NUMBERS_READ = 3  # column numbers a scanned number row must show read right, in place
MAX_MISREAD_SHARE = 0.25  # ... and the share of its cells OCR may have misread (``3 *``, ``-`` for 7)


def is_scanned_number_row(cells) -> bool:
    """A column-number row as OCR may read it: its cells in column order, most of them the
    numbers their places give (``1 2 3 * 4 5 6 -``: a mark beside the 3, the 7 read as a dash),
    the others a mark or two.  For the row right under a header only (elsewhere a row of
    counts could look so)."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    if is_number_row(cells) or len(texts) < MIN_NUMBERS_READ:
        return is_number_row(cells)
    digits = [re.sub(r"[^\w]", "", t).rstrip(".") for t in texts]
    placed = [(i, int(d)) for i, d in enumerate(digits) if is_integer_label(d)]
    junk = [t for (t, d) in zip(texts, digits) if not is_integer_label(d)]
    return (len(placed) >= MIN_NUMBERS_READ and all(len(t) <= 2 for t in junk)
            and len(junk) <= MAX_MISREAD_SHARE * len(texts)
            and len({n - i for i, n in placed}) == 1)


# a text whose last word is one of these stops mid-sentence
DANGLING = frozenset(
    "a al ale cu de din după fără în între la pe pentru prin privind sau spre și ori către ca că care ce "
    "unei unui unor asupra dintre față o un iar precum".split()  # (and the articles: ``pentru o``)
)


def ends_mid_sentence(text: str) -> bool:
    """Does the text stop in the middle of a sentence: after a dangling word (``în``,
    ``pentru``, ``și``… in any case, with or without diacritics), or a comma?"""
    words = text.rstrip().split()
    if not words:
        return False
    last = words[-1]
    return last.endswith(",") or fold(last) in DANGLING_FOLDED


DANGLING_FOLDED = frozenset(fold(w) for w in DANGLING)


def starts_lower(text: str) -> bool:
    """Does ``text`` go on from text above: its first letter small, only punctuation, or the rest of
    a range cut before its dash (``-`` / ``2027`` under ``2025``; a dash before a word is a list's)."""
    stripped = text.strip()
    if stripped[:1] in "-–" and stripped[1:].lstrip()[:1].isdigit():
        return True
    for ch in stripped:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return False
    return True  # only punctuation: a fragment


def continues_text(above: str, below: str, marks: bool = True) -> bool:
    """Does ``below`` (first line on a new page) carry on the sentence ``above`` stops in: after
    a comma or a hyphen (with ``marks``), or, when it starts with a small letter, after a
    dangling word?"""
    last = above.rstrip().split()[-1:] if above.strip() else []
    if not last or not below.strip():
        return False
    if marks and last[0][-1] in CONTINUING_MARKS and last[0][:-1][-1:].isalnum():
        return True  # "beneficiari," "2025-" (a lone "-" is a cell's "none")
    return starts_lower(below) and last[0].lower() in DANGLING


CONTINUING_MARKS = ",;-–"  # a cell's text ending in one of these stops mid-sentence (or mid-list: ``DS; IMSP;``)


LIST_MARK = re.compile(r"(?:^|(?<=\s))([a-z]|\d{1,2})\)(?=\s)")


def continues_list(above: str, below: str) -> bool:
    """Does ``below`` start with the next item of a list ``above`` is in (``a) 2 mii lei;`` /
    ``b) 2,500 lei``)?  A cell of its own starts its list at the first item."""
    first = LIST_MARK.match(below.lstrip())
    marks = LIST_MARK.findall(above)
    if first is None or not marks:
        return False
    last, nxt = marks[-1], first.group(1)
    if last.isdigit() and nxt.isdigit():
        return int(nxt) == int(last) + 1
    return last.isalpha() and nxt.isalpha() and ord(nxt) == ord(last) + 1


def closes_parenthesis(above: str, below: str) -> bool:
    """Does ``below`` close a parenthesis ``above`` leaves open (``(50`` / ``ani, 60 ani) și``)?"""
    if above.count("(") <= above.count(")"):
        return False
    close, open_ = below.find(")"), below.find("(")
    return close >= 0 and (open_ < 0 or close < open_)


def goes_on_word(line: str, nxt: str) -> bool:
    """Can ``nxt`` start with the rest of a word cut at the end of ``line``: a small letter after a
    word in small letters, capitals after a word in capitals (``FINANȚA`` + ``RE``)?  A word in
    capitals goes on in capitals: ``RESPONSABILĂ`` + ``generală`` is a label and the body's first
    line under it, not one word."""
    last, first = (line.split() or [""])[-1], (nxt.split() or [""])[0]
    if sum(ch.isalpha() for ch in last) > 1 and last.isupper():
        return first.isalpha() and first.isupper()
    return nxt[:1].islower()
