"""Records built by hand for the export tests: valid against record.schema.json, realistic,
and covering what the tables and SCDL must handle (members of every status, amounts, a
unanimous vote with a known number of voters, a split vote, a sitting with nulls everywhere).

    make_record(**fields)  one record, every field null or empty unless given
    sample_records()       five records over two sittings of one council and one null record
"""
from __future__ import annotations

import copy
import hashlib

REGISTER_SHA = hashlib.sha256(b"register-2023-03-14").hexdigest()
APRIL_SHA = hashlib.sha256(b"register-2023-04-11").hexdigest()
NULL_SHA = hashlib.sha256(b"attendance-sheet").hexdigest()
AUTHORITY = "Commune de Saint-Philbert-de-Bouaine"
SIREN = "218502623"
VALID_SIRET = "21860194600013"  # the SCDL schema's own example (Poitiers), Luhn-valid


def make_record(**fields) -> dict:
    record = {
        "schema_version": "1",
        "source": {"file": "inputs/unknown.txt", "sha256": NULL_SHA, "index": 0, "pages": None,
                   "ocr": False, "reader": "text"},
        "authority": None, "body": None, "body_raw": None, "session_date": None, "session_time": None,
        "convocation_date": None, "number": None, "internal_id": None, "title": None,
        "president": None, "secretary": None, "members": [],
        "counts": {"in_office": None, "present": None, "represented": None, "absent": None,
                   "voting": None, "quorum": None},
        "vote": {"outcome": None, "unanimous": None, "for": None, "against": None, "abstain": None,
                 "not_voting": None, "raw": None},
        "amounts": [], "visas": [], "decisions": [], "budget_lines": [], "matter": None,
        "prefecture": None,
        "sections": {"header": None, "attendance": None, "report": None, "decision": None, "signature": None},
        "text": "", "evidence": {}, "warnings": [],
    }
    for key, value in fields.items():
        if isinstance(value, dict) and isinstance(record.get(key), dict):
            record[key] = {**record[key], **value}
        else:
            record[key] = value
    return record


def member(name, status="present", civility=None, role=None, proxy=None, substitute=None) -> dict:
    return {"civility": civility, "name": name, "role": role, "status": status, "proxy": proxy,
            "substitute": substitute}


def amount(value, raw, tax=None, label=None, per=None, section="report") -> dict:
    return {"value": value, "currency": "EUR", "raw": raw, "tax": tax, "label": label, "per": per,
            "section": section}


MARCH_MEMBERS = [
    member("Francis BRETON", civility="M.", role="Maire"),
    member("Sylvie RASSINOUX", civility="Mme"),
    member("Hubert CORMERAIS", status="represented", civility="M.", proxy="BRETON"),
    member("Sandrine BLUTEAU", status="excused", civility="Mme"),
    member("Pierre CHATELIER", status="absent", civility="M."),
    member("Annabelle ZAKI", status="substituted", civility="Mme", substitute="Marc LEROY"),
    member("Anthony BAUDRY", status="remote", civility="M."),
]


def _march(index: int, **fields) -> dict:
    base = dict(
        source={"file": "registers/cm-2023-03-14.pdf", "sha256": REGISTER_SHA, "index": index,
                "pages": [2 * index + 1, 2 * index + 2], "ocr": index == 1, "reader": "pdf"},
        authority=AUTHORITY, body="conseil_municipal", body_raw="Conseil Municipal",
        session_date="2023-03-14", session_time="19:30", convocation_date="2023-03-07",
        president={"civility": "M.", "name": "Francis BRETON", "role": "Maire"},
        secretary={"civility": "Mme", "name": "Sylvie RASSINOUX", "role": None},
        members=copy.deepcopy(MARCH_MEMBERS),
        counts={"in_office": 19, "present": 15, "represented": 1, "absent": 4, "voting": 16, "quorum": 10},
    )
    base.update(fields)
    return make_record(**base)


def sample_records() -> list[dict]:
    unanimous = _march(
        0, number="2023_014", internal_id="2822",
        title="Attribution d'une subvention exceptionnelle à l'association Les Amis de l'École",
        vote={"outcome": "adopted", "unanimous": True, "raw": "Adopté à l'unanimité"},
        amounts=[amount("244415.66", "244 415,66 € TTC", tax="TTC", label="coût total"),
                 amount("1250.00", "1 250,00 euros", tax="HT", per="an", section="decision"),
                 amount("3000000", "3 M€", label="enveloppe")],
        visas=["Vu le Code général des collectivités territoriales,",
               "Vu le rapport de Monsieur le Maire,"],
        decisions=["Article 1 : accorde une subvention de 1 250,00 euros HT par an ;",
                   "Article 2 : dit que les crédits sont inscrits au budget."],
        budget_lines=[{"article": "6574", "function": "025", "chapter": "65", "raw": "article 6574"}],
        matter={"code": "7.5", "name": "Subventions", "source": "printed"},
        prefecture={"ar_id": f"085-{SIREN}-20230314-2023_014-DE", "received": "2023-03-20"},
        text="Le Conseil Municipal ... Adopté à l'unanimité.",
        evidence={"number": {"start": 0, "end": 8, "page": 1}},
        warnings=["counts_mismatch: 15 present printed, 14 named"],
    )
    split = _march(
        1, number="2023_015", title="Acquisition des parcelles AV 21 et AV 373",
        members=[copy.deepcopy(MARCH_MEMBERS[0]), member("Sylvie RASSINOUX", status="left", civility="Mme")],
        vote={"outcome": "adopted", "unanimous": False, "for": 12, "against": 2, "abstain": 2,
              "raw": "par 12 voix pour, 2 contre et 2 abstentions"},
        amounts=[amount("15000.5", "15 000,50 €", label="prix")],
        matter={"code": "3.1", "name": "Acquisitions", "source": "inferred"},
        prefecture={"ar_id": f"085-{SIREN}-20230314-2023_015-DE", "received": None},
    )
    prefecture_id_only = _march(
        2, title="Décision modificative n°1 du budget principal",
        vote={"outcome": "adopted", "unanimous": True, "abstain": 3, "raw": "unanimité (3 abstentions)"},
        matter={"code": "7.1", "name": "Décisions budgétaires", "source": "inferred"},
        # received before the sitting: an OCR or typing slip that SCDL must not publish
        prefecture={"ar_id": f"085-{SIREN}-20230314-2023_016B-DE", "received": "2023-03-01"},
    )
    april = make_record(
        source={"file": "registers/cm-2023-04-11.txt", "sha256": APRIL_SHA, "index": 0, "pages": None,
                "ocr": False, "reader": "text"},
        authority=AUTHORITY, body="conseil_municipal", body_raw="Conseil Municipal",
        session_date="2023-04-11", number="2023_020", title="Vote du budget primitif 2023",
        members=[member("Francis BRETON", civility="M.", role="Maire"),
                 member("Hubert CORMERAIS", civility="M."),
                 member("Sandrine BLUTEAU", status="represented", civility="Mme", proxy="BRETON")],
        counts={"in_office": 19, "present": 17, "represented": 1, "absent": 2, "voting": None, "quorum": None},
        vote={"outcome": "adopted", "unanimous": False, "for": 14, "against": 3, "abstain": 1,
              "not_voting": 0, "raw": "14 pour, 3 contre, 1 abstention"},
        amounts=[amount("-1520.75", "- 1 520,75 €", section="decision")],
        matter={"code": "7.1", "name": "Décisions budgétaires", "source": "printed"},
    )
    nulls = make_record()
    return [unanimous, split, prefecture_id_only, april, nulls]
