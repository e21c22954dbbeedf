"""Field family `body`, `body_raw`, `authority`: who deliberates, read in the header."""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns


def extract_body(text: str, start: int, end: int, skip=()):
    """-> (canonical body, as written, span). The first body key of patterns/bodies.yaml that
    matches wins: a Commission permanente "du Conseil départemental" is a commission permanente."""
    for body, pattern in patterns.compiled_map("bodies.yaml", "bodies").items():
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in skip):
                continue
            return body, regex.sub(r"\s+", " ", m.group(0)), m.span()
    return None, None, None


_TRAILING_NOISE = regex.compile(r"(?:\s+(?:(?-i:[\p{Lu}]{1,3})|[\p{Ll}]+))+$")


@cache
def _authority_patterns() -> tuple:
    """(word the header must hold or None, pattern), in the file's order."""
    found = []
    for i, entry in enumerate(patterns.load("authority.yaml")["authority"]):
        near, source = (entry.get("near"), entry["pattern"]) if isinstance(entry, dict) else (None, entry)
        found.append((near, patterns.compile_source(source, "authority.yaml", f"authority.yaml -> authority[{i}]")))
    return tuple(found)


def extract_authority(text: str, start: int, end: int, skip=()):
    """The collectivity named first in the header (a letterhead names it before any quote)."""
    best = None
    zone = text[start:end].lower()
    for near, pattern in _authority_patterns():
        if near and near not in zone:
            continue
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in skip):
                continue
            value = regex.sub(r"\s+", " ", m.group("value")).strip(" ,.-")
            value = regex.sub(r"\s+\((?:[^)]*)\)?$", "", value)
            if len(value) >= 3:
                if best is None or m.start("value") < best[1][0]:
                    best = (value, m.span("value"))
                break
    return best if best else (None, None)
