"""SCDL export and validation: scdl.csv from hand-built records passes frictionless and our
custom checks; problems planted in a bad file are found; the wild SCDL files are checked."""
from __future__ import annotations

import csv
import json
from collections import Counter

import pytest
from frictionless import Resource, Schema

from extractor.export import scdl
from extractor.export.scdl import SCDL_COLUMNS, Problem, ScdlWarning, validate_scdl

from .conftest import shared_path
from .export_fixtures import SIREN, VALID_SIRET, make_record, sample_records

COLL = {"coll_nom": "Commune de Saint-Philbert-de-Bouaine", "coll_siret": VALID_SIRET}


@pytest.fixture
def rows():
    return scdl.to_scdl_rows(sample_records(), **COLL, on_warning=lambda message: None)


def test_scdl_rows_have_the_17_columns_in_order(rows):
    assert len(rows) == 4  # the record with neither title nor number is not a deliberation
    assert all(tuple(row) == SCDL_COLUMNS for row in rows)


def test_scdl_unanimous_with_known_voters_fills_votes(rows):
    row = rows[0]
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == (16, 16, 16, 0, 0)
    assert row["DELIB_ID"] == "2023_014" and row["DELIB_DATE"] == "2023-03-14"
    assert row["DELIB_MATIERE_CODE"] == "7.5" and row["DELIB_MATIERE_NOM"] == "finances locales/subventions"
    assert row["PREF_ID"] == "PREF085" and row["PREF_DATE"] == "2023-03-20"
    assert row["COLL_SIRET"] == VALID_SIRET


def test_scdl_split_vote_sums_to_vote_reel(rows):
    row = rows[1]
    assert (row["VOTE_EFFECTIF"], row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == (16, 16, 12, 2, 2)


def test_scdl_unanimous_with_printed_abstentions(rows):
    row = rows[2]
    assert (row["VOTE_REEL"], row["VOTE_POUR"], row["VOTE_CONTRE"], row["VOTE_ABSTENTION"]) == (16, 13, 0, 3)


def test_scdl_effectif_from_present_and_represented(rows):
    assert rows[3]["VOTE_EFFECTIF"] == 18 and rows[3]["VOTE_REEL"] == 18


def test_scdl_delib_id_from_the_prefecture_id_when_no_number(rows):
    assert rows[2]["DELIB_ID"] == "2023_016B"


def test_scdl_pref_date_before_the_sitting_is_dropped_with_a_warning():
    messages = []
    rows = scdl.to_scdl_rows(sample_records(), **COLL, on_warning=messages.append)
    assert rows[2]["PREF_DATE"] is None and rows[2]["PREF_ID"] == "PREF085"
    assert any(m.startswith("scdl_pref_date_dropped: 2023_016B") for m in messages)


@pytest.mark.parametrize("vote, counts", [
    # figures partly printed
    ({"outcome": "adopted", "unanimous": False, "for": 12, "against": None, "abstain": None}, {"voting": 16}),
    # unanimous, but nobody says how many voted
    ({"outcome": "adopted", "unanimous": True}, {}),
    # more votes than voters
    ({"outcome": "adopted", "unanimous": False, "for": 20, "against": 0, "abstain": 0}, {"voting": 16}),
])
def test_scdl_unknown_or_contradictory_figures_stay_empty(vote, counts):
    record = make_record(number="1", title="Objet", session_date="2023-01-01", vote=vote, counts=counts)
    messages = []
    row = scdl.to_scdl_rows([record], **COLL, on_warning=messages.append)[0]
    assert all(row[c] is None for c in scdl.VOTE_COLUMNS)
    assert any(m.startswith(("scdl_vote_incomplete", "scdl_vote_inconsistent")) for m in messages)


def test_scdl_prend_acte_has_no_vote_and_no_warning():
    record = make_record(number="1", title="Rapport", session_date="2023-01-01", vote={"outcome": "noted"},
                         counts={"voting": 16}, matter={"code": "5.2", "name": None, "source": "printed"})
    messages = []
    row = scdl.to_scdl_rows([record], **COLL, on_warning=messages.append)[0]
    assert all(row[c] is None for c in scdl.VOTE_COLUMNS) and messages == []


def test_scdl_missing_collectivity_is_left_empty_with_hints():
    messages = []
    rows = scdl.to_scdl_rows(sample_records(), on_warning=messages.append)
    assert all(row["COLL_SIRET"] is None and row["COLL_NOM"] is None for row in rows)
    siret_warning = next(m for m in messages if m.startswith("scdl_coll_siret_missing"))
    assert SIREN in siret_warning
    assert any(m.startswith("scdl_coll_nom_missing") and "Saint-Philbert" in m for m in messages)


def test_scdl_warnings_go_through_python_warnings_by_default():
    with pytest.warns(ScdlWarning) as caught:
        scdl.to_scdl_rows(sample_records(), coll_nom="X")
    assert any(str(w.message).startswith("scdl_coll_siret_missing") for w in caught)


@pytest.mark.parametrize("siret", ["21860194600014", "2186019460001", "not a siret"])
def test_scdl_bad_siret_option_is_refused(siret):
    with pytest.raises(ValueError, match="coll_siret"):
        scdl.to_scdl_rows(sample_records(), coll_siret=siret)


@pytest.mark.parametrize("siret, valid", [
    ("21860194600013", True),   # Poitiers, the schema's example
    ("24420077000117", True),   # Saint-Etienne Métropole (050)
    ("21860194600014", False),
    ("35600000000047", True),   # La Poste: digits add up to a multiple of 5
    ("35600000000049", False),
    ("2186019460001", False),
])
def test_scdl_siret_checksum(siret, valid):
    assert scdl.siret_is_valid(siret) is valid


def test_scdl_written_file_passes_frictionless_and_our_checks(tmp_path):
    path = scdl.write_scdl(sample_records(), tmp_path, **COLL, on_warning=lambda message: None)
    assert path == tmp_path / "scdl.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(SCDL_COLUMNS)
    # frictionless on its own, columns matched by position, with the bundled schema
    descriptor = json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8"))
    descriptor.pop("custom_checks")
    report = Resource(path=path.name, basepath=str(tmp_path), schema=Schema.from_descriptor(descriptor)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert validate_scdl(path) == []


def _read(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_scdl_rows_missing_a_required_value_go_to_the_rejected_file(tmp_path):
    records = sample_records()
    records[1]["title"] = None                       # a stamp page: number, no title
    records[3]["session_date"] = None
    messages = []
    path = scdl.write_scdl(records, tmp_path, **COLL, on_warning=messages.append)
    assert [row["DELIB_ID"] for row in _read(path)] == ["2023_014", "2023_016B"]
    assert validate_scdl(path) == []
    rejected = _read(tmp_path / scdl.REJECTED_FILENAME)
    assert [(r["DELIB_ID"], r["MISSING"], r["SOURCE"]) for r in rejected] == [
        ("2023_015", "DELIB_OBJET", "registers/cm-2023-03-14.pdf#1"),
        ("2023_020", "DELIB_DATE", "registers/cm-2023-04-11.txt#0")]
    lines = [m for m in messages if m.startswith("scdl_row_rejected")]
    assert lines == [
        "scdl_row_rejected: 2023_015 (registers/cm-2023-03-14.pdf#1): DELIB_OBJET missing (no title); "
        "written to scdl-rejected.csv",
        "scdl_row_rejected: 2023_020 (registers/cm-2023-04-11.txt#0): DELIB_DATE missing (no session date); "
        "written to scdl-rejected.csv"]
    # one line per record left out: the gaps are not told twice
    assert not any(m.startswith(("scdl_objet_missing", "scdl_delib_date_missing")) for m in messages)
    assert messages[-1] == ("scdl_rows_left_out: 3 of 5 record(s) not in scdl.csv (2 row(s) written): "
                            "2 in scdl-rejected.csv to complete by hand, 1 not a deliberation")


def test_scdl_without_siret_every_row_is_rejected_with_the_siren_as_a_hint(tmp_path):
    messages = []
    path = scdl.write_scdl(sample_records(), tmp_path, coll_nom="Commune X", on_warning=messages.append)
    assert _read(path) == [] and validate_scdl(path) == []
    rejected = _read(tmp_path / scdl.REJECTED_FILENAME)
    assert len(rejected) == 4 and {r["MISSING"] for r in rejected} == {"COLL_SIRET"}
    assert all(r["COLL_SIRET"] == "" for r in rejected)  # the SIREN is a hint, never a value
    lines = [m for m in messages if m.startswith("scdl_row_rejected")]
    assert len(lines) == 4
    assert f"hint: its prefecture id names SIREN {SIREN}" in lines[0]
    assert "SIREN" not in lines[3]  # the April record has no prefecture id


def test_scdl_settings_name_each_collectivity_case_and_accents_aside(tmp_path):
    from extractor.settings import load_settings

    other_siret = "35600000000047"  # La Poste's rule, a made-up test value
    settings_file = tmp_path / "settings.yaml"
    settings_file.write_text(f"""collectivities:
  - name: Commune de Saint-Philbert-de-Bouaine
    siret: "{VALID_SIRET}"
    match: {{authority: ["SAINT PHILBERT DE BOUAINE", "saint-philbert-de-bouaine"]}}
  - name: Commune de l'Île-d'Yeu
    siret: "{other_siret}"
    match: {{authority: ["ile d'yeu"], files: ["*yeu*"]}}
""", encoding="utf-8")
    records = sample_records()[:4]
    yeu = make_record(source={"file": "in/l-ile-d-yeu.txt", "sha256": "0" * 64, "index": 0, "pages": None,
                              "ocr": False, "reader": "text"},
                      authority="COMMUNE DE L'ÎLE-D'YEU", session_date="2023-05-02", number="D-12",
                      title="Tarifs du port", matter={"code": "7.10", "name": None, "source": "inferred"})
    path = scdl.write_scdl([*records, yeu], tmp_path, settings=load_settings(settings_file),
                           on_warning=lambda message: None)
    rows = _read(path)
    assert [(r["COLL_NOM"], r["COLL_SIRET"]) for r in rows] == \
        [("Commune de Saint-Philbert-de-Bouaine", VALID_SIRET)] * 4 + [("Commune de l'Île-d'Yeu", other_siret)]
    assert not (tmp_path / scdl.REJECTED_FILENAME).exists()


def test_scdl_write_streams_the_records_one_by_one(tmp_path):
    messages = []

    def records():
        for i, record in enumerate(sample_records()):
            # record 2's warning (its prefecture date dropped) is out before record 3 is asked for
            assert (i >= 3) == any(m.startswith("scdl_pref_date_dropped: 2023_016B") for m in messages)
            yield record

    scdl.write_scdl(records(), tmp_path, **COLL, on_warning=messages.append)
    assert len(_read(tmp_path / "scdl.csv")) == 4


def test_scdl_write_failing_midway_keeps_the_old_files(tmp_path):
    scdl.write_scdl(sample_records(), tmp_path, **COLL, on_warning=lambda message: None)
    before = (tmp_path / "scdl.csv").read_bytes()

    def broken():
        yield sample_records()[0]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        scdl.write_scdl(broken(), tmp_path, **COLL, on_warning=lambda message: None)
    assert (tmp_path / "scdl.csv").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scdl.csv"]


def test_scdl_stale_rejected_file_goes_when_every_row_is_complete(tmp_path):
    scdl.write_scdl(sample_records(), tmp_path, coll_nom="X", on_warning=lambda message: None)
    assert (tmp_path / scdl.REJECTED_FILENAME).exists()
    scdl.write_scdl(sample_records(), tmp_path, **COLL, on_warning=lambda message: None)
    assert not (tmp_path / scdl.REJECTED_FILENAME).exists()


def test_scdl_bundled_schema_is_the_shared_one():
    shared = shared_path("spec", "scdl-deliberations-2.1.5.schema.json")
    assert json.loads(shared.read_text(encoding="utf-8")) == json.loads(scdl.SCHEMA_PATH.read_text(encoding="utf-8"))


GOOD_ROW = {
    "COLL_NOM": "Ville de Poitiers", "COLL_SIRET": "21860194600013", "DELIB_ID": "1DL15494",
    "DELIB_DATE": "2017-10-15", "DELIB_MATIERE_CODE": "8.4",
    "DELIB_MATIERE_NOM": "domaines de compétences par thèmes/aménagement du territoire",
    "DELIB_OBJET": "Lancement d'une démarche partenariale", "BUDGET_ANNEE": "2017/2018",
    "BUDGET_NOM": "Budget annexe", "PREF_ID": "PREF086", "PREF_DATE": "2017-10-20", "VOTE_EFFECTIF": "43",
    "VOTE_REEL": "40", "VOTE_POUR": "25", "VOTE_CONTRE": "10", "VOTE_ABSTENTION": "5",
    "DELIB_URL": "https://data.maville.fr/deliberations/files/200417_1.pdf",
}


def write_rows(path, rows, columns=SCDL_COLUMNS):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_scdl_validate_a_good_file_has_no_problem(tmp_path):
    assert validate_scdl(write_rows(tmp_path / "ok.csv", [GOOD_ROW])) == []


@pytest.mark.parametrize("change, check, column", [
    ({"COLL_SIRET": "21860194600014"}, "french-siret-value", "COLL_SIRET"),
    ({"VOTE_POUR": "26"}, "sum-columns-value", "VOTE_REEL"),
    ({"VOTE_EFFECTIF": "39"}, "compare-columns-value", "VOTE_EFFECTIF"),
    ({"PREF_DATE": "2017-10-01"}, "compare-columns-value", "PREF_DATE"),
    ({"BUDGET_NOM": ""}, "cohesive-columns-value", "BUDGET_ANNEE"),
    ({"VOTE_CONTRE": ""}, "cohesive-columns-value", "VOTE_EFFECTIF"),
    ({"BUDGET_ANNEE": "2018/2017"}, "year-interval-value", "BUDGET_ANNEE"),
    ({"DELIB_MATIERE_NOM": "COMMANDE PUBLIQUE"}, "nomenclature-actes-value", "DELIB_MATIERE_NOM"),
    ({"DELIB_MATIERE_NOM": "finances locales / subventions"}, "nomenclature-actes-value", "DELIB_MATIERE_NOM"),
    ({"DELIB_MATIERE_NOM": "finances locales/subventions"}, "matter-code", "DELIB_MATIERE_CODE"),
    ({"DELIB_MATIERE_CODE": "7.12", "DELIB_MATIERE_NOM": "finances locales/divers"}, "matter-code", "DELIB_MATIERE_CODE"),
    ({"DELIB_DATE": "15/10/2017"}, "type-error", "DELIB_DATE"),
    ({"COLL_SIRET": ""}, "constraint-error", "COLL_SIRET"),
    ({"VOTE_REEL": "quarante"}, "type-error", "VOTE_REEL"),
])
def test_scdl_validate_finds_a_planted_problem(tmp_path, change, check, column):
    bad = {**GOOD_ROW, **change}
    path = write_rows(tmp_path / "bad.csv", [GOOD_ROW, bad])
    problems = validate_scdl(path)
    assert any(p.check == check and p.column == column and p.row == 2 for p in problems), problems
    assert not any(p.row == 1 for p in problems)


def test_scdl_validate_finds_wrong_column_order(tmp_path):
    columns = list(SCDL_COLUMNS)
    columns[0], columns[1] = columns[1], columns[0]
    problems = validate_scdl(write_rows(tmp_path / "order.csv", [GOOD_ROW], columns))
    assert [p.check for p in problems] == ["column-order"]
    assert problems[0].row is None and "COLL_SIRET, COLL_NOM" in problems[0].message


def test_scdl_validate_finds_missing_and_extra_columns(tmp_path):
    columns = ["Numéro", *[c for c in SCDL_COLUMNS if c != "DELIB_OBJET"]]
    rows = [{"Numéro": "1", **{c: v for c, v in GOOD_ROW.items() if c != "DELIB_OBJET"}}]
    problems = validate_scdl(write_rows(tmp_path / "columns.csv", rows, columns))
    assert Problem(None, "Numéro", "column not in the schema", "extra-label") in problems
    assert any(p.column == "DELIB_OBJET" and p.check == "missing-label" for p in problems)


def test_scdl_problem_prints_as_row_column_message():
    assert str(Problem(3, "VOTE_REEL", "VOTE_REEL (89) must equal ...")) == "row 3, VOTE_REEL: VOTE_REEL (89) must equal ..."
    assert str(Problem(None, None, "columns out of order")) == "file: columns out of order"


def test_scdl_validate_counts_rows_of_multiline_cells(tmp_path):
    second = {**GOOD_ROW, "DELIB_OBJET": "Objet sur\ndeux lignes", "VOTE_POUR": "26"}
    problems = validate_scdl(write_rows(tmp_path / "multi.csv", [GOOD_ROW, second, {**GOOD_ROW, "VOTE_POUR": "1"}]))
    assert sorted({p.row for p in problems if p.check == "sum-columns-value"}) == [2, 3]


@pytest.mark.parametrize("name, expected", [
    ("050_scdl-saint-etienne-metropole-deliberations-2022.csv", {
        "extra-label": 1, "constraint-error": 128, "sum-columns-value": 79, "compare-columns-value": 77,
        "nomenclature-actes-value": 32, "cohesive-columns-value": 26}),
    ("051_scdl-saint-etienne-metropole-modele-1row.csv", {
        "constraint-error": 1, "sum-columns-value": 1, "compare-columns-value": 1,
        "nomenclature-actes-value": 1, "cohesive-columns-value": 1}),
])
def test_scdl_validate_wild_files(name, expected):
    path = shared_path("corpus", "wild", name)
    assert Counter(p.check for p in validate_scdl(path)) == expected
