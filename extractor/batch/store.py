"""OUT/.delib/records/: the records of each file, one JSONL file each, kept between runs."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterator

from ..export.atomic import atomic_open


class RecordStore:
    def __init__(self, state_dir: Path, clean: bool = True):
        self.folder = state_dir / "records"
        self.folder.mkdir(parents=True, exist_ok=True)
        if clean:  # at the start of a run only: workers write temporary files while it runs
            for stale in self.folder.glob(".*.tmp"):  # left by a run killed mid-write
                stale.unlink(missing_ok=True)

    def _file(self, path: str, sha256: str) -> Path:
        # the same bytes under two paths give two records sets (source.file differs)
        where = hashlib.sha1(path.encode("utf-8")).hexdigest()[:10]
        return self.folder / f"{sha256[:24]}-{where}.jsonl"

    def put(self, path: str, sha256: str, records: list[dict]) -> None:
        # no fsync per file: renames keep a killed run consistent; the outputs are fsynced
        with atomic_open(self._file(path, sha256), "w", encoding="utf-8", durable=False) as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    def prune(self, keep) -> int:
        """Remove the stored files of every (path, sha256) not in `keep`: older versions of
        changed files, files gone from the tree. -> how many were removed."""
        wanted = {self._file(path, sha256).name for path, sha256 in keep}
        removed = 0
        for stored in self.folder.glob("*.jsonl"):
            if stored.name not in wanted:
                stored.unlink(missing_ok=True)
                removed += 1
        return removed

    def has(self, path: str, sha256: str) -> bool:
        return self._file(path, sha256).is_file()

    def lines(self, path: str, sha256: str) -> Iterator[str]:
        """The stored records as JSON lines, unparsed (a JSONL output copies them as they are)."""
        with open(self._file(path, sha256), encoding="utf-8") as f:
            yield from (line for line in f if line.strip())

    def get(self, path: str, sha256: str) -> Iterator[dict]:
        with open(self._file(path, sha256), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield json.loads(line)
