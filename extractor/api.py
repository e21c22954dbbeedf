"""The public entry points: extract() a path or a text into records."""
from __future__ import annotations


def extract_file(path, **options) -> list[dict]:
    raise NotImplementedError("being written")
