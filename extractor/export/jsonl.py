"""deliberations.jsonl: one record a line, written to a temporary file and renamed into place."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Appends records as they come; `close()` renames the finished file into place, so a
    reader never sees half a file."""

    def __init__(self, out_dir, name: str = "deliberations.jsonl"):
        self.out_dir = Path(out_dir)
        self.out_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.out_dir / name
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=self.out_dir)
        self._tmp = Path(tmp)
        self._file = os.fdopen(fd, "w", encoding="utf-8")
        self.count = 0

    def write(self, record: dict) -> None:
        self._file.write(dumps(record) + "\n")
        self.count += 1

    def close(self) -> Path:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        self._file.close()
        self._tmp.unlink(missing_ok=True)


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
