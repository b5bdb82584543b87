"""The gate beside the store: readers that never pause cannot keep an ingest out, readers
wait through the writer's windows instead of failing, and a killed writer frees them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from onrecord.errors import StoreError
from onrecord.model import Document
from onrecord.store import Store, StoreWriter
from onrecord.store.gate import WriteGate, writer_waiting


def python(code: str, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def new_store(db: Path, documents: int = 1) -> None:
    with StoreWriter(str(db)) as writer:
        for i in range(documents):
            writer.write(Document(f"first-{i}", f"Article {i} of the first batch."))


def wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    assert process.stdout.readline() == "ready\n", process.stderr and process.stderr.read()


#: a reader that holds the store open 0.3 s at a time and opens it again at once; three
#: of them, started 0.1 s apart, keep DuckDB's lock taken at every moment
RESTLESS_READER = """
import sys, time
from onrecord.store import Store
time.sleep(float(sys.argv[3]))
print('ready', flush=True)
end = time.monotonic() + float(sys.argv[2])
reads = []
while time.monotonic() < end and (not reads or reads[-1] < 11):
    with Store(sys.argv[1], timeout=30) as store:
        reads.append(store.sql('SELECT count(*) FROM articles')[1][0][0])
        time.sleep(0.3)
print(len(reads), min(reads), max(reads))
"""


def test_gate_readers_that_never_pause_cannot_keep_the_writer_out(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    new_store(db)
    readers = [python(RESTLESS_READER, db, 60, 0.1 * i) for i in range(3)]
    try:
        for reader in readers:
            wait_ready(reader)
        time.sleep(0.5)
        # each window waits for the readers inside (0.3 s); before the gate the writer
        # found no moment without a reader and stopped with E201 after 5 s
        with StoreWriter(str(db), timeout=5) as writer:
            for i in range(10):
                writer.write(Document(f"new-{i}", f"Article {i} written among readers."))
        outputs = [reader.communicate(timeout=60) for reader in readers]
    finally:
        for reader in readers:
            reader.kill()
            reader.communicate()
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err
        reads, fewest, most = map(int, out.split())
        assert reads >= 4 and fewest == 1 and most == 11  # they read before and after


def test_gate_readers_get_in_between_documents_written_back_to_back(tmp_path: Path) -> None:
    """A writer with nothing to extract between documents, that would hold the file for
    60 s, still lets a waiting reader in after a document (before: E201 after 2 s)."""
    db = tmp_path / "back-to-back.duckdb"
    new_store(db)
    reader = python(
        "import sys, time\n"
        "from onrecord.store import Store\n"
        "print('ready', flush=True)\n"
        "reads = []\n"
        "end = time.monotonic() + 4\n"
        "while time.monotonic() < end:\n"
        "    with Store(sys.argv[1], timeout=2) as store:\n"
        "        reads.append(store.sql('SELECT count(*) FROM articles')[1][0][0])\n"
        "    time.sleep(0.05)\n"
        "print(len(reads), reads[0], reads[-1])\n",
        db,
    )
    try:
        wait_ready(reader)
        written = 0
        with StoreWriter(str(db), hold=60) as writer:
            while reader.poll() is None and written < 2000:
                writer.write(Document(f"doc-{written}", f"Article number {written}."))
                written += 1
        out, err = reader.communicate(timeout=60)
    finally:
        reader.kill()
        reader.communicate()
    assert reader.returncode == 0, err
    reads, first, last = map(int, out.split())
    assert reads >= 5 and first < last  # it read again and again while the writer wrote


def test_gate_a_reader_gets_in_while_the_next_document_is_extracted(tmp_path: Path) -> None:
    """The writer holds its window after a document (no reader was waiting); a reader that
    comes during the next, long extraction is let in at once, not after the document."""
    db = tmp_path / "extracting.duckdb"
    new_store(db)
    with StoreWriter(str(db), hold=60) as writer:
        writer.write(Document("one", "The first article."))
        assert writer_waiting(str(db))  # the window is still open
        started = time.monotonic()
        with Store(db, timeout=1) as store:  # before the watcher: E201 after 1 s
            assert store.sql("SELECT count(*) FROM articles")[1] == [(2,)]
        assert time.monotonic() - started < 1
        writer.write(Document("two", "The second article."))  # the writer goes on


def test_gate_a_reader_waits_past_its_timeout_while_the_writer_makes_progress(
    tmp_path: Path,
) -> None:
    db = tmp_path / "progress.duckdb"
    new_store(db)
    writer = python(
        "import sys, time\n"
        "from onrecord.store.gate import WriteGate\n"
        "gate = WriteGate(sys.argv[1])\n"
        "gate.enter(5)\n"
        "print('ready', flush=True)\n"
        "for _ in range(12):\n"
        "    time.sleep(0.2)\n"
        "    gate.progress()\n"
        "gate.close()\n",
        db,
    )
    try:
        wait_ready(writer)
        assert writer_waiting(str(db))
        started = time.monotonic()
        with Store(db, timeout=1) as store:  # the window lasts 2.4 s, progress every 0.2 s
            assert store.count_quotes() == 0
        assert time.monotonic() - started >= 1.5
        assert writer.wait(timeout=10) == 0
    finally:
        writer.kill()
        writer.communicate()
    assert not writer_waiting(str(db))


def test_gate_a_writer_killed_inside_its_window_lets_readers_in(tmp_path: Path) -> None:
    db = tmp_path / "killed.duckdb"
    new_store(db)
    holder = python(
        "import sys, time\n"
        "from onrecord.store import StoreWriter\n"
        "writer = StoreWriter(sys.argv[1], hold=3600)\n"
        "writer._using.acquire()  # inside its window, in the middle of a write\n"
        "writer._connection()\n"
        "print('ready', flush=True)\n"
        "time.sleep(60)\n",
        db,
    )
    try:
        wait_ready(holder)
        assert writer_waiting(str(db))
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=10)
        with Store(db, timeout=2) as store:
            assert store.sql("SELECT count(*) FROM articles")[1] == [(1,)]
        with StoreWriter(str(db), timeout=2) as writer:  # the ingest lock is free too
            writer.write(Document("after", "Written after the kill."))
    finally:
        holder.kill()
        holder.communicate()


def test_gate_a_store_whose_lock_files_cannot_be_made_is_read_as_before(tmp_path: Path) -> None:
    """(A read-only folder, say; here a link to nowhere, which stops root as well.)"""
    db = tmp_path / "store.duckdb"
    new_store(db)
    os.remove(tmp_path / "store.duckdb.queue")
    os.symlink(tmp_path / "missing" / "queue", tmp_path / "store.duckdb.queue")
    with Store(db) as store:  # DuckDB's lock alone, no error
        assert store.sql("SELECT count(*) FROM articles")[1] == [(1,)]


def test_gate_lock_files_are_made_only_beside_a_duckdb_file(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a store\n", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store(text)
    assert caught.value.code == "E202"
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_gate_the_writer_leaves_the_gate_between_windows(tmp_path: Path) -> None:
    db = tmp_path / "windows.duckdb"
    with StoreWriter(str(db)) as writer:
        assert not writer_waiting(str(db))  # __init__ let go once it had read the store
        writer.write(Document("one", "One article."))
        assert writer_waiting(str(db))  # held for `hold` seconds after a write
    assert not writer_waiting(str(db))
    gate = WriteGate(str(db))
    gate.enter(1)
    gate.close()
    assert not writer_waiting(str(db))
