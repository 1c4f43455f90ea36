"""A PDF's pages as images for the review report, rendered once with pypdfium2.

The images are named by the document's id (its content's hash), so an image already in
the report folder is the same page and is not rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from planuri.pipeline import file_sha256


@dataclass(frozen=True)
class PageSettings:
    scale: float = 1.5  # pixels per PDF point: 108 dpi, a table's 8-9 pt text readable at 100 % zoom
    quality: int = 80  # JPEG quality: text stays legible, a page ~100-200 KB (a 70-page plan ~10 MB)


@dataclass(frozen=True)
class PageImage:
    number: int  # 1-based page number
    file: str  # the image's name, in the document's report folder
    width: int  # pixels
    height: int
    points: tuple[float, float]  # the page's width and height in PDF points (the cells' boxes' frame)


def find_source(source_file: str, sha256: str, search: tuple[Path, ...]) -> Path | None:
    """The input file as given to ``planuri run`` (relative to where it ran: tried from each
    folder of ``search``), only if its bytes are still the document's."""
    path = Path(source_file)
    candidates = [path] if path.is_absolute() else [folder / path for folder in search]
    for candidate in candidates:
        if candidate.is_file() and file_sha256(candidate) == sha256:
            return candidate
    return None


def render_pages(pdf: Path, folder: Path, settings: PageSettings = PageSettings()) -> list[PageImage]:
    """Every page of ``pdf`` as ``folder/page-NNN.jpg`` (kept when already there)."""
    import pypdfium2 as pdfium

    folder.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    try:
        out = []
        for index in range(len(document)):
            name = f"page-{index + 1:03d}.jpg"
            target = folder / name
            if target.is_file():
                with Image.open(target) as image:
                    size = image.size
            else:
                page = document[index]
                image = page.render(scale=settings.scale).to_pil().convert("RGB")
                size = image.size
                tmp = target.with_suffix(".tmp")
                image.save(tmp, "JPEG", quality=settings.quality, optimize=True)
                tmp.replace(target)
                page.close()
            out.append(PageImage(index + 1, name, size[0], size[1],
                                 (size[0] / settings.scale, size[1] / settings.scale)))
        return out
    finally:
        document.close()
