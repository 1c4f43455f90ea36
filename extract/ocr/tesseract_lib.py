"""Tesseract's own library (libtesseract, its C API) in this process, through ctypes.

The ``tesseract`` command costs, on every image it reads, a process start and the loading of
the language model (0.1 s), the image written to a file and decoded again, and the hOCR through a
pipe: about 0.3 s a page of the 3.5-4.5 s a generated office scan took.  The library is loaded
once a process and an ``Engine`` (a ``TessBaseAPI`` with its model) once for each thread that
reads at the same time, then kept: the pages of every document a worker reads share them.

It is the library the command itself runs (Debian's ``libtesseract5``, installed with
``tesseract-ocr``), given the same settings, so it reads exactly what the command reads
(``tests/test_tesseract_lib.py`` compares the two).  Without it (another system, another library
name) the command is used, as before.  ctypes lets Python's lock go while tesseract works, so
the pages read in background threads (``OcrReader``) run at once.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import os
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

import numpy as np

LIBRARY_NAMES = ("tesseract",)  # ctypes.util names of libtesseract
LIBRARY_FILES = ("libtesseract.so.5", "libtesseract.so.4", "libtesseract.dylib")  # tried when ctypes.util finds none


class TesseractError(Exception):
    """The library could not read an image (``timeout``: it ran past its deadline)."""

    def __init__(self, message: str, timeout: bool = False):
        super().__init__(message)
        self.timeout = timeout


@lru_cache(maxsize=1)
def _library() -> ctypes.CDLL | None:
    # tesseract's OpenMP threads only slow a page down on few cores (the command is run with the same
    # limit); OpenMP reads it once, when it is loaded -- with this library, unless another loaded it before
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    paths = [p for p in (ctypes.util.find_library(n) for n in LIBRARY_NAMES) if p] + list(LIBRARY_FILES)
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            _declare(lib)
        except (OSError, AttributeError):  # not there, or a library without the C API's functions
            continue
        return lib
    return None


def _declare(lib: ctypes.CDLL) -> None:
    handle, text, number = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures = {
        "TessBaseAPICreate": ((), handle),
        "TessBaseAPIDelete": ((handle,), None),
        "TessBaseAPIEnd": ((handle,), None),
        "TessBaseAPIInit3": ((handle, text, text), number),
        "TessBaseAPISetPageSegMode": ((handle, number), None),
        "TessBaseAPISetVariable": ((handle, text, text), number),
        "TessBaseAPISetImage": ((handle, ctypes.c_void_p, number, number, number, number), None),
        "TessBaseAPISetSourceResolution": ((handle, number), None),
        "TessBaseAPIRecognize": ((handle, handle), number),
        "TessBaseAPIGetHOCRText": ((handle, number), ctypes.c_void_p),  # freed by TessDeleteText
        "TessBaseAPIClear": ((handle,), None),
        "TessDeleteText": ((ctypes.c_void_p,), None),
        "TessMonitorCreate": ((), handle),
        "TessMonitorDelete": ((handle,), None),
        "TessMonitorSetDeadlineMSecs": ((handle, number), None),
    }
    for name, (args, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes, function.restype = args, result


def available() -> bool:
    return _library() is not None


class Engine:
    """One ``TessBaseAPI``: a language model loaded, a page segmentation mode and variables set.
    Used by one thread at a time."""

    def __init__(self, languages: str, psm: int, variables: dict[str, str]):
        lib = _library()
        if lib is None:
            raise TesseractError("libtesseract is not installed")
        self._lib, self._handle = lib, lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self._handle, None, languages.encode()) != 0:
            self.close()
            raise TesseractError(f"libtesseract could not load the language data for {languages}")
        lib.TessBaseAPISetPageSegMode(self._handle, psm)
        for name, value in variables.items():
            if not lib.TessBaseAPISetVariable(self._handle, name.encode(), value.encode()):
                self.close()
                raise TesseractError(f"libtesseract has no variable {name}")

    def hocr(self, image: np.ndarray, dpi: int, timeout: float) -> str:
        """The hOCR of a grey image (one ``ocr_page``, as the command's body holds)."""
        image = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = image.shape
        lib, handle = self._lib, self._handle
        lib.TessBaseAPISetImage(handle, image.ctypes.data, width, height, 1, width)  # (not copied: kept alive here)
        lib.TessBaseAPISetSourceResolution(handle, int(dpi))
        monitor = lib.TessMonitorCreate()
        started = time.perf_counter()
        try:
            lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout * 1000)))
            failed = lib.TessBaseAPIRecognize(handle, monitor) != 0
        finally:
            lib.TessMonitorDelete(monitor)
        if time.perf_counter() - started >= timeout:  # (past its deadline tesseract stops, with or without an error)
            lib.TessBaseAPIClear(handle)
            raise TesseractError(f"tesseract did not read a page within {timeout:.0f} s", timeout=True)
        if failed:
            lib.TessBaseAPIClear(handle)
            raise TesseractError("tesseract could not recognise the page image")
        pointer = lib.TessBaseAPIGetHOCRText(handle, 0)
        try:
            return ctypes.string_at(pointer).decode("utf-8", "replace") if pointer else ""
        finally:
            if pointer:
                lib.TessDeleteText(pointer)
            lib.TessBaseAPIClear(handle)  # (the image's results let go)

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle:
            self._lib.TessBaseAPIEnd(handle)
            self._lib.TessBaseAPIDelete(handle)


class EnginePool:
    """The process's engines, by their settings: a caller takes an idle one (or a new one is made)
    and gives it back, so each thread reading at once has its own and none is loaded twice."""

    def __init__(self):
        self._lock = threading.Lock()
        self._idle: dict[tuple, list[Engine]] = {}
        self._pid = os.getpid()

    @contextmanager
    def engine(self, languages: str, psm: int, variables: dict[str, str]) -> Iterator[Engine]:
        key = (languages, psm, tuple(sorted(variables.items())))
        with self._lock:
            if self._pid != os.getpid():  # a forked worker: the parent's engines are not its own to share
                self._idle, self._pid = {}, os.getpid()
            idle = self._idle.setdefault(key, [])
            engine = idle.pop() if idle else None
        if engine is None:
            engine = Engine(languages, psm, variables)
        try:
            yield engine
        finally:
            with self._lock:
                if self._pid == os.getpid():
                    self._idle.setdefault(key, []).append(engine)

    def close(self) -> None:
        with self._lock:
            engines = [e for idle in self._idle.values() for e in idle] if self._pid == os.getpid() else []
            self._idle = {}
        for engine in engines:
            engine.close()


ENGINES = EnginePool()
atexit.register(ENGINES.close)  # (an engine left loaded at exit makes tesseract's cache print "LEAK" warnings)
