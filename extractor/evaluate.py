"""Score extracted records against hand-checked gold files (the rules of spec/GOLD.md).

    report = evaluate("corpus/dev", extract_file)
    print(format_report(report))

A gold file `NAME.gold.json` sits beside its document `NAME.txt` (`.md`, `.pdf`, an image ...).
Records are paired with gold objects by position (`source.index`); each field a gold object
gives is scored 0..1 by the rule of its kind (scalar, identifier, title, name, members,
amounts); the headline is the mean of every scored field of every gold record.
"""
from __future__ import annotations

import difflib
import json
import pickle
import re
import unicodedata
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, NamedTuple

GOLD_SUFFIX = ".gold.json"
# Earlier suffixes win when one stem has several documents (the text is what the gold was read from).
DOCUMENT_SUFFIXES = (".txt", ".md", ".pdf", ".png", ".jpg", ".tif", ".tiff")

TITLE_MIN_RATIO = 0.90

# Civility words, lower-cased, accents and trailing dot removed (GOLD.md: dropped from names).
CIVILITIES = frozenset({
    "m", "mm", "mme", "mmes", "mlle", "mlles", "monsieur", "messieurs", "madame", "mesdames",
    "mademoiselle", "mesdemoiselles", "mr", "mrs", "ms",
})

NAME_FIELDS = frozenset({"authority", "president", "secretary"})
IDENTIFIER_FIELDS = frozenset({"number", "internal_id"})

# The order fields are listed in the report; sub-fields follow their parent's known keys.
FIELD_ORDER = ("session_date", "number", "internal_id", "title", "body", "authority", "president",
               "members", "counts", "vote", "amounts")
SUBFIELD_ORDER = {
    "counts": ("in_office", "present", "represented", "absent", "voting", "quorum"),
    "vote": ("outcome", "unanimous", "for", "against", "abstain", "not_voting", "raw"),
}

_HYPHENS_AND_APOSTROPHES = re.compile(r"[-\u2010\u2011\u2012\u2013\u2014'\u2018\u2019\u02bc`]")
_NON_WORD = re.compile(r"[\W_]+")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


class GoldFormatError(ValueError):
    """A gold file that does not follow GOLD.md; scoring against it would be meaningless."""


# --------------------------------------------------------------------------- result types

@dataclass(frozen=True)
class FieldScore:
    record_index: int
    field: str
    score: float
    # members only: F1 on names alone, on name + status, on name + status + proxy
    member_f1: tuple[float, float, float] | None = None


@dataclass
class DocumentScore:
    document: str
    gold_records: int          # N: deliberations the document holds
    produced: int              # M: records the extractor returned
    fields: list[FieldScore] = field(default_factory=list)
    error: str | None = None   # the extractor's exception, when it failed

    @property
    def matched(self) -> int:
        """Segmentation true positives: records are paired by position."""
        return min(self.gold_records, self.produced)

    @property
    def mean(self) -> float | None:
        """Mean field score; None for a partial gold file that annotates no record."""
        if not self.fields:
            return None
        return sum(f.score for f in self.fields) / len(self.fields)

    def worst_fields(self, count: int = 3) -> list[tuple[str, float]]:
        """The fields scoring below 1, lowest first, averaged over the document's records."""
        per_field = _mean_by_field(self.fields)
        wrong = [(name, score) for name, (score, _) in per_field.items() if score < 1.0]
        wrong.sort(key=lambda item: (item[1], field_sort_key(item[0])))
        return wrong[:count]


class FieldSummary(NamedTuple):
    mean: float
    count: int


class MemberSummary(NamedTuple):
    names: float
    name_status: float
    name_status_proxy: float
    count: int


@dataclass(frozen=True)
class Segmentation:
    gold_records: int
    produced: int
    matched: int

    @property
    def precision(self) -> float:
        return _ratio(self.matched, self.produced, empty=1.0 if self.gold_records == 0 else 0.0)

    @property
    def recall(self) -> float:
        return _ratio(self.matched, self.gold_records, empty=1.0)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


@dataclass
class EvalReport:
    documents: list[DocumentScore]
    segmentation: Segmentation
    fields: dict[str, FieldSummary]
    members: MemberSummary | None
    headline: float
    failures: list[tuple[str, str]]     # (document, error message)
    warnings: list[str]


# --------------------------------------------------------------------------- gold files

def load_gold(path) -> tuple[int, list[tuple[int, dict]]]:
    """(deliberations in the document, [(0-based index, gold object)]) from a gold file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GoldFormatError(f"{path}: {error}") from error
    if isinstance(data, list):
        _check_objects(path, data)
        return len(data), list(enumerate(data))
    if isinstance(data, dict):
        return _load_partial_gold(path, data)
    raise GoldFormatError(f"{path}: expected a list or an object with 'deliberations' and 'records'")


def _load_partial_gold(path: Path, data: dict) -> tuple[int, list[tuple[int, dict]]]:
    count = data.get("deliberations")
    records = data.get("records", [])
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise GoldFormatError(f"{path}: 'deliberations' must be a non-negative integer")
    if not isinstance(records, list):
        raise GoldFormatError(f"{path}: 'records' must be a list")
    _check_objects(path, records)
    indexed, seen = [], set()
    for record in records:
        index = record.get("index")
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < count:
            raise GoldFormatError(f"{path}: record index {index!r} outside 0..{count - 1}")
        if index in seen:
            raise GoldFormatError(f"{path}: record index {index} given twice")
        seen.add(index)
        indexed.append((index, {key: value for key, value in record.items() if key != "index"}))
    return count, sorted(indexed, key=lambda item: item[0])


def _check_objects(path: Path, items: list) -> None:
    if not all(isinstance(item, dict) for item in items):
        raise GoldFormatError(f"{path}: every gold record must be an object")


# --------------------------------------------------------------------------- documents

def score_document(gold_path, records: list[dict], *, document: str | None = None,
                   error: str | None = None) -> DocumentScore:
    """Score one document's records against its gold file."""
    count, gold = load_gold(gold_path)
    name = document or Path(gold_path).name[: -len(GOLD_SUFFIX)]
    return score_records(count, gold, records, document=name, error=error)


def score_records(gold_count: int, gold: list[tuple[int, dict]], records: list[dict], *,
                  document: str = "", error: str | None = None) -> DocumentScore:
    """Score records against already loaded gold (see load_gold)."""
    by_index = _records_by_index(records)
    scores = []
    for index, gold_record in gold:
        scores.extend(score_record(index, gold_record, by_index.get(index)))
    return DocumentScore(document, gold_count, len(records), scores, error)


def _records_by_index(records: list[dict]) -> dict[int, dict]:
    """source.index -> record; a record without one takes its position (first one wins)."""
    by_index: dict[int, dict] = {}
    for position, record in enumerate(records):
        source = record.get("source") if isinstance(record, dict) else None
        index = source.get("index") if isinstance(source, dict) else None
        if not isinstance(index, int) or isinstance(index, bool):
            index = position
        by_index.setdefault(index, record)
    return by_index


def score_record(index: int, gold: dict, record: dict | None) -> list[FieldScore]:
    """One FieldScore per field the gold object gives; a missing record scores 0 everywhere."""
    scores = []
    for name, gold_value, output in _scored_fields(gold, record or {}):
        if record is None:
            member_f1 = (0.0, 0.0, 0.0) if name == "members" else None
            scores.append(FieldScore(index, name, 0.0, member_f1))
        elif name == "members":
            member_f1 = score_members(gold_value, output)
            scores.append(FieldScore(index, name, member_f1[2], member_f1))
        else:
            scores.append(FieldScore(index, name, score_field(name, gold_value, output)))
    return scores


def _scored_fields(gold: dict, record: dict):
    """(field name, gold value, output value); gold objects (counts, vote) are scored key by key."""
    for name, gold_value in gold.items():
        output = record.get(name)
        if isinstance(gold_value, dict) and name not in NAME_FIELDS:
            output = output if isinstance(output, dict) else {}
            for key, sub_value in gold_value.items():
                yield f"{name}.{key}", sub_value, output.get(key)
        else:
            yield name, gold_value, output


# --------------------------------------------------------------------------- field rules

def score_field(name: str, gold: Any, output: Any) -> float:
    """Score of one non-member field: 1/0, or F1 for amounts."""
    if name == "amounts":
        return score_amounts(gold, output)
    if name == "title":
        return float(titles_match(gold, output))
    if name in NAME_FIELDS:
        return float(names_match(_person_name(gold), _person_name(output)))
    if name in IDENTIFIER_FIELDS:
        return float(identifiers_match(gold, output))
    return float(scalars_match(gold, output))


def scalars_match(gold: Any, output: Any) -> bool:
    """Equal after trimming; numbers as numbers, booleans only equal booleans; null needs null."""
    if gold is None:
        # a gold `counts: null` is met by a record whose counts object holds only nulls
        return output is None or (isinstance(output, dict) and all(v is None for v in output.values()))
    if output is None:
        return False
    if isinstance(gold, bool) or isinstance(output, bool):
        # True == 1 in Python, but a boolean field answered with a count is wrong.
        return isinstance(gold, bool) and isinstance(output, bool) and gold == output
    if _is_number(gold) or _is_number(output):
        gold_number, output_number = _as_decimal(gold), _as_decimal(output)
        return gold_number is not None and gold_number == output_number
    if isinstance(gold, str) and isinstance(output, str):
        return gold.strip() == output.strip()
    return gold == output


def identifiers_match(gold: Any, output: Any) -> bool:
    """number / internal_id: as scalars, ignoring case and markdown escapes (CP2016\\_10)."""
    if gold is None or output is None:
        return gold is None and output is None
    return _identifier_key(gold) == _identifier_key(output)


def _identifier_key(value: Any) -> str:
    return _MARKDOWN_ESCAPE.sub(r"\1", str(value)).strip().casefold()


def titles_match(gold: str | None, output: str | None) -> bool:
    """Right when the normalised titles' difflib ratio reaches TITLE_MIN_RATIO."""
    if gold is None or output is None:
        return gold is None and output is None
    return title_similarity(gold, output) >= TITLE_MIN_RATIO


def title_similarity(first: str, second: str) -> float:
    # autojunk off: on titles over 200 characters it would ignore frequent letters and spaces.
    matcher = difflib.SequenceMatcher(None, normalize_title(first), normalize_title(second), autojunk=False)
    return matcher.ratio()


def normalize_title(title: str) -> str:
    """Lower-cased, accents removed, punctuation removed, spaces collapsed."""
    # Punctuation becomes a space rather than nothing, so "TARN-ET-GARONNE" and "Tarn et Garonne"
    # (or OCR's "l 'EPT" and "l'EPT") normalise alike.
    text = _NON_WORD.sub(" ", _strip_accents(str(title)).lower())
    return " ".join(text.split())


def name_words(name: str | None) -> tuple[str, ...]:
    """A name's words: civilities dropped, accents removed, lower-cased, - and ' as spaces."""
    if name is None:
        return ()
    text = _HYPHENS_AND_APOSTROPHES.sub(" ", _strip_accents(str(name)).lower())
    words = []
    for token in text.split():
        if token.rstrip(".") in CIVILITIES:
            continue
        word = _NON_WORD.sub("", token)   # initials' dots, stray commas and brackets
        if word:
            words.append(word)
    return tuple(words)


def names_match(gold: str | None, output: str | None) -> bool:
    """One side's words all among the other's (BAYLET matches Jean-Michel BAYLET); null needs null."""
    if gold is None or output is None:
        return gold is None and output is None
    return _words_match(name_words(gold), name_words(output))


def _words_match(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    if not first or not second:
        # an empty name (a civility alone) would otherwise be a subset of every name
        return not first and not second
    first_set, second_set = set(first), set(second)
    return first_set <= second_set or second_set <= first_set


def _person_name(value: Any) -> str | None:
    """A record's person is an object; gold gives the name as a string."""
    if isinstance(value, dict):
        return value.get("name")
    return value


# --------------------------------------------------------------------------- members

def score_members(gold: list | None, output: list | None) -> tuple[float, float, float]:
    """F1 on names alone, on name + status, on name + status + proxy."""
    gold, output = list(gold or []), [m for m in (output or []) if isinstance(m, dict)]
    pairs = pair_members(gold, output)
    same_status = [(g, o) for g, o in pairs if _same_status(g, o)]
    same_proxy = [(g, o) for g, o in same_status if names_match(g.get("proxy"), o.get("proxy"))]
    return tuple(_set_f1(len(matched), len(gold), len(output)) for matched in (pairs, same_status, same_proxy))


def pair_members(gold: list[dict], output: list[dict]) -> list[tuple[dict, dict]]:
    """Pair members one to one by name: exact normalised names first, then subset matches."""
    gold_words = [name_words(member.get("name")) for member in gold]
    output_words = [name_words(member.get("name")) for member in output]
    used_gold, used_output, pairs = set(), set(), []
    # Exact pairs first, so that "MARTIN" does not take the output "Paul MARTIN" meant for the
    # gold "Paul MARTIN" before the gold "MARTIN" gets its own output "MARTIN".
    for same in (_same_words, _words_match):
        for g_index, g_words in enumerate(gold_words):
            if g_index in used_gold:
                continue
            for o_index, o_words in enumerate(output_words):
                if o_index not in used_output and same(g_words, o_words):
                    used_gold.add(g_index)
                    used_output.add(o_index)
                    pairs.append((gold[g_index], output[o_index]))
                    break
    return pairs


def _same_words(first: tuple[str, ...], second: tuple[str, ...]) -> bool:
    """Exact normalised equality, word order aside (DUPONT Jean is Jean DUPONT)."""
    return bool(first) and sorted(first) == sorted(second)


def _same_status(gold: dict, output: dict) -> bool:
    return scalars_match(gold.get("status"), output.get("status"))


# --------------------------------------------------------------------------- amounts

def score_amounts(gold: list | None, output: list | None) -> float:
    """F1 of the two multisets of decimal values ("9395" == "9395.00"); both empty => 1."""
    gold_values = Counter(_amount_key(value) for value in (gold or []))
    output_values = Counter(_amount_key(value) for value in (output or []))
    matched = sum((gold_values & output_values).values())
    return _set_f1(matched, sum(gold_values.values()), sum(output_values.values()))


def _amount_key(amount: Any) -> Decimal | str:
    """The decimal value of a gold string or a record's amount object; unreadable stays a string."""
    value = amount.get("value") if isinstance(amount, dict) else amount
    number = _as_decimal(value)
    # Equal Decimals hash alike whatever their exponent, so Counter pairs 9395 with 9395.00.
    return number if number is not None else f"unreadable:{value!r}"


# --------------------------------------------------------------------------- the corpus

def evaluate(directory, extract_file: Callable[[Path], list[dict]], *, workers: int | None = None,
             recursive: bool = False) -> EvalReport:
    """Run extract_file on every document of `directory` that has a gold file, and score it.

    workers > 1 extracts in a process pool; extract_file must then be a module-level function.
    An exception while extracting a document counts as zero records and is listed in failures.
    """
    documents, warnings = find_documents(directory, recursive=recursive)
    root = Path(directory)
    # Gold is read before extracting, so a broken gold file stops the run at once.
    gold = {document: load_gold(gold_path) for document, gold_path in documents}
    paths = [document for document, _ in documents]
    scores, failures = [], []
    for path, (records, error) in zip(paths, _extract_all(extract_file, paths, workers)):
        name = path.relative_to(root).as_posix()
        count, gold_records = gold[path]
        scores.append(score_records(count, gold_records, records, document=name, error=error))
        if error is not None:
            failures.append((name, error))
    return build_report(scores, failures, warnings)


def find_documents(directory, *, recursive: bool = False) -> tuple[list[tuple[Path, Path]], list[str]]:
    """Sorted (document, gold file) pairs, and warnings for gold files without one document."""
    root = Path(directory)
    files = sorted(path for path in (root.rglob("*") if recursive else root.iterdir()) if path.is_file())
    documents_by_stem: dict[tuple[Path, str], dict[str, Path]] = {}
    for path in files:
        if path.suffix.lower() in DOCUMENT_SUFFIXES:
            documents_by_stem.setdefault((path.parent, path.stem), {})[path.suffix.lower()] = path
    pairs, warnings = [], []
    for gold_path in (path for path in files if path.name.endswith(GOLD_SUFFIX)):
        by_suffix = documents_by_stem.get((gold_path.parent, gold_path.name[: -len(GOLD_SUFFIX)]), {})
        candidates = [by_suffix[suffix] for suffix in DOCUMENT_SUFFIXES if suffix in by_suffix]
        if not candidates:
            warnings.append(f"gold file without a document: {gold_path.relative_to(root).as_posix()}")
            continue
        if len(candidates) > 1:
            others = ", ".join(path.name for path in candidates[1:])
            warnings.append(f"several documents for {gold_path.name}: scored {candidates[0].name}, not {others}")
        pairs.append((candidates[0], gold_path))
    pairs.sort(key=lambda pair: pair[0])
    return pairs, warnings


def _extract_all(extract_file, paths: list[Path], workers: int | None):
    """(records, error message or None) for each path, in the order given."""
    if not workers or workers <= 1 or len(paths) <= 1:
        return [extract_safely(extract_file, path) for path in paths]
    try:
        pickle.dumps(extract_file)
    except Exception as error:
        raise TypeError("evaluate(workers > 1) needs a module-level extract function") from error
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(extract_safely, [extract_file] * len(paths), paths))


def extract_safely(extract_file, path: Path) -> tuple[list[dict], str | None]:
    """Module level so the process pool can run it; the error travels back as text."""
    try:
        return list(extract_file(path)), None
    except Exception as error:  # any extractor failure is scored, not raised
        first_line = next(iter(str(error).strip().splitlines()), "")
        return [], f"{type(error).__name__}: {first_line}" if first_line else type(error).__name__


def build_report(documents: list[DocumentScore], failures: list[tuple[str, str]] | None = None,
                 warnings: list[str] | None = None) -> EvalReport:
    """Corpus figures from per-document scores."""
    all_fields = [score for document in documents for score in document.fields]
    segmentation = Segmentation(sum(d.gold_records for d in documents), sum(d.produced for d in documents),
                                sum(d.matched for d in documents))
    headline = sum(s.score for s in all_fields) / len(all_fields) if all_fields else 0.0
    return EvalReport(documents=documents, segmentation=segmentation, fields=_mean_by_field(all_fields),
                      members=_member_summary(all_fields), headline=headline,
                      failures=list(failures or []), warnings=list(warnings or []))


def _mean_by_field(scores: list[FieldScore]) -> dict[str, FieldSummary]:
    grouped: dict[str, list[float]] = {}
    for score in scores:
        grouped.setdefault(score.field, []).append(score.score)
    ordered = sorted(grouped, key=field_sort_key)
    return {name: FieldSummary(sum(grouped[name]) / len(grouped[name]), len(grouped[name])) for name in ordered}


def _member_summary(scores: list[FieldScore]) -> MemberSummary | None:
    member_f1 = [score.member_f1 for score in scores if score.member_f1 is not None]
    if not member_f1:
        return None
    means = [sum(values) / len(member_f1) for values in zip(*member_f1)]
    return MemberSummary(*means, count=len(member_f1))


def field_sort_key(name: str) -> tuple:
    """Report order: FIELD_ORDER, known sub-fields in theirs, anything else alphabetically after."""
    parent, _, child = name.partition(".")
    parent_rank = FIELD_ORDER.index(parent) if parent in FIELD_ORDER else len(FIELD_ORDER)
    known = SUBFIELD_ORDER.get(parent, ())
    child_rank = known.index(child) if child in known else len(known)
    return (parent_rank, parent if parent_rank == len(FIELD_ORDER) else "", child_rank, child)


# --------------------------------------------------------------------------- the report

def format_report(report: EvalReport, worst: int = 5) -> str:
    """Plain-text report; it ends with the segmentation line and `headline: 0.xxx`."""
    lines = _field_table(report)
    lines += _worst_documents(report, worst)
    if report.failures:
        lines += ["", "failed documents (scored as zero records):"]
        lines += [f"  {document}: {message}" for document, message in report.failures]
    if report.warnings:
        lines += ["", "warnings:"] + [f"  {warning}" for warning in report.warnings]
    seg = report.segmentation
    lines += ["", f"segmentation: gold {seg.gold_records}, produced {seg.produced}, "
                  f"precision {seg.precision:.3f}, recall {seg.recall:.3f}, F1 {seg.f1:.3f}",
              f"headline: {report.headline:.3f}"]
    return "\n".join(lines)


def _field_table(report: EvalReport) -> list[str]:
    width = max([len("field")] + [len(name) for name in report.fields])
    lines = [f"{'field':<{width}}  {'n':>4}  score", f"{'-' * width}  ----  -----"]
    for name, (mean, count) in report.fields.items():
        line = f"{name:<{width}}  {count:>4}  {mean:.3f}"
        if name == "members" and report.members is not None:
            m = report.members
            line += f"  (names {m.names:.3f}, +status {m.name_status:.3f}, +proxy {m.name_status_proxy:.3f})"
        lines.append(line)
    return lines


def _worst_documents(report: EvalReport, worst: int) -> list[str]:
    scored = [document for document in report.documents if document.mean is not None]
    scored.sort(key=lambda document: (document.mean, document.document))
    if worst <= 0 or not scored:
        return []
    lines = ["", "worst documents (mean field score, records gold/produced, worst fields):"]
    for document in scored[:worst]:
        fields = ", ".join(f"{name} {score:.2f}" for name, score in document.worst_fields(3)) or "all right"
        lines.append(f"  {document.mean:.3f}  {document.document}  "
                     f"[{document.gold_records}/{document.produced}]  {fields}")
    return lines


# --------------------------------------------------------------------------- small helpers

def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _as_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _ratio(numerator: int, denominator: int, *, empty: float) -> float:
    return numerator / denominator if denominator else empty


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _set_f1(matched: int, gold_size: int, output_size: int) -> float:
    """F1 of a matching between two collections; two empty collections agree fully."""
    if gold_size == 0 and output_size == 0:
        return 1.0
    return _f1(_ratio(matched, output_size, empty=0.0), _ratio(matched, gold_size, empty=0.0))
