"""What the store costs: ``onrecord ingest`` against ``onrecord extract`` to JSON Lines.

    python benchmarks/ingest_overhead.py [--data DEV.jsonl] [--rounds 2] [--jobs 1]

Both are the real commands on the same input, each run a fresh process (interpreter
start, imports and model load included, as a user waits for them); they take turns
(extract, ingest, extract, ingest, ...) so a noisy neighbour slows both alike, and the
best run of each is kept, since noise only ever adds time. Every ingest starts from an
empty store. Target: ingest takes at most 15% longer than extract.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
ONRECORD = str(Path(sys.executable).with_name("onrecord"))
TARGET_OVERHEAD = 0.15


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    best = {"extract": float("inf"), "ingest": float("inf")}
    with tempfile.TemporaryDirectory() as work:
        for round_ in range(args.rounds):
            out = Path(work) / f"records-{round_}.jsonl"
            db = Path(work) / f"store-{round_}.duckdb"
            runs = {
                "extract": [ONRECORD, "extract", str(args.data), "-o", str(out)],
                "ingest": [ONRECORD, "ingest", str(args.data), "--db", str(db)],
            }
            for name, command in runs.items():
                seconds = timed([*command, "-q", "-j", str(args.jobs)])
                best[name] = min(best[name], seconds)
                print(f"round {round_ + 1} {name}: {seconds:.1f} s", file=sys.stderr)
    overhead = best["ingest"] / best["extract"] - 1
    print(f"input: {args.data} ({sum(1 for _ in args.data.open())} documents), -j {args.jobs}")
    print(f"{'command':10} {'best s':>8}")
    for name, seconds in best.items():
        print(f"{name:10} {seconds:8.1f}")
    verdict = "ok" if overhead <= TARGET_OVERHEAD else "OVER"
    print(f"store overhead: {overhead:+.1%} (target <= {TARGET_OVERHEAD:.0%}) {verdict}")


if __name__ == "__main__":
    main()
