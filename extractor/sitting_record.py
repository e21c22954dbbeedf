"""Stage `fields`, for a sitting: each item's record carries the sitting's facts.

requires: Document, Sitting (from extractor.sitting)      assigns: one record per item

The preamble (header, attendance) is read once as a record of its own and each item as a
record; the item's record then takes the sitting's date, body, authority, president,
secretary, members and counts. Its `text` is the preamble followed by the item, so that
every evidence offset still points into the record's own text. Arrivals and departures that
the minutes note between two votes change the members and counts of the votes after them.
"""
from __future__ import annotations

import copy

import regex

from . import actes
from .fields.movements import (apply_movements, apply_numbered_presence, find_movements,
                               find_numbered_presence, item_ordinal, shift_counts)
from .model import Document
from .record import build_record
from .sitting import SKIP_REASONS, Item, Sitting

SITTING_FACTS = ("authority", "body", "body_raw", "session_date", "session_time", "convocation_date",
                 "president", "secretary")
_SEPARATOR = "\n\n"
_PAGE_COUNTER = regex.compile(r"\d{1,2}/\d{1,2}$")
_ID_LIKE = regex.compile(r"(?:19|20)\d\d|\d{3,}\D*\d|\p{L}\d")


def sitting_records(doc: Document, sitting: Sitting) -> list[dict]:
    facts = build_record(doc, 0, sitting.preamble_end, 0, item_presence=False)
    numbered = find_numbered_presence(facts["text"], facts["members"])
    away: dict[str, str] = {}  # name -> "left" | "arrived", as the minutes have said so far
    records = []
    for index, item in enumerate(sitting.deliberations):
        own = build_record(doc, item.start, item.end, index, infer_matter=False)
        record = _merge(facts, own, item)
        ordinal = item_ordinal(item.number) or (index + 1)
        before = {m["name"]: m["status"] for m in record["members"]}
        changes = apply_numbered_presence(record["members"], numbered, ordinal)
        _changed(record, changes, [f"{m['name']} {m['status']} (item {ordinal})" for m in record["members"]
                                   if before[m["name"]] != m["status"]], counts_from_sitting=not _own_counts(own))
        vote_at = own["evidence"].get("vote", {}).get("start", len(own["text"]))
        later = []
        for movement in find_movements(own["text"]):
            if movement.kind == "not_voting":
                continue  # the vote reader counts those who stay out of this vote
            if movement.start < vote_at:
                for name in movement.names:
                    away[name] = movement.kind
            else:
                later.append(movement)
        _apply_movements(record, away, counts_from_sitting=not _own_counts(own))
        for movement in later:
            for name in movement.names:
                away[name] = movement.kind
        records.append(record)
    if records and sitting.skipped:
        records[0]["warnings"].extend(
            f"skipped item {_label(doc, item)}: {SKIP_REASONS.get(item.skip, item.skip)}" for item in sitting.skipped)
    return records


def _label(doc: Document, item: Item) -> str:
    name = f"{item.number} " if item.number else ""
    title = (item.title or doc.text[item.start:item.start + 60].split("\n")[0]).strip()
    return f"{name}'{title[:80]}' (page {doc.page_at(item.start)})" if doc.page_at(item.start) else f"{name}'{title[:80]}'"


def _own_counts(record: dict) -> bool:
    return any(key.startswith("counts.") for key in record["evidence"])


def _merge(facts: dict, own: dict, item: Item) -> dict:
    offset = len(facts["text"]) + len(_SEPARATOR)
    record = dict(own)
    record["text"] = facts["text"] + _SEPARATOR + own["text"]
    evidence = {key: _shifted(span, offset) for key, span in own["evidence"].items()}
    for key in SITTING_FACTS:
        if facts[key] is not None:
            record[key] = copy.deepcopy(facts[key])
            evidence.pop(key, None)
            if key in facts["evidence"]:
                evidence[key] = facts["evidence"][key]
    if facts["members"]:
        record["members"] = copy.deepcopy(facts["members"])
    if not _own_counts(own):
        record["counts"] = dict(facts["counts"])
        for key in list(evidence):
            if key.startswith("counts."):
                del evidence[key]
        evidence.update({k: v for k, v in facts["evidence"].items() if k.startswith("counts.")})
    if record["number"] and _PAGE_COUNTER.match(record["number"]):  # "3/8" heads a scan's page
        record["number"] = None
        evidence.pop("number", None)
    if item.number and item.number_is_own and not _printed_id_near_top(own):
        record["number"] = item.number
        if item.number_span:
            evidence["number"] = _item_span(item, item.number_span, offset, own)
    if item.title and len(item.title) >= 3:
        record["title"] = item.title
        evidence["title"] = _item_span(item, item.title_span, offset, own)
    if record["matter"] is None and record["title"]:  # printed matters are kept as read
        decision = own["sections"].get("decision") or own["sections"].get("report") or [0, 0]
        record["matter"] = actes.infer_matter(record["title"], own["text"][decision[0]:decision[0] + 1500])
    record["sections"] = {**{k: _shifted_range(v, offset) for k, v in own["sections"].items()},
                          "header": facts["sections"]["header"], "attendance": facts["sections"]["attendance"]}
    record["evidence"] = evidence
    record["warnings"] = own["warnings"] + [w for w in facts["warnings"] if w not in own["warnings"]]
    return record


def _printed_id_near_top(own: dict) -> bool:
    """The item's own number ("Délibération n° 2023-045") wins over its point's figure."""
    span = own["evidence"].get("number")
    return span is not None and span["start"] < 300 and _ID_LIKE.search(own["number"] or "") is not None


def _item_span(item: Item, span: tuple[int, int], offset: int, own: dict) -> dict:
    start, end = span[0] - item.start + offset, span[1] - item.start + offset
    page = own["source"]["pages"][0] if own["source"]["pages"] else None
    return {"start": start, "end": end, "page": page}


def _shifted(span: dict, offset: int) -> dict:
    return {**span, "start": span["start"] + offset, "end": span["end"] + offset}


def _shifted_range(value, offset: int):
    return [value[0] + offset, value[1] + offset] if value else None


def _apply_movements(record: dict, away: dict[str, str], counts_from_sitting: bool) -> None:
    changes, said = apply_movements(record["members"], away)
    _changed(record, changes, said, counts_from_sitting)


def _changed(record: dict, changes: list, names: list[str], counts_from_sitting: bool) -> None:
    if not changes:
        return
    if counts_from_sitting:
        shift_counts(record["counts"], changes)
        for key in ("present", "absent", "represented", "voting"):
            record["evidence"].pop(f"counts.{key}", None)
    record["warnings"].append("attendance at this vote differs from the sitting's: " + ", ".join(names))
