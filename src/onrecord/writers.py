"""Documents out: JSON Lines (the contract), JSON, CSV, and a table for people.

Every format is written from ``Document.to_dict()`` or the Document itself, one document
at a time, so writing a corpus takes constant memory (JSON too: the list is streamed).
"""

from __future__ import annotations

import csv
import json
import shutil
import textwrap
from typing import Any, ClassVar, TextIO

from onrecord.model import UNCERTAIN_SPEAKER, Document

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "CsvWriter",
    "JsonLinesWriter",
    "JsonWriter",
    "TableWriter",
    "Writer",
    "make_writer",
]

#: the --format choices
FORMATS = ("jsonl", "json", "csv", "table")

#: one CSV row per attribution; a failed document gets one row with only doc_id and error
CSV_COLUMNS = (
    "doc_id",
    "attribution_id",
    "kind",
    "type",
    "speaker",
    "source",
    "cue",
    "content",
    "source_offsets",
    "cue_offsets",
    "content_offsets",
    "confidence",
    "speaker_confidence",
    "speaker_id",
    "via",
    "error",
)


class Writer:
    """Writes documents to a text stream, one at a time; ``close`` finishes the format."""

    format: ClassVar[str] = ""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, doc: Document) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the output (the stream itself stays open: the caller owns it)."""
        self.stream.flush()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class JsonLinesWriter(Writer):
    """One record per line, UTF-8 as is (``ensure_ascii=False``): the public contract."""

    format = "jsonl"

    def write(self, doc: Document) -> None:
        self.stream.write(_json(doc.to_dict()) + "\n")


class JsonWriter(Writer):
    """One JSON list of records, streamed: ``[`` first, ``]`` on close."""

    format = "json"

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.count = 0

    def write(self, doc: Document) -> None:
        self.stream.write(("[\n" if not self.count else ",\n") + _json(doc.to_dict()))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if not self.count else "\n]\n")
        super().close()


class CsvWriter(Writer):
    """One row per attribution with its words and offsets; a failed document, one error row.

    A document without attributions and without errors has no row. Offsets are the
    record's ``[[start, end], …]`` lists; words of a split part are joined by `` … ``.
    """

    format = "csv"

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.csv = csv.writer(stream, lineterminator="\n")
        self.csv.writerow(CSV_COLUMNS)

    def write(self, doc: Document) -> None:
        if doc.errors:
            message = "; ".join(f"{e.code}: {e.message}" for e in doc.errors)
            self.csv.writerow([doc.id, *[""] * (len(CSV_COLUMNS) - 2), message])
        for a in doc.attributions:
            speaker = doc.entity(a.speaker)
            record = a.to_dict()
            self.csv.writerow(
                [
                    doc.id,
                    a.id,
                    a.kind,
                    a.type or "",
                    speaker.name if speaker else "",
                    doc.span_text(a.source),
                    doc.span_text(a.cue),
                    doc.span_text(a.content),
                    json.dumps(record["source"]),
                    json.dumps(record["cue"]),
                    json.dumps(record["content"]),
                    record["confidence"],
                    _blank_if_none(record["speaker_confidence"]),
                    a.speaker or "",
                    a.via or "",
                    "",
                ]
            )


class TableWriter(Writer):
    """For a terminal: per document, who said what, through which cue, and where.

    A row is: speaker (else the source's words), how sure the speaker is (its
    ``speaker_confidence``, ``?`` after it below ``UNCERTAIN_SPEAKER``; blank in records
    made before it existed), kind, type (statement or thought; blank in records made before
    it existed), cue, content, and the content's span. A column blank on every row is left
    out.
    """

    format = "table"

    def __init__(self, stream: TextIO, width: int | None = None) -> None:
        super().__init__(stream)
        self.width = width or shutil.get_terminal_size((100, 24)).columns

    def write(self, doc: Document) -> None:
        self.stream.write("\n".join(self.lines(doc)) + "\n\n")

    def lines(self, doc: Document) -> list[str]:
        """The table for ``doc``: a heading line, then one line per attribution."""
        count = len(doc.attributions)
        heading = f"{doc.id} ({count} attribution{'' if count == 1 else 's'})"
        lines = [_clip(heading, self.width)]
        for e in doc.errors:
            lines += textwrap.wrap(
                f"✗ {e.code} {e.message}", self.width, initial_indent="  ", subsequent_indent="    "
            )
        if not doc.attributions:
            return lines
        rows = [self._cells(doc, i) for i in range(count)]
        caps = (20, 5, 8, 9, 16)
        widths = [min(max(len(r[c]) for r in rows), cap) for c, cap in enumerate(caps)]
        where = max(len(r[6]) for r in rows)
        shown = [c for c, w in enumerate(widths) if w or c not in (1, 3)]  # no empty sure/type
        # two spaces before each column: the shown ones, the words and the span
        room = max(self.width - sum(widths[c] for c in shown) - where - 2 * (len(shown) + 2), 20)
        for speaker, sure, kind, kind_of, cue, words, span in rows:
            cells = [_clip(speaker, widths[0]), sure, kind, kind_of, _clip(cue, widths[4])]
            fixed = "  ".join(cells[c].ljust(widths[c]) for c in shown)
            lines.append(f"  {fixed}  {_shorten(words, room).ljust(room)}  {span}".rstrip())
        return lines

    @staticmethod
    def _cells(doc: Document, index: int) -> tuple[str, str, str, str, str, str, str]:
        a = doc.attributions[index]
        speaker = doc.entity(a.speaker)
        who = speaker.name if speaker else (doc.span_text(a.source) or "?")
        content = a.content or a.source
        span = f"[{content[0].start}:{content[-1].end}]" if content else ""
        words = _flat(doc.span_text(a.content))
        sure, cue = _sure(a.speaker_confidence), _flat(doc.span_text(a.cue))
        return who, sure, a.kind, a.type or "", cue, words, span


_WRITERS: dict[str, type[Writer]] = {
    w.format: w for w in (JsonLinesWriter, JsonWriter, CsvWriter, TableWriter)
}


def make_writer(format: str, stream: TextIO) -> Writer:
    """The writer for ``format`` (one of FORMATS) on ``stream``."""
    try:
        return _WRITERS[format](stream)
    except KeyError:
        raise ValueError(f"unknown format {format!r}: use one of {', '.join(FORMATS)}") from None


def _sure(speaker_confidence: float | None) -> str:
    """``0.93``, ``0.41?`` below UNCERTAIN_SPEAKER, or blank when the record has none."""
    if speaker_confidence is None:
        return ""
    mark = "?" if speaker_confidence < UNCERTAIN_SPEAKER else ""
    return f"{speaker_confidence:.2f}{mark}"


def _blank_if_none(value: object) -> object:
    return "" if value is None else value


def _json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def _flat(text: str) -> str:
    """Text on one line: runs of whitespace (line breaks too) become one space."""
    return " ".join(text.split())


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def _shorten(text: str, width: int) -> str:
    """``text`` in ``width`` characters: its start and end, cut at words, joined by ``…``."""
    if len(text) <= width:
        return text
    half = (width - 3) // 2
    head = textwrap.shorten(text[: half + 20], half, placeholder="")
    tail_words = text[-(half + 20) :].split(" ")[1:]  # drop the (likely cut) first word
    tail = ""
    for word in reversed(tail_words):
        if len(word) + len(tail) + 1 > half:
            break
        tail = f"{word} {tail}" if tail else word
    return f"{head or text[:half]} … {tail or text[-half:]}"
