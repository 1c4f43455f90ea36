"""Legacy word-processor files: recognised from their bytes, converted by LibreOffice in a
private folder (the user's file untouched), clear errors without LibreOffice or past the
time limit."""

from __future__ import annotations

import zipfile

import pytest

from conftest import build_docx, convert_to_pdf, doc_spec, require_soffice, sha, table_spec
from planuri.extract import ExtractError, extract, sniff_format
from planuri.extract.legacy import ConvertSettings, converted_to_docx

SPEC = doc_spec(table_spec([["Nr.", "Acțiuni", "Termen de realizare"]], [["1.1", "Informarea populației", "2025"]]))


@pytest.fixture(scope="module")
def legacy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("legacy")
    docx = build_docx(SPEC, folder / "decizie.docx")
    for fmt in ("doc", "odt", "rtf"):
        convert_to_pdf([docx], folder, fmt)
    return folder


@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_formats_are_recognised_from_their_bytes(legacy, tmp_path, fmt):
    renamed = tmp_path / "fara-extensie.bin"
    renamed.write_bytes((legacy / f"decizie.{fmt}").read_bytes())
    assert sniff_format(renamed) == fmt


def test_an_ole_file_that_is_not_word_is_refused(tmp_path):
    xls = tmp_path / "tabel.doc"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "Workbook".encode("utf-16-le"))
    with pytest.raises(ExtractError) as e:
        sniff_format(xls)
    assert e.value.code == "unsupported-format"


def test_a_zip_that_is_neither_docx_nor_odt_is_refused(tmp_path):
    path = tmp_path / "arhiva.odt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(ExtractError) as e:
        sniff_format(path)
    assert e.value.code == "unsupported-format"


@pytest.mark.parametrize("fmt", ["doc", "odt", "rtf"])
def test_conversion_leaves_the_users_file_alone(legacy, fmt):
    require_soffice()
    source = legacy / f"decizie.{fmt}"
    before = (source.read_bytes(), source.stat().st_mtime_ns, sorted(p.name for p in legacy.iterdir()))
    doc = extract(source, sha(source))
    assert doc.format == fmt and doc.path == str(source)
    assert [c.text.strip() for c in doc.tables[0].cells][-2:] == ["Informarea populației", "2025"]
    assert (source.read_bytes(), source.stat().st_mtime_ns, sorted(p.name for p in legacy.iterdir())) == before


def test_without_libreoffice_the_error_names_the_package(legacy):
    source = legacy / "decizie.doc"
    with pytest.raises(ExtractError) as e:
        extract(source, sha(source), convert_settings=ConvertSettings(soffice="soffice-that-is-not-here"))
    assert e.value.code == "libreoffice-missing" and "libreoffice-writer-nogui" in e.value.message


def test_a_conversion_past_its_time_limit_fails(legacy):
    require_soffice()
    with pytest.raises(ExtractError) as e:
        with converted_to_docx(legacy / "decizie.odt", "odt", ConvertSettings(timeout=0.05)):
            pass
    assert e.value.code == "conversion-timeout"
