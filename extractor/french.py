"""French numbers and dates, written in figures or in words, driven by patterns/numbers.yaml
and patterns/months.yaml.

words_to_int("deux mille vingt-trois") -> 2023; parse_date("seize mars 2015") -> date(2015, 3, 16).
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from functools import cache, lru_cache

import regex

from . import patterns


@lru_cache(maxsize=8192)  # names and labels are folded again and again
def fold(text: str) -> str:
    """Lower case without accents; same length as the input for the letters we meet."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@cache
def _numbers() -> dict:
    return patterns.load("numbers.yaml")


@cache
def _unit_values() -> dict[str, int]:
    return {fold(k): int(v) for k, v in _numbers()["units"].items()}


@cache
def _multipliers() -> dict[str, int]:
    data = _numbers()
    table = {}
    for word in data["hundreds"]:
        table[fold(word)] = 100
    for word in data["thousands"]:
        table[fold(word)] = 1000
    for word in data["millions"]:
        table[fold(word)] = 1_000_000
    for word in data.get("billions", []):
        table[fold(word)] = 1_000_000_000
    return table


@cache
def _months() -> dict[str, int]:
    table = {}
    for number, names in patterns.load("months.yaml")["months"].items():
        for name in names:
            table[fold(name).replace("-", "")] = int(number)
    return table


def number_words() -> list[str]:
    data = _numbers()
    words = list(data["units"]) + data["hundreds"] + data["thousands"] + data["millions"] + data.get("billions", [])
    return sorted(set(words), key=len, reverse=True)


@cache
def fragments() -> dict[str, str]:
    """The fragments built from data: {month}, {number_words}, {date}, {date_with_year}."""
    months = sorted({n for names in patterns.load("months.yaml")["months"].values() for n in names}, key=len, reverse=True)
    month = "(?:" + "|".join(regex.escape(m) for m in months) + r")\.?(?![\p{L}])"
    word = "(?:" + "|".join(regex.escape(w) for w in number_words()) + r")(?![\p{L}])"
    joiners = "|".join(regex.escape(j) for j in _numbers()["joiners"])
    words = rf"(?:{word}(?:[\s\-]+(?:(?:{joiners})[\s\-]+)?{word})*)"
    day = rf"(?:1er|1\s?er|premier|\d{{1,2}}|{words})"
    year = rf"(?:(?:19|20)\d{{2}}|{words})"
    numeric = r"(?:\d{1,2}\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)?\d{2}(?!\d))"
    textual = rf"(?:{day}\s+(?:du\s+mois\s+d[e']\s*)?{month}[\s,]+{year})"
    return {
        "month": month,
        "number_words": words,
        "date_with_year": f"(?:{numeric}|{textual})",
        "date": f"(?:{numeric}|{textual})",
    }


_TOKEN = regex.compile(r"[\p{L}]+|\d+")


def words_to_int(text: str) -> int | None:
    """'deux mille vingt-trois' -> 2023, 'quatre-vingt-dix' -> 90, '2023' -> 2023."""
    units, mults = _unit_values(), _multipliers()
    joiners = {fold(j) for j in _numbers()["joiners"]}
    tokens = [fold(t) for t in _TOKEN.findall(text.replace("-", " "))]
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    total, current, seen = 0, 0, False
    previous = None
    for tok in tokens:
        if tok in joiners:
            continue
        if tok.isdigit():
            current += int(tok)
            seen = True
        elif tok in units:
            value = units[tok]
            if value == 20 and previous == "quatre":  # quatre-vingt(s): four twenties
                current += 80 - 4
            elif value == 10 and previous in ("soixante", "vingt", "vingts") and current % 100 in (60, 80):
                current += 10  # soixante-dix, quatre-vingt-dix
            else:
                current += value
            seen = True
        elif tok in mults:
            mult = mults[tok]
            if mult == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * mult
                current = 0
            seen = True
        else:
            return None
        previous = tok
    return total + current if seen else None


def month_names() -> list[str]:
    """The twelve months as written in full (the first name patterns/months.yaml gives each)."""
    months = patterns.load("months.yaml")["months"]
    return [months[number][0] for number in range(1, 13)]


def month_number(text: str) -> int | None:
    key = fold(text).rstrip(".").replace("-", "").replace(" ", "")
    return _months().get(key)


_NUMERIC = regex.compile(r"(\d{1,2})\s?[/.\-]\s?(\d{1,2})\s?[/.\-]\s?((?:19|20)?\d{2})(?!\d)")
_DAY_PREFIX = regex.compile(r"^\s*(1\s?er|premier)\b", regex.I)


def parse_date(text: str) -> dt.date | None:
    """A date written in figures or words -> datetime.date, None when it is no valid date."""
    m = _NUMERIC.search(text)
    if m:
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return _make_date(year if year >= 100 else 2000 + year, month, day)
    return _parse_textual(text)


@cache
def _month_split():
    return regex.compile(r"(?<![\p{L}])(" + fragments()["month"] + ")", regex.I)


def _parse_textual(text: str) -> dt.date | None:
    m = _month_split().search(text)
    if not m:
        return None
    month = month_number(m.group(1))
    day_text = regex.sub(r"\bdu\s+mois\s+d[e']\s*$", "", text[: m.start()].strip(), flags=regex.I).strip(" ,")
    year_text = text[m.end():].strip(" ,.")
    day = 1 if _DAY_PREFIX.match(day_text) else words_to_int(day_text)
    year = words_to_int(year_text)
    if month is None or day is None or year is None:
        return None
    return _make_date(year, month, day)


def parse_parts(year_text: str, day_text: str, month_text: str) -> dt.date | None:
    """The three parts of "L'an <year>, le <day> <month>" -> date."""
    day_text = day_text.strip()
    day = 1 if _DAY_PREFIX.match(day_text) else words_to_int(day_text)
    year = words_to_int(year_text)
    month = month_number(month_text)
    if None in (day, year, month):
        return None
    return _make_date(year, month, day)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
