"""PDF, scan and image readers on real files: pypdfium2 text layers, real Tesseract, no mocks.

Broken inputs are made at test time from the fixtures (cut bytes, garbage, qpdf encryption).
The OCR tests are marked slow but run in the default suite: a few seconds in all.
"""
from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image

from extractor.errors import ReadError
from extractor.read import read
from extractor.read.ocr import tesseract_available
from extractor.read.pdf import PAGE_SEPARATOR, needs_ocr, page_text, read_pdf

DATA = Path(__file__).resolve().parent / "data" / "pdf"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEXT_PDF = DATA / "001_aizac-cm-2020-03-09_DE_2020_02.pdf"
SCAN_PDF = DATA / "002_martignargues-cm-2017-06-27_scan.pdf"
FLAUX_STAMP_ANNOTATION = SHARED / "corpus" / "wild" / "044_flaux-pv-cm-2023-03-31_scan-tampon.pdf"
FLAUX_STAMP_TEXT = SHARED / "corpus" / "wild" / "047_flaux-pv-cm-2023-11-17_scan-tampon.pdf"

needs_tesseract = pytest.mark.skipif(not tesseract_available(), reason="Tesseract with French data is not "
                                     "installed (scripts/setup.sh installs tesseract-ocr tesseract-ocr-fra)")
needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (scripts/setup.sh)")


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"../shared is absent here: {path} not found")
    return path


def merged_pdf(tmp_path: Path, *sources: Path) -> Path:
    """A PDF made of the first page of each source, in order."""
    merged = pdfium.PdfDocument.new()
    for source in sources:
        merged.import_pages(pdfium.PdfDocument(source), [0])
    path = tmp_path / "merged.pdf"
    merged.save(path)
    return path


def scan_crop(box: tuple[int, int, int, int]):
    """A part of the Martignargues scan at 300 dpi: small images OCR fast."""
    page = pdfium.PdfDocument(SCAN_PDF)[0]
    return page.render(scale=300 / 72, grayscale=True).to_pil().crop(box).copy()


# --- text layers ------------------------------------------------------------------------

def test_text_pdf_is_read_from_its_text_layer():
    raw = read(TEXT_PDF)
    assert raw.reader == "pdf" and raw.page_starts == [0] and raw.ocr_pages == set()
    assert "EXTRAIT DU REGISTRE DES DELIBERATIONS" in raw.text
    assert "\r" not in raw.text and "\f" not in raw.text
    assert raw.sha256 == hashlib.sha256(TEXT_PDF.read_bytes()).hexdigest()


def test_pages_are_joined_with_the_offset_where_each_begins(tmp_path):
    raw = read(merged_pdf(tmp_path, TEXT_PDF, TEXT_PDF))
    single = read(TEXT_PDF).text
    assert raw.text == single + PAGE_SEPARATOR + single
    assert raw.page_starts == [0, len(single) + len(PAGE_SEPARATOR)]
    assert raw.text[raw.page_starts[1]:].startswith(single[:40])


def test_pages_option_reads_a_subset_and_says_so(tmp_path):
    path = merged_pdf(tmp_path, TEXT_PDF, TEXT_PDF)
    raw = read_pdf(path, path.read_bytes(), "0" * 64, pages=[2])
    assert raw.page_starts == [0] and raw.text == read(TEXT_PDF).text
    assert raw.warnings == ["read pages 2 of 2 only"]
    with pytest.raises(ReadError, match="no page 3 in a PDF of 2 pages"):
        read_pdf(path, path.read_bytes(), "0" * 64, pages=[3])


def test_stamp_only_text_layer_over_a_scan_calls_for_ocr():
    # 047: iText wrote the prefecture stamp as text over each scanned page
    pdf = pdfium.PdfDocument(shared_file(FLAUX_STAMP_TEXT))
    page = pdf[0]
    text = page_text(page)
    assert text.startswith("Envoyé en préfecture le 21/12/2023") and len(text) < 200
    assert needs_ocr(page, text)
    assert not needs_ocr(pdfium.PdfDocument(TEXT_PDF)[0], read(TEXT_PDF).text)


# --- broken files -----------------------------------------------------------------------

@pytest.mark.parametrize("cut", [100, 3000, 0.5, 0.999])
def test_truncated_pdf(tmp_path, cut):
    data = TEXT_PDF.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * cut) if isinstance(cut, float) else cut])
    with pytest.raises(ReadError, match=r"^.*: truncated or damaged PDF \("):
        read(path)


@pytest.mark.parametrize("content, reason", [
    (b"<html><body>Not found</body></html>" * 5, r"not a PDF \(an HTML page, starts with b'<html>"),
    (bytes(range(256)) * 4, r"not a PDF \(starts with b'\\x00\\x01"),
])
def test_not_a_pdf_despite_the_name(tmp_path, content, reason):
    path = tmp_path / "download.pdf"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        read(path)


def test_pdf_without_pages(tmp_path):
    path = tmp_path / "empty.pdf"
    pdfium.PdfDocument.new().save(path)
    with pytest.raises(ReadError, match="PDF has no pages$"):
        read(path)


@needs_qpdf
def test_encrypted_pdf_needs_its_password(tmp_path):
    path = tmp_path / "locked.pdf"
    subprocess.run(["qpdf", "--encrypt", "secret", "secret", "256", "--", str(TEXT_PDF), str(path)], check=True)
    with pytest.raises(ReadError, match=r"encrypted PDF \(password required\)$"):
        read(path)


@needs_qpdf
def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    # restrictions without a user password: any reader opens it, so do we
    path = tmp_path / "restricted.pdf"
    subprocess.run(["qpdf", "--encrypt", "", "owner", "256", "--", str(TEXT_PDF), str(path)], check=True)
    assert "EXTRAIT DU REGISTRE" in read(path).text


def test_image_that_is_not_one(tmp_path):
    path = tmp_path / "scan.png"
    path.write_bytes(b"this is not a PNG at all" * 10)
    with pytest.raises(ReadError, match="not a readable image"):
        read(path)
    cut = tmp_path / "cut.png"
    buffer = io.BytesIO()
    scan_crop((0, 0, 1200, 800)).save(buffer, format="PNG")
    cut.write_bytes(buffer.getvalue()[:2000])
    with pytest.raises(ReadError, match="truncated or damaged image"):
        read(cut)


# --- OCR (real Tesseract) ---------------------------------------------------------------

@pytest.mark.slow
@needs_tesseract
def test_scanned_page_is_read_by_ocr():
    raw = read(SCAN_PDF)
    assert raw.reader == "ocr" and raw.page_starts == [0] and raw.ocr_pages == {1}
    lines = raw.text.splitlines()
    assert "COMMUNE DE MARTIGNARGUES" in lines  # the OCR keeps its line breaks
    assert "Séance du 27 juin 2017" in lines
    for words in ("Délibération du Conseil Municipal", "BROUET Sandrine", "Conseillers en fonction : 9",
                  "18 798.80 €", "Fait à Martignargues"):
        assert words in raw.text


@pytest.mark.slow
@needs_tesseract
def test_text_page_and_scanned_page_in_one_pdf(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan_crop((250, 250, 2300, 1100)).save(scan, resolution=300)  # the heading of the scan, as an image PDF
    raw = read(merged_pdf(tmp_path, TEXT_PDF, scan))
    text_page = read(TEXT_PDF).text
    assert raw.reader == "pdf+ocr" and raw.ocr_pages == {2}
    assert raw.page_starts == [0, len(text_page) + len(PAGE_SEPARATOR)]
    assert raw.text.startswith(text_page + PAGE_SEPARATOR)
    assert "MARTIGNARGUES" in raw.text[raw.page_starts[1]:]


@pytest.mark.slow
@needs_tesseract
def test_hybrid_scan_with_a_stamp_annotation_is_ocred_and_keeps_the_stamp():
    path = shared_file(FLAUX_STAMP_ANNOTATION)
    raw = read_pdf(path, path.read_bytes(), "0" * 64, pages=[1])
    assert raw.reader == "ocr" and raw.ocr_pages == {1} and raw.page_starts == [0]
    assert "Séance du 31 mars 2023" in raw.text and "Denis JUVIN" in raw.text
    # the stamp's exact text follows the OCR text, so the prefecture ID is not lost
    assert raw.text.rstrip().endswith("ID : 030-213001100-20230609-PV31032023-DE")
    assert raw.text.index("Séance du 31 mars 2023") < raw.text.index("Envoyé en préfecture le 19/06/2023")


@pytest.mark.slow
@needs_tesseract
def test_multipage_tiff_is_read_frame_by_frame(tmp_path):
    heading = scan_crop((250, 250, 2300, 750))
    session = scan_crop((700, 550, 1800, 750))
    path = tmp_path / "register.tif"
    heading.save(path, save_all=True, append_images=[session], dpi=(300, 300))
    raw = read(path)
    assert raw.reader == "ocr" and raw.ocr_pages == {1, 2} and len(raw.page_starts) == 2
    first, second = raw.text[:raw.page_starts[1]], raw.text[raw.page_starts[1]:]
    assert "COMMUNE DE MARTIGNARGUES" in first and "Séance du 27 juin 2017" in second
    assert Image.open(path).n_frames == 2
