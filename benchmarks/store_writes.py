"""What storing costs without extraction: records written through ``StoreWriter`` alone.

    python benchmarks/store_writes.py RECORDS.jsonl [--rounds 3] [--reverse] [--into STORE]

``RECORDS.jsonl`` is ``onrecord extract``'s output (e.g. of PolNeAR dev). Each round
writes every record into a fresh store in one process and times the writes alone (no
interpreter start, no model), so a change to speaker matching or quote groups shows
against ~20 ms per article instead of vanishing in extraction's ~300 ms. Best of
``--rounds``, since noise only ever adds time. ``--reverse`` writes the records in
reverse order too and says whether both orders gave the same speakers (the partition
of entities into speakers, and each speaker's name and type). ``--into STORE`` writes
into a copy of a big store instead (``make_store.py``'s): the first open regroups a store
made without ``speaker_forms``, and is timed apart.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from onrecord.model import Document
from onrecord.store.writer import StoreWriter


def write_all(docs: list[Document], path: str) -> float:
    """Seconds spent writing ``docs`` into the store at ``path`` (closing included)."""
    with StoreWriter(path) as writer:
        started = time.perf_counter()
        for doc in docs:
            writer.write(doc)
    return time.perf_counter() - started


def open_seconds(path: str) -> float:
    """Seconds to open ``path`` for writing (an older store is regrouped then) and close it."""
    started = time.perf_counter()
    StoreWriter(path).close()
    return time.perf_counter() - started


def speaker_partition(path: str) -> set[tuple[str, str, frozenset[tuple[str, str]]]]:
    """Each speaker as (name, type, the (article, entity) pairs it holds): ids left out."""
    con = duckdb.connect(path, read_only=True)
    try:
        rows = con.execute(
            "SELECT s.name, s.type, e.article_id, e.id FROM entities e "
            "JOIN speakers s ON s.id = e.speaker_id"
        ).fetchall()
    finally:
        con.close()
    groups: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for name, type_, article, entity in rows:
        groups.setdefault((name, type_), set()).add((article, entity))
    return {(name, type_, frozenset(members)) for (name, type_), members in groups.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("records", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reverse", action="store_true")
    parser.add_argument("--into", type=Path, help="write into copies of this store")
    args = parser.parse_args()
    with args.records.open(encoding="utf-8") as lines:
        docs = [Document.from_dict(json.loads(line)) for line in lines]
    best = float("inf")
    with tempfile.TemporaryDirectory() as work:
        for round_ in range(args.rounds):
            path = f"{work}/store-{round_}.duckdb"
            if args.into:
                shutil.copyfile(args.into, path)
                print(f"round {round_ + 1} first open: {open_seconds(path):.2f} s")
            seconds = write_all(docs, path)
            best = min(best, seconds)
            print(f"round {round_ + 1}: {seconds:.2f} s", file=sys.stderr)
        print(f"{len(docs)} records: best {best:.2f} s, {best / len(docs) * 1000:.1f} ms a record")
        if args.reverse:
            write_all(docs[::-1], f"{work}/reversed.duckdb")
            same = speaker_partition(f"{work}/store-0.duckdb") == speaker_partition(
                f"{work}/reversed.duckdb"
            )
            print(f"reverse order gives the same speakers: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
