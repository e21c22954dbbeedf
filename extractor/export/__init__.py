"""Writers of the outputs: JSONL records, CSV and Parquet tables, the SCDL file."""
