"""Field family `vote`: outcome, unanimity, for/against/abstain, not taking part.

Find: the unanimity wording and the printed figures in the deliberation's own decision and
signature (not in a visa that quotes a committee's vote, not in the secretary's election in
the header). Choose: printed figures where given; `unanimous` from the wording, or from the
figures when no one voted against; the outcome from the figures, else from the wording.
"""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns

_REACH = 40  # a vote figure is printed next to its word
_OCR_FIGURE = str.maketrans({"O": "0", "o": "0", "l": "1"})


@cache
def _figure_patterns():
    keys = ("for", "against", "abstain")
    return {k: patterns.compiled_each("vote.yaml", "figures", k) for k in keys}


def _outside(pos, skip):
    return not any(s <= pos < e for s, e in skip)


def _first(pattern, text, start, end, skip):
    for m in pattern.finditer(text, start, end):
        if _outside(m.start(), skip):
            return m
    return None


def _sentence(text, start, end):
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 160)
    right_candidates = [p for p in (text.find(".", end), text.find("\n", end)) if p != -1]
    right = min(right_candidates + [end + 160, len(text)])
    return regex.sub(r"\s+", " ", text[left + 1:right]).strip()


def extract_vote(text: str, zone: tuple[int, int], decision_found: bool, skip=(), first_verb_noted=False):
    """-> (vote dict, evidence span or None). Figures are read from the start of the text
    (some print them in the header box); wording only in `zone`, after the attendance part."""
    start, end = zone
    vote = {"outcome": None, "unanimous": None, "for": None, "against": None, "abstain": None,
            "not_voting": None, "raw": None}
    spans = []

    table = _first(patterns.compiled("vote.yaml", "table"), text, 0, end, skip)
    if table:
        for key in ("for", "against", "abstain"):
            vote[key] = int(table.group(key))
        spans.append(table.span())
    near = patterns.windows(patterns.anchor("vote.yaml", "figure_words"), text, 0, end, _REACH, _REACH)
    for key, pattern_list in _figure_patterns().items():
        if vote[key] is not None:
            continue
        for pattern in pattern_list:
            m = next((m for low, high in near for m in [_first(pattern, text, low, high, skip)] if m), None)
            if m:
                vote[key] = int(m.group("value").translate(_OCR_FIGURE))
                spans.append(m.span())
                break

    not_after = patterns.compiled("vote.yaml", "unanimous_not_after")
    unanimous = next((m for m in patterns.compiled("vote.yaml", "unanimous").finditer(text, start, end)
                      if _outside(m.start(), skip) and not not_after.search(text[max(0, m.start() - 90):m.start()])), None)
    majority = _first(patterns.compiled("vote.yaml", "majority"), text, start, end, skip)
    not_voting = _first(patterns.compiled("vote.yaml", "figures", "not_voting"), text, start, end, skip)
    if not_voting:
        vote["not_voting"] = 1 + _names_before(text, not_voting.start())
        spans.append(not_voting.span())

    if unanimous:
        vote["unanimous"] = True
        spans.insert(0, unanimous.span())
    elif vote["against"] is not None and vote["against"] > 0:
        vote["unanimous"] = False
    elif majority and not unanimous:
        vote["unanimous"] = False
        spans.append(majority.span())
    elif vote["against"] == 0 and (vote["for"] or 0) > 0:
        vote["unanimous"] = True

    vote["outcome"] = _outcome(text, start, end, skip, vote, decision_found, first_verb_noted)
    if spans:
        s, e = min(spans)
        vote["raw"] = _sentence(text, s, e)
        return vote, min(spans)
    return vote, None


def _outcome(text, start, end, skip, vote, decision_found, first_verb_noted):
    for outcome in ("rejected", "deferred", "withdrawn"):
        if _first(patterns.compiled("vote.yaml", "outcomes", outcome), text, start, end, skip):
            return outcome
    if vote["for"] is not None and vote["against"] is not None:
        return "adopted" if vote["for"] > vote["against"] else "rejected"
    if vote["unanimous"] is not None or vote["for"]:
        return "adopted"
    if first_verb_noted or _first(patterns.compiled("vote.yaml", "outcomes", "noted"), text, start, end, skip):
        return "noted"
    if decision_found:
        return "adopted"
    return None


_NAME_SEP = regex.compile(r",|\bet\b")


def _names_before(text, pos):
    """How many more names a "ne prennent pas part au vote" sentence gives beyond the first."""
    left = max(text.rfind(".", 0, pos), pos - 200)
    chunk = text[left + 1:pos]
    return len(_NAME_SEP.findall(chunk)) if regex.search(r"prennent|ne\s+participent", text[pos:pos + 30]) else 0
