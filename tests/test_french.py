import datetime as dt

import pytest

from extractor.french import parse_date, words_to_int


@pytest.mark.parametrize("words, value", [
    ("deux mille quinze", 2015),
    ("deux mil seize", 2016),
    ("deux mille vingt-trois", 2023),
    ("vingt six", 26),
    ("trente et un", 31),
    ("soixante-dix-sept", 77),
    ("quatre-vingt-dix", 90),
    ("quatre-vingts", 80),
    ("mille deux cent cinquante", 1250),
    ("trente-cinq", 35),
    ("Vingt-sept mille trois cent quatre-vingt-dix", 27390),
    ("2023", 2023),
])
def test_french_words_to_int(words, value):
    assert words_to_int(words) == value


def test_french_words_to_int_refuses_other_words():
    assert words_to_int("deux chats") is None


@pytest.mark.parametrize("text, day", [
    # in figures
    ("09/03/2020", dt.date(2020, 3, 9)),
    ("23 /02/ 2023", dt.date(2023, 2, 23)),
    ("16-02-23", dt.date(2023, 2, 16)),
    # month names and abbreviations
    ("26 octobre 2016", dt.date(2016, 10, 26)),
    ("1er juillet 2022", dt.date(2022, 7, 1)),
    ("21 MARS 2024", dt.date(2024, 3, 21)),
    ("5 févr. 2023", dt.date(2023, 2, 5)),
    # in words
    ("seize mars deux mille quinze", dt.date(2015, 3, 16)),
    ("seize février deux mille vingt-trois", dt.date(2023, 2, 16)),
    # OCR
    ("30 JOIN 2022", dt.date(2022, 6, 30)),
])
def test_french_parse_date(text, day):
    assert parse_date(text) == day


def test_french_parse_date_refuses_impossible_dates():
    assert parse_date("31/02/2023") is None
    assert parse_date("31 février 2023") is None
