"""Stage `split`, for minutes and registers: a whole sitting's text -> its items.

requires: Document.text      assigns: Sitting (the sitting's preamble and its items)

A sitting's minutes (procès-verbal, compte rendu), a list of deliberations or a bound set
without per-act stamps give the sitting's facts once, then one item per deliberation. Items
are found by their headings (patterns/sitting.yaml `item_headings`): of all the numbered
headings of one kind, the chain kept is the one whose numbers follow each other and whose
items hold the most votes, so that an agenda listing the same points, or a numbered list
inside one deliberation, loses to the points that were debated and voted. Minutes whose
items carry no heading are cut after each vote line instead. Items that are not
deliberations (approval of the previous minutes, the mayor's delegated decisions, questions
and information, the agenda) are kept aside with the reason.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

import regex

from . import patterns

_MIN_ITEM_LETTERS = 60  # an "item" shorter than this is a heading with no text: not a deliberation
_HEADING_WINDOW = 240  # where an item says what it is
_LIST_TITLE_REACH = 3000  # a list of deliberations says so at its top
_LINES_BEFORE_FIRST_VOTE = 3
_MIN_VOTES = 3  # voted items a text must hold to be a sitting when it does not say it is one
_TITLE_LINES = 14  # an unnumbered item's heading comes within its first lines
_BLANK_LINE = regex.compile(r"\n[ \t]*\n")


@dataclass
class Item:
    start: int
    end: int
    number: str | None  # as printed: "3", "2023-045", "25-04/031"
    title: str | None
    title_span: tuple[int, int] | None  # in document offsets
    number_span: tuple[int, int] | None = None
    skip: str | None = None  # why this item is not a deliberation
    kind: str | None = None  # the heading's kind (patterns/sitting.yaml item_headings)

    @property
    def number_is_own(self) -> bool:
        """A register number (2023-045, 25-04/031) is the deliberation's own; a point's figure
        (1., II, a bullet) is its place on the agenda only."""
        return self.kind not in (None, "point", "roman", "bullet")


@dataclass
class Sitting:
    preamble_end: int
    items: list[Item]  # every item, skipped ones included, in order

    @property
    def deliberations(self) -> list[Item]:
        return [item for item in self.items if item.skip is None]

    @property
    def skipped(self) -> list[Item]:
        return [item for item in self.items if item.skip is not None]


@dataclass
class _Heading:
    start: int
    seq: int
    number: str | None
    title: str | None
    title_span: tuple[int, int] | None
    number_span: tuple[int, int] | None
    kind: str | None = None


@cache
def _headings():
    return [(rule["kind"], int(rule["step"]),
             patterns.compile_source(rule["pattern"], "sitting.yaml", f"sitting.yaml -> item_headings -> {rule['kind']}"))
            for rule in patterns.load("sitting.yaml")["item_headings"]]


def find_sitting(text: str) -> Sitting | None:
    """The items of a sitting, or None when the text reads as one deliberation."""
    is_minutes = patterns.compiled("sitting.yaml", "minutes").search(text) is not None
    is_list = patterns.compiled("sitting.yaml", "list").search(text, 0, _LIST_TITLE_REACH) is not None
    if not (is_minutes or is_list) and len(patterns.compiled("sitting.yaml", "vote_words").findall(text)) < _MIN_VOTES:
        return None  # one deliberation's text says its vote once or twice
    markers = [m.start() for m in patterns.compiled("sitting.yaml", "vote_marker").finditer(text)]

    best = None
    for kind, step, pattern in _headings():
        if kind == "bullet" and not is_list:
            continue
        found = _find_headings(text, pattern, kind)
        if len(found) < 2:
            continue
        chain, voted = _best_chain(found, step, markers, len(text))
        score = (voted if not is_list else len(chain), len(chain))
        if best is None or score > best[0]:
            best = (score, chain)
    needed = 2 if (is_minutes or is_list) else _MIN_VOTES
    vote_lines = list(patterns.compiled("sitting.yaml", "vote_line").finditer(text)) if is_minutes else []
    if best is not None and (best[0][0] >= needed or (is_list and len(best[1]) >= 2)) \
            and not _votes_outnumber(vote_lines, best[0][0]):
        items = _items_from_headings(text, best[1])
    elif is_minutes:
        items = _items_from_vote_lines(text, vote_lines)
    else:
        return None
    if not items:
        return None
    for item in items:
        item.skip = _skip_reason(text, item, markers, needs_vote=not is_list)
    if len([i for i in items if i.skip is None]) < 2 and not is_list:
        return None
    return Sitting(preamble_end=items[0].start, items=items)


def _find_headings(text: str, pattern, kind: str | None = None) -> list[_Heading]:
    found = []
    for m in pattern.finditer(text):
        start = m.start() + (1 if text[m.start()] in "\n \t" else 0)
        seqs = [s for s in m.captures("seq") if s] if "seq" in pattern.groupindex else []
        if "roman" in pattern.groupindex:
            seqs = [str(_roman(m.group("roman")))]
        seq = int(seqs[-1]) if seqs else len(found)
        number_group = next((g for g in ("id", "seq", "roman") if g in pattern.groupindex and m.group(g)), None)
        number = m.group(number_group) if number_group else None
        title, span = None, None
        if m.group("title"):
            title, span = _heading_title(text, m.start("title"), m.end("title"))
        found.append(_Heading(start, seq, regex.sub(r"\s+", "", number) if number else None, title, span,
                              m.span(number_group) if number_group else None, kind))
    return found


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        total += -values[a] if values.get(b, 0) > values[a] else values[a]
    return total


def _heading_title(text: str, start: int, end: int) -> tuple[str, tuple[int, int]]:
    """The heading's line, and its continuation when the title wraps onto a second line."""
    line_end = end
    nxt = text.find("\n", end + 1)
    following = text[end + 1:nxt if nxt != -1 else len(text)].strip()
    if (following and not text[end - 1:end] in ".:" and len(following) < 90
            and (following[0].islower() or (following.isupper() and len(text[start:end]) > 40))):
        line_end = end + 1 + len(text[end + 1:nxt if nxt != -1 else len(text)].rstrip())
    raw = text[start:line_end]
    cell = raw.find("|")  # a table row: the title is its own cell
    if cell > 3:
        raw = raw[:cell]
    title = regex.sub(r"\s+", " ", raw).strip(" :.-")
    return title, (start, start + len(raw.rstrip()))


def _best_chain(found: list[_Heading], step: int, markers: list[int], n: int):
    """The chain of headings whose numbers follow each other and whose items hold the most
    votes (then the most items): a dynamic programme over (previous heading -> heading)."""
    def voted(a: int, b: int) -> int:
        i = bisect_left(markers, a)
        return 1 if i < len(markers) and markers[i] < b else 0

    best: list[tuple[int, int]] = []
    back: list[int] = []
    for i, h in enumerate(found):
        choice, came_from = (0, 1), -1
        for j in range(i):
            g = found[j]
            if step and not (1 <= h.seq - g.seq <= step):
                continue
            candidate = (best[j][0] + voted(g.start, h.start), best[j][1] + 1)
            if candidate >= choice:  # on a tie the nearer heading: an agenda line loses to the item
                choice, came_from = candidate, j
        best.append(choice)
        back.append(came_from)
    totals = [(best[i][0] + voted(found[i].start, n), best[i][1]) for i in range(len(found))]
    last = max(range(len(found)), key=lambda i: totals[i])
    chain = []
    while last != -1:
        chain.append(found[last])
        last = back[last]
    chain.reverse()
    return chain, totals[found.index(chain[-1])][0]


def _items_from_headings(text: str, chain: list[_Heading]) -> list[Item]:
    items = []
    for k, h in enumerate(chain):
        end = chain[k + 1].start if k + 1 < len(chain) else len(text)
        items.append(Item(h.start, end, h.number, h.title, h.title_span, h.number_span, kind=h.kind))
    return items


def _votes_outnumber(vote_lines: list, voted_items: int) -> bool:
    """Unnumbered minutes whose only numbers are lists inside items: the vote lines, many
    more than the numbered items that hold a vote, are the items' real ends."""
    return len(vote_lines) >= 3 and voted_items * 2 < len(vote_lines)


def _items_from_vote_lines(text: str, lines: list) -> list[Item]:
    """Minutes with unnumbered items: each vote line closes the item it ends."""
    if len(lines) < 2:
        return []
    ends = [m.end() for m in lines]
    first = _paragraph_before(text, lines[0].start() + (text[lines[0].start()] == "\n"))
    items = []
    start = first
    for end in ends:
        if len(regex.findall(r"\p{L}", text[start:end])) >= _MIN_ITEM_LETTERS or not items:
            items.append(_unnumbered_item(text, start, end))
        else:  # a vote line repeated (after a page break) belongs to the item before it
            items[-1].end = end
        start = end
    items[-1].end = len(text)
    return items


def _paragraph_before(text: str, vote_line: int) -> int:
    """Where the first unnumbered item starts: its vote line's paragraph, or the paragraph
    before when the vote line stands alone; a few lines up when the text has no blank lines."""
    blanks = [m.end() for m in _BLANK_LINE.finditer(text, 0, vote_line)]
    if blanks and text[blanks[-1]:vote_line].strip():
        return blanks[-1]
    if len(blanks) > 1:
        return blanks[-2]
    start = vote_line
    for _ in range(_LINES_BEFORE_FIRST_VOTE):
        start = max(0, text.rfind("\n", 0, max(0, start - 1)) + 1)
    return start


def _unnumbered_item(text: str, start: int, end: int) -> Item:
    """An item cut at vote lines: its title is its first line that reads as a heading
    (page furniture repeated on every page of a scan is passed over)."""
    furniture = patterns.compiled("sitting.yaml", "page_furniture")
    vote_line = patterns.compiled("sitting.yaml", "vote_line")
    position = start
    for line in text[start:end].split("\n")[:_TITLE_LINES]:
        stripped = line.strip()
        if (8 <= len(stripped) <= 150 and stripped[0].isupper() and not stripped.endswith(",")
                and not furniture.search(stripped) and not vote_line.match("\n" + stripped)):
            lead = position + line.index(stripped)
            return Item(start, end, None, regex.sub(r"\s+", " ", stripped).strip(" :.-"), (lead, lead + len(stripped)))
        position += len(line) + 1
    return Item(start, end, None, None, None)


def _skip_reason(text: str, item: Item, markers: list[int], needs_vote: bool) -> str | None:
    head = item.title or text[item.start:min(item.end, item.start + _HEADING_WINDOW)]
    for reason, pattern in _skip_patterns().items():
        if pattern.search(head):
            return reason
    if len(regex.findall(r"\p{L}", text[item.start:item.end])) < 12:
        return "empty"
    if needs_vote:
        i = bisect_left(markers, item.start)
        if not (i < len(markers) and markers[i] < item.end):
            return "no_vote"
    return None


@cache
def _skip_patterns() -> dict:
    return {reason: patterns.compiled("sitting.yaml", "skip", reason)
            for reason in patterns.load("sitting.yaml")["skip"]}


SKIP_REASONS = {
    "previous_minutes": "approval of the previous minutes",
    "delegated_decisions": "decisions taken by delegation, reported to the council",
    "questions": "questions and information, no deliberation",
    "agenda": "the agenda",
    "secretary": "election of the sitting's secretary",
    "no_vote": "no vote or decision in the item",
    "empty": "a heading with no text",
}
