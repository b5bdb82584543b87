"""Many documents through the extractor: streaming, in input order, errors per document.

``run_batch`` never holds the corpus: documents go in chunks of ``CHUNK_SIZE``, and with
``jobs > 1`` at most ``2 * jobs`` chunks are in flight, so memory stays flat at any input
size. A document that cannot be read or extracted becomes a record with ``errors`` set
and the batch goes on; ``Report`` counts them and owns the exit code (black's report.py).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from itertools import islice

from onrecord.config import Settings
from onrecord.errors import OnrecordError, error
from onrecord.extract import Extractor
from onrecord.model import Document, RawDocument

__all__ = [
    "CHUNK_SIZE",
    "ExtractorStartError",
    "Report",
    "check_document",
    "extract_chunk",
    "run_batch",
    "start_extractor",
]

logger = logging.getLogger(__name__)

#: documents per task sent to a worker: small, so memory stays flat and order is cheap
CHUNK_SIZE = 8
#: chunks queued per worker: enough to keep every worker busy, few enough to stay small
CHUNKS_PER_JOB = 2


class ExtractorStartError(OnrecordError):
    """The Extractor could not be built (e.g. the model is missing): no document can be done."""

    def __reduce__(self) -> tuple[type[ExtractorStartError], tuple[str, str]]:
        return type(self), (self.code, self.message)  # crosses back from a worker process


def start_extractor(settings: Settings) -> Extractor:
    """An Extractor for ``settings``; any failure becomes an ExtractorStartError saying why."""
    try:
        return Extractor(settings)
    except OnrecordError as exc:
        raise ExtractorStartError(exc.code, exc.message) from exc
    except Exception as exc:  # e.g. spaCy's OSError for a model that is not installed
        raise ExtractorStartError("E000", f"{type(exc).__name__}: {exc}") from exc


def check_document(raw: RawDocument, settings: Settings) -> RawDocument:
    """``raw``, or an E004 error record (text dropped) if it is over ``settings.max_chars``."""
    if raw.error is None and len(raw.text) > settings.max_chars:
        problem = error("E004", doc_id=raw.id, size=len(raw.text), limit=settings.max_chars)
        return replace(raw, text="", error=problem)
    return raw


def run_batch(
    items: Iterable[RawDocument],
    settings: Settings,
    jobs: int = 1,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> Generator[Document, None, None]:
    """One Document per item, in input order; ``jobs`` worker processes when above 1.

    Each worker builds one Extractor (one model load) and reuses it. Close the iterator
    (or exhaust it) to stop the workers.
    """
    chunks = _chunked((check_document(raw, settings) for raw in items), chunk_size)
    if jobs <= 1:
        extractor: Extractor | None = None  # built on first need: bad input alone needs no model
        for chunk in chunks:
            if extractor is None and any(raw.error is None for raw in chunk):
                extractor = start_extractor(settings)
            yield from extract_chunk(extractor, chunk)
        return

    pool = ProcessPoolExecutor(
        jobs, mp_context=_context(), initializer=_start_worker, initargs=(settings,)
    )
    pending: deque[Future[list[Document]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= jobs * CHUNKS_PER_JOB:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        # on early close (e.g. ``| head``): drop queued chunks, let running ones finish
        pool.shutdown(wait=True, cancel_futures=True)


def extract_chunk(extractor: Extractor | None, chunk: list[RawDocument]) -> list[Document]:
    """Documents for ``chunk`` in order; unreadable ones and extraction failures are records."""
    readable = [raw for raw in chunk if raw.error is None]
    if not readable:
        return [_error_record(raw) for raw in chunk]
    assert extractor is not None, "a chunk with readable documents needs an extractor"
    try:
        extracted = list(extractor.pipe(readable))
        if len(extracted) != len(readable):
            raise RuntimeError(f"pipe gave {len(extracted)} documents for {len(readable)}")
    except Exception:
        # one bad document must not sink its chunk: retry one by one to find it
        logger.debug("chunk failed; extracting its documents one by one", exc_info=True)
        extracted = [_extract_one(extractor, raw) for raw in readable]
    done = iter(extracted)
    return [_error_record(raw) if raw.error is not None else next(done) for raw in chunk]


def _extract_one(extractor: Extractor, raw: RawDocument) -> Document:
    try:
        return next(iter(extractor.pipe([raw])))
    except Exception as exc:  # any bug on any text: record it (E008), keep the batch going
        logger.debug("%s: extraction failed", raw.id, exc_info=True)
        detail = f"{type(exc).__name__}: {exc}"
        return Document(
            raw.id, raw.text, raw.meta, errors=(error("E008", doc_id=raw.id, detail=detail),)
        )


def _error_record(raw: RawDocument) -> Document:
    assert raw.error is not None
    return Document(raw.id, raw.text, raw.meta, errors=(raw.error,))


def _chunked(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux: workers inherit the imported spaCy and onrecord, so they only load the
    model (start ~2 s sooner than forkserver, ~6 s sooner than spawn on 2 cores), and it
    works from scripts without a ``__main__`` guard. The parent must not hold threads when
    it forks: the CLI turns off tqdm's monitor thread. spawn elsewhere (fork is unsafe on
    macOS, absent on Windows)."""
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


# worker side: one Extractor per process, built once by the pool's initializer
_worker_extractor: Extractor | None = None
_worker_failure: ExtractorStartError | None = None


def _start_worker(settings: Settings) -> None:
    global _worker_extractor, _worker_failure
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _worker_extractor = start_extractor(settings)
    except ExtractorStartError as exc:  # a failing initializer only breaks the pool: keep why
        logger.debug("worker could not build the extractor", exc_info=True)
        _worker_failure = exc


def _work(chunk: list[RawDocument]) -> list[Document]:
    """Run in a worker: the chunk through this process's Extractor."""
    if _worker_extractor is None and any(raw.error is None for raw in chunk):
        raise _worker_failure or ExtractorStartError("E000", "worker has no extractor")
    return extract_chunk(_worker_extractor, chunk)


@dataclass
class Report:
    """What a batch did, and the exit code that follows from it (black's report.py)."""

    documents: int = 0
    ok: int = 0
    failed: int = 0
    attributions: int = 0

    def done(self, doc: Document) -> None:
        """Count ``doc``: ok, or failed if it carries errors."""
        self.documents += 1
        self.attributions += len(doc.attributions)
        if doc.is_ok:
            self.ok += 1
        else:
            self.failed += 1

    @property
    def return_code(self) -> int:
        """0 if every document was processed, 1 if some failed (the rest were written)."""
        return 1 if self.failed else 0

    def __str__(self) -> str:
        """``12 documents, 40 attributions, 1 failed``."""
        return ", ".join(
            [
                _plural(self.documents, "document"),
                _plural(self.attributions, "attribution"),
                f"{self.failed:,} failed",
            ]
        )


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
