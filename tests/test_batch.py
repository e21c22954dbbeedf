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

import extractor.batch.work as work
from extractor.cli import main
from tests.conftest import ROOT, SAMPLES

TEXTS = sorted(SAMPLES.glob("*.txt"))
_EXTRACT_MANY = work.extract_many


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
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err and "unchanged since the last run" not in err
    assert [e["status"] for e in manifest(out) if e["path"].endswith("empty.txt")] == ["read_error"]
    (inputs / "empty.txt").write_text(TEXTS[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert run(inputs, out) == 0  # mended: its records join the outputs
    assert "empty.txt" in {name for name, _ in keys(jsonl(out))}


def test_batch_file_without_deliberation_is_not_read_again_but_still_reported(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copy(ROOT / "tests" / "data" / "042_mayenne-raa-2017-01-26-cnac-decision_NONDELIB.txt", inputs / "arrete.txt")
    assert run(inputs, out) == 1
    assert "arrete.txt: no deliberation found" in capsys.readouterr().err
    assert main(["extract", str(inputs), "-o", str(out), "--format", "jsonl"]) == 1  # same tree, same answer
    err = capsys.readouterr().err
    assert "arrete.txt: no deliberation found" in err and "(unchanged since the last run)" in err
    assert f"{len(TEXTS[:8]) + 1} skipped unchanged (1 of them with no deliberation)" in err


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
    workers = children(process.pid)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert workers, "the run had a pool"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.05)
    assert not any(alive(pid) for pid in workers), "workers outlived their killed parent"
    done = len(manifest_path.read_text(encoding="utf-8").splitlines())
    assert 0 < done < len(list(folder.iterdir())), "the kill came before the end of the run"

    assert run(folder, out) == 0
    records = jsonl(out)
    assert sorted(keys(records)) == sorted(keys(jsonl(reference)))
    assert len(set(keys(records))) == len(records)
    assert len(pd.read_parquet(out / "deliberations.parquet")) == len(records)
    assert len(pd.read_csv(out / "deliberations.csv")) == len(records)
    assert not [p for p in out.rglob("*.tmp")], "temporary files left behind"


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait() is missing


def _dies_on_poison(paths, *args):
    """extract_many, but the worker process dies on a file named poison (as a crash in a PDF
    library or the OOM killer would kill it)."""
    if any("poison" in path for path in paths):
        os._exit(70)
    return _EXTRACT_MANY(paths, *args)


def test_batch_worker_that_dies_is_named_and_the_batch_goes_on(inputs, tmp_path, capsys, monkeypatch):
    shutil.copy(TEXTS[0], inputs / "poison.txt")
    monkeypatch.setattr(work, "extract_many", _dies_on_poison)  # the forked workers inherit it
    out = tmp_path / "out"
    assert run(inputs, out, "--workers", "2") == 1
    err = capsys.readouterr().err
    assert "poison.txt: internal error: the worker process died on this file" in err
    assert {name for name, _ in keys(jsonl(out))} == {path.name for path in TEXTS[:8]}
    statuses = {Path(e["path"]).name: e["status"] for e in manifest(out)}
    assert statuses.pop("poison.txt") == "internal_error" and set(statuses.values()) == {"ok"}


def test_batch_one_run_at_a_time_per_output_folder(inputs, tmp_path, capsys):
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from extractor.batch.lock import RunLock\n"
         f"with RunLock(Path({str(out / '.delib')!r})):\n    print('held', flush=True); time.sleep(60)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert run(inputs, out) == 1
        assert f"another delib run is using this output folder (pid {holder.pid})" in capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
    assert run(inputs, out) == 0  # the kernel dropped the dead holder's lock


def test_batch_local_engine_imports_nothing_from_dask(inputs, tmp_path):
    script = ("import sys; from extractor.cli import main; "
              f"code = main(['extract', {str(inputs)!r}, '-o', {str(tmp_path / 'out')!r}, '-q', '--workers', '2', "
              "'--format', 'jsonl,csv,parquet,scdl']); "
              "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'dask', 'distributed'}); "
              "print(code, loaded)")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[0] == "0 []", done.stdout + done.stderr


def test_batch_dask_engine_gives_the_local_outputs(inputs, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    assert run(inputs, tmp_path / "local", "--workers", "2") == 0
    assert run(inputs, tmp_path / "dask", "--workers", "2", "--engine", "dask") == 0
    assert jsonl(tmp_path / "local") == jsonl(tmp_path / "dask")
    for name in ("deliberations.csv", "members.csv", "amounts.csv"):
        assert (tmp_path / "local" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "local" / "members.parquet"),
                                  pd.read_parquet(tmp_path / "dask" / "members.parquet"))
    assert (sorted((Path(e["path"]).name, e["status"], e["records"]) for e in manifest(tmp_path / "local"))
            == sorted((Path(e["path"]).name, e["status"], e["records"]) for e in manifest(tmp_path / "dask")))


def test_max_bytes_takes_human_sizes(capsys):
    from extractor.cli import _size

    assert [_size(v) for v in ("200M", "5m", "1G", "512k", "1000", "1.5K", "2MB")] == [
        200 << 20, 5 << 20, 1 << 30, 512 << 10, 1000, 1536, 2 << 20]
    assert main(["extract", "x", "--max-bytes", "lots"]) == 2
    assert "is not a size" in capsys.readouterr().err
