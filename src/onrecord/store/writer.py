"""Documents into the store: one transaction per document, idempotent and resumable.

An article's key is a hash of its URL and text, so the same input ingested twice adds
nothing, and a run killed midway (even with SIGKILL) is resumed by running it again:
every document is committed with all its rows or not at all, and documents already in
the store are skipped before extraction. Failed documents become ``errors`` rows.

Only one ingest writes to a store at a time (a lock file beside it, E204). DuckDB lets a
file have one writer or many readers, so the writer holds the file for windows, entered
through the gate (gate.py: readers arriving after the writer wait for it, so they cannot
keep it out). When readers wait, a window ends once no document has come for
``WATCH_SECONDS`` (the next is being extracted: they read meanwhile; a watcher thread
sees to it, since a long document may take minutes), or after a document once it has
lasted ``SHARE_SECONDS`` (documents come in bursts, a chunk's worth at a time). Else it
ends after a document once it has lasted ``hold`` seconds.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import duckdb

from onrecord.batch import Report, run_batch
from onrecord.config import Settings
from onrecord.errors import StoreError
from onrecord.model import Document, RawDocument
from onrecord.store.connection import connect
from onrecord.store.counts import COUNT_TABLES, article_counts, counts_kept, fill
from onrecord.store.gate import WriteGate
from onrecord.store.outlets import merge_stored
from onrecord.store.rows import article_key, document_rows, error_rows
from onrecord.store.speaker_rows import load_speakers, save_change
from onrecord.store.variants import band_keys, is_variant, search_text, word_keys

__all__ = ["IngestReport", "StoreWriter", "article_key", "ingest"]

logger = logging.getLogger(__name__)

#: seconds the writer holds the file, when no reader waits, before it lets go (after a
#: document) for readers that do not use the gate: each reopening costs ~15-45 ms
HOLD_SECONDS = 4.0
#: lookup tables kept sorted, so DuckDB's zone maps find a key in a few blocks; rows
#: appended since the last sort (the tail every lookup scans) are re-sorted at the end
#: of an ingest once there are more than UNSORTED_ROWS of them, or a tenth of the table
SORTED_TABLES = (("quote_words", "word"), ("quote_bands", "band"))
UNSORTED_ROWS = 200_000
#: how often the writer looks, between documents, for readers waiting at the gate
WATCH_SECONDS = 0.05
#: the shortest window while readers wait, if documents keep coming: ending it after every
#: document of a burst cost ~250 ms per document under 8 busy web clients (each window
#: waits for the server's requests in flight, and the server serves 0.2 s per opening)
SHARE_SECONDS = 0.5
#: how each table kept in order is rebuilt: sorted, or (the counts) also summed by key
_TIDIED = {
    **{table: f"SELECT * FROM {table} ORDER BY {column}" for table, column in SORTED_TABLES},
    **{name: table.compacted for name, table in COUNT_TABLES.items()},
}


@dataclass
class IngestReport(Report):
    """A batch Report that also counts documents already in the store."""

    skipped: int = 0

    def __str__(self) -> str:
        done = super().__str__()
        return f"{done}, {self.skipped:,} already in the store" if self.skipped else done


def ingest(
    items: Iterable[RawDocument],
    path: str,
    settings: Settings | None = None,
    jobs: int = 1,
    *,
    report: IngestReport | None = None,
    hold: float = HOLD_SECONDS,
) -> Generator[Document, None, None]:
    """Extract and store every new document of ``items``; yields each as it is stored.

    ``report`` (if given) counts stored, failed and skipped documents as they go.
    """
    settings = settings or Settings()
    report = report if report is not None else IngestReport()
    with StoreWriter(path, hold=hold) as writer:

        def fresh() -> Iterator[RawDocument]:
            for raw in items:
                if raw.error is None and writer.has(article_key(raw.text, raw.meta.get("url"))):
                    report.skipped += 1
                    continue
                yield raw

        docs = run_batch(fresh(), settings, jobs)
        try:
            for doc in docs:
                writer.write(doc)
                report.done(doc)
                yield doc
        finally:
            docs.close()


class StoreWriter:
    """Writes documents to the store at ``path``; use it as a context manager."""

    def __init__(self, path: str, *, hold: float = HOLD_SECONDS, timeout: float = 60.0) -> None:
        self.path = path
        self.hold = hold
        self.timeout = timeout
        self._lock: IO[bytes] | None = _take_ingest_lock(path)
        self._gate = WriteGate(path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._opened = 0.0
        self._written = 0.0  # when the last write ended
        #: held while the connection is in use; the watcher closes it only when free
        self._using = threading.RLock()
        self._stopped = threading.Event()
        self._watcher: threading.Thread | None = None
        try:
            self._load()
        except BaseException:
            self._release()
            raise
        self._let_go()  # readers may read while the model loads; the first write reopens
        self._watcher = threading.Thread(target=self._watch, name="store-writer", daemon=True)
        self._watcher.start()

    def _load(self) -> None:
        """What the writer keeps in memory: article keys, speakers, the next group and seq."""
        con = self._connection()
        self._articles = {row[0] for row in con.execute("SELECT id FROM articles").fetchall()}
        self._speakers = load_speakers(con)  # an older store is regrouped here, once
        top = con.execute("SELECT coalesce(max(quote_group), 0) FROM quote_bands").fetchone()
        self._next_group = int(top[0] if top else 0) + 1
        top = con.execute("SELECT coalesce(max(seq), 0) FROM attributions").fetchone()
        self._next_seq = int(top[0] if top else 0) + 1
        con.begin()  # outlets stored under several names get one (outlets.py)
        self._outlets = merge_stored(con)
        con.commit()
        if not counts_kept(con):
            con.begin()  # a new store, or one made before the counts tables
            fill(con)
            con.commit()

    def __enter__(self) -> StoreWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def has(self, key: str) -> bool:
        """Whether the article with this key is already stored."""
        return key in self._articles

    def write(self, doc: Document) -> None:
        """Store ``doc`` (or its errors) in one transaction; a stored article is skipped."""
        with self._using:
            self._write(doc)

    def _write(self, doc: Document) -> None:
        if doc.errors:
            self._write_errors(doc)
            return
        key = article_key(doc.text, doc.meta.get("url"))
        if key in self._articles:
            return
        con = self._connection()
        con.begin()
        try:
            self._write_article(con, key, doc)
            con.commit()
        except BaseException:
            con.rollback()
            self._speakers = load_speakers(con)  # the index may hold forms rolled back
            raise
        self._articles.add(key)
        self._gate.progress()
        logger.info("stored %s (%d attributions)", doc.id, len(doc.attributions))
        self._maybe_let_go()

    def close(self) -> None:
        self._stopped.set()
        if self._watcher is not None:
            self._watcher.join()
        try:
            if self._lock is not None:  # still ours: tidy up before letting go
                self._tidy_tables()
        finally:
            self._release()

    def _watch(self) -> None:
        """Close the file when readers wait and no document has come for WATCH_SECONDS."""
        while not self._stopped.wait(WATCH_SECONDS):
            if self._con is None or not self._using.acquire(blocking=False):
                continue
            try:
                idle = time.monotonic() - max(self._written, self._opened)
                if idle >= WATCH_SECONDS and self._gate.readers_waiting():
                    self._let_go()
            finally:
                self._using.release()

    def _release(self) -> None:
        """Close the file, leave the gate, and let another ingest in."""
        self._let_go()
        self._gate.close()
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def _write_article(self, con: duckdb.DuckDBPyConnection, key: str, doc: Document) -> None:
        rows = document_rows(doc)
        outlet = self._outlets.name(rows.article["outlet"])  # as this store names it
        for row in (rows.article, *rows.attributions):
            row["outlet"] = outlet
        # the article's names may regroup forms already stored: ``change`` says which
        change = self._speakers.add((e["name"], e["type"]) for e in rows.entities)
        entity_speakers: dict[str, int | None] = {}
        for entity in rows.entities:
            entity["speaker_id"] = self._speakers.speaker_of((entity["name"], entity["type"]))
            entity_speakers[entity["id"]] = entity["speaker_id"]
        groups = self._quote_groups(con, [a["content_text"] for a in rows.attributions])
        word_rows: list[tuple[int, int]] = []
        for attribution, (normalised, group) in zip(rows.attributions, groups, strict=True):
            seq = self._next_seq
            self._next_seq += 1
            word_rows.extend((word, seq) for word in word_keys(normalised))
            attribution["speaker_id"] = entity_speakers.get(attribution["entity_id"] or "")
            attribution["search_text"] = f" {normalised} "  # padded: a phrase is one contains()
            attribution["quote_group"] = group
            attribution["seq"] = seq
        _insert(con, "articles", [rows.article])
        save_change(con, change, self._speakers.next_id)  # before the article's own rows
        _insert(con, "entities", rows.entities)
        _insert(con, "attributions", rows.attributions)
        _insert_rows(con, "quote_words", "word quote", word_rows)
        for table, counts in article_counts(rows.attributions, rows.entities).items():
            _insert_rows(con, table, COUNT_TABLES[table].columns, counts)

    def _quote_groups(
        self, con: duckdb.DuckDBPyConnection, contents: list[str]
    ) -> list[tuple[str, int]]:
        """(search text, quote group) per content: an existing group of variants, or a new one."""
        normalised = [search_text(c) for c in contents]
        keys = [band_keys(n) for n in normalised]
        wanted = sorted({k for ks in keys for k in ks})
        candidates: dict[int, list[tuple[int, str]]] = {}
        if wanted:
            rows = con.execute(
                "SELECT band, quote_group, search_text FROM quote_bands "
                "WHERE band IN (SELECT unnest(?::BIGINT[]))",
                [wanted],
            ).fetchall()
            for band, group, text in rows:
                candidates.setdefault(band, []).append((group, text))
        result: list[tuple[str, int]] = []
        new_bands: list[tuple[int, int, str]] = []
        for text, bands in zip(normalised, keys, strict=True):
            group = next(
                (
                    g
                    for band in bands
                    for g, other in candidates.get(band, ())
                    if is_variant(text, other)
                ),
                None,
            )
            if group is None:
                group = self._next_group
                self._next_group += 1
                for band in bands:
                    new_bands.append((band, group, text))
                    candidates.setdefault(band, []).append((group, text))  # later quotes here
            result.append((text, group))
        _insert_rows(con, "quote_bands", "band quote_group search_text", new_bands)
        return result

    def _write_errors(self, doc: Document) -> None:
        con = self._connection()
        for row in error_rows(doc):
            con.execute(
                'INSERT OR REPLACE INTO errors (doc_id, source, "offset", code, message) '
                "VALUES ($doc_id, $source, $offset, $code, $message)",
                row,
            )
        self._gate.progress()
        self._maybe_let_go()

    def _tidy_tables(self) -> None:
        """Re-sort the lookup tables (quote_words by word, quote_bands by band) and fold
        the counts tables, once their unsorted tail passes ``UNSORTED_ROWS`` or a tenth
        of the table."""
        con = self._connection()
        for table, tidied in _TIDIED.items():
            (total,) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
            row = con.execute("SELECT value FROM store_info WHERE key = ?", [table]).fetchone()
            if total - (row[0] if row else 0) <= max(UNSORTED_ROWS, total // 10):
                continue
            started = time.monotonic()
            self._gate.progress()  # readers wait on while a big table is sorted
            con.begin()
            con.execute(f"CREATE OR REPLACE TABLE {table} AS {tidied}")
            (total,) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
            con.execute("INSERT OR REPLACE INTO store_info VALUES (?, ?)", [table, total])
            con.commit()
            logger.info("sorted %d rows of %s in %.1f s", total, table, time.monotonic() - started)

    def _connection(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._gate.enter(self.timeout)
            try:
                self._con = connect(
                    self.path, read_only=False, timeout=self.timeout, schema=not self._opened
                )
            except BaseException:
                self._gate.leave()
                raise
            self._opened = time.monotonic()
        return self._con

    def _maybe_let_go(self) -> None:
        """Close the file after ``SHARE_SECONDS`` if readers wait for it, else after
        ``hold`` seconds (for readers that do not use the gate)."""
        self._written = time.monotonic()
        held = self._written - self._opened
        if held >= self.hold or (held >= SHARE_SECONDS and self._gate.readers_waiting()):
            self._let_go()

    def _let_go(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        self._gate.leave()


#: column types of the store's tables, for ``_insert``'s typed lists
_COLUMN_TYPES: dict[tuple[str, str], str] = {}


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows given as dicts (all with the same keys) into ``table``."""
    if rows:
        names = list(rows[0])
        _insert_rows(con, table, " ".join(names), [tuple(r[n] for n in names) for r in rows])


def _insert_rows(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, rows: list[tuple[Any, ...]]
) -> None:
    """All ``rows`` in one INSERT, passed as one typed list per column.

    A list per column binds far faster than a parameter per value (a document's ~20
    attributions x 17 columns took ~3 ms as VALUES rows, a fraction of that as lists).
    """
    if not rows:
        return
    names = columns.split()
    if (table, names[0]) not in _COLUMN_TYPES:
        for name, type_ in con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?",
            [table],
        ).fetchall():
            _COLUMN_TYPES[(table, name)] = "VARCHAR" if type_ == "JSON" else type_
    lists = ", ".join(f"unnest(?::{_COLUMN_TYPES[(table, n)]}[])" for n in names)
    con.execute(
        f"INSERT INTO {table} ({', '.join(names)}) SELECT {lists}",
        [list(column) for column in zip(*rows, strict=True)],
    )


def _take_ingest_lock(path: str) -> IO[bytes]:
    """An exclusive lock on ``PATH.ingest-lock``: a second ingest stops with E204."""
    lock = open(f"{os.path.abspath(path)}.ingest-lock", "a+b")  # noqa: SIM115  (held until close)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        lock.close()
        raise StoreError("E204", path=path, detail=exc.strerror or str(exc)) from exc
    return lock
