"""Member lists as OCR prints initials: without dots, glued, hyphenated, two names with no comma."""
import pytest

from extractor.fields.members import extract_members
from extractor.normalize import normalize_text


def names_of(snippet):
    text = normalize_text(snippet)
    return [m.member["name"] for m in extract_members(text, 0, len(text))]


@pytest.mark.parametrize("snippet, expected", [
    # the Corte scans (wild 061): two names with no separator, the second's initials undotted
    ("04 conseillers étaient Absents : JT. ALBERTINI, E. BAGHIONI MJ MALLERONI\nA. ORSINI).",
     ["JT. ALBERTINI", "E. BAGHIONI", "MJ MALLERONI", "A. ORSINI"]),
    ("Absents : ML. CASTELLI, E. BAGHIONI M.J. MALLERONI, A. ORSINI.",
     ["ML. CASTELLI", "E. BAGHIONI", "M.J. MALLERONI", "A. ORSINI"]),
    ("Absents : J-P. DUPONT, J.-P. MARTIN, MC Ruiz.", ["J-P. DUPONT", "J.-P. MARTIN", "MC Ruiz"]),
    # a particle is no initial: "E. LE GALL" stays one name
    ("Absents : E. LE GALL, F. DI MEGLIO, P. DE LA TOUR.", ["E. LE GALL", "F. DI MEGLIO", "P. DE LA TOUR"]),
    # an initial after a surname is its own unless a surname follows it
    ("Absents : LE MEAUX V., DUPONT J.", ["LE MEAUX V.", "DUPONT J."]),
])
def test_initials_as_ocr_prints_them(snippet, expected):
    assert names_of(snippet) == expected
