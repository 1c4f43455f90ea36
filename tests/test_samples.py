"""The committed samples are what their transcriptions produce."""

import build_samples
from conftest import SAMPLE_FOLDERS, require_soffice


def test_every_sample_has_its_files():
    assert len(SAMPLE_FOLDERS) >= 3
    for folder in SAMPLE_FOLDERS:
        for name in (f"{folder.name}.docx", f"{folder.name}.pdf", "expected/actions.csv", "expected/costs.csv",
                     "expected/issues.csv", "expected/document.json"):
            assert (folder / name).is_file(), folder / name


def test_docx_and_expected_files_are_reproduced_exactly():
    assert build_samples.main(["--check", "--no-pdf"]) == 0


def test_pdfs_are_reproduced_by_libreoffice():
    require_soffice()
    assert build_samples.main(["--check"]) == 0


def test_expected_counts_of_the_seeds():
    """The seeds hold 79 actions in 000, 34 in 001, 55 in 002 (counted by hand in the seed texts)."""
    import json

    counts = {f.name[:3]: json.loads((f / "expected" / "document.json").read_text())["n_actions"] for f in SAMPLE_FOLDERS}
    assert (counts["000"], counts["001"], counts["002"]) == (79, 34, 55)


# --------------------------------------------------------------------------- compared by content


def _scan_with(pages, out):
    import io

    import img2pdf

    data = []
    for page in pages:
        buf = io.BytesIO()
        page.save(buf, "PNG", dpi=(200, 200))
        data.append(buf.getvalue())
    out.write_bytes(img2pdf.convert(data))
    return out


def _inked_box(page, w=150, h=40):
    """The word-sized box holding the most ink."""
    from PIL import ImageStat

    boxes = [(x, y, x + w, y + h) for y in range(0, page.height - h, h) for x in range(0, page.width - w, w)]
    return min(boxes, key=lambda box: ImageStat.Stat(page.crop(box)).mean[0])


def test_a_scan_is_compared_by_its_ink_not_its_bytes(tmp_path):
    """Another rasterizer (here: the B/W threshold moved) writes other bytes for the same scan: still the
    same; a word erased is not."""
    import sample_compare
    from sample_variants import build_scan

    folder = SAMPLE_FOLDERS[0]
    committed = folder / f"{folder.name}-scan.pdf"
    rerendered = tmp_path / "rerendered-scan.pdf"
    build_scan(folder / f"{folder.name}.pdf", rerendered, threshold=140)
    assert rerendered.read_bytes() != committed.read_bytes()
    assert sample_compare.same_content(rerendered, committed)
    pages = sample_compare.scan_pages(committed)
    pages[0].paste(255, _inked_box(pages[0]))
    assert not sample_compare.same_content(_scan_with(pages, tmp_path / "erased-scan.pdf"), committed)
    assert not sample_compare.same_content(_scan_with(pages[:-1], tmp_path / "short-scan.pdf"), committed)


def test_an_odt_is_compared_by_what_planuri_reads_of_it(tmp_path):
    """An .odt written with other bytes (another LibreOffice: other zip, other metadata) but the same
    text is the same; one with a cell's text changed is not."""
    import zipfile

    import sample_compare

    require_soffice()
    folder = SAMPLE_FOLDERS[0]
    committed = folder / f"{folder.name}.odt"

    def rewrite(out, change=lambda name, data: data):
        with zipfile.ZipFile(committed) as z, zipfile.ZipFile(out, "w") as w:
            for info in z.infolist():  # mimetype first and stored, as ODF requires
                w.writestr(info.filename, change(info.filename, z.read(info)),
                           zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED)
        return out

    same = rewrite(tmp_path / "same.odt", lambda n, d: d.replace(b"<meta:generator>", b"<meta:generator>other ")
                   if n == "meta.xml" else d)
    assert same.read_bytes() != committed.read_bytes() and sample_compare.same_content(same, committed)
    blocks = sample_compare.word_blocks(committed)
    cell_text = next(c[4] for kind, cells in blocks if kind == "table" for c in cells if len(c[4]) > 12)
    word = max(cell_text.split(), key=len).encode()
    changed = rewrite(tmp_path / "changed.odt", lambda n, d: d.replace(word, b"Schimbat", 1) if n == "content.xml" else d)
    assert not sample_compare.same_content(changed, committed)
