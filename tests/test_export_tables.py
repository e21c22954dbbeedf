"""Tables: to_frames(), CSV and Parquet written for real and read back with pandas and pyarrow."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extractor.export import tables
from extractor.export.atomic import atomic_open

from .conftest import assert_valid_record
from .export_fixtures import APRIL_SHA, REGISTER_SHA, sample_records


@pytest.fixture
def records():
    return sample_records()


@pytest.fixture
def frames(records):
    return tables.to_frames(records)


DATE = pd.ArrowDtype(pa.date32())
DECLARED = {
    "deliberations": {
        "deliberation_id": "string", "source_index": "Int64", "source_pages_first": "Int64",
        "source_ocr": "boolean", "body": "category", "session_date": DATE, "convocation_date": DATE,
        "counts_in_office": "Int64", "counts_quorum": "Int64", "vote_outcome": "category",
        "vote_unanimous": "boolean", "vote_for": "Int64", "vote_not_voting": "Int64",
        "matter_source": "category", "prefecture_received": DATE, "n_members": "Int64", "warnings": "string",
    },
    "members": {"position": "Int64", "name": "string", "status": "category", "session_date": DATE},
    "amounts": {"position": "Int64", "value": "object", "tax": "category", "section": "category"},
    "decisions": {"position": "Int64", "text": "string"},
    "visas": {"position": "Int64", "text": "string"},
    "budget_lines": {"position": "Int64", "article": "string"},
}


def assert_declared_dtypes(frames):
    for table, columns in DECLARED.items():
        for column, dtype in columns.items():
            assert frames[table][column].dtype == dtype, f"{table}.{column}: {frames[table][column].dtype}"
    assert all(isinstance(v, Decimal) for v in frames["amounts"]["value"])


def test_tables_fixture_records_follow_the_contract(records, record_validator):
    for record in records:
        assert_valid_record(record, record_validator)


def test_tables_one_row_per_record_and_per_item(frames, records):
    assert list(frames) == list(tables.TABLE_NAMES)
    assert len(frames["deliberations"]) == len(records)
    assert len(frames["members"]) == sum(len(r["members"]) for r in records)
    assert len(frames["amounts"]) == 5
    assert len(frames["decisions"]) == 2 and len(frames["visas"]) == 2 and len(frames["budget_lines"]) == 1
    assert frames["deliberations"]["deliberation_id"].tolist()[:2] == [f"{REGISTER_SHA}:0", f"{REGISTER_SHA}:1"]
    assert set(frames["members"]["deliberation_id"]) <= set(frames["deliberations"]["deliberation_id"])


def test_tables_flatten_scalars_with_underscore(frames):
    row = frames["deliberations"].iloc[0]
    assert row["president_name"] == "Francis BRETON"
    assert row["counts_voting"] == 16 and row["vote_unanimous"] == True  # noqa: E712 (numpy bool)
    assert pd.isna(row["vote_for"])
    assert row["source_pages_first"] == 1 and row["source_pages_last"] == 2
    assert row["matter_code"] == "7.5" and row["matter_source"] == "printed"
    assert row["prefecture_received"] == dt.date(2023, 3, 20)
    assert row["n_members"] == 7 and row["n_amounts"] == 3
    assert row["warnings"] == "counts_mismatch: 15 present printed, 14 named"
    assert "text" not in frames["deliberations"].columns


def test_tables_record_with_nulls_everywhere_is_a_row_of_nulls(frames):
    row = frames["deliberations"].iloc[-1]
    for column in ("title", "session_date", "body", "counts_present", "vote_unanimous", "matter_code",
                   "prefecture_ar_id", "president_name", "warnings", "source_pages_first"):
        assert pd.isna(row[column]), column
    assert row["n_members"] == 0


def test_tables_declared_dtypes(frames):
    assert_declared_dtypes(frames)
    assert list(frames["members"]["status"].cat.categories) == tables.STATUSES


def test_tables_amounts_are_exact_decimals(frames):
    values = frames["amounts"]["value"].tolist()
    assert values == [Decimal("244415.66"), Decimal("1250.00"), Decimal("3000000.00"), Decimal("15000.50"),
                      Decimal("-1520.75")]
    assert sum(values) == Decimal("3259145.41")


def test_tables_parquet_read_back_has_the_declared_types(records, tmp_path):
    written = tables.write_parquet(records, tmp_path)
    assert sorted(p.name for p in written) == sorted(f"{t}.parquet" for t in tables.TABLE_NAMES)
    read_back = {t: pd.read_parquet(tmp_path / f"{t}.parquet") for t in tables.TABLE_NAMES}  # plain pandas
    assert_declared_dtypes(read_back)
    schema = pq.read_schema(tmp_path / "amounts.parquet")
    assert schema.field("value").type == pa.decimal128(18, 2)
    assert pa.types.is_dictionary(schema.field("section").type)
    schema = pq.read_schema(tmp_path / "deliberations.parquet")
    assert schema.field("session_date").type == pa.date32()
    assert schema.field("counts_present").type == pa.int64()
    assert schema.field("vote_unanimous").type == pa.bool_()
    assert pq.read_table(tmp_path / "deliberations.parquet").column("counts_present").null_count == 1


def assert_csv_parquet_and_frames_agree(folder, records):
    """tmp/csv and tmp/parquet read back equal each other and to_frames(records), exactly."""
    from_csv = tables.read_output(folder / "csv")
    from_parquet = tables.read_output(folder / "parquet")
    expected = tables.to_frames(records)
    for name in tables.TABLE_NAMES:
        pd.testing.assert_frame_equal(from_csv[name], from_parquet[name], check_exact=True)
        pd.testing.assert_frame_equal(from_parquet[name], expected[name], check_exact=True)


def test_tables_csv_and_parquet_hold_the_same_rows(records, tmp_path):
    tables.write_csv(records, tmp_path / "csv")
    tables.write_parquet(records, tmp_path / "parquet")
    assert_csv_parquet_and_frames_agree(tmp_path, records)


def test_tables_csv_cells_are_plain_text(records, tmp_path):
    tables.write_csv(records, tmp_path)
    lines = (tmp_path / "amounts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "deliberation_id,position,value,currency,raw,tax,label,per,section"
    assert ",244415.66,EUR,\"244 415,66 € TTC\",TTC,coût total,," in lines[1]
    first = pd.read_csv(tmp_path / "deliberations.csv", dtype=str, keep_default_na=False).iloc[0]
    assert first["session_date"] == "2023-03-14" and first["vote_unanimous"] == "true"
    assert first["vote_for"] == "" and first["counts_voting"] == "16"


def test_tables_read_output_falls_back_to_jsonl(records, tmp_path):
    with open(tmp_path / "deliberations.jsonl", "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    frames = tables.read_output(tmp_path)
    pd.testing.assert_frame_equal(frames["members"], tables.to_frames(records)["members"])


def test_tables_read_output_of_an_empty_folder_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="deliberations"):
        tables.read_output(tmp_path)


def test_tables_attendance_across_sittings_in_three_lines(records, tmp_path):
    tables.write_parquet(records, tmp_path)
    frames = tables.read_output(tmp_path)
    m = frames["members"]
    grid = m.pivot_table(index="name", columns="session_date", values="status", aggfunc="first")
    march, april = dt.date(2023, 3, 14), dt.date(2023, 4, 11)
    assert grid.loc["Hubert CORMERAIS", march] == "represented"
    assert grid.loc["Hubert CORMERAIS", april] == "present"
    assert grid.loc["Sandrine BLUTEAU", april] == "represented"
    assert pd.isna(grid.loc["Anthony BAUDRY", april])


def test_tables_text_column_only_on_request(records, tmp_path):
    frames = tables.to_frames(records, include_text=True)
    assert frames["deliberations"].columns[-1] == "text"
    tables.write_parquet(records, tmp_path, include_text=True)
    assert tables.read_output(tmp_path)["deliberations"]["text"].iloc[0].endswith("unanimité.")


def test_tables_no_records_gives_empty_typed_tables(tmp_path):
    frames = tables.to_frames([])
    assert all(len(frame) == 0 for frame in frames.values())
    tables.write_parquet([], tmp_path)
    back = tables.read_output(tmp_path)
    assert list(back["deliberations"].columns) == list(frames["deliberations"].columns)
    assert back["deliberations"]["session_date"].dtype == DATE


def test_tables_unknown_enum_value_is_kept_not_dropped(records):
    records[0]["body"] = "assemblee_de_corse"  # a value a later contract might add
    column = tables.to_frames(records)["deliberations"]["body"]
    assert column.iloc[0] == "assemblee_de_corse"


def test_tables_oversized_amount_is_null_with_its_raw_kept(records):
    records[0]["amounts"][0]["value"] = "12345678901234567890"  # OCR glued figures together
    row = tables.to_frames(records)["amounts"].iloc[0]
    assert row["value"] is None and row["raw"] == "244 415,66 € TTC"


def test_tables_written_atomically_leave_no_temp_file(records, tmp_path):
    tables.write_csv(records, tmp_path)
    tables.write_parquet(records, tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_tables_atomic_write_keeps_the_old_file_on_failure(tmp_path):
    target = tmp_path / "deliberations.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target) as f:
            f.write("half of the new")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["deliberations.csv"]


def test_tables_second_sitting_keyed_by_its_own_file(frames):
    ids = frames["deliberations"]["deliberation_id"].tolist()
    assert f"{APRIL_SHA}:0" in ids


def test_tables_dev_records_read_back_typed_and_the_same_from_csv_and_parquet(dev_records, tmp_path):
    """Issue 5's acceptance on real records (../shared/corpus/dev: the texts, the text PDF and
    the scan): written as the batch writes them, a chunk at a time (several Parquet row groups),
    read back with plain pandas with the declared dtypes, CSV and Parquet holding the same rows."""
    with tables.TablesWriter(tmp_path / "csv", formats=("csv",), chunk=7) as writer:
        for record in dev_records:
            writer.write(record)
    with tables.TablesWriter(tmp_path / "parquet", formats=("parquet",), chunk=7) as writer:
        for record in dev_records:
            writer.write(record)
    plain = {t: pd.read_parquet(tmp_path / "parquet" / f"{t}.parquet") for t in tables.TABLE_NAMES}
    assert_declared_dtypes(plain)
    for table, columns in tables.COLUMNS.items():
        assert list(plain[table].columns) == [column for column, _ in columns], table
        for column, kind in columns:
            expected = {"string": "string", "int": "Int64", "bool": "boolean", "date": DATE,
                        "decimal": "object"}.get(kind, "category") if isinstance(kind, str) else "category"
            assert plain[table][column].dtype == expected, f"{table}.{column}: {plain[table][column].dtype}"
    assert len(plain["deliberations"]) == len(dev_records)
    assert len(plain["members"]) == sum(len(r["members"]) for r in dev_records) > 0
    assert len(plain["amounts"]) == sum(len(r["amounts"]) for r in dev_records) > 0

    assert_csv_parquet_and_frames_agree(tmp_path, dev_records)
