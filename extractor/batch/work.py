"""The job of one file, as a worker runs it: read, extract, and say how it went.

A module-level function of plain arguments and a plain result, so that a process pool or a
Dask worker can run it; it never raises for a bad file (the error is part of the result).
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractorError, NoDeliberationError


@dataclass
class FileResult:
    path: str
    status: str
    sha256: str | None
    reader: str | None = None
    records: list[dict] = field(default_factory=list)  # empty when the worker stored them itself
    error: str | None = None
    seconds: float = 0.0
    count: int = 0  # records found
    stored: bool = False  # the worker wrote them to the store


def extract_one(path: str, max_bytes: int, ocr_workers: int | None, store_dir: str | None = None) -> FileResult:
    """Extract one file. With `store_dir` (a pool on this machine), the worker writes the
    records to the store itself and sends back only how it went: the parent, which also
    writes the outputs, is then no bottleneck."""
    from .. import pipeline
    from ..read import read

    start = time.perf_counter()
    try:
        raw = read(path, max_bytes=max_bytes, ocr_workers=ocr_workers)
        records = pipeline.run(raw)
        if store_dir is not None:
            from .store import RecordStore

            RecordStore(Path(store_dir), clean=False).put(path, raw.sha256, records)
            return FileResult(path, "ok", raw.sha256, raw.reader, seconds=time.perf_counter() - start,
                              count=len(records), stored=True)
        return FileResult(path, "ok", raw.sha256, raw.reader, records, seconds=time.perf_counter() - start,
                          count=len(records))
    except NoDeliberationError as exc:
        return FileResult(path, "no_deliberation", file_sha256(path), error=str(exc),
                          seconds=time.perf_counter() - start)
    except ExtractorError as exc:
        return FileResult(path, "read_error", file_sha256(path), error=str(exc), seconds=time.perf_counter() - start)
    except Exception as exc:  # a bug on one file is reported like bad input; the batch goes on
        return FileResult(path, "internal_error", file_sha256(path),
                          error=f"{path}: internal error: {type(exc).__name__}: {exc}",
                          seconds=time.perf_counter() - start)


def extract_many(paths: list[str], max_bytes: int, ocr_workers: int | None, store_dir: str | None = None) -> list[FileResult]:
    """Several small files in one task: a pool's round trip costs more than a short text."""
    return [extract_one(path, max_bytes, ocr_workers, store_dir) for path in paths]


def file_sha256(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def stat_of(path: str) -> tuple[int, int]:
    info = Path(path).stat()
    return info.st_size, info.st_mtime_ns
