"""The SCDL *Délibérations* open-data file (schema.data.gouv.fr scdl/deliberations 2.1.5):
records -> scdl.csv, and the checks of such a file.

Export: to_scdl_rows() / write_scdl() fill the 17 columns from the records and never invent a
value. COLL_NOM and COLL_SIRET come from the user only (--authority, --siret for the whole run,
or a settings file naming each collectivity: extractor/settings.py); when absent they stay
empty and a warning says so, offering as a hint the names the documents print and the SIREN
read in the prefecture ids (`082-218200798-...`), which is not a SIRET and is never written.
write_scdl() streams: scdl.csv receives the rows that have every required value, and
scdl-rejected.csv the others, with the missing columns and the record's source named; one
warning line per left-out record (with the SIREN hint when COLL_SIRET is unknown) and a count.
Votes: VOTE_POUR/CONTRE/ABSTENTION are the printed figures; a unanimous vote with a known number
of voters gives POUR = REEL = voters minus printed abstentions, CONTRE = 0; VOTE_REEL = POUR +
CONTRE + ABSTENTION (who does not take part is out); VOTE_EFFECTIF = counts.voting, else
present + represented, else in_office. The five vote columns are all filled or all empty (a
custom check of the schema), so a missing or contradictory figure empties them, with a warning.
PREF_ID is "PREF" + the department that opens the prefecture id (the departmental prefecture,
which receives ACTES transmissions); PREF_DATE is dropped, with a warning, when it precedes
DELIB_DATE. BUDGET_ANNEE, BUDGET_NOM and DELIB_URL are not in the records and stay empty.

Warnings start with a stable code (`scdl_coll_siret_missing: ...`). They go to `on_warning`
when given, else through Python's warnings module (category ScdlWarning).

Validation: validate_scdl() runs frictionless against the bundled schema (columns matched by
name) and adds what frictionless does not do: the order and the extra columns of the header, the
schema's `custom_checks` (SIRET checksum, year interval, cohesive columns, column comparisons,
vote sum, ACTES name), and the agreement of DELIB_MATIERE_CODE with DELIB_MATIERE_NOM that the
schema's description asks for.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import operator
import re
import warnings as _warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .. import actes
from .atomic import atomic_open

SCHEMA_PATH = Path(__file__).resolve().parent / "scdl-deliberations-2.1.5.schema.json"
SCDL_FILENAME = "scdl.csv"
REJECTED_FILENAME = "scdl-rejected.csv"
SCDL_COLUMNS = (
    "COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
    "DELIB_OBJET", "BUDGET_ANNEE", "BUDGET_NOM", "PREF_ID", "PREF_DATE", "VOTE_EFFECTIF", "VOTE_REEL",
    "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION", "DELIB_URL",
)
REQUIRED_COLUMNS = ("COLL_NOM", "COLL_SIRET", "DELIB_ID", "DELIB_DATE", "DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM",
                    "DELIB_OBJET")
VOTE_COLUMNS = ("VOTE_EFFECTIF", "VOTE_REEL", "VOTE_POUR", "VOTE_CONTRE", "VOTE_ABSTENTION")
_NO_VOTE_OUTCOMES = {"noted", "withdrawn", "deferred"}
# ACTES id: department, SIREN, date, the act's own number, nature (DE = délibération ...)
_ACTES_ID = re.compile(r"^(?P<dept>\d{2}[\dAB])-(?P<siren>\d{9})-(?P<date>\d{8})-(?P<act>.+)-(?P<nature>[A-Z]{2})$")
# La Poste's establishments share one SIREN and follow their own checksum rule (INSEE).
_LA_POSTE_SIREN = "356000000"


class ScdlWarning(UserWarning):
    """Something the SCDL file could not say, or said without a value the schema requires."""


@dataclass
class ScdlExport:
    rows: list[dict]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an SCDL file: row is the 1-based data row (None for the whole file)."""

    row: int | None
    column: str | None
    message: str
    check: str = "schema"

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row is not None else "file"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


# --- export ---------------------------------------------------------------------------------

def build_scdl(records: Iterable[dict], *, coll_nom: str | None = None, coll_siret: str | None = None,
               settings=None) -> ScdlExport:
    """The SCDL rows of the records (complete or not), and the warnings met on the way."""
    export = ScdlExport(rows=[])
    hints = _Hints()
    for row, notes, _ in _iter_rows(records, coll_nom, coll_siret, settings, hints):
        if row is not None:
            export.rows.append(row)
        export.warnings.extend(notes)
    export.warnings[:0] = hints.missing_collectivity()
    return export


def to_scdl_rows(records: Iterable[dict], *, coll_nom: str | None = None, coll_siret: str | None = None,
                 settings=None, on_warning: Callable[[str], None] | None = None) -> list[dict]:
    """One dict per deliberation, keys in SCDL_COLUMNS order; None for an empty cell."""
    export = build_scdl(records, coll_nom=coll_nom, coll_siret=coll_siret, settings=settings)
    _emit(export.warnings, on_warning)
    return export.rows


def write_scdl(records: Iterable[dict], out_dir, *, coll_nom: str | None = None, coll_siret: str | None = None,
               settings=None, on_warning: Callable[[str], None] | None = None) -> Path:
    """Write OUT_DIR/scdl.csv (UTF-8, comma, ISO dates) atomically, row by row as the records
    come (any iterable, never held whole); returns its path. A row missing a value the schema
    requires (COLL_SIRET, a date, a title...) would make the file invalid: it goes to
    OUT_DIR/scdl-rejected.csv instead, with the missing columns and the record's source named,
    so a publisher can complete it and nothing is lost. Each left-out record gets one warning
    line with its reasons (and, when COLL_SIRET is unknown, the SIREN of its prefecture id as a
    hint); a last line counts them."""
    out_dir = Path(out_dir)
    path, rejected_path = out_dir / SCDL_FILENAME, out_dir / REJECTED_FILENAME
    hints = _Hints()
    written = rejected = skipped = 0
    with atomic_open(path, "w", encoding="utf-8", newline="") as good, \
            atomic_open(rejected_path, "w", encoding="utf-8", newline="") as bad:
        good_writer, bad_writer = csv.writer(good), csv.writer(bad)
        good_writer.writerow(SCDL_COLUMNS)
        bad_writer.writerow(SCDL_COLUMNS + ("MISSING", "SOURCE"))
        for row, notes, _, record in _iter_rows(records, coll_nom, coll_siret, settings, hints, with_record=True):
            if row is None:
                skipped += 1
                _emit(notes, on_warning)
                continue
            cells = ["" if row[c] is None else row[c] for c in SCDL_COLUMNS]
            missing = [c for c in REQUIRED_COLUMNS if row[c] in (None, "")]
            if not missing:
                written += 1
                good_writer.writerow(cells)
                _emit(notes, on_warning)
                continue
            rejected += 1
            bad_writer.writerow(cells + [" ".join(missing), _source_of(record)])
            gaps = [note for note in notes if note.split(":", 1)[0] in _GAP_CODES]
            _emit([note for note in notes if note not in gaps], on_warning)
            _emit([_rejection(record, row, missing, gaps)], on_warning)
    _emit(hints.missing_collectivity(), on_warning)
    if rejected or skipped:
        _emit([f"scdl_rows_left_out: {rejected + skipped} of {written + rejected + skipped} record(s) not in "
               f"{SCDL_FILENAME} ({written} row(s) written): {rejected} in {REJECTED_FILENAME} to complete by "
               f"hand, {skipped} not a deliberation"], on_warning)
    if not rejected:
        rejected_path.unlink(missing_ok=True)
    return path


# the warnings of a required value left empty: folded into the one line of a rejected row
_GAP_CODES = {"scdl_delib_id_missing", "scdl_delib_date_missing", "scdl_matter_missing", "scdl_objet_missing"}


def _rejection(record: dict, row: dict, missing: list[str], gaps: list[str]) -> str:
    """One line for a row left out of scdl.csv: which columns, why, where the record comes from."""
    reasons = [gap.rsplit("required; ", 1)[-1] for gap in gaps]
    if "COLL_NOM" in missing:
        reasons.append("no collectivity name given: --authority or --settings")
    if "COLL_SIRET" in missing:
        siren = _siren_of(record)
        reasons.append("no SIRET given: --siret or --settings" +
                       (f"; hint: its prefecture id names SIREN {siren}, the SIRET's first 9 digits" if siren else ""))
    where = f"{row['DELIB_ID']} ({_source_of(record)})" if row["DELIB_ID"] else _source_of(record)
    return (f"scdl_row_rejected: {where}: {', '.join(missing)} missing ({'; '.join(reasons)}); "
            f"written to {REJECTED_FILENAME}")


def _source_of(record: dict) -> str:
    source = record.get("source") or {}
    return f"{source.get('file', '?')}#{source.get('index', '?')}"


class _Hints:
    """What the documents say that may help the user name the collectivities (never written)."""

    def __init__(self):
        self.sirens: dict[str, None] = {}  # ordered sets: first seen first
        self.authorities: dict[str, None] = {}
        self.without_siret = 0
        self.without_name = 0

    def note(self, record: dict, row: dict) -> None:
        siren = _siren_of(record)
        if siren and row["COLL_SIRET"] is None:
            self.sirens[siren] = None
        if record.get("authority") and row["COLL_NOM"] is None:
            self.authorities[record["authority"]] = None
        self.without_siret += row["COLL_SIRET"] is None
        self.without_name += row["COLL_NOM"] is None

    def missing_collectivity(self) -> list[str]:
        messages = []
        if self.without_name:
            hint = f"; the documents name {_some(repr(a) for a in self.authorities)}" if self.authorities else ""
            messages.append(f"scdl_coll_nom_missing: COLL_NOM is required and was not given (--authority or "
                            f"--settings) for {self.without_name} record(s); left empty{hint}")
        if self.without_siret:
            hint = (f"; the prefecture ids name SIREN {_some(self.sirens)} (a SIRET is a SIREN plus the 5-digit NIC)"
                    if self.sirens else "")
            messages.append(f"scdl_coll_siret_missing: COLL_SIRET is required and was not given (--siret or "
                            f"--settings) for {self.without_siret} record(s); left empty{hint}")
        return messages


def _some(items, limit: int = 10) -> str:
    items = list(items)
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    return ", ".join(items[:limit]) + more


def _iter_rows(records, coll_nom, coll_siret, settings, hints, with_record=False):
    """(row or None, warnings, label[, record]) per record, one at a time: None for a record
    that is not a deliberation (a stamp page with no title nor number)."""
    coll_nom = (coll_nom or "").strip() or None
    coll_siret = _checked_siret(coll_siret)
    for record in records:
        if not record.get("title") and not record.get("number"):
            label = _record_label(record, None)
            notes = [f"scdl_record_skipped: {label}: no title nor number, not a deliberation"]
            yield (None, notes, label, record) if with_record else (None, notes, label)
            continue
        collectivity = settings.collectivity_for(record) if settings is not None else None
        name, siret = (collectivity.name, collectivity.siret) if collectivity else (coll_nom, coll_siret)
        row, notes = _row(record, name, siret)
        hints.note(record, row)
        label = _record_label(record, row["DELIB_ID"])
        notes = [f"{note.split(':', 1)[0]}: {label}:{note.split(':', 1)[1]}" for note in notes]
        yield (row, notes, label, record) if with_record else (row, notes, label)


def siret_is_valid(siret: str) -> bool:
    """14 digits passing the Luhn checksum (La Poste's: sum of digits a multiple of 5)."""
    if not re.fullmatch(r"\d{14}", siret or ""):
        return False
    if siret.startswith(_LA_POSTE_SIREN):
        return sum(map(int, siret)) % 5 == 0
    return _luhn(siret)


def _luhn(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _checked_siret(siret: str | None) -> str | None:
    if siret is None or not str(siret).strip():
        return None
    cleaned = re.sub(r"[\s.]", "", str(siret))
    if not siret_is_valid(cleaned):
        raise ValueError(f"coll_siret: {siret!r} is not a valid SIRET (14 digits with a valid checksum)")
    return cleaned


def _row(record: dict, coll_nom: str | None, coll_siret: str | None) -> tuple[dict, list[str]]:
    notes = []
    row = dict.fromkeys(SCDL_COLUMNS)
    row["COLL_NOM"], row["COLL_SIRET"] = coll_nom, coll_siret

    row["DELIB_ID"] = record.get("number") or _act_number(record)
    if not row["DELIB_ID"]:
        notes.append("scdl_delib_id_missing: DELIB_ID is required; no number nor prefecture id")
    row["DELIB_DATE"] = record.get("session_date")
    if not row["DELIB_DATE"]:
        notes.append("scdl_delib_date_missing: DELIB_DATE is required; no session date")

    matter = record.get("matter") or {}
    code = actes.level2_code(matter.get("code"))
    row["DELIB_MATIERE_CODE"], row["DELIB_MATIERE_NOM"] = code, actes.matter_label(code)
    if code is None:
        why = f"code {matter['code']!r} is not an ACTES level-2 code" if matter.get("code") else "no matter"
        notes.append(f"scdl_matter_missing: DELIB_MATIERE_CODE and _NOM are required; {why}")

    title = " ".join((record.get("title") or "").split())
    row["DELIB_OBJET"] = title or None
    if not title:
        notes.append("scdl_objet_missing: DELIB_OBJET is required; no title")

    prefecture = record.get("prefecture") or {}
    row["PREF_ID"] = _prefecture_office(prefecture.get("ar_id"))
    received = prefecture.get("received")
    if received and row["DELIB_DATE"] and received < row["DELIB_DATE"]:
        notes.append(f"scdl_pref_date_dropped: received {received} is before the sitting {row['DELIB_DATE']}")
        received = None
    row["PREF_DATE"] = received

    votes, vote_notes = _vote_columns(record)
    row.update(votes)
    notes.extend(vote_notes)
    return row, notes


def _vote_columns(record: dict) -> tuple[dict, list[str]]:
    empty = dict.fromkeys(VOTE_COLUMNS)
    vote, counts = record.get("vote") or {}, record.get("counts") or {}
    if vote.get("outcome") in _NO_VOTE_OUTCOMES:
        return empty, []
    pour, contre, abstention = vote.get("for"), vote.get("against"), vote.get("abstain")
    if vote.get("unanimous") is True:
        if contre:
            return empty, [f"scdl_vote_inconsistent: unanimous, yet {contre} against; vote columns left empty"]
        contre, abstention = 0, abstention or 0
        if pour is None:
            voters = _voters(counts, vote.get("not_voting"))
            if voters is None:
                return empty, ["scdl_vote_incomplete: unanimous, but the number of voters is not known; vote columns left empty"]
            pour = voters - abstention
    figures = (pour, contre, abstention)
    if all(f is None for f in figures):
        return empty, []
    if any(f is None for f in figures):
        return empty, [f"scdl_vote_incomplete: for={pour}, against={contre}, abstain={abstention}; vote columns left empty"]
    reel = pour + contre + abstention
    effectif = _first_known(counts.get("voting"), _sum_known(counts.get("present"), counts.get("represented")),
                            counts.get("in_office"))
    if effectif is None:
        return empty, ["scdl_vote_incomplete: the number of members entitled to vote is not known; vote columns left empty"]
    if pour < 0 or effectif < reel:
        return empty, [f"scdl_vote_inconsistent: {reel} votes for {effectif} voters; vote columns left empty"]
    return {"VOTE_EFFECTIF": effectif, "VOTE_REEL": reel, "VOTE_POUR": pour, "VOTE_CONTRE": contre,
            "VOTE_ABSTENTION": abstention}, []


def _voters(counts: dict, not_voting: int | None) -> int | None:
    voters = _first_known(counts.get("voting"), _sum_known(counts.get("present"), counts.get("represented")))
    if voters is None:
        return None
    return voters - (not_voting or 0)


def _sum_known(*values):
    return None if any(v is None for v in values) else sum(values)


def _first_known(*values):
    return next((v for v in values if v is not None), None)


def _act_number(record: dict) -> str | None:
    m = _ACTES_ID.match(((record.get("prefecture") or {}).get("ar_id") or "").strip())
    return m.group("act") if m else None


def _siren_of(record: dict) -> str | None:
    m = _ACTES_ID.match(((record.get("prefecture") or {}).get("ar_id") or "").strip())
    return m.group("siren") if m else None


def _prefecture_office(ar_id: str | None) -> str | None:
    m = _ACTES_ID.match((ar_id or "").strip())
    return f"PREF{m.group('dept')}" if m else None


def _record_label(record: dict, delib_id: str | None) -> str:
    """How a warning names a record: its DELIB_ID, else its file and position."""
    source = record.get("source") or {}
    return delib_id or f"{Path(source.get('file', '?')).name}#{source.get('index', '?')}"


def _emit(messages: list[str], on_warning: Callable[[str], None] | None) -> None:
    for message in messages:
        if on_warning is not None:
            on_warning(message)
        else:
            _warnings.warn(message, ScdlWarning, stacklevel=3)


# --- validation -----------------------------------------------------------------------------

def validate_scdl(path, schema_path=None) -> list[Problem]:
    """Every problem of an SCDL deliberations CSV, file-level ones first, then by row."""
    path = Path(path)
    schema = json.loads(Path(schema_path or SCHEMA_PATH).read_text(encoding="utf-8"))
    fields = [f["name"] for f in schema["fields"]]
    try:
        header, rows = _read_cells(path)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return [Problem(None, None, f"cannot read the file: {exc}", "read")]
    problems = _header_problems(header, fields)
    problems += _frictionless_problems(path, schema)
    table = _Table(header, rows, {f["name"]: f.get("type", "string") for f in schema["fields"]})
    for check in schema.get("custom_checks") or []:
        run = _CUSTOM_CHECKS.get(check.get("name"))
        if run is None:
            problems.append(Problem(None, None, f"custom check {check.get('name')!r} is not implemented here; not checked",
                                    "custom-check-unknown"))
            continue
        problems += run(table, check.get("params") or {})
    problems += _matter_code_problems(table)
    order = {name: i for i, name in enumerate(fields)}
    return sorted(problems, key=lambda p: (p.row or 0, order.get(p.column, -1)))


def _read_cells(path: Path) -> tuple[list[str], list[list[str]]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    sample = text[:8192]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, [])
    return [h.strip() for h in header], list(reader)


def _header_problems(header: list[str], fields: list[str]) -> list[Problem]:
    problems = []
    for name in header:
        if name not in fields:
            problems.append(Problem(None, name, "column not in the schema", "extra-label"))
    present = [name for name in header if name in fields]
    expected = [name for name in fields if name in present]
    if present != expected:
        problems.append(Problem(None, None, f"columns out of the schema's order: expected {', '.join(expected)}; "
                                            f"found {', '.join(present)}", "column-order"))
    return problems


def _frictionless_problems(path: Path, schema: dict) -> list[Problem]:
    from frictionless import Resource, Schema

    # custom_checks is validata's extension: frictionless would ignore it, we run it ourselves.
    # Columns are matched by name ("subset": extra columns and the order are _header_problems'
    # business), so one misplaced column does not turn every cell after it into an error.
    descriptor = {k: v for k, v in schema.items() if k != "custom_checks"}
    descriptor["fieldsMatch"] = "subset"
    resource = Resource(path=path.name, basepath=str(path.parent.resolve()), schema=Schema.from_descriptor(descriptor))
    report = resource.validate()
    problems = []
    for task in report.tasks:
        for error in task.errors:
            problems.append(_problem_from_frictionless(error))
    for error in report.errors:
        problems.append(Problem(None, None, error.message, error.type))
    return problems


def _problem_from_frictionless(error) -> Problem:
    row_number = getattr(error, "row_number", None)
    row = row_number - 1 if row_number else None  # frictionless counts the header as row 1
    column = getattr(error, "field_name", None) or getattr(error, "label", None) or None
    cell = getattr(error, "cell", None)
    note = getattr(error, "note", "") or ""
    message = error.message
    if error.type == "constraint-error":
        if note.startswith('constraint "required"'):
            message = "required, but empty"
        elif note.startswith('constraint "pattern"'):
            pattern = note.split(" is ", 1)[-1].strip('"')
            message = f"{cell!r} does not match the pattern {pattern}"
        else:
            message = f"{cell!r}: {note}"
    elif error.type == "type-error":
        kind = note.split('"')[1].split("/")[0] if '"' in note else "value"
        expected = {"date": " (expected YYYY-MM-DD)", "integer": " (expected a whole number)"}.get(kind, "")
        message = f"{cell!r} is not a valid {kind}{expected}"
    elif error.type == "missing-label":
        message = "column missing"
    return Problem(row, column, message, error.type)


@dataclass
class _Table:
    header: list[str]
    rows: list[list[str]]
    types: dict[str, str]

    def has(self, column: str) -> bool:
        return column in self.header

    def cells(self, *columns: str):
        """(data row number, cells of the columns) for every non-blank row; "" for a missing column."""
        index = [self.header.index(c) if c in self.header else None for c in columns]
        for number, row in enumerate(self.rows, 1):
            if not any(cell.strip() for cell in row):
                continue
            yield number, [row[i].strip() if i is not None and i < len(row) else "" for i in index]

    def value(self, column: str, cell: str):
        """The cell as the schema types it (int, date, str); None when it does not parse."""
        kind = self.types.get(column, "string")
        try:
            if kind == "integer":
                return int(cell)
            if kind == "number":
                return float(cell)
            if kind == "date":
                return dt.date.fromisoformat(cell)
        except ValueError:
            return None
        return cell


def _check_siret(table: _Table, params: dict) -> list[Problem]:
    column = params["column"]
    if not table.has(column):
        return []
    return [Problem(n, column, f"{siret!r} fails the SIRET checksum (Luhn)", "french-siret-value")
            for n, (siret,) in table.cells(column)
            if re.fullmatch(r"\d{14}", siret) and not siret_is_valid(siret)]


def _check_year_interval(table: _Table, params: dict) -> list[Problem]:
    column = params["column"]
    allow_year = str(params.get("allow-year-only", "")).lower() in ("yes", "true", "1")
    if not table.has(column):
        return []
    problems = []
    for n, (cell,) in table.cells(column):
        if not cell or (allow_year and re.fullmatch(r"\d{4}", cell)):
            continue
        m = re.fullmatch(r"(\d{4})/(\d{4})", cell)
        if not m:
            problems.append(Problem(n, column, f"{cell!r} is not a year{' or ' if allow_year else ' '}interval (YYYY/YYYY)",
                                    "year-interval-value"))
        elif int(m.group(2)) <= int(m.group(1)):
            problems.append(Problem(n, column, f"{cell!r}: the second year must come after the first", "year-interval-value"))
    return problems


def _check_cohesive(table: _Table, params: dict) -> list[Problem]:
    columns = [params["column"], *params.get("othercolumns", [])]
    if not any(table.has(c) for c in columns):
        return []
    problems = []
    for n, cells in table.cells(*columns):
        filled = [c for c, cell in zip(columns, cells) if cell]
        if filled and len(filled) != len(columns):
            empty = [c for c in columns if c not in filled]
            problems.append(Problem(n, columns[0], f"{', '.join(columns)} must be all filled or all empty; "
                                                   f"empty: {', '.join(empty)}", "cohesive-columns-value"))
    return problems


_OPERATORS = {"<": operator.lt, "<=": operator.le, "==": operator.eq, ">=": operator.ge, ">": operator.gt}


def _check_compare(table: _Table, params: dict) -> list[Problem]:
    left, right, op = params["column"], params["column2"], params["op"]
    if not (table.has(left) and table.has(right)):
        return []
    problems = []
    for n, (a, b) in table.cells(left, right):
        x, y = table.value(left, a) if a else None, table.value(right, b) if b else None
        if x is None or y is None or type(x) is not type(y):
            continue  # empty or untyped: frictionless reports the bad cell itself
        if not _OPERATORS[op](x, y):
            problems.append(Problem(n, left, f"{left} ({a}) must be {op} {right} ({b})", "compare-columns-value"))
    return problems


def _check_sum(table: _Table, params: dict) -> list[Problem]:
    total, parts = params["column"], params["columns"]
    if not all(table.has(c) for c in (total, *parts)):
        return []
    problems = []
    for n, cells in table.cells(total, *parts):
        values = [table.value(c, cell) if cell else None for c, cell in zip((total, *parts), cells)]
        if any(v is None for v in values):
            continue
        if values[0] != sum(values[1:]):
            problems.append(Problem(n, total, f"{total} ({values[0]}) must equal {' + '.join(parts)} ({sum(values[1:])})",
                                    "sum-columns-value"))
    return problems


def _check_actes_name(table: _Table, params: dict) -> list[Problem]:
    column = params["column"]
    if not table.has(column):
        return []
    level1 = _level1_names()
    problems = []
    for n, (cell,) in table.cells(column):
        if not cell:
            continue
        if "/" not in cell:
            message = f"{cell!r}: expected 'level-1 label/level-2 label', the slash is missing"
        elif re.search(r"\s/|/\s", cell):
            message = f"{cell!r}: no space around the slash"
        elif actes.fold_for_matching(cell.split("/", 1)[0]) not in level1:
            message = f"{cell!r}: {cell.split('/', 1)[0]!r} is not an ACTES level-1 label"
        else:
            continue
        problems.append(Problem(n, column, message, "nomenclature-actes-value"))
    return problems


def _matter_code_problems(table: _Table) -> list[Problem]:
    """The schema's description of DELIB_MATIERE_CODE: a level-2 ACTES code that agrees with
    the level-1 label opening DELIB_MATIERE_NOM."""
    if not table.has("DELIB_MATIERE_CODE"):
        return []
    level1 = _level1_names()
    problems = []
    for n, (code, name) in table.cells("DELIB_MATIERE_CODE", "DELIB_MATIERE_NOM"):
        if not code or not re.fullmatch(r"\d\.\d{1,2}", code):
            continue  # empty or malformed: the schema's own constraints say so
        if code not in actes.classification():
            problems.append(Problem(n, "DELIB_MATIERE_CODE", f"{code!r} is not an ACTES level-2 code", "matter-code"))
            continue
        named = level1.get(actes.fold_for_matching(name.split("/", 1)[0])) if "/" in name else None
        if named and named != code.split(".")[0]:
            problems.append(Problem(n, "DELIB_MATIERE_CODE", f"{code} is in {actes.matter_name(code.split('.')[0])!r} "
                                                             f"but DELIB_MATIERE_NOM names another matter", "matter-code"))
    return problems


def _level1_names() -> dict[str, str]:
    """Folded level-1 label -> level-1 code, with both the accented and the XML spellings."""
    names = {}
    for code, label in actes.classification().items():
        if "." not in code:
            names[actes.fold_for_matching(label)] = code
            names[actes.fold_for_matching(actes.matter_name(code) or label)] = code
    return names


_CUSTOM_CHECKS: dict[str, Callable[[_Table, dict], list[Problem]]] = {
    "french-siret-value": _check_siret,
    "year-interval-value": _check_year_interval,
    "cohesive-columns-value": _check_cohesive,
    "compare-columns-value": _check_compare,
    "sum-columns-value": _check_sum,
    "nomenclature-actes-value": _check_actes_name,
}
