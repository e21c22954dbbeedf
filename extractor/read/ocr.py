"""OCR of page images with Tesseract in French, one Tesseract process per core.

requires: grayscale page images (PIL)   assigns: OcrPage(text with its line breaks, confidence)

Why this shape:
- Tesseract's own OpenMP threading made a page five times slower on two cores, so every call
  runs with OMP_THREAD_LIMIT=1 and pages run side by side, one process each (OcrPool).
- A page is deskewed by a cheap projection profile before OCR (a few degrees of skew cost
  Tesseract some words); a page read with low confidence is checked for 90/180/270 degree
  rotation (Tesseract OSD) and read again, so the common upright page pays for one run only.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DPI = 300  # pages are rendered at 300 dpi: Tesseract reads body text best around that size
LANG = "fra"
TIMEOUT_SECONDS = 300  # a single page; a hung Tesseract must not hang a batch
LOW_CONFIDENCE = 60  # mean word confidence below which a page may be rotated (upright pages read 85-95)
MAX_SKEW_DEGREES = 5.0
MIN_SKEW_DEGREES = 0.3  # Tesseract copes with less; rotating the image would only blur it
MIN_INK_SHARE = 0.005  # below half a percent of dark pixels a page holds no lines of text


class OcrError(Exception):
    """Tesseract is missing, lacks French, or failed on a page; the readers turn it into ReadError."""


@dataclass
class OcrPage:
    text: str
    confidence: float  # mean word confidence 0-100, -1 when no word was found
    skew: float = 0.0  # degrees the image was turned before reading
    rotation: int = 0  # 0, 90, 180, 270: orientation fixed after OSD


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    proc = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60)
    return frozenset(line.strip() for line in proc.stdout.splitlines()[1:])


def check_tesseract(lang: str = LANG) -> None:
    """Raise OcrError with the fix when Tesseract or its language data is missing."""
    if shutil.which("tesseract") is None:
        raise OcrError("needs OCR but Tesseract is not installed (scripts/setup.sh installs it)")
    if lang not in _installed_languages():
        raise OcrError(f"needs OCR but Tesseract has no '{lang}' data (apt package tesseract-ocr-{lang})")


def tesseract_available(lang: str = LANG) -> bool:
    try:
        check_tesseract(lang)
    except OcrError:
        return False
    return True


def _env() -> dict:
    return dict(os.environ, OMP_THREAD_LIMIT="1")


def estimate_skew(image) -> float:
    """Angle (degrees, counter-clockwise) that makes the text lines of `image` horizontal.

    Projection profile: the ink summed per row is sharpest when lines are level. Done on a
    quarter-size black/white copy, coarse (1 degree) then fine (0.1 degree): about 0.1 s a page.
    """
    import numpy as np
    from PIL import Image

    small = image.convert("L")
    small = small.resize((max(1, small.width // 4), max(1, small.height // 4)), Image.BILINEAR)
    ink = small.point(lambda v: 255 if v < 160 else 0)
    if np.asarray(ink).mean() < 255 * MIN_INK_SHARE:
        return 0.0  # a blank page (or a seal on one): no lines to level

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.NEAREST, fillcolor=0), dtype=np.float32).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 1.0), key=sharpness)
    fine = max(np.arange(max(coarse - 0.9, -MAX_SKEW_DEGREES), min(coarse + 0.9, MAX_SKEW_DEGREES) + 0.01, 0.1),
               key=sharpness)
    return round(float(fine), 1)


def deskew(image):
    """(image turned level, angle turned); the image itself when the skew is negligible."""
    from PIL import Image

    angle = estimate_skew(image)
    if abs(angle) < MIN_SKEW_DEGREES:
        return image, 0.0
    return image.rotate(angle, resample=Image.BILINEAR, fillcolor=255), angle


def _run_tesseract(image, dpi: int, lang: str, workdir: Path) -> tuple[str, float]:
    """One Tesseract run writing both the text and the word table (for the confidence)."""
    source = workdir / "page.pgm"  # uncompressed: written in ~15 ms where PNG takes ~150 ms
    image.save(source)
    base = workdir / "out"
    command = ["tesseract", str(source), str(base), "-l", lang, "--psm", "3", "--dpi", str(dpi), "txt", "tsv"]
    try:
        proc = subprocess.run(command, capture_output=True, env=_env(), timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise OcrError(f"OCR of a page took over {TIMEOUT_SECONDS} s") from None
    if proc.returncode != 0:
        raise OcrError(f"OCR failed: {proc.stderr.decode('utf-8', 'replace').strip()[:200]}")
    # Tesseract ends a page with a form feed; pages are joined by the readers, so drop it
    text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace").rstrip("\f \n")
    return text, _mean_confidence(base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace"))


def _mean_confidence(tsv: str) -> float:
    scores = []
    for line in tsv.splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) == 12 and cells[11].strip():
            try:
                score = float(cells[10])
            except ValueError:
                continue
            if score >= 0:
                scores.append(score)
    return sum(scores) / len(scores) if scores else -1.0


def _osd_rotation(image, workdir: Path) -> int:
    """Clockwise degrees that make the page upright per Tesseract OSD; 0 when unsure."""
    source = workdir / "osd.pgm"
    image.save(source)
    try:
        proc = subprocess.run(["tesseract", str(source), "-", "--psm", "0", "--dpi", str(DPI)],
                              capture_output=True, text=True, env=_env(), timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return 0
    fields = dict(line.split(":", 1) for line in proc.stdout.splitlines() if ":" in line)
    try:
        rotate, confidence = int(fields["Rotate"]), float(fields["Orientation confidence"])
    except (KeyError, ValueError):
        return 0  # too few characters to tell: keep the page as it is
    return rotate if rotate in (90, 180, 270) and confidence >= 1.0 else 0


def ocr_image(image, dpi: int = DPI, lang: str = LANG, fix_skew: bool = True) -> OcrPage:
    """Text of one page image, its line breaks kept. Raises OcrError."""
    check_tesseract(lang)
    image = image if image.mode == "L" else image.convert("L")
    skew = 0.0
    if fix_skew:
        image, skew = deskew(image)
    with tempfile.TemporaryDirectory(prefix="delib-ocr-") as tmp:
        workdir = Path(tmp)
        text, confidence = _run_tesseract(image, dpi, lang, workdir)
        page = OcrPage(text, confidence, skew)
        # a page on its side still yields "words", read with low confidence (~40 against 80-95)
        if 0 <= confidence < LOW_CONFIDENCE:
            rotation = _osd_rotation(image, workdir)
            if rotation:
                # PIL turns counter-clockwise, OSD's answer is clockwise
                turned_text, turned_confidence = _run_tesseract(image.rotate(-rotation, expand=True), dpi, lang, workdir)
                if turned_confidence > confidence:
                    page = OcrPage(turned_text, turned_confidence, skew, rotation)
    return page


class OcrPool:
    """Pages OCR'd side by side, one Tesseract process per core, results in submission order.

    submit() blocks while 2 x workers pages are waiting, so a 300-page scan does not hold
    300 rendered pages (9 MB each at 300 dpi) in memory at once.
    """

    def __init__(self, workers: int | None = None, dpi: int = DPI, lang: str = LANG):
        check_tesseract(lang)
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.dpi, self.lang = dpi, lang
        # threads only wait on Tesseract processes: the pages really run one process per core
        self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="ocr")
        self._pending: deque[Future] = deque()
        self._done: list[Future] = []

    def submit(self, image, dpi: int | None = None) -> None:
        while len(self._pending) >= 2 * self.workers:
            self._pending[0].result()
            self._done.append(self._pending.popleft())
        self._pending.append(self._executor.submit(ocr_image, image, dpi or self.dpi, self.lang))

    def results(self) -> list[OcrPage]:
        """Every submitted page, in order; raises the first page's OcrError."""
        futures = self._done + list(self._pending)
        self._done, self._pending = [], deque()
        return [future.result() for future in futures]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def ocr_images(images, workers: int | None = None, dpi: int = DPI) -> list[OcrPage]:
    """OCR several page images in parallel; results in the order given."""
    with OcrPool(workers, dpi) as pool:
        for image in images:
            pool.submit(image)
        return pool.results()
