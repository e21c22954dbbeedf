"""Images of pages (.png, .jpg, .tif, multi-page TIFF): OCR of every frame, one page per frame.

requires: image bytes Pillow can open   assigns: RawDocument(text, page_starts per frame, reader "ocr")
"""
from __future__ import annotations

import io

from ..errors import ReadError
from ..model import RawDocument
from .ocr import DPI, OcrError, OcrPool
from .pdf import join_pages

# A photo or a fax of 100-150 dpi is enlarged to 300 dpi: Tesseract misreads small glyphs.
MIN_DPI = 200
A4_SHORT_SIDE_INCHES = 8.27


def read_image(path, data: bytes, sha256: str, workers: int | None = None) -> RawDocument:
    """OCR of each frame of the image, frames read in parallel. Raises ReadError."""
    from PIL import Image

    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ReadError(path, "image too large to read (over Pillow's pixel limit)") from None
    except Exception:  # Pillow raises several kinds (UnidentifiedImageError, SyntaxError...)
        raise ReadError(path, f"not a readable image (starts with {data[:8]!r})") from None
    frame_count = getattr(image, "n_frames", 1)
    try:
        with OcrPool(workers) as pool:
            for index in range(frame_count):
                page, dpi = _frame(path, image, index)
                pool.submit(page, dpi)
            texts = [page.text for page in pool.results()]
    except OcrError as exc:
        raise ReadError(path, str(exc)) from None
    text, page_starts = join_pages(texts)
    if not any(t.strip() for t in texts):
        raise ReadError(path, "no text found in the image by OCR")
    return RawDocument(str(path), sha256, text, "ocr", page_starts=page_starts,
                       ocr_pages=set(range(1, len(texts) + 1)))


def _frame(path, image, index: int):
    """(grayscale copy of frame `index`, its dpi), upright per EXIF and enlarged when coarse."""
    from PIL import Image, ImageOps

    try:
        image.seek(index)
        frame = ImageOps.exif_transpose(image)  # phone photos are often stored on their side
        if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
            # transparent pixels are black underneath: lay the page on white first
            background = Image.new("RGBA", frame.size, "white")
            frame = Image.alpha_composite(background, frame.convert("RGBA"))
        gray = frame.convert("L")
        gray.load()
    except Exception as exc:  # truncated data, unsupported compression...
        raise ReadError(path, f"truncated or damaged image (frame {index + 1}: {exc})") from None
    # without a resolution, guess one from the page's short side taken as A4's 8.27 inches
    dpi = _dpi(image.info.get("dpi")) or max(50, round(min(gray.size) / A4_SHORT_SIDE_INCHES))
    if dpi < MIN_DPI:
        scale = DPI / dpi
        gray = gray.resize((round(gray.width * scale), round(gray.height * scale)), Image.LANCZOS)
        dpi = DPI
    return gray.copy(), dpi


def _dpi(value) -> int | None:
    """Horizontal resolution from Pillow's info, None when absent or absurd."""
    try:
        dpi = round(float(value[0] if isinstance(value, (tuple, list)) else value))
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if 50 <= dpi <= 1200 else None
