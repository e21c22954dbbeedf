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
    ("le 3 FEVRTER 2023", "le 3 FEVRIER 2023"),
    ("le 1er jnillet 2022", "le 1er juillet 2022"),
    ("séance du 5 décembrc 2024", "séance du 5 décembre 2024"),
    ("le 8 Avrll 2024", "le 8 Avril 2024"),
])
def test_ocr_repairs_in_context(read, repaired):
    assert normalize_text(read) == repaired


@pytest.mark.parametrize("text", [
    "Il y a II points et une TIC",     # words, roman numerals, an acronym with no amount before it
    "article L2121-29 du code",        # a figure after a letter is an identifier, left alone
    "JOIN the list, Pilote",           # no date, no unanimité
    "le 3 mars 2023, le 4 juillet 2023",  # months as printed
    "le 3 Paris 2023",                 # a word near no month is no month
    "le 3 mai 2023 et le 3 mal 2023",  # too short to guess
])
def test_ocr_repairs_leave_other_text_alone(text):
    assert normalize_text(text) == text


def deliberation(sitting_date: str, amount: str) -> dict:
    return extract("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n"
                   f"Séance du {sitting_date}\nPrésents : M. Jean DUPONT, Mme Anne MARTIN\nObjet : Travaux\n"
                   f"Le Conseil Municipal, après en avoir délibéré, décide de verser {amount}.")[0]


def test_ocr_repairs_are_named_in_the_record_warnings():
    record = deliberation("12 JOIN 2O23", "1 500 € TIC")
    assert record["session_date"] == "2023-06-12"
    assert record["amounts"][0]["tax"] == "TTC"
    repaired = [w for w in record["warnings"] if w.startswith("ocr_repaired")]
    assert any("'2O23' read as '2023'" in w for w in repaired)
    assert any("'TIC' read as 'TTC'" in w for w in repaired)
    assert any("'JOIN' read as 'juin'" in w for w in repaired)


@pytest.mark.parametrize("read, repaired", [
    ("L'an deux mille vingt- trois, le vingt- deux mars", "L'an deux mille vingt-trois, le vingt-deux mars"),
    ("quatre- vingt- dix", "quatre-vingt-dix"),
    ("le conseil munici- pal", "le conseil municipal"),   # a word's own break still joins
])
def test_number_words_keep_their_hyphen(read, repaired):
    assert normalize_text(read) == repaired


def test_a_misread_month_gives_the_date_and_a_warning():
    record = deliberation("3 FEVRTER 2023", "1 500 €")
    assert record["session_date"] == "2023-02-03"
    assert any(w.startswith("ocr_repaired: 'FEVRTER' read as 'FEVRIER'") for w in record["warnings"])


def test_typed_text_gets_no_repair_warning():
    record = extract("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 3 février 2023\n"
                     "Présents : M. Jean DUPONT, Mme Anne MARTIN\nObjet : Travaux\n"
                     "Le Conseil Municipal, après en avoir délibéré, décide de verser 1 500 € TTC.")[0]
    assert not [w for w in record["warnings"] if w.startswith("ocr_repaired")]
