"""The same job on a Dask cluster: `delib extract --engine dask [--scheduler ADDRESS]`.

Workers run extract_many() on a dozen small texts (or one PDF) at a time; on a local cluster
they write the record store like the local pool's workers, on a remote one they send the
records back and the client stores them; the client writes the outputs exactly as the local
engine does, so both engines give the same files. Dask is an
optional extra (`pip install delib-extractor[dask]`); nothing here is imported otherwise.
With --scheduler, the workers must see the input paths as the client names them (a shared
file system), and each worker's OCR share is computed from the client's cores.
"""
from __future__ import annotations

from collections import deque
from typing import Iterator

from .pool import next_task
from .work import FileResult, extract_many, file_sha256

_IN_FLIGHT_PER_WORKER = 4  # tasks (a dozen small texts each) queued per worker


def dask_results(todo: list[str], workers: int, scheduler: str | None, max_bytes: int,
                 ocr_workers: int, store_dir: str | None = None) -> Iterator[FileResult]:
    """Results as they come. On a local cluster (no scheduler given) the workers write the
    record store themselves, as the local pool's do; a remote cluster sends the records back."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise SystemExit("delib: --engine dask needs Dask: pip install 'delib-extractor[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
        store_dir = None  # the workers may not see the output folder
    else:
        # no dashboard, and the scheduler's HTTP server on a free local port: two runs on one
        # machine must not fight over 8787
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        client = Client(cluster)
    try:
        queue = deque(todo)
        futures = as_completed()
        tasks = {}

        def submit(paths):
            future = client.submit(extract_many, paths, max_bytes, ocr_workers, store_dir, pure=False)
            tasks[future.key] = paths
            futures.add(future)

        while queue and len(tasks) < max(1, workers) * _IN_FLIGHT_PER_WORKER:
            submit(next_task(queue))
        for future in futures:
            paths = tasks.pop(future.key)
            try:
                results = future.result()
            except Exception as exc:  # a worker killed on one of these files (KilledWorker ...)
                if len(paths) > 1:  # find which one: each goes again alone
                    for path in paths:
                        submit([path])
                    results = []
                else:
                    results = [FileResult(paths[0], "internal_error", file_sha256(paths[0]),
                                          error=f"{paths[0]}: internal error: {type(exc).__name__}: {exc}")]
            future.release()
            if queue:
                submit(next_task(queue))
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
