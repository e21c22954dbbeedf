"""delib-extractor: French deliberations (texts, PDFs, scans) -> records, tables, SCDL."""
from .api import extract

__version__ = "0.1.0"


def to_frames(records):
    """The tables of RECORD.md (deliberations, members, amounts, decisions, visas) as DataFrames."""
    from .export.tables import to_frames as _to_frames

    return _to_frames(records)


def read(directory):
    """Read back an output folder written by `delib extract` as DataFrames."""
    from .export.tables import read_output

    return read_output(directory)


__all__ = ["extract", "to_frames", "read", "__version__"]
