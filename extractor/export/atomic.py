"""Write a file so that readers see the old one or the new one, never half of it.

The data goes to a temporary file in the same folder (same file system, so the rename is atomic),
is flushed to disk, then os.replace() puts it in place. On any error the temporary file is removed
and the old file, if any, is left as it was.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator


@contextmanager
def atomic_path(path: str | os.PathLike, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside `path`; write to it; it replaces `path` when the block ends.
    durable=False skips the fsync: the rename still protects against a killed process (the
    page cache outlives it), not against a power cut; for many small files of a batch store."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        yield temp
        if durable:
            _fsync(temp)
        # mkstemp creates the file private (0600); give the result the mode a plain open() would
        os.chmod(temp, _mode_for(target))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8",
                newline: str | None = None, durable: bool = True) -> Iterator[IO]:
    """open() for writing, atomically: the file appears, complete, when the block ends."""
    if "r" in mode or "a" in mode or "+" in mode:
        raise ValueError(f"mode: {mode!r} is not a plain write mode")
    if "b" in mode:
        encoding = None
    with atomic_path(path, durable=durable) as temp:
        with open(temp, mode, encoding=encoding, newline=newline) as f:
            yield f


def write_text(path: str | os.PathLike, text: str, encoding: str = "utf-8") -> Path:
    with atomic_open(path, "w", encoding=encoding, newline="") as f:
        f.write(text)
    return Path(path)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    with atomic_open(path, "wb") as f:
        f.write(data)
    return Path(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    """Keep the mode of the file being replaced; else what the umask gives a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask means setting it; /proc gives it without that race where available.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current
