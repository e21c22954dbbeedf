"""Minutes, lists and registers of a sitting: one record per deliberation, the sitting's
facts shared, non-deliberation items skipped with the reason, movements applied per vote."""
from __future__ import annotations

import pytest

from extractor import extract
from extractor.sitting import find_sitting
from tests.conftest import DATA, assert_valid_record, shared_path

MINUTES = DATA / "sitting" / "pv-conseil-municipal.txt"


@pytest.fixture(scope="module")
def minutes():
    return extract(MINUTES)


def test_sitting_items_are_the_voted_points_not_the_agenda(minutes):
    assert [r["number"] for r in minutes] == [None, None]  # an agenda point's figure is no number (GOLD.md)
    assert [r["title"] for r in minutes] == ["Tarifs de la cantine scolaire", "Subvention au comité des fêtes"]
    assert [r["source"]["index"] for r in minutes] == [0, 1]


def test_sitting_skipped_items_are_reported_with_their_reason(minutes):
    skipped = [w for w in minutes[0]["warnings"] if w.startswith("skipped item")]
    assert any("Approbation du procès-verbal" in w and "previous minutes" in w for w in skipped)
    assert any("Questions diverses" in w for w in skipped)


def test_sitting_facts_are_carried_by_every_record(minutes):
    for record in minutes:
        assert record["session_date"] == "2024-03-14"
        assert record["body"] == "conseil_municipal"
        assert record["president"]["name"] == "Alain MARCHAND"
        assert record["secretary"]["name"] == "Brigitte LEROY"
        assert record["counts"]["in_office"] == 9
        assert len(record["members"]) == 9


def test_sitting_evidence_points_into_each_record_text(minutes, record_validator):
    for record in minutes:
        assert_valid_record(record, record_validator)
        for key, span in record["evidence"].items():
            assert 0 <= span["start"] < span["end"] <= len(record["text"]), key
        title = record["evidence"]["title"]
        assert record["text"][title["start"]:title["end"]] == record["title"]
        date = record["evidence"]["session_date"]
        assert "quatorze mars" in record["text"][date["start"]:date["end"]] or "14 MARS" in record["text"][date["start"]:date["end"]]


def test_sitting_member_who_left_is_left_in_later_votes_only(minutes):
    first, second = minutes
    status = {m["name"]: m["status"] for m in first["members"]}
    assert status["Éric GARNIER"] == "present"
    status = {m["name"]: m["status"] for m in second["members"]}
    assert status["Éric GARNIER"] == "left"
    assert (first["counts"]["present"], first["counts"]["voting"]) == (7, 8)
    assert (second["counts"]["present"], second["counts"]["voting"]) == (6, 7)


def test_sitting_votes_are_read_per_item(minutes):
    first, second = minutes
    assert first["vote"]["unanimous"] is True and first["vote"]["for"] is None
    assert (second["vote"]["for"], second["vote"]["against"], second["vote"]["abstain"]) == (5, 1, 1)
    assert second["vote"]["unanimous"] is False


def test_sitting_arrival_before_a_vote():
    text = MINUTES.read_text(encoding="utf-8").replace(
        "M. Éric GARNIER quitte la séance.", "Arrivée de Mme Hélène JOLY.")
    second = extract(text)[1]
    status = {m["name"]: (m["status"], m["proxy"]) for m in second["members"]}
    assert status["Hélène JOLY"] == ("present", None)
    assert (second["counts"]["present"], second["counts"]["represented"], second["counts"]["voting"]) == (8, 0, 8)


@pytest.mark.parametrize("wording, unanimous, outcome", [
    ("Adopté, les groupes Agir ensemble et Vivre ici votant contre.", False, "adopted"),
    ("Adopté à la majorité, 2 voix contre.", False, "adopted"),
    ("Adopté à l'unanimité.", True, "adopted"),
])
def test_sitting_group_votes(wording, unanimous, outcome):
    text = MINUTES.read_text(encoding="utf-8").replace("Adopté à l'unanimité.", wording)
    vote = extract(text)[0]["vote"]
    assert (vote["unanimous"], vote["outcome"]) == (unanimous, outcome)


def test_sitting_list_of_deliberations_gives_one_record_a_row(record_validator):
    text = ("Commune de Saint-Exemple\nListe des délibérations du Conseil Municipal\nSéance du 16 mai 2025\n"
            "Présents : 11 - Votants : 13\n"
            "• Approbation du procès-verbal du 4 avril 2025\n"
            "• Adhésion à l'association de création d'un parc naturel régional\n"
            "• Devis d'honoraires d'avocat sur la procédure contre l'arrêté préfectoral\n"
            "• Subventions aux associations\n")
    records = extract(text)
    assert [r["title"] for r in records] == [
        "Adhésion à l'association de création d'un parc naturel régional",
        "Devis d'honoraires d'avocat sur la procédure contre l'arrêté préfectoral",
        "Subventions aux associations"]
    assert all(r["session_date"] == "2025-05-16" for r in records)
    for record in records:
        assert_valid_record(record, record_validator)


def test_sitting_unnumbered_items_are_cut_at_vote_lines():
    text = ("Compte rendu du conseil municipal du 26 novembre 2021\n"
            "Présents : Denis JUVIN, Muriel NIGGEL, Michel VAILLIES\n\n"
            "Adhésion au contrat groupe d'assurance statutaire\n"
            "Monsieur le Maire rappelle la délibération donnant mandat au centre de gestion pour négocier un contrat.\n"
            "Vote : à l'unanimité\n\n"
            "Eau et assainissement : conditions de facturation\n"
            "Monsieur le Maire expose qu'il convient de fixer les conditions de facturation de l'eau pour 2022.\n"
            "Vote : à l'unanimité\n")
    records = extract(text)
    assert [r["title"] for r in records] == ["Adhésion au contrat groupe d'assurance statutaire",
                                             "Eau et assainissement : conditions de facturation"]
    assert all(r["vote"]["unanimous"] for r in records)


def test_single_deliberation_with_numbered_articles_is_not_cut():
    text = ("EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 3 juin 2024\n"
            "Présents : M. Paul DURAND, Mme Anne MARTIN, M. Luc ROBERT\n"
            "Objet : Règlement du cimetière\n"
            "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, DÉCIDE :\n"
            "1. D'approuver le règlement du cimetière annexé.\n"
            "2. D'autoriser le Maire à signer tout document.\n"
            "3. De dire que le règlement entre en vigueur le 1er juillet 2024.\n")
    assert find_sitting(text) is None
    assert len(extract(text)) == 1


LANNION = [("052_lannion-pv-cm-2020-05-25-installation.pdf", "055_lannion-annotations-presences-2020-05-25.csv"),
           ("053_lannion-pv-cm-2020-06-08.pdf", "056_lannion-annotations-presences-2020-06-08.csv"),
           ("054_lannion-pv-cm-2021-07-05.pdf", "057_lannion-annotations-presences-2021-07-05.csv")]


@pytest.mark.parametrize("minutes_name, table_name", LANNION)
def test_lannion_first_record_members_match_the_presence_table(minutes_name, table_name):
    from scripts.compare_presence import compare

    document = shared_path("corpus", "wild", minutes_name)
    table = shared_path("corpus", "wild", table_name)
    names, with_status, with_proxy = compare(document, table)
    assert min(names, with_status, with_proxy) >= 0.95


PARTIAL = ("PROCÈS-VERBAL DU CONSEIL MUNICIPAL DU 13 FÉVRIER 2023\n"
           "L'an deux mille vingt-trois, le treize février, le Conseil municipal s'est réuni sous la présidence "
           "de M. Paul JARRY, Maire.\n"
           "Étaient présents : M. Paul JARRY, Mme Anne BOUDIN, M. Marc AZZOUZ (à compter de la délibération n°2), "
           "Mme Rose COULTER (jusqu'à la délibération n°2), M. Yves MARTIN.\n"
           "Ont donné pouvoir : M. Marc AZZOUZ à M. Yves MARTIN (jusqu'à la délibération n°1)\n"
           "Absent : M. Léo DENIS (jusqu'à la délibération n°1)\n\n"
           "1. Tarifs de la piscine municipale\nLe Conseil municipal adopte les tarifs à l'unanimité.\n\n"
           "2. Subvention au club de rugby\nLe Conseil municipal accorde la subvention à l'unanimité.\n\n"
           "3. Convention avec la médiathèque\nLe Conseil municipal approuve la convention à l'unanimité.\n")


@pytest.mark.parametrize("index, expected", [
    (0, {"Marc AZZOUZ": ("represented", "Yves MARTIN"), "Rose COULTER": ("present", None), "Léo DENIS": ("absent", None)}),
    (1, {"Marc AZZOUZ": ("present", None), "Rose COULTER": ("present", None), "Léo DENIS": ("present", None)}),
    (2, {"Marc AZZOUZ": ("present", None), "Rose COULTER": ("left", None), "Léo DENIS": ("present", None)}),
])
def test_sitting_presence_tied_to_item_numbers(index, expected):
    record = extract(PARTIAL)[index]
    status = {m["name"]: (m["status"], m["proxy"]) for m in record["members"]}
    for name, value in expected.items():
        assert status[name] == value, name


def test_a_convocation_letter_is_not_a_deliberation():
    from extractor.errors import NoDeliberationError

    with pytest.raises(NoDeliberationError):
        extract(DATA / "sitting" / "convocation.txt")


def test_sitting_table_of_deliberations_one_record_a_row():
    records = extract(DATA / "sitting" / "liste-deliberations.md")
    assert [r["title"] for r in records] == ["Budget primitif 2025", "Tarifs communaux 2025", "Convention avec le SDIS"]
    assert [(r["vote"]["unanimous"], r["vote"]["for"], r["vote"]["against"]) for r in records] == [
        (True, None, None), (False, 15, 3), (True, None, None)]
    assert all(r["session_date"] == "2024-12-12" and r["counts"]["voting"] == 18 for r in records)
