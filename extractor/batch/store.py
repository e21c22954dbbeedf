"""OUT/.delib/records/: the records of each file, one JSONL file each, kept between runs."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

from ..export.atomic import atomic_open


class RecordStore:
    def __init__(self, state_dir: Path):
        self.folder = state_dir / "records"
        self.folder.mkdir(parents=True, exist_ok=True)
        for stale in self.folder.glob(".*.tmp"):  # left by a run killed mid-write
            stale.unlink(missing_ok=True)

    def _file(self, path: str, sha256: str) -> Path:
        # the same bytes under two paths give two records sets (source.file differs)
        where = hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]
        return self.folder / f"{sha256[:24]}-{where}.jsonl"

    def put(self, path: str, sha256: str, records: list[dict]) -> None:
        with atomic_open(self._file(path, sha256), "w", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def has(self, path: str, sha256: str) -> bool:
        return self._file(path, sha256).is_file()

    def get(self, path: str, sha256: str) -> Iterator[dict]:
        with open(self._file(path, sha256), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
