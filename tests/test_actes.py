"""The ACTES nomenclature: names, SCDL labels, and the matter inferred from keywords."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from extractor import actes, patterns
from extractor.errors import PatternError

from .conftest import ROOT, shared_path

LEVEL2_CODES = [code for code in actes.classification() if "." in code]


def test_actes_classification_has_every_matter():
    assert len([c for c in actes.classification() if "." not in c]) == 9
    assert len(LEVEL2_CODES) == 7 + 3 + 6 + 5 + 8 + 5 + 10 + 9 + 4
    assert "7.10" in LEVEL2_CODES


def test_actes_bundled_xml_is_the_shared_one():
    shared = shared_path("spec", "actes-classification.xml")
    assert shared.read_bytes() == actes.CLASSIFICATION_XML.read_bytes()


@pytest.mark.parametrize("code, name", [
    ("7.5", "Subventions"),
    ("3.2", "Aliénations"),             # the XML spells it without accent
    ("6", "Libertés publiques et pouvoirs de police"),  # the XML has "pourvoirs"
    ("8", "Domaines de compétences par thèmes"),
    ("7.10", "Divers"),
    (" 8.1 ", "Enseignement"),
    ("7.11", None),
    ("10.1", None),
    ("", None),
    (None, None),
])
def test_actes_matter_name(code, name):
    assert actes.matter_name(code) == name


@pytest.mark.parametrize("code, label", [
    ("7.5", "finances locales/subventions"),
    ("7.5.2", "finances locales/subventions"),   # a level-3 code printed on a stamp
    ("8.4", "domaines de compétences par thèmes/aménagement du territoire"),  # the schema's example
    ("7.9", "finances locales/prise de participation sem etc."),
    ("5.1", "institutions et vie politique/élection exécutif"),
    ("7", None),
    ("9.9", None),
])
def test_actes_matter_label(code, label):
    assert actes.matter_label(code) == label


@pytest.mark.parametrize("code", LEVEL2_CODES)
def test_actes_every_label_has_the_scdl_form(code):
    label = actes.matter_label(code)
    assert label == label.lower()
    assert not re.search(r"[(),]|\s/|/\s", label)
    assert actes.fold_for_matching(label.split("/", 1)[0]).strip() in {
        "commande publique", "urbanisme", "domaine et patrimoine", "fonction publique",
        "institutions et vie politique", "libertes publiques et pouvoirs de police", "finances locales",
        "domaines de competences par themes", "autres domaines de competences"}


@pytest.mark.parametrize("title, code", [
    # finances
    ("Attribution d'une subvention à l'association sportive", "7.5"),
    ("Budget primitif 2024 du budget principal", "7.1"),
    ("Décision modificative n°2", "7.1"),
    ("Vote des taux d'imposition 2024", "7.2"),
    ("Taxe d'aménagement : exonérations facultatives", "7.2"),
    ("Garantie d'emprunt accordée à l'office public de l'habitat", "7.3"),
    ("Fonds de concours pour les travaux de voirie de la commune", "7.8"),
    ("Admission en non-valeur de créances irrécouvrables", "7.10"),
    # personnel
    ("Modification du tableau des effectifs", "4.1"),
    ("Recrutement d'agents contractuels pour accroissement saisonnier d'activité", "4.2"),
    ("Mise en place du RIFSEEP", "4.5"),
    # institutions
    ("Élection du maire", "5.1"),
    ("Approbation du règlement intérieur du conseil municipal", "5.2"),
    ("Désignation des délégués au syndicat d'énergie", "5.3"),
    ("Délégations du conseil municipal au maire (article L2122-22 du CGCT)", "5.4"),
    ("Indemnités de fonction des élus", "5.6"),
    ("Transfert de la compétence eau à la communauté de communes", "5.7"),
    ("Autorisation d'ester en justice", "5.8"),
    ("Motion de soutien aux agriculteurs", "9.4"),
    # domain, planning, procurement
    ("Acquisition d'un terrain cadastré AB 12", "3.1"),
    ("Cession d'un terrain communal", "3.2"),
    ("Bail commercial de la boulangerie", "3.3"),
    ("Convention d'occupation temporaire du domaine public", "3.5"),
    ("Modification simplifiée n°1 du plan local d'urbanisme", "2.1"),
    ("Instauration du droit de préemption urbain", "2.3"),
    ("Attribution du marché de travaux de la salle polyvalente", "1.1"),
    ("Délégation de service public pour le réseau de chaleur", "1.2"),
    # themes, when no other matter fits
    ("Tarifs de la restauration scolaire", "7.10"),
    ("Organisation du temps scolaire dans les écoles", "8.1"),
    ("Convention avec la mission locale", "8.6"),
    ("Programme local de l'habitat 2024-2029", "8.5"),
    ("Rapport annuel sur le prix et la qualité du service d'eau potable", "8.8"),
    ("Règlement du cimetière communal", "6.4"),
    ("Création d'un columbarium", "9.1"),
])
def test_actes_infer_matter_from_title(title, code):
    found = actes.infer_matter(title)
    assert found is not None, title
    assert (found["code"], found["source"]) == (code, "inferred"), actes.score_matters(title)
    assert found["name"] == actes.matter_name(code)


@pytest.mark.parametrize("title", ["VŒU RELATIF AUX SERVICES PUBLICS", "voeu relatif aux services publics",
                                   "Vœu relatif aux services publics"])
def test_actes_matching_ignores_accents_case_and_ligatures(title):
    assert actes.infer_matter(title)["code"] == "9.4"


@pytest.mark.parametrize("title", ["", None, "Questions diverses", "Informations du maire"])
def test_actes_nothing_recognised_gives_none(title):
    assert actes.infer_matter(title) is None


def test_actes_title_weighs_more_than_text():
    text = "Vu le budget primitif. Considérant la subvention. La décision modificative ..."
    assert actes.infer_matter("Acquisition d'une parcelle", text)["code"] == "3.1"


def test_actes_text_alone_can_decide_when_the_title_says_nothing():
    one = "Il est proposé de verser un fonds de concours à la commune."
    assert actes.infer_matter("Point n°4", one) is None  # one strong word in a body is not enough
    two = "Vu le budget primitif ... la présente décision modificative ouvre les crédits."
    assert actes.infer_matter("Point n°4", two)["code"] == "7.1"


def test_actes_longest_phrase_wins_an_overlap():
    scores = actes.score_matters("Taxe d'aménagement")
    assert "8.4" not in scores  # "aménagement" belongs to the longer "taxe d'aménagement"


def test_actes_plural_and_wildcard_keywords():
    assert actes.infer_matter("Saison culturelle 2024")["code"] == "8.9"   # culturel*
    assert actes.infer_matter("Tarifs des cantines")["code"] == "7.10"    # tarif -> tarifs


def test_actes_matter_patterns_are_valid():
    actes.check_matter_patterns()
    data = patterns.load("matter.yaml")
    assert set(data["keywords"]) <= set(LEVEL2_CODES)


def test_actes_keyword_for_an_unknown_code_is_refused(tmp_path, monkeypatch):
    (tmp_path / "matter.yaml").write_text(
        "weights: {strong: 3, weak: 1, title: 3, text: 1, thematic: 0.5, min_score: 2}\n"
        "keywords: {'7.42': {strong: [x]}}\n", encoding="utf-8")
    monkeypatch.setattr(patterns, "PATTERNS_DIR", tmp_path)
    for cached in (patterns.load, actes._matter_data, actes._keywords, actes._compiled_keywords, actes._weights):
        cached.cache_clear()
    try:
        with pytest.raises(PatternError, match="7.42"):
            actes.check_matter_patterns()
    finally:
        monkeypatch.undo()
        for cached in (patterns.load, actes._matter_data, actes._keywords, actes._compiled_keywords, actes._weights):
            cached.cache_clear()


def test_actes_eval_script_reaches_the_level1_target():
    shared_path("corpus", "wild", "050_scdl-saint-etienne-metropole-deliberations-2022.csv")
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_actes.py")], capture_output=True,
                         text=True, check=True).stdout
    strict = re.search(r"hand labels, strict: .*?level-1 accuracy ([0-9.]+)", out)
    assert strict and float(strict.group(1)) >= 0.80, out
