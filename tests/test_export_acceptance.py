"""The open-data outputs of the dev corpus's records (issue 5's acceptance): Parquet read back
with the declared dtypes, CSV and Parquet holding the same rows, and scdl.csv valid for
frictionless and for our own checks, the collectivities named by a settings file."""
from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import pytest
import yaml

from extractor.export import scdl, tables
from extractor.settings import load_settings


@pytest.fixture(scope="module")
def written(dev_records, tmp_path_factory):
    out = tmp_path_factory.mktemp("dev-out")
    tables.write_csv(dev_records, out)
    tables.write_parquet(dev_records, out)
    return out


def test_dev_parquet_reads_back_with_the_declared_dtypes(written, dev_records):
    frames = {name: pd.read_parquet(written / f"{name}.parquet") for name in tables.TABLE_NAMES}
    deliberations = frames["deliberations"]
    assert len(deliberations) == len(dev_records)
    assert deliberations["session_date"].dtype == tables.DATE_DTYPE
    for column in ("counts_present", "counts_voting", "vote_for"):
        assert deliberations[column].dtype == "Int64", column
    assert isinstance(deliberations["body"].dtype, pd.CategoricalDtype)
    assert isinstance(frames["members"]["status"].dtype, pd.CategoricalDtype)
    values = frames["amounts"]["value"].dropna()
    assert len(values) > 0 and all(isinstance(v, Decimal) for v in values)


def test_dev_csv_and_parquet_hold_the_same_rows(written):
    for name in tables.TABLE_NAMES:
        from_csv = pd.read_csv(written / f"{name}.csv", dtype=str, keep_default_na=False)
        from_parquet = pd.read_parquet(written / f"{name}.parquet")
        assert len(from_csv) == len(from_parquet), name
        assert list(from_csv["deliberation_id"]) == list(from_parquet["deliberation_id"].astype(str)), name


def _test_siret(i: int) -> str:
    """A checksum-valid SIRET made up for the test (the test plays the user who knows them)."""
    base = f"9{i:012d}"
    for last in "0123456789":
        if scdl.siret_is_valid(base + last):
            return base + last
    raise AssertionError("no check digit")


def test_dev_scdl_passes_frictionless_and_our_checks(dev_records, tmp_path):
    import frictionless

    files = sorted({r["source"]["file"] for r in dev_records})
    settings = {"collectivities": [
        {"name": f"Collectivité de test {i}", "siret": _test_siret(i), "match": {"files": [path]}}
        for i, path in enumerate(files)]}
    settings_path = tmp_path / "settings.yaml"
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True), encoding="utf-8")
    warnings = []
    path = scdl.write_scdl(dev_records, tmp_path, settings=load_settings(settings_path), on_warning=warnings.append)

    descriptor = json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8"))
    descriptor.pop("custom_checks")  # frictionless does not know them; validate_scdl runs them below
    resource = frictionless.Resource(path=path.name, basepath=str(tmp_path),
                                     schema=frictionless.Schema.from_descriptor(descriptor))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert scdl.validate_scdl(path) == []

    written = len(pd.read_csv(path, dtype=str))
    rejected_path = tmp_path / scdl.REJECTED_FILENAME
    rejected = len(pd.read_csv(rejected_path, dtype=str)) if rejected_path.exists() else 0
    skipped = sum(1 for w in warnings if w.startswith("scdl_record_skipped"))
    assert written + rejected + skipped == len(dev_records)
    # the dev corpus holds stamp pages with no title nor date (026, 019): those cannot be
    # published; the deliberations that print a title and a date are
    complete = sum(1 for r in dev_records if r["title"] and r["session_date"])
    assert written >= complete - 5
    assert rejected == sum(1 for w in warnings if w.startswith("scdl_row_rejected"))
    if rejected:
        missing = pd.read_csv(rejected_path, dtype=str)["MISSING"]
        assert missing.notna().all()
