"""Property tests of the text pipeline: any string gives schema-valid records or a clean
error naming the input, never a crash of a stage; and no catastrophic regex backtracking."""
from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import pipeline
from extractor.errors import ExtractorError
from extractor.read import read_string
from tests.conftest import ROOT, SAMPLES, assert_valid_record

WORDING = [
    "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS", "Séance du 12 mars 2024", "L'an deux mille vingt-quatre, le douze mars",
    "Présents : M. Jean DUPONT, Mme Anne MARTIN", "Absents excusés : ", "Pouvoirs : Mme X à M. Y",
    "Nombre de conseillers en exercice : 15", "Votants : 14", "Objet : ", "Vu le code général,",
    "après en avoir délibéré", "à l'unanimité", "Pour : 12 - Contre : 1 - Abstentions : 1", "DÉCIDE :",
    "Article 1 : ", "1 250,00 € HT", "Délibération n° 2024-012", "1. ", "Procès-verbal", "Ordre du jour",
    "M. X quitte la séance", "(à compter de la délibération n°3)", "Fait et délibéré", "\n", "\n\n", " - ", "(", ")",
]
SAMPLE_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))[:4])

pieces = st.one_of(st.sampled_from(WORDING), st.text(max_size=40),
                   st.integers(0, len(SAMPLE_TEXT) - 1).map(lambda i: SAMPLE_TEXT[i:i + 300]))


@settings(max_examples=int(__import__("os").environ.get("DELIB_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pieces, max_size=30).map("".join))
def test_any_text_gives_valid_records_or_a_clean_error(record_validator, text):
    try:
        records = pipeline.run(read_string(text))
    except pipeline.StageError as exc:  # a stage crashed: a bug, whatever the input
        pytest.fail(f"stage {exc.stage} crashed: {exc}")
    except ExtractorError:
        return
    for record in records:
        assert_valid_record(record, record_validator)
        for key, span in record["evidence"].items():
            assert 0 <= span["start"] <= span["end"] <= len(record["text"]), key


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_random_unicode_never_crashes(text):
    try:
        pipeline.run(read_string(text))
    except pipeline.StageError as exc:
        pytest.fail(f"stage {exc.stage} crashed: {exc}")
    except ExtractorError:
        pass


def test_adversarial_text_finishes_quickly():
    """50 kB of names, digits and separators: a backtracking regex would take minutes."""
    code = ("import sys; sys.path.insert(0, 'scripts'); from adversarial import adversarial_text; "
            "from extractor import extract; print(len(extract(adversarial_text(50_000))))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
