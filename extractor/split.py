"""Stage `split`: one input -> the spans of the deliberations it holds.

requires: Document.text      assigns: list of (start, end) spans into Document.text

A bound set of acts repeats each act's register header ("EXTRAIT DU REGISTRE DES
DÉLIBÉRATIONS", "DÉLIBÉRATION DU CONSEIL MUNICIPAL" on a line of its own): where it does,
those headers cut it. Otherwise two signals mark a new deliberation: a prefecture ACTES id not
seen before (each act gets its own), and a new opening sentence ("L'an deux mille ...").
A boundary is put at the start of the header block that precedes the signal, and signals
close to each other are one boundary. Minutes of a sitting, read as one span here, are cut
into items by extractor.sitting.
"""
from __future__ import annotations

from functools import cache

from . import patterns
from .errors import NoDeliberationError
from .fields.prefecture import find_actes_ids, find_stamp_starts

_KIND_REACH = 8000  # negative signals (another kind of paper) are looked for this far
_MERGE_DISTANCE = 2500  # two signals closer than this belong to the same deliberation's header
_HEADER_WINDOW = 1500  # how far before an opening sentence its header block may start


def deliberation_score(text: str, enough: int | None = None) -> int:
    """The weights of the signals found; with `enough`, stops once the score reaches it
    (the negative signals are tried first, so stopping early never changes the verdict)."""
    total = 0
    for signal in _signals_negative_first():
        # what kind of paper this is (an arrêté, a letter) shows at its top
        reach = _KIND_REACH if int(signal["weight"]) < 0 else len(text)
        if _signal(signal["pattern"]).search(text, 0, reach):
            total += int(signal["weight"])
            if enough is not None and total >= enough and int(signal["weight"]) > 0:
                break
    return total


@cache
def _signals_negative_first() -> list[dict]:
    return sorted(patterns.load("document.yaml")["signals"], key=lambda s: int(s["weight"]))


def _signal(source: str):
    return patterns.compile_source(source, "document.yaml", "document.yaml -> signals")


def split(text: str, path: str = "<text>") -> list[tuple[int, int]]:
    threshold = int(patterns.load("document.yaml")["threshold"])
    if deliberation_score(text, enough=threshold) < threshold:
        raise NoDeliberationError(path, "no deliberation found (no register header, sitting or vote wording)")
    registers = [m.start() for m in patterns.compiled("document.yaml", "register_header").finditer(text)]
    if len(registers) >= 2:
        # OCR garbles ACTES ids (a new id for an old act); a repeated header is read whole
        boundaries = [b for b in _header_starts(text, registers) if b >= 200]
        return list(zip([0] + boundaries, boundaries + [len(text)]))
    merged = sorted(b for b in set(_actes_boundaries(text)) if b > 0)
    for b in _opening_boundaries(text):
        # an opening sentence close to an act's stamp is that act's own header
        if b >= 200 and all(abs(b - other) >= _MERGE_DISTANCE for other in merged):
            merged.append(b)
    merged.sort()
    starts = [0] + merged
    ends = merged + [len(text)]
    return list(zip(starts, ends))


def _actes_boundaries(text: str) -> list[int]:
    seen: set[str] = set()
    firsts = []
    for actes_id in find_actes_ids(text):
        if actes_id.key not in seen:
            seen.add(actes_id.key)
            firsts.append(actes_id)
    if len(firsts) < 2:
        return []
    stamps = find_stamp_starts(text)
    all_ids = find_actes_ids(text)
    boundaries = []
    for actes_id in firsts[1:]:
        previous_end = max((a.end for a in all_ids if a.end <= actes_id.start), default=0)
        before = [s for s in stamps if max(previous_end, actes_id.start - 400) <= s <= actes_id.start]
        boundaries.append(before[0] if before else actes_id.start)
    return boundaries


def _opening_boundaries(text: str) -> list[int]:
    opening = patterns.compiled("document.yaml", "opening")
    openings = [m.start() for m in opening.finditer(text)]
    if len(openings) < 2:
        return []
    return _header_starts(text, openings)


def _header_starts(text: str, signals: list[int]) -> list[int]:
    """For each signal after the first, where its header block starts (after the signature
    of the act before it)."""
    headers = patterns.compiled("document.yaml", "header")
    signatures = patterns.compiled("sections.yaml", "signature")
    boundaries = []
    previous = signals[0]
    for position in signals[1:]:
        low = max(previous + 200, position - _HEADER_WINDOW)
        last_signature = None
        for m in signatures.finditer(text, low, position):
            last_signature = m.end()
        if last_signature is not None:
            low = last_signature
        first_header = headers.search(text, low, position)
        boundaries.append(first_header.start() if first_header else position)
        previous = position
    return boundaries
