"""planuri side by side with its peers on the same text PDFs, in one process (not a test:
figures for the README).

    python bench/peers.py [--repeat 3] [--only planuri,planuri-pdfplumber,pdfplumber,camelot,floor] [PDF...]

Without PDFs, the samples' text PDFs (ruled and borderless; not the scans).  Each tool reads
each file in turn, the tools interleaved, ``--repeat`` rounds; a file's time is its best
round.  Printed: ms/page for each tool over all the files, and its ratio to planuri:

- planuri: end to end with its default pdfium reader (extract + normalize + validate:
  ``planuri.pipeline.process_file``; nothing written)
- planuri-pdfplumber: the same with pdfplumber reading the pages (``--reader pdfplumber``)
- pdfplumber: ``extract_tables()`` on every page, alone
- camelot: ``camelot.read_pdf(..., flavor="lattice")`` on every page
- floor: pypdfium2 loading every page's characters (text and box) and path objects (their
  segments), through untyped ctypes calls: what any reader built on pdfium must spend
- floor-typed: the same through pypdfium2's typed bindings (the floor of stop 39's figures;
  not run unless named in ``--only``)

``--profile`` then runs planuri under cProfile on the same files and prints the top
cumulative entries.
"""

from __future__ import annotations

import argparse
import ctypes
import platform
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOOLS = ("planuri", "planuri-pdfplumber", "pdfplumber", "camelot", "floor")


def sample_pdfs() -> list[Path]:
    folders = sorted(p.parent for p in SAMPLES.glob("*/source.yaml"))
    return [f / f"{f.name}{suffix}" for f in folders for suffix in (".pdf", "-borderless.pdf")]


def run_planuri(path: Path, reader: str = "pdfium") -> None:
    from planuri.pipeline import Settings, process_file

    result = process_file(path, Settings(reader=reader))
    assert result.status in ("ok", "no-action-plan"), result.error


def run_pdfplumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def run_camelot(path: Path) -> None:
    import camelot

    camelot.read_pdf(str(path), pages="all", flavor="lattice")


def run_floor(path: Path) -> None:
    """pypdfium2 loading each page's characters (unicode and box) and path objects (segments),
    through pdfium's functions bound without ``argtypes`` (the cheapest ctypes call, as planuri's
    reader makes them: ``extract/pdf/pdfium_calls.py``)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from pypdfium2_raw import bindings

    lib = bindings._libs["pdfium"]
    get_unicode, get_box, get_type = lib["FPDFText_GetUnicode"], lib["FPDFText_GetCharBox"], lib["FPDFPageObj_GetType"]
    get_object, get_segment = lib["FPDFPage_GetObject"], lib["FPDFPath_GetPathSegment"]
    count_segments, get_point = lib["FPDFPath_CountSegments"], lib["FPDFPathSegment_GetPoint"]
    get_object.restype = get_segment.restype = ctypes.c_void_p
    pdf = pdfium.PdfDocument(str(path))
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        tp = ctypes.c_void_p(ctypes.cast(text.raw, ctypes.c_void_p).value)
        for i in range(raw.FPDFText_CountChars(text.raw)):
            get_unicode(tp, i)
            get_box(tp, i, *refs)
        pp = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
        for k in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = ctypes.c_void_p(get_object(pp, k))
            if get_type(obj) == raw.FPDF_PAGEOBJ_PATH:
                for s in range(count_segments(obj)):
                    get_point(ctypes.c_void_p(get_segment(obj, s)), px, py)
        text.close()
        page.close()
    pdf.close()


def run_floor_typed(path: Path) -> None:
    """The floor through pypdfium2's typed bindings (each call's arguments converted and
    checked): the floor as measured up to stop 39."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(str(path))
    box = [ctypes.c_double() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(len(pdf)):
        page = pdf[index]
        text = page.get_textpage()
        for i in range(raw.FPDFText_CountChars(text.raw)):
            raw.FPDFText_GetUnicode(text.raw, i)
            raw.FPDFText_GetCharBox(text.raw, i, *refs)
        for k in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, k)
            if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
                for s in range(raw.FPDFPath_CountSegments(obj)):
                    raw.FPDFPathSegment_GetPoint(raw.FPDFPath_GetPathSegment(obj, s), ctypes.byref(x), ctypes.byref(y))
        text.close()
        page.close()
    pdf.close()


RUNNERS = {
    "planuri": run_planuri,
    "planuri-pdfplumber": lambda p: run_planuri(p, "pdfplumber"),
    "pdfplumber": run_pdfplumber,
    "camelot": run_camelot,
    "floor": run_floor,
    "floor-typed": run_floor_typed,
}


def n_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def bench(paths: list[Path], tools: list[str], repeat: int) -> dict[str, float]:
    """Tool -> seconds over all the files (each file's best round)."""
    best: dict[tuple[str, Path], float] = {}
    for _ in range(repeat):
        for path in paths:
            for tool in tools:
                started = time.perf_counter()
                RUNNERS[tool](path)
                spent = time.perf_counter() - started
                best[(tool, path)] = min(spent, best.get((tool, path), spent))
    return {tool: sum(best[(tool, p)] for p in paths) for tool in tools}


def profile(paths: list[Path], top: int) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        run_planuri(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pdfs", nargs="*", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=",".join(TOOLS), help="tools to time, comma-separated")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="then print planuri's top N cProfile entries")
    args = ap.parse_args()
    paths = args.pdfs or sample_pdfs()
    tools = [t for t in args.only.split(",") if t]
    for tool in tools:  # warm-up: imports, vocabularies
        RUNNERS[tool](paths[0])
    pages = sum(n_pages(p) for p in paths)
    print(f"python {platform.python_version()} on {platform.machine()}: {len(paths)} PDFs, {pages} pages, "
          f"best of {args.repeat} rounds, tools interleaved\n")
    seconds = bench(paths, tools, args.repeat)
    base = seconds.get("planuri")
    print("| tool | ms/page | × planuri |")
    print("|---|---:|---:|")
    for tool in tools:
        ratio = f"{seconds[tool] / base:.2f}" if base else "–"
        print(f"| {tool} | {seconds[tool] * 1000 / pages:.1f} | {ratio} |")
    if args.profile:
        print()
        profile(paths, args.profile)


if __name__ == "__main__":
    main()
