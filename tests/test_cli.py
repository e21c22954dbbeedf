"""The `delib` command, run in-process: exit codes, stderr messages, outputs."""
import json
import shutil

from extractor.cli import main

from .conftest import DATA, SAMPLES, assert_valid_record


def test_cli_extract_writes_valid_jsonl(tmp_path, capsys, record_validator):
    code = main(["extract", str(SAMPLES), "-o", str(tmp_path), "-q"])
    assert code == 0
    lines = (tmp_path / "deliberations.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) >= len(list(SAMPLES.glob("*.txt")))
    for record in records:
        assert_valid_record(record, record_validator)
    assert not list(tmp_path.glob(".deliberations.jsonl.*")), "temporary file left behind"


def test_cli_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (inputs / "latin1.txt").write_bytes("Séance du 26 octobre 2016 \xe9".encode("latin-1") + b"\x81\x8d" * 0)
    shutil.copy(DATA / "042_mayenne-raa-2017-01-26-cnac-decision_NONDELIB.txt", inputs / "arrete.txt")
    shutil.copy(SAMPLES / "tg-cp-2016-10-26-ent-feder.md", inputs / "good.md")
    out = tmp_path / "out"
    code = main(["extract", str(inputs), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "empty.txt: empty file" in err
    assert "binary.txt: binary file" in err
    assert "arrete.txt: no deliberation found" in err
    assert "Traceback" not in err
    records = [json.loads(x) for x in (out / "deliberations.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["number"] for r in records] == ["CP2016_10_11"]


def test_cli_missing_path_fails_with_exit_1(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_cli_usage_errors_exit_2(capsys):
    assert main([]) == 2
    assert main(["extract", "x", "--format", "xml"]) == 2
    assert main(["frobnicate"]) == 2


def test_cli_latin1_text_is_decoded(tmp_path):
    src = (SAMPLES / "tg-cp-2016-10-26-ent-feder.md").read_text(encoding="utf-8")
    path = tmp_path / "cp1252.txt"
    path.write_bytes(src.replace("\u202f", " ").encode("cp1252", errors="replace"))
    out = tmp_path / "out"
    assert main(["extract", str(path), "-o", str(out), "-q"]) == 0
    record = json.loads((out / "deliberations.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert record["session_date"] == "2016-10-26"
    assert "DÉPARTEMENTAL" in record["text"]
