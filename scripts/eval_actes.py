#!/usr/bin/env python3
"""Measure extractor.actes.infer_matter on an SCDL file: level-1 and level-2 accuracy.

    python scripts/eval_actes.py [FILE.csv] [--verbose]

The default file is the Saint-Etienne Métropole 2022 export (corpus/wild/050_...). Two
references are scored:

- the file's own columns: DELIB_MATIERE_CODE where given, else DELIB_MATIERE_NOM when it names
  an ACTES level-1 or level-2 label (in 050 every code is empty and most names are
  "COMMANDE PUBLIQUE" whatever the subject, so this reference is weak);
- for 050 only, HAND_LABELS below: one annotator's ACTES codes for the 80 rows, written after the
  keywords of patterns/matter.yaml and before the first run, never used to choose keywords.
  Rows that two matters fit list both ("5.4|7.3"): "strict" scores the first, "lenient" any.

The file is a measurement set: do not add keywords because of its rows.
"""
from __future__ import annotations

import argparse
import csv
import sys
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractor import actes  # noqa: E402

DEFAULT_FILE = REPO.parent / "shared" / "corpus" / "wild" / "050_scdl-saint-etienne-metropole-deliberations-2022.csv"

# Row number ("Nombre de délibération" column of 050) -> accepted codes, preferred first.
HAND_LABELS_FILE = "050_scdl-saint-etienne-metropole-deliberations-2022.csv"
HAND_LABELS = {
    1: "7.8", 2: "1.2", 3: "7.8", 4: "9.4", 5: "7.8", 6: "7.8", 7: "2.1", 8: "5.4|7.3", 9: "5.3",
    10: "7.10", 11: "7.2", 12: "7.8", 13: "3.6|8.8", 14: "2.1", 15: "7.1", 16: "1.2", 17: "8.6",
    18: "7.8", 19: "7.8|8.3", 20: "7.8", 21: "2.1", 22: "7.2", 23: "7.8", 24: "7.8", 25: "2.1",
    26: "1.2", 27: "7.10|8.9", 28: "7.8", 29: "5.4|5.2", 30: "7.8", 31: "7.10", 32: "7.8", 33: "7.8",
    34: "2.1", 35: "1.2", 36: "7.10|8.9", 37: "7.8", 38: "5.4|5.2", 39: "5.3", 40: "7.10", 41: "7.2",
    42: "7.8", 43: "3.6|8.8", 44: "2.1", 45: "7.1", 46: "7.8", 47: "2.1", 48: "7.5|8.2", 49: "2.1",
    50: "7.8", 51: "8.5", 52: "5.4|5.2", 53: "7.8", 54: "7.1|7.10", 55: "7.8", 56: "2.1",
    57: "5.4|5.2", 58: "4.1|5.2", 59: "7.8", 60: "7.8", 61: "7.8", 62: "7.8", 63: "5.7", 64: "2.1",
    65: "5.3", 66: "2.1", 67: "7.8", 68: "9.4", 69: "8.5", 70: "7.10|8.8", 71: "5.7", 72: "2.1",
    73: "7.8", 74: "2.1", 75: "7.1", 76: "8.8|7.1", 77: "7.8", 78: "7.8", 79: "7.1|7.10", 80: "7.8",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every row")
    args = parser.parse_args(argv)
    if not args.file.exists():
        print(f"eval_actes: {args.file}: no such file", file=sys.stderr)
        return 1
    rows = _read_rows(args.file)
    predictions = [actes.infer_matter(row.get("DELIB_OBJET", "")) for row in rows]
    predicted = [p["code"] if p else None for p in predictions]
    print(f"{args.file.name}: {len(rows)} rows, a matter inferred for {sum(p is not None for p in predicted)}")

    file_truth = [_truth_from_file(row) for row in rows]
    _report("file's own labels", predicted, file_truth)

    if args.file.name == HAND_LABELS_FILE:
        hand = [HAND_LABELS.get(_row_number(row, i)) for i, row in enumerate(rows)]
        hand_truth = [tuple(h.split("|")) if h else None for h in hand]
        _report("hand labels, strict", predicted, [t[:1] if t else None for t in hand_truth])
        _report("hand labels, lenient", predicted, hand_truth)
        truth_for_listing = hand_truth
    else:
        truth_for_listing = file_truth

    if args.verbose:
        for i, (row, code, truth) in enumerate(zip(rows, predicted, truth_for_listing), 1):
            mark = "ok " if truth and code in truth else "-- "
            title = " ".join(row.get("DELIB_OBJET", "").split())
            print(f"{mark}{i:3} got {code or '-':5} want {'|'.join(truth) if truth else '?':10} {title[:110]}")
    return 0


def _read_rows(path: Path) -> list[dict]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with path.open(encoding=encoding, newline="") as f:
                return list(csv.DictReader(f))
        except UnicodeDecodeError:
            continue
    raise SystemExit(f"eval_actes: {path}: cannot decode")


def _row_number(row: dict, index: int) -> int:
    first = next(iter(row.values()), "")
    return int(first) if str(first).isdigit() else index + 1


def _truth_from_file(row: dict) -> tuple[str, ...] | None:
    """The codes the file itself states: level 2 from the code or a level-2 name, else level 1."""
    code = (row.get("DELIB_MATIERE_CODE") or "").strip()
    if actes.level2_code(code):
        return (actes.level2_code(code),)
    name = (row.get("DELIB_MATIERE_NOM") or "").strip()
    if not name:
        return None
    wanted = actes.fold_for_matching(name.split("/")[-1])
    for known in actes.classification():
        label = actes.fold_for_matching(actes.matter_name(known) or "")
        # near-equal, not equal: "DESIGNATION DES REPRESENTANTS" names "Désignation de représentants"
        if SequenceMatcher(None, wanted, label).ratio() >= 0.9:
            return (known,)
    return None


def _report(label: str, predicted: list[str | None], truth: list[tuple[str, ...] | None]) -> None:
    pairs = [(p, t) for p, t in zip(predicted, truth) if t]
    if not pairs:
        print(f"  {label}: no usable reference")
        return
    level1 = sum(p is not None and p.split(".")[0] in {c.split(".")[0] for c in t} for p, t in pairs)
    with_level2 = [(p, t) for p, t in pairs if any("." in c for c in t)]
    level2 = sum(p in t for p, t in with_level2)
    line = f"  {label}: {len(pairs)} rows with a reference; level-1 accuracy {level1 / len(pairs):.3f} ({level1}/{len(pairs)})"
    if with_level2:
        line += f", level-2 accuracy {level2 / len(with_level2):.3f} ({level2}/{len(with_level2)})"
    print(line)


if __name__ == "__main__":
    sys.exit(main())
