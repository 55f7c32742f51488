"""One Spark session for every stage that runs on Spark (text reuse, technique tagging).

Runs on ``local[*]`` by default. Set ``NARRATRACE_SPARK_MASTER`` to use another master; under
``spark-submit`` the master (and everything else) comes from spark-submit. See docs/reuse.md.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any


def spark_session() -> Any:
    """The active Spark session, or a new one (local[*] unless told otherwise)."""
    try:
        from pyspark.sql import SparkSession
    except ModuleNotFoundError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("the spark engine needs PySpark: pip install 'narratrace[spark]'") from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    builder = (
        SparkSession.builder.appName("narratrace")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    master = os.environ.get("NARRATRACE_SPARK_MASTER")
    if master:
        builder = builder.master(master)
    elif "PYSPARK_GATEWAY_PORT" not in os.environ:  # not launched by spark-submit
        # Spark's 1 GB default driver heap cannot take in a 100k-article corpus (measured: out of
        # memory); in local mode the driver is also the only executor.
        memory = os.environ.get("NARRATRACE_SPARK_DRIVER_MEMORY", "3g")
        builder = builder.master("local[*]").config("spark.driver.memory", memory)
        # Local Python workers must run this interpreter and import this copy of narratrace.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        package_root = str(Path(__file__).resolve().parents[1])
        paths = os.environ.get("PYTHONPATH", "").split(os.pathsep)
        if package_root not in paths:
            os.environ["PYTHONPATH"] = os.pathsep.join([package_root, *[p for p in paths if p]])
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session
