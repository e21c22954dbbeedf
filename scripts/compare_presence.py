"""Members of a sitting's first record against a presence table made by hand.

    python scripts/compare_presence.py MINUTES.pdf PRESENCE.csv [...pairs]

The tables (nom, procuration, etat, date; Lannion's 055-057 in ../shared/corpus/wild) give
each member's name, status (présent / procuration / absent) and proxy holder. Rows that are
the table's own section headings ("étaient présents", "procurations") are not members.
Prints name, +status and +proxy F1 (the scorer's member rules) and the names that differ.
"""
from __future__ import annotations

import csv
import sys

from extractor import extract
from extractor.evaluate import pair_members, score_members

STATUS = {"présent": "present", "present": "present", "procuration": "represented", "absent": "absent",
          "excusé": "excused", "excuse": "excused"}
HEADINGS = ("étai", "etai", "procuration", "absent", "excus")


def presence_table(path) -> list[dict]:
    members = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["nom"].strip()
            if not name or name.lower().startswith(HEADINGS):
                continue
            proxy = row.get("procuration")
            members.append({"name": name, "status": STATUS.get(row["etat"].strip().lower(), row["etat"]),
                            "proxy": None if proxy in (None, "", "NA") else proxy})
    return members


def compare(document, table) -> tuple[float, float, float]:
    records = extract(document)
    gold = presence_table(table)
    output = records[0]["members"] if records else []
    scores = score_members(gold, output)
    paired = pair_members(gold, output)
    missing = [g["name"] for g in gold if not any(g is p for p, _ in paired)]
    extra = [o["name"] for o in output if not any(o is q for _, q in paired)]
    wrong = [(g["name"], g["status"], o["status"], g["proxy"], o["proxy"]) for g, o in paired
             if g["status"] != o["status"] and not (g["status"] == "absent" and o["status"] == "excused")]
    print(f"{document}: {len(records)} records; members gold {len(gold)} ours {len(output)}; "
          f"F1 names {scores[0]:.3f} +status {scores[1]:.3f} +proxy {scores[2]:.3f}")
    for label, values in (("missing", missing), ("extra", extra), ("status differs", wrong)):
        if values:
            print(f"  {label}: {values}")
    return scores


if __name__ == "__main__":
    args = sys.argv[1:]
    for document, table in zip(args[::2], args[1::2]):
        compare(document, table)
