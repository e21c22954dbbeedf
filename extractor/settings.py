"""A run's settings file (`delib extract --settings FILE`): what the documents cannot say.

The SCDL file needs each deliberation's collectivity name (COLL_NOM) and SIRET (COLL_SIRET);
the documents print a name but never a SIRET, and a folder may mix collectivities. The
settings file names them, and says which records belong to which:

    collectivities:
      - name: Commune de Martignargues      # COLL_NOM as published
        siret: "21300158900011"             # checked with its checksum when the file is read
        match:                              # any one of these is enough
          authority: ["Martignargues"]      # a word of the record's authority, case and accents aside
          files: ["*martignargues*"]        # a glob on the input's path
          siren: ["213001589"]              # the SIREN inside the prefecture id

A file with one collectivity may leave out `match`: it then applies to every record.
Errors name the entry and the key (SettingsError, a ValueError).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

import yaml

from .french import fold


class SettingsError(ValueError):
    """A settings file that cannot be used, with the entry and key at fault."""


@dataclass(frozen=True)
class Collectivity:
    name: str
    siret: str
    authorities: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    sirens: tuple[str, ...] = ()
    matches_all: bool = False

    def matches(self, record: dict) -> bool:
        if self.matches_all:
            return True
        authority = fold(record.get("authority") or "")
        if any(fold(a) in authority for a in self.authorities if a):
            return True
        path = str((record.get("source") or {}).get("file") or "")
        if any(fnmatch(path, pattern) or fnmatch(Path(path).name, pattern) for pattern in self.files):
            return True
        ar_id = ((record.get("prefecture") or {}).get("ar_id") or "")
        return any(f"-{siren}-" in ar_id for siren in self.sirens)


@dataclass
class Settings:
    collectivities: list[Collectivity] = field(default_factory=list)

    def collectivity_for(self, record: dict) -> Collectivity | None:
        return next((c for c in self.collectivities if c.matches(record)), None)


def load_settings(path) -> Settings:
    from .export.scdl import siret_is_valid

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise SettingsError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise SettingsError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or set(data) - {"collectivities"}:
        raise SettingsError(f"{path}: expected a mapping with the key 'collectivities'")
    entries = data.get("collectivities") or []
    if not isinstance(entries, list):
        raise SettingsError(f"{path}: collectivities: expected a list")
    collectivities = []
    for i, entry in enumerate(entries):
        where = f"{path}: collectivities[{i}]"
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("siret"):
            raise SettingsError(f"{where}: needs a name and a siret")
        siret = "".join(str(entry["siret"]).split())
        if not siret_is_valid(siret):
            raise SettingsError(f"{where} ({entry['name']}): siret {entry['siret']!r} is not a valid SIRET "
                                "(14 digits with a valid checksum)")
        match = entry.get("match") or {}
        unknown = set(match) - {"authority", "files", "siren"}
        if unknown:
            raise SettingsError(f"{where}: match: unknown key(s) {sorted(unknown)}")
        collectivities.append(Collectivity(
            name=str(entry["name"]).strip(), siret=siret,
            authorities=_strings(match.get("authority")), files=_strings(match.get("files")),
            sirens=_strings(match.get("siren")), matches_all=not match and len(entries) == 1))
    return Settings(collectivities)


def _strings(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(str(v) for v in (value if isinstance(value, list) else [value]))
