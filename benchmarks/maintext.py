"""Main text from real pages: the AEB pages through onrecord's own reader, scored and timed.

    python benchmarks/maintext.py [--versus REV] [--rounds 3] [--worst 10] [--out PRED.jsonl]

Reads ``../shared/data/aeb/pages.warc.gz`` with ``readers.warc.read_warc_pages`` and takes
each page's text out with ``page_document`` (what ``onrecord extract`` does before
attribution, which is left out, so a run takes seconds, not minutes). The records (``text``
and ``meta.url``, as ``onrecord extract -f jsonl`` writes them) go to ``--out`` and are
scored by ``../shared/eval/maintext.py``, run as it is: its own line of F1 / precision /
recall is printed. Then the pages with the lowest recall and the lowest precision, and the
pages with no text and their error.

``--versus REV`` also runs the commit ``REV`` (a git worktree in a temporary folder, its
``src`` first on ``PYTHONPATH``) on the same pages, in fresh child processes taking turns
(old, new, old, new ...), so a noisy neighbour slows both alike; the best time of each is
kept (noise only adds time), and both are scored. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from side_by_side import run_child

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "data" / "aeb"
SCORER = ROOT.parent / "shared" / "eval" / "maintext.py"

CHILD = """
import json, sys, time
from onrecord.readers.warc import WarcPage, page_document, read_warc_pages
with open(sys.argv[1], "rb") as f:
    start = time.perf_counter()
    pages = list(read_warc_pages(f, sys.argv[1]))
    read = time.perf_counter() - start
start = time.perf_counter()
docs = [page_document(p) if isinstance(p, WarcPage) else p for p in pages]
seconds = time.perf_counter() - start
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for d in docs:
        rec = {"id": d.id, "text": d.text, "meta": d.meta,
               "errors": [d.error.message] if d.error else []}
        out.write(json.dumps(rec, ensure_ascii=False) + "\\n")
print(json.dumps({"seconds": seconds, "read_seconds": read, "pages": len(docs)}))
"""


def run(src: Path, warc: Path, out: Path) -> dict[str, float]:
    """Reads the WARC with ``src`` first on the path, writes records to ``out``: the times."""
    return run_child(CHILD, src, str(warc), str(out))


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("maintext_scorer", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"error: cannot load {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(scorer: ModuleType, truth_path: Path, pred_path: Path, worst: int) -> None:
    """The scorer's own summary line, then the worst pages by recall and by precision."""
    scorer.main([str(truth_path), str(pred_path)])
    truth = [json.loads(line) for line in truth_path.open(encoding="utf-8") if line.strip()]
    pred: dict[str, dict[str, object]] = {}
    for line in pred_path.open(encoding="utf-8"):
        rec = json.loads(line)
        url = rec.get("meta", {}).get("url")
        if url:
            pred[url] = rec
    rows = []
    for t in truth:
        rec = pred.get(t["url"], {})
        tp, fp, fn = scorer.page_counts(t["text"], str(rec.get("text") or ""))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        rows.append((p, r, t["url"], rec.get("errors") or []))
    failed = [row for row in rows if row[3] or not row[0]]
    print(f"pages with no text: {len(failed)}")
    for _, _, url, errors in failed:
        print(f"  {url}  {'; '.join(map(str, errors)) or 'no record'}")
    for name, key in (("recall", 1), ("precision", 0)):
        print(f"lowest {name}:")
        for p, r, url, _ in sorted(rows, key=lambda row: row[key])[:worst]:
            print(f"  P {p:.2f}  R {r:.2f}  {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versus", metavar="REV", help="Also run this commit, taking turns.")
    parser.add_argument("--rounds", type=int, default=1, help="Timed runs of each version.")
    parser.add_argument("--worst", type=int, default=10, help="Pages listed per list.")
    parser.add_argument("--out", type=Path, help="Where this checkout's records go.")
    parser.add_argument("--data", type=Path, default=AEB, help="The folder of the AEB set.")
    args = parser.parse_args()
    warc, truth = args.data / "pages.warc.gz", args.data / "ground-truth.jsonl"
    if not warc.is_file() or not truth.is_file() or not SCORER.is_file():
        sys.exit(f"error: need {warc}, {truth} and {SCORER}")
    scorer = load_scorer()
    with tempfile.TemporaryDirectory() as tmp:
        versions = [("new", ROOT / "src", args.out or Path(tmp) / "new.jsonl")]
        if args.versus:
            tree = Path(tmp) / "old"
            subprocess.run(
                [
                    "git",
                    "-C",
                    str(ROOT),
                    "worktree",
                    "add",
                    "--detach",
                    "-q",
                    str(tree),
                    args.versus,
                ],
                check=True,
            )
            versions.insert(0, ("old", tree / "src", Path(tmp) / "old.jsonl"))
        try:
            best: dict[str, float] = {}
            for n in range(args.rounds):
                for name, src, out in versions:
                    got = run(src, warc, out)
                    print(
                        f"round {n + 1} {name}: {got['seconds']:.1f} s for {got['pages']:.0f} "
                        f"pages (reading the WARC {got['read_seconds']:.1f} s)",
                        file=sys.stderr,
                    )
                    best[name] = min(best.get(name, got["seconds"]), got["seconds"])
            for name, _, out in versions:
                label = args.versus if name == "old" else "this checkout"
                print(f"== {label}: best {best[name]:.1f} s to take the text out of the pages")
                report(scorer, truth, out, args.worst)
            if args.versus:
                print(f"time new / old: {best['new'] / best['old']:.2f}")
        finally:
            if args.versus:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                    check=False,
                )


if __name__ == "__main__":
    main()
