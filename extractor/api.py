"""The public entry points: extract() a path, a directory or a text into records."""
from __future__ import annotations

from pathlib import Path

from . import pipeline
from .errors import ReadError
from .read import is_supported, read, read_string


def extract_file(path, **options) -> list[dict]:
    """The records of one input file; raises ExtractorError (ReadError ...) for bad input."""
    return pipeline.run(read(path, **options))


def iter_inputs(paths):
    """Files to extract, in sorted order; a directory is read recursively."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and is_supported(p)):
                yield child
        else:
            yield path


def extract(path_or_text, **options) -> list[dict]:
    """extract("deliberation.pdf"), extract("registers/") or extract("L'an deux mille ...").

    A string that names an existing file or folder is read from disk; any other string is the
    text itself. Returns the records (RECORD.md) of every deliberation found.
    """
    if isinstance(path_or_text, Path) or (isinstance(path_or_text, str) and "\n" not in path_or_text
                                          and len(path_or_text) < 4096 and Path(path_or_text).exists()):
        path = Path(path_or_text)
        if path.is_dir():
            records = []
            for child in iter_inputs([path]):
                records.extend(extract_file(child, **options))
            return records
        return extract_file(path, **options)
    if not isinstance(path_or_text, str):
        raise TypeError("extract() takes a path or a text")
    if not path_or_text.strip():
        raise ReadError("<text>", "empty text")
    return pipeline.run(read_string(path_or_text))
