"""Run a batch: decide which files need work, run them on a pool (or on Dask), store each
result as it comes, then write the outputs."""
from __future__ import annotations

import heapq
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..api import iter_inputs
from ..read import DEFAULT_MAX_BYTES
from .lock import RunLock
from .manifest import DONE, Entry, Manifest
from .outputs import write_outputs
from .pool import pool_results
from .progress import Progress, Summary
from .store import RecordStore
from .work import FileResult, extract_one, file_sha256, stat_of

_SLOWEST = 5


@dataclass
class BatchOptions:
    out: Path
    formats: list[str] = field(default_factory=lambda: ["jsonl"])
    workers: int = 0  # 0: one per core
    engine: str = "local"  # or "dask"
    scheduler: str | None = None  # a Dask scheduler's address; a local cluster when None
    max_bytes: int = DEFAULT_MAX_BYTES
    fresh: bool = False  # forget what earlier runs did
    quiet: bool = False
    scdl_options: dict = field(default_factory=dict)
    on_error: Callable[[str], None] = lambda message: None


def run_batch(paths, options: BatchOptions) -> Summary:
    """Raises OutputBusy when another run holds the output folder."""
    with RunLock(Path(options.out) / ".delib"):
        return _run(paths, options)


def _run(paths, options: BatchOptions) -> Summary:
    out = Path(options.out)
    state = out / ".delib"
    workers = options.workers or os.cpu_count() or 1
    files = [str(p) for p in iter_inputs(paths)]
    manifest = Manifest(state, fresh=options.fresh)
    store = RecordStore(state)
    summary = Summary(files=len(files))
    progress = Progress(len(files), options.quiet)
    try:
        stats: dict[str, tuple[int, int]] = {}
        todo = _plan(files, manifest, store, summary, stats, options.on_error)
        progress.skip(len(files) - len(todo))
        slowest: list[tuple[float, str]] = []
        for result in _results(todo, workers, options, state):
            if result.status == "ok" and not result.stored:
                store.put(result.path, result.sha256, result.records)
            # the size and time seen before the read: a file changed while it was read then
            # looks changed next run, and its bytes decide
            size, mtime = stats.get(result.path, (0, 0))
            manifest.append(Entry(result.path, size, mtime, result.sha256, result.status, result.count,
                                  result.reader, result.error, round(result.seconds, 3)))
            summary.outcomes[result.status] += 1
            heapq.heappush(slowest, (result.seconds, result.path))
            if len(slowest) > _SLOWEST:
                heapq.heappop(slowest)
            if result.error:
                options.on_error(result.error)
            progress.advance(result.count, error=result.status != "ok")
        summary.slowest = sorted(slowest, reverse=True)
    finally:
        progress.close()
        manifest.close()
    manifest = Manifest(state)  # read back: the outputs follow what the manifest says
    try:
        summary.outputs, summary.deliberations = write_outputs(files, manifest, store, out, options.formats,
                                                               scdl_options=options.scdl_options)
        # only once the outputs are in place: a kill before leaves the old versions usable
        manifest.compact()
        store.prune((entry.path, entry.sha256) for entry in manifest.entries.values()
                    if entry.status == "ok" and entry.sha256)
    finally:
        manifest.close()
    summary.seconds = time.monotonic() - progress.start
    return summary


def _plan(files: list[str], manifest: Manifest, store: RecordStore, summary: Summary,
          stats: dict[str, tuple[int, int]], on_error: Callable[[str], None]) -> list[str]:
    """The files that need a run: new, changed (size, time, then hash) or failed last time."""
    todo = []
    for path in files:
        entry = manifest.get(path)
        try:
            size, mtime = stat_of(path)
        except OSError:  # gone since the listing: the worker says so
            todo.append(path)
            continue
        unchanged = entry is not None and entry.status in DONE and (
            entry.status != "ok" or (entry.sha256 and store.has(path, entry.sha256)))
        if unchanged and (entry.size, entry.mtime_ns) != (size, mtime):
            # touched or copied: the bytes decide
            unchanged = file_sha256(path) == entry.sha256
            if unchanged:
                manifest.append(Entry(**{**entry.__dict__, "size": size, "mtime_ns": mtime}))
        if unchanged:
            summary.outcomes["skipped_unchanged"] += 1
            if entry.status == "no_deliberation":
                # not worth reading again, but still a file without records: a rerun of an
                # unchanged tree says what the first run said, and exits the same way
                summary.unchanged_failures += 1
                on_error(f"{entry.error} (unchanged since the last run)")
        else:
            stats[path] = (size, mtime)
            todo.append(path)
    return todo


def _results(todo: list[str], workers: int, options: BatchOptions, state: Path) -> Iterator[FileResult]:
    ocr_workers = max(1, (os.cpu_count() or 1) // workers)
    if options.engine == "dask":
        from .dask_engine import dask_results

        yield from dask_results(todo, workers, options.scheduler, options.max_bytes, ocr_workers, str(state))
        return
    if workers == 1 or len(todo) <= 1:
        # in this process, so a single file gets the whole machine's OCR pool
        for path in todo:
            yield extract_one(path, options.max_bytes, None)
        return
    yield from pool_results(todo, workers, options.max_bytes, ocr_workers, str(state))
