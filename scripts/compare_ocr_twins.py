"""Our OCR of the Corte scans against the OCR twins made elsewhere (issue 3's acceptance).

    .venv/bin/python scripts/compare_ocr_twins.py [WILD_FOLDER] [--cache DIR]

For each scan (059, 061, 063, 065) and its twin (060, 062, 064, 066): the sitting date of the
first record of each, and the member names of the first record compared with the scorer's
name rule (extractor.evaluate.pair_members: precision, recall, F1), with the names found on
one side only. OCR of a scan takes 10-40 s: with --cache DIR the scan's OCR (the RawDocument)
is kept in DIR as JSON and read back on the next run, so only the extraction is redone.
"""
from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from extractor import extract
from extractor.evaluate import pair_members
from extractor.model import RawDocument
from extractor.pipeline import run
from extractor.read import read

PAIRS = [("059", "060"), ("061", "062"), ("063", "064"), ("065", "066")]


def _raw(path: Path, cache: Path | None) -> RawDocument:
    if cache is None:
        return read(path)
    kept = cache / (path.stem + ".json")
    if kept.exists():
        data = json.loads(kept.read_text(encoding="utf-8"))
        data["ocr_pages"] = set(data.get("ocr_pages", ()))
        data.setdefault("path", str(path))
        data.setdefault("sha256", "")
        return RawDocument(**{k: v for k, v in data.items() if k in RawDocument.__dataclass_fields__})
    raw = read(path)
    cache.mkdir(parents=True, exist_ok=True)
    data = asdict(raw)
    data["ocr_pages"] = sorted(raw.ocr_pages)
    kept.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return raw


def first_record(folder: Path, code: str, cache: Path | None = None) -> dict:
    path = next(folder.glob(f"{code}_*"))
    records = run(_raw(path, cache)) if path.suffix == ".pdf" else extract(path)
    return records[0] if records else {"session_date": None, "members": []}


def compare(ours: dict, theirs: dict) -> dict:
    pairs = pair_members(theirs["members"], ours["members"])
    precision = len(pairs) / len(ours["members"]) if ours["members"] else 0.0
    recall = len(pairs) / len(theirs["members"]) if theirs["members"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    matched_ours = {id(o) for _, o in pairs}
    matched_theirs = {id(t) for t, _ in pairs}
    return {"same_date": ours["session_date"] == theirs["session_date"], "precision": precision,
            "recall": recall, "f1": f1,
            "only_ours": [m["name"] for m in ours["members"] if id(m) not in matched_ours],
            "only_theirs": [m["name"] for m in theirs["members"] if id(m) not in matched_theirs]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wild")
    parser.add_argument("--cache", type=Path, default=None, help="keep the scans' OCR here")
    args = parser.parse_args()
    failed = 0
    for scan_code, twin_code in PAIRS:
        ours = first_record(args.folder, scan_code, args.cache)
        theirs = first_record(args.folder, twin_code)
        c = compare(ours, theirs)
        ok = c["same_date"] and c["f1"] >= 0.9
        failed += not ok
        print(f"{scan_code} vs {twin_code}: date {ours['session_date']} / {theirs['session_date']} "
              f"({'same' if c['same_date'] else 'DIFFERENT'}); "
              f"members ours {len(ours['members'])}, twin {len(theirs['members'])}: "
              f"P {c['precision']:.2f} R {c['recall']:.2f} F1 {c['f1']:.2f} {'ok' if ok else 'FAIL'}")
        if c["only_ours"] or c["only_theirs"]:
            print(f"    only in our OCR: {c['only_ours']}\n    only in the twin: {c['only_theirs']}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
