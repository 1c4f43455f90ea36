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
