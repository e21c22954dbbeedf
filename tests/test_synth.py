"""`delib synth`: synthetic deliberations whose truth follows GOLD.md and scores like real gold."""
from __future__ import annotations

import json

from extractor.api import extract_file
from extractor.cli import main
from extractor.evaluate import evaluate, load_gold


def test_synth_writes_gold_that_the_scorer_reads(tmp_path):
    assert main(["synth", "60", "-o", str(tmp_path), "--seed", "3", "--per-folder", "10"]) == 0
    texts = sorted(tmp_path.rglob("*.txt"))
    golds = sorted(tmp_path.rglob("*.gold.json"))
    assert len(texts) == len(golds) > 6 and len({p.parent for p in texts}) > 1
    total = 0
    for gold in golds:
        count, records = load_gold(gold)  # the scorer's own reader: raises on a malformed file
        total += count
        for _, truth in records:
            counts, vote = truth["counts"], truth["vote"]
            assert counts["present"] + counts["represented"] == counts["voting"]
            assert counts["present"] + counts["absent"] == len(truth["members"])
            if vote["for"] is not None:
                assert vote["for"] + vote["against"] + vote["abstain"] == counts["voting"]
            assert all(str(amount).replace(".", "").isdigit() for amount in truth["amounts"])
    assert total == 60


def test_synth_same_seed_same_files(tmp_path):
    main(["synth", "12", "-o", str(tmp_path / "a"), "--seed", "5"])
    main(["synth", "12", "-o", str(tmp_path / "b"), "--seed", "5"])
    main(["synth", "12", "-o", str(tmp_path / "c"), "--seed", "6"])
    read = lambda folder: [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    assert read(tmp_path / "a") == read(tmp_path / "b")
    assert read(tmp_path / "a") != read(tmp_path / "c")


def test_synth_truth_is_scored_by_eval(tmp_path):
    main(["synth", "80", "-o", str(tmp_path), "--seed", "11"])
    report = evaluate(tmp_path, extract_file, recursive=True)
    assert report.segmentation.f1 >= 0.95
    assert report.headline >= 0.95
    layouts = {json.dumps(sorted(t.read_text(encoding="utf-8")[:40].split()[:2])) for t in tmp_path.rglob("*.txt")}
    assert len(layouts) >= 3  # several headers, not one template
