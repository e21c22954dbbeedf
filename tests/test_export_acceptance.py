"""The open-data outputs of the dev corpus's records (issue 5's acceptance): Parquet read back
with the declared dtypes, CSV and Parquet holding the same rows, and scdl.csv valid for
frictionless and for our own checks, the collectivities named by a settings file."""
from __future__ import annotations

import json
from pathlib import Path
from decimal import Decimal

import pandas as pd
import pytest
import yaml

from extractor import actes
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
    """A TEST VALUE, no real establishment: SIREN 9000000ii plus a NIC whose last digit makes
    the Luhn checksum right. The test plays the user, who knows the SIRETs; the code never
    makes one up."""
    base = f"9{i:012d}"
    for last in "0123456789":
        if scdl.siret_is_valid(base + last):
            return base + last
    raise AssertionError("no check digit")


def _settings_for(records) -> dict:
    """What a user would write for this folder: one collectivity per document, matched by the
    authority it prints, else the SIREN of its prefecture ids, else its file name."""
    entries = []
    for i, path in enumerate(sorted({r["source"]["file"] for r in records})):
        own = [r for r in records if r["source"]["file"] == path]
        authorities = sorted({r["authority"] for r in own if r.get("authority")})
        sirens = sorted({s for s in (scdl._siren_of(r) for r in own) if s})
        match = {"authority": authorities, "siren": sirens} if authorities or sirens else {}
        if not all(r.get("authority") or scdl._siren_of(r) for r in own):
            match["files"] = [f"*{Path(path).name}"]
        entries.append({"name": f"Collectivité de test {i} (valeur de test)", "siret": _test_siret(i),
                        "match": match})
    return {"collectivities": entries}


def test_dev_scdl_passes_frictionless_and_our_checks(dev_records, tmp_path):
    import frictionless

    from extractor.cli import main

    settings_path = tmp_path / "settings.yaml"
    settings_path.write_text(yaml.safe_dump(_settings_for(dev_records), allow_unicode=True), encoding="utf-8")
    warnings = []
    path = scdl.write_scdl((r for r in dev_records), tmp_path, settings=load_settings(settings_path),
                           on_warning=warnings.append)

    descriptor = json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8"))
    descriptor.pop("custom_checks")  # frictionless does not know them; validate_scdl runs them below
    resource = frictionless.Resource(path=path.name, basepath=str(tmp_path),
                                     schema=frictionless.Schema.from_descriptor(descriptor))
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]
    assert scdl.validate_scdl(path) == []
    assert main(["validate", str(path)]) == 0

    written = pd.read_csv(path, dtype=str, keep_default_na=False)
    rejected_path = tmp_path / scdl.REJECTED_FILENAME
    rejected = (pd.read_csv(rejected_path, dtype=str, keep_default_na=False) if rejected_path.exists()
                else pd.DataFrame(columns=[*scdl.SCDL_COLUMNS, "MISSING", "SOURCE"]))
    skipped = sum(1 for w in warnings if w.startswith("scdl_record_skipped"))
    assert len(written) + len(rejected) + skipped == len(dev_records)
    assert len(written) > 0
    # one warning line per record left out, naming its source; the count line says the same
    assert len(rejected) == sum(1 for w in warnings if w.startswith("scdl_row_rejected"))
    assert (rejected["MISSING"] != "").all() and (rejected["SOURCE"] != "").all()
    if len(rejected) or skipped:
        assert f"{len(rejected) + skipped} of {len(dev_records)} record(s) not in" in warnings[-1]
    # the settings name every collectivity, matched by authority, SIREN or file: no row lacks one
    assert not rejected["MISSING"].str.contains("COLL_").any()
    assert not any(w.startswith(("scdl_coll_nom_missing", "scdl_coll_siret_missing")) for w in warnings)
    # a record that holds every value the schema requires is published, the others are not
    complete = [r for r in dev_records if r["title"] and r["session_date"] and (r["number"] or scdl._act_number(r))
                and actes.level2_code((r.get("matter") or {}).get("code"))]
    assert len(written) == len(complete)
    assert list(written["DELIB_ID"]) == [r["number"] or scdl._act_number(r) for r in complete]
