"""Words in capitals OCR misread, put right against a Romanian dictionary.

tesseract reads body text well and bold capitals worst, and a plan's objectives are set in
them: ``PENIRU`` for PENTRU, ``COMPONENIA`` for COMPONENTA, ``CONTRIBUJIILOR`` for
CONTRIBUȚIILOR, a word cut in two (``INFANT ILĂ``). A word in capitals the dictionary does
not know is tried with the letters OCR confuses by their shape swapped (``I`` for ``T``,
``J`` for ``Ț``), and with its diacritics changed along with them; the cheapest spelling the
dictionary knows replaces it, if there is exactly one. A change of diacritics alone is not
made where nothing shows the council sets them: councils often write without them
(``ACTIVITATI``), and the text is kept as written; nor is a word that is a known one written
without its diacritics (``BALESTI``, ``INTOCMIT``) corrected into another (BĂIEȘTI, ÎNTOCMII).
In a cell (tesseract's paragraph) whose capitals carry diacritics, the breve and circumflex
tesseract drops are put back on an unknown word (``INGRIJIRE`` beside ``ÎN``; never a comma
below, which OCR keeps and such councils drop).
Acronyms (five capitals or fewer) and numbers are left as read.

Words in small letters are read well, but for an ``l`` read as ``!``, often with a space after it
(``Organizații! e``, ``beneficiari! or``): a ``!`` after a letter is an ``l``, an ``i`` or
nothing, glued to a piece in small letters after it, whichever alone makes a known word (a ``!``
ending a word with nothing glued after it is an exclamation mark).  Diacritics a word in small
letters lacks are not put back: the plans mix spellings with and without them on one page
(``Acțiuni`` beside ``activitati``, ``Numar`` beside ``Număr``), and on generated office scans
a diacritic put back where the dictionary wants one was wrong twice as often as right.  A mark
a speck made is taken off (``perșoanelor``, ``câtre``) when only without it, or with its sibling,
the word is one the dictionary knows and it has four letters or more (on the five seeds' 5517
words in small letters, one unknown word would be so changed: ``bugetării``).

The dictionary is hunspell's (Debian's ``hunspell-ro``: ``/usr/share/hunspell/ro_RO``), which
knows every inflected form through the affix rules, read by hunspell's own library
(``hunspell_lib``; a lookup in microseconds) or, without it, by spylls (pure Python, about 2 ms
a lookup).  The two answer alike but for a few short words in capitals (``BUL``, ``SI``),
which spylls takes for words and libhunspell does not: acronyms, never corrected.

``Lexicon.known``        is a word spelled right?
``Lexicon.correct``      one word -> the dictionary's spelling, or None
``Lexicon.fix_line``     a line's words -> corrected, a word glued to the one before marked None
"""

from __future__ import annotations

import heapq
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

from planuri.extract.ro_text import clean
from planuri.extract.ocr import hunspell_lib

INSTALL_HINT = "apt-get install hunspell-ro"
SEARCH_DIRS = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")

DIACRITIC = 0.5  # a diacritic changed along with a misread letter
SHAPE = 1.0  # a letter read as one of a similar shape
MAX_COST = 2.0
MAX_EDITS = 3
MIN_LENGTH = 6  # shorter words in capitals are mostly acronyms
MAX_DIACRITICS = 4  # letters tried with diacritics to tell a word written without them
MAX_TRIES = 2000  # spellings looked up for one word at most

# a capital as OCR read it -> what it may have been: (letter, cost, changes its shape)
CONFUSIONS: dict[str, list[tuple[str, float, bool]]] = {}
for _group in ("AĂÂ", "IÎ", "SȘ", "TȚ", "ÂÎ"):
    for _a in _group:
        for _b in _group:
            if _a != _b:
                CONFUSIONS.setdefault(_a, []).append((_b, DIACRITIC, False))
for _read, _meant in (("I", "T"), ("T", "I"), ("L", "I"), ("J", "Ț"), ("J", "T"), ("I", "J"),
                      ("E", "F"), ("F", "E"), ("C", "G"), ("G", "C")):
    CONFUSIONS.setdefault(_read, []).append((_meant, SHAPE, True))

LETTERS = "A-Za-zĂÂÎȘȚăâîșțŞŢşţ"
CORE = re.compile(rf"^([^{LETTERS}]*)([{LETTERS}]+)([^{LETTERS}]*)$")
SECTION_GLUED = re.compile(r"^([IVX]+)L([A-ZĂÂÎȘȚ]{4,})$")  # a heading's Roman number whose "I." became an L
# an l read as "!" after a letter: the letters before it, after it, and what follows
BANG = re.compile(rf"^([^{LETTERS}!]*)([{LETTERS}]+)!([{LETTERS}]*)([^{LETTERS}!]*)$")
BANG_READS = ("l", "i", "")  # what a "!" after a letter was
# two words joined by a dot, the second in small letters (a sentence starts with a capital): a speck
# read in the space between them ("Număr.de", "campaniilor.de"); "mun.Bălți", "M.Blanc" are not this
GLUED_DOT = re.compile(rf"^([{LETTERS}]{{2,}})\.([a-zăâîșțşţ]{{2,}})([,.;:]?)$")
ROMAN_NEXT = re.compile(r"^[-–]?[IVX]+[-–,.;:]?$")  # a Roman numeral (a quarter's, a semester's) after a word
# a word in small letters ending in a slash read as ``I`` or ``!`` (``donatorilorI ONG``, ``donatorilor! ONG``)
SLASH_READ = re.compile(rf"^([^{LETTERS}]*)([{LETTERS}]*[a-zăâîșț])([I!])$")
PIECE = re.compile(r"^([a-zăâîșț]{1,4})([,.;:/]?)$")  # a short piece in small letters a "!" split off


class Lexicon:
    """A hunspell dictionary with a memory of the words already looked up."""

    def __init__(self, dictionary):
        self._dictionary = dictionary
        self._known: dict[str, bool] = {}
        self._fixed: dict[str, str | None] = {}
        self._bare: dict[str, bool] = {}  # words already tried for their diacritics

    def known(self, word: str) -> bool:
        word = clean(word)
        hit = self._known.get(word)
        if hit is None:
            hit = self._known[word] = bool(self._dictionary.lookup(word))
        return hit

    def correct(self, word: str) -> str | None:
        """The one cheapest spelling the dictionary knows within ``MAX_COST`` of ``word`` (in
        capitals); None when the word is known, is not one to correct or the choice is not clear."""
        word = clean(word)
        if word not in self._fixed:
            worth = _worth_correcting(word) and not self.known(word) and not self.without_diacritics(word)
            found = self._cheapest(word, shapes=True, max_edits=MAX_EDITS) if worth else set()
            self._fixed[word] = next(iter(found)) if len(found) == 1 else None
        return self._fixed[word]

    def without_diacritics(self, word: str) -> bool:
        """Is ``word`` a known word written without (some of) its diacritics (``BALESTI`` for
        BĂLEȘTI, ``INTOCMIT`` for ÎNTOCMIT)?  Such a word is as the council wrote it."""
        hit = self._bare.get(word)
        if hit is None:
            hit = self._bare[word] = bool(self._cheapest(word, shapes=False, max_edits=MAX_DIACRITICS))
        return hit

    def _cheapest(self, word: str, shapes: bool, max_edits: int) -> set[str]:
        """The cheapest known spellings of ``word`` within ``MAX_COST``: with ``shapes``, those
        with at least one shape swap (diacritics may change along); without, diacritics only.
        At most ``MAX_TRIES`` spellings are looked up."""
        heap: list[tuple[float, int, int, str, bool]] = [(0.0, 0, 0, word, False)]  # cost, edits, from, text, shaped
        seen, found, best, tries = {word}, set(), None, 0
        while heap and tries < MAX_TRIES:
            cost, edits, start, text, shaped = heapq.heappop(heap)
            if best is not None and cost > best:
                break
            if edits and shaped == shapes:
                tries += 1
                if self.known(text):
                    best = cost
                    found.add(text)
                    continue
            if edits == max_edits:
                continue
            for i in range(start, len(text)):
                for meant, step, shape in CONFUSIONS.get(text[i], ()):
                    new = text[:i] + meant + text[i + 1:]
                    if (shapes or not shape) and cost + step <= MAX_COST and new not in seen:
                        seen.add(new)
                        heapq.heappush(heap, (cost + step, edits + 1, i + 1, new, shaped or shape))
        return found

    def fix_line(self, texts: list[str], around: list[str] = (), goes_on: bool = False) -> list[str | None]:
        """A line's words with misread capitals corrected; a word in capitals that belongs to
        the one before it (``INFANT ILĂ``: neither half is a word, INFANTILĂ is) is glued to it
        and its own place set to None.  An ``l`` read as ``!`` is put right, and one cut off a word and
        read as a Roman ``I`` before a Roman numeral (``Trimestru I IV``) glued back, a slash read as
        ``I`` or ``!`` ending a word put back (``donatorilorI ONG``); two known words
        joined by a dot, the second in small letters (``Număr.de``), are two words; a capital I's lost
        circumflex put back (``Intreprinderi``).  ``around``: the words carrying diacritics in the
        paragraph the line was read in (``_restore_marks``, ``_lost_initial_hat``); ``goes_on``: a
        line of that paragraph comes next (a word ending this one has a word after it there)."""
        out: list[str | None] = list(texts)
        for i, text in enumerate(texts):
            if out[i] is None:
                continue
            followed = (i + 1 < len(texts) and out[i + 1] is not None) or (i + 1 == len(texts) and goes_on)
            if "!" in text:
                self._bang(out, i)
                if out[i] == text and followed:
                    self._slash(out, i)  # no l read as "!": a slash, perhaps
                continue
            if followed and self._slash(out, i):
                continue
            dotted = GLUED_DOT.match(text)
            if dotted and self.known(dotted.group(1)) and self.known(dotted.group(2)):
                out[i] = f"{dotted.group(1)} {dotted.group(2)}{dotted.group(3)}"  # "Număr.de": a speck for a space
                continue
            if text == "I" and i and i + 1 < len(texts) and ROMAN_NEXT.match(texts[i + 1]) and self._lost_l(out, i):
                continue
            m = CORE.match(text)
            if m is not None and not m.group(2).isupper() and (mark := self._stray_mark(m.group(2))):
                out[i] = m.group(1) + mark + m.group(3)  # "perșoanelor": a speck under the s
                continue
            if m is not None and (hat := self._lost_initial_hat(m.group(2), around)):
                out[i] = m.group(1) + hat + m.group(3)  # "Intreprinderi": the circumflex of its Î lost
                continue
            if m is None or not m.group(2).isupper():
                continue
            lead, core, tail = m.groups()
            numbered = SECTION_GLUED.match(core) if i == 0 and not lead else None
            if numbered and not self.known(core) and self.known(numbered.group(2)):
                out[i] = numbered.group(1) + "I." + numbered.group(2) + tail  # "VLCOMUNICAREA": "VI." read as "VL"
                continue
            prev = out[i - 1] if i else None
            pm = CORE.match(prev) if prev else None
            if pm and not pm.group(3) and not lead and pm.group(2).isupper():
                glued = pm.group(2) + core
                if not self.known(pm.group(2)) and not self.known(core) and self.known(glued):
                    out[i - 1], out[i] = pm.group(1) + glued + tail, None
                    continue
            fixed = self.correct(core)
            if fixed is not None:
                out[i] = lead + fixed + tail
        self._restore_marks(out, around)
        return out

    def _restore_marks(self, out: list[str | None], around: list[str] = ()) -> None:
        """Marks a scan lost on capitals, in a paragraph whose capitals show the council sets them
        (a word in capitals with a diacritic, on this line or ``around`` it): a word the dictionary
        knows only with a breve or a circumflex put back (``INGRIJIRE``, ``COOPERARII``,
        ``DIZABILITAȚI``), the small marks tesseract drops.  A comma below (Ș, Ț) is never added
        so: OCR keeps it, and a council writing without diacritics drops it (``ASOCIATIA``,
        ``BALESTI`` beside ``ȘI``).  A known word is never changed: the Bacău report writes
        ``PERSOANE IN NEVOIE`` beside ``ÎN``, and ``VIAȚA`` (the life) beside ``VIAȚĂ`` (a life)."""
        caps = [(i, m) for i, t in enumerate(out) if t for m in [CORE.match(t)] if m and m.group(2).isupper()]
        if not marked_capitals(around) and not any(MARKED.search(m.group(2)) for _, m in caps):
            return
        for i, m in caps:
            lead, core, tail = m.groups()
            if len(core) >= MIN_LENGTH and not self.known(core):
                found = self._cheapest(core, shapes=False, max_edits=MAX_DIACRITICS)
                if len(found) == 1 and lost_marks_only(core, word := next(iter(found))):
                    out[i] = lead + word + tail

    def _stray_mark(self, word: str) -> str | None:
        """A word in small letters that is none for one diacritic a speck made (``perșoanelor``,
        ``șpeciale``, ``câtre``, ``Instalărea``): the one word the dictionary knows with that mark
        taken off or turned into its sibling's (ă, â); None when there is no such word or two.
        A mark is never added: councils write without them."""
        if len(word) < MIN_STRAY_LENGTH or not MARKED_SMALL.search(word) or self.known(word):
            return None
        found = {v for i, ch in enumerate(word) for other in STRAY_MARKS.get(ch, ())
                 if self.known(v := word[:i] + other + word[i + 1:])}
        return next(iter(found)) if len(found) == 1 else None

    def _lost_initial_hat(self, word: str, around: list[str]) -> str | None:
        """``Intreprinderi`` -> ``Întreprinderi``: a word opening with a capital I the dictionary
        knows only as Î (tesseract drops a capital's small circumflex), in a paragraph whose other
        words carry diacritics.  A paragraph without any is as a council wrote it (the Bacău report's
        ``Serviciul de Ingrijire la domiciliu pentru persoane varstnice``); a word in small letters
        too (``ingrijire`` beside ``îngrijire``)."""
        if not INITIAL_I.match(word) or not any(MARKED_SMALL.search(w) for w in around if w != word):
            return None
        hatted = "Î" + word[1:]
        return hatted if not self.known(word) and self.known(hatted) else None

    def _lost_l(self, out: list[str | None], i: int) -> bool:
        """``Trimestru I IV``: a word's last ``l`` cut off by a wide letter gap and read as a Roman
        one before a Roman numeral (two numerals never stand side by side): glued back, when the
        word with it is a known word."""
        pm = CORE.match(out[i - 1] or "")
        if pm is None or pm.group(3) or not pm.group(2)[-1].islower() or not self.known(pm.group(2) + "l"):
            return False
        out[i - 1], out[i] = pm.group(1) + pm.group(2) + "l", None
        return True

    def _slash(self, out: list[str | None], i: int) -> bool:
        """``donatorilorI ONG``, ``donatorilor! ONG`` -> ``donatorilor/ ONG``: a word in small
        letters ending in a capital ``I`` or a ``!``, with a word after it, whose letters before the
        mark make a known word and with an ``l`` for the mark do not, ended in a slash."""
        m = SLASH_READ.match(out[i] or "")
        if m is None:
            return False
        lead, left, _mark = m.groups()
        if not self.known(left) or self.known(left + "l") or self.known(left + "i"):
            return False
        out[i] = lead + left + "/"
        return True

    def _bang(self, out: list[str | None], i: int) -> None:
        """``Organizații! e`` -> ``Organizațiile`` (the piece after it glued on, its place None),
        ``fami!ia`` -> ``familia``: the one reading of the ``!`` that makes a known word.  A ``!``
        ending a word with no piece after it is an exclamation mark, kept."""
        m = BANG.match(out[i] or "")
        if m is None:
            return
        lead, left, right, tail = m.groups()
        after = out[i + 1] if i + 1 < len(out) else None
        piece = PIECE.match(after) if after and not right and not tail else None
        if not right and not piece:
            return
        readings = [(left + mark + piece.group(1), piece.group(2)) if piece else (left + mark + right, tail)
                    for mark in BANG_READS]
        known = [r for r in readings if self.known(r[0])]
        if len(known) != 1:
            return
        word, end = known[0]
        out[i] = lead + word + end
        if piece:
            out[i + 1] = None


MARKED = re.compile("[ĂÂÎȘȚ]")
MARKED_SMALL = re.compile("[ăâîșțşţ]")
INITIAL_I = re.compile("^I[a-zăâîșț]{3,}$")  # a word in small letters after a capital I
MIN_STRAY_LENGTH = 4  # a shorter word has too many neighbours a mark apart (the plan's own "Toț copiii" is no "Tot")
# a mark a speck made -> what the letter was (tesseract writes the cedilla forms too)
STRAY_MARKS = {"ă": "aâ", "â": "aă", "î": "i", "ș": "s", "ț": "t", "ş": "s", "ţ": "t"}
LOST_MARKS = {("A", "Ă"), ("A", "Â"), ("I", "Î")}  # the marks a scan loses: a breve, a circumflex


def marked_capitals(words) -> list[str]:
    """The words in capitals that carry a diacritic: a council that sets them."""
    return [t for t in words if (m := CORE.match(t)) and m.group(2).isupper() and MARKED.search(m.group(2))]


def marked_words(words) -> list[str]:
    """The words that carry a diacritic, in capitals or small letters: a paragraph that sets them."""
    return [t for t in words if MARKED.search(t) or MARKED_SMALL.search(t)]


def lost_marks_only(read: str, meant: str) -> bool:
    """Does ``meant`` differ from ``read`` only by breves and circumflexes put back?"""
    return len(read) == len(meant) and all(a == b or (a, b) in LOST_MARKS for a, b in zip(read, meant))


def _worth_correcting(word: str) -> bool:
    return word.isupper() and len(word) >= MIN_LENGTH


def find_dictionary(name: str) -> Path | None:
    """``name`` as a path (without or with ``.dic``) or a dictionary name looked for in the
    usual hunspell folders."""
    for base in (Path(name), *(Path(d) / name for d in SEARCH_DIRS)):
        stem = base.with_suffix("") if base.suffix == ".dic" else base
        if stem.with_suffix(".dic").is_file() and stem.with_suffix(".aff").is_file():
            return stem
    return None


@lru_cache(maxsize=4)
def load_lexicon(name: str) -> Lexicon | None:
    """The lexicon for a hunspell dictionary, loaded once per process; None when it is not
    installed."""
    stem = find_dictionary(name)
    if stem is None:
        return None
    if hunspell_lib.available():  # hunspell's own library: a lookup in microseconds (``hunspell_lib``)
        return Lexicon(hunspell_lib.HunspellLibrary(stem))
    from spylls.hunspell import Dictionary

    return Lexicon(Dictionary.from_files(str(stem)))


def dictionary_lookup(name: str) -> Callable[[str], bool] | None:
    """The Romanian dictionary's word lookup (hunspell, loaded once per process), or None; a
    word written without (some of) its diacritics is known too."""
    lexicon = load_lexicon(name)
    if lexicon is None:
        return None
    # a council may write without diacritics (``actiunii``): such a word is a word all the same
    # (the diacritics are looked for on capitals, the letters OCR confuses)
    return lambda word: lexicon.known(word) or lexicon.without_diacritics(word.upper())
