"""Words per second and peak memory on one long line against the same text as articles.

    python benchmarks/long_line.py [--data DEV.jsonl] [--chars 5000000] [--rounds 1]

Two modes, each run in a fresh process so neither's memory or caches leak into the
other's numbers, taking turns (dev line dev line ...) when there are several rounds; the
fastest run of each mode is kept, since noise only ever adds time:

- ``dev``: the PolNeAR dev articles as given (84 articles, one paragraph per line);
- ``line``: the same paragraphs joined by spaces into one line without a single line
  break, repeated until it is ``--chars`` characters long (5,000,000 by default, the
  documented ``--max-chars`` limit), cut after a word: one document, as a transcript or a
  page without line breaks would come.

Both run the default extractor (tagger + rules) through ``Extractor.pipe``; the time is
the work alone, after the model is loaded. Words are whitespace-separated. Peak RSS is
the child's own maximum (``wait4``), model included. Target: the long line at ≥ 0.5× the
words/s of dev, and at most 500 MiB. Tables go to stdout, progress to stderr. The text
is built at run time from ``--data`` and never written anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
DEFAULT_CHARS = 5_000_000  # config.DEFAULT_MAX_CHARS
TARGET_RATIO = 0.5  # words/s of the long line over words/s of dev
TARGET_RSS_MIB = 500
MODES = ("dev", "line")


def read_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(id, text) per record of a JSON Lines file."""
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                record = json.loads(line)
                yield str(record["id"]), record["text"]


def one_line(path: Path, chars: int) -> str:
    """Every paragraph of ``path``'s texts joined by spaces, repeated to ``chars``
    characters and cut after a word: no line break anywhere."""
    paragraphs = [p.strip() for _, text in read_texts(path) for p in text.splitlines()]
    once = " ".join(p for p in paragraphs if p)
    text = " ".join([once] * (chars // (len(once) + 1) + 1))[:chars]
    return text[: text.rfind(" ")] if len(text) == chars else text


# ---------------------------------------------------------------- the child side


def _child(mode: str, data: Path, chars: int) -> None:
    """Load, then time one pass; print words, seconds and CPU seconds as one JSON line."""
    from onrecord.extract import Extractor
    from onrecord.model import RawDocument

    if mode == "dev":
        items = [RawDocument(i, text) for i, text in read_texts(data)]
    else:
        items = [RawDocument("line", one_line(data, chars))]
    words = sum(len(item.text.split()) for item in items)
    size = sum(len(item.text) for item in items)
    extractor = Extractor()
    start, cpu = time.perf_counter(), time.process_time()
    attributions = sum(len(doc.attributions) for doc in extractor.pipe(items))
    work, cpu = time.perf_counter() - start, time.process_time() - cpu
    result = {"words": words, "chars": size, "work": work, "cpu": cpu, "found": attributions}
    print(json.dumps(result))


# ---------------------------------------------------------------- the parent side


def _measure(command: list[str]) -> tuple[dict[str, float], float]:
    """Run ``command``: (its JSON line, its peak RSS in MiB from ``wait4``)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            message = err.read().decode(errors="replace").strip()
            sys.exit(f"error: {' '.join(command)} exited {proc.returncode}:\n{message}")
        return json.loads(out.read().decode().strip().splitlines()[-1]), usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--chars", type=int, default=DEFAULT_CHARS)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.data, args.chars)
        return
    if not args.data.is_file():
        sys.exit(f"error: {args.data} not found. Pass --data with PolNeAR's dev.jsonl.")
    best: dict[str, tuple[dict[str, float], float]] = {}
    for round_ in range(1, args.rounds + 1):
        for mode in MODES:
            command = [sys.executable, __file__, "--child", mode, "--data", str(args.data)]
            result, rss = _measure([*command, "--chars", str(args.chars)])
            rate = result["words"] / result["work"]
            print(
                f"round {round_} {mode}: {result['work']:.1f} s, {rate:,.0f} words/s,"
                f" {rss:,.0f} MiB, load {os.getloadavg()[0]:.1f}",
                file=sys.stderr,
            )
            kept = best.get(mode)
            rss = max(rss, kept[1]) if kept else rss
            if kept is None or result["work"] < kept[0]["work"]:
                kept = (result, rss)
            best[mode] = (kept[0], rss)
    print("| input | characters | words | attributions | seconds | CPU s | words/s | peak RSS |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for mode, (r, rss) in best.items():
        print(
            f"| {mode} | {r['chars']:,.0f} | {r['words']:,.0f} | {r['found']:,.0f} |"
            f" {r['work']:.1f} | {r['cpu']:.1f} | {r['words'] / r['work']:,.0f} | {rss:,.0f} MiB |"
        )
    (dev, dev_rss), (line, line_rss) = best["dev"], best["line"]
    ratio = (line["words"] / line["work"]) / (dev["words"] / dev["work"])
    cpu_ratio = (line["words"] / line["cpu"]) / (dev["words"] / dev["cpu"])
    print(
        f"\nline / dev words/s: {ratio:.2f} (CPU time: {cpu_ratio:.2f}; target ≥ {TARGET_RATIO});"
        f" peak RSS {max(dev_rss, line_rss):,.0f} MiB (target ≤ {TARGET_RSS_MIB})"
    )


if __name__ == "__main__":
    main()
