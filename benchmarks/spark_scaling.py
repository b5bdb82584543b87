"""What Spark costs and gives: the same articles through ``onrecord spark`` and ``extract``.

    python benchmarks/spark_scaling.py [--articles 2000] [--modes local1 local2 cli1 cli2]

The input is PolNeAR train + dev (924 articles, read from ../shared, never copied into the
repo) repeated until there are ``--articles`` of them, each copy with its own id, written to
a temporary JSON Lines file. Every mode is the real command in a fresh process, timed
whole as a user waits for it (interpreter, JVM and Spark start, model loads, writing the
output): ``onrecord spark IN --out DIR --master local[N]`` (Parquet tables) and ``onrecord
extract IN -o OUT.jsonl -j N``. Each mode runs once: on 2,000 articles a run takes minutes,
so start-up noise is small beside it. Prints each mode's time as it finishes (stderr),
then the table, Spark's speed-up from one core to two and its overhead over the CLI on
the same cores.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
ONRECORD = str(Path(sys.executable).with_name("onrecord"))
MODES = {
    "local1": ("spark", "local[1]"),
    "local2": ("spark", "local[2]"),
    "cli1": ("extract", "1"),
    "cli2": ("extract", "2"),
}


def write_input(path: Path, count: int) -> int:
    """``count`` articles cycling through PolNeAR train + dev; returns the words written."""
    records = []
    for name in ("train.jsonl", "dev.jsonl"):
        with (POLNEAR / name).open(encoding="utf-8") as f:
            records.extend(json.loads(line) for line in f if line.strip())
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            record = records[i % len(records)]
            copy = i // len(records) + 1
            text = record["text"]
            words += len(text.split())
            row = {
                "id": f"{record['id']}#{copy}",
                "text": text,
                "url": f"https://polnear.example/{copy}/{record['id']}",
            }
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def run(mode: str, data: Path, work: Path) -> float:
    command, how = MODES[mode]
    if command == "spark":
        args = [ONRECORD, "spark", str(data), "--out", str(work / mode), "--master", how]
    else:
        args = [ONRECORD, "extract", str(data), "-o", str(work / f"{mode}.jsonl"), "-j", how]
    started = time.perf_counter()
    subprocess.run([*args, "-q"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--modes", nargs="+", choices=list(MODES), default=list(MODES))
    args = parser.parse_args()
    seconds: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="spark-scaling-") as folder:
        work = Path(folder)
        data = work / "articles.jsonl"
        words = write_input(data, args.articles)
        print(f"input: {args.articles:,} articles, {words:,} words", file=sys.stderr)
        for mode in args.modes:
            seconds[mode] = run(mode, data, work)
            print(f"{mode}: {seconds[mode]:.1f} s", file=sys.stderr, flush=True)
    print(f"input: {args.articles:,} articles (PolNeAR train + dev, cycled), {words:,} words")
    print(f"{'mode':28} {'wall s':>8} {'articles/s':>11} {'s/article/core':>15}")
    for mode, wall in seconds.items():
        command, how = MODES[mode]
        label = f"spark --master {how}" if command == "spark" else f"extract -j {how}"
        per_core = wall * int(mode[-1]) / args.articles
        print(f"{label:28} {wall:8.1f} {args.articles / wall:11.2f} {per_core:15.3f}")
    if {"local1", "local2"} <= seconds.keys():
        print(f"spark speed-up local[2] / local[1]: {seconds['local1'] / seconds['local2']:.2f}x")
    for n in ("1", "2"):
        if {f"local{n}", f"cli{n}"} <= seconds.keys():
            overhead = seconds[f"local{n}"] / seconds[f"cli{n}"] - 1
            print(f"spark overhead on {n} core(s) vs extract -j {n}: {overhead:+.1%}")


if __name__ == "__main__":
    main()
