"""The scorer's rules (spec/GOLD.md), one table per rule, and one run of evaluate()."""
from __future__ import annotations

import json

import pytest

from extractor.evaluate import (
    GoldFormatError,
    build_report,
    evaluate,
    format_report,
    identifiers_match,
    load_gold,
    names_match,
    scalars_match,
    score_amounts,
    score_document,
    score_field,
    score_members,
    titles_match,
)


def write_gold(tmp_path, content, stem="doc"):
    path = tmp_path / f"{stem}.gold.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def record(index=0, **fields):
    return {"source": {"index": index}, **fields}


def member(name, status="present", proxy=None):
    return {"name": name, "status": status, "proxy": proxy}


# --------------------------------------------------------------------------- names

@pytest.mark.parametrize("gold, output, expected", [
    ("BAYLET", "Jean-Michel BAYLET", True),                  # subset, either way round
    ("Jean-Michel BAYLET", "BAYLET", True),
    ("Jean-Michel BAYLET", "Jean Michel Baylet", True),     # hyphen as space, case
    ("M. BEQ", "BEQ", True),                                # civility dropped
    ("Monsieur Jérôme BÉQ", "Mme jerome beq", True),        # accents, civilities
    ("MM. DUPONT", "dupont", True),
    ("Mlle D’ARTAGNAN", "d'Artagnan", True),                # typographic apostrophe
    ("Commune d'Aizac", "Aizac", True),                     # authority uses the name rule
    ("Christian ASTRUC", "Christian BAYLET", False),        # neither side's words all in the other
    ("ASTRUC", None, False),
    (None, None, True),                                     # gold null requires null
    (None, "ASTRUC", False),
    ("M.", "ASTRUC", False),                                # a civility alone is no name
])
def test_names_match(gold, output, expected):
    assert names_match(gold, output) is expected


def test_president_uses_the_record_person_name():
    person = {"civility": "M.", "name": "Christian ASTRUC", "role": "Président"}
    assert score_field("president", "ASTRUC", person) == 1.0
    assert score_field("president", "BAYLET", person) == 0.0
    assert score_field("president", None, None) == 1.0


# --------------------------------------------------------------------------- titles

@pytest.mark.parametrize("gold, output, expected", [
    ("ESPACE NUMÉRIQUE DE TRAVAIL", "Espace numerique de travail.", True),   # case, accents, punctuation
    ("Tarn-et-Garonne :  subvention", "tarn et garonne subvention", True),   # spaces collapsed
    ("abcdefghijklmnopqrst", "abcdefghijklmnopqrXY", True),                  # ratio 0.90 exactly
    ("abcdefghijklmnopqrst", "abcdefghijklmnopqXYZ", False),                 # ratio 0.85
    ("Vote du budget", None, False),
    (None, None, True),
    (None, "Vote du budget", False),
])
def test_titles_match(gold, output, expected):
    assert titles_match(gold, output) is expected


# --------------------------------------------------------------------------- scalars and identifiers

@pytest.mark.parametrize("gold, output, expected", [
    ("2016-10-26", " 2016-10-26 ", True),      # trimmed
    ("2016-10-26", "2016-10-27", False),
    ("commission_permanente", "Commission_permanente", False),   # case counts for plain scalars
    (14, 14, True),
    (14, 14.0, True),                           # numbers as numbers
    (14, "14", True),
    (14, 15, False),
    (True, True, True),
    (True, 1, False),                           # a boolean is not a count
    (1, True, False),
    (False, None, False),
    (None, None, True),                         # gold null requires null
    (None, 0, False),
    (None, False, False),
])
def test_scalars_match(gold, output, expected):
    assert scalars_match(gold, output) is expected


@pytest.mark.parametrize("gold, output, expected", [
    ("CP2016_10_11", "CP2016\\_10\\_11", True),   # markdown escapes
    ("CP2016_10_11", "cp2016_10_11 ", True),      # case, trimming
    ("DE_2020_02", "DE_2020_03", False),
    ("2822", 2822, True),                          # internal_id may come out as a number
    (None, None, True),
    (None, "DE_2020_02", False),
    ("DE_2020_02", None, False),
])
def test_identifiers_match(gold, output, expected):
    assert identifiers_match(gold, output) is expected
    assert score_field("number", gold, output) == float(expected)


# --------------------------------------------------------------------------- amounts

@pytest.mark.parametrize("gold, output, expected", [
    (["9395"], [{"value": "9395.00"}], 1.0),                        # decimal equality
    (["1250", "1250"], [{"value": "1250"}], 2 * 1.0 * 0.5 / 1.5),   # repeats count (multiset)
    (["1250"], ["1250.0", "99"], 2 * 0.5 * 1.0 / 1.5),
    (["1250"], [], 0.0),
    ([], [{"value": "1"}], 0.0),
    ([], [], 1.0),                                                   # both empty agree
    (["12.5"], [{"value": "not a number"}], 0.0),
])
def test_score_amounts(gold, output, expected):
    assert score_amounts(gold, output) == pytest.approx(expected)


# --------------------------------------------------------------------------- members

def test_members_three_f1():
    gold = [member("ALBUGUES"), member("BEQ", "represented", "MARDEGAN"),
            member("DEPRINCE", "represented", "NEGRE"), member("BAREGES", "absent")]
    output = [member("M. Jean ALBUGUES"),                               # subset name, all right
              member("Mme BEQ", "represented", "M. Marc MARDEGAN"),     # proxy by the name rule
              member("DEPRINCE", "represented", "WEILL"),               # wrong proxy
              member("BAREGES", "excused"),                             # wrong status
              member("RIOLS")]                                          # not in gold
    names, name_status, name_status_proxy = score_members(gold, output)
    f1 = lambda matched: 2 * matched / (len(gold) + len(output))  # noqa: E731
    assert names == pytest.approx(f1(4))
    assert name_status == pytest.approx(f1(3))
    assert name_status_proxy == pytest.approx(f1(2))


def test_members_pair_exact_names_before_subsets():
    # Greedy on subsets alone would give "Paul MARTIN" to the gold "MARTIN" and leave the gold
    # "Paul MARTIN" unpaired; exact pairs come first.
    gold = [member("MARTIN"), member("Paul MARTIN", "absent")]
    output = [member("Paul MARTIN", "absent"), member("MARTIN")]
    assert score_members(gold, output) == (1.0, 1.0, 1.0)


def test_members_are_paired_one_to_one():
    gold = [member("DUPONT")]
    output = [member("DUPONT"), member("Jean DUPONT")]
    names, _, _ = score_members(gold, output)
    assert names == pytest.approx(2 * 0.5 * 1.0 / 1.5)


@pytest.mark.parametrize("gold, output, expected", [
    ([], [], (1.0, 1.0, 1.0)),
    ([member("A")], [], (0.0, 0.0, 0.0)),
    ([member("A", proxy=None)], [member("A", proxy="B")], (1.0, 1.0, 0.0)),   # null proxy needs null
])
def test_members_edge_cases(gold, output, expected):
    assert score_members(gold, output) == expected


# --------------------------------------------------------------------------- documents

FULL_GOLD = {
    "session_date": "2016-10-26", "number": "CP2016_10_11", "title": None,
    "counts": {"present": 14, "quorum": None},
    "vote": {"unanimous": True},
    "members": [member("ALBUGUES")],
    "amounts": ["9395"],
}


def test_document_all_right(tmp_path):
    gold_path = write_gold(tmp_path, [FULL_GOLD])
    output = record(0, session_date="2016-10-26", number="CP2016\\_10\\_11", title=None,
                    counts={"present": 14, "quorum": None, "absent": 3},
                    vote={"unanimous": True, "outcome": "adopted"},
                    members=[member("M. ALBUGUES")], amounts=[{"value": "9395.00"}],
                    body="conseil_municipal")          # fields absent from gold are not scored
    score = score_document(gold_path, [output])
    assert sorted(f.field for f in score.fields) == sorted(
        ["session_date", "number", "title", "counts.present", "counts.quorum", "vote.unanimous",
         "members", "amounts"])
    assert score.mean == 1.0
    assert (score.gold_records, score.produced, score.matched) == (1, 1, 1)


def test_gold_null_requires_null_output(tmp_path):
    gold_path = write_gold(tmp_path, [{"title": None, "counts": {"quorum": None}}])
    output = record(0, title="Vote du budget", counts={"quorum": 10})
    assert [f.score for f in score_document(gold_path, [output]).fields] == [0.0, 0.0]


def test_missing_record_scores_every_gold_field_zero(tmp_path):
    gold_path = write_gold(tmp_path, [FULL_GOLD, {"number": "2", "amounts": []}])
    score = score_document(gold_path, [record(0, number="CP2016_10_11")])
    second = [f for f in score.fields if f.record_index == 1]
    assert [(f.field, f.score) for f in second] == [("number", 0.0), ("amounts", 0.0)]
    assert (score.gold_records, score.produced, score.matched) == (2, 1, 1)


def test_records_are_paired_by_source_index(tmp_path):
    gold_path = write_gold(tmp_path, [{"number": "A"}, {"number": "B"}])
    score = score_document(gold_path, [record(1, number="B"), record(0, number="A")])
    assert score.mean == 1.0


def test_partial_gold_without_records_counts_only_segmentation(tmp_path):
    gold_path = write_gold(tmp_path, {"deliberations": 3, "records": []})
    assert load_gold(gold_path) == (3, [])
    score = score_document(gold_path, [record(0, number="X"), record(1)])
    assert score.fields == [] and score.mean is None
    report = build_report([score])
    seg = report.segmentation
    assert (seg.gold_records, seg.produced, seg.matched) == (3, 2, 2)
    assert seg.precision == 1.0 and seg.recall == pytest.approx(2 / 3)
    assert report.headline == 0.0 and report.fields == {}


def test_partial_gold_scores_the_indexed_record(tmp_path):
    gold_path = write_gold(tmp_path, {"deliberations": 4, "records": [{"index": 2, "number": "C"}]})
    assert load_gold(gold_path) == (4, [(2, {"number": "C"})])
    score = score_document(gold_path, [record(i, number=n) for i, n in enumerate("ABCD")])
    assert [(f.record_index, f.field, f.score) for f in score.fields] == [(2, "number", 1.0)]


@pytest.mark.parametrize("content", [
    {"deliberations": 1, "records": [{"index": 1}]},       # index outside the document
    {"deliberations": 2, "records": [{"index": 0}, {"index": 0}]},
    {"records": []},
    "not a list",
])
def test_malformed_gold_is_refused(tmp_path, content):
    with pytest.raises(GoldFormatError):
        load_gold(write_gold(tmp_path, content))


def test_extra_records_lower_precision_only(tmp_path):
    gold_path = write_gold(tmp_path, [{"number": "A"}])
    score = score_document(gold_path, [record(0, number="A"), record(1), record(2)])
    seg = build_report([score]).segmentation
    assert score.mean == 1.0
    assert seg.precision == pytest.approx(1 / 3) and seg.recall == 1.0
    assert seg.f1 == pytest.approx(2 * (1 / 3) / (4 / 3))


def test_headline_is_the_mean_over_all_fields(tmp_path):
    first = score_document(write_gold(tmp_path, [{"number": "A", "title": "X"}], "one"),
                           [record(0, number="A", title="Y")])
    second = score_document(write_gold(tmp_path, [{"amounts": ["1", "2"]}], "two"),
                            [record(0, amounts=["1"])])
    report = build_report([first, second])
    assert report.headline == pytest.approx((1 + 0 + 2 / 3) / 3)
    assert report.fields["number"] == (1.0, 1)


# --------------------------------------------------------------------------- evaluate()

def fake_extract(path):
    """A hand-built record stands for the extractor: the scorer is what is under test."""
    if "broken" in path.name:
        raise RuntimeError("cannot read\nsecond line")
    return [record(0, number="DEL\\_2023\\_007", title="Vote du budget primitif",
                   president={"civility": "M.", "name": "Jean DUPONT", "role": None},
                   members=[member("DUPONT"), member("MARTIN", "represented", "DUPONT")],
                   counts={"present": 1, "represented": 1}, vote={"unanimous": True},
                   amounts=[{"value": "1250.00"}])]


def test_evaluate_directory(tmp_path):
    (tmp_path / "a-good.txt").write_text("DELIBERATION DEL_2023_007 ...", encoding="utf-8")
    write_gold(tmp_path, [{"number": "DEL_2023_007", "title": "VOTE DU BUDGET PRIMITIF",
                           "president": "Jean DUPONT",
                           "members": [member("DUPONT"), member("MARTIN", "represented", "DUPONT")],
                           "counts": {"present": 1, "represented": 2}, "vote": {"unanimous": True},
                           "amounts": ["1250"]}], "a-good")
    (tmp_path / "b-broken.md").write_text("...", encoding="utf-8")
    write_gold(tmp_path, [{"number": "X"}], "b-broken")
    write_gold(tmp_path, [{"number": "Y"}], "c-orphan")        # no document beside it

    report = evaluate(tmp_path, fake_extract)

    assert [d.document for d in report.documents] == ["a-good.txt", "b-broken.md"]
    assert report.failures == [("b-broken.md", "RuntimeError: cannot read")]
    assert report.warnings == ["gold file without a document: c-orphan.gold.json"]
    assert report.fields["counts.represented"] == (0.0, 1)
    assert report.members == (1.0, 1.0, 1.0, 1)
    assert report.headline == pytest.approx(7 / 9)                 # 9 fields, 2 wrong
    seg = report.segmentation
    assert (seg.gold_records, seg.produced, seg.precision, seg.recall) == (2, 1, 1.0, 0.5)

    text = format_report(report)
    lines = text.splitlines()
    assert lines[-2] == "segmentation: gold 2, produced 1, precision 1.000, recall 0.500, F1 0.667"
    assert lines[-1] == "headline: 0.778"
    assert "members" in text and "+proxy 1.000" in text
    assert "b-broken.md: RuntimeError: cannot read" in text
    field_rows = [line.split()[0] for line in lines[2:2 + len(report.fields)]]
    assert field_rows == ["number", "title", "president", "members", "counts.present",
                          "counts.represented", "vote.unanimous", "amounts"]


def test_evaluate_in_a_process_pool(tmp_path):
    for stem in ("one", "two"):
        (tmp_path / f"{stem}.txt").write_text("...", encoding="utf-8")
        write_gold(tmp_path, [{"number": "DEL_2023_007"}], stem)
    report = evaluate(tmp_path, fake_extract, workers=2)
    assert report.headline == 1.0 and report.failures == []
