"""Field family `movements`: who arrives, leaves or stays out of one vote during a sitting.

Find the wordings of patterns/sitting.yaml `movements` ("M. X quitte la séance", "arrivée de
Mme Y", "M. Z ne prend pas part au vote") with the names they give; the sitting's records
apply them to the members and counts of the votes that follow.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns

_PERSON_SPLIT = regex.compile(r"\s*(?:,|\bet\b)\s*")
_CIVILITY = regex.compile(r"^(?:Monsieur|Madame|Mademoiselle|MM\.?|Mmes|Mme|Mlle|Mr\.?|M\.)\s*")


@dataclass
class Movement:
    kind: str  # "left", "arrived", "not_voting"
    names: list[str]
    start: int
    end: int


@cache
def _patterns():
    return {kind: patterns.compiled("sitting.yaml", "movements", kind)
            for kind in patterns.load("sitting.yaml")["movements"]}


def find_movements(text: str, start: int = 0, end: int | None = None) -> list[Movement]:
    end = len(text) if end is None else end
    found = []
    for kind, pattern in _patterns().items():
        for m in pattern.finditer(text, start, end):
            names = [_CIVILITY.sub("", n).strip() for n in _PERSON_SPLIT.split(m.group("who")) if n.strip()]
            if names:
                found.append(Movement(kind, names, m.start(), m.end()))
    found.sort(key=lambda mv: mv.start)
    return found
