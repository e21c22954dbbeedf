"""Batch runs of `delib extract`: many files, parallel, resumable.

    manifest  what each run did to each file (hash, status, records), appended line by line
    store     each file's records, kept between runs under OUT/.delib/records/
    work      the job of one file, run in a worker process (or in a Dask worker)
    engine    plans a run (what is unchanged, what needs work), stores results as they come
    pool      the local process pool: a worker that dies is named, not fatal; orphans exit
    dask_engine  the same job on a Dask cluster (optional extra)
    lock      one run at a time per output folder
    outputs   the final files (JSONL, CSV, Parquet, SCDL) assembled from the store
    progress  the progress line and the closing summary

A run extracts only the files that are new, changed or failed last time; everything it
learns is stored before the manifest says so, and the outputs are rebuilt from the store at
the end, each written under a temporary name and renamed: a run killed at any moment and
started again ends with every file's records, none twice. Once the outputs are in place the
manifest is compacted to one line per file and the store pruned of versions no longer used.
"""
from .engine import BatchOptions, run_batch

__all__ = ["BatchOptions", "run_batch"]
