"""The settings file that names each collectivity for the SCDL file."""
from __future__ import annotations

import pytest

from extractor.cli import main
from extractor.settings import SettingsError, load_settings
from tests.conftest import DATA, SAMPLES
from tests.export_fixtures import VALID_SIRET


def write(tmp_path, text):
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_settings_match_by_authority_file_or_siren(tmp_path):
    settings = load_settings(write(tmp_path, f"""
collectivities:
  - name: Commune de Saint-Philbert-de-Bouaine
    siret: "{VALID_SIRET}"
    match: {{authority: ["saint-philbert"], files: ["*bouaine*"], siren: ["218601946"]}}
"""))
    by_authority = {"authority": "COMMUNE DE SAINT-PHILBERT-DE-BOUAINE", "source": {"file": "x.txt"}}
    by_file = {"authority": None, "source": {"file": "registres/bouaine-2023.pdf"}}
    by_siren = {"source": {"file": "y.txt"}, "prefecture": {"ar_id": "086-218601946-20230101-X-DE"}}
    other = {"authority": "Commune de Flaux", "source": {"file": "flaux.pdf"}}
    for record in (by_authority, by_file, by_siren):
        assert settings.collectivity_for(record).siret == VALID_SIRET
    assert settings.collectivity_for(other) is None


def test_settings_one_collectivity_without_match_applies_to_all(tmp_path):
    settings = load_settings(write(tmp_path, f"collectivities:\n  - name: X\n    siret: '{VALID_SIRET}'\n"))
    assert settings.collectivity_for({"source": {"file": "a.txt"}}).name == "X"


@pytest.mark.parametrize("text, message", [
    ("collectivities:\n  - name: X\n    siret: '21860194600014'\n", "collectivities\\[0\\] \\(X\\): siret"),
    ("collectivities:\n  - name: X\n", "needs a name and a siret"),
    ("collectivities:\n  - {name: X, siret: '21860194600013', match: {town: [a]}}\n", "unknown key"),
    ("collectivites: []\n", "expected a mapping"),
    ("collectivities: [\n", "invalid YAML"),
])
def test_settings_errors_name_the_entry(tmp_path, text, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(write(tmp_path, text))


def test_cli_settings_error_is_a_usage_error(tmp_path, capsys):
    path = write(tmp_path, "collectivities:\n  - name: X\n    siret: '123'\n")
    assert main(["extract", str(DATA / "sitting" / "pv-conseil-municipal.txt"), "-o", str(tmp_path / "out"),
                 "--format", "scdl", "--settings", str(path)]) == 2
    assert "not a valid SIRET" in capsys.readouterr().err


def test_cli_settings_fill_the_scdl_collectivity(tmp_path):
    path = write(tmp_path, f"collectivities:\n  - name: Commune de Saint-Exemple\n    siret: '{VALID_SIRET}'\n")
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLES / "tg-cp-2016-10-26-ent-feder.md"), "-o", str(out),
                 "--format", "scdl", "--settings", str(path), "-q"]) == 0
    lines = (out / "scdl.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"Commune de Saint-Exemple,{VALID_SIRET},CP2016_10_11,2016-10-26,")
