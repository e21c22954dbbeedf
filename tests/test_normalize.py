import pytest

from extractor.model import RawDocument
from extractor.normalize import normalize, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("1\u00a0250\u202f€", "1 250 €"),
    ("l\u2019an", "l'an"),
    ("URBANISME \u2013 PLAN", "URBANISME - PLAN"),
    ("maîtrise d'\u0153uvre", "maîtrise d'oeuvre"),
    ("le conseil munici-\npal", "le conseil municipal"),
    ("le conseil munici- pal", "le conseil municipal"),
    ("Marianne BESSE- MOULIN", "Marianne BESSE-MOULIN"),
    ("séance du 2023- 01-13", "séance du 2023-01-13"),
    ("reçu le 23 /02/ 2023", "reçu le 23/02/2023"),
    ("trop   d'espaces", "trop d'espaces"),
    ("https://x.fr/a.pdfEnvoyé en préfecture", "https://x.fr/a.pdf Envoyé en préfecture"),
])
def test_normalize_rewrites(raw, expected):
    assert normalize_text(raw) == expected


def test_normalize_keeps_the_way_back_to_the_raw_text():
    raw = "Présents\u00a0: M.  ALBERT,\nmunici-\npal \u0153uvre 1\u202f250 €"
    doc = normalize(RawDocument("x", "0" * 64, raw, "text"))
    assert len(doc.raw_index) == len(doc.text)
    assert doc.raw_index == sorted(doc.raw_index)
    for i, ch in enumerate(doc.text):
        if ch.isalnum() and ch not in "oe":
            assert raw[doc.raw_index[i]] == ch


def test_normalize_pages_are_looked_up_through_the_raw_index():
    raw = "page one text\n\fpage two text"
    doc = normalize(RawDocument("x", "0" * 64, raw, "pdf", page_starts=[0, raw.index("page two")]))
    assert doc.page_at(doc.text.index("one")) == 1
    assert doc.page_at(doc.text.index("two")) == 2
