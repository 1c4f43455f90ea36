"""Hunspell's own library (libhunspell, C) for looking words up, through ctypes.

spylls (pure Python, a port of hunspell) takes about 2 ms to look up a word that is not in the
dictionary, trying every affix split; the borderless reader and the cut-word rules look up tens
of thousands of candidate spellings on a plan never seen before (a diacritic put back, two
pieces glued), and that was most of a generated plan's reading time.  libhunspell answers
the same question in microseconds.  It is installed with LibreOffice (Debian's
``libhunspell-1.7-0``, listed in the Makefile's packages); without it the lexicon falls back
to spylls, which answers alike (``tests/test_ocr_lexicon.py`` compares the two)."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache
from pathlib import Path

LIBRARY_NAMES = ("hunspell-1.7", "hunspell")  # ctypes.util names of libhunspell
LIBRARY_FILES = ("libhunspell-1.7.so.0", "libhunspell.so")  # tried when ctypes.util finds none


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    paths = [p for p in (ctypes.util.find_library(n) for n in LIBRARY_NAMES) if p] + list(LIBRARY_FILES)
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        lib.Hunspell_create.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
        lib.Hunspell_create.restype = ctypes.c_void_p
        lib.Hunspell_destroy.argtypes = (ctypes.c_void_p,)
        lib.Hunspell_spell.argtypes = (ctypes.c_void_p, ctypes.c_char_p)
        lib.Hunspell_spell.restype = ctypes.c_int
        lib.Hunspell_get_dic_encoding.argtypes = (ctypes.c_void_p,)
        lib.Hunspell_get_dic_encoding.restype = ctypes.c_char_p
        return lib
    return None


def available() -> bool:
    return _library() is not None


class HunspellLibrary:
    """A hunspell dictionary (``stem``.aff and ``stem``.dic) opened by libhunspell; ``lookup``
    as spylls' ``Dictionary.lookup``: is the word a correct spelling?"""

    def __init__(self, stem: Path):
        lib = _library()
        if lib is None:
            raise OSError("libhunspell is not installed")
        aff, dic = stem.with_suffix(".aff"), stem.with_suffix(".dic")
        self._lib = lib
        self._handle = lib.Hunspell_create(str(aff).encode(), str(dic).encode())
        if not self._handle:
            raise OSError(f"libhunspell could not open {stem}")
        self._encoding = (lib.Hunspell_get_dic_encoding(self._handle) or b"UTF-8").decode("ascii", "replace")

    def lookup(self, word: str) -> bool:
        try:
            encoded = word.encode(self._encoding)
        except (UnicodeEncodeError, LookupError):
            return False  # a letter the dictionary's character set has not: no word of it
        return bool(self._lib.Hunspell_spell(self._handle, encoded))

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.Hunspell_destroy(handle)
