"""PDFs: the text layer page by page (pypdfium2: about a millisecond a page), and OCR for the
pages that have none or whose only text is a prefecture stamp laid over a scan.

requires: PDF bytes      assigns: RawDocument(text, page_starts, ocr_pages, reader)
"""
from __future__ import annotations

import io

import regex

from ..errors import ReadError
from ..model import RawDocument
from .ocr import DPI, ocr_pages

PAGE_SEPARATOR = "\n\f\n"
_MIN_LETTERS = 200  # a real page of a deliberation holds far more letters than this
_STAMP_ONLY = regex.compile(r"envoy[ée]\s+en\s+pr[ée]fecture|re[çc]u\s+en\s+pr[ée]fecture|\bID\s*:\s*\d{3}-", regex.I)


def _open(path, data: bytes):
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF-"):
        raise ReadError(path, f"not a PDF (starts with {data[:8]!r})")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError(path, "encrypted PDF (password required)") from None
        if regex.search(rb"/Count\s+0\b", data) and not regex.search(rb"/Count\s+[1-9]", data):
            raise ReadError(path, "PDF has no pages") from None
        raise ReadError(path, f"truncated or damaged PDF ({exc})") from None
    if len(pdf) == 0:
        raise ReadError(path, "PDF has no pages")
    return pdf


def needs_ocr(page_text: str) -> bool:
    letters = len(regex.findall(r"\p{L}", page_text))
    if letters < _MIN_LETTERS and (letters < 40 or _STAMP_ONLY.search(page_text)):
        return True
    return False


def read_pdf(path, data: bytes, sha256: str, pages: list[int] | None = None) -> RawDocument:
    pdf = _open(path, data)
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        texts, scans = {}, {}
        for number in numbers:
            page = pdf[number - 1]
            try:
                text = page.get_textpage().get_text_range()
            except Exception as exc:  # a broken content stream: try OCR of the rendered page instead
                text = ""
                del exc
            texts[number] = text.replace("\r\n", "\n").replace("\r", "\n")
            if needs_ocr(texts[number]):
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
                buffer = io.BytesIO()
                image.save(buffer, format="PNG")
                scans[number] = buffer.getvalue()
        if scans:
            for number, text in zip(scans, ocr_pages(list(scans.values()), path)):
                stamp = texts[number].strip()
                texts[number] = text + ("\n" + stamp if stamp else "")
    finally:
        pdf.close()
    page_starts, chunks, offset = [], [], 0
    for number in numbers:
        page_starts.append(offset)
        chunks.append(texts[number])
        offset += len(texts[number]) + len(PAGE_SEPARATOR)
    text = PAGE_SEPARATOR.join(chunks)
    if not regex.search(r"\p{L}{3}", text):
        raise ReadError(path, "no text found in the PDF, even by OCR")
    reader = "ocr" if len(scans) == len(numbers) else ("pdf+ocr" if scans else "pdf")
    ocr_numbers = {numbers.index(n) + 1 for n in scans}
    return RawDocument(str(path), sha256, text, reader, page_starts=page_starts, ocr_pages=ocr_numbers)
