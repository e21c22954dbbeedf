"""The same job on a Dask cluster: `delib extract --engine dask [--scheduler ADDRESS]`.

Workers run extract_one() and send back plain results; the client stores them and writes the
outputs exactly as the local engine does, so both engines give the same files. Dask is an
optional extra (`pip install delib-extractor[dask]`); nothing here is imported otherwise.
"""
from __future__ import annotations

from typing import Iterator

from .work import FileResult, extract_one

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
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        queue = iter(todo)
        window = max(1, workers) * _IN_FLIGHT_PER_WORKER
        futures = as_completed()
        for _, path in zip(range(window), queue):  # the window first: zip must not eat a path
            futures.add(client.submit(extract_one, path, max_bytes, ocr_workers, pure=False))
        for future in futures:
            result = future.result()
            future.release()
            next_path = next(queue, None)
            if next_path is not None:
                futures.add(client.submit(extract_one, next_path, max_bytes, ocr_workers, pure=False))
            yield result
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
