"""Field family `title` (the objet): one line, whitespace collapsed, case as printed.

Find: a label ("Objet :", "Délibération n° X -"), else the text after a standalone number,
else the upper-case heading after the attendance part. Choose: the first candidate that is
not empty once cut at the next sentence's opening words (patterns/title.yaml `stops`).
"""
from __future__ import annotations

from functools import cache

import regex

from .. import patterns

_UPPER_TOKEN = regex.compile(r"(?:[\p{Lu}\d][\p{Lu}\d'’\-.,:()/&]*|[-–—:,'/&()]|[àÀ]|d'|l'|D'|L')$")
_WORD = regex.compile(r"\S+")
_REGISTER = regex.compile(r"extrait\s+d[ue]s?\s+registre|registre\s+des\s+d[ée]lib[ée]rations", regex.I)

_LETTER = regex.compile(r"\p{L}")


@cache
def _header_words():
    return patterns.compiled("document.yaml", "header")


@cache
def _stops():
    return patterns.compiled("title.yaml", "stops", flags=regex.UNICODE)  # case matters: "Le Conseil" opens a sentence, "du conseil" does not


def _max_length() -> int:
    return int(patterns.load("title.yaml")["max_length"])


def clean_title(raw: str) -> str | None:
    title = regex.sub(r"\s+", " ", raw).strip(" .,;:-_\"'|[]")
    title = regex.sub(r"^[\-–—•*]\s*", "", title)
    if len(_LETTER.findall(title)) < 4:
        return None
    return title


def cut_at_stop(text: str, start: int, end: int) -> int:
    limit = min(end, start + _max_length())
    stop = _stops().search(text, start + 3, limit)
    return stop.start() if stop else limit


def extract_title(text: str, start: int, end: int, skip=(), after_number: int | None = None,
                  heading_from: int | None = None):
    """-> (title, span). start/end bound the search (header to decision)."""
    for pattern in patterns.compiled_each("title.yaml", "labels"):
        for m in pattern.finditer(text, start, end):
            if any(s <= m.start() < e for s, e in skip):
                continue
            found = _take(text, m.end(), end)
            if found:
                return found
    if after_number is not None:
        found = _take(text, after_number, end)
        if found and not _header_words().match(found[0]) and not _REGISTER.search(found[0]) and (_mostly_upper(found[0]) or len(found[0]) > 15):
            return found
    if heading_from is not None:
        found = _upper_heading(text, heading_from, end, skip)
        if found:
            return found
    return None, None


def _take(text, begin, end):
    while begin < end and text[begin] in " \n-:–—_.":
        begin += 1
    if _stops().match(text, max(0, begin - 1)) or _header_words().match(text, begin):
        return None  # the next part starts at once: there is no title here
    stop = cut_at_stop(text, begin, end)
    title = clean_title(text[begin:stop])
    if not title:
        return None
    return title, (begin, begin + len(text[begin:stop].rstrip(" .,;:-_\n")))


def _mostly_upper(title: str) -> bool:
    letters = regex.findall(r"\p{L}", title)
    return bool(letters) and sum(1 for c in letters if c.isupper()) / len(letters) > 0.7


def _upper_heading(text, begin, end, skip):
    """The first run of three or more upper-case words after `begin`."""
    run = []
    for m in _WORD.finditer(text, begin, min(end, begin + 3000)):
        if any(s <= m.start() < e for s, e in skip) or _header_words().match(text, m.start()):
            if len(run) >= 3:
                break
            run = []
            continue
        if _UPPER_TOKEN.match(m.group(0)) and (_LETTER.search(m.group(0)) or run):
            run.append(m)
            continue
        if len(run) >= 3 and sum(len(r.group(0)) for r in run) >= 15:
            break
        run = []
    if len(run) >= 3:
        s, e = run[0].start(), run[-1].end()
        title = clean_title(text[s:e])
        if title:
            return title, (s, e)
    return None
