"""The Spark job: onrecord's extraction over a cluster, the store's tables as Parquet.

pyspark is imported only when a session starts, so ``import onrecord.spark`` works
without it (``pip install 'onrecord[spark]'`` brings it).
"""

from onrecord.spark.job import (
    INPUT_FORMATS,
    PARTITION_COLUMN,
    TABLES,
    UNDATED,
    JobReport,
    active_session,
    extract_partition,
    format_of,
    run_job,
    start_session,
)

__all__ = [
    "INPUT_FORMATS",
    "PARTITION_COLUMN",
    "TABLES",
    "UNDATED",
    "JobReport",
    "active_session",
    "extract_partition",
    "format_of",
    "run_job",
    "start_session",
]
