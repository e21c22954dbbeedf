"""Records as tables: pandas DataFrames, CSV files and Parquet files that keep the types.

Attendance of every member across sittings, in three lines:

    frames = extractor.read("out")          # or extractor.export.tables.read_output("out")
    m = frames["members"]
    m.pivot_table(index="name", columns="session_date", values="status", aggfunc="first")

(filter on m["authority"] first when the output mixes several councils).

Tables (each child row is keyed by `deliberation_id` = source.sha256 + ":" + source.index, and
`position` is the 0-based order of the item inside its record):

- deliberations: one row a record, nested scalars flattened with "_" (`vote_for`,
  `counts_present`, `president_name`, `source_pages_first` ...), plus `n_members`, `n_amounts`,
  `n_decisions`, `n_visas`, and `warnings` joined with " | ". The record's `text` is left out
  (it is long and multi-line, and makes the CSV unreadable in a spreadsheet); pass
  include_text=True to get it as a last `text` column. `sections` and `evidence` stay in the
  JSONL records only.
- members: deliberation_id, position, civility, name, role, status, proxy, substitute, plus the
  sitting's session_date and authority so that attendance needs no join.
- amounts: deliberation_id, position, value, currency, raw, tax, label, per, section.
- decisions, visas: deliberation_id, position, text.
- budget_lines: deliberation_id, position, article, function, chapter, raw.

Types, the same from to_frames(), from read_output() and from a plain pandas.read_parquet():
dates are `date32[pyarrow]` (an ArrowDtype: values are datetime.date, Parquet date32, never a
timestamp), counts and positions nullable `Int64`, booleans nullable `boolean`, enumerations
(body, status, vote_outcome, matter_source, tax, section) `category` with the full set of
values of the contract (Parquet dictionary), text `string`, and amounts `object` columns of
decimal.Decimal rounded to the cent (Parquet decimal128(18, 2); never a float: a sum in euros
must stay exact). A value with more than 16 digits before the point, which no council votes,
is left null (the printed form stays in `raw`). In CSV: dates ISO, booleans true/false, amounts
with a point and no thousands separator, null as an empty cell.
"""
from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from contextlib import ExitStack
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .atomic import atomic_open, atomic_path

TABLE_NAMES = ("deliberations", "members", "amounts", "decisions", "visas", "budget_lines")
WARNING_SEPARATOR = " | "

# The closed sets of the record contract (record.schema.json), kept whole so that every output
# has the same categories whatever values a batch happens to hold.
BODIES = ["conseil_municipal", "conseil_departemental", "commission_permanente", "conseil_regional",
          "conseil_communautaire", "conseil_metropolitain", "bureau", "comite_syndical",
          "conseil_administration", "other"]
STATUSES = ["present", "remote", "represented", "substituted", "excused", "absent", "left"]
OUTCOMES = ["adopted", "rejected", "deferred", "withdrawn", "noted"]
MATTER_SOURCES = ["printed", "inferred"]
TAXES = ["TTC", "HT"]
SECTIONS = ["header", "attendance", "report", "decision", "signature"]

DECIMAL_PRECISION, DECIMAL_SCALE = 18, 2
_CENT = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)

DATE_DTYPE = pd.ArrowDtype(pa.date32())

# Column kinds: "string", "date", "int", "bool", "decimal", or a list (a category and its values).
_PERSON = [("civility", "string"), ("name", "string"), ("role", "string")]
COLUMNS: dict[str, list[tuple[str, object]]] = {
    "deliberations": [
        ("deliberation_id", "string"), ("source_file", "string"), ("source_sha256", "string"),
        ("source_index", "int"), ("source_pages_first", "int"), ("source_pages_last", "int"),
        ("source_ocr", "bool"), ("source_reader", "string"),
        ("authority", "string"), ("body", BODIES), ("body_raw", "string"),
        ("session_date", "date"), ("session_time", "string"), ("convocation_date", "date"),
        ("number", "string"), ("internal_id", "string"), ("title", "string"),
        *[(f"president_{name}", kind) for name, kind in _PERSON],
        *[(f"secretary_{name}", kind) for name, kind in _PERSON],
        ("counts_in_office", "int"), ("counts_present", "int"), ("counts_represented", "int"),
        ("counts_absent", "int"), ("counts_voting", "int"), ("counts_quorum", "int"),
        ("vote_outcome", OUTCOMES), ("vote_unanimous", "bool"), ("vote_for", "int"),
        ("vote_against", "int"), ("vote_abstain", "int"), ("vote_not_voting", "int"),
        ("vote_raw", "string"),
        ("matter_code", "string"), ("matter_name", "string"), ("matter_source", MATTER_SOURCES),
        ("prefecture_ar_id", "string"), ("prefecture_received", "date"),
        ("n_members", "int"), ("n_amounts", "int"), ("n_decisions", "int"), ("n_visas", "int"),
        ("warnings", "string"),
    ],
    "members": [
        ("deliberation_id", "string"), ("position", "int"), *_PERSON, ("status", STATUSES),
        ("proxy", "string"), ("substitute", "string"), ("session_date", "date"), ("authority", "string"),
    ],
    "amounts": [
        ("deliberation_id", "string"), ("position", "int"), ("value", "decimal"), ("currency", "string"),
        ("raw", "string"), ("tax", TAXES), ("label", "string"), ("per", "string"), ("section", SECTIONS),
    ],
    "decisions": [("deliberation_id", "string"), ("position", "int"), ("text", "string")],
    "visas": [("deliberation_id", "string"), ("position", "int"), ("text", "string")],
    "budget_lines": [
        ("deliberation_id", "string"), ("position", "int"), ("article", "string"),
        ("function", "string"), ("chapter", "string"), ("raw", "string"),
    ],
}
_TEXT_COLUMN = ("text", "string")


def deliberation_id(record: dict) -> str:
    source = record["source"]
    return f"{source['sha256']}:{source['index']}"


def to_frames(records, *, include_text: bool = False) -> dict[str, pd.DataFrame]:
    """The six tables of a list (or any iterable) of records, typed as the module says."""
    rows: dict[str, list[dict]] = {name: [] for name in TABLE_NAMES}
    for record in records:
        key = deliberation_id(record)
        rows["deliberations"].append(_deliberation_row(record, key, include_text))
        for position, member in enumerate(record.get("members") or []):
            rows["members"].append({
                "deliberation_id": key, "position": position, **member,
                "session_date": record.get("session_date"), "authority": record.get("authority"),
            })
        for position, amount in enumerate(record.get("amounts") or []):
            rows["amounts"].append({"deliberation_id": key, "position": position, **amount})
        for name in ("decisions", "visas"):
            for position, text in enumerate(record.get(name) or []):
                rows[name].append({"deliberation_id": key, "position": position, "text": text})
        for position, line in enumerate(record.get("budget_lines") or []):
            rows["budget_lines"].append({"deliberation_id": key, "position": position, **line})
    return {name: _frame(name, table_rows, include_text) for name, table_rows in rows.items()}


def write_csv(records, out_dir, *, include_text: bool = False) -> list[Path]:
    """One UTF-8 CSV per table (deliberations.csv, members.csv ...), each written atomically."""
    with TablesWriter(out_dir, formats=("csv",), include_text=include_text) as writer:
        for record in records:
            writer.write(record)
    return writer.paths


def write_parquet(records, out_dir, *, include_text: bool = False) -> list[Path]:
    """One Parquet file per table, with the Arrow types of the module docstring, atomically."""
    with TablesWriter(out_dir, formats=("parquet",), include_text=include_text) as writer:
        for record in records:
            writer.write(record)
    return writer.paths


class TablesWriter:
    """The CSV and/or Parquet tables written from a stream of records, a chunk at a time, so
    that memory stays flat however many records come (a Parquet row group a chunk). Each file
    is written under a temporary name and renamed into place when the writer closes cleanly;
    on an error none of them replaces an older output."""

    def __init__(self, out_dir, *, formats=("csv", "parquet"), include_text: bool = False, chunk: int = 2000):
        self.out = Path(out_dir)
        self.formats = tuple(formats)
        self.include_text = include_text
        self.chunk = chunk
        self.paths: list[Path] = []
        self._buffer: list[dict] = []
        self._stack = ExitStack()
        self._csv: dict[str, object] = {}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._temps: dict[str, Path] = {}

    def __enter__(self):
        for name in TABLE_NAMES:
            if "csv" in self.formats:
                self._csv[name] = self._stack.enter_context(
                    atomic_open(self.out / f"{name}.csv", "w", encoding="utf-8", newline=""))
                self.paths.append(self.out / f"{name}.csv")
            if "parquet" in self.formats:
                self._temps[name] = self._stack.enter_context(atomic_path(self.out / f"{name}.parquet"))
                self.paths.append(self.out / f"{name}.parquet")
        self._header_written = False
        return self

    def write(self, record: dict) -> None:
        self._buffer.append(record)
        if len(self._buffer) >= self.chunk:
            self._flush()

    def _flush(self) -> None:
        frames = to_frames(self._buffer, include_text=self.include_text)
        self._buffer = []
        for name, frame in frames.items():
            if name in self._csv:
                _csv_view(name, frame).to_csv(self._csv[name], index=False, header=not self._header_written,
                                              lineterminator="\n")
            if name in self._temps:
                table = pa.Table.from_pandas(frame, schema=_arrow_schema(name, frame), preserve_index=False)
                if name not in self._parquet:
                    self._parquet[name] = pq.ParquetWriter(self._temps[name], table.schema)
                self._parquet[name].write_table(table)
        self._header_written = True

    def __exit__(self, kind, error, trace):
        try:
            if kind is None and (self._buffer or not self._header_written):
                self._flush()  # the last chunk; an empty stream still gets each table's columns
        finally:
            for writer in self._parquet.values():
                writer.close()
            return self._stack.__exit__(kind, error, trace)


def write_frames_csv(frames: dict[str, pd.DataFrame], out_dir) -> list[Path]:
    out = Path(out_dir)
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.csv"
        with atomic_open(path, "w", encoding="utf-8", newline="") as f:
            _csv_view(name, frame).to_csv(f, index=False, lineterminator="\n")
        written.append(path)
    return written


def write_frames_parquet(frames: dict[str, pd.DataFrame], out_dir) -> list[Path]:
    out = Path(out_dir)
    written = []
    for name, frame in frames.items():
        path = out / f"{name}.parquet"
        table = pa.Table.from_pandas(frame, schema=_arrow_schema(name, frame), preserve_index=False)
        with atomic_path(path) as temp:
            pq.write_table(table, temp)
        written.append(path)
    return written


def read_output(out_dir, *, include_text: bool = False) -> dict[str, pd.DataFrame]:
    """Read back an output folder: the Parquet tables if there, else the CSV tables re-typed,
    else deliberations.jsonl through to_frames(). A table missing from the folder comes back
    empty, with its columns."""
    out = Path(out_dir)
    if (out / "deliberations.parquet").is_file():
        return {name: _read_table(out / f"{name}.parquet", name, pd.read_parquet) for name in TABLE_NAMES}
    if (out / "deliberations.csv").is_file():
        return {name: _read_table(out / f"{name}.csv", name, _read_csv_strings) for name in TABLE_NAMES}
    if (out / "deliberations.jsonl").is_file():
        with open(out / "deliberations.jsonl", encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        return to_frames(records, include_text=include_text)
    raise FileNotFoundError(f"{out}: no deliberations.parquet, deliberations.csv or deliberations.jsonl")


# --- building -------------------------------------------------------------------------------

def _deliberation_row(record: dict, key: str, include_text: bool) -> dict:
    source = record.get("source") or {}
    pages = source.get("pages") or [None, None]
    row = {
        "deliberation_id": key, "source_file": source.get("file"), "source_sha256": source.get("sha256"),
        "source_index": source.get("index"), "source_pages_first": pages[0], "source_pages_last": pages[1],
        "source_ocr": source.get("ocr"), "source_reader": source.get("reader"),
    }
    for name in ("authority", "body", "body_raw", "session_date", "session_time", "convocation_date",
                 "number", "internal_id", "title"):
        row[name] = record.get(name)
    for person in ("president", "secretary"):
        for part, _ in _PERSON:
            row[f"{person}_{part}"] = (record.get(person) or {}).get(part)
    for prefix, field in (("counts", "counts"), ("vote", "vote"), ("matter", "matter"), ("prefecture", "prefecture")):
        for sub, value in (record.get(field) or {}).items():
            row[f"{prefix}_{sub}"] = value
    row["vote_not_voting"] = (record.get("vote") or {}).get("not_voting")
    for name in ("members", "amounts", "decisions", "visas"):
        row[f"n_{name}"] = len(record.get(name) or [])
    warnings = record.get("warnings") or []
    row["warnings"] = WARNING_SEPARATOR.join(warnings) if warnings else None
    if include_text:
        row["text"] = record.get("text")
    return row


def _columns(name: str, with_text) -> list[tuple[str, object]]:
    """The table's columns; `with_text` is a bool, or a frame whose own columns decide."""
    columns = list(COLUMNS[name])
    has_text = with_text if isinstance(with_text, bool) else "text" in with_text.columns
    if name == "deliberations" and has_text:
        columns.append(_TEXT_COLUMN)
    return columns


def _frame(name: str, rows: list[dict], include_text: bool = False) -> pd.DataFrame:
    columns = _columns(name, include_text)
    data = {column: _typed([row.get(column) for row in rows], kind) for column, kind in columns}
    return pd.DataFrame(data, columns=[column for column, _ in columns])


def _typed(values, kind):
    """A column of the given kind from Python values or CSV strings (null: None, NA, "")."""
    values = [None if _is_null(v) else v for v in values]
    if kind == "string":
        return pd.array([str(v) if v is not None else None for v in values], dtype="string")
    if kind == "int":
        return pd.array([int(v) if v is not None else None for v in values], dtype="Int64")
    if kind == "bool":
        return pd.array([_to_bool(v) for v in values], dtype="boolean")
    if kind == "date":
        return pd.array(pa.array([_to_date(v) for v in values], type=pa.date32()), dtype=DATE_DTYPE)
    if kind == "decimal":
        return pd.array([_to_decimal(v) for v in values], dtype=object)
    categories = list(kind)
    extra = sorted({str(v) for v in values if v is not None} - set(categories))  # never drop a value
    return pd.Categorical([str(v) if v is not None else None for v in values], categories=categories + extra)


def _is_null(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and value != value:
        return True
    return isinstance(value, str) and value == ""


def _to_bool(value):
    if value is None or isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(f"not a boolean: {value!r}")


def _to_date(value):
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _to_decimal(value):
    if value is None:
        return None
    try:
        number = Decimal(str(value)).quantize(_CENT, rounding=ROUND_HALF_EVEN)
    except InvalidOperation:
        return None
    return number if abs(number) < _DECIMAL_LIMIT else None


# --- writing and reading --------------------------------------------------------------------

def _arrow_type(kind):
    if kind == "string":
        return pa.string()
    if kind == "int":
        return pa.int64()
    if kind == "bool":
        return pa.bool_()
    if kind == "date":
        return pa.date32()
    if kind == "decimal":
        return pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE)
    return pa.dictionary(pa.int16(), pa.string())


def _arrow_schema(name: str, frame: pd.DataFrame) -> pa.Schema:
    return pa.schema([pa.field(column, _arrow_type(kind)) for column, kind in _columns(name, frame)])


def _csv_view(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as the text the CSV holds: ISO dates, true/false, plain decimals."""
    view = {}
    for column, kind in _columns(name, frame):
        values = frame[column].astype(object).tolist()
        if kind == "bool":
            values = [None if _is_null(v) else ("true" if v else "false") for v in values]
        elif kind == "date":
            values = [None if _is_null(v) else v.isoformat() for v in values]
        elif kind == "decimal":
            values = [None if _is_null(v) else format(v, "f") for v in values]
        else:
            values = [None if _is_null(v) else str(v) for v in values]
        view[column] = pd.Series(values, dtype=object)
    return pd.DataFrame(view, columns=list(frame.columns))


def _read_csv_strings(path: Path) -> pd.DataFrame:
    # Every cell as text first: type guessing would turn "0123" into 123 and ids into floats.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _read_table(path: Path, name: str, reader) -> pd.DataFrame:
    if not path.is_file():
        return _frame(name, [])
    raw = reader(path)
    columns = _columns(name, raw)
    data = {}
    for column, kind in columns:
        if column not in raw.columns:
            data[column] = _typed([None] * len(raw), kind)
        elif _already_typed(raw[column], kind):
            data[column] = raw[column].array
        else:
            data[column] = _typed(raw[column].tolist(), kind)
    return pd.DataFrame(data, columns=[column for column, _ in columns])


def _already_typed(series: pd.Series, kind) -> bool:
    expected = {"string": pd.StringDtype(), "int": pd.Int64Dtype(), "bool": pd.BooleanDtype(),
                "date": DATE_DTYPE}.get(kind) if isinstance(kind, str) else None
    if expected is not None:
        return series.dtype == expected
    if kind == "decimal":
        return False  # re-quantise: cheap, and it guarantees Decimal objects
    return isinstance(series.dtype, pd.CategoricalDtype) and list(series.dtype.categories[: len(kind)]) == list(kind)
