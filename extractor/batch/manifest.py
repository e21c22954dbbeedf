"""OUT/.delib/manifest.jsonl: one line per file a run dealt with, the latest line winning.

A line is appended (and flushed to the kernel) only after the file's records are in the store,
so a run killed at any moment leaves at worst a torn last line, which the next run ignores.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

DONE = ("ok", "no_deliberation")  # statuses that need no new run while the file is unchanged


@dataclass
class Entry:
    path: str
    size: int
    mtime_ns: int
    sha256: str | None
    status: str  # "ok", "no_deliberation", "read_error", "internal_error"
    records: int
    reader: str | None
    error: str | None
    seconds: float


class Manifest:
    def __init__(self, state_dir: Path, fresh: bool = False):
        self.path = state_dir / "manifest.jsonl"
        state_dir.mkdir(parents=True, exist_ok=True)
        self.entries: dict[str, Entry] = {} if fresh else _load(self.path)
        if fresh:
            self.path.unlink(missing_ok=True)
        self._file = open(self.path, "a", encoding="utf-8")

    def get(self, path: str) -> Entry | None:
        return self.entries.get(path)

    def append(self, entry: Entry) -> None:
        # flushed, not fsynced, line by line: a killed process loses nothing the kernel holds
        self._file.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self._file.flush()
        self.entries[entry.path] = entry

    def compact(self) -> None:
        """Rewrite the file with the latest line of each path only (renamed into place), so
        that nightly reruns do not make it grow without end."""
        from ..export.atomic import atomic_open

        self._file.close()
        with atomic_open(self.path, "w", encoding="utf-8") as f:
            for entry in self.entries.values():
                f.write(json.dumps(asdict(entry), ensure_ascii=False) + "\n")
        self._file = open(self.path, "a", encoding="utf-8")

    def close(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()


def _load(path: Path) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    if not path.is_file():
        return entries
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                entry = Entry(**json.loads(line))
            except (ValueError, TypeError):
                continue  # a line torn by a kill: that file is simply done again
            entries[entry.path] = entry
    return entries
