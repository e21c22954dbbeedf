"""Images of pages (.png, .jpg, .tif, multi-page TIFF): OCR of every frame."""
from __future__ import annotations

import io

from ..errors import ReadError
from ..model import RawDocument
from .ocr import ocr_pages
from .pdf import PAGE_SEPARATOR


def read_image(path, data: bytes, sha256: str) -> RawDocument:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = []
        for frame in ImageSequence.Iterator(image):
            buffer = io.BytesIO()
            frame.convert("L").save(buffer, format="PNG")
            frames.append(buffer.getvalue())
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(path, f"not a readable image ({exc})") from None
    texts = ocr_pages(frames, path)
    page_starts, offset = [], 0
    for text in texts:
        page_starts.append(offset)
        offset += len(text) + len(PAGE_SEPARATOR)
    return RawDocument(str(path), sha256, PAGE_SEPARATOR.join(texts), "ocr", page_starts=page_starts,
                       ocr_pages=set(range(1, len(texts) + 1)))
