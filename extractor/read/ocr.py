"""OCR of page images with Tesseract in French, one process per core.

Tesseract's own threading made a page five times slower on two cores, so each call runs with
OMP_THREAD_LIMIT=1 and pages run side by side in a process pool instead.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor

from ..errors import ReadError

DPI = 300


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_png(png_bytes: bytes, path="<image>", lang: str = "fra") -> str:
    """Text of one page image (PNG bytes)."""
    if not tesseract_available():
        raise ReadError(path, "needs OCR but Tesseract is not installed (run scripts/setup.sh)")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.NamedTemporaryFile(suffix=".png") as tmp:
        tmp.write(png_bytes)
        tmp.flush()
        # psm 1: automatic page segmentation with orientation and script detection (deskews rotated pages)
        proc = subprocess.run(["tesseract", tmp.name, "stdout", "-l", lang, "--psm", "1", "--dpi", str(DPI)],
                              capture_output=True, env=env, timeout=600)
    if proc.returncode != 0:
        proc = subprocess.run(["tesseract", "-", "stdout", "-l", lang, "--psm", "3"], input=png_bytes,
                              capture_output=True, env=env, timeout=600)
        if proc.returncode != 0:
            raise ReadError(path, f"OCR failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    return proc.stdout.decode("utf-8", "replace")


def ocr_pages(images: list[bytes], path="<pdf>", workers: int | None = None) -> list[str]:
    """OCR several page images in parallel (each Tesseract call is its own process)."""
    if not images:
        return []
    workers = workers or os.cpu_count() or 1
    if len(images) == 1 or workers == 1:
        return [ocr_png(img, path) for img in images]
    with ThreadPoolExecutor(max_workers=min(workers, len(images))) as pool:
        return list(pool.map(lambda img: ocr_png(img, path), images))
