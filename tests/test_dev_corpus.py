"""`delib eval` on ../shared/corpus/dev as a regression test: the per-field floors are the
scores measured when they were set (raise them when the extraction improves; never lower
them to make a change pass)."""
import pytest

from extractor.api import extract_file
from extractor.evaluate import evaluate

from .conftest import shared_path

HEADLINE_FLOOR = 0.95
SEGMENTATION_F1_FLOOR = 0.98
FIELD_FLOORS = {
    "session_date": 0.95, "number": 0.95, "title": 0.80, "body": 0.95, "authority": 0.95, "president": 0.95,
    "members": 0.95, "counts.in_office": 0.80, "counts.present": 0.92, "counts.represented": 0.92,
    "counts.absent": 0.88, "counts.voting": 0.92, "vote.outcome": 0.92, "vote.unanimous": 0.95,
    "vote.for": 0.95, "vote.against": 0.95, "vote.abstain": 0.95, "amounts": 0.95,
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
