"""Stage `fields`: one deliberation's text -> its record (RECORD.md), with evidence offsets.

requires: Document, a (start, end) span from `split`      assigns: the record dict

Every field family lives in extractor/fields/; this module only decides where each one looks
(which sections) and writes what they return into the record.
"""
from __future__ import annotations

from . import actes
from .fields import amounts as amounts_field
from .fields import counts as counts_field
from .fields import dates, header, identifiers, movements, people, prefecture, texts, title as title_field, vote as vote_field
from .fields.members import extract_members, names_match
from .model import Document
from .sections import find_sections

SCHEMA_VERSION = "1"
_HEADER_REACH = 6000  # header facts are printed near the top; further down they are quotes


def build_record(doc: Document, start: int, end: int, index: int, *, item_presence: bool = True,
                 infer_matter: bool = True) -> dict:
    """The record of doc.text[start:end]. `item_presence` applies the attendance notes tied to
    a deliberation's number ("à compter de la délibération n°3"); a sitting's preamble, read
    for all its items at once, is built without them. `infer_matter` is off when the caller
    will name the title itself (a sitting's item heading) and infer the matter from it."""
    text = doc.text[start:end]
    n = len(text)
    sections = find_sections(text)
    stamps = sections.stamps
    evidence: dict[str, tuple[int, int]] = {}

    decision_start = sections.decision[0] if sections.decision else None
    attendance_end = sections.attendance[1] if sections.attendance else None
    head_end = min(n, decision_start if decision_start is not None else _HEADER_REACH, _HEADER_REACH)
    if head_end < 200:
        head_end = min(n, _HEADER_REACH)
    body_end = sections.body_end or n
    visas = texts.find_visas(text, 0, body_end, stamps)
    visa_spans = [span for _, span in visas]
    skip = stamps + visa_spans

    def put(field, value, span):
        if value is not None and span is not None:
            evidence[field] = span
        return value

    session_date = put("session_date", *dates.extract_session_date(text, 0, head_end, stamps))
    session_time = put("session_time", *dates.extract_session_time(text, 0, head_end))
    convocation = put("convocation_date", *dates.extract_convocation_date(text, 0, body_end))
    actes_ids = prefecture.find_actes_ids(text)
    # the number is printed before the attendance lists; read there first, then the whole header
    near_top = sections.attendance[0] + 200 if sections.attendance and sections.attendance[0] > 300 else head_end
    number, number_span = identifiers.extract_number(text, 0, max(near_top, min(head_end, 1500)), skip)
    if number is None:
        number, number_span = identifiers.extract_number(text, 0, head_end, skip, actes_ids)
    put("number", number, number_span)
    internal_id = put("internal_id", *identifiers.extract_internal_id(text, 0, head_end))
    body_end_zone = sections.attendance[0] + 300 if sections.attendance and sections.attendance[0] > 150 else head_end
    # a stamp is often interleaved with the letterhead that names the body: only visas are skipped
    body, body_raw, body_span = header.extract_body(text, 0, body_end_zone, visa_spans)
    if body is None:
        body, body_raw, body_span = header.extract_body(text, 0, head_end, visa_spans)
    put("body", body, body_span)
    authority = put("authority", *header.extract_authority(text, 0, head_end, skip))

    after_number = number_span[1] if number_span and number_span[0] < head_end else None
    president, president_span = people.extract_president(text, 0, head_end, sections.signature)
    put("president", president, president_span)
    secretary = put("secretary", *people.extract_secretary(text, 0, body_end))

    mentions = []
    if sections.attendance:
        mentions = extract_members(text, sections.attendance[0], min(n, sections.attendance[1] + 50))
    members = [m.member for m in mentions]

    # the objet's heading follows the attendance lists and what closes them
    heading_from = attendance_end
    if mentions:
        closing = [mentions[-1].end]
        for key in ("secretary", "convocation_date"):
            span = evidence.get(key)
            if span and mentions[-1].end <= span[0] <= mentions[-1].end + 400:
                closing.append(span[1])
        heading_from = max(closing)
    title, title_span = title_field.extract_title(text, 0, head_end, stamps, after_number=after_number,
                                                  heading_from=heading_from)
    put("title", title, title_span)
    ordinal = movements.item_ordinal(number)
    if item_presence and ordinal and mentions:
        rules = movements.find_numbered_presence(text, members, sections.attendance[0], mentions[-1].end + 120)
        movements.apply_numbered_presence(members, rules, ordinal)
    printed = counts_field.find_printed(text, 0, body_end, skip)
    if president and members and not any(names_match(president["name"], m["name"]) for m in members):
        listed_present = sum(1 for m in members if m["status"] in ("present", "remote", "substituted"))
        printed_present = printed.get("present", (None,))[0]
        if printed_present is not None and printed_present == listed_present + 1:
            members.insert(0, {**president, "role": president.get("role"), "status": "present", "proxy": None, "substitute": None})
    counts, count_spans, warnings = counts_field.build_counts(printed, members)
    for key, span in count_spans.items():
        evidence[f"counts.{key}"] = span

    decisions = texts.find_decisions(text, decision_start, sections.decision[1], stamps) if sections.decision else []
    vote_zone = (heading_from if heading_from is not None else (decision_start or 0), min(n, body_end + 800))
    decision_found = bool(sections.decision) and bool(decisions)
    vote, vote_span = vote_field.extract_vote(text, vote_zone, decision_found, skip,
                                              texts.first_decision_is_noted(decisions))
    put("vote", vote if vote_span else None, vote_span)

    found_amounts = amounts_field.extract_amounts(text, 0, body_end, stamps, sections.name_of)
    for i, (_, span) in enumerate(found_amounts):
        evidence[f"amounts.{i}"] = span

    budget_lines = texts.find_budget_lines(text, decision_start or 0, body_end)
    matter = None
    printed_matter = prefecture.extract_printed_matter(text)
    if printed_matter:
        code, name, span = printed_matter
        matter = {"code": code, "name": actes.matter_name(code) or name, "source": "printed"}
        evidence["matter"] = span
    elif title and infer_matter:
        # the title names the matter; the first lines of the decision confirm it (a whole body costs too much)
        focus = sections.decision or sections.report or (0, 0)
        matter = actes.infer_matter(title, text[focus[0]:min(focus[1], focus[0] + 1500)])
    pref, pref_span = prefecture.extract_prefecture(text, actes_ids)
    put("prefecture", pref, pref_span)

    page_first = doc.page_at(start)
    page_last = doc.page_at(max(start, end - 1))
    ocr_pages = doc.raw.ocr_pages
    ocr = bool(ocr_pages) and (page_first is None or any(page_first <= p <= page_last for p in ocr_pages))
    record = {
        "schema_version": SCHEMA_VERSION,
        "source": {"file": doc.raw.path, "sha256": doc.raw.sha256, "index": index,
                   "pages": [page_first, page_last] if page_first is not None else None,
                   "ocr": ocr, "reader": doc.raw.reader},
        "authority": authority, "body": body, "body_raw": body_raw,
        "session_date": session_date, "session_time": session_time, "convocation_date": convocation,
        "number": number, "internal_id": internal_id, "title": title,
        "president": president, "secretary": secretary, "members": members, "counts": counts, "vote": vote,
        "amounts": [a for a, _ in found_amounts], "visas": [v for v, _ in visas], "decisions": [d for d, _ in decisions],
        "budget_lines": budget_lines, "matter": matter, "prefecture": pref,
        "sections": sections.as_dict(), "text": text,
        "evidence": {k: {"start": s, "end": e, "page": doc.page_at(start + s)} for k, (s, e) in evidence.items()},
        "warnings": list(doc.raw.warnings) + warnings + _repairs_in(doc, start, end),
    }
    return record


_REPAIRS_LISTED = 5


def _repairs_in(doc: Document, start: int, end: int) -> list[str]:
    """OCR readings normalize repaired inside this record's text, as warnings."""
    if not doc.repairs or end <= start:
        return []
    low, high = doc.raw_index[start], doc.raw_index[end - 1]
    mine = [r for r in doc.repairs if low <= r[0] <= high]
    listed = [f"ocr_repaired: {read!r} read as {new!r} ({why})" for _, read, new, why in mine[:_REPAIRS_LISTED]]
    if len(mine) > _REPAIRS_LISTED:
        listed.append(f"ocr_repaired: {len(mine) - _REPAIRS_LISTED} more repair(s) of the same kinds")
    return listed
