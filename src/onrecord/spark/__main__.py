"""``python -m onrecord.spark`` and ``spark-submit .../onrecord/spark/__main__.py``: the
same command as ``onrecord spark``."""

from onrecord.cli.spark import main

if __name__ == "__main__":
    main()
