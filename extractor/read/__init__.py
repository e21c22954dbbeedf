"""Readers: the only stage that touches files. Each returns a RawDocument.

read(path) picks the reader from the file's suffix (and its first bytes for PDFs),
and raises ReadError with a one-line reason for anything it cannot read.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import ReadError
from ..model import RawDocument
from .text import decode_text
from .markdown import strip_markdown

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
PDF_SUFFIXES = {".pdf"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | PDF_SUFFIXES | IMAGE_SUFFIXES

DEFAULT_MAX_BYTES = 200 * 1024 * 1024


def is_supported(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gold.json"):
        return False
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def read(path, max_bytes: int = DEFAULT_MAX_BYTES, ocr_workers: int | None = None) -> RawDocument:
    """The RawDocument of a file. max_bytes bounds what is read (a clear error past it);
    ocr_workers caps the Tesseract processes of one file (a batch of N workers gives each a share)."""
    path = Path(path)
    if not path.exists():
        raise ReadError(path, "no such file")
    if path.is_dir():
        raise ReadError(path, "is a directory")
    size = path.stat().st_size
    if size == 0:
        raise ReadError(path, "empty file")
    if size > max_bytes:
        raise ReadError(path, f"file of {size} bytes is over the limit of {max_bytes} bytes")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror or exc}") from None
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()

    if suffix in PDF_SUFFIXES or data[:5] == b"%PDF-":
        from .pdf import read_pdf  # pdf libraries load only when a PDF comes

        return read_pdf(path, data, sha256, workers=ocr_workers)
    if suffix in IMAGE_SUFFIXES:
        from .image import read_image

        return read_image(path, data, sha256, workers=ocr_workers)
    text = decode_text(path, data)
    if suffix in MARKDOWN_SUFFIXES:
        return RawDocument(str(path), sha256, strip_markdown(text), "markdown")
    return RawDocument(str(path), sha256, text, "text")


def read_string(text: str, name: str = "<text>") -> RawDocument:
    """A RawDocument for text given in memory (extract("...") in Python)."""
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return RawDocument(name, sha256, text, "text")
