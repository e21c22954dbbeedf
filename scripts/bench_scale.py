"""Benchmark at scale, run on demand (not in CI), one run, figures printed side by side:

  (b) N synthetic deliberations (`delib synth`) extracted in one batch with 1 worker, then with
      2: wall time, deliberations/s, peak memory of the whole process tree, speed-up;
  (c) the Dask engine on a local cluster against the local engine on the same M files:
      same outputs (deliberations.jsonl byte for byte), and the time ratio;
  (d) a 1 MB adversarial text (scripts/adversarial.py): seconds to extract.

    .venv/bin/python scripts/bench_scale.py [--deliberations 100000] [--dask-files 10000] [--work DIR]

(a), full extraction against dateparser, is scripts/bench_text.py.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as f:
                    stack.extend(int(child) for child in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(command: list[str]) -> tuple[float, int]:
    """-> (seconds, peak memory of the process tree in bytes)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]

    def sample():
        while process.poll() is None:
            peak[0] = max(peak[0], tree_rss(process.pid))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    process.wait()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with {process.returncode}")
    return time.perf_counter() - start, peak[0]


def extract(inputs: Path, out: Path, *options: str) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    return run([PYTHON, "-m", "extractor", "extract", str(inputs), "-o", str(out), "-q", "--format", "jsonl", *options])


def count_lines(path: Path) -> int:
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deliberations", type=int, default=100_000)
    parser.add_argument("--dask-files", type=int, default=10_000)
    parser.add_argument("--work", default="/tmp/delib-bench-scale")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)

    corpus = work / "synth"
    if not corpus.exists():
        start = time.perf_counter()
        subprocess.run([PYTHON, "-m", "extractor", "synth", str(args.deliberations), "-o", str(corpus), "--seed", "1"],
                       cwd=ROOT, check=True)
        print(f"synth: {args.deliberations} deliberations written in {time.perf_counter() - start:.0f} s")
    files = sum(1 for _ in corpus.rglob("*.txt"))

    print(f"(b) {args.deliberations} synthetic deliberations in {files} files")
    results = {}
    for workers in (1, 2):
        seconds, peak = extract(corpus, work / f"out-{workers}", "--workers", str(workers))
        found = count_lines(work / f"out-{workers}" / "deliberations.jsonl")
        results[workers] = seconds
        print(f"    {workers} worker(s): {seconds:8.1f} s, {found / seconds:7.0f} deliberations/s, "
              f"{found} deliberations, peak memory {peak / 2**20:6.0f} MiB (whole process tree)")
    print(f"    speed-up 1 -> 2 workers: {results[1] / results[2]:.2f}x")

    subset = work / "dask-inputs"
    if not subset.exists():
        subset.mkdir()
        for i, path in enumerate(sorted(corpus.rglob("*.txt"))[: args.dask_files]):
            folder = subset / f"{i // 1000:04d}"
            folder.mkdir(exist_ok=True)
            os.link(path, folder / path.name)
    local, _ = extract(subset, work / "out-local", "--workers", "2")
    dask, _ = extract(subset, work / "out-dask", "--workers", "2", "--engine", "dask")
    same = (work / "out-local" / "deliberations.jsonl").read_bytes() == (work / "out-dask" / "deliberations.jsonl").read_bytes()
    print(f"(c) {args.dask_files} files, 2 workers: local {local:.1f} s, dask (local cluster) {dask:.1f} s, "
          f"ratio {dask / local:.2f}x; same outputs: {same}")

    sys.path.insert(0, str(ROOT / "scripts"))
    from adversarial import adversarial_text

    from extractor import extract as extract_text

    text = adversarial_text(1_000_000)
    start = time.perf_counter()
    extract_text(text)
    print(f"(d) 1 MB adversarial text: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
