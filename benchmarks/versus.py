"""Extraction speed of this checkout against an earlier commit, side by side in one run.

    python benchmarks/versus.py REV [--data DEV.jsonl] [--rounds 3] [--limit N]

Makes a git worktree of ``REV`` in a temporary folder and times ``Extractor.pipe`` over
the same documents with each version's ``src`` first on ``PYTHONPATH`` (the installed
dependencies are shared), in fresh child processes that take turns (old, new, old, new
...), so a noisy neighbour slows both alike. Model loading is left out; the best run of
each is kept, since noise only ever adds time. Prints words per second and the ratio
new / old; a ratio of 0.95 is 5% slower. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from side_by_side import run_child

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"

CHILD = """
import json, sys, time
from onrecord.extract import Extractor
from onrecord.model import RawDocument
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
docs = docs[: int(sys.argv[2])] if int(sys.argv[2]) else docs
extractor = Extractor()
extractor("Warm-up sentence, she said.")
start = time.perf_counter()
found = sum(len(d.attributions) for d in extractor.pipe(
    RawDocument(str(d.get("id", i)), d["text"]) for i, d in enumerate(docs)))
print(json.dumps({"seconds": time.perf_counter() - start, "attributions": found,
                  "words": sum(len(d["text"].split()) for d in docs)}))
"""


def run(src: Path, data: Path, limit: int) -> dict[str, float]:
    """One timed extraction with ``src`` first on the path."""
    return run_child(CHILD, src, str(data), str(limit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="The commit to compare with (a hash, tag or branch).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="Only the first N documents.")
    args = parser.parse_args()
    if not args.data.is_file():
        sys.exit(f"error: {args.data} not found; pass --data FILE.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "old"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.rev],
            check=True,
        )
        try:
            best: dict[str, dict[str, float]] = {}
            for n in range(args.rounds):
                for name, src in (("old", tree / "src"), ("new", ROOT / "src")):
                    got = run(src, args.data, args.limit)
                    print(f"round {n + 1} {name}: {got['seconds']:.1f} s", file=sys.stderr)
                    if name not in best or got["seconds"] < best[name]["seconds"]:
                        best[name] = got
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False
            )
    words = best["new"]["words"]
    old_rate = words / best["old"]["seconds"]
    new_rate = words / best["new"]["seconds"]
    print(f"{'version':<10}{'words/s':>10}{'seconds':>10}{'attributions':>14}")
    for name, rate in (("old " + args.rev[:10], old_rate), ("new", new_rate)):
        got = best[name.split()[0]]
        print(f"{name:<10}{rate:>10,.0f}{got['seconds']:>10.1f}{int(got['attributions']):>14,}")
    print(f"new / old words per second: {new_rate / old_rate:.3f}")


if __name__ == "__main__":
    main()
