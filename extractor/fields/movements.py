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


_WINDOW_BEFORE, _WINDOW_AFTER = 160, 100  # a name and its verb are printed close together


@cache
def _patterns():
    return {kind: patterns.compiled("sitting.yaml", "movements", kind)
            for kind in patterns.load("sitting.yaml")["movements"] if kind != "keywords"}


def _windows(text: str, start: int, end: int, near=None) -> list[tuple[int, int]]:
    """Where the movement verbs (or `near`) are: name patterns are slow to try everywhere."""
    near = near or patterns.anchor("sitting.yaml", "movements", "keywords")
    return patterns.windows(near, text, start, end, _WINDOW_BEFORE, _WINDOW_AFTER)


def find_movements(text: str, start: int = 0, end: int | None = None) -> list[Movement]:
    end = len(text) if end is None else end
    found = []
    windows = _windows(text, start, end)
    for kind, pattern in _patterns().items():
        for m in (m for low, high in windows for m in pattern.finditer(text, low, high)):
            names = [_CIVILITY.sub("", n).strip() for n in _PERSON_SPLIT.split(m.group("who")) if n.strip()]
            if names:
                found.append(Movement(kind, names, m.start(), m.end()))
    found.sort(key=lambda mv: mv.start)
    return found


@dataclass
class NumberedPresence:
    """A member's stated status that starts (`from`) or ends (`until`) at an item's number."""
    name: str
    kind: str  # "from" | "until"
    at: int
    listed: str  # the status of the list it is printed in: "present", "absent", "represented"
    proxy: str | None  # the holder, when this is a proxy given until a number


_NAME_BEFORE = 90  # how far before "(à compter de la délibération n°3)" its name is printed
_AWAY_LISTS = ("absent", "excused")  # labels of the lists of those away


def find_numbered_presence(text: str, members: list[dict], start: int = 0, end: int | None = None) -> list[NumberedPresence]:
    """Rules such as "Mme X (à compter de la délibération n°3)", each tied to the member
    printed just before it, to the list it is printed in, and to a proxy holder printed
    between the two names ("Mme X à Mme Y (jusqu'à la délibération n°2)")."""
    from .members import find_labels, names_match

    end = len(text) if end is None else end
    windows = _windows(text, start, end, patterns.anchor("sitting.yaml", "item_ref_words"))
    if not windows:
        return []
    labels = find_labels(text, start, end)
    found = []
    for kind in ("from", "until"):
        pattern = patterns.compiled("sitting.yaml", "numbered_presence", kind)
        for m in (m for low, high in windows for m in pattern.finditer(text, low, high)):
            at = int(m.group("at"))
            listed = next((status for s, _, status in reversed(labels) if s < m.start()), "present")
            if m.groupdict().get("who"):  # "arrivée de Mme X au point 4": said of someone away
                for name in _PERSON_SPLIT.split(m.group("who")):
                    member = next((x for x in members if names_match(_CIVILITY.sub("", name), x["name"])), None)
                    if member:
                        found.append(NumberedPresence(member["name"], kind, at, "present", None))
                continue
            before = text[max(start, m.start() - _NAME_BEFORE):m.start()]
            pair = patterns.compiled("sitting.yaml", "proxy_pair").search(before) if listed == "represented" else None
            giver = pair and next((x for x in members if names_match(_CIVILITY.sub("", pair.group("giver")), x["name"])), None)
            if giver:
                found.append(NumberedPresence(giver["name"], kind, at, "represented",
                                              _CIVILITY.sub("", pair.group("holder")).strip()))
                continue
            named = _last_member_named(before, members)
            if named is None:
                continue
            found.append(NumberedPresence(named["name"], kind, at, listed if listed in _AWAY_LISTS else "present", None))
    return found


def _last_member_named(before: str, members: list[dict]) -> dict | None:
    """The member whose surname is printed closest to the end of `before`."""
    from .members import name_key

    best = None
    for word in regex.finditer(r"[\p{L}'\-]+", before):
        key = name_key(word.group(0))
        for member in members:
            words = name_key(member["name"]).split()
            if words and key and key == words[-1] and (best is None or word.end() >= best[0]):
                best = (word.end(), member)
    return best[1] if best else None


def status_at(member: dict, rules: list[NumberedPresence], item: int) -> tuple[str, str | None] | None:
    """The member's (status, proxy) at item number `item`, or None when no rule says."""
    from .members import names_match

    mine = [r for r in rules if names_match(r.name, member["name"])]
    if not mine:
        return None
    proxy = next((r for r in mine if r.proxy and item <= r.at), None)
    away = ("represented", proxy.proxy) if proxy else ("absent", None)
    for rule in mine:
        if rule.proxy:
            continue
        if rule.listed == "present":
            if rule.kind == "from":
                return away if item < rule.at else ("present", None)
            return ("present", None) if item <= rule.at else ("left", None)
        if rule.kind == "until":  # away until then, there after
            return away if item <= rule.at else ("present", None)
        return ("present", None) if item < rule.at else ("left", None)
    return away if proxy else None


_SITS = ("present", "remote", "substituted")
_AWAY = ("absent", "excused", "represented")


def apply_movements(members: list[dict], away: dict[str, str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Set who left or arrived (`away`: name -> "left" | "arrived", as the minutes said so far);
    -> the (old, new) status changes and a word on each."""
    from .members import names_match

    changes, said = [], []
    for member in members:
        kind = next((k for name, k in away.items() if names_match(name, member["name"])), None)
        if kind == "left" and member["status"] in _SITS:
            changes.append((member["status"], "left"))
            member["status"] = "left"
            said.append(f"{member['name']} left")
        elif kind == "arrived" and member["status"] in _AWAY:
            changes.append((member["status"], "present"))
            member.update(status="present", proxy=None)
            said.append(f"{member['name']} arrived")
    return changes, said


def item_ordinal(number: str | None) -> int | None:
    """The figure an item is referred to by: the last number in "DEL2023-2", "3", "25-04/031"."""
    figures = regex.findall(r"\d+", number or "")
    return int(figures[-1]) if figures else None


def apply_numbered_presence(members: list[dict], rules: list[NumberedPresence], item: int) -> list[tuple[str, str]]:
    """Set each member's status at item `item`; returns the (old, new) status changes."""
    changes = []
    for member in members:
        found = status_at(member, rules, item)
        if found and found[0] != member["status"]:
            changes.append((member["status"], found[0]))
            member.update(status=found[0], proxy=found[1])
    return changes


def shift_counts(counts: dict, changes: list[tuple[str, str]]) -> None:
    """Move the sitting's printed figures by the members whose status changed for this vote
    (in office stays; a proxy still votes)."""
    for old, new in changes:
        sits = (new in _SITS) - (old in _SITS)
        votes = (new in _SITS or new == "represented") - (old in _SITS or old == "represented")
        for key, delta in (("present", sits), ("absent", -sits),
                           ("represented", (new == "represented") - (old == "represented")), ("voting", votes)):
            if counts.get(key) is not None and delta:
                counts[key] = max(0, counts[key] + delta)
