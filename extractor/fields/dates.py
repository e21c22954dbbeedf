"""Field family `session_date`, `session_time`, `convocation_date`.

A header that names the sitting ("Séance du 30 janvier 2023") wins over the opening sentence
("L'an deux mille vingt-deux, le lundi trente janvier"): where the two disagree, the header is
the one printed as the deliberation's date.
"""
from __future__ import annotations

from .. import patterns
from ..french import parse_date, parse_parts, words_to_int


_TOP = 1200  # the sitting is named near the top; a "séance du ..." further down may quote another one


def extract_session_date(text: str, start: int, end: int, skip=()):
    """-> (iso date, span) or (None, None). The top of the text is read first, then the rest."""
    found = _session_date(text, start, min(end, start + _TOP), skip)
    if found[0] is None:
        found = _session_date(text, start, end, skip)
    return found


def _session_date(text: str, start: int, end: int, skip=()):
    session = patterns.load("dates.yaml")["session"]
    for kind in session:
        # within one kind of wording, the earliest mention is the sitting's own
        candidates = []
        for pattern in patterns.compiled_each("dates.yaml", "session", kind):
            for m in pattern.finditer(text, start, end):
                if any(s <= m.start() < e for s, e in skip):
                    continue
                if "value" in m.groupdict() and m.group("value"):
                    day = parse_date(m.group("value"))
                    span = m.span("value")
                else:
                    day = parse_parts(m.group("year"), m.group("day"), m.group("month"))
                    span = (m.start("year"), m.end("month"))
                if day:
                    candidates.append((m.start(), day.isoformat(), span))
                    break
        if candidates:
            _, iso, span = min(candidates)
            return iso, span
    return None, None


def extract_convocation_date(text: str, start: int, end: int):
    for pattern in patterns.compiled_each("dates.yaml", "convocation"):
        for m in pattern.finditer(text, start, end):
            day = parse_date(m.group("value"))
            if day:
                return day.isoformat(), m.span("value")
    return None, None


_MINUTES = {"trente": 30, "quinze": 15, "quarante-cinq": 45, "quarante cinq": 45, "dix": 10, "vingt": 20, "cinq": 5, "quarante": 40}


def extract_session_time(text: str, start: int, end: int):
    for pattern in patterns.compiled_each("dates.yaml", "time"):
        for m in pattern.finditer(text, start, end):
            groups = m.groupdict()
            if groups.get("hour"):
                hour = int(groups["hour"])
                minute = int(groups["minute"]) if groups.get("minute") else 0
            else:
                hour = words_to_int(groups["hour_words"]) or -1
                minute = _MINUTES.get((groups.get("minute_words") or "").lower(), 0)
            if 0 <= hour <= 23 and 0 <= minute <= 59:
                return f"{hour:02d}:{minute:02d}", m.span()
    return None, None
