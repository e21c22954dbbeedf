"""PDF and scan reading with the real libraries: pypdfium2 text layers, Tesseract OCR."""
import shutil
import subprocess

import pytest

from extractor.api import extract_file
from extractor.errors import ReadError
from extractor.read import read

from .conftest import DATA, shared_path

TEXT_PDF = DATA / "pdf" / "001_aizac-cm-2020-03-09_DE_2020_02.pdf"
SCAN_PDF = DATA / "pdf" / "002_martignargues-cm-2017-06-27_scan.pdf"


def test_pdf_text_layer_is_read_page_by_page():
    raw = read(TEXT_PDF)
    assert raw.reader == "pdf" and raw.page_starts == [0] and raw.ocr_pages == set()
    assert "EXTRAIT DU REGISTRE DES DELIBERATIONS" in raw.text


def test_pdf_record_carries_pages_and_reader():
    record = extract_file(TEXT_PDF)[0]
    assert record["source"]["pages"] == [1, 1]
    assert record["source"]["reader"] == "pdf" and record["source"]["ocr"] is False
    assert record["session_date"] == "2020-03-09"
    assert record["vote"]["for"] == 6
    assert record["evidence"]["session_date"]["page"] == 1


@pytest.mark.slow
def test_pdf_scan_is_read_by_ocr():
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed (scripts/setup.sh installs it)")
    record = extract_file(SCAN_PDF)[0]
    assert record["source"]["reader"] == "ocr" and record["source"]["ocr"] is True
    assert record["session_date"] == "2017-06-27"
    assert record["counts"]["in_office"] == 9
    assert any(m["name"].startswith("BROUET") and m["proxy"] for m in record["members"])


def test_pdf_hybrid_scan_with_a_stamp_only_text_layer_is_ocred():
    path = shared_path("corpus", "wild", "044_flaux-pv-cm-2023-03-31_scan-tampon.pdf")
    if not shutil.which("tesseract"):
        pytest.skip("tesseract is not installed")
    from extractor.read.pdf import read_pdf

    raw = read_pdf(path, path.read_bytes(), "0" * 64, pages=[1])
    assert raw.ocr_pages == {1}
    assert len(raw.text) > 1000  # the stamp alone is a couple of hundred characters
    assert "ID" in raw.text  # the stamp's text is kept beside the OCR


@pytest.mark.parametrize("make, reason", [
    (lambda p: p.write_bytes(TEXT_PDF.read_bytes()[:3000]), "truncated or damaged PDF"),
    (lambda p: p.write_bytes(b"<html>not a pdf</html>" * 10), "not a PDF"),
])
def test_pdf_broken_files_give_a_clear_error(tmp_path, make, reason):
    path = tmp_path / "broken.pdf"
    make(path)
    with pytest.raises(ReadError, match=reason):
        read(path)


def test_pdf_zero_pages(tmp_path):
    import pypdfium2 as pdfium

    path = tmp_path / "empty.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.save(str(path))
    with pytest.raises(ReadError, match="no pages"):
        read(path)


def test_pdf_encrypted(tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed (scripts/setup.sh installs it)")
    path = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--", str(TEXT_PDF), str(path)], check=True)
    with pytest.raises(ReadError, match="encrypted"):
        read(path)
