"""Field family `visas`, `decisions`, `budget_lines`: the decision's own sentences, whole."""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns


def _clean(s: str) -> str:
    return regex.sub(r"\s+", " ", s).strip(" ;,\n-•*")


@cache
def _visa_end():
    return patterns.compile_source(patterns.load("decisions.yaml")["visa_end"], "decisions.yaml", flags=regex.UNICODE)


def _visa_stop(text, begin, end):
    pos = begin + 3
    limit = min(end, begin + 1500)
    while True:
        stop = _visa_end().search(text, pos, limit)
        if not stop:
            return min(end, begin + 600)
        inside = text[begin:stop.start()]
        if inside.count("(") > inside.count(")"):  # "(pour : 21 ; contre : 0)" belongs to the visa
            close = text.find(")", stop.start(), limit)
            if close != -1:
                pos = close + 1
                continue
        return stop.start()


def find_visas(text: str, start: int, end: int, skip=()):
    """-> list of (visa text, span). A visa runs from "Vu" to the next visa, a semicolon,
    a line end or the next part's opening words."""
    visa_start = patterns.compile_source(patterns.load("decisions.yaml")["visa_start"], "decisions.yaml", flags=regex.UNICODE)
    out = []
    for m in visa_start.finditer(text, start, end):
        if any(s <= m.start() < e for s, e in skip):
            continue
        if out and m.start() < out[-1][1][1]:
            continue
        visa_end = _visa_stop(text, m.start(), end)
        visa = _clean(text[m.start():visa_end])
        if len(visa) > 6:
            out.append((visa, (m.start(), visa_end)))
    return out


@cache
def _item_start():
    data = patterns.load("decisions.yaml")
    source = (r"(?:(?<=^)|(?<=[\n:;.]\s?)|(?<=\s[\-•+*]\s)|(?<=^[\-•+*]\s))(?:" + data["article"] + "|(?-i:" + data["verbs"] + ")"
              + r")|(?:(?<=\n)|(?<=\s[\-•+*]\s)|(?<=;\s)|(?<=:\s))(?:" + data["lower_verbs"] + ")")
    return patterns.compile_source(source, "decisions.yaml", "decisions.yaml -> items")


def find_decisions(text: str, start: int, end: int, skip=()):
    """-> list of (item text, span): each decided item of the decision part."""
    starts = [m.start() for m in _item_start().finditer(text, start, end) if not any(s <= m.start() < e for s, e in skip)]
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else end
        item = _clean(text[s:e])
        if len(item) > 8:
            out.append((item[:1500], (s, e)))
    return out


def first_decision_is_noted(decisions) -> bool:
    if not decisions:
        return False
    noted = patterns.compiled("vote.yaml", "outcomes", "noted")
    return bool(noted.match(decisions[0][0])) or bool(noted.search(decisions[0][0][:40]))


def find_budget_lines(text: str, start: int, end: int):
    context = patterns.compile_source(patterns.load("decisions.yaml")["budget_context"], "decisions.yaml")
    found = {}  # start -> line; a place read by an earlier pattern is not read again
    for pattern in patterns.compiled_each("decisions.yaml", "budget"):
        for m in pattern.finditer(text, start, end):
            if not context.search(text, max(0, m.start() - 120), min(len(text), m.end() + 60)):
                continue
            if any(s <= m.start() < e for s, e, _ in found.values()):
                continue
            groups = m.groupdict()
            line = {"article": groups.get("article"), "function": groups.get("function"),
                    "chapter": groups.get("chapter"), "raw": _clean(m.group(0))}
            found[m.start()] = (m.start(), m.end(), line)
    return [found[k][2] for k in sorted(found)]
