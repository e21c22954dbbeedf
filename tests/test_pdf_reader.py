"""Records read from PDFs and scans: pages, reader and OCR flags, fields. The readers' own
behaviour (broken files, hybrids, TIFF) is tested in test_read_pdf.py."""
import shutil

import pytest

from extractor.api import extract_file

from .conftest import DATA

TEXT_PDF = DATA / "pdf" / "001_aizac-cm-2020-03-09_DE_2020_02.pdf"
SCAN_PDF = DATA / "pdf" / "002_martignargues-cm-2017-06-27_scan.pdf"


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
