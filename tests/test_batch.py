"""run_batch: streaming, input order, one record per document whatever goes wrong; Report."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import pytest

from onrecord import batch
from onrecord.batch import ExtractorStartError, Report, check_document, run_batch
from onrecord.config import Settings
from onrecord.errors import error
from onrecord.extract import Extractor
from onrecord.model import Attribution, Document, Offsets, RawDocument

SENTENCES = [
    "The bakery on Quay Street will close in March, its owner said.",
    "“Bread is not a luxury,” said Tomas Reyes, who has run it for thirty years.",
    "Council officials said the lease would not be renewed.",
    "A petition to keep it open has 4,000 signatures, organisers said.",
]


def raw(i: int) -> RawDocument:
    return RawDocument(f"d{i}", SENTENCES[i % len(SENTENCES)])


class FakeExtractor:
    """Echoes documents back; fails on texts containing "boom" (a bug on one document)."""

    built = 0

    def __init__(self, settings: Settings) -> None:
        FakeExtractor.built += 1

    def pipe(self, items: Iterable[RawDocument]) -> Iterator[Document]:
        for item in items:
            if "boom" in item.text:
                raise ValueError("cannot parse")
            yield Document(item.id, item.text, item.meta)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> type[FakeExtractor]:
    FakeExtractor.built = 0
    monkeypatch.setattr(batch, "Extractor", FakeExtractor)
    return FakeExtractor


def test_check_document_passes_documents_within_the_limit() -> None:
    doc = RawDocument("d1", "x" * 10)
    assert check_document(doc, Settings(max_chars=10)) is doc


def test_check_document_over_the_limit_is_e004_without_its_text() -> None:
    checked = check_document(RawDocument("d1", "x" * 12_345, {"k": 1}), Settings(max_chars=10_000))
    assert checked.text == ""
    assert checked.meta == {"k": 1}
    assert checked.error == error("E004", doc_id="d1", size=12_345, limit=10_000)
    assert checked.error.message == (
        "d1: 12,345 characters is over the limit of 10,000. "
        "Split the document, or raise --max-chars."
    )


def test_check_document_keeps_an_earlier_error() -> None:
    bad = RawDocument("d1", "", error=error("E001", doc_id="d1"))
    assert check_document(bad, Settings(max_chars=0)) is bad


def test_run_batch_keeps_input_order_and_error_records(fake: type[FakeExtractor]) -> None:
    items = [raw(0), RawDocument("bad", "", error=error("E001", doc_id="bad")), raw(1)]
    docs = list(run_batch(items, Settings()))
    assert [d.id for d in docs] == ["d0", "bad", "d1"]
    assert [[e.code for e in d.errors] for d in docs] == [[], ["E001"], []]


def test_run_batch_extraction_failure_is_e008_for_that_document_only(
    fake: type[FakeExtractor],
) -> None:
    items = [raw(0), RawDocument("d-boom", "boom goes the parser"), raw(2)]
    docs = list(run_batch(items, Settings()))
    assert [d.id for d in docs] == ["d0", "d-boom", "d2"]
    assert [d.is_ok for d in docs] == [True, False, True]
    assert docs[1].errors == (error("E008", doc_id="d-boom", detail="ValueError: cannot parse"),)


def test_run_batch_applies_max_chars(fake: type[FakeExtractor]) -> None:
    docs = list(run_batch([raw(0), RawDocument("long", "y" * 101)], Settings(max_chars=100)))
    assert [[e.code for e in d.errors] for d in docs] == [[], ["E004"]]


def test_run_batch_loads_no_model_when_every_document_failed(fake: type[FakeExtractor]) -> None:
    bad = [RawDocument(f"b{i}", "", error=error("E001", doc_id=f"b{i}")) for i in range(20)]
    assert len(list(run_batch(bad, Settings()))) == 20
    assert fake.built == 0


def test_run_batch_streams_without_reading_all_input(fake: type[FakeExtractor]) -> None:
    endless = (raw(i) for i in itertools.count())
    first = list(itertools.islice(run_batch(endless, Settings()), 3))
    assert [d.id for d in first] == ["d0", "d1", "d2"]
    assert fake.built == 1


def test_run_batch_two_jobs_gives_the_same_documents_in_order(extractor: Extractor) -> None:
    items = [raw(i) for i in range(30)]
    items[7] = RawDocument("empty", "", error=error("E001", doc_id="empty"))
    serial = [extractor(r.text, r.id).to_dict() if r.error is None else None for r in items]
    parallel = list(run_batch(items, Settings(), jobs=2))
    assert [d.id for d in parallel] == [r.id for r in items]
    assert parallel[7].errors[0].code == "E001"
    assert [d.to_dict() for i, d in enumerate(parallel) if i != 7] == [
        s for s in serial if s is not None
    ]


def test_run_batch_two_jobs_stops_early_when_closed() -> None:
    docs = run_batch((raw(i) for i in itertools.count()), Settings(), jobs=2)
    assert next(docs).id == "d0"
    docs.close()  # must shut the workers down, not wait for the endless input


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_batch_extractor_that_cannot_load_the_model_says_why(jobs: int) -> None:
    settings = Settings(model="no_such_spacy_model_here")
    with pytest.raises(ExtractorStartError, match=r"OSError: .*no_such_spacy_model_here"):
        list(run_batch([raw(0)], settings, jobs=jobs))


def doc_with(attributions: int, *, failed: bool = False) -> Document:
    found = tuple(
        Attribution(f"a{i}", "direct", (Offsets(0, 4),), (), ()) for i in range(attributions)
    )
    errors = (error("E001", doc_id="d"),) if failed else ()
    return Document("d", "text", attributions=found, errors=errors)


def test_report_counts_and_exit_code() -> None:
    report = Report()
    assert (str(report), report.return_code) == ("0 documents, 0 attributions, 0 failed", 0)
    report.done(doc_with(1))
    assert (str(report), report.return_code) == ("1 document, 1 attribution, 0 failed", 0)
    report.done(doc_with(2))
    report.done(doc_with(0, failed=True))
    assert (report.documents, report.ok, report.failed, report.attributions) == (3, 2, 1, 3)
    assert (str(report), report.return_code) == ("3 documents, 3 attributions, 1 failed", 1)
