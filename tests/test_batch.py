"""Batch runs: parallel equals sequential, reruns skip what is done, a killed run resumes to
complete outputs, the input size bound, the Dask engine (real processes, real files)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from extractor.cli import main
from tests.conftest import ROOT, SAMPLES

TEXTS = sorted(SAMPLES.glob("*.txt"))


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in TEXTS[:8]:
        shutil.copy(path, folder / path.name)
    return folder


def run(folder, out, *extra):
    return main(["extract", str(folder), "-o", str(out), "-q", "--format", "jsonl,csv,parquet", *extra])


def jsonl(out):
    return [json.loads(line) for line in (out / "deliberations.jsonl").read_text(encoding="utf-8").splitlines()]


def keys(records):
    return [(Path(r["source"]["file"]).name, r["source"]["index"]) for r in records]


def manifest(out):
    lines = (out / ".delib" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_batch_two_workers_give_the_sequential_outputs(inputs, tmp_path):
    assert run(inputs, tmp_path / "one", "--workers", "1") == 0
    assert run(inputs, tmp_path / "two", "--workers", "2") == 0
    assert jsonl(tmp_path / "one") == jsonl(tmp_path / "two")
    one = pd.read_parquet(tmp_path / "one" / "members.parquet")
    two = pd.read_parquet(tmp_path / "two" / "members.parquet")
    pd.testing.assert_frame_equal(one, two)


def test_batch_rerun_skips_unchanged_files(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(inputs, out) == 0
    first = jsonl(out)
    capsys.readouterr()
    assert main(["extract", str(inputs), "-o", str(out), "--format", "jsonl,csv,parquet"]) == 0
    assert f"{len(TEXTS[:8])} skipped unchanged" in capsys.readouterr().err
    assert jsonl(out) == first
    assert len(set(keys(first))) == len(first)
    assert len(pd.read_csv(out / "deliberations.csv")) == len(first)


def test_batch_changed_file_is_redone_and_removed_file_drops_out(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert run(inputs, out) == 0
    changed, removed = sorted(inputs.iterdir())[:2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Conseil", "CONSEIL", 1), encoding="utf-8")
    removed.unlink()
    capsys.readouterr()
    assert main(["extract", str(inputs), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "1 ok" in err and f"{len(TEXTS[:8]) - 2} skipped unchanged" in err
    names = {name for name, _ in keys(jsonl(out))}
    assert changed.name in names and removed.name not in names


def test_batch_failed_file_is_tried_again(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    assert run(inputs, out) == 1
    assert "empty.txt: empty file" in capsys.readouterr().err
    assert run(inputs, out) == 1  # not skipped: failures are retried
    assert [e["status"] for e in manifest(out) if e["path"].endswith("empty.txt")] == ["read_error", "read_error"]


def test_batch_max_bytes_refuses_big_files_and_goes_on(inputs, tmp_path, capsys):
    big = max(inputs.iterdir(), key=lambda p: p.stat().st_size)
    limit = big.stat().st_size - 1
    assert run(inputs, tmp_path / "out", "--max-bytes", str(limit)) == 1
    assert f"{big.name}: file of {big.stat().st_size} bytes is over the limit" in capsys.readouterr().err
    assert big.name not in {name for name, _ in keys(jsonl(tmp_path / "out"))}
    assert len(jsonl(tmp_path / "out")) > 0


def test_batch_sigkill_then_rerun_gives_complete_outputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for copy in range(6):  # enough files for the run to last a few seconds
        for path in TEXTS:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    shutil.copy(ROOT / "tests" / "data" / "pdf" / "002_martignargues-cm-2017-06-27_scan.pdf", folder / "scan.pdf")
    out = tmp_path / "out"
    reference = tmp_path / "reference"
    assert run(folder, reference) == 0

    process = subprocess.Popen([sys.executable, "-m", "extractor", "extract", str(folder), "-o", str(out), "-q",
                                "--format", "jsonl,csv,parquet", "--workers", "2"], cwd=ROOT)
    manifest_path = out / ".delib" / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (manifest_path.exists() and manifest_path.stat().st_size > 0):
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = len(manifest_path.read_text(encoding="utf-8").splitlines())
    assert 0 < done < len(list(folder.iterdir())), "the kill came before the end of the run"

    assert run(folder, out) == 0
    records = jsonl(out)
    assert sorted(keys(records)) == sorted(keys(jsonl(reference)))
    assert len(set(keys(records))) == len(records)
    assert len(pd.read_parquet(out / "deliberations.parquet")) == len(records)
    assert len(pd.read_csv(out / "deliberations.csv")) == len(records)
    assert not [p for p in out.rglob("*.tmp")], "temporary files left behind"


def test_batch_dask_engine_gives_the_local_outputs(inputs, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    assert run(inputs, tmp_path / "local", "--workers", "2") == 0
    assert run(inputs, tmp_path / "dask", "--workers", "2", "--engine", "dask") == 0
    assert jsonl(tmp_path / "local") == jsonl(tmp_path / "dask")
