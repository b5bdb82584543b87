"""The error catalogue: every code a user can see, with what to do about it.

The library raises ``OnrecordError`` subclasses carrying a code; in a batch, a bad
document becomes a record with ``errors`` filled and the rest go on (see batch.py).
"""

from __future__ import annotations

from onrecord.model import DocumentError

E001 = "{doc_id}: the document is empty. Check the file or the JSON field that holds the text."
E002 = "{doc_id}: looks like binary data ({detail}), not text. Pass text, HTML or JSON Lines files."
E003 = (
    "{doc_id}: not valid {encoding} ({detail}). Pass --encoding with the file's encoding, "
    "or re-save it as UTF-8."
)
E004 = (
    "{doc_id}: {size:,} characters is over the limit of {limit:,}. "
    "Split the document, or raise --max-chars."
)
E005 = "{doc_id}: line {line} is not valid JSON ({detail}). Fix or remove that line."
E006 = (
    "{doc_id}: line {line} has no text in field {field!r} (keys: {keys}). "
    "Pick the field with --text-field."
)
E007 = "{doc_id}: cannot read {path} ({detail}). Check that it exists and is readable."
E008 = "{doc_id}: extraction failed ({detail}). Please report this with the document."
E009 = "{doc_id}: line {line} is a JSON {kind}, not an object. Each line must be one {{...}}."
E010 = (
    "{path}: no trained tagger here (tagger.npz and tagger.json; encoder.onnx too for the "
    "accurate profile). Point --tagger / ONRECORD_TAGGER at the --out folder of `onrecord "
    "train`, or leave it empty."
)

E011 = (
    "{doc_id}: no article text found in the HTML ({detail}). Check that it is an article "
    "page, or pass its text as .txt."
)
E012 = (
    "{doc_id}: damaged WARC record at byte {offset} of {path} ({detail}). The records "
    "around it were read; re-fetch the file to recover this one."
)
E013 = (
    "{doc_id}: line {line} holds a lone surrogate ({detail}), half of a UTF-16 pair, which "
    "is not text. Fix the program that wrote the file, or drop that line."
)
E014 = (
    "{doc_id}: {path} is not a regular file ({kind}); reading it could wait for ever. "
    "Pass files or folders, or pipe the data in through - (stdin)."
)
E015 = (
    "{doc_id}: {what} holds more than {limit:,} bytes, the most --max-chars allows; it was "
    "skipped without being loaded. Split it, or raise --max-chars."
)
E016 = (
    "the accurate profile needs {missing}: pip install 'onrecord[accurate]' (onnxruntime "
    "and tokenizers; its model ships with onrecord, nothing is downloaded)."
)
E017 = (
    "{path}: this tagger was trained with `onrecord train --accurate` (it has encoder.onnx). "
    "Run with --accurate (ONRECORD_PROFILE=accurate), or point --tagger at a default one."
)


class OnrecordError(Exception):
    """An error with a catalogue code, a message a user can act on."""

    code = "E000"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def as_record(self) -> DocumentError:
        return DocumentError(self.code, self.message)


def error(code: str, **fields: object) -> DocumentError:
    """A DocumentError for catalogue entry ``code`` (e.g. "E001") filled with ``fields``."""
    template: str = globals()[code]
    return DocumentError(code, template.format(**fields))


# evaluation (onrecord eval): bad gold or prediction files; {where} is file:line
E101 = "{path}: cannot read ({detail}). Check that the file exists and is UTF-8 text."
E102 = "{where}: not valid JSON ({detail}). Fix or remove that line."
E103 = "{where}: expected a JSON object, got {got}. Each record and attribution is one {{...}}."
E104 = '{where}: missing or empty "id". Give each record an "id": gold and predictions join on it.'
E105 = "{where}: duplicate id {doc_id!r}. Keep one record per document."
E106 = '{where}: {detail}. A gold record needs the article "text"; a prediction may leave it out.'
E107 = (
    '{where}: "text" differs from the gold text of {doc_id!r}. Offsets point into the gold '
    'text: leave "text" out of predictions, or copy it unchanged.'
)
E108 = '{where}: "attributions" must be a list. Use [] for a document without any.'
E109 = '{where}: missing "content". Every attribution needs its content pieces.'
E110 = '{where}: "kind" must be one of {kinds}, not {kind!r}. Use one of them, or leave it out.'
E111 = '{where}: "{key}" must be {expected}. Use null where it is unknown.'
E112 = (
    "{where}: {detail}. A piece is [start, end], integer character offsets into the gold "
    "text with start <= end."
)


# the store (onrecord ingest and the query commands); {path} is the DuckDB file
E201 = (
    "{path} is locked by another process ({detail}). An ingest lets readers in between "
    "documents: try again, or wait for it to finish."
)
E202 = "{path}: cannot open the store ({detail}). Check the path, or that it is a DuckDB file."
E203 = "{path}: no store here. Create one with `onrecord ingest ARTICLES --db {path}`."
E204 = "{path}: another ingest is writing to this store ({detail}). Wait for it to finish."
E205 = (
    "onrecord sql only reads: {kind} statements are refused. Use SELECT, WITH, DESCRIBE, "
    "SHOW or EXPLAIN; to change the store, ingest again."
)
E206 = "the query failed: {detail}"
E207 = "{what} {value!r} is not valid: {detail}"
E208 = (
    "{path} is a file: `export --parquet` writes a folder (one subfolder per table). "
    "Name a new or an existing folder."
)
E209 = "{path}: cannot write the export there ({detail}). Check the path, or name another folder."


class StoreError(OnrecordError):
    """The store cannot be opened, is locked, or refused a query; the message says why."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code, globals()[code].format(**fields))


# the Spark job (onrecord spark) and reading its Parquet tables (onrecord ingest --parquet)
E301 = (
    "{path}: cannot tell the input format from the name. Pass --input-format jsonl, "
    "parquet or warc."
)
E302 = (
    "{path} holds files that are not onrecord's tables ({detail}). Pick a new or empty "
    "--out folder: a rerun replaces articles/, attributions/, entities/ and errors/ only."
)
E303 = (
    "{path}: no onrecord Parquet tables here ({detail}). Point --parquet at the --out "
    "folder of `onrecord spark` or `onrecord export --parquet`."
)
E304 = (
    "the Spark job needs pyspark ({detail} is missing). Install it: pip install 'onrecord[spark]'."
)
E305 = (
    "Spark could not start ({detail}). Check that Java 17 is installed (java -version, or "
    "JAVA_HOME) and the --master URL."
)
E306 = (
    "{path}: the Parquet input has no column {field!r} (columns: {columns}). Pick it with "
    "--text-field."
)
E307 = "the Spark job failed: {detail}"


class SparkJobError(OnrecordError):
    """The Spark job cannot start, read its input, or write its output; the message says why."""

    def __init__(self, code: str, **fields: object) -> None:
        super().__init__(code, globals()[code].format(**fields))
