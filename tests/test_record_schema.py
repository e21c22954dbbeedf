"""Every record the project writes validates against record.schema.json, and its evidence
points at the printed value."""
import glob

import pytest

from extractor import extract
from extractor.api import extract_file
from extractor.errors import ExtractorError

from .conftest import SAMPLES, assert_valid_record, shared_path


@pytest.mark.parametrize("path", sorted(p for p in SAMPLES.iterdir() if not p.name.endswith(".gold.json")), ids=lambda p: p.name[:30])
def test_record_schema_samples(path, record_validator):
    records = extract_file(path)
    assert records
    for record in records:
        assert_valid_record(record, record_validator)
        if record["session_date"]:
            ev = record["evidence"]["session_date"]
            assert record["text"][ev["start"]:ev["end"]].strip()
        if record["number"]:
            ev = record["evidence"]["number"]
            printed = record["text"][ev["start"]:ev["end"]]
            assert record["number"].replace(" ", "")[:4].lower() in printed.replace(" ", "").replace("\\", "").lower()


def test_record_schema_every_text_file_of_shared(record_validator):
    root = shared_path("corpus")
    files = sorted(glob.glob(str(root / "dev" / "*.txt")) + glob.glob(str(root / "dev" / "*.md"))
                   + glob.glob(str(root / "wild" / "*.txt")) + glob.glob(str(root / "wild" / "*.md")))
    assert files
    written = 0
    for path in files:
        try:
            records = extract_file(path)
        except ExtractorError:
            assert "NONDELIB" in path, f"{path} refused"
            continue
        for record in records:
            assert_valid_record(record, record_validator)
            written += 1
    assert written > 50


def test_record_schema_extract_takes_a_text(record_validator):
    text = (SAMPLES / "tg-cp-2016-10-26-ent-feder.md").read_text(encoding="utf-8")
    records = extract(text)
    assert records[0]["counts"]["quorum"] == 10
    assert records[0]["source"]["reader"] == "text"
    assert_valid_record(records[0], record_validator)
