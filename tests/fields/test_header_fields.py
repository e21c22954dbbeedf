import pytest

from extractor.fields.dates import extract_convocation_date, extract_session_date, extract_session_time
from extractor.fields.header import extract_authority, extract_body
from extractor.fields.identifiers import extract_internal_id, extract_number
from extractor.fields.people import extract_president
from extractor.fields.title import extract_title
from extractor.normalize import normalize_text


def run(fn, snippet, *args, **kwargs):
    text = normalize_text(snippet)
    return fn(text, 0, len(text), *args, **kwargs)


@pytest.mark.parametrize("snippet, iso", [
    ("Séance du 26 octobre 2016 L'an deux mille seize le vingt six octobre", "2016-10-26"),
    ("L'an deux mille quinze le seize mars , les membres", "2015-03-16"),
    ("L'an deux mil vingt-trois, le vendredi 06 février à 20h30", "2023-02-06"),
    ("L'an deux mille vingt-trois, le 13 du mois de janvier, à 20 heures", "2023-01-13"),
    ("L'an DEUX MILLE VINGT DEUX le 9 décembre à 18 H 00", "2022-12-09"),
    ("SEANCE DU CONSEIL MUNICIPAL DU 13/01/2023", "2023-01-13"),
    # the header wins over an opening sentence that disagrees with it
    ("Séance du Lundi 30 janvier 2023 L'An deux mille vingt-deux, le Lundi trente janvier", "2023-01-30"),
    ("réunis le seize février deux mille vingt-trois à dix-neuf heures", "2023-02-16"),
])
def test_dates_session_date(snippet, iso):
    assert run(extract_session_date, snippet)[0] == iso


@pytest.mark.parametrize("snippet, iso", [
    ("Date de convocation : 24 janvier 2023", "2023-01-24"),
    ("légalement convoqué le 17 juin 2022, s'est assemblé", "2022-06-17"),
    ("Date convocation du Conseil Municipal : 2 décembre 2022", "2022-12-02"),
])
def test_dates_convocation(snippet, iso):
    assert run(extract_convocation_date, snippet)[0] == iso


@pytest.mark.parametrize("snippet, hhmm", [
    ("le 21 mars à 19h30, les membres", "19:30"),
    ("à 18 heures 30, le Conseil", "18:30"),
    ("à dix-neuf heures, le Conseil", "19:00"),
])
def test_dates_session_time(snippet, hhmm):
    assert run(extract_session_time, snippet)[0] == hhmm


@pytest.mark.parametrize("snippet, number", [
    ("DELIBERATION n° 2023/021 L'an deux mille", "2023/021"),
    ("n°d'ordre : DEL2023_001 Objet : Rapport", "DEL2023_001"),
    ("Délibération N° DEL - 2023 - 007 : Avis sur", "DEL-2023-007"),
    ("N° 24 03_01 - DEBAT D'ORIENTATIONS", "24 03_01"),
    ("Délibération n° 01-02 du 26 janvier 2023 DUGNY", "01-02"),
    ("CP2016_10_11\nid. 2822", "CP2016_10_11"),
    # someone else's number is not the deliberation's
    ("Vu la loi n° 2014-366 du 24 mars 2014 D2023-01-003 URBANISME", "D2023-01-003"),
    ("Tél : 04-75-25-43-82 14/25-02-20/C L'an deux mille vingt", "14/25-02-20/C"),
])
def test_identifiers_number(snippet, number):
    assert run(extract_number, snippet)[0] == number


def test_identifiers_internal_id():
    assert run(extract_internal_id, "CP2016_10_11 id. 2822")[0] == "2822"


@pytest.mark.parametrize("snippet, body", [
    ("EXTRAIT du REGISTRE des DELIBERATIONS de la COMMISSION PERMANENTE du Conseil Départemental", "commission_permanente"),
    ("DELIBERATION BUREAU COMMUNAUTAIRE SEANCE du mardi", "bureau"),
    ("le Conseil Communautaire du Plateau", "conseil_communautaire"),
    ("EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL", "conseil_municipal"),
])
def test_header_body(snippet, body):
    assert run(extract_body, snippet)[0] == body


@pytest.mark.parametrize("snippet, authority", [
    ("Département des Côtes d'Armor GUINGAMP-PAIMPOL AGGLOMERATION DELIBERATION BUREAU", "GUINGAMP-PAIMPOL AGGLOMERATION"),
    ("DEPARTEMENT DE TARN ET GARONNE # COMMUNE DE LABASTIDE SAINT-PIERRE me REGISTRE", "COMMUNE DE LABASTIDE SAINT-PIERRE"),
    ("COMMUNE DE TRONGET EXTRAIT DU REGISTRE", "COMMUNE DE TRONGET"),
])
def test_header_authority(snippet, authority):
    assert run(extract_authority, snippet)[0] == authority


@pytest.mark.parametrize("snippet, name, role", [
    ("sous la présidence de M. Christian ASTRUC, Président du Conseil Départemental.", "Christian ASTRUC", "Président du Conseil Départemental"),
    ("sous la présidence de son Maire, Louis MARETTE. Date", "Louis MARETTE", None),
    ("Sous la présidence de M. Stéphane Troussel, la Commission", "Stéphane Troussel", None),
])
def test_people_president(snippet, name, role):
    person, _ = run(extract_president, snippet, None)
    assert person["name"] == name and person["role"] == role


@pytest.mark.parametrize("snippet, title", [
    ("OBJET : Vote du Compte Administratif de 2019\nLe Conseil Municipal", "Vote du Compte Administratif de 2019"),
    ("Objet : Centre aquatique intercommunal : recours à la géothermie Compte tenu de la flambée", "Centre aquatique intercommunal : recours à la géothermie"),
    ("N° 24 03_01 - DEBAT D'ORIENTATIONS BUDGETAIRES 2024 Nombre de conseillers : En exercice", "DEBAT D'ORIENTATIONS BUDGETAIRES 2024"),
])
def test_title_labelled(snippet, title):
    assert run(extract_title, snippet)[0] == title


def test_title_upper_case_heading_after_attendance():
    snippet = "Absent(s) :\n\nMme BAREGES\n\nESPACE NUMÉRIQUE DE TRAVAIL\nDANS LES COLLÈGES\n\nL'Assemblée Départementale"
    text = normalize_text(snippet)
    title, _ = extract_title(text, 0, len(text), heading_from=text.index("BAREGES") + 7)
    assert title == "ESPACE NUMÉRIQUE DE TRAVAIL DANS LES COLLÈGES"
