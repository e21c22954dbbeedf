"""Field family `members`: everyone the attendance part names, with status, proxy, substitute.

Find: the list labels (patterns/attendance.yaml) cut the attendance part into segments, each
with the status its label gives. Choose: inside a segment, names are read in order and the
words between two names link them (a proxy, a substitute) or set a name's own status.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from .. import patterns
from ..french import fold
from .people import clean_name, loose_person_pattern, person_pattern, split_civility

STATUSES = ("present", "remote", "represented", "substituted", "excused", "absent")

_BLANK_LINE = regex.compile(r"\n[ \t]*\n")
_LEADING_COMMA = regex.compile(r"\s*[,;]")
_CIVILITY_FIRST = regex.compile(r"(?:Monsieur|Madame|Mademoiselle|M\.|Mme|MM\.|Mmes)\s")
_LETTER = regex.compile(r"\p{L}")
_NOT_LOWER = regex.compile(r"[^a-z ]")


@dataclass
class Mention:
    member: dict
    start: int
    end: int


@cache
def _label_patterns():
    labels = patterns.load("attendance.yaml")["labels"]
    return [(status, patterns.compiled("attendance.yaml", "labels", status)) for status in labels if status != "end"]


@cache
def _link(kind):
    return patterns.compiled("attendance.yaml", "links", kind)


@cache
def _modifiers():
    return [(status, patterns.compiled("attendance.yaml", "modifiers", status)) for status in patterns.load("attendance.yaml")["modifiers"]]


_LABEL_REACH = 80  # how far a label's first word may stand from its key word ("... ayant donné pouvoir")


def find_labels(text, start, end):
    found = []
    near = patterns.windows(patterns.anchor("attendance.yaml", "label_words"), text, start, end, _LABEL_REACH, _LABEL_REACH)
    for status, pattern in _label_patterns():
        for m in (m for low, high in near for m in pattern.finditer(text, low, high)):
            found.append((m.start(), m.end(), status))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept = []
    for f in found:
        if kept and f[0] < kept[-1][1]:
            continue  # overlapping labels: the earlier, longer one wins
        kept.append(f)
    return kept


def _segment_end(text, start, limit):
    end_marker = patterns.compiled("attendance.yaml", "labels", "end").search(text, start, limit)
    return end_marker.start() if end_marker else limit


_FIGURE_AFTER_LABEL = regex.compile(r"\s*\d{1,3}\b")


def extract_members(text: str, start: int, end: int) -> list[Mention]:
    labels = find_labels(text, start, end)
    mentions: list[Mention] = []
    index: dict[str, int] = {}
    for i, (label_start, label_end, status) in enumerate(labels):
        limit = labels[i + 1][0] if i + 1 < len(labels) else end
        seg_start = label_end
        figure = _FIGURE_AFTER_LABEL.match(text, seg_start, limit)
        if figure:  # "Présents : 27": a printed count; a list may follow it at once
            seg_start = figure.end()
            following = person_pattern().match(text, seg_start + 1 if text[seg_start:seg_start + 1] == " " else seg_start)
            if not following:
                continue
        seg_end = _segment_end(text, seg_start, limit)
        for mention in _read_segment(text, seg_start, seg_end, status):
            _merge(mentions, index, mention)
    return mentions


def _read_segment(text, start, end, status):
    names = _names_in(text, start, end, person_pattern())
    loose = _names_in(text, start, end, loose_person_pattern())
    if len(loose) > len(names) + 1:  # a list written in capitalised words only
        names = loose
    return _link_names(text, names, end, status)


def _names_in(text, start, end, pattern):
    names = []
    last_end = start
    for m in pattern.finditer(text, start, end):
        if not _is_name(m.group(0)):
            continue
        if names and _list_ended(text[last_end:m.start()], m.group(0)):
            break
        names.append(m)
        last_end = m.end()
    return names


def _link_names(text, names, end, status):
    out = []
    i = 0
    while i < len(names):
        m = names[i]
        nxt = names[i + 1] if i + 1 < len(names) else None
        gap = text[m.end(): nxt.start() if nxt else end]
        core = gap.strip(" ,;()[]-\n")
        if nxt is not None and core and _link("proxy").fullmatch(core):
            out.append(_mention(m, "represented", proxy=_plain(nxt.group(0))))
            i += 2
            continue
        if nxt is not None and core and _link("substitute_of").fullmatch(core):
            out.append(_mention(nxt, "substituted", substitute=_plain(m.group(0))))
            i += 2
            continue
        if nxt is not None and core and _link("replaced_by").fullmatch(core):
            out.append(_mention(m, "substituted", substitute=_plain(nxt.group(0))))
            i += 2
            continue
        own = status
        for modifier_status, pattern in _modifiers():
            if pattern.match(gap):
                own = modifier_status
                break
        out.append(_mention(m, own))
        i += 1
    return out


_MAX_GAP = 70  # words between two names of a list are few; a longer run is prose: the list is over


def _list_ended(gap: str, following: str = "") -> bool:
    # a blank line ends a list, unless only space stands between two names and the next one
    # opens with a civility (OCR breaks a long list of "Monsieur X à Madame Y" into paragraphs)
    if _BLANK_LINE.search(gap) and not _LEADING_COMMA.match(gap) and (gap.strip() or not _CIVILITY_FIRST.match(following)):
        return True
    if len(gap) <= _MAX_GAP:
        return False
    core = gap.strip(" ,;()[]-\n")
    for kind in ("proxy", "substitute_of", "replaced_by"):
        if _link(kind).fullmatch(core):
            return False
    return True


def _mention(match, status, proxy=None, substitute=None) -> Mention:
    civility, name = split_civility(match.group(0))
    member = {"civility": civility, "name": clean_name(name), "role": None, "status": status,
              "proxy": proxy, "substitute": substitute}
    return Mention(member, match.start(), match.end())


def _plain(raw: str) -> str:
    return clean_name(split_civility(raw)[1])


@cache
def _not_names():
    return patterns.compiled("attendance.yaml", "not_names")


def _is_name(raw: str) -> bool:
    civility, name = split_civility(raw)
    name = clean_name(name)
    if len(name) < 2 or (civility is None and len(_LETTER.findall(name)) < 3) or _not_names().fullmatch(fold(name)):
        return False
    return True


def name_key(name: str) -> str:
    return " ".join(_NOT_LOWER.sub(" ", fold(name)).split())


_WEAK = {"excused", "absent", "represented"}


def _merge(mentions, index, mention):
    """A name met twice keeps its first status unless the second says more (a proxy, a departure)."""
    key = name_key(mention.member["name"])
    if key not in index:
        index[key] = len(mentions)
        mentions.append(mention)
        return
    old = mentions[index[key]].member
    new = mention.member
    if old["status"] in _WEAK and new["status"] in ("represented", "substituted", "left") and (new["proxy"] or new["substitute"] or new["status"] == "left"):
        old.update(status=new["status"], proxy=new["proxy"], substitute=new["substitute"])


def names_match(a: str, b: str) -> bool:
    wa, wb = set(name_key(a).split()), set(name_key(b).split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)
