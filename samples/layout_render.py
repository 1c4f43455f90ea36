"""The layout generator's rendering side: variants -> files, in the forms a decision arrives in.

``docx``        python-docx (the samples' renderer with the variant's style)
``pdf``         that DOCX exported by LibreOffice (ruled tables)
``borderless``  the DOCX with its tables' rules off, exported by LibreOffice
``doc``         the DOCX saved by LibreOffice as Word 97-2003
``chromium``    the transcription as a web page, printed by headless Chromium
``scan``        the ruled PDF scanned straight and clean (``scan_degrade``)
``office-scan`` the ruled PDF scanned as a copier does: turned, soft, grey, noisy, JPEG
``borderless-scan``, ``borderless-office-scan``  the borderless PDF scanned the same two ways

LibreOffice starts once per form for a whole list of variants (a start costs seconds).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from html_render import html_document, print_pdfs
from layout_spec import Variant
from sample_render import FIXED_TIME, build_docx, soffice_binary
from scan_degrade import draw_look, scan_pdf

LO_FORMATS = {"pdf": "pdf", "borderless": "pdf", "doc": "doc", "scan": "pdf", "office-scan": "pdf",
              "borderless-scan": "pdf", "borderless-office-scan": "pdf"}


SCANNED = {"scan": False, "office-scan": True, "borderless-scan": False, "borderless-office-scan": True}  # form -> degraded


def file_name(variant: Variant) -> str:
    suffix = {"docx": ".docx", "doc": ".doc"}.get(variant.form, ".pdf")
    return variant.name + suffix


def render_all(variants: list[Variant], out_dir: Path, skip_failed: bool = False) -> dict[int, Path]:
    """Every variant rendered into ``out_dir``; seed -> file.  ``skip_failed``: a document
    LibreOffice cannot convert (it crashes on one now and then) is named on stderr and left out,
    not an error."""
    out_dir.mkdir(parents=True, exist_ok=True)
    made: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix="planuri-layouts-") as tmp:
        by_lo_form: dict[str, list[tuple[Variant, Path]]] = {}
        web = []
        for v in variants:
            target = out_dir / file_name(v)
            if v.form == "chromium":
                web.append((html_document(v.spec, v.style), target, v.style.page_numbers))
            elif v.form == "docx":
                build_docx(v.spec, target, style=v.style)
            else:
                docx = Path(tmp, v.form, v.name + ".docx")
                docx.parent.mkdir(exist_ok=True)
                build_docx(v.spec, docx, borders=not v.form.startswith("borderless"), style=v.style)
                by_lo_form.setdefault(v.form, []).append((v, docx))
            made[v.seed] = target
        for form, items in by_lo_form.items():
            scanned = form in SCANNED
            try:
                convert(LO_FORMATS[form], [docx for _, docx in items], Path(tmp, form) if scanned else out_dir)
            except RuntimeError as error:
                if not skip_failed:
                    raise
                print(f"not rendered: {error}", file=sys.stderr)
                for v, docx in items:
                    if not (Path(tmp, form) if scanned else out_dir).joinpath(
                            docx.with_suffix("." + LO_FORMATS[form]).name).exists():
                        made.pop(v.seed, None)
                items = [(v, docx) for v, docx in items if v.seed in made]
            for v, docx in items if scanned else ():
                scan_pdf(docx.with_suffix(".pdf"), out_dir / file_name(v), draw_look(v.seed, SCANNED[form]))
        if web:
            print_pdfs(web)
    missing = [p for p in made.values() if not p.exists()]
    if missing and not skip_failed:
        raise RuntimeError(f"not rendered: {', '.join(p.name for p in missing)}")
    if missing:  # LibreOffice ended without an error and without the file
        print(f"not rendered: {', '.join(p.name for p in missing)}", file=sys.stderr)
    return {seed: p for seed, p in made.items() if p.exists()}


def convert(fmt: str, files: list[Path], out_dir: Path, timeout: float = 900, attempts: int = 2) -> None:
    """``files`` converted by LibreOffice into ``out_dir``.  A batch LibreOffice fails on now and
    then (it exits 1, or leaves a file out, on a long batch whose files convert one at a time
    fine): the files not converted are tried again, then one by one, and only those it cannot
    convert alone are named in the error."""
    binary = soffice_binary()
    if binary is None:
        raise SystemExit("LibreOffice is needed for PDF and .doc renderings: apt-get install libreoffice-writer-nogui")

    def run(batch: list[Path]) -> None:
        with tempfile.TemporaryDirectory(prefix="planuri-lo-") as profile:
            env = dict(os.environ, SOURCE_DATE_EPOCH=str(int(FIXED_TIME.timestamp())), TZ="UTC")
            subprocess.run([binary, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to", fmt,
                            "--outdir", str(out_dir), *map(str, batch)],
                           check=True, capture_output=True, timeout=timeout, env=env)

    def missing(batch: list[Path]) -> list[Path]:
        return [f for f in batch if not (out_dir / f.with_suffix("." + fmt.split(":")[0]).name).exists()]

    for f in files:  # a file left by an earlier rendering is no proof of this one
        (out_dir / f.with_suffix("." + fmt.split(":")[0]).name).unlink(missing_ok=True)
    failure: subprocess.CalledProcessError | None = None
    for _ in range(attempts):
        try:
            run(missing(files))
        except subprocess.CalledProcessError as error:
            failure = error
        if not missing(files):
            return
    failed = []
    for file in missing(files):  # (a batch may also end "well" short of some of its files)
        try:
            run([file])
        except subprocess.CalledProcessError as error:
            failure = error
        if missing([file]):
            failed.append(file.name)
    if failed:
        raise RuntimeError(f"LibreOffice could not convert {', '.join(failed)}: "
                           f"{(failure.stderr or b'').decode(errors='replace')[-400:] if failure else ''}")
