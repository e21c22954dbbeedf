import pytest

from extractor.fields.members import extract_members
from extractor.normalize import normalize_text


def members_of(snippet):
    text = normalize_text(snippet)
    return [(m.member["name"], m.member["status"], m.member["proxy"], m.member["substitute"])
            for m in extract_members(text, 0, len(text))]


@pytest.mark.parametrize("snippet, expected", [
    # proxy in parentheses, civilities
    ("Présents : M. ALBUGUES, Mme CABOS Absent(s) représenté(s) : M. BEQ (pouvoir à M. MARDEGAN) Absent(s) : Mme BAREGES",
     [("ALBUGUES", "present", None, None), ("CABOS", "present", None, None),
      ("BEQ", "represented", "MARDEGAN", None), ("BAREGES", "absent", None, None)]),
    # "a donné pouvoir à" with no separator between items
    ("Absents excusés ayant donné pouvoir : Youssef AFOUADAS a donné pouvoir à Jean Luc DUCERF Frédéric ROBIN a donné pouvoir à Sylvie ROLAND",
     [("Youssef AFOUADAS", "represented", "Jean Luc DUCERF", None), ("Frédéric ROBIN", "represented", "Sylvie ROLAND", None)]),
    # a bare "à" between giver and holder
    ("Titulaires ayant donné procuration : Roger LACOME à Rose Marie COLOMES, Pascal LACHAUD à Hervé CARRERE",
     [("Roger LACOME", "represented", "Rose Marie COLOMES", None), ("Pascal LACHAUD", "represented", "Hervé CARRERE", None)]),
    # initials and "représenté par"
    ("Présents : P. RIO - Y. LE BRIAND. Excusés Représentés : P. LOUISON représenté par G. DJEARAMIN",
     [("P. RIO", "present", None, None), ("Y. LE BRIAND", "present", None, None), ("P. LOUISON", "represented", "G. DJEARAMIN", None)]),
    # substitutes and a member who left
    ("Présents titulaires/suppléants : Lionel CAZAUX, Arnaud DELAS (suppléant de Jean Claude JACOMET). Absents excusés : Maryvonne HEGUY ; Eric LUVISUTTO (parti après le point 5).",
     [("Lionel CAZAUX", "present", None, None), ("Jean Claude JACOMET", "substituted", None, "Arnaud DELAS"),
      ("Maryvonne HEGUY", "excused", None, None), ("Eric LUVISUTTO", "left", None, None)]),
    # a status written after the name
    ("Absents et procurations : 4 Sandrine LHORSET excusée Caroline BOURG Pouvoir à Sylviane LEPAPE Le Président a ouvert la séance",
     [("Sandrine LHORSET", "excused", None, None), ("Caroline BOURG", "represented", "Sylviane LEPAPE", None)]),
    # surname first, semicolons
    ("Etaient présents : LE MEAUX Vincent ; LOZAC'H Claude. Absents excusés : CLEC'H Vincent",
     [("LE MEAUX Vincent", "present", None, None), ("LOZAC'H Claude", "present", None, None), ("CLEC'H Vincent", "excused", None, None)]),
])
def test_members_statuses_and_links(snippet, expected):
    assert members_of(snippet) == expected


def test_members_list_stops_at_the_heading_after_a_blank_line():
    snippet = "Absent(s) :\n\nM. HEBRAL\n\nENVIRONNEMENT NUMÉRIQUE DE TRAVAIL\nDANS LES COLLÈGES\n\nDepuis le début"
    assert members_of(snippet) == [("HEBRAL", "absent", None, None)]


def test_members_a_printed_count_is_not_a_list():
    snippet = "se sont Présents : 27 réunis le seize février à la Maison des Absents : 6 Associations"
    assert members_of(snippet) == []


@pytest.mark.parametrize("snippet, expected", [
    # an upper-case initial between two names is no "à" (Corte's "GRIMALDI-OSTIENSI A, GUGLIELMI MM")
    ("PRESENTS: MM. POLI X, GRIMALDI-OSTIENSI A, GUGLIELMI MM, MALLERONI MJ.",
     [("GRIMALDI-OSTIENSI", "present", None), ("GUGLIELMI MM", "present", None)]),
    # a list of proxies broken into paragraphs by OCR, one holder "au Dr."
    ("PROCURATIONS : Madame Marie-Luce CASTELLI à Madame Paula RINIERI\n\n"
     "Monsieur Frédéric DEMUYNCK à Madame Vanina BORROMEI Monsieur Antoine ORSINI au Dr. Xavier POLI, Maire\n",
     [("Frédéric DEMUYNCK", "represented", "Vanina BORROMEI"), ("Antoine ORSINI", "represented", "Xavier POLI")]),
])
def test_members_ocr_layouts(snippet, expected):
    text = normalize_text(snippet)
    members = {m.member["name"]: (m.member["status"], m.member["proxy"]) for m in extract_members(text, 0, len(text))}
    for name, status, proxy in expected:
        assert members[name] == (status, proxy), name
