"""The progress line on stderr while a batch runs, and the summary when it ends."""
from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field

_REFRESH_TTY = 0.2  # seconds between redraws on a terminal
_REFRESH_LOG = 10.0  # seconds between lines when stderr is a file (a log read in the morning)


@dataclass
class Summary:
    files: int = 0
    outcomes: Counter = field(default_factory=Counter)  # status -> files
    deliberations: int = 0
    seconds: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    outputs: list = field(default_factory=list)
    unchanged_failures: int = 0  # skipped, but without records last time (no deliberation)

    @property
    def failed(self) -> int:
        return self.unchanged_failures + sum(
            n for status, n in self.outcomes.items() if status not in ("ok", "skipped_unchanged"))

    def lines(self) -> list[str]:
        parts = ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sorted(self.outcomes.items()))
        if self.unchanged_failures:
            parts += f" ({self.unchanged_failures} of them with no deliberation)"
        lines = [f"{self.files} file(s): {parts or 'none'}; {self.deliberations} deliberation(s) in the outputs; "
                 f"{self.seconds:.1f} s"]
        if self.slowest:
            lines.append("slowest: " + ", ".join(f"{path} ({seconds:.1f} s)" for seconds, path in self.slowest))
        return lines


class Progress:
    def __init__(self, total: int, quiet: bool, stream=None):
        self.total, self.quiet = total, quiet
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.done = self.deliberations = self.errors = self.skipped = 0
        self.start = time.monotonic()
        self._last = 0.0

    def skip(self, files: int) -> None:
        """Files left as they were: counted as done, but kept out of the time estimate."""
        self.skipped += files
        self.advance(files=files)

    def advance(self, records: int = 0, error: bool = False, files: int = 1) -> None:
        self.done += files
        self.deliberations += records
        self.errors += error
        now = time.monotonic()
        if not self.quiet and (now - self._last >= (_REFRESH_TTY if self.tty else _REFRESH_LOG) or self.done == self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        worked = self.done - self.skipped
        left = elapsed / worked * (self.total - self.done) if worked else 0.0
        line = (f"files {self.done}/{self.total} | deliberations {self.deliberations} | errors {self.errors} | "
                f"{_clock(elapsed)} elapsed, ~{_clock(left)} left")
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.quiet and self.tty:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
