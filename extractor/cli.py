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

    ev = sub.add_parser("eval", help="score extraction against the .gold.json files of a folder")
    ev.add_argument("directory")
    ev.add_argument("--worst", type=int, default=5, help="how many worst documents to list")
    ev.add_argument("--min-score", type=float, default=None, help="exit 1 when the headline is below this")

    va = sub.add_parser("validate", help="check an SCDL deliberations CSV")
    va.add_argument("file")
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
    return 2


def _extract(args) -> int:
    from .api import extract_file, iter_inputs
    from .export.jsonl import JsonlWriter

    out = Path(args.output)
    settings = None
    if args.settings:
        from .settings import SettingsError, load_settings

        try:
            settings = load_settings(args.settings)
        except SettingsError as exc:
            print(f"delib: {exc}", file=sys.stderr)
            return 2
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        print(f"delib: {p}: no such file or folder", file=sys.stderr)
    writer = JsonlWriter(out)
    records, failed, files = [], 0, 0
    keep = any(f != "jsonl" for f in args.format)
    try:
        for path in iter_inputs([p for p in args.paths if Path(p).exists()]):
            files += 1
            try:
                found = extract_file(path)
            except ExtractorError as exc:
                failed += 1
                print(f"delib: {exc}", file=sys.stderr)
                continue
            except Exception as exc:  # a bug on one file is reported like bad input; the batch goes on
                failed += 1
                print(f"delib: {path}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            for record in found:
                writer.write(record)
                if keep:
                    records.append(record)
    except BaseException:
        writer.abort()
        raise
    written = [writer.close()] if "jsonl" in args.format else []
    if "jsonl" not in args.format:
        writer.path.unlink(missing_ok=True)
    if "csv" in args.format or "parquet" in args.format:
        from .export import tables

        if "csv" in args.format:
            written += tables.write_csv(records, out)
        if "parquet" in args.format:
            written += tables.write_parquet(records, out)
    if "scdl" in args.format:
        from .export import scdl

        try:
            written.append(scdl.write_scdl(records, out, coll_nom=args.authority, coll_siret=args.siret, settings=settings,
                                           on_warning=lambda message: print(f"delib: {message}", file=sys.stderr)))
        except ValueError as exc:  # a --siret that fails its checksum
            print(f"delib: {exc}", file=sys.stderr)
            return 2
    if not args.quiet:
        print(f"delib: {files} file(s), {writer.count} deliberation(s), {failed + len(missing)} failed; output in {out}/",
              file=sys.stderr)
    return 1 if failed or missing else 0


def _eval(args) -> int:
    from .api import extract_file
    from .evaluate import evaluate, format_report

    if not Path(args.directory).is_dir():
        print(f"delib: {args.directory}: not a folder", file=sys.stderr)
        return 2
    report = evaluate(args.directory, extract_file)
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


if __name__ == "__main__":
    sys.exit(main())
