"""Field family `counts`: printed attendance figures, and figures counted from the list.

A figure printed in the text wins; where none is printed but the member list gives it, it is
counted from the list. `absent` covers every empty seat (represented, excused, absent, left).
"""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns

COUNT_KEYS = ("in_office", "present", "represented", "absent", "voting", "quorum")
_OCR_FIGURE = str.maketrans({"O": "0", "o": "0", "l": "1"})

_LABEL_GLUE = regex.compile(r"[\s:\-]*")


def _figure(raw: str) -> int | None:
    try:
        return int(raw.translate(_OCR_FIGURE))
    except ValueError:
        return None


@cache
def _count_patterns():
    keys = patterns.load("counts.yaml")["counts"]
    return {k: patterns.compiled_each("counts.yaml", "counts", k) for k in keys}


@cache
def _table_pattern():
    labels = patterns.load("counts.yaml")["table_labels"]
    alternation = "|".join(f"(?P<{k}>{v})" for k, v in labels.items())
    return patterns.compile_source(rf"(?:{alternation})", "counts.yaml", "counts.yaml -> table_labels")


_REACH = 90  # a count's figure and its label word are printed this close


def find_printed(text: str, start: int, end: int, skip=()):
    """-> {key: (value, span)} of the figures printed in [start, end)."""
    found = {}
    near = patterns.windows(patterns.anchor("counts.yaml", "label_words"), text, start, end, _REACH, _REACH)
    for key, pattern_list in _count_patterns().items():
        for pattern in pattern_list:
            m = next((m for low, high in near for m in pattern.finditer(text, low, high)
                      if not any(s <= m.start() < e for s, e in skip)), None)
            if m:
                value = _figure(m.group("value"))
                if value is not None:
                    found[key] = (value, m.span("value"), m.group(0))
                    break
    found.update(_read_tables(text, start, end))  # "label label label 27 20 3": read as a table first
    return found


_FIGURES = regex.compile(r"\s*(?:[\-:]\s*)?(\d{1,3})\b")


def _read_tables(text, start, end):
    """Labels in a row then figures in a row: "en exercice Présents Procurations Votants 27 20 3 23"."""
    out = {}
    labels = list(_table_pattern().finditer(text, start, end))
    i = 0
    while i < len(labels):
        run = [labels[i]]
        while i + 1 < len(labels) and _LABEL_GLUE.fullmatch(text, run[-1].end(), labels[i + 1].start()):
            i += 1
            run.append(labels[i])
        if len(run) >= 2:
            pos, figures = run[-1].end(), []
            for _ in run:
                m = _FIGURES.match(text, pos)
                if not m:
                    break
                figures.append(m)
                pos = m.end()
            if len(figures) == len(run):
                for label, fig in zip(run, figures):
                    key = label.lastgroup
                    out.setdefault(key, (int(fig.group(1)), fig.span(1), label.group(0)))
        i += 1
    return out


def build_counts(printed: dict, members: list[dict]):
    """-> (counts, evidence spans, warnings)."""
    counts = {k: None for k in COUNT_KEYS}
    spans = {}
    warnings = []
    for key in COUNT_KEYS:
        if key in printed:
            counts[key] = printed[key][0]
            spans[key] = printed[key][1]
    if "present_substitutes" in printed and counts["present"] is not None:
        counts["present"] += printed["present_substitutes"][0]

    listed = _count_list(members)
    if members:
        for key in ("present", "represented"):
            if counts[key] is None and key == "present" and not listed[key]:
                continue  # lists of the absent only ("24 présents et représentés: (4 procurations: ...)")
            if counts[key] is None:
                counts[key] = listed[key]
            elif listed[key] and counts[key] != listed[key]:
                warnings.append(f"counts_mismatch: {key} printed {counts[key]} but the list names {listed[key]}")

    printed_absent = counts["absent"]
    if printed_absent is not None and "absent" in printed:
        in_office, present, represented = counts["in_office"], counts["present"], counts["represented"]
        if None not in (in_office, present, represented) and represented and present + represented + printed_absent == in_office:
            counts["absent"] = represented + printed_absent  # the printed figure left the proxies out
    elif counts["in_office"] is not None and counts["present"] is not None and counts["in_office"] >= counts["present"]:
        counts["absent"] = counts["in_office"] - counts["present"]
    elif members and listed["present"] > 0:
        counts["absent"] = listed["absent"]

    voters = printed.get("present_and_represented")
    if voters and "absent" in printed and counts["represented"] is not None and counts["in_office"] is None:
        # the seats are the voters and the absent, who are printed apart from the proxies
        counts["in_office"] = voters[0] + printed["absent"][0]
        counts["absent"] = counts["represented"] + printed["absent"][0]
    if voters and counts["present"] is None and counts["represented"] is not None:
        counts["present"] = voters[0] - counts["represented"]
        spans.setdefault("present", voters[1])
    if voters and counts["voting"] is None:
        counts["voting"], spans["voting"] = voters[0], voters[1]
    if counts["voting"] is None and counts["present"] is not None and counts["represented"] is not None:
        counts["voting"] = counts["present"] + counts["represented"]
    return counts, spans, warnings


def _count_list(members):
    present = sum(1 for m in members if m["status"] in ("present", "remote", "substituted"))
    represented = sum(1 for m in members if m["status"] == "represented")
    absent = sum(1 for m in members if m["status"] in ("represented", "excused", "absent", "left"))
    return {"present": present, "represented": represented, "absent": absent}
