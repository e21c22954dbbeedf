"""Shared fixtures. Tests that read ../shared skip visibly when it is absent."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "corpus" / "samples"
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is absent here: {path} not found")
    return path


@pytest.fixture(scope="session")
def record_validator():
    schema = json.loads((ROOT / "extractor" / "record.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid_record(record, validator):
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, f"{record['source']['file']}#{record['source']['index']}: {errors[0].message} at {list(errors[0].path)}"
    text = record["text"]
    for field, ev in record["evidence"].items():
        assert 0 <= ev["start"] < ev["end"] <= len(text), f"evidence of {field} out of the text"
    for name, span in record["sections"].items():
        if span:
            assert 0 <= span[0] <= span[1] <= len(text), f"section {name} out of the text"


@pytest.fixture(scope="session")
def dev_records():
    """Every record of ../shared/corpus/dev (texts, the text PDF and the scan), read once."""
    from extractor.api import extract_file, iter_inputs

    folder = shared_path("corpus", "dev")
    return [record for path in iter_inputs([folder]) for record in extract_file(path)]
