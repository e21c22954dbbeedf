"""The ACTES nomenclature: names of the matters, and a guess of the matter from a title.

The classification XML bundled beside this module (a copy of the one the prefectures publish)
decides which codes exist; patterns/matter.yaml gives their accented labels and the keywords
that point to each level-2 matter.

    matter_name("7.5")   -> "Subventions"
    matter_label("7.5")  -> "finances locales/subventions"      (the SCDL DELIB_MATIERE_NOM form)
    infer_matter("Attribution d'une subvention ...") -> {"code": "7.5", "name": "Subventions",
                                                         "source": "inferred"}
"""
from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from . import patterns
from .errors import PatternError

CLASSIFICATION_XML = Path(__file__).resolve().parent / "actes-classification.xml"
_ACTES_NS = "{http://www.interieur.gouv.fr/ACTES#v1.1-20040216}"
_KEYWORD_KINDS = ("strong", "weak")
_WEIGHT_KEYS = {"strong", "weak", "title", "text", "thematic", "min_score"}


@cache
def classification() -> dict[str, str]:
    """Every code of the XML ("1", "1.1", ... "9.4") -> its label as the XML spells it."""
    root = ET.parse(CLASSIFICATION_XML).getroot()
    codes: dict[str, str] = {}
    for level1 in root.iter(f"{_ACTES_NS}Matiere1"):
        code1 = level1.get(f"{_ACTES_NS}CodeMatiere")
        codes[code1] = _clean_space(level1.get(f"{_ACTES_NS}Libelle"))
        for level2 in level1.findall(f"{_ACTES_NS}Matiere2"):
            code2 = f"{code1}.{level2.get(f'{_ACTES_NS}CodeMatiere')}"
            codes[code2] = _clean_space(level2.get(f"{_ACTES_NS}Libelle"))
    return codes


def matter_name(code: str | None) -> str | None:
    """The label of a known code (level 1 or 2), accents restored; None for an unknown code."""
    if not code:
        return None
    code = code.strip()
    if code not in classification():
        return None
    return _accented_labels().get(code) or classification()[code]


def level2_code(code: str | None) -> str | None:
    """The level-2 part of a code ("7.5.1" -> "7.5"), None when the code has no known level 2."""
    if not code:
        return None
    parts = code.strip().split(".")
    if len(parts) < 2:
        return None
    short = ".".join(parts[:2])
    return short if short in classification() else None


def matter_label(code: str | None) -> str | None:
    """"level-1 label/level-2 label" as SCDL wants DELIB_MATIERE_NOM: lower case, accented,
    no comma nor parenthesis, no space around the slash. None when the code is unknown."""
    short = level2_code(code)
    if short is None:
        return None
    level1 = matter_name(short.split(".")[0])
    level2 = matter_name(short)
    return f"{_scdl_form(level1)}/{_scdl_form(level2)}"


def infer_matter(title: str | None, text: str = "") -> dict | None:
    """Guess the level-2 matter from the keywords of patterns/matter.yaml.

    A keyword in the title weighs more than one in the text; None when nothing reaches the
    minimum score (better no matter than a made-up one)."""
    scores = score_matters(title, text)
    if not scores:
        return None
    best = max(scores.values())
    if best < _weights()["min_score"]:
        return None
    # dicts keep the file's order, so a tie goes to the code listed first
    code = next(c for c, s in scores.items() if s == best)
    return {"code": code, "name": matter_name(code), "source": "inferred"}


def score_matters(title: str | None, text: str = "") -> dict[str, float]:
    """Score of every level-2 code with at least one keyword found, in the file's order."""
    weights = _weights()
    scores: dict[str, float] = {}
    for found in _keywords_found(fold_for_matching(title or "")):
        scores[found.code] = scores.get(found.code, 0) + weights[found.kind] * weights["title"]
    if text:
        for found in _keywords_found(fold_for_matching(text)):
            if found.kind == "strong":  # weak words are everywhere in a body; only titles count them
                scores[found.code] = scores.get(found.code, 0) + weights["text"]
    thematic = _thematic_codes()
    for code in scores:
        if code in thematic:
            scores[code] *= weights["thematic"]
    order = list(_keywords())
    return {code: scores[code] for code in sorted(scores, key=order.index)}


def fold_for_matching(text: str, *, keep_star: bool = False) -> str:
    """Lower case, no accents, ligatures opened, every run of non-alphanumerics one space
    (padded with a space each side so that whole words are found by their spaces)."""
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    other = r"[^\p{L}\p{N}*]+" if keep_star else r"[^\p{L}\p{N}]+"
    return " " + regex.sub(other, " ", text).strip() + " "


@dataclass(frozen=True)
class _Keyword:
    code: str
    kind: str  # "strong" or "weak"
    pattern: regex.Pattern
    length: int  # of the folded phrase: longer phrases win overlaps
    first: str  # its first word (a match's first word is it, or it plus -s/-x, or starts with it)
    first_is_prefix: bool  # the first word ends with * in the file


@dataclass(frozen=True)
class _Found:
    code: str
    kind: str
    start: int
    end: int


def _keywords_found(folded: str) -> list[_Found]:
    """Each keyword found once; where phrases overlap the longest wins ("taxe d'aménagement"
    is taxation, and its "aménagement" must not also count as planning)."""
    candidates = []
    for keyword in _keywords_in(folded):
        m = keyword.pattern.search(folded)
        if m:
            candidates.append((keyword.length, _Found(keyword.code, keyword.kind, m.start(), m.end())))
    candidates.sort(key=lambda c: -c[0])
    taken: list[tuple[int, int]] = []
    kept: list[_Found] = []
    seen: set[tuple[str, str, int]] = set()
    for _, found in candidates:
        if any(found.start < end and start < found.end for start, end in taken):
            continue
        taken.append((found.start, found.end))
        key = (found.code, found.kind, found.start)
        if key not in seen:
            seen.add(key)
            kept.append(found)
    return kept


def _keywords_in(folded: str) -> list[_Keyword]:
    """The keywords whose first word is in the text, in the file's order: only those are
    worth their regex (hundreds of keywords, a few dozen words of them in a text)."""
    exact, prefixes = _keyword_index()
    words = set(folded.split())
    found = set()
    for word in words:
        for stem in (word, word[:-1]) if word[-1:] in ("s", "x") else (word,):
            found.update(exact.get(stem, ()))
    ordered = sorted(words)
    for prefix, keywords in prefixes.items():
        i = bisect_left(ordered, prefix)
        if i < len(ordered) and ordered[i].startswith(prefix):
            found.update(keywords)
    order = _keyword_order()
    return sorted(found, key=order.__getitem__)


@cache
def _keyword_index() -> tuple[dict[str, list[_Keyword]], dict[str, list[_Keyword]]]:
    exact: dict[str, list[_Keyword]] = {}
    prefixes: dict[str, list[_Keyword]] = {}
    for keyword in _compiled_keywords():
        table = prefixes if keyword.first_is_prefix else exact
        table.setdefault(keyword.first, []).append(keyword)
    return exact, prefixes


@cache
def _keyword_order() -> dict[_Keyword, int]:
    return {keyword: i for i, keyword in enumerate(_compiled_keywords())}


@cache
def _compiled_keywords() -> tuple[_Keyword, ...]:
    compiled = []
    for code, kinds in _keywords().items():
        for kind in _KEYWORD_KINDS:
            for phrase in kinds.get(kind) or []:
                folded = fold_for_matching(phrase, keep_star=True).strip()
                if not folded:
                    raise PatternError(f"matter.yaml -> keywords -> {code} -> {kind}: empty keyword")
                first = folded.split(" ")[0]
                compiled.append(_Keyword(code, kind, _phrase_pattern(folded), len(folded),
                                         first.rstrip("*"), first.endswith("*")))
    return tuple(compiled)


def _phrase_pattern(folded_phrase: str) -> regex.Pattern:
    """Whole words; each may take a plural -s/-x; a trailing * takes any ending."""
    parts = []
    for word in folded_phrase.split(" "):
        if word.endswith("*"):
            parts.append(regex.escape(word.rstrip("*")) + r"\w*")
        else:
            parts.append(regex.escape(word) + "[sx]?")
    return regex.compile(r"(?<= )" + " ".join(parts) + r"(?= )")


@cache
def _matter_data() -> dict:
    data = patterns.load("matter.yaml")
    unknown = set(data) - {"weights", "thematic", "labels", "keywords"}
    if unknown:
        raise PatternError(f"matter.yaml: unknown key(s) {sorted(unknown)}")
    return data


@cache
def _weights() -> dict[str, float]:
    weights = _matter_data().get("weights") or {}
    if set(weights) != _WEIGHT_KEYS:
        raise PatternError(f"matter.yaml -> weights: expected exactly {sorted(_WEIGHT_KEYS)}")
    for key, value in weights.items():
        if not isinstance(value, (int, float)):
            raise PatternError(f"matter.yaml -> weights -> {key}: expected a number")
    return weights


@cache
def _thematic_codes() -> frozenset[str]:
    """The level-2 codes whose score is scaled down (see matter.yaml -> weights)."""
    listed = [str(c) for c in _matter_data().get("thematic") or []]
    unknown = [c for c in listed if c not in classification()]
    if unknown:
        raise PatternError(f"matter.yaml -> thematic: code(s) not in the ACTES classification {unknown}")
    return frozenset(
        code for code in classification()
        if "." in code and (code in listed or code.split(".")[0] in listed)
    )


@cache
def _accented_labels() -> dict[str, str]:
    labels = {str(k): v for k, v in (_matter_data().get("labels") or {}).items()}
    unknown = set(labels) - set(classification())
    if unknown:
        raise PatternError(f"matter.yaml -> labels: code(s) not in the ACTES classification {sorted(unknown)}")
    return labels


@cache
def _keywords() -> dict[str, dict]:
    keywords = {str(k): v for k, v in (_matter_data().get("keywords") or {}).items()}
    for code, kinds in keywords.items():
        where = f"matter.yaml -> keywords -> {code}"
        if code not in classification() or "." not in code:
            raise PatternError(f"{where}: not a level-2 ACTES code")
        if not isinstance(kinds, dict) or set(kinds) - set(_KEYWORD_KINDS):
            raise PatternError(f"{where}: expected a mapping with keys {list(_KEYWORD_KINDS)}")
        for kind, phrases in kinds.items():
            if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
                raise PatternError(f"{where} -> {kind}: expected a list of strings")
    return keywords


def check_matter_patterns() -> None:
    """Load and compile everything in matter.yaml; raises PatternError naming what is wrong."""
    _weights()
    _thematic_codes()
    _accented_labels()
    _compiled_keywords()


def _clean_space(label: str | None) -> str:
    return regex.sub(r"\s+", " ", label or "").strip()


def _scdl_form(label: str) -> str:
    """Lower case, commas and parentheses dropped, spaces collapsed, none around a slash."""
    label = regex.sub(r"[(),]", " ", label.lower())
    label = regex.sub(r"\s*/\s*", "/", label)
    return regex.sub(r"\s+", " ", label).strip()
