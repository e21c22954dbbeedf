"""The stages, in order, each a small function with one job:

    read -> normalize -> split -> sections + fields (record) -> checks

`run(raw)` takes what a reader produced and returns the records; a stage that fails on a
document raises an ExtractorError naming the stage and the file, never a bare traceback.
"""
from __future__ import annotations

from .checks import check_record
from .errors import ExtractorError
from .model import RawDocument
from .normalize import normalize
from .record import build_record
from .sitting import find_sitting
from .sitting_record import sitting_records
from .split import split

STAGES = ("read", "normalize", "split", "fields", "checks")


class StageError(ExtractorError):
    def __init__(self, stage, path, exc):
        self.stage, self.path = stage, path
        super().__init__(f"{path}: stage {stage} failed: {type(exc).__name__}: {exc}")


def run(raw: RawDocument) -> list[dict]:
    stage = "normalize"
    try:
        doc = normalize(raw)
        stage = "split"
        spans = split(doc.text, raw.path)
        # a text read as one deliberation may be a sitting's minutes holding many
        sitting = find_sitting(doc.text) if len(spans) == 1 else None
        stage = "fields"
        if sitting is not None:
            records = sitting_records(doc, sitting)
        else:
            records = [build_record(doc, start, end, index) for index, (start, end) in enumerate(spans)]
        stage = "checks"
        for record in records:
            record["warnings"].extend(check_record(record))
        return records
    except ExtractorError:
        raise
    except Exception as exc:  # a bug on one document must not stop a batch
        raise StageError(stage, raw.path, exc) from exc
