"""The `delib` command: extract, eval, validate. Thin: parse, call the library, format.

Exit codes: 0 success (record warnings do not count); 1 something failed at run time (an input
could not be read, `validate` found problems, `eval` scored under --min-score); 2 bad usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ExtractorError

FORMATS = ("jsonl", "csv", "parquet", "scdl")


def _formats(value: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"unknown format(s) {unknown}; choose among {', '.join(FORMATS)}")
    return chosen


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="delib", description="French deliberations (texts, PDFs, scans) -> records, tables and SCDL open data.",
        epilog="exit status: 0 success, 1 a file failed or a check did not pass, 2 bad usage")
    sub = parser.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from files or folders")
    ex.add_argument("paths", nargs="+", help="files or folders (read recursively)")
    ex.add_argument("-o", "--output", default="out", help="output folder (default: out)")
    ex.add_argument("--format", type=_formats, default=["jsonl"], help="comma-separated: jsonl,csv,parquet,scdl")
    ex.add_argument("--authority", help="the collectivity's name (SCDL COLL_NOM)")
    ex.add_argument("--siret", help="the collectivity's SIRET (SCDL COLL_SIRET)")
    ex.add_argument("--settings", help="a YAML file naming each collectivity (SCDL COLL_NOM, COLL_SIRET); "
                                       "see extractor/settings.py")
    ex.add_argument("-q", "--quiet", action="store_true", help="no progress or summary on stderr")
    ex.add_argument("--workers", type=_workers, default=0, help="worker processes (default: one per core)")
    ex.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local process pool (default) or a Dask cluster (needs the dask extra)")
    ex.add_argument("--scheduler", help="the Dask scheduler's address (default: a local cluster)")
    ex.add_argument("--max-bytes", type=_size, default=None,
                    help="refuse input files larger than this (default 200M); e.g. 50M, 1G")
    ex.add_argument("--fresh", action="store_true", help="ignore what earlier runs did in this output folder")

    ev = sub.add_parser("eval", help="score extraction against the .gold.json files of a folder")
    ev.add_argument("directory")
    ev.add_argument("--worst", type=int, default=5, help="how many worst documents to list")
    ev.add_argument("--min-score", type=float, default=None, help="exit 1 when the headline is below this")
    ev.add_argument("--workers", type=_workers, default=1, help="extract in this many processes (default 1)")

    va = sub.add_parser("validate", help="check an SCDL deliberations CSV")
    va.add_argument("file")

    sy = sub.add_parser("synth", help="write N synthetic deliberations with their gold files")
    sy.add_argument("count", type=_workers, help="how many deliberations")
    sy.add_argument("-o", "--output", required=True, help="output folder")
    sy.add_argument("--seed", type=int, default=0, help="the same seed writes the same files (default 0)")
    sy.add_argument("--per-folder", type=_workers, default=1000, help="documents per subfolder (default 1000)")
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command == "extract":
        return _extract(args)
    if args.command == "eval":
        return _eval(args)
    if args.command == "validate":
        return _validate(args)
    if args.command == "synth":
        return _synth(args)
    return 2


def _extract(args) -> int:
    from .batch import BatchOptions, run_batch
    from .read import DEFAULT_MAX_BYTES

    out = Path(args.output)
    settings = None
    if args.settings:
        from .settings import SettingsError, load_settings

        try:
            settings = load_settings(args.settings)
        except SettingsError as exc:
            print(f"delib: {exc}", file=sys.stderr)
            return 2
    if "scdl" in args.format and args.siret:
        from .export.scdl import siret_is_valid

        if not siret_is_valid("".join(args.siret.split())):
            print(f"delib: --siret {args.siret!r} is not a valid SIRET (14 digits with a valid checksum)",
                  file=sys.stderr)
            return 2
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"delib: {p}: no such file or folder", file=sys.stderr)
    options = BatchOptions(
        out=out, formats=args.format, workers=args.workers, engine=args.engine, scheduler=args.scheduler,
        max_bytes=args.max_bytes or DEFAULT_MAX_BYTES, fresh=args.fresh, quiet=args.quiet,
        scdl_options={"coll_nom": args.authority, "coll_siret": args.siret, "settings": settings,
                      "on_warning": lambda message: print(f"delib: {message}", file=sys.stderr)},
        on_error=lambda message: print(f"delib: {message}", file=sys.stderr))
    try:
        summary = run_batch([p for p in args.paths if Path(p).exists()], options)
    except ExtractorError as exc:  # another run holds the output folder
        print(f"delib: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        for line in summary.lines():
            print(f"delib: {line}", file=sys.stderr)
        print(f"delib: output in {out}/", file=sys.stderr)
    return 1 if summary.failed or missing else 0


def _size(value: str) -> int:
    """200M, 5M, 1G, 512k or a number of bytes."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = value.strip().lower().rstrip("b")
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a size (e.g. 200M, 1G, 512k)") from None


def _workers(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of worker processes, 1 or more")
    return number


def _eval(args) -> int:
    from .api import extract_file
    from .evaluate import evaluate, format_report

    if not Path(args.directory).is_dir():
        print(f"delib: {args.directory}: not a folder", file=sys.stderr)
        return 2
    report = evaluate(args.directory, extract_file, recursive=True, workers=args.workers)
    print(format_report(report, worst=args.worst))
    if args.min_score is not None and report.headline < args.min_score:
        return 1
    return 0


def _validate(args) -> int:
    from .export.scdl import validate_scdl

    if not Path(args.file).is_file():
        print(f"delib: {args.file}: no such file", file=sys.stderr)
        return 2
    problems = validate_scdl(args.file)
    for problem in problems:
        where = f"row {problem.row}" if problem.row is not None else "file"
        column = f", {problem.column}" if problem.column else ""
        print(f"{where}{column}: {problem.message}")
    print(f"{len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def _synth(args) -> int:
    from .synth import generate

    documents, deliberations = generate(args.count, args.output, seed=args.seed, per_folder=args.per_folder)
    print(f"delib: {deliberations} deliberation(s) in {documents} document(s), with gold, in {args.output}/",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
