"""Field family `prefecture` (and the ACTES ids that split a bound set of deliberations).

Prefecture stamps are glued into the text wherever a page began; they are read here, once,
so the other fields can skip them.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .. import patterns
from ..french import parse_date

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})


@dataclass(frozen=True)
class ActesId:
    start: int
    end: int
    raw: str
    siren: str
    date: str
    act: str
    nature: str

    @property
    def key(self) -> str:
        """The act's identity, blind to the spaces, separators and O/0 that OCR varies."""
        act = self.act.upper().translate(_OCR_DIGITS)
        return self.siren + ":" + regex.sub(r"[^0-9A-Z]", "", act)

    @property
    def clean(self) -> str:
        return regex.sub(r"\s*-\s*", "-", regex.sub(r"\s+", " ", self.raw.strip()))


def find_actes_ids(text: str, start: int = 0, end: int | None = None) -> list[ActesId]:
    pattern = patterns.compiled("prefecture.yaml", "actes_id")
    found = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        act = m.group("act").strip(" -._")
        if not act:
            continue
        found.append(ActesId(m.start(), m.end(), m.group(0), m.group("siren"), m.group("date"), act, m.group("nature")))
    return found


def find_stamp_starts(text: str, start: int = 0, end: int | None = None) -> list[int]:
    pattern = patterns.compiled("prefecture.yaml", "stamp_start")
    return [m.start() for m in pattern.finditer(text, start, len(text) if end is None else end)]


def stamp_spans(text: str) -> list[tuple[int, int]]:
    """Spans of prefecture stamps: from a stamp opening to the end of its ACTES id (or 200 chars)."""
    ids = find_actes_ids(text)
    spans = []
    phrase_end = patterns.compiled("prefecture.yaml", "stamp_phrase")
    for s in find_stamp_starts(text):
        m = phrase_end.match(text, s)
        end = m.end() if m else s + 40
        for a in ids:
            if s <= a.start <= s + 250:
                end = max(end, a.end)
                break
        spans.append((s, min(end, len(text))))
    for a in ids:
        if not any(s <= a.start < e for s, e in spans):
            spans.append((max(0, a.start - 8), a.end))
    spans.sort()
    merged = []
    for s, e in spans:
        if merged and s <= merged[-1][1] + 5:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def extract_prefecture(text: str, ids: list[ActesId] | None = None):
    """-> (value, evidence span) where value is {"ar_id", "received"} or None."""
    ids = find_actes_ids(text) if ids is None else ids
    received = None
    span = None
    for m in patterns.compiled("prefecture.yaml", "received").finditer(text):
        day = parse_date(m.group("value"))
        if day:
            received = day.isoformat()
            span = m.span("value")
            break
    if not ids and received is None:
        return None, None
    deliberation_ids = [a for a in ids if a.nature == "DE"] or ids
    ar_id = deliberation_ids[0].clean if deliberation_ids else None
    if ids and span is None:
        span = (deliberation_ids[0].start, deliberation_ids[0].end)
    return {"ar_id": ar_id, "received": received}, span


def extract_printed_matter(text: str):
    """The ACTES matter printed on a stamp ("Matière : 7.5 Subventions") -> (code, name, span)."""
    m = patterns.compiled("prefecture.yaml", "matter").search(text)
    if not m:
        return None
    name = m.group("name").strip() if m.group("name") else None
    return m.group("code"), name, m.span("code")
