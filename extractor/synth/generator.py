"""Synthetic deliberations with their truth: `delib synth N -o DIR`.

Each document is drawn from a seeded random generator (the same seed gives the same files),
in the layouts met in real registers: one extract, a bound set of extracts of one sitting,
or a sitting's minutes with numbered items; list or prose attendance, proxies written three
ways, printed counts or not, unanimity or figures, amounts in figures. The truth is written
beside each text as NAME.gold.json in the format of GOLD.md, so that `delib eval DIR` scores
the extractor on them like on real gold. The words come from vocabulary.yaml.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..french import month_names

_VOCABULARY = Path(__file__).with_name("vocabulary.yaml")
_UNITS = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"]
_TENS = {20: "vingt", 30: "trente"}


@cache
def vocabulary() -> dict:
    return yaml.safe_load(_VOCABULARY.read_text(encoding="utf-8"))


@dataclass
class Person:
    civility: str
    first: str
    surname: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def printed(self) -> str:
        return f"{self.civility} {self.first} {self.surname}"

    @property
    def long_civility(self) -> str:
        return "Monsieur" if self.civility == "M." else "Madame"


@dataclass
class Member:
    person: Person
    status: str  # present, represented, excused, absent
    proxy: Person | None = None


@dataclass
class Sitting:
    commune: str
    department: str
    date: tuple[int, int, int]
    hour: int
    members: list[Member]
    president: Person
    secretary: Person
    counts_printed: bool
    attendance_style: int
    header: int
    opening: int


def generate(total: int, out_dir, seed: int = 0, per_folder: int = 1000) -> tuple[int, int]:
    """Write documents holding `total` deliberations in all; -> (documents, deliberations)."""
    out = Path(out_dir)
    documents = deliberations = 0
    while deliberations < total:
        rng = random.Random(f"{seed}:{documents}")
        text, gold = document(rng, min(total - deliberations, rng.choice((1, 1, 1, 1, 2, 3, 4))), documents)
        folder = out / f"{documents // per_folder:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"synth-{documents:07d}"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        documents += 1
        deliberations += len(gold)
    return documents, deliberations


def document(rng: random.Random, count: int, serial: int) -> tuple[str, list[dict]]:
    sitting = _sitting(rng)
    first_number = rng.randint(1, 80)
    if count == 1 or rng.random() < 0.5:  # one extract, or a bound set of extracts of one sitting
        parts, gold = [], []
        for k in range(count):
            text, truth = _extract(rng, sitting, first_number + k)
            parts.append(text)
            gold.append(truth)
        return "\n\n".join(parts), gold
    return _minutes(rng, sitting, count, first_number)


# --- the sitting ----------------------------------------------------------------------------

def _person(rng: random.Random, used: set) -> Person:
    v = vocabulary()
    while True:
        sex = rng.choice("mf")
        person = Person("M." if sex == "m" else "Mme", rng.choice(v["first_names"][sex]), rng.choice(v["surnames"]))
        if person.surname not in used:
            used.add(person.surname)
            return person


def _sitting(rng: random.Random) -> Sitting:
    v = vocabulary()
    used: set = set()
    people = [_person(rng, used) for _ in range(rng.choice((11, 15, 19, 23, 27)))]
    president = people[0]
    members = [Member(p, "present") for p in people]
    for member in members[1:]:
        roll = rng.random()
        if roll < 0.08:
            member.status = "excused"
        elif roll < 0.12:
            member.status = "absent"
        elif roll < 0.22:
            member.status = "represented"
    present = [m.person for m in members if m.status == "present"]
    for member in members:
        if member.status == "represented":
            member.proxy = rng.choice(present[1:] or present)
    commune = rng.choice(v["commune_heads"]) + rng.choice(v["commune_tails"])
    return Sitting(commune=commune, department=rng.choice(v["departments"]),
                   date=(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)), hour=rng.choice((18, 19, 20)),
                   members=members, president=president, secretary=rng.choice(present[1:] or present),
                   counts_printed=rng.random() < 0.6, attendance_style=rng.randrange(4),
                   header=rng.randrange(len(v["headers"])), opening=rng.randrange(len(v["openings"])))


def _header(s: Sitting) -> str:
    v = vocabulary()
    year, month, day = s.date
    fields = {"COMMUNE": s.commune.upper(), "commune": s.commune, "dept_phrase": _department_phrase(s.department),
              "date_figures": f"{day:02d}/{month:02d}/{year}", "date_words_day": f"{day} {month_names()[month - 1]} {year}",
              "DATE_WORDS_DAY": f"{day} {month_names()[month - 1]} {year}".upper()}
    return v["headers"][s.header].format(**fields)


def _opening(s: Sitting) -> str:
    v = vocabulary()
    year, month, day = s.date
    fields = {"year_words": "deux mille " + _words(year - 2000), "day_words": "premier" if day == 1 else _words(day),
              "month": month_names()[month - 1], "hour": s.hour, "commune": s.commune,
              "president_full": f"{s.president.long_civility} {s.president.name}",
              "date_words_day": f"{day} {month_names()[month - 1]} {year}",
              "convocation": f"{max(1, day - 5):02d}/{month:02d}/{year}"}
    return v["openings"][s.opening].format(**fields)


def _attendance(s: Sitting) -> str:
    present = [m.person.printed for m in s.members if m.status == "present"]
    excused = [m for m in s.members if m.status == "excused"]
    absent = [m.person.printed for m in s.members if m.status == "absent"]
    represented = [m for m in s.members if m.status == "represented"]
    lines = []
    if s.attendance_style == 0:
        lines.append("Présents : " + ", ".join(present) + ".")
        if excused:
            lines.append("Absents excusés : " + ", ".join(m.person.printed for m in excused) + ".")
        if represented:
            lines.append("Pouvoirs : " + ", ".join(f"{m.person.printed} à {m.proxy.printed}" for m in represented) + ".")
    elif s.attendance_style == 1:
        lines.append("Étaient présents : " + ", ".join(present) + ".")
        if represented:
            lines.append("Avaient donné pouvoir : " + " ; ".join(
                f"{m.person.printed} à {m.proxy.printed}" for m in represented) + ".")
        if excused:
            lines.append("Étaient excusés : " + ", ".join(m.person.printed for m in excused) + ".")
    elif s.attendance_style == 3:  # one line per proxy: "M. X donne pouvoir à Mme Y."
        lines.append("Présents : " + ", ".join(present) + ".")
        if excused:
            lines.append("Absents excusés : " + ", ".join(m.person.printed for m in excused) + ".")
        lines += [f"{m.person.printed} donne pouvoir à {m.proxy.printed}." for m in represented]
    else:
        lines.append("Présents : " + ", ".join(present) + ".")
        away = [f"{m.person.printed} (pouvoir à {m.proxy.printed})" for m in represented]
        away += [m.person.printed for m in excused]
        if away:
            lines.append("Absents excusés : " + ", ".join(away) + ".")
    if absent:
        lines.append("Absents : " + ", ".join(absent) + ".")
    counts = _counts(s)
    if s.counts_printed and s.attendance_style % 2:
        lines.append(f"Nombre de conseillers en exercice : {counts['in_office']} / présents : {counts['present']} / "
                     f"votants : {counts['voting']}")
    elif s.counts_printed:
        lines.append(f"Nombre de conseillers en exercice : {counts['in_office']} - Présents : {counts['present']} - "
                     f"Votants : {counts['voting']}")
    lines.append(f"Secrétaire de séance : {s.secretary.printed}")
    return "\n".join(lines)


def _counts(s: Sitting) -> dict:
    present = sum(1 for m in s.members if m.status == "present")
    represented = sum(1 for m in s.members if m.status == "represented")
    return {"in_office": len(s.members), "present": present, "represented": represented,
            "absent": len(s.members) - present, "voting": present + represented}


# --- one deliberation -----------------------------------------------------------------------

def _deliberation_body(rng: random.Random, s: Sitting, number: int | None, numbered_heading: str | None):
    """-> (text from the objet to the signature, truth of the deliberation's own fields).
    `number` is printed (None: no number); a heading of minutes replaces the objet line."""
    v = vocabulary()
    year = s.date[0]
    subject = rng.choice(v["subjects"])
    amount = _amount(rng, subject["amount"])
    fields = {"year": year, "association": rng.choice(v["associations"]), "section": rng.choice("ABCDE"),
              "parcel": rng.randint(10, 999), "delegate": s.secretary.printed,
              "amount": amount[0] if amount else "", "small": amount[0] if amount else ""}
    title = subject["title"].format(**fields)
    lines = []
    if numbered_heading is not None:
        lines.append(numbered_heading.format(title=title))
    else:
        if number is not None:
            lines.append(f"Délibération n° {year}-{number:03d}")
        lines.append(f"Objet : {title}")
    report = f"{s.president.long_civility} le Maire expose au Conseil Municipal le dossier relatif à : {title.lower()}."
    if amount:
        report += f" Le montant en est de {amount[0]}."
    lines.append(report)
    for visa in rng.sample(v["visas"], rng.randint(1, 3)):
        lines.append(visa.format(old_date=f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year - 1}"))
    counts = _counts(s)
    vote, vote_text = _vote(rng, counts["voting"], subject.get("noted", False))
    if subject.get("noted"):
        lines.append(f"Le Conseil Municipal, après en avoir délibéré, {subject['decide'].format(**fields).replace('de prendre acte', 'prend acte')}.")
    else:
        lines.append(f"Le Conseil Municipal, après en avoir délibéré, {vote_text}DÉCIDE :".replace(", \n", ",\n"))
        lines.append(f"Article 1 : {subject['decide'].format(**fields)}.")
        lines.append("Article 2 : d'autoriser le Maire à signer tout document relatif à cette affaire.")
    amounts = [amount[1], amount[1]] if amount else []
    truth = {"title": title, "vote": vote, "amounts": amounts,
             "number": f"{year}-{number:03d}" if number is not None else None}
    return "\n".join(lines), truth


def _amount(rng: random.Random, kind) -> tuple[str, str] | None:
    if kind == "small":
        cents = rng.choice((250, 300, 350, 420, 475))
        return f"{cents // 100},{cents % 100:02d} €", f"{cents // 100}.{cents % 100:02d}"
    if kind is True or kind == "yes":
        euros = rng.choice((1, 2, 5, 10, 25)) * rng.randint(100, 9999)
        grouped = f"{euros:,}".replace(",", " ")
        form = rng.randrange(3)
        printed = (f"{grouped} €", f"{grouped},00 €", f"{grouped} euros")[form]
        return printed, str(euros)
    return None


def _vote(rng: random.Random, voters: int, noted: bool) -> tuple[dict, str]:
    if noted:
        return {"outcome": "noted", "unanimous": None, "for": None, "against": None, "abstain": None}, ""
    if rng.random() < 0.65:
        return ({"outcome": "adopted", "unanimous": True, "for": None, "against": None, "abstain": None},
                "à l'unanimité, ")
    against = rng.randint(1, max(1, voters // 4))
    abstain = rng.randint(0, 2)
    for_ = voters - against - abstain
    vote = {"outcome": "adopted" if for_ > against else "rejected", "unanimous": False,
            "for": for_, "against": against, "abstain": abstain}
    if rng.random() < 0.4:  # the figures on a line of their own, before the decision
        return vote, f"\nPour : {for_}, Contre : {against}, Abstention{'s' if abstain > 1 else ''} : {abstain}\n"
    return vote, f"par {for_} voix pour, {against} voix contre et {abstain} abstention{'s' if abstain > 1 else ''}, "


def _signature(s: Sitting) -> str:
    return f"Fait et délibéré les jour, mois et an susdits.\nPour extrait certifié conforme,\nLe Maire,\n{s.president.name}"


def _shared_truth(s: Sitting) -> dict:
    year, month, day = s.date
    counts = _counts(s)
    if not s.counts_printed:
        del counts["in_office"]  # the lists name who sat, not always everyone in office
    return {"session_date": f"{year}-{month:02d}-{day:02d}", "body": "conseil_municipal",
            "authority": s.commune, "president": s.president.name,  # the headers print it three ways
            "members": [{"name": m.person.name, "status": m.status, "proxy": m.proxy.name if m.proxy else None}
                        for m in s.members],
            "counts": counts}


def _extract(rng: random.Random, s: Sitting, number: int) -> tuple[str, dict]:
    body, truth = _deliberation_body(rng, s, number if rng.random() < 0.8 else None, None)
    text = "\n".join([_header(s), _opening(s), _attendance(s), "", body, "", _signature(s)])
    return text, {**_shared_truth(s), **truth}


def _minutes(rng: random.Random, s: Sitting, count: int, first_number: int) -> tuple[str, list[dict]]:
    year, month, day = s.date
    numbered = rng.random() < 0.5  # "Délibération n° 2024-012 : ..." or an agenda point "3. ..."
    heading = "Délibération n° {year}-{n:03d} : {{title}}" if numbered else "{k}. {{title}}"
    parts = [f"COMMUNE DE {s.commune.upper()}",
             f"PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU {day} {month_names()[month - 1].upper()} {year}",
             "", _opening(s), _attendance(s), ""]
    gold = []
    for k in range(count):
        n = first_number + k
        body, truth = _deliberation_body(rng, s, n if numbered else None, heading.format(k=k + 1, n=n, year=year))
        parts += [body, ""]
        gold.append({**_shared_truth(s), **truth})
    parts.append(f"La séance est levée à {s.hour + 2} heures.\nLe Maire,\n{s.president.name}")
    return "\n".join(parts), gold


def _department_phrase(name: str) -> str:
    if name[0] in "AEIOUÉÈ":
        return f"de l'{name}"
    return f"du {name}" if name in ("Gard", "Gers", "Lot", "Nord", "Calvados", "Cantal", "Doubs", "Jura", "Var",
                                   "Loiret", "Tarn") else f"de la {name}"


def _words(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    word = _TENS[tens * 10]
    if unit == 0:
        return word
    return f"{word}-et-un" if unit == 1 else f"{word}-{_UNITS[unit]}"
