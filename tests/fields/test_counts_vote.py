import pytest

from extractor.fields.counts import build_counts, find_printed
from extractor.fields.vote import extract_vote
from extractor.normalize import normalize_text


def printed(snippet):
    text = normalize_text(snippet)
    return {k: v[0] for k, v in find_printed(text, 0, len(text)).items()}


@pytest.mark.parametrize("snippet, expected", [
    ("Nombre de conseillers en exercice : 39 Présents : 27 Absents : 6 Procurations : 5 Votants : 32",
     {"in_office": 39, "present": 27, "absent": 6, "represented": 5, "voting": 32}),
    ("Conseillers municipaux en exercice : 29 Votants : 27 dont 22 Présents et 05 Procurations",
     {"in_office": 29, "voting": 27, "present": 22, "represented": 5}),
    # a table flattened into labels then figures
    ("Nombre de Conseillers en exercice Présents Procurations Votants 27 20 3 23",
     {"in_office": 27, "present": 20, "represented": 3, "voting": 23}),
    ("- présents : - représentés : 30 11 - absents : 2", {"present": 30, "represented": 11, "absent": 2}),
    ("Nombre de membres de la Commission Permanente : 19 Quorum : 10", {"in_office": 19, "quorum": 10}),
    ("Qui ont pris part à la délibération : 6", {"voting": 6}),
    ("44 PRESENTS : MMES X 5 ABSENTS AYANT DONNE POUVOIR : Y", {"present": 44, "represented": 5}),
])
def test_counts_printed_figures(snippet, expected):
    found = printed(snippet)
    for key, value in expected.items():
        assert found.get(key) == value, key


def test_counts_a_number_glued_to_an_id_is_not_a_count():
    assert "present" not in printed("à 18h... 2023/009 Présents : Denis FEGNE")


def member(status):
    return {"name": "X", "status": status, "proxy": None, "substitute": None}


def test_counts_absent_adds_the_proxies_the_printed_figure_left_out():
    found = {"in_office": (64, (0, 1), ""), "present": (45, (0, 1), ""), "represented": (9, (0, 1), ""), "absent": (10, (0, 1), "")}
    counts, _, _ = build_counts(found, [])
    assert counts["absent"] == 19 and counts["voting"] == 54


def test_counts_from_the_list_when_nothing_is_printed():
    members = [member("present")] * 14 + [member("represented")] * 4 + [member("absent")]
    counts, _, warnings = build_counts({"in_office": (19, (0, 1), "")}, members)
    assert counts == {"in_office": 19, "present": 14, "represented": 4, "absent": 5, "voting": 18, "quorum": None}
    assert warnings == []


def test_counts_printed_figure_wins_and_warns_when_the_list_disagrees():
    counts, _, warnings = build_counts({"present": (20, (0, 1), "")}, [member("present")] * 18)
    assert counts["present"] == 20
    assert warnings and warnings[0].startswith("counts_mismatch")


def vote_of(snippet, decision=True):
    text = normalize_text(snippet)
    vote, _ = extract_vote(text, (0, len(text)), decision)
    return vote


@pytest.mark.parametrize("snippet, expected", [
    ("Adopté à l'unanimité.", {"outcome": "adopted", "unanimous": True, "for": None}),
    ("Pour : 6 Contre: 0 Abstention : 0", {"outcome": "adopted", "unanimous": True, "for": 6, "against": 0, "abstain": 0}),
    ("- abstentions : O - pour : 62 - contre : 1", {"outcome": "adopted", "unanimous": False, "for": 62, "against": 1, "abstain": 0}),
    ("adopté par 15 voix pour, 2 contre et 1 abstention", {"for": 15, "against": 2, "abstain": 1, "unanimous": False}),
    ("Votes pour : Votes contre : Abstentions : 41 0 0", {"for": 41, "against": 0, "abstain": 0}),
    ("Adopté à l'unanimité : Adopté à la majorité : Voix contre : 0 Abstentions : 4", {"unanimous": True, "against": 0, "abstain": 4}),
    ("Le conseil prend acte de la présentation du rapport.", {"outcome": "noted"}),
    ("La délibération est rejetée par 10 voix contre", {"outcome": "rejected"}),
    ("M. X ne prend pas part au vote. Adopté à l'unanimité", {"not_voting": 1, "unanimous": True}),
])
def test_vote_wordings(snippet, expected):
    vote = vote_of(snippet, decision=True)
    for key, value in expected.items():
        assert vote[key] == value, key


def test_vote_unanimity_of_the_secretary_election_is_not_the_vote():
    assert vote_of("Mme DEBRAY est désignée secrétaire de séance à l'unanimité.", decision=False)["unanimous"] is None


def test_counts_present_and_represented_with_absents_printed_apart():
    text = normalize_text("24 Conseillers étaient Présents et Représentés: (04 Procurations: A, B, C, D) "
                          "et 05 Conseillers étaient Absents: E, F")
    counts, _, _ = build_counts(find_printed(text, 0, len(text)), [])
    assert (counts["in_office"], counts["present"], counts["represented"], counts["absent"], counts["voting"]) == (29, 20, 4, 9, 24)


def test_counts_a_list_of_the_absent_only_gives_no_present_count():
    counts, _, _ = build_counts({}, [member("represented"), member("absent")])
    assert counts["present"] is None and counts["represented"] == 1


@pytest.mark.parametrize("sentence, figures", [
    ("2 votes contre 1 abstention 9 votes pour", (9, 2, 1)),
    ("4 votes contre 8 votes pour", (8, 4, None)),
    ("0 contre, 0 abstention, 11 pour", (11, 0, 0)),
    ("Vote : 14 pour / 0 contre / 0 abstention", (14, 0, 0)),
])
def test_vote_figures_each_read_with_its_own_label(sentence, figures):
    text = normalize_text(sentence)
    vote, _ = extract_vote(text, (0, len(text)), True)
    assert (vote["for"], vote["against"], vote["abstain"]) == figures
