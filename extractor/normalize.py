"""Stage `normalize`: raw text -> the text every pattern reads, keeping the way back.

requires: RawDocument.text      assigns: Document(text, raw_index)

Each rewrite is small and conservative (spaces, quotes, dashes, ligatures, hyphenation at
line ends, OCR spaces inside dates). raw_index[i] is the offset in the raw text of text[i],
like pdfplumber's TextMap, so a page is looked up, never guessed.
"""
from __future__ import annotations

from functools import cache

import regex

from . import patterns
from .model import Document, RawDocument

# One character for another, so offsets do not move.
_CHAR_MAP = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u200a": " ", "\t": " ", "\u3000": " ", "\r": "\n", "\f": "\n", "\u2028": "\n", "\v": "\n",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "\u0060": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-", "\u2015": "-",
    "\u00ad": "-",
})

_LIGATURES = {"\u0153": "oe", "\u0152": "OE", "\u00e6": "ae", "\u00c6": "AE", "\ufb01": "fi", "\ufb02": "fl",
              "\ufb00": "ff", "\ufb03": "ffi", "\ufb04": "ffl"}

_NUMBER_WORDS = ("(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
                 "vingts?|trente|quarante|cinquante|soixante|cents?|mille|mil|et)")

_URL_BEFORE = regex.compile(r"https?://\S*$", regex.I)

# (pattern, replacement): applied in order; a replacement of another length maps its
# characters to the start of the text it replaced.
_REWRITES = [
    (regex.compile("|".join(_LIGATURES)), lambda m: _LIGATURES[m.group(0)]),
    # a URL glued to the first word of the text ("...pdfEnvoyé"): put a space back
    (regex.compile(r"\.pdf(?=\p{L})", regex.I), lambda m: m.group(0) + " " if _URL_BEFORE.search(m.string, max(0, m.start() - 300), m.start()) else m.group(0)),
    # hyphenation at a line end: "munici-\npal" -> "municipal"; "BESSE-\nMOULIN" keeps its hyphen
    (regex.compile(r"(?<=\p{Ll})-[ ]*\n[ ]*(?=\p{Ll})"), lambda m: ""),
    (regex.compile(r"(?<=\p{L})-[ ]*\n[ ]*(?=\p{Lu})"), lambda m: "-"),
    # a number word's hyphen followed by an OCR space keeps its hyphen: "vingt- trois" -> "vingt-trois"
    (regex.compile(r"(?<=\b" + _NUMBER_WORDS + r")- (?=" + _NUMBER_WORDS + r"\b)", regex.I), lambda m: "-"),
    # the same break flattened to a space by an earlier tool: "novem- bre", "munici- pal"
    (regex.compile(r"(?<=\b\p{Ll}{3,})- (?=\p{Ll}{2,}\b)"), lambda m: ""),
    (regex.compile(r"(?<=\b\p{Lu}[\p{L}]+)- (?=\p{Lu}[\p{L}]+)"), lambda m: "-"),
    # OCR spaces inside a date or a number group: "2023- 01", "23 /02/ 2023"
    # (\K: the figures before are matched forwards, which is fast, and left out of the match)
    (regex.compile(r"\b\d{1,4}\K\s?([/\-])\s(?=\d{1,4}\b)|\b\d{1,4}\K\s([/\-])\s?(?=\d{1,4}\b)"), lambda m: (m.group(1) or m.group(2))),
    # runs of spaces
    (regex.compile(r" {2,}"), lambda m: " "),
    (regex.compile(r" +\n"), lambda m: "\n"),
    (regex.compile(r"\n{3,}"), lambda m: "\n\n"),
]


def normalize(raw: RawDocument) -> Document:
    text = raw.text.translate(_CHAR_MAP)
    index = list(range(len(text)))
    for pattern, replace in _REWRITES:
        text, index = _rewrite(text, index, pattern, replace)
    repairs: list[tuple[int, str, str, str]] = []  # (offset in raw.text, read, repaired, why)
    for pattern, replace, why in _ocr_repairs():
        before = index

        def noted(m, replace=replace, why=why, before=before):
            new = replace(m)
            if new != m.group(0):
                repairs.append((before[m.start()] if m.start() < len(before) else len(raw.text), m.group(0), new, why))
            return new

        text, index = _rewrite(text, index, pattern, noted)
    return Document(raw=raw, text=text, raw_index=index, repairs=sorted(repairs))


@cache
def _ocr_repairs():
    """patterns/ocr.yaml as (pattern, replacement function, why)."""
    found = []
    for i, repair in enumerate(patterns.load("ocr.yaml")["repairs"]):
        pattern = patterns.compile_source(repair["pattern"], "ocr.yaml", f"ocr.yaml -> repairs[{i}]", flags=regex.UNICODE)
        if "nearest" in repair:
            words = _vocabulary(repair["nearest"])
            found.append((pattern, lambda m, words=words: _nearest(m.group(0), words), repair["what"]))
        elif "translate" in repair:
            table = str.maketrans(repair["translate"])
            found.append((pattern, lambda m, table=table: m.group(0).translate(table), repair["what"]))
        else:
            found.append((pattern, lambda m, new=repair["replace"]: new, repair["what"]))
    return tuple(found)


@cache
def _vocabulary(name: str) -> tuple[str, ...]:
    """The words a `nearest` repair may put back: "months" is every month's printed name (months.yaml)."""
    if name != "months":
        raise ValueError(f"ocr.yaml: unknown vocabulary {name!r}")
    return tuple(dict.fromkeys(str(spelled).lower() for spellings in patterns.load("months.yaml")["months"].values()
                               for spelled in spellings if len(str(spelled)) >= 4 and "-" not in str(spelled)))


def _nearest(word: str, vocabulary: tuple[str, ...]) -> str:
    """`word` when it is in `vocabulary` or near none of it; else the one word it is one edit from
    (two for words of 7 letters or more), in the case it was printed in."""
    low = word.lower()
    if low in vocabulary:
        return word
    reach = 2 if len(low) >= 7 else 1
    near = {v for v in vocabulary if abs(len(v) - len(low)) <= reach and _distance(low, v) <= reach}
    near = {v for v in near if _distance(low, v) == min(_distance(low, n) for n in near)}
    if len(near) != 1:
        return word  # no month, or two as near: no guess
    found = near.pop()
    return found.upper() if word.isupper() else found.capitalize() if word[:1].isupper() else found


def _distance(a: str, b: str) -> int:
    """Levenshtein distance of two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def normalize_text(text: str) -> str:
    """The normalised form of a snippet (for tests and for patterns written by hand)."""
    from .read import read_string

    return normalize(read_string(text)).text


def _rewrite(text: str, index: list[int], pattern, replace):
    pieces, new_index, last = [], [], 0
    for m in pattern.finditer(text):
        start, end = m.span()
        repl = replace(m)
        if repl == m.group(0):
            continue
        pieces.append(text[last:start])
        new_index.extend(index[last:start])
        pieces.append(repl)
        if len(repl) == end - start:
            new_index.extend(index[start:end])
        else:
            anchor = index[start] if start < len(index) else (index[-1] + 1 if index else 0)
            new_index.extend([anchor] * len(repl))
        last = end
    if last == 0:
        return text, index
    pieces.append(text[last:])
    new_index.extend(index[last:])
    return "".join(pieces), new_index
