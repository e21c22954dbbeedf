"""Benchmark, run on demand (not in CI): our PDF reading against the usual tools, side by side
in one run on the same files.

  text PDFs  our full extraction (extractor.api.extract_file; extractor.read.read while the
             pipeline raises NotImplementedError) and our text-layer reading alone (OCR off),
             against pdfplumber's extract_text() alone over every page
  scans      our reader (Tesseract, one process per core) against `ocrmypdf -l fra --force-ocr -j N`
             (apt install ocrmypdf; that column is skipped when it is missing)

    .venv/bin/python scripts/bench_pdf.py [--quick] [--repeat N] [--no-scans]

Files come from ../shared/corpus (dev and wild). --quick takes three scans instead of eleven.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor.errors import ExtractorError  # noqa: E402
from extractor.read import read  # noqa: E402
from extractor.read.pdf import read_pdf  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
TEXT_PATTERNS = ["dev/001*.pdf", "wild/03[7-9]*.pdf", "wild/04[01]*.pdf", "wild/05[234]*.pdf",
                 "wild/067*.pdf", "wild/048*.pdf", "wild/049*.pdf"]
SCAN_PATTERNS = ["dev/002*.pdf", "wild/04[3-7]*.pdf", "wild/059*.pdf", "wild/061*.pdf", "wild/063*.pdf",
                 "wild/065*.pdf"]
QUICK_SCAN_PATTERNS = ["dev/002*.pdf", "wild/044*.pdf", "wild/059*.pdf"]


def files(patterns) -> list[Path]:
    return sorted({p for pattern in patterns for p in CORPUS.glob(pattern)}, key=lambda p: p.name)


def timed(function, *args, repeat: int = 1) -> float:
    """Best of `repeat` wall-clock runs, in seconds (the best is the least disturbed run)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def full_extraction():
    """extract_file once the pipeline is there, read() until then."""
    from extractor.api import extract_file

    probe = CORPUS / "dev" / "001_aizac-cm-2020-03-09_DE_2020_02.pdf"
    try:
        extract_file(probe)
    except NotImplementedError:
        return "read()", read
    except ExtractorError:
        pass

    def extract_quietly(path):
        try:
            extract_file(path)
        except ExtractorError:  # a file without deliberation still costs its reading and search
            pass

    return "extract_file()", extract_quietly


def text_layer_only(path: Path):
    read_pdf(path, path.read_bytes(), "", ocr=False)


def pdfplumber_text(path: Path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.close()  # frees its layout objects, as a batch would


OCRMYPDF_TIMEOUT = 180  # 063 makes ocrmypdf 14 rasterise a 2.6-gigapixel page and fail after 6 minutes


def ocrmypdf(path: Path, jobs: int) -> str | None:
    """None when it worked, else why it failed."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            proc = subprocess.run(["ocrmypdf", "-l", "fra", "--force-ocr", "-j", str(jobs), "-q", str(path),
                                   str(Path(tmp) / "out.pdf")], capture_output=True, timeout=OCRMYPDF_TIMEOUT)
        except subprocess.TimeoutExpired:
            return f"timed out after {OCRMYPDF_TIMEOUT} s"
    if proc.returncode:
        last = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return f"exit {proc.returncode}: {last[0][:70]}"
    return None


def bench_text(repeat: int):
    label, ours = full_extraction()
    paths = files(TEXT_PATTERNS)
    raws = {p: read(p) for p in paths}  # warms imports and caches on every side
    pdfplumber_text(paths[0])
    print(f"\nText PDFs ({len(paths)} files, best of {repeat}); ours = {label}, which OCRs scanned pages too")
    print(f"{'file':44} {'pages':>5} {'ocr':>4} {'ours s':>8} {'layer s':>8} {'plumber s':>9}")
    rows = []
    for path in paths:
        raw = raws[path]
        row = (len(raw.page_starts), len(raw.ocr_pages), timed(ours, path, repeat=1 if raw.ocr_pages else repeat),
               timed(text_layer_only, path, repeat=repeat), timed(pdfplumber_text, path, repeat=repeat))
        rows.append(row)
        print(f"{path.name[:44]:44} {row[0]:5d} {row[1]:4d} {row[2]:8.3f} {row[3]:8.3f} {row[4]:9.3f}")

    def total(selected, column):
        return sum(r[column] for r in selected)

    plain = [r for r in rows if r[1] == 0]
    pages, plain_pages = total(rows, 0), total(plain, 0)
    print(f"{'all':44} {pages:5d} {total(rows, 1):4d} {total(rows, 2):8.3f} {total(rows, 3):8.3f} {total(rows, 4):9.3f}")
    print(f"pages/s, files without scanned pages ({len(plain)} files, {plain_pages} pages): "
          f"ours {plain_pages / total(plain, 2):.0f}, text layer {plain_pages / total(plain, 3):.0f}, "
          f"pdfplumber {plain_pages / total(plain, 4):.0f}")
    print(f"ratio ours {label} / pdfplumber extract_text, files without scanned pages: "
          f"{total(plain, 2) / total(plain, 4):.3f}")
    print(f"ratio our text layer (OCR off) / pdfplumber, all {pages} pages: {total(rows, 3) / total(rows, 4):.3f}")
    print(f"ratio ours {label} / pdfplumber, all files (ours also OCRs {total(rows, 1)} scanned pages): "
          f"{total(rows, 2) / total(rows, 4):.3f}")


def bench_scans(quick: bool):
    paths = files(QUICK_SCAN_PATTERNS if quick else SCAN_PATTERNS)
    jobs = os.cpu_count() or 1
    have_ocrmypdf = shutil.which("ocrmypdf") is not None
    print(f"\nScans ({len(paths)} files, one run each, {jobs} cores; ocrmypdf -j {jobs})")
    if not have_ocrmypdf:
        print("ocrmypdf is not installed (apt install ocrmypdf): its column is left empty")
    print(f"{'file':44} {'pages':>5} {'ours s':>8} {'ocrmypdf s':>10}")
    both = []  # (pages, ours, theirs) where both succeeded: the ratio compares like with like
    for path in paths:
        start = time.perf_counter()
        raw = read(path)
        ours = time.perf_counter() - start
        pages = len(raw.page_starts)
        failure, theirs = "not installed", float("nan")
        if have_ocrmypdf:
            start = time.perf_counter()
            failure = ocrmypdf(path, jobs)
            theirs = time.perf_counter() - start
        if failure is None:
            both.append((pages, ours, theirs))
        note = f"  ocrmypdf failed ({failure})" if failure and have_ocrmypdf else ""
        print(f"{path.name[:44]:44} {pages:5d} {ours:8.2f} {theirs:10.2f}{note}")
    if both:
        pages, ours, theirs = (sum(column) for column in zip(*both))
        print(f"{'both succeeded (' + str(len(both)) + ' files)':44} {pages:5d} {ours:8.2f} {theirs:10.2f}")
        print(f"pages/s: ours {pages / ours:.2f}, ocrmypdf {pages / theirs:.2f}; ratio ours / ocrmypdf {ours / theirs:.3f}")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="three scans instead of eleven")
    parser.add_argument("--repeat", type=int, default=3, help="runs per text PDF, the best is kept")
    parser.add_argument("--no-scans", action="store_true")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        sys.exit(f"bench_pdf: {CORPUS} not found (the shared corpus sits beside the checkout)")
    bench_text(args.repeat)
    if not args.no_scans:
        bench_scans(args.quick)


if __name__ == "__main__":
    main(sys.argv[1:])
