"""OCR confusions repaired where the context makes the reading certain, and said in warnings."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.normalize import normalize_text


@pytest.mark.parametrize("read, repaired", [
    ("séance du 12 mars 2O23", "séance du 12 mars 2023"),
    ("le l2 mars 2023", "le 12 mars 2023"),
    ("une subvention de 1O 000 €", "une subvention de 10 000 €"),
    ("soit 4 500 € TIC", "soit 4 500 € TTC"),
    ("le 12 JOIN 2023", "le 12 juin 2023"),
    ("à Punanimité des membres", "à l'unanimité des membres"),
    ("à /'unanimité", "à l'unanimité"),
])
def test_ocr_repairs_in_context(read, repaired):
    assert normalize_text(read) == repaired


@pytest.mark.parametrize("text", [
    "Il y a II points et une TIC",     # words, roman numerals, an acronym with no amount before it
    "article L2121-29 du code",        # a figure after a letter is an identifier, left alone
    "JOIN the list, Pilote",           # no date, no unanimité
])
def test_ocr_repairs_leave_other_text_alone(text):
    assert normalize_text(text) == text


def test_ocr_repairs_are_named_in_the_record_warnings():
    record = extract("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 12 JOIN 2O23\n"
                     "Présents : M. Jean DUPONT, Mme Anne MARTIN\nObjet : Travaux\n"
                     "Le Conseil Municipal, après en avoir délibéré, décide de verser 1 500 € TIC.")[0]
    assert record["session_date"] == "2023-06-12"
    assert record["amounts"][0]["tax"] == "TTC"
    repaired = [w for w in record["warnings"] if w.startswith("ocr_repaired")]
    assert any("'2O23' read as '2023'" in w for w in repaired)
    assert any("'TIC' read as 'TTC'" in w for w in repaired)
    assert any("'JOIN' read as 'juin'" in w for w in repaired)
