"""Field family `number` and `internal_id`.

Find: labelled numbers ("Délibération n° 2023/021", "n°d'ordre : DEL2023_001"), then ids
standing alone in the header (CP2016_10_11). Choose: the first labelled one that is not
someone else's (a law, a decree, an earlier deliberation), else a standalone one, else the
act's part of the prefecture's ACTES id.
"""
from __future__ import annotations

import regex

from .. import patterns

_DATE_LIKE = regex.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)?\d{2}$|^(?:19|20)\d{2}$|^\d{1,2}[hH]\d{0,2}$")
_PHONE_LIKE = regex.compile(r"^0\d([\-. /])\d{2}(?:\1\d{2}){3}$")


def clean_number(raw: str) -> str:
    value = raw.strip(" .,:;-_")
    value = regex.sub(r"\s*([\-/])\s*", r"\1", value)
    value = regex.sub(r"\\_", "_", value)
    return regex.sub(r"\s+", " ", value)


def _acceptable(value: str, labelled: bool = False) -> bool:
    if not regex.search(r"\d", value) or len(value) > 40:
        return False
    if _PHONE_LIKE.match(value) or (not labelled and _DATE_LIKE.match(value)):
        return False
    return True


def extract_number(text: str, start: int, end: int, skip=(), actes_ids=()):
    foreign = patterns.compiled("identifiers.yaml", "number", "foreign_before")
    for pattern in patterns.compiled_each("identifiers.yaml", "number", "labelled"):
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in skip):
                continue
            if foreign.search(text[max(0, m.start() - 45): m.start()]):
                continue
            value = clean_number(m.group("value"))
            if _acceptable(value, labelled=True):
                return value, m.span("value")
    for pattern in patterns.compiled_each("identifiers.yaml", "number", "standalone"):
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in skip):
                continue
            value = clean_number(m.group("value"))
            if _acceptable(value) and not foreign.search(text[max(0, m.start() - 45): m.start()]):
                return value, m.span("value")
    for actes_id in actes_ids:
        if actes_id.nature == "DE":
            return clean_number(actes_id.act), (actes_id.start, actes_id.end)
    return None, None


def extract_internal_id(text: str, start: int, end: int):
    m = patterns.compiled("identifiers.yaml", "internal_id").search(text, start, end)
    if m:
        return m.group("value"), m.span("value")
    return None, None
