"""What the side-by-side benchmarks share: one timed child run with a version's ``src``
first on ``PYTHONPATH`` (the installed dependencies are shared), its last stdout line read
as JSON. ``versus.py`` and ``maintext.py`` take turns between two versions with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_child(code: str, src: Path, *args: str) -> dict[str, float]:
    """Run ``code`` in a fresh Python with ``src`` first on the path; its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"error: the run with {src} failed:\n{done.stderr[-2000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result
