"""The only reader of patterns/: load each YAML file once, check it, expand fragments, compile.

A pattern may name a fragment as {name}; fragments come from patterns/_common.yaml, from the
file's own `fragments:` key, and from the few built here from data (month names, number words,
dates). Regex repetition braces such as {1,3} are left alone.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import regex
import yaml

from .errors import PatternError

PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"

# Every file and the top-level keys it may hold (the template a data edit is checked against).
TEMPLATE = {
    "_common.yaml": {"fragments"},
    "months.yaml": {"months"},
    "numbers.yaml": {"units", "hundreds", "thousands", "millions", "billions", "joiners"},
    "bodies.yaml": {"bodies"},
    "authority.yaml": {"authority", "fragments"},
    "prefecture.yaml": {"stamp_start", "stamp_phrase", "actes_id", "received", "matter", "fragments"},
    "dates.yaml": {"session", "convocation", "time"},
    "identifiers.yaml": {"number", "internal_id"},
    "attendance.yaml": {"label_words", "labels", "links", "modifiers", "not_names", "fragments"},
    "counts.yaml": {"counts", "label_words", "table_labels", "fragments"},
    "vote.yaml": {"unanimous", "unanimous_not_after", "majority", "figures", "figure_words", "table", "outcomes", "fragments"},
    "amounts.yaml": {"currency", "scale", "tax", "per", "rate_after", "label_stop"},
    "sections.yaml": {"attendance", "report", "decision_words", "decision", "signature", "annex"},
    "title.yaml": {"labels", "stops", "max_length"},
    "people.yaml": {"president", "president_role", "signer", "secretary", "secretary_verb"},
    "decisions.yaml": {"visa_start", "visa_end", "verbs", "lower_verbs", "article", "budget", "budget_context"},
    "document.yaml": {"signals", "threshold", "register_header", "opening", "header"},
    "sitting.yaml": {"minutes", "vote_words", "list", "item_headings", "vote_line", "page_furniture", "vote_marker", "skip", "movements", "numbered_presence", "proxy_pair", "item_ref_words", "fragments"},
    "ocr.yaml": {"repairs"},
    "matter.yaml": None,  # owned by extractor.actes, which checks it itself
}

_FRAGMENT = regex.compile(r"\{([a-z_]+)\}")
FLAGS = regex.IGNORECASE | regex.UNICODE


@cache
def load(name: str) -> dict:
    """The parsed YAML of one patterns file, checked against TEMPLATE."""
    path = PATTERNS_DIR / name
    if name not in TEMPLATE:
        raise PatternError(f"{name}: not a known patterns file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PatternError(f"{name}: missing from {PATTERNS_DIR}") from None
    except yaml.YAMLError as exc:
        raise PatternError(f"{name}: invalid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise PatternError(f"{name}: must be a mapping at top level")
    allowed = TEMPLATE[name]
    if allowed is not None:
        unknown = set(data) - allowed
        if unknown:
            raise PatternError(f"{name}: unknown key(s) {sorted(unknown)}")
    return data


@cache
def _builtin_fragments() -> dict[str, str]:
    from . import french  # french builds its fragments from months.yaml and numbers.yaml

    return french.fragments()


def fragments_for(name: str) -> dict[str, str]:
    frags = dict(load("_common.yaml")["fragments"])
    frags.update(_builtin_fragments())
    frags.update(load(name).get("fragments") or {})
    return frags


def expand(pattern: str, fragments: dict[str, str], where: str = "?") -> str:
    for _ in range(8):  # fragments may use fragments; eight levels is far more than we nest
        expanded = _FRAGMENT.sub(lambda m: fragments.get(m.group(1), m.group(0)), pattern)
        if expanded == pattern:
            break
        pattern = expanded
    unknown = _FRAGMENT.findall(pattern)  # names only: repetitions such as {1,3} never match
    if unknown:
        raise PatternError(f"{where}: unknown fragment(s) {sorted(set(unknown))}")
    return pattern


@cache
def compiled(name: str, *keys: str | int, flags: int = FLAGS) -> regex.Pattern:
    """Compile the pattern at patterns/NAME -> keys; a list of patterns becomes one alternation."""
    value = load(name)
    where = name
    for key in keys:
        where += f" -> {key}"
        try:
            value = value[key]
        except (KeyError, IndexError, TypeError):
            raise PatternError(f"{where}: missing") from None
    if isinstance(value, list):
        source = "|".join(f"(?:{v})" for v in value)
    elif isinstance(value, str):
        source = value
    else:
        raise PatternError(f"{where}: expected a pattern or a list of patterns")
    return compile_source(source, name, where, flags)


@cache
def compile_source(source: str, name: str, where: str = "?", flags: int = FLAGS) -> regex.Pattern:
    source = expand(source, fragments_for(name), where)
    try:
        return regex.compile(source, flags)
    except regex.error as exc:
        raise PatternError(f"{where}: does not compile: {exc}") from None


@cache
def compiled_each(name: str, *keys: str) -> tuple[regex.Pattern, ...]:
    """Each pattern of a list compiled on its own, in order (when order means priority)."""
    value = load(name)
    for key in keys:
        value = value[key]
    return tuple(compile_source(v, name, f"{name} -> {'/'.join(keys)}[{i}]") for i, v in enumerate(value))


@cache
def compiled_map(name: str, *keys: str) -> dict[str, regex.Pattern]:
    """A mapping key -> one compiled alternation, keeping the file's order (its priority)."""
    value = load(name)
    for key in keys:
        value = value[key]
    return {str(k): compiled(name, *keys, k) for k in value}


@cache
def anchor(name: str, *keys: str):
    """A cheap pattern of lower-case words, compiled twice: case-sensitive for a lower-cased
    text, with the standard library's `re` where it can (a plain alternation of words runs
    about twice as fast there), and case-insensitive for a text whose lower case changes length."""
    fast = compiled(name, *keys, flags=regex.UNICODE)
    try:
        fast = re.compile(fast.pattern)
    except re.error:
        pass  # a construct only `regex` knows: keep it
    return fast, compiled(name, *keys)


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    low = text.lower()
    return low if len(low) == len(text) else None


def windows(near: tuple[regex.Pattern, regex.Pattern], text: str, start: int, end: int,
            before: int, after: int) -> list[tuple[int, int]]:
    """Stretches of text around each match of a cheap `anchor`, overlapping ones merged: a slow
    pattern (one that opens with a name or a figure) is then searched only where it can match."""
    low = _lowered(text)
    matches = near[0].finditer(low, start, end) if low is not None else near[1].finditer(text, start, end)
    found: list[tuple[int, int]] = []
    for m in matches:
        lo, hi = max(start, m.start() - before), min(end, m.end() + after)
        if found and lo <= found[-1][1]:
            found[-1] = (found[-1][0], hi)
        else:
            found.append((lo, hi))
    return found


def check_all() -> list[str]:
    """Load and compile every pattern of every file; returns the files checked."""
    from . import french

    french.fragments()
    checked = []
    for name, allowed in TEMPLATE.items():
        if allowed is None:
            continue
        data = load(name)
        _compile_tree(name, data, ())
        checked.append(name)
    return checked


_NOT_PATTERNS = {("numbers.yaml",), ("months.yaml",), ("document.yaml", "threshold"), ("title.yaml", "max_length")}


def _compile_tree(name, value, keys):
    if (name,) in _NOT_PATTERNS or (name, *keys[:1]) in _NOT_PATTERNS:
        return
    if keys and keys[-1] == "fragments":
        return
    if isinstance(value, dict):
        if "pattern" in value:
            compile_source(value["pattern"], name, f"{name} -> {'/'.join(map(str, keys))}")
            return
        for k, v in value.items():
            _compile_tree(name, v, (*keys, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _compile_tree(name, v, (*keys, i))
    elif isinstance(value, str):
        compile_source(value, name, f"{name} -> {'/'.join(map(str, keys))}")
