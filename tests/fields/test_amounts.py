import pytest

from extractor.fields.amounts import extract_amounts
from extractor.normalize import normalize_text


def amounts_of(snippet):
    text = normalize_text(snippet)
    return [a for a, _ in extract_amounts(text, 0, len(text))]


@pytest.mark.parametrize("snippet, values", [
    ("s'élève à 244 415,66 € TTC", ["244415.66"]),
    ("1 250 € par an", ["1250"]),
    ("1.250 €", ["1250"]),
    ("1 250,00 euros", ["1250.00"]),
    ("163 000.00 € HT", ["163000.00"]),
    ("3 M€", ["3000000"]),
    ("15 k€", ["15000"]),
    ("(228KE en électricité et 25 KE en gaz)", ["228000", "25000"]),
    ("1 250 EUR", ["1250"]),
    ("prix de 35 € HT le mètre carré (trente-cinq euros hors taxes)", ["35", "35"]),
    ("60 825 €EHT", ["60825"]),
    # not amounts: rates, percentages, zero sums, figures without a currency
    ("15 €/m²/an et 20 % et 0.00 € et 2 000 m²", []),
    # a leading zero group is an operation number, not thousands
    ("Opération 2022 - 02 101 670 €", ["101670"]),
])
def test_amounts_french_forms(snippet, values):
    assert [a["value"] for a in amounts_of(snippet)] == values


def test_amounts_tax_period_and_label():
    found = amounts_of("- coût total\t244 415,66 € TTC\n- subvention FEDER..... 122 207,83 €\nsoit 1 250 € par an")
    assert [(a["tax"], a["label"], a["per"]) for a in found] == [("TTC", "coût total", None), (None, "subvention FEDER", None), (None, None, "an")]
    assert found[0]["raw"] == "244 415,66 € TTC"
