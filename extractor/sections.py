"""Stage `sections`: one deliberation's text -> header, attendance, report, decision, signature.

requires: a deliberation's text      assigns: Sections (half-open spans, None when absent)

The parts follow each other; each opens at its first marker (patterns/sections.yaml) after
the previous one. Text after the signature block (annexes) belongs to no part.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import patterns
from .fields.prefecture import stamp_spans

_SIGNATURE_LENGTH = 600  # a signature block is short; what follows it is an annex


@dataclass
class Sections:
    header: tuple[int, int] | None
    attendance: tuple[int, int] | None
    report: tuple[int, int] | None
    decision: tuple[int, int] | None
    signature: tuple[int, int] | None
    stamps: list[tuple[int, int]]

    @property
    def body_end(self) -> int:
        """Where the deliberation's own text ends (annexes follow)."""
        for span in (self.signature, self.decision, self.report, self.attendance, self.header):
            if span:
                return span[1]
        return 0

    def name_of(self, offset: int) -> str | None:
        for name in ("header", "attendance", "report", "decision", "signature"):
            span = getattr(self, name)
            if span and span[0] <= offset < span[1]:
                return name
        return None

    def as_dict(self) -> dict:
        return {n: (list(s) if s else None) for n, s in
                (("header", self.header), ("attendance", self.attendance), ("report", self.report),
                 ("decision", self.decision), ("signature", self.signature))}


_DECISION_REACH = 140  # "Le Conseil municipal, après en avoir délibéré, à l'unanimité, DÉCIDE"


def _first(name: str, text: str, start: int, stamps, end: int | None = None) -> int | None:
    pattern = patterns.compiled("sections.yaml", name)
    end = len(text) if end is None else end
    if name == "decision":  # its markers open with common words: tried only near their verbs
        near = patterns.windows(patterns.anchor("sections.yaml", "decision_words"), text, start, end,
                                _DECISION_REACH, 20)
    else:
        near = [(start, end)]
    for m in (m for low, high in near for m in pattern.finditer(text, low, high)):
        if not any(s <= m.start() < e for s, e in stamps):
            return m.start()
    return None


def find_sections(text: str) -> Sections:
    n = len(text)
    stamps = stamp_spans(text)
    attendance = _first("attendance", text, 0, stamps, min(n, 6000))
    after_attendance = attendance if attendance is not None else 0
    decision = _first("decision", text, after_attendance, stamps)
    report_marker = _first("report", text, after_attendance, stamps, decision)
    visa = patterns.compiled("decisions.yaml", "visa_start").search(text, after_attendance, decision or n)

    attendance_end = None
    if attendance is not None:
        candidates = [p for p in (report_marker, visa.start() if visa else None, decision) if p is not None and p > attendance]
        attendance_end = min(candidates) if candidates else min(n, attendance + 3000)

    report_start = attendance_end if attendance_end is not None else (report_marker or 0)
    signature = _first("signature", text, decision if decision is not None else report_start, stamps)
    if decision is not None and visa is not None and visa.start() < decision and (report_marker is None or visa.start() > report_marker):
        decision_start = visa.start() if decision - visa.start() < 4000 else decision
    else:
        decision_start = decision

    header = (0, attendance if attendance is not None else report_start) if (attendance or report_start) else None
    att = (attendance, attendance_end) if attendance is not None else None
    report_end = decision_start if decision_start is not None else (signature if signature is not None else n)
    report = (report_start, report_end) if report_end > report_start else None
    decision_span = None
    if decision_start is not None:
        decision_span = (decision_start, signature if signature is not None and signature > decision_start else n)
    signature_span = None
    if signature is not None:
        sig_end = min(n, signature + _SIGNATURE_LENGTH)
        next_stamp = [s for s, _ in stamps if signature + 20 < s < sig_end]
        annex = patterns.compiled("sections.yaml", "annex").search(text, signature + 20, sig_end)
        for cut in (next_stamp[0] if next_stamp else None, annex.start() if annex else None):
            if cut is not None:
                sig_end = min(sig_end, cut)
        signature_span = (signature, sig_end)
    if header and header[1] <= header[0]:
        header = None
    return Sections(header, att, report, decision_span, signature_span, stamps)
