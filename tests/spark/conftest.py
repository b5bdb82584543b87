"""One real SparkSession on local[2] for the Spark tests; they skip without pyspark or Java."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from onrecord.spark import start_session

#: small and quiet: no web UI, no progress bar, few shuffle partitions for tiny inputs
TEST_CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.driver.memory": "1g",
}


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A SparkSession on local[2] (about 15 s to start here), shared by every Spark test."""
    pytest.importorskip("pyspark", reason="the Spark tests need pyspark: pip install '.[spark]'")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("the Spark tests need Java 17 (openjdk-17-jre-headless)")
    session = start_session("local[2]", TEST_CONF, quiet=True)
    yield session
    session.stop()
