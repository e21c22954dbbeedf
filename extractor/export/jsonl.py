"""deliberations.jsonl: one record a line, written to a temporary file and renamed into place."""
from __future__ import annotations

import json
from pathlib import Path

from .atomic import atomic_open


def dumps(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Appends records as they come; `close()` renames the finished file into place, so a
    reader never sees half a file; `abort()` drops it and leaves any older file as it was."""

    def __init__(self, out_dir, name: str = "deliberations.jsonl"):
        self.path = Path(out_dir) / name
        self._context = atomic_open(self.path, "w", encoding="utf-8")
        self._file = self._context.__enter__()
        self.count = 0

    def write(self, record: dict) -> None:
        self._file.write(dumps(record) + "\n")
        self.count += 1

    def write_line(self, line: str) -> None:
        """A record already serialised as one JSON line."""
        self._file.write(line if line.endswith("\n") else line + "\n")
        self.count += 1

    def close(self) -> Path:
        self._context.__exit__(None, None, None)
        return self.path

    def abort(self) -> None:
        stop = RuntimeError("output aborted")
        self._context.__exit__(RuntimeError, stop, None)  # the temporary file is removed


def read_jsonl(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
