"""Peak memory and time of every hostile input, beside one small good article.

    python benchmarks/bad_inputs.py [--command extract|ingest]

Each case of the bad-input corpus (tests/bad_inputs.py: decompression bombs, JSON nested
10,000 deep, lone surrogates, a FIFO, UTF-16 JSON Lines, a damaged WARC header, a menu
page, a one-line article, ...) goes through the real command in a fresh process, and so
does a single good article, the baseline: a process that loads the model and writes one
record. Printed: each case's peak RSS (the process tree, sampled every 10 ms), seconds,
and both as ratios to the baseline. Target (issue 13): every peak ≤ 500 MiB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bad_inputs import run_measured, story, write_bad_corpus  # noqa: E402  (after the path is set)

ONRECORD = str(Path(sys.executable).with_name("onrecord"))
TARGET_MIB = 500


def measured(command: list[str]) -> tuple[int, float, int]:
    """Exit code, seconds, and peak RSS in bytes of ``command`` and its children."""
    started = time.perf_counter()
    result, peak = run_measured(command)
    return result.returncode, time.perf_counter() - started, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--command", choices=["extract", "ingest"], default="extract")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "bad"
        write_bad_corpus(folder)
        baseline = Path(work) / "good.txt"
        baseline.write_text(story(0), encoding="utf-8")
        cases = [baseline, *sorted(p for p in folder.iterdir() if p.is_file())]

        def run(path: Path, n: int) -> tuple[int, float, int]:
            if args.command == "extract":
                return measured([ONRECORD, "extract", str(path), "-o", "/dev/null", "-q"])
            db = Path(work) / f"store-{n}.duckdb"
            return measured([ONRECORD, "ingest", str(path), "--db", str(db), "-q"])

        run(baseline, 0)  # warm-up: the first process pays for cold file caches
        results = [(path, *run(path, n)) for n, path in enumerate(cases, start=1)]
        _, _, base_s, base_rss = results[0]
        print(f"onrecord {args.command}, one fresh process per case")
        print(f"{'case':28} {'exit':>4} {'peak MiB':>9} {'x base':>7} {'seconds':>8} {'x base':>7}")
        for path, code, seconds, rss in results:
            name = "(baseline) one article" if path == baseline else path.name
            print(
                f"{name:28} {code:>4} {rss / 2**20:>9.0f} {rss / base_rss:>7.2f} "
                f"{seconds:>8.1f} {seconds / base_s:>7.2f}"
            )
        worst = max(rss for *_, rss in results)
        verdict = "met" if worst <= TARGET_MIB * 2**20 else "MISSED"
        print(f"highest peak {worst / 2**20:.0f} MiB; target ≤ {TARGET_MIB} MiB: {verdict}")


if __name__ == "__main__":
    main()
