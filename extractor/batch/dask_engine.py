"""The same job on a Dask cluster: `delib extract --engine dask [--scheduler ADDRESS]`.

Workers run extract_one() and send back plain results; the client stores them and writes the
outputs exactly as the local engine does, so both engines give the same files. Dask is an
optional extra (`pip install delib-extractor[dask]`); nothing here is imported otherwise.
With --scheduler, the workers must see the input paths as the client names them (a shared
file system), and each worker's OCR share is computed from the client's cores.
"""
from __future__ import annotations

from typing import Iterator

from .work import FileResult, extract_one, file_sha256

_IN_FLIGHT_PER_WORKER = 8  # a cluster's round trips are slower than a local pool's


def dask_results(todo: list[str], workers: int, scheduler: str | None, max_bytes: int,
                 ocr_workers: int) -> Iterator[FileResult]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise SystemExit("delib: --engine dask needs Dask: pip install 'delib-extractor[dask]'") from None
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        # no dashboard, and the scheduler's HTTP server on a free local port: two runs on one
        # machine must not fight over 8787
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})
        client = Client(cluster)
    try:
        queue = iter(todo)
        window = max(1, workers) * _IN_FLIGHT_PER_WORKER
        futures = as_completed()
        paths = {}

        def submit(path):
            future = client.submit(extract_one, path, max_bytes, ocr_workers, pure=False)
            paths[future.key] = path
            futures.add(future)

        for _, path in zip(range(window), queue):  # the window first: zip must not eat a path
            submit(path)
        for future in futures:
            path = paths.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a worker killed on this file (KilledWorker ...): the batch goes on
                result = FileResult(path, "internal_error", file_sha256(path),
                                    error=f"{path}: internal error: {type(exc).__name__}: {exc}")
            future.release()
            next_path = next(queue, None)
            if next_path is not None:
                submit(next_path)
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
