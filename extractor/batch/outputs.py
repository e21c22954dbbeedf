"""The run's output files, assembled from the store in the inputs' order: each file's records
once, written under temporary names and renamed into place."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..export.jsonl import JsonlWriter
from .manifest import Manifest
from .store import RecordStore


def _done(files: list[str], manifest: Manifest, store: RecordStore) -> Iterator[tuple[str, str]]:
    """(path, sha256) of each input whose records are in the store, in the inputs' order."""
    for path in files:
        entry = manifest.get(path)
        if entry is not None and entry.status == "ok" and entry.sha256 and store.has(path, entry.sha256):
            yield path, entry.sha256


def stored_records(files: list[str], manifest: Manifest, store: RecordStore) -> Iterator[dict]:
    for path, sha256 in _done(files, manifest, store):
        yield from store.get(path, sha256)


def write_outputs(files: list[str], manifest: Manifest, store: RecordStore, out: Path, formats, *,
                  scdl_options: dict | None = None) -> tuple[list[Path], int]:
    """-> (paths written, records in the outputs)."""
    from ..export.tables import TablesWriter

    written: list[Path] = []
    count = 0
    table_formats = [f for f in formats if f in ("csv", "parquet")]
    jsonl = JsonlWriter(out) if "jsonl" in formats else None
    try:
        if table_formats:
            with TablesWriter(out, formats=table_formats) as tables:
                for record in stored_records(files, manifest, store):
                    count += 1
                    tables.write(record)
                    if jsonl:
                        jsonl.write(record)
            written += tables.paths
        elif jsonl:  # the stored lines are the JSONL lines: copied without parsing
            for path, sha256 in _done(files, manifest, store):
                for line in store.lines(path, sha256):
                    jsonl.write_line(line)
            count = jsonl.count
        if jsonl:
            written.insert(0, jsonl.close())
            jsonl = None
    finally:
        if jsonl is not None:
            jsonl.abort()
    if "scdl" in formats:
        from ..export import scdl

        written.append(scdl.write_scdl(stored_records(files, manifest, store), out, **(scdl_options or {})))
        if not table_formats and "jsonl" not in formats:
            count = sum(1 for _ in stored_records(files, manifest, store))
    return written, count
