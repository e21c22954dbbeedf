"""Field family `president`, `secretary`, and the person-name reading the member lists share."""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns

_CIVILITY_CANON = {
    "monsieur": "M.", "m.": "M.", "m": "M.", "mr": "M.", "mr.": "M.", "mm.": "M.", "mm": "M.", "messieurs": "M.",
    "mrs": "M.", "madame": "Mme", "mme": "Mme", "mmes": "Mme", "mesdames": "Mme", "mademoiselle": "Mme",
    "mlle": "Mme", "mmc": "Mme", "mrnes": "Mme",
}

_SPACES = regex.compile(r"\s+")
_TRAILING_DOT = regex.compile(r"(?<!\b\p{Lu})\.$")
_TWO_LETTERS = regex.compile(r"\p{L}{2}")


@cache
def person_pattern():
    return patterns.compile_source("{person}", "_common.yaml", "_common.yaml -> person")


@cache
def loose_person_pattern():
    return patterns.compile_source("{loose_person}", "_common.yaml", "_common.yaml -> loose_person")


@cache
def _civility_prefix():
    return patterns.compile_source(r"^\s*(?P<civ>(?-i:{civility}))\s+", "_common.yaml", "civility")


def split_civility(name: str) -> tuple[str | None, str]:
    m = _civility_prefix().match(name)
    if not m:
        return None, name.strip()
    civ = _CIVILITY_CANON.get(m.group("civ").lower())
    return civ, name[m.end():].strip()


def clean_name(name: str) -> str:
    name = _SPACES.sub(" ", name).strip(" ,;:-—(").lstrip(".")
    # a trailing initial keeps its dot ("MARTIN S."), other trailing dots go
    while _TRAILING_DOT.search(name):
        name = name[:-1].rstrip(" ,;:-—(")
    return name.strip()


def make_person(raw: str, role: str | None = None) -> dict | None:
    civility, name = split_civility(raw)
    name = clean_name(name)
    if not name or not _TWO_LETTERS.search(name):
        return None
    return {"civility": civility, "name": name, "role": role}


def _search_person(pattern_list, text, start, end):
    for pattern in pattern_list:
        m = pattern.search(text, start, end)
        if m:
            return m
    return None


def extract_president(text: str, start: int, end: int, signature: tuple[int, int] | None):
    """-> (person, span) from the presidency wording, else from the signature block."""
    for pattern in patterns.compiled_each("people.yaml", "president"):
        for m in pattern.finditer(text, start, end):
            person = make_person(m.group("value"))
            if person is None or _is_office_word(person["name"]):
                continue
            role_m = patterns.compiled("people.yaml", "president_role").match(text, m.end("value"), min(len(text), m.end("value") + 90))
            if role_m:
                person["role"] = regex.sub(r"\s+", " ", role_m.group("role")).strip()
            return person, m.span("value")
    if signature:
        m = patterns.compiled("people.yaml", "signer").search(text, signature[0], min(len(text), signature[1] + 200))
        if m:
            # the signer's name follows within a few words; with two names (secretary, mayor) the mayor's is the last
            names = [p for p in person_pattern().finditer(text, m.end(), min(len(text), m.end() + 60))
                     if not _is_office_word(p.group(0))]
            if names:
                signer = names[-1] if len(names) <= 2 else names[0]
                person = make_person(signer.group(0))
                if person:
                    return person, signer.span()
    return None, None


_NAME_REACH = 90  # a name printed before its verb


def extract_secretary(text: str, start: int, end: int):
    verb = patterns.anchor("people.yaml", "secretary_verb")
    for pattern in patterns.compiled_each("people.yaml", "secretary"):
        if pattern.pattern.startswith("(?P<value>"):  # opens with a name: slow to try everywhere
            m = next((m for low, high in patterns.windows(verb, text, start, end, _NAME_REACH, 120)
                      for m in [pattern.search(text, low, high)] if m), None)
        else:
            m = pattern.search(text, start, end)
        if m:
            person = make_person(m.group("value"))
            if person and not _is_office_word(person["name"]):
                return person, m.span("value")
    return None, None


_OFFICE_WORDS = regex.compile(r"^(?:le|la|l')?\s*(?:maire|pr[ée]sidente?|conseil|commission|secr[ée]taire|adjointe?)\b", regex.I)


def _is_office_word(name: str) -> bool:
    return bool(_OFFICE_WORDS.match(name))
