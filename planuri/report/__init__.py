"""``planuri report OUT``: a run's datasets as static web pages a person reviews offline.

``OUT/report/index.html`` lists every document; ``OUT/report/<doc_id>/index.html`` shows a
document's pages (images rendered once, loaded lazily) with each table cell's box drawn
over them, coloured by its role (cells.role), beside the actions, services and activities
read -- clicking one lights its cells -- with each issue under the row it concerns.  A
Word file's tables, and any table whose cells have no box, are drawn as HTML tables.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .assets import JS, css
from .data import DocumentView, document_views, read_output
from .html import document_html, index_html
from .pages import PageImage, PageSettings, find_source, render_pages

__all__ = ["ReportSettings", "write_report"]


@dataclass(frozen=True)
class ReportSettings:
    pages: PageSettings = field(default_factory=PageSettings)
    search: tuple[Path, ...] = ()  # folders a relative source_file is looked up from (default: cwd, OUT's parent)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def page_images(view: DocumentView, source: Path | None, folder: Path,
                settings: ReportSettings) -> tuple[list[PageImage] | None, str | None]:
    """The document's page images, or None and why they are missing (its tables are then HTML)."""
    d = view.doc
    if d["format"] != "pdf":
        return None, None
    if source is None:
        return None, (f"{d['source_file']} was not found with the same content: the tables are shown "
                      "without their pages")
    try:
        return render_pages(source, folder, settings.pages), None
    except Exception as e:  # pypdfium2 refuses the file (encrypted, damaged): the tables alone
        return None, f"the pages could not be rendered ({type(e).__name__}: {e}): the tables are shown without them"


def write_report(out: str | Path, settings: ReportSettings = ReportSettings()) -> Path:
    """Write ``OUT/report`` from the datasets in ``OUT``; returns the index page's path."""
    out = Path(out)
    if not (out / "documents").is_dir():
        raise FileNotFoundError(f"{out} holds no documents dataset (the --out folder of planuri run)")
    folder = out / "report"
    folder.mkdir(parents=True, exist_ok=True)
    search = settings.search or (Path.cwd(), out.resolve().parent)
    views = document_views(read_output(out))
    pages, sources = {}, {}
    for view in views:
        doc_id = view.doc["doc_id"]
        doc_folder = folder / doc_id
        doc_folder.mkdir(exist_ok=True)
        source = find_source(str(view.doc["source_file"]), str(view.doc["sha256"]), search)
        sources[doc_id] = os.path.relpath(source.resolve(), folder).replace(os.sep, "/") if source else None
        images, note = page_images(view, source, doc_folder, settings)
        _write(doc_folder / "index.html", document_html(view, images, note))
        pages[doc_id] = f"{doc_id}/index.html"
    _write(folder / "report.css", css())
    _write(folder / "report.js", JS)
    index = folder / "index.html"
    _write(index, index_html(views, pages, sources))
    return index
