"""`delib eval` on ../shared/corpus/dev as a regression test: the per-field floors are the
scores measured when they were set (raise them when the extraction improves; never lower
them to make a change pass)."""
import pytest

from extractor.api import extract_file
from extractor.evaluate import evaluate

from .conftest import shared_path

HEADLINE_FLOOR = 0.88
SEGMENTATION_F1_FLOOR = 0.95
FIELD_FLOORS = {
    "session_date": 0.90, "number": 0.90, "title": 0.75, "body": 0.90, "authority": 0.85, "president": 0.90,
    "members": 0.85, "counts.in_office": 0.70, "counts.present": 0.85, "counts.represented": 0.85,
    "counts.absent": 0.80, "counts.voting": 0.85, "vote.outcome": 0.90, "vote.unanimous": 0.90,
    "vote.for": 0.90, "vote.against": 0.90, "vote.abstain": 0.90, "amounts": 0.90,
}


@pytest.fixture(scope="module")
def dev_report():
    return evaluate(shared_path("corpus", "dev"), extract_file)


def test_dev_corpus_headline(dev_report):
    assert dev_report.headline >= HEADLINE_FLOOR


def test_dev_corpus_segmentation(dev_report):
    assert dev_report.segmentation.f1 >= SEGMENTATION_F1_FLOOR


@pytest.mark.parametrize("field, floor", sorted(FIELD_FLOORS.items()))
def test_dev_corpus_field_floor(dev_report, field, floor):
    mean, count = dev_report.fields[field]
    assert count > 0
    assert mean >= floor, f"{field}: {mean:.3f} < {floor}"
