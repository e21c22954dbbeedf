"""One run at a time per output folder: two runs appending to one manifest and renaming
outputs over each other (a nightly cron job still running when the next starts) would each
leave outputs the other did not expect.

A POSIX record lock (fcntl.lockf), not flock: it belongs to the process, so forked workers do
not inherit it, and the kernel drops it when the run dies, SIGKILL included; no stale lock file
to clean up by hand. Where fcntl does not exist (Windows) there is no lock.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import ExtractorError


class OutputBusy(ExtractorError):
    def __init__(self, out: Path, holder: str):
        super().__init__(f"{out}: another delib run is using this output folder{holder}; "
                         "wait for it to end or choose another -o")


class RunLock:
    def __init__(self, state_dir: Path):
        self.path = state_dir / "lock"
        self._fd: int | None = None

    def __enter__(self) -> "RunLock":
        try:
            import fcntl
        except ImportError:
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputBusy(self.path.parent.parent, f" (pid {holder})" if holder else "") from None
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))
        self._fd = fd
        return self

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None
