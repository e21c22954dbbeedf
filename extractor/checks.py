"""Stage `checks`: consistency rules over a finished record -> warnings with stable codes."""
from __future__ import annotations


def check_record(record: dict) -> list[str]:
    warnings = []
    counts, vote = record["counts"], record["vote"]
    figures = [vote[k] for k in ("for", "against", "abstain") if vote[k] is not None]
    if counts["voting"] is not None and figures and sum(figures) > counts["voting"]:
        warnings.append(f"vote_exceeds_voters: {sum(figures)} votes for {counts['voting']} voters")
    if None not in (counts["in_office"], counts["present"], counts["absent"]) and counts["present"] + counts["absent"] != counts["in_office"]:
        warnings.append(f"counts_inconsistent: present {counts['present']} + absent {counts['absent']} != in office {counts['in_office']}")
    if counts["voting"] is not None and counts["present"] is not None and counts["represented"] is not None:
        if counts["voting"] > counts["present"] + counts["represented"]:
            warnings.append(f"voting_exceeds_attendance: {counts['voting']} voters for {counts['present']} present and {counts['represented']} represented")
    if counts["quorum"] is not None and counts["present"] is not None and counts["present"] < counts["quorum"]:
        warnings.append(f"quorum_not_met: {counts['present']} present, quorum {counts['quorum']}")
    for member in record["members"]:
        if member["status"] == "represented" and not member["proxy"]:
            warnings.append(f"proxy_unknown: {member['name']} is represented but the holder is not named")
    for field in ("session_date", "title", "body"):
        if record[field] is None:
            warnings.append(f"missing_{field}: not found in the text")
    if record["session_date"] and record["prefecture"] and record["prefecture"].get("received"):
        if record["prefecture"]["received"] < record["session_date"]:
            warnings.append("prefecture_before_session: received by the prefecture before the sitting date")
    return warnings
