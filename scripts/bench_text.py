"""Benchmark, run on demand (not in CI): full extraction of text deliberations against
`dateparser.search.search_dates` alone on the same texts, side by side in one run.

    .venv/bin/python scripts/bench_text.py [FOLDER ...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from extractor import pipeline
from extractor.read import read

ROOT = Path(__file__).resolve().parents[1]


def main(argv):
    folders = [Path(a) for a in argv] or [ROOT / "corpus" / "samples", ROOT.parent / "shared" / "corpus" / "dev"]
    files = sorted({p.resolve() for f in folders if f.exists() for p in f.iterdir() if p.suffix in (".txt", ".md")})
    raws = [read(p) for p in files]
    pipeline.run(raws[0])  # compile the patterns once, as a batch would
    start = time.perf_counter()
    records = sum(len(pipeline.run(raw)) for raw in raws)
    ours = time.perf_counter() - start

    from dateparser.search import search_dates

    start = time.perf_counter()
    for raw in raws:
        search_dates(raw.text, languages=["fr"])
    theirs = time.perf_counter() - start
    n = len(raws)
    print(f"{n} text documents, {records} deliberations")
    print(f"our full extraction        : {ours:8.3f} s  ({1000 * ours / n:6.1f} ms a document)")
    print(f"dateparser search_dates    : {theirs:8.3f} s  ({1000 * theirs / n:6.1f} ms a document)")
    print(f"ratio ours / dateparser    : {ours / theirs:8.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
