"""onrecord: who said what in the news, with resolved speakers and exact offsets."""

import os
import sys

# One BLAS thread per process: the tagger's small matrix products gain nothing from more,
# and OpenBLAS's spinning threads in each -j worker made -j 2 slower than -j 1. Set before
# numpy loads; an OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) you set yourself wins.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

# The `onrecord` command keeps an installed PyTorch out of every subcommand but `train`:
# thinc imports torch whenever it is installed (+170 MiB in every process, and threads the
# -j workers inherit), yet extraction runs the tagger on numpy. None in sys.modules makes
# `import torch` fail, so thinc goes without. Set here, before spaCy loads; only in the
# command's own process, never when onrecord is imported as a library.
if os.path.basename(sys.argv[0]) == "onrecord" and sys.argv[1:2] != ["train"]:
    sys.modules.setdefault("torch", None)  # type: ignore[arg-type]  # None: not importable


from onrecord.config import Settings  # noqa: E402  (after the thread limits)
from onrecord.extract import Extractor, extract  # noqa: E402
from onrecord.model import Attribution, Document, Entity, Offsets, RawDocument, Repair  # noqa: E402

__all__ = [
    "Attribution",
    "Document",
    "Entity",
    "Extractor",
    "Offsets",
    "RawDocument",
    "Repair",
    "Settings",
    "Store",
    "extract",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``onrecord.Store``: the store loads DuckDB, so only when it is asked for."""
    if name == "Store":
        from onrecord.store import Store

        return Store
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
