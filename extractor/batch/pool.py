"""The local process pool: files in, results as they come, a bounded number in flight.

Two things an overnight run must survive that a plain ProcessPoolExecutor does not:

- a worker that dies (a crash in a PDF library, the kernel's OOM killer) breaks the whole
  pool and every file in flight with it. The files that were in flight are then run again one
  at a time in a new pool, so the one that kills its worker is named (an internal error in
  the manifest, retried next run) and the others are done; the batch goes on.
- a parent killed with SIGKILL leaves forked workers behind, blocked forever on a queue whose
  other end they hold themselves. Each worker watches its parent and exits when it is gone.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from typing import Iterator

from . import work
from .work import FileResult

_IN_FLIGHT_PER_WORKER = 4  # tasks queued per worker: enough to keep it busy, few enough to stay flat
_TASK_FILES, _TASK_BYTES = 16, 256 * 1024  # a task of texts: a few hundred milliseconds of work
_TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
_PARENT_POLL_SECONDS = 0.5


def pool_results(todo: list[str], workers: int, max_bytes: int, ocr_workers: int,
                 store_dir: str) -> Iterator[FileResult]:
    queue = deque(todo)
    suspects: deque[str] = deque()  # in flight when a worker died: one of them killed it
    while queue or suspects:
        with _new_pool(workers) as pool:
            if suspects:
                yield from _one_at_a_time(pool, suspects, (max_bytes, ocr_workers, store_dir))
            else:
                suspects.extend((yield from _windowed(pool, queue, workers, (max_bytes, ocr_workers, store_dir))))


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # fork, deliberately, on Linux: the workers start at once with the parent's modules and
    # compiled patterns already loaded, where spawn would import everything again in each
    # worker; the parent runs no threads of its own then (the executor forks its workers
    # before starting its manager thread). Elsewhere (macOS) fork is unsafe: spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=get_context(method),
                               initializer=_exit_with_parent, initargs=(os.getpid(),))


def _windowed(pool, queue: deque, workers: int, args: tuple) -> Iterator[FileResult]:
    """Run the queue with a bounded window; -> the paths in flight if a worker died."""
    in_flight: dict = {}

    def refill():
        while queue and len(in_flight) < workers * _IN_FLIGHT_PER_WORKER:
            paths = next_task(queue)
            in_flight[pool.submit(work.extract_many, paths, *args)] = paths

    refill()
    while in_flight:
        done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
        if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
            wait(in_flight)  # a broken pool fails every future at once; some may have finished first
            suspects = []
            for future, paths in in_flight.items():
                if future.exception() is None:
                    yield from future.result()
                else:
                    suspects.extend(paths)
            return suspects
        for future in done:
            del in_flight[future]
            yield from future.result()
        refill()
    return []


def next_task(queue: deque) -> list[str]:
    """The next paths to send as one task: small texts by the dozen (a round trip to a worker
    costs more than a short text), anything else (PDFs, images, big texts) alone."""
    paths, size = [queue.popleft()], 0
    if not _small_text(paths[0]):
        return paths
    size = _size(paths[0])
    while queue and len(paths) < _TASK_FILES and _small_text(queue[0]) and size + _size(queue[0]) <= _TASK_BYTES:
        size += _size(queue[0])
        paths.append(queue.popleft())
    return paths


def _small_text(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in _TEXT_SUFFIXES and _size(path) <= _TASK_BYTES


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the worker reports it


def _one_at_a_time(pool, suspects: deque, args: tuple) -> Iterator[FileResult]:
    """Run the suspects alone until one kills its worker (named, and the pool is spent)."""
    while suspects:
        path = suspects.popleft()
        start = time.perf_counter()
        try:
            yield from pool.submit(work.extract_many, [path], *args).result()
        except BrokenProcessPool:
            yield FileResult(path, "internal_error", work.file_sha256(path),
                             error=f"{path}: internal error: the worker process died on this file "
                                   "(a crash or out of memory)",
                             seconds=time.perf_counter() - start)
            return


def _exit_with_parent(parent_pid: int) -> None:
    def watch():
        while os.getppid() == parent_pid:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)  # orphaned: nobody will read what this worker makes

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
