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
ROUNDS = 3


def main(argv):
    folders = [Path(a) for a in argv] or [ROOT / "corpus" / "samples", ROOT.parent / "shared" / "corpus" / "dev"]
    files = sorted({p.resolve() for f in folders if f.exists() for p in f.iterdir() if p.suffix in (".txt", ".md")})
    raws = [read(p) for p in files]
    for raw in raws:  # compile every pattern once, as a long batch would: the run measures extraction
        pipeline.run(raw)
    ours, records = _best_of(ROUNDS, lambda: sum(len(pipeline.run(raw)) for raw in raws))

    from dateparser.search import search_dates

    search_dates(raws[0].text, languages=["fr"])  # its own data loaded once too
    theirs, _ = _best_of(ROUNDS, lambda: [search_dates(raw.text, languages=["fr"]) for raw in raws])
    n = len(raws)
    print(f"{n} text documents, {records} deliberations")
    print(f"our full extraction        : {ours:8.3f} s  ({1000 * ours / n:6.1f} ms a document)")
    print(f"dateparser search_dates    : {theirs:8.3f} s  ({1000 * theirs / n:6.1f} ms a document)")
    print(f"ratio ours / dateparser    : {ours / theirs:8.3f}   (best of {ROUNDS} runs each)")


def _best_of(rounds, job):
    """The shortest of a few runs: other work on the machine only ever adds time."""
    best, result = None, None
    for _ in range(rounds):
        start = time.perf_counter()
        result = job()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


if __name__ == "__main__":
    main(sys.argv[1:])
