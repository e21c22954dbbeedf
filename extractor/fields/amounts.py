"""Field family `amounts`: every sum of money, as a decimal string, in text order.

Find: a figure in one of the French forms followed by a currency (or a scale such as k€),
and sums written in words followed by "euros". Skip rates ("15 €/m²"), zero sums, stamps and
annexes. Each amount keeps its tax (HT/TTC), its period (par an) and a label where the text
gives one in the "label : amount" form of a financing plan.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

import regex

from .. import patterns
from ..french import words_to_int

_FIGURE = (r"(?<![\d,.])(?!0\d)(?:\d{1,3}(?:[ .]\d{3})+(?!\d)(?:,\d{1,2}(?!\d)|(?<=\d{3} \d{3}|\d \d{3})\.\d{2}(?!\d))?"
           r"|\d+(?:[.,]\d{1,2})?(?!\d))")


@cache
def _amount_pattern():
    data = patterns.load("amounts.yaml")
    scales = []
    for factor, words in data["scale"].items():
        alternation = "|".join(words)
        scales.append(f"(?P<scale_{factor}>{alternation})")
    source = rf"(?P<figure>{_FIGURE})\s?(?:{'|'.join(scales)}|(?P<currency>{data['currency']}))"
    return patterns.compile_source(source, "amounts.yaml", "amounts.yaml -> amount")


_EUROS = (regex.compile(r"\b(?:euros?|eur)\b"), regex.compile(r"(?i)\b(?:euros?|EUR)\b"))
_WORDS_REACH = 160  # a sum written in words ends with "euros": it is looked for just before


@cache
def _words_pattern():
    source = r"(?P<words>{number_words})\s+(?:euros?|EUR)\b"
    return patterns.compile_source(source, "amounts.yaml", "amounts.yaml -> words")


def parse_figure(raw: str) -> Decimal | None:
    raw = raw.replace("\u202f", " ").strip()
    if regex.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?", raw):  # 1.250 or 1.250,50
        raw = raw.replace(".", "").replace(",", ".")
    else:
        raw = raw.replace(" ", "").replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def extract_amounts(text: str, start: int, end: int, skip=(), section_of=lambda pos: None):
    found = []
    data = patterns.load("amounts.yaml")
    rate = patterns.compile_source(data["rate_after"], "amounts.yaml")
    for m in _amount_pattern().finditer(text, start, end):
        if any(s <= m.start() < e for s, e in skip):
            continue
        if rate.match(text, m.end(), min(len(text), m.end() + 30)):
            continue
        value = parse_figure(m.group("figure"))
        if value is None or value == 0:
            continue
        for key, group in m.groupdict().items():
            if key.startswith("scale_") and group:
                value *= Decimal(key.split("_", 1)[1])
        found.append(_amount(text, m, value, section_of))
    words = _words_pattern()
    for m in (m for low, high in patterns.windows(_EUROS, text, start, end, _WORDS_REACH, 0)
              for m in words.finditer(text, low, high)):
        if any(s <= m.start() < e for s, e in skip):
            continue
        number = words_to_int(m.group("words"))
        if number:
            found.append(_amount(text, m, Decimal(number), section_of))
    found.sort(key=lambda item: item[1][0])
    return found


def _amount(text, m, value, section_of):
    after = text[m.end(): m.end() + 40]
    raw_end = m.end()
    tax = None
    lead = len(after) - len(after.lstrip(" ("))
    for name, pattern in patterns.compiled_map("amounts.yaml", "tax").items():
        t = pattern.match(after, lead)
        if t:
            tax, raw_end = name, m.end() + t.end()
            break
    per = None
    tail = text[raw_end: raw_end + 25]
    for name, pattern in patterns.compiled_map("amounts.yaml", "per").items():
        p = pattern.match(tail.lstrip(" "))
        if p:
            per = name
            break
    amount = {
        "value": format(value, "f"), "currency": "EUR", "raw": regex.sub(r"\s+", " ", text[m.start():raw_end]).strip(),
        "tax": tax, "label": _label(text, m.start()), "per": per, "section": section_of(m.start()),
    }
    return amount, (m.start(), raw_end)


_LABEL_CUT = regex.compile(r"[\n\t;(•]|\s-\s|\.{3,}|:|^")


def _label(text, pos):
    """The words just before an amount, when they name it as in a table or a financing plan."""
    before = text[max(0, pos - 70):pos]
    stripped = before.rstrip(" .:\t-")
    if not stripped:
        return None
    cuts = [m.end() for m in _LABEL_CUT.finditer(stripped)]
    piece = stripped[cuts[-1]:].strip(" -•*") if cuts else stripped
    ends_with_marker = bool(regex.search(r"(?:[:\t]|\.{3,})\s*$", before))
    label_stop = patterns.compile_source(patterns.load("amounts.yaml")["label_stop"], "amounts.yaml")
    if not piece or len(piece.split()) > 6 or label_stop.search(" " + piece) or not regex.match(r"\p{L}", piece):
        return None
    if not ends_with_marker and not regex.search(r"(?:^|\n|\s-\s)\s*[\-•*]?\s*" + regex.escape(piece) + r"\s*$", before):
        return None
    return piece
