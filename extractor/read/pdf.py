"""PDFs: the text layer page by page with pypdfium2 (about a millisecond a page), and OCR for
pages that are scans: no text layer, a text layer that is only a prefecture stamp laid over
the scan (a "hybrid"), or too little text for a page covered by an image.

requires: PDF bytes   assigns: RawDocument(text, page_starts, ocr_pages, reader "pdf"/"ocr"/"pdf+ocr")

pdfplumber is not used: its layout analysis costs ~60 ms a page against ~1 ms here, and the
deliberations of the corpus read in the right order from pdfium's content-stream order.
"""
from __future__ import annotations

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import regex

from ..errors import ReadError
from ..model import RawDocument
from .ocr import DPI, OcrError, OcrPool

PAGE_SEPARATOR = "\n\f\n"

# Below this many letters (outside stamp lines) a page has no text worth the name: OCR it
# when there is anything drawn on it. Up to MIN_PAGE_LETTERS, OCR it only when an image
# covers most of it (a scan with a few typed words over it). A typed page holds far more.
NO_TEXT_LETTERS = 40
MIN_PAGE_LETTERS = 200
SCAN_COVERAGE = 0.5  # share of the page an image must cover to count as a scan

# Lines that prefecture/transmission platforms (iText, S2LOW, FAST...) stamp on every page.
_STAMP_LINE = regex.compile(
    r"^\s*(?:envoy[ée]\s+en\s+pr[ée]fecture|re[çc]u\s+en\s+pr[ée]fecture|publi[ée]\s+le|affich[ée]\s+le"
    r"|ID\s*:\s*\d{3}-|accus[ée]\s+de\s+r[ée]ception|date\s+de\s+(?:t[ée]l[ée]transmission|r[ée]ception)"
    r"|acte\s+certifi[ée]\s+ex[ée]cutoire)",
    regex.I | regex.M,
)
_LETTER = regex.compile(r"\p{L}")

# pdfium marks a hyphen that ends a line with U+FFFE (and sometimes U+0002): it is a hyphen.
# Symbol and Wingdings glyphs come out as private-use U+F0xx: list markers, save a few arrows.
_PDFIUM_FIXES = {0xFFFE: "-", 0x02: "-", **{code: "\u2022" for code in range(0xF020, 0xF100)},
                 0xF0AE: "\u2192", 0xF0E0: "\u2192", 0xF0E8: "\u2192"}


def read_pdf(path, data: bytes, sha256: str, pages: list[int] | None = None,
             ocr: bool = True, workers: int | None = None) -> RawDocument:
    """Read a PDF: text layers, and OCR of the scanned pages (in parallel, one process per core).

    pages: 1-based pages to read (all by default). A subset reads like a document made of those
    pages: page_starts and ocr_pages count the pages read, and a warning names the subset.
    ocr: False keeps scanned pages to their text layer (a quick look), with a warning each.
    workers: OCR processes at once, os.cpu_count() by default.
    Raises ReadError for anything that is not a readable PDF.
    """
    pdf = open_pdf(path, data)
    warnings: list[str] = []
    if b"%%EOF" not in data[-2048:]:
        warnings.append("PDF may be truncated (no end-of-file marker); pdfium read what it could")
    try:
        numbers = _page_numbers(path, pages, len(pdf))
        if len(numbers) < len(pdf):
            warnings.append(f"read pages {_ranges(numbers)} of {len(pdf)} only")
        texts, ocr_texts = _read_pages(pdf, numbers, ocr, workers, warnings)
    except OcrError as exc:
        raise ReadError(path, str(exc)) from None
    finally:
        pdf.close()

    for position, ocr_text in ocr_texts.items():
        # the stamp's own text (prefecture ID, dates) is exact where the OCR of it may not be
        stamp = texts[position - 1].strip()
        texts[position - 1] = ocr_text + ("\n" + stamp if stamp else "")
    text, page_starts = join_pages(texts)
    if not regex.search(r"\p{L}{3}", text):
        raise ReadError(path, "no text found in the PDF, even by OCR" if ocr else "no text layer in the PDF (OCR off)")
    if not ocr_texts:
        reader = "pdf"
    else:
        reader = "ocr" if len(ocr_texts) == len(texts) else "pdf+ocr"
    return RawDocument(str(path), sha256, text, reader, page_starts=page_starts,
                       ocr_pages=set(ocr_texts), warnings=warnings)


def _read_pages(pdf, numbers, ocr: bool, workers, warnings):
    """(text layer of each page, {position: OCR text} of the scanned ones)."""
    texts, scanned, pool = [], [], None
    try:
        for position, number in enumerate(numbers, start=1):
            text, image = _read_page(pdf, number, warnings, render=ocr)
            texts.append(text)
            if image is _NOT_RENDERED:
                warnings.append(f"page {number} looks scanned; not OCR'd (ocr=False)")
            elif image is not None:
                # OCR starts at once, in the background, while the next pages are read
                pool = pool or OcrPool(workers)
                pool.submit(image)
                scanned.append(position)
        return texts, ({position: page.text for position, page in zip(scanned, pool.results())} if pool else {})
    finally:
        if pool:
            pool.close()


def join_pages(page_texts: list[str]) -> tuple[str, list[int]]:
    """(pages joined by PAGE_SEPARATOR, offset where each page begins)."""
    starts, offset = [], 0
    for text in page_texts:
        starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    return PAGE_SEPARATOR.join(page_texts), starts


_NOT_PDF_SIGNATURES = [
    (b"<!doctype html", "an HTML page"), (b"<html", "an HTML page"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"),
    (b"PK\x03\x04", "a ZIP archive (docx, odt...)"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"{\\rtf", "an RTF document"),
]


def open_pdf(path, data: bytes) -> pdfium.PdfDocument:
    """The pdfium document, or ReadError naming what is wrong with the file."""
    header = data.find(b"%PDF-", 0, 1024)  # readers accept a little junk before the header
    if header < 0:
        head = data[:16].lstrip().lower()
        kind = next((name for sig, name in _NOT_PDF_SIGNATURES if head.startswith(sig.lower())), None)
        raise ReadError(path, f"not a PDF ({kind + ', ' if kind else ''}starts with {data[:16]!r})")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError(path, "encrypted PDF (password required)") from None
        if "security" in message:
            raise ReadError(path, "encrypted PDF (unsupported security handler)") from None
        if _declares_no_pages(data):
            raise ReadError(path, "PDF has no pages") from None  # pdfium refuses to open those
        if b"%%EOF" not in data[-2048:]:
            raise ReadError(path, "truncated or damaged PDF (it stops before its end-of-file marker)") from None
        raise ReadError(path, f"truncated or damaged PDF ({_pdfium_reason(exc)})") from None
    if len(pdf) == 0:
        pdf.close()
        raise ReadError(path, "PDF has no pages")
    return pdf


def _declares_no_pages(data: bytes) -> bool:
    """The page tree says /Count 0 and no page object is in sight (uncompressed objects only)."""
    return (regex.search(rb"/Count\s*0\b", data) is not None
            and regex.search(rb"/Count\s*[1-9]", data) is None
            and regex.search(rb"/Type\s*/Page\b(?!s)", data) is None)


def _pdfium_reason(exc: Exception) -> str:
    # "Failed to load document (PDFium: Data format error)." -> "data format error"
    match = regex.search(r"PDFium:\s*([^)]+)", str(exc))
    return (match.group(1) if match else str(exc)).strip().rstrip(".").lower()


def _page_numbers(path, pages, count: int) -> list[int]:
    if not pages:
        return list(range(1, count + 1))
    wrong = [n for n in pages if not 1 <= n <= count]
    if wrong:
        raise ReadError(path, f"no page {wrong[0]} in a PDF of {count} pages")
    return sorted(set(pages))


def _ranges(numbers: list[int]) -> str:
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(str(start) if start == previous else f"{start}-{previous}")
            start = current
    return ",".join(spans)


_NOT_RENDERED = object()  # a page that needs OCR, when OCR is off


def _read_page(pdf, number: int, warnings: list[str], render: bool = True):
    """(text layer of the page, its image at DPI when it needs OCR else None)."""
    try:
        page = pdf[number - 1]
    except pdfium.PdfiumError as exc:
        warnings.append(f"page {number}: cannot be loaded ({_pdfium_reason(exc)}), left empty")
        return "", None
    image = None
    try:
        text = page_text(page)
        if needs_ocr(page, text):
            # rendered before flattening: a stamp annotation would hide the words under it
            image = render_page(page) if render else _NOT_RENDERED
        if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
            page = _flattened(pdf, page, number)
            text = page_text(page)
    except pdfium.PdfiumError as exc:
        warnings.append(f"page {number}: damaged ({_pdfium_reason(exc)})")
        text = ""
    finally:
        page.close()
    return text, image


def page_text(page) -> str:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_PDFIUM_FIXES)


def _flattened(pdf, page, number):
    """The page with its annotations (prefecture stamps, filled fields) merged into its content.

    pdfium's text layer leaves annotations out; flattening brings their text in (as pdftotext
    shows it). Flattening invalidates the page handle, so the page is loaded again.
    """
    status = pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY)
    if status != pdfium_c.FLATTEN_SUCCESS:
        return page
    page.close()
    return pdf[number - 1]


def needs_ocr(page, text: str) -> bool:
    """True for a scanned page: its text layer, stamp lines aside, is empty or too thin."""
    letters = len(_LETTER.findall(_STAMP_LINE.sub("", text))) if text else 0
    if letters >= MIN_PAGE_LETTERS:
        return False
    coverage, drawn = _drawing(page)
    if letters < NO_TEXT_LETTERS:
        return drawn  # a blank page (or a stamp alone on one) has nothing to OCR
    return coverage >= SCAN_COVERAGE


def _drawing(page) -> tuple[float, bool]:
    """(share of the page covered by images, whether anything but text is drawn).

    Areas are summed: copiers (Sharp MX...) cut one scan into dozens of horizontal strips.
    """
    left0, bottom0, right0, top0 = page.get_bbox()
    area = max((right0 - left0) * (top0 - bottom0), 1.0)
    covered, drawn = 0.0, False
    for obj in page.get_objects(max_depth=3):
        if obj.type in (pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        drawn = True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            width = min(right, right0) - max(left, left0)
            height = min(top, top0) - max(bottom, bottom0)
            covered += max(width, 0) * max(height, 0)
            if covered >= SCAN_COVERAGE * area:
                break
    return min(covered / area, 1.0), drawn


def render_page(page):
    """Grayscale image of the page at DPI, annotations left out (their text is read exactly)."""
    bitmap = page.render(scale=DPI / 72, grayscale=True, draw_annots=False, may_draw_forms=False)
    try:
        # a copy: the bitmap's buffer belongs to pdfium, and the OCR runs in another thread
        return bitmap.to_pil().convert("L").copy()
    finally:
        bitmap.close()
